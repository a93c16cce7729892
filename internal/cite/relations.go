package cite

import (
	"bytes"
	"strings"
)

// Relations between the references of one sentence come from two patterns.
//
// Inline: the words between a citation's date and issuer and the next
// citation are a relation cue and nothing else:
//
//	Chương trình hành động số 38-CTr/TU ... về thực hiện Kết luận số 05-KL/TW
//	Nghị định số 30/2020/NĐ-CP thay thế Nghị định số 110/2004/NĐ-CP
//	Nghị định số 30/2020/NĐ-CP được sửa đổi, bổ sung bởi Nghị định số ...
//
// Leading: a clause opens with "Căn cứ" or "Thực hiện" and its citations,
// and the sentence goes on to issue a document, which is then based on or
// implements them:
//
//	Thực hiện Kết luận số 44-KL/TW, Tỉnh ủy đã ban hành Kế hoạch số 100-KH/TU
//
// Anything looser (a cue far from the citation, "sơ kết 5 năm thực hiện")
// is not read as a relation: a missing relation is better than a false one.

// relate records the relations between the references of each sentence.
func (p *parser) relate() {
	s, n := p.s, len(p.refs)
	joined := make([]bool, n) // k is in the same sentence as k-1
	for k := 1; k < n; k++ {
		joined[k] = !sentenceBreak(s, p.refs[k-1].End, p.refs[k].Start)
	}
	type link struct {
		from int
		typ  string
	}
	in := make([]link, n) // the inline relation that reached k, for the list items after it
	inline := make([]bool, n)
	for k := range in {
		in[k].from = -1
	}
	for k := 1; k < n; k++ {
		if !joined[k] {
			continue
		}
		a := k - 1
		if typ, passive, ok := p.inlineCue(p.refs[a].tailEnd, p.refs[k].Start); ok {
			if passive {
				p.relateTo(k, typ, a)
			} else {
				p.relateTo(a, typ, k)
				in[k], inline[a] = link{a, typ}, true
			}
			continue
		}
		gap := p.listGap(p.contentEnd(a), p.refs[k].Start)
		if gap && in[a].from >= 0 {
			// "về thực hiện Chỉ thị số 04-CT/TU, 05-CT/TU và ...".
			p.relateTo(in[a].from, in[a].typ, k)
			in[k] = in[a]
		}
		if gap && p.refs[k].KindText == "" && p.refs[k].Kind == p.refs[a].Kind {
			p.refs[k].KindText = p.refs[a].KindText
		}
	}
	for k := 0; k < n; k++ {
		typ, _, ok := p.leadCue(k)
		if !ok {
			continue
		}
		m := k + 1
		for m < n && joined[m] && (p.listGap(p.contentEnd(m-1), p.refs[m].Start) || p.leadCueFollows(m)) {
			m++
		}
		if m < n && joined[m] && p.refs[m].verbStart >= 0 {
			// The document issued, and the others issued with it in a
			// list ("ban hành Hướng dẫn số 05-HD/TU và Kế hoạch số
			// 06-KH/TU"), rest on the cited ones.
			for c := m; c < n && (c == m || p.listedAfter(c-1, c)); c++ {
				for g := k; g < m; g++ {
					p.relateTo(c, typ, g)
				}
			}
		}
		k = m - 1
	}
	// A subject that is a relation cue names the cited document too:
	// "về thực hiện Kết luận số 05-KL/TW", "về việc ban hành Quy chế số ...".
	for k := 0; k+1 < n; k++ {
		if r := p.refs[k]; r.sumToNext && (inline[k] || p.refs[k+1].verbStart >= 0) {
			r.sumEnd = p.refs[k+1].End
		}
	}
}

// contentEnd is the end of everything that belongs to reference k.
func (p *parser) contentEnd(k int) int {
	if r := p.refs[k]; r.sumStart >= 0 && r.sumEnd > r.tailEnd {
		return r.sumEnd
	}
	return p.refs[k].tailEnd
}

// relateTo records that reference from stands in relation typ to reference to.
func (p *parser) relateTo(from int, typ string, to int) {
	r := p.refs[from]
	name := p.refs[to].Name()
	if from == to || name == r.Name() {
		return
	}
	for _, x := range r.Relations {
		if x.Type == typ && x.Symbol == name {
			return
		}
	}
	r.Relations = append(r.Relations, Relation{Type: typ, Symbol: name})
}

