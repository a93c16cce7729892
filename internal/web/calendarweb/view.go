package calendarweb

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"noichinh/internal/caldata"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/i18n"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

// adminPage is what the template shows.
type adminPage struct {
	Year caldata.Year
	// YearOK is false when the year asked for could not be read; Year is
	// then this year.
	Prev, Next int
	// Origin filters the days off: "", "law", "schedule" or "override".
	Origin  string
	DaysOff []caldata.Day
	Counts  map[string]int
	// Active names the form to show open (with its errors): override,
	// confirm, import, limit.
	Active string
	Calc   *calcView
	Limits caldata.LimitPage
	// LimitQuery is true when the limits list is filtered.
	LimitQuery bool
	Rows       []importRow
	Kinds      [][2]string
	Units      [][2]string
	Origins    []string
	Slots      []int // extension rows of the new-version form
}

// importRow is one problem of a refused schedule file.
type importRow struct {
	Item  int
	Field string // the form error's field: rows[N].name
	Name  string // the entry's field: date, kind, reason, …
}

// calcView is a deadline computed on the page.
type calcView struct {
	calendar.Explanation
	Runs []run
}

// run is consecutive days off, with what they are for.
type run struct {
	From, To civil.Date
	Label    string
	LabelEN  string
}

var (
	kinds   = [][2]string{{"day_off", "calendar.kind.day_off"}, {"work_day", "calendar.kind.work_day"}}
	units   = [][2]string{{"working_days", "calendar.unit.working_days"}, {"calendar_days", "calendar.unit.calendar_days"}, {"months", "calendar.unit.months"}}
	origins = []string{string(caldata.OriginLaw), string(caldata.OriginSchedule), string(caldata.OriginOverride)}
)

// Weekday is the day's name in the page's language.
func (v *adminPage) Weekday(p *web.Page, d civil.Date) string {
	if p.Lang == i18n.EN {
		return d.Weekday().String()
	}
	return calendar.WeekdayName(d.Weekday())
}

// Lunar writes a lunar date: 27/12/2025, 1/6 nhuận/2025.
func (v *adminPage) Lunar(p *web.Page, l calendar.LunarDate) string {
	if l.Leap {
		return p.T("calendar.lunar_leap", "day", l.Day, "month", l.Month, "year", l.Year)
	}
	return p.T("calendar.lunar", "day", l.Day, "month", l.Month, "year", l.Year)
}

// Reason is the day's reason in the page's language (Vietnamese when no
// English was given).
func (v *adminPage) Reason(p *web.Page, vi, en string) string {
	if p.Lang == i18n.EN && en != "" {
		return en
	}
	return vi
}

// Duration writes a length: "7 ngày làm việc", "2 tháng".
func (v *adminPage) Duration(p *web.Page, d calendar.Duration) string {
	if d == (calendar.Duration{}) {
		return ""
	}
	return p.T("calendar.length."+d.Unit.String(), "n", p.Int(d.N))
}

// Extension writes one extension: "+15 ngày, tổng tối đa 45 ngày".
func (v *adminPage) Extension(p *web.Page, e calendar.Extension) string {
	var parts []string
	if e.Duration != (calendar.Duration{}) {
		parts = append(parts, "+"+v.Duration(p, e.Duration))
	}
	if e.MaxTotal != (calendar.Duration{}) {
		parts = append(parts, p.T("calendar.limit.max_total", "length", v.Duration(p, e.MaxTotal)))
	}
	return strings.Join(parts, ", ")
}

// Condition is an extension's condition in the page's language.
func (v *adminPage) Condition(p *web.Page, e calendar.Extension) string {
	return v.Reason(p, e.Condition, e.ConditionEN)
}

// Name is a limit's name in the page's language.
func (v *adminPage) Name(p *web.Page, l calendar.Limit) string { return v.Reason(p, l.Name, l.NameEN) }

// Start is the event a limit runs from, in the page's language.
func (v *adminPage) Start(p *web.Page, l calendar.Limit) string {
	return v.Reason(p, l.Start, l.StartEN)
}

// Summary is the calculation in one line: "7 ngày làm việc kể từ 10/02/2026
// → 26/02/2026 (nghỉ Tết Âm lịch Bính Ngọ 14/02–22/02)".
func (c *calcView) Summary(p *web.Page) string {
	v := &adminPage{}
	s := p.T("calendar.calc.summary", "length", v.Duration(p, c.Length), "from", vntext.Date(c.From), "due", vntext.Date(c.Due))
	var runs []string
	for _, r := range c.Runs {
		runs = append(runs, r.Text(p))
	}
	if len(runs) > 0 {
		s += " (" + strings.Join(runs, "; ") + ")"
	}
	return s
}

