package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Canonical returns s in NFC with one tone-mark placement, so that the two
// spellings in use compare equal: the traditional "hòa, khỏe, thủy, ủy" and
// the newer "hoà, khoẻ, thuỷ, uỷ". The traditional placement is canonical
// because Party documents predominantly use it.
//
// The two styles differ only in open syllables whose vowel is oa, oe or uy
// with no final consonant and no "qu" onset; every other syllable ("hoàn",
// "quý", "thuở", "khuya", "giữa") has one placement and is left alone, as is
// every word that is not a Vietnamese syllable. Letter case is preserved.
//
// Canonical also repairs a tone mark typed before the circumflex or breve in
// decomposed input ("e" + grave + circumflex becomes "ề"), which NFC alone
// cannot do because both marks have the same combining class.
func Canonical(s string) string {
	s = fixMarkOrder(nfc(s))
	var b strings.Builder // used only once a word changes
	done := 0             // s[:done] is already in b
	for i, r := range s {
		// Only a word that ends in a toned a, e or y can need a change;
		// finding those first keeps the common case to one cheap pass.
		if !isTonedVowelRange(r) {
			continue
		}
		end := i + utf8.RuneLen(r)
		if next, _ := utf8.DecodeRuneInString(s[end:]); end < len(s) && isWordRune(next) {
			continue
		}
		start := wordStart(s, i)
		if onset, first, second, ok := traditionalTone(s[start:end]); ok {
			if b.Cap() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[done:start])
			b.WriteString(onset)
			b.WriteRune(first)
			b.WriteRune(second)
			done = end
		}
	}
	if b.Cap() == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// Key is the comparison key for equality of names and texts: Clean, then
// Canonical, then lower case. Two strings that a reader would call the same
// name have the same Key; use it for uniqueness and duplicate detection,
// never for display.
func Key(s string) string {
	return nfc(strings.ToLower(Canonical(Clean(s))))
}

// wordStart returns the start of the run of letters, digits and combining
// marks that ends at s[end].
func wordStart(s string, end int) int {
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:end])
		if !isWordRune(r) {
			break
		}
		end -= size
	}
	return end
}

// isTonedVowelRange is a fast pre-test for the toned vowels of toneRows:
// they all lie in Latin-1 (À–ý) or Latin Extended Additional (Ạ–ỹ).
func isTonedVowelRange(r rune) bool {
	return 'À' <= r && r <= 'ý' || 'Ạ' <= r && r <= 'ỹ'
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// Vowels with their tones, indexed by tone: none, grave (huyền), acute (sắc),
// hook above (hỏi), tilde (ngã), dot below (nặng).
var toneRows = [...]string{
	"aàáảãạ", "AÀÁẢÃẠ", "eèéẻẽẹ", "EÈÉẺẼẸ", "yỳýỷỹỵ", "YỲÝỶỸỴ",
	"oòóỏõọ", "OÒÓỎÕỌ", "uùúủũụ", "UÙÚỦŨỤ",
}

type toned struct {
	base rune
	tone int
}

var (
	toneOf    = make(map[rune]toned)  // vowel of toneRows → plain vowel and tone
	toneRowOf = make(map[rune][]rune) // plain vowel → its row
)

func init() {
	for _, row := range toneRows {
		letters := []rune(row)
		toneRowOf[letters[0]] = letters
		for tone, r := range letters {
			toneOf[r] = toned{base: letters[0], tone: tone}
		}
	}
}

// onsetsBeforeRoundedVowel are the Vietnamese initial consonants that can
// precede oa, oe or uy. "q" is absent because in "qua", "quý" the u belongs
// to the onset and the tone always sits on the following vowel; "c", "k",
// "gh" and "ngh" are absent because Vietnamese spelling never puts them
// before o or u + vowel ("qua", not "coa"), so such a word is not Vietnamese.
var onsetsBeforeRoundedVowel = map[string]bool{
	"": true, "b": true, "ch": true, "d": true, "đ": true, "g": true, "gi": true,
	"h": true, "kh": true, "l": true, "m": true, "n": true, "ng": true, "nh": true,
	"p": true, "ph": true, "r": true, "s": true, "t": true, "th": true, "tr": true,
	"v": true, "x": true,
}

// traditionalTone reports whether word is an open syllable on oa, oe or uy
// written in the newer style ("hoà"), and returns its parts in the
// traditional style: the onset, the first vowel with the tone ("ò") and the
// plain second vowel ("a").
func traditionalTone(word string) (onset string, first, second rune, ok bool) {
	last, lastSize := utf8.DecodeLastRuneInString(word)
	v2, isVowel := toneOf[last]
	if !isVowel || v2.tone == 0 {
		return "", 0, 0, false
	}
	prev, prevSize := utf8.DecodeLastRuneInString(word[:len(word)-lastSize])
	v1, isVowel := toneOf[prev]
	if !isVowel || v1.tone != 0 || !roundedDiphthong(v1.base, v2.base) {
		return "", 0, 0, false
	}
	onset = word[:len(word)-lastSize-prevSize]
	if !onsetsBeforeRoundedVowel[strings.ToLower(onset)] {
		return "", 0, 0, false
	}
	return onset, toneRowOf[v1.base][v2.tone], v2.base, true
}

// roundedDiphthong reports the vowel pairs oa, oe and uy in any letter case.
func roundedDiphthong(first, second rune) bool {
	first, second = unicode.ToLower(first), unicode.ToLower(second)
	return first == 'o' && (second == 'a' || second == 'e') || first == 'u' && second == 'y'
}

// fixMarkOrder repairs a tone mark typed before the circumflex or breve of
// its vowel. In NFC such input shows as a toned vowel ("á") followed by a
// lone combining circumflex or breve.
func fixMarkOrder(s string) string {
	if !strings.Contains(s, "\u0302") && !strings.Contains(s, "\u0306") { // faster than ContainsAny
		return s
	}
	out := make([]byte, 0, len(s))
	prevStart := -1 // where the previous rune starts in out
	for _, r := range s {
		if prevStart >= 0 && (r == '\u0302' || r == '\u0306') {
			prev, _ := utf8.DecodeRune(out[prevStart:])
			if fixed, ok := modifierFirst(prev, r); ok {
				out = append(out[:prevStart], fixed...)
				prevStart = -1
				continue
			}
		}
		prevStart = len(out)
		out = utf8.AppendRune(out, r)
	}
	return nfc(string(out))
}

// modifierFirst returns the toned vowel a, e or o with the modifier placed
// before its tone, when that is a Vietnamese letter (ấ, ằ, ề, ổ ...).
func modifierFirst(vowel, modifier rune) (string, bool) {
	t, ok := toneOf[vowel]
	if !ok {
		return "", false
	}
	switch unicode.ToLower(t.base) {
	case 'a': // â and ă
	case 'e', 'o': // ê and ô
		if modifier != '\u0302' {
			return "", false
		}
	default:
		return "", false
	}
	toneMarks := [...]string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"} // as in toneRows
	return norm.NFC.String(string(t.base) + string(modifier) + toneMarks[t.tone]), true
}
