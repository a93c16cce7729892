package cases

import (
	"fmt"
	"slices"
	"testing"

	"noichinh/internal/civil"
)

// figureFixture is a small world for computeFigures: period 2024 H1.
func figureFixture() figureInput {
	fact := func(id int64, leaders bool, cats ...Category) *caseFacts {
		return newCaseFacts(CaseRef{ID: id, Ref: fmt.Sprintf("VA-%02d", id), Kind: CriminalCase}, cats, leaders)
	}
	in := figureInput{
		period: civil.Range{From: civil.MustParse("2024-01-01"), To: civil.MustParse("2024-06-30")},
		facts: map[int64]*caseFacts{
			1: fact(1, true, Corruption), 2: fact(2, false, Economic), 3: fact(3, false, OtherAffairs),
			4: fact(4, false, Position), 5: fact(5, true, Economic), 6: fact(6, false, Corruption),
			7: fact(7, false, NegativeConduct, Economic),
		},
	}
	row := func(caseID int64, kind EventKind, on string, l Level) factRow {
		return factRow{CaseID: caseID, Kind: kind, On: civil.MustParse(on), Level: l}
	}
	in.watch = []factRow{
		row(1, WatchAdded, "2023-05-01", Monitored), row(1, LevelChanged, "2024-03-01", Directed), row(1, WatchRemoved, "2024-05-01", ""),
		row(2, WatchAdded, "2024-02-01", Directed),
		row(3, WatchAdded, "2023-01-01", Monitored), row(3, WatchRemoved, "2023-06-01", ""),
		row(4, WatchAdded, "2024-07-05", Monitored),
		row(5, WatchAdded, "2024-02-01", Monitored), row(5, WatchRemoved, "2024-03-01", ""), row(5, WatchAdded, "2024-04-01", Monitored),
		row(6, WatchAdded, "2024-06-30", Monitored),
		row(7, WatchAdded, "2023-12-31", Monitored),
	}
	in.watch[3].EnteredLate = true // case 2 was entered after the period
	step := func(caseID int64, s Stage, on string, suspects, defendants int) factRow {
		r := row(caseID, StageChanged, on, "")
		r.Stage, r.Suspects, r.Defendants = s, suspects, defendants
		return r
	}
	in.progress = []factRow{
		step(2, Prosecuted, "2024-02-10", 3, 0),
		step(3, Prosecuted, "2024-02-10", 9, 0), // not followed in the period
		step(1, FirstInstanceTrial, "2024-04-10", 0, 2),
		step(1, Indicted, "2024-02-10", 2, 0),
		row(3, WrongfulConviction, "2024-03-03", ""), // counted whether followed or not
		row(1, Urged, "2024-02-01", ""), row(1, Urged, "2024-03-01", ""), row(5, Urged, "2024-03-01", ""),
	}
	money := func(caseID int64, kind EventKind, on string, vnd int64, m2 float64) factRow {
		r := row(caseID, kind, on, "")
		r.AmountVND, r.AreaM2 = vnd, m2
		return r
	}
	in.assets = []factRow{
		money(1, DamageAssessed, "2023-10-01", 1000, 0), money(1, DamageAssessed, "2024-02-01", 800, 50),
		money(1, AssetsRecovered, "2023-12-01", 100, 0), money(1, AssetsRecovered, "2024-04-01", 200, 25),
		money(3, DamageAssessed, "2024-02-01", 500, 0), // not followed
	}
	in.late = []int64{6}
	return in
}

