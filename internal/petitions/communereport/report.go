// Package communereport keeps the monthly reception and petition reports
// that every commune and ward Party secretary sends to the provincial Ban
// Nội chính since Kết luận 215-KL/TW: a clerk of each commune or ward
// office submits its unit's figures by form or XLSX upload and may correct
// them until the Committee locks the month; the Committee sees who has not
// reported and the province's consolidated figures.
package communereport

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// Month is a calendar month, written "2026-02" in JSON and the database.
type Month struct {
	Year  int
	Month time.Month
}

// ParseMonth reads a month as people write it: "02/2026", "2/2026",
// "tháng 2/2026", "2026-02".
func ParseMonth(s string) (Month, error) {
	y, m, err := vntext.ParseMonth(s)
	return Month{y, m}, err
}

// MonthOf is the month of a day.
func MonthOf(d civil.Date) Month { return Month{d.Year, d.Month} }

func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// First is the month's first day; Last its last.
func (m Month) First() civil.Date { return civil.Date{Year: m.Year, Month: m.Month, Day: 1} }
func (m Month) Last() civil.Date {
	return civil.Date{Year: m.Year, Month: m.Month, Day: civil.DaysIn(m.Year, m.Month)}
}

// Next is the following month.
func (m Month) Next() Month { return MonthOf(m.Last().AddDays(1)) }

// IsZero reports whether m is unset.
func (m Month) IsZero() bool { return m == Month{} }

func (m Month) valid() bool { return m.Year > 0 && m.Month >= 1 && m.Month <= 12 }

// MarshalText writes "2026-02".
func (m Month) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads any form ParseMonth accepts.
func (m *Month) UnmarshalText(b []byte) error {
	v, err := ParseMonth(string(b))
	*m = v
	return err
}

// Figures are a unit's month: the secretary's reception and the petitions.
type Figures struct {
	Sessions            int `json:"sessions"` // reception sessions (kỳ, ngày tiếp) of the secretary
	Visits              int `json:"visits"`   // lượt
	People              int `json:"people"`
	CrowdDelegations    int `json:"crowd_delegations"` // đoàn đông người, counted in visits and people
	MattersComplaint    int `json:"matters_complaint"`
	MattersDenunciation int `json:"matters_denunciation"`
	MattersProposal     int `json:"matters_proposal"`
	PetitionsReceived   int `json:"petitions_received"`
	PetitionsProcessed  int `json:"petitions_processed"`
	PetitionsResolved   int `json:"petitions_resolved"`
}

// fields names each figure as forms, errors and the XLSX template do.
func (f *Figures) fields() []struct {
	name string
	v    *int
} {
	return []struct {
		name string
		v    *int
	}{
		{"sessions", &f.Sessions}, {"visits", &f.Visits}, {"people", &f.People},
		{"crowd_delegations", &f.CrowdDelegations}, {"matters_complaint", &f.MattersComplaint},
		{"matters_denunciation", &f.MattersDenunciation}, {"matters_proposal", &f.MattersProposal},
		{"petitions_received", &f.PetitionsReceived}, {"petitions_processed", &f.PetitionsProcessed},
		{"petitions_resolved", &f.PetitionsResolved},
	}
}

func (f *Figures) add(g Figures) {
	gf := g.fields()
	for i, x := range f.fields() {
		*x.v += *gf[i].v
	}
}

// check adds an error for each impossible figure; prefix names the row of
// an upload ("rows.4.") or is empty for the form.
func (f Figures) check(errs *validate.Errors, prefix string) {
	for _, x := range f.fields() {
		if *x.v < 0 {
			errs.Add(prefix+x.name, "error.negative", nil)
		}
	}
	const e = "petitions.commune_report.error."
	if f.CrowdDelegations > f.Visits {
		errs.Add(prefix+"crowd_delegations", e+"crowd_exceeds_visits", nil)
	}
	if f.People < f.Visits {
		errs.Add(prefix+"people", e+"people_below_visits", nil)
	}
	if f.Visits > 0 && f.Sessions == 0 {
		errs.Add(prefix+"sessions", e+"visits_without_sessions", nil)
	}
}

// MinimumSessions is the least a commune secretary receives citizens in a
// month (Kết luận 215-KL/TW: at least two days a month).
const MinimumSessions = 2

