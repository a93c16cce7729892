package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"noichinh/internal/caldata"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/fixture"
	"noichinh/internal/store/storetest"
)

func runCalendarCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &cliEnv{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code = runMain(context.Background(), env, append([]string{"calendar"}, args...))
	return code, out.String(), errb.String()
}

func TestCalendarCommand(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     string // exact, when set
		stdoutHas  string
		stderrHas  string
		stderrNone bool
	}{
		{name: "working days over Tết 2026", args: []string{"deadline", "--from", "2026-02-10", "--days", "7", "--working"},
			stdout: "2026-02-26\n", stderrNone: true},
		{name: "calendar days end on Tết, moved to the next working day", args: []string{"deadline", "--from", "2026-02-10", "--days", "7"},
			stdout: "2026-02-23\n", stderrNone: true},
		{name: "months: 31/1 + 1 month is 28/2, a Saturday", args: []string{"deadline", "--from", "2026-01-31", "--months", "1"},
			stdout: "2026-03-02\n"},
		{name: "legal limit with extensions", args: []string{"deadline", "--from", "2026-01-28", "--limit", "crime_report.decide", "--extensions", "2"},
			stdout: "2026-05-28\n"},
		{name: "a year without a government schedule is flagged", args: []string{"deadline", "--from", "2026-12-20", "--days", "20", "--working"},
			stdout: "2027-01-18\n", stderrHas: "no government schedule loaded for 2027"}, // 1/1/2027 is a Friday holiday
		{name: "lunar", args: []string{"lunar", "2026-02-17"},
			stdout: `{"solar":"2026-02-17","lunar_year":2026,"lunar_month":1,"lunar_day":1,"leap":false,"year_name":"Bính Ngọ"}` + "\n"},
		{name: "lunar in a leap month", args: []string{"lunar", "2025-07-25"},
			stdout: `{"solar":"2025-07-25","lunar_year":2025,"lunar_month":6,"lunar_day":1,"leap":true,"year_name":"Ất Tỵ"}` + "\n"},
		{name: "solar", args: []string{"solar", "--year", "2026", "--month", "1", "--day", "1"}, stdout: "2026-02-17\n"},
		{name: "solar leap", args: []string{"solar", "--year", "2025", "--month", "6", "--day", "1", "--leap"}, stdout: "2025-07-25\n"},
		{name: "year", args: []string{"year", "2026"},
			stdoutHas: "2026-02-14\tThứ Bảy\tNghỉ Tết Âm lịch Bính Ngọ (27 tháng Chạp)\t27/12/2025\n", stderrNone: true},
		{name: "worked Saturdays, flag after the year", args: []string{"year", "2026", "--worked"},
			stdout: "2026-08-22\tThứ Bảy\tLàm việc thứ Bảy, hoán đổi cho thứ Hai 31/8\n"},

		{name: "no subcommand", args: nil, code: 2, stderrHas: "missing subcommand"},
		{name: "unknown subcommand", args: []string{"week"}, code: 2, stderrHas: "unknown subcommand"},
		{name: "no length", args: []string{"deadline", "--from", "2026-02-10"}, code: 2, stderrHas: "exactly one of"},
		{name: "two lengths", args: []string{"deadline", "--from", "2026-02-10", "--days", "3", "--months", "1"}, code: 2, stderrHas: "exactly one of"},
		{name: "bad date", args: []string{"deadline", "--from", "10/02/2026", "--days", "3"}, code: 2, stderrHas: "YYYY-MM-DD"},
		{name: "negative", args: []string{"deadline", "--from", "2026-02-10", "--days", "-3"}, code: 2, stderrHas: "negative"},
		{name: "working without days", args: []string{"deadline", "--from", "2026-02-10", "--months", "1", "--working"}, code: 2, stderrHas: "--working needs --days"},
		{name: "unknown limit", args: []string{"deadline", "--from", "2026-02-10", "--limit", "nope"}, code: 2, stderrHas: `unknown code "nope"`},
		{name: "too many extensions", args: []string{"deadline", "--from", "2026-02-10", "--limit", "appeal.parties", "--extensions", "1"}, code: 2, stderrHas: "0 extension"},
		{name: "year without data", args: []string{"year", "2012"}, code: 1, stderrHas: "no day-off data for 2012"},
		{name: "deadline without data", args: []string{"deadline", "--from", "2012-06-01", "--days", "3", "--working"}, code: 1, stderrHas: "no day-off data for 2012"},
		{name: "not a year", args: []string{"year", "twenty"}, code: 2, stderrHas: "not a year"},
		{name: "lunar out of range", args: []string{"lunar", "1800-01-01"}, code: 1, stderrHas: "supported range"},
		{name: "not a leap month", args: []string{"solar", "--year", "2024", "--month", "6", "--day", "1", "--leap"}, code: 2, stderrHas: "2024 has no leap month"},
		{name: "day 30 of a 29-day month", args: []string{"solar", "--year", "2025", "--month", "12", "--day", "30"}, code: 2, stderrHas: "29 days"},
		{name: "solar missing fields", args: []string{"solar", "--day", "3"}, code: 2, stderrHas: "missing --year, --month"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCalendarCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.code, stderr)
			}
			if tt.stdout != "" && stdout != tt.stdout {
				t.Errorf("stdout %q, want %q", stdout, tt.stdout)
			}
			if !strings.Contains(stdout, tt.stdoutHas) {
				t.Errorf("stdout %q lacks %q", stdout, tt.stdoutHas)
			}
			if !strings.Contains(stderr, tt.stderrHas) {
				t.Errorf("stderr %q lacks %q", stderr, tt.stderrHas)
			}
			if tt.stderrNone && stderr != "" {
				t.Errorf("unexpected stderr %q", stderr)
			}
			if tt.code != 0 && (strings.Count(stderr, "\n") != 1 || strings.Contains(stderr, "calendar: calendar:")) {
				t.Errorf("an error should be one clean line, got %q", stderr)
			}
		})
	}
}

