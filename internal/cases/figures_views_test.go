package cases

import (
	"errors"
	"strings"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/fixture"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

// Readers of reports who may not see the cases get the same numbers
// without the cases; the central committee gets each province's and their
// sum, without the cases; nobody else gets either.
func TestFigureCountsAndConsolidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		env := loadTestDemo(t, db, testToday)
		cal, _ := calendar.Default()
		lim, _ := calendar.EmbeddedLimits()
		svc := New(db, cal, lim, WithToday(func() civil.Date { return testToday }))
		leader := fixture.User(t, db, env.Org, "lanhdao", access.Leader, access.MostSecret)
		admin := fixture.User(t, db, env.Org, "quantri", access.Administrator, access.MostSecret)
		central := fixture.User(t, db, env.Central, "trunguong", access.Central, access.MostSecret)
		centralHere := fixture.User(t, db, env.Org, "trunguong-lsn", access.Central, access.MostSecret)
		q := FiguresQuery{Period: civil.Range{From: civil.MustParse("2020-01-01"), To: civil.MustParse("2020-06-30")}}

		full, err := svc.Figures(fixture.Ctx(leader), q)
		if err != nil {
			t.Fatal(err)
		}
		counts, err := svc.FigureCounts(fixture.Ctx(admin), q)
		if err != nil {
			t.Fatal(err)
		}
		if !counts.CountsOnly || len(counts.Cases) != 0 {
			t.Errorf("counts only: %v, %d cases named", counts.CountsOnly, len(counts.Cases))
		}
		n := 0
		full.Each(func(key string, fig *Figure) {
			n++
			c, ok := counts.Lookup(key)
			if !ok || c.Count != fig.Count || len(c.CaseIDs) != 0 || len(c.Refs) != 0 {
				t.Errorf("%s: counts only %+v, figures %d", key, c, fig.Count)
			}
		})
		if n < 200 {
			t.Errorf("only %d figures enumerated", n)
		}
		if counts.Report() != Narrative(full) {
			t.Errorf("the counts' report prose differs from the figures':\n%s\n---\n%s", counts.Report(), Narrative(full))
		}
		if fig, ok := full.Lookup("watch_involving_leaders.any.economic.followed"); !ok || fig.Count != 5 {
			t.Errorf("lookup of a seed figure: %+v", fig)
		}
		if _, ok := full.Lookup("watch.nowhere.all.added"); ok || ValidFigureKey("progress.nothing") || !ValidFigureKey("late_entries") {
			t.Errorf("figure keys are not checked")
		}

		c, err := svc.ConsolidatedFigures(fixture.Ctx(central), q)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Orgs) != 1 || c.Orgs[0].Code != env.Org.Code || !c.Orgs[0].Figures.CountsOnly || !c.Total.CountsOnly {
			t.Fatalf("consolidation: %+v", c.Orgs)
		}
		full.Each(func(key string, fig *Figure) {
			if tot, _ := c.Total.Lookup(key); tot.Count != fig.Count || len(tot.CaseIDs) != 0 {
				t.Errorf("%s: total %d, the province's %d", key, tot.Count, fig.Count)
			}
		})
		if c.Total.Assets.DamageVND != full.Assets.DamageVND || c.Total.Progress.Prosecuted.Persons != full.Progress.Prosecuted.Persons {
			t.Errorf("amounts and people are not summed")
		}
		if !strings.Contains(c.Narrative, ConsolidatedName) || !strings.Contains(c.Narrative, "5 vụ án kinh tế liên quan đến cán bộ lãnh đạo, quản lý") {
			t.Errorf("consolidated prose:\n%s", c.Narrative)
		}

		for who, call := range map[string]func() error{
			"central reads the cases":          func() error { _, err := svc.Figures(fixture.Ctx(central), q); return err },
			"a leader consolidates":            func() error { _, err := svc.ConsolidatedFigures(fixture.Ctx(leader), q); return err },
			"central role in a province":       func() error { _, err := svc.ConsolidatedFigures(fixture.Ctx(centralHere), q); return err },
			"an administrator reads the cases": func() error { _, err := svc.Figures(fixture.Ctx(admin), q); return err },
		} {
			if err := call(); !errors.Is(err, access.ErrForbidden) {
				t.Errorf("%s: %v, want forbidden", who, err)
			}
		}
		if _, err := svc.FigureCounts(fixture.Ctx(admin), FiguresQuery{Period: civil.Range{From: q.Period.To, To: q.Period.From}}); !fieldErr(err, "to", "error.date_order") {
			t.Errorf("reversed period: %v", err)
		}
	})
}

// The form choices list the organisation's units and the people a case may
// be assigned to; the rule of a deadline is the version it was computed under.
func TestChoicesAndRule(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ch, err := w.svc.Choices(fixture.Ctx(w.viewer))
		if err != nil {
			t.Fatal(err)
		}
		if len(ch.Units) != len(testUnits) {
			t.Errorf("%d units, want %d", len(ch.Units), len(testUnits))
		}
		var names []string
		for _, p := range ch.People {
			names = append(names, p.FullName)
		}
		if len(ch.People) != 4 || strings.Contains(strings.Join(names, ","), "thuongvu") {
			t.Errorf("assignable people: %v", names)
		}
		for _, u := range ch.Units {
			if u.Kind == "district" && u.ValidTo.IsZero() {
				t.Errorf("%s: the end of a district is not read", u.Name)
			}
		}
		c := w.create(t, w.sampleInput())
		c = w.record(t, c, watchIn("2025-01-10", Monitored), stageIn("2025-01-20", Prosecuted))
		l, ok := w.svc.Rule(c.Deadline)
		if !ok || l.Code != "investigation.serious" || l.EffectiveFrom != c.Deadline.LimitFrom {
			t.Errorf("rule of %+v: %+v %v", c.Deadline, l, ok)
		}
		if _, ok := w.svc.Rule(Deadline{}); ok {
			t.Errorf("a case without a deadline has a rule")
		}
		if _, err := w.svc.Choices(fixture.Ctx(&access.Actor{UserID: 1, OrgID: w.org.ID, Role: access.Clerk})); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("a clerk reads the choices: %v", err)
		}
	})
}
