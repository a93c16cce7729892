package cite

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

func FuzzFind(f *testing.F) {
	files, _ := filepath.Glob("testdata/seeds/*.txt")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(string(b))
		}
	}
	for _, c := range loadCorpus(f) {
		f.Add(c.Text)
	}
	for _, s := range []string{
		"", "số 1", "Chỉ thị số 04, 05 và 06-CT/TW", "Quyết định số 1 - ", "48-CT/TW\xff",
		"Ngày 1/1/2000, X ban hành Chỉ thị số 1-CT/TU", "(((Chỉ thị số 1-CT/TU (ngày 1/1/2000",
		"Căn cứ Chỉ thị số 1-CT/TU; căn cứ", "Nghị quyết số 01,,02 và", "\u00a0\u00a0số\u00a0",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		refs := Find(text)
		boundary := runeBoundaries(text)
		prevEnd := 0
		for i, r := range refs {
			if r.Start < prevEnd || r.Start >= r.End || r.End > len(text) {
				t.Fatalf("#%d span [%d,%d) after %d in %d bytes", i, r.Start, r.End, prevEnd, len(text))
			}
			if !boundary[r.Start] || !boundary[r.End] {
				t.Fatalf("#%d span [%d,%d) splits a character", i, r.Start, r.End)
			}
			prevEnd = r.End
			if r.Number == "" || r.Kind == "" {
				t.Fatalf("#%d has no number or kind: %+v", i, r)
			}
			if r.Symbol != "" {
				sym, err := ParseSymbol(r.Symbol)
				if err != nil {
					t.Fatalf("#%d symbol %q does not parse: %v", i, r.Symbol, err)
				}
				if sym.String() != r.Symbol || sym.Number != r.Number {
					t.Fatalf("#%d symbol %q reads back as %q, number %q", i, r.Symbol, sym.String(), r.Number)
				}
			}
			if !r.Issued.IsZero() && !r.Issued.Valid() {
				t.Fatalf("#%d issued %v is no date", i, r.Issued)
			}
			for _, s := range []string{r.Issuer, r.Summary, r.KindText} {
				if !utf8.ValidString(s) {
					t.Fatalf("#%d output %q is not UTF-8", i, s)
				}
			}
		}
	})
}

// runeBoundaries marks the offsets where a character starts when text is
// read from its beginning (an invalid byte counts as one character), and
// the end of the text.
func runeBoundaries(text string) []bool {
	b := make([]bool, len(text)+1)
	for i := 0; i < len(text); {
		b[i] = true
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	b[len(text)] = true
	return b
}
