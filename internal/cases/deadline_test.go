package cases

import (
	"errors"
	"testing"

	"noichinh/internal/calendar"
	"noichinh/internal/civil"
)

func embeddedDeadlines(t *testing.T) Deadlines {
	t.Helper()
	cal, err := calendar.Default()
	if err != nil {
		t.Fatal(err)
	}
	lim, err := calendar.EmbeddedLimits()
	if err != nil {
		t.Fatal(err)
	}
	return Deadlines{Cal: cal, Limits: lim}
}

// limitedCalendar has day-off data up to the end of 2024 only.
func limitedCalendar(t *testing.T) *calendar.Calendar {
	t.Helper()
	rules, err := calendar.EmbeddedRules()
	if err != nil {
		t.Fatal(err)
	}
	rules.Laws[len(rules.Laws)-1].EffectiveTo = civil.MustParse("2024-12-31")
	cal, err := calendar.New(rules, nil)
	if err != nil {
		t.Fatal(err)
	}
	return cal
}

func TestDeadlines(t *testing.T) {
	d := embeddedDeadlines(t)
	at := func(stage Stage, start string, ext, paused int) State {
		return State{Stage: stage, Clock: Clock{Period: periodOf(stage), Start: civil.MustParse(start), Extensions: ext, PausedDays: paused}}
	}
	cases := []struct {
		name   string
		state  State
		class  OffenceClass
		status DeadlineStatus
		code   string
		due    string
	}{
		{"crime report: 20 days", at(CrimeReportReceived, "2024-03-01", 0, 0), NoClass, Running, "crime_report.decide", "2024-03-21"},
		{"20 days ending on a Saturday move to Monday", at(CrimeReportReceived, "2024-03-03", 0, 0), NoClass, Running,
			"crime_report.decide", "2024-03-25"},
		{"crime report extended to 2 months in total", at(CrimeReportReceived, "2024-03-01", 1, 0), NoClass, Running,
			"crime_report.decide", "2024-05-02"}, // 1 May and 30 April are holidays
		{"investigation, serious: 3 months", at(Prosecuted, "2024-02-15", 0, 0), Serious, Running, "investigation.serious", "2024-05-15"},
		{"… first extension: 6 months in total", at(Investigating, "2024-02-15", 1, 0), Serious, Running, "investigation.serious", "2024-08-15"},
		{"… second extension: 8 months in total", at(Investigating, "2024-02-15", 2, 0), Serious, Running, "investigation.serious", "2024-10-15"},
		{"… 10 days suspended push it back", at(Investigating, "2024-02-15", 0, 10), Serious, Running, "investigation.serious", "2024-05-27"},
		{"investigation, especially serious", at(Prosecuted, "2024-02-15", 0, 0), EspeciallySerious, Running,
			"investigation.especially_serious", "2024-06-17"}, // 15 June is a Saturday
		{"indictment, very serious: 30 days", at(InvestigationConcluded, "2024-09-02", 0, 0), VerySerious, Running,
			"indictment.very_serious", "2024-10-02"},
		{"trial preparation, less serious: 30 days", at(Indicted, "2024-06-03", 0, 0), LessSerious, Running,
			"trial_preparation.less_serious", "2024-07-03"},
		{"hearing: 15 days", at(TrialScheduled, "2024-06-03", 0, 0), Serious, Running, "trial.hearing", "2024-06-18"},
		{"appeal: 15 days", at(FirstInstanceTrial, "2024-06-03", 0, 0), Serious, Running, "appeal.parties", "2024-06-18"},
		{"the limit depends on a class not set", at(Prosecuted, "2024-02-15", 0, 0), NoClass, NeedsClass, "", ""},
		{"no version in force before 2018", at(CrimeReportReceived, "2017-05-02", 0, 0), NoClass, NoRule, "crime_report.decide", ""},
		{"supplementary investigation after the procuracy's return: 2 months", at(ReturnedForInvestigation, "2024-02-15", 0, 0), Serious, Running,
			"investigation.supplementary.procuracy", "2024-04-15"},
		{"… after the court's: 1 month", State{Stage: ReturnedForInvestigation,
			Clock: Clock{Period: SupplementaryAfterCourt, Start: civil.MustParse("2024-03-30")}}, Serious, Running,
			"investigation.supplementary.court", "2024-05-02"}, // 30/4 and 1/5 are holidays
		{"no limit after the appeal", at(AppealTrial, "2024-02-15", 0, 0), Serious, NoDeadline, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := d.For(tc.state, tc.class)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != tc.status || got.LimitCode != tc.code || got.DueOn.String() != tc.due {
				t.Errorf("got %s %s %s, want %s %s %s", got.Status, got.LimitCode, got.DueOn, tc.status, tc.code, tc.due)
			}
			if tc.status == Running && got.LimitFrom != civil.MustParse("2018-01-01") {
				t.Errorf("limit version %s, want the one from 2018-01-01", got.LimitFrom)
			}
		})
	}
}

func TestDeadlinePausedWhileSuspended(t *testing.T) {
	d := embeddedDeadlines(t)
	s := State{Stage: Suspended, ResumeStage: Investigating,
		Clock: Clock{Period: InvestigationPeriod, Start: civil.MustParse("2024-02-15"), PausedOn: civil.MustParse("2024-03-01")}}
	got, err := d.For(s, Serious)
	if err != nil || got.Status != Paused || !got.DueOn.IsZero() || got.LimitCode != "investigation.serious" {
		t.Fatalf("got %+v, %v", got, err)
	}
}

func TestDeadlineErrors(t *testing.T) {
	d := embeddedDeadlines(t)
	s := State{Stage: Investigating, Clock: Clock{Period: InvestigationPeriod, Start: civil.MustParse("2024-02-15"), Extensions: 3}}
	var tooMany *ExtensionsError
	if _, err := d.For(s, Serious); !errors.As(err, &tooMany) || tooMany.Max != 2 {
		t.Errorf("three extensions of a serious investigation: %v", err)
	}
	d.Cal = limitedCalendar(t)
	s = State{Stage: Prosecuted, Clock: Clock{Period: InvestigationPeriod, Start: civil.MustParse("2024-11-20")}}
	var noData *calendar.NoDataError
	if _, err := d.For(s, Serious); !errors.As(err, &noData) || noData.Year != 2025 {
		t.Errorf("due in a year without data: %v", err)
	}
}
