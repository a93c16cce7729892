package casesweb

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/cases"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

// formView is the case record form, to open a case or edit one.
type formView struct {
	Case       *cases.Case // nil when opening a case
	Kinds      [][2]string
	Fields     [][2]string
	Offences   [][2]string
	Clearance  [][2]string
	Categories []cases.Category
	Flags      []cases.Flag
	People     []cases.Person
	Localities []unitGroup
	Units      []unitGroup
	// Docs are the linked-document rows: the case's (or those typed) and
	// blank ones to add more.
	Docs []docRow
	// Typed lists what the user had typed when someone else saved first.
	Typed []typedValue
}

type docRow struct{ Symbol, Issued, Summary string }

type typedValue struct {
	Label string // message key
	Value string // as typed, readable
}

// blankDocRows is how many empty document rows the form offers.
const blankDocRows = 2

// formFields are the form's inputs, with their labels, for the list of
// what was typed when an edit met a conflict.
var formFields = []struct{ name, label string }{
	{"kind", "cases.label.kind"}, {"ref_code", "cases.label.ref_code"}, {"title", "cases.label.title"},
	{"summary", "cases.label.summary"}, {"categories", "cases.label.categories"}, {"field", "cases.label.field"},
	{"locality_id", "cases.label.locality"}, {"unit_ids", "cases.label.units"}, {"flags", "cases.label.flags"},
	{"classification", "cases.label.classification"}, {"offence_class", "cases.label.offence_class"},
	{"assignee_ids", "cases.label.assignees"}, {"doc_symbol", "cases.label.documents"},
}

// readInput reads the form into the service's input; errors are the values
// that are not even of the right form (a date that is no date).
func readInput(v url.Values) (cases.Input, validate.Errors) {
	var errs validate.Errors
	in := cases.Input{RefCode: v.Get("ref_code"), Kind: cases.Kind(v.Get("kind")), Title: v.Get("title"),
		Summary: v.Get("summary"), Field: cases.Field(v.Get("field")), OffenceClass: cases.OffenceClass(v.Get("offence_class"))}
	for _, c := range v["categories"] {
		in.Categories = append(in.Categories, cases.Category(c))
	}
	for _, f := range v["flags"] {
		in.Flags = append(in.Flags, cases.Flag(f))
	}
	in.LocalityID = parseID(&errs, "locality_id", v.Get("locality_id"))
	for _, s := range v["unit_ids"] {
		if id := parseID(&errs, "unit_ids", s); id != 0 {
			in.UnitIDs = append(in.UnitIDs, id)
		}
	}
	for _, s := range v["assignee_ids"] {
		if id := parseID(&errs, "assignee_ids", s); id != 0 {
			in.AssigneeIDs = append(in.AssigneeIDs, id)
		}
	}
	if s := v.Get("classification"); s != "" {
		c, err := strconv.Atoi(s)
		if err != nil {
			errs.Add("classification", "error.invalid_choice", nil)
		}
		in.Classification = access.Classification(c)
	}
	symbols, issued, summaries := v["doc_symbol"], v["doc_issued"], v["doc_summary"]
	for i := range symbols {
		row := docRow{Symbol: strings.TrimSpace(symbols[i])}
		if i < len(issued) {
			row.Issued = issued[i]
		}
		if i < len(summaries) {
			row.Summary = summaries[i]
		}
		if row.Symbol == "" && strings.TrimSpace(row.Issued) == "" && strings.TrimSpace(row.Summary) == "" {
			continue
		}
		in.Documents = append(in.Documents, cases.DocumentRef{Symbol: row.Symbol,
			IssuedOn: parseDate(&errs, "documents", row.Issued), Summary: row.Summary})
	}
	in.OpenedOn = parseDate(&errs, "opened_on", v.Get("opened_on"))
	return in, errs
}

