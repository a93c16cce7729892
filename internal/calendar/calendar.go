package calendar

import (
	"errors"
	"fmt"
	"math/bits"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"noichinh/internal/civil"
)

// Calendar answers which days are days off for state bodies, from the rules
// and the government's yearly schedules.
//
// A *Calendar is a handle on immutable data: Replace swaps in new rules and
// schedules atomically, and every method reads the data once, at its start,
// so one answer never mixes two versions. Services hold the handle they were
// given at construction and see an administrator's changes without being
// rebuilt. A computation of several steps that must agree with itself (a
// page listing days off and a deadline across them) takes Pin first. It is
// safe for concurrent use.
type Calendar struct {
	p      atomic.Pointer[snapshot]
	frozen bool // Default and pinned handles refuse Replace
}

// snapshot is one immutable version of a calendar's data.
type snapshot struct {
	first, last int      // JDN range covered by the rules
	work        []uint64 // bit i set: day first+i is a working day
	cum         []int32  // working days before word w of work
	notes       map[int][]note
	schedules   map[int]Schedule // by year, as loaded
	rules       Rules
}

// note explains why a day that is not an ordinary weekly rest day is off.
type note struct {
	reason, reasonEN string
	scheduled        bool // set by a government schedule, not by the law
}

// DayOff is a day off other than an ordinary weekly rest day: a holiday
// (even one that falls on a weekend), a make-up day, or a day the
// government's schedule gave off.
type DayOff struct {
	Date     civil.Date
	Reason   string // Vietnamese
	ReasonEN string
	Lunar    LunarDate
	// Scheduled is true when a government schedule (or an administrator's
	// override) made the day off, false when the law alone does.
	Scheduled bool
}

// ErrFrozen is returned by Replace on the shared Default calendar and on
// pinned handles, whose data must never change under their holders.
var ErrFrozen = errors.New("calendar: this calendar cannot be replaced (Default or pinned); build one with New")

// Default returns the calendar built from the embedded rules and schedules.
// It is built once per process and shared, so it refuses Replace: a process
// that keeps calendar data of its own builds its own Calendar with New.
var Default = sync.OnceValues(func() (*Calendar, error) {
	rules, err := EmbeddedRules()
	if err != nil {
		return nil, err
	}
	schedules, err := EmbeddedSchedules()
	if err != nil {
		return nil, err
	}
	c, err := New(rules, schedules)
	if err != nil {
		return nil, err
	}
	c.frozen = true
	return c, nil
})

// New builds a calendar. The rules cover the days from the first holiday
// law's effective date to the last one's end (or to 2199-12-31); a schedule
// for a year outside that span is an error, never silently ignored.
func New(rules Rules, schedules []Schedule) (*Calendar, error) {
	s, err := build(rules, schedules)
	if err != nil {
		return nil, err
	}
	c := &Calendar{}
	c.p.Store(s)
	return c, nil
}

// Replace checks the new rules and schedules completely and, only when they
// are valid, makes them the calendar's data in one atomic step; on error the
// calendar keeps its data. Calls already running finish on the data they
// started with.
func (c *Calendar) Replace(rules Rules, schedules []Schedule) error {
	if c.frozen {
		return ErrFrozen
	}
	s, err := build(rules, schedules)
	if err != nil {
		return err
	}
	c.p.Store(s)
	return nil
}

// Pin returns a handle on the calendar's current data that never changes,
// for a computation of several calls that must all see the same version.
func (c *Calendar) Pin() *Calendar {
	p := &Calendar{frozen: true}
	p.p.Store(c.load())
	return p
}

// load is the current data; every exported method calls it once.
func (c *Calendar) load() *snapshot { return c.p.Load() }

// Rules returns the rules the calendar was built from.
func (c *Calendar) Rules() Rules { return c.load().rules }

// Schedules returns the government schedules loaded, in year order.
func (c *Calendar) Schedules() []Schedule {
	s := c.load()
	out := make([]Schedule, 0, len(s.schedules))
	for _, sc := range s.schedules {
		out = append(out, sc)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Year < out[j].Year })
	return out
}