func TestComputeFiguresWatchTable(t *testing.T) {
	f := computeFigures(figureFixture())
	cases := []struct {
		level   string
		group   Group
		measure string
		want    []int64
	}{
		{"monitored", AllCases, "carried_over", []int64{1, 7}},
		{"monitored", AllCases, "added", []int64{5, 6}}, // 5 re-entered: counted once
		{"monitored", AllCases, "removed", []int64{1, 5}},
		{"monitored", AllCases, "at_end", []int64{5, 6, 7}},
		{"monitored", AllCases, "followed", []int64{1, 5, 6, 7}},
		{"directed", AllCases, "carried_over", nil},
		{"directed", AllCases, "added", []int64{1, 2}}, // a level change enters the new level
		{"directed", AllCases, "removed", []int64{1}},
		{"directed", AllCases, "at_end", []int64{2}},
		{"any", AllCases, "carried_over", []int64{1, 7}},
		{"any", AllCases, "added", []int64{2, 5, 6}}, // 1's level change is not an entry onto "any"
		{"any", AllCases, "removed", []int64{1, 5}},
		{"any", AllCases, "at_end", []int64{2, 5, 6, 7}},
		{"any", Group(Corruption), "followed", []int64{1, 6}},
		{"any", InternalAffairs, "followed", []int64{2, 5, 7}},
		{"any", Group(Economic), "followed", []int64{2, 5, 7}},
		{"any", Group(NegativeConduct), "followed", []int64{7}},
		{"any", Group(Position), "followed", nil}, // 4 entered after the period
		{"any", Group(OtherAffairs), "followed", nil},
	}
	for _, tc := range cases {
		c := f.Watch.Cell(tc.level, tc.group)
		got := map[string]Figure{"carried_over": c.CarriedOver, "added": c.Added, "removed": c.Removed,
			"at_end": c.AtEnd, "followed": c.Followed}[tc.measure]
		if !sameIDs(got, tc.want) {
			t.Errorf("%s/%s/%s = %v, want %v", tc.level, tc.group, tc.measure, got.CaseIDs, tc.want)
		}
	}
	leaders := f.WatchInvolvingLeaders.Cell(AnyLevel, AllCases)
	if !sameIDs(leaders.Followed, []int64{1, 5}) || !sameIDs(leaders.AtEnd, []int64{5}) {
		t.Errorf("involving leaders: followed %v, at end %v", leaders.Followed.CaseIDs, leaders.AtEnd.CaseIDs)
	}
	// Every group partitions into corruption and internal affairs.
	for _, level := range []string{"monitored", "directed", AnyLevel} {
		all, corr, ia := f.Watch.Cell(level, AllCases), f.Watch.Cell(level, Group(Corruption)), f.Watch.Cell(level, InternalAffairs)
		if all.Followed.Count != corr.Followed.Count+ia.Followed.Count {
			t.Errorf("%s: all %d ≠ corruption %d + internal affairs %d", level, all.Followed.Count, corr.Followed.Count, ia.Followed.Count)
		}
	}
}

func TestComputeFiguresProgressAssetsLate(t *testing.T) {
	f := computeFigures(figureFixture())
	p := f.Progress
	checks := []struct {
		name  string
		fig   Figure
		ids   []int64
		extra int
		want  int
	}{
		{"prosecuted (suspects)", p.Prosecuted.Figure, []int64{2}, p.Prosecuted.Persons, 3},
		{"indicted (suspects)", p.Indicted.Figure, []int64{1}, p.Indicted.Persons, 2},
		{"first instance (defendants)", p.FirstInstanceTried.Figure, []int64{1}, p.FirstInstanceTried.Persons, 2},
		{"urged (documents)", p.Urged.Figure, []int64{1, 5}, p.Urged.Events, 3},
		{"wrongful convictions", f.WrongfulConvictions, []int64{3}, 0, 0},
		{"late entries", f.LateEntries, []int64{2, 6}, 0, 0},
		{"assets", f.Assets.Cases, []int64{1}, 0, 0},
	}
	for _, c := range checks {
		if !sameIDs(c.fig, c.ids) || c.extra != c.want {
			t.Errorf("%s: cases %v (%d), want %v (%d)", c.name, c.fig.CaseIDs, c.extra, c.ids, c.want)
		}
	}
	a := f.Assets
	if a.DamageVND != 800 || a.DamageM2 != 50 || a.RecoveredVND != 200 || a.RecoveredM2 != 25 ||
		a.RecoveredToDateVND != 300 || a.RecoveryRateVND == nil || *a.RecoveryRateVND != 37.5 || *a.RecoveryRateM2 != 50 {
		t.Errorf("assets %+v", a)
	}
	if ref, ok := f.Case(2); !ok || ref.Ref != "VA-02" {
		t.Errorf("case index: %+v", ref)
	}
	if len(f.Cases) == 0 || !slices.IsSortedFunc(f.Cases, func(a, b CaseRef) int { return compareStrings(a.Ref, b.Ref) }) {
		t.Errorf("cases not sorted: %+v", f.Cases)
	}
}

func TestComputeFiguresEmpty(t *testing.T) {
	f := computeFigures(figureInput{period: civil.Range{From: civil.MustParse("2024-01-01"), To: civil.MustParse("2024-12-31")},
		facts: map[int64]*caseFacts{}})
	c := f.Watch.Cell(AnyLevel, AllCases)
	if c.Followed.Count != 0 || c.Followed.CaseIDs == nil || c.Followed.Refs == nil || f.Assets.RecoveryRateVND != nil {
		t.Errorf("empty figures must have empty (not null) lists and no rate: %+v %+v", c.Followed, f.Assets)
	}
}

func sameIDs(f Figure, want []int64) bool {
	got := slices.Clone(f.CaseIDs)
	slices.Sort(got)
	return f.Count == len(want) && slices.Equal(got, want) && len(f.Refs) == len(want)
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
