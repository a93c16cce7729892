package casesweb

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/cases"
	"noichinh/internal/civil"
	"noichinh/internal/validate"
	"noichinh/internal/web"
)

// The JSON API makes the same service calls as the pages. Dates are ISO
// (YYYY-MM-DD, "" when none); classifications are codes (normal, secret,
// top_secret, most_secret); amounts are đồng and m².

func (p *Pages) registerAPI() {
	listParams := []web.APIParam{
		{Name: "q", In: "query", Description: "words of the reference, title, summary or locality, any accents"},
		{Name: "level", In: "query", Description: "monitored, directed, any (on either list) or none"},
		{Name: "group", In: "query", Description: "a category (corruption, economic, position, negative_conduct, other) or internal_affairs (not corruption)"},
		{Name: "stage", In: "query", Description: "current procedural stage, e.g. investigating"},
		{Name: "kind", In: "query", Description: "criminal_case or matter"},
		{Name: "field", In: "query", Description: "field of public life, e.g. land"},
		{Name: "flag", In: "query", Description: "a flag the case carries (repeatable: all of them), e.g. involves_leaders"},
		{Name: "assignee", In: "query", Description: "assigned user ID, or me"},
		{Name: "locality", In: "query", Description: "locality unit ID"},
		{Name: "agency", In: "query", Description: "agency unit ID handling the current stage"},
		{Name: "due", In: "query", Description: "overdue, soon (due within 7 days) or late (either)"},
		{Name: "opened_from", In: "query", Description: "opened on or after"},
		{Name: "opened_to", In: "query", Description: "opened on or before"},
		{Name: "last_from", In: "query", Description: "last event on or after"},
		{Name: "last_to", In: "query", Description: "last event on or before"},
		{Name: "ids", In: "query", Description: "comma-separated case IDs (the cases behind a figure)"},
		{Name: "fig", In: "query", Description: "the cases behind a figure of the period from–to, by its key (e.g. watch.directed.corruption.added)"},
		{Name: "from", In: "query", Description: "with fig: the period's first day"},
		{Name: "to", In: "query", Description: "with fig: the period's last day"},
		{Name: "sort", In: "query", Description: "ref_code, title, opened_on, due_on, last_event_on (default, newest first), stage_since, watch_since or damage_vnd"},
		{Name: "dir", In: "query", Description: "asc or desc"},
		{Name: "page", In: "query", Description: "page number, from 1"},
		{Name: "per_page", In: "query", Description: "cases per page (≤ 500, default 50)"},
	}
	id := web.APIParam{Name: "id", In: "path", Description: "case ID", Required: true}
	period := []web.APIParam{{Name: "from", In: "query", Description: "first day (default 1 January of this year)"},
		{Name: "to", In: "query", Description: "last day (default today)"}}
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/cases", Summary: "List cases", Perm: access.CasesRead,
		Params: listParams, Response: map[string]any{"cases": []apiCase{exampleCase()}, "total": 1, "page": 1, "per_page": 50}}, p.apiList)
	p.app.HandleAPI(web.APIOp{Method: "POST", Path: "/api/v1/cases",
		Summary: "Open a case (body: ref_code (empty: assigned), kind, title, summary, categories, field, locality_id, " +
			"unit_ids, flags, classification, offence_class, assignee_ids, documents [{symbol, issued_on, summary}], opened_on)",
		Perm: access.CasesWrite, Response: exampleCase()}, p.apiCreate)
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/cases/due",
		Summary: "The overdue and due-soon cases on a watch list: the user's own (scope=mine) or the organisation's (scope=all)",
		Perm:    access.CasesRead, Params: []web.APIParam{{Name: "scope", In: "query", Description: "mine or all (default: mine for specialists)"}}}, p.apiDue)
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/cases/figures",
		Summary: "Period figures, with the same keys as `noichinh report cases` (docs/figures-cases.md): for a reader " +
			"of the cases, with the cases behind each figure; for other readers of reports, counts only " +
			"(counts_only: true); for the central committee, {total, narrative, orgs: [{org_id, code, name, figures}]}, counts only",
		Perm: access.ReportsRead, Params: period}, p.apiFigures)
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/cases/{id}", Summary: "A case with its state, deadline and timeline",
		Perm: access.CasesRead, Params: []web.APIParam{id}}, p.apiGet)
	p.app.HandleAPI(web.APIOp{Method: "PUT", Path: "/api/v1/cases/{id}",
		Summary: "Edit a case's own fields (the body of POST with the version read; 409 when it changed meanwhile)",
		Perm:    access.CasesWrite, Params: []web.APIParam{id}}, p.apiUpdate)
	p.app.HandleAPI(web.APIOp{Method: "POST", Path: "/api/v1/cases/{id}/events",
		Summary: "Record an event (body: version, kind, effective_on, level, stage, agency_id, document_symbol, suspects, " +
			"defendants, amount_vnd, area_m2, reason, note, difficulties, conclusions, participants); with corrects: " +
			"the event it corrects (same kind), or kind retracted and reason to withdraw it. 409 when the case changed meanwhile",
		Perm: access.CasesWrite, Params: []web.APIParam{id}}, p.apiEvent)
}

