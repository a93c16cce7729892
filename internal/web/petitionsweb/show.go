package petitionsweb

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"noichinh/internal/access"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/petitions"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

// showView is a petition's page.
type showView struct {
	Rec        petitions.Record
	Dir        *directory
	Today      civil.Date
	DueClass   string
	Deadlines  []deadlineView
	History    []eventView
	Duplicates []candidateView
	Links      []linkView
	// Revealed holds the senders' identities in the answer to a reveal only.
	Revealed  []petitions.Sender
	CanReveal bool
	CanWrite  bool
	// Steps are the forms the petition's state allows; Step the one shown.
	Steps   []string
	Step    *stepForm
	Version int
}

type deadlineView struct {
	petitions.Deadline
	Rule   *calendar.Limit
	RuleEN bool
	Class  string
	Late   bool
}

type eventView struct {
	petitions.Event
	By    string
	Unit  string
	Other string // the other petition's number
	URL   string
}

type linkView struct {
	petitions.Link
	URL string
}

// stepForm is one processing form.
type stepForm struct {
	Name   string
	Action string
	// Choices the forms pick from.
	FiledReasons [][2]string
	Handlings    [][2]string
	Outcomes     [][2]string
	OpenSteps    [][2]string
	Kinds        [][2]string
	Fields       [][2]string
	Clearance    [][2]string
	LinkKinds    [][2]string
	Parts        []partRow
	// Fields names the form's fields: errors on others head the form.
	Known []string
}

// stepNames are the processing forms, in the order the page offers them.
var stepNames = []string{"process", "split", "notify", "urge", "reply", "resolve", "extend", "assign", "update", "link"}

// stepFields are the fields of each form.
var stepFields = map[string][]string{
	"process": {"on", "eligible", "filed_reason", "handling", "unit_id", "ref", "note", "second_instance", "remote"},
	"split":   {"parts", "parts.0.kind", "parts.0.summary", "parts.0.content", "parts.1.kind", "parts.1.summary", "parts.1.content", "parts.2.kind", "parts.2.summary", "parts.2.content"},
	"notify":  {"on"},
	"urge":    {"on", "unit_id", "ref", "note"},
	"reply":   {"on", "unit_id", "ref", "summary", "resolved", "outcome", "money_returned", "land_returned", "people_protected"},
	"resolve": {"on", "ref", "outcome", "money_returned", "land_returned", "people_protected"},
	"extend":  {"step", "decision_ref", "decision_on"},
	"assign":  {"assigned_to"},
	"update":  {"summary", "content", "field", "subject_name", "subject_position", "locality_unit_id", "classification"},
	"link":    {"other", "other_id", "kind", "note"},
	"dismiss": {"other_id", "note"},
}

// canReveal mirrors the service's rule: the permission and, for a
// specialist, the petition assigned to them.
func canReveal(a *access.Actor, p petitions.Petition) bool {
	return a.Can(access.IdentityReveal) && (a.Role != access.Specialist || p.AssignedTo == a.UserID)
}

// offeredSteps are the forms that make sense for p as it stands.
func offeredSteps(p petitions.Petition) []string {
	var out []string
	open := func(s petitions.Step) bool {
		return slices.ContainsFunc(p.Deadlines, func(d petitions.Deadline) bool { return d.Step == s && d.Open() })
	}
	for _, s := range stepNames {
		ok := false
		switch s {
		case "process":
			ok = p.Status == petitions.StatusReceived && p.Kind != petitions.Mixed
		case "split":
			ok = p.Status == petitions.StatusReceived && p.Kind == petitions.Mixed
		case "notify":
			ok = open(petitions.StepNotifyAcceptance)
		case "urge", "reply":
			ok = p.Status == petitions.StatusForwarded || p.Status == petitions.StatusUrged
		case "resolve":
			ok = p.Status == petitions.StatusAccepted
		case "extend":
			ok = slices.ContainsFunc(p.Deadlines, petitions.Deadline.Open)
		case "assign", "update", "link":
			ok = p.Status != petitions.StatusSplit
		}
		if ok {
			out = append(out, s)
		}
	}
	return out
}

