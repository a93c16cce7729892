package calendar

import (
	"encoding/json"
	"errors"
	"testing"

	"noichinh/internal/civil"
)

func mustLimits(t testing.TB) *Limits {
	t.Helper()
	ls, err := EmbeddedLimits()
	if err != nil {
		t.Fatalf("embedded limits: %v", err)
	}
	return ls
}

// Every step of RULES.md §1 and §2 has a limit, and the steps RULES.md
// marks unverified carry the mark.
func TestEmbeddedLimitsCoverTheRules(t *testing.T) {
	ls := mustLimits(t)
	on := civil.MustParse("2026-03-01")
	unverified := map[string]bool{
		"complaint.accept": true, "complaint.first.resolve": true, "complaint.first.resolve_remote": true,
		"complaint.second.resolve": true, "complaint.second.resolve_remote": true,
		"denunciation.initial": false, "denunciation.forward": false, "denunciation.notify_acceptance": false,
		"denunciation.resolve": true, "party.secretary_reply": false, "party.denunciation.provincial": true,
		"crime_report.decide": false, "trial.hearing": false, "appeal.parties": false,
		"investigation.supplementary.procuracy": false, "investigation.supplementary.court": false,
	}
	for _, class := range []string{"less_serious", "serious", "very_serious", "especially_serious"} {
		for _, stage := range []string{"investigation.", "indictment.", "trial_preparation."} {
			unverified[stage+class] = false
		}
	}
	for code, want := range unverified {
		l, err := ls.Find(code, on)
		if err != nil {
			t.Errorf("%s: %v", code, err)
			continue
		}
		if l.Unverified != want {
			t.Errorf("%s: unverified = %v, want %v", code, l.Unverified, want)
		}
		if l.Source == "" || l.Start == "" {
			t.Errorf("%s: missing source or start", code)
		}
	}
	if n := len(ls.All()); n != len(unverified) {
		t.Errorf("%d limits shipped, %d expected", n, len(unverified))
	}
}

// The maximum totals of RULES.md §2 (investigation 4/8/12/16 months).
func TestInvestigationMaxima(t *testing.T) {
	ls := mustLimits(t)
	for code, want := range map[string]int{
		"investigation.less_serious": 4, "investigation.serious": 8,
		"investigation.very_serious": 12, "investigation.especially_serious": 16,
	} {
		l, err := ls.Find(code, civil.MustParse("2026-01-01"))
		if err != nil {
			t.Fatal(err)
		}
		last := l.Extensions[len(l.Extensions)-1].MaxTotal
		if last.N != want || last.Unit != Months {
			t.Errorf("%s: maximum %v, want %d months", code, last, want)
		}
	}
}

func TestDue(t *testing.T) {
	c, ls := mustDefault(t), mustLimits(t)
	tests := []struct {
		code       string
		start      string
		extensions int
		want       string
	}{
		{"denunciation.initial", "2026-02-10", 0, "2026-02-26"},           // 7 working days over Tết
		{"denunciation.initial", "2026-02-10", 1, "2026-03-03"},           // up to 10 working days
		{"denunciation.resolve", "2026-07-03", 0, "2026-08-03"},           // 2/8 is a Sunday
		{"denunciation.resolve", "2026-07-03", 2, "2026-10-01"},           // 90 days
		{"crime_report.decide", "2026-01-28", 0, "2026-02-23"},            // 17/2 is Tết
		{"crime_report.decide", "2026-01-28", 1, "2026-03-30"},            // 2 months: 28/3 is a Saturday
		{"crime_report.decide", "2026-01-28", 2, "2026-05-28"},            // 4 months
		{"investigation.serious", "2026-01-15", 0, "2026-04-15"},          // 3 months
		{"investigation.serious", "2026-01-15", 2, "2026-09-15"},          // 8 months
		{"investigation.serious", "2025-11-30", 1, "2026-06-01"},          // 6 months: 30/5 is a Saturday
		{"trial_preparation.very_serious", "2026-01-31", 1, "2026-05-04"}, // 31/3, +30 days = 30/4 holiday
		{"trial_preparation.serious", "2026-01-05", 1, "2026-03-06"},      // 60 days
		{"appeal.parties", "2026-08-17", 0, "2026-09-03"},                 // 1/9 and 2/9 off
	}
	for _, tt := range tests {
		l, err := ls.Find(tt.code, civil.MustParse(tt.start))
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.Due(l, civil.MustParse(tt.start), tt.extensions)
		if err != nil || got.String() != tt.want {
			t.Errorf("Due(%s, %s, %d) = %v, %v; want %s", tt.code, tt.start, tt.extensions, got, err, tt.want)
		}
	}
	l, _ := ls.Find("appeal.parties", civil.MustParse("2026-01-01"))
	if _, err := c.Due(l, civil.MustParse("2026-01-01"), 1); err == nil {
		t.Error("Due accepted an extension the limit does not have")
	}
}

