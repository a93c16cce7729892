package receptionweb

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/petitions"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

// perPage is the length of a list page.
const perPage = 50

// sessionQuery is the list's query: the period (default: this year up to
// today), the host, the kind of session and the page.
type sessionQuery struct {
	Period civil.Range
	Host   petitions.HostRole
	Kind   petitions.SessionKind
	Page   int
}

// readSessionQuery reads from, to (dd/mm/yyyy or ISO), host_role, kind and
// page; a missing bound of the period takes its default.
func readSessionQuery(q url.Values, today civil.Date) (sessionQuery, validate.Errors) {
	var errs validate.Errors
	sq := sessionQuery{Host: petitions.HostRole(q.Get("host_role")), Kind: petitions.SessionKind(q.Get("kind"))}
	sq.Period.From = parseDate(&errs, "from", q.Get("from"))
	sq.Period.To = parseDate(&errs, "to", q.Get("to"))
	if sq.Period.From.IsZero() {
		sq.Period.From = civil.Date{Year: today.Year, Month: 1, Day: 1}
	}
	if sq.Period.To.IsZero() {
		sq.Period.To = today
	}
	if len(errs) == 0 && sq.Period.To.Before(sq.Period.From) {
		errs.Add("to", "error.date_order", map[string]any{"other": vntext.Date(sq.Period.From)})
	}
	if sq.Host != "" && !sq.Host.Valid() {
		errs.Add("host_role", "error.invalid_choice", nil)
	}
	if sq.Kind != "" && !sq.Kind.Valid() {
		errs.Add("kind", "error.invalid_choice", nil)
	}
	page, _ := strconv.Atoi(q.Get("page"))
	sq.Page = max(page, 1)
	return sq, errs
}

// sessionPage is one page of sessions and the number of pages.
type sessionPage struct {
	Items []petitions.Session
	Total int
	Page  int
	Pages int
}

// sessions lists the sessions of the query. The service filters by period
// and host; the kind of session, which it does not filter on, is picked
// here from the period's sessions (a few dozen a year).
func (p *Pages) sessions(ctx context.Context, sq sessionQuery) (sessionPage, error) {
	f := petitions.SessionFilter{From: sq.Period.From, To: sq.Period.To, HostRole: sq.Host, Page: sq.Page, PerPage: perPage}
	if sq.Kind == "" {
		pg, err := p.svc.ListSessions(ctx, f)
		if err != nil {
			return sessionPage{}, err
		}
		return sessionPage{Items: pg.Items, Total: pg.Total, Page: sq.Page, Pages: (pg.Total + perPage - 1) / perPage}, nil
	}
	var all []petitions.Session
	f.PerPage = 500
	for f.Page = 1; ; f.Page++ {
		pg, err := p.svc.ListSessions(ctx, f)
		if err != nil {
			return sessionPage{}, err
		}
		for _, s := range pg.Items {
			if s.Kind == sq.Kind {
				all = append(all, s)
			}
		}
		if f.Page*f.PerPage >= pg.Total || len(pg.Items) == 0 {
			break
		}
	}
	out := sessionPage{Total: len(all), Page: sq.Page, Pages: (len(all) + perPage - 1) / perPage}
	from := min((sq.Page-1)*perPage, len(all))
	out.Items = all[from:min(from+perPage, len(all))]
	return out, nil
}

// totals are the period's reception figures as petitions.Service.Figures
// computes them (the report pages and the report command agree with it).
type totals struct {
	Host petitions.HostRole // the host they are limited to, if any
	petitions.ReceptionCounts
}

func (p *Pages) totals(ctx context.Context, sq sessionQuery) (*totals, error) {
	if !access.FromContext(ctx).Can(access.ReportsRead) {
		return nil, nil
	}
	f, err := p.svc.Figures(ctx, sq.Period)
	if err != nil {
		return nil, err
	}
	c := f.Reception.All
	if sq.Host != "" {
		c = f.Reception.ByHost[sq.Host]
	}
	return &totals{Host: sq.Host, ReceptionCounts: c}, nil
}

// listView is the sessions list.
type listView struct {
	Rows   []sessionRow
	Totals *totals
	From   civil.Date
	To     civil.Date
	Page   int
	Pages  int
	Total  int
	Hosts  [][2]string
	Kinds  [][2]string
}

// sessionRow is one session of the list with its answer's state.
type sessionRow struct {
	petitions.Session
	URL     string
	Overdue bool
}

func (p *Pages) list(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	today := p.svc.Today()
	q := r.URL.Query()
	sq, errs := readSessionQuery(q, today)
	v := &listView{From: sq.Period.From, To: sq.Period.To, Page: sq.Page,
		Hosts: hostOptions("reception.filter.any_host"), Kinds: sessionKindOptions("reception.filter.any_kind")}
	values := url.Values{}
	for k, vs := range q {
		values[k] = vs
	}
	if len(errs) == 0 {
		values.Set("from", vntext.Date(sq.Period.From))
		values.Set("to", vntext.Date(sq.Period.To))
		pg, err := p.sessions(ctx, sq)
		if err != nil {
			p.app.Fail(w, r, err)
			return
		}
		if v.Totals, err = p.totals(ctx, sq); err != nil {
			p.app.Fail(w, r, err)
			return
		}
		v.Total, v.Pages = pg.Total, pg.Pages
		for _, s := range pg.Items {
			v.Rows = append(v.Rows, sessionRow{Session: s, URL: sessionURL(s.ID), Overdue: replyOverdue(s, today)})
		}
	}
	page := &web.Page{TitleKey: "reception.title", Form: &web.Form{Values: values, Errors: errs}, Data: v}
	if len(errs) > 0 {
		page.Status = http.StatusUnprocessableEntity
	}
	p.app.Render(w, r, "reception/list", page)
}

// replyOverdue: the written answer is still owed after its due day.
func replyOverdue(s petitions.Session, today civil.Date) bool {
	return s.RepliedOn.IsZero() && !s.Reply.DueOn.IsZero() && s.Reply.DueOn.Before(today)
}
