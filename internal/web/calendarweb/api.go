package calendarweb

import (
	"io"
	"net/http"
	"strconv"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/caldata"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/web"
)

// The JSON API of the calendar: the same service calls as the page. Dates
// are ISO (YYYY-MM-DD). Reading needs a signed-in user; writing needs
// settings.admin. The field names of a 422 are those of the request body,
// except for a limit's durations, which are named as in the page's form:
// base_n, base_unit, ext1_n, ext1_unit, ext1_max_n, ext1_max_unit,
// ext1_condition … (ext1 is the first extension).

func (p *Pages) registerAPI() {
	year := web.APIParam{Name: "year", In: "path", Description: "the year, 1900–2199", Required: true}
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/calendar/years/{year}",
		Summary: "A year's days off (other than weekends) and worked days, with where each comes from, and whether the government's schedule is confirmed",
		Perm:    access.Self, Params: []web.APIParam{year},
		Response: apiYear{Year: 2026, Covered: true, Confirmed: true, Source: "Công văn 9859/VPCP-KGVX", WorkingDays: 247,
			DaysOff: []apiDay{{Date: civil.MustParse("2026-02-17"), Weekday: "Thứ Ba", Reason: "Tết Âm lịch Bính Ngọ (mùng 1)",
				ReasonEN: "Lunar New Year", Lunar: "1/1/2026", Origin: caldata.OriginSchedule, Document: "Công văn 9859/VPCP-KGVX"}}}},
		p.apiYear)
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/calendar/deadline",
		Summary: "The due day of a period counted from a day (not counted), with the days off it crosses",
		Perm:    access.Self, Params: []web.APIParam{
			{Name: "from", In: "query", Description: "the start day (YYYY-MM-DD), not counted", Required: true},
			{Name: "n", In: "query", Description: "the length, 0–10000", Required: true},
			{Name: "unit", In: "query", Description: "working_days (default), calendar_days or months"}}},
		p.apiDeadline)
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/calendar/limits",
		Summary: "The versions of the legal time limits in use",
		Perm:    access.Self, Params: []web.APIParam{
			{Name: "q", In: "query", Description: "words of the code, name or legal source; any accents"},
			{Name: "in_force_on", In: "query", Description: "only the versions in force on this day (YYYY-MM-DD)"},
			{Name: "sort", In: "query", Description: "code (default), name, base or effective_from"},
			{Name: "dir", In: "query", Description: "asc (default) or desc"},
			{Name: "page", In: "query", Description: "page number, from 1"},
			{Name: "per_page", In: "query", Description: "entries per page (≤ 200, default 50)"}}},
		p.apiLimits)
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/calendar/limits/{code}",
		Summary: "Every version of one legal time limit, oldest first",
		Perm:    access.Self, Params: []web.APIParam{{Name: "code", In: "path", Description: "e.g. denunciation.resolve", Required: true}}},
		p.apiLimit)
	p.app.HandleAPI(web.APIOp{Method: "POST", Path: "/api/v1/calendar/overrides",
		Summary: "Make one day a day off or a working day (body: date, kind day_off|work_day, reason, reason_en, document)",
		Perm:    access.SettingsAdmin}, p.apiAddOverride)
	p.app.HandleAPI(web.APIOp{Method: "DELETE", Path: "/api/v1/calendar/overrides/{day}",
		Summary: "Delete the decision for one day, so that the law's default applies again",
		Perm:    access.SettingsAdmin, Params: []web.APIParam{{Name: "day", In: "path", Description: "YYYY-MM-DD", Required: true}}},
		p.apiDeleteOverride)
	p.app.HandleAPI(web.APIOp{Method: "POST", Path: "/api/v1/calendar/years/{year}/confirm",
		Summary: "Mark the year's schedule as published by the government (body: source, version; 409 when the version is stale)",
		Perm:    access.SettingsAdmin, Params: []web.APIParam{year}}, p.apiConfirm)
	p.app.HandleAPI(web.APIOp{Method: "POST", Path: "/api/v1/calendar/import",
		Summary: "Replace a year's schedule with a file in the format of internal/calendar/data/schedules (all or nothing; 422 lists each entry's problems as rows[N].field)",
		Perm:    access.SettingsAdmin}, p.apiImport)
	p.app.HandleAPI(web.APIOp{Method: "POST", Path: "/api/v1/calendar/limits",
		Summary: "Add a version of a legal time limit (body: a limit in the format of internal/calendar/data/limits.json); the version in force before is closed the day before",
		Perm:    access.SettingsAdmin}, p.apiAddLimit)
}

type apiDay struct {
	Date       civil.Date     `json:"date"`
	Weekday    string         `json:"weekday"`
	Reason     string         `json:"reason"`
	ReasonEN   string         `json:"reason_en,omitempty"`
	Lunar      string         `json:"lunar"`
	Origin     caldata.Origin `json:"origin"`
	Document   string         `json:"document,omitempty"`
	OverrideID int64          `json:"override_id,omitempty"`
}

