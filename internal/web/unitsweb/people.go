package unitsweb

import (
	"net/http"
	"net/url"
	"strconv"

	"noichinh/internal/units"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

// peoplePage lists people by name.
type peoplePage struct {
	List struct {
		Items              []units.Person
		Page, Pages, Total int
	}
}

func (p *Pages) people(w http.ResponseWriter, r *http.Request) {
	p.renderPeople(w, r, nil)
}

func (p *Pages) renderPeople(w http.ResponseWriter, r *http.Request, err error) {
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	list, lerr := p.svc.ListPeople(r.Context(), units.PeopleFilter{Text: q.Get("q"), Offset: (page - 1) * perPage, Limit: perPage})
	if lerr != nil {
		p.app.Fail(w, r, lerr)
		return
	}
	var pp peoplePage
	pp.List.Items, pp.List.Total, pp.List.Page = list.Items, list.Total, page
	pp.List.Pages = (list.Total + perPage - 1) / perPage
	pg := &web.Page{Data: pp, Form: p.app.NewForm(r, err)}
	if err != nil {
		pg.Status = status(err)
	} else {
		pg.Form.Values = q
	}
	pg.TitleKey = "units.nav.people"
	p.app.Render(w, r, "units/people", pg)
}

func (p *Pages) createPerson(w http.ResponseWriter, r *http.Request) {
	f := postForm(r)
	pe, err := p.svc.CreatePerson(r.Context(), units.PersonInput{FullName: f.str("full_name"), Note: f.get("note")})
	if invalid(err) {
		p.renderPeople(w, r, err)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "units.flash.person_created", "name", pe.FullName)
	http.Redirect(w, r, "/people/"+itoa(pe.ID), http.StatusSeeOther)
}

// personPage is a person with their terms over time.
type personPage struct {
	view
	Person  units.Person
	Terms   []units.Position
	Choices choices
	Active  string
}

func (p *Pages) person(w http.ResponseWriter, r *http.Request) { p.renderPerson(w, r, "", nil) }

func (p *Pages) renderPerson(w http.ResponseWriter, r *http.Request, active string, err error) {
	ctx := r.Context()
	pe, perr := p.svc.GetPerson(ctx, pathID(r))
	if perr != nil {
		p.app.Fail(w, r, perr)
		return
	}
	terms, terr := p.svc.PositionsOf(ctx, pe.ID)
	if terr != nil {
		p.app.Fail(w, r, terr)
		return
	}
	v, verr := p.loadView(ctx, false)
	if verr != nil {
		p.app.Fail(w, r, verr)
		return
	}
	pg := &web.Page{Title: pe.FullName, Data: personPage{view: v, Person: pe, Terms: terms, Choices: newChoices(), Active: active},
		Form: p.app.NewForm(r, err)}
	if active != "" {
		pg.Status = status(err)
		if hasConflict(err) {
			pg.Status = http.StatusConflict
		}
	}
	if active != "edit" || pg.Status == http.StatusConflict {
		pg.Form.Values.Set("edit_full_name", pe.FullName)
		pg.Form.Values.Set("edit_note", pe.Note)
	}
	p.app.Render(w, r, "units/person", pg)
}

// hasConflict reports whether err is the conflict message of a stale version.
func hasConflict(err error) bool {
	for _, e := range asErrors(err) {
		if e.Key == "error.conflict" {
			return true
		}
	}
	return false
}

func (p *Pages) updatePerson(w http.ResponseWriter, r *http.Request) {
	f := postForm(r)
	_, err := p.svc.UpdatePerson(r.Context(), pathID(r), f.version(), units.PersonInput{FullName: f.str("edit_full_name"),
		Note: f.get("edit_note")})
	if invalid(err) {
		p.renderPerson(w, r, "edit", prefixed(formErr(err), "edit_"))
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "units.flash.saved")
	http.Redirect(w, r, "/people/"+itoa(pathID(r)), http.StatusSeeOther)
}

func (p *Pages) deletePerson(w http.ResponseWriter, r *http.Request) {
	f := postForm(r)
	err := p.svc.DeletePerson(r.Context(), pathID(r), f.version())
	back := "/people"
	if err != nil {
		back = "/people/" + itoa(pathID(r))
	}
	p.afterDelete(w, r, err, back, "units.flash.person_deleted")
}

func (p *Pages) addPersonPosition(w http.ResponseWriter, r *http.Request) {
	f := postForm(r)
	in, _ := readPosition(f, "pos_")
	in.PersonID = pathID(r)
	err := f.err()
	if err == nil {
		_, err = p.svc.AddPosition(r.Context(), in)
		err = prefixed(formErr(err), "pos_")
	}
	if invalid(err) {
		p.renderPerson(w, r, "pos", err)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "units.flash.position_added")
	http.Redirect(w, r, "/people/"+itoa(in.PersonID)+"#terms", http.StatusSeeOther)
}

// positionPage is one term with its edit form.
type positionPage struct {
	view
	Pos        units.Position
	Congresses []units.Congress
	Choices    choices
}

func (p *Pages) position(w http.ResponseWriter, r *http.Request) { p.renderPosition(w, r, nil) }

func (p *Pages) renderPosition(w http.ResponseWriter, r *http.Request, err error) {
	ctx := r.Context()
	pos, perr := p.svc.GetPosition(ctx, pathID(r))
	if perr != nil {
		p.app.Fail(w, r, perr)
		return
	}
	v, verr := p.loadView(ctx, true)
	if verr != nil {
		p.app.Fail(w, r, verr)
		return
	}
	congresses, cerr := p.svc.Congresses(ctx, pos.UnitID)
	if cerr != nil {
		p.app.Fail(w, r, cerr)
		return
	}
	pg := &web.Page{Title: pos.PersonName, Data: positionPage{view: v, Pos: pos, Congresses: congresses, Choices: newChoices()}}
	if err == nil || hasConflict(err) {
		// The stored term; after a conflict, as someone else left it.
		pg.Form = &web.Form{Values: positionValues(pos), Errors: asErrors(err)}
		if err != nil {
			pg.Status = http.StatusConflict
		}
	} else {
		pg.Form = p.app.NewForm(r, err)
		pg.Status = http.StatusUnprocessableEntity
	}
	p.app.Render(w, r, "units/position", pg)
}

// positionValues are a term's fields as the edit form names them.
func positionValues(pos units.Position) url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" && val != "0" {
			v.Set(k, val)
		}
	}
	set("person_id", itoa(pos.PersonID))
	set("unit_id", itoa(pos.UnitID))
	set("title", string(pos.Title))
	set("title_text", pos.TitleText)
	set("person_title", pos.PersonTitle)
	set("from", vntext.Date(pos.From))
	set("from_precision", string(pos.FromPrecision))
	set("start_how", string(pos.StartHow))
	decision(v, "start_decision_", pos.StartDecision)
	set("to", vntext.Date(pos.To))
	set("to_precision", string(pos.ToPrecision))
	set("end_how", string(pos.EndHow))
	decision(v, "end_decision_", pos.EndDecision)
	set("congress_id", itoa(pos.CongressID))
	set("note", pos.Note)
	return v
}

