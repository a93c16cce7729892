package petitions

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/store"
	"noichinh/internal/vntext"
)

// This file holds the SQL of petitions, their events, deadlines, senders and
// links. It knows no rules: the service decides, the store reads and writes.

// petitionColumns are the columns scanPetition reads, in order.
const petitionColumns = `p.id, p.org_id, p.ref_code, p.received_on, p.channel, p.source_unit_id, p.source_ref,
	p.session_id, p.signer, p.sender_count, p.senders_address, p.kind, p.parent_id, p.summary, p.content, p.field,
	p.subject_name, p.subject_position, p.subject_party_member, p.subject_party_org, p.locality_unit_id,
	p.repeated, p.complex_prolonged, p.classification, p.assigned_to, p.status, p.processed_on, p.eligible,
	p.filed_reason, p.within_jurisdiction, p.handling, p.handled_on, p.target_unit_id, p.handling_ref,
	p.accepted_on, p.last_urged_on, p.last_reply_on, p.resolved_on, p.outcome, p.money_returned,
	p.land_returned, p.people_protected, p.next_due_on, p.next_due_step, p.created_at, p.created_by,
	p.updated_at, p.version`

type scanner interface{ Scan(dest ...any) error }

func scanPetition(row scanner) (Petition, error) {
	var p Petition
	var source, session, parent, locality, assigned, target, createdBy sql.NullInt64
	var eligible, within sql.NullBool
	err := row.Scan(&p.ID, &p.OrgID, &p.RefCode, &p.ReceivedOn, &p.Channel, &source, &p.SourceRef,
		&session, &p.Signer, &p.SenderCount, &p.SendersAddress, &p.Kind, &parent, &p.Summary, &p.Content, &p.Field,
		&p.SubjectName, &p.SubjectPosition, &p.SubjectPartyMember, &p.SubjectPartyOrg, &locality,
		&p.Repeated, &p.ComplexProlonged, &p.Classification, &assigned, &p.Status, &p.ProcessedOn, &eligible,
		&p.FiledReason, &within, &p.Handling, &p.HandledOn, &target, &p.HandlingRef,
		&p.AcceptedOn, &p.LastUrgedOn, &p.LastReplyOn, &p.ResolvedOn, &p.Outcome, &p.MoneyReturned,
		&p.LandReturned, &p.PeopleProtected, &p.NextDueOn, &p.NextDueStep, &p.CreatedAt, &createdBy,
		&p.UpdatedAt, &p.Version)
	if err != nil {
		return p, err
	}
	p.SourceUnitID, p.SessionID, p.ParentID = source.Int64, session.Int64, parent.Int64
	p.LocalityUnitID, p.AssignedTo, p.TargetUnitID, p.CreatedBy = locality.Int64, assigned.Int64, target.Int64, createdBy.Int64
	p.Eligible, p.WithinJurisdiction = eligible.Bool, within.Bool
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return p, nil
}

// nullID stores 0 as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// searchText is the folded text the list's text filter matches: reference,
// summary and the person complained of. Never a sender's identity.
func searchText(p Petition) string {
	return vntext.Fold(strings.Join([]string{p.RefCode, p.Summary, p.SubjectName, p.SubjectPosition}, " "))
}

// derivedValues are the columns written from a projected petition, in the
// order of derivedColumns.
func derivedValues(p Petition) []any {
	var eligible, within any
	if !p.ProcessedOn.IsZero() {
		eligible = p.Eligible
		within = p.Eligible && p.WithinJurisdiction
	}
	return []any{p.ReceivedOn, p.Channel, nullID(p.SourceUnitID), p.SourceRef, nullID(p.SessionID), p.Signer,
		p.SenderCount, p.SendersAddress, p.Kind, nullID(p.ParentID), p.Summary, p.Content, p.Field,
		p.SubjectName, vntext.Key(p.SubjectName), p.SubjectPosition, p.SubjectPartyMember, p.SubjectPartyOrg,
		nullID(p.LocalityUnitID), p.Repeated, p.ComplexProlonged, p.Classification, nullID(p.AssignedTo), p.Status,
		p.ProcessedOn, eligible, p.FiledReason, within, p.Handling, p.HandledOn, nullID(p.TargetUnitID),
		p.HandlingRef, p.AcceptedOn, p.LastUrgedOn, p.LastReplyOn, p.ResolvedOn, p.Outcome, p.MoneyReturned,
		p.LandReturned, p.PeopleProtected, p.NextDueOn, p.NextDueStep, searchText(p)}
}

