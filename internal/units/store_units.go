package units

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/vntext"
)

// SQL of units, their events, versions and successors. Every query is
// scoped by org_id.

type scanner interface{ Scan(...any) error }

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

const unitColumns = `id, org_id, code, kind, name, name_en, short_name, issuer_code, admin_code,
	COALESCE(parent_id, 0), valid_from, valid_to, note, created_at, updated_at, version, search_text`

func scanUnit(row scanner) (Unit, error) {
	var u Unit
	err := row.Scan(&u.ID, &u.OrgID, &u.Code, &u.Kind, &u.Name, &u.NameEN, &u.ShortName, &u.IssuerCode, &u.AdminCode,
		&u.ParentID, &u.ValidFrom, &u.ValidTo, &u.Note, &u.CreatedAt, &u.UpdatedAt, &u.Version, &u.search)
	if errors.Is(err, sql.ErrNoRows) {
		return u, store.ErrNotFound
	}
	return u, err
}

func getUnit(ctx context.Context, q store.Querier, orgID, id int64) (Unit, error) {
	return scanUnit(q.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM units WHERE id = $1 AND org_id = $2`, id, orgID))
}

func getUnitByCode(ctx context.Context, q store.Querier, orgID int64, code string) (Unit, error) {
	return scanUnit(q.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM units WHERE org_id = $1 AND code = $2`, orgID, code))
}

func listAllUnits(ctx context.Context, q store.Querier, orgID int64) ([]Unit, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+unitColumns+` FROM units WHERE org_id = $1 ORDER BY id`, orgID)
	if err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	defer rows.Close()
	var out []Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// searchText is what the text filter of lists matches: every name the unit
// ever had, its code and its issuer code, folded.
func searchText(u Unit, versions []Version) string {
	parts := []string{u.Code, u.IssuerCode, u.AdminCode}
	for _, v := range versions {
		parts = append(parts, v.Name, v.ShortName, v.NameEN)
	}
	seen := map[string]bool{}
	var out string
	for _, p := range parts {
		f := vntext.Fold(p)
		if f == "" || seen[f] {
			continue
		}
		seen[f] = true
		if out != "" {
			out += " | "
		}
		out += f
	}
	return out
}

func insertUnit(ctx context.Context, tx *sql.Tx, u *Unit) error {
	now := store.Now()
	u.CreatedAt, u.UpdatedAt, u.Version = now, now, 1
	err := tx.QueryRowContext(ctx, `INSERT INTO units (org_id, code, kind, name, name_en, short_name, name_key,
		issuer_code, admin_code, parent_id, valid_from, valid_to, note, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id`,
		u.OrgID, u.Code, u.Kind, u.Name, u.NameEN, u.ShortName, vntext.Key(u.Name), u.IssuerCode, u.AdminCode,
		nullID(u.ParentID), u.ValidFrom, u.ValidTo, u.Note, now).Scan(&u.ID)
	if store.IsUniqueViolation(err) {
		return errDuplicateCode(u.Code)
	}
	if err != nil {
		return fmt.Errorf("insert unit: %w", err)
	}
	return nil
}

// updateUnitAttrs changes the attributes without history (and the search
// text and entry, which include the code), if u.Version is current.
func updateUnitAttrs(ctx context.Context, tx *sql.Tx, u *Unit, versions []Version) error {
	now := store.Now()
	res, err := tx.ExecContext(ctx, `UPDATE units SET code = $1, issuer_code = $2, admin_code = $3, note = $4,
		search_text = $5, updated_at = $6, version = version + 1 WHERE id = $7 AND org_id = $8 AND version = $9`,
		u.Code, u.IssuerCode, u.AdminCode, u.Note, searchText(*u, versions), now, u.ID, u.OrgID, u.Version)
	if store.IsUniqueViolation(err) {
		return errDuplicateCode(u.Code)
	}
	if err != nil {
		return fmt.Errorf("update unit: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrConflict
	}
	u.UpdatedAt = now
	u.Version++
	return putUnitSearch(ctx, tx, *u, versions)
}

// applyVersions stores a unit's derived versions and copies the current
// state onto the units row (and its search entry). With checkVersion, only if u.Version is still
// current (the optimistic check of an edit); without, for a unit created
// in this same transaction.
func applyVersions(ctx context.Context, tx *sql.Tx, u *Unit, versions []Version, checkVersion bool) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM unit_versions WHERE unit_id = $1 AND org_id = $2`, u.ID, u.OrgID); err != nil {
		return fmt.Errorf("clear unit versions: %w", err)
	}
	for _, v := range versions {
		_, err := tx.ExecContext(ctx, `INSERT INTO unit_versions (org_id, unit_id, valid_from, valid_to, kind, name,
			short_name, name_en, name_key, parent_id, event_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
			u.OrgID, u.ID, v.ValidFrom, v.ValidTo, v.Kind, v.Name, v.ShortName, v.NameEN, vntext.Key(v.Name),
			nullID(v.ParentID), nullID(v.EventID))
		if err != nil {
			return fmt.Errorf("insert unit version: %w", err)
		}
	}
	last := versions[len(versions)-1]
	u.Kind, u.Name, u.ShortName, u.NameEN, u.ParentID = last.Kind, last.Name, last.ShortName, last.NameEN, last.ParentID
	u.ValidFrom, u.ValidTo = lifeOf(versions)
	now := store.Now()
	query := `UPDATE units SET kind = $1, name = $2, short_name = $3, name_en = $4, name_key = $5, parent_id = $6,
		valid_from = $7, valid_to = $8, search_text = $9, updated_at = $10, version = version + 1
		WHERE id = $11 AND org_id = $12`
	args := []any{u.Kind, u.Name, u.ShortName, u.NameEN, vntext.Key(u.Name), nullID(u.ParentID), u.ValidFrom, u.ValidTo,
		searchText(*u, versions), now, u.ID, u.OrgID}
	if checkVersion {
		query += ` AND version = $13`
		args = append(args, u.Version)
	}
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("update unit state: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrConflict
	}
	u.UpdatedAt = now
	u.Version++
	return putUnitSearch(ctx, tx, *u, versions)
}

