package envelope

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSealOpen(t *testing.T) {
	dir := t.TempDir()
	k, err := Open(dir, "identity.key")
	if err != nil {
		t.Fatal(err)
	}
	secret := []byte(`{"name":"Nguyễn Văn Đức","address":"thôn Bản Chu, xã Tân Đoàn"}`)
	a, err := k.Seal(secret, []byte("petition:1:abc"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := k.Seal(secret, []byte("petition:1:abc"))
	if a == b {
		t.Error("two seals of the same value are identical: data keys or nonces reused")
	}
	if strings.Contains(a, "Nguy") || bytes.Contains([]byte(a), secret[:10]) {
		t.Error("plaintext visible in sealed value")
	}
	got, err := k.Open(a, []byte("petition:1:abc"))
	if err != nil || !bytes.Equal(got, secret) {
		t.Fatalf("open: %q %v", got, err)
	}
	if _, err := k.Open(a, []byte("petition:1:other")); !errors.Is(err, ErrUndecryptable) {
		t.Errorf("value moved to another record opened: %v", err)
	}
	tampered := a[:len(a)-3] + "AAA"
	if _, err := k.Open(tampered, []byte("petition:1:abc")); !errors.Is(err, ErrUndecryptable) {
		t.Errorf("tampered value opened: %v", err)
	}
	// The same key file reopened opens old values; another installation's key does not.
	k2, _ := Open(dir, "identity.key")
	if _, err := k2.Open(a, []byte("petition:1:abc")); err != nil {
		t.Errorf("reopened key: %v", err)
	}
	other, _ := Open(t.TempDir(), "identity.key")
	if _, err := other.Open(a, []byte("petition:1:abc")); !errors.Is(err, ErrUndecryptable) {
		t.Errorf("foreign key opened the value: %v", err)
	}
	info, _ := os.Stat(filepath.Join(dir, "keys", "identity.key"))
	if info.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v", info.Mode().Perm())
	}
}

func TestRefusesReadableKeyFile(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(dir, "identity.key"); err != nil {
		t.Fatal(err)
	}
	os.Chmod(filepath.Join(dir, "keys", "identity.key"), 0o644)
	if _, err := Open(dir, "identity.key"); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("world-readable key accepted: %v", err)
	}
}
