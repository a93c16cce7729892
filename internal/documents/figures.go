package documents

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// Figure is a count with what lies behind it: the documents' IDs and the
// list filter that shows them with paging and sorting.
type Figure struct {
	Count       int
	DocumentIDs []int64
	Filter      Filter
}

func (f *Figure) add(id int64) {
	f.Count++
	f.DocumentIDs = append(f.DocumentIDs, id)
}

// FieldFigure is a figure for one field of work.
type FieldFigure struct {
	Field Field
	Figure
}

// KindFigure is a figure for one document kind.
type KindFigure struct {
	Kind string
	Figure
}

// AdvisedFigures are the documents advised by the Committee and issued in a
// period: in total, by field (a document of two fields counts in both, one
// of none in neither) and by kind.
type AdvisedFigures struct {
	Period  civil.Range
	Total   Figure
	ByField []FieldFigure // every field, in display order, zero counts included
	ByKind  []KindFigure  // the kinds that occur, in display order
}

// advisedRow is one advised document as figures need it.
type advisedRow struct {
	OrgID  int64
	ID     int64
	Kind   string
	Fields []Field
}

func checkPeriod(period civil.Range) error {
	if !period.Valid() {
		return validate.Errors{{Field: "period", Key: "documents.error.invalid_period"}}
	}
	return nil
}

// Advised returns the figures of the documents the Committee advised that
// were issued in the period, counted within the actor's clearance.
func (s *Service) Advised(ctx context.Context, period civil.Range) (AdvisedFigures, error) {
	actor, err := access.Check(ctx, access.ReportsRead)
	if err != nil {
		return AdvisedFigures{}, err
	}
	if err := checkPeriod(period); err != nil {
		return AdvisedFigures{}, err
	}
	var rows []advisedRow
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		rows, err = advisedRows(ctx, tx, `d.org_id = $1`, actor.OrgID, actor.Clearance, period)
		return err
	})
	if err != nil {
		return AdvisedFigures{}, err
	}
	return advisedFigures(period, rows), nil
}

// advisedFigures counts rows (pure, so the counting rules are tested alone).
func advisedFigures(period civil.Range, rows []advisedRow) AdvisedFigures {
	yes := true
	base := Filter{Advised: &yes, Issued: period}
	f := AdvisedFigures{Period: period, Total: Figure{Filter: base, DocumentIDs: []int64{}}}
	for _, field := range Fields {
		fl := base
		fl.Field = field
		f.ByField = append(f.ByField, FieldFigure{Field: field, Figure: Figure{Filter: fl, DocumentIDs: []int64{}}})
	}
	kinds := map[string]int{}
	for _, r := range rows {
		f.Total.add(r.ID)
		for i := range f.ByField {
			if slices.Contains(r.Fields, f.ByField[i].Field) {
				f.ByField[i].add(r.ID)
			}
		}
		i, ok := kinds[r.Kind]
		if !ok {
			fl := base
			fl.Kind = r.Kind
			i = len(f.ByKind)
			kinds[r.Kind] = i
			f.ByKind = append(f.ByKind, KindFigure{Kind: r.Kind, Figure: Figure{Filter: fl}})
		}
		f.ByKind[i].add(r.ID)
	}
	slices.SortFunc(f.ByKind, func(a, b KindFigure) int { return kindRank(a.Kind) - kindRank(b.Kind) })
	return f
}

// Counts are figures without the records behind them, for the central
// committee, which sees the provinces' figures but not their documents.
type Counts struct {
	Total   int
	ByField map[Field]int
	ByKind  map[string]int
}

// ProvinceCounts are one provincial organisation's counts.
type ProvinceCounts struct {
	OrgID  int64
	Code   string
	Name   string
	Counts Counts
}

