package vntext

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestCanonical(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"uỷ", "uỷ", "ủy"},
		{"hoà", "hoà", "hòa"},
		{"khoá", "khoá", "khóa"},
		{"thuỷ", "thuỷ", "thủy"},
		{"khoẻ", "khoẻ", "khỏe"},
		{"dot below", "hoạ", "họa"},
		{"tilde", "luỹ", "lũy"},
		{"already traditional", "Tỉnh ủy, hòa, khóa, thủy, khỏe", "Tỉnh ủy, hòa, khóa, thủy, khỏe"},
		{"in a sentence", "Ban Thường vụ Tỉnh uỷ Lạng Sơn, khoá XVIII.", "Ban Thường vụ Tỉnh ủy Lạng Sơn, khóa XVIII."},
		{"capital first letter", "Uỷ ban", "Ủy ban"},
		{"all capitals", "HOÀ BÌNH, UỶ BAN", "HÒA BÌNH, ỦY BAN"},
		{"mixed case", "hOÀ", "hÒA"},
		{"đ onset", "đoá hoa", "đóa hoa"},
		{"Đ onset in capitals", "ĐOÁ", "ĐÓA"},
		{"qu onset left alone", "quý, Quỳ, QUÝ", "quý, Quỳ, QUÝ"},
		{"final consonant left alone", "hoàn thành, khoét, huýt", "hoàn thành, khoét, huýt"},
		{"other vowels left alone", "giữa, thuở, khuya, uyên, khuỷu, xoáy, khoái", "giữa, thuở, khuya, uyên, khuỷu, xoáy, khoái"},
		{"toneless left alone", "hoa, khoe, thuy", "hoa, khoe, thuy"},
		{"non-Vietnamese onset left alone", "coà, kuỳ, ghoé, fiancé, José", "coà, kuỳ, ghoé, fiancé, José"},
		{"part of a longer word left alone", "hoàbình, 2hoà, hoà2", "hoàbình, 2hoà, hoà2"},
		{"hyphen separates syllables", "Hoà-Bình", "Hòa-Bình"},
		{"decomposed input", "ho" + "a\u0300", "hòa"},
		{"decomposed uy", "thu" + "y\u0309", "thủy"},
		{"tone typed before circumflex", "Nguye\u0300\u0302n", "Nguyền"},
		{"tone typed before breve", "a\u0301\u0306", "ắ"},
		{"tone typed before circumflex on o", "to\u0309\u0302", "tổ"},
		{"breve on e is not Vietnamese", "e\u0301\u0306", "é\u0306"},
		{"circumflex on u is not Vietnamese", "u\u0301\u0302", "ú\u0302"},
		{"circumflex on a consonant left alone", "x\u0302", "x\u0302"},
		{"dot below before circumflex is just NFC", "e\u0323\u0302", "ệ"},
		{"emoji untouched", "hoà 🙂 uỷ", "hòa 🙂 ủy"},
		{"invalid UTF-8 made visible", "uỷ\xff", "ủy\ufffd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Canonical(tt.in); got != tt.want {
				t.Errorf("Canonical(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCanonicalDoesNotAllocateForCanonicalText(t *testing.T) {
	s := "Ban Nội chính Tỉnh ủy Lạng Sơn được thành lập năm 2013, khóa XVIII"
	if n := testing.AllocsPerRun(100, func() { _ = Canonical(s) }); n != 0 {
		t.Errorf("Canonical allocates %v times on text that needs no change", n)
	}
}

func TestKey(t *testing.T) {
	tests := []struct {
		a, b  string
		equal bool
	}{
		{"Ủy ban nhân dân", "uỷ ban nhân dân", true},
		{"  Nguyễn\u00a0Văn  Hoà ", "nguyễn văn hòa", true},
		{"NGUYỄN VĂN ĐỨC", "Nguye\u0302\u0303n Văn Đức", true},
		{"Khoẻ", "khỏe", true},
		{"Thuỷ\u200b", "THỦY", true},
		{"Nguyễn Văn Đức", "Nguyen Van Duc", false}, // Key keeps diacritics; Fold drops them
		{"Hòa", "Hóa", false},
		{"Lê", "Lệ", false},
	}
	for _, tt := range tests {
		ka, kb := Key(tt.a), Key(tt.b)
		if (ka == kb) != tt.equal {
			t.Errorf("Key(%q) = %q, Key(%q) = %q; equal = %v, want %v", tt.a, ka, tt.b, kb, ka == kb, tt.equal)
		}
	}
	if got, want := Key("  Tỉnh Uỷ  LẠNG SƠN "), "tỉnh ủy lạng sơn"; got != want {
		t.Errorf("Key = %q, want %q", got, want)
	}
}

// seedWords returns the distinct words of the project's Vietnamese seed texts.
func seedWords(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "..", "shared", "seeds", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("seed texts not found beside the project (../shared/seeds): %v", err)
	}
	seen := map[string]bool{}
	var words []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range strings.FieldsFunc(string(data), func(r rune) bool { return !isWordRune(r) }) {
			if !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	return words
}

// flipTone moves the tone of an open oa, oe or uy syllable to the other vowel
// ("thủy" ↔ "thuỷ"), working on the decomposed form independently of the
// code under test. ok is false for every other word.
func flipTone(word string) (string, bool) {
	var letters []rune // base letters
	var marks [][]rune // marks on each letter
	for _, r := range norm.NFD.String(word) {
		if unicode.Is(unicode.Mn, r) {
			if len(letters) == 0 {
				return "", false
			}
			marks[len(marks)-1] = append(marks[len(marks)-1], r)
			continue
		}
		letters, marks = append(letters, r), append(marks, nil)
	}
	n := len(letters)
	if n < 2 {
		return "", false
	}
	pair := strings.ToLower(string(letters[n-2:]))
	if pair != "oa" && pair != "oe" && pair != "uy" {
		return "", false
	}
	onset := strings.ToLower(string(letters[:n-2]))
	if strings.ContainsAny(onset, "aeiouyq") && onset != "gi" || len(marks[n-2])+len(marks[n-1]) != 1 {
		return "", false
	}
	marks[n-2], marks[n-1] = marks[n-1], marks[n-2]
	var b strings.Builder
	for i, r := range letters {
		b.WriteRune(r)
		b.WriteString(string(marks[i]))
	}
	return norm.NFC.String(b.String()), true
}

func TestSeedSyllables(t *testing.T) {
	flipped := 0
	for _, w := range seedWords(t) {
		c := Canonical(w)
		if Canonical(c) != c {
			t.Errorf("Canonical not idempotent on %q: %q then %q", w, c, Canonical(c))
		}
		if Fold(c) != Fold(w) {
			t.Errorf("Fold(Canonical(%q)) = %q, Fold = %q", w, Fold(c), Fold(w))
		}
		variant, ok := flipTone(w)
		if !ok {
			if c != w {
				t.Errorf("Canonical(%q) = %q, want the word left alone", w, c)
			}
			continue
		}
		flipped++
		if Key(variant) != Key(w) {
			t.Errorf("Key(%q) = %q, Key(%q) = %q, want equal", w, Key(w), variant, Key(variant))
		}
		if Canonical(variant) != Canonical(w) {
			t.Errorf("Canonical(%q) = %q, Canonical(%q) = %q, want equal", w, Canonical(w), variant, Canonical(variant))
		}
	}
	if flipped < 5 {
		t.Errorf("only %d seed words have a tone variant; the seeds should hold ủy, hòa, khóa...", flipped)
	}
}

func TestSeedTextsHaveOneSpellingAfterCanonical(t *testing.T) {
	for _, w := range seedWords(t) {
		switch c := strings.ToLower(Canonical(w)); c {
		case "uỷ", "tỉnh uỷ", "hoà", "khoá", "hoá":
			t.Errorf("Canonical(%q) = %q is still in the newer style", w, c)
		}
	}
}

func FuzzCanonical(f *testing.F) {
	for _, s := range []string{"Tỉnh uỷ", "HOÀ", "quý", "e\u0300\u0302", "a\u0301\u0306x", "\xff", "🙂uỷ", "Ð"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Canonical(s)
		if !utf8.ValidString(c) || !norm.NFC.IsNormalString(c) {
			t.Fatalf("Canonical(%q) = %q is not valid NFC", s, c)
		}
		if Canonical(c) != c {
			t.Fatalf("Canonical not idempotent on %q: %q then %q", s, c, Canonical(c))
		}
		if Fold(c) != Fold(s) {
			t.Fatalf("Fold(Canonical(%q)) = %q, Fold = %q", s, Fold(c), Fold(s))
		}
		if k := Key(s); Key(k) != k {
			t.Fatalf("Key not idempotent on %q: %q then %q", s, k, Key(k))
		}
	})
}

func BenchmarkCanonical(b *testing.B) {
	mixed := readParagraph(b) // has both "Tỉnh uỷ" and "Tỉnh ủy"
	for _, bc := range []struct{ name, text string }{
		{"mixed", mixed},
		{"canonical", Canonical(mixed)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.text)))
			b.ReportAllocs()
			for b.Loop() {
				_ = Canonical(bc.text)
			}
		})
	}
}

func BenchmarkKey(b *testing.B) {
	name := "  Ban Thường vụ Tỉnh uỷ Lạng Sơn "
	b.ReportAllocs()
	for b.Loop() {
		_ = Key(name)
	}
}
