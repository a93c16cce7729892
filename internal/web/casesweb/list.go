package casesweb

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/cases"
	"noichinh/internal/civil"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

// perPage is the length of a list page.
const perPage = 50

// maxIDs bounds the ids= filter (a figure's cases are linked by its key).
const maxIDs = 500

// listQuery is the list's query read into a filter, with what the page
// shows besides: the figure behind the list, if any.
type listQuery struct {
	Filter cases.Filter
	Page   int
	// Fig, From, To: the list shows the cases behind this figure of the
	// period's figures (fig=watch.directed.corruption.added&from=…&to=…).
	Fig      string
	FigRange civil.Range
}

// dueChoices are the values of the due filter.
var dueChoices = []string{"overdue", "soon", "late"}

// readListQuery reads the list's query: q (words), level (monitored,
// directed, any, none), group (a category or internal_affairs), stage, kind,
// field, flag (repeatable, all of them), assignee (a user id or "me"),
// locality, agency, due (overdue, soon or late: either), opened_from,
// opened_to, last_from, last_to (dd/mm/yyyy or ISO), ids (comma-separated),
// fig with from and to (the cases behind a figure), sort and dir, page.
func readListQuery(q url.Values, actor *access.Actor) (listQuery, validate.Errors) {
	var errs validate.Errors
	lq := listQuery{Filter: cases.Filter{
		Query: strings.TrimSpace(q.Get("q")),
		Level: q.Get("level"),
		Group: cases.Group(q.Get("group")),
		Stage: cases.Stage(q.Get("stage")),
		Kind:  cases.Kind(q.Get("kind")),
		Field: cases.Field(q.Get("field")),
		Limit: perPage,
	}}
	f := &lq.Filter
	switch f.Level {
	case "", cases.OnAnyList, cases.OnNoList, string(cases.Monitored), string(cases.Directed):
	default:
		errs.Add("level", "error.invalid_choice", nil)
	}
	if f.Group != "" && !f.Group.Valid() {
		errs.Add("group", "error.invalid_choice", nil)
	}
	if f.Stage != "" && !f.Stage.Valid() {
		errs.Add("stage", "error.invalid_choice", nil)
	}
	if f.Kind != "" && !f.Kind.Valid() {
		errs.Add("kind", "error.invalid_choice", nil)
	}
	if f.Field != "" && !f.Field.Valid() {
		errs.Add("field", "error.invalid_choice", nil)
	}
	for _, v := range q["flag"] {
		if fl := cases.Flag(v); fl.Valid() {
			f.Flags = append(f.Flags, fl)
		} else if v != "" {
			errs.Add("flag", "error.invalid_choice", nil)
		}
	}
	if v := q.Get("assignee"); v == "me" {
		f.AssigneeID = actor.UserID
	} else {
		f.AssigneeID = parseID(&errs, "assignee", v)
	}
	f.LocalityID = parseID(&errs, "locality", q.Get("locality"))
	f.AgencyID = parseID(&errs, "agency", q.Get("agency"))
	switch q.Get("due") {
	case "":
	case "overdue":
		f.Overdue = true
	case "soon":
		f.DueWithin = cases.DueSoonDays
	case "late":
		f.Overdue, f.DueWithin = true, cases.DueSoonDays
	default:
		errs.Add("due", "error.invalid_choice", nil)
	}
	f.OpenedFrom = parseDate(&errs, "opened_from", q.Get("opened_from"))
	f.OpenedTo = parseDate(&errs, "opened_to", q.Get("opened_to"))
	f.LastEventFrom = parseDate(&errs, "last_from", q.Get("last_from"))
	f.LastEventTo = parseDate(&errs, "last_to", q.Get("last_to"))
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
		if !cases.ValidFigureKey(lq.Fig) {
			errs.Add("fig", "error.invalid_choice", nil)
		}
		lq.FigRange.From = parseDate(&errs, "from", q.Get("from"))
		lq.FigRange.To = parseDate(&errs, "to", q.Get("to"))
		if lq.FigRange.From.IsZero() {
			errs.Add("from", "error.required", nil)
		}
		if lq.FigRange.To.IsZero() {
			errs.Add("to", "error.required", nil)
		}
	}
	if s := q.Get("sort"); s != "" {
		if _, ok := cases.Sorts[s]; !ok {
			errs.Add("sort", "error.invalid_choice", nil)
		}
		f.Sort, f.Desc = s, q.Get("dir") == "desc"
	}
	page, _ := strconv.Atoi(q.Get("page"))
	lq.Page = max(page, 1)
	f.Offset = (lq.Page - 1) * perPage
	return lq, errs
}

// listView is the list page.
type listView struct {
	Rows  []rowView
	Page  int
	Pages int
	Total int
	// Chosen is the number of cases named by ids=; Figure describes the
	// figure behind the list.
	Chosen int
	Figure *figureNote
	// Saved is the saved filter the query is, if any ("mine", "overdue", "soon").
	Saved      string
	SavedNames []string
	Levels     [][2]string
	Groups     [][2]string
	Stages     [][2]string
	Kinds      [][2]string
	Fields     [][2]string
	Dues       [][2]string
	Flags      []cases.Flag
	People     []cases.Person
	// Localities and Agencies group the units for the pickers.
	Localities []unitGroup
	Agencies   []unitGroup
	// More: a filter of the second row is set, so it shows open.
	More bool
}

