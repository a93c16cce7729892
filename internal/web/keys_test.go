package web

import "testing"

func TestShellTemplatesUseKnownKeys(t *testing.T) {
	missing, err := MissingKeys(shellFiles)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range missing {
		t.Errorf("message key missing from the catalog: %s", m)
	}
}
