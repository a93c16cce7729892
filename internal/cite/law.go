package cite

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