// caseValues are a case's fields as the form shows them.
func caseValues(c *cases.Case) url.Values {
	v := url.Values{}
	v.Set("kind", string(c.Kind))
	v.Set("ref_code", c.RefCode)
	v.Set("title", c.Title)
	v.Set("summary", c.Summary)
	for _, cat := range c.Categories {
		v.Add("categories", string(cat))
	}
	v.Set("field", string(c.Field))
	if c.LocalityID != 0 {
		v.Set("locality_id", itoa(c.LocalityID))
	}
	for _, id := range c.UnitIDs {
		v.Add("unit_ids", itoa(id))
	}
	for _, f := range c.Flags {
		v.Add("flags", string(f))
	}
	v.Set("classification", strconv.Itoa(int(c.Classification)))
	v.Set("offence_class", string(c.OffenceClass))
	for _, a := range c.Assignees {
		v.Add("assignee_ids", itoa(a.UserID))
	}
	for _, d := range c.Documents {
		v.Add("doc_symbol", d.Symbol)
		v.Add("doc_issued", vntext.Date(d.IssuedOn))
		v.Add("doc_summary", d.Summary)
	}
	v.Set("version", strconv.Itoa(c.Version))
	return v
}

func (p *Pages) formView(r *http.Request, c *cases.Case, values url.Values) (*formView, error) {
	choices, err := p.svc.Choices(r.Context())
	if err != nil {
		return nil, err
	}
	v := &formView{Case: c, Kinds: kindOptions(""), Fields: fieldOptions("cases.form.choose_field"),
		Offences: offenceOptions(), Clearance: clearanceOptions(access.FromContext(r.Context())),
		Categories: cases.Categories, Flags: cases.Flags, People: choices.People,
		Localities: groupUnits(choices.Units, localityKinds...), Units: groupUnits(choices.Units)}
	symbols, issued, summaries := values["doc_symbol"], values["doc_issued"], values["doc_summary"]
	for i := range symbols {
		row := docRow{Symbol: symbols[i]}
		if i < len(issued) {
			row.Issued = issued[i]
		}
		if i < len(summaries) {
			row.Summary = summaries[i]
		}
		if row != (docRow{}) {
			v.Docs = append(v.Docs, row)
		}
	}
	for range blankDocRows {
		v.Docs = append(v.Docs, docRow{})
	}
	return v, nil
}

func (p *Pages) newForm(w http.ResponseWriter, r *http.Request) {
	q := url.Values{"kind": {string(cases.CriminalCase)}, "classification": {"0"},
		"opened_on": {vntext.Date(p.svc.Today())}, "assignee_ids": {itoa(access.FromContext(r.Context()).UserID)}}
	p.renderForm(w, r, nil, &web.Form{Values: q}, nil, http.StatusOK)
}

func (p *Pages) renderForm(w http.ResponseWriter, r *http.Request, c *cases.Case, form *web.Form, typed []typedValue, status int) {
	v, err := p.formView(r, c, form.Values)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	v.Typed = typed
	pg := &web.Page{Form: form, Status: status, Data: v, TitleKey: "cases.new"}
	if c != nil {
		pg.TitleKey = ""
		pg.Title = p.t(r, "cases.edit_title", "ref", c.RefCode)
	}
	p.app.Render(w, r, "cases/form", pg)
}

