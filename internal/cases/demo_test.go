package cases

import (
	"context"
	"strings"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/demo"
	"noichinh/internal/fixture"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

// loadTestDemo loads the demo organisations, the units and users the cases
// refer to (the units and accounts steps' part), then the cases step.
func loadTestDemo(t *testing.T, db *store.DB, today civil.Date) *demo.Env {
	t.Helper()
	prereq := demo.Step{Name: "units and accounts", Load: func(ctx context.Context, env *demo.Env) error {
		env.Today = today
		for _, u := range testUnits {
			fixture.Unit(t, db, env.Org.ID, u.code, u.kind, u.name, date(u.from), date(u.to))
		}
		for _, name := range []string{"chuyenvien1", "chuyenvien2", "chuyenvien3"} {
			fixture.User(t, db, env.Org, name, access.Specialist, access.Secret)
		}
		fixture.User(t, db, env.Org, "truongban", access.Leader, access.MostSecret)
		return nil
	}}
	env, err := demo.Load(context.Background(), db, []demo.Step{prereq, DemoStep()})
	if err != nil {
		t.Fatalf("demo: %v", err)
	}
	return env
}

// The figures quoted by seeds 000 and 001 come out of the demo records,
// computed by Figures, which the report command and the pages use.
func TestDemoReproducesSeedFigures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		env := loadTestDemo(t, db, testToday)
		cal, _ := calendar.Default()
		lim, _ := calendar.EmbeddedLimits()
		svc := New(db, cal, lim, WithToday(func() civil.Date { return testToday }))
		ctx := access.WithActor(context.Background(), access.SystemActor(env.Org.ID, "test"))
		figures := func(from, to string) *Figures {
			f, err := svc.Figures(ctx, FiguresQuery{Period: civil.Range{From: civil.MustParse(from), To: civil.MustParse(to)}})
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
		type want struct {
			name string
			got  int
			want int
		}
		check := func(list []want) {
			t.Helper()
			for _, w := range list {
				if w.got != w.want {
					t.Errorf("%s = %d, want %d", w.name, w.got, w.want)
				}
			}
		}

		// Seed 000: since the Committee was founded (2013-06-01) to the article (2020).
		f := figures("2013-06-01", "2020-06-30")
		check([]want{
			{"monitored added", f.Watch.Cell("monitored", AllCases).Added.Count, 17},
			{"monitored added, corruption", f.Watch.Cell("monitored", Group(Corruption)).Added.Count, 4},
			{"monitored added, internal affairs", f.Watch.Cell("monitored", InternalAffairs).Added.Count, 13},
			{"directed added", f.Watch.Cell("directed", AllCases).Added.Count, 7},
			{"directed added, corruption", f.Watch.Cell("directed", Group(Corruption)).Added.Count, 4},
			{"directed added, internal affairs", f.Watch.Cell("directed", InternalAffairs).Added.Count, 3},
			{"wrongful convictions", f.WrongfulConvictions.Count, 0},
		})
		if text := Narrative(f); !strings.Contains(text, "đưa 17 vụ án, vụ việc (4 vụ án tham nhũng; 13 vụ án, vụ việc về lĩnh vực nội chính) vào diện theo dõi, đôn đốc") {
			t.Errorf("the narrative does not say what seed 000 says:\n%s", text)
		}

		// Seed 001: first half of 2020.
		f = figures("2020-01-01", "2020-06-30")
		leaders := f.WatchInvolvingLeaders
		check([]want{
			{"economic cases involving leaders followed", leaders.Cell(AnyLevel, Group(Economic)).Followed.Count, 5},
			{"… of them directed", leaders.Cell("directed", Group(Economic)).Followed.Count, 2},
			{"… taken off the directed list", leaders.Cell("directed", Group(Economic)).Removed.Count, 1},
			{"… still followed at the end", leaders.Cell(AnyLevel, Group(Economic)).AtEnd.Count, 4},
			{"corruption cases directed", f.Watch.Cell("directed", Group(Corruption)).Followed.Count, 4},
			{"… carried over from 2019", f.Watch.Cell("directed", Group(Corruption)).CarriedOver.Count, 2},
		})
		if text := Narrative(f); !strings.Contains(text, "5 vụ án kinh tế liên quan đến cán bộ lãnh đạo, quản lý; trong đó, có 2 vụ án thuộc diện Ban Thường vụ Tỉnh ủy") {
			t.Errorf("the narrative does not say what seed 001 says:\n%s", text)
		}
		if refs := leaders.Cell("directed", Group(Economic)).Removed.Refs; len(refs) != 1 || refs[0] != "VA-2018-007" {
			t.Errorf("taken off the directed list: %v", refs)
		}
	})
}

// Whenever the demo is loaded, the deadline lists have something to show.
func TestDemoHasDueAndOverdueCases(t *testing.T) {
	for _, today := range []string{"2026-03-16", "2027-08-02"} {
		t.Run(today, func(t *testing.T) {
			db := storetest.SQLite(t)
			day := civil.MustParse(today)
			env := loadTestDemo(t, db, day)
			cal, _ := calendar.Default()
			lim, _ := calendar.EmbeddedLimits()
			svc := New(db, cal, lim, WithToday(func() civil.Date { return day }))
			ctx := access.WithActor(context.Background(), access.SystemActor(env.Org.ID, "test"))
			overdue, err := svc.List(ctx, Filter{Level: OnAnyList, Overdue: true})
			if err != nil {
				t.Fatal(err)
			}
			soon, err := svc.List(ctx, Filter{Level: OnAnyList, DueWithin: 14})
			if err != nil {
				t.Fatal(err)
			}
			if overdue.Total < 2 || soon.Total < 2 {
				t.Errorf("overdue %d, due within 14 days %d: want at least 2 of each", overdue.Total, soon.Total)
			}
			paused, err := svc.List(ctx, Filter{Stage: Suspended})
			if err != nil || paused.Total != 1 || paused.Cases[0].Deadline.Status != Paused {
				t.Errorf("suspended cases: %+v, %v", paused, err)
			}
		})
	}
}
