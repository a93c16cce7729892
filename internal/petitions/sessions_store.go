package petitions

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/config"
	"noichinh/internal/store"
)

const sessionColumns = `s.id, s.org_id, s.held_on, s.host_role, s.host_name, s.place, s.kind, s.follow_up,
	s.classification, s.assigned_to, s.visits, s.people, s.crowd_delegations, s.matters_complaint,
	s.matters_denunciation, s.matters_proposal, s.reply_limit_code, s.reply_limit_from, s.reply_due_on,
	s.replied_on, s.created_at, s.updated_at, s.version`

func scanSession(row scanner) (Session, error) {
	var ss Session
	var assigned sql.NullInt64
	err := row.Scan(&ss.ID, &ss.OrgID, &ss.HeldOn, &ss.HostRole, &ss.HostName, &ss.Place, &ss.Kind, &ss.FollowUp,
		&ss.Classification, &assigned, &ss.VisitCount, &ss.People, &ss.CrowdDelegations, &ss.MattersComplaint,
		&ss.MattersDenunciation, &ss.MattersProposal, &ss.Reply.LimitCode, &ss.Reply.LimitFrom, &ss.Reply.DueOn,
		&ss.RepliedOn, &ss.CreatedAt, &ss.UpdatedAt, &ss.Version)
	ss.AssignedTo = assigned.Int64
	ss.CreatedAt, ss.UpdatedAt = ss.CreatedAt.UTC(), ss.UpdatedAt.UTC()
	ss.Reply.Step, ss.Reply.StartOn = StepSecretaryReply, ss.HeldOn
	if !ss.RepliedOn.IsZero() {
		ss.Reply.ClosedOn, ss.Reply.ClosedAs = ss.RepliedOn, closedMet
	}
	return ss, err
}

func sessionValues(ss Session) []any {
	return []any{ss.HeldOn, ss.HostRole, ss.HostName, ss.Place, ss.Kind, ss.FollowUp, ss.Classification,
		nullID(ss.AssignedTo), ss.VisitCount, ss.People, ss.CrowdDelegations, ss.MattersComplaint,
		ss.MattersDenunciation, ss.MattersProposal, ss.Reply.LimitCode, ss.Reply.LimitFrom, ss.Reply.DueOn,
		ss.RepliedOn, ss.UpdatedAt}
}

var sessionValueColumns = []string{"held_on", "host_role", "host_name", "place", "kind", "follow_up", "classification",
	"assigned_to", "visits", "people", "crowd_delegations", "matters_complaint", "matters_denunciation",
	"matters_proposal", "reply_limit_code", "reply_limit_from", "reply_due_on", "replied_on", "updated_at"}

func insertSession(ctx context.Context, tx *sql.Tx, ss *Session, by int64) error {
	cols := append([]string{"org_id", "created_at", "created_by", "version"}, sessionValueColumns...)
	args := append([]any{ss.OrgID, ss.CreatedAt, nullID(by), ss.Version}, sessionValues(*ss)...)
	err := tx.QueryRowContext(ctx, fmt.Sprintf(`INSERT INTO reception_sessions (%s) VALUES (%s) RETURNING id`,
		strings.Join(cols, ", "), placeholders(1, len(cols))), args...).Scan(&ss.ID)
	if err != nil {
		return fmt.Errorf("insert reception session: %w", err)
	}
	return insertVisits(ctx, tx, *ss)
}

func updateSession(ctx context.Context, tx *sql.Tx, ss Session, version int) error {
	sets := make([]string, len(sessionValueColumns))
	for i, c := range sessionValueColumns {
		sets[i] = fmt.Sprintf("%s = $%d", c, i+1)
	}
	n := len(sets)
	res, err := tx.ExecContext(ctx, fmt.Sprintf(`UPDATE reception_sessions SET %s, version = version + 1
		WHERE id = $%d AND org_id = $%d AND version = $%d`, strings.Join(sets, ", "), n+1, n+2, n+3),
		append(sessionValues(ss), ss.ID, ss.OrgID, version)...)
	if err != nil {
		return fmt.Errorf("update reception session: %w", err)
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return store.ErrConflict
	}
	// The visits are the session's current list; their history is in the
	// session's events.
	if _, err := tx.ExecContext(ctx, `DELETE FROM reception_visits WHERE session_id = $1`, ss.ID); err != nil {
		return fmt.Errorf("replace visits: %w", err)
	}
	return insertVisits(ctx, tx, ss)
}

