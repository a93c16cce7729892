package accounts

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/orgs"
	"noichinh/internal/settings"
	"noichinh/internal/store"
	"noichinh/internal/validate"
)

// SetupValidity is how long the first-run setup link works.
const SetupValidity = 30 * time.Minute

const setupSetting = "setup.token" // "<sha256 of token> <unix expiry>"

// SetupNeeded reports whether no account exists yet.
func (s *Service) SetupNeeded(ctx context.Context) (bool, error) {
	n, err := countUsers(ctx, s.db.Read())
	return n == 0, err
}

// StartSetup creates the one-time token of the first-run setup link, valid
// for SetupValidity, replacing any earlier one. Only its hash is stored.
func (s *Service) StartSetup(ctx context.Context) (string, error) {
	raw := make([]byte, 24)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	value := hashSecret(token) + " " + strconv.FormatInt(s.now().Add(SetupValidity).Unix(), 10)
	ctx = access.WithActor(ctx, access.SystemActor(0, "setup"))
	err := s.db.Tx(ctx, func(tx *sql.Tx) error { return settings.Set(ctx, tx, 0, setupSetting, value) })
	return token, err
}

// CheckSetupToken reports whether token is the current, unexpired setup
// token and no account exists yet.
func (s *Service) CheckSetupToken(ctx context.Context, token string) bool {
	ok, err := s.checkSetupToken(ctx, s.db.Read(), token)
	return err == nil && ok
}

func (s *Service) checkSetupToken(ctx context.Context, q store.Querier, token string) (bool, error) {
	v, err := settings.Get(ctx, q, 0, setupSetting, "")
	if err != nil || v == "" || token == "" {
		return false, err
	}
	hash, exp, _ := strings.Cut(v, " ")
	expiry, _ := strconv.ParseInt(exp, 10, 64)
	if s.now().Unix() > expiry || subtle.ConstantTimeCompare([]byte(hash), []byte(hashSecret(token))) != 1 {
		return false, nil
	}
	n, err := countUsers(ctx, q)
	return n == 0, err
}

// SetupForm is the first administrator and, when none exists yet, the
// owning organisation.
type SetupForm struct {
	Org      orgs.Org // used when the database has no organisation
	Username string
	FullName string
	Password string
}

// CompleteSetup creates the organisation (if needed) and the first
// administrator, with the highest clearance so they can grant any other,
// and spends the token. It returns the new user.
func (s *Service) CompleteSetup(ctx context.Context, token string, f SetupForm) (*User, error) {
	ctx = access.WithActor(ctx, access.SystemActor(0, "setup"))
	n := NewUser{Username: f.Username, FullName: f.FullName, Password: f.Password, Role: access.Administrator,
		Clearance: access.MostSecret}
	errs := n.validate()
	var u *User
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		ok, err := s.checkSetupToken(ctx, tx, token)
		if err != nil {
			return err
		}
		if !ok {
			return validate.Errors{{Key: "accounts.error.setup_token"}}
		}
		all, err := orgs.List(ctx, tx)
		if err != nil {
			return err
		}
		if len(all) == 0 {
			f.Org.Kind = orgs.Provincial
			if verr := f.Org.Validate(); verr != nil {
				errs.Add("org_code", "accounts.error.setup_org", map[string]any{"detail": verr.Error()})
			}
		}
		if len(errs) > 0 {
			return errs
		}
		if len(all) == 0 {
			if err := orgs.Create(ctx, tx, &f.Org); err != nil {
				return err
			}
			n.OrgID = f.Org.ID
		} else {
			n.OrgID = all[0].ID
		}
		hash, err := HashPassword(n.Password)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE org_id = 0 AND key = $1`, setupSetting); err != nil {
			return err
		}
		u, err = insertUser(ctx, tx, n, hash, "Khởi tạo: quản trị viên đầu tiên "+n.Username)
		return err
	})
	return u, err
}
