package caldata

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// Service is the calendar's administration: the year's days off, the
// government's schedules, the legal time limits, and the deadline
// calculator. Reads need a signed-in user (the law and the government's
// schedule are no secret); writes need settings.admin, are validated before
// anything is written, audited in their transaction, and reach the
// process's handles before the call returns.
type Service struct {
	db  *store.DB
	src *Source
}

// NewService returns the service over src.
func NewService(src *Source) *Service { return &Service{db: src.db, src: src} }

// Source is the process's calendar data.
func (s *Service) Source() *Source { return s.src }

const (
	minYear   = 1900
	maxYear   = 2199
	maxText   = 500
	maxCount  = 10000
	maxReason = 300
)

var codePattern = regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)*$`)

func errDuplicateDay(d civil.Date) error {
	return validate.Errors{{Field: "date", Key: "calendar.error.duplicate_day", Params: map[string]any{"date": vntext.Date(d)}}}
}

func errDuplicateVersion(d civil.Date) error {
	return validate.Errors{{Field: "effective_from", Key: "calendar.error.duplicate_version", Params: map[string]any{"date": vntext.Date(d)}}}
}

// noRules is the field error for a year the law's rules do not cover.
func noRules(errs *validate.Errors, field string, year int, covered civil.Range) {
	errs.Add(field, "calendar.error.no_rules", map[string]any{"year": year,
		"from": vntext.Date(covered.From), "to": vntext.Date(covered.To)})
}

// yearCovered reports whether the rules cover every day of year.
func yearCovered(year int, covered civil.Range) bool {
	return covered.Contains(civil.New(year, time.January, 1)) && covered.Contains(civil.New(year, time.December, 31))
}

// Year lists a year's days off and worked days as the calendar in use
// answers them, with where each comes from. A year outside 1900–2199 is a
// field error on "year".
func (s *Service) Year(ctx context.Context, year int) (Year, error) {
	if _, err := access.Check(ctx, access.Self); err != nil {
		return Year{}, err
	}
	if year < minYear || year > maxYear {
		return Year{}, validate.Errors{{Field: "year", Key: "calendar.error.year_range", Params: map[string]any{"min": minYear, "max": maxYear}}}
	}
	if _, err := s.src.Refresh(ctx); err != nil {
		return Year{}, err
	}
	cal := s.src.Calendar().Pin()
	y := Year{Year: year, Rules: cal.Covered(), Confirmed: cal.Confirmed(year)}
	y.Covered = yearCovered(year, y.Rules)
	if sc, ok := cal.Schedule(year); ok {
		y.Source = sc.Source
	}
	row, inDB, err := getYear(ctx, s.db.Read(), year)
	if err != nil {
		return Year{}, err
	}
	if inDB {
		y.InDatabase, y.ConfirmedAt, y.ConfirmedBy, y.Version = true, row.ConfirmedAt, row.ConfirmedBy, row.Version
		if y.Overrides, err = readOverrides(ctx, s.db.Read(), year); err != nil {
			return Year{}, err
		}
	} else if sc, ok := s.src.shippedSchedule(year); ok {
		y.Overrides = shippedOverrides(sc)
	}
	byDate := map[civil.Date]*Override{}
	for i := range y.Overrides {
		byDate[y.Overrides[i].Date] = &y.Overrides[i]
	}
	if !y.Covered {
		return y, nil
	}
	if y.WorkingDays, err = cal.WorkingDaysBetween(civil.New(year-1, time.December, 31), civil.New(year, time.December, 31)); err != nil {
		return Year{}, err
	}
	days, err := cal.DaysOff(year)
	if err != nil {
		return Year{}, err
	}
	for _, d := range days {
		day := Day{Date: d.Date, Reason: d.Reason, ReasonEN: d.ReasonEN, Lunar: d.Lunar, Origin: OriginLaw}
		if o := byDate[d.Date]; o != nil && d.Scheduled {
			day.Origin, day.Override = o.Origin, o
		}
		y.DaysOff = append(y.DaysOff, day)
	}
	for i, o := range y.Overrides {
		if o.Kind == calendar.KindWorkDay {
			lunar, _ := calendar.ToLunar(o.Date)
			y.WorkedDays = append(y.WorkedDays, Day{Date: o.Date, Reason: o.Reason, ReasonEN: o.ReasonEN, Lunar: lunar,
				Origin: o.Origin, Override: &y.Overrides[i]})
		}
	}
	return y, nil
}

// shippedOverrides are the decisions of a shipped schedule, as rows.
func shippedOverrides(sc calendar.Schedule) []Override {
	out := make([]Override, 0, len(sc.Overrides))
	for _, o := range sc.Overrides {
		out = append(out, Override{Date: o.Date, Kind: o.Kind, Reason: o.Reason, ReasonEN: o.ReasonEN,
			Document: sc.Source, Origin: OriginSchedule})
	}
	return out
}

// LimitFilter selects limit versions for a list.
type LimitFilter struct {
	Q         string     // words of the code, name or source, any accents
	Code      string     // one code, exactly
	InForceOn civil.Date // only the versions in force on this day
	Sort      string     // "code" (default), "name", "effective_from", "base"
	Desc      bool
	Page      int // from 1
	PerPage   int // 0: 50
}

// LimitPage is one page of limit versions.
type LimitPage struct {
	Items []LimitVersion
	Total int
	Page  int
	Pages int
}

// Limits lists the versions of the legal time limits in use that match f,
// with where each comes from.
func (s *Service) Limits(ctx context.Context, f LimitFilter) (LimitPage, error) {
	all, err := s.allLimits(ctx)
	if err != nil {
		return LimitPage{}, err
	}
	terms := strings.Fields(vntext.Fold(f.Q))
	var items []LimitVersion
	for _, l := range all {
		if f.Code != "" && l.Code != f.Code {
			continue
		}
		if !f.InForceOn.IsZero() && !inForce(l.Limit, f.InForceOn) {
			continue
		}
		text := vntext.Fold(l.Code + " " + l.Name + " " + l.NameEN + " " + l.Source)
		if !slices.ContainsFunc(terms, func(t string) bool { return !strings.Contains(text, t) }) {
			items = append(items, l)
		}
	}
	cmp := func(a, b LimitVersion) int {
		switch f.Sort {
		case "name":
			return vntext.Compare(a.Name, b.Name)
		case "effective_from":
			return a.EffectiveFrom.Compare(b.EffectiveFrom)
		case "base":
			return limitLength(a.Limit) - limitLength(b.Limit)
		}
		return 0
	}
	slices.SortStableFunc(items, func(a, b LimitVersion) int {
		c := cmp(a, b)
		if c == 0 {
			c = strings.Compare(a.Code, b.Code)
		}
		if c == 0 {
			c = a.EffectiveFrom.Compare(b.EffectiveFrom)
		}
		if f.Desc {
			return -c
		}
		return c
	})
	per := f.PerPage
	if per <= 0 || per > 200 {
		per = 50
	}
	p := LimitPage{Total: len(items), Pages: max(1, (len(items)+per-1)/per)}
	p.Page = min(max(f.Page, 1), p.Pages)
	p.Items = items[min((p.Page-1)*per, len(items)):min(p.Page*per, len(items))]
	return p, nil
}

// limitLength orders limits by their base length, months as 30 days and
// working days as 7/5 of a day.
func limitLength(l calendar.Limit) int {
	switch l.Base.Unit {
	case calendar.Months:
		return l.Base.N * 300
	case calendar.WorkingDays:
		return l.Base.N * 14
	}
	return l.Base.N * 10
}

func inForce(l calendar.Limit, on civil.Date) bool {
	return !on.Before(l.EffectiveFrom) && (l.EffectiveTo.IsZero() || !on.After(l.EffectiveTo))
}

// LimitVersions lists every version of one code, oldest first;
// store.ErrNotFound when the code is unknown.
func (s *Service) LimitVersions(ctx context.Context, code string) ([]LimitVersion, error) {
	p, err := s.Limits(ctx, LimitFilter{Code: code, Sort: "effective_from", PerPage: 200})
	if err != nil {
		return nil, err
	}
	if p.Total == 0 {
		return nil, store.ErrNotFound
	}
	return p.Items, nil
}

// allLimits is every version in use, with the database's metadata.
func (s *Service) allLimits(ctx context.Context) ([]LimitVersion, error) {
	if _, err := access.Check(ctx, access.Self); err != nil {
		return nil, err
	}
	if _, err := s.src.Refresh(ctx); err != nil {
		return nil, err
	}
	all := s.src.Limits().Pin().All()
	rows, err := readLimits(ctx, s.db.Read(), "")
	if err != nil {
		return nil, err
	}
	type key struct {
		code string
		from civil.Date
	}
	stored := map[key]LimitVersion{}
	for _, r := range rows {
		stored[key{r.Code, r.EffectiveFrom}] = r
	}
	today := civil.Today()
	out := make([]LimitVersion, 0, len(all))
	for _, l := range all {
		v, ok := stored[key{l.Code, l.EffectiveFrom}]
		if !ok {
			v = LimitVersion{Origin: OriginShipped}
		}
		v.Limit = l
		v.InForce = inForce(l, today)
		out = append(out, v)
	}
	return out, nil
}

// ScheduleFile is the year's schedule as a file in the import format, to
// download, correct and import again.
func (s *Service) ScheduleFile(ctx context.Context, year int) ([]byte, error) {
	y, err := s.Year(ctx, year)
	if _, bad := validate.As(err); bad {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	sc := calendar.Schedule{Year: year, Source: y.Source, Provisional: !y.Confirmed, Overrides: []calendar.Override{}}
	for _, o := range y.Overrides {
		sc.Overrides = append(sc.Overrides, calendar.Override{Date: o.Date, Kind: o.Kind, Reason: o.Reason, ReasonEN: o.ReasonEN})
	}
	return json.MarshalIndent(sc, "", "  ")
}

// Deadline computes the due day of a period of n units from from, with the
// steps that lead to it. A year the rules do not cover is a field error
// naming the year, never a guess.
func (s *Service) Deadline(ctx context.Context, from civil.Date, n int, unit calendar.Unit) (calendar.Explanation, error) {
	if _, err := access.Check(ctx, access.Self); err != nil {
		return calendar.Explanation{}, err
	}
	var errs validate.Errors
	if from.IsZero() {
		errs.Add("from", "error.required", nil)
	}
	if n < 0 || n > maxCount {
		errs.Add("n", "calendar.error.count_range", map[string]any{"max": maxCount})
	}
	if unit != calendar.CalendarDays && unit != calendar.WorkingDays && unit != calendar.Months {
		errs.Add("unit", "error.invalid_choice", nil)
	}
	if len(errs) > 0 {
		return calendar.Explanation{}, errs
	}
	if _, err := s.src.Refresh(ctx); err != nil {
		return calendar.Explanation{}, err
	}
	e, err := s.src.Calendar().Explain(from, calendar.Duration{N: n, Unit: unit})
	var nd *calendar.NoDataError
	if errors.As(err, &nd) {
		field := "n"
		if nd.Year <= from.Year {
			field = "from"
		}
		noRules(&errs, field, nd.Year, nd.Covered)
		return calendar.Explanation{}, errs
	}
	return e, err
}

// write runs fn in one transaction, then bumps the data version, checks
// that the whole data still builds a calendar, audits, commits, and brings
// the process's handles up to date.
func (s *Service) write(ctx context.Context, fn func(tx *sql.Tx) (audit.Event, error)) error {
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		ev, err := fn(tx)
		if err != nil {
			return err
		}
		if _, err := bumpVersion(ctx, tx); err != nil {
			return err
		}
		d, err := load(ctx, tx)
		if err != nil {
			return err
		}
		if err := s.src.check(d); err != nil {
			return validate.Errors{{Key: "calendar.error.data_invalid", Params: map[string]any{"detail": err.Error()}}}
		}
		_, err = audit.Record(ctx, tx, ev)
		return err
	})
	if err != nil {
		return err
	}
	if _, err := s.src.Refresh(ctx); err != nil {
		return fmt.Errorf("caldata: saved, but the calendar in use was not reloaded (the watcher will retry): %w", err)
	}
	return nil
}

// ensureYear makes sure the year is kept in the database, copying its
// shipped schedule in on first use. It reports whether it created the row.
func (s *Service) ensureYear(ctx context.Context, tx *sql.Tx, year int, copyShipped bool) (bool, error) {
	if _, ok, err := getYear(ctx, tx, year); err != nil || ok {
		return false, err
	}
	sc, shipped := s.src.shippedSchedule(year)
	row := yearRow{Year: year}
	if shipped {
		row.Confirmed, row.Source = !sc.Provisional, sc.Source
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO calendar_years (year, confirmed, source, confirmed_by, created_at, updated_at,
		updated_by, version) VALUES ($1, $2, $3, '', $4, $4, '', 1) ON CONFLICT (year) DO NOTHING`,
		row.Year, row.Confirmed, row.Source, store.Now())
	if err != nil {
		return false, fmt.Errorf("caldata: keep year %d: %w", year, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil // another administrator kept it first
	}
	if shipped && copyShipped {
		for _, o := range shippedOverrides(sc) {
			if _, err := insertOverride(ctx, tx, year, o, true); err != nil {
				return false, err
			}
		}
	}
	return true, nil
}

