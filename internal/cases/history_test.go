package cases

import (
	"testing"
	"time"

	"noichinh/internal/civil"
	"noichinh/internal/fixture"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

func q1(t *testing.T, w *world, at time.Time) *Figures {
	t.Helper()
	f, err := w.svc.Figures(fixture.Ctx(w.leader), FiguresQuery{
		Period: civil.Range{From: civil.MustParse("2025-01-01"), To: civil.MustParse("2025-03-31")}, AsRecordedAt: at})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// A back-dated entry changes the figures of the period it belongs to,
// visibly; the figures as recorded before it are reproducible.
func TestBackDatedEntryAndAsRecordedAt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.create(t, w.sampleInput())
		c = w.record(t, c, watchIn("2025-02-01", Monitored))
		frozen := store.Now()
		time.Sleep(2 * time.Millisecond)

		before := q1(t, w, time.Time{})
		if cell := before.Watch.Cell("monitored", Group(Corruption)); cell.Added.Count != 1 || cell.AtEnd.Count != 1 {
			t.Fatalf("before: %+v", cell)
		}
		// Later: the case was in fact taken off in March, and it is economic.
		removal := ev(WatchRemoved, "2025-03-10")
		removal.DocumentSymbol, removal.Details.Reason = "30-TB/BNCTU", "Chuyển cơ quan có thẩm quyền"
		c = w.record(t, c, removal)
		in := w.sampleInput()
		in.Categories = []Category{Economic}
		if _, err := w.svc.Update(fixture.Ctx(w.cv1), c.ID, c.Version, in); err != nil {
			t.Fatal(err)
		}

		now := q1(t, w, time.Time{})
		if cell := now.Watch.Cell("monitored", Group(Economic)); cell.Added.Count != 1 || cell.Removed.Count != 1 || cell.AtEnd.Count != 0 {
			t.Errorf("after the back-dated removal: %+v", cell)
		}
		if now.Watch.Cell("monitored", Group(Corruption)).Followed.Count != 0 {
			t.Error("the case still counts as corruption")
		}
		if now.LateEntries.Count != 1 || now.LateEntries.CaseIDs[0] != c.ID {
			t.Errorf("late entries %+v", now.LateEntries)
		}
		timeline, _ := w.svc.Timeline(fixture.Ctx(w.cv1), c.ID)
		if last := timeline[len(timeline)-1]; last.Kind != WatchRemoved || !last.BackDated() {
			t.Errorf("the removal is not shown as back-dated: %+v", last.Event)
		}

		// As recorded at the earlier moment, the report is what it was.
		again := q1(t, w, frozen)
		if cell := again.Watch.Cell("monitored", Group(Corruption)); cell.Added.Count != 1 || cell.AtEnd.Count != 1 || cell.Removed.Count != 0 {
			t.Errorf("as recorded at %s: %+v", frozen, cell)
		}
		if again.AsRecordedAt == nil || !again.AsRecordedAt.Equal(frozen) {
			t.Errorf("as recorded at %v", again.AsRecordedAt)
		}
		// Before the case was recorded, it does not exist.
		if none := q1(t, w, c.CreatedAt.Add(-time.Second)); none.Watch.Cell(AnyLevel, AllCases).Followed.Count != 0 {
			t.Error("a case recorded after the cut-off is counted")
		}
	})
}

