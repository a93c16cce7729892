package cases

import (
	"testing"

	"noichinh/internal/civil"
)

// history builds events with ids in the given order, starting with Opened
// on 2024-01-02.
func history(events ...Event) []Event {
	out := []Event{{ID: 1, Kind: Opened, EffectiveOn: civil.MustParse("2024-01-02")}}
	for i, e := range events {
		e.ID = int64(i + 2)
		out = append(out, e)
	}
	return out
}

func e(kind EventKind, on string) Event {
	return Event{Kind: kind, EffectiveOn: civil.MustParse(on)}
}

func w(kind EventKind, on string, l Level) Event {
	ev := e(kind, on)
	ev.Level = l
	return ev
}

func st(on string, s Stage) Event {
	ev := e(StageChanged, on)
	ev.Stage = s
	return ev
}

func withSuspects(ev Event, n int) Event   { ev.Suspects = intp(n); return ev }
func withDefendants(ev Event, n int) Event { ev.Defendants = intp(n); return ev }
func withAmount(ev Event, vnd int64, m2 float64) Event {
	ev.AmountVND, ev.AreaM2 = vnd, m2
	return ev
}

func TestFoldRefusals(t *testing.T) {
	cases := []struct {
		name   string
		events []Event
		key    string
		at     int64 // id of the event at fault
	}{
		{"before the first event", history(w(WatchAdded, "2023-12-31", Monitored)), "cases.error.before_first_event", 2},
		{"taken off when not on a list", history(e(WatchRemoved, "2024-02-01")), "cases.error.not_watched", 2},
		{"taken off twice", history(w(WatchAdded, "2024-02-01", Monitored), e(WatchRemoved, "2024-03-01"), e(WatchRemoved, "2024-04-01")),
			"cases.error.not_watched", 4},
		{"level change off the list", history(w(LevelChanged, "2024-02-01", Directed)), "cases.error.not_watched", 2},
		{"added twice", history(w(WatchAdded, "2024-02-01", Monitored), w(WatchAdded, "2024-03-01", Directed)),
			"cases.error.already_watched", 3},
		{"level change to the same level", history(w(WatchAdded, "2024-02-01", Monitored), w(LevelChanged, "2024-03-01", Monitored)),
			"cases.error.same_level", 3},
		{"stage backwards", history(st("2024-02-01", Indicted), st("2024-03-01", Investigating)), "cases.error.stage_backwards", 3},
		{"same stage again", history(st("2024-02-01", Prosecuted), st("2024-03-01", Prosecuted)), "cases.error.stage_backwards", 3},
		{"return before the investigation ended", history(st("2024-02-01", Investigating), st("2024-03-01", ReturnedForInvestigation)),
			"cases.error.return_not_allowed", 3},
		{"return after enforcement", history(st("2024-02-01", Enforcement), st("2024-03-01", ReturnedForInvestigation)),
			"cases.error.return_not_allowed", 3},
		{"resume without suspension", history(st("2024-02-01", Investigating), st("2024-03-01", Resumed)), "cases.error.not_suspended", 3},
		{"suspend with no stage", history(st("2024-02-01", Suspended)), "cases.error.nothing_to_suspend", 2},
		{"suspend twice", history(st("2024-02-01", Prosecuted), st("2024-03-01", Suspended), st("2024-03-05", Suspended)),
			"cases.error.already_suspended", 4},
		{"move on while suspended", history(st("2024-02-01", Prosecuted), st("2024-03-01", Suspended), st("2024-04-01", Indicted)),
			"cases.error.suspended", 4},
		{"anything after closing", history(st("2024-02-01", Closed), st("2024-03-01", Prosecuted)), "cases.error.case_closed", 3},
		{"extra suspects before prosecution", history(st("2024-02-01", CrimeReportReceived), withSuspects(e(SuspectsAdded, "2024-02-05"), 1)),
			"cases.error.not_prosecuted", 3},
		{"extension with no limit running", history(e(DeadlineExtended, "2024-02-01")), "cases.error.no_running_limit", 2},
		{"extension while suspended", history(st("2024-02-01", Prosecuted), st("2024-03-01", Suspended), e(DeadlineExtended, "2024-03-02")),
			"cases.error.no_running_limit", 4},
		{"opened moved after other events", []Event{{ID: 2, Kind: Note, EffectiveOn: civil.MustParse("2024-01-01")},
			{ID: 3, Kind: Opened, EffectiveOn: civil.MustParse("2024-01-05")}}, "cases.error.before_first_event", 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			events := Effective(tc.events)
			_, p := Fold(events, FoldOptions{})
			if p == nil {
				t.Fatalf("accepted, want %s", tc.key)
			}
			if p.Key != tc.key || p.EventID != tc.at {
				t.Errorf("got %s at event %d, want %s at %d", p.Key, p.EventID, tc.key, tc.at)
			}
		})
	}
}

