package petitionsweb

import (
	"net/http"
	"net/url"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/petitions"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

// figuresView is the period figures page. A reader of petitions gets every
// number as a link to the petitions behind it; other readers of reports
// (administrators, the central committee) the counts only.
type figuresView struct {
	Period    civil.Range
	Presets   []preset
	Figures   *petitions.Figures
	Links     bool
	Narrative string
	Sections  []figSection
	// Central: a central committee reader. The service counts the petitions
	// of the reader's own organisation; it does not consolidate provinces.
	Central bool
}

type preset struct {
	Label    string // message key
	N        int    // month, quarter or year in the label
	From, To string // dd/mm/yyyy
	Current  bool
}

type figSection struct {
	ID    string
	Title string // message key
	Rows  []figRow
}

type figRow struct {
	Label string // message key
	Sub   string // message key of the split's code, "" for a column
	Cell  figCell
}

type figCell struct {
	Key   string
	Unit  string // count, money, area
	Value int64
	M2    float64
	URL   string
}

// presets are the usual report periods: this and last month, this and last
// quarter, the half-years and the years.
func presets(today civil.Date, cur civil.Range) []preset {
	y, m := today.Year, int(today.Month)
	month := func(y, m int) (civil.Date, civil.Date) {
		return civil.New(y, time.Month(m), 1), civil.New(y, time.Month(m), civil.DaysIn(y, time.Month(m)))
	}
	var ps []preset
	add := func(label string, n int, from, to civil.Date) {
		ps = append(ps, preset{Label: label, N: n, From: vntext.Date(from), To: vntext.Date(to),
			Current: from == cur.From && to == cur.To})
	}
	f, t := month(y, m)
	add("petitions.web.figures.month", m, f, t)
	py, pm := y, m-1
	if pm == 0 {
		py, pm = y-1, 12
	}
	f, t = month(py, pm)
	add("petitions.web.figures.month", pm, f, t)
	q := (m-1)/3 + 1
	f, _ = month(y, 3*q-2)
	_, t = month(y, 3*q)
	add("petitions.web.figures.quarter", q, f, t)
	add("petitions.web.figures.half_year_1", y, civil.New(y, 1, 1), civil.New(y, 6, 30))
	if m > 6 {
		add("petitions.web.figures.half_year_2", y, civil.New(y, 7, 1), civil.New(y, 12, 31))
	}
	add("petitions.web.figures.year", y, civil.New(y, 1, 1), civil.New(y, 12, 31))
	add("petitions.web.figures.year", y-1, civil.New(y-1, 1, 1), civil.New(y-1, 12, 31))
	return ps
}

// periodOf reads from and to; the year so far by default.
func periodOf(q url.Values, today civil.Date) (civil.Range, validate.Errors) {
	var errs validate.Errors
	period := civil.Range{From: civil.New(today.Year, 1, 1), To: today}
	if d := parseDate(&errs, "from", q.Get("from")); !d.IsZero() {
		period.From = d
	}
	if d := parseDate(&errs, "to", q.Get("to")); !d.IsZero() {
		period.To = d
	}
	if len(errs) == 0 && period.From.After(period.To) {
		errs.Add("to", "error.date_order", map[string]any{"other": vntext.Date(period.From)})
	}
	return period, errs
}

func (p *Pages) figures(w http.ResponseWriter, r *http.Request) {
	actor := access.FromContext(r.Context())
	today := p.svc.Today()
	q := r.URL.Query()
	period, errs := periodOf(q, today)
	v := &figuresView{Period: period, Presets: presets(today, period), Links: actor.Can(access.PetitionsRead),
		Central: actor.Role == access.Central}
	values := url.Values{"from": {vntext.Date(period.From)}, "to": {vntext.Date(period.To)}}
	if len(errs) > 0 {
		values = q
	} else {
		f, err := p.svc.Figures(r.Context(), period)
		if e, ok := validate.As(err); ok {
			errs = e
		} else if err != nil {
			p.app.Fail(w, r, err)
			return
		} else {
			v.Figures, v.Narrative = &f, petitions.Narrative(f)
			v.build()
		}
	}
	pg := &web.Page{TitleKey: "petitions.web.figures.title", Form: &web.Form{Values: values, Errors: errs}, Data: v,
		Charts: v.Figures != nil}
	if len(errs) > 0 {
		pg.Status = http.StatusUnprocessableEntity
	}
	p.app.Render(w, r, "petitions/figures", pg)
}

// Cell is the figure of key with, for a reader of petitions, the link to
// the petitions behind it.
func (v *figuresView) Cell(key string) figCell {
	fig, _ := lookupFigure(*v.Figures, key)
	c := figCell{Key: key, Unit: "count", Value: fig.Value}
	switch key {
	case "petitions.money_returned":
		c.Unit = "money"
	case "petitions.land_returned":
		c.Unit, c.M2 = "area", v.Figures.Petitions.LandReturned.M2
	case "petitions.people_protected":
		c.Unit = "people"
	}
	if v.Links && len(fig.IDs) > 0 {
		c.URL = figureListURL(key, v.Period)
	}
	return c
}

// figureListURL is the list of the petitions behind a figure of a period.
func figureListURL(key string, period civil.Range) string {
	return "/petitions?" + url.Values{"fig": {key}, "fig_from": {vntext.Date(period.From)},
		"fig_to": {vntext.Date(period.To)}}.Encode()
}

// Sections of the standard petition table (after Biểu 01/XLD).
var figureLayout = []struct {
	id, title string
	items     []string // a simple column, or the name of a split column
}{
	{"received", "petitions.web.figures.section.received",
		[]string{"carried_over", "received", "received_by_signer", "received_by_kind", "received_repeated", "total"}},
	{"processed", "petitions.web.figures.section.processed",
		[]string{"processed", "unprocessed", "filed_away", "filed_away_by_reason", "eligible", "eligible_by_kind",
			"within_jurisdiction", "outside_jurisdiction", "advised", "forwarded", "urged", "urges_sent", "replies_received"}},
	{"results", "petitions.web.figures.section.results",
		[]string{"followed", "resolved", "in_progress", "outcomes", "money_returned", "land_returned", "people_protected"}},
}

func (v *figuresView) build() {
	for _, s := range figureLayout {
		sec := figSection{ID: s.id, Title: s.title}
		for _, item := range s.items {
			split := false
			for _, sp := range splitFigures {
				if sp.name != item {
					continue
				}
				split = true
				for _, c := range sp.codes {
					sec.Rows = append(sec.Rows, figRow{Label: figureLabelKey(item), Sub: sp.labels + c,
						Cell: v.Cell("petitions." + item + "." + c)})
				}
			}
			if !split {
				sec.Rows = append(sec.Rows, figRow{Label: figureLabelKey(item), Cell: v.Cell("petitions." + item)})
			}
		}
		v.Sections = append(v.Sections, sec)
	}
	sec := figSection{ID: "complex", Title: "petitions.web.figures.complex"}
	for _, c := range complexFigures {
		sec.Rows = append(sec.Rows, figRow{Label: figureLabelKey(c), Cell: v.Cell("complex_prolonged." + c)})
	}
	v.Sections = append(v.Sections, sec)
}

// chartFigures are the bars of the chart: where the period's petitions went.
var chartFigures = []string{"total", "processed", "filed_away", "within_jurisdiction", "advised", "forwarded", "urged",
	"resolved", "in_progress"}

// Chart draws the period's petitions through processing.
func (v *figuresView) Chart(p *web.Page) map[string]any {
	var labels []string
	var data []int64
	for _, k := range chartFigures {
		labels = append(labels, p.T(figureLabelKey(k)))
		fig, _ := lookupFigure(*v.Figures, "petitions."+k)
		data = append(data, fig.Value)
	}
	return map[string]any{
		"type": "bar",
		"data": map[string]any{"labels": labels, "datasets": []map[string]any{{
			"label": p.T("petitions.web.figures.chart"), "data": data, "backgroundColor": "#1f5fa8", "borderRadius": 3}}},
		"options": map[string]any{
			"indexAxis": "y", "responsive": true, "maintainAspectRatio": false, "animation": false,
			"plugins": map[string]any{"legend": map[string]any{"display": false}},
			"scales":  map[string]any{"x": map[string]any{"beginAtZero": true, "ticks": map[string]any{"precision": 0}}},
		},
	}
}
