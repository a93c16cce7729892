package cite

import (
	"strings"

	"noichinh/internal/civil"
)

// Issuer names. A body's name is a run of capitalised words ("Ban Thường vụ
// Tỉnh ủy Lạng Sơn", "Bộ Chính trị") in which some lower-case words may
// occur ("Ban Chấp hành Đảng bộ tỉnh", "Ủy ban nhân dân tỉnh"). Any other
// lower-case word ends it; so do a few function words ("về", "ngày", "đã",
// …) whatever their case, which is how a name ends in upper-case text.

// bodyInner lists the lower-case words (folded) that may continue a name.
var bodyInner = setOf("vu", "hanh", "thu", "tri", "phu", "uy", "tinh", "nhan", "dan", "ban",
	"dang", "bo", "uong", "truc", "chinh", "tuong", "khu", "thanh", "pho", "huyen", "xa",
	"phuong", "khoi", "tra", "dao", "hoi", "dong", "truong", "tich", "giao", "an", "nuoc",
	"nha", "sat", "kiem", "vien", "lien", "nganh", "thuong", "chap", "noi", "quoc", "toa",
	"phong", "nghi", "tran")

// bodyStop lists words (folded) that end a name whatever their case.
var bodyStop = setOf("ve", "ngay", "khoa", "nhiem", "tai", "trong", "da", "se", "cho", "voi",
	"de", "duoc", "thi", "la", "nam", "lan", "theo", "nham", "ma", "tu", "den", "sau", "khi",
	"so", "cung", "ky", "va", "vua", "moi", "co", "cua", "ra", "tham", "muu", "gui", "trinh")

// setOf returns the set of the given words.
func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// maxBodyWords bounds a body's name.
const maxBodyWords = 16

// bodyAfter reads a body's name that starts after s[i] ("của <name>").
func (p *parser) bodyAfter(i, limit int) (start, end int, ok bool) {
	s := p.s
	start, pos := -1, i
	for n := 0; n < maxBodyWords; n++ {
		j, para := skipSpace(s, pos, limit)
		if para || (j == pos && n > 0) || j >= limit {
			break
		}
		e := wordEnd(s, j, limit)
		if e == j {
			break
		}
		w := s[j:e]
		if start >= 0 {
			if k, ok := p.nameInsert(s[start:end], j, limit); ok {
				end, pos = k, k
				continue
			}
		}
		if strings.ContainsAny(w, "0123456789") {
			break
		}
		f, c := p.foldWord(w), caseOf(w)
		if string(f) == "va" && start >= 0 {
			// "Bộ Chính trị và Ban Bí thư", but not "… và sự chỉ đạo".
			ns, _ := skipSpace(s, e, limit)
			ne := wordEnd(s, ns, limit)
			if ne == ns || caseOf(s[ns:ne]) != titleWord && (caseOf(s[ns:ne]) == lowerWord || bodyStop[string(p.foldWord(s[ns:ne]))]) {
				break
			}
			pos = e
			continue
		}
		if (bodyStop[string(f)] && c != titleWord) || (string(f) == "ban" && p.wordsFollow(e, limit, "hanh")) {
			break
		}
		if c == lowerWord && (start < 0 || !bodyInner[string(f)]) {
			break
		}
		if start < 0 {
			start = j
		}
		end, pos = e, e
	}
	return start, end, start >= 0
}

// steeringTopics are the subjects that belong to the names of the
// steering committees this domain cites: "Ban Chỉ đạo Trung ương về phòng,
// chống tham nhũng, tiêu cực".
var steeringTopics = [][]string{
	{"phong", ",", "chong", "tham", "nhung", ",", "lang", "phi", ",", "tieu", "cuc"},
	{"phong", ",", "chong", "tham", "nhung", ",", "tieu", "cuc"},
	{"phong", ",", "chong", "tham", "nhung"},
	{"phong", "chong", "tham", "nhung"},
	{"cai", "cach", "tu", "phap"},
}

