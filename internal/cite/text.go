package cite

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Low-level text handling. Everything here works on the caller's original
// bytes, so offsets never need mapping back: Vietnamese letters are folded to
// their ASCII base letter on the fly (both NFC and NFD input, both tone-mark
// placements "uỷ"/"ủy"), combining marks are skipped, and every kind of
// space, including NBSP, separates words.

// foldTable maps a rune below len(foldTable) to its lower-case ASCII base
// letter or digit; foldOther for any other letter, 0 for a non-letter.
var foldTable [0x1F00]byte

const foldOther = 0x7F // a letter that matches no ASCII target

func init() {
	for c := 'a'; c <= 'z'; c++ {
		foldTable[c] = byte(c)
		foldTable[c-'a'+'A'] = byte(c)
	}
	for c := '0'; c <= '9'; c++ {
		foldTable[c] = byte(c)
	}
	for _, g := range []string{
		"aàáảãạăằắẳẵặâầấẩẫậ", "eèéẻẽẹêềếểễệ", "iìíỉĩị",
		"oòóỏõọôồốổỗộơờớởỡợ", "uùúủũụưừứửữự", "yỳýỷỹỵ", "dđ",
	} {
		for _, r := range g {
			foldTable[r] = g[0]
			foldTable[unicode.ToUpper(r)] = g[0]
		}
	}
	for r := rune(0xC0); r < rune(len(foldTable)); r++ {
		if foldTable[r] == 0 && unicode.IsLetter(r) {
			foldTable[r] = foldOther
		}
	}
}

func isMark(r rune) bool { return r >= 0x300 && r <= 0x36F }

