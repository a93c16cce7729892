package receptionweb

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/petitions"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

// blankVisits is how many empty visit rows the form offers.
const blankVisits = 2

// maxVisitRows bounds the visit rows read from a form.
const maxVisitRows = 200

// formView is the session form, to record a session or edit one.
type formView struct {
	Session   *petitions.Session // nil when recording a new one
	Hosts     [][2]string
	Kinds     [][2]string
	Clearance [][2]string
	Assignees [][2]string
	VisitKind [][2]string
	Visits    []int // the form's visit rows, by index
}

// VisitField is the form name of a visit row's field, as the service names
// it in its errors: visits.2.summary.
func (formView) VisitField(i int, name string) string { return fmt.Sprintf("visits.%d.%s", i, name) }

var visitKey = regexp.MustCompile(`^visits\.(\d+)\.(kind|people|summary|petition_id)$`)

// visitRows lists the visit rows a form's values hold, by index.
func visitRows(v url.Values) []int {
	var rows []int
	for k := range v {
		if m := visitKey.FindStringSubmatch(k); m != nil {
			if i, err := strconv.Atoi(m[1]); err == nil && i < maxVisitRows && !slices.Contains(rows, i) {
				rows = append(rows, i)
			}
		}
	}
	slices.Sort(rows)
	return rows
}

// readSession reads the form into the service's input. Blank visit rows
// are skipped; rows[i] is the form row of the input's visit i, so that the
// service's errors land beside the row typed.
func (p *Pages) readSession(ctx context.Context, v url.Values) (petitions.SessionInput, []int, validate.Errors, error) {
	var errs validate.Errors
	in := petitions.SessionInput{HostRole: petitions.HostRole(v.Get("host_role")), HostName: v.Get("host_name"),
		Place: v.Get("place"), Kind: petitions.SessionKind(v.Get("kind")), FollowUp: v.Get("follow_up")}
	in.HeldOn = parseDate(&errs, "held_on", v.Get("held_on"))
	if s := strings.TrimSpace(v.Get("classification")); s != "" {
		c, err := strconv.Atoi(s)
		if err != nil {
			errs.Add("classification", "error.invalid_choice", nil)
		}
		in.Classification = access.Classification(c)
	}
	if s := strings.TrimSpace(v.Get("assigned_to")); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			errs.Add("assigned_to", "error.invalid_choice", nil)
		}
		in.AssignedTo = id
	}
	var rows []int
	for _, i := range visitRows(v) {
		field := func(name string) string { return strings.TrimSpace(v.Get(fmt.Sprintf("visits.%d.%s", i, name))) }
		kind, people, summary, petition := field("kind"), field("people"), field("summary"), field("petition_id")
		if kind == "" && people == "" && summary == "" && petition == "" {
			continue
		}
		visit := petitions.Visit{Kind: petitions.Kind(kind), Summary: summary}
		if people != "" {
			n, err := strconv.Atoi(strings.ReplaceAll(people, ".", ""))
			if err != nil {
				errs.Add(fmt.Sprintf("visits.%d.people", i), "error.invalid_number", nil)
			}
			visit.People = n
		}
		id, err := p.resolvePetition(ctx, petition)
		if err != nil {
			return in, nil, nil, err
		}
		if petition != "" && id == 0 {
			errs.Add(fmt.Sprintf("visits.%d.petition_id", i), "reception.error.no_such_petition", nil)
		}
		visit.PetitionID = id
		in.Visits = append(in.Visits, visit)
		rows = append(rows, i)
	}
	return in, rows, errs, nil
}

// resolvePetition finds the petition a visit names by its number
// ("2026-00042") or its ID; 0 when there is none the user may see.
func (p *Pages) resolvePetition(ctx context.Context, value string) (int64, error) {
	if value == "" {
		return 0, nil
	}
	if id, err := strconv.ParseInt(value, 10, 64); err == nil && id > 0 {
		pg, err := p.svc.List(ctx, petitions.Filter{IDs: []int64{id}})
		if err != nil || pg.Total == 0 {
			return 0, err
		}
		return id, nil
	}
	pg, err := p.svc.List(ctx, petitions.Filter{Text: value, PerPage: 20})
	if err != nil {
		return 0, err
	}
	for _, it := range pg.Items {
		if it.RefCode == value {
			return it.ID, nil
		}
	}
	return 0, nil
}

// petitionRefs are the numbers of the visible petitions among ids.
func (p *Pages) petitionRefs(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	pg, err := p.svc.List(ctx, petitions.Filter{IDs: ids, PerPage: 500})
	if err != nil {
		return nil, err
	}
	for _, it := range pg.Items {
		out[it.ID] = it.RefCode
	}
	return out, nil
}

// remapVisits renames the service's errors on visit i to the form row it came from.
func remapVisits(errs validate.Errors, rows []int) validate.Errors {
	out := slices.Clone(errs)
	for k, e := range out {
		if m := regexp.MustCompile(`^visits\.(\d+)\.(.+)$`).FindStringSubmatch(e.Field); m != nil {
			if i, err := strconv.Atoi(m[1]); err == nil && i < len(rows) {
				out[k].Field = fmt.Sprintf("visits.%d.%s", rows[i], m[2])
			}
		}
	}
	return out
}