// figureNote says which figure a list shows the cases of.
type figureNote struct {
	Label string // translated
	From  civil.Date
	To    civil.Date
	Back  string // the figures page of the period
}

// rowView is one case of the list.
type rowView struct {
	*cases.Case
	URL      string
	DueClass string
}

func levelFilterOptions() [][2]string {
	return [][2]string{{"", "cases.filter.any_level"}, {cases.OnAnyList, "cases.level.any"},
		{string(cases.Monitored), "cases.level.monitored"}, {string(cases.Directed), "cases.level.directed"},
		{cases.OnNoList, "cases.level.none"}}
}

func groupFilterOptions() [][2]string {
	out := [][2]string{{"", "cases.filter.any_category"}}
	for _, c := range cases.Categories {
		out = append(out, [2]string{string(c), "cases.category." + string(c)})
	}
	return append(out, [2]string{string(cases.InternalAffairs), "cases.group.internal_affairs"})
}

func dueFilterOptions() [][2]string {
	out := [][2]string{{"", "cases.filter.any_due"}}
	for _, d := range dueChoices {
		out = append(out, [2]string{d, "cases.filter.due_" + d})
	}
	return out
}

func (p *Pages) list(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	actor := access.FromContext(ctx)
	q := r.URL.Query()
	lq, errs := readListQuery(q, actor)
	choices, err := p.svc.Choices(ctx)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	v := &listView{Page: lq.Page, Levels: levelFilterOptions(), Groups: groupFilterOptions(),
		Stages: stageOptions("cases.filter.any_stage"), Kinds: kindOptions("cases.filter.any_kind"),
		Fields: fieldOptions("cases.filter.any_field"), Dues: dueFilterOptions(), Flags: cases.Flags,
		People: choices.People, Localities: groupUnits(choices.Units, localityKinds...),
		Agencies: groupUnits(choices.Units, agencyKinds...), Saved: savedFilter(q),
		SavedNames: []string{"mine", "overdue", "soon"}}
	for _, k := range []string{"stage", "kind", "field", "flag", "locality", "agency", "opened_from", "opened_to", "last_from", "last_to"} {
		if q.Get(k) != "" {
			v.More = true
		}
	}
	if lq.Filter.IDs != nil {
		v.Chosen = len(lq.Filter.IDs)
	}
	if len(errs) == 0 && lq.Fig != "" {
		fig, ferrs, err := p.figureCases(r, &lq)
		if err != nil {
			p.app.Fail(w, r, err)
			return
		}
		errs = ferrs
		v.Figure = fig
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
			for _, c := range page.Cases {
				v.Rows = append(v.Rows, rowView{Case: c, URL: caseURL(c.ID), DueClass: dueClass(c, today)})
			}
			v.Total = page.Total
			v.Pages = (page.Total + perPage - 1) / perPage
		}
	}
	pg := &web.Page{TitleKey: "cases.title", Form: &web.Form{Values: q, Errors: errs}, Data: v}
	if len(errs) > 0 {
		pg.Status = http.StatusUnprocessableEntity
	}
	p.app.Render(w, r, "cases/list", pg)
}

// figureCases narrows the list to the cases behind the figure lq names,
// computed for the signed-in user as the figures page computes it.
func (p *Pages) figureCases(r *http.Request, lq *listQuery) (*figureNote, validate.Errors, error) {
	f, err := p.svc.Figures(r.Context(), cases.FiguresQuery{Period: lq.FigRange})
	if e, ok := validate.As(err); ok {
		return nil, e, nil
	}
	if err != nil {
		return nil, nil, err
	}
	fig, _ := f.Lookup(lq.Fig)
	ids := slices.Clone(fig.CaseIDs)
	if lq.Filter.IDs != nil { // both: the cases in both
		ids = slices.DeleteFunc(ids, func(id int64) bool { return !slices.Contains(lq.Filter.IDs, id) })
	}
	lq.Filter.IDs = ids
	back := url.Values{"from": {vntext.Date(lq.FigRange.From)}, "to": {vntext.Date(lq.FigRange.To)}}
	return &figureNote{Label: figureLabel(p.lang(r), lq.Fig), From: lq.FigRange.From, To: lq.FigRange.To,
		Back: "/cases/figures?" + back.Encode()}, nil, nil
}

// savedFilter names the saved filter the query is (sorting and paging
// aside), if any.
func savedFilter(q url.Values) string {
	rest := url.Values{}
	for k, v := range q {
		if k != "sort" && k != "dir" && k != "page" && len(v) > 0 && v[0] != "" {
			rest[k] = v
		}
	}
	for name, want := range savedFilters {
		if rest.Encode() == want.Encode() {
			return name
		}
	}
	return ""
}

// savedFilters are the list's shortcuts: my cases, overdue, due soon.
var savedFilters = map[string]url.Values{
	"mine":    {"assignee": {"me"}},
	"overdue": {"level": {cases.OnAnyList}, "due": {"overdue"}},
	"soon":    {"level": {cases.OnAnyList}, "due": {"soon"}},
}

// SavedURL is the list with a saved filter.
func (v *listView) SavedURL(name string) string { return "/cases?" + savedFilters[name].Encode() }
