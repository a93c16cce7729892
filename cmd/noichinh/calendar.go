package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"noichinh/internal/caldata"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/config"
	"noichinh/internal/store"
)

func init() {
	register(&command{
		name:    "calendar",
		summary: "deadlines, days off and lunar dates: noichinh calendar deadline|year|lunar|solar",
		run:     runCalendar,
	})
}

const calendarHelp = `Legal deadlines and the Vietnamese calendar, from the holiday rules, the
government's yearly schedules and the legal time limits: those shipped with
the program plus what administrators changed in the database (the same data
the server uses), or with -embedded the shipped data only.

subcommands:
  deadline --from DATE --days N [--working]   due date after N calendar (or working) days
  deadline --from DATE --months N             due date N months later (criminal procedure)
  deadline --from DATE --limit CODE [--extensions K]
                                              due date of a legal time limit
  year YEAR [--worked]                        days off of a year (or weekend days worked)
  lunar DATE                                  lunar date of a solar date, as one JSON object
  solar --year Y --month M --day D [--leap]   solar date of a lunar date

Dates are YYYY-MM-DD. The day a limit starts from is not counted; a limit in
calendar days or months that ends on a day off ends on the next working day.
deadline and year read the database named by -data/-db (or NOICHINH_DATA,
NOICHINH_DB) when there is one; a data folder without a database means the
shipped data. Run "noichinh calendar SUBCOMMAND -h" for a subcommand's options.`

func runCalendar(ctx context.Context, env *cliEnv, args []string) error {
	if len(args) == 0 {
		return usagef("missing subcommand: deadline, year, lunar or solar (see noichinh calendar -h)")
	}
	var err error
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprintf(env.stdout, "usage: noichinh calendar SUBCOMMAND [options]\n\n%s\n", calendarHelp)
		return nil
	case "deadline":
		err = calendarDeadline(ctx, env, args[1:])
	case "year":
		err = calendarYear(ctx, env, args[1:])
	case "lunar":
		err = calendarLunar(env, args[1:])
	case "solar":
		err = calendarSolar(env, args[1:])
	default:
		return usagef("unknown subcommand %q: use deadline, year, lunar or solar", args[0])
	}
	return withoutPackagePrefix(err)
}

// withoutPackagePrefix drops the "calendar: " that the package puts on its
// errors, which the command's own "noichinh calendar: " prefix repeats.
func withoutPackagePrefix(err error) error {
	var ue usageError
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return err
	case errors.As(err, &ue):
		return usageError{strings.TrimPrefix(ue.msg, "calendar: ")}
	default:
		return errors.New(strings.TrimPrefix(err.Error(), "calendar: "))
	}
}