// sessionValues are a session's fields as the form shows them.
func (p *Pages) sessionValues(ctx context.Context, s petitions.Session) (url.Values, error) {
	v := url.Values{}
	v.Set("held_on", vntext.Date(s.HeldOn))
	v.Set("host_role", string(s.HostRole))
	v.Set("host_name", s.HostName)
	v.Set("place", s.Place)
	v.Set("kind", string(s.Kind))
	v.Set("follow_up", s.FollowUp)
	v.Set("classification", strconv.Itoa(int(s.Classification)))
	if s.AssignedTo != 0 {
		v.Set("assigned_to", itoa(s.AssignedTo))
	}
	var ids []int64
	for _, vi := range s.Visits {
		if vi.PetitionID != 0 {
			ids = append(ids, vi.PetitionID)
		}
	}
	refs, err := p.petitionRefs(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, vi := range s.Visits {
		v.Set(fmt.Sprintf("visits.%d.kind", i), string(vi.Kind))
		v.Set(fmt.Sprintf("visits.%d.people", i), strconv.Itoa(vi.People))
		v.Set(fmt.Sprintf("visits.%d.summary", i), vi.Summary)
		if vi.PetitionID != 0 {
			ref := refs[vi.PetitionID]
			if ref == "" {
				ref = itoa(vi.PetitionID)
			}
			v.Set(fmt.Sprintf("visits.%d.petition_id", i), ref)
		}
	}
	for i := range blankVisits {
		v.Set(fmt.Sprintf("visits.%d.summary", len(s.Visits)+i), "")
	}
	v.Set("version", strconv.Itoa(s.Version))
	return v, nil
}

func (p *Pages) renderForm(w http.ResponseWriter, r *http.Request, s *petitions.Session, form *web.Form, status int) {
	actor := access.FromContext(r.Context())
	v := &formView{Session: s, Hosts: hostOptions(""), Kinds: sessionKindOptions(""), Clearance: clearanceOptions(actor),
		VisitKind: visitKindOptions(), Visits: visitRows(form.Values),
		Assignees: [][2]string{{"", "reception.form.not_assigned"}, {itoa(actor.UserID), "reception.form.assign_me"}}}
	if cur := form.Get("assigned_to"); cur != "" && cur != itoa(actor.UserID) {
		v.Assignees = append(v.Assignees, [2]string{cur, "reception.form.keep_assignee"})
	}
	if len(v.Visits) == 0 {
		v.Visits = []int{0, 1, 2}
	}
	page := &web.Page{Form: form, Status: status, Data: v, TitleKey: "reception.new"}
	if s != nil {
		page.TitleKey = ""
		page.Title = p.t(r, "reception.edit_title", "date", vntext.Date(s.HeldOn))
	}
	p.app.Render(w, r, "reception/form", page)
}

func (p *Pages) newForm(w http.ResponseWriter, r *http.Request) {
	actor := access.FromContext(r.Context())
	q := url.Values{"held_on": {vntext.Date(p.svc.Today())}, "host_role": {string(petitions.HostSecretary)},
		"kind": {"regular"}, "classification": {"0"}, "assigned_to": {itoa(actor.UserID)}}
	p.renderForm(w, r, nil, &web.Form{Values: q}, http.StatusOK)
}

func (p *Pages) create(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	in, rows, errs, err := p.readSession(r.Context(), r.PostForm)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	if len(errs) > 0 {
		p.renderForm(w, r, nil, &web.Form{Values: r.PostForm, Errors: errs}, http.StatusUnprocessableEntity)
		return
	}
	s, err := p.svc.RecordSession(r.Context(), in)
	if e, ok := validate.As(err); ok {
		p.renderForm(w, r, nil, &web.Form{Values: r.PostForm, Errors: remapVisits(e, rows)}, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "reception.created", "date", vntext.Date(s.HeldOn))
	http.Redirect(w, r, sessionURL(s.ID), http.StatusSeeOther)
}

func (p *Pages) editForm(w http.ResponseWriter, r *http.Request) {
	s, err := p.svc.GetSession(r.Context(), pathID(r, "id"))
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	values, err := p.sessionValues(r.Context(), s)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.renderForm(w, r, &s, &web.Form{Values: values}, http.StatusOK)
}

func (p *Pages) update(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := pathID(r, "id")
	_ = r.ParseForm()
	s, err := p.svc.GetSession(ctx, id)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	in, rows, errs, err := p.readSession(ctx, r.PostForm)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	if len(errs) > 0 {
		p.renderForm(w, r, &s, &web.Form{Values: r.PostForm, Errors: errs}, http.StatusUnprocessableEntity)
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	saved, err := p.svc.UpdateSession(ctx, id, version, in)
	if errors.Is(err, store.ErrConflict) {
		// Someone saved first: their values and version, to edit again.
		values, verr := p.sessionValues(ctx, s)
		if verr != nil {
			p.app.Fail(w, r, verr)
			return
		}
		p.renderForm(w, r, &s, &web.Form{Values: values, Errors: validate.Errors{{Key: "error.conflict"}}}, http.StatusConflict)
		return
	}
	if e, ok := validate.As(err); ok {
		p.renderForm(w, r, &s, &web.Form{Values: r.PostForm, Errors: remapVisits(e, rows)}, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "reception.saved", "date", vntext.Date(saved.HeldOn))
	http.Redirect(w, r, sessionURL(id), http.StatusSeeOther)
}