func TestFoldTooManyExtensions(t *testing.T) {
	max := func(c Clock) (int, bool) { return 1, c.Period == InvestigationPeriod }
	events := history(st("2024-02-01", Prosecuted), e(DeadlineExtended, "2024-03-01"), e(DeadlineExtended, "2024-04-01"))
	_, p := Fold(Effective(events), FoldOptions{MaxExtensions: max})
	if p == nil || p.Key != "cases.error.no_more_extensions" || p.EventID != 4 || p.Params["max"] != 1 {
		t.Fatalf("got %+v", p)
	}
	// A new period starts with no extensions.
	events = history(st("2024-02-01", Prosecuted), e(DeadlineExtended, "2024-03-01"), st("2024-05-01", InvestigationConcluded),
		e(DeadlineExtended, "2024-05-10"))
	s, p := Fold(Effective(events), FoldOptions{MaxExtensions: func(Clock) (int, bool) { return 1, true }})
	if p != nil || s.Clock.Extensions != 1 || s.Clock.Period != IndictmentPeriod {
		t.Fatalf("state %+v, problem %v", s.Clock, p)
	}
}

func TestFoldState(t *testing.T) {
	events := history(
		st("2024-01-10", CrimeReportReceived),
		w(WatchAdded, "2024-01-15", Monitored),
		withSuspects(st("2024-01-25", Prosecuted), 2),
		st("2024-01-25", Investigating),
		e(DeadlineExtended, "2024-04-10"),
		withSuspects(e(SuspectsAdded, "2024-05-02"), 1),
		w(LevelChanged, "2024-05-20", Directed),
		withAmount(e(DamageAssessed, "2024-06-01"), 5_000_000_000, 100),
		withAmount(e(DamageAssessed, "2024-07-01"), 4_000_000_000, 120), // a new assessment replaces the old
		withAmount(e(AssetsRecovered, "2024-07-15"), 1_000_000_000, 20),
		withAmount(e(AssetsRecovered, "2024-08-15"), 500_000_000, 0),
		st("2024-09-01", InvestigationConcluded),
		st("2024-09-10", ReturnedForInvestigation),
		st("2024-10-01", InvestigationConcluded),
		withSuspects(st("2024-10-20", Indicted), 3),
		withDefendants(st("2024-12-02", FirstInstanceTrial), 3),
		e(Urged, "2024-06-05"),
		e(Urged, "2024-11-05"),
		e(Meeting, "2024-11-06"),
	)
	s, p := Fold(Effective(events), FoldOptions{})
	if p != nil {
		t.Fatal(p)
	}
	want := State{
		OpenedOn: civil.MustParse("2024-01-02"), Level: Directed, LevelSince: civil.MustParse("2024-05-20"),
		Stage: FirstInstanceTrial, StageSince: civil.MustParse("2024-12-02"),
		Clock:    Clock{Period: AppealPeriod, Start: civil.MustParse("2024-12-02")},
		Suspects: 3, Defendants: 3, DamageVND: 4_000_000_000, DamageM2: 120, RecoveredVND: 1_500_000_000, RecoveredM2: 20,
		Urged: 2, LastUrgedOn: civil.MustParse("2024-11-05"), Meetings: 1, LastEventOn: civil.MustParse("2024-12-02"),
	}
	if s != want {
		t.Errorf("state\n got %+v\nwant %+v", s, want)
	}
}

