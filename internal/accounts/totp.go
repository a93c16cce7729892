package accounts

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"fmt"
	"image/png"
	"strconv"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/store"
	"noichinh/internal/validate"
)

const (
	totpIssuer     = "noichinh"
	totpPeriod     = 30
	recoveryCount  = 10
	totpSecretSize = 20
)

var totpOpts = totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// Enrolment is a second factor being set up: the secret (sealed, to keep in
// the session until confirmed), the otpauth URL and its QR code.
type Enrolment struct {
	Sealed string // the secret sealed for this user; give it back to ConfirmEnrolment
	Secret string // base32, for typing into an app by hand
	QRCode []byte // PNG
}

func totpAAD(userID int64) []byte { return []byte("totp:" + strconv.FormatInt(userID, 10)) }

// BeginEnrolment creates a new TOTP secret for the signed-in user.
func (s *Service) BeginEnrolment(ctx context.Context) (*Enrolment, error) {
	actor, err := access.Check(ctx, access.Self)
	if err != nil {
		return nil, err
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: totpIssuer, AccountName: actor.Username,
		Period: totpPeriod, SecretSize: totpSecretSize, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return nil, err
	}
	img, err := key.Image(240, 240)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	sealed, err := s.totp.Seal([]byte(key.Secret()), totpAAD(actor.UserID))
	if err != nil {
		return nil, err
	}
	return &Enrolment{Sealed: sealed, Secret: key.Secret(), QRCode: buf.Bytes()}, nil
}

// ConfirmEnrolment turns the second factor on once the user proves their
// app shows the right code, and returns the one-time recovery codes (shown
// once, stored hashed).
func (s *Service) ConfirmEnrolment(ctx context.Context, sealed, code string) ([]string, error) {
	actor, err := access.Check(ctx, access.Self)
	if err != nil {
		return nil, err
	}
	secret, err := s.totp.Open(sealed, totpAAD(actor.UserID))
	if err != nil {
		return nil, validate.Errors{{Field: "code", Key: "accounts.error.enrolment_expired"}}
	}
	step, ok := matchTOTP(string(secret), code, s.now())
	if !ok {
		return nil, validate.Errors{{Field: "code", Key: "accounts.error.code"}}
	}
	codes := make([]string, recoveryCount)
	for i := range codes {
		codes[i] = newRecoveryCode()
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET totp_secret = $1, totp_enabled = TRUE, totp_last_step = $2,
			updated_at = $3, version = version + 1 WHERE id = $4`, sealed, step, store.Now(), actor.UserID); err != nil {
			return err
		}
		if err := replaceRecoveryCodes(ctx, tx, actor.UserID, codes); err != nil {
			return err
		}
		_, err := audit.Record(ctx, tx, audit.Event{Action: "2fa_enabled", Entity: "user", EntityID: actor.UserID,
			Summary: "Bật xác thực hai lớp"})
		return err
	})
	if err != nil {
		return nil, err
	}
	return codes, nil
}

func replaceRecoveryCodes(ctx context.Context, tx *sql.Tx, userID int64, codes []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM recovery_codes WHERE user_id = $1`, userID); err != nil {
		return err
	}
	for _, c := range codes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)`,
			userID, hashSecret(normaliseRecovery(c))); err != nil {
			return err
		}
	}
	return nil
}

// newRecoveryCode is 10 base32 characters (50 bits) shown as xxxxx-xxxxx.
func newRecoveryCode() string {
	b := make([]byte, 10)
	_, _ = rand.Read(b)
	s := strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))[:10]
	return s[:5] + "-" + s[5:]
}

func normaliseRecovery(s string) string {
	return strings.ToLower(strings.NewReplacer("-", "", " ", "").Replace(strings.TrimSpace(s)))
}

func hashSecret(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// matchTOTP checks code against the secret for the current step and one
// step either side (clock drift), returning the step it matched.
func matchTOTP(secret, code string, now time.Time) (int64, bool) {
	code = strings.TrimSpace(strings.ReplaceAll(code, " ", ""))
	if len(code) != 6 {
		return 0, false
	}
	step := now.Unix() / totpPeriod
	for _, d := range []int64{0, -1, 1} {
		t := time.Unix((step+d)*totpPeriod, 0)
		want, err := totp.GenerateCodeCustom(secret, t, totpOpts)
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return step + d, true
		}
	}
	return 0, false
}

// CompleteWithCode finishes a sign-in that passed the password with a TOTP
// code or a recovery code. A code already used (the same or an earlier time
// step) is refused, so an observed code cannot be replayed. Wrong codes
// count towards the account lock like wrong passwords.
func (s *Service) CompleteWithCode(ctx context.Context, userID int64, code string) (*User, error) {
	u, err := userByID(ctx, s.db.Read(), userID)
	if err != nil {
		return nil, ErrNoAccount
	}
	now := s.now().UTC()
	if u.Disabled() || (u.lockedUntil != nil && now.Before(*u.lockedUntil)) || !u.TOTPEnabled {
		return nil, ErrNoAccount
	}
	how, ok, err := s.checkCode(ctx, u, code)
	if err != nil {
		return nil, err
	}
	if !ok {
		if err := s.recordFailure(ctx, u, true, "sai mã xác thực"); err != nil {
			return nil, err
		}
		return nil, ErrNoAccount
	}
	if err := s.finishSignIn(ctx, u, how); err != nil {
		return nil, err
	}
	return u, nil
}

func (s *Service) checkCode(ctx context.Context, u *User, code string) (how string, ok bool, err error) {
	if strings.Contains(code, "-") || len(normaliseRecovery(code)) == 10 {
		used, err := s.useRecoveryCode(ctx, u.ID, code)
		return "mã dự phòng", used, err
	}
	secret, err := s.totp.Open(u.totpSecret, totpAAD(u.ID))
	if err != nil {
		return "", false, fmt.Errorf("open TOTP secret of user %d: %w", u.ID, err)
	}
	step, match := matchTOTP(string(secret), code, s.now())
	if !match {
		return "", false, nil
	}
	// Move the last accepted step forward atomically: a code of the same or
	// an older step was already used.
	var accepted bool
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1`, step, u.ID)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		accepted = n == 1
		return nil
	})
	return "mã TOTP", accepted, err
}