// Report is a unit's report for a month as it now stands.
type Report struct {
	ID       int64  `json:"id"`
	OrgID    int64  `json:"org_id"`
	UnitID   int64  `json:"unit_id"`
	UnitName string `json:"unit_name"`
	Month    Month  `json:"month"`
	Figures
	Note        string    `json:"note"`
	SubmittedBy int64     `json:"submitted_by,omitempty"`
	SubmittedAt time.Time `json:"submitted_at"`
	Source      string    `json:"source"` // form or xlsx
	Version     int       `json:"version"`
}

// Submission is a report as a clerk submits or corrects it.
type Submission struct {
	Month Month `json:"month"`
	// UnitID is taken from the clerk's account; only the command line and
	// the demo (system actor) name it.
	UnitID int64 `json:"unit_id,omitempty"`
	Figures
	Note string `json:"note"`
	// Version is 0 for a first submission, or the version being corrected.
	Version int `json:"version"`
}

// Service is the commune reports API.
type Service struct {
	db *store.DB
	// Today bounds the months one may report (not a month to come).
	Today func() civil.Date
}

// New returns the service.
func New(db *store.DB) *Service { return &Service{db: db, Today: civil.Today} }

// Submit stores a unit's report for a month, or corrects it (with the
// version read) while the month is not locked.
func (s *Service) Submit(ctx context.Context, in Submission) (Report, error) {
	actor, err := access.Check(ctx, access.CommuneReportSend)
	if err != nil {
		return Report{}, err
	}
	var out Report
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		var errs validate.Errors
		unit, err := s.checkSubmission(ctx, tx, actor, &in, &errs, "")
		if err != nil {
			return err
		}
		if err := errs.Err(); err != nil {
			return err
		}
		out, err = s.save(ctx, tx, actor, unit, in, "form", true)
		return err
	})
	return out, err
}

// checkSubmission cleans in and checks it; prefix names an upload's row.
func (s *Service) checkSubmission(ctx context.Context, q store.Querier, actor *access.Actor, in *Submission, errs *validate.Errors, prefix string) (unitRow, error) {
	in.Note = vntext.CleanText(in.Note)
	errs.MaxLen(prefix+"note", in.Note, 5000)
	in.Figures.check(errs, prefix)
	if !actor.System {
		in.UnitID = actor.UnitID
	}
	if !in.Month.valid() {
		if !hasField(*errs, prefix+"month") {
			errs.Add(prefix+"month", "error.required", nil)
		}
		return unitRow{}, nil
	}
	if in.Month.First().After(s.Today()) {
		errs.Add(prefix+"month", "petitions.commune_report.error.future_month", nil)
	}
	locked, err := isLocked(ctx, q, actor.OrgID, in.Month)
	if err != nil {
		return unitRow{}, err
	}
	if locked {
		errs.Add(prefix+"month", "petitions.commune_report.error.locked", map[string]any{"month": in.Month.String()})
	}
	unit, ok, err := reportingUnit(ctx, q, actor.OrgID, in.UnitID, in.Month)
	if err != nil {
		return unit, err
	}
	if !ok {
		errs.Add(prefix+"unit_id", "petitions.commune_report.error.not_a_reporting_unit", map[string]any{"month": in.Month.String()})
	}
	return unit, nil
}

// save writes a submission (checked) and its revision, audited. With
// checkVersion, in.Version must be the current version (0 when new);
// an upload corrects whatever version stands.
func (s *Service) save(ctx context.Context, tx *sql.Tx, actor *access.Actor, unit unitRow, in Submission, source string, checkVersion bool) (Report, error) {
	cur, exists, err := getReport(ctx, tx, actor.OrgID, unit.ID, in.Month)
	if err != nil {
		return Report{}, err
	}
	if checkVersion && ((exists && cur.Version != in.Version) || (!exists && in.Version != 0)) {
		return Report{}, store.ErrConflict
	}
	r := Report{OrgID: actor.OrgID, UnitID: unit.ID, UnitName: unit.Name, Month: in.Month, Figures: in.Figures,
		Note: in.Note, SubmittedBy: actor.UserID, SubmittedAt: store.Now(), Source: source, Version: 1}
	action := "commune_report.submitted"
	var before any
	if exists {
		r.ID, r.Version = cur.ID, cur.Version+1
		if err := updateReport(ctx, tx, r, cur.Version); err != nil {
			return Report{}, err
		}
		action, before = "commune_report.corrected", cur
	} else if err := insertReport(ctx, tx, &r); err != nil {
		return Report{}, err
	}
	if err := insertRevision(ctx, tx, r); err != nil {
		return Report{}, err
	}
	_, err = audit.Record(ctx, tx, audit.Event{Action: action, Entity: "commune_report", EntityID: r.ID,
		Summary: fmt.Sprintf("%s, %s: report version %d (%s)", unit.Name, in.Month, r.Version, source),
		Before:  before, After: r})
	return r, err
}

