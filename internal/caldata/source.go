package caldata

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"noichinh/internal/calendar"
	"noichinh/internal/config"
	"noichinh/internal/store"
)

// Source gives the process its Calendar and Limits, built from the data
// shipped with the program plus the database, and keeps them current. The
// handles it returns never change identity: Refresh replaces their data.
type Source struct {
	db       *store.DB
	rules    calendar.Rules
	schedule map[int]calendar.Schedule // shipped, by year
	limits   []calendar.Limit          // shipped
	cal      *calendar.Calendar
	lim      *calendar.Limits

	mu     sync.Mutex   // serialises loads
	loaded atomic.Int64 // data version in the handles; -1 before the first load
}

// Open builds the Source over db (migrated) and loads the database's data.
func Open(ctx context.Context, db *store.DB) (*Source, error) {
	s, err := shipped(db)
	if err != nil {
		return nil, err
	}
	if _, err := s.Refresh(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// shipped builds a Source whose handles hold the program's data only.
func shipped(db *store.DB) (*Source, error) {
	rules, err := calendar.EmbeddedRules()
	if err != nil {
		return nil, err
	}
	schedules, err := calendar.EmbeddedSchedules()
	if err != nil {
		return nil, err
	}
	limits, err := calendar.EmbeddedLimitList()
	if err != nil {
		return nil, err
	}
	s := &Source{db: db, rules: rules, schedule: map[int]calendar.Schedule{}, limits: limits}
	for _, sc := range schedules {
		s.schedule[sc.Year] = sc
	}
	if s.cal, err = calendar.New(rules, schedules); err != nil {
		return nil, err
	}
	if s.lim, err = calendar.NewLimits(limits); err != nil {
		return nil, err
	}
	s.loaded.Store(-1)
	return s, nil
}

// Calendar is the process's calendar: give it to the services that count
// days. Its data follows the database.
func (s *Source) Calendar() *calendar.Calendar { return s.cal }

// Limits are the process's legal time limits, following the database.
func (s *Source) Limits() *calendar.Limits { return s.lim }

// Version is the data version the handles hold (-1 before the first load).
func (s *Source) Version() int64 { return s.loaded.Load() }

// shippedSchedule returns the schedule shipped for year, if any.
func (s *Source) shippedSchedule(year int) (calendar.Schedule, bool) {
	sc, ok := s.schedule[year]
	return sc, ok
}

// shippedVersions returns the versions of code shipped with the program.
func (s *Source) shippedVersions(code string) []calendar.Limit {
	var out []calendar.Limit
	for _, l := range s.limits {
		if l.Code == code {
			out = append(out, l)
		}
	}
	return out
}

// Refresh reloads the data when the database's version moved past the one
// in the handles, and reports whether it did. The version is read first and
// the data in one read transaction, so a write that lands meanwhile only
// causes one more reload, never a missed one.
func (s *Source) Refresh(ctx context.Context) (bool, error) {
	v, err := readVersion(ctx, s.db.Read())
	if err != nil {
		return false, err
	}
	if v <= s.loaded.Load() {
		return false, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if v <= s.loaded.Load() {
		return false, nil // another caller loaded it meanwhile
	}
	var d *data
	if err := s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		d, err = load(ctx, tx)
		return err
	}); err != nil {
		return false, err
	}
	if d.version <= s.loaded.Load() {
		return false, nil
	}
	schedules, limits := s.inputs(d)
	// Check the limits before replacing anything, so that the two handles
	// change together or not at all.
	if _, err := calendar.NewLimits(limits); err != nil {
		return false, fmt.Errorf("caldata: limits in the database: %w", err)
	}
	if err := s.cal.Replace(s.rules, schedules); err != nil {
		return false, fmt.Errorf("caldata: schedules in the database: %w", err)
	}
	if err := s.lim.Replace(limits); err != nil {
		return false, err
	}
	s.loaded.Store(d.version)
	return true, nil
}

// inputs merges the database's data over the shipped data: a year kept in
// the database replaces the shipped schedule of that year, a code with
// versions in the database replaces the shipped versions of that code.
func (s *Source) inputs(d *data) ([]calendar.Schedule, []calendar.Limit) {
	byYear := map[int]*calendar.Schedule{}
	for year, y := range d.years {
		byYear[year] = &calendar.Schedule{Year: year, Source: y.Source, Provisional: !y.Confirmed}
	}
	for _, o := range d.overrides {
		if sc := byYear[o.Date.Year]; sc != nil {
			sc.Overrides = append(sc.Overrides, calendar.Override{Date: o.Date, Kind: o.Kind, Reason: o.Reason, ReasonEN: o.ReasonEN})
		}
	}
	schedules := make([]calendar.Schedule, 0, len(byYear)+len(s.schedule))
	for _, sc := range byYear {
		schedules = append(schedules, *sc)
	}
	for year, sc := range s.schedule {
		if _, kept := byYear[year]; !kept {
			schedules = append(schedules, sc)
		}
	}
	slices.SortFunc(schedules, func(a, b calendar.Schedule) int { return a.Year - b.Year })

	inDB := map[string]bool{}
	var limits []calendar.Limit
	for _, l := range d.limits {
		inDB[l.Code] = true
		limits = append(limits, l.Limit)
	}
	for _, l := range s.limits {
		if !inDB[l.Code] {
			limits = append(limits, l)
		}
	}
	return schedules, limits
}

// check builds a calendar and limits from d, as Refresh would, without
// touching the handles: a write runs it before committing, so that the data
// it leaves always loads.
func (s *Source) check(d *data) error {
	schedules, limits := s.inputs(d)
	if _, err := calendar.NewLimits(limits); err != nil {
		return err
	}
	_, err := calendar.New(s.rules, schedules)
	return err
}

// Watch calls Refresh every interval until ctx ends, so that what another
// server wrote reaches this one within one interval. Each server runs its
// own watcher (the scheduler's tasks run on one server only).
func (s *Source) Watch(ctx context.Context, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		changed, err := s.Refresh(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Warn("calendar data: reload failed; the previous data stays in use", "err", err)
		case changed:
			log.Info("calendar data reloaded", "version", s.Version())
		}
	}
}

// Installed reports whether db's schema has the calendar tables (a database
// migrated by an older program has not), for commands that read the data
// without migrating.
func Installed(ctx context.Context, db *store.DB) (bool, error) {
	q := `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'calendar_years'`
	if db.Engine() == config.Postgres {
		q = `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'calendar_years'`
	}
	var n int
	if err := db.Read().QueryRowContext(ctx, q).Scan(&n); err != nil {
		return false, fmt.Errorf("caldata: inspect schema: %w", err)
	}
	return n > 0, nil
}