type apiPerson struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

type apiDocRef struct {
	Symbol   string     `json:"symbol"`
	IssuedOn civil.Date `json:"issued_on"`
	Summary  string     `json:"summary"`
}

type apiDeadline struct {
	Status     string     `json:"status"` // "", running, paused, no_rule, needs_offence_class
	DueOn      civil.Date `json:"due_on"`
	LimitCode  string     `json:"limit_code"`
	LimitFrom  civil.Date `json:"limit_from"`
	Start      civil.Date `json:"start"`
	Extensions int        `json:"extensions"`
	Overdue    bool       `json:"overdue"`
}

type apiCase struct {
	ID             int64       `json:"id"`
	RefCode        string      `json:"ref_code"`
	Kind           string      `json:"kind"`
	Title          string      `json:"title"`
	Summary        string      `json:"summary"`
	Categories     []string    `json:"categories"`
	Field          string      `json:"field"`
	LocalityID     int64       `json:"locality_id,omitempty"`
	LocalityName   string      `json:"locality_name,omitempty"`
	UnitIDs        []int64     `json:"unit_ids"`
	Flags          []string    `json:"flags"`
	Classification string      `json:"classification"`
	OffenceClass   string      `json:"offence_class"`
	Assignees      []apiPerson `json:"assignees"`
	Documents      []apiDocRef `json:"documents"`
	OpenedOn       civil.Date  `json:"opened_on"`
	Level          string      `json:"level"`
	LevelSince     civil.Date  `json:"level_since"`
	Stage          string      `json:"stage"`
	StageSince     civil.Date  `json:"stage_since"`
	AgencyID       int64       `json:"agency_id,omitempty"`
	AgencyName     string      `json:"agency_name,omitempty"`
	Deadline       apiDeadline `json:"deadline"`
	Suspects       int         `json:"suspects"`
	Defendants     int         `json:"defendants"`
	DamageVND      int64       `json:"damage_vnd"`
	DamageM2       float64     `json:"damage_m2"`
	RecoveredVND   int64       `json:"recovered_vnd"`
	RecoveredM2    float64     `json:"recovered_m2"`
	Urged          int         `json:"urged"`
	Meetings       int         `json:"meetings"`
	LastEventOn    civil.Date  `json:"last_event_on"`
	UpdatedAt      time.Time   `json:"updated_at"`
	Version        int         `json:"version"`
	URL            string      `json:"url"`
	Timeline       []apiEvent  `json:"timeline,omitempty"`
}

type apiEvent struct {
	ID             int64      `json:"id"`
	Kind           string     `json:"kind"`
	EffectiveOn    civil.Date `json:"effective_on"`
	RecordedAt     time.Time  `json:"recorded_at"`
	RecordedBy     string     `json:"recorded_by"`
	BackDated      bool       `json:"back_dated"`
	Level          string     `json:"level,omitempty"`
	Stage          string     `json:"stage,omitempty"`
	AgencyID       int64      `json:"agency_id,omitempty"`
	AgencyName     string     `json:"agency_name,omitempty"`
	DocumentSymbol string     `json:"document_symbol,omitempty"`
	Suspects       *int       `json:"suspects,omitempty"`
	Defendants     *int       `json:"defendants,omitempty"`
	AmountVND      int64      `json:"amount_vnd,omitempty"`
	AreaM2         float64    `json:"area_m2,omitempty"`
	Reason         string     `json:"reason,omitempty"`
	Note           string     `json:"note,omitempty"`
	Difficulties   string     `json:"difficulties,omitempty"`
	Conclusions    string     `json:"conclusions,omitempty"`
	Participants   []int64    `json:"participants,omitempty"`
	Corrects       int64      `json:"corrects,omitempty"`
	SupersededBy   int64      `json:"superseded_by,omitempty"`
}

