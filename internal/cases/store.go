package cases

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/vntext"
)

// This file holds the SQL: no rules, no permissions.

// recordColumns are the case's own fields, set by Create and Update.
var recordColumns = []string{"ref_code", "kind", "title", "title_sort", "summary",
	"cat_corruption", "cat_economic", "cat_position", "cat_negative", "cat_other", "field", "locality_id",
	"involves_leaders", "congress_personnel", "public_concern", "complex_prolonged", "petty_corruption",
	"classification", "offence_class", "search_text"}

func recordValues(c *Case) []any {
	return []any{c.RefCode, c.Kind, c.Title, vntext.Fold(c.Title), c.Summary,
		c.In(Corruption), c.In(Economic), c.In(Position), c.In(NegativeConduct), c.In(OtherAffairs), c.Field,
		nullID(c.LocalityID),
		c.Has(InvolvesLeaders), c.Has(CongressPersonnel), c.Has(PublicConcern), c.Has(ComplexProlonged),
		c.Has(PettyCorruption), c.Classification, c.OffenceClass, searchText(c)}
}

// stateColumns are derived from the events (Fold and Deadlines.For).
var stateColumns = []string{"opened_on", "watch_level", "watch_since", "stage", "stage_since", "agency_id",
	"deadline_status", "due_on", "due_limit_code", "due_limit_from", "due_start_on", "due_extensions",
	"suspects", "defendants", "damage_vnd", "damage_m2", "recovered_vnd", "recovered_m2",
	"urged_count", "last_urged_on", "meetings_count", "last_event_on"}

func stateValues(s State, d Deadline) []any {
	return []any{s.OpenedOn, s.Level, s.LevelSince, s.Stage, s.StageSince, nullID(s.AgencyID),
		d.Status, d.DueOn, d.LimitCode, d.LimitFrom, d.Start, d.Extensions,
		s.Suspects, s.Defendants, s.DamageVND, s.DamageM2, s.RecoveredVND, s.RecoveredM2,
		s.Urged, s.LastUrgedOn, s.Meetings, s.LastEventOn}
}

// searchText is what the list's search box matches: the folded reference,
// title, summary and linked document symbols.
func searchText(c *Case) string {
	parts := []string{c.RefCode, c.Title, c.Summary}
	for _, d := range c.Documents {
		parts = append(parts, d.Symbol)
	}
	return vntext.Fold(strings.Join(parts, " "))
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func placeholders(from, n int) string {
	p := make([]string, n)
	for i := range p {
		p[i] = fmt.Sprintf("$%d", from+i)
	}
	return strings.Join(p, ", ")
}

// insertCase writes a new case row and returns its id.
func insertCase(ctx context.Context, tx *sql.Tx, c *Case, s State, d Deadline, now time.Time) (int64, error) {
	cols := append(append([]string{"org_id"}, recordColumns...), stateColumns...)
	cols = append(cols, "created_at", "updated_at", "version")
	args := append(append([]any{c.OrgID}, recordValues(c)...), stateValues(s, d)...)
	args = append(args, now, now, 1)
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO cases (`+strings.Join(cols, ", ")+`) VALUES (`+
		placeholders(1, len(args))+`) RETURNING id`, args...).Scan(&id)
	return id, err
}

// updateCase writes the record fields (when c is not nil) and the state of
// case id if its version is still version, and moves the version on. It
// reports false when the version moved (someone else saved first).
func updateCase(ctx context.Context, tx *sql.Tx, id, orgID int64, version int, c *Case, s State, d Deadline, now time.Time) (bool, error) {
	var cols []string
	var args []any
	if c != nil {
		cols, args = append(cols, recordColumns...), append(args, recordValues(c)...)
	}
	cols, args = append(cols, stateColumns...), append(args, stateValues(s, d)...)
	sets := make([]string, len(cols))
	for i, col := range cols {
		sets[i] = fmt.Sprintf("%s = $%d", col, i+1)
	}
	n := len(args)
	args = append(args, now, id, orgID, version)
	res, err := tx.ExecContext(ctx, fmt.Sprintf(`UPDATE cases SET %s, updated_at = $%d, version = version + 1
		WHERE id = $%d AND org_id = $%d AND version = $%d`, strings.Join(sets, ", "), n+1, n+2, n+3, n+4), args...)
	if err != nil {
		return false, fmt.Errorf("update case: %w", err)
	}
	rows, err := res.RowsAffected()
	return rows == 1, err
}

// replaceLinks rewrites the assignees, involved units and documents of a case.
func replaceLinks(ctx context.Context, tx *sql.Tx, c *Case) error {
	for _, table := range []string{"case_assignees", "case_units", "case_documents"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE case_id = $1`, c.ID); err != nil {
			return fmt.Errorf("replace %s: %w", table, err)
		}
	}
	for _, p := range c.Assignees {
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_assignees (case_id, user_id) VALUES ($1, $2)`, c.ID, p.UserID); err != nil {
			return fmt.Errorf("assign: %w", err)
		}
	}
	for _, u := range c.UnitIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_units (case_id, unit_id) VALUES ($1, $2)`, c.ID, u); err != nil {
			return fmt.Errorf("link unit: %w", err)
		}
	}
	for i, d := range c.Documents {
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_documents (case_id, position, symbol, issued_on, summary)
			VALUES ($1, $2, $3, $4, $5)`, c.ID, i+1, d.Symbol, d.IssuedOn, d.Summary); err != nil {
			return fmt.Errorf("link document: %w", err)
		}
	}
	return nil
}

// revisionColumns is the row a record version leaves in case_revisions.
var revisionColumns = []string{"case_id", "recorded_at", "recorded_by", "ref_code", "kind", "cat_corruption",
	"cat_economic", "cat_position", "cat_negative", "cat_other", "involves_leaders", "snapshot"}

func revisionValues(c *Case, at time.Time, by int64) ([]any, error) {
	snap, err := json.Marshal(recordSnapshot(c))
	if err != nil {
		return nil, err
	}
	return []any{c.ID, at, nullID(by), c.RefCode, c.Kind, c.In(Corruption), c.In(Economic), c.In(Position),
		c.In(NegativeConduct), c.In(OtherAffairs), c.Has(InvolvesLeaders), string(snap)}, nil
}

func insertRevision(ctx context.Context, tx *sql.Tx, c *Case, at time.Time, by int64) error {
	args, err := revisionValues(c, at, by)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO case_revisions (`+strings.Join(revisionColumns, ", ")+`) VALUES (`+
		placeholders(1, len(args))+`)`, args...)
	if err != nil {
		return fmt.Errorf("case revision: %w", err)
	}
	return nil
}