const eventColumns = `id, org_id, unit_id, kind, effective_on, date_precision, name, short_name, name_en, unit_kind,
	COALESCE(parent_id, 0), COALESCE(related_unit_id, 0), decision_symbol, decision_date, COALESCE(decision_issuer_id, 0),
	decision_issuer, COALESCE(document_id, 0), note, COALESCE(corrects_id, 0), recorded_at, COALESCE(recorded_by, 0),
	recorded_by_name`

func scanEvent(row scanner) (Event, error) {
	var e Event
	err := row.Scan(&e.ID, &e.OrgID, &e.UnitID, &e.Kind, &e.EffectiveOn, &e.Precision, &e.Name, &e.ShortName, &e.NameEN,
		&e.UnitKind, &e.ParentID, &e.RelatedUnitID, &e.Decision.Symbol, &e.Decision.Date, &e.Decision.IssuerID,
		&e.Decision.Issuer, &e.Decision.DocumentID, &e.Note, &e.CorrectsID, &e.RecordedAt, &e.RecordedBy, &e.RecordedName)
	if errors.Is(err, sql.ErrNoRows) {
		return e, store.ErrNotFound
	}
	return e, err
}

func insertEvent(ctx context.Context, tx *sql.Tx, e *Event) error {
	e.RecordedAt = store.Now()
	e.Precision = e.Precision.orDay()
	err := tx.QueryRowContext(ctx, `INSERT INTO unit_events (org_id, unit_id, kind, effective_on, date_precision, name,
		short_name, name_en, unit_kind, parent_id, related_unit_id, decision_symbol, decision_date, decision_issuer_id,
		decision_issuer, document_id, note, corrects_id, recorded_at, recorded_by, recorded_by_name)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) RETURNING id`,
		e.OrgID, e.UnitID, e.Kind, e.EffectiveOn, e.Precision, e.Name, e.ShortName, e.NameEN, e.UnitKind,
		nullID(e.ParentID), nullID(e.RelatedUnitID), e.Decision.Symbol, e.Decision.Date, nullID(e.Decision.IssuerID),
		e.Decision.Issuer, nullID(e.Decision.DocumentID), e.Note, nullID(e.CorrectsID), e.RecordedAt,
		nullID(e.RecordedBy), e.RecordedName).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("insert unit event: %w", err)
	}
	return nil
}

