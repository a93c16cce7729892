package petitions

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"noichinh/internal/envelope"
	"noichinh/internal/keyfile"
	"noichinh/internal/vntext"
)

// Key files in the data folder's keys/ (created on first run, mode 0600,
// backed up separately from the database: docs/deploy.md).
const (
	IdentityKeyFile = "identity.key"       // KEK wrapping each sender's data key
	IndexKeyFile    = "identity-index.key" // source of the blind-index HMAC key
)

// Keys protect senders' identities: Seal encrypts each sender's identifying
// fields, and the index key makes the blind index that lets equal senders be
// found without decrypting anyone.
type Keys struct {
	Seal  *envelope.Keyring
	index []byte
}

// OpenKeys loads (or creates) both key files in dataDir.
func OpenKeys(dataDir string) (Keys, error) {
	ring, err := envelope.Open(dataDir, IdentityKeyFile)
	if err != nil {
		return Keys{}, fmt.Errorf("petitions: identity key: %w", err)
	}
	raw, _, err := keyfile.LoadOrCreate(dataDir, IndexKeyFile)
	if err != nil {
		return Keys{}, fmt.Errorf("petitions: identity index key: %w", err)
	}
	return NewKeys(ring, raw)
}

// NewKeys makes Keys from a keyring and the 32 bytes of the index key file.
func NewKeys(ring *envelope.Keyring, indexKey []byte) (Keys, error) {
	if ring == nil || len(indexKey) != keyfile.Size {
		return Keys{}, errors.New("petitions: identity keys need a keyring and a 32-byte index key")
	}
	// Derive rather than use the file's bytes directly, so the same file
	// could serve another purpose without the two uses ever colliding.
	mac := hmac.New(sha256.New, indexKey)
	mac.Write([]byte("noichinh petition sender blind index v1"))
	return Keys{Seal: ring, index: mac.Sum(nil)}, nil
}

// ErrNoKeys is returned when an operation needs the identity keys and the
// service was built without them (the report command, for instance).
var ErrNoKeys = errors.New("petitions: identity keys are not loaded")

func (k Keys) loaded() bool { return k.Seal != nil && len(k.index) > 0 }

// blindIndex is the HMAC of the comparison keys of a sender's name and
// address: equal for "Nguyễn Văn Đức, thôn Nà Lầu" typed in any tone-mark
// style, meaningless without the key. Empty when there is no name.
func (k Keys) blindIndex(name, address string) string {
	nk := vntext.Key(name)
	if nk == "" {
		return ""
	}
	mac := hmac.New(sha256.New, k.index)
	mac.Write([]byte(nk + "|" + vntext.Key(address)))
	return hex.EncodeToString(mac.Sum(nil))
}

// senderAAD binds a sealed identity to its sender row, so a value copied
// onto another row (or another organisation) does not open.
func senderAAD(orgID int64, uuid string) []byte {
	return fmt.Appendf(nil, "petition-sender:%d:%s", orgID, uuid)
}

// sealSender encrypts every identifying field of s as one value.
func (k Keys) sealSender(orgID int64, uuid string, s Sender) (string, error) {
	if !k.loaded() {
		return "", ErrNoKeys
	}
	plain, err := json.Marshal(s)
	if err != nil {
		return "", err
	}
	return k.Seal.Seal(plain, senderAAD(orgID, uuid))
}

// openSender decrypts a sealed identity.
func (k Keys) openSender(orgID int64, uuid, sealed string) (Sender, error) {
	if !k.loaded() {
		return Sender{}, ErrNoKeys
	}
	plain, err := k.Seal.Open(sealed, senderAAD(orgID, uuid))
	if err != nil {
		return Sender{}, err
	}
	var s Sender
	err = json.Unmarshal(plain, &s)
	return s, err
}

// newUUID returns a random identifier (RFC 4122 version 4 layout).
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