func insertVisits(ctx context.Context, tx *sql.Tx, ss Session) error {
	for i, v := range ss.Visits {
		_, err := tx.ExecContext(ctx, `INSERT INTO reception_visits (org_id, session_id, position, kind, people, summary, petition_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, ss.OrgID, ss.ID, i+1, v.Kind, v.People, v.Summary, nullID(v.PetitionID))
		if err != nil {
			return fmt.Errorf("insert visit: %w", err)
		}
	}
	return nil
}

func insertSessionEvent(ctx context.Context, tx *sql.Tx, ss Session, kind string, on civil.Date, by int64) error {
	data, err := json.Marshal(ss)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO reception_session_events (org_id, session_id, kind, effective_on, recorded_at, recorded_by, data)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, ss.OrgID, ss.ID, kind, on, store.Now(), nullID(by), string(data))
	if err != nil {
		return fmt.Errorf("insert reception session event: %w", err)
	}
	return nil
}

func getSession(ctx context.Context, q store.Querier, orgID, id int64, clearance access.Classification) (Session, error) {
	ss, err := scanSession(q.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM reception_sessions s
		WHERE s.id = $1 AND s.org_id = $2 AND s.classification <= $3`, id, orgID, clearance))
	if errors.Is(err, sql.ErrNoRows) {
		return ss, store.ErrNotFound
	}
	if err != nil {
		return ss, fmt.Errorf("reception session %d: %w", id, err)
	}
	rows, err := q.QueryContext(ctx, `SELECT kind, people, summary, petition_id FROM reception_visits
		WHERE session_id = $1 ORDER BY position`, id)
	if err != nil {
		return ss, fmt.Errorf("visits: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var v Visit
		var pid sql.NullInt64
		if err := rows.Scan(&v.Kind, &v.People, &v.Summary, &pid); err != nil {
			return ss, err
		}
		v.PetitionID = pid.Int64
		ss.Visits = append(ss.Visits, v)
	}
	return ss, rows.Err()
}

func listSessions(ctx context.Context, q store.Querier, engine config.Engine, actor *access.Actor, f SessionFilter) ([]Session, int, error) {
	conds := []string{"s.org_id = $1", "s.classification <= $2"}
	args := []any{actor.OrgID, actor.Clearance}
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, fmt.Sprintf(cond, len(args)))
	}
	if !f.From.IsZero() {
		add("s.held_on >= $%d", f.From)
	}
	if !f.To.IsZero() {
		add("s.held_on <= $%d", f.To)
	}
	if f.HostRole != "" {
		add("s.host_role = $%d", f.HostRole)
	}
	if f.IDs != nil {
		cond, v := idIn(engine, "s.id", len(args)+1, f.IDs)
		args = append(args, v)
		conds = append(conds, cond)
	}
	where := strings.Join(conds, " AND ")
	var total int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM reception_sessions s WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count sessions: %w", err)
	}
	n := len(args)
	rows, err := q.QueryContext(ctx, fmt.Sprintf(`SELECT %s FROM reception_sessions s WHERE %s
		ORDER BY s.held_on DESC, s.id DESC LIMIT $%d OFFSET $%d`, sessionColumns, where, n+1, n+2),
		append(args, f.PerPage, (f.Page-1)*f.PerPage)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list sessions: %w", err)
	}
	defer rows.Close()
	out := []Session{}
	for rows.Next() {
		ss, err := scanSession(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, ss)
	}
	return out, total, rows.Err()
}