// AddOverride records an administrator's decision for one day: an extra day
// off, or a working day (a worked Saturday, a holiday moved elsewhere).
func (s *Service) AddOverride(ctx context.Context, in OverrideInput) (Override, error) {
	if _, err := access.Check(ctx, access.SettingsAdmin); err != nil {
		return Override{}, err
	}
	in.Reason, in.ReasonEN, in.Document = vntext.Clean(in.Reason), vntext.Clean(in.ReasonEN), vntext.Clean(in.Document)
	if _, err := s.src.Refresh(ctx); err != nil {
		return Override{}, err
	}
	cal := s.src.Calendar().Pin()
	var errs validate.Errors
	switch {
	case in.Date.IsZero():
		errs.Add("date", "error.required", nil)
	case !in.Date.Valid():
		errs.Add("date", "error.invalid_date", nil)
	case !cal.Covered().Contains(in.Date):
		noRules(&errs, "date", in.Date.Year, cal.Covered())
	}
	if in.Kind != calendar.KindDayOff && in.Kind != calendar.KindWorkDay {
		errs.Add("kind", "error.invalid_choice", nil)
	}
	errs.Required("reason", in.Reason)
	errs.MaxLen("reason", in.Reason, maxReason)
	errs.MaxLen("reason_en", in.ReasonEN, maxReason)
	errs.Required("document", in.Document)
	errs.MaxLen("document", in.Document, maxText)
	if len(errs) == 0 {
		if off, err := cal.IsDayOff(in.Date); err == nil {
			if sc, ok := cal.Schedule(in.Date.Year); ok && scheduled(sc, in.Date) {
				errs = append(errs, errDuplicateDay(in.Date).(validate.Errors)...)
			} else if off && in.Kind == calendar.KindDayOff {
				errs.Add("date", "calendar.error.already_off", map[string]any{"date": vntext.Date(in.Date)})
			} else if !off && in.Kind == calendar.KindWorkDay {
				errs.Add("date", "calendar.error.already_working", map[string]any{"date": vntext.Date(in.Date)})
			}
		}
	}
	if len(errs) > 0 {
		return Override{}, errs
	}
	o := Override{Date: in.Date, Kind: in.Kind, Reason: in.Reason, ReasonEN: in.ReasonEN, Document: in.Document, Origin: OriginOverride}
	err := s.write(ctx, func(tx *sql.Tx) (audit.Event, error) {
		if _, err := s.ensureYear(ctx, tx, in.Date.Year, true); err != nil {
			return audit.Event{}, err
		}
		id, err := insertOverride(ctx, tx, in.Date.Year, o, false)
		if err != nil {
			return audit.Event{}, err
		}
		o.ID = id
		if err := touchYear(ctx, tx, in.Date.Year); err != nil {
			return audit.Event{}, err
		}
		verb := "nghỉ"
		if in.Kind == calendar.KindWorkDay {
			verb = "làm việc"
		}
		return audit.Event{Action: audit.Create, Entity: "calendar_override", EntityID: in.Date.String(),
			Summary: fmt.Sprintf("Thêm ngày %s %s: %s (%s)", verb, vntext.Date(in.Date), in.Reason, in.Document), After: in}, nil
	})
	if err != nil {
		return Override{}, err
	}
	_, o.CreatedBy = actorOf(ctx)
	return o, nil
}