func (p *Pages) newStepForm(rec petitions.Record, name string) *stepForm {
	f := &stepForm{Name: name, Action: petitionURL(rec.ID) + "/steps/" + name, Known: stepFields[name]}
	switch name {
	case "process":
		f.FiledReasons = options("petitions.filed_reason.", "petitions.web.form.choose", petitions.FiledReasons)
		f.Handlings = options("petitions.handling.", "petitions.web.form.choose", petitions.Handlings)
	case "reply", "resolve":
		var outs []petitions.Outcome
		for _, o := range petitions.Outcomes {
			if rec.Kind == petitions.Denunciation || o != petitions.OutcomeGroundless {
				outs = append(outs, o)
			}
		}
		if rec.Kind == petitions.Proposal {
			outs = nil
		}
		f.Outcomes = options("petitions.outcome.", "petitions.web.form.no_outcome", outs)
	case "extend":
		for _, d := range rec.Deadlines {
			if d.Open() {
				f.OpenSteps = append(f.OpenSteps, [2]string{string(d.Step), "petitions.step." + string(d.Step)})
			}
		}
	case "split":
		f.Kinds = kindOptions("")
	case "update":
		f.Fields = fieldOptions("petitions.web.form.choose_field")
	case "link":
		f.LinkKinds = [][2]string{{string(petitions.LinkRepeated), "petitions.web.link.repeats"},
			{string(petitions.LinkRelated), "petitions.link.related"}}
	}
	return f
}

// partRow is one part of the split form, as typed.
type partRow struct {
	Index                  int
	Kind, Summary, Content string
}

// partRows are the split form's three parts (the third optional).
func partRows(v url.Values) []partRow {
	rows := make([]partRow, 3)
	for i := range rows {
		rows[i] = partRow{Index: i, Kind: at(v["part_kind"], i), Summary: at(v["part_summary"], i), Content: at(v["part_content"], i)}
	}
	if rows[0].Kind == "" {
		rows[0].Kind, rows[1].Kind = string(petitions.Complaint), string(petitions.Denunciation)
	}
	return rows
}

// detailsValues are a petition's descriptive fields as the edit form shows them.
func detailsValues(p petitions.Petition, v url.Values) {
	v.Set("summary", p.Summary)
	v.Set("content", p.Content)
	v.Set("field", string(p.Field))
	v.Set("subject_name", p.SubjectName)
	v.Set("subject_position", p.SubjectPosition)
	if p.LocalityUnitID != 0 {
		v.Set("locality_unit_id", itoa(p.LocalityUnitID))
	}
	v.Set("classification", strconv.Itoa(int(p.Classification)))
	for name, on := range map[string]bool{"subject_party_member": p.SubjectPartyMember,
		"subject_party_org": p.SubjectPartyOrg, "complex_prolonged": p.ComplexProlonged} {
		if on {
			v.Set(name, "1")
		} else {
			v.Del(name)
		}
	}
}

func (p *Pages) show(w http.ResponseWriter, r *http.Request) {
	p.renderShow(w, r, pathID(r, "id"), r.URL.Query().Get("step"), nil, nil, http.StatusOK)
}

// renderShow renders a petition's page with the step form named (or the
// first offered), form holding what was typed and its errors (nil: fresh),
// and the revealed identities when a reveal was just granted.
func (p *Pages) renderShow(w http.ResponseWriter, r *http.Request, id int64, step string, form *web.Form,
	revealed []petitions.Sender, status int) {
	ctx := r.Context()
	actor := access.FromContext(ctx)
	rec, err := p.svc.Get(ctx, id)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	history, err := p.svc.History(ctx, id)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	dir, err := p.directoryFor(ctx)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	today := p.svc.Today()
	v := &showView{Rec: rec, Dir: dir, Today: today, DueClass: dueClass(rec.NextDueOn, today), Revealed: revealed,
		CanReveal: canReveal(actor, rec.Petition) && len(rec.Senders) > 0, CanWrite: actor.Can(access.PetitionsWrite),
		Version: rec.Version}
	for _, d := range rec.Deadlines {
		dv := deadlineView{Deadline: d, RuleEN: p.lang(r) == "en", Late: d.Late(today)}
		if d.Open() {
			dv.Class = dueClass(d.DueOn, today)
		}
		if p.lim != nil {
			if l, err := p.lim.Version(d.LimitCode, d.LimitFrom); err == nil {
				dv.Rule = &l
			}
		}
		v.Deadlines = append(v.Deadlines, dv)
	}
	refs := map[int64]string{}
	for _, l := range rec.Links {
		refs[l.OtherID] = l.OtherRefCode
		v.Links = append(v.Links, linkView{Link: l, URL: petitionURL(l.OtherID)})
	}
	for i := len(history) - 1; i >= 0; i-- { // newest first
		e := history[i]
		ev := eventView{Event: e, By: dir.Person(e.RecordedBy), Unit: dir.Unit(e.Data.UnitID)}
		if e.Data.OtherID != 0 {
			ev.Other, ev.URL = refs[e.Data.OtherID], petitionURL(e.Data.OtherID)
			if ev.Other == "" {
				ev.Other = "#" + itoa(e.Data.OtherID)
			}
		}
		v.History = append(v.History, ev)
	}
	if v.CanWrite {
		cands, err := p.svc.DuplicatesOf(ctx, id)
		if err != nil && !errors.Is(err, petitions.ErrNoKeys) {
			p.app.Fail(w, r, err)
			return
		}
		v.Duplicates = candidateViews(cands, dir)
		v.Steps = offeredSteps(rec.Petition)
		if step == "" && form == nil && len(v.Steps) > 0 && v.Steps[0] != "assign" {
			step = v.Steps[0]
		}
		if slices.Contains(v.Steps, step) || (step == "dismiss" && form != nil) {
			v.Step = p.newStepForm(rec, step)
			v.Step.Clearance = clearanceOptions(actor)
		}
	}
	if form == nil {
		form = &web.Form{Values: url.Values{}}
	}
	if v.Step != nil && form.Values.Get("on") == "" && !form.Invalid() {
		form.Values.Set("on", vntext.Date(today))
		form.Values.Set("decision_on", vntext.Date(today))
		switch v.Step.Name {
		case "assign":
			if rec.AssignedTo != 0 {
				form.Values.Set("assigned_to", itoa(rec.AssignedTo))
			}
		case "update":
			detailsValues(rec.Petition, form.Values)
		}
	}
	if form.Invalid() {
		var known []string
		if v.Step != nil {
			known = v.Step.Known
		}
		if form.Values.Get("reason_form") != "" {
			known = []string{"reason"}
		}
		form.Errors = headUnknown(form.Errors, append(known, ""))
	}
	if s := form.Values.Get("version"); s != "" {
		v.Version, _ = strconv.Atoi(s)
	}
	if v.Step != nil && v.Step.Name == "split" {
		v.Step.Parts = partRows(form.Values)
	}
	pg := &web.Page{Title: rec.RefCode + " · " + rec.Summary, Form: form, Status: status, Data: v}
	p.app.Render(w, r, "petitions/show", pg)
}

