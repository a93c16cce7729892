package cases

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/orgs"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// FiguresQuery asks for the figures of a period.
type FiguresQuery struct {
	Period civil.Range
	// AsRecordedAt, when set, counts only what had been recorded by then
	// (frozen reports reproduce themselves with it).
	AsRecordedAt time.Time
}

// Figures computes the period figures of the actor's organisation from the
// case events, counting only cases within the actor's clearance. All the
// queries read one snapshot.
func (s *Service) Figures(ctx context.Context, q FiguresQuery) (*Figures, error) {
	actor, err := access.Check(ctx, access.CasesRead)
	if err != nil {
		return nil, err
	}
	var errs validate.Errors
	if !q.Period.From.Valid() {
		errs.Add("from", "error.invalid_date", nil)
	}
	if !q.Period.To.Valid() {
		errs.Add("to", "error.invalid_date", nil)
	}
	if len(errs) == 0 && q.Period.To.Before(q.Period.From) {
		errs.Add("to", "error.date_order", map[string]any{"other": vntext.Date(q.Period.From)})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	in := figureInput{period: q.Period, periodEnd: startOfDay(q.Period.To.AddDays(1))}
	var org orgs.Org
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		if org, err = orgs.ByID(ctx, tx, actor.OrgID); err != nil {
			return err
		}
		r := figureReader{tx: tx, orgID: actor.OrgID, clearance: actor.Clearance, cut: q.AsRecordedAt}
		if in.facts, err = r.facts(ctx); err != nil {
			return err
		}
		if in.watch, err = r.events(ctx, []EventKind{WatchAdded, LevelChanged, WatchRemoved}, civil.Date{}, q.Period.To, true); err != nil {
			return err
		}
		if in.progress, err = r.events(ctx, []EventKind{StageChanged, SuspectsAdded, Urged, Meeting, WrongfulConviction},
			q.Period.From, q.Period.To, false); err != nil {
			return err
		}
		if in.assets, err = r.events(ctx, []EventKind{DamageAssessed, AssetsRecovered}, civil.Date{}, q.Period.To, true); err != nil {
			return err
		}
		in.late, err = r.lateCorrections(ctx, q.Period, in.periodEnd)
		return err
	})
	if err != nil {
		return nil, err
	}
	f := computeFigures(in)
	f.OrgID, f.OrgName, f.Clearance = org.ID, org.Name, actor.Clearance.Code()
	if !q.AsRecordedAt.IsZero() {
		at := q.AsRecordedAt.UTC()
		f.AsRecordedAt = &at
	}
	return f, nil
}

// startOfDay is the first moment of day d in Vietnam, in UTC.
func startOfDay(d civil.Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, civil.Zone).UTC()
}

// figureReader runs the figures' queries for one organisation and clearance,
// optionally as recorded at a moment.
type figureReader struct {
	tx        *sql.Tx
	orgID     int64
	clearance access.Classification
	cut       time.Time
}

// facts classifies every visible case: as it is now, or as its latest
// revision recorded by the cut-off classified it (a case recorded after the
// cut-off does not exist yet).
func (r figureReader) facts(ctx context.Context) (map[int64]*caseFacts, error) {
	query := `SELECT c.id, c.ref_code, c.kind, c.title, c.cat_corruption, c.cat_economic, c.cat_position,
		c.cat_negative, c.cat_other, c.involves_leaders FROM cases c WHERE c.org_id = $1 AND c.classification <= $2`
	args := []any{r.orgID, r.clearance}
	if !r.cut.IsZero() {
		query = `SELECT c.id, v.ref_code, v.kind, c.title, v.cat_corruption, v.cat_economic, v.cat_position,
			v.cat_negative, v.cat_other, v.involves_leaders
			FROM cases c JOIN case_revisions v ON v.case_id = c.id
			WHERE c.org_id = $1 AND c.classification <= $2 AND v.recorded_at <= $3
			AND NOT EXISTS (SELECT 1 FROM case_revisions w WHERE w.case_id = v.case_id AND w.recorded_at <= $3 AND w.id > v.id)`
		args = append(args, r.cut.UTC())
	}
	rows, err := r.tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("figures: cases: %w", err)
	}
	defer rows.Close()
	out := map[int64]*caseFacts{}
	for rows.Next() {
		var f caseFacts
		var cats [5]bool
		if err := rows.Scan(&f.ref.ID, &f.ref.Ref, &f.ref.Kind, &f.ref.Title, &cats[0], &cats[1], &cats[2], &cats[3],
			&cats[4], &f.leaders); err != nil {
			return nil, err
		}
		var list []Category
		for i, c := range Categories {
			if cats[i] {
				list = append(list, c)
			}
		}
		f.groups = groupsOf(list)
		out[f.ref.ID] = &f
	}
	return out, rows.Err()
}