// Text writes a run: "nghỉ Tết Âm lịch Bính Ngọ 14/02–22/02".
func (r run) Text(p *web.Page) string {
	label := r.Label
	if p.Lang == i18n.EN && r.LabelEN != "" {
		label = r.LabelEN
	}
	span := shortDate(r.From)
	if r.To != r.From {
		span += "–" + shortDate(r.To)
	}
	return p.T("calendar.calc.run", "label", label, "days", span)
}

// Days counts the days of the run.
func (r run) Days() int { return r.To.DaysSince(r.From) + 1 }

func shortDate(d civil.Date) string { return fmt.Sprintf("%02d/%02d", d.Day, int(d.Month)) }

// runsOf groups consecutive days off and names each group by what its days
// are for, without the details that differ from day to day ("mùng 1",
// "27 tháng Chạp").
func runsOf(days []calendar.DayOff) []run {
	var out []run
	var vi, en []string
	flush := func() {
		if len(out) > 0 {
			out[len(out)-1].Label, out[len(out)-1].LabelEN = strings.Join(vi, ", "), strings.Join(en, ", ")
		}
		vi, en = nil, nil
	}
	for _, d := range days {
		if n := len(out); n == 0 || out[n-1].To.AddDays(1) != d.Date {
			flush()
			out = append(out, run{From: d.Date, To: d.Date})
		} else {
			out[n-1].To = d.Date
		}
		for _, r := range strings.Split(d.Reason, "; ") {
			vi = addLabel(vi, shortLabel(r, false))
		}
		for _, r := range strings.Split(d.ReasonEN, "; ") {
			en = addLabel(en, shortLabel(r, true))
		}
	}
	flush()
	return out
}

var (
	parenthetical = regexp.MustCompile(`\s*\([^)]*\)`)
	makeUpVI      = regexp.MustCompile(`^Nghỉ bù cho ngày [^–]*– `)
	makeUpEN      = regexp.MustCompile(`^Make-up day for [^–]*– `)
)

// shortLabel drops what distinguishes one day of a holiday from the next.
func shortLabel(s string, en bool) string {
	s = strings.TrimSpace(parenthetical.ReplaceAllString(s, ""))
	if en {
		s = makeUpEN.ReplaceAllString(s, "")
		s = strings.TrimSuffix(s, " break")
		return s
	}
	s = makeUpVI.ReplaceAllString(s, "")
	for _, prefix := range []string{"Nghỉ lễ ", "Nghỉ ", "nghỉ "} {
		s = strings.TrimPrefix(s, prefix)
	}
	return s
}

func addLabel(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, l := range list {
		if strings.EqualFold(l, s) {
			return list
		}
	}
	return append(list, s)
}

// Steps explains a calculation line by line.
func (c *calcView) Steps(p *web.Page) []string {
	v := &adminPage{}
	steps := []string{p.T("calendar.calc.step_start", "from", vntext.Date(c.From))}
	switch c.Length.Unit {
	case calendar.WorkingDays:
		steps = append(steps, p.T("calendar.calc.step_working", "n", p.Int(c.WorkingDays), "due", vntext.Date(c.Due)))
	default:
		steps = append(steps, p.T("calendar.calc.step_add", "from", vntext.Date(c.From), "length", v.Duration(p, c.Length),
			"end", vntext.Date(c.End)))
		if c.Moved {
			steps = append(steps, p.T("calendar.calc.step_moved", "end", vntext.Date(c.End), "due", vntext.Date(c.Due)))
		} else {
			steps = append(steps, p.T("calendar.calc.step_not_moved", "end", vntext.Date(c.End)))
		}
	}
	steps = append(steps, p.T("calendar.calc.step_counted", "working", p.Int(c.WorkingDays), "rest", p.Int(c.RestDays),
		"off", p.Int(len(c.DaysOff))))
	for _, r := range c.Runs {
		steps = append(steps, p.T("calendar.calc.step_run", "run", r.Text(p), "n", p.Int(r.Days())))
	}
	return steps
}

// Unconfirmed names the years of the calculation without a published schedule.
func (c *calcView) UnconfirmedYears() string {
	parts := make([]string, len(c.Unconfirmed))
	for i, y := range c.Unconfirmed {
		parts[i] = fmt.Sprint(y)
	}
	return strings.Join(parts, ", ")
}

// Message is where a refused file's problem is, in the page's language.
func (ir importRow) Message(p *web.Page) string {
	if ir.Name == "entry" {
		return p.T("calendar.import.at_item", "item", ir.Item)
	}
	return p.T("calendar.import.at_field", "item", ir.Item, "field", ir.Name)
}

// Moment shows a moment in Vietnam's time, or "" when zero.
func (v *adminPage) Moment(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(civil.Zone).Format("02/01/2006 15:04")
}

// LatestOf reports whether l is the latest version of its code on the page,
// the one a new version follows.
func (v *adminPage) LatestOf(l caldata.LimitVersion) bool {
	for _, o := range v.Limits.Items {
		if o.Code == l.Code && o.EffectiveFrom.After(l.EffectiveFrom) {
			return false
		}
	}
	return true
}