// step records one processing step posted from the petition's page.
func (p *Pages) step(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, name := pathID(r, "id"), r.PathValue("step")
	if _, ok := stepFields[name]; !ok {
		http.NotFound(w, r)
		return
	}
	_ = r.ParseForm()
	v := r.PostForm
	version, _ := strconv.Atoi(v.Get("version"))
	var errs validate.Errors
	var err error
	flash := "petitions.web.step_saved." + name
	switch name {
	case "process":
		in := petitions.Decision{On: parseDate(&errs, "on", v.Get("on")), Eligible: v.Get("eligible") == "1",
			FiledReason: petitions.FiledReason(v.Get("filed_reason")), Handling: petitions.Handling(v.Get("handling")),
			UnitID: parseID(&errs, "unit_id", v.Get("unit_id")), Ref: v.Get("ref"), Note: v.Get("note"),
			SecondInstance: v.Get("second_instance") == "1", Remote: v.Get("remote") == "1"}
		if v.Get("eligible") == "" {
			errs.Add("eligible", "error.required", nil)
		}
		if len(errs) == 0 {
			_, err = p.svc.Process(ctx, id, version, in)
		}
	case "notify":
		on := parseDate(&errs, "on", v.Get("on"))
		if len(errs) == 0 {
			_, err = p.svc.NotifyAcceptance(ctx, id, version, on)
		}
	case "extend":
		in := petitions.Extension{Step: petitions.Step(v.Get("step")), DecisionRef: v.Get("decision_ref"),
			DecisionOn: parseDate(&errs, "decision_on", v.Get("decision_on"))}
		if len(errs) == 0 {
			_, err = p.svc.Extend(ctx, id, version, in)
		}
	case "urge":
		in := petitions.Urge{On: parseDate(&errs, "on", v.Get("on")), UnitID: parseID(&errs, "unit_id", v.Get("unit_id")),
			Ref: v.Get("ref"), Note: v.Get("note")}
		if len(errs) == 0 {
			_, err = p.svc.RecordUrge(ctx, id, version, in)
		}
	case "reply":
		in := petitions.Reply{On: parseDate(&errs, "on", v.Get("on")), UnitID: parseID(&errs, "unit_id", v.Get("unit_id")),
			Ref: v.Get("ref"), Summary: v.Get("summary"), Resolved: v.Get("resolved") == "1", Result: readResult(v, &errs)}
		if len(errs) == 0 {
			_, err = p.svc.RecordReply(ctx, id, version, in)
		}
	case "resolve":
		in := petitions.Resolution{On: parseDate(&errs, "on", v.Get("on")), Ref: v.Get("ref"), Result: readResult(v, &errs)}
		if len(errs) == 0 {
			_, err = p.svc.Resolve(ctx, id, version, in)
		}
	case "assign":
		to := parseID(&errs, "assigned_to", v.Get("assigned_to"))
		if len(errs) == 0 {
			_, err = p.svc.Assign(ctx, id, version, to)
		}
	case "update":
		d := readDetails(v, &errs)
		if len(errs) == 0 {
			_, err = p.svc.Update(ctx, id, version, d)
		}
	case "split":
		var parts []petitions.Part
		kinds, sums, contents := v["part_kind"], v["part_summary"], v["part_content"]
		for i := range kinds {
			pt := petitions.Part{Kind: petitions.Kind(kinds[i]), Summary: at(sums, i), Content: at(contents, i)}
			if i >= 2 && pt.Summary == "" && pt.Content == "" {
				continue // the optional third part left blank
			}
			parts = append(parts, pt)
		}
		_, err = p.svc.Split(ctx, id, version, parts)
	case "link":
		other, ferr := p.repeatsOf(ctx, v.Get("other"))
		switch {
		case ferr != nil:
			err = ferr
		case other == 0:
			errs.Add("other", "error.required", nil)
		case other < 0:
			errs.Add("other", "petitions.web.error.repeats_not_found", nil)
		default:
			_, err = p.svc.Link(ctx, id, other, petitions.LinkKind(v.Get("kind")), v.Get("note"))
			err = renameField(err, "other_id", "other")
		}
	case "dismiss":
		other := parseID(&errs, "other_id", v.Get("other_id"))
		if len(errs) == 0 {
			_, err = p.svc.DismissDuplicate(ctx, id, other, v.Get("note"))
		}
	}
	if len(errs) > 0 {
		err = errs
	}
	if p.stepFailed(w, r, id, name, err) {
		return
	}
	p.app.Flash(r, "ok", flash)
	http.Redirect(w, r, petitionURL(id), http.StatusSeeOther)
}