func build(rules Rules, schedules []Schedule) (*snapshot, error) {
	if err := rules.validate(); err != nil {
		return nil, fmt.Errorf("calendar: holiday rules: %w", err)
	}
	c := &snapshot{
		first:     jdnOf(rules.Laws[0].EffectiveFrom),
		last:      jdnOf(lastSupported),
		notes:     make(map[int][]note),
		schedules: make(map[int]Schedule),
		rules:     rules,
	}
	if end := rules.Laws[len(rules.Laws)-1].EffectiveTo; !end.IsZero() && jdnOf(end) < c.last {
		c.last = jdnOf(end)
	}
	if c.first < jdnOf(firstSupported) {
		return nil, fmt.Errorf("calendar: holiday rules start on %s, before the lunar calendar's range", rules.Laws[0].EffectiveFrom)
	}
	n := c.last - c.first + 1
	rest := make([]bool, n)
	for i := range rest {
		rest[i] = c.weeklyRest(c.first + i)
	}
	holidays, err := c.holidays()
	if err != nil {
		return nil, err
	}
	off := make([]bool, n)
	copy(off, rest)
	for j, hs := range holidays {
		off[j-c.first] = true
		for _, h := range hs {
			c.notes[j] = append(c.notes[j], note{reason: h.Name, reasonEN: h.NameEN})
		}
	}
	c.addMakeUpDays(holidays, rest, off)
	for _, s := range schedules {
		if err := c.apply(s, off); err != nil {
			return nil, err
		}
	}
	c.work = make([]uint64, (n+63)/64)
	for i, o := range off {
		if !o {
			c.work[i/64] |= 1 << (i % 64)
		}
	}
	c.cum = make([]int32, len(c.work)+1)
	for w, word := range c.work {
		c.cum[w+1] = c.cum[w] + int32(bits.OnesCount64(word))
	}
	return c, nil
}

