package cite

import (
	"strings"
	"unicode/utf8"
)

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

// digitsEnd returns the end of the ASCII digits at s[i].
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
		j := skipSpaceInLine(s, e)
		if j >= len(s) {
			break
		}
		r, n := decode(s, j)
		if r != '/' && !isDash(r) {
			break
		}
		k := skipSpaceInLine(s, j+n)
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
func skipSpaceInLine(s string, i int) int {
	for k := 0; k < 2 && i < len(s); k++ {
		r, n := decode(s, i)
		if r == '\n' || !isSpaceRune(r) {
			break
		}
		i += n
	}
	return i
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

// add records a citation of s[start:end] whose number is number; kind is
// the kind word if haveKind, sym the symbol if isSym.
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
