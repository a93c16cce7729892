package cite

import (
	"strings"

	"noichinh/internal/civil"
)

// What follows a citation: its date, its issuer and its subject, in the
// orders real text uses:
//
//	Chỉ thị số 48-CT/TW, ngày 22/10/2010 của Bộ Chính trị về ...
//	Quyết định số 521/QĐ-TTg ngày 13/6/2005 của Thủ tướng Chính phủ về ...
//	Kết luận số 44-KL/TW của Ban Bí thư (khóa XII), ngày 22/01/2019 về ...
//	Quy định 11-QĐi/TW (18/02/2019)

// maxTailSteps bounds the elements read after a citation.
const maxTailSteps = 8

// tail reads the date, the issuer and the start of the subject of reference
// k, up to the next citation.
func (p *parser) tail(k int) {
	s, r := p.s, p.refs[k]
	limit := p.limit(k)
	pos := r.End
	r.tailEnd = r.End
	for step := range maxTailSteps {
		j, para := skipSpace(s, pos, limit)
		if para || j >= limit {
			return
		}
		switch s[j] {
		case ',':
			pos = j + 1
			continue
		case '(':
			// "(khóa XII)", "(18/02/2019)": a parenthesis that closes before
			// the next citation belongs to this one.
			close := strings.IndexByte(s[j:min(limit, j+160)], ')')
			if close < 0 {
				return
			}
			if d, ok := p.dateInParens(j+1, j+close); ok && r.Issued.IsZero() {
				r.Issued = d
			}
			pos = j + close + 1
			r.tailEnd = pos
			continue
		}
		e := wordEnd(s, j, limit)
		if e == j {
			return
		}
		w := s[j:e]
		switch {
		case foldIs(w, "ngay"), foldIs(w, "ban") && p.wordsFollow(e, limit, "hanh", "ngay"),
			foldIs(w, "ky") && p.wordsFollow(e, limit, "ngay"):
			for !foldIs(w, "ngay") { // move to the word "ngày"
				j, _ = skipSpace(s, e, limit)
				e = wordEnd(s, j, limit)
				w = s[j:e]
			}
			ds, _ := skipSpace(s, e, limit)
			d, de, ok := dateAt(s, ds, limit)
			if !ok {
				return
			}
			if r.Issued.IsZero() {
				r.Issued = d
			}
			pos, r.tailEnd = de, de
		case foldIs(w, "cua"):
			if r.Issuer != "" {
				return
			}
			bs, be, ok := p.bodyAfter(e, limit)
			if !ok {
				return
			}
			r.Issuer = clean(s[bs:be])
			pos, r.tailEnd = be, be
		case foldIs(w, "nam"):
			// "Chỉ thị số 03 năm 2016 của …": a year alone is no issue
			// date, but what follows still belongs to the citation.
			ys, _ := skipSpace(s, e, limit)
			ye := wordEnd(s, ys, limit)
			if _, ok := year(s[ys:ye]); !ok {
				return
			}
			pos, r.tailEnd = ye, ye
		case foldIs(w, "khoa"):
			// "của Ban Bí thư khóa XI": the term, not part of the name.
			ts, _ := skipSpace(s, e, limit)
			te := wordEnd(s, ts, limit)
			if !isRoman(s[ts:te]) {
				return
			}
			pos, r.tailEnd = te, te
		case foldIs(w, "ve"):
			r.sumStart = e
			return
		case foldIs(w, "hoi") && caseOf(w) != lowerWord && p.wordsFollow(e, limit, "nghi") && r.Issuer == "":
			// "Nghị quyết số 26-NQ/TW ngày 19/5/2018 Hội nghị lần thứ bảy
			// Ban Chấp hành Trung ương Đảng": the Party names the
			// conference that adopted it without "của".
			bs, be, ok := p.bodyAfter(j, limit)
			if !ok {
				return
			}
			r.Issuer = clean(s[bs:be])
			pos, r.tailEnd = be, be
		default:
			if step == 0 && r.KindText == "" {
				// A header "Số 125-QĐ/TU" over "Lạng Sơn, ngày 20 tháng 12
				// năm 2022": the place-date line dates the document.
				if d, e, ok := p.placeDate(pos, j, limit); ok && r.Issued.IsZero() {
					r.Issued = d
					pos, r.tailEnd = e, e
					continue
				}
			}
			return
		}
	}
}

// placeDate reads the place-date line of a document header that starts on
// the line after s[from]: "Lạng Sơn, ngày 20 tháng 12 năm 2022".
func (p *parser) placeDate(from, j, limit int) (civil.Date, int, bool) {
	s := p.s
	if strings.Count(s[from:j], "\n") != 1 {
		return civil.Date{}, 0, false
	}
	pos := j
	for n := 0; n < 5; n++ { // the place: a few capitalised words
		e := wordEnd(s, pos, limit)
		if e == pos || caseOf(s[pos:e]) == lowerWord {
			return civil.Date{}, 0, false
		}
		k, _ := skipSpace(s, e, limit)
		if k < limit && s[k] == ',' {
			e, ok := wordAfter(s, k+1, limit, "ngay")
			if !ok {
				return civil.Date{}, 0, false
			}
			ds, _ := skipSpace(s, e, limit)
			return dateAt(s, ds, limit)
		}
		pos = k
	}
	return civil.Date{}, 0, false
}

// limit is where the text that may belong to reference k ends: the next
// citation.
func (p *parser) limit(k int) int {
	if k+1 < len(p.refs) {
		return p.refs[k+1].Start
	}
	return len(p.s)
}

// wordsFollow reports that the folded words follow s[i], in order.
func (p *parser) wordsFollow(i, limit int, words ...string) bool {
	for _, w := range words {
		e, ok := wordAfter(p.s, i, limit, w)
		if !ok {
			return false
		}
		i = e
	}
	return true
}

// dateInParens reads a date that fills a parenthesis: "(18/02/2019)" or
// "(ngày 18/02/2019)".
func (p *parser) dateInParens(a, b int) (civil.Date, bool) {
	s := p.s
	j, _ := skipSpace(s, a, b)
	if e := wordEnd(s, j, b); e > j && foldIs(s[j:e], "ngay") {
		j, _ = skipSpace(s, e, b)
	}
	d, e, ok := dateAt(s, j, b)
	if !ok {
		return civil.Date{}, false
	}
	if e, _ = skipSpace(s, e, b); e != b {
		return civil.Date{}, false
	}
	return d, true
}

func isRoman(w string) bool {
	if w == "" || len(w) > 6 {
		return false
	}
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case 'I', 'V', 'X', 'L':
		default:
			return false
		}
	}
	return true
}
