package caldata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// MaxImportSize bounds a schedule file: a year has 366 days.
const MaxImportSize = 1 << 20

// fileSchedule is a schedule file as written, every field kept as text so
// that each problem can be reported where it is.
type fileSchedule struct {
	Year        *int              `json:"year"`
	Source      string            `json:"source"`
	Provisional bool              `json:"provisional"`
	Overrides   []json.RawMessage `json:"overrides"`
}

type fileOverride struct {
	Date     string `json:"date"`
	Kind     string `json:"kind"`
	Reason   string `json:"reason"`
	ReasonEN string `json:"reason_en"`
}

// rowField names a field of the N-th entry (from 1) of a file.
func rowField(n int, field string) string { return fmt.Sprintf("rows[%d].%s", n, field) }

// parseSchedule reads a schedule file and checks every entry against the
// rules' span, collecting every problem before answering.
func parseSchedule(file []byte, covered civil.Range) (calendar.Schedule, error) {
	var errs validate.Errors
	if len(bytes.TrimSpace(file)) == 0 {
		errs.Add("file", "calendar.error.import_empty", nil)
		return calendar.Schedule{}, errs
	}
	if len(file) > MaxImportSize {
		errs.Add("file", "calendar.error.import_too_large", map[string]any{"max": "1 MB"})
		return calendar.Schedule{}, errs
	}
	var f fileSchedule
	dec := json.NewDecoder(bytes.NewReader(file))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		errs.Add("file", "calendar.error.import_unreadable", map[string]any{"error": err.Error()})
		return calendar.Schedule{}, errs
	}
	if dec.More() {
		errs.Add("file", "calendar.error.import_unreadable", map[string]any{"error": "trailing data after the JSON value"})
		return calendar.Schedule{}, errs
	}
	sc := calendar.Schedule{Source: vntext.Clean(f.Source), Provisional: f.Provisional}
	switch {
	case f.Year == nil:
		errs.Add("year", "calendar.error.import_no_year", nil)
	case *f.Year < minYear || *f.Year > maxYear:
		errs.Add("year", "calendar.error.year_range", map[string]any{"min": minYear, "max": maxYear})
	default:
		sc.Year = *f.Year
		if !yearCovered(sc.Year, covered) {
			noRules(&errs, "year", sc.Year, covered)
		}
	}
	if sc.Source == "" && !sc.Provisional {
		errs.Add("source", "calendar.error.import_no_source", nil)
	}
	errs.MaxLen("source", sc.Source, maxText)
	seen := map[civil.Date]int{}
	for i, raw := range f.Overrides {
		n := i + 1
		var o fileOverride
		d := json.NewDecoder(bytes.NewReader(raw))
		d.DisallowUnknownFields()
		if err := d.Decode(&o); err != nil {
			errs.Add(rowField(n, "entry"), "calendar.error.import_bad_entry", map[string]any{"error": err.Error()})
			continue
		}
		var ov calendar.Override
		date, err := civil.Parse(strings.TrimSpace(o.Date))
		switch {
		case strings.TrimSpace(o.Date) == "":
			errs.Add(rowField(n, "date"), "error.required", nil)
		case err != nil:
			errs.Add(rowField(n, "date"), "calendar.error.import_bad_date", map[string]any{"value": o.Date})
		case sc.Year != 0 && date.Year != sc.Year:
			errs.Add(rowField(n, "date"), "calendar.error.date_other_year", map[string]any{"year": sc.Year})
		case seen[date] != 0:
			errs.Add(rowField(n, "date"), "calendar.error.duplicate_in_file", map[string]any{"date": vntext.Date(date), "item": seen[date]})
		default:
			seen[date] = n
			ov.Date = date
		}
		if err := ov.Kind.UnmarshalText([]byte(o.Kind)); err != nil {
			errs.Add(rowField(n, "kind"), "calendar.error.import_bad_kind", map[string]any{"value": o.Kind})
		}
		ov.Reason, ov.ReasonEN = vntext.Clean(o.Reason), vntext.Clean(o.ReasonEN)
		errs.Required(rowField(n, "reason"), ov.Reason)
		errs.MaxLen(rowField(n, "reason"), ov.Reason, maxReason)
		errs.MaxLen(rowField(n, "reason_en"), ov.ReasonEN, maxReason)
		sc.Overrides = append(sc.Overrides, ov)
	}
	if len(errs) > 0 {
		return calendar.Schedule{}, errs
	}
	// The package's own check, as a last line (it should find nothing new).
	if err := sc.Validate(); err != nil {
		errs.Add("file", "calendar.error.import_unreadable", map[string]any{"error": err.Error()})
		return calendar.Schedule{}, errs
	}
	return sc, nil
}
