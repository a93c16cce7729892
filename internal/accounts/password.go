package accounts

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// Argon2id parameters, chosen deliberately: 64 MiB and 8 passes take about
// 190 ms on the 2-core reference machine (see BenchmarkHashPassword),
// inside the 150–400 ms window that makes guessing expensive while a login
// still feels immediate. They are written into every hash, so raising them
// later re-hashes each password at its owner's next login.
const (
	argonMemory  = 64 * 1024 // KiB
	argonTime    = 8
	argonThreads = 2
	argonKeyLen  = 32
	argonSaltLen = 16
)

// MinPasswordLength is the shortest password accepted, in characters.
const MinPasswordLength = 12

// hashing limits concurrent hashes to the number of cores: each takes 64 MiB
// and a burst of logins must not exhaust memory.
var hashing = make(chan struct{}, max(1, runtime.NumCPU()))

type argonParams struct {
	memory  uint32
	time    uint32
	threads uint8
}

var currentParams = argonParams{argonMemory, argonTime, argonThreads}

// UseCheapHashingInTests lowers the hashing cost for the rest of the
// process. Only test binaries call it: other packages' tests sign users in
// often, and the production cost is covered by this package's own tests and
// BenchmarkHashPassword.
func UseCheapHashingInTests() { currentParams = argonParams{memory: 8 * 1024, time: 1, threads: 1} }

// HashPassword returns a PHC-format argon2id hash of password.
func HashPassword(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := derive(password, salt, currentParams, argonKeyLen)
	enc := base64.RawStdEncoding.EncodeToString
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, currentParams.memory, currentParams.time, currentParams.threads, enc(salt), enc(key)), nil
}

// derivations counts key derivations, so a test can prove that every
// sign-in path does the same hashing work (and so takes the same time).
var derivations atomic.Int64

func derive(password string, salt []byte, p argonParams, keyLen uint32) []byte {
	derivations.Add(1)
	hashing <- struct{}{}
	defer func() { <-hashing }()
	return argon2.IDKey([]byte(password), salt, p.time, p.memory, p.threads, keyLen)
}

var errBadHash = errors.New("accounts: malformed password hash")

// VerifyPassword reports whether password matches hash, and whether the hash
// uses older parameters and should be replaced.
func VerifyPassword(password, hash string) (ok, stale bool, err error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, false, errBadHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, false, errBadHash
	}
	var p argonParams
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return false, false, errBadHash
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 || p.memory > 1<<21 || p.time > 64 || p.threads == 0 {
		return false, false, errBadHash
	}
	got := derive(password, salt, p, uint32(len(want)))
	ok = subtle.ConstantTimeCompare(got, want) == 1
	return ok, ok && p != currentParams, nil
}

// dummyHash is verified against when an account does not exist, so that a
// login for an unknown user costs the same time as for a known one.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword("noichinh-dummy-password-for-timing")
	return h
})

//go:embed commonpasswords.txt
var commonPasswordFile []byte

var commonPasswords = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, 30000)
	sc := bufio.NewScanner(bytes.NewReader(commonPasswordFile))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m
})

// CheckPassword applies the password policy: at least MinPasswordLength
// characters, not the username, not a common password (also not a common
// password with digits or punctuation appended, the usual way to reach the
// minimum length), and not a run of very few distinct characters.
func CheckPassword(password, username string) validate.Errors {
	var errs validate.Errors
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLength:
		errs.Add("password", "accounts.error.password_short", map[string]any{"min": MinPasswordLength})
	case n > 256:
		errs.Add("password", "error.too_long", map[string]any{"max": 256})
	}
	lower := strings.ToLower(password)
	folded := vntext.Fold(password)
	if username != "" && (lower == strings.ToLower(username) || strings.Contains(folded, vntext.Fold(username)) && len(vntext.Fold(username)) >= 4) {
		errs.Add("password", "accounts.error.password_username", nil)
	}
	stem := strings.TrimRightFunc(lower, func(r rune) bool { return unicode.IsDigit(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) })
	list := commonPasswords()
	if list[lower] || list[strings.ReplaceAll(folded, " ", "")] || (len(stem) >= 4 && list[stem]) {
		errs.Add("password", "accounts.error.password_common", nil)
	}
	distinct := map[rune]bool{}
	for _, r := range password {
		distinct[r] = true
	}
	if n >= MinPasswordLength && len(distinct) < 5 {
		errs.Add("password", "accounts.error.password_repetitive", nil)
	}
	return errs
}
