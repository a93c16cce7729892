package communereport

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"noichinh/internal/store"
)

const figureColumns = `sessions, visits, people, crowd_delegations, matters_complaint, matters_denunciation,
	matters_proposal, petitions_received, petitions_processed, petitions_resolved`

func figureArgs(f Figures) []any {
	var out []any
	for _, x := range f.fields() {
		out = append(out, *x.v)
	}
	return out
}

func figureDests(f *Figures) []any {
	var out []any
	for _, x := range f.fields() {
		out = append(out, x.v)
	}
	return out
}

func placeholders(from, n int) string {
	ps := make([]string, n)
	for i := range ps {
		ps[i] = fmt.Sprintf("$%d", from+i)
	}
	return strings.Join(ps, ", ")
}

func insertReport(ctx context.Context, tx *sql.Tx, r *Report) error {
	args := append([]any{r.OrgID, r.UnitID, r.Month.String()}, figureArgs(r.Figures)...)
	args = append(args, r.Note, nullID(r.SubmittedBy), r.SubmittedAt, r.Source, r.SubmittedAt, r.Version)
	err := tx.QueryRowContext(ctx, `INSERT INTO commune_reports (org_id, unit_id, month, `+figureColumns+`,
		note, submitted_by, submitted_at, source, created_at, version) VALUES (`+placeholders(1, len(args))+`) RETURNING id`,
		args...).Scan(&r.ID)
	if err != nil {
		return fmt.Errorf("insert commune report: %w", err)
	}
	return nil
}

func updateReport(ctx context.Context, tx *sql.Tx, r Report, version int) error {
	cols := strings.Split(strings.NewReplacer("\n", "", "\t", "", " ", "").Replace(figureColumns), ",")
	sets := make([]string, 0, len(cols)+4)
	for i, c := range cols {
		sets = append(sets, fmt.Sprintf("%s = $%d", c, i+1))
	}
	n := len(cols)
	sets = append(sets, fmt.Sprintf("note = $%d, submitted_by = $%d, submitted_at = $%d, source = $%d, version = version + 1", n+1, n+2, n+3, n+4))
	args := append(figureArgs(r.Figures), r.Note, nullID(r.SubmittedBy), r.SubmittedAt, r.Source, r.ID, r.OrgID, version)
	res, err := tx.ExecContext(ctx, fmt.Sprintf(`UPDATE commune_reports SET %s WHERE id = $%d AND org_id = $%d AND version = $%d`,
		strings.Join(sets, ", "), n+5, n+6, n+7), args...)
	if err != nil {
		return fmt.Errorf("update commune report: %w", err)
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return store.ErrConflict
	}
	return nil
}

func insertRevision(ctx context.Context, tx *sql.Tx, r Report) error {
	args := append([]any{r.OrgID, r.ID, r.Version}, figureArgs(r.Figures)...)
	args = append(args, r.Note, nullID(r.SubmittedBy), r.SubmittedAt, r.Source)
	_, err := tx.ExecContext(ctx, `INSERT INTO commune_report_revisions (org_id, report_id, version, `+figureColumns+`,
		note, submitted_by, submitted_at, source) VALUES (`+placeholders(1, len(args))+`)`, args...)
	if err != nil {
		return fmt.Errorf("insert commune report revision: %w", err)
	}
	return nil
}

const reportColumns = `r.id, r.org_id, r.unit_id, u.name, r.month, r.sessions, r.visits, r.people, r.crowd_delegations,
	r.matters_complaint, r.matters_denunciation, r.matters_proposal, r.petitions_received, r.petitions_processed,
	r.petitions_resolved, r.note, r.submitted_by, r.submitted_at, r.source, r.version`

func scanReport(row interface{ Scan(...any) error }) (Report, error) {
	var r Report
	var month string
	var by sql.NullInt64
	dests := append([]any{&r.ID, &r.OrgID, &r.UnitID, &r.UnitName, &month}, figureDests(&r.Figures)...)
	dests = append(dests, &r.Note, &by, &r.SubmittedAt, &r.Source, &r.Version)
	if err := row.Scan(dests...); err != nil {
		return r, err
	}
	r.SubmittedBy, r.SubmittedAt = by.Int64, r.SubmittedAt.UTC()
	m, err := ParseMonth(month)
	r.Month = m
	return r, err
}