// weeklyRest reports whether day j is a weekly rest day under the rule in force.
func (c *snapshot) weeklyRest(j int) bool {
	d := dateOf(j)
	for _, w := range c.rules.WeeklyRest {
		if inForce(d, w.EffectiveFrom, w.EffectiveTo) {
			for _, name := range w.Days {
				if wd, _ := parseWeekday(name); wd == weekdayOf(j) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// lawHoliday is one holiday day together with the law that grants it.
type lawHoliday struct {
	Holiday
	makeUp bool
}

// holidays lists, by JDN, the holidays each law grants on the days it is in force.
func (c *snapshot) holidays() (map[int][]lawHoliday, error) {
	out := make(map[int][]lawHoliday)
	for _, law := range c.rules.Laws {
		lastYear := lastSupported.Year
		if !law.EffectiveTo.IsZero() {
			lastYear = law.EffectiveTo.Year
		}
		for y := law.EffectiveFrom.Year; y <= lastYear; y++ {
			for _, h := range law.Holidays {
				anchor, err := h.anchorJDN(y)
				if err != nil {
					return nil, fmt.Errorf("calendar: %s in %d: %w", h.Name, y, err)
				}
				start := anchor + h.offsetFor(weekdayOf(anchor))
				for i := 0; i < h.dayCount(); i++ {
					j := start + i
					if j < c.first || j > c.last || !inForce(dateOf(j), law.EffectiveFrom, law.EffectiveTo) {
						continue
					}
					out[j] = append(out[j], lawHoliday{h, law.MakeUp})
				}
			}
		}
	}
	return out, nil
}

// addMakeUpDays gives a make-up day (ngày nghỉ bù) for each holiday that
// falls on a weekly rest day, and for each second holiday on the same day:
// the next day that is neither a rest day, a holiday nor already a make-up
// day, taken in date order so that a run of holidays pushes its make-up
// days past its end.
func (c *snapshot) addMakeUpDays(holidays map[int][]lawHoliday, rest, off []bool) {
	days := make([]int, 0, len(holidays))
	for j := range holidays {
		days = append(days, j)
	}
	sort.Ints(days)
	taken := make(map[int]bool)
	for _, j := range days {
		for n, h := range holidays[j] {
			if !h.makeUp || (!rest[j-c.first] && n == 0) {
				continue
			}
			m := j + 1
			for m <= c.last && (rest[m-c.first] || len(holidays[m]) > 0 || taken[m]) {
				m++
			}
			if m > c.last {
				continue
			}
			taken[m] = true
			off[m-c.first] = true
			d := dateOf(j)
			c.notes[m] = append(c.notes[m], note{
				reason:   fmt.Sprintf("Nghỉ bù cho ngày %d/%d – %s", d.Day, int(d.Month), h.Name),
				reasonEN: fmt.Sprintf("Make-up day for %d %s – %s", d.Day, d.Month, h.NameEN),
			})
		}
	}
}

// apply lays one government schedule over the rules.
func (c *snapshot) apply(s Schedule, off []bool) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if _, dup := c.schedules[s.Year]; dup {
		return fmt.Errorf("calendar: two schedules for %d", s.Year)
	}
	for _, o := range s.Overrides {
		j := jdnOf(o.Date)
		if j < c.first || j > c.last {
			return fmt.Errorf("calendar: schedule %d overrides %s: %w", s.Year, o.Date, c.noData(o.Date.Year))
		}
		switch o.Kind {
		case KindDayOff:
			off[j-c.first] = true
			c.notes[j] = []note{{reason: o.Reason, reasonEN: o.ReasonEN, scheduled: true}}
		case KindWorkDay:
			off[j-c.first] = false
			delete(c.notes, j)
		}
	}
	c.schedules[s.Year] = s
	return nil
}

func (c *snapshot) noData(year int) *NoDataError {
	return &NoDataError{Year: year, Covered: c.covered()}
}

func (c *snapshot) covered() civil.Range {
	return civil.Range{From: dateOf(c.first), To: dateOf(c.last)}
}

// Covered is the span of days the rules answer for.
func (c *Calendar) Covered() civil.Range { return c.load().covered() }

// index returns the bit index of day j, or a *NoDataError.
func (c *snapshot) index(j int) (int, error) {
	if j < c.first || j > c.last {
		return 0, c.noData(dateOf(j).Year)
	}
	return j - c.first, nil
}

func (c *snapshot) isWorking(i int) bool { return c.work[i/64]&(1<<(i%64)) != 0 }

// IsDayOff reports whether d is a day off (weekly rest, holiday, make-up day
// or a day off in the government's schedule).
func (c *Calendar) IsDayOff(d civil.Date) (bool, error) { return c.load().isDayOff(d) }

func (c *snapshot) isDayOff(d civil.Date) (bool, error) {
	if !d.Valid() {
		return false, fmt.Errorf("calendar: %v is not a valid date", d)
	}
	i, err := c.index(jdnOf(d))
	if err != nil {
		return false, err
	}
	return !c.isWorking(i), nil
}

// IsWeeklyRest reports whether d is a weekly rest day under the rule in force
// (whether or not the government made it a working day).
func (c *Calendar) IsWeeklyRest(d civil.Date) bool {
	return d.Valid() && c.load().weeklyRest(jdnOf(d))
}

// Confirmed reports whether the government's schedule for year was loaded;
// when false, that year's days off follow the law's defaults (and any
// provisional overrides) only, and a user should be warned that the
// government may still move days.
func (c *Calendar) Confirmed(year int) bool {
	s, ok := c.load().schedules[year]
	return ok && !s.Provisional
}

// Schedule returns the schedule loaded for year, if any (Provisional when
// the government has not published it yet).
func (c *Calendar) Schedule(year int) (Schedule, bool) {
	s, ok := c.load().schedules[year]
	return s, ok
}

// DaysOff lists a year's days off other than ordinary weekly rest days, in
// date order. The whole year must be covered by the rules.
func (c *Calendar) DaysOff(year int) ([]DayOff, error) {
	s := c.load()
	from, to := jdn(year, 1, 1), jdn(year, 12, 31)
	if from < s.first || to > s.last {
		return nil, s.noData(year)
	}
	return s.daysOff(from, to), nil
}

// daysOff lists the noted days off of [from, to], which the caller has
// checked are covered.
func (c *snapshot) daysOff(from, to int) []DayOff {
	var out []DayOff
	for j := from; j <= to; j++ {
		ns, ok := c.notes[j]
		if !ok || c.isWorking(j-c.first) {
			continue
		}
		reasons, reasonsEN := make([]string, len(ns)), make([]string, len(ns))
		scheduled := false
		for i, n := range ns {
			reasons[i], reasonsEN[i] = n.reason, n.reasonEN
			scheduled = scheduled || n.scheduled
		}
		out = append(out, DayOff{
			Date:      dateOf(j),
			Reason:    strings.Join(reasons, "; "),
			ReasonEN:  strings.Join(reasonsEN, "; "),
			Lunar:     lunarOfJDN(j),
			Scheduled: scheduled,
		})
	}
	return out
}

// WorkedRestDays lists the weekly rest days of a year that the government's
// schedule made working days (ngày làm bù), in date order.
func (c *Calendar) WorkedRestDays(year int) []Override {
	s := c.load()
	var out []Override
	for _, o := range s.schedules[year].Overrides {
		if o.Kind == KindWorkDay && s.weeklyRest(jdnOf(o.Date)) {
			out = append(out, o)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

// weekdayNameVI is the Vietnamese weekday, as printed on Vietnamese calendars.
var weekdayNameVI = [7]string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

// WeekdayName returns the Vietnamese name of a weekday: time.Saturday → "Thứ Bảy".
func WeekdayName(w time.Weekday) string { return weekdayNameVI[w] }