// renameField moves a service error to the field the form shows it beside.
func renameField(err error, from, to string) error {
	errs, ok := validate.As(err)
	if !ok {
		return err
	}
	out := slices.Clone(errs)
	for i := range out {
		if out[i].Field == from {
			out[i].Field = to
		}
	}
	return out
}

func readResult(v url.Values, errs *validate.Errors) petitions.Result {
	return petitions.Result{Outcome: petitions.Outcome(v.Get("outcome")),
		MoneyReturned:   parseCount(errs, "money_returned", v.Get("money_returned")),
		LandReturned:    parseArea(errs, "land_returned", v.Get("land_returned")),
		PeopleProtected: int(parseCount(errs, "people_protected", v.Get("people_protected")))}
}

// stepFailed answers a failed step: the page again with what was typed and
// the errors beside the fields (422); after someone else's change, the
// petition as it now is, the form keeping what was typed with the current
// version and the edit form the current values (409). It reports whether
// it answered.
func (p *Pages) stepFailed(w http.ResponseWriter, r *http.Request, id int64, name string, err error) bool {
	if e, ok := err.(validate.Errors); ok && len(e) == 0 {
		err = nil
	}
	switch {
	case err == nil:
		return false
	case errors.Is(err, store.ErrConflict):
		form := p.app.NewForm(r, validate.Errors{{Key: "error.conflict"}})
		rec, gerr := p.svc.Get(r.Context(), id)
		if gerr != nil {
			p.app.Fail(w, r, gerr)
			return true
		}
		form.Values.Set("version", strconv.Itoa(rec.Version))
		if name == "update" || name == "assign" {
			detailsValues(rec.Petition, form.Values)
			form.Values.Set("assigned_to", itoa(rec.AssignedTo))
		}
		p.renderShow(w, r, id, name, form, nil, http.StatusConflict)
	default:
		if _, ok := validate.As(err); !ok {
			p.app.Fail(w, r, err)
			return true
		}
		p.renderShow(w, r, id, name, p.app.NewForm(r, err), nil, http.StatusUnprocessableEntity)
	}
	return true
}

// reveal shows the senders' identities to a user allowed to see them, with
// the reason they gave (the service audits it). The answer is never stored
// by the browser; reloading the page shows the masks again.
func (p *Pages) reveal(w http.ResponseWriter, r *http.Request) {
	id := pathID(r, "id")
	_ = r.ParseForm()
	senders, err := p.svc.Reveal(r.Context(), id, r.PostFormValue("reason"))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	if _, ok := validate.As(err); ok {
		form := p.app.NewForm(r, err)
		form.Values.Set("reason_form", "1")
		p.renderShow(w, r, id, "", form, nil, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.renderShow(w, r, id, "", &web.Form{Values: url.Values{"reason": {r.PostFormValue("reason")}}}, senders, http.StatusOK)
}
