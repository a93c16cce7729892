package accounts

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/settings"
	"noichinh/internal/validate"
)

// Bounds of the sign-in policy an administrator may set.
const (
	minLockAfter, maxLockAfter = 3, 20
	minLockMinutes             = 1
	maxLockMinutes             = 24 * 60
)

// CurrentPolicy is the sign-in policy in force: the administrator's
// settings where set, the service's defaults otherwise. It is read at each
// sign-in, so a change applies at once on every server.
func (s *Service) CurrentPolicy(ctx context.Context) Policy {
	p := s.policy
	q := s.db.Read()
	if v, err := settings.Get(ctx, q, 0, settings.TwoFactorRoles, ""); err == nil && v != "" {
		p.TwoFactorRoles = nil
		for _, r := range strings.Split(v, ",") {
			if role := access.Role(strings.TrimSpace(r)); role.Valid() {
				p.TwoFactorRoles = append(p.TwoFactorRoles, role)
			}
		}
		if v == "-" {
			p.TwoFactorRoles = []access.Role{}
		}
	}
	if v, err := settings.Get(ctx, q, 0, settings.LockAfter, ""); err == nil {
		if n, err := strconv.Atoi(v); err == nil && n >= minLockAfter && n <= maxLockAfter {
			p.LockAfter = n
		}
	}
	if v, err := settings.Get(ctx, q, 0, settings.LockMinutes, ""); err == nil {
		if n, err := strconv.Atoi(v); err == nil && n >= minLockMinutes && n <= maxLockMinutes {
			p.LockFor = time.Duration(n) * time.Minute
		}
	}
	return p
}

// SavePolicy stores an administrator's sign-in policy (audited through the
// settings it writes).
func (s *Service) SavePolicy(ctx context.Context, p Policy) error {
	if _, err := access.Check(ctx, access.SettingsAdmin); err != nil {
		return err
	}
	var errs validate.Errors
	if p.LockAfter < minLockAfter || p.LockAfter > maxLockAfter {
		errs.Add("lock_after", "accounts.error.lock_after", map[string]any{"min": minLockAfter, "max": maxLockAfter})
	}
	minutes := int(p.LockFor / time.Minute)
	if minutes < minLockMinutes || minutes > maxLockMinutes {
		errs.Add("lock_minutes", "accounts.error.lock_minutes", map[string]any{"min": minLockMinutes, "max": maxLockMinutes})
	}
	var roles []string
	for _, r := range p.TwoFactorRoles {
		if !r.Valid() {
			errs.Add("roles", "error.invalid_choice", nil)
			break
		}
		if !slices.Contains(roles, string(r)) {
			roles = append(roles, string(r))
		}
	}
	if len(errs) > 0 {
		return errs
	}
	rolesValue := strings.Join(roles, ",")
	if rolesValue == "" {
		rolesValue = "-" // explicitly none, distinct from "not set"
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		for key, value := range map[string]string{
			settings.TwoFactorRoles: rolesValue,
			settings.LockAfter:      strconv.Itoa(p.LockAfter),
			settings.LockMinutes:    strconv.Itoa(minutes),
		} {
			if err := settings.Set(ctx, tx, 0, key, value); err != nil {
				return err
			}
		}
		return nil
	})
}
