package units

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"noichinh/internal/store"
)

// SQL of staff assignments and steering committee members.

const assignmentSelect = `SELECT a.id, a.org_id, a.user_id, a.unit_id, a.role, a.starts_on, a.ends_on, a.note,
	a.created_at, a.updated_at, a.version, us.full_name, u.name
	FROM assignments a JOIN users us ON us.id = a.user_id JOIN units u ON u.id = a.unit_id`

func scanAssignment(row scanner) (Assignment, error) {
	var a Assignment
	err := row.Scan(&a.ID, &a.OrgID, &a.UserID, &a.UnitID, &a.Role, &a.From, &a.To, &a.Note, &a.CreatedAt,
		&a.UpdatedAt, &a.Version, &a.UserName, &a.UnitName)
	if errors.Is(err, sql.ErrNoRows) {
		return a, store.ErrNotFound
	}
	return a, err
}

func queryAssignments(ctx context.Context, q store.Querier, where string, args ...any) ([]Assignment, error) {
	rows, err := q.QueryContext(ctx, assignmentSelect+` WHERE `+where+` ORDER BY a.starts_on, a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list assignments: %w", err)
	}
	defer rows.Close()
	var out []Assignment
	for rows.Next() {
		a, err := scanAssignment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func getAssignment(ctx context.Context, q store.Querier, orgID, id int64) (Assignment, error) {
	return scanAssignment(q.QueryRowContext(ctx, assignmentSelect+` WHERE a.id = $1 AND a.org_id = $2`, id, orgID))
}

func insertAssignment(ctx context.Context, tx *sql.Tx, a *Assignment) error {
	now := store.Now()
	a.CreatedAt, a.UpdatedAt, a.Version = now, now, 1
	err := tx.QueryRowContext(ctx, `INSERT INTO assignments (org_id, user_id, unit_id, role, starts_on, ends_on, note,
		created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
		a.OrgID, a.UserID, a.UnitID, a.Role, a.From, a.To, a.Note, now).Scan(&a.ID)
	if err != nil {
		return fmt.Errorf("insert assignment: %w", err)
	}
	return nil
}

func updateAssignment(ctx context.Context, tx *sql.Tx, a *Assignment) error {
	now := store.Now()
	res, err := tx.ExecContext(ctx, `UPDATE assignments SET user_id = $1, unit_id = $2, role = $3, starts_on = $4,
		ends_on = $5, note = $6, updated_at = $7, version = version + 1 WHERE id = $8 AND org_id = $9 AND version = $10`,
		a.UserID, a.UnitID, a.Role, a.From, a.To, a.Note, now, a.ID, a.OrgID, a.Version)
	if err != nil {
		return fmt.Errorf("update assignment: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrConflict
	}
	a.UpdatedAt = now
	a.Version++
	return nil
}

// isMember reports whether the user works in the organisation.
func isMember(ctx context.Context, q store.Querier, orgID, userID int64) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM memberships WHERE org_id = $1 AND user_id = $2`, orgID, userID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("check membership: %w", err)
	}
	return n > 0, nil
}

const steeringColumns = `id, org_id, committee_id, role, COALESCE(person_id, 0), COALESCE(holder_unit_id, 0),
	holder_title, COALESCE(agency_id, 0), starts_on, start_precision, ends_on, decision_symbol, decision_date,
	COALESCE(decision_issuer_id, 0), decision_issuer, note, created_at, updated_at, version`

func scanSteering(row scanner) (SteeringMember, error) {
	var m SteeringMember
	err := row.Scan(&m.ID, &m.OrgID, &m.CommitteeID, &m.Role, &m.PersonID, &m.HolderUnitID, &m.HolderTitle, &m.AgencyID,
		&m.From, &m.FromPrecision, &m.To, &m.Decision.Symbol, &m.Decision.Date, &m.Decision.IssuerID,
		&m.Decision.Issuer, &m.Note, &m.CreatedAt, &m.UpdatedAt, &m.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return m, store.ErrNotFound
	}
	return m, err
}

func getSteering(ctx context.Context, q store.Querier, orgID, id int64) (SteeringMember, error) {
	return scanSteering(q.QueryRowContext(ctx, `SELECT `+steeringColumns+` FROM steering_members WHERE id = $1 AND org_id = $2`, id, orgID))
}

func listSteering(ctx context.Context, q store.Querier, orgID, committeeID int64) ([]SteeringMember, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+steeringColumns+` FROM steering_members WHERE org_id = $1 AND committee_id = $2
		ORDER BY starts_on IS NOT NULL, starts_on, id`, orgID, committeeID)
	if err != nil {
		return nil, fmt.Errorf("list steering members: %w", err)
	}
	defer rows.Close()
	var out []SteeringMember
	for rows.Next() {
		m, err := scanSteering(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func steeringArgs(m *SteeringMember) []any {
	return []any{m.CommitteeID, m.Role, nullID(m.PersonID), nullID(m.HolderUnitID), m.HolderTitle, nullID(m.AgencyID),
		m.From, m.FromPrecision.orDay(), m.To, m.Decision.Symbol, m.Decision.Date, nullID(m.Decision.IssuerID),
		m.Decision.Issuer, m.Note}
}

func insertSteering(ctx context.Context, tx *sql.Tx, m *SteeringMember) error {
	now := store.Now()
	m.CreatedAt, m.UpdatedAt, m.Version = now, now, 1
	err := tx.QueryRowContext(ctx, `INSERT INTO steering_members (committee_id, role, person_id, holder_unit_id,
		holder_title, agency_id, starts_on, start_precision, ends_on, decision_symbol, decision_date, decision_issuer_id,
		decision_issuer, note, org_id, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id`,
		append(steeringArgs(m), m.OrgID, now)...).Scan(&m.ID)
	if err != nil {
		return fmt.Errorf("insert steering member: %w", err)
	}
	return nil
}

func updateSteering(ctx context.Context, tx *sql.Tx, m *SteeringMember) error {
	now := store.Now()
	res, err := tx.ExecContext(ctx, `UPDATE steering_members SET committee_id = $1, role = $2, person_id = $3,
		holder_unit_id = $4, holder_title = $5, agency_id = $6, starts_on = $7, start_precision = $8, ends_on = $9,
		decision_symbol = $10, decision_date = $11, decision_issuer_id = $12, decision_issuer = $13, note = $14,
		updated_at = $15, version = version + 1 WHERE id = $16 AND org_id = $17 AND version = $18`,
		append(steeringArgs(m), now, m.ID, m.OrgID, m.Version)...)
	if err != nil {
		return fmt.Errorf("update steering member: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrConflict
	}
	m.UpdatedAt = now
	m.Version++
	return nil
}

// listStaff returns the enabled leaders and specialists of the organisation.
func listStaff(ctx context.Context, q store.Querier, orgID int64) ([]StaffMember, error) {
	rows, err := q.QueryContext(ctx, `SELECT u.id, u.full_name, u.username, m.role FROM users u
		JOIN memberships m ON m.user_id = u.id
		WHERE m.org_id = $1 AND m.role IN ('leader', 'specialist') AND u.disabled_at IS NULL ORDER BY u.id`, orgID)
	if err != nil {
		return nil, fmt.Errorf("list staff: %w", err)
	}
	defer rows.Close()
	var out []StaffMember
	for rows.Next() {
		var m StaffMember
		if err := rows.Scan(&m.UserID, &m.FullName, &m.Username, &m.Role); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
