package unitsweb

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/units"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

const perPage = 50

// listPage is the tree (or the filtered list) of units on a date.
type listPage struct {
	view
	AsOf     civil.Date
	AsOfText string
	Today    bool
	Mode     string // "tree" or "list"
	Tree     []*units.Node
	List     pager
	Counts   []units.KindCount
	Total    int
	Choices  choices
	// Names of every unit on the date (its last name when it did not exist then), for parents.
	OnDate map[int64]units.Entry
}

// pager is one page of entries with the numbers the shell's pager shows.
type pager struct {
	Items              []units.Entry
	Page, Pages, Total int
}

// Parent is the name of an entry's parent on the page's date.
func (lp listPage) Parent(e units.Entry) string {
	if e.Version.ParentID == 0 {
		return ""
	}
	return lp.OnDate[e.Version.ParentID].Version.Name
}

// Query is the as_of value that keeps the page's date in links.
func (lp listPage) Query() string { return lp.AsOf.String() }

func (p *Pages) list(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d, qf := asOf(r)
	q := r.URL.Query()
	f := units.Filter{AsOf: d, Text: q.Get("q"), IncludeDissolved: q.Get("dead") == "1", Sort: q.Get("sort")}
	if k := units.Kind(q.Get("kind")); k != "" {
		if k.Valid() {
			f.Kinds = []units.Kind{k}
		} else {
			qf.errs.Add("kind", "error.invalid_choice", nil)
		}
	}
	lp := listPage{AsOf: d, AsOfText: vntext.Date(d), Today: d == civil.Today(), Choices: newChoices(),
		OnDate: map[int64]units.Entry{}}
	lp.Mode = "tree"
	if len(f.Kinds) > 0 || f.Text != "" || f.IncludeDissolved || q.Get("view") == "list" {
		lp.Mode = "list"
	}
	all, err := p.svc.List(ctx, units.Filter{AsOf: d, IncludeDissolved: true})
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	for _, e := range all.Items {
		lp.OnDate[e.Unit.ID] = e
	}
	if lp.Counts, err = p.svc.CountByKind(ctx, d); err != nil {
		p.app.Fail(w, r, err)
		return
	}
	for _, c := range lp.Counts {
		lp.Total += c.Count
	}
	if lp.Mode == "tree" {
		if lp.Tree, err = p.svc.Tree(ctx, d); err != nil {
			p.app.Fail(w, r, err)
			return
		}
	} else {
		page, err := p.svc.List(ctx, f)
		if err != nil {
			p.app.Fail(w, r, err)
			return
		}
		items := page.Items
		if q.Get("dir") == "desc" {
			slices.Reverse(items)
		}
		lp.List = paginate(items, q.Get("page"))
	}
	if len(qf.errs) > 0 {
		lp.AsOfText = q.Get("as_of") // shown as typed, beside its error
	}
	pg := &web.Page{Data: lp, Form: &web.Form{Values: q, Errors: qf.errs}}
	pg.TitleKey = "nav.units"
	p.app.Render(w, r, "units/list", pg)
}

// paginate cuts one page of perPage items from all.
func paginate(all []units.Entry, pageParam string) pager {
	pg := pager{Total: len(all), Pages: (len(all) + perPage - 1) / perPage}
	pg.Page, _ = strconv.Atoi(pageParam)
	pg.Page = max(1, min(pg.Page, max(pg.Pages, 1)))
	from := (pg.Page - 1) * perPage
	pg.Items = all[from:min(from+perPage, len(all))]
	return pg
}

// unitPage is a unit's page.
type unitPage struct {
	view
	H            units.History
	AsOf         civil.Date
	AsOfText     string
	OnDate       units.Version
	AliveOnDate  bool
	People       []units.Position
	Terms        []units.Position
	TitleFilter  string
	Congresses   []units.Congress
	Followers    []units.Assignment
	Timeline     []timelineItem
	Correctable  []units.Event
	Choices      choices
	Active       string // the form shown again with errors: event, edit, pos, cong
	TitleOptions [][2]string
	Children     []units.Entry
	Today        civil.Date
}

// timelineItem is an event with the one it corrects.
type timelineItem struct {
	units.Event
	Corrects *units.Event
}

// BackDated reports whether the event was entered after the day it took
// effect (history entered later, or a correction).
func (t timelineItem) BackDated() bool {
	return !t.EffectiveOn.IsZero() && civil.Of(t.RecordedAt.In(civil.Zone)).After(t.EffectiveOn)
}