func (s *Service) useRecoveryCode(ctx context.Context, userID int64, code string) (bool, error) {
	var used bool
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE recovery_codes SET used_at = $1
			WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL`, store.Now(), userID, hashSecret(normaliseRecovery(code)))
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		used = n == 1
		return nil
	})
	return used, err
}

// RecoveryCodesLeft counts the signed-in user's unused recovery codes.
func (s *Service) RecoveryCodesLeft(ctx context.Context) (int, error) {
	actor, err := access.Check(ctx, access.Self)
	if err != nil {
		return 0, err
	}
	var n int
	err = s.db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL`,
		actor.UserID).Scan(&n)
	return n, err
}

// ErrSecondFactorRequired refuses to turn off a second factor the user's role requires.
var ErrSecondFactorRequired = errors.New("the role requires two-factor authentication")

// ResetSecondFactor turns a user's second factor off: their own choice
// (with their password, when their role allows it) or an administrator's,
// for a user who lost their device and codes. They must enrol again if
// their role requires it.
func (s *Service) ResetSecondFactor(ctx context.Context, userID int64, password string) error {
	actor, err := access.Check(ctx, access.Self)
	if err != nil {
		return err
	}
	self := userID == actor.UserID
	if !self {
		if err := actor.Require(access.UsersAdmin, 0); err != nil {
			return err
		}
	}
	u, err := userByID(ctx, s.db.Read(), userID)
	if err != nil {
		return err
	}
	if self {
		if ok, _, err := VerifyPassword(password, u.passwordHash); err != nil || !ok {
			return validate.Errors{{Field: "current_password", Key: "accounts.error.current_password"}}
		}
		if s.requiresSecondFactor(ctx, u) {
			return validate.Errors{{Key: "accounts.error.2fa_required"}}
		}
	} else if _, err := s.visibleUser(ctx, s.db.Read(), actor, userID); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET totp_secret = '', totp_enabled = FALSE, auth_epoch = auth_epoch + 1,
			updated_at = $1, version = version + 1 WHERE id = $2`, store.Now(), userID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM recovery_codes WHERE user_id = $1`, userID); err != nil {
			return err
		}
		_, err := audit.Record(ctx, tx, audit.Event{Action: "2fa_disabled", Entity: "user", EntityID: userID,
			Summary: "Tắt xác thực hai lớp của " + u.Username})
		return err
	})
}
