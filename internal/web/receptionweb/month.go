package receptionweb

import (
	"net/http"
	"net/url"
	"slices"

	"noichinh/internal/civil"
	"noichinh/internal/petitions/communereport"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

// maxMonths bounds the period of the consolidated page.
const maxMonths = 36

// monthView is the Committee's view of one month.
type monthView struct {
	Month    communereport.Month
	Label    string
	Prev     string // query value of the month before, and after (none after the last full month)
	Next     string
	Reports  []communereport.Report
	Missing  []communereport.Unit
	Totals   communereport.Figures
	Fields   []string
	Minimum  int
	Expected int
}

// Figure is one figure of a report by name.
func (monthView) Figure(f communereport.Figures, name string) int { return figureOf(f, name) }

// monthURL is a month's page, at a unit's report when unitID is set.
func monthURL(m communereport.Month, unitID int64) string {
	u := "/commune-reports/month?" + url.Values{"m": {m.String()}}.Encode()
	if unitID != 0 {
		u += "#u-" + itoa(unitID)
	}
	return u
}

func (p *Pages) month(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var errs validate.Errors
	m := parseMonth(&errs, "m", r.URL.Query().Get("m"))
	if m.IsZero() {
		m = lastMonth(p.reports.Today())
	}
	form := &web.Form{Values: url.Values{"m": {monthLabel(m)}}, Errors: errs}
	if len(errs) > 0 {
		form.Values = r.URL.Query()
	}
	v := &monthView{Month: m, Label: monthLabel(m), Fields: figureFields, Minimum: communereport.MinimumSessions}
	v.Prev = communereport.MonthOf(m.First().AddDays(-1)).String()
	if next := m.Next(); !next.First().After(lastMonth(p.reports.Today()).First()) {
		v.Next = next.String()
	}
	var err error
	if v.Reports, err = p.reports.Month(ctx, m); err != nil {
		p.app.Fail(w, r, err)
		return
	}
	if v.Missing, err = p.reports.Missing(ctx, m); err != nil {
		p.app.Fail(w, r, err)
		return
	}
	c, err := p.reports.Consolidated(ctx, civil.Range{From: m.First(), To: m.Last()})
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	v.Totals, v.Expected = c.Totals, c.Expected
	page := &web.Page{Title: p.t(r, "communereports.month.title", "month", v.Label), Form: form, Data: v}
	if len(errs) > 0 {
		page.Status = http.StatusUnprocessableEntity
	}
	p.app.Render(w, r, "communereports/month", page)
}

// lock freezes a month's reports.
func (p *Pages) lock(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	var errs validate.Errors
	m := parseMonth(&errs, "m", r.PostFormValue("m"))
	if m.IsZero() {
		p.app.Flash(r, "error", "communereports.lock.no_month")
		http.Redirect(w, r, "/commune-reports/month", http.StatusSeeOther)
		return
	}
	if err := p.reports.Lock(r.Context(), m); err != nil {
		if _, ok := validate.As(err); !ok {
			p.app.Fail(w, r, err)
			return
		}
	}
	p.app.Flash(r, "ok", "communereports.lock.done", "month", monthLabel(m))
	http.Redirect(w, r, monthURL(m, 0), http.StatusSeeOther)
}

// consolidatedView is the figures of a run of months, by commune.
type consolidatedView struct {
	C       *communereport.Consolidation
	Units   []unitSum
	Missing []monthMissing
	Fields  []string
	From    string
	To      string
}

// unitSum is one commune's reports of the period, summed.
type unitSum struct {
	ID       int64
	Name     string
	Figures  communereport.Figures
	Months   []monthLink
	BelowMin int
}

type monthLink struct {
	Label string
	URL   string
}

type monthMissing struct {
	Label string
	URL   string
	Units []communereport.Unit
}

// Figure is one figure by name.
func (consolidatedView) Figure(f communereport.Figures, name string) int { return figureOf(f, name) }

func (p *Pages) consolidated(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	var errs validate.Errors
	last := lastMonth(p.reports.Today())
	from, to := parseMonth(&errs, "from", q.Get("from")), parseMonth(&errs, "to", q.Get("to"))
	if from.IsZero() {
		from = communereport.Month{Year: last.Year, Month: 1}
	}
	if to.IsZero() {
		to = last
	}
	if len(errs) == 0 {
		switch n := (to.Year-from.Year)*12 + int(to.Month) - int(from.Month) + 1; {
		case n < 1:
			errs.Add("to", "error.date_order", map[string]any{"other": monthLabel(from)})
		case n > maxMonths:
			errs.Add("to", "communereports.error.period_too_long", map[string]any{"max": maxMonths})
		}
	}
	values := url.Values{"from": {monthLabel(from)}, "to": {monthLabel(to)}}
	if len(errs) > 0 {
		values = q
	}
	v := &consolidatedView{Fields: figureFields, From: monthLabel(from), To: monthLabel(to)}
	page := &web.Page{TitleKey: "communereports.consolidated.title", Form: &web.Form{Values: values, Errors: errs}, Data: v}
	if len(errs) > 0 {
		page.Status = http.StatusUnprocessableEntity
		p.app.Render(w, r, "communereports/consolidated", page)
		return
	}
	c, err := p.reports.Consolidated(ctx, civil.Range{From: from.First(), To: to.Last()})
	if e, ok := validate.As(err); ok {
		page.Form.Errors, page.Status = e, http.StatusUnprocessableEntity
		p.app.Render(w, r, "communereports/consolidated", page)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	v.C = &c
	index := map[int64]int{}
	for m := from; !m.First().After(to.First()); m = m.Next() {
		reports, err := p.reports.Month(ctx, m)
		if err != nil {
			p.app.Fail(w, r, err)
			return
		}
		for _, rep := range reports {
			i, ok := index[rep.UnitID]
			if !ok {
				i = len(v.Units)
				index[rep.UnitID] = i
				v.Units = append(v.Units, unitSum{ID: rep.UnitID, Name: rep.UnitName})
			}
			u := &v.Units[i]
			for k, ptr := range figurePtrs(&u.Figures) {
				*ptr += *figurePtrs(&rep.Figures)[k]
			}
			u.Months = append(u.Months, monthLink{Label: monthLabel(m), URL: monthURL(m, rep.UnitID)})
			if rep.Sessions < communereport.MinimumSessions {
				u.BelowMin++
			}
		}
		if units := c.Missing[m.String()]; len(units) > 0 {
			v.Missing = append(v.Missing, monthMissing{Label: monthLabel(m), URL: monthURL(m, 0), Units: units})
		}
	}
	slices.SortFunc(v.Units, func(a, b unitSum) int { return vntext.Compare(a.Name, b.Name) })
	p.app.Render(w, r, "communereports/consolidated", page)
}
