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

// SQL of people, positions and congresses.

const personColumns = `id, org_id, full_name, note, created_at, updated_at, version`

func scanPerson(row scanner) (Person, error) {
	var p Person
	err := row.Scan(&p.ID, &p.OrgID, &p.FullName, &p.Note, &p.CreatedAt, &p.UpdatedAt, &p.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return p, store.ErrNotFound
	}
	return p, err
}

func getPerson(ctx context.Context, q store.Querier, orgID, id int64) (Person, error) {
	return scanPerson(q.QueryRowContext(ctx, `SELECT `+personColumns+` FROM people WHERE id = $1 AND org_id = $2`, id, orgID))
}

func insertPerson(ctx context.Context, tx *sql.Tx, p *Person) error {
	now := store.Now()
	p.CreatedAt, p.UpdatedAt, p.Version = now, now, 1
	err := tx.QueryRowContext(ctx, `INSERT INTO people (org_id, full_name, name_key, search_text, note, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
		p.OrgID, p.FullName, vntext.Key(p.FullName), vntext.Fold(p.FullName), p.Note, now).Scan(&p.ID)
	if err != nil {
		return fmt.Errorf("insert person: %w", err)
	}
	return putPersonSearch(ctx, tx, *p)
}

func updatePerson(ctx context.Context, tx *sql.Tx, p *Person) error {
	now := store.Now()
	res, err := tx.ExecContext(ctx, `UPDATE people SET full_name = $1, name_key = $2, search_text = $3, note = $4,
		updated_at = $5, version = version + 1 WHERE id = $6 AND org_id = $7 AND version = $8`,
		p.FullName, vntext.Key(p.FullName), vntext.Fold(p.FullName), p.Note, now, p.ID, p.OrgID, p.Version)
	if err != nil {
		return fmt.Errorf("update person: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrConflict
	}
	p.UpdatedAt = now
	p.Version++
	return putPersonSearch(ctx, tx, *p)
}

// listPeople returns the organisation's people whose folded name contains text.
func listPeople(ctx context.Context, q store.Querier, orgID int64, text string) ([]Person, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+personColumns+` FROM people WHERE org_id = $1 AND search_text LIKE $2`,
		orgID, "%"+vntext.Fold(text)+"%")
	if err != nil {
		return nil, fmt.Errorf("list people: %w", err)
	}
	defer rows.Close()
	var out []Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// positionSelect reads positions with the person's name and the unit's name
// on the day the term began.
const positionSelect = `SELECT p.id, p.org_id, p.person_id, p.unit_id, p.title, p.title_text, p.person_title,
	p.starts_on, p.start_precision, p.start_how, p.start_decision_symbol, p.start_decision_date,
	COALESCE(p.start_decision_issuer_id, 0), p.start_decision_issuer,
	p.ends_on, p.end_precision, p.end_how, p.end_decision_symbol, p.end_decision_date,
	COALESCE(p.end_decision_issuer_id, 0), p.end_decision_issuer,
	COALESCE(p.congress_id, 0), p.note, p.created_at, p.updated_at, p.version, pe.full_name,
	COALESCE((SELECT v.name FROM unit_versions v WHERE v.unit_id = p.unit_id
		AND (v.valid_from IS NULL OR v.valid_from <= p.starts_on) AND (v.valid_to IS NULL OR v.valid_to >= p.starts_on)
		ORDER BY v.valid_from DESC LIMIT 1), u.name)
	FROM positions p JOIN people pe ON pe.id = p.person_id JOIN units u ON u.id = p.unit_id`

func scanPosition(row scanner) (Position, error) {
	var p Position
	err := row.Scan(&p.ID, &p.OrgID, &p.PersonID, &p.UnitID, &p.Title, &p.TitleText, &p.PersonTitle,
		&p.From, &p.FromPrecision, &p.StartHow, &p.StartDecision.Symbol, &p.StartDecision.Date,
		&p.StartDecision.IssuerID, &p.StartDecision.Issuer,
		&p.To, &p.ToPrecision, &p.EndHow, &p.EndDecision.Symbol, &p.EndDecision.Date,
		&p.EndDecision.IssuerID, &p.EndDecision.Issuer,
		&p.CongressID, &p.Note, &p.CreatedAt, &p.UpdatedAt, &p.Version, &p.PersonName, &p.UnitName)
	if errors.Is(err, sql.ErrNoRows) {
		return p, store.ErrNotFound
	}
	return p, err
}

func queryPositions(ctx context.Context, q store.Querier, where string, args ...any) ([]Position, error) {
	rows, err := q.QueryContext(ctx, positionSelect+` WHERE `+where+` ORDER BY p.starts_on, p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list positions: %w", err)
	}
	defer rows.Close()
	var out []Position
	for rows.Next() {
		p, err := scanPosition(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func getPosition(ctx context.Context, q store.Querier, orgID, id int64) (Position, error) {
	return scanPosition(q.QueryRowContext(ctx, positionSelect+` WHERE p.id = $1 AND p.org_id = $2`, id, orgID))
}

// positionsOn returns the terms held in a unit on d, optionally of one title.
func positionsOn(ctx context.Context, q store.Querier, orgID, unitID int64, title Title, d civil.Date) ([]Position, error) {
	where := `p.org_id = $1 AND p.unit_id = $2 AND p.starts_on <= $3 AND (p.ends_on IS NULL OR p.ends_on >= $3)`
	args := []any{orgID, unitID, d}
	if title != "" {
		where += ` AND p.title = $4`
		args = append(args, title)
	}
	return queryPositions(ctx, q, where, args...)
}

func positionArgs(p *Position) []any {
	return []any{p.PersonID, p.UnitID, p.Title, p.TitleText, p.PersonTitle,
		p.From, p.FromPrecision.orDay(), p.StartHow, p.StartDecision.Symbol, p.StartDecision.Date,
		nullID(p.StartDecision.IssuerID), p.StartDecision.Issuer,
		p.To, p.ToPrecision.orDay(), p.EndHow, p.EndDecision.Symbol, p.EndDecision.Date,
		nullID(p.EndDecision.IssuerID), p.EndDecision.Issuer, nullID(p.CongressID), p.Note}
}

func insertPosition(ctx context.Context, tx *sql.Tx, p *Position) error {
	now := store.Now()
	p.CreatedAt, p.UpdatedAt, p.Version = now, now, 1
	args := append(positionArgs(p), p.OrgID, now)
	err := tx.QueryRowContext(ctx, `INSERT INTO positions (person_id, unit_id, title, title_text, person_title,
		starts_on, start_precision, start_how, start_decision_symbol, start_decision_date,
		start_decision_issuer_id, start_decision_issuer,
		ends_on, end_precision, end_how, end_decision_symbol, end_decision_date,
		end_decision_issuer_id, end_decision_issuer, congress_id, note, org_id, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $23)
		RETURNING id`, args...).Scan(&p.ID)
	if err != nil {
		return fmt.Errorf("insert position: %w", err)
	}
	return nil
}

func updatePosition(ctx context.Context, tx *sql.Tx, p *Position) error {
	now := store.Now()
	args := append(positionArgs(p), now, p.ID, p.OrgID, p.Version)
	res, err := tx.ExecContext(ctx, `UPDATE positions SET person_id = $1, unit_id = $2, title = $3, title_text = $4,
		person_title = $5, starts_on = $6, start_precision = $7, start_how = $8, start_decision_symbol = $9,
		start_decision_date = $10, start_decision_issuer_id = $11, start_decision_issuer = $12,
		ends_on = $13, end_precision = $14, end_how = $15, end_decision_symbol = $16, end_decision_date = $17,
		end_decision_issuer_id = $18, end_decision_issuer = $19, congress_id = $20, note = $21,
		updated_at = $22, version = version + 1 WHERE id = $23 AND org_id = $24 AND version = $25`, args...)
	if err != nil {
		return fmt.Errorf("update position: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrConflict
	}
	p.UpdatedAt = now
	p.Version++
	return nil
}

const congressColumns = `id, org_id, unit_id, kind, number, starts_on, ends_on, date_precision,
	COALESCE(term_from_year, 0), COALESCE(term_to_year, 0), COALESCE(executive_size, 0),
	COALESCE(executive_alternates, 0), COALESCE(standing_size, 0), place, decision_symbol, decision_date,
	COALESCE(decision_issuer_id, 0), decision_issuer, note, created_at, updated_at, version`

func scanCongress(row scanner) (Congress, error) {
	var c Congress
	err := row.Scan(&c.ID, &c.OrgID, &c.UnitID, &c.Kind, &c.Number, &c.From, &c.To, &c.Precision, &c.TermFromYear,
		&c.TermToYear, &c.ExecutiveSize, &c.ExecutiveAlternates, &c.StandingSize, &c.Place, &c.Decision.Symbol,
		&c.Decision.Date, &c.Decision.IssuerID, &c.Decision.Issuer, &c.Note, &c.CreatedAt, &c.UpdatedAt, &c.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return c, store.ErrNotFound
	}
	return c, err
}

func getCongress(ctx context.Context, q store.Querier, orgID, id int64) (Congress, error) {
	return scanCongress(q.QueryRowContext(ctx, `SELECT `+congressColumns+` FROM congresses WHERE id = $1 AND org_id = $2`, id, orgID))
}

func listCongresses(ctx context.Context, q store.Querier, orgID, unitID int64) ([]Congress, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+congressColumns+` FROM congresses WHERE org_id = $1 AND unit_id = $2
		ORDER BY starts_on, id`, orgID, unitID)
	if err != nil {
		return nil, fmt.Errorf("list congresses: %w", err)
	}
	defer rows.Close()
	var out []Congress
	for rows.Next() {
		c, err := scanCongress(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func congressArgs(c *Congress) []any {
	return []any{c.UnitID, c.Kind, c.Number, c.From, c.To, c.Precision.orDay(), nullInt(c.TermFromYear),
		nullInt(c.TermToYear), nullInt(c.ExecutiveSize), nullInt(c.ExecutiveAlternates), nullInt(c.StandingSize),
		c.Place, c.Decision.Symbol, c.Decision.Date, nullID(c.Decision.IssuerID), c.Decision.Issuer, c.Note}
}

func insertCongress(ctx context.Context, tx *sql.Tx, c *Congress) error {
	now := store.Now()
	c.CreatedAt, c.UpdatedAt, c.Version = now, now, 1
	err := tx.QueryRowContext(ctx, `INSERT INTO congresses (unit_id, kind, number, starts_on, ends_on, date_precision,
		term_from_year, term_to_year, executive_size, executive_alternates, standing_size, place, decision_symbol,
		decision_date, decision_issuer_id, decision_issuer, note, org_id, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19) RETURNING id`,
		append(congressArgs(c), c.OrgID, now)...).Scan(&c.ID)
	if store.IsUniqueViolation(err) {
		return errDuplicateCongress()
	}
	if err != nil {
		return fmt.Errorf("insert congress: %w", err)
	}
	return nil
}

func updateCongress(ctx context.Context, tx *sql.Tx, c *Congress) error {
	now := store.Now()
	res, err := tx.ExecContext(ctx, `UPDATE congresses SET unit_id = $1, kind = $2, number = $3, starts_on = $4,
		ends_on = $5, date_precision = $6, term_from_year = $7, term_to_year = $8, executive_size = $9,
		executive_alternates = $10, standing_size = $11, place = $12, decision_symbol = $13, decision_date = $14,
		decision_issuer_id = $15, decision_issuer = $16, note = $17, updated_at = $18, version = version + 1
		WHERE id = $19 AND org_id = $20 AND version = $21`, append(congressArgs(c), now, c.ID, c.OrgID, c.Version)...)
	if store.IsUniqueViolation(err) {
		return errDuplicateCongress()
	}
	if err != nil {
		return fmt.Errorf("update congress: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrConflict
	}
	c.UpdatedAt = now
	c.Version++
	return nil
}