var derivedColumns = []string{"received_on", "channel", "source_unit_id", "source_ref", "session_id", "signer",
	"sender_count", "senders_address", "kind", "parent_id", "summary", "content", "field",
	"subject_name", "subject_key", "subject_position", "subject_party_member", "subject_party_org",
	"locality_unit_id", "repeated", "complex_prolonged", "classification", "assigned_to", "status",
	"processed_on", "eligible", "filed_reason", "within_jurisdiction", "handling", "handled_on", "target_unit_id",
	"handling_ref", "accepted_on", "last_urged_on", "last_reply_on", "resolved_on", "outcome", "money_returned",
	"land_returned", "people_protected", "next_due_on", "next_due_step", "search_text"}

func placeholders(from, n int) string {
	ps := make([]string, n)
	for i := range ps {
		ps[i] = fmt.Sprintf("$%d", from+i)
	}
	return strings.Join(ps, ", ")
}

// insertPetition writes a new petition row and sets p.ID.
func insertPetition(ctx context.Context, tx *sql.Tx, p *Petition) error {
	cols := append([]string{"org_id", "ref_code", "created_at", "created_by", "updated_at", "version"}, derivedColumns...)
	args := append([]any{p.OrgID, p.RefCode, p.CreatedAt, nullID(p.CreatedBy), p.UpdatedAt, p.Version}, derivedValues(*p)...)
	q := fmt.Sprintf(`INSERT INTO petitions (%s) VALUES (%s) RETURNING id`, strings.Join(cols, ", "), placeholders(1, len(cols)))
	if err := tx.QueryRowContext(ctx, q, args...).Scan(&p.ID); err != nil {
		return fmt.Errorf("insert petition: %w", err)
	}
	return nil
}

// updatePetition writes the derived state of p if the row still has
// version; it then has version+1. Zero rows means someone changed it first.
func updatePetition(ctx context.Context, tx *sql.Tx, p Petition, version int) error {
	sets := make([]string, len(derivedColumns))
	for i, c := range derivedColumns {
		sets[i] = fmt.Sprintf("%s = $%d", c, i+1)
	}
	n := len(derivedColumns)
	q := fmt.Sprintf(`UPDATE petitions SET %s, updated_at = $%d, version = version + 1
		WHERE id = $%d AND org_id = $%d AND version = $%d`, strings.Join(sets, ", "), n+1, n+2, n+3, n+4)
	args := append(derivedValues(p), p.UpdatedAt, p.ID, p.OrgID, version)
	res, err := tx.ExecContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("update petition %d: %w", p.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return store.ErrConflict
	}
	return nil
}

// getPetition reads one petition of org visible at clearance.
func getPetition(ctx context.Context, q store.Querier, orgID, id int64, clearance access.Classification) (Petition, error) {
	row := q.QueryRowContext(ctx, `SELECT `+petitionColumns+` FROM petitions p
		WHERE p.id = $1 AND p.org_id = $2 AND p.classification <= $3`, id, orgID, clearance)
	p, err := scanPetition(row)
	if errors.Is(err, sql.ErrNoRows) {
		return p, store.ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("petition %d: %w", id, err)
	}
	p.Deadlines, err = deadlinesOf(ctx, q, id)
	return p, err
}