// parseWithArgs parses flags that may come before or after the positional
// arguments ("year 2026 --worked" as well as "year --worked 2026"); the
// flag package alone stops at the first positional argument.
func parseWithArgs(fs *flags, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// calendarSourceFlags registers the options that choose the data: the
// database's (as the server uses it) or, with -embedded, the shipped data.
func calendarSourceFlags(fs *flags, env *cliEnv) (*config.Config, *bool) {
	cfg := storageFlags(fs, env)
	embedded := fs.Bool("embedded", false, "use the data shipped with the program only, not the database's")
	return cfg, embedded
}

// loadCalendar returns the calendar and legal limits the command answers
// with: built from the shipped data plus the database's, exactly as the
// server builds them, when a database is configured (a data folder without
// a database file means none); the shipped data alone with -embedded. The
// database is only read, never migrated.
func loadCalendar(ctx context.Context, env *cliEnv, cfg *config.Config, embedded bool) (*calendar.Calendar, *calendar.Limits, error) {
	if !embedded {
		if err := cfg.Validate(); err != nil {
			return nil, nil, usageError{err.Error()}
		}
		_, statErr := os.Stat(cfg.SQLitePath())
		if cfg.Engine() == config.Postgres || statErr == nil {
			return databaseCalendar(ctx, env, cfg)
		}
	}
	cal, err := calendar.Default()
	if err != nil {
		return nil, nil, err
	}
	limits, err := calendar.EmbeddedLimits()
	return cal, limits, err
}

func databaseCalendar(ctx context.Context, env *cliEnv, cfg *config.Config) (*calendar.Calendar, *calendar.Limits, error) {
	db, err := store.Open(ctx, cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("%w (use -embedded for the shipped data only)", err)
	}
	defer db.Close()
	ok, err := caldata.Installed(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		fmt.Fprintf(env.stderr, "noichinh calendar: note: the database at %s has no calendar tables yet (run noichinh migrate); using the shipped data\n", db.Where())
		return loadCalendar(ctx, env, cfg, true)
	}
	src, err := caldata.Open(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	return src.Calendar(), src.Limits(), nil
}

// warnUnconfirmed notes on stderr the years of [from, to] whose days off
// come from the law alone, because the government may still move days.
func warnUnconfirmed(env *cliEnv, cal *calendar.Calendar, from, to int) {
	for y := from; y <= to; y++ {
		if !cal.Confirmed(y) {
			fmt.Fprintf(env.stderr, "noichinh calendar: note: no government schedule loaded for %d; its days off follow the law's defaults\n", y)
		}
	}
}

func parseDateArg(name, s string) (civil.Date, error) {
	if s == "" {
		return civil.Date{}, usagef("%s is required (YYYY-MM-DD)", name)
	}
	d, err := civil.Parse(s)
	if err != nil {
		return civil.Date{}, usagef("%s: %q is not a date in the form YYYY-MM-DD", name, s)
	}
	return d, nil
}

func calendarDeadline(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "calendar deadline", "--from DATE (--days N [--working] | --months N | --limit CODE [--extensions K])", `
Prints the due date (YYYY-MM-DD) of a time limit starting on --from. The
start day is not counted. Working days skip weekly rest days, holidays and
the government's days off; a limit in calendar days or months that ends on a
day off ends on the next working day (Civil Code 2015 Art. 148, Criminal
Procedure Code 2015 Art. 134). Give exactly one of --days, --months, --limit.`)
	from := fs.String("from", "", "start `date` (YYYY-MM-DD), the day of receipt or decision; not counted")
	days := fs.Int("days", 0, "length of the limit in `days`")
	working := fs.Bool("working", false, "count --days as working days instead of calendar days")
	months := fs.Int("months", 0, "length of the limit in `months` (same date N months later, or that month's last day)")
	limit := fs.String("limit", "", "`code` of a legal time limit, e.g. denunciation.resolve or investigation.serious")
	extensions := fs.Int("extensions", 0, "`number` of the limit's extensions granted (with --limit)")
	cfg, embedded := calendarSourceFlags(fs, env)
	if err := fs.parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	start, err := parseDateArg("--from", *from)
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	given := 0
	for _, name := range []string{"days", "months", "limit"} {
		if set[name] {
			given++
		}
	}
	switch {
	case given != 1:
		return usagef("give exactly one of --days, --months or --limit")
	case *working && !set["days"]:
		return usagef("--working needs --days")
	case set["extensions"] && !set["limit"]:
		return usagef("--extensions needs --limit")
	case *days < 0 || *months < 0 || *extensions < 0:
		return usagef("a time limit or number of extensions cannot be negative")
	}
	cal, limits, err := loadCalendar(ctx, env, cfg, *embedded)
	if err != nil {
		return err
	}
	var due civil.Date
	switch {
	case set["days"] && *working:
		due, err = cal.AddWorkingDays(start, *days)
	case set["days"]:
		due, err = cal.AddCalendarDays(start, *days)
	case set["months"]:
		due, err = cal.AddMonths(start, *months)
	default:
		due, err = limitDue(cal, limits, *limit, start, *extensions)
	}
	if err != nil {
		return err
	}
	warnUnconfirmed(env, cal, start.Year, due.Year)
	fmt.Fprintln(env.stdout, due)
	return nil
}

func limitDue(cal *calendar.Calendar, limits *calendar.Limits, code string, start civil.Date, extensions int) (civil.Date, error) {
	l, err := limits.Find(code, start)
	if err != nil {
		return civil.Date{}, usagef("%v", err)
	}
	if extensions > len(l.Extensions) {
		return civil.Date{}, usagef("limit %s has %d extension(s), not %d", code, len(l.Extensions), extensions)
	}
	return cal.Due(l, start, extensions)
}

func calendarYear(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "calendar year", "YEAR [--worked]", `
Prints the days off of YEAR other than ordinary weekends, one per line, tab
separated: date, weekday, reason, lunar date (day/month/year; "nhuận" marks a
leap month). Holidays that fall on a weekend are listed with their make-up
day. A year without a loaded government schedule follows the law's defaults,
and a note says so on stderr.`)
	worked := fs.Bool("worked", false, "list instead the weekend days the government made working days")
	cfg, embedded := calendarSourceFlags(fs, env)
	positional, err := parseWithArgs(fs, args)
	if err != nil {
		return err
	}
	if len(positional) != 1 {
		return usagef("give one YEAR, e.g. noichinh calendar year 2026")
	}
	year, err := strconv.Atoi(positional[0])
	if err != nil {
		return usagef("%q is not a year", positional[0])
	}
	cal, _, err := loadCalendar(ctx, env, cfg, *embedded)
	if err != nil {
		return err
	}
	if *worked {
		for _, o := range cal.WorkedRestDays(year) {
			fmt.Fprintf(env.stdout, "%s\t%s\t%s\n", o.Date, calendar.WeekdayName(o.Date.Weekday()), o.Reason)
		}
		warnUnconfirmed(env, cal, year, year)
		return nil
	}
	days, err := cal.DaysOff(year)
	if err != nil {
		return err
	}
	for _, d := range days {
		fmt.Fprintf(env.stdout, "%s\t%s\t%s\t%s\n", d.Date, calendar.WeekdayName(d.Date.Weekday()), d.Reason, d.Lunar)
	}
	warnUnconfirmed(env, cal, year, year)
	return nil
}