func TestCalendarHelpExplainsEveryOption(t *testing.T) {
	for sub, options := range map[string][]string{
		"deadline": {"-from", "-days", "-working", "-months", "-limit", "-extensions", "-embedded", "-data"},
		"year":     {"-worked", "-embedded", "-db"},
		"solar":    {"-year", "-month", "-day", "-leap"},
		"lunar":    {"JSON"},
	} {
		code, stdout, _ := runCalendarCLI(t, sub, "-h")
		if code != 0 {
			t.Errorf("%s -h: exit %d", sub, code)
		}
		for _, o := range options {
			if !strings.Contains(stdout, o) {
				t.Errorf("%s -h does not mention %s:\n%s", sub, o, stdout)
			}
		}
	}
	code, stdout, _ := runCalendarCLI(t, "-h")
	if code != 0 || !strings.Contains(stdout, "deadline") || !strings.Contains(stdout, "solar") {
		t.Errorf("calendar -h: exit %d\n%s", code, stdout)
	}
}

// With a database, the command answers with the calendar the server uses:
// an administrator's extra day off moves the deadline and shows in the
// year; -embedded gives the shipped data; a data folder without a database
// is the shipped data, and the folder is not created.
func TestCalendarCommandReadsTheDatabase(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			cfg := storetest.SQLiteConfig(t)
			if engine == "postgres" {
				cfg = storetest.PostgresConfig(t)
			}
			db := storetest.Migrated(t, cfg)
			src, err := caldata.Open(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			org := fixture.Org(t, db, "LSN")
			_, err = caldata.NewService(src).AddOverride(fixture.System(org.ID), caldata.OverrideInput{Date: civil.MustParse("2026-03-04"),
				Kind: calendar.KindDayOff, Reason: "Nghỉ thêm theo quyết định của Tỉnh", Document: "Quyết định 12/QĐ-UBND"})
			if err != nil {
				t.Fatal(err)
			}
			where := []string{"-data", cfg.Data}
			if cfg.DB != "" {
				where = append(where, "-db", cfg.DB)
			}
			run := func(args ...string) (int, string, string) { return runCalendarCLI(t, append(args, where...)...) }
			if code, out, errOut := run("deadline", "--from", "2026-03-02", "--days", "3", "--working"); code != 0 || out != "2026-03-06\n" {
				t.Errorf("deadline from the database: %d %q %q", code, out, errOut)
			}
			if code, out, _ := run("deadline", "--from", "2026-03-02", "--days", "3", "--working", "-embedded"); code != 0 || out != "2026-03-05\n" {
				t.Errorf("deadline -embedded: %d %q", code, out)
			}
			if _, out, _ := run("year", "2026"); !strings.Contains(out, "2026-03-04\tThứ Tư\tNghỉ thêm theo quyết định của Tỉnh\t16/1/2026\n") {
				t.Errorf("year from the database:\n%s", out)
			}
			if _, out, _ := run("year", "-embedded", "2026"); strings.Contains(out, "2026-03-04") {
				t.Error("year -embedded shows the database's day")
			}
		})
	}
	empty := t.TempDir() + "/none"
	if code, out, errOut := runCalendarCLI(t, "deadline", "--from", "2026-03-02", "--days", "3", "--working", "-data", empty); code != 0 || out != "2026-03-05\n" || errOut != "" {
		t.Errorf("without a database: %d %q %q", code, out, errOut)
	}
	if _, err := os.Stat(empty); !os.IsNotExist(err) {
		t.Errorf("the command created the data folder: %v", err)
	}
	if code, _, errOut := runCalendarCLI(t, "year", "2026", "-db", "mysql://x"); code != 2 || !strings.Contains(errOut, "postgres://") {
		t.Errorf("a bad database setting: %d %q", code, errOut)
	}
}
