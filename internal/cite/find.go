package cite

import (
	"strings"
	"unicode/utf8"

	"noichinh/internal/civil"
)

// Reference is one document cited in a text.
type Reference struct {
	Start, End int        // byte offsets in the input of the citation: kind word through symbol or number
	Kind       string     // "directive"; see the Kind constants
	KindCode   string     // "CT"
	KindText   string     // the kind as written, "Chỉ thị"; "" when the text gives only a symbol
	Number     string     // "48"
	Symbol     string     // "48-CT/TW", canonical; "" when the text gives only a number
	IssuerCode string     // "TW"; "" without a symbol
	Issued     civil.Date // zero when the text does not say
	Issuer     string     // "Bộ Chính trị": the "của …" phrase or the body that "ban hành" it
	Summary    string     // the subject ("về …"), or the name of a law
	Relations  []Relation // to other references of the same sentence
}

// Relation ties a reference to another one of the same sentence, seen from
// the reference that holds it: "38-CTr/TU implements 05-KL/TW".
type Relation struct {
	Type   string // Implements, Amends, Replaces, Guides or BasedOn
	Symbol string // the other's Symbol, or "<KindText> số <Number>" when it has none
}

// Relation types.
const (
	Implements = "implements" // "về (tiếp tục) thực hiện", "triển khai thực hiện"
	Amends     = "amends"     // "sửa đổi, bổ sung"
	Replaces   = "replaces"   // "thay thế"
	Guides     = "guides"     // "hướng dẫn (thi hành / thực hiện)", "quy định chi tiết"
	BasedOn    = "based_on"   // "Căn cứ …": the document issued in that sentence
)

// Name returns how a relation names the reference: its symbol, or
// "<KindText> số <Number>" when the text gives only a number.
func (r Reference) Name() string {
	if r.Symbol != "" {
		return r.Symbol
	}
	return r.KindText + " số " + r.Number
}

// Find returns every document reference in text, in order of Start. It is
// pure and safe for any input; invalid UTF-8 bytes are read as spaces.
func Find(text string) []Reference {
	if !utf8.ValidString(text) {
		text = blankInvalid(text)
	}
	p := &parser{s: text}
	p.scan()
	if len(p.refs) == 0 {
		return nil
	}
	for k := range p.refs {
		p.tail(k)
	}
	p.shareListIssuers()
	for k := range p.refs {
		p.issuance(k)
	}
	for k := range p.refs {
		p.summary(k)
	}
	p.relate()
	out := make([]Reference, len(p.refs))
	for k := range p.refs {
		p.finishSummary(k)
		out[k] = p.refs[k].Reference
	}
	return out
}

// blankInvalid replaces each invalid byte by a space. Lengths, and so every
// offset, stay the same.
func blankInvalid(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			b[i] = ' '
		}
		i += n
	}
	return string(b)
}

// ref is a reference being built, with the positions the later passes need.
type ref struct {
	Reference
	sym       Symbol
	hasSym    bool
	head      int // index of the first item of its same-kind list
	tailEnd   int // end of the date, issuer and parentheses that follow the citation
	sumStart  int // start of the subject after "về"; -1 if none
	sumEnd    int
	sumToNext bool // the subject runs up to the next citation
	verbStart int  // "ban hành" (or "ký", "ra") right before the citation; -1 if none
	bodyStart int  // the body that issues it ("Tỉnh ủy ban hành ..."); -1 if none
	name      string
}

type parser struct {
	s    string
	refs []*ref
	slab []ref // storage for refs, allocated in blocks that never move
	buf  []byte
}

