package documentsweb

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/documents"
	"noichinh/internal/i18n"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

// formView is the registration or correction form.
type formView struct {
	Doc       *documents.Document // nil when registering
	Kinds     [][2]string
	Issuers   issuerGroups
	Clearance [][2]string
	Fields    []documents.Field
	// Next is the number the Committee's next own document of the chosen
	// kind would get; NextErrors say why there is none.
	Next       *documents.NextOwn
	NextErrors []string
	// Typed lists what the user had typed when someone else saved first.
	Typed []typedValue
}

type typedValue struct {
	Label string   // message key
	Value string   // as typed
	Keys  []string // or message keys to show instead (fields, classification)
}

// formFields are the form's inputs in display order, with their labels.
var formFields = []struct{ name, label string }{
	{"kind", "documents.label.kind"}, {"symbol", "documents.label.symbol"}, {"number", "documents.label.number"},
	{"issuer_unit_id", "documents.label.issuer"}, {"issuer_name", "documents.label.issuer_name"},
	{"issued_on", "documents.label.issued_on"}, {"summary", "documents.label.summary"},
	{"fields", "documents.label.fields"}, {"advised_by_committee", "documents.label.advised"},
	{"classification", "documents.label.classification"}, {"notes", "documents.label.notes"},
	{"body", "documents.label.body"},
}

// parseInput reads the form into the service's input; errors are the
// values that are not even of the right form (a date that is no date).
func parseInput(v url.Values) (documents.Input, validate.Errors) {
	var errs validate.Errors
	in := documents.Input{
		Kind: v.Get("kind"), Symbol: v.Get("symbol"), Number: strings.TrimSpace(v.Get("number")),
		IssuerName: v.Get("issuer_name"), Summary: v.Get("summary"), Notes: v.Get("notes"), Body: v.Get("body"),
		AdvisedByCommittee: v.Get("advised_by_committee") == "1", AutoNumber: v.Get("auto_number") == "1",
	}
	if s := v.Get("issuer_unit_id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			errs.Add("issuer_unit_id", "documents.error.unknown_unit", nil)
		}
		in.IssuerUnitID = id
	}
	in.IssuedOn = parseDate(&errs, "issued_on", v.Get("issued_on"))
	for _, f := range v["fields"] {
		in.Fields = append(in.Fields, documents.Field(f))
	}
	if s := v.Get("classification"); s != "" {
		c, err := strconv.Atoi(s)
		if err != nil {
			errs.Add("classification", "error.invalid_choice", nil)
		}
		in.Classification = access.Classification(c)
	}
	return in, errs
}

// docValues are a document's values as the form shows them.
func docValues(d documents.Document) url.Values {
	v := url.Values{}
	v.Set("kind", d.Kind)
	v.Set("symbol", d.Symbol)
	v.Set("number", d.Number)
	if d.IssuerUnitID != 0 {
		v.Set("issuer_unit_id", strconv.FormatInt(d.IssuerUnitID, 10))
	}
	v.Set("issuer_name", d.IssuerName)
	v.Set("issued_on", vntext.Date(d.IssuedOn))
	v.Set("summary", d.Summary)
	for _, f := range d.Fields {
		v.Add("fields", string(f))
	}
	if d.AdvisedByCommittee {
		v.Set("advised_by_committee", "1")
	}
	v.Set("classification", strconv.Itoa(int(d.Classification)))
	v.Set("notes", d.Notes)
	v.Set("body", d.Body)
	v.Set("version", strconv.Itoa(d.Version))
	return v
}

func (p *Pages) formView(r *http.Request, doc *documents.Document) (*formView, error) {
	issuers, err := p.svc.Issuers(r.Context())
	if err != nil {
		return nil, err
	}
	return &formView{Doc: doc, Kinds: kindOptions("documents.form.choose_kind"), Issuers: groupIssuers(issuers),
		Clearance: clearanceOptions(access.FromContext(r.Context())), Fields: documents.Fields}, nil
}

// newForm shows the registration form, pre-filled from the query (a
// reference to register, or the form itself sent back for the next number).
func (p *Pages) newForm(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("classification") == "" {
		q.Set("classification", "0")
	}
	p.renderNew(w, r, &web.Form{Values: q}, http.StatusOK)
}

func (p *Pages) renderNew(w http.ResponseWriter, r *http.Request, form *web.Form, status int) {
	v, err := p.formView(r, nil)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.nextNumber(r, form.Values, v)
	pg := &web.Page{Form: form, Status: status, Data: v}
	pg.Title = p.title(r, "documents.new")
	p.app.Render(w, r, "documents/form", pg)
}

