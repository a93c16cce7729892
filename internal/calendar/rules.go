package calendar

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"noichinh/internal/civil"
)

// Rules are the laws that make days off: the weekly rest of state bodies and
// the public holidays of the Labour Code, each with the period it was in
// force, so that a change of law never rewrites the past. The shipped rules
// live in data/holidays.json (see data/README.md); an administrator's copy
// can be parsed with ParseRules.
type Rules struct {
	WeeklyRest []WeeklyRest `json:"weekly_rest"`
	Laws       []HolidayLaw `json:"holiday_laws"`
}

// WeeklyRest names the weekly rest days in force in a period.
type WeeklyRest struct {
	EffectiveFrom civil.Date `json:"effective_from"`
	EffectiveTo   civil.Date `json:"effective_to,omitzero"` // last day in force; zero = still in force
	Days          []string   `json:"days"`                  // English weekday names, lower case
	Source        string     `json:"source"`
	Unverified    bool       `json:"unverified,omitempty"`
}

// HolidayLaw is one law's list of public holidays and whether a holiday that
// falls on a weekly rest day is made up on the next working day.
type HolidayLaw struct {
	Code          string     `json:"code"`
	Source        string     `json:"source"`
	EffectiveFrom civil.Date `json:"effective_from"`
	EffectiveTo   civil.Date `json:"effective_to,omitzero"`
	MakeUp        bool       `json:"make_up"`
	MakeUpSource  string     `json:"make_up_source,omitempty"`
	Holidays      []Holiday  `json:"holidays"`
}

// Holiday is a run of Days days starting Offset days after an anchor date,
// which is a solar (Gregorian) or lunar month and day. OffsetByWeekday, when
// it names the anchor's weekday, replaces Offset: it encodes a default for a
// day the government picks each year (such as the day joined to 2 September).
type Holiday struct {
	Name            string         `json:"name"`
	NameEN          string         `json:"name_en"`
	Calendar        string         `json:"calendar"` // "solar" or "lunar"
	Month           int            `json:"month"`
	Day             int            `json:"day"`
	Offset          int            `json:"offset,omitempty"`
	Days            int            `json:"days,omitempty"` // 0 means 1
	OffsetByWeekday map[string]int `json:"offset_by_weekday,omitempty"`
	Note            string         `json:"note,omitempty"`
	NoteEN          string         `json:"note_en,omitempty"`
}

//go:embed data/holidays.json data/limits.json data/schedules/*.json
var dataFS embed.FS

// EmbeddedRules returns the rules shipped with the binary.
func EmbeddedRules() (Rules, error) {
	b, err := dataFS.ReadFile("data/holidays.json")
	if err != nil {
		return Rules{}, err
	}
	return ParseRules(b)
}

// ParseRules reads and checks rules in the JSON format of data/holidays.json.
// Unknown fields are refused so that a misspelt field cannot silently drop a rule.
func ParseRules(data []byte) (Rules, error) {
	var r Rules
	if err := decodeStrict(data, &r); err != nil {
		return Rules{}, fmt.Errorf("calendar: holiday rules: %w", err)
	}
	if err := r.validate(); err != nil {
		return Rules{}, fmt.Errorf("calendar: holiday rules: %w", err)
	}
	return r, nil
}

func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data after the JSON value")
	}
	return nil
}

var weekdayNames = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

func parseWeekday(s string) (time.Weekday, error) {
	w, ok := weekdayNames[strings.ToLower(s)]
	if !ok {
		return 0, fmt.Errorf("unknown weekday %q", s)
	}
	return w, nil
}

// inForce reports whether day d lies in [from, to]; a zero to is open-ended.
func inForce(d, from, to civil.Date) bool {
	return !d.Before(from) && (to.IsZero() || !d.After(to))
}

