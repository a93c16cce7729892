package caldata

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/settings"
	"noichinh/internal/store"
)

// yearRow is a row of calendar_years.
type yearRow struct {
	Year        int
	Confirmed   bool
	Source      string
	ConfirmedAt time.Time
	ConfirmedBy string
	UpdatedAt   time.Time
	UpdatedBy   string
	Version     int
}

// data is everything the database holds, read in one snapshot.
type data struct {
	version   int64
	years     map[int]yearRow
	overrides []Override // by date
	limits    []LimitVersion
}

// readVersion reads the data version (0 before any write).
func readVersion(ctx context.Context, q store.Querier) (int64, error) {
	v, err := settings.Get(ctx, q, 0, VersionKey, "0")
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("caldata: setting %s is %q, not a number", VersionKey, v)
	}
	return n, nil
}

// bumpVersion increments the data version inside tx, atomically on both
// engines (the row lock of the upsert serialises concurrent writers).
func bumpVersion(ctx context.Context, tx *sql.Tx) (int64, error) {
	var v string
	err := tx.QueryRowContext(ctx, `INSERT INTO settings (org_id, key, value, updated_at) VALUES (0, $1, '1', $2)
		ON CONFLICT (org_id, key) DO UPDATE SET value = CAST(CAST(settings.value AS INTEGER) + 1 AS TEXT),
			updated_at = excluded.updated_at
		RETURNING value`, VersionKey, store.Now()).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("caldata: bump data version: %w", err)
	}
	return strconv.ParseInt(v, 10, 64)
}

// load reads the whole of the calendar data with q (a read transaction, for
// one consistent snapshot, or the writing transaction).
func load(ctx context.Context, q store.Querier) (*data, error) {
	d := &data{years: map[int]yearRow{}}
	var err error
	if d.version, err = readVersion(ctx, q); err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT year, confirmed, source, confirmed_at, confirmed_by, updated_at, updated_by, version
		FROM calendar_years`)
	if err != nil {
		return nil, fmt.Errorf("caldata: read years: %w", err)
	}
	for rows.Next() {
		var y yearRow
		var at sql.NullTime
		if err := rows.Scan(&y.Year, &y.Confirmed, &y.Source, &at, &y.ConfirmedBy, &y.UpdatedAt, &y.UpdatedBy, &y.Version); err != nil {
			rows.Close()
			return nil, err
		}
		y.ConfirmedAt = at.Time
		d.years[y.Year] = y
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if d.overrides, err = readOverrides(ctx, q, 0); err != nil {
		return nil, err
	}
	if d.limits, err = readLimits(ctx, q, ""); err != nil {
		return nil, err
	}
	return d, nil
}

// readOverrides reads the decisions of one year (0: every year), by date.
func readOverrides(ctx context.Context, q store.Querier, year int) ([]Override, error) {
	query := `SELECT id, day, kind, reason, reason_en, document, origin, created_at, created_by_name FROM calendar_overrides`
	var args []any
	if year != 0 {
		query += ` WHERE year = $1`
		args = append(args, year)
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY day`, args...)
	if err != nil {
		return nil, fmt.Errorf("caldata: read overrides: %w", err)
	}
	defer rows.Close()
	var out []Override
	for rows.Next() {
		var o Override
		var kind, origin string
		if err := rows.Scan(&o.ID, &o.Date, &kind, &o.Reason, &o.ReasonEN, &o.Document, &origin, &o.CreatedAt, &o.CreatedBy); err != nil {
			return nil, err
		}
		if err := o.Kind.UnmarshalText([]byte(kind)); err != nil {
			return nil, fmt.Errorf("caldata: override %s: %w", o.Date, err)
		}
		o.Origin = Origin(origin)
		out = append(out, o)
	}
	return out, rows.Err()
}

