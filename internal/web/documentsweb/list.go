package documentsweb

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"noichinh/internal/civil"
	"noichinh/internal/documents"
	"noichinh/internal/validate"
	"noichinh/internal/web"
)

// perPage is the length of a list page.
const perPage = 50

// listView is the registry list page.
type listView struct {
	Items   []rowView
	Page    int
	Pages   int
	Total   int
	Chosen  int // documents named by ids= (just registered, or behind a figure)
	Issuers issuerGroups
	Kinds   [][2]string
	Fields  [][2]string
	Status  [][2]string
	Advised [][2]string
}

type rowView struct {
	documents.Document
	Issuer     string // short name
	IssuerFull string
	URL        string
}

// listFilter reads the list's query: q (symbol or summary), kind, issuer,
// field, status, advised (1 or 0), year or from/to (issue dates), ids (the
// documents behind a figure or just registered), sort and dir, page.
func listFilter(q url.Values) (documents.Filter, int, validate.Errors) {
	var errs validate.Errors
	f := documents.Filter{
		Text:   strings.TrimSpace(q.Get("q")),
		Kind:   q.Get("kind"),
		Field:  documents.Field(q.Get("field")),
		Status: documents.Status(q.Get("status")),
		Limit:  perPage,
	}
	if v := q.Get("issuer"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			errs.Add("issuer", "error.invalid_choice", nil)
		}
		f.IssuerUnitID = id
	}
	switch q.Get("advised") {
	case "":
	case "1":
		yes := true
		f.Advised = &yes
	case "0":
		no := false
		f.Advised = &no
	default:
		errs.Add("advised", "error.invalid_choice", nil)
	}
	f.Issued.From = parseDate(&errs, "from", q.Get("from"))
	f.Issued.To = parseDate(&errs, "to", q.Get("to"))
	if v := strings.TrimSpace(q.Get("year")); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 1900 || y > 2999 {
			errs.Add("year", "documents.error.invalid_year", nil)
		} else {
			if f.Issued.From.IsZero() {
				f.Issued.From = civil.New(y, 1, 1)
			}
			if f.Issued.To.IsZero() {
				f.Issued.To = civil.New(y, 12, 31)
			}
		}
	}
	if !f.Issued.From.IsZero() && !f.Issued.To.IsZero() && f.Issued.From.After(f.Issued.To) {
		errs.Add("to", "documents.error.range_order", nil)
	}
	if v := q.Get("ids"); v != "" {
		f.IDs = []int64{}
		for _, s := range strings.Split(v, ",") {
			if id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil && id > 0 && len(f.IDs) < documents.MaxLimit {
				f.IDs = append(f.IDs, id)
			}
		}
	}
	switch q.Get("sort") {
	case "issued":
		if q.Get("dir") == "asc" {
			f.Sort = documents.SortIssuedAsc
		} else {
			f.Sort = documents.SortIssuedDesc
		}
	case "symbol":
		f.Sort = documents.SortSymbol
	case "updated":
		f.Sort = documents.SortUpdated
	}
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	f.Offset = (page - 1) * perPage
	return f, page, errs
}

func (p *Pages) list(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	f, page, errs := listFilter(q)
	issuers, err := p.svc.Issuers(ctx)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	v := &listView{Page: page, Issuers: groupIssuers(issuers), Kinds: kindOptions("documents.filter.all_kinds"),
		Fields: fieldOptions("documents.filter.all_fields"), Status: statusOptions("documents.filter.all_statuses"),
		Advised: [][2]string{{"", "documents.filter.advised_any"}, {"1", "documents.filter.advised_yes"},
			{"0", "documents.filter.advised_no"}}}
	if f.IDs != nil {
		v.Chosen = len(f.IDs)
	}
	if len(errs) == 0 {
		res, err := p.svc.List(ctx, f)
		if e, ok := validate.As(err); ok {
			errs = e
		} else if err != nil {
			p.app.Fail(w, r, err)
			return
		}
		names, short := issuerNames(issuers), shortNames(issuers)
		for _, d := range res.Items {
			v.Items = append(v.Items, rowView{Document: d, Issuer: issuerLabel(d, short),
				IssuerFull: issuerLabel(d, names), URL: docURL(d.ID)})
		}
		v.Total = res.Total
		v.Pages = (res.Total + perPage - 1) / perPage
	}
	pg := &web.Page{Form: &web.Form{Values: q, Errors: errs}, Data: v}
	pg.Title = p.title(r, "documents.title")
	p.app.Render(w, r, "documents/list", pg)
}
