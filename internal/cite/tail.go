package cite

import (
	"strings"
	"unicode/utf8"

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

// Issuer names. A body's name is a run of capitalised words ("Ban Thường vụ
// Tỉnh ủy Lạng Sơn", "Bộ Chính trị") in which some lower-case words may
// occur ("Ban Chấp hành Đảng bộ tỉnh", "Ủy ban nhân dân tỉnh"). Any other
// word ends it, and so do the words that end it in upper-case text.

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

// listedAfter reports that reference q follows reference q-1 as the next
// item of a list: only its date and issuer stand between them, then "," or
// "và".
func (p *parser) listedAfter(prev, q int) bool {
	return p.refs[prev].sumStart < 0 && p.listGap(p.refs[prev].tailEnd, p.refs[q].Start)
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

// shareListIssuers gives the items of a same-kind list the issuer written
// after the last one: "các Chỉ thị số 04-CT/TU, 05-CT/TU và 06-CT/TU của
// Ban Thường vụ Tỉnh ủy".
//
// The same holds for citations joined by "," or "và" with only their
// dates between them: "Kết luận số 44-KL/TW và Chỉ thị số 09-CT/TW của Ban
// Bí thư".
func (p *parser) shareListIssuers() {
	for k := len(p.refs) - 1; k > 0; k-- {
		if p.refs[k].Issuer == "" {
			continue
		}
		for q := k - 1; q >= 0; q-- {
			prev, next := p.refs[q], p.refs[q+1]
			sameList := prev.head == next.head || p.listedAfter(q, q+1)
			if !sameList || prev.Issuer != "" {
				break
			}
			prev.Issuer = next.Issuer
		}
	}
}

// Subjects. A subject runs from "về" to the first of: the next citation, a
// ';', a ':', the end of the sentence, or a clause such as ", trong đó".

// maxSummary bounds a subject, in bytes.
const maxSummary = 1200

// clauseWords open a clause after a comma that is no longer the subject.
var clauseWords = [][]string{
	{"trong", "do"}, {"theo", "do"}, {"dong", "thoi"}, {"qua", "do"}, {"tu", "do"},
	{"sau", "do"}, {"nham"}, {"tuy", "nhien"}, {"nhung"}, {"do", "do"}, {"vi", "vay"},
	{"den", "nay"}, {"ke", "tu"},
}

func (p *parser) summary(k int) {
	r := p.refs[k]
	if r.sumStart < 0 {
		return
	}
	limit := p.limit(k)
	end := p.subjectEnd(r.sumStart, limit)
	if end == limit && k+1 < len(p.refs) {
		next := p.refs[k+1]
		if next.bodyStart > r.sumStart {
			// "Thực hiện Quy định số 04-QĐi/TW ... về ..., Ban Thường vụ
			// Tỉnh ủy đã ban hành Quy định số 08-QĐi/TU": the subject ends
			// before the body that issues the next one.
			end = next.bodyStart
		} else {
			r.sumToNext = true
		}
	}
	r.sumEnd = p.trimSubject(r.sumStart, end, r.sumToNext)
}

// subjectEnd finds where a subject that starts at s[i] ends.
func (p *parser) subjectEnd(i, limit int) int {
	s := p.s
	stop := min(limit, i+maxSummary)
	for j := i; j < stop; j++ {
		switch s[j] {
		case ';':
			return j
		case ':':
			if !(j > 0 && j+1 < len(s) && isASCIIDigit(s[j-1]) && isASCIIDigit(s[j+1])) {
				return j
			}
		case '.', '!', '?':
			if sentenceEndsAt(s, j) {
				return j
			}
		case '\n':
			if _, para := skipSpace(s, j, limit); para {
				return j
			}
		case ',':
			if p.clauseAfter(j+1, limit) {
				return j
			}
		case 0xE2: // "…" followed by a space ends the sentence too
			if strings.HasPrefix(s[j:], "…") && sentenceEndsAt(s, j+len("…")-1) {
				return j
			}
		}
	}
	if stop < limit {
		// Too long to be a subject line: cut at a word boundary.
		for stop > i && !isSpaceRune(rune(s[stop-1])) {
			stop--
		}
	}
	return stop
}

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

func (p *parser) clauseAfter(i, limit int) bool {
	for _, words := range clauseWords {
		if p.wordsFollow(i, limit, words...) {
			return true
		}
	}
	return false
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = setOf("tp", "ths", "ts", "pgs", "gs", "bs", "ks", "ncs", "tx")

// sentenceEndsAt reports a '.', '!' or '?' at s[j] that ends a sentence:
// followed by a space, a closing quote or the end, and not after an
// abbreviation such as "TP.".
func sentenceEndsAt(s string, j int) bool {
	k := j + 1
	for k < len(s) && (s[k] == '"' || s[k] == ')' || strings.HasPrefix(s[k:], "”") || strings.HasPrefix(s[k:], "’")) {
		if s[k] == '"' || s[k] == ')' {
			k++
		} else {
			k += len("”")
		}
	}
	if k < len(s) {
		r, _ := decode(s, k)
		if !isSpaceRune(r) {
			return false
		}
	}
	if s[j] == '.' {
		w := wordStart(s, j, 0)
		var buf [8]byte
		if w < j && j-w <= 4 && abbreviations[string(appendFold(buf[:0], s[w:j]))] {
			return false
		}
	}
	return true
}

// sentenceBreak reports a sentence end in s[a:b].
func sentenceBreak(s string, a, b int) bool {
	for j := a; j < b; j++ {
		switch s[j] {
		case '.', '!', '?':
			if sentenceEndsAt(s, j) {
				return true
			}
		case '\n':
			if _, para := skipSpace(s, j, b); para {
				return true
			}
		}
	}
	return false
}

// trailingJoiners are dropped from the end of a subject cut by the next
// citation: "về X và" + "Chỉ thị số ...".
var trailingJoiners = setOf("va", "cac", "voi", "cung", "hoac")

// trimSubject drops spaces, punctuation and quotes at the ends of s[a:b],
// and joining words at the end when the next citation cut it.
func (p *parser) trimSubject(a, b int, cut bool) int {
	s := p.s
	for b > a {
		r, n := decodeLast(s, b)
		switch {
		case isSpaceRune(r) || strings.ContainsRune(",;:-–", r):
			b -= n
			continue
		case cut:
			if w := wordStart(s, b, a); w < b && trailingJoiners[string(p.foldWord(s[w:b]))] {
				b = w
				continue
			}
		}
		break
	}
	return b
}

// finishSummary sets the Summary text of reference k.
func (p *parser) finishSummary(k int) {
	r := p.refs[k]
	if r.sumStart >= 0 && r.sumEnd > r.sumStart {
		r.Summary = trimQuotes(clean(p.s[r.sumStart:r.sumEnd]))
	}
	if r.Summary == "" {
		r.Summary = r.name
	}
}

// trimQuotes removes quotes around a subject ("về “Ngày hội toàn dân bảo
// vệ an ninh Tổ quốc”"), but not a quote whose partner is inside.
func trimQuotes(s string) string {
	for s != "" {
		first, fn := utf8.DecodeRuneInString(s)
		last, ln := utf8.DecodeLastRuneInString(s)
		q1, q2 := isQuote(first), isQuote(last)
		switch {
		case q1 && q2 && len(s) > fn && strings.IndexFunc(s[fn:len(s)-ln], isQuote) < 0:
			s = s[fn : len(s)-ln]
		case q1 && strings.IndexFunc(s[fn:], isQuote) < 0:
			s = s[fn:]
		case q2 && strings.IndexFunc(s[:len(s)-ln], isQuote) < 0:
			s = s[:len(s)-ln]
		default:
			return strings.TrimSpace(s)
		}
		s = strings.TrimSpace(s)
	}
	return s
}

func isQuote(r rune) bool { return strings.ContainsRune("\"'“”‘’«»", r) }