func (r Rules) validate() error {
	if len(r.WeeklyRest) == 0 || len(r.Laws) == 0 {
		return errors.New("need at least one weekly rest rule and one holiday law")
	}
	for i, w := range r.WeeklyRest {
		if err := checkPeriod(w.EffectiveFrom, w.EffectiveTo); err != nil {
			return fmt.Errorf("weekly rest %d: %w", i+1, err)
		}
		if w.Source == "" {
			return fmt.Errorf("weekly rest %d: source is required", i+1)
		}
		for _, d := range w.Days {
			if _, err := parseWeekday(d); err != nil {
				return fmt.Errorf("weekly rest %d: %w", i+1, err)
			}
		}
		if i > 0 {
			if err := checkFollows(r.WeeklyRest[i-1].EffectiveTo, w.EffectiveFrom); err != nil {
				return fmt.Errorf("weekly rest %d: %w", i+1, err)
			}
		}
	}
	for i, law := range r.Laws {
		if law.Code == "" || law.Source == "" {
			return fmt.Errorf("holiday law %d: code and source are required", i+1)
		}
		if err := checkPeriod(law.EffectiveFrom, law.EffectiveTo); err != nil {
			return fmt.Errorf("holiday law %s: %w", law.Code, err)
		}
		if i > 0 {
			if err := checkFollows(r.Laws[i-1].EffectiveTo, law.EffectiveFrom); err != nil {
				return fmt.Errorf("holiday law %s: %w", law.Code, err)
			}
		}
		for _, h := range law.Holidays {
			if err := h.validate(); err != nil {
				return fmt.Errorf("holiday law %s: %w", law.Code, err)
			}
		}
	}
	first, last := r.Laws[0].EffectiveFrom, r.Laws[len(r.Laws)-1].EffectiveTo
	if r.WeeklyRest[0].EffectiveFrom.After(first) {
		return fmt.Errorf("no weekly rest rule in force on %s, when the first holiday law starts", first)
	}
	if wl := r.WeeklyRest[len(r.WeeklyRest)-1].EffectiveTo; !wl.IsZero() && (last.IsZero() || wl.Before(last)) {
		return fmt.Errorf("the weekly rest rules end on %s, before the holiday laws", wl)
	}
	return nil
}

func checkPeriod(from, to civil.Date) error {
	if !from.Valid() {
		return errors.New("effective_from is required")
	}
	if !to.IsZero() && to.Before(from) {
		return fmt.Errorf("effective_to %s is before effective_from %s", to, from)
	}
	return nil
}

// checkFollows requires consecutive periods to meet without gap or overlap,
// so that exactly one rule is in force on every covered day.
func checkFollows(prevTo, from civil.Date) error {
	if prevTo.IsZero() {
		return fmt.Errorf("starts on %s but the rule before it has no end date", from)
	}
	if prevTo.AddDays(1) != from {
		return fmt.Errorf("starts on %s; it must start the day after the previous rule ends (%s)", from, prevTo)
	}
	return nil
}

func (h Holiday) validate() error {
	if h.Name == "" || h.NameEN == "" {
		return errors.New("a holiday needs name and name_en")
	}
	switch h.Calendar {
	case "solar":
		if !(civil.Date{Year: 2001, Month: time.Month(h.Month), Day: h.Day}).Valid() {
			return fmt.Errorf("%s: %d/%d is not a day of every year", h.Name, h.Day, h.Month)
		}
	case "lunar":
		if h.Month < 1 || h.Month > 12 || h.Day < 1 || h.Day > 29 {
			return fmt.Errorf("%s: lunar %d/%d is not a day of every lunar year", h.Name, h.Day, h.Month)
		}
	default:
		return fmt.Errorf("%s: calendar must be \"solar\" or \"lunar\", not %q", h.Name, h.Calendar)
	}
	if h.Days < 0 || h.Days > 15 {
		return fmt.Errorf("%s: days must be between 1 and 15", h.Name)
	}
	for name := range h.OffsetByWeekday {
		if _, err := parseWeekday(name); err != nil {
			return fmt.Errorf("%s: offset_by_weekday: %w", h.Name, err)
		}
	}
	return nil
}

// dayCount is Days with its default.
func (h Holiday) dayCount() int {
	if h.Days == 0 {
		return 1
	}
	return h.Days
}

// anchorJDN returns the anchor day of h in (solar or lunar) year y.
func (h Holiday) anchorJDN(y int) (int, error) {
	if h.Calendar == "lunar" {
		d, err := FromLunar(LunarDate{Year: y, Month: h.Month, Day: h.Day})
		if err != nil {
			return 0, err
		}
		return jdnOf(d), nil
	}
	return jdn(y, h.Month, h.Day), nil
}

// offsetFor returns the offset of the first day for an anchor on weekday w.
func (h Holiday) offsetFor(w time.Weekday) int {
	for name, off := range h.OffsetByWeekday {
		if wd, _ := parseWeekday(name); wd == w {
			return off
		}
	}
	return h.Offset
}
