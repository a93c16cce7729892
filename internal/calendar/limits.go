package calendar

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync/atomic"

	"noichinh/internal/civil"
)

// Unit is how a legal time limit is counted.
type Unit int

const (
	// CalendarDays counts every day; the end moves past a day off.
	CalendarDays Unit = iota + 1
	// WorkingDays counts working days only.
	WorkingDays
	// Months ends on the same date n months later (or that month's last
	// day); the end moves past a day off.
	Months
)

var unitNames = map[Unit]string{CalendarDays: "calendar_days", WorkingDays: "working_days", Months: "months"}

func (u Unit) String() string {
	if s, ok := unitNames[u]; ok {
		return s
	}
	return fmt.Sprintf("Unit(%d)", int(u))
}

// MarshalText writes "calendar_days", "working_days" or "months".
func (u Unit) MarshalText() ([]byte, error) {
	if _, ok := unitNames[u]; !ok {
		return nil, fmt.Errorf("calendar: invalid unit %d", int(u))
	}
	return []byte(u.String()), nil
}

// UnmarshalText reads "calendar_days", "working_days" or "months".
func (u *Unit) UnmarshalText(b []byte) error {
	for k, v := range unitNames {
		if v == string(b) {
			*u = k
			return nil
		}
	}
	return fmt.Errorf("unit must be calendar_days, working_days or months, not %q", b)
}

// Duration is a length of time in one unit.
type Duration struct {
	N    int  `json:"n"`
	Unit Unit `json:"unit"`
}

func (d Duration) String() string { return fmt.Sprintf("%d %s", d.N, d.Unit) }

// Extension is one lawful extension of a limit. Duration is what it adds;
// MaxTotal, when set, is the law's stated maximum for the whole limit once
// this extension is granted, counted from the start (it is what Due uses,
// and for an extension the law words only as "up to a total of", Duration
// may be zero).
type Extension struct {
	Duration    Duration `json:"duration,omitzero"`
	MaxTotal    Duration `json:"max_total,omitzero"`
	Condition   string   `json:"condition"`
	ConditionEN string   `json:"condition_en"`
}

// Limit is one version of a legal time limit. Records store Code and
// EffectiveFrom, the version they were judged under.
type Limit struct {
	Code          string      `json:"code"`
	Name          string      `json:"name"`
	NameEN        string      `json:"name_en"`
	Start         string      `json:"start"` // the event the limit runs from
	StartEN       string      `json:"start_en"`
	Base          Duration    `json:"base"`
	Extensions    []Extension `json:"extensions,omitempty"`
	Source        string      `json:"source"` // legal citation
	Unverified    bool        `json:"unverified,omitempty"`
	Note          string      `json:"note,omitempty"`
	EffectiveFrom civil.Date  `json:"effective_from"`
	EffectiveTo   civil.Date  `json:"effective_to,omitzero"` // last day in force; zero = in force
}

// ErrUnknownLimit is returned (wrapped) when no version of a limit is in
// force on the date asked.
var ErrUnknownLimit = errors.New("calendar: no such time limit in force")

// Limits is a handle on a set of versioned time limits. Like Calendar, its
// data is immutable and replaced atomically (Replace), and every method
// reads one version; safe for concurrent use.
type Limits struct {
	p      atomic.Pointer[limitSet]
	frozen bool // pinned handles refuse Replace
}

// limitSet is one immutable version of the limits.
type limitSet struct {
	byCode map[string][]Limit // versions in EffectiveFrom order
}

// ParseLimits reads and checks limits in the JSON format of data/limits.json:
// {"limits": [Limit, …]}.
func ParseLimits(data []byte) (*Limits, error) {
	list, err := ParseLimitList(data)
	if err != nil {
		return nil, err
	}
	return NewLimits(list)
}

// ParseLimitList reads limits in the JSON format of data/limits.json without
// indexing them; each limit is checked, the versions of a code together are
// checked by NewLimits.
func ParseLimitList(data []byte) ([]Limit, error) {
	var file struct {
		Limits []Limit `json:"limits"`
	}
	if err := decodeStrict(data, &file); err != nil {
		return nil, fmt.Errorf("calendar: limits: %w", err)
	}
	for _, l := range file.Limits {
		if err := l.validate(); err != nil {
			return nil, fmt.Errorf("calendar: limit %q: %w", l.Code, err)
		}
	}
	return file.Limits, nil
}

