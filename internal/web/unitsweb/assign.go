package unitsweb

import (
	"net/http"
	"net/url"

	"noichinh/internal/civil"
	"noichinh/internal/units"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

// assignmentsPage answers "who follows what" on a date (or ever).
type assignmentsPage struct {
	view
	AsOf     civil.Date
	All      bool
	Items    []units.Assignment
	Staff    []units.StaffMember
	ByStaff  []staffCount
	Choices  choices
	ActiveID int64 // the row whose end form is shown again with errors
	Active   string
}

// staffCount is how many units a staff member follows on the date.
type staffCount struct {
	UserID int64
	Name   string
	Count  int
}

func (p *Pages) assignments(w http.ResponseWriter, r *http.Request) {
	p.renderAssignments(w, r, "", 0, nil)
}

func (p *Pages) renderAssignments(w http.ResponseWriter, r *http.Request, active string, activeID int64, err error) {
	ctx := r.Context()
	q := r.URL.Query()
	qf := queryForm(r)
	ap := assignmentsPage{All: q.Get("all") == "1", Choices: newChoices(), Active: active, ActiveID: activeID}
	ap.AsOf = qf.date("as_of")
	if ap.AsOf.IsZero() {
		ap.AsOf = civil.Today()
	}
	f := units.AssignmentFilter{UserID: qf.id("user"), UnitID: qf.id("unit"), Role: units.AssignmentRole(q.Get("role"))}
	if f.Role != "" && !f.Role.Valid() {
		qf.errs.Add("role", "error.invalid_choice", nil)
		f.Role = ""
	}
	if !ap.All {
		f.On = ap.AsOf
	}
	var lerr error
	if ap.Items, lerr = p.svc.ListAssignments(ctx, f); lerr != nil {
		p.app.Fail(w, r, lerr)
		return
	}
	if ap.Staff, lerr = p.svc.Staff(ctx); lerr != nil {
		p.app.Fail(w, r, lerr)
		return
	}
	if ap.view, lerr = p.loadView(ctx, false); lerr != nil {
		p.app.Fail(w, r, lerr)
		return
	}
	// Units followed per staff member on the date, each figure a link to its list.
	onDate, lerr := p.svc.ListAssignments(ctx, units.AssignmentFilter{On: ap.AsOf, Role: units.Follows})
	if lerr != nil {
		p.app.Fail(w, r, lerr)
		return
	}
	index := map[int64]int{}
	for _, a := range onDate {
		i, ok := index[a.UserID]
		if !ok {
			i = len(ap.ByStaff)
			index[a.UserID] = i
			ap.ByStaff = append(ap.ByStaff, staffCount{UserID: a.UserID, Name: a.UserName})
		}
		ap.ByStaff[i].Count++
	}
	pg := &web.Page{Data: ap}
	if active == "" {
		pg.Form = &web.Form{Values: q, Errors: qf.errs}
	} else {
		pg.Form = p.app.NewForm(r, err)
		pg.Status = status(err)
		if hasConflict(err) {
			pg.Status = http.StatusConflict
		}
	}
	pg.TitleKey = "units.nav.assignments"
	p.app.Render(w, r, "units/assignments", pg)
}

// Filter is the link to the list filtered by a staff member on the page's date.
func (ap assignmentsPage) Filter(userID int64) string {
	v := url.Values{}
	v.Set("user", itoa(userID))
	v.Set("as_of", ap.AsOf.String())
	v.Set("role", string(units.Follows))
	return "/assignments?" + v.Encode()
}

// AsOfText is the date as the filter shows it.
func (ap assignmentsPage) AsOfText() string { return vntext.Date(ap.AsOf) }

func (p *Pages) assign(w http.ResponseWriter, r *http.Request) {
	f := postForm(r)
	in := units.AssignmentInput{UserID: f.id("user_id"), UnitID: f.id("unit_id"), Role: units.AssignmentRole(f.str("assign_role")),
		From: f.date("from"), To: f.date("to"), Note: f.get("note")}
	err := f.err()
	if err == nil {
		_, err = p.svc.Assign(r.Context(), in)
		err = renameField(formErr(err), "role", "assign_role")
	}
	if invalid(err) {
		p.renderAssignments(w, r, "assign", 0, err)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "units.flash.assigned")
	http.Redirect(w, r, "/assignments", http.StatusSeeOther)
}

// renameField moves the validation errors of one field to another name
// (the form's name of it when the filter above uses the service's name).
func renameField(err error, from, to string) error {
	errs, ok := validate.As(err)
	if !ok {
		return err
	}
	for i := range errs {
		if errs[i].Field == from {
			errs[i].Field = to
		}
	}
	return errs
}

func (p *Pages) endAssignment(w http.ResponseWriter, r *http.Request) {
	f := postForm(r)
	id := pathID(r)
	to := f.date("end_to")
	err := f.err()
	if err == nil {
		_, err = p.svc.EndAssignment(r.Context(), id, f.version(), to)
		err = renameField(formErr(err), "to", "end_to")
	}
	if invalid(err) {
		p.renderAssignments(w, r, "end", id, err)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "units.flash.assignment_ended")
	http.Redirect(w, r, "/assignments", http.StatusSeeOther)
}

func (p *Pages) deleteAssignment(w http.ResponseWriter, r *http.Request) {
	f := postForm(r)
	p.afterDelete(w, r, p.svc.DeleteAssignment(r.Context(), pathID(r), f.version()), "/assignments", "units.flash.assignment_deleted")
}

// steeringListPage lists the steering committees with who chairs them today.
type steeringListPage struct {
	Items []units.Steering
}

func (p *Pages) steeringList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	list, err := p.svc.List(ctx, units.Filter{Kinds: []units.Kind{units.KindSteeringCommittee}, IncludeDissolved: true})
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	var sp steeringListPage
	for _, e := range list.Items {
		st, err := p.svc.SteeringOn(ctx, e.Unit.ID, civil.Today())
		if err != nil {
			p.app.Fail(w, r, err)
			return
		}
		sp.Items = append(sp.Items, st)
	}
	pg := &web.Page{Data: sp}
	pg.TitleKey = "units.nav.steering"
	p.app.Render(w, r, "units/steering_list", pg)
}