func decision(v url.Values, prefix string, d units.Decision) {
	if d.Symbol != "" {
		v.Set(prefix+"symbol", d.Symbol)
	}
	if !d.Date.IsZero() {
		v.Set(prefix+"date", vntext.Date(d.Date))
	}
	if d.IssuerID != 0 {
		v.Set(prefix+"issuer_id", itoa(d.IssuerID))
	}
	if d.Issuer != "" {
		v.Set(prefix+"issuer", d.Issuer)
	}
}

func (p *Pages) updatePosition(w http.ResponseWriter, r *http.Request) {
	f := postForm(r)
	in, _ := readPosition(f, "")
	err := f.err()
	if err == nil {
		_, err = p.svc.UpdatePosition(r.Context(), pathID(r), f.version(), in)
		err = formErr(err)
	}
	if invalid(err) {
		p.renderPosition(w, r, err)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "units.flash.saved")
	http.Redirect(w, r, "/positions/"+itoa(pathID(r)), http.StatusSeeOther)
}

func (p *Pages) deletePosition(w http.ResponseWriter, r *http.Request) {
	f := postForm(r)
	id := pathID(r)
	pos, err := p.svc.GetPosition(r.Context(), id)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	err = p.svc.DeletePosition(r.Context(), id, f.version())
	back := "/people/" + itoa(pos.PersonID)
	if err != nil {
		back = "/positions/" + itoa(id)
	}
	p.afterDelete(w, r, err, back, "units.flash.position_deleted")
}