// CongressName names a congress of the unit for the position form.
func (u unitPage) CongressName(p *web.Page, c units.Congress) string {
	if c.Kind == units.ByDesignation {
		return p.T("units.congress.designation_on", "date", vntext.Date(c.From))
	}
	return p.T("units.congress.number", "number", c.Number, "year", c.From.Year)
}

func (p *Pages) show(w http.ResponseWriter, r *http.Request) { p.renderUnit(w, r, "", nil) }

// renderUnit shows a unit's page; after a refused form (active names it),
// with err's messages beside its fields, the typed values kept.
func (p *Pages) renderUnit(w http.ResponseWriter, r *http.Request, active string, err error) {
	ctx := r.Context()
	id := pathID(r)
	h, herr := p.svc.History(ctx, id)
	if herr != nil {
		p.app.Fail(w, r, herr)
		return
	}
	q := r.URL.Query()
	qf := queryForm(r)
	d := qf.date("as_of")
	if d.IsZero() {
		d = civil.Today()
		// A unit that no longer exists is shown as it was on its last day.
		if _, alive := units.VersionOn(h.Versions, d); !alive && !h.Unit.ValidTo.IsZero() {
			d = h.Unit.ValidTo
		}
	}
	v, verr := p.loadView(ctx, true)
	if verr != nil {
		p.app.Fail(w, r, verr)
		return
	}
	up := unitPage{view: v, H: h, AsOf: d, AsOfText: vntext.Date(d), Choices: newChoices(), Active: active,
		TitleFilter: q.Get("title")}
	up.OnDate, up.AliveOnDate = units.VersionOn(h.Versions, d)
	up.TitleOptions = options(units.Titles, "units.title.", "units.select.all_titles")
	var lerr error
	if up.People, lerr = p.svc.PeopleIn(ctx, id, d); lerr != nil {
		p.app.Fail(w, r, lerr)
		return
	}
	terms, lerr := p.svc.PositionsIn(ctx, id)
	if lerr != nil {
		p.app.Fail(w, r, lerr)
		return
	}
	for _, t := range terms {
		if up.TitleFilter == "" || string(t.Title) == up.TitleFilter {
			up.Terms = append(up.Terms, t)
		}
	}
	if up.Congresses, lerr = p.svc.Congresses(ctx, id); lerr != nil {
		p.app.Fail(w, r, lerr)
		return
	}
	if up.Followers, lerr = p.svc.FollowersOn(ctx, id, d); lerr != nil {
		p.app.Fail(w, r, lerr)
		return
	}
	up.Timeline, up.Correctable = timeline(h.Events)
	up.Today = civil.Today()
	if up.AliveOnDate {
		children, lerr := p.svc.List(ctx, units.Filter{AsOf: d, ParentID: id})
		if lerr != nil {
			p.app.Fail(w, r, lerr)
			return
		}
		up.Children = children.Items
	}

	pg := &web.Page{Data: &up, Title: h.Unit.Name}
	pg.Form = p.app.NewForm(r, err)
	if active == "" {
		pg.Form = &web.Form{Values: url.Values{}, Errors: qf.errs}
		for k, vs := range q {
			pg.Form.Values[k] = vs
		}
	} else if errors.Is(err, store.ErrConflict) || slices.ContainsFunc(asErrors(err), func(e validate.FieldError) bool { return e.Key == "error.conflict" }) {
		pg.Status = http.StatusConflict
	} else {
		pg.Status = http.StatusUnprocessableEntity
	}
	// The code fields show the stored values unless they are being edited
	// (after a conflict, the stored values: someone else's change).
	if active != "edit" || pg.Status == http.StatusConflict {
		pg.Form.Values.Set("edit_code", h.Unit.Code)
		pg.Form.Values.Set("edit_issuer_code", h.Unit.IssuerCode)
		pg.Form.Values.Set("edit_admin_code", h.Unit.AdminCode)
		pg.Form.Values.Set("edit_note", h.Unit.Note)
	}
	if pg.Form.Values.Get("precision") == "" {
		pg.Form.Values.Set("precision", string(units.Day))
	}
	p.app.Render(w, r, "units/show", pg)
}

func asErrors(err error) validate.Errors {
	errs, _ := validate.As(err)
	return errs
}

