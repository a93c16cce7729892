package casesweb

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/cases"
	"noichinh/internal/civil"
	"noichinh/internal/i18n"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

// figuresView is the period figures page. Readers who may see the cases
// (cases.read) get every number as a link to the cases behind it; other
// readers of reports get the counts only, and the central committee the
// consolidation over the provinces under it.
type figuresView struct {
	Period  civil.Range
	Presets []preset
	// Figures are the organisation's (or, consolidated, the provinces'
	// sum); Links: each number opens the list of its cases.
	Figures   *cases.Figures
	Links     bool
	Narrative string
	Tables    []watchTable
	Progress  []progressRow
	// Consolidated: the central committee's view, one row per province.
	Consolidated *cases.Consolidated
	Provinces    []provinceRow
	// NotCentral: a central reader in an organisation without provinces.
	NotCentral bool
	CanList    bool
}

type preset struct {
	Label    string // message key
	Year     int
	From, To string // dd/mm/yyyy
	Current  bool
}

// watchTable is one of the watch tables (all cases, or those involving
// leaders) at one level: a row per group, a column per measure.
type watchTable struct {
	ID       string
	Title    string // message key of the table
	Level    string // message key of the level
	Measures []string
	Rows     []groupRow
}

type groupRow struct {
	Label string // message key
	Total bool   // the "all" row
	Cells []figureCell
}

type figureCell struct {
	Key   string // the figure's key, e.g. watch.directed.corruption.added
	Count int
	URL   string // the cases behind it; "" for counts only and zeros
}

type progressRow struct {
	Label     string // message key
	Cell      figureCell
	Extra     int
	ExtraUnit string // message key: suspects, defendants, documents, meetings
}

type provinceRow struct {
	Name  string
	Cells []figureCell
}

// provinceColumns are the figures of the consolidation table, a column each.
var provinceColumns = []struct{ key, label string }{
	{"watch.any.all.followed", "cases.figures.col.followed"},
	{"watch.any.all.added", "cases.figures.col.added"},
	{"watch.any.all.removed", "cases.figures.col.removed"},
	{"watch.any.all.at_end", "cases.figures.col.at_end"},
	{"watch.directed.all.followed", "cases.figures.col.directed"},
	{"watch.any.corruption.followed", "cases.figures.col.corruption"},
	{"progress.prosecuted", "cases.figures.col.prosecuted"},
	{"progress.first_instance_tried", "cases.figures.col.tried"},
}

// ProvinceColumns are the labels of the consolidation table's columns.
func (v *figuresView) ProvinceColumns() []string {
	out := make([]string, len(provinceColumns))
	for i, c := range provinceColumns {
		out[i] = c.label
	}
	return out
}

// presets are the usual report periods of this year and the last.
func presets(today civil.Date, cur civil.Range) []preset {
	y := today.Year
	month := civil.New(y, today.Month, 1)
	ps := []preset{
		{Label: "cases.figures.this_month", From: vntext.Date(month), To: vntext.Date(month.AddDays(civil.DaysIn(y, today.Month) - 1))},
		{Label: "cases.figures.half_year", Year: y, From: vntext.Date(civil.New(y, 1, 1)), To: vntext.Date(civil.New(y, 6, 30))},
		{Label: "cases.figures.nine_months", Year: y, From: vntext.Date(civil.New(y, 1, 1)), To: vntext.Date(civil.New(y, 9, 30))},
		{Label: "cases.figures.year", Year: y, From: vntext.Date(civil.New(y, 1, 1)), To: vntext.Date(civil.New(y, 12, 31))},
		{Label: "cases.figures.year", Year: y - 1, From: vntext.Date(civil.New(y-1, 1, 1)), To: vntext.Date(civil.New(y-1, 12, 31))},
	}
	for i := range ps {
		ps[i].Current = ps[i].From == vntext.Date(cur.From) && ps[i].To == vntext.Date(cur.To)
	}
	return ps
}

// periodOf reads from and to (dd/mm/yyyy or ISO); the year so far by default.
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