// lunarJSON is the output of "calendar lunar"; the field order is part of
// the interface.
type lunarJSON struct {
	Solar      string `json:"solar"`
	LunarYear  int    `json:"lunar_year"`
	LunarMonth int    `json:"lunar_month"`
	LunarDay   int    `json:"lunar_day"`
	Leap       bool   `json:"leap"`
	YearName   string `json:"year_name"`
}

func calendarLunar(env *cliEnv, args []string) error {
	fs := newFlags(env, "calendar lunar", "DATE", `
Prints the Vietnamese lunar date of DATE (YYYY-MM-DD, 1900-01-31 to
2199-12-31) as one JSON object:
{"solar":"2026-02-17","lunar_year":2026,"lunar_month":1,"lunar_day":1,"leap":false,"year_name":"Bính Ngọ"}`)
	if err := fs.parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("give one DATE, e.g. noichinh calendar lunar 2026-02-17")
	}
	d, err := parseDateArg("DATE", fs.Arg(0))
	if err != nil {
		return err
	}
	l, err := calendar.ToLunar(d)
	if err != nil {
		return err
	}
	b, err := json.Marshal(lunarJSON{d.String(), l.Year, l.Month, l.Day, l.Leap, calendar.YearName(l.Year)})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "%s\n", b)
	return nil
}

func calendarSolar(env *cliEnv, args []string) error {
	fs := newFlags(env, "calendar solar", "--year Y --month M --day D [--leap]", `
Prints the solar date (YYYY-MM-DD) of a Vietnamese lunar date. A leap month
(tháng nhuận) needs --leap; a month that is not leap in that year, or day 30
of a 29-day month, is refused.`)
	year := fs.Int("year", 0, "lunar `year` (1900–2199)")
	month := fs.Int("month", 0, "lunar `month` (1–12)")
	day := fs.Int("day", 0, "lunar `day` (1–30)")
	leap := fs.Bool("leap", false, "the month is the leap month (tháng nhuận)")
	if err := fs.parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	var missing []string
	for _, f := range []struct {
		name  string
		value int
	}{{"--year", *year}, {"--month", *month}, {"--day", *day}} {
		if f.value == 0 {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return usagef("missing %s", strings.Join(missing, ", "))
	}
	d, err := calendar.FromLunar(calendar.LunarDate{Year: *year, Month: *month, Day: *day, Leap: *leap})
	if errors.Is(err, calendar.ErrInvalidLunarDate) {
		return usagef("%v", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, d)
	return nil
}
