package calendarweb

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"

	"noichinh/internal/caldata"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

func (p *Pages) page(w http.ResponseWriter, r *http.Request) {
	p.render(w, r, r.URL.Query().Get("year"), "", nil)
}

// render shows the page for yearText (empty: this year). After a refused
// POST, active names the form and err holds its errors; the posted values
// come back in it.
func (p *Pages) render(w http.ResponseWriter, r *http.Request, yearText, active string, err error) {
	ctx := r.Context()
	q := r.URL.Query()
	v := &adminPage{Active: active, Kinds: kinds, Units: units, Origins: origins, Slots: []int{1, 2, 3}, Counts: map[string]int{}}
	var pageErrs validate.Errors

	year := civil.Today().Year
	if yearText != "" {
		if n, perr := strconv.Atoi(yearText); perr == nil {
			year = n
		} else {
			pageErrs.Add("year", "error.invalid_number", nil)
		}
	}
	y, yerr := p.svc.Year(ctx, year)
	if errs, ok := validate.As(yerr); ok {
		pageErrs = append(pageErrs, errs...)
		year = civil.Today().Year
		y, yerr = p.svc.Year(ctx, year)
	}
	if yerr != nil {
		p.app.Fail(w, r, yerr)
		return
	}
	v.Year, v.Prev, v.Next = y, max(year-1, 1900), min(year+1, 2199)
	v.Origin = q.Get("origin")
	if !slices.Contains(origins, v.Origin) {
		v.Origin = ""
	}
	for _, d := range y.DaysOff {
		v.Counts[string(d.Origin)]++
		if v.Origin == "" || string(d.Origin) == v.Origin {
			v.DaysOff = append(v.DaysOff, d)
		}
	}

	// The deadline calculator answers a GET.
	if r.Method == http.MethodGet && (q.Has("from") || q.Has("n")) {
		f := &form{get: q.Get}
		from, n, unit := f.date("from"), f.num("n", 0), f.unit("unit")
		if unit == 0 && f.str("unit") == "" {
			unit = calendar.WorkingDays
		}
		var x calendar.Explanation
		var cerr error
		if len(f.errs) == 0 {
			x, cerr = p.svc.Deadline(ctx, from, n, unit)
		}
		cerr = f.merge(cerr)
		if errs, ok := validate.As(cerr); ok {
			pageErrs = append(pageErrs, errs...)
		} else if cerr != nil {
			p.app.Fail(w, r, cerr)
			return
		} else {
			v.Calc = &calcView{Explanation: x, Runs: runsOf(x.DaysOff)}
		}
	}

	lf := &form{get: q.Get}
	filter := caldata.LimitFilter{Q: lf.str("q"), Sort: q.Get("sort"), Desc: q.Get("dir") == "desc", Page: lf.num("page", 1)}
	if q.Get("in_force") == "1" {
		filter.InForceOn = civil.Today()
	}
	v.LimitQuery = filter.Q != "" || !filter.InForceOn.IsZero()
	limits, lerr := p.svc.Limits(ctx, filter)
	if lerr != nil {
		p.app.Fail(w, r, lerr)
		return
	}
	v.Limits = limits

	var fm *web.Form
	if err != nil {
		fm = p.app.NewForm(r, formErr(err))
		v.Rows = importRows(err)
	} else {
		values := url.Values{}
		for k, vs := range q {
			values[k] = vs
		}
		if code := q.Get("limit"); code != "" {
			if versions, verr := p.svc.LimitVersions(ctx, code); verr == nil {
				prefillLimit(values, versions[len(versions)-1])
				v.Active = "limit"
			}
		}
		fm = &web.Form{Values: values, Errors: pageErrs}
	}
	if len(pageErrs) > 0 && err != nil {
		fm.Errors = append(fm.Errors, pageErrs...)
	}
	if fm.Values.Get("year") == "" {
		fm.Values.Set("year", strconv.Itoa(year))
	}
	pg := &web.Page{Data: v, Form: fm}
	if err != nil {
		pg.Status = status(err)
	}
	pg.Title = pg.T("nav.calendar")
	p.app.Render(w, r, "calendar/admin", pg)
}

