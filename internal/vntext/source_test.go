package vntext

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestSourcesAreNFC keeps literal Vietnamese in this package's code, tests
// and test data in NFC; decomposed test input is written with \u escapes.
func TestSourcesAreNFC(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	data, err := filepath.Glob("testdata/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append(files, data...) {
		content, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !norm.NFC.IsNormal(content) {
			t.Errorf("%s is not in NFC", f)
		}
	}
}