// fillers may follow a cue before the cited document: "thực hiện có hiệu
// quả các", "sửa đổi, bổ sung một số điều của".
var fillers = setOf("cac", "co", "hieu", "qua", "nghiem", "tuc", "tot", "mot", "so", "dieu",
	"khoan", "diem", "cua", "tai", "theo", "quy", "dinh", "noi", "dung", "tinh", "than")

// articleFillers may follow an amends or guides cue: what part of the
// other document it acts on ("sửa đổi, bổ sung một số điều của Quy chế ban
// hành kèm theo", "quy định chi tiết một số điều và biện pháp tổ chức thi
// hành").
var articleFillers = setOf("mot", "so", "dieu", "khoan", "diem", "cua", "tai", "quy", "che",
	"dinh", "ban", "hanh", "kem", "theo", "va", "bien", "phap", "to", "chuc", "thi", "thuc", "hien")

// implementWords make up an "implements" cue: "tiếp tục đẩy mạnh thực hiện",
// "triển khai thực hiện", "nâng cao hiệu quả thực hiện", "lãnh đạo, chỉ đạo
// thực hiện".
var implementWords = setOf("tiep", "tuc", "day", "manh", "nang", "cao", "hieu", "qua", "tang",
	"cuong", "trien", "khai", "to", "chuc", "quan", "triet", "va", "thuc", "hien", "thi", "hanh",
	"lanh", "dao", "chi")

// maxCueGap bounds the text of a relation cue with its fillers.
const maxCueGap = 240

// inlineCue reads the words of s[a:b] as a relation cue.
func (p *parser) inlineCue(a, b int) (typ string, passive, ok bool) {
	if a >= b || b-a > maxCueGap || !p.mayBeCue(a, b) {
		return "", false, false
	}
	toks, para := tokens(p.s, a, b)
	if para || len(toks) == 0 {
		return "", false, false
	}
	word := func(i int) string {
		if i < len(toks) {
			return toks[i].word
		}
		return ""
	}
	i := 0
	if i < len(toks) && toks[i].punct == ',' {
		i++
	}
	if i < len(toks) && toks[i].punct == '(' {
		i++
	}
	if word(i) == "da" && word(i+1) == "duoc" {
		i++
	}
	if word(i) == "duoc" {
		// "(đã) được sửa đổi, bổ sung bởi …": the next one acts on this one.
		typ, i, ok = verbCue(toks, i+1)
		if !ok {
			return "", false, false
		}
		switch word(i) {
		case "boi", "theo", "tai", "bang":
			i++
		default:
			return "", false, false
		}
		return typ, true, skipFillers(toks, i, fillers) == len(toks)
	}
	if word(i) == "ve" {
		i++
	}
	if word(i) == "viec" {
		i++
	}
	if typ, i, ok = verbCue(toks, i); !ok {
		if typ, i, ok = implementCue(toks, i); !ok {
			return "", false, false
		}
	}
	set := fillers
	if typ == Amends || typ == Guides {
		set = articleFillers
	}
	return typ, false, skipFillers(toks, i, set) == len(toks)
}

// cueStarts are the words a relation cue may start with after "về".
var cueStarts = setOf("sua", "bo", "thay", "huong", "quy", "tiep", "day", "nang", "tang",
	"trien", "to", "quan", "thuc", "thi", "lanh", "chi", "da", "duoc")

// mayBeCue is a quick test, without allocation, that s[a:b] can be a cue:
// most gaps are subjects ("về tăng cường …") and fail at the first word or
// two.
func (p *parser) mayBeCue(a, b int) bool {
	s := p.s
	i, _ := skipSpace(s, a, b)
	for i < b && (s[i] == ',' || s[i] == '(') {
		i, _ = skipSpace(s, i+1, b)
	}
	e := wordEnd(s, i, b)
	if e == i {
		return false
	}
	f := p.foldWord(s[i:e])
	for _, skip := range []string{"ve", "viec"} { // "về việc thực hiện …"
		if string(f) != skip {
			continue
		}
		j, _ := skipSpace(s, e, b)
		if e = wordEnd(s, j, b); e == j {
			return false
		}
		f = p.foldWord(s[j:e])
	}
	return cueStarts[string(f)]
}

