package calendar

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"

	"noichinh/internal/civil"
)

// OverrideKind says what the government decided for one date.
type OverrideKind int

const (
	// KindDayOff makes the date a day off (a swapped or extra day off).
	KindDayOff OverrideKind = iota + 1
	// KindWorkDay makes the date a working day (a worked Saturday, or a rule
	// holiday the government placed elsewhere).
	KindWorkDay
)

func (k OverrideKind) String() string {
	switch k {
	case KindDayOff:
		return "day_off"
	case KindWorkDay:
		return "work_day"
	default:
		return fmt.Sprintf("OverrideKind(%d)", int(k))
	}
}

// MarshalText writes "day_off" or "work_day".
func (k OverrideKind) MarshalText() ([]byte, error) {
	if k != KindDayOff && k != KindWorkDay {
		return nil, fmt.Errorf("calendar: invalid override kind %d", int(k))
	}
	return []byte(k.String()), nil
}

// UnmarshalText reads "day_off" or "work_day".
func (k *OverrideKind) UnmarshalText(b []byte) error {
	switch string(b) {
	case "day_off":
		*k = KindDayOff
	case "work_day":
		*k = KindWorkDay
	default:
		return fmt.Errorf("override kind must be \"day_off\" or \"work_day\", not %q", b)
	}
	return nil
}

// Override is the government's decision for one date; it wins over the rules.
type Override struct {
	Date     civil.Date   `json:"date"`
	Kind     OverrideKind `json:"kind"`
	Reason   string       `json:"reason"`    // Vietnamese, shown to users
	ReasonEN string       `json:"reason_en"` // English
}

// Schedule is the government's published schedule of days off for one year
// (lịch nghỉ lễ, Tết): the dates where it departs from the rules. Loading a
// schedule marks its year as confirmed, even when Overrides is empty, unless
// it is Provisional: overrides an administrator entered before the
// government published the year's schedule, which apply without confirming
// the year.
type Schedule struct {
	Year        int        `json:"year"`
	Source      string     `json:"source"` // the decision, e.g. "Công văn 9859/VPCP-KGVX"
	Provisional bool       `json:"provisional,omitempty"`
	Overrides   []Override `json:"overrides"`
}

// ParseSchedule reads and checks one year's schedule in the JSON format of
// data/schedules/*.json.
func ParseSchedule(data []byte) (Schedule, error) {
	var s Schedule
	if err := decodeStrict(data, &s); err != nil {
		return Schedule{}, fmt.Errorf("calendar: schedule: %w", err)
	}
	if err := s.Validate(); err != nil {
		return Schedule{}, err
	}
	return s, nil
}

// Validate checks that every override is a real date of the schedule's year,
// appears once, and has a kind and a reason.
func (s Schedule) Validate() error {
	if s.Year < firstSupported.Year || s.Year > lastSupported.Year {
		return fmt.Errorf("calendar: schedule year %d is outside 1900–2199", s.Year)
	}
	if s.Source == "" && !s.Provisional {
		return fmt.Errorf("calendar: schedule %d: source (the government decision) is required", s.Year)
	}
	seen := make(map[civil.Date]bool, len(s.Overrides))
	for _, o := range s.Overrides {
		switch {
		case !o.Date.Valid():
			return fmt.Errorf("calendar: schedule %d: an override has no valid date", s.Year)
		case o.Date.Year != s.Year:
			return fmt.Errorf("calendar: schedule %d: override %s belongs to another year", s.Year, o.Date)
		case o.Kind != KindDayOff && o.Kind != KindWorkDay:
			return fmt.Errorf("calendar: schedule %d: override %s has no kind", s.Year, o.Date)
		case o.Reason == "":
			return fmt.Errorf("calendar: schedule %d: override %s has no reason", s.Year, o.Date)
		case seen[o.Date]:
			return fmt.Errorf("calendar: schedule %d: %s is listed twice", s.Year, o.Date)
		}
		seen[o.Date] = true
	}
	return nil
}

// EmbeddedSchedules returns the government schedules shipped with the
// binary, in year order.
func EmbeddedSchedules() ([]Schedule, error) {
	files, err := fs.Glob(dataFS, "data/schedules/*.json")
	if err != nil {
		return nil, err
	}
	var out []Schedule
	for _, name := range files {
		b, err := dataFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		s, err := ParseSchedule(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Year < out[j].Year })
	return out, nil
}

// NoDataError reports a date for which no day-off rules are in force, so that
// no working-day answer can be given. It is never replaced by a guess.
type NoDataError struct {
	Year    int
	Covered civil.Range // the days the loaded rules do cover
}

func (e *NoDataError) Error() string {
	return fmt.Sprintf("calendar: no day-off data for %d (the rules cover %s to %s)", e.Year, e.Covered.From, e.Covered.To)
}

// errNegative is returned for a negative count of days or months.
var errNegative = errors.New("calendar: a time limit cannot be negative")
