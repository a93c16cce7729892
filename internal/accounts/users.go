// Package accounts manages users, their roles in organisations, passwords,
// sign-in with brute-force protection, TOTP second factor with recovery
// codes, sessions, API tokens and the first-run setup. Every change is
// audited; every secret is stored hashed or sealed.
package accounts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/envelope"
	"noichinh/internal/search"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// Policy holds the security settings of sign-in.
type Policy struct {
	LockAfter       int           // failed logins before the account is locked
	LockFor         time.Duration // how long the lock lasts
	AddressAttempts int           // failed logins allowed per client address per AddressWindow
	AddressWindow   time.Duration
	// TwoFactorRoles must enrol a second factor before using the system.
	TwoFactorRoles []access.Role
}

// DefaultPolicy is the policy unless an administrator changes it.
var DefaultPolicy = Policy{
	LockAfter: 5, LockFor: 15 * time.Minute,
	AddressAttempts: 20, AddressWindow: 10 * time.Minute,
	TwoFactorRoles: []access.Role{access.Administrator, access.Leader},
}

// Service is the accounts service.
type Service struct {
	db      *store.DB
	totp    *envelope.Keyring // seals TOTP secrets
	policy  Policy
	limiter *addressLimiter
	now     func() time.Time
}

// New returns the service. totpKeys seals TOTP secrets at rest.
func New(db *store.DB, totpKeys *envelope.Keyring, policy Policy) *Service {
	return &Service{db: db, totp: totpKeys, policy: policy, limiter: newAddressLimiter(policy.AddressAttempts, policy.AddressWindow), now: time.Now}
}

