package documentsweb

import (
	"testing"

	"noichinh/internal/web"
)

// Every text the templates show is in the catalog, in both languages.
func TestTemplatesUseKnownKeys(t *testing.T) {
	missing, err := web.MissingKeys(templates)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range missing {
		t.Errorf("message key missing from the catalog: %s", m)
	}
}
