package receptionweb

import (
	"net/http"
	"net/url"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/petitions"
	"noichinh/internal/petitions/communereport"
	"noichinh/internal/validate"
	"noichinh/internal/web"
)

// The JSON API makes the same service calls as the pages. Dates are ISO
// (YYYY-MM-DD), months "2026-10"; a session's classification is its level
// (0 normal … 3 most secret) as the service takes it.

func (p *Pages) registerAPI() {
	id := web.APIParam{Name: "id", In: "path", Description: "session ID", Required: true}
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/reception",
		Summary: "List reception sessions of a period (default: this year to today), newest first, with the period's totals " +
			"(the same figures as the period report)", Perm: access.PetitionsRead,
		Params: []web.APIParam{{Name: "from", In: "query", Description: "held on or after"},
			{Name: "to", In: "query", Description: "held on or before"},
			{Name: "host_role", In: "query", Description: "secretary, deputy_secretary, standing_member, committee_leader or other"},
			{Name: "kind", In: "query", Description: "regular, periodic or ad_hoc"},
			{Name: "page", In: "query", Description: "page number, from 1 (50 a page)"}}}, p.apiList)
	p.app.HandleAPI(web.APIOp{Method: "POST", Path: "/api/v1/reception",
		Summary: "Record a session (body: held_on, host_role, host_name, place, kind, follow_up, classification, assigned_to, " +
			"visits [{kind, people, summary, petition_id}]); its written answer is due 10 working days later",
		Perm: access.PetitionsWrite}, p.apiCreate)
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/reception/{id}", Summary: "A session with its visits and written-answer deadline",
		Perm: access.PetitionsRead, Params: []web.APIParam{id}}, p.apiGet)
	p.app.HandleAPI(web.APIOp{Method: "PUT", Path: "/api/v1/reception/{id}",
		Summary: "Edit a session (the body of POST with the version read; 409 when it changed meanwhile)",
		Perm:    access.PetitionsWrite, Params: []web.APIParam{id}}, p.apiUpdate)
	p.app.HandleAPI(web.APIOp{Method: "POST", Path: "/api/v1/reception/{id}/replied",
		Summary: "Record that the written answers were sent (body: version, replied_on)",
		Perm:    access.PetitionsWrite, Params: []web.APIParam{id}}, p.apiReplied)

	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/commune-reports",
		Summary: "The clerk's own commune or ward reports, newest month first", Perm: access.CommuneReportSend}, p.apiMine)
	p.app.HandleAPI(web.APIOp{Method: "POST", Path: "/api/v1/commune-reports",
		Summary: "Submit or correct the clerk's unit's report of a month (body: month, the figures of docs/commune-report-xlsx.md, " +
			"note, version: 0 when new, else the version corrected; 409 when it changed meanwhile; a locked month is refused)",
		Perm: access.CommuneReportSend}, p.apiSubmit)
	p.app.HandleAPI(web.APIOp{Method: "POST", Path: "/api/v1/commune-reports/upload",
		Summary: "Upload a filled XLSX template (the request body): every row is checked and one problem refuses the whole file " +
			"(errors rows.<row>.<field>)", Perm: access.CommuneReportSend}, p.apiUpload)
	month := web.APIParam{Name: "m", In: "query", Description: "the month, 2026-10 (default: the last full month)"}
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/commune-reports/month",
		Summary: "A month's reports of every commune and ward, and those that have not reported",
		Perm:    access.CommuneReportsRead, Params: []web.APIParam{month}}, p.apiMonth)
	p.app.HandleAPI(web.APIOp{Method: "POST", Path: "/api/v1/commune-reports/month/lock",
		Summary: "Lock a month (body: month): its reports can no longer be corrected", Perm: access.ReportsSign}, p.apiLock)
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/commune-reports/consolidated",
		Summary: "The reports of a run of months summed, with who did not report when", Perm: access.CommuneReportsRead,
		Params: []web.APIParam{{Name: "from", In: "query", Description: "first month, 2026-01 (default: January)"},
			{Name: "to", In: "query", Description: "last month (default: the last full month)"}}}, p.apiConsolidated)
}