// prefillLimit fills the new-version form with the latest version's values.
func prefillLimit(values url.Values, l caldata.LimitVersion) {
	set := func(k, v string) { values.Set("l_"+k, v) }
	set("code", l.Code)
	set("name", l.Name)
	set("name_en", l.NameEN)
	set("start", l.Start)
	set("start_en", l.StartEN)
	set("base_n", strconv.Itoa(l.Base.N))
	set("base_unit", l.Base.Unit.String())
	set("source", l.Source)
	set("note", l.Note)
	if l.Unverified {
		set("unverified", "1")
	}
	for i, e := range l.Extensions {
		n := strconv.Itoa(i + 1)
		if e.Duration != (calendar.Duration{}) {
			set("ext"+n+"_n", strconv.Itoa(e.Duration.N))
			set("ext"+n+"_unit", e.Duration.Unit.String())
		}
		if e.MaxTotal != (calendar.Duration{}) {
			set("ext"+n+"_max_n", strconv.Itoa(e.MaxTotal.N))
			set("ext"+n+"_max_unit", e.MaxTotal.Unit.String())
		}
		set("ext"+n+"_condition", e.Condition)
		set("ext"+n+"_condition_en", e.ConditionEN)
	}
}

var rowFieldPattern = regexp.MustCompile(`^rows\[(\d+)\]\.(.+)$`)

// importRows lists the entries of a refused file with problems, in order.
func importRows(err error) []importRow {
	errs, _ := validate.As(err)
	var out []importRow
	seen := map[string]bool{}
	for _, e := range errs {
		m := rowFieldPattern.FindStringSubmatch(e.Field)
		if m == nil || seen[e.Field] {
			continue
		}
		seen[e.Field] = true
		n, _ := strconv.Atoi(m[1])
		out = append(out, importRow{Item: n, Field: e.Field, Name: m[2]})
	}
	slices.SortStableFunc(out, func(a, b importRow) int { return a.Item - b.Item })
	return out
}

// back is the page of the year a form was posted for.
func back(r *http.Request, anchor string) string {
	u := "/admin/calendar"
	if y := r.PostFormValue("year"); y != "" {
		if _, err := strconv.Atoi(y); err == nil {
			u += "?year=" + y
		}
	}
	return u + anchor
}

func (p *Pages) addOverride(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	f := &form{get: r.PostForm.Get}
	in := caldata.OverrideInput{Date: f.date("date"), Kind: f.kind("kind"), Reason: f.get("reason"), ReasonEN: f.get("reason_en"),
		Document: f.get("document")}
	var err error
	if len(f.errs) == 0 {
		_, err = p.svc.AddOverride(r.Context(), in)
	}
	err = f.merge(err)
	if invalid(err) {
		p.render(w, r, r.PostForm.Get("year"), "override", err)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "calendar.flash.override_added", "date", dateText(in.Date))
	http.Redirect(w, r, "/admin/calendar?year="+itoa(in.Date.Year)+"#days", http.StatusSeeOther)
}

func dateText(d civil.Date) string { return vntext.Date(d) }

func (p *Pages) deleteOverride(w http.ResponseWriter, r *http.Request) {
	day, err := civil.Parse(r.PathValue("day"))
	if err != nil {
		p.app.Fail(w, r, store.ErrNotFound)
		return
	}
	if _, err := p.svc.DeleteOverride(r.Context(), day); err != nil {
		if invalid(err) {
			_ = r.ParseForm()
			p.render(w, r, itoa(day.Year), "override", err)
			return
		}
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "calendar.flash.override_deleted", "date", dateText(day))
	http.Redirect(w, r, "/admin/calendar?year="+itoa(day.Year)+"#days", http.StatusSeeOther)
}

func (p *Pages) confirmYear(w http.ResponseWriter, r *http.Request) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		p.app.Fail(w, r, store.ErrNotFound)
		return
	}
	_ = r.ParseForm()
	version, _ := strconv.Atoi(r.PostForm.Get("version"))
	err = p.svc.ConfirmYear(r.Context(), year, r.PostForm.Get("source"), version)
	if invalid(err) {
		p.render(w, r, itoa(year), "confirm", err)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "calendar.flash.confirmed", "year", year)
	http.Redirect(w, r, "/admin/calendar?year="+itoa(year), http.StatusSeeOther)
}