type apiOverride struct {
	ID        int64                 `json:"id,omitempty"`
	Date      civil.Date            `json:"date"`
	Kind      calendar.OverrideKind `json:"kind"`
	Reason    string                `json:"reason"`
	ReasonEN  string                `json:"reason_en,omitempty"`
	Document  string                `json:"document"`
	Origin    caldata.Origin        `json:"origin"`
	CreatedAt *time.Time            `json:"created_at,omitempty"`
	CreatedBy string                `json:"created_by,omitempty"`
}

type apiYear struct {
	Year        int           `json:"year"`
	Covered     bool          `json:"covered"`
	RulesFrom   civil.Date    `json:"rules_from,omitzero"`
	RulesTo     civil.Date    `json:"rules_to,omitzero"`
	Confirmed   bool          `json:"confirmed"`
	Source      string        `json:"source,omitempty"`
	ConfirmedAt *time.Time    `json:"confirmed_at,omitempty"`
	ConfirmedBy string        `json:"confirmed_by,omitempty"`
	InDatabase  bool          `json:"in_database"`
	Version     int           `json:"version"`
	WorkingDays int           `json:"working_days"`
	DaysOff     []apiDay      `json:"days_off"`
	WorkedDays  []apiDay      `json:"worked_days"`
	Overrides   []apiOverride `json:"overrides"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func toOverride(o caldata.Override) apiOverride {
	return apiOverride{ID: o.ID, Date: o.Date, Kind: o.Kind, Reason: o.Reason, ReasonEN: o.ReasonEN, Document: o.Document,
		Origin: o.Origin, CreatedAt: timePtr(o.CreatedAt), CreatedBy: o.CreatedBy}
}

func toDay(d caldata.Day) apiDay {
	a := apiDay{Date: d.Date, Weekday: calendar.WeekdayName(d.Date.Weekday()), Reason: d.Reason, ReasonEN: d.ReasonEN,
		Lunar: d.Lunar.String(), Origin: d.Origin}
	if d.Override != nil {
		a.Document, a.OverrideID = d.Override.Document, d.Override.ID
	}
	return a
}

func toYear(y caldata.Year) apiYear {
	a := apiYear{Year: y.Year, Covered: y.Covered, RulesFrom: y.Rules.From, RulesTo: y.Rules.To, Confirmed: y.Confirmed,
		Source: y.Source, ConfirmedAt: timePtr(y.ConfirmedAt), ConfirmedBy: y.ConfirmedBy, InDatabase: y.InDatabase,
		Version: y.Version, WorkingDays: y.WorkingDays, DaysOff: []apiDay{}, WorkedDays: []apiDay{}, Overrides: []apiOverride{}}
	for _, d := range y.DaysOff {
		a.DaysOff = append(a.DaysOff, toDay(d))
	}
	for _, d := range y.WorkedDays {
		a.WorkedDays = append(a.WorkedDays, toDay(d))
	}
	for _, o := range y.Overrides {
		a.Overrides = append(a.Overrides, toOverride(o))
	}
	return a
}

// pathYear is the {year} of the path; a year that is not a number is not found.
func pathYear(r *http.Request) (int, bool) {
	y, err := strconv.Atoi(r.PathValue("year"))
	return y, err == nil
}

func (p *Pages) apiYear(w http.ResponseWriter, r *http.Request) {
	year, ok := pathYear(r)
	if !ok {
		p.app.APIFail(w, r, store.ErrNotFound)
		return
	}
	y, err := p.svc.Year(r.Context(), year)
	if _, bad := validate.As(err); bad {
		err = store.ErrNotFound
	}
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, toYear(y))
}

type apiExplanation struct {
	From             civil.Date `json:"from"`
	N                int        `json:"n"`
	Unit             string     `json:"unit"`
	End              civil.Date `json:"end"`
	Due              civil.Date `json:"due"`
	Moved            bool       `json:"moved"`
	WorkingDays      int        `json:"working_days"`
	RestDays         int        `json:"rest_days"`
	DaysOff          []apiDay   `json:"days_off"`
	UnconfirmedYears []int      `json:"unconfirmed_years"`
}

func (p *Pages) apiDeadline(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := &form{get: q.Get}
	from, n := f.date("from"), f.num("n", -1)
	unit := f.unit("unit")
	if unit == 0 && f.str("unit") == "" {
		unit = calendar.WorkingDays
	}
	var x calendar.Explanation
	var err error
	if len(f.errs) == 0 {
		x, err = p.svc.Deadline(r.Context(), from, n, unit)
	}
	if err = f.merge(err); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	out := apiExplanation{From: x.From, N: x.Length.N, Unit: x.Length.Unit.String(), End: x.End, Due: x.Due, Moved: x.Moved,
		WorkingDays: x.WorkingDays, RestDays: x.RestDays, DaysOff: []apiDay{}, UnconfirmedYears: x.Unconfirmed}
	if out.UnconfirmedYears == nil {
		out.UnconfirmedYears = []int{}
	}
	for _, d := range x.DaysOff {
		origin := caldata.OriginLaw
		if d.Scheduled {
			origin = caldata.OriginSchedule
		}
		out.DaysOff = append(out.DaysOff, apiDay{Date: d.Date, Weekday: calendar.WeekdayName(d.Date.Weekday()), Reason: d.Reason,
			ReasonEN: d.ReasonEN, Lunar: d.Lunar.String(), Origin: origin})
	}
	web.WriteJSON(w, http.StatusOK, out)
}

type apiLimit struct {
	calendar.Limit
	Origin    caldata.Origin `json:"origin"`
	InForce   bool           `json:"in_force"`
	CreatedAt *time.Time     `json:"created_at,omitempty"`
	CreatedBy string         `json:"created_by,omitempty"`
	ClosedAt  *time.Time     `json:"closed_at,omitempty"`
	ClosedBy  string         `json:"closed_by,omitempty"`
}

func toLimit(l caldata.LimitVersion) apiLimit {
	return apiLimit{Limit: l.Limit, Origin: l.Origin, InForce: l.InForce, CreatedAt: timePtr(l.CreatedAt), CreatedBy: l.CreatedBy,
		ClosedAt: timePtr(l.ClosedAt), ClosedBy: l.ClosedBy}
}

func (p *Pages) apiLimits(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := &form{get: q.Get}
	filter := caldata.LimitFilter{Q: f.str("q"), InForceOn: f.date("in_force_on"), Sort: q.Get("sort"), Desc: q.Get("dir") == "desc",
		Page: f.num("page", 1), PerPage: f.num("per_page", 50)}
	if len(f.errs) > 0 {
		p.app.APIFail(w, r, f.errs)
		return
	}
	page, err := p.svc.Limits(r.Context(), filter)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	items := make([]apiLimit, 0, len(page.Items))
	for _, l := range page.Items {
		items = append(items, toLimit(l))
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"total": page.Total, "page": page.Page, "pages": page.Pages, "items": items})
}

func (p *Pages) apiLimit(w http.ResponseWriter, r *http.Request) {
	versions, err := p.svc.LimitVersions(r.Context(), r.PathValue("code"))
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	out := make([]apiLimit, 0, len(versions))
	for _, l := range versions {
		out = append(out, toLimit(l))
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"code": r.PathValue("code"), "versions": out})
}

func (p *Pages) apiAddOverride(w http.ResponseWriter, r *http.Request) {
	var in caldata.OverrideInput
	if err := web.DecodeJSON(r, &in); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	o, err := p.svc.AddOverride(r.Context(), in)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, toOverride(o))
}

func (p *Pages) apiDeleteOverride(w http.ResponseWriter, r *http.Request) {
	day, err := civil.Parse(r.PathValue("day"))
	if err != nil {
		p.app.APIFail(w, r, store.ErrNotFound)
		return
	}
	o, err := p.svc.DeleteOverride(r.Context(), day)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"deleted": toOverride(o)})
}

func (p *Pages) apiConfirm(w http.ResponseWriter, r *http.Request) {
	year, ok := pathYear(r)
	if !ok {
		p.app.APIFail(w, r, store.ErrNotFound)
		return
	}
	var body struct {
		Source  string `json:"source"`
		Version int    `json:"version"`
	}
	if err := web.DecodeJSON(r, &body); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	if err := p.svc.ConfirmYear(r.Context(), year, body.Source, body.Version); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	y, err := p.svc.Year(r.Context(), year)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, toYear(y))
}

func (p *Pages) apiImport(w http.ResponseWriter, r *http.Request) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, caldata.MaxImportSize+1))
	if err != nil {
		p.app.APIFail(w, r, validate.Errors{{Field: "file", Key: "calendar.error.import_too_large", Params: map[string]any{"max": "1 MB"}}})
		return
	}
	res, err := p.svc.ImportSchedule(r.Context(), b)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, res)
}

func (p *Pages) apiAddLimit(w http.ResponseWriter, r *http.Request) {
	var l calendar.Limit
	if err := web.DecodeJSON(r, &l); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	v, err := p.svc.AddLimitVersion(r.Context(), caldata.LimitInput{Code: l.Code, Name: l.Name, NameEN: l.NameEN, Start: l.Start,
		StartEN: l.StartEN, Base: l.Base, Extensions: l.Extensions, Source: l.Source, Unverified: l.Unverified, Note: l.Note,
		EffectiveFrom: l.EffectiveFrom, EffectiveTo: l.EffectiveTo})
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, toLimit(v))
}