// Corrections replace an event where it stood; retractions withdraw it; the
// originals stay in the timeline, marked, and a frozen report keeps them.
func TestCorrectionAndRetraction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.create(t, w.sampleInput())
		urging := ev(Urged, "2025-02-10")
		urging.DocumentSymbol = "125-CV/BNCTU"
		c = w.record(t, c, watchIn("2025-04-02", Monitored), urging)
		timeline, _ := w.svc.Timeline(fixture.Ctx(w.cv1), c.ID)
		watchID, urgeID := timeline[2].ID, timeline[1].ID // folded order: opened, urged (Feb), watch (Apr)
		frozen := store.Now()
		time.Sleep(2 * time.Millisecond)

		fixed := watchIn("2025-01-15", Monitored) // it was in fact in January
		c, corr, err := w.svc.Correct(fixture.Ctx(w.cv1), c.ID, c.Version, watchID, fixed)
		if err != nil {
			t.Fatal(err)
		}
		if c.State.LevelSince != civil.MustParse("2025-01-15") || corr.CorrectsEventID != watchID {
			t.Errorf("after correction: since %s, corrects %d", c.State.LevelSince, corr.CorrectsEventID)
		}
		corrected := store.Now()
		time.Sleep(2 * time.Millisecond)
		c, _, err = w.svc.Retract(fixture.Ctx(w.cv1), c.ID, c.Version, urgeID, "Ghi nhầm hồ sơ")
		if err != nil {
			t.Fatal(err)
		}
		if c.State.Urged != 0 {
			t.Errorf("urged %d after the retraction", c.State.Urged)
		}
		timeline, _ = w.svc.Timeline(fixture.Ctx(w.cv1), c.ID)
		superseded := map[int64]int64{}
		for _, e := range timeline {
			superseded[e.ID] = e.SupersededBy
		}
		if superseded[watchID] != corr.ID || superseded[urgeID] == 0 || len(timeline) != 5 {
			t.Errorf("timeline marks: %v (%d entries)", superseded, len(timeline))
		}
		if _, _, err := w.svc.Correct(fixture.Ctx(w.cv1), c.ID, c.Version, watchID, fixed); !fieldErr(err, "event_id", "cases.error.already_superseded") {
			t.Errorf("correcting a superseded event: %v", err)
		}

		now, first, between := q1(t, w, time.Time{}), q1(t, w, frozen), q1(t, w, corrected)
		for _, c := range []struct {
			name           string
			f              *Figures
			added, urgings int
		}{{"before the correction", first, 0, 0}, {"after the correction", between, 1, 1}, {"after the retraction", now, 1, 0}} {
			if got := c.f.Watch.Cell("monitored", AllCases).Added.Count; got != c.added || c.f.Progress.Urged.Events != c.urgings {
				t.Errorf("Q1 as recorded %s: added %d, urgings %d; want %d, %d", c.name, got, c.f.Progress.Urged.Events, c.added, c.urgings)
			}
		}
		// The correction of an in-period event recorded after the period is a late entry.
		if now.LateEntries.Count != 1 {
			t.Errorf("late entries %+v", now.LateEntries)
		}
	})
}

// Changing the offence class recomputes the deadline; the opening date is
// corrected through its event.
func TestUpdateRecomputesDeadline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		in := w.sampleInput()
		in.OffenceClass = NoClass
		c := w.create(t, in)
		c = w.record(t, c, stageIn("2025-02-14", Prosecuted))
		if c.Deadline.Status != NeedsClass {
			t.Fatalf("without a class: %+v", c.Deadline)
		}
		in.OffenceClass = VerySerious
		c, err := w.svc.Update(fixture.Ctx(w.cv1), c.ID, c.Version, in)
		if err != nil {
			t.Fatal(err)
		}
		want := Deadline{Status: Running, LimitCode: "investigation.very_serious", LimitFrom: civil.MustParse("2018-01-01"),
			Start: civil.MustParse("2025-02-14"), DueOn: civil.MustParse("2025-06-16")} // 14 June is a Saturday
		if c.Deadline != want {
			t.Errorf("deadline %+v, want %+v", c.Deadline, want)
		}
		timeline, _ := w.svc.Timeline(fixture.Ctx(w.cv1), c.ID)
		c, _, err = w.svc.Correct(fixture.Ctx(w.cv1), c.ID, c.Version, timeline[0].ID,
			EventInput{Kind: Opened, EffectiveOn: civil.MustParse("2024-12-20")})
		if err != nil || c.State.OpenedOn != civil.MustParse("2024-12-20") {
			t.Fatalf("correct the opening: %v, %s", err, c.State.OpenedOn)
		}
		timeline, _ = w.svc.Timeline(fixture.Ctx(w.cv1), c.ID)
		var opened int64
		for _, e := range timeline {
			if e.Kind == Opened && e.SupersededBy == 0 {
				opened = e.ID
			}
		}
		_, _, err = w.svc.Correct(fixture.Ctx(w.cv1), c.ID, c.Version, opened, EventInput{Kind: Opened, EffectiveOn: civil.MustParse("2025-03-01")})
		if !fieldErr(err, "*", "cases.error.breaks_history") {
			t.Errorf("opening moved after the prosecution: %v", err)
		}
	})
}