// nextNumber fills the hint of the Committee's next own number for the
// kind and date in the form (today when no date is given).
func (p *Pages) nextNumber(r *http.Request, values url.Values, v *formView) {
	kind := values.Get("kind")
	if kind == "" {
		return
	}
	var errs validate.Errors
	on := parseDate(&errs, "issued_on", values.Get("issued_on"))
	if on.IsZero() {
		on = civil.Today()
	}
	next, err := p.svc.NextOwnNumber(r.Context(), kind, on)
	if e, ok := validate.As(err); ok {
		lang := p.lang(r)
		for _, fe := range e {
			v.NextErrors = append(v.NextErrors, i18n.T(lang, fe.Key, fe.Params))
		}
		return
	}
	if err == nil {
		v.Next = &next
	}
}

func (p *Pages) create(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	in, errs := parseInput(r.PostForm)
	if len(errs) > 0 {
		p.renderNew(w, r, p.app.NewForm(r, errs), http.StatusUnprocessableEntity)
		return
	}
	doc, err := p.svc.Create(r.Context(), in)
	if _, ok := validate.As(err); ok {
		p.renderNew(w, r, p.app.NewForm(r, err), http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "documents.created", "document", doc.Title())
	if !doc.NumberingChecked {
		p.app.Flash(r, "info", "documents.warning.numbering_unchecked")
	}
	http.Redirect(w, r, docURL(doc.ID), http.StatusSeeOther)
}

func (p *Pages) editForm(w http.ResponseWriter, r *http.Request) {
	doc, err := p.svc.Get(r.Context(), pathID(r, "id"))
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.renderEdit(w, r, &doc, &web.Form{Values: docValues(doc)}, nil, http.StatusOK)
}

func (p *Pages) renderEdit(w http.ResponseWriter, r *http.Request, doc *documents.Document, form *web.Form, typed []typedValue, status int) {
	v, err := p.formView(r, doc)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	v.Typed = typed
	pg := &web.Page{Form: form, Status: status, Data: v}
	pg.Title = p.title(r, "documents.edit_title", "document", doc.Title())
	p.app.Render(w, r, "documents/form", pg)
}

func (p *Pages) update(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := pathID(r, "id")
	_ = r.ParseForm()
	doc, err := p.svc.Get(ctx, id)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	in, errs := parseInput(r.PostForm)
	if len(errs) > 0 {
		p.renderEdit(w, r, &doc, p.app.NewForm(r, errs), nil, http.StatusUnprocessableEntity)
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	saved, err := p.svc.Update(ctx, id, version, in)
	switch {
	case errors.Is(err, store.ErrConflict):
		// Someone saved first: show the current values (and version), and
		// what this user had typed where it differs, to enter again.
		current, gerr := p.svc.Get(ctx, id)
		if gerr != nil {
			p.app.Fail(w, r, gerr)
			return
		}
		form := &web.Form{Values: docValues(current), Errors: validate.Errors{{Key: "error.conflict"}}}
		issuers, ierr := p.svc.Issuers(ctx)
		if ierr != nil {
			p.app.Fail(w, r, ierr)
			return
		}
		p.renderEdit(w, r, &current, form, typedDiff(r.PostForm, form.Values, issuerNames(issuers)), http.StatusConflict)
		return
	case err != nil:
		if _, ok := validate.As(err); ok {
			p.renderEdit(w, r, &doc, p.app.NewForm(r, err), nil, http.StatusUnprocessableEntity)
			return
		}
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "documents.saved", "document", saved.Title())
	http.Redirect(w, r, docURL(id), http.StatusSeeOther)
}

// typedDiff lists the posted values that differ from the current ones, as
// the user would read them.
func typedDiff(posted, current url.Values, issuers map[int64]string) []typedValue {
	var out []typedValue
	for _, f := range formFields {
		a, b := slices.Clone(posted[f.name]), slices.Clone(current[f.name])
		slices.Sort(a)
		slices.Sort(b)
		if strings.Join(a, "\n") == strings.Join(b, "\n") {
			continue
		}
		t := typedValue{Label: f.label, Value: strings.Join(posted[f.name], ", ")}
		switch f.name {
		case "fields":
			for _, v := range posted[f.name] {
				t.Keys = append(t.Keys, "documents.field."+v)
			}
		case "advised_by_committee":
			t.Keys = []string{"documents.no"}
			if posted.Get(f.name) == "1" {
				t.Keys = []string{"documents.yes"}
			}
		case "classification":
			c, _ := strconv.Atoi(posted.Get(f.name))
			t.Keys = []string{"classification." + access.Classification(c).Code()}
		case "issuer_unit_id":
			id, _ := strconv.ParseInt(posted.Get(f.name), 10, 64)
			t.Value = issuers[id]
		}
		if t.Value == "" && len(t.Keys) == 0 {
			t.Keys = []string{"documents.empty_value"}
		}
		out = append(out, t)
	}
	return out
}