// verbCue matches the amends, replaces and guides cues at toks[i].
func verbCue(toks []token, i int) (string, int, bool) {
	at := func(words ...string) bool {
		for k, w := range words {
			if i+k >= len(toks) || toks[i+k].word != w {
				return false
			}
		}
		return true
	}
	switch {
	case at("sua", "doi"):
		i += 2
		if i < len(toks) && toks[i].punct == ',' {
			i++
		}
		if at("bo", "sung") {
			i += 2
		}
		return Amends, i, true
	case at("bo", "sung"):
		return Amends, i + 2, true
	case at("thay", "the"):
		i += 2
		if at("cho") {
			i++
		}
		return Replaces, i, true
	case at("huong", "dan"):
		i += 2
	case at("quy", "dinh", "chi", "tiet"):
		i += 4
	default:
		return "", i, false
	}
	if at("thi", "hanh") || at("thuc", "hien") {
		i += 2
	}
	return Guides, i, true
}

func implementCue(toks []token, i int) (string, int, bool) {
	var b strings.Builder
	for i < len(toks) && (implementWords[toks[i].word] || toks[i].punct == ',' && b.Len() > 0) {
		b.WriteString(toks[i].word)
		b.WriteByte(' ')
		i++
	}
	w := b.String()
	if strings.Contains(w, "thuc hien ") || strings.Contains(w, "thi hanh ") || strings.HasSuffix(w, "trien khai ") {
		return Implements, i, true
	}
	return "", i, false
}

func skipFillers(toks []token, i int, set map[string]bool) int {
	for i < len(toks) && (set[toks[i].word] || isDigits(toks[i].word) || toks[i].punct == ',') {
		i++
	}
	return i
}

// leadWords make up a clause-opening cue: "Căn cứ", "Thực hiện", "Để tiếp
// tục thực hiện có hiệu quả", "Triển khai thực hiện các".
var leadWords = setOf("can", "cu", "vao", "de", "tiep", "tuc", "day", "manh", "trien", "khai",
	"thuc", "hien", "thi", "hanh", "cac", "to", "chuc", "quan", "triet", "va", "tinh", "than",
	"co", "hieu", "qua", "nghiem", "tot", "noi", "dung", "nang", "cao", "tang", "cuong")

// leadCue reports that reference k opens its clause after "Căn cứ" (based
// on) or "Thực hiện" (implements), and where the cue starts.
func (p *parser) leadCue(k int) (typ string, start int, ok bool) {
	s := p.s
	lower := 0
	if k > 0 {
		lower = p.refs[k-1].End
	}
	pos, first := p.refs[k].Start, -1
	for range 10 {
		j, para := skipSpaceBack(s, pos, lower)
		if para || j == pos {
			break
		}
		ws := wordStart(s, j, lower)
		if ws == j {
			break
		}
		if !leadWords[string(p.foldWord(s[ws:j]))] {
			return "", 0, false
		}
		first, pos = ws, ws
	}
	if first < 0 {
		return "", 0, false
	}
	// The cue must open the clause: nothing but punctuation before it.
	if j, para := skipSpaceBack(s, first, lower); !para && j > 0 {
		if r, _ := decodeLast(s, j); isWordRune(r) {
			return "", 0, false
		}
	}
	phrase := append(appendFoldWords(p.buf[:0], s[first:p.refs[k].Start]), ' ')
	p.buf = phrase
	switch {
	case bytes.HasPrefix(phrase, []byte("can cu ")):
		return BasedOn, first, true
	case bytes.Contains(phrase, []byte("thuc hien ")) || bytes.Contains(phrase, []byte("thi hanh ")) || bytes.Contains(phrase, []byte("trien khai ")):
		return Implements, first, true
	}
	return "", 0, false
}

// leadCueFollows reports that reference m opens a new clause with a lead cue
// right after reference m-1: "Căn cứ A; Căn cứ B, …".
func (p *parser) leadCueFollows(m int) bool {
	_, start, ok := p.leadCue(m)
	if !ok {
		return false
	}
	toks, para := tokens(p.s, p.contentEnd(m-1), start)
	if para {
		return false
	}
	for _, t := range toks {
		if t.punct != ',' && t.punct != ';' && t.word != "va" {
			return false
		}
	}
	return true
}