// eventColumns is an event row without its id.
var eventColumns = []string{"case_id", "org_id", "kind", "effective_on", "recorded_at", "recorded_by",
	"recorded_by_name", "level", "stage", "agency_id", "document_symbol", "suspects", "defendants",
	"amount_vnd", "area_m2", "corrects_event_id", "details"}

func eventValues(e *Event, orgID int64) ([]any, error) {
	details, err := json.Marshal(e.Details)
	if err != nil {
		return nil, err
	}
	return []any{e.CaseID, orgID, e.Kind, e.EffectiveOn, e.RecordedAt, nullID(e.RecordedBy), e.RecordedByName,
		e.Level, e.Stage, nullID(e.AgencyID), e.DocumentSymbol, nullInt(e.Suspects), nullInt(e.Defendants),
		e.AmountVND, e.AreaM2, nullID(e.CorrectsEventID), string(details)}, nil
}

func nullInt(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func insertEvent(ctx context.Context, tx *sql.Tx, e *Event, orgID int64) error {
	args, err := eventValues(e, orgID)
	if err != nil {
		return err
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO case_events (`+strings.Join(eventColumns, ", ")+`) VALUES (`+
		placeholders(1, len(args))+`) RETURNING id`, args...).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("insert case event: %w", err)
	}
	return nil
}

const eventSelect = `SELECT e.id, e.case_id, e.kind, e.effective_on, e.recorded_at, COALESCE(e.recorded_by, 0),
	e.recorded_by_name, e.level, e.stage, COALESCE(e.agency_id, 0), COALESCE(u.name, ''), e.document_symbol,
	e.suspects, e.defendants, e.amount_vnd, e.area_m2, COALESCE(e.corrects_event_id, 0), e.details
	FROM case_events e LEFT JOIN units u ON u.id = e.agency_id`

// loadEvents returns every event of a case (corrected ones too) in recording order.
func loadEvents(ctx context.Context, q store.Querier, caseID int64) ([]TimelineEntry, error) {
	rows, err := q.QueryContext(ctx, eventSelect+` WHERE e.case_id = $1 ORDER BY e.id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("load case events: %w", err)
	}
	defer rows.Close()
	var out []TimelineEntry
	for rows.Next() {
		var t TimelineEntry
		e := &t.Event
		var suspects, defendants sql.NullInt64
		var details string
		if err := rows.Scan(&e.ID, &e.CaseID, &e.Kind, &e.EffectiveOn, &e.RecordedAt, &e.RecordedBy,
			&e.RecordedByName, &e.Level, &e.Stage, &e.AgencyID, &t.AgencyName, &e.DocumentSymbol,
			&suspects, &defendants, &e.AmountVND, &e.AreaM2, &e.CorrectsEventID, &details); err != nil {
			return nil, err
		}
		e.RecordedAt = e.RecordedAt.UTC()
		if suspects.Valid {
			e.Suspects = intp(int(suspects.Int64))
		}
		if defendants.Valid {
			e.Defendants = intp(int(defendants.Int64))
		}
		if err := json.Unmarshal([]byte(details), &e.Details); err != nil {
			return nil, fmt.Errorf("case event %d: details: %w", e.ID, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// caseSelect reads a case row with its locality and agency names.
const caseSelect = `SELECT c.id, c.org_id, c.ref_code, c.kind, c.title, c.summary,
	c.cat_corruption, c.cat_economic, c.cat_position, c.cat_negative, c.cat_other, c.field,
	COALESCE(c.locality_id, 0), COALESCE(l.name, ''),
	c.involves_leaders, c.congress_personnel, c.public_concern, c.complex_prolonged, c.petty_corruption,
	c.classification, c.offence_class,
	c.opened_on, c.watch_level, c.watch_since, c.stage, c.stage_since, COALESCE(c.agency_id, 0), COALESCE(a.name, ''),
	c.deadline_status, c.due_on, c.due_limit_code, c.due_limit_from, c.due_start_on, c.due_extensions,
	c.suspects, c.defendants, c.damage_vnd, c.damage_m2, c.recovered_vnd, c.recovered_m2,
	c.urged_count, c.last_urged_on, c.meetings_count, c.last_event_on, c.created_at, c.updated_at, c.version
	FROM cases c LEFT JOIN units l ON l.id = c.locality_id LEFT JOIN units a ON a.id = c.agency_id`

func scanCase(rows interface{ Scan(...any) error }) (*Case, error) {
	var c Case
	var cats [5]bool
	var flags [5]bool
	s, d := &c.State, &c.Deadline
	err := rows.Scan(&c.ID, &c.OrgID, &c.RefCode, &c.Kind, &c.Title, &c.Summary,
		&cats[0], &cats[1], &cats[2], &cats[3], &cats[4], &c.Field, &c.LocalityID, &c.LocalityName,
		&flags[0], &flags[1], &flags[2], &flags[3], &flags[4], &c.Classification, &c.OffenceClass,
		&s.OpenedOn, &s.Level, &s.LevelSince, &s.Stage, &s.StageSince, &s.AgencyID, &c.AgencyName,
		&d.Status, &d.DueOn, &d.LimitCode, &d.LimitFrom, &d.Start, &d.Extensions,
		&s.Suspects, &s.Defendants, &s.DamageVND, &s.DamageM2, &s.RecoveredVND, &s.RecoveredM2,
		&s.Urged, &s.LastUrgedOn, &s.Meetings, &s.LastEventOn, &c.CreatedAt, &c.UpdatedAt, &c.Version)
	if err != nil {
		return nil, err
	}
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	for i, cat := range Categories {
		if cats[i] {
			c.Categories = append(c.Categories, cat)
		}
	}
	for i, f := range Flags {
		if flags[i] {
			c.Flags = append(c.Flags, f)
		}
	}
	return &c, nil
}

// loadCase reads one case of the organisation visible at the clearance,
// with its links; store.ErrNotFound otherwise.
func loadCase(ctx context.Context, q store.Querier, orgID int64, clearance access.Classification, id int64) (*Case, error) {
	row := q.QueryRowContext(ctx, caseSelect+` WHERE c.id = $1 AND c.org_id = $2 AND c.classification <= $3`,
		id, orgID, clearance)
	c, err := scanCase(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("load case: %w", err)
	}
	if err := loadLinks(ctx, q, []*Case{c}); err != nil {
		return nil, err
	}
	return c, nil
}

// loadLinks fills the assignees, involved units and documents of cases.
func loadLinks(ctx context.Context, q store.Querier, list []*Case) error {
	if len(list) == 0 {
		return nil
	}
	byID := make(map[int64]*Case, len(list))
	ids := make([]any, len(list))
	for i, c := range list {
		byID[c.ID], ids[i] = c, c.ID
	}
	in := placeholders(1, len(ids))
	rows, err := q.QueryContext(ctx, `SELECT a.case_id, a.user_id, u.full_name FROM case_assignees a
		JOIN users u ON u.id = a.user_id WHERE a.case_id IN (`+in+`) ORDER BY a.case_id, u.full_name, u.id`, ids...)
	if err != nil {
		return fmt.Errorf("load assignees: %w", err)
	}
	for rows.Next() {
		var caseID int64
		var p Person
		if err := rows.Scan(&caseID, &p.UserID, &p.FullName); err != nil {
			rows.Close()
			return err
		}
		byID[caseID].Assignees = append(byID[caseID].Assignees, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, `SELECT case_id, unit_id FROM case_units WHERE case_id IN (`+in+`) ORDER BY case_id, unit_id`, ids...)
	if err != nil {
		return fmt.Errorf("load case units: %w", err)
	}
	for rows.Next() {
		var caseID, unitID int64
		if err := rows.Scan(&caseID, &unitID); err != nil {
			rows.Close()
			return err
		}
		byID[caseID].UnitIDs = append(byID[caseID].UnitIDs, unitID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, `SELECT case_id, symbol, issued_on, summary FROM case_documents
		WHERE case_id IN (`+in+`) ORDER BY case_id, position`, ids...)
	if err != nil {
		return fmt.Errorf("load case documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var caseID int64
		var d DocumentRef
		if err := rows.Scan(&caseID, &d.Symbol, &d.IssuedOn, &d.Summary); err != nil {
			return err
		}
		byID[caseID].Documents = append(byID[caseID].Documents, d)
	}
	return rows.Err()
}

// unknownUnits returns the ids among ids that are not units of the organisation.
func unknownUnits(ctx context.Context, q store.Querier, orgID int64, ids []int64) ([]int64, error) {
	return missingIDs(ctx, q, `SELECT id FROM units WHERE org_id = $1 AND id IN (%s)`, orgID, ids)
}

// unassignable returns the ids among ids that are not active specialists or
// leaders of the organisation.
func unassignable(ctx context.Context, q store.Querier, orgID int64, ids []int64) ([]int64, error) {
	return missingIDs(ctx, q, `SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.org_id = $1 AND m.role IN ('specialist', 'leader') AND u.disabled_at IS NULL AND m.user_id IN (%s)`, orgID, ids)
}

func missingIDs(ctx context.Context, q store.Querier, query string, orgID int64, ids []int64) ([]int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := []any{orgID}
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err := q.QueryContext(ctx, fmt.Sprintf(query, placeholders(2, len(ids))), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	found := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		found[id] = true
	}
	var missing []int64
	for _, id := range ids {
		if !found[id] {
			missing = append(missing, id)
		}
	}
	return missing, rows.Err()
}

// personNames returns the full names of users.
func personNames(ctx context.Context, q store.Querier, ids []int64) ([]Person, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := q.QueryContext(ctx, `SELECT id, full_name FROM users WHERE id IN (`+placeholders(1, len(ids))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Person
	for rows.Next() {
		var p Person
		if err := rows.Scan(&p.UserID, &p.FullName); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b Person) int { return vntext.Compare(a.FullName, b.FullName) })
	return out, rows.Err()
}

// nextRefCode is the next free reference of the form PREFIX-YEAR-NNN.
func nextRefCode(ctx context.Context, q store.Querier, orgID int64, kind Kind, opened civil.Date) (string, error) {
	prefix := "VA"
	if kind == Matter {
		prefix = "VV"
	}
	head := fmt.Sprintf("%s-%d-", prefix, opened.Year)
	rows, err := q.QueryContext(ctx, `SELECT ref_code FROM cases WHERE org_id = $1 AND ref_code LIKE $2`, orgID, head+"%")
	if err != nil {
		return "", err
	}
	defer rows.Close()
	last := 0
	for rows.Next() {
		var ref string
		if err := rows.Scan(&ref); err != nil {
			return "", err
		}
		var n int
		if _, err := fmt.Sscanf(strings.TrimPrefix(ref, head), "%d", &n); err == nil && n > last {
			last = n
		}
	}
	return fmt.Sprintf("%s%03d", head, last+1), rows.Err()
}

// recordSnapshot is the audited and revisioned form of a case's own fields.
func recordSnapshot(c *Case) map[string]any {
	assignees := make([]int64, len(c.Assignees))
	for i, p := range c.Assignees {
		assignees[i] = p.UserID
	}
	return map[string]any{
		"ref_code": c.RefCode, "kind": c.Kind, "title": c.Title, "summary": c.Summary,
		"categories": c.Categories, "field": c.Field, "locality_id": c.LocalityID, "unit_ids": c.UnitIDs,
		"flags": c.Flags, "classification": c.Classification, "offence_class": c.OffenceClass,
		"assignee_ids": assignees, "documents": c.Documents,
	}
}