// scan finds the citations. Every citation holds a number, so the anchors
// are the digit runs that start a token; only around those does it look at
// words. The loop itself is a byte scan.
func (p *parser) scan() {
	s := p.s
	last := 0 // citations never overlap: nothing before last may be used again
	for i := 0; i < len(s); {
		if c := s[i]; c < '0' || c > '9' {
			i++
			continue
		}
		if insideToken(s, i) {
			i = digitsEnd(s, i)
			continue
		}
		next := p.anchor(i, last)
		if n := len(p.refs); n > 0 && p.refs[n-1].End > last {
			last = p.refs[n-1].End
		}
		i = max(next, i+1)
	}
}

func digitsEnd(s string, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// insideToken reports a digit that continues a word, a number ("1.000",
// "4,5") or a symbol or date ("22/10/2010"), so it cannot start a citation.
func insideToken(s string, i int) bool {
	if i == 0 {
		return false
	}
	b := s[i-1]
	switch {
	case b < utf8.RuneSelf && foldTable[b] != 0:
		return true
	case b == '.' || b == ',':
		return i >= 2 && s[i-2] >= '0' && s[i-2] <= '9'
	case b == '/' || b == '-':
		return i >= 2 && !isSpaceRune(rune(s[i-2]))
	case b >= utf8.RuneSelf:
		r, n := decodeLast(s, i)
		if isWordRune(r) {
			return true
		}
		if isDash(r) && i-n > 0 {
			r2, _ := decodeLast(s, i-n)
			return isWordRune(r2)
		}
	}
	return false
}

// readToken reads a number or symbol at s[i]: digits, then parts joined by
// '-' (or a dash) and '/'. ok is false for a number glued to letters ("1A").
func readToken(s string, i int) (end int, ok bool) {
	e := wordEnd(s, i, len(s))
	if !isDigits(s[i:e]) {
		return e, false
	}
	for e < len(s) {
		r, n := decode(s, e)
		if r != '/' && !isDash(r) {
			break
		}
		we := wordEnd(s, e+n, len(s))
		if we == e+n {
			break
		}
		e = we
	}
	return e, true
}

// readSpacedToken reads a symbol typed with spaces around its separators,
// "1045 - QĐ/TU", and returns it without them.
func readSpacedToken(s string, i int) (end int, raw string) {
	var b strings.Builder
	e := digitsEnd(s, i)
	b.WriteString(s[i:e])
	for {
		j, _ := skipSpaceInLine(s, e)
		if j >= len(s) {
			break
		}
		r, n := decode(s, j)
		if r != '/' && !isDash(r) {
			break
		}
		k, _ := skipSpaceInLine(s, j+n)
		we := wordEnd(s, k, len(s))
		if we == k {
			break
		}
		if r == '/' {
			b.WriteByte('/')
		} else {
			b.WriteByte('-')
		}
		b.WriteString(s[k:we])
		e = we
	}
	return e, b.String()
}

// skipSpaceInLine skips at most two spaces that are not line breaks.
func skipSpaceInLine(s string, i int) (int, bool) {
	for k := 0; k < 2 && i < len(s); k++ {
		r, n := decode(s, i)
		if r == '\n' || !isSpaceRune(r) {
			break
		}
		i += n
	}
	return i, true
}

// kindMatch is a kind phrase found before "số" or a symbol.
type kindMatch struct {
	start, end int
	info       kindInfo
}

// anchor examines the token at s[i] and records the citations it anchors.
// It returns where scanning resumes.
func (p *parser) anchor(i, last int) int {
	s := p.s
	tokEnd, ok := readToken(s, i)
	if !ok {
		return tokEnd
	}
	numEnd := digitsEnd(s, i)
	if numEnd-i > maxNumberDigits {
		return tokEnd
	}
	var sym Symbol
	isSym := false
	if tokEnd > numEnd {
		if sym, isSym = parseSymbol(s[i:tokEnd]); !isSym {
			return tokEnd // "12/3", "22/10/2010", "15-20"
		}
	}
	// The words before: "<kind> số", "<kind> số:", or "<kind>" right before a symbol.
	j, para := skipSpaceBack(s, i, last)
	if !para && j > last && s[j-1] == ':' {
		j, para = skipSpaceBack(s, j-1, last)
	}
	ws := wordStart(s, j, last)
	haveSo := !para && ws < j && j < i && foldIs(s[ws:j], "so")
	var kind kindMatch
	found := false
	switch {
	case haveSo:
		kind, found = p.kindBefore(ws, last, true)
	case isSym:
		kind, found = p.kindBefore(i, last, false)
	}
	if found && !isSym {
		if e, raw := readSpacedToken(s, i); e > numEnd {
			if sp, ok := parseSymbol(raw); ok {
				sym, isSym, tokEnd = sp, true, e
			}
		}
	}
	switch {
	case found:
		p.add(kind.start, tokEnd, s[i:numEnd], kind, true, sym, isSym)
		return p.continueList(len(p.refs) - 1)
	case isSym && sym.Form == FormNormative && sym.KindCode == "":
		// A law or a National Assembly resolution: "Luật Tố cáo số
		// 25/2018/QH14", "Luật Tố cáo 2018 (25/2018/QH14)".
		if law, ok := p.lawBefore(i, last); ok {
			p.add(law.start, tokEnd, s[i:numEnd], law, true, sym, true)
			p.refs[len(p.refs)-1].name = p.lawName(law.end, i)
		} else {
			p.add(i, tokEnd, s[i:numEnd], kindMatch{}, false, sym, true)
		}
	case isSym && bareSymbol(sym):
		p.add(i, tokEnd, s[i:numEnd], kindMatch{}, false, sym, true)
	}
	return tokEnd
}

// bareSymbol reports a symbol that is a document reference even without a
// kind word: its kind code is a known one. Symbols without a code (official
// letters "123/UBND-NC", old "64-CP") could be anything without the word.
func bareSymbol(sym Symbol) bool {
	if _, ok := kindOfSymbol(sym); !ok {
		return false
	}
	return sym.IssuerCode != "" && sym.Form != FormShort
}

func (p *parser) add(start, end int, number string, kind kindMatch, haveKind bool, sym Symbol, isSym bool) {
	info := refKind(kind.info, haveKind, sym, isSym)
	r := p.newRef()
	r.Start, r.End, r.Number = start, end, number
	r.Kind, r.KindCode = info.kind, info.code
	r.sym, r.hasSym = sym, isSym
	r.head = len(p.refs) - 1
	r.sumStart, r.verbStart, r.bodyStart = -1, -1, -1
	if haveKind {
		r.KindText = clean(p.s[kind.start:kind.end])
	}
	if isSym {
		r.Symbol = sym.String()
		r.IssuerCode = sym.IssuerCode
	}
}

// newRef appends a zero reference and returns it. The structs live in
// fixed blocks and the list holds pointers: growing a slice of these large
// structs copied them again and again, a third of the time on
// citation-dense text.
func (p *parser) newRef() *ref {
	if len(p.slab) == cap(p.slab) {
		p.slab = make([]ref, 0, 64)
	}
	p.slab = p.slab[:len(p.slab)+1]
	r := &p.slab[len(p.slab)-1]
	p.refs = append(p.refs, r)
	return r
}

// push appends a copy of r.
func (p *parser) push(r *ref) { *p.newRef() = *r }

// maxFillers is how many words may stand between a kind and "số":
// "Quy chế phối hợp số 05-QC/BNCTU-CAT", "Kế hoạch kiểm tra số ...".
const maxFillers = 3

// kindBefore finds the kind phrase that ends before pos ("số" or a symbol).
func (p *parser) kindBefore(pos, lower int, fillers bool) (kindMatch, bool) {
	s := p.s
	type span struct{ start, end int }
	var words [maxKindWords + maxFillers]span
	n := 0
	for i := pos; n < len(words); {
		j, para := skipSpaceBack(s, i, lower)
		if para || j == i {
			break
		}
		st := wordStart(s, j, lower)
		if st == j {
			break
		}
		words[n] = span{st, j}
		n++
		i = st
	}
	maxF := 0
	if fillers {
		maxF = maxFillers
	}
	for f := 0; f <= maxF && f < n; f++ {
		if f > 0 {
			w := s[words[f-1].start:words[f-1].end]
			if caseOf(w) == titleWord || strings.ContainsAny(w, "0123456789") {
				break // a name or a number, not a word like "phối hợp"
			}
		}
		for k := min(maxKindWords, n-f); k >= 1; k-- {
			b := p.buf[:0]
			for x := f + k - 1; x >= f; x-- {
				b = appendFold(b, s[words[x].start:words[x].end])
				if x > f {
					b = append(b, ' ')
				}
			}
			p.buf = b
			if info, ok := kindPhrases[string(b)]; ok {
				return kindMatch{start: words[f+k-1].start, end: words[f].end, info: info}, true
			}
		}
	}
	return kindMatch{}, false
}

// lawBefore finds "Luật", "Bộ luật", "Pháp lệnh" or "Nghị quyết" a few words
// before a law-style symbol, in the same clause: the name of a law stands
// between them ("Luật Phòng, chống tham nhũng số 36/2018/QH14").
func (p *parser) lawBefore(pos, lower int) (kindMatch, bool) {
	s := p.s
	toks, para := tokens(s, max(lower, pos-200), pos)
	if para {
		return kindMatch{}, false
	}
	for k := len(toks) - 1; k >= 0 && k >= len(toks)-14; k-- {
		t := toks[k]
		if t.word == "" {
			if t.punct == ',' || t.punct == '(' {
				continue
			}
			break
		}
		w := s[t.start:t.end]
		if isDigits(w) && len(w) != 4 {
			break // only a year may stand in a law's name
		}
		prev := ""
		if k > 0 {
			prev = toks[k-1].word
		}
		switch {
		case t.word == "luat" && prev == "bo" && caseOf(s[toks[k-1].start:toks[k-1].end]) != lowerWord:
			return kindMatch{toks[k-1].start, t.end, kindPhrases["bo luat"]}, true
		case t.word == "luat" && caseOf(w) != lowerWord && prev != "phap":
			return kindMatch{t.start, t.end, kindPhrases["luat"]}, true
		case t.word == "lenh" && prev == "phap" && caseOf(s[toks[k-1].start:toks[k-1].end]) != lowerWord:
			return kindMatch{toks[k-1].start, t.end, kindPhrases["phap lenh"]}, true
		case t.word == "quyet" && prev == "nghi" && caseOf(s[toks[k-1].start:toks[k-1].end]) != lowerWord:
			return kindMatch{toks[k-1].start, t.end, kindPhrases["nghi quyet"]}, true
		}
	}
	return kindMatch{}, false
}

// lawName returns the name written between a law's kind word and its
// symbol, without "số", the year or the parenthesis: "Tố cáo".
func (p *parser) lawName(from, to int) string {
	s := p.s
	end := from
	toks, _ := tokens(s, from, to)
	for _, t := range toks {
		if t.word == "so" || t.punct == '(' || (len(t.word) == 4 && isDigits(t.word)) {
			break
		}
		end = t.end
	}
	return clean(s[from:end])
}

// continueList reads the items that follow a citation with the same kind:
// "các Chỉ thị số 04-CT/TU, 05-CT/TU và 06-CT/TU". A list of bare numbers
// that ends with a symbol borrows its pattern: "Nghị quyết số 01, 02 và
// 03-NQ/TU" cites 01-NQ/TU, 02-NQ/TU and 03-NQ/TU. Bare numbers with no
// symbol at the end are items only when the list clearly ends there.
func (p *parser) continueList(h int) int {
	s := p.s
	head := *p.refs[h]
	pos := head.End
	var pending []ref // bare numbers waiting for the list's symbol
	for items := 0; items < maxListItems; items++ {
		k, ok := listSeparator(s, pos)
		if !ok || k >= len(s) || s[k] < '0' || s[k] > '9' {
			break
		}
		end, ok := readToken(s, k)
		if !ok || digitsEnd(s, k)-k > maxNumberDigits {
			break
		}
		item := head
		item.Start, item.End, item.Number = k, end, s[k:digitsEnd(s, k)]
		item.Relations = nil
		if end == digitsEnd(s, k) {
			if head.hasSym {
				break // "Chỉ thị số 04-CT/TU, 05 ..." is no list of documents
			}
			pending = append(pending, item)
			pos = end
			continue
		}
		sym, ok := parseSymbol(s[k:end])
		if !ok || !sameKind(head, sym) {
			break
		}
		item.sym, item.hasSym = sym, true
		item.Symbol, item.IssuerCode = sym.String(), sym.IssuerCode
		info := refKind(kindInfo{head.Kind, head.KindCode}, true, sym, true)
		item.Kind, item.KindCode = info.kind, info.code
		if !head.hasSym {
			// The numbers before take this symbol's pattern.
			p.applyPattern(h, sym)
			for i := range pending {
				p.push(&pending[i])
				p.applyPattern(len(p.refs)-1, sym)
			}
			pending = nil
			head = *p.refs[h]
		}
		p.push(&item)
		pos = end
	}
	if len(pending) > 0 && listEnds(s, pos) {
		for i := range pending {
			p.push(&pending[i])
		}
	}
	// Bare numbers that were not a list stay plain text; scanning resumes
	// after the last citation recorded.
	return p.refs[len(p.refs)-1].End
}

// maxListItems bounds a list: real lists name a handful of documents, and
// the bound keeps memory in proportion to the text on hostile input.
const maxListItems = 100

// applyPattern gives reference k the symbol sym with k's own number.
func (p *parser) applyPattern(k int, sym Symbol) {
	r := p.refs[k]
	sym.Number = r.Number
	r.sym, r.hasSym = sym, true
	r.Symbol, r.IssuerCode = sym.String(), sym.IssuerCode
	info := refKind(kindInfo{r.Kind, r.KindCode}, r.KindText != "", sym, true)
	r.Kind, r.KindCode = info.kind, info.code
}

// sameKind reports whether a list item's symbol fits the list's head.
func sameKind(head ref, sym Symbol) bool {
	if head.hasSym {
		return sym.Form == head.sym.Form && upper(sym.KindCode) == upper(head.sym.KindCode)
	}
	if k, ok := kindOfSymbol(sym); ok {
		return k.kind == head.Kind || (head.Kind == KindDocument)
	}
	return false
}

// listSeparator reads ", " or " và " or ", và " at s[i] and returns where
// the next item starts.
func listSeparator(s string, i int) (int, bool) {
	j, para := skipSpace(s, i, len(s))
	if para || j >= len(s) {
		return 0, false
	}
	sep := false
	if s[j] == ',' {
		sep = true
		if j, para = skipSpace(s, j+1, len(s)); para {
			return 0, false
		}
	}
	if e := wordEnd(s, j, len(s)); e > j && foldIs(s[j:e], "va") {
		sep = true
		if j, para = skipSpace(s, e, len(s)); para {
			return 0, false
		}
	}
	return j, sep && j > i
}

// listEnds reports that what follows s[i] closes a list of bare numbers:
// punctuation that ends a phrase, or "của", "ngày", "về".
func listEnds(s string, i int) bool {
	j, para := skipSpace(s, i, len(s))
	if para || j >= len(s) {
		return true
	}
	switch s[j] {
	case ';', '.', ':', ')':
		return true
	}
	e := wordEnd(s, j, len(s))
	w := s[j:e]
	return foldIs(w, "cua") || foldIs(w, "ngay") || foldIs(w, "ve")
}
