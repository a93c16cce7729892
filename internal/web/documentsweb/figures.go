package documentsweb

import (
	"errors"
	"net/http"
	"net/url"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/documents"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

// figuresView is the page of the documents the Committee advised in a
// period: by field and by kind, each count linking to the documents behind
// it; for the central committee, the provinces' counts without records.
type figuresView struct {
	Period  civil.Range
	Presets []preset
	Local   *documents.AdvisedFigures
	Central *documents.ConsolidatedAdvised
	// Links is whether the counts open the lists behind them (the reader
	// may see the records).
	Links bool
	// NotCentral: a central reader in an organisation that has no provinces.
	NotCentral bool
	Fields     []documents.Field
}

type preset struct {
	Label    string // message key
	Year     int
	From, To string
	Current  bool
}

// defaultPeriod is the year so far.
func defaultPeriod(today civil.Date) civil.Range {
	return civil.Range{From: civil.New(today.Year, 1, 1), To: today}
}

func presets(today civil.Date, cur civil.Range) []preset {
	y := today.Year
	ps := []preset{
		{Label: "documents.figures.this_year", Year: y, From: vntext.Date(civil.New(y, 1, 1)), To: vntext.Date(today)},
		{Label: "documents.figures.half_year", Year: y, From: vntext.Date(civil.New(y, 1, 1)), To: vntext.Date(civil.New(y, 6, 30))},
		{Label: "documents.figures.year", Year: y - 1, From: vntext.Date(civil.New(y-1, 1, 1)), To: vntext.Date(civil.New(y-1, 12, 31))},
		{Label: "documents.figures.year", Year: y - 2, From: vntext.Date(civil.New(y-2, 1, 1)), To: vntext.Date(civil.New(y-2, 12, 31))},
	}
	for i := range ps {
		ps[i].Current = ps[i].From == vntext.Date(cur.From) && ps[i].To == vntext.Date(cur.To)
	}
	return ps
}

// periodOf reads from and to (dd/mm/yyyy or ISO); the year so far by default.
func periodOf(q url.Values, today civil.Date) (civil.Range, validate.Errors) {
	var errs validate.Errors
	period := defaultPeriod(today)
	if d := parseDate(&errs, "from", q.Get("from")); !d.IsZero() {
		period.From = d
	}
	if d := parseDate(&errs, "to", q.Get("to")); !d.IsZero() {
		period.To = d
	}
	if len(errs) == 0 && period.From.After(period.To) {
		errs.Add("to", "documents.error.range_order", nil)
	}
	return period, errs
}

func (p *Pages) figures(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	actor := access.FromContext(ctx)
	today := civil.Today()
	q := r.URL.Query()
	period, errs := periodOf(q, today)
	v := &figuresView{Period: period, Presets: presets(today, period), Links: actor.Can(access.DocsRead),
		Fields: documents.Fields}
	values := url.Values{"from": {vntext.Date(period.From)}, "to": {vntext.Date(period.To)}}
	if len(errs) > 0 {
		values = q // what was typed, beside its error
	}
	if len(errs) == 0 {
		var err error
		if actor.Can(access.ConsolidatedRead) {
			var c documents.ConsolidatedAdvised
			c, err = p.svc.AdvisedConsolidated(ctx, period)
			if err == nil {
				v.Central = &c
			} else if errors.Is(err, access.ErrForbidden) {
				v.NotCentral, err = true, nil
			}
		}
		if err == nil && v.Central == nil {
			var f documents.AdvisedFigures
			f, err = p.svc.Advised(ctx, period)
			v.Local = &f
		}
		if e, ok := validate.As(err); ok {
			errs, v.Local = e, nil
		} else if err != nil {
			p.app.Fail(w, r, err)
			return
		}
	}
	pg := &web.Page{Form: &web.Form{Values: values, Errors: errs}, Data: v, Charts: len(errs) == 0}
	pg.Title = p.title(r, "documents.figures.title")
	p.app.Render(w, r, "documents/figures", pg)
}

// ListURL is the registry list that shows the documents behind a figure.
func (v *figuresView) ListURL(f documents.Filter) string {
	q := url.Values{}
	if f.Advised != nil {
		if *f.Advised {
			q.Set("advised", "1")
		} else {
			q.Set("advised", "0")
		}
	}
	if f.Kind != "" {
		q.Set("kind", f.Kind)
	}
	if f.Field != "" {
		q.Set("field", string(f.Field))
	}
	if !f.Issued.From.IsZero() {
		q.Set("from", vntext.Date(f.Issued.From))
	}
	if !f.Issued.To.IsZero() {
		q.Set("to", vntext.Date(f.Issued.To))
	}
	return "/documents?" + q.Encode()
}

// chart is a Chart.js bar chart configuration.
func chart(labels []string, label string, data []int, horizontal bool) map[string]any {
	opts := map[string]any{
		"responsive":          true,
		"maintainAspectRatio": false,
		"animation":           false,
		"plugins":             map[string]any{"legend": map[string]any{"display": false}},
		"scales": map[string]any{
			"x": map[string]any{"beginAtZero": true, "ticks": map[string]any{"precision": 0}},
			"y": map[string]any{"beginAtZero": true, "ticks": map[string]any{"precision": 0}},
		},
	}
	if horizontal {
		opts["indexAxis"] = "y"
	}
	return map[string]any{
		"type": "bar",
		"data": map[string]any{"labels": labels, "datasets": []map[string]any{{
			"label": label, "data": data, "backgroundColor": "#a01818", "borderRadius": 3,
		}}},
		"options": opts,
	}
}

// FieldChart draws the advised documents by field, in the page's language.
func (v *figuresView) FieldChart(p *web.Page) map[string]any {
	var labels []string
	var data []int
	if v.Local != nil {
		for _, f := range v.Local.ByField {
			labels = append(labels, p.T("documents.field_short."+string(f.Field)))
			data = append(data, f.Count)
		}
	}
	return chart(labels, p.T("documents.figures.count"), data, true)
}

// KindChart draws the advised documents by kind.
func (v *figuresView) KindChart(p *web.Page) map[string]any {
	var labels []string
	var data []int
	if v.Local != nil {
		for _, k := range v.Local.ByKind {
			labels = append(labels, p.T("documents.kind."+k.Kind))
			data = append(data, k.Count)
		}
	}
	return chart(labels, p.T("documents.figures.count"), data, false)
}

// ProvinceChart draws each province's total.
func (v *figuresView) ProvinceChart(p *web.Page) map[string]any {
	var labels []string
	var data []int
	if v.Central != nil {
		for _, pc := range v.Central.Provinces {
			labels = append(labels, pc.Name)
			data = append(data, pc.Counts.Total)
		}
	}
	return chart(labels, p.T("documents.figures.count"), data, true)
}

// ProvinceChartSize is the height class of the provinces' chart: a bar each.
func (v *figuresView) ProvinceChartSize() string {
	switch n := len(v.Central.Provinces); {
	case n <= 5:
		return "rows-s"
	case n <= 15:
		return "rows-m"
	}
	return "rows-l"
}
