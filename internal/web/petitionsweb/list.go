package petitionsweb

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/petitions"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

const perPage = 50

// maxIDs bounds the ids= filter.
const maxIDs = 2000

// listQuery is the list's query read into a filter, with the figure behind
// the list, if any.
type listQuery struct {
	Filter   petitions.Filter
	Fig      string
	FigRange civil.Range
}

// sorts maps the list's column keys to the service's orders.
func sortOf(key, dir string) (petitions.Sort, bool) {
	switch key {
	case "", "received_on":
		if dir == "asc" {
			return petitions.SortReceivedAsc, true
		}
		return petitions.SortReceivedDesc, true
	case "due_on":
		return petitions.SortDue, true
	case "ref_code":
		return petitions.SortRef, true
	}
	return "", false
}

// readListQuery reads q (words), kind, channel, signer, status (repeatable),
// field, locality, assignee (a user id or "me"), from and to (received,
// dd/mm/yyyy or ISO), due (overdue or due_soon), complex (1), ids
// (comma-separated), fig with fig_from and fig_to (the petitions behind a
// figure), sort and dir, page.
func readListQuery(q url.Values, actor *access.Actor) (listQuery, validate.Errors) {
	var errs validate.Errors
	lq := listQuery{Filter: petitions.Filter{Text: strings.TrimSpace(q.Get("q")), PerPage: perPage,
		Channel: petitions.Channel(q.Get("channel")), Signer: petitions.Signer(q.Get("signer")),
		Field: petitions.Field(q.Get("field")), Due: petitions.DueState(q.Get("due")), ComplexOnly: q.Get("complex") == "1"}}
	f := &lq.Filter
	if k := q.Get("kind"); k != "" {
		if !petitions.Kind(k).Valid() {
			errs.Add("kind", "error.invalid_choice", nil)
		}
		f.Kinds = []petitions.Kind{petitions.Kind(k)}
	}
	for _, s := range q["status"] {
		if s == "" {
			continue
		}
		if !petitions.Status(s).Valid() {
			errs.Add("status", "error.invalid_choice", nil)
		}
		f.Statuses = append(f.Statuses, petitions.Status(s))
	}
	if f.Channel != "" && !f.Channel.Valid() {
		errs.Add("channel", "error.invalid_choice", nil)
	}
	if f.Signer != "" && !f.Signer.Valid() {
		errs.Add("signer", "error.invalid_choice", nil)
	}
	if f.Field != "" && !f.Field.Valid() {
		errs.Add("field", "error.invalid_choice", nil)
	}
	switch f.Due {
	case "", petitions.Overdue, petitions.DueSoon:
	default:
		errs.Add("due", "error.invalid_choice", nil)
	}
	if v := q.Get("assignee"); v == "me" {
		f.AssignedTo = actor.UserID
	} else {
		f.AssignedTo = parseID(&errs, "assignee", v)
	}
	f.LocalityUnitID = parseID(&errs, "locality", q.Get("locality"))
	f.ReceivedFrom = parseDate(&errs, "from", q.Get("from"))
	f.ReceivedTo = parseDate(&errs, "to", q.Get("to"))
	if !f.ReceivedFrom.IsZero() && !f.ReceivedTo.IsZero() && f.ReceivedFrom.After(f.ReceivedTo) {
		errs.Add("to", "error.date_order", map[string]any{"other": vntext.Date(f.ReceivedFrom)})
	}
	if v := strings.TrimSpace(q.Get("ids")); v != "" {
		f.IDs = []int64{}
		for _, s := range strings.Split(v, ",") {
			id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
			if err != nil || id <= 0 {
				errs.Add("ids", "error.invalid_choice", nil)
				break
			}
			if len(f.IDs) < maxIDs {
				f.IDs = append(f.IDs, id)
			}
		}
	}
	if lq.Fig = q.Get("fig"); lq.Fig != "" {
		if !validFigureKey(lq.Fig) {
			errs.Add("fig", "error.invalid_choice", nil)
		}
		lq.FigRange.From = parseDate(&errs, "fig_from", q.Get("fig_from"))
		lq.FigRange.To = parseDate(&errs, "fig_to", q.Get("fig_to"))
		if lq.FigRange.From.IsZero() || lq.FigRange.To.IsZero() {
			errs.Add("fig", "error.invalid_choice", nil)
		}
	}
	sort, ok := sortOf(q.Get("sort"), q.Get("dir"))
	if !ok {
		errs.Add("sort", "error.invalid_choice", nil)
	}
	f.Sort = sort
	f.Page, _ = strconv.Atoi(q.Get("page"))
	f.Page = max(f.Page, 1)
	return lq, errs
}

// listView is the list page.
type listView struct {
	Rows       []rowView
	Page       int
	Pages      int
	Total      int
	Chosen     int
	Figure     *figureNote
	Saved      string
	SavedNames []string
	saved      map[string]url.Values
	Kinds      [][2]string
	Channels   [][2]string
	Signers    [][2]string
	Statuses   [][2]string
	Fields     [][2]string
	Dues       [][2]string
	Dir        *directory
	More       bool
	// ExportURL is the workbook of the current filter.
	ExportURL string
	// ExportQuery are the filter's parameters, for the export form.
	ExportQuery [][2]string
}

type figureNote struct {
	Label    string
	From, To civil.Date
	Back     string
}

type rowView struct {
	petitions.Item
	URL      string
	DueClass string
	Assignee string
}

func dueOptions() [][2]string {
	return [][2]string{{"", "petitions.web.filter.any_due"}, {string(petitions.Overdue), "petitions.web.due.overdue"},
		{string(petitions.DueSoon), "petitions.web.due.due_soon"}}
}

