package casesweb

import (
	"net/http"
	"net/url"

	"noichinh/internal/access"
	"noichinh/internal/cases"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

// dueLimit is how many cases each due list shows; the full lists are a
// saved filter of the case list.
const dueLimit = 200

// dueView is the due-soon and overdue lists.
type dueView struct {
	Mine     bool // the signed-in user's cases (else the organisation's)
	Overdue  []rowView
	DueSoon  []rowView
	Totals   [2]int // overdue, due soon
	Days     int
	MoreURLs [2]string
}

// ownByDefault: specialists see their own cases first; leaders and
// standing-board readers, the organisation's.
func ownByDefault(a *access.Actor) bool { return a.Role == access.Specialist }

// due shows the cases whose current stage is overdue or due within
// cases.DueSoonDays: scope=mine for the user's own, scope=all for the
// organisation's.
func (p *Pages) due(w http.ResponseWriter, r *http.Request) {
	actor := access.FromContext(r.Context())
	v := &dueView{Days: cases.DueSoonDays}
	switch r.URL.Query().Get("scope") {
	case "mine":
		v.Mine = true
	case "all":
	default:
		v.Mine = ownByDefault(actor)
	}
	var assignee int64
	if v.Mine {
		assignee = actor.UserID
	}
	overdue, soon, err := p.svc.DueLists(r.Context(), assignee, cases.DueSoonDays, dueLimit)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	today := p.svc.Today()
	for _, c := range overdue.Cases {
		v.Overdue = append(v.Overdue, rowView{Case: c, URL: caseURL(c.ID), DueClass: dueClass(c, today)})
	}
	for _, c := range soon.Cases {
		v.DueSoon = append(v.DueSoon, rowView{Case: c, URL: caseURL(c.ID), DueClass: dueClass(c, today)})
	}
	v.Totals = [2]int{overdue.Total, soon.Total}
	for i, due := range []string{"overdue", "soon"} {
		q := url.Values{"level": {cases.OnAnyList}, "due": {due}}
		if v.Mine {
			q.Set("assignee", "me")
		}
		v.MoreURLs[i] = "/cases?" + q.Encode()
	}
	p.app.Render(w, r, "cases/due", &web.Page{TitleKey: "cases.due.title", Data: v})
}

// homeBlock lists the user's overdue and due-soon cases (the
// organisation's for leaders and readers), most urgent first.
func (p *Pages) homeBlock(r *http.Request) (web.HomeBlock, error) {
	actor := access.FromContext(r.Context())
	var assignee int64
	if ownByDefault(actor) {
		assignee = actor.UserID
	}
	b := web.HomeBlock{Title: "cases.home.title", Link: "/cases/due", Empty: "cases.home.empty"}
	overdue, soon, err := p.svc.DueLists(r.Context(), assignee, cases.DueSoonDays, 5)
	if err != nil {
		return b, err
	}
	lang := p.lang(r)
	pg := &web.Page{Lang: lang}
	add := func(list *cases.Page, class, key string) {
		for _, c := range list.Cases {
			b.Items = append(b.Items, web.HomeItem{Text: c.RefCode + " · " + c.Title, Link: caseURL(c.ID), Class: class,
				Note: pg.T(key, "date", vntext.Date(c.Deadline.DueOn))})
		}
	}
	add(overdue, "overdue", "cases.home.overdue")
	add(soon, "soon", "cases.home.due")
	if n := overdue.Total + soon.Total; n > len(b.Items) {
		b.Items = append(b.Items, web.HomeItem{Text: pg.T("cases.home.more", "n", pg.Int(n-len(b.Items))), Link: "/cases/due"})
	}
	return b, nil
}