// figuresFor computes the figures the signed-in user may see: the
// organisation's with the cases behind them (cases.read), the
// consolidation (a central organisation's reader), or the counts only.
func (p *Pages) figuresFor(r *http.Request, period civil.Range) (*cases.Figures, *cases.Consolidated, bool, error) {
	ctx := r.Context()
	actor := access.FromContext(ctx)
	q := cases.FiguresQuery{Period: period}
	notCentral := false
	if actor.Can(access.ConsolidatedRead) {
		c, err := p.svc.ConsolidatedFigures(ctx, q)
		if err == nil {
			return nil, c, false, nil
		}
		if !errors.Is(err, access.ErrForbidden) {
			return nil, nil, false, err
		}
		notCentral = true
	}
	if actor.Can(access.CasesRead) {
		f, err := p.svc.Figures(ctx, q)
		return f, nil, notCentral, err
	}
	f, err := p.svc.FigureCounts(ctx, q)
	return f, nil, notCentral, err
}

func (p *Pages) figures(w http.ResponseWriter, r *http.Request) {
	actor := access.FromContext(r.Context())
	today := p.svc.Today()
	q := r.URL.Query()
	period, errs := periodOf(q, today)
	v := &figuresView{Period: period, Presets: presets(today, period), CanList: actor.Can(access.CasesRead)}
	values := url.Values{"from": {vntext.Date(period.From)}, "to": {vntext.Date(period.To)}}
	if len(errs) > 0 {
		values = q // what was typed, beside its error
	} else {
		f, c, notCentral, err := p.figuresFor(r, period)
		if e, ok := validate.As(err); ok {
			errs = e
		} else if err != nil {
			p.app.Fail(w, r, err)
			return
		}
		v.NotCentral = notCentral
		switch {
		case c != nil:
			v.Consolidated, v.Figures, v.Narrative = c, c.Total, c.Narrative
			for _, o := range c.Orgs {
				row := provinceRow{Name: o.Name}
				for _, col := range provinceColumns {
					fig, _ := o.Figures.Lookup(col.key)
					row.Cells = append(row.Cells, figureCell{Key: col.key, Count: fig.Count})
				}
				v.Provinces = append(v.Provinces, row)
			}
		case f != nil:
			v.Figures, v.Links, v.Narrative = f, !f.CountsOnly, f.Report()
		}
		if v.Figures != nil {
			v.build(period)
		}
	}
	pg := &web.Page{TitleKey: "cases.figures.title", Form: &web.Form{Values: values, Errors: errs}, Data: v,
		Charts: v.Figures != nil}
	if len(errs) > 0 {
		pg.Status = http.StatusUnprocessableEntity
	}
	p.app.Render(w, r, "cases/figures", pg)
}

// cell is the figure key with its count and, for a reader of the cases, the
// link to the cases behind it.
func (v *figuresView) cell(key string, period civil.Range) figureCell {
	fig, _ := v.Figures.Lookup(key)
	c := figureCell{Key: key, Count: fig.Count}
	if v.Links && fig.Count > 0 {
		c.URL = figuresListURL(key, period)
	}
	return c
}

// build lays the figures out in tables.
func (v *figuresView) build(period civil.Range) {
	for _, t := range []struct{ key, title string }{{"watch", "cases.figures.watch"},
		{"watch_involving_leaders", "cases.figures.watch_leaders"}} {
		for _, level := range cases.WatchLevels {
			wt := watchTable{ID: t.key + "-" + level, Title: t.title, Level: "cases.figures.level." + level,
				Measures: cases.Measures}
			for _, g := range cases.Groups {
				row := groupRow{Label: groupLabel(g), Total: g == cases.AllCases}
				for _, m := range cases.Measures {
					row.Cells = append(row.Cells, v.cell(t.key+"."+level+"."+string(g)+"."+m, period))
				}
				wt.Rows = append(wt.Rows, row)
			}
			v.Tables = append(v.Tables, wt)
		}
	}
	for _, k := range cases.ProgressKeys {
		_, extra, unit := v.Figures.Progress.Step(k)
		row := progressRow{Label: "cases.figure." + k, Cell: v.cell("progress."+k, period), Extra: extra}
		switch {
		case unit == "events" && k == "urged":
			row.ExtraUnit = "cases.figures.unit.documents"
		case unit == "events":
			row.ExtraUnit = "cases.figures.unit.meetings"
		case unit != "":
			row.ExtraUnit = "cases.figures.unit." + unit
		}
		v.Progress = append(v.Progress, row)
	}
}