func (p *Pages) apiCaseOf(c *cases.Case) apiCase {
	out := apiCase{ID: c.ID, RefCode: c.RefCode, Kind: string(c.Kind), Title: c.Title, Summary: c.Summary,
		Categories: []string{}, Field: string(c.Field), LocalityID: c.LocalityID, LocalityName: c.LocalityName,
		UnitIDs: c.UnitIDs, Flags: []string{}, Classification: c.Classification.Code(), OffenceClass: string(c.OffenceClass),
		Assignees: []apiPerson{}, Documents: []apiDocRef{}, OpenedOn: c.State.OpenedOn, Level: string(c.State.Level),
		LevelSince: c.State.LevelSince, Stage: string(c.State.Stage), StageSince: c.State.StageSince,
		AgencyID: c.State.AgencyID, AgencyName: c.AgencyName, Suspects: c.State.Suspects, Defendants: c.State.Defendants,
		DamageVND: c.State.DamageVND, DamageM2: c.State.DamageM2, RecoveredVND: c.State.RecoveredVND,
		RecoveredM2: c.State.RecoveredM2, Urged: c.State.Urged, Meetings: c.State.Meetings, LastEventOn: c.State.LastEventOn,
		UpdatedAt: c.UpdatedAt, Version: c.Version, URL: caseURL(c.ID),
		Deadline: apiDeadline{Status: string(c.Deadline.Status), DueOn: c.Deadline.DueOn, LimitCode: c.Deadline.LimitCode,
			LimitFrom: c.Deadline.LimitFrom, Start: c.Deadline.Start, Extensions: c.Deadline.Extensions,
			Overdue: dueClass(c, p.svc.Today()) == "overdue"}}
	if out.UnitIDs == nil {
		out.UnitIDs = []int64{}
	}
	for _, cat := range c.Categories {
		out.Categories = append(out.Categories, string(cat))
	}
	for _, f := range c.Flags {
		out.Flags = append(out.Flags, string(f))
	}
	for _, a := range c.Assignees {
		out.Assignees = append(out.Assignees, apiPerson{ID: a.UserID, Name: a.FullName})
	}
	for _, d := range c.Documents {
		out.Documents = append(out.Documents, apiDocRef{Symbol: d.Symbol, IssuedOn: d.IssuedOn, Summary: d.Summary})
	}
	return out
}

func apiEventOf(e cases.TimelineEntry) apiEvent {
	return apiEvent{ID: e.ID, Kind: string(e.Kind), EffectiveOn: e.EffectiveOn, RecordedAt: e.RecordedAt,
		RecordedBy: e.RecordedByName, BackDated: e.BackDated(), Level: string(e.Level), Stage: string(e.Stage),
		AgencyID: e.AgencyID, AgencyName: e.AgencyName, DocumentSymbol: e.DocumentSymbol, Suspects: e.Suspects,
		Defendants: e.Defendants, AmountVND: e.AmountVND, AreaM2: e.AreaM2, Reason: e.Details.Reason,
		Note: e.Details.Note, Difficulties: e.Details.Difficulties, Conclusions: e.Details.Conclusions,
		Participants: e.Details.Participants, Corrects: e.CorrectsEventID, SupersededBy: e.SupersededBy}
}

func exampleCase() apiCase {
	d := civil.MustParse
	return apiCase{ID: 7, RefCode: "VA-2020-002", Kind: "criminal_case",
		Title: "Vụ án Tham ô tài sản xảy ra tại Ban Quản lý dự án huyện Văn Lãng", Categories: []string{"corruption"},
		Field: "construction", LocalityID: 12, LocalityName: "Huyện Văn Lãng", UnitIDs: []int64{}, Flags: []string{"involves_leaders"},
		Classification: "normal", OffenceClass: "serious", Assignees: []apiPerson{{ID: 4, Name: "Lương Văn Hùng"}},
		Documents: []apiDocRef{}, OpenedOn: d("2020-01-06"), Level: "directed", LevelSince: d("2020-02-10"),
		Stage: "investigating", StageSince: d("2020-03-02"), Deadline: apiDeadline{Status: "running", DueOn: d("2020-07-02"),
			LimitCode: "investigation.serious", LimitFrom: d("2018-01-01"), Start: d("2020-03-02")},
		Version: 5, URL: "/cases/7"}
}