// savedFilters are the list's shortcuts. The list has no filter of its own
// for repeated petitions: "repeated" is the figure of the repeated letters
// received this year.
func savedFilters(today civil.Date) map[string]url.Values {
	return map[string]url.Values{
		"mine":        {"assignee": {"me"}},
		"unprocessed": {"status": {string(petitions.StatusReceived)}},
		"overdue":     {"due": {string(petitions.Overdue)}},
		"soon":        {"due": {string(petitions.DueSoon)}},
		"complex":     {"complex": {"1"}},
		"repeated": {"fig": {"petitions.received_repeated"}, "fig_from": {vntext.Date(civil.New(today.Year, 1, 1))},
			"fig_to": {vntext.Date(civil.New(today.Year, 12, 31))}},
	}
}

var savedNames = []string{"mine", "unprocessed", "overdue", "soon", "complex", "repeated"}

// SavedURL is the list with a saved filter.
func (v *listView) SavedURL(name string) string { return "/petitions?" + v.saved[name].Encode() }

// savedFilter names the saved filter the query is (sorting and paging aside).
func savedFilter(q url.Values, saved map[string]url.Values) string {
	rest := url.Values{}
	for k, v := range q {
		if k != "sort" && k != "dir" && k != "page" && len(v) > 0 && v[0] != "" {
			rest[k] = v
		}
	}
	for name, want := range saved {
		if rest.Encode() == want.Encode() {
			return name
		}
	}
	return ""
}

// filterParams are the query parameters that select petitions (not the page).
var filterParams = []string{"q", "kind", "channel", "signer", "status", "field", "locality", "assignee", "from", "to",
	"due", "complex", "ids", "fig", "fig_from", "fig_to", "sort", "dir"}

func (p *Pages) list(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	actor := access.FromContext(ctx)
	q := r.URL.Query()
	lq, errs := readListQuery(q, actor)
	dir, err := p.directoryFor(ctx)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	v := &listView{Page: lq.Filter.Page, Kinds: kindOptions("petitions.web.filter.any_kind"),
		Channels: channelOptions("petitions.web.filter.any_channel"), Signers: signerOptions("petitions.web.filter.any_signer"),
		Statuses: statusOptions("petitions.web.filter.any_status"), Fields: fieldOptions("petitions.web.filter.any_field"),
		Dues: dueOptions(), Dir: dir, SavedNames: savedNames, saved: savedFilters(p.svc.Today())}
	v.Saved = savedFilter(q, v.saved)
	eq := url.Values{}
	for _, k := range filterParams {
		for _, val := range q[k] {
			if val != "" {
				eq.Add(k, val)
				v.ExportQuery = append(v.ExportQuery, [2]string{k, val})
			}
		}
	}
	v.ExportURL = "/petitions/export.xlsx"
	if len(eq) > 0 {
		v.ExportURL += "?" + eq.Encode()
	}
	for _, k := range []string{"channel", "signer", "field", "locality", "from", "to", "complex"} {
		if q.Get(k) != "" {
			v.More = true
		}
	}
	if lq.Filter.IDs != nil {
		v.Chosen = len(lq.Filter.IDs)
	}
	if len(errs) == 0 && lq.Fig != "" {
		note, ferrs, err := p.figurePetitions(r, &lq)
		if err != nil {
			p.app.Fail(w, r, err)
			return
		}
		errs, v.Figure = ferrs, note
	}
	if len(errs) == 0 {
		page, err := p.svc.List(ctx, lq.Filter)
		if e, ok := validate.As(err); ok {
			errs = e
		} else if err != nil {
			p.app.Fail(w, r, err)
			return
		} else {
			today := p.svc.Today()
			for _, it := range page.Items {
				v.Rows = append(v.Rows, rowView{Item: it, URL: petitionURL(it.ID), DueClass: dueClass(it.NextDueOn, today),
					Assignee: dir.Person(it.AssignedTo)})
			}
			v.Total = page.Total
			v.Pages = (page.Total + perPage - 1) / perPage
		}
	}
	pg := &web.Page{TitleKey: "petitions.web.title", Form: &web.Form{Values: q, Errors: errs}, Data: v}
	if len(errs) > 0 {
		pg.Status = http.StatusUnprocessableEntity
	}
	p.app.Render(w, r, "petitions/list", pg)
}

// figurePetitions narrows the list to the petitions behind the figure lq
// names, computed for the signed-in user as the figures page computes it.
func (p *Pages) figurePetitions(r *http.Request, lq *listQuery) (*figureNote, validate.Errors, error) {
	f, err := p.svc.Figures(r.Context(), lq.FigRange)
	if e, ok := validate.As(err); ok {
		return nil, e, nil
	}
	if err != nil {
		return nil, nil, err
	}
	ids, _ := figureIDs(f, lq.Fig)
	if lq.Filter.IDs != nil { // both: the petitions in both
		keep := map[int64]bool{}
		for _, id := range lq.Filter.IDs {
			keep[id] = true
		}
		var both []int64
		for _, id := range ids {
			if keep[id] {
				both = append(both, id)
			}
		}
		ids = both
	}
	lq.Filter.IDs = append([]int64{}, ids...)
	back := url.Values{"from": {vntext.Date(lq.FigRange.From)}, "to": {vntext.Date(lq.FigRange.To)}}
	return &figureNote{Label: figureLabel(p.lang(r), lq.Fig), From: lq.FigRange.From, To: lq.FigRange.To,
		Back: "/petitions/figures?" + back.Encode()}, nil, nil
}