// timeline orders a unit's events as they happened (an establishment of
// unknown date first), corrections beside what they correct, and lists the
// events a new correction may name.
func timeline(events []units.Event) ([]timelineItem, []units.Event) {
	byID := map[int64]units.Event{}
	corrected := map[int64]bool{}
	for _, e := range events {
		byID[e.ID] = e
		if e.CorrectsID != 0 {
			corrected[e.CorrectsID] = true
		}
	}
	var items []timelineItem
	var correctable []units.Event
	for _, e := range events {
		it := timelineItem{Event: e}
		if e.CorrectsID != 0 {
			if c, ok := byID[e.CorrectsID]; ok {
				it.Corrects = &c
			}
		}
		items = append(items, it)
		if !corrected[e.ID] && e.Kind != units.Cancelled {
			correctable = append(correctable, e)
		}
	}
	slices.SortStableFunc(items, func(a, b timelineItem) int {
		da, db := a.EffectiveOn, b.EffectiveOn
		if a.Kind == units.Cancelled && a.Corrects != nil {
			da = a.Corrects.EffectiveOn
		}
		if b.Kind == units.Cancelled && b.Corrects != nil {
			db = b.Corrects.EffectiveOn
		}
		switch {
		case da.IsZero() && !db.IsZero():
			return -1
		case db.IsZero() && !da.IsZero():
			return 1
		}
		if c := da.Compare(db); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	return items, correctable
}

func (p *Pages) recordEvent(w http.ResponseWriter, r *http.Request) {
	f := postForm(r)
	in := units.EventInput{Kind: units.EventKind(f.str("kind")), EffectiveOn: f.date("effective_on"),
		Precision: units.Precision(f.str("precision")), Name: f.str("name"), ShortName: f.str("short_name"),
		NameEN: f.str("name_en"), UnitKind: units.Kind(f.str("unit_kind")), ParentID: f.id("parent_id"),
		RelatedUnitID: f.id("related_unit_id"), Decision: f.decision("decision_"), Note: f.get("note"),
		CorrectsID: f.id("corrects_id")}
	err := f.err()
	if err == nil {
		_, err = p.svc.RecordEvent(r.Context(), pathID(r), f.version(), in)
	}
	if invalid(err) {
		p.renderUnit(w, r, "event", formErr(err))
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "units.flash.event_recorded")
	http.Redirect(w, r, "/units/"+itoa(pathID(r))+"#history", http.StatusSeeOther)
}

func (p *Pages) updateUnit(w http.ResponseWriter, r *http.Request) {
	f := postForm(r)
	in := units.UnitEdit{Code: f.str("edit_code"), IssuerCode: f.str("edit_issuer_code"), AdminCode: f.str("edit_admin_code"),
		Note: f.get("edit_note")}
	_, err := p.svc.Update(r.Context(), pathID(r), f.version(), in)
	if invalid(err) {
		p.renderUnit(w, r, "edit", prefixed(formErr(err), "edit_"))
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "units.flash.saved")
	http.Redirect(w, r, "/units/"+itoa(pathID(r)), http.StatusSeeOther)
}

// readPosition reads a term's fields under prefix; name is a new person's
// full name (when no person is chosen).
func readPosition(f *form, prefix string) (in units.PositionInput, name string) {
	in = units.PositionInput{PersonID: f.id(prefix + "person_id"), UnitID: f.id(prefix + "unit_id"),
		Title: units.Title(f.str(prefix + "title")), TitleText: f.str(prefix + "title_text"),
		PersonTitle: f.str(prefix + "person_title"), From: f.date(prefix + "from"),
		FromPrecision: units.Precision(f.str(prefix + "from_precision")), StartHow: units.How(f.str(prefix + "start_how")),
		StartDecision: f.decision(prefix + "start_decision_"), To: f.date(prefix + "to"),
		ToPrecision: units.Precision(f.str(prefix + "to_precision")), EndHow: units.How(f.str(prefix + "end_how")),
		EndDecision: f.decision(prefix + "end_decision_"), CongressID: f.id(prefix + "congress_id"),
		Note: f.get(prefix + "note")}
	return in, f.str(prefix + "person_name")
}

// addPosition records a term read from the form: for a chosen person, or
// for a new one named in the form.
func (p *Pages) addPosition(r *http.Request, in units.PositionInput, name string) (units.Position, error) {
	if in.PersonID == 0 && name != "" {
		return p.svc.AddPositionNewPerson(r.Context(), units.PersonInput{FullName: name}, in)
	}
	return p.svc.AddPosition(r.Context(), in)
}

func (p *Pages) addUnitPosition(w http.ResponseWriter, r *http.Request) {
	f := postForm(r)
	in, name := readPosition(f, "pos_")
	in.UnitID = pathID(r)
	err := f.err()
	if err == nil {
		_, err = p.addPosition(r, in, name)
		err = prefixed(formErr(err), "pos_")
	}
	if invalid(err) {
		p.renderUnit(w, r, "pos", err)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "units.flash.position_added")
	http.Redirect(w, r, "/units/"+itoa(in.UnitID)+"#terms", http.StatusSeeOther)
}

func (p *Pages) addCongress(w http.ResponseWriter, r *http.Request) {
	f := postForm(r)
	in := units.CongressInput{UnitID: pathID(r), Kind: units.CongressKind(f.str("cong_kind")), Number: f.str("cong_number"),
		From: f.date("cong_from"), To: f.date("cong_to"), Precision: units.Precision(f.str("cong_precision")),
		TermFromYear: f.num("cong_term_from_year"), TermToYear: f.num("cong_term_to_year"),
		ExecutiveSize: f.num("cong_executive_size"), ExecutiveAlternates: f.num("cong_executive_alternates"),
		StandingSize: f.num("cong_standing_size"), Place: f.str("cong_place"), Decision: f.decision("cong_decision_"),
		Note: f.get("cong_note")}
	err := f.err()
	if err == nil {
		_, err = p.svc.AddCongress(r.Context(), in)
		err = prefixed(formErr(err), "cong_")
	}
	if invalid(err) {
		p.renderUnit(w, r, "cong", err)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "units.flash.congress_added")
	http.Redirect(w, r, "/units/"+itoa(in.UnitID)+"#congresses", http.StatusSeeOther)
}

func (p *Pages) deleteCongress(w http.ResponseWriter, r *http.Request) {
	f := postForm(r)
	unit := f.id("unit_id")
	err := p.svc.DeleteCongress(r.Context(), pathID(r), f.version())
	p.afterDelete(w, r, err, unitURL(unit, "congresses"), "units.flash.congress_deleted")
}

func unitURL(id int64, anchor string) string {
	if id == 0 {
		return "/units"
	}
	return "/units/" + itoa(id) + "#" + anchor
}

// afterDelete confirms a deletion and returns to back, or explains why it
// was refused (a stale version, a record still referred to) there.
func (p *Pages) afterDelete(w http.ResponseWriter, r *http.Request, err error, back, okKey string) {
	switch {
	case errors.Is(err, store.ErrConflict):
		p.app.Flash(r, "error", "error.conflict")
	case invalid(err):
		for _, e := range asErrors(err) {
			p.app.Flash(r, "error", e.Key)
		}
	case err != nil:
		p.app.Fail(w, r, err)
		return
	default:
		p.app.Flash(r, "ok", okKey)
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// newPage is the form of a new unit.
type newPage struct {
	view
	Choices choices
}

func (p *Pages) newUnit(w http.ResponseWriter, r *http.Request) {
	p.renderNew(w, r, nil, http.StatusOK)
}

func (p *Pages) renderNew(w http.ResponseWriter, r *http.Request, err error, status int) {
	v, verr := p.loadView(r.Context(), false)
	if verr != nil {
		p.app.Fail(w, r, verr)
		return
	}
	pg := &web.Page{Data: newPage{view: v, Choices: newChoices()}, Form: p.app.NewForm(r, err), Status: status}
	pg.TitleKey = "units.new.title"
	p.app.Render(w, r, "units/new", pg)
}

func (p *Pages) createUnit(w http.ResponseWriter, r *http.Request) {
	f := postForm(r)
	in := units.UnitInput{Code: f.str("code"), Kind: units.Kind(f.str("kind")), Name: f.str("name"),
		ShortName: f.str("short_name"), NameEN: f.str("name_en"), IssuerCode: f.str("issuer_code"),
		AdminCode: f.str("admin_code"), ParentID: f.id("parent_id"), ValidFrom: f.date("valid_from"),
		FromPrecision: units.Precision(f.str("from_precision")), Established: f.decision("established_"),
		ValidTo: f.date("valid_to"), Ended: f.decision("ended_"), Note: f.get("note")}
	err := f.err()
	var u units.Unit
	if err == nil {
		u, err = p.svc.Create(r.Context(), in)
	}
	if invalid(err) {
		p.renderNew(w, r, err, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "units.flash.created", "name", u.Name)
	http.Redirect(w, r, "/units/"+itoa(u.ID), http.StatusSeeOther)
}