// apiCaseInput is a case as a client sends it.
type apiCaseInput struct {
	RefCode        string      `json:"ref_code"`
	Kind           string      `json:"kind"`
	Title          string      `json:"title"`
	Summary        string      `json:"summary"`
	Categories     []string    `json:"categories"`
	Field          string      `json:"field"`
	LocalityID     int64       `json:"locality_id"`
	UnitIDs        []int64     `json:"unit_ids"`
	Flags          []string    `json:"flags"`
	Classification string      `json:"classification"`
	OffenceClass   string      `json:"offence_class"`
	AssigneeIDs    []int64     `json:"assignee_ids"`
	Documents      []apiDocRef `json:"documents"`
	OpenedOn       string      `json:"opened_on"`
	Version        int         `json:"version,omitempty"`
}

func (a apiCaseInput) input() (cases.Input, validate.Errors) {
	var errs validate.Errors
	in := cases.Input{RefCode: a.RefCode, Kind: cases.Kind(a.Kind), Title: a.Title, Summary: a.Summary,
		Field: cases.Field(a.Field), LocalityID: a.LocalityID, UnitIDs: a.UnitIDs, OffenceClass: cases.OffenceClass(a.OffenceClass),
		AssigneeIDs: a.AssigneeIDs}
	for _, c := range a.Categories {
		in.Categories = append(in.Categories, cases.Category(c))
	}
	for _, f := range a.Flags {
		in.Flags = append(in.Flags, cases.Flag(f))
	}
	if a.Classification != "" {
		c, err := access.ParseClassification(a.Classification)
		if err != nil {
			errs.Add("classification", "error.invalid_choice", nil)
		}
		in.Classification = c
	}
	for _, d := range a.Documents {
		in.Documents = append(in.Documents, cases.DocumentRef{Symbol: d.Symbol, IssuedOn: d.IssuedOn, Summary: d.Summary})
	}
	in.OpenedOn = parseDate(&errs, "opened_on", a.OpenedOn)
	return in, errs
}

// apiEventInput is an event as a client sends it.
type apiEventInput struct {
	Version        int     `json:"version"`
	Kind           string  `json:"kind"`
	Corrects       int64   `json:"corrects,omitempty"`
	EffectiveOn    string  `json:"effective_on"`
	Level          string  `json:"level"`
	Stage          string  `json:"stage"`
	AgencyID       int64   `json:"agency_id"`
	DocumentSymbol string  `json:"document_symbol"`
	Suspects       *int    `json:"suspects"`
	Defendants     *int    `json:"defendants"`
	AmountVND      int64   `json:"amount_vnd"`
	AreaM2         float64 `json:"area_m2"`
	Reason         string  `json:"reason"`
	Note           string  `json:"note"`
	Difficulties   string  `json:"difficulties"`
	Conclusions    string  `json:"conclusions"`
	Participants   []int64 `json:"participants"`
}

func (p *Pages) apiList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	lq, errs := readListQuery(q, access.FromContext(r.Context()))
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 500 {
			errs.Add("per_page", "error.invalid_number", nil)
		}
		lq.Filter.Limit, lq.Filter.Offset = n, (lq.Page-1)*n
	}
	if len(errs) == 0 && lq.Fig != "" {
		_, errs, err := p.figureCases(r, &lq)
		if err != nil {
			p.app.APIFail(w, r, err)
			return
		}
		if len(errs) > 0 {
			p.app.APIFail(w, r, errs)
			return
		}
	}
	if len(errs) > 0 {
		p.app.APIFail(w, r, errs)
		return
	}
	page, err := p.svc.List(r.Context(), lq.Filter)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	list := make([]apiCase, 0, len(page.Cases))
	for _, c := range page.Cases {
		list = append(list, p.apiCaseOf(c))
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"cases": list, "total": page.Total, "page": lq.Page, "per_page": page.Limit})
}

func (p *Pages) apiGet(w http.ResponseWriter, r *http.Request) {
	p.writeCase(w, r, pathID(r, "id"), http.StatusOK)
}

// writeCase answers with a case and its timeline.
func (p *Pages) writeCase(w http.ResponseWriter, r *http.Request, id int64, status int) {
	c, err := p.svc.Get(r.Context(), id)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	timeline, err := p.svc.Timeline(r.Context(), id)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	out := p.apiCaseOf(c)
	out.Timeline = []apiEvent{}
	for _, e := range timeline {
		out.Timeline = append(out.Timeline, apiEventOf(e))
	}
	web.WriteJSON(w, status, out)
}

