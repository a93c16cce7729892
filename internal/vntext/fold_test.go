package vntext

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"only punctuation", " – … ", ""},
		{"name", "Nguyễn Văn Đức", "nguyen van duc"},
		{"uỷ", "Tỉnh uỷ", "tinh uy"},
		{"ủy", "Tỉnh ủy", "tinh uy"},
		{"capitals", "BAN NỘI CHÍNH TỈNH ỦY", "ban noi chinh tinh uy"},
		{"Đ in the middle of a word", "ĐẢNG ĐOÀN, BCĐTW", "dang doan bcdtw"},
		{"eth typed for Đ", "Ðức ðông", "duc dong"},
		{"document symbol", "Quyết định số 1045-QĐ/TU", "quyet dinh so 1045 qd tu"},
		{"digits and decimals", "4,5 tỷ đồng; 6.500 tin", "4 5 ty dong 6 500 tin"},
		{"spaces of every kind", "\u00a0Lạng\u200bSơn\t\r\n ", "lang son"},
		{"quotes and dashes", "“Ngày hội toàn dân” – 2005", "ngay hoi toan dan 2005"},
		{"already folded", "nguyen van duc", "nguyen van duc"},
		{"decomposed input", "Nguye\u0302\u0303n", "nguyen"},
		{"marks in unusual order", "Ho\u0323\u0302i e\u0300\u0302", "hoi e"},
		{"lone combining mark", "\u0301a", "a"},
		{"soft hyphen and controls join", "Nguy\u00adễn\x00", "nguyen"},
		{"other Latin letters", "Ærøskøbing Łódź Straße Œuvre", "aeroskobing lodz strasse oeuvre"},
		{"compatibility forms", "ﬁle Ａ１ m² ½", "file a1 m2 1 2"},
		{"non-Latin letters separate", "Sùng Tả (崇左) Москва", "sung ta"},
		{"emoji separate", "hoà🙂bình", "hoa binh"},
		{"invalid UTF-8 separates", "a\xffb", "a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestFoldEveryVietnameseLetter composes every vowel with every tone through
// NFC, so the table is checked against Unicode rather than against itself.
func TestFoldEveryVietnameseLetter(t *testing.T) {
	vowels := map[string]string{
		"a": "a", "a\u0306": "a", "a\u0302": "a", "e": "e", "e\u0302": "e", "i": "i",
		"o": "o", "o\u0302": "o", "o\u031b": "o", "u": "u", "u\u031b": "u", "y": "y",
	}
	tones := []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
	checked := 0
	for vowel, want := range vowels {
		for _, tone := range tones {
			for _, letter := range []string{vowel, strings.ToUpper(vowel[:1]) + vowel[1:]} {
				composed := norm.NFC.String(letter + tone)
				if utf8.RuneCountInString(composed) != 1 {
					t.Fatalf("%q does not compose to one letter", letter+tone)
				}
				if got := Fold(composed); got != want {
					t.Errorf("Fold(%q) = %q, want %q", composed, got, want)
				}
				checked++
			}
		}
	}
	if checked != 12*6*2 {
		t.Errorf("checked %d letters, want 144", checked)
	}
}

func TestFoldAllocations(t *testing.T) {
	text := readParagraph(t)
	if n := testing.AllocsPerRun(100, func() { _ = Fold(text) }); n > 1 {
		t.Errorf("Fold allocates %v times per call, want at most 1", n)
	}
	folded := Fold(text)
	if n := testing.AllocsPerRun(100, func() { _ = Fold(folded) }); n != 0 {
		t.Errorf("Fold allocates %v times on folded text, want 0", n)
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Nguyễn Văn Đức", "Tỉnh uỷ", " a  b ", "\xff\xfe", "ﬁ½", "e\u0300\u0302", "Ð🙂", "\u200b\u00ad"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		for i := 0; i < len(got); i++ {
			if c := got[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == ' ') {
				t.Fatalf("Fold(%q) = %q holds %q", s, got, c)
			}
		}
		if strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") || strings.Contains(got, "  ") {
			t.Fatalf("Fold(%q) = %q has untrimmed or doubled spaces", s, got)
		}
		if Fold(got) != got {
			t.Fatalf("Fold not idempotent on %q: %q then %q", s, got, Fold(got))
		}
		for _, form := range []norm.Form{norm.NFC, norm.NFD} {
			if v := Fold(form.String(s)); v != got {
				t.Fatalf("Fold of normal form %v of %q = %q, want %q", form, s, v, got)
			}
		}
		if v := Fold(Clean(s)); v != got {
			t.Fatalf("Fold(Clean(%q)) = %q, want %q", s, v, got)
		}
	})
}

func readParagraph(tb testing.TB) string {
	tb.Helper()
	data, err := os.ReadFile("testdata/paragraph_vi.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return string(data)
}

func BenchmarkFold(b *testing.B) {
	text := readParagraph(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Fold(text)
	}
}