// Policy returns the sign-in policy in force.
func (s *Service) Policy() Policy { return s.policy }

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,38}[a-z0-9]$`)

// NewUser is what an administrator (or the command line) gives to create an account.
type NewUser struct {
	Username   string
	FullName   string
	Password   string
	Role       access.Role
	OrgID      int64
	Clearance  access.Classification
	UnitID     int64 // for a clerk: the commune or ward unit
	Department string
	// MustChange forces a new password at first sign-in (the default for an
	// account created by someone else).
	MustChange bool
}

func (n *NewUser) validate() validate.Errors {
	var errs validate.Errors
	n.Username = strings.ToLower(strings.TrimSpace(n.Username))
	n.FullName = vntext.Clean(n.FullName)
	if !usernamePattern.MatchString(n.Username) {
		errs.Add("username", "accounts.error.username_form", nil)
	}
	errs.Required("full_name", n.FullName)
	errs.MaxLen("full_name", n.FullName, 200)
	if !n.Role.Valid() {
		errs.Add("role", "error.invalid_choice", nil)
	}
	if !n.Clearance.Valid() {
		errs.Add("clearance", "error.invalid_choice", nil)
	}
	if n.Role == access.Clerk && n.UnitID == 0 {
		errs.Add("unit_id", "accounts.error.clerk_unit", nil)
	}
	errs = append(errs, CheckPassword(n.Password, n.Username)...)
	return errs
}

// CreateUser creates an account with a role in one organisation. It needs
// users.admin in that organisation (or the command line).
func (s *Service) CreateUser(ctx context.Context, n NewUser) (*User, error) {
	actor, err := access.Check(ctx, access.UsersAdmin)
	if err != nil {
		return nil, err
	}
	if n.OrgID == 0 {
		n.OrgID = actor.OrgID
	}
	if !actor.System && n.OrgID != actor.OrgID {
		return nil, fmt.Errorf("%w: users are created in one's own organisation", access.ErrForbidden)
	}
	errs := n.validate()
	if !actor.System && n.Clearance.Valid() && n.Clearance > actor.Clearance {
		// An administrator cannot grant more than they hold.
		errs.Add("clearance", "error.classification_above_clearance", nil)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	hash, err := HashPassword(n.Password)
	if err != nil {
		return nil, err
	}
	var u *User
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		u, err = insertUser(ctx, tx, n, hash, "Tạo tài khoản "+n.Username)
		return err
	})
	return u, err
}

// insertUser writes a new account with its membership, search entry and
// audit entry inside tx; n must be validated and hash made.
func insertUser(ctx context.Context, tx *sql.Tx, n NewUser, hash, summary string) (*User, error) {
	var id int64
	now := store.Now()
	err := tx.QueryRowContext(ctx, `INSERT INTO users (username, full_name, password_hash, must_change_password,
		password_changed_at, clearance, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $5, $5) RETURNING id`,
		n.Username, n.FullName, hash, n.MustChange, now, n.Clearance).Scan(&id)
	if store.IsUniqueViolation(err) {
		return nil, validate.Errors{{Field: "username", Key: "accounts.error.username_taken"}}
	}
	if err != nil {
		return nil, fmt.Errorf("create user: %w", err)
	}
	if err := addMembership(ctx, tx, id, n.OrgID, n.Role, n.UnitID, n.Department); err != nil {
		return nil, err
	}
	u, err := userByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := indexUser(ctx, tx, u); err != nil {
		return nil, err
	}
	_, err = audit.Record(ctx, tx, audit.Event{OrgID: n.OrgID, Action: audit.Create, Entity: "user", EntityID: id,
		Summary: summary, After: u})
	return u, err
}

// indexUser keeps the user's entries in the search index (one per
// organisation they belong to), for administrators looking people up.
func indexUser(ctx context.Context, tx *sql.Tx, u *User) error {
	for _, m := range u.Memberships {
		err := search.Put(ctx, tx, search.Doc{OrgID: m.OrgID, Kind: "user", RecordID: strconv.FormatInt(u.ID, 10),
			Title: u.FullName + " (" + u.Username + ")", Body: m.Department, URL: "/admin/users/" + strconv.FormatInt(u.ID, 10)})
		if err != nil {
			return err
		}
	}
	return nil
}

func addMembership(ctx context.Context, tx *sql.Tx, userID, orgID int64, role access.Role, unitID int64, dept string) error {
	var unit any
	if unitID != 0 {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM units WHERE id = $1 AND org_id = $2`, unitID, orgID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return validate.Errors{{Field: "unit_id", Key: "error.not_found"}}
		}
		unit = unitID
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO memberships (user_id, org_id, role, unit_id, department, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (user_id, org_id) DO UPDATE SET role = excluded.role, unit_id = excluded.unit_id, department = excluded.department`,
		userID, orgID, role, unit, dept, store.Now())
	if store.IsForeignKeyViolation(err) {
		return validate.Errors{{Field: "org_id", Key: "error.not_found"}}
	}
	return err
}

// SetMembership gives a user a role in the administrator's organisation (or
// changes it).
func (s *Service) SetMembership(ctx context.Context, userID int64, role access.Role, unitID int64, dept string) error {
	actor, err := access.Check(ctx, access.UsersAdmin)
	if err != nil {
		return err
	}
	if !role.Valid() {
		return validate.Errors{{Field: "role", Key: "error.invalid_choice"}}
	}
	if role == access.Clerk && unitID == 0 {
		return validate.Errors{{Field: "unit_id", Key: "accounts.error.clerk_unit"}}
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := userByID(ctx, tx, userID)
		if err != nil {
			return err
		}
		if err := addMembership(ctx, tx, userID, actor.OrgID, role, unitID, dept); err != nil {
			return err
		}
		if err := bumpEpoch(ctx, tx, userID); err != nil { // the role changed: sessions start over
			return err
		}
		after, err := userByID(ctx, tx, userID)
		if err != nil {
			return err
		}
		if err := indexUser(ctx, tx, after); err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Update, Entity: "user", EntityID: userID,
			Summary: "Phân quyền " + after.Username + ": " + string(role), Before: before.Memberships, After: after.Memberships})
		return err
	})
}

// UserUpdate is an administrator's edit of an account's details.
type UserUpdate struct {
	FullName  string
	Clearance access.Classification
	Version   int // the version the form was loaded with
}

// UpdateUser edits an account's name and clearance, refusing a stale version.
func (s *Service) UpdateUser(ctx context.Context, id int64, up UserUpdate) (*User, error) {
	actor, err := access.Check(ctx, access.UsersAdmin)
	if err != nil {
		return nil, err
	}
	up.FullName = vntext.Clean(up.FullName)
	var errs validate.Errors
	errs.Required("full_name", up.FullName)
	if !up.Clearance.Valid() {
		errs.Add("clearance", "error.invalid_choice", nil)
	} else if !actor.System && up.Clearance > actor.Clearance {
		errs.Add("clearance", "error.classification_above_clearance", nil)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	var u *User
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := s.visibleUser(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE users SET full_name = $1, clearance = $2, updated_at = $3, version = version + 1,
			auth_epoch = auth_epoch + CASE WHEN clearance <> $2 THEN 1 ELSE 0 END WHERE id = $4 AND version = $5`,
			up.FullName, up.Clearance, store.Now(), id, up.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return store.ErrConflict
		}
		if u, err = userByID(ctx, tx, id); err != nil {
			return err
		}
		if err := indexUser(ctx, tx, u); err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Update, Entity: "user", EntityID: id,
			Summary: "Sửa tài khoản " + u.Username, Before: before, After: u})
		return err
	})
	return u, err
}