// NewLimits checks a list of limit versions and indexes it by code.
func NewLimits(list []Limit) (*Limits, error) {
	set, err := buildLimits(list)
	if err != nil {
		return nil, err
	}
	ls := &Limits{}
	ls.p.Store(set)
	return ls, nil
}

// Replace checks list completely and, only when it is valid, makes it the
// limits' data in one atomic step; on error the data is unchanged.
func (ls *Limits) Replace(list []Limit) error {
	if ls.frozen {
		return ErrFrozen
	}
	set, err := buildLimits(list)
	if err != nil {
		return err
	}
	ls.p.Store(set)
	return nil
}

// Pin returns a handle on the current limits that never changes.
func (ls *Limits) Pin() *Limits {
	p := &Limits{frozen: true}
	p.p.Store(ls.p.Load())
	return p
}

func buildLimits(list []Limit) (*limitSet, error) {
	ls := &limitSet{byCode: make(map[string][]Limit)}
	for _, l := range list {
		if err := l.validate(); err != nil {
			return nil, fmt.Errorf("calendar: limit %q: %w", l.Code, err)
		}
		l.Extensions = slices.Clone(l.Extensions)
		ls.byCode[l.Code] = append(ls.byCode[l.Code], l)
	}
	for code, versions := range ls.byCode {
		if err := checkVersions(versions); err != nil {
			return nil, fmt.Errorf("calendar: limit %q: %w", code, err)
		}
	}
	return ls, nil
}

// checkVersions sorts the versions of one code by date and checks that no
// two are in force on the same day.
func checkVersions(versions []Limit) error {
	sort.Slice(versions, func(i, j int) bool { return versions[i].EffectiveFrom.Before(versions[j].EffectiveFrom) })
	for i := 1; i < len(versions); i++ {
		prev := versions[i-1]
		if prev.EffectiveTo.IsZero() || !prev.EffectiveTo.Before(versions[i].EffectiveFrom) {
			return fmt.Errorf("versions from %s and %s overlap", prev.EffectiveFrom, versions[i].EffectiveFrom)
		}
	}
	return nil
}

// EmbeddedLimits returns the limits shipped with the binary, as a new
// handle of the caller's own.
func EmbeddedLimits() (*Limits, error) {
	b, err := dataFS.ReadFile("data/limits.json")
	if err != nil {
		return nil, err
	}
	return ParseLimits(b)
}

// EmbeddedLimitList returns the versions shipped with the binary, by code
// then date.
func EmbeddedLimitList() ([]Limit, error) {
	ls, err := EmbeddedLimits()
	if err != nil {
		return nil, err
	}
	return ls.All(), nil
}

// Find returns the version of the limit code in force on the given day.
func (ls *Limits) Find(code string, on civil.Date) (Limit, error) {
	versions, ok := ls.p.Load().byCode[code]
	if !ok {
		return Limit{}, fmt.Errorf("%w: unknown code %q", ErrUnknownLimit, code)
	}
	for _, l := range versions {
		if inForce(on, l.EffectiveFrom, l.EffectiveTo) {
			return l, nil
		}
	}
	return Limit{}, fmt.Errorf("%w: %q on %s (first version from %s)", ErrUnknownLimit, code, on, versions[0].EffectiveFrom)
}

// Version returns the version of code that took effect on from: the one a
// record judged under it names.
func (ls *Limits) Version(code string, from civil.Date) (Limit, error) {
	for _, l := range ls.p.Load().byCode[code] {
		if l.EffectiveFrom == from {
			return l, nil
		}
	}
	return Limit{}, fmt.Errorf("%w: no version of %q from %s", ErrUnknownLimit, code, from)
}

// All returns every version of every limit, by code then date, for export.
func (ls *Limits) All() []Limit {
	var out []Limit
	for _, versions := range ls.p.Load().byCode {
		out = append(out, versions...)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Code != out[j].Code {
			return out[i].Code < out[j].Code
		}
		return out[i].EffectiveFrom.Before(out[j].EffectiveFrom)
	})
	return out
}

// Validate checks one limit version on its own (names, source, durations,
// period, and that its extensions add up), as NewLimits does.
func (l Limit) Validate() error { return l.validate() }

func (d Duration) valid() bool { _, ok := unitNames[d.Unit]; return ok && d.N > 0 }

