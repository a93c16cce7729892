package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the search form of s: diacritics removed, đ and Đ as d, lower
// case, every run of characters other than letters and digits as one space,
// trimmed. The result holds only a-z, 0-9 and single spaces, so that
// "Nguyễn Văn Đức", "NGUYEN VAN DUC" and "nguyen van duc" fold alike and the
// tone-mark placement ("uỷ"/"ủy") no longer matters.
//
// Letters and digits are folded through their compatibility decomposition
// (ﬁ → fi, ² → 2, full-width Ａ → a); letters with no Latin form (Chinese,
// Cyrillic ...) act as separators. Input need not be NFC: combining marks are
// dropped wherever they stand.
//
// Fold runs on every write of a searchable record, so it uses a precomputed
// table for the Latin range and allocates once per call, or not at all when s
// is already folded.
func Fold(s string) string {
	if isFolded(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace := false
	for i := 0; i < len(s); {
		var code byte
		var r rune
		if c := s[i]; c < utf8.RuneSelf {
			code, r = foldTable[c], rune(c)
			i++
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(s[i:])
			i += size
			if int(r) < len(foldTable) {
				code = foldTable[r]
			} else {
				code = foldCode(r)
			}
		}
		switch code {
		case foldIgnore:
		case foldExpand:
			for _, c := range []byte(foldExpansion(r)) {
				pendingSpace = writeFolded(&b, c, pendingSpace)
			}
		case foldSeparator:
			pendingSpace = b.Len() > 0
		default: // the hot path, written out for speed: writeFolded is not inlined
			if pendingSpace {
				b.WriteByte(' ')
				pendingSpace = false
			}
			b.WriteByte(code)
		}
	}
	return b.String()
}

// writeFolded writes one folded byte, holding a space back until a letter or
// digit follows (so spaces collapse and the ends are trimmed), and returns
// the new pending-space state.
func writeFolded(b *strings.Builder, c byte, pendingSpace bool) bool {
	if c == ' ' {
		return b.Len() > 0
	}
	if pendingSpace {
		b.WriteByte(' ')
	}
	b.WriteByte(c)
	return false
}

// isFolded reports whether s is already in the form Fold returns.
func isFolded(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i-1] == ' ' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// Fold codes: a lower-case ASCII letter or digit stands for itself.
const (
	foldSeparator byte = ' ' // not a letter or digit: separates words
	foldIgnore    byte = 0   // combining mark or invisible character: dropped
	foldExpand    byte = 1   // folds to several characters: see foldExpansion
)

// foldTable holds the fold code of every rune below U+1F00: ASCII, Latin-1,
// Latin Extended-A and -B, IPA, combining marks and Latin Extended
// Additional, where the precomposed Vietnamese letters live (U+1EA0–U+1EF9).
var foldTable = func() *[0x1F00]byte {
	var t [0x1F00]byte
	for r := range rune(len(t)) {
		t[r] = foldCode(r)
	}
	return &t
}()

// letterFolds are the Latin letters that have no decomposition to a plain
// letter. Eth (ð, Ð) is included because old Vietnamese encodings turn Đ
// into the look-alike U+00D0.
var letterFolds = map[rune]string{
	'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d",
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'ħ': "h", 'Ħ': "h", 'ŧ': "t", 'Ŧ': "t",
	'ı': "i", 'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'þ': "th", 'Þ': "th",
}

// foldCode classifies one rune; Fold calls it directly above the table.
func foldCode(r rune) byte {
	exp := foldExpansion(r)
	switch {
	case exp == "":
		return foldIgnore
	case len(exp) == 1:
		return exp[0]
	default:
		return foldExpand
	}
}

// foldExpansion is what r folds to: "" (dropped), " " (a separator), or
// lower-case ASCII letters and digits, possibly with separators (½ → "1 2").
func foldExpansion(r rune) string {
	if s, ok := letterFolds[r]; ok {
		return s
	}
	switch {
	case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
		return string(r)
	case 'A' <= r && r <= 'Z':
		return string(r + 'a' - 'A')
	case isSpaceLike(r):
		return " "
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cc, unicode.Cf):
		return "" // combining marks and invisible characters
	case !unicode.IsLetter(r) && !unicode.IsNumber(r):
		return " "
	}
	var buf [utf8.UTFMax]byte
	decomposed := norm.NFKD.Properties(buf[:utf8.EncodeRune(buf[:], r)]).Decomposition()
	if len(decomposed) == 0 {
		return " " // a letter with no Latin form
	}
	var b strings.Builder
	for _, d := range string(decomposed) {
		if d >= utf8.RuneSelf && unicode.In(d, unicode.Mn, unicode.Me) {
			continue
		}
		if d < utf8.RuneSelf || letterFolds[d] != "" {
			b.WriteString(foldExpansion(d))
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}