// visibleUser returns a user the administrator may manage: one with a
// membership in the administrator's organisation.
func (s *Service) visibleUser(ctx context.Context, q store.Querier, actor *access.Actor, id int64) (*User, error) {
	u, err := userByID(ctx, q, id)
	if err != nil {
		return nil, err
	}
	if _, ok := u.In(actor.OrgID); !ok && !actor.System {
		return nil, store.ErrNotFound
	}
	return u, nil
}

// ResetPassword sets a new password chosen by an administrator; the owner
// must change it at next sign-in, and their sessions end.
func (s *Service) ResetPassword(ctx context.Context, id int64, password string) error {
	actor, err := access.Check(ctx, access.UsersAdmin)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		u, err := s.visibleUser(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if errs := CheckPassword(password, u.Username); len(errs) > 0 {
			return errs
		}
		if err := setPassword(ctx, tx, u.ID, password, true); err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: "password_reset", Entity: "user", EntityID: id,
			Summary: "Đặt lại mật khẩu cho " + u.Username})
		return err
	})
}

func setPassword(ctx context.Context, tx *sql.Tx, userID int64, password string, mustChange bool) error {
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, must_change_password = $2, password_changed_at = $3,
		failed_logins = 0, locked_until = NULL, auth_epoch = auth_epoch + 1, updated_at = $3, version = version + 1
		WHERE id = $4`, hash, mustChange, store.Now(), userID)
	return err
}

func bumpEpoch(ctx context.Context, tx *sql.Tx, userID int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE users SET auth_epoch = auth_epoch + 1 WHERE id = $1`, userID)
	return err
}