// scheduled reports whether the schedule has a decision for day.
func scheduled(sc calendar.Schedule, day civil.Date) bool {
	for _, o := range sc.Overrides {
		if o.Date == day {
			return true
		}
	}
	return false
}

// DeleteOverride removes the decision for one day (an administrator's, or
// one of the government's schedule), so that the law's default applies
// again. store.ErrNotFound when the day has none.
func (s *Service) DeleteOverride(ctx context.Context, day civil.Date) (Override, error) {
	if _, err := access.Check(ctx, access.SettingsAdmin); err != nil {
		return Override{}, err
	}
	if !day.Valid() || day.Year < minYear || day.Year > maxYear {
		return Override{}, store.ErrNotFound
	}
	if _, err := s.src.Refresh(ctx); err != nil {
		return Override{}, err
	}
	if sc, ok := s.src.Calendar().Schedule(day.Year); !ok || !scheduled(sc, day) {
		return Override{}, store.ErrNotFound
	}
	var gone Override
	err := s.write(ctx, func(tx *sql.Tx) (audit.Event, error) {
		if _, err := s.ensureYear(ctx, tx, day.Year, true); err != nil {
			return audit.Event{}, err
		}
		list, err := readOverrides(ctx, tx, day.Year)
		if err != nil {
			return audit.Event{}, err
		}
		for _, o := range list {
			if o.Date == day {
				gone = o
			}
		}
		if gone.ID == 0 {
			return audit.Event{}, store.ErrNotFound
		}
		if err := deleteOverride(ctx, tx, day); err != nil {
			return audit.Event{}, err
		}
		if err := touchYear(ctx, tx, day.Year); err != nil {
			return audit.Event{}, err
		}
		return audit.Event{Action: audit.Delete, Entity: "calendar_override", EntityID: day.String(),
			Summary: fmt.Sprintf("Xóa quyết định cho ngày %s: %s", vntext.Date(day), gone.Reason), Before: gone}, nil
	})
	return gone, err
}