func (p *Pages) create(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	in, errs := readInput(r.PostForm)
	if len(errs) > 0 {
		errs = withService(errs, p.svc.CheckInput(r.Context(), in, true))
		p.renderForm(w, r, nil, p.app.NewForm(r, errs), nil, http.StatusUnprocessableEntity)
		return
	}
	c, err := p.svc.Create(r.Context(), in)
	if _, ok := validate.As(err); ok {
		p.renderForm(w, r, nil, p.app.NewForm(r, err), nil, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "cases.created", "ref", c.RefCode)
	http.Redirect(w, r, caseURL(c.ID), http.StatusSeeOther)
}

func (p *Pages) editForm(w http.ResponseWriter, r *http.Request) {
	c, err := p.svc.Get(r.Context(), pathID(r, "id"))
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.renderForm(w, r, c, &web.Form{Values: caseValues(c)}, nil, http.StatusOK)
}

func (p *Pages) update(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := pathID(r, "id")
	_ = r.ParseForm()
	c, err := p.svc.Get(ctx, id)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	in, errs := readInput(r.PostForm)
	if errs = dropField(errs, "opened_on"); len(errs) > 0 { // not on this form
		errs = withService(errs, p.svc.CheckInput(r.Context(), in, false))
		p.renderForm(w, r, c, p.app.NewForm(r, errs), nil, http.StatusUnprocessableEntity)
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	saved, err := p.svc.Update(ctx, id, version, in)
	switch {
	case errors.Is(err, store.ErrConflict):
		// Someone saved first: the current values (and version), and what
		// this user had typed where it differs, to enter again.
		current, gerr := p.svc.Get(ctx, id)
		if gerr != nil {
			p.app.Fail(w, r, gerr)
			return
		}
		form := &web.Form{Values: caseValues(current), Errors: validate.Errors{{Key: "error.conflict"}}}
		typed, terr := p.typedDiff(r, r.PostForm, form.Values)
		if terr != nil {
			p.app.Fail(w, r, terr)
			return
		}
		p.renderForm(w, r, current, form, typed, http.StatusConflict)
		return
	case err != nil:
		if _, ok := validate.As(err); ok {
			p.renderForm(w, r, c, p.app.NewForm(r, err), nil, http.StatusUnprocessableEntity)
			return
		}
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "cases.saved", "ref", saved.RefCode)
	http.Redirect(w, r, caseURL(id), http.StatusSeeOther)
}

// withService adds to the errors of values that could not be read the
// service's own findings on the rest of the form, so that every problem
// shows at once (a field that could not be read keeps its own message).
func withService(read, found validate.Errors) validate.Errors {
	out := slices.Clone(read)
	for _, e := range found {
		if !slices.ContainsFunc(read, func(r validate.FieldError) bool { return r.Field == e.Field }) {
			out = append(out, e)
		}
	}
	return out
}

// dropField removes the errors of one field.
func dropField(errs validate.Errors, field string) validate.Errors {
	return slices.DeleteFunc(errs, func(e validate.FieldError) bool { return e.Field == field })
}

// typedDiff lists the posted values that differ from the current ones, as
// the user would read them.
func (p *Pages) typedDiff(r *http.Request, posted, current url.Values) ([]typedValue, error) {
	choices, err := p.svc.Choices(r.Context())
	if err != nil {
		return nil, err
	}
	units := unitNames(choices.Units)
	people := map[string]string{}
	for _, pp := range choices.People {
		people[itoa(pp.UserID)] = pp.FullName
	}
	pg := &web.Page{Lang: p.lang(r)}
	var out []typedValue
	for _, f := range formFields {
		a, b := slices.Clone(posted[f.name]), slices.Clone(current[f.name])
		a = slices.DeleteFunc(a, func(s string) bool { return strings.TrimSpace(s) == "" })
		b = slices.DeleteFunc(b, func(s string) bool { return s == "" })
		slices.Sort(a)
		slices.Sort(b)
		if slices.Equal(a, b) {
			continue
		}
		var shown []string
		for _, val := range posted[f.name] {
			if strings.TrimSpace(val) == "" {
				continue
			}
			switch f.name {
			case "kind":
				val = pg.T("cases.kind." + val)
			case "categories":
				val = pg.T("cases.category." + val)
			case "field":
				val = pg.T("cases.field." + val)
			case "flags":
				val = pg.T("cases.flag." + val)
			case "offence_class":
				val = pg.T("cases.offence." + val)
			case "classification":
				n, _ := strconv.Atoi(val)
				val = pg.Classification(n)
			case "locality_id", "unit_ids":
				id, _ := strconv.ParseInt(val, 10, 64)
				val = units[id]
			case "assignee_ids":
				val = people[val]
			}
			shown = append(shown, val)
		}
		value := strings.Join(shown, "; ")
		if value == "" {
			value = pg.T("cases.form.empty_value")
		}
		out = append(out, typedValue{Label: f.label, Value: value})
	}
	return out, nil
}
