package cite

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

// listedAfter reports that reference q follows reference q-1 as the next
// item of a list: only its date and issuer stand between them, then "," or
// "và".
func (p *parser) listedAfter(prev, q int) bool {
	return p.refs[prev].sumStart < 0 && p.listGap(p.refs[prev].tailEnd, p.refs[q].Start)
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

// maxListGap bounds the text between two items of a list.
const maxListGap = 24

// listGap reports that s[a:b] only joins items of a list: ",", "và", "các".
func (p *parser) listGap(a, b int) bool {
	if a >= b || b-a > maxListGap {
		return false
	}
	s := p.s
	seen := false
	for i := a; i < b; {
		j, para := skipSpace(s, i, b)
		if para {
			return false
		}
		if i = j; i >= b {
			break
		}
		if s[i] == ',' {
			i++
			seen = true
			continue
		}
		e := wordEnd(s, i, b)
		if w := s[i:e]; e == i || !(foldIs(w, "va") || foldIs(w, "cac") || foldIs(w, "cung")) {
			return false
		}
		i, seen = e, true
	}
	return seen
}
