package cases

import (
	"context"
	"database/sql"
	"fmt"

	"noichinh/internal/access"
	"noichinh/internal/orgs"
	"noichinh/internal/vntext"
)

// Views of the period figures for the readers who may not see the records
// behind them: counts only (an administrator, who holds reports.read but not
// cases.read) and the central committee's consolidation over the provinces
// under it. Both are the same Figures, computed by the same code, with the
// case ids, references and names taken out.

// Measures lists the watch-table measures by their JSON keys, in display order.
var Measures = []string{"carried_over", "added", "removed", "at_end", "followed"}

// WatchLevels lists the columns of the watch table: each level, then "any".
var WatchLevels = []string{string(Monitored), string(Directed), AnyLevel}

// ProgressKeys lists the progress figures by their JSON keys, in display order.
var ProgressKeys = []string{"prosecuted", "extra_suspects", "resumed", "investigation_concluded",
	"returned_for_investigation", "indicted", "first_instance_tried", "appeal_tried", "suspended", "closed",
	"urged", "meetings"}

// Measure returns one measure of a cell by its JSON key.
func (c *WatchCell) Measure(key string) *Figure {
	switch key {
	case "carried_over":
		return &c.CarriedOver
	case "added":
		return &c.Added
	case "removed":
		return &c.Removed
	case "at_end":
		return &c.AtEnd
	case "followed":
		return &c.Followed
	}
	return nil
}

// Step returns a progress figure by its JSON key, with its count of people
// (suspects, defendants) or of events (urgings, meetings) when it has one:
// unit is "suspects", "defendants", "events" or "".
func (p *Progress) Step(key string) (fig *Figure, extra int, unit string) {
	switch key {
	case "prosecuted":
		return &p.Prosecuted.Figure, p.Prosecuted.Persons, "suspects"
	case "extra_suspects":
		return &p.ExtraSuspects.Figure, p.ExtraSuspects.Persons, "suspects"
	case "resumed":
		return &p.Resumed, 0, ""
	case "investigation_concluded":
		return &p.InvestigationConcluded, 0, ""
	case "returned_for_investigation":
		return &p.ReturnedForInvestigation, 0, ""
	case "indicted":
		return &p.Indicted.Figure, p.Indicted.Persons, "suspects"
	case "first_instance_tried":
		return &p.FirstInstanceTried.Figure, p.FirstInstanceTried.Persons, "defendants"
	case "appeal_tried":
		return &p.AppealTried.Figure, p.AppealTried.Persons, "defendants"
	case "suspended":
		return &p.Suspended, 0, ""
	case "closed":
		return &p.Closed, 0, ""
	case "urged":
		return &p.Urged.Figure, p.Urged.Events, "events"
	case "meetings":
		return &p.Meetings.Figure, p.Meetings.Events, "events"
	}
	return nil, 0, ""
}

// addExtra adds n people or events to the progress figure key.
func (p *Progress) addExtra(key string, n int) {
	switch key {
	case "prosecuted":
		p.Prosecuted.Persons += n
	case "extra_suspects":
		p.ExtraSuspects.Persons += n
	case "indicted":
		p.Indicted.Persons += n
	case "first_instance_tried":
		p.FirstInstanceTried.Persons += n
	case "appeal_tried":
		p.AppealTried.Persons += n
	case "urged":
		p.Urged.Events += n
	case "meetings":
		p.Meetings.Events += n
	}
}

// Each calls fn with every figure and its key, the JSON path of the figure
// in the report ("watch.directed.corruption.added", "progress.urged",
// "assets.cases", "wrongful_convictions", "late_entries").
func (f *Figures) Each(fn func(key string, fig *Figure)) {
	for _, t := range []struct {
		name  string
		table WatchTable
	}{{"watch", f.Watch}, {"watch_involving_leaders", f.WatchInvolvingLeaders}} {
		for _, level := range WatchLevels {
			for _, g := range Groups {
				cell := t.table.Cell(level, g)
				if cell == nil {
					continue
				}
				for _, m := range Measures {
					fn(t.name+"."+level+"."+string(g)+"."+m, cell.Measure(m))
				}
			}
		}
	}
	for _, k := range ProgressKeys {
		fig, _, _ := f.Progress.Step(k)
		fn("progress."+k, fig)
	}
	fn("assets.cases", &f.Assets.Cases)
	fn("wrongful_convictions", &f.WrongfulConvictions)
	fn("late_entries", &f.LateEntries)
}

// Lookup returns the figure with key (see Each).
func (f *Figures) Lookup(key string) (*Figure, bool) {
	var found *Figure
	f.Each(func(k string, fig *Figure) {
		if k == key {
			found = fig
		}
	})
	return found, found != nil
}

// ValidFigureKey reports whether key names a figure (see Each).
func ValidFigureKey(key string) bool {
	_, ok := computeFigures(figureInput{}).Lookup(key)
	return ok
}

// Report is the figures' report prose (Narrative). Counts-only figures
// keep the prose written before their cases were taken out, which names
// "vụ án" and "vụ việc" after the cases' kinds.
func (f *Figures) Report() string {
	if f.narrative != "" {
		return f.narrative
	}
	return Narrative(f)
}