// nextRefCode gives the petition's number within its organisation and year.
func nextRefCode(ctx context.Context, tx *sql.Tx, orgID int64, year int) (string, error) {
	var n int
	err := tx.QueryRowContext(ctx, `INSERT INTO petition_counters (org_id, year, last) VALUES ($1, $2, 1)
		ON CONFLICT (org_id, year) DO UPDATE SET last = petition_counters.last + 1 RETURNING last`, orgID, year).Scan(&n)
	if err != nil {
		return "", fmt.Errorf("petition number: %w", err)
	}
	return refCode(year, n), nil
}

func refCode(year, n int) string { return fmt.Sprintf("%04d-%05d", year, n) }

// insertEvent appends e to the petition's history and sets e.ID.
func insertEvent(ctx context.Context, tx *sql.Tx, orgID int64, e *Event) error {
	data, err := e.Data.marshal()
	if err != nil {
		return err
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO petition_events (org_id, petition_id, kind, effective_on, recorded_at, recorded_by, data)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		orgID, e.PetitionID, e.Kind, e.EffectiveOn, e.RecordedAt, nullID(e.RecordedBy), data).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("insert petition event: %w", err)
	}
	return nil
}

// eventsOf returns a petition's history, oldest first.
func eventsOf(ctx context.Context, q store.Querier, petitionID int64) ([]Event, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, petition_id, kind, effective_on, recorded_at, recorded_by, data
		FROM petition_events WHERE petition_id = $1 ORDER BY id`, petitionID)
	if err != nil {
		return nil, fmt.Errorf("petition events: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var by sql.NullInt64
		var data string
		if err := rows.Scan(&e.ID, &e.PetitionID, &e.Kind, &e.EffectiveOn, &e.RecordedAt, &by, &data); err != nil {
			return nil, err
		}
		e.RecordedBy, e.RecordedAt = by.Int64, e.RecordedAt.UTC()
		if err := jsonUnmarshal(data, &e.Data); err != nil {
			return nil, fmt.Errorf("petition event %d: %w", e.ID, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// saveDeadlines writes the petition's deadlines as derived (one row per step).
func saveDeadlines(ctx context.Context, tx *sql.Tx, orgID, petitionID int64, ds []Deadline) error {
	for _, d := range ds {
		_, err := tx.ExecContext(ctx, `INSERT INTO petition_deadlines
			(org_id, petition_id, step, limit_code, limit_from, start_on, extensions, due_on, closed_on, closed_as)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
			ON CONFLICT (petition_id, step) DO UPDATE SET limit_code = excluded.limit_code,
				limit_from = excluded.limit_from, start_on = excluded.start_on, extensions = excluded.extensions,
				due_on = excluded.due_on, closed_on = excluded.closed_on, closed_as = excluded.closed_as`,
			orgID, petitionID, d.Step, d.LimitCode, d.LimitFrom, d.StartOn, d.Extensions, d.DueOn, d.ClosedOn, d.ClosedAs)
		if err != nil {
			return fmt.Errorf("save deadline %s: %w", d.Step, err)
		}
	}
	return nil
}

func deadlinesOf(ctx context.Context, q store.Querier, petitionID int64) ([]Deadline, error) {
	rows, err := q.QueryContext(ctx, `SELECT step, limit_code, limit_from, start_on, extensions, due_on, closed_on, closed_as
		FROM petition_deadlines WHERE petition_id = $1 ORDER BY id`, petitionID)
	if err != nil {
		return nil, fmt.Errorf("petition deadlines: %w", err)
	}
	defer rows.Close()
	var out []Deadline
	for rows.Next() {
		var d Deadline
		if err := rows.Scan(&d.Step, &d.LimitCode, &d.LimitFrom, &d.StartOn, &d.Extensions, &d.DueOn, &d.ClosedOn, &d.ClosedAs); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// sealedSender is a sender row: the identity stays sealed.
type sealedSender struct {
	Position       int
	UUID           string
	Representative bool
	HasAddress     bool
	Sealed         string
	BlindIndex     string
}

func insertSender(ctx context.Context, tx *sql.Tx, orgID, petitionID int64, s sealedSender) error {
	var index any
	if s.BlindIndex != "" {
		index = s.BlindIndex
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO petition_senders
		(org_id, petition_id, position, uuid, representative, has_address, sealed, blind_index, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		orgID, petitionID, s.Position, s.UUID, s.Representative, s.HasAddress, s.Sealed, index, store.Now())
	if err != nil {
		return fmt.Errorf("insert petition sender: %w", err)
	}
	return nil
}

func sendersOf(ctx context.Context, q store.Querier, petitionID int64) ([]sealedSender, error) {
	rows, err := q.QueryContext(ctx, `SELECT position, uuid, representative, has_address, sealed, COALESCE(blind_index, '')
		FROM petition_senders WHERE petition_id = $1 ORDER BY position`, petitionID)
	if err != nil {
		return nil, fmt.Errorf("petition senders: %w", err)
	}
	defer rows.Close()
	var out []sealedSender
	for rows.Next() {
		var s sealedSender
		if err := rows.Scan(&s.Position, &s.UUID, &s.Representative, &s.HasAddress, &s.Sealed, &s.BlindIndex); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// insertLink records a relation; it reports false when it already existed.
func insertLink(ctx context.Context, tx *sql.Tx, orgID, petitionID, otherID int64, kind LinkKind, note string, by int64) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO petition_links (org_id, petition_id, other_id, kind, note, created_at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (petition_id, other_id, kind) DO NOTHING`,
		orgID, petitionID, otherID, kind, note, store.Now(), nullID(by))
	if err != nil {
		return false, fmt.Errorf("insert petition link: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// linksOf lists the relations of a petition in both directions, with the
// other petition visible at clearance.
func linksOf(ctx context.Context, q store.Querier, orgID, id int64, clearance access.Classification) ([]Link, error) {
	rows, err := q.QueryContext(ctx, `SELECT l.other_id, o.ref_code, l.kind, TRUE, l.note, l.created_at
		FROM petition_links l JOIN petitions o ON o.id = l.other_id
		WHERE l.petition_id = $1 AND l.org_id = $2 AND o.classification <= $3
		UNION ALL
		SELECT l.petition_id, o.ref_code, l.kind, FALSE, l.note, l.created_at
		FROM petition_links l JOIN petitions o ON o.id = l.petition_id
		WHERE l.other_id = $1 AND l.org_id = $2 AND o.classification <= $3
		ORDER BY 6, 1`, id, orgID, clearance)
	if err != nil {
		return nil, fmt.Errorf("petition links: %w", err)
	}
	defer rows.Close()
	var out []Link
	for rows.Next() {
		var l Link
		if err := rows.Scan(&l.OtherID, &l.OtherRefCode, &l.Kind, &l.Outgoing, &l.Note, &l.CreatedAt); err != nil {
			return nil, err
		}
		l.CreatedAt = l.CreatedAt.UTC()
		out = append(out, l)
	}
	return out, rows.Err()
}

// unitIn reports whether unit id belongs to org.
func unitIn(ctx context.Context, q store.Querier, orgID, id int64) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM units WHERE id = $1 AND org_id = $2`, id, orgID).Scan(&n)
	return n > 0, err
}

// staffClearance returns the clearance of user id if they work in org as a
// specialist or leader; ok is false otherwise.
func staffClearance(ctx context.Context, q store.Querier, orgID, userID int64) (c access.Classification, ok bool, err error) {
	err = q.QueryRowContext(ctx, `SELECT u.clearance FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.user_id = $1 AND m.org_id = $2 AND m.role IN ('specialist', 'leader') AND u.disabled_at IS NULL`,
		userID, orgID).Scan(&c)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return c, err == nil, err
}