func (p *Pages) apiCreate(w http.ResponseWriter, r *http.Request) {
	var body apiCaseInput
	if err := web.DecodeJSON(r, &body); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	in, errs := body.input()
	if len(errs) > 0 {
		p.app.APIFail(w, r, errs)
		return
	}
	c, err := p.svc.Create(r.Context(), in)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	p.writeCase(w, r, c.ID, http.StatusCreated)
}

func (p *Pages) apiUpdate(w http.ResponseWriter, r *http.Request) {
	id := pathID(r, "id")
	var body apiCaseInput
	if err := web.DecodeJSON(r, &body); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	in, errs := body.input()
	if errs = dropField(errs, "opened_on"); len(errs) > 0 {
		p.app.APIFail(w, r, errs)
		return
	}
	if _, err := p.svc.Update(r.Context(), id, body.Version, in); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	p.writeCase(w, r, id, http.StatusOK)
}

func (p *Pages) apiEvent(w http.ResponseWriter, r *http.Request) {
	id := pathID(r, "id")
	var body apiEventInput
	if err := web.DecodeJSON(r, &body); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	var errs validate.Errors
	in := cases.EventInput{Kind: cases.EventKind(body.Kind), Level: cases.Level(body.Level), Stage: cases.Stage(body.Stage),
		AgencyID: body.AgencyID, DocumentSymbol: body.DocumentSymbol, Suspects: body.Suspects, Defendants: body.Defendants,
		AmountVND: body.AmountVND, AreaM2: body.AreaM2, Details: cases.Details{Reason: body.Reason, Note: body.Note,
			Difficulties: body.Difficulties, Conclusions: body.Conclusions, Participants: body.Participants}}
	in.EffectiveOn = parseDate(&errs, "effective_on", body.EffectiveOn)
	if len(errs) > 0 {
		p.app.APIFail(w, r, errs)
		return
	}
	ctx := r.Context()
	var err error
	switch {
	case in.Kind == cases.Retracted:
		_, _, err = p.svc.Retract(ctx, id, body.Version, body.Corrects, body.Reason)
		if body.Corrects == 0 && err == nil {
			err = validate.Errors{{Field: "corrects", Key: "error.required"}}
		}
	case body.Corrects != 0:
		_, _, err = p.svc.Correct(ctx, id, body.Version, body.Corrects, in)
	default:
		_, _, err = p.svc.Record(ctx, id, body.Version, in)
	}
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	p.writeCase(w, r, id, http.StatusCreated)
}

func (p *Pages) apiDue(w http.ResponseWriter, r *http.Request) {
	actor := access.FromContext(r.Context())
	mine := ownByDefault(actor)
	switch r.URL.Query().Get("scope") {
	case "mine":
		mine = true
	case "all":
		mine = false
	case "":
	default:
		p.app.APIFail(w, r, validate.Errors{{Field: "scope", Key: "error.invalid_choice"}})
		return
	}
	var assignee int64
	if mine {
		assignee = actor.UserID
	}
	overdue, soon, err := p.svc.DueLists(r.Context(), assignee, cases.DueSoonDays, dueLimit)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	list := func(pg *cases.Page) []apiCase {
		out := make([]apiCase, 0, len(pg.Cases))
		for _, c := range pg.Cases {
			out = append(out, p.apiCaseOf(c))
		}
		return out
	}
	scope := "all"
	if mine {
		scope = "mine"
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"scope": scope, "due_soon_days": cases.DueSoonDays,
		"overdue": list(overdue), "overdue_total": overdue.Total, "due_soon": list(soon), "due_soon_total": soon.Total})
}

func (p *Pages) apiFigures(w http.ResponseWriter, r *http.Request) {
	period, errs := periodOf(r.URL.Query(), p.svc.Today())
	if len(errs) > 0 {
		p.app.APIFail(w, r, errs)
		return
	}
	f, c, _, err := p.figuresFor(r, period)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	if c != nil {
		web.WriteJSON(w, http.StatusOK, c)
		return
	}
	web.WriteJSON(w, http.StatusOK, f)
}

// figuresListURL is the list of the cases behind a figure (for clients).
func figuresListURL(key string, period civil.Range) string {
	return "/cases?" + url.Values{"fig": {key}, "from": {period.From.String()}, "to": {period.To.String()}}.Encode()
}
