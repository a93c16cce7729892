package receptionweb

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/petitions"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

// showView is a session's page.
type showView struct {
	Session petitions.Session
	Visits  []visitView
	Rule    *calendar.Limit
	RuleEN  bool
	Overdue bool
	Today   civil.Date
}

// visitView is one visit with the number of its petition, when the user
// may see it.
type visitView struct {
	petitions.Visit
	Ref   string
	Crowd bool
}

func (p *Pages) show(w http.ResponseWriter, r *http.Request) {
	p.renderShow(w, r, pathID(r, "id"), nil, http.StatusOK)
}

// renderShow shows session id; form, when set, is the replied form typed
// (with its errors).
func (p *Pages) renderShow(w http.ResponseWriter, r *http.Request, id int64, form *web.Form, status int) {
	ctx := r.Context()
	s, err := p.svc.GetSession(ctx, id)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	var ids []int64
	for _, v := range s.Visits {
		if v.PetitionID != 0 {
			ids = append(ids, v.PetitionID)
		}
	}
	refs, err := p.petitionRefs(ctx, ids)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	today := p.svc.Today()
	v := &showView{Session: s, Overdue: replyOverdue(s, today), Today: today, RuleEN: p.app.Lang(r) == "en"}
	for _, vi := range s.Visits {
		v.Visits = append(v.Visits, visitView{Visit: vi, Ref: refs[vi.PetitionID], Crowd: vi.People >= petitions.CrowdSize})
	}
	if p.limits != nil && s.Reply.LimitCode != "" {
		if l, err := p.limits.Version(s.Reply.LimitCode, s.Reply.LimitFrom); err == nil {
			v.Rule = &l
		}
	}
	if form == nil {
		form = &web.Form{Values: url.Values{"replied_on": {vntext.Date(today)}}}
	}
	form.Values.Set("version", strconv.Itoa(s.Version))
	page := &web.Page{Title: p.t(r, "reception.show_title", "date", vntext.Date(s.HeldOn)), Form: form, Data: v, Status: status}
	p.app.Render(w, r, "reception/show", page)
}

// replied records that the written answers were sent.
func (p *Pages) replied(w http.ResponseWriter, r *http.Request) {
	id := pathID(r, "id")
	_ = r.ParseForm()
	var errs validate.Errors
	on := parseDate(&errs, "replied_on", r.PostFormValue("replied_on"))
	if len(errs) == 0 && on.IsZero() {
		errs.Add("replied_on", "error.required", nil)
	}
	if len(errs) > 0 {
		p.renderShow(w, r, id, &web.Form{Values: r.PostForm, Errors: errs}, http.StatusUnprocessableEntity)
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	s, err := p.svc.MarkSessionReplied(r.Context(), id, version, on)
	if errors.Is(err, store.ErrConflict) {
		p.renderShow(w, r, id, &web.Form{Values: r.PostForm, Errors: validate.Errors{{Key: "error.conflict"}}}, http.StatusConflict)
		return
	}
	if e, ok := validate.As(err); ok {
		p.renderShow(w, r, id, &web.Form{Values: r.PostForm, Errors: e}, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", "reception.replied_saved", "date", vntext.Date(s.RepliedOn))
	http.Redirect(w, r, sessionURL(id), http.StatusSeeOther)
}