// ChangeOwnPassword changes the signed-in user's password after checking the
// current one. It returns the new auth epoch: the caller renews the session
// with it (other sessions of the user end).
func (s *Service) ChangeOwnPassword(ctx context.Context, current, next string) (int64, error) {
	actor, err := access.Check(ctx, access.Self)
	if err != nil {
		return 0, err
	}
	u, err := userByID(ctx, s.db.Read(), actor.UserID)
	if err != nil {
		return 0, err
	}
	ok, _, err := VerifyPassword(current, u.passwordHash)
	if err != nil || !ok {
		return 0, validate.Errors{{Field: "current_password", Key: "accounts.error.current_password"}}
	}
	errs := CheckPassword(next, u.Username)
	if next == current {
		errs.Add("password", "accounts.error.password_same", nil)
	}
	if len(errs) > 0 {
		return 0, errs
	}
	var epoch int64
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := setPassword(ctx, tx, u.ID, next, false); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT auth_epoch FROM users WHERE id = $1`, u.ID).Scan(&epoch); err != nil {
			return err
		}
		_, err := audit.Record(ctx, tx, audit.Event{Action: "password_change", Entity: "user", EntityID: u.ID,
			Summary: u.Username + " đổi mật khẩu"})
		return err
	})
	return epoch, err
}

// DisableUser stops an account: it can no longer sign in, its sessions end
// and its API tokens are revoked. The account and its history stay.
func (s *Service) DisableUser(ctx context.Context, id int64) error {
	actor, err := access.Check(ctx, access.UsersAdmin)
	if err != nil {
		return err
	}
	if id == actor.UserID {
		return validate.Errors{{Key: "accounts.error.disable_self"}}
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		u, err := s.visibleUser(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if u.Disabled() {
			return nil
		}
		now := store.Now()
		if _, err := tx.ExecContext(ctx, `UPDATE users SET disabled_at = $1, auth_epoch = auth_epoch + 1, updated_at = $1,
			version = version + 1 WHERE id = $2`, now, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL`, now, id); err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: "user_disabled", Entity: "user", EntityID: id,
			Summary: "Khóa tài khoản " + u.Username})
		return err
	})
}

// EnableUser lets a disabled account sign in again.
func (s *Service) EnableUser(ctx context.Context, id int64) error {
	actor, err := access.Check(ctx, access.UsersAdmin)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		u, err := s.visibleUser(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET disabled_at = NULL, failed_logins = 0, locked_until = NULL,
			updated_at = $1, version = version + 1 WHERE id = $2`, store.Now(), id); err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: "user_enabled", Entity: "user", EntityID: id,
			Summary: "Mở khóa tài khoản " + u.Username})
		return err
	})
}

// Users lists the accounts of the administrator's organisation (all of them
// from the command line).
func (s *Service) Users(ctx context.Context) ([]*User, error) {
	actor, err := access.Check(ctx, access.UsersAdmin)
	if err != nil {
		return nil, err
	}
	return listUsers(ctx, s.db.Read(), actor.OrgID) // the command line's system actor has org 0: everyone
}

// User returns one account the administrator may manage.
func (s *Service) User(ctx context.Context, id int64) (*User, error) {
	actor, err := access.Check(ctx, access.UsersAdmin)
	if err != nil {
		return nil, err
	}
	return s.visibleUser(ctx, s.db.Read(), actor, id)
}

// ByUsername finds an account by name (command line).
func (s *Service) ByUsername(ctx context.Context, username string) (*User, error) {
	if _, err := access.Check(ctx, access.UsersAdmin); err != nil {
		return nil, err
	}
	return userByName(ctx, s.db.Read(), strings.ToLower(strings.TrimSpace(username)))
}

// Me returns the signed-in user's own account.
func (s *Service) Me(ctx context.Context) (*User, error) {
	actor, err := access.Check(ctx, access.Self)
	if err != nil {
		return nil, err
	}
	return userByID(ctx, s.db.Read(), actor.UserID)
}

// SetLanguage remembers the user's UI language.
func (s *Service) SetLanguage(ctx context.Context, lang string) error {
	actor, err := access.Check(ctx, access.Self)
	if err != nil {
		return err
	}
	if lang != "vi" && lang != "en" {
		return validate.Errors{{Field: "lang", Key: "error.invalid_choice"}}
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE users SET lang = $1 WHERE id = $2`, lang, actor.UserID)
		return err
	})
}

// ErrNoAccount is the generic refusal of a sign-in (wrong name, wrong
// password, locked, disabled: deliberately one answer).
var ErrNoAccount = errors.New("sign-in refused")

// SearchSource lists the users for rebuilding the search index, one entry
// per organisation a user belongs to (the same entries indexUser writes).
func SearchSource() search.Source {
	return search.Source{Kind: "user", Query: `SELECT m.org_id, CAST(u.id AS TEXT), 0, u.full_name || ' (' || u.username || ')',
		m.department, '/admin/users/' || CAST(u.id AS TEXT) FROM users u JOIN memberships m ON m.user_id = u.id`}
}