func getReport(ctx context.Context, q store.Querier, orgID, unitID int64, m Month) (Report, bool, error) {
	r, err := scanReport(q.QueryRowContext(ctx, `SELECT `+reportColumns+` FROM commune_reports r JOIN units u ON u.id = r.unit_id
		WHERE r.org_id = $1 AND r.unit_id = $2 AND r.month = $3`, orgID, unitID, m.String()))
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	return r, err == nil, err
}

// listReports lists reports of org, of one unit (0: all) and months from
// … to (zero: no bound), by month then unit name.
func listReports(ctx context.Context, q store.Querier, orgID, unitID int64, from, to Month) ([]Report, error) {
	query := `SELECT ` + reportColumns + ` FROM commune_reports r JOIN units u ON u.id = r.unit_id WHERE r.org_id = $1`
	args := []any{orgID}
	if unitID != 0 {
		args = append(args, unitID)
		query += fmt.Sprintf(" AND r.unit_id = $%d", len(args))
	}
	if !from.IsZero() {
		args = append(args, from.String())
		query += fmt.Sprintf(" AND r.month >= $%d", len(args))
	}
	if !to.IsZero() {
		args = append(args, to.String())
		query += fmt.Sprintf(" AND r.month <= $%d", len(args))
	}
	order := " ORDER BY r.month, u.name_key, r.id"
	if unitID != 0 {
		order = " ORDER BY r.month DESC"
	}
	rows, err := q.QueryContext(ctx, query+order, args...)
	if err != nil {
		return nil, fmt.Errorf("commune reports: %w", err)
	}
	defer rows.Close()
	out := []Report{}
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// unitRow is a reporting unit.
type unitRow struct {
	ID   int64
	Name string
}

// reportingUnit finds the commune or ward id of org that existed during m.
func reportingUnit(ctx context.Context, q store.Querier, orgID, id int64, m Month) (unitRow, bool, error) {
	u := unitRow{ID: id}
	err := q.QueryRowContext(ctx, `SELECT name FROM units WHERE id = $1 AND org_id = $2 AND kind IN ('commune', 'ward')
		AND (valid_from IS NULL OR valid_from <= $3) AND (valid_to IS NULL OR valid_to >= $4)`,
		id, orgID, m.Last(), m.First()).Scan(&u.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return u, false, nil
	}
	return u, err == nil, err
}

func missingUnits(ctx context.Context, q store.Querier, orgID int64, m Month) ([]Unit, error) {
	rows, err := q.QueryContext(ctx, `SELECT u.id, u.code, u.kind, u.name FROM units u
		WHERE u.org_id = $1 AND u.kind IN ('commune', 'ward')
		  AND (u.valid_from IS NULL OR u.valid_from <= $2) AND (u.valid_to IS NULL OR u.valid_to >= $3)
		  AND NOT EXISTS (SELECT 1 FROM commune_reports r WHERE r.org_id = u.org_id AND r.unit_id = u.id AND r.month = $4)
		ORDER BY u.kind DESC, u.name_key, u.id`, orgID, m.Last(), m.First(), m.String())
	if err != nil {
		return nil, fmt.Errorf("units without a report: %w", err)
	}
	defer rows.Close()
	out := []Unit{}
	for rows.Next() {
		var u Unit
		if err := rows.Scan(&u.ID, &u.Code, &u.Kind, &u.Name); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

func isLocked(ctx context.Context, q store.Querier, orgID int64, m Month) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM commune_report_locks WHERE org_id = $1 AND month = $2`, orgID, m.String()).Scan(&n)
	return n > 0, err
}

func insertLock(ctx context.Context, tx *sql.Tx, orgID int64, m Month, by int64) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO commune_report_locks (org_id, month, locked_by, locked_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (org_id, month) DO NOTHING`, orgID, m.String(), nullID(by), store.Now())
	if err != nil {
		return false, fmt.Errorf("lock month: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