func (l Limit) validate() error {
	switch {
	case l.Code == "":
		return errors.New("code is required")
	case l.Name == "" || l.NameEN == "":
		return errors.New("name and name_en are required")
	case l.Source == "":
		return errors.New("source (the legal citation) is required")
	case !l.Base.valid():
		return fmt.Errorf("base %v is not a positive duration", l.Base)
	}
	if err := checkPeriod(l.EffectiveFrom, l.EffectiveTo); err != nil {
		return err
	}
	totalOnly := false // an earlier extension stated only a total
	for i, e := range l.Extensions {
		if e.Condition == "" || e.ConditionEN == "" {
			return fmt.Errorf("extension %d: condition and condition_en are required", i+1)
		}
		hasDur, hasMax := e.Duration != (Duration{}), e.MaxTotal != (Duration{})
		if (hasDur && !e.Duration.valid()) || (hasMax && !e.MaxTotal.valid()) || (!hasDur && !hasMax) {
			return fmt.Errorf("extension %d: needs a positive duration, a positive max_total, or both", i+1)
		}
		if totalOnly && !hasMax {
			return fmt.Errorf("extension %d: follows an extension given only as a total, so it needs max_total", i+1)
		}
		totalOnly = totalOnly || !hasDur
		// When every part is in the maximum's unit, the parts must add up to
		// it: a mismatch is a typing error in the data, not a legal choice.
		if sum, ok := sumIn(e.MaxTotal.Unit, l.Base, l.Extensions[:i+1]); hasMax && ok && sum != e.MaxTotal.N {
			return fmt.Errorf("extension %d: base and extensions add up to %d, but max_total is %v", i+1, sum, e.MaxTotal)
		}
	}
	return nil
}

// sumIn adds base and extension durations when all are in unit u; ok is
// false when a part is in another unit or an extension states only a total.
func sumIn(u Unit, base Duration, exts []Extension) (n int, ok bool) {
	if base.Unit != u {
		return 0, false
	}
	n = base.N
	for _, e := range exts {
		if e.Duration.Unit != u {
			return 0, false
		}
		n += e.Duration.N
	}
	return n, true
}

// Due returns the last day of limit l started on start with the first
// extensions extensions granted (0 for none). With an extension that states
// a maximum total, the due day is start plus that total; otherwise the base
// and extensions are added one after the other in their own units. Only the
// final day is moved past a day off.
func (c *Calendar) Due(l Limit, start civil.Date, extensions int) (civil.Date, error) {
	return c.load().due(l, start, extensions)
}

// due is Due on one version of the data.
func (c *snapshot) due(l Limit, start civil.Date, extensions int) (civil.Date, error) {
	if extensions < 0 || extensions > len(l.Extensions) {
		return civil.Date{}, fmt.Errorf("calendar: limit %q has %d extensions, not %d", l.Code, len(l.Extensions), extensions)
	}
	if extensions > 0 && l.Extensions[extensions-1].MaxTotal != (Duration{}) {
		return c.add(start, l.Extensions[extensions-1].MaxTotal)
	}
	parts := []Duration{l.Base}
	for _, e := range l.Extensions[:extensions] {
		if e.Duration != (Duration{}) {
			parts = append(parts, e.Duration)
		}
	}
	// Sum runs of the same unit first, so that months add as one period
	// (31/1 + 2 months is 31/3, not 28/2 + 1 month = 28/3).
	merged := []Duration{parts[0]}
	for _, p := range parts[1:] {
		if last := &merged[len(merged)-1]; last.Unit == p.Unit {
			last.N += p.N
		} else {
			merged = append(merged, p)
		}
	}
	d := start
	for i, p := range merged {
		var err error
		if i == len(merged)-1 {
			return c.add(d, p)
		}
		if d, err = c.addRaw(d, p); err != nil {
			return civil.Date{}, err
		}
	}
	return d, nil
}

// add applies one duration with the day-off rule.
func (c *snapshot) add(d civil.Date, p Duration) (civil.Date, error) {
	switch p.Unit {
	case WorkingDays:
		return c.addWorkingDays(d, p.N)
	case CalendarDays:
		return c.addCalendarDays(d, p.N)
	case Months:
		return c.addMonths(d, p.N)
	}
	return civil.Date{}, fmt.Errorf("calendar: invalid unit %d", int(p.Unit))
}

// addRaw applies one duration without moving its end past a day off: an
// intermediate end is not a deadline.
func (c *snapshot) addRaw(d civil.Date, p Duration) (civil.Date, error) {
	switch p.Unit {
	case WorkingDays:
		return c.addWorkingDays(d, p.N)
	case CalendarDays:
		return d.AddDays(p.N), nil
	case Months:
		return addMonths(d, p.N), nil
	}
	return civil.Date{}, fmt.Errorf("calendar: invalid unit %d", int(p.Unit))
}