// A suspension stops the clock; the resumption continues the same period
// with the paused days added, and returns to the interrupted stage.
func TestFoldSuspensionPausesTheClock(t *testing.T) {
	events := history(
		withSuspects(st("2024-02-01", Prosecuted), 1),
		e(DeadlineExtended, "2024-04-20"),
		st("2024-05-01", Suspended),
		st("2024-06-10", Resumed),
		withSuspects(e(SuspectsAdded, "2024-06-11"), 1),
	)
	s, p := Fold(Effective(events), FoldOptions{})
	if p != nil {
		t.Fatal(p)
	}
	want := Clock{Period: InvestigationPeriod, Start: civil.MustParse("2024-02-01"), Extensions: 1, PausedDays: 40}
	if s.Stage != Prosecuted || s.Clock != want || s.Suspects != 2 {
		t.Errorf("stage %s, clock %+v, suspects %d", s.Stage, s.Clock, s.Suspects)
	}
	// Closing a suspended case is allowed.
	events = history(st("2024-02-01", Prosecuted), st("2024-05-01", Suspended), st("2024-12-01", Closed))
	if s, p := Fold(Effective(events), FoldOptions{}); p != nil || s.Stage != Closed {
		t.Errorf("close while suspended: %s %v", s.Stage, p)
	}
}

// Corrections replace the event they name; retractions remove it; both are
// folded at the effective date of the new event.
func TestEffective(t *testing.T) {
	all := []Event{
		{ID: 1, Kind: Opened, EffectiveOn: civil.MustParse("2024-01-02")},
		{ID: 2, Kind: WatchAdded, Level: Monitored, EffectiveOn: civil.MustParse("2024-03-01")},
		{ID: 3, Kind: Urged, EffectiveOn: civil.MustParse("2024-04-01")},
		{ID: 4, Kind: WatchAdded, Level: Monitored, EffectiveOn: civil.MustParse("2024-02-15"), CorrectsEventID: 2},
		{ID: 5, Kind: Retracted, EffectiveOn: civil.MustParse("2024-04-01"), CorrectsEventID: 3},
		{ID: 6, Kind: Note, EffectiveOn: civil.MustParse("2024-02-15")},
	}
	got := Effective(all)
	var ids []int64
	for _, e := range got {
		ids = append(ids, e.ID)
	}
	if want := []int64{1, 4, 6}; !equalIDs(ids, want) {
		t.Errorf("effective %v, want %v", ids, want)
	}
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Who returns the file decides the supplementary investigation's limit: the
// procuracy before indictment (2 months), the court after it (1 month).
func TestFoldSupplementaryInvestigationByWhoReturned(t *testing.T) {
	for _, tc := range []struct {
		from Stage
		want LimitPeriod
	}{
		{InvestigationConcluded, SupplementaryInvestigation},
		{Indicted, SupplementaryAfterCourt},
		{FirstInstanceTrial, SupplementaryAfterCourt},
	} {
		steps := []Event{withSuspects(st("2024-02-01", Prosecuted), 1), st("2024-06-01", InvestigationConcluded)}
		if tc.from != InvestigationConcluded {
			steps = append(steps, withSuspects(st("2024-06-20", Indicted), 1))
		}
		if tc.from == FirstInstanceTrial {
			steps = append(steps, withDefendants(st("2024-08-01", FirstInstanceTrial), 1))
		}
		events := history(append(steps, st("2024-09-10", ReturnedForInvestigation))...)
		s, p := Fold(Effective(events), FoldOptions{})
		if p != nil {
			t.Fatalf("from %s: %v", tc.from, p)
		}
		if s.Clock.Period != tc.want || s.Clock.Start != civil.MustParse("2024-09-10") {
			t.Errorf("returned from %s: clock %+v, want %s from 2024-09-10", tc.from, s.Clock, tc.want)
		}
	}
}