type apiSessionList struct {
	Items  []petitions.Session        `json:"items"`
	Total  int                        `json:"total"`
	Page   int                        `json:"page"`
	From   civil.Date                 `json:"from"`
	To     civil.Date                 `json:"to"`
	Totals *petitions.ReceptionCounts `json:"totals,omitempty"`
}

func (p *Pages) apiList(w http.ResponseWriter, r *http.Request) {
	sq, errs := readSessionQuery(r.URL.Query(), p.svc.Today())
	if len(errs) > 0 {
		p.app.APIFail(w, r, errs)
		return
	}
	pg, err := p.sessions(r.Context(), sq)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	t, err := p.totals(r.Context(), sq)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	out := apiSessionList{Items: pg.Items, Total: pg.Total, Page: pg.Page, From: sq.Period.From, To: sq.Period.To}
	if out.Items == nil {
		out.Items = []petitions.Session{}
	}
	if t != nil {
		out.Totals = &t.ReceptionCounts
	}
	web.WriteJSON(w, http.StatusOK, out)
}

func (p *Pages) apiCreate(w http.ResponseWriter, r *http.Request) {
	var in petitions.SessionInput
	if err := web.DecodeJSON(r, &in); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	s, err := p.svc.RecordSession(r.Context(), in)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, s)
}

func (p *Pages) apiGet(w http.ResponseWriter, r *http.Request) {
	s, err := p.svc.GetSession(r.Context(), pathID(r, "id"))
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, s)
}

func (p *Pages) apiUpdate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		petitions.SessionInput
		Version int `json:"version"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	s, err := p.svc.UpdateSession(r.Context(), pathID(r, "id"), in.Version, in.SessionInput)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, s)
}

func (p *Pages) apiReplied(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Version   int        `json:"version"`
		RepliedOn civil.Date `json:"replied_on"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	s, err := p.svc.MarkSessionReplied(r.Context(), pathID(r, "id"), in.Version, in.RepliedOn)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, s)
}

func (p *Pages) apiMine(w http.ResponseWriter, r *http.Request) {
	reports, err := p.mineOnly(r.Context())
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	if reports == nil {
		reports = []communereport.Report{}
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"reports": reports})
}

func (p *Pages) apiSubmit(w http.ResponseWriter, r *http.Request) {
	var in communereport.Submission
	if err := web.DecodeJSON(r, &in); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	in.UnitID = 0 // always the clerk's own unit
	rep, err := p.reports.Submit(r.Context(), in)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, rep)
}

func (p *Pages) apiUpload(w http.ResponseWriter, r *http.Request) {
	saved, err := p.reports.Upload(r.Context(), http.MaxBytesReader(w, r.Body, maxUpload))
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"reports": saved})
}

// apiMonthOf reads a month parameter; the last full month when empty.
func (p *Pages) apiMonthOf(q url.Values, name string) (communereport.Month, validate.Errors) {
	var errs validate.Errors
	m := parseMonth(&errs, name, q.Get(name))
	if m.IsZero() {
		m = lastMonth(p.reports.Today())
	}
	return m, errs
}

func (p *Pages) apiMonth(w http.ResponseWriter, r *http.Request) {
	m, errs := p.apiMonthOf(r.URL.Query(), "m")
	if len(errs) > 0 {
		p.app.APIFail(w, r, errs)
		return
	}
	reports, err := p.reports.Month(r.Context(), m)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	missing, err := p.reports.Missing(r.Context(), m)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"month": m, "reports": reports, "missing": missing})
}

func (p *Pages) apiLock(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Month communereport.Month `json:"month"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	if err := p.reports.Lock(r.Context(), in.Month); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"month": in.Month, "locked": true})
}

func (p *Pages) apiConsolidated(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	to, errs := p.apiMonthOf(q, "to")
	from := parseMonth(&errs, "from", q.Get("from"))
	if from.IsZero() {
		from = communereport.Month{Year: to.Year, Month: 1}
	}
	if n := (to.Year-from.Year)*12 + int(to.Month) - int(from.Month) + 1; len(errs) == 0 && n > maxMonths {
		errs.Add("to", "communereports.error.period_too_long", map[string]any{"max": maxMonths})
	}
	if len(errs) > 0 {
		p.app.APIFail(w, r, errs)
		return
	}
	c, err := p.reports.Consolidated(r.Context(), civil.Range{From: from.First(), To: to.Last()})
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, c)
}