// steeringPage is a steering committee's composition on a date and all its seats over time.
type steeringPage struct {
	view
	On      units.Steering
	Seats   []units.SteeringMember
	Choices choices
	Active  bool
}

// AsOfText is the date as the filter shows it.
func (sp steeringPage) AsOfText() string { return vntext.Date(sp.On.On) }

func (p *Pages) steering(w http.ResponseWriter, r *http.Request) { p.renderSteering(w, r, nil) }

func (p *Pages) renderSteering(w http.ResponseWriter, r *http.Request, err error) {
	ctx := r.Context()
	id := pathID(r)
	qf := queryForm(r)
	d := qf.date("as_of")
	on, serr := p.svc.SteeringOn(ctx, id, d)
	if serr != nil {
		p.app.Fail(w, r, serr)
		return
	}
	if on.Committee.Kind != units.KindSteeringCommittee {
		http.Redirect(w, r, "/units/"+itoa(id), http.StatusSeeOther)
		return
	}
	seats, serr := p.svc.SteeringMembers(ctx, id)
	if serr != nil {
		p.app.Fail(w, r, serr)
		return
	}
	v, verr := p.loadView(ctx, true)
	if verr != nil {
		p.app.Fail(w, r, verr)
		return
	}
	sp := steeringPage{view: v, On: on, Seats: seats, Choices: newChoices(), Active: err != nil}
	pg := &web.Page{Title: on.Committee.Name, Data: sp}
	if err == nil {
		pg.Form = &web.Form{Values: r.URL.Query(), Errors: qf.errs}
	} else {
		pg.Form = p.app.NewForm(r, err)
		pg.Status = status(err)
	}
	p.app.Render(w, r, "units/steering", pg)
}

func (p *Pages) addSteeringMember(w http.ResponseWriter, r *http.Request) {
	f := postForm(r)
	in := units.SteeringInput{CommitteeID: pathID(r), Role: units.SteeringRole(f.str("role")), PersonID: f.id("person_id"),
		HolderUnitID: f.id("holder_unit_id"), HolderTitle: units.Title(f.str("holder_title")), AgencyID: f.id("agency_id"),
		From: f.date("from"), FromPrecision: units.Precision(f.str("from_precision")), To: f.date("to"),
		Decision: f.decision("decision_"), Note: f.get("note")}
	err := f.err()
	if err == nil {
		_, err = p.svc.AddSteeringMember(r.Context(), in)
		err = formErr(err)
	}
	if invalid(err) {
		p.renderSteering(w, r, err)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "units.flash.seat_added")
	http.Redirect(w, r, "/steering/"+itoa(in.CommitteeID), http.StatusSeeOther)
}

func (p *Pages) deleteSteeringMember(w http.ResponseWriter, r *http.Request) {
	f := postForm(r)
	committee := f.id("committee_id")
	back := "/steering"
	if committee != 0 {
		back = "/steering/" + itoa(committee)
	}
	p.afterDelete(w, r, p.svc.DeleteSteeringMember(r.Context(), pathID(r), f.version()), back, "units.flash.seat_deleted")
}
