package accounts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/store"
)

// User is an account. Secrets (password hash, TOTP secret) are read only
// where needed and never leave this package.
type User struct {
	ID                 int64                 `json:"id"`
	Username           string                `json:"username"`
	FullName           string                `json:"full_name"`
	Clearance          access.Classification `json:"clearance"`
	Lang               string                `json:"lang"`
	MustChangePassword bool                  `json:"must_change_password"`
	TOTPEnabled        bool                  `json:"totp_enabled"`
	LastLoginAt        *time.Time            `json:"last_login_at,omitempty"`
	DisabledAt         *time.Time            `json:"disabled_at,omitempty"`
	CreatedAt          time.Time             `json:"created_at"`
	Version            int                   `json:"version"`
	Memberships        []Membership          `json:"memberships"`

	authEpoch     int64
	passwordHash  string
	totpSecret    string
	totpLastStep  int64
	failedLogins  int
	lockedUntil   *time.Time
	passwordSetAt *time.Time
}

// Disabled reports whether the account may no longer sign in.
func (u *User) Disabled() bool { return u.DisabledAt != nil }

// Membership is a user's role in one organisation.
type Membership struct {
	OrgID      int64       `json:"org_id"`
	OrgCode    string      `json:"org_code"`
	OrgName    string      `json:"org_name"`
	Role       access.Role `json:"role"`
	UnitID     int64       `json:"unit_id,omitempty"` // a clerk's commune or ward
	Department string      `json:"department,omitempty"`
}

// In returns the membership in orgID, if any.
func (u *User) In(orgID int64) (Membership, bool) {
	for _, m := range u.Memberships {
		if m.OrgID == orgID {
			return m, true
		}
	}
	return Membership{}, false
}

const userColumns = `id, username, full_name, clearance, lang, must_change_password, totp_enabled, last_login_at,
	disabled_at, created_at, version, auth_epoch, password_hash, totp_secret, totp_last_step, failed_logins,
	locked_until, password_changed_at`

func scanUser(row interface{ Scan(...any) error }) (*User, error) {
	u := &User{}
	var last, disabled, locked, pwAt sql.NullTime
	err := row.Scan(&u.ID, &u.Username, &u.FullName, &u.Clearance, &u.Lang, &u.MustChangePassword, &u.TOTPEnabled,
		&last, &disabled, &u.CreatedAt, &u.Version, &u.authEpoch, &u.passwordHash, &u.totpSecret, &u.totpLastStep,
		&u.failedLogins, &locked, &pwAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	u.LastLoginAt, u.DisabledAt, u.lockedUntil, u.passwordSetAt = timePtr(last), timePtr(disabled), timePtr(locked), timePtr(pwAt)
	return u, nil
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time.UTC()
	return &v
}

func userByID(ctx context.Context, q store.Querier, id int64) (*User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
	if err != nil {
		return nil, err
	}
	return u, loadMemberships(ctx, q, u)
}

func userByName(ctx context.Context, q store.Querier, username string) (*User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE username = $1`, username))
	if err != nil {
		return nil, err
	}
	return u, loadMemberships(ctx, q, u)
}

func loadMemberships(ctx context.Context, q store.Querier, u *User) error {
	rows, err := q.QueryContext(ctx, `SELECT m.org_id, o.code, o.name, m.role, COALESCE(m.unit_id, 0), m.department
		FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE m.user_id = $1 ORDER BY o.kind, o.code`, u.ID)
	if err != nil {
		return fmt.Errorf("read memberships: %w", err)
	}
	defer rows.Close()
	u.Memberships = nil
	for rows.Next() {
		var m Membership
		if err := rows.Scan(&m.OrgID, &m.OrgCode, &m.OrgName, &m.Role, &m.UnitID, &m.Department); err != nil {
			return err
		}
		u.Memberships = append(u.Memberships, m)
	}
	return rows.Err()
}

// listUsers returns the users with a membership in orgID (0: all), by username.
func listUsers(ctx context.Context, q store.Querier, orgID int64) ([]*User, error) {
	query := `SELECT ` + userColumns + ` FROM users ORDER BY username`
	args := []any{}
	if orgID != 0 {
		query = `SELECT ` + userColumns + ` FROM users WHERE id IN (SELECT user_id FROM memberships WHERE org_id = $1) ORDER BY username`
		args = append(args, orgID)
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	var out []*User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, u := range out {
		if err := loadMemberships(ctx, q, u); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func countUsers(ctx context.Context, q store.Querier) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
	return n, err
}
