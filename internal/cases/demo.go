package cases

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/demo"
	"noichinh/internal/store"
)

// DemoStep loads demo cases modelled on the seeds, through the service
// (validated and audited like any entry). The cases are fictional: titles
// name kinds of offence and places, never a person; suspects and defendants
// are counts only.
//
// They are chosen so that the figures of the seeds come out of the records:
//
//   - seed 000, period 2013-06-01 … 2020-06-30: 17 cases added to the
//     monitored list (4 corruption, 13 internal affairs) and 7 to the
//     directed list (4 corruption, 3 internal affairs); no wrongful
//     conviction. The 4 corruption cases were monitored first and then
//     raised to the directed list.
//   - seed 001, period 2020-01-01 … 2020-06-30: 5 economic cases involving
//     leaders followed, 2 of them on the directed list, 1 taken off that
//     list, 4 still followed at the end; 4 corruption cases on the directed
//     list, 2 of them carried over from 2019.
//
// Cases after 2020 are dated relative to the demo's today, so that the
// due-soon and overdue lists are never empty whenever the demo is loaded.
func DemoStep() demo.Step {
	return demo.Step{Name: "cases", Load: loadDemo}
}

func loadDemo(ctx context.Context, env *demo.Env) error {
	cal, err := calendar.Default()
	if err != nil {
		return err
	}
	lim, err := calendar.EmbeddedLimits()
	if err != nil {
		return err
	}
	svc := New(env.DB, cal, lim, WithToday(func() civil.Date { return env.Today }))
	units, users, err := demoRefs(ctx, env.DB, env.Org.ID)
	if err != nil {
		return err
	}
	l := demoLoader{svc: svc, today: env.Today, units: units, users: users}
	for _, dc := range demoCases() {
		if err := l.load(ctx, dc); err != nil {
			return fmt.Errorf("%s: %w", dc.ref, err)
		}
	}
	return nil
}

// demoRefs reads the unit ids by code and the assignable users by name.
// Either may be missing (when the units or accounts steps did not run):
// the cases are then loaded without them.
func demoRefs(ctx context.Context, db *store.DB, orgID int64) (map[string]int64, map[string]int64, error) {
	units, users := map[string]int64{}, map[string]int64{}
	rows, err := db.Read().QueryContext(ctx, `SELECT code, id FROM units WHERE org_id = $1`, orgID)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var code string
		var id int64
		if err := rows.Scan(&code, &id); err != nil {
			rows.Close()
			return nil, nil, err
		}
		units[code] = id
	}
	rows.Close()
	rows, err = db.Read().QueryContext(ctx, `SELECT u.username, u.id FROM users u JOIN memberships m ON m.user_id = u.id
		WHERE m.org_id = $1 AND m.role IN ('specialist', 'leader')`, orgID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var id int64
		if err := rows.Scan(&name, &id); err != nil {
			return nil, nil, err
		}
		users[name] = id
	}
	return units, users, rows.Err()
}

type demoCase struct {
	ref       string
	kind      Kind
	title     string
	summary   string
	cats      []Category
	field     Field
	locality  string // unit code
	flags     []Flag
	class     OffenceClass
	secrecy   access.Classification
	assignees []string
	opened    string // "2019-03-15", or "T-30": 30 days before the demo's today
	events    []demoEvent
	involved  []string // unit codes
	documents []DocumentRef
}

type demoEvent struct {
	on     string
	in     EventInput
	agency string // unit code; by default the agency of the stage
}

type demoLoader struct {
	svc   *Service
	today civil.Date
	units map[string]int64
	users map[string]int64
}

func (l demoLoader) date(s string) (civil.Date, error) {
	if rest, ok := strings.CutPrefix(s, "T-"); ok {
		n, err := strconv.Atoi(rest)
		if err != nil {
			return civil.Date{}, err
		}
		return l.today.AddDays(-n), nil
	}
	return civil.Parse(s)
}

// stageAgency is the agency that usually acts at a stage.
var stageAgency = map[Stage]string{
	CrimeReportReceived: "agency-csdt-cong-an-tinh", Prosecuted: "agency-csdt-cong-an-tinh",
	Investigating: "agency-csdt-cong-an-tinh", InvestigationConcluded: "agency-csdt-cong-an-tinh",
	ReturnedForInvestigation: "agency-vks-tinh", Indicted: "agency-vks-tinh",
	TrialScheduled: "agency-tand-tinh", FirstInstanceTrial: "agency-tand-tinh", Enforcement: "agency-thads-tinh",
}