// ConsolidatedAdvised is the central view of AdvisedFigures: per province
// and in total, counts only (seed 003's "952 văn bản chỉ đạo" is such a total).
type ConsolidatedAdvised struct {
	Period    civil.Range
	Total     Counts
	Provinces []ProvinceCounts // every organisation under the central one, by name
}

func newCounts() Counts { return Counts{ByField: map[Field]int{}, ByKind: map[string]int{}} }

func (c *Counts) add(r advisedRow) {
	c.Total++
	for _, f := range r.Fields {
		c.ByField[f]++
	}
	c.ByKind[r.Kind]++
}

// AdvisedConsolidated returns the advised-documents counts of every
// organisation under the actor's (central) organisation.
func (s *Service) AdvisedConsolidated(ctx context.Context, period civil.Range) (ConsolidatedAdvised, error) {
	actor, err := access.Check(ctx, access.ConsolidatedRead)
	if err != nil {
		return ConsolidatedAdvised{}, err
	}
	if err := checkPeriod(period); err != nil {
		return ConsolidatedAdvised{}, err
	}
	out := ConsolidatedAdvised{Period: period, Total: newCounts()}
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		org, err := loadOrg(ctx, tx, actor.OrgID)
		if err != nil {
			return err
		}
		if org.Kind != "central" {
			return fmt.Errorf("%w: consolidated figures are for the central organisation", access.ErrForbidden)
		}
		children, err := childOrgs(ctx, tx, org.ID)
		if err != nil {
			return err
		}
		index := map[int64]int{}
		for _, c := range children {
			index[c.OrgID] = len(out.Provinces)
			c.Counts = newCounts()
			out.Provinces = append(out.Provinces, c)
		}
		rows, err := advisedRows(ctx, tx, `d.org_id IN (SELECT id FROM orgs WHERE parent_id = $1)`, org.ID,
			actor.Clearance, period)
		if err != nil {
			return err
		}
		for _, r := range rows {
			out.Provinces[index[r.OrgID]].Counts.add(r)
			out.Total.add(r)
		}
		return nil
	})
	if err != nil {
		return ConsolidatedAdvised{}, err
	}
	vntext.SortFunc(out.Provinces, func(p ProvinceCounts) string { return p.Name })
	return out, nil
}

// advisedRows reads the advised documents issued in the period that scope
// (an SQL condition on d with the parameter $1) selects, within clearance.
func advisedRows(ctx context.Context, q store.Querier, scope string, scopeArg any, clearance access.Classification, period civil.Range) ([]advisedRow, error) {
	rows, err := q.QueryContext(ctx, `SELECT d.org_id, d.id, d.kind, d.field_internal_affairs, d.field_anticorruption,
		d.field_judicial_reform FROM documents d
		WHERE `+scope+` AND d.advised_by_committee = TRUE AND d.issued_on >= $2 AND d.issued_on <= $3
		AND `+within("d.classification", "$4")+` ORDER BY d.issued_on, d.id`, scopeArg, period.From, period.To, clearance)
	if err != nil {
		return nil, fmt.Errorf("advised documents: %w", err)
	}
	defer rows.Close()
	var out []advisedRow
	for rows.Next() {
		var r advisedRow
		var fia, fac, fjr bool
		if err := rows.Scan(&r.OrgID, &r.ID, &r.Kind, &fia, &fac, &fjr); err != nil {
			return nil, err
		}
		r.Fields = fieldsOf(fia, fac, fjr)
		out = append(out, r)
	}
	return out, rows.Err()
}

// childOrgs lists the organisations under a central one.
func childOrgs(ctx context.Context, q store.Querier, parentID int64) ([]ProvinceCounts, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, code, name FROM orgs WHERE parent_id = $1 ORDER BY id`, parentID)
	if err != nil {
		return nil, fmt.Errorf("list provinces: %w", err)
	}
	defer rows.Close()
	var out []ProvinceCounts
	for rows.Next() {
		var p ProvinceCounts
		if err := rows.Scan(&p.OrgID, &p.Code, &p.Name); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