// Lock freezes a month's reports: the Committee has consolidated them.
func (s *Service) Lock(ctx context.Context, m Month) error {
	actor, err := access.Check(ctx, access.ReportsSign)
	if err != nil {
		return err
	}
	if !m.valid() {
		var errs validate.Errors
		errs.Add("month", "error.required", nil)
		return errs
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		added, err := insertLock(ctx, tx, actor.OrgID, m, actor.UserID)
		if err != nil || !added {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: "commune_report.month_locked", Entity: "commune_report_month",
			EntityID: m.String(), Summary: "commune reports of " + m.String() + " locked"})
		return err
	})
}

// Mine lists the clerk's own unit's reports, newest month first.
func (s *Service) Mine(ctx context.Context) ([]Report, error) {
	actor, err := access.Check(ctx, access.CommuneReportSend)
	if err != nil {
		return nil, err
	}
	return listReports(ctx, s.db.Read(), actor.OrgID, actor.UnitID, Month{}, Month{})
}

// Month lists the reports received for a month, by unit name.
func (s *Service) Month(ctx context.Context, m Month) ([]Report, error) {
	actor, err := access.Check(ctx, access.CommuneReportsRead)
	if err != nil {
		return nil, err
	}
	return listReports(ctx, s.db.Read(), actor.OrgID, 0, m, m)
}

// Unit is a commune or ward expected to report.
type Unit struct {
	ID   int64  `json:"id"`
	Code string `json:"code"`
	Kind string `json:"kind"`
	Name string `json:"name"`
}

// Missing lists the communes and wards in existence during month m that
// have not reported for it.
func (s *Service) Missing(ctx context.Context, m Month) ([]Unit, error) {
	actor, err := access.Check(ctx, access.CommuneReportsRead)
	if err != nil {
		return nil, err
	}
	return missingUnits(ctx, s.db.Read(), actor.OrgID, m)
}

// Consolidation is the province's figures over a run of months: the sum of
// the reports received, with their IDs, and who did not report when.
type Consolidation struct {
	From      Month              `json:"from"`
	To        Month              `json:"to"`
	Expected  int                `json:"expected"` // unit-months that should have reported
	Reported  int                `json:"reported"`
	Totals    Figures            `json:"totals"`
	ReportIDs []int64            `json:"report_ids"`
	Missing   map[string][]Unit  `json:"missing"`                // by month
	BelowMin  []int64            `json:"below_minimum_sessions"` // reports with fewer than MinimumSessions
	ByMonth   map[string]Figures `json:"by_month"`
}

// Consolidated sums the reports of the months from the month of
// period.From to the month of period.To, both included.
func (s *Service) Consolidated(ctx context.Context, period civil.Range) (Consolidation, error) {
	actor, err := access.Check(ctx, access.CommuneReportsRead)
	if err != nil {
		return Consolidation{}, err
	}
	from, to := MonthOf(period.From), MonthOf(period.To)
	c := Consolidation{From: from, To: to, ReportIDs: []int64{}, BelowMin: []int64{},
		Missing: map[string][]Unit{}, ByMonth: map[string]Figures{}}
	if !period.Valid() {
		var errs validate.Errors
		errs.Add("to", "error.date_order", map[string]any{"other": period.From.String()})
		return c, errs
	}
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		reports, err := listReports(ctx, tx, actor.OrgID, 0, from, to)
		if err != nil {
			return err
		}
		for _, r := range reports {
			c.Reported++
			c.Totals.add(r.Figures)
			c.ReportIDs = append(c.ReportIDs, r.ID)
			if r.Sessions < MinimumSessions {
				c.BelowMin = append(c.BelowMin, r.ID)
			}
			f := c.ByMonth[r.Month.String()]
			f.add(r.Figures)
			c.ByMonth[r.Month.String()] = f
		}
		for m := from; !m.First().After(to.First()); m = m.Next() {
			missing, err := missingUnits(ctx, tx, actor.OrgID, m)
			if err != nil {
				return err
			}
			if len(missing) > 0 {
				c.Missing[m.String()] = missing
			}
			c.Expected += len(missing)
		}
		c.Expected += c.Reported
		return nil
	})
	return c, err
}

func hasField(errs validate.Errors, field string) bool {
	for _, fe := range errs {
		if fe.Field == field {
			return true
		}
	}
	return false
}
