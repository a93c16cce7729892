package cases

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/config"
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
	if errs := checkFiguresQuery(q); len(errs) > 0 {
		return nil, errs
	}
	var f *Figures
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		f, err = s.figuresOf(ctx, tx, actor.OrgID, actor.Clearance, q)
		return err
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// checkFiguresQuery reports a period that is not one.
func checkFiguresQuery(q FiguresQuery) validate.Errors {
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
	return errs
}

// figuresOf computes the figures of one organisation at a clearance, inside
// a read transaction.
func (s *Service) figuresOf(ctx context.Context, tx *sql.Tx, orgID int64, clearance access.Classification, q FiguresQuery) (*Figures, error) {
	in := figureInput{period: q.Period}
	periodEnd := startOfDay(q.Period.To.AddDays(1))
	org, err := orgs.ByID(ctx, tx, orgID)
	if err != nil {
		return nil, err
	}
	r := figureReader{tx: tx, orgID: orgID, clearance: clearance, cut: q.AsRecordedAt,
		periodEnd: periodEnd, sqlite: s.db.Engine() == config.SQLite}
	if in.facts, err = r.facts(ctx); err != nil {
		return nil, err
	}
	replaced, err := r.corrected(ctx)
	if err != nil {
		return nil, err
	}
	if in.watch, err = r.events(ctx, watchRows, []EventKind{WatchAdded, LevelChanged, WatchRemoved}, civil.Date{}, q.Period.To, replaced); err != nil {
		return nil, err
	}
	if in.progress, err = r.events(ctx, progressRows, []EventKind{StageChanged, SuspectsAdded, Urged, Meeting, WrongfulConviction},
		q.Period.From, q.Period.To, replaced); err != nil {
		return nil, err
	}
	if in.assets, err = r.events(ctx, assetRows, []EventKind{DamageAssessed, AssetsRecovered}, civil.Date{}, q.Period.To, replaced); err != nil {
		return nil, err
	}
	if in.late, err = r.lateCorrections(ctx, q.Period, periodEnd); err != nil {
		return nil, err
	}
	f := computeFigures(in)
	f.OrgID, f.OrgName, f.Clearance = org.ID, org.Name, clearance.Code()
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
	periodEnd time.Time // rows recorded after it are late entries
	// sqlite: read dates as text. The SQLite driver turns a DATE column
	// into a time.Time by parsing it, which was a third of the figures'
	// time on national data; civil.Date reads the ISO text directly.
	sqlite bool
}

// day is the expression reading a DATE column for civil.Date.
func (r figureReader) day(col string) string {
	if r.sqlite {
		return "CAST(" + col + " AS TEXT)"
	}
	return col
}

// facts classifies every visible case: as it is now, or as its latest
// revision recorded by the cut-off classified it (a case recorded after the
// cut-off does not exist yet).
func (r figureReader) facts(ctx context.Context) (map[int64]*caseFacts, error) {
	// The categories and the leaders flag as one number: fewer columns to
	// decode for each of thousands of cases.
	mask := func(t string) string {
		return fmt.Sprintf(`(CASE WHEN %[1]s.cat_corruption THEN 1 ELSE 0 END) + (CASE WHEN %[1]s.cat_economic THEN 2 ELSE 0 END)
			+ (CASE WHEN %[1]s.cat_position THEN 4 ELSE 0 END) + (CASE WHEN %[1]s.cat_negative THEN 8 ELSE 0 END)
			+ (CASE WHEN %[1]s.cat_other THEN 16 ELSE 0 END) + (CASE WHEN %[1]s.involves_leaders THEN 32 ELSE 0 END)`, t)
	}
	query := `SELECT c.id, c.ref_code, c.kind, ` + mask("c") + ` FROM cases c WHERE c.org_id = $1 AND c.classification <= $2`
	args := []any{r.orgID, r.clearance}
	if !r.cut.IsZero() {
		query = `SELECT c.id, v.ref_code, v.kind, ` + mask("v") + ` FROM cases c JOIN case_revisions v ON v.case_id = c.id
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
		var ref CaseRef
		var bits int
		if err := rows.Scan(&ref.ID, &ref.Ref, &ref.Kind, &bits); err != nil {
			return nil, err
		}
		var cats []Category
		for i, c := range Categories {
			if bits&(1<<i) != 0 {
				cats = append(cats, c)
			}
		}
		out[ref.ID] = newCaseFacts(ref, cats, bits&32 != 0)
	}
	return out, rows.Err()
}

// corrected returns the events of the organisation that a correction or a
// retraction (recorded by the cut-off) replaced: they no longer count.
func (r figureReader) corrected(ctx context.Context) (map[int64]bool, error) {
	query := `SELECT corrects_event_id FROM case_events WHERE org_id = $1 AND corrects_event_id IS NOT NULL`
	args := []any{r.orgID}
	if !r.cut.IsZero() {
		query += ` AND recorded_at <= $2`
		args = append(args, r.cut.UTC())
	}
	rows, err := r.tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("figures: corrections: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// The columns each set of figure rows needs (fewer columns, less decoding).
type rowShape int

const (
	watchRows rowShape = iota
	progressRows
	assetRows
)

// events reads the events of some kinds dated in [from, to] (from zero:
// since the beginning) and recorded by the cut-off, without those in
// replaced. Cases are not joined and rows are not sorted: the caller keeps
// the rows of the cases it counts (within clearance) and orders them, so
// the query reads the case_events_figures index alone.
func (r figureReader) events(ctx context.Context, shape rowShape, kinds []EventKind, from, to civil.Date, replaced map[int64]bool) ([]factRow, error) {
	args := []any{r.orgID, to, r.periodEnd}
	marks := make([]string, len(kinds))
	for i, k := range kinds {
		args = append(args, k)
		marks[i] = fmt.Sprintf("$%d", len(args))
	}
	conds := []string{"e.org_id = $1", "e.effective_on <= $2", "e.kind IN (" + strings.Join(marks, ", ") + ")"}
	if !from.IsZero() {
		args = append(args, from)
		conds = append(conds, fmt.Sprintf("e.effective_on >= $%d", len(args)))
	}
	if !r.cut.IsZero() {
		args = append(args, r.cut.UTC())
		conds = append(conds, fmt.Sprintf("e.recorded_at <= $%d", len(args)))
	}
	extra := map[rowShape]string{watchRows: "e.level", progressRows: "e.stage, COALESCE(e.suspects, 0), COALESCE(e.defendants, 0)",
		assetRows: "e.amount_vnd, e.area_m2"}[shape]
	rows, err := r.tx.QueryContext(ctx, `SELECT e.case_id, e.id, e.kind, `+r.day("e.effective_on")+`,
		CASE WHEN e.recorded_at > $3 THEN 1 ELSE 0 END, `+extra+`
		FROM case_events e WHERE `+strings.Join(conds, " AND "), args...)
	if err != nil {
		return nil, fmt.Errorf("figures: events: %w", err)
	}
	defer rows.Close()
	var out []factRow
	for rows.Next() {
		var f factRow
		var late int
		dest := []any{&f.CaseID, &f.ID, &f.Kind, &f.On, &late}
		switch shape {
		case watchRows:
			dest = append(dest, &f.Level)
		case progressRows:
			dest = append(dest, &f.Stage, &f.Suspects, &f.Defendants)
		case assetRows:
			dest = append(dest, &f.AmountVND, &f.AreaM2)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		f.EnteredLate = late == 1
		if !replaced[f.ID] {
			out = append(out, f)
		}
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