func listEvents(ctx context.Context, q store.Querier, orgID, unitID int64) ([]Event, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+eventColumns+` FROM unit_events WHERE unit_id = $1 AND org_id = $2 ORDER BY id`,
		unitID, orgID)
	if err != nil {
		return nil, fmt.Errorf("list unit events: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

const versionColumns = `unit_id, valid_from, valid_to, kind, name, short_name, name_en, COALESCE(parent_id, 0), COALESCE(event_id, 0)`

func scanVersions(rows *sql.Rows) ([]Version, error) {
	defer rows.Close()
	var out []Version
	for rows.Next() {
		var v Version
		if err := rows.Scan(&v.UnitID, &v.ValidFrom, &v.ValidTo, &v.Kind, &v.Name, &v.ShortName, &v.NameEN,
			&v.ParentID, &v.EventID); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// listVersions returns a unit's versions, oldest first.
func listVersions(ctx context.Context, q store.Querier, orgID, unitID int64) ([]Version, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+versionColumns+` FROM unit_versions WHERE unit_id = $1 AND org_id = $2
		ORDER BY valid_from IS NOT NULL, valid_from`, unitID, orgID)
	if err != nil {
		return nil, fmt.Errorf("list unit versions: %w", err)
	}
	return scanVersions(rows)
}

// allVersions returns every version of every unit of the organisation, by unit.
func allVersions(ctx context.Context, q store.Querier, orgID int64) (map[int64][]Version, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+versionColumns+` FROM unit_versions WHERE org_id = $1
		ORDER BY unit_id, valid_from IS NOT NULL, valid_from`, orgID)
	if err != nil {
		return nil, fmt.Errorf("list unit versions: %w", err)
	}
	vs, err := scanVersions(rows)
	if err != nil {
		return nil, err
	}
	out := make(map[int64][]Version)
	for _, v := range vs {
		out[v.UnitID] = append(out[v.UnitID], v)
	}
	return out, nil
}

// versionsOn returns the version of each unit in force on d (zero: alive now).
func versionsOn(ctx context.Context, q store.Querier, orgID int64, d civil.Date) (map[int64]Version, error) {
	var rows *sql.Rows
	var err error
	if d.IsZero() {
		rows, err = q.QueryContext(ctx, `SELECT `+versionColumns+` FROM unit_versions WHERE org_id = $1 AND valid_to IS NULL`, orgID)
	} else {
		rows, err = q.QueryContext(ctx, `SELECT `+versionColumns+` FROM unit_versions WHERE org_id = $1
			AND (valid_from IS NULL OR valid_from <= $2) AND (valid_to IS NULL OR valid_to >= $2)`, orgID, d)
	}
	if err != nil {
		return nil, fmt.Errorf("list unit versions on %s: %w", d, err)
	}
	vs, err := scanVersions(rows)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]Version, len(vs))
	for _, v := range vs {
		out[v.UnitID] = v
	}
	return out, nil
}

// lockUnit takes the unit's row lock for the rest of the transaction (a
// no-op update: PostgreSQL has no other portable way, SQLite's single writer
// is exclusive already), so that checks such as "one holder at a time" are
// not raced by a concurrent transaction.
func lockUnit(ctx context.Context, tx *sql.Tx, orgID, id int64) error {
	res, err := tx.ExecContext(ctx, `UPDATE units SET version = version WHERE id = $1 AND org_id = $2`, id, orgID)
	if err != nil {
		return fmt.Errorf("lock unit: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrNotFound
	}
	return nil
}

// successorSelect reads links with the names and codes of both units.
const successorSelect = `SELECT s.id, s.unit_id, s.successor_id, s.effective_on, s.basis, s.note, f.name, f.code, t.name, t.code
	FROM unit_successors s JOIN units f ON f.id = s.unit_id JOIN units t ON t.id = s.successor_id`

func scanSuccessors(rows *sql.Rows) ([]Successor, error) {
	defer rows.Close()
	var out []Successor
	for rows.Next() {
		var s Successor
		if err := rows.Scan(&s.ID, &s.UnitID, &s.SuccessorID, &s.EffectiveOn, &s.Basis, &s.Note, &s.UnitName, &s.UnitCode,
			&s.SuccessorName, &s.SuccessorCode); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// listSuccessorRows returns the mapping rows whose column ("unit_id" or
// "successor_id") is unitID.
func listSuccessorRows(ctx context.Context, q store.Querier, orgID int64, column string, unitID int64) ([]Successor, error) {
	rows, err := q.QueryContext(ctx, successorSelect+` WHERE s.org_id = $1 AND s.`+column+` = $2 ORDER BY s.id`, orgID, unitID)
	if err != nil {
		return nil, fmt.Errorf("list successors: %w", err)
	}
	return scanSuccessors(rows)
}

func insertSuccessor(ctx context.Context, tx *sql.Tx, orgID int64, s *Successor) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO unit_successors (org_id, unit_id, successor_id, effective_on, basis, note, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (unit_id, successor_id) DO NOTHING`,
		orgID, s.UnitID, s.SuccessorID, s.EffectiveOn, s.Basis, s.Note, store.Now())
	if err != nil {
		return false, fmt.Errorf("insert successor: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

func deleteSuccessor(ctx context.Context, tx *sql.Tx, orgID, id int64) (Successor, error) {
	var s Successor
	err := tx.QueryRowContext(ctx, `DELETE FROM unit_successors WHERE id = $1 AND org_id = $2
		RETURNING id, unit_id, successor_id, effective_on, basis, note`, id, orgID).
		Scan(&s.ID, &s.UnitID, &s.SuccessorID, &s.EffectiveOn, &s.Basis, &s.Note)
	if errors.Is(err, sql.ErrNoRows) {
		return s, store.ErrNotFound
	}
	return s, err
}