// nameInsert reads, at s[j], the parts that may stand inside a body's name
// although they would end it elsewhere: the number of a conference ("Hội
// nghị lần thứ tư Ban Chấp hành …", "Hội nghị Trung ương 6") and the topic
// of a steering committee. name is the name read so far.
func (p *parser) nameInsert(name string, j, limit int) (int, bool) {
	s := p.s
	e := wordEnd(s, j, limit)
	f := string(p.foldWord(s[j:e]))
	if f != "lan" && f != "ve" && f != "phong" && !isDigits(s[j:e]) {
		return 0, false
	}
	last := fold(name[wordStart(name, len(name), 0):]) // the name's last word
	switch {
	case isDigits(s[j:e]) && (last == "uong" && strings.Contains(foldWords(name), "hoi nghi")):
		return e, true // "Hội nghị Trung ương 6"
	case f == "lan" && strings.Contains(foldWords(name), "hoi"):
		if k, ok := wordAfter(s, e, limit, "thu"); ok {
			ns, _ := skipSpace(s, k, limit)
			if ne := wordEnd(s, ns, limit); ne > ns {
				return ne, true // "lần thứ tư", "lần thứ 6"
			}
		}
	case f == "phong" && last == "dao":
		for _, topic := range steeringTopics {
			if k, ok := p.phraseAfter(j, limit, topic); ok {
				return k, true // "Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh"
			}
		}
	case f == "ve" && strings.Contains(foldWords(name), "chi dao"):
		for _, topic := range steeringTopics {
			if k, ok := p.phraseAfter(e, limit, topic); ok {
				return k, true
			}
		}
	}
	return 0, false
}

// phraseAfter matches folded words and commas after s[i].
func (p *parser) phraseAfter(i, limit int, phrase []string) (int, bool) {
	s := p.s
	for _, w := range phrase {
		j, para := skipSpace(s, i, limit)
		if para || j >= limit {
			return 0, false
		}
		if w == "," {
			if s[j] != ',' {
				return 0, false
			}
			i = j + 1
			continue
		}
		e := wordEnd(s, j, limit)
		if e == j || !foldIs(s[j:e], w) {
			return 0, false
		}
		i = e
	}
	return i, true
}

// bodyBefore reads a body's name that ends at s[i] ("<name> ban hành").
func (p *parser) bodyBefore(i, lower int) (start, end int, ok bool) {
	s := p.s
	start, end = -1, -1
	pos := i
	var after string // the word just after the current one, as written
	for n := 0; n < maxBodyWords; n++ {
		j, para := skipSpaceBack(s, pos, lower)
		if para || j == pos || j <= lower {
			break
		}
		ws := wordStart(s, j, lower)
		if ws == j {
			break
		}
		w := s[ws:j]
		if strings.ContainsAny(w, "0123456789") {
			break
		}
		f := p.foldWord(w)
		if string(f) == "va" && start >= 0 && caseOf(after) != lowerWord {
			// "Bộ Chính trị và Ban Bí thư ban hành": go on if a name
			// part stands before "và" too.
			ps, _ := skipSpaceBack(s, ws, lower)
			pw := wordStart(s, ps, lower)
			if pw < ps {
				prev := s[pw:ps]
				if caseOf(prev) != lowerWord || bodyInner[string(p.foldWord(prev))] {
					pos, after = ws, w
					continue
				}
			}
			break
		}
		c := caseOf(w)
		if bodyStop[string(f)] && c != titleWord {
			break
		}
		if c == lowerWord && !bodyInner[string(f)] {
			break
		}
		if end < 0 {
			end = j
		}
		if c != lowerWord {
			start = ws
		}
		pos, after = ws, w
	}
	return start, end, start >= 0
}

// foldWord folds w into the parser's buffer; the result is valid until the
// next call. Map lookups and comparisons with string(f) do not allocate.
func (p *parser) foldWord(w string) []byte {
	p.buf = appendFold(p.buf[:0], w)
	return p.buf
}

// issuingVerbs end a clause that issues the next citation: "Tỉnh ủy ban
// hành Nghị quyết số ...", "Thủ tướng đã ký Quyết định số ...".
func (p *parser) issuingVerb(i, lower int) (start int, ok bool) {
	s := p.s
	j, para := skipSpaceBack(s, i, lower)
	w := wordStart(s, j, lower)
	if para || w == j {
		return 0, false
	}
	if foldIs(s[w:j], "cac") { // "ban hành các Chỉ thị số ..."
		if j, para = skipSpaceBack(s, w, lower); para {
			return 0, false
		}
		if w = wordStart(s, j, lower); w == j {
			return 0, false
		}
	}
	switch {
	case foldIs(s[w:j], "hanh"):
		pj, _ := skipSpaceBack(s, w, lower)
		pw := wordStart(s, pj, lower)
		if pw < pj && pj < w && foldIs(s[pw:pj], "ban") {
			return pw, true
		}
	case foldIs(s[w:j], "ky"), foldIs(s[w:j], "ra"):
		return w, true
	}
	return 0, false
}