// live is the condition that an event e counts: not corrected or retracted
// (by the cut-off), and recorded (by the cut-off). It uses the parameter
// $cutParam when there is a cut-off.
func (r figureReader) live(cutParam int) string {
	if r.cut.IsZero() {
		return `NOT EXISTS (SELECT 1 FROM case_events x WHERE x.corrects_event_id = e.id)`
	}
	return fmt.Sprintf(`e.recorded_at <= $%d AND NOT EXISTS (SELECT 1 FROM case_events x
		WHERE x.corrects_event_id = e.id AND x.recorded_at <= $%d)`, cutParam, cutParam)
}

// events reads the live events of some kinds dated in [from, to] (from
// zero: since the beginning), ordered by case, date and recording order.
func (r figureReader) events(ctx context.Context, kinds []EventKind, from, to civil.Date, byCase bool) ([]factRow, error) {
	args := []any{r.orgID, r.clearance, to}
	marks := make([]string, len(kinds))
	for i, k := range kinds {
		args = append(args, k)
		marks[i] = fmt.Sprintf("$%d", len(args))
	}
	conds := []string{"e.org_id = $1", "c.classification <= $2", "e.effective_on <= $3",
		"e.kind IN (" + strings.Join(marks, ", ") + ")"}
	if !from.IsZero() {
		args = append(args, from)
		conds = append(conds, fmt.Sprintf("e.effective_on >= $%d", len(args)))
	}
	if !r.cut.IsZero() {
		args = append(args, r.cut.UTC())
	}
	conds = append(conds, r.live(len(args)))
	order := "e.effective_on, e.id"
	if byCase {
		order = "e.case_id, " + order
	}
	rows, err := r.tx.QueryContext(ctx, `SELECT e.case_id, e.id, e.kind, e.effective_on, e.recorded_at, e.level, e.stage,
		COALESCE(e.suspects, 0), COALESCE(e.defendants, 0), e.amount_vnd, e.area_m2
		FROM case_events e JOIN cases c ON c.id = e.case_id
		WHERE `+strings.Join(conds, " AND ")+` ORDER BY `+order, args...)
	if err != nil {
		return nil, fmt.Errorf("figures: events: %w", err)
	}
	defer rows.Close()
	var out []factRow
	for rows.Next() {
		var f factRow
		if err := rows.Scan(&f.CaseID, &f.ID, &f.Kind, &f.On, &f.RecordedAt, &f.Level, &f.Stage, &f.Suspects,
			&f.Defendants, &f.AmountVND, &f.AreaM2); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// lateCorrections lists the cases where an event dated in the period was
// corrected or retracted after the period ended (and by the cut-off).
func (r figureReader) lateCorrections(ctx context.Context, period civil.Range, end time.Time) ([]int64, error) {
	args := []any{r.orgID, r.clearance, period.From, period.To, end}
	query := `SELECT DISTINCT e.case_id FROM case_events e
		JOIN case_events x ON x.id = e.corrects_event_id JOIN cases c ON c.id = e.case_id
		WHERE e.corrects_event_id > 0 AND e.org_id = $1 AND c.classification <= $2
		AND x.effective_on >= $3 AND x.effective_on <= $4 AND e.recorded_at > $5`
	if !r.cut.IsZero() {
		args = append(args, r.cut.UTC())
		query += ` AND e.recorded_at <= $6`
	}
	rows, err := r.tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("figures: late corrections: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
