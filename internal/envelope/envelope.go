// Package envelope encrypts small secrets at rest: protected identities of
// denouncers, TOTP secrets. Each sealed value gets a fresh 256-bit data key;
// the data key is encrypted ("wrapped") by a key-encryption key (KEK) read
// from a key file in the data folder, never stored in the database. A copy
// of the database therefore reveals nothing, and the KEK can be rotated by
// re-wrapping data keys without touching the data.
//
// Both layers use AES-256-GCM. The caller's associated data (for example
// "petition:ORG:UUID") is authenticated with the value, so a sealed value
// copied onto another record does not open.
package envelope

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"noichinh/internal/keyfile"
)

// version prefixes every sealed value so the format can evolve.
const version = "v1"

// Keyring seals and opens values with one KEK.
type Keyring struct {
	id  string // first 8 bytes of SHA-256(KEK), hex: names the KEK in each value
	kek cipher.AEAD
}

// Open loads the KEK called name (e.g. "identity.key") from dataDir's keys
// folder, creating it on first use.
func Open(dataDir, name string) (*Keyring, error) {
	key, _, err := keyfile.LoadOrCreate(dataDir, name)
	if err != nil {
		return nil, err
	}
	return New(key)
}

// New makes a keyring from a 32-byte KEK.
func New(kek []byte) (*Keyring, error) {
	aead, err := newAEAD(kek)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(kek)
	return &Keyring{id: hex.EncodeToString(sum[:8]), kek: aead}, nil
}

func newAEAD(key []byte) (cipher.AEAD, error) {
	if len(key) != 32 {
		return nil, fmt.Errorf("envelope: key must be 32 bytes, got %d", len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// ErrUndecryptable means a value cannot be opened: wrong key, altered value
// or value moved to another record.
var ErrUndecryptable = errors.New("envelope: value cannot be decrypted (wrong key, altered, or moved from another record)")

// Seal encrypts plaintext under a fresh data key and returns a printable
// value: v1.<kek-id>.<wrapped data key>.<ciphertext>, parts base64url.
func (k *Keyring) Seal(plaintext, aad []byte) (string, error) {
	dek := make([]byte, 32)
	if _, err := rand.Read(dek); err != nil {
		return "", err
	}
	data, err := newAEAD(dek)
	if err != nil {
		return "", err
	}
	wrapped, err := seal(k.kek, dek, []byte(k.id))
	if err != nil {
		return "", err
	}
	ct, err := seal(data, plaintext, aad)
	if err != nil {
		return "", err
	}
	enc := base64.RawURLEncoding.EncodeToString
	return strings.Join([]string{version, k.id, enc(wrapped), enc(ct)}, "."), nil
}

// Open decrypts a value made by Seal with the same associated data.
func (k *Keyring) Open(value string, aad []byte) ([]byte, error) {
	parts := strings.Split(value, ".")
	if len(parts) != 4 || parts[0] != version {
		return nil, ErrUndecryptable
	}
	if parts[1] != k.id {
		return nil, fmt.Errorf("%w: sealed with key %s, this installation has key %s", ErrUndecryptable, parts[1], k.id)
	}
	dec := base64.RawURLEncoding.DecodeString
	wrapped, err1 := dec(parts[2])
	ct, err2 := dec(parts[3])
	if err1 != nil || err2 != nil {
		return nil, ErrUndecryptable
	}
	dek, err := open(k.kek, wrapped, []byte(k.id))
	if err != nil {
		return nil, ErrUndecryptable
	}
	data, err := newAEAD(dek)
	if err != nil {
		return nil, ErrUndecryptable
	}
	pt, err := open(data, ct, aad)
	if err != nil {
		return nil, ErrUndecryptable
	}
	return pt, nil
}

// KeyID names the KEK (safe to show and log).
func (k *Keyring) KeyID() string { return k.id }

func seal(a cipher.AEAD, plaintext, aad []byte) ([]byte, error) {
	nonce := make([]byte, a.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return a.Seal(nonce, nonce, plaintext, aad), nil
}

func open(a cipher.AEAD, sealed, aad []byte) ([]byte, error) {
	if len(sealed) < a.NonceSize() {
		return nil, ErrUndecryptable
	}
	return a.Open(nil, sealed[:a.NonceSize()], sealed[a.NonceSize():], aad)
}