// stripRecords leaves the counts only: no case ids, references or names.
func (f *Figures) stripRecords() {
	f.narrative = Narrative(f)
	f.Each(func(_ string, fig *Figure) { fig.CaseIDs, fig.Refs = []int64{}, []string{} })
	f.Cases, f.caseByID = []CaseRef{}, map[int64]int{}
	f.CountsOnly = true
}

// merge adds src's figures to f: the organisations' cases are distinct, so
// counts add up, and so do people, events and amounts.
func (f *Figures) merge(src *Figures) {
	var from []*Figure
	src.Each(func(_ string, fig *Figure) { from = append(from, fig) })
	i := 0
	f.Each(func(_ string, fig *Figure) {
		s := from[i]
		i++
		fig.Count += s.Count
		fig.CaseIDs = append(fig.CaseIDs, s.CaseIDs...)
		fig.Refs = append(fig.Refs, s.Refs...)
	})
	for _, k := range ProgressKeys {
		_, n, _ := src.Progress.Step(k)
		f.Progress.addExtra(k, n)
	}
	a, b := &f.Assets, &src.Assets
	a.DamageVND += b.DamageVND
	a.DamageM2 += b.DamageM2
	a.RecoveredVND += b.RecoveredVND
	a.RecoveredM2 += b.RecoveredM2
	a.RecoveredToDateVND += b.RecoveredToDateVND
	a.RecoveredToDateM2 += b.RecoveredToDateM2
	a.RecoveryRateVND = rate(float64(a.RecoveredToDateVND), float64(a.DamageVND))
	a.RecoveryRateM2 = rate(a.RecoveredToDateM2, a.DamageM2)
	if f.caseByID == nil {
		f.caseByID = map[int64]int{}
	}
	for _, c := range src.Cases {
		f.caseByID[c.ID] = len(f.Cases)
		f.Cases = append(f.Cases, c)
	}
}

// FigureCounts computes the period figures of the actor's organisation for
// a reader of reports who may not see the cases (reports.read without
// cases.read): the same numbers as Figures at the actor's clearance, with
// no case ids, references or names (CountsOnly).
func (s *Service) FigureCounts(ctx context.Context, q FiguresQuery) (*Figures, error) {
	actor, err := access.Check(ctx, access.ReportsRead)
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
	f.stripRecords()
	return f, nil
}

// OrgFigures are one organisation's figures in a consolidation (counts only).
type OrgFigures struct {
	OrgID   int64    `json:"org_id"`
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Figures *Figures `json:"figures"`
}

// Consolidated are the figures of every organisation under the central
// committee, and their sum, counts only: the central committee sees the
// provinces' figures, never their records.
type Consolidated struct {
	OrgID     int64      `json:"org_id"`
	OrgName   string     `json:"org_name"`
	Period    PeriodJSON `json:"period"`
	Clearance string     `json:"clearance"`
	// Total sums every organisation's figures; Narrative is its report prose.
	Total     *Figures     `json:"total"`
	Narrative string       `json:"narrative"`
	Orgs      []OrgFigures `json:"orgs"` // by name
}

// ConsolidatedName stands for the organisations summed in the narrative.
const ConsolidatedName = "Ban Nội chính các tỉnh ủy, thành ủy"

// ConsolidatedFigures computes the figures of every organisation under the
// actor's central organisation, at the actor's clearance, in one snapshot.
// Outside a central organisation it is access.ErrForbidden.
func (s *Service) ConsolidatedFigures(ctx context.Context, q FiguresQuery) (*Consolidated, error) {
	actor, err := access.Check(ctx, access.ConsolidatedRead)
	if err != nil {
		return nil, err
	}
	if errs := checkFiguresQuery(q); len(errs) > 0 {
		return nil, errs
	}
	out := &Consolidated{Period: PeriodJSON{From: q.Period.From, To: q.Period.To}, Clearance: actor.Clearance.Code(),
		Orgs: []OrgFigures{}}
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		org, err := orgs.ByID(ctx, tx, actor.OrgID)
		if err != nil {
			return err
		}
		if org.Kind != orgs.Central {
			return fmt.Errorf("%w: consolidated figures are for the central organisation", access.ErrForbidden)
		}
		out.OrgID, out.OrgName = org.ID, org.Name
		all, err := orgs.List(ctx, tx)
		if err != nil {
			return err
		}
		total := computeFigures(figureInput{period: q.Period})
		for _, child := range all {
			if child.ParentID != org.ID {
				continue
			}
			f, err := s.figuresOf(ctx, tx, child.ID, actor.Clearance, q)
			if err != nil {
				return err
			}
			total.merge(f)
			f.stripRecords()
			out.Orgs = append(out.Orgs, OrgFigures{OrgID: child.ID, Code: child.Code, Name: child.Name, Figures: f})
		}
		total.OrgID, total.OrgName, total.Clearance = org.ID, ConsolidatedName, actor.Clearance.Code()
		total.stripRecords()
		out.Narrative = total.Report()
		out.Total = total
		return nil
	})
	if err != nil {
		return nil, err
	}
	vntext.SortFunc(out.Orgs, func(o OrgFigures) string { return o.Name })
	return out, nil
}