func TestFindVersions(t *testing.T) {
	base := Limit{Code: "x", Name: "x", NameEN: "x", Source: "law", Base: Duration{10, CalendarDays}}
	v1, v2 := base, base
	v1.EffectiveFrom, v1.EffectiveTo = civil.MustParse("2019-01-01"), civil.MustParse("2026-06-30")
	v2.EffectiveFrom, v2.Base = civil.MustParse("2026-07-01"), Duration{15, WorkingDays}
	ls, err := NewLimits([]Limit{v2, v1})
	if err != nil {
		t.Fatal(err)
	}
	for on, want := range map[string]Duration{"2026-06-30": v1.Base, "2026-07-01": v2.Base, "2019-01-01": v1.Base} {
		l, err := ls.Find("x", civil.MustParse(on))
		if err != nil || l.Base != want {
			t.Errorf("Find on %s = %v, %v; want %v", on, l.Base, err, want)
		}
	}
	if _, err := ls.Find("x", civil.MustParse("2018-12-31")); !errors.Is(err, ErrUnknownLimit) {
		t.Errorf("before the first version: %v", err)
	}
	if _, err := ls.Find("y", civil.MustParse("2026-01-01")); !errors.Is(err, ErrUnknownLimit) {
		t.Errorf("unknown code: %v", err)
	}
	v1.EffectiveTo = civil.MustParse("2026-07-01")
	if _, err := NewLimits([]Limit{v1, v2}); err == nil {
		t.Error("overlapping versions accepted")
	}
}

func TestLimitValidation(t *testing.T) {
	ok := Limit{Code: "x", Name: "x", NameEN: "x", Source: "law", Base: Duration{30, CalendarDays},
		EffectiveFrom: civil.MustParse("2019-01-01")}
	ext := func(e ...Extension) Limit { l := ok; l.Extensions = e; return l }
	tests := map[string]Limit{
		"total does not add up": ext(Extension{Duration: Duration{30, CalendarDays}, MaxTotal: Duration{70, CalendarDays}, Condition: "c", ConditionEN: "c"}),
		"no condition":          ext(Extension{Duration: Duration{30, CalendarDays}}),
		"empty extension":       ext(Extension{Condition: "c", ConditionEN: "c"}),
		"sum after a total-only extension": ext(
			Extension{MaxTotal: Duration{2, Months}, Condition: "c", ConditionEN: "c"},
			Extension{Duration: Duration{2, Months}, Condition: "c", ConditionEN: "c"}),
		"no source":     func() Limit { l := ok; l.Source = ""; return l }(),
		"zero base":     func() Limit { l := ok; l.Base = Duration{}; return l }(),
		"no start date": func() Limit { l := ok; l.EffectiveFrom = civil.Date{}; return l }(),
	}
	for name, l := range tests {
		if _, err := NewLimits([]Limit{l}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := NewLimits([]Limit{ok}); err != nil {
		t.Errorf("valid limit refused: %v", err)
	}
	if _, err := ParseLimits([]byte(`{"limits":[{"code":"x","unit":"days"}]}`)); err == nil {
		t.Error("ParseLimits accepted an unknown field")
	}
}

// The exported data round-trips through JSON, as an administrator's export
// and import would.
func TestLimitsJSONRoundTrip(t *testing.T) {
	ls := mustLimits(t)
	b, err := json.Marshal(map[string][]Limit{"limits": ls.All()})
	if err != nil {
		t.Fatal(err)
	}
	again, err := ParseLimits(b)
	if err != nil {
		t.Fatalf("re-import: %v", err)
	}
	if len(again.All()) != len(ls.All()) {
		t.Errorf("%d limits after round trip, want %d", len(again.All()), len(ls.All()))
	}
	for i, l := range again.All() {
		if l.Code != ls.All()[i].Code || l.Base != ls.All()[i].Base || len(l.Extensions) != len(ls.All()[i].Extensions) {
			t.Errorf("limit %d changed in the round trip: %+v", i, l)
		}
	}
}
