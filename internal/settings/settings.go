// Package settings keeps small instance-wide and per-organisation values
// (policies, flags) in the settings table. Each key is declared here, with
// its meaning, so the list of what can be configured is in one place.
package settings

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"noichinh/internal/audit"
	"noichinh/internal/store"
)

// Keys.
const (
	// DemoInstance is "true" on an installation loaded with demo data: every
	// page shows a banner so nobody mistakes it for real records.
	DemoInstance = "instance.demo"
	// TwoFactorRoles lists the roles (comma-separated; "-" for none) that
	// must use two-factor authentication.
	TwoFactorRoles = "security.2fa_roles"
	// LockAfter is the number of failed sign-ins that locks an account.
	LockAfter = "security.lock_after"
	// LockMinutes is how long the lock lasts.
	LockMinutes = "security.lock_minutes"
)

// Get returns the value of key for orgID (0: instance-wide), or def when unset.
func Get(ctx context.Context, q store.Querier, orgID int64, key, def string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE org_id = $1 AND key = $2`, orgID, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	if err != nil {
		return def, fmt.Errorf("read setting %s: %w", key, err)
	}
	return v, nil
}

// Set stores a value inside tx and audits the change.
func Set(ctx context.Context, tx *sql.Tx, orgID int64, key, value string) error {
	old, err := Get(ctx, tx, orgID, key, "")
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO settings (org_id, key, value, updated_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (org_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		orgID, key, value, store.Now())
	if err != nil {
		return fmt.Errorf("save setting %s: %w", key, err)
	}
	_, err = audit.Record(ctx, tx, audit.Event{OrgID: orgID, Action: audit.SettingsSave, Entity: "setting", EntityID: key,
		Summary: "Thay đổi thiết lập " + key, Before: map[string]string{key: old}, After: map[string]string{key: value}})
	return err
}