// isSpaceRune reports the spaces that may separate the words of a citation;
// '\n' is one too, but callers check for a blank line (a paragraph break).
func isSpaceRune(r rune) bool {
	switch r {
	case ' ', '\t', '\r', '\n', '\v', '\f', 0xA0, 0x1680, 0x202F, 0x205F, 0x3000, 0x200B, 0x2060, 0xFEFF, 0xAD:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// foldRune returns the ASCII fold of a letter or digit, foldOther for other
// letters and 0 for anything else.
func foldRune(r rune) byte {
	if r < rune(len(foldTable)) {
		return foldTable[r]
	}
	if unicode.IsLetter(r) {
		return foldOther
	}
	return 0
}

// decode returns the rune at s[i]; an invalid byte is RuneError of size 1.
func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// decodeLast returns the rune that ends at s[i].
func decodeLast(s string, i int) (rune, int) {
	if c := s[i-1]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeLastRuneInString(s[:i])
}

// isWordRune reports letters, digits and combining marks.
func isWordRune(r rune) bool { return foldRune(r) != 0 || isMark(r) }

// skipSpace moves forward over spaces up to limit. para reports a blank line
// crossed on the way: nothing may continue across a paragraph break.
func skipSpace(s string, i, limit int) (j int, para bool) {
	newlines := 0
	for i < limit {
		r, n := decode(s, i)
		if !isSpaceRune(r) {
			break
		}
		if r == '\n' {
			newlines++
		}
		i += n
	}
	return i, newlines >= 2
}

// skipSpaceBack moves backward over spaces down to lower.
func skipSpaceBack(s string, i, lower int) (j int, para bool) {
	newlines := 0
	for i > lower {
		r, n := decodeLast(s, i)
		if !isSpaceRune(r) {
			break
		}
		if r == '\n' {
			newlines++
		}
		i -= n
	}
	return i, newlines >= 2
}

// wordEnd returns the end of the word that starts at i (i itself if none).
func wordEnd(s string, i, limit int) int {
	for i < limit {
		r, n := decode(s, i)
		if !isWordRune(r) {
			break
		}
		i += n
	}
	return i
}

// wordStart returns the start of the word that ends at i (i itself if none).
func wordStart(s string, i, lower int) int {
	for i > lower {
		r, n := decodeLast(s, i)
		if !isWordRune(r) {
			break
		}
		i -= n
	}
	return i
}

// foldIs reports whether the word w folds to the ASCII target: foldIs("Tỉnh", "tinh").
func foldIs(w, target string) bool {
	k := 0
	for _, r := range w {
		if isMark(r) {
			continue
		}
		f := foldRune(r)
		if k >= len(target) || f != target[k] {
			return false
		}
		k++
	}
	return k == len(target)
}

// appendFold appends the ASCII fold of w to dst.
func appendFold(dst []byte, w string) []byte {
	for _, r := range w {
		if f := foldRune(r); f != 0 {
			dst = append(dst, f)
		}
	}
	return dst
}

func fold(w string) string { return string(appendFold(nil, w)) }

// foldWords folds a phrase, keeping one space between its words:
// foldWords("Ban Chỉ  đạo") == "ban chi dao".
func foldWords(s string) string { return string(appendFoldWords(nil, s)) }

// appendFoldWords appends foldWords(s) to b.
func appendFoldWords(b []byte, s string) []byte {
	space := false
	for _, r := range s {
		f := foldRune(r)
		switch {
		case f != 0:
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			b = append(b, f)
			space = false
		case !isMark(r):
			space = true
		}
	}
	return b
}

// letterCase describes how a word is written.
type letterCase uint8

const (
	lowerWord letterCase = iota // "ban", or no letter at all
	titleWord                   // "Ban", "Tỉnh"
	upperWord                   // "BAN", "QĐ"
)

func caseOf(w string) letterCase {
	first, upper, lower := true, 0, 0
	firstUpper := false
	for _, r := range w {
		if isMark(r) || !unicode.IsLetter(r) {
			continue
		}
		if unicode.IsUpper(r) {
			upper++
			if first {
				firstUpper = true
			}
		} else {
			lower++
		}
		first = false
	}
	switch {
	case !firstUpper:
		return lowerWord
	case lower == 0 && upper > 1:
		return upperWord
	default:
		return titleWord
	}
}

func isDigits(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// clean turns a span of the input into an output string: runs of spaces and
// line breaks become one space, the ends are trimmed, and the result is NFC.
func clean(s string) string {
	if plainSpaced(s) {
		return toNFC(s)
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == 0xAD || r == 0x200B || r == 0x2060 || r == 0xFEFF {
			continue // invisible: soft hyphen and zero-width characters
		}
		if isSpaceRune(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return toNFC(b.String())
}

// toNFC returns s in NFC. Text made of letters that are NFC whatever
// follows them (ASCII, Latin-1, Vietnamese precomposed letters, common
// punctuation) is returned as it is without asking the norm package, which
// allocates.
func toNFC(s string) string {
	for _, r := range s {
		if r >= 0x300 && !(r >= 0x1E00 && r <= 0x1EFF) && !(r >= 0x2002 && r <= 0x206F) {
			if !norm.NFC.IsNormalString(s) {
				return norm.NFC.String(s)
			}
			return s
		}
	}
	return s
}

// plainSpaced reports text whose only spaces are single ASCII spaces
// between other characters: clean can return it as it is.
func plainSpaced(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if s[i+1] == ' ' {
				return false
			}
		case c < ' ':
			return false
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(s[i:])
			if isSpaceRune(r) {
				return false
			}
			i += n - 1
		}
	}
	return true
}

// token is a word or a punctuation mark of a short stretch of text.
type token struct {
	start, end int
	word       string // folded; "" for punctuation
	punct      rune   // the mark, for punctuation
}

// tokens splits s[a:b] into words and punctuation, dropping spaces. para
// reports a paragraph break inside.
func tokens(s string, a, b int) (toks []token, para bool) {
	for i := a; i < b; {
		j, p := skipSpace(s, i, b)
		para = para || p
		if i = j; i >= b {
			break
		}
		if e := wordEnd(s, i, b); e > i {
			toks = append(toks, token{start: i, end: e, word: fold(s[i:e])})
			i = e
			continue
		}
		r, n := decode(s, i)
		toks = append(toks, token{start: i, end: i + n, punct: r})
		i += n
	}
	return toks, para
}
