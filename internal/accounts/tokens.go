package accounts

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// Token scopes.
const (
	ScopeRead  = "read"  // GET requests only
	ScopeWrite = "write" // any request the user's role allows
)

// MaxTokenDays bounds a token's life.
const MaxTokenDays = 365

// Token is an API token's description; the secret is shown once at creation.
type Token struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"` // the first characters, to recognise it
	Scope      string     `json:"scope"`
	OrgID      int64      `json:"org_id"`
	ExpiresAt  time.Time  `json:"expires_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
}

// Active reports whether the token still works at now.
func (t Token) Active(now time.Time) bool { return t.RevokedAt == nil && now.Before(t.ExpiresAt) }

// CreateToken makes an API token for the signed-in user in their current
// organisation and returns its secret, which is not stored and cannot be
// shown again.
func (s *Service) CreateToken(ctx context.Context, name, scope string, days int) (string, *Token, error) {
	actor, err := access.Check(ctx, access.Self)
	if err != nil {
		return "", nil, err
	}
	name = vntext.Clean(name)
	var errs validate.Errors
	errs.Required("name", name)
	errs.MaxLen("name", name, 100)
	if scope != ScopeRead && scope != ScopeWrite {
		errs.Add("scope", "error.invalid_choice", nil)
	}
	if days < 1 || days > MaxTokenDays {
		errs.Add("days", "accounts.error.token_days", map[string]any{"max": MaxTokenDays})
	}
	if len(errs) > 0 {
		return "", nil, errs
	}
	raw := make([]byte, 20)
	if _, err := rand.Read(raw); err != nil {
		return "", nil, err
	}
	secret := "nc_" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(raw))
	t := &Token{Name: name, Prefix: secret[:11], Scope: scope, OrgID: actor.OrgID, CreatedAt: store.Now()}
	t.ExpiresAt = t.CreatedAt.Add(time.Duration(days) * 24 * time.Hour)
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO api_tokens (user_id, org_id, name, prefix, token_hash, scope, expires_at, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, actor.UserID, actor.OrgID, name, t.Prefix, hashSecret(secret),
			scope, t.ExpiresAt, t.CreatedAt).Scan(&t.ID); err != nil {
			return err
		}
		_, err := audit.Record(ctx, tx, audit.Event{Action: audit.Create, Entity: "api_token", EntityID: t.ID,
			Summary: fmt.Sprintf("Tạo mã truy cập API %q (%s, %d ngày)", name, scope, days), After: t})
		return err
	})
	if err != nil {
		return "", nil, err
	}
	return secret, t, nil
}

// Tokens lists the signed-in user's tokens, newest first.
func (s *Service) Tokens(ctx context.Context) ([]Token, error) {
	actor, err := access.Check(ctx, access.Self)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT id, name, prefix, scope, org_id, expires_at, last_used_at, revoked_at, created_at
		FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id DESC`, actor.UserID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		var used, revoked sql.NullTime
		if err := rows.Scan(&t.ID, &t.Name, &t.Prefix, &t.Scope, &t.OrgID, &t.ExpiresAt, &used, &revoked, &t.CreatedAt); err != nil {
			return nil, err
		}
		t.LastUsedAt, t.RevokedAt = timePtr(used), timePtr(revoked)
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken ends one of the signed-in user's tokens.
func (s *Service) RevokeToken(ctx context.Context, id int64) error {
	actor, err := access.Check(ctx, access.Self)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL`,
			store.Now(), id, actor.UserID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return store.ErrNotFound
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: "api_token_revoked", Entity: "api_token", EntityID: id,
			Summary: "Thu hồi mã truy cập API"})
		return err
	})
}

// ErrBadToken refuses an unknown, expired or revoked token.
var ErrBadToken = errors.New("invalid API token")

// AuthenticateToken returns the actor a bearer token acts as, its user and its scope.
func (s *Service) AuthenticateToken(ctx context.Context, secret string) (*access.Actor, *User, string, error) {
	if !strings.HasPrefix(secret, "nc_") || len(secret) > 100 {
		return nil, nil, "", ErrBadToken
	}
	var id, userID, orgID int64
	var scope string
	var expires time.Time
	var revoked, used sql.NullTime
	err := s.db.Read().QueryRowContext(ctx, `SELECT id, user_id, org_id, scope, expires_at, revoked_at, last_used_at
		FROM api_tokens WHERE token_hash = $1`, hashSecret(secret)).Scan(&id, &userID, &orgID, &scope, &expires, &revoked, &used)
	now := s.now().UTC()
	if err != nil || revoked.Valid || !now.Before(expires) {
		return nil, nil, "", ErrBadToken
	}
	var epoch int64
	if err := s.db.Read().QueryRowContext(ctx, `SELECT auth_epoch FROM users WHERE id = $1`, userID).Scan(&epoch); err != nil {
		return nil, nil, "", ErrBadToken
	}
	// A token is not ended by a password change (the epoch is read, not
	// compared): it is revoked explicitly, or with the account.
	actor, u, ok, err := s.ActorFor(ctx, userID, orgID, epoch)
	if err != nil {
		return nil, nil, "", err
	}
	if !ok || actor.OrgID != orgID {
		return nil, nil, "", ErrBadToken
	}
	// Note the use, at most once a minute: a write per API call would cost
	// more than the information is worth.
	if !used.Valid || now.Sub(used.Time) > time.Minute {
		_ = s.db.Tx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`, store.Now(), id)
			return err
		})
	}
	return actor, u, scope, nil
}