// issuance finds "<body> (đã) ban hành <citation>": the body is the issuer
// when no "của" says otherwise, and a date just before the body ("Ngày
// 27/9/1954, Liên khu ủy Việt Bắc đã ban hành ...") is the issue date when
// the citation has none of its own. Only the citation right after the verb
// (with the items of its list) is issued there, never the others of the
// sentence.
func (p *parser) issuance(k int) {
	s, r := p.s, p.refs[k]
	lower := 0
	if k > 0 {
		lower = p.refs[k-1].tailEnd
	}
	verb, ok := p.issuingVerb(r.Start, lower)
	if !ok {
		return
	}
	r.verbStart = verb
	b := verb
	for range 3 { // "đã", "vừa", "mới", "ký": "đã ký ban hành"
		j, _ := skipSpaceBack(s, b, lower)
		w := wordStart(s, j, lower)
		if w < j && j < b && (foldIs(s[w:j], "da") || foldIs(s[w:j], "vua") || foldIs(s[w:j], "moi") || foldIs(s[w:j], "ky")) {
			b = w
			continue
		}
		break
	}
	bs, be, ok := p.bodyBefore(b, lower)
	if !ok {
		// "…, tiếp đó ngày 10/4/2019 ban hành Kế hoạch số …": no body,
		// but the date stands right before the verb.
		if d, _, ok := dateBefore(s, b, lower); ok && r.Issued.IsZero() {
			r.Issued = d
		}
		return
	}
	r.bodyStart = bs
	issuer := clean(s[bs:be])
	date, _, dated := dateBefore(s, bs, lower)
	if !dated {
		date, dated = p.sameDay(k, bs, lower)
	}
	// The items of a same-kind list right after the verb are issued there
	// too: "Tỉnh ủy ban hành Nghị quyết số 01, 02 và 03-NQ/TU".
	q := k
	for ; q < len(p.refs) && p.refs[q].head == k; q++ {
		if x := p.refs[q]; x.Issuer == "" {
			x.Issuer = issuer
		}
		if x := p.refs[q]; dated && x.Issued.IsZero() {
			x.Issued = date
		}
	}
	// Other citations listed as objects of the same verb ("ban hành Chỉ
	// thị số 30-CT/TU, Chỉ thị số 31-CT/TU và Kế hoạch số 32-KH/TU") have
	// the same issuer; the date before the sentence stays with the first.
	for ; q < len(p.refs) && p.listedAfter(q-1, q); q++ {
		if x := p.refs[q]; x.Issuer == "" {
			x.Issuer = issuer
		}
	}
}

// maxSameDayLookBack bounds how many citations back "cùng ngày" looks.
const maxSameDayLookBack = 8

// sameDay reads "cùng ngày" right before the body that issues reference k:
// the date is that of the citation issued earlier in the sentence.
func (p *parser) sameDay(k, bodyStart, lower int) (civil.Date, bool) {
	s := p.s
	j, _ := skipSpaceBack(s, bodyStart, lower)
	if j > lower && s[j-1] == ',' {
		j, _ = skipSpaceBack(s, j-1, lower)
	}
	w := wordStart(s, j, lower)
	if w == j || !foldIs(s[w:j], "ngay") {
		return civil.Date{}, false
	}
	pj, _ := skipSpaceBack(s, w, lower)
	pw := wordStart(s, pj, lower)
	if pw == pj || !foldIs(s[pw:pj], "cung") {
		return civil.Date{}, false
	}
	for q := k - 1; q >= 0 && q >= k-maxSameDayLookBack; q-- {
		if sentenceBreak(s, p.refs[q].End, p.refs[q+1].Start) {
			break
		}
		if p.refs[q].verbStart >= 0 && !p.refs[q].Issued.IsZero() {
			return p.refs[q].Issued, true
		}
	}
	return civil.Date{}, false
}
