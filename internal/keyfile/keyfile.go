// Package keyfile loads the secret keys kept in the data folder's keys/
// subfolder (owner-only permissions), creating each on first use. Keys never
// live in the database, so a copy of the database alone reveals nothing they
// protect; they are backed up separately (docs/deploy.md).
package keyfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Size of every key, in bytes (256-bit).
const Size = 32

// Dir is the keys folder inside a data folder.
func Dir(dataDir string) string { return filepath.Join(dataDir, "keys") }

// LoadOrCreate returns the key called name (e.g. "audit.key") in dataDir's
// keys folder, creating it with a random value if it does not exist.
// created reports whether it was made now.
func LoadOrCreate(dataDir, name string) (key []byte, created bool, err error) {
	path := filepath.Join(Dir(dataDir), name)
	key, err = Load(path)
	if err == nil {
		return key, false, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, false, err
	}
	if err := os.MkdirAll(Dir(dataDir), 0o700); err != nil {
		return nil, false, fmt.Errorf("keys folder: %w", err)
	}
	key = make([]byte, Size)
	if _, err := rand.Read(key); err != nil {
		return nil, false, err
	}
	// O_EXCL: if another process created it meanwhile, use theirs.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		key, err = Load(path)
		return key, false, err
	}
	if err != nil {
		return nil, false, fmt.Errorf("create key %s: %w", path, err)
	}
	_, werr := f.WriteString(hex.EncodeToString(key) + "\n")
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(path)
		return nil, false, fmt.Errorf("write key %s: %w", path, werr)
	}
	return key, true, nil
}

// Load reads an existing key file, refusing one that others can read.
func Load(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("key file %s is readable by others (mode %v); run: chmod 600 %s",
			path, info.Mode().Perm(), path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) != Size {
		return nil, fmt.Errorf("key file %s is damaged (expected %d hex-encoded bytes)", path, Size)
	}
	return key, nil
}