// readLimits reads the limit versions of one code ("": every code), by code
// then date.
func readLimits(ctx context.Context, q store.Querier, code string) ([]LimitVersion, error) {
	query := `SELECT id, code, effective_from, effective_to, name, name_en, start, start_en, base_n, base_unit, extensions,
		source, unverified, note, origin, created_at, created_by_name, closed_at, closed_by_name FROM calendar_limits`
	var args []any
	if code != "" {
		query += ` WHERE code = $1`
		args = append(args, code)
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY code, effective_from`, args...)
	if err != nil {
		return nil, fmt.Errorf("caldata: read limits: %w", err)
	}
	defer rows.Close()
	var out []LimitVersion
	for rows.Next() {
		var l LimitVersion
		var unit, exts, origin string
		var closed sql.NullTime
		if err := rows.Scan(&l.ID, &l.Code, &l.EffectiveFrom, &l.EffectiveTo, &l.Name, &l.NameEN, &l.Start, &l.StartEN,
			&l.Base.N, &unit, &exts, &l.Source, &l.Unverified, &l.Note, &origin, &l.CreatedAt, &l.CreatedBy,
			&closed, &l.ClosedBy); err != nil {
			return nil, err
		}
		if err := l.Base.Unit.UnmarshalText([]byte(unit)); err != nil {
			return nil, fmt.Errorf("caldata: limit %s: %w", l.Code, err)
		}
		if err := json.Unmarshal([]byte(exts), &l.Extensions); err != nil {
			return nil, fmt.Errorf("caldata: limit %s: extensions: %w", l.Code, err)
		}
		l.Origin, l.ClosedAt = Origin(origin), closed.Time
		out = append(out, l)
	}
	return out, rows.Err()
}

// actorOf names the author of a write: the user's id (NULL for the system
// or the command line) and name.
func actorOf(ctx context.Context) (any, string) {
	a := access.FromContext(ctx)
	if a == nil || a.UserID == 0 {
		return nil, a.Name()
	}
	return a.UserID, a.Name()
}

// insertYear adds the year's row.
func insertYear(ctx context.Context, tx *sql.Tx, y yearRow) error {
	var at any
	if !y.ConfirmedAt.IsZero() {
		at = y.ConfirmedAt
	}
	now := store.Now()
	_, err := tx.ExecContext(ctx, `INSERT INTO calendar_years (year, confirmed, source, confirmed_at, confirmed_by, created_at,
		updated_at, updated_by, version) VALUES ($1, $2, $3, $4, $5, $6, $6, $7, 1)`,
		y.Year, y.Confirmed, y.Source, at, y.ConfirmedBy, now, y.UpdatedBy)
	if err != nil {
		return fmt.Errorf("caldata: add year %d: %w", y.Year, err)
	}
	return nil
}

// getYear reads one year's row; ok is false when the year is not in the database.
func getYear(ctx context.Context, q store.Querier, year int) (yearRow, bool, error) {
	y := yearRow{Year: year}
	var at sql.NullTime
	err := q.QueryRowContext(ctx, `SELECT confirmed, source, confirmed_at, confirmed_by, updated_at, updated_by, version
		FROM calendar_years WHERE year = $1`, year).Scan(&y.Confirmed, &y.Source, &at, &y.ConfirmedBy, &y.UpdatedAt, &y.UpdatedBy, &y.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return yearRow{}, false, nil
	}
	if err != nil {
		return yearRow{}, false, fmt.Errorf("caldata: read year %d: %w", year, err)
	}
	y.ConfirmedAt = at.Time
	return y, true, nil
}

// touchYear records who changed the year last and moves its version.
func touchYear(ctx context.Context, tx *sql.Tx, year int) error {
	_, name := actorOf(ctx)
	_, err := tx.ExecContext(ctx, `UPDATE calendar_years SET updated_at = $1, updated_by = $2, version = version + 1 WHERE year = $3`,
		store.Now(), name, year)
	return err
}

// confirmYear marks the year's schedule published, if its version is still
// the one the form was loaded with.
func confirmYear(ctx context.Context, tx *sql.Tx, year int, source string, version int) error {
	_, name := actorOf(ctx)
	now := store.Now()
	res, err := tx.ExecContext(ctx, `UPDATE calendar_years SET confirmed = TRUE, source = $1, confirmed_at = $2, confirmed_by = $3,
		updated_at = $2, updated_by = $3, version = version + 1 WHERE year = $4 AND version = $5`,
		source, now, name, year, version)
	if err != nil {
		return fmt.Errorf("caldata: confirm %d: %w", year, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrConflict
	}
	return nil
}

// setYearSchedule records an imported schedule's status and source.
func setYearSchedule(ctx context.Context, tx *sql.Tx, year int, confirmed bool, source string) error {
	_, name := actorOf(ctx)
	now := store.Now()
	var at any
	by := ""
	if confirmed {
		at, by = now, name
	}
	_, err := tx.ExecContext(ctx, `UPDATE calendar_years SET confirmed = $1, source = $2, confirmed_at = $3, confirmed_by = $4,
		updated_at = $5, updated_by = $6, version = version + 1 WHERE year = $7`, confirmed, source, at, by, now, name, year)
	return err
}

// insertOverride adds one decision: shipped (copied from the program's
// data, without an author) or by the actor.
func insertOverride(ctx context.Context, tx *sql.Tx, year int, o Override, shipped bool) (int64, error) {
	kind, err := o.Kind.MarshalText()
	if err != nil {
		return 0, err
	}
	var by any
	name := ""
	if !shipped {
		by, name = actorOf(ctx)
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO calendar_overrides (year, day, kind, reason, reason_en, document, origin,
		created_at, created_by, created_by_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		year, o.Date, string(kind), o.Reason, o.ReasonEN, o.Document, string(o.Origin), store.Now(), by, name).Scan(&id)
	if store.IsUniqueViolation(err) {
		return 0, errDuplicateDay(o.Date)
	}
	if err != nil {
		return 0, fmt.Errorf("caldata: add override %s: %w", o.Date, err)
	}
	return id, nil
}

// deleteOverride removes the decision for a day; store.ErrNotFound when there is none.
func deleteOverride(ctx context.Context, tx *sql.Tx, day civil.Date) error {
	res, err := tx.ExecContext(ctx, `DELETE FROM calendar_overrides WHERE day = $1`, day)
	if err != nil {
		return fmt.Errorf("caldata: delete override %s: %w", day, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrNotFound
	}
	return nil
}

// deleteYearOverrides removes every decision of a year, returning how many.
func deleteYearOverrides(ctx context.Context, tx *sql.Tx, year int) (int, error) {
	res, err := tx.ExecContext(ctx, `DELETE FROM calendar_overrides WHERE year = $1`, year)
	if err != nil {
		return 0, fmt.Errorf("caldata: clear %d: %w", year, err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// insertLimit adds one limit version.
func insertLimit(ctx context.Context, tx *sql.Tx, l calendar.Limit, origin Origin) (int64, error) {
	unit, err := l.Base.Unit.MarshalText()
	if err != nil {
		return 0, err
	}
	exts := []byte("[]")
	if len(l.Extensions) > 0 {
		if exts, err = json.Marshal(l.Extensions); err != nil {
			return 0, err
		}
	}
	var by any
	name := ""
	if origin == OriginAdmin {
		by, name = actorOf(ctx)
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO calendar_limits (code, effective_from, effective_to, name, name_en, start, start_en,
		base_n, base_unit, extensions, source, unverified, note, origin, created_at, created_by, created_by_name)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
		l.Code, l.EffectiveFrom, l.EffectiveTo, l.Name, l.NameEN, l.Start, l.StartEN, l.Base.N, string(unit), string(exts),
		l.Source, l.Unverified, l.Note, string(origin), store.Now(), by, name).Scan(&id)
	if store.IsUniqueViolation(err) {
		return 0, errDuplicateVersion(l.EffectiveFrom)
	}
	if err != nil {
		return 0, fmt.Errorf("caldata: add limit %s from %s: %w", l.Code, l.EffectiveFrom, err)
	}
	return id, nil
}

// closeLimit ends an open version on the day before a newer one starts.
func closeLimit(ctx context.Context, tx *sql.Tx, id int64, to civil.Date) error {
	_, name := actorOf(ctx)
	res, err := tx.ExecContext(ctx, `UPDATE calendar_limits SET effective_to = $1, closed_at = $2, closed_by_name = $3
		WHERE id = $4 AND effective_to IS NULL`, to, store.Now(), name, id)
	if err != nil {
		return fmt.Errorf("caldata: close limit version %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrConflict
	}
	return nil
}
