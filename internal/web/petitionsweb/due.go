package petitionsweb

import (
	"net/http"

	"noichinh/internal/access"
	"noichinh/internal/petitions"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

// dueView is the due-soon and overdue lists.
type dueView struct {
	Mine    bool
	Overdue []dueRow
	DueSoon []dueRow
	Days    int
}

type dueRow struct {
	petitions.DueItem
	URL      string
	Assignee string
}

// ownByDefault: specialists see their own petitions first; leaders and
// readers, the organisation's.
func ownByDefault(a *access.Actor) bool { return a.Role == access.Specialist }

// dueLists are the open deadlines of the actor's petitions (mine) or all,
// overdue and due soon, reception sessions' written answers included.
func (p *Pages) dueLists(r *http.Request, mine bool) ([]dueRow, []dueRow, *directory, error) {
	ctx := r.Context()
	q := petitions.DueQuery{Within: petitions.DueSoonDays}
	if mine {
		q.AssignedTo = access.FromContext(ctx).UserID
	}
	items, err := p.svc.DueList(ctx, q)
	if err != nil {
		return nil, nil, nil, err
	}
	dir, err := p.directoryFor(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	var overdue, soon []dueRow
	for _, it := range items {
		row := dueRow{DueItem: it, URL: petitionURL(it.ID), Assignee: dir.Person(it.AssignedTo)}
		if it.Entity != "petition" { // a reception session's written answer
			row.URL = "/reception/" + itoa(it.ID)
		}
		if it.Overdue {
			overdue = append(overdue, row)
		} else {
			soon = append(soon, row)
		}
	}
	return overdue, soon, dir, nil
}

// due shows the open deadlines overdue or due within petitions.DueSoonDays:
// scope=mine for the user's own, scope=all for the organisation's.
func (p *Pages) due(w http.ResponseWriter, r *http.Request) {
	actor := access.FromContext(r.Context())
	v := &dueView{Days: petitions.DueSoonDays}
	switch r.URL.Query().Get("scope") {
	case "mine":
		v.Mine = true
	case "all":
	default:
		v.Mine = ownByDefault(actor)
	}
	var err error
	v.Overdue, v.DueSoon, _, err = p.dueLists(r, v.Mine)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Render(w, r, "petitions/due", &web.Page{TitleKey: "petitions.web.due.title", Data: v})
}

// homeBlock lists the user's overdue and due-soon petitions (the
// organisation's for leaders and readers), most urgent first.
func (p *Pages) homeBlock(r *http.Request) (web.HomeBlock, error) {
	actor := access.FromContext(r.Context())
	b := web.HomeBlock{Title: "petitions.web.home.title", Link: "/petitions/due", Empty: "petitions.web.home.empty"}
	overdue, soon, _, err := p.dueLists(r, ownByDefault(actor))
	if err != nil {
		return b, err
	}
	pg := &web.Page{Lang: p.lang(r)}
	const shown = 5
	add := func(rows []dueRow, class, key string) {
		for _, it := range rows {
			if len(b.Items) >= shown {
				return
			}
			text := it.RefCode + " · " + it.Summary
			if it.Entity != "petition" {
				text = pg.T("petitions.web.due.session", "date", vntext.Date(it.HeldOn)) + " · " + it.Summary
			}
			b.Items = append(b.Items, web.HomeItem{Text: text, Link: it.URL, Class: class,
				Note: pg.T(key, "step", pg.T("petitions.step."+string(it.Step)), "date", vntext.Date(it.DueOn))})
		}
	}
	add(overdue, "overdue", "petitions.web.home.overdue")
	add(soon, "soon", "petitions.web.home.due")
	if n := len(overdue) + len(soon); n > len(b.Items) {
		b.Items = append(b.Items, web.HomeItem{Text: pg.T("petitions.web.home.more", "n", pg.Int(n-len(b.Items))), Link: "/petitions/due"})
	}
	return b, nil
}
