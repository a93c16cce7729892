package cite

import (
	"strings"
	"unicode/utf8"
)

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

// summary finds where the subject of reference k ends.
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
