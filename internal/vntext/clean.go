package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Clean normalises a single-line input field (a name, a title, a symbol):
// the text becomes NFC; every kind of space, tab or line break, including
// non-breaking and zero-width spaces, becomes one plain space; runs of spaces
// collapse; the ends are trimmed; control and invisible formatting characters
// (soft hyphen, bidirectional overrides, word joiner) are removed, because
// they make two names that look the same compare different. Invalid UTF-8
// becomes U+FFFD so that the damage stays visible.
func Clean(s string) string {
	s = nfc(s)
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace := false
	for _, r := range s {
		switch {
		case isSpaceLike(r):
			pendingSpace = b.Len() > 0
		case isInvisible(r):
		default:
			if pendingSpace {
				b.WriteByte(' ')
				pendingSpace = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CleanText normalises multi-line text (a summary, a conclusion, a report
// paragraph): NFC; CRLF, CR and the other Unicode line breaks become LF;
// other spaces become a plain space; control and invisible formatting
// characters are removed except LF and TAB; trailing spaces and tabs are
// trimmed on each line, and blank lines at the start and the end are dropped.
// Inner blank lines and indentation are kept: they are the author's paragraphs.
func CleanText(s string) string {
	s = nfc(s)
	var b strings.Builder
	b.Grow(len(s))
	var spaces strings.Builder // spaces and tabs seen since the last visible rune
	pendingLines := 0          // line breaks seen since the last visible rune
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
			fallthrough
		case isLineBreak(r):
			spaces.Reset() // trailing spaces of the line end here
			if b.Len() > 0 {
				pendingLines++
			}
		case r == '\t':
			spaces.WriteByte('\t')
		case isSpaceLike(r):
			spaces.WriteByte(' ')
		case isInvisible(r):
		default:
			for ; pendingLines > 0; pendingLines-- {
				b.WriteByte('\n')
			}
			b.WriteString(spaces.String())
			spaces.Reset()
			b.WriteRune(r)
		}
	}
	return b.String()
}

// nfc returns s in Unicode Normalization Form C, with invalid UTF-8 replaced
// by U+FFFD. Both steps return s itself, without allocating, when it is
// already valid NFC, which is the common case.
func nfc(s string) string {
	return norm.NFC.String(strings.ToValidUTF8(s, string(utf8.RuneError)))
}

// isLineBreak reports the mandatory line breaks of Unicode line breaking
// (UAX #14 classes BK, CR, LF, NL).
func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

// isSpaceLike reports a rune that separates words: Unicode white space
// (including non-breaking spaces and line breaks) and the zero-width spaces,
// which editors and web pages insert where a break may happen.
func isSpaceLike(r rune) bool {
	switch r {
	case '\u200B', '\uFEFF', '\u180E': // zero width space, zero width no-break space (BOM), Mongolian vowel separator
		return true
	}
	return unicode.IsSpace(r)
}

// isInvisible reports control characters and invisible formatting characters
// that have no place in stored text. Zero-width (non-)joiners and tag
// characters are kept because emoji sequences and some scripts need them.
func isInvisible(r rune) bool {
	if r < utf8.RuneSelf {
		return r < 0x20 || r == 0x7F
	}
	switch {
	case r == '\u200C' || r == '\u200D': // zero width non-joiner, joiner
		return false
	case r >= 0xE0020 && r <= 0xE007F: // tags in emoji flag sequences
		return false
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}