func (p *Pages) scheduleFile(w http.ResponseWriter, r *http.Request) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		p.app.Fail(w, r, store.ErrNotFound)
		return
	}
	b, err := p.svc.ScheduleFile(r.Context(), year)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="lich-nghi-`+itoa(year)+`.json"`)
	_, _ = w.Write(append(b, '\n'))
}

func (p *Pages) importFile(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, caldata.MaxImportSize+64<<10)
	file, _, ferr := r.FormFile("file")
	year := r.FormValue("year")
	if ferr != nil {
		p.render(w, r, year, "import", validate.Errors{{Field: "file", Key: "calendar.error.import_no_file"}})
		return
	}
	defer file.Close()
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, io.LimitReader(file, caldata.MaxImportSize+1)); err != nil {
		p.render(w, r, year, "import", validate.Errors{{Field: "file", Key: "calendar.error.import_unreadable",
			Params: map[string]any{"error": err.Error()}}})
		return
	}
	res, err := p.svc.ImportSchedule(r.Context(), buf.Bytes())
	if invalid(err) {
		p.render(w, r, year, "import", onFile(err))
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	key := "calendar.flash.imported"
	if res.Provisional {
		key = "calendar.flash.imported_provisional"
	}
	p.app.Flash(r, "ok", key, "year", res.Year, "n", res.Overrides, "removed", res.Removed)
	http.Redirect(w, r, "/admin/calendar?year="+itoa(res.Year)+"#days", http.StatusSeeOther)
}

// onFile shows the errors of a file's year and source beside the file field:
// the form has no other field for them.
func onFile(err error) error {
	errs, ok := validate.As(err)
	if !ok {
		return err
	}
	out := make(validate.Errors, len(errs))
	for i, e := range errs {
		if e.Field == "year" || e.Field == "source" {
			e.Field = "file"
		}
		out[i] = e
	}
	return out
}

func (p *Pages) addLimit(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	f := &form{get: func(k string) string { return r.PostForm.Get("l_" + k) }}
	in := caldata.LimitInput{Code: f.str("code"), Name: f.get("name"), NameEN: f.get("name_en"), Start: f.get("start"),
		StartEN: f.get("start_en"), Base: calendar.Duration{N: f.num("base_n", 0), Unit: f.unit("base_unit")},
		Source: f.get("source"), Unverified: f.str("unverified") != "", Note: f.get("note"),
		EffectiveFrom: f.date("effective_from"), EffectiveTo: f.date("effective_to")}
	for i := 1; i <= caldata.MaxExtensions; i++ {
		n := "ext" + strconv.Itoa(i) + "_"
		e := calendar.Extension{Condition: f.get(n + "condition"), ConditionEN: f.get(n + "condition_en")}
		if f.str(n+"n") != "" {
			e.Duration = calendar.Duration{N: f.num(n+"n", 0), Unit: f.unit(n + "unit")}
		}
		if f.str(n+"max_n") != "" {
			e.MaxTotal = calendar.Duration{N: f.num(n+"max_n", 0), Unit: f.unit(n + "max_unit")}
		}
		if e.Duration != (calendar.Duration{}) || e.MaxTotal != (calendar.Duration{}) || f.str(n+"condition") != "" || f.str(n+"condition_en") != "" {
			in.Extensions = append(in.Extensions, e)
		}
	}
	var err error
	if len(f.errs) == 0 {
		_, err = p.svc.AddLimitVersion(r.Context(), in)
	}
	err = f.merge(err)
	if invalid(err) {
		p.render(w, r, r.PostForm.Get("year"), "limit", prefixed(err, "l_"))
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "calendar.flash.limit_added", "code", in.Code, "date", dateText(in.EffectiveFrom))
	http.Redirect(w, r, back(r, "#limits"), http.StatusSeeOther)
}