// ConfirmYear marks the year's schedule as published by the government
// (source: the decision), so users are no longer warned that days may
// move. version is the year's version the form was loaded with (0 when the
// year was not in the database); a stale one is store.ErrConflict.
func (s *Service) ConfirmYear(ctx context.Context, year int, source string, version int) error {
	if _, err := access.Check(ctx, access.SettingsAdmin); err != nil {
		return err
	}
	if year < minYear || year > maxYear {
		return store.ErrNotFound
	}
	source = vntext.Clean(source)
	var errs validate.Errors
	errs.Required("source", source)
	errs.MaxLen("source", source, maxText)
	if covered := s.src.Calendar().Covered(); !yearCovered(year, covered) {
		noRules(&errs, "source", year, covered)
	}
	if len(errs) > 0 {
		return errs
	}
	return s.write(ctx, func(tx *sql.Tx) (audit.Event, error) {
		before, existed, err := getYear(ctx, tx, year)
		if err != nil {
			return audit.Event{}, err
		}
		expected := version
		if !existed {
			if version != 0 {
				return audit.Event{}, store.ErrConflict
			}
			if _, err := s.ensureYear(ctx, tx, year, true); err != nil {
				return audit.Event{}, err
			}
			expected = 1
		}
		if err := confirmYear(ctx, tx, year, source, expected); err != nil {
			return audit.Event{}, err
		}
		return audit.Event{Action: audit.Update, Entity: "calendar_year", EntityID: year,
			Summary: fmt.Sprintf("Xác nhận lịch nghỉ năm %d theo %s", year, source),
			Before:  map[string]any{"confirmed": before.Confirmed, "source": before.Source},
			After:   map[string]any{"confirmed": true, "source": source}}, nil
	})
}

