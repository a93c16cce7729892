package documents

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"noichinh/internal/civil"
	"noichinh/internal/store"
)

// This file reads the reference data documents depend on: Party terms, and
// the units and organisation owned by other modules.

const termColumns = `id, org_id, level, term, starts_on, ends_on, approximate, source`

func scanTerm(row scanner) (PartyTerm, error) {
	var t PartyTerm
	err := row.Scan(&t.ID, &t.OrgID, &t.Level, &t.Term, &t.StartsOn, &t.EndsOn, &t.Approximate, &t.Source)
	if errors.Is(err, sql.ErrNoRows) {
		return t, store.ErrNotFound
	}
	if err != nil {
		return t, fmt.Errorf("read party term: %w", err)
	}
	return t, nil
}

// termOn returns the term of a level running on a date: the organisation's
// own provincial terms, or the shared central ones (org 0).
func termOn(ctx context.Context, q store.Querier, orgID int64, level string, on civil.Date) (PartyTerm, error) {
	if level == LevelCentral {
		orgID = 0
	}
	return scanTerm(q.QueryRowContext(ctx, `SELECT `+termColumns+` FROM party_terms
		WHERE org_id = $1 AND level = $2 AND starts_on <= $3 AND (ends_on IS NULL OR ends_on >= $3)
		ORDER BY starts_on DESC LIMIT 1`, orgID, level, on))
}

// listTerms returns the central terms and the organisation's own, by level and start.
func listTerms(ctx context.Context, q store.Querier, orgID int64) ([]PartyTerm, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+termColumns+` FROM party_terms WHERE org_id IN (0, $1)
		ORDER BY level, starts_on`, orgID)
	if err != nil {
		return nil, fmt.Errorf("list party terms: %w", err)
	}
	defer rows.Close()
	var out []PartyTerm
	for rows.Next() {
		t, err := scanTerm(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func insertTerm(ctx context.Context, tx *sql.Tx, t *PartyTerm) error {
	now := store.Now()
	err := tx.QueryRowContext(ctx, `INSERT INTO party_terms (org_id, level, term, starts_on, ends_on, approximate, source,
		created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
		t.OrgID, t.Level, t.Term, t.StartsOn, t.EndsOn, t.Approximate, t.Source, now).Scan(&t.ID)
	if err != nil {
		return fmt.Errorf("insert party term: %w", err)
	}
	return nil
}

// unit is what documents need of a unit.
type unit struct {
	ID         int64
	Code       string
	Kind       string
	Name       string
	ShortName  string
	NameKey    string
	IssuerCode string
	ValidFrom  civil.Date
	ValidTo    civil.Date
}

// aliveOn reports whether the unit existed on d (an unknown date or bound passes).
func (u unit) aliveOn(d civil.Date) bool {
	if d.IsZero() {
		return true
	}
	return (u.ValidFrom.IsZero() || !d.Before(u.ValidFrom)) && (u.ValidTo.IsZero() || !d.After(u.ValidTo))
}

const unitColumns = `id, code, kind, name, short_name, name_key, issuer_code, valid_from, valid_to`

func scanUnit(row scanner) (unit, error) {
	var u unit
	err := row.Scan(&u.ID, &u.Code, &u.Kind, &u.Name, &u.ShortName, &u.NameKey, &u.IssuerCode, &u.ValidFrom, &u.ValidTo)
	if errors.Is(err, sql.ErrNoRows) {
		return u, store.ErrNotFound
	}
	if err != nil {
		return u, fmt.Errorf("read unit: %w", err)
	}
	return u, nil
}

// unitByID returns a unit of the organisation.
func unitByID(ctx context.Context, q store.Querier, orgID, id int64) (unit, error) {
	return scanUnit(q.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM units WHERE id = $1 AND org_id = $2`, id, orgID))
}

// unitByCode returns a unit of the organisation by its reference code.
func unitByCode(ctx context.Context, q store.Querier, orgID int64, code string) (unit, error) {
	return scanUnit(q.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM units WHERE code = $1 AND org_id = $2`, code, orgID))
}

// orgUnits returns every unit of the organisation, for matching issuer names.
func orgUnits(ctx context.Context, q store.Querier, orgID int64) ([]unit, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+unitColumns+` FROM units WHERE org_id = $1 ORDER BY id`, orgID)
	if err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	defer rows.Close()
	var out []unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// orgInfo is what documents need of the owning organisation.
type orgInfo struct {
	ID         int64
	Kind       string
	ParentID   int64
	Place      string
	IssuerCode string
}

func loadOrg(ctx context.Context, q store.Querier, id int64) (orgInfo, error) {
	var o orgInfo
	err := q.QueryRowContext(ctx, `SELECT id, kind, COALESCE(parent_id, 0), place, issuer_code FROM orgs WHERE id = $1`, id).
		Scan(&o.ID, &o.Kind, &o.ParentID, &o.Place, &o.IssuerCode)
	if errors.Is(err, sql.ErrNoRows) {
		return o, store.ErrNotFound
	}
	if err != nil {
		return o, fmt.Errorf("read organisation: %w", err)
	}
	return o, nil
}