// Cell is a figure of the page by key, for the figures outside the tables.
func (v *figuresView) Cell(key string) figureCell { return v.cell(key, v.Period) }

// Rate is a recovery rate in percent (0 when there is none).
func (v *figuresView) Rate(r *float64) float64 {
	if r == nil {
		return 0
	}
	return *r
}

func groupLabel(g cases.Group) string {
	switch g {
	case cases.AllCases, cases.InternalAffairs:
		return "cases.group." + string(g)
	}
	return "cases.category." + string(g)
}

// Chart draws the watch lists of the period: carried over, added, taken off
// and at the end, for each level.
func (v *figuresView) Chart(p *web.Page) map[string]any {
	var labels []string
	for _, m := range []string{"carried_over", "added", "removed", "at_end"} {
		labels = append(labels, p.T("cases.figure."+m))
	}
	var datasets []map[string]any
	colors := map[string]string{"monitored": "#1f5fa8", "directed": "#a01818"}
	for _, level := range []string{string(cases.Monitored), string(cases.Directed)} {
		cell := v.Figures.Watch.Cell(level, cases.AllCases)
		datasets = append(datasets, map[string]any{
			"label": p.T("cases.figures.level." + level),
			"data": []int{cell.CarriedOver.Count, cell.Added.Count, cell.Removed.Count,
				cell.AtEnd.Count},
			"backgroundColor": colors[level], "borderRadius": 3,
		})
	}
	return map[string]any{
		"type": "bar",
		"data": map[string]any{"labels": labels, "datasets": datasets},
		"options": map[string]any{
			"responsive": true, "maintainAspectRatio": false, "animation": false,
			"plugins": map[string]any{"legend": map[string]any{"position": "bottom"}},
			"scales":  map[string]any{"y": map[string]any{"beginAtZero": true, "ticks": map[string]any{"precision": 0}}},
		},
	}
}

// ProvinceChart draws each province's cases followed in the period.
func (v *figuresView) ProvinceChart(p *web.Page) map[string]any {
	var labels []string
	var data []int
	for _, o := range v.Consolidated.Orgs {
		labels = append(labels, o.Name)
		data = append(data, o.Figures.Watch.Cell(cases.AnyLevel, cases.AllCases).Followed.Count)
	}
	return map[string]any{
		"type": "bar",
		"data": map[string]any{"labels": labels, "datasets": []map[string]any{{
			"label": p.T("cases.figures.col.followed"), "data": data, "backgroundColor": "#a01818", "borderRadius": 3}}},
		"options": map[string]any{
			"indexAxis": "y", "responsive": true, "maintainAspectRatio": false, "animation": false,
			"plugins": map[string]any{"legend": map[string]any{"display": false}},
			"scales":  map[string]any{"x": map[string]any{"beginAtZero": true, "ticks": map[string]any{"precision": 0}}},
		},
	}
}

// ProvinceChartSize is the height class of the provinces' chart: a bar each.
func (v *figuresView) ProvinceChartSize() string {
	switch n := len(v.Consolidated.Orgs); {
	case n <= 5:
		return "rows-s"
	case n <= 15:
		return "rows-m"
	}
	return "rows-l"
}

// figureLabel names a figure by its key for a reader: "Theo dõi trong kỳ ·
// Diện Ban Thường vụ… · Tham nhũng".
func figureLabel(lang i18n.Lang, key string) string {
	t := func(k string) string { return i18n.T(lang, k, nil) }
	parts := strings.Split(key, ".")
	switch {
	case len(parts) == 4 && (parts[0] == "watch" || parts[0] == "watch_involving_leaders"):
		out := []string{t("cases.figure." + parts[3]), t("cases.figures.level." + parts[1]), t(groupLabel(cases.Group(parts[2])))}
		if parts[0] == "watch_involving_leaders" {
			out = append(out, t("cases.flag.involves_leaders"))
		}
		return strings.Join(out, " · ")
	case len(parts) == 2 && parts[0] == "progress":
		return t("cases.figure." + parts[1])
	case key == "assets.cases":
		return t("cases.figures.assets_cases")
	}
	return t("cases.figure." + key)
}