func (l demoLoader) load(ctx context.Context, dc demoCase) error {
	opened, err := l.date(dc.opened)
	if err != nil {
		return err
	}
	in := Input{RefCode: dc.ref, Kind: dc.kind, Title: dc.title, Summary: dc.summary, Categories: dc.cats,
		Field: dc.field, LocalityID: l.units[dc.locality], Flags: dc.flags, Classification: dc.secrecy,
		OffenceClass: dc.class, OpenedOn: opened, Documents: dc.documents}
	for _, code := range dc.involved {
		if id := l.units[code]; id != 0 {
			in.UnitIDs = append(in.UnitIDs, id)
		}
	}
	for _, name := range dc.assignees {
		if id := l.users[name]; id != 0 {
			in.AssigneeIDs = append(in.AssigneeIDs, id)
		}
	}
	c, err := l.svc.Create(ctx, in)
	if err != nil {
		return err
	}
	// Recorded in date order (same day: as listed), as a clerk catching up
	// with a file would.
	type dated struct {
		on civil.Date
		e  demoEvent
	}
	events := make([]dated, len(dc.events))
	for i, de := range dc.events {
		if events[i].on, err = l.date(de.on); err != nil {
			return err
		}
		events[i].e = de
	}
	slices.SortStableFunc(events, func(a, b dated) int { return a.on.Compare(b.on) })
	for _, d := range events {
		ev := d.e.in
		ev.EffectiveOn = d.on
		code := d.e.agency
		if code == "" && ev.Kind == StageChanged {
			code = stageAgency[ev.Stage]
		}
		ev.AgencyID = l.units[code]
		if c, _, err = l.svc.Record(ctx, c.ID, c.Version, ev); err != nil {
			return fmt.Errorf("%s %s on %s: %w", ev.Kind, ev.Stage, d.on, err)
		}
	}
	return nil
}

// Event builders for the demo data.

func watch(on string, l Level, doc string) demoEvent {
	return demoEvent{on: on, in: EventInput{Kind: WatchAdded, Level: l, DocumentSymbol: doc}}
}

func raise(on string, l Level, doc string) demoEvent {
	return demoEvent{on: on, in: EventInput{Kind: LevelChanged, Level: l, DocumentSymbol: doc}}
}

func takeOff(on, doc, reason string) demoEvent {
	return demoEvent{on: on, in: EventInput{Kind: WatchRemoved, DocumentSymbol: doc, Details: Details{Reason: reason}}}
}

// step records a stage; n is the suspects (prosecution, indictment) or
// defendants (trials) when positive.
func step(on string, s Stage, n int, doc string) demoEvent {
	e := demoEvent{on: on, in: EventInput{Kind: StageChanged, Stage: s, DocumentSymbol: doc}}
	if n > 0 {
		switch s {
		case Prosecuted, Indicted:
			e.in.Suspects = intp(n)
		case FirstInstanceTrial, AppealTrial:
			e.in.Defendants = intp(n)
		}
	}
	return e
}

func extend(on, doc string) demoEvent {
	return demoEvent{on: on, in: EventInput{Kind: DeadlineExtended, DocumentSymbol: doc}}
}

func urge(on, doc, agency, note string) demoEvent {
	return demoEvent{on: on, agency: agency, in: EventInput{Kind: Urged, DocumentSymbol: doc, Details: Details{Note: note}}}
}

func meet(on, agency, difficulties, conclusions string) demoEvent {
	return demoEvent{on: on, agency: agency, in: EventInput{Kind: Meeting,
		Details: Details{Difficulties: difficulties, Conclusions: conclusions}}}
}

func damage(on string, vnd int64, m2 float64, doc string) demoEvent {
	return demoEvent{on: on, in: EventInput{Kind: DamageAssessed, AmountVND: vnd, AreaM2: m2, DocumentSymbol: doc}}
}

func recovery(on string, vnd int64, m2 float64) demoEvent {
	return demoEvent{on: on, in: EventInput{Kind: AssetsRecovered, AmountVND: vnd, AreaM2: m2}}
}

func moreSuspects(on string, n int, doc string) demoEvent {
	return demoEvent{on: on, in: EventInput{Kind: SuspectsAdded, Suspects: intp(n), DocumentSymbol: doc}}
}

func note(on, text string) demoEvent {
	return demoEvent{on: on, in: EventInput{Kind: Note, Details: Details{Note: text}}}
}

const (
	police    = "agency-csdt-cong-an-tinh"
	procuracy = "agency-vks-tinh"
	court     = "agency-tand-tinh"
)