// ImportSchedule replaces a year's schedule with a file in the JSON format
// of the shipped schedules (calendar/data/README.md), all or nothing: every
// entry is checked first and any problem is reported entry by entry
// (fields "rows[N].date", "rows[N].kind", … with N counted from 1), with
// nothing written. A file that is not provisional confirms its year.
func (s *Service) ImportSchedule(ctx context.Context, file []byte) (ImportResult, error) {
	if _, err := access.Check(ctx, access.SettingsAdmin); err != nil {
		return ImportResult{}, err
	}
	if _, err := s.src.Refresh(ctx); err != nil {
		return ImportResult{}, err
	}
	sc, err := parseSchedule(file, s.src.Calendar().Covered())
	if err != nil {
		return ImportResult{}, err
	}
	res := ImportResult{Year: sc.Year, Overrides: len(sc.Overrides), Confirmed: !sc.Provisional, Provisional: sc.Provisional}
	err = s.write(ctx, func(tx *sql.Tx) (audit.Event, error) {
		var before []Override
		_, existed, err := getYear(ctx, tx, sc.Year)
		if err != nil {
			return audit.Event{}, err
		}
		if existed {
			if before, err = readOverrides(ctx, tx, sc.Year); err != nil {
				return audit.Event{}, err
			}
		} else if shipped, ok := s.src.shippedSchedule(sc.Year); ok {
			before = shippedOverrides(shipped)
		}
		res.Removed = len(before)
		if _, err := s.ensureYear(ctx, tx, sc.Year, false); err != nil {
			return audit.Event{}, err
		}
		if _, err := deleteYearOverrides(ctx, tx, sc.Year); err != nil {
			return audit.Event{}, err
		}
		for _, o := range sc.Overrides {
			row := Override{Date: o.Date, Kind: o.Kind, Reason: o.Reason, ReasonEN: o.ReasonEN, Document: sc.Source, Origin: OriginSchedule}
			if _, err := insertOverride(ctx, tx, sc.Year, row, false); err != nil {
				return audit.Event{}, err
			}
		}
		if err := setYearSchedule(ctx, tx, sc.Year, !sc.Provisional, sc.Source); err != nil {
			return audit.Event{}, err
		}
		return audit.Event{Action: "calendar.import", Entity: "calendar_year", EntityID: sc.Year,
			Summary: fmt.Sprintf("Nhập lịch nghỉ năm %d (%d ngày) theo %s", sc.Year, len(sc.Overrides), sc.Source),
			Before:  before, After: sc}, nil
	})
	return res, err
}
