package i18n

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"slices"
	"testing"
)

// A key written twice in one file would silently keep the last text.
func TestNoDuplicateKeysInAFile(t *testing.T) {
	names, _ := fs.Glob(files, "messages/*.json")
	for _, name := range names {
		b, _ := files.ReadFile(name)
		dec := json.NewDecoder(bytes.NewReader(b))
		if _, err := dec.Token(); err != nil { // {
			t.Fatalf("%s: %v", name, err)
		}
		seen := map[string]bool{}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			key := tok.(string)
			if seen[key] {
				t.Errorf("%s: key %q written twice", name, key)
			}
			seen[key] = true
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
	}
}

// Every key has both languages, and both name the same parameters.
func TestCatalogComplete(t *testing.T) {
	cat, err := Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if len(cat) == 0 {
		t.Fatal("empty catalog")
	}
	for k, m := range cat {
		if m.VI == "" || m.EN == "" {
			t.Errorf("%s: missing %s", k, map[bool]string{true: "vi", false: "en"}[m.VI == ""])
			continue
		}
		if pv, pe := Params(m.VI), Params(m.EN); !slices.Equal(pv, pe) {
			t.Errorf("%s: parameters differ: vi %v, en %v", k, pv, pe)
		}
	}
}

func TestT(t *testing.T) {
	if got := T(VI, "error.too_long", map[string]any{"max": 200}); got != "Dài quá 200 ký tự." {
		t.Errorf("vi: %q", got)
	}
	if got := T(EN, "error.too_long", map[string]any{"max": 200}); got != "Longer than 200 characters." {
		t.Errorf("en: %q", got)
	}
	if got := T(EN, "no.such.key", nil); got != "no.such.key" {
		t.Errorf("unknown key: %q", got)
	}
	if got := fill("{{literal} {n} {missing}", map[string]any{"n": 3}); got != "{literal} 3 {missing}" {
		t.Errorf("fill: %q", got)
	}
	if Parse("en-US") != EN || Parse("vi") != VI || Parse("") != VI {
		t.Error("Parse")
	}
}
