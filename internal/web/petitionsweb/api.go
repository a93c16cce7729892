package petitionsweb

import (
	"encoding/json"
	"net/http"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/petitions"
	"noichinh/internal/validate"
	"noichinh/internal/web"
)

// The JSON API makes the same service calls as the pages, with the
// service's own JSON: dates ISO (YYYY-MM-DD), enumerations as their English
// codes, senders always masked.

func (p *Pages) registerAPI() {
	listParams := []web.APIParam{
		{Name: "q", In: "query", Description: "part of the number, summary or person complained of, any accents"},
		{Name: "kind", In: "query", Description: "complaint, denunciation, proposal or mixed"},
		{Name: "status", In: "query", Description: "received, filed_away, advised, forwarded, urged, accepted, resolved or split (repeatable)"},
		{Name: "channel", In: "query", Description: "at_session, in_person, post, forwarded, online or press"},
		{Name: "signer", In: "query", Description: "one, several, anonymous or false_name"},
		{Name: "field", In: "query", Description: "subject area, e.g. land"},
		{Name: "locality", In: "query", Description: "locality unit ID"},
		{Name: "assignee", In: "query", Description: "assigned user ID, or me"},
		{Name: "from", In: "query", Description: "received on or after"},
		{Name: "to", In: "query", Description: "received on or before"},
		{Name: "due", In: "query", Description: "overdue or due_soon (next deadline)"},
		{Name: "complex", In: "query", Description: "1: complex and prolonged only"},
		{Name: "ids", In: "query", Description: "comma-separated petition IDs (the petitions behind a figure)"},
		{Name: "fig", In: "query", Description: "the petitions behind a figure of the period fig_from–fig_to, by its key (e.g. petitions.forwarded)"},
		{Name: "fig_from", In: "query", Description: "with fig: the period's first day"},
		{Name: "fig_to", In: "query", Description: "with fig: the period's last day"},
		{Name: "sort", In: "query", Description: "received_on (default, newest first; dir=asc for oldest), due_on or ref_code"},
		{Name: "dir", In: "query", Description: "asc or desc"},
		{Name: "page", In: "query", Description: "page number, from 1"},
	}
	id := web.APIParam{Name: "id", In: "path", Description: "petition ID", Required: true}
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/petitions", Summary: "List petitions (senders masked)",
		Perm: access.PetitionsRead, Params: listParams}, p.apiList)
	p.app.HandleAPI(web.APIOp{Method: "POST", Path: "/api/v1/petitions",
		Summary: "Record a received petition (body: received_on, channel, source_unit_id, source_ref, session_id, signer, " +
			"senders [{name, address, phone, id_number, note, representative}], kind, summary, content, field, subject_name, " +
			"subject_position, subject_party_member, subject_party_org, locality_unit_id, complex_prolonged, classification, " +
			"assigned_to). Answers the petition with its likely duplicates",
		Perm: access.PetitionsWrite}, p.apiCreate)
	p.app.HandleAPI(web.APIOp{Method: "POST", Path: "/api/v1/petitions/duplicates",
		Summary: "Likely duplicates of a petition being entered (body: received_on, senders, summary, content, subject_name, locality_unit_id, field)",
		Perm:    access.PetitionsWrite}, p.apiDuplicates)
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/petitions/due",
		Summary: "Open deadlines overdue or due soon: the user's own (scope=mine) or everyone's (scope=all)",
		Perm:    access.PetitionsRead, Params: []web.APIParam{{Name: "scope", In: "query", Description: "mine or all (default: mine for specialists)"}}}, p.apiDue)
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/petitions/figures",
		Summary: "Period figures of reception and of the standard petition table (docs/figures-petitions.md) with the " +
			"narrative; for readers who may not read petitions, counts only (no ids or refs)",
		Perm: access.ReportsRead, Params: []web.APIParam{{Name: "from", In: "query", Description: "first day (default 1 January of this year)"},
			{Name: "to", In: "query", Description: "last day (default today)"}}}, p.apiFigures)
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/petitions/{id}",
		Summary: "A petition with its deadlines, masked senders, links, history and likely duplicates",
		Perm:    access.PetitionsRead, Params: []web.APIParam{id}}, p.apiGet)
	p.app.HandleAPI(web.APIOp{Method: "POST", Path: "/api/v1/petitions/{id}/events",
		Summary: "Record a processing step. Body: {step, version, …}: process {on, eligible, filed_reason, handling, unit_id, " +
			"ref, note, second_instance, remote}; notify {on}; extend {deadline_step, decision_ref, decision_on}; urge {on, " +
			"unit_id, ref, note}; reply {on, unit_id, ref, summary, resolved, outcome, money_returned, land_returned, " +
			"people_protected}; resolve {on, ref, outcome, money_returned, land_returned, people_protected}; assign " +
			"{assigned_to}; update {details}; split {parts [{kind, summary, content}]}; link {other_id, link_kind, note}; " +
			"dismiss {other_id, note}. 409 when the petition changed since version",
		Perm: access.PetitionsWrite, Params: []web.APIParam{id}}, p.apiEvent)
}

func (p *Pages) apiList(w http.ResponseWriter, r *http.Request) {
	lq, errs := readListQuery(r.URL.Query(), access.FromContext(r.Context()))
	if len(errs) == 0 && lq.Fig != "" {
		var err error
		_, errs, err = p.figurePetitions(r, &lq)
		if err != nil {
			p.app.APIFail(w, r, err)
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
	web.WriteJSON(w, http.StatusOK, page)
}

// apiPetition is a petition as the API answers it.
type apiPetition struct {
	petitions.Record
	History    []petitions.Event     `json:"history"`
	Duplicates []petitions.Candidate `json:"likely_duplicates"`
	URL        string                `json:"url"`
}

func (p *Pages) writePetition(w http.ResponseWriter, r *http.Request, id int64, status int) {
	ctx := r.Context()
	rec, err := p.svc.Get(ctx, id)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	out := apiPetition{Record: rec, URL: petitionURL(id), Duplicates: []petitions.Candidate{}}
	if rec.Senders == nil {
		out.Senders = []petitions.MaskedSender{}
	}
	if rec.Links == nil {
		out.Links = []petitions.Link{}
	}
	if out.History, err = p.svc.History(ctx, id); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	if access.FromContext(ctx).Can(access.PetitionsWrite) {
		if out.Duplicates, err = p.svc.DuplicatesOf(ctx, id); err != nil {
			p.app.APIFail(w, r, err)
			return
		}
	}
	web.WriteJSON(w, status, out)
}

func (p *Pages) apiGet(w http.ResponseWriter, r *http.Request) {
	p.writePetition(w, r, pathID(r, "id"), http.StatusOK)
}

func (p *Pages) apiCreate(w http.ResponseWriter, r *http.Request) {
	var in petitions.NewPetition
	if err := web.DecodeJSON(r, &in); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	saved, err := p.svc.Create(r.Context(), in)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	p.writePetition(w, r, saved.ID, http.StatusCreated)
}

func (p *Pages) apiDuplicates(w http.ResponseWriter, r *http.Request) {
	var d petitions.Draft
	if err := web.DecodeJSON(r, &d); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	cands, err := p.svc.LikelyDuplicates(r.Context(), d)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"candidates": cands})
}

// apiEventBody is every step's fields; each step reads its own.
type apiEventBody struct {
	Step    string `json:"step"`
	Version int    `json:"version"`
	petitions.Decision
	DeadlineStep petitions.Step     `json:"deadline_step"`
	DecisionRef  string             `json:"decision_ref"`
	DecisionOn   civil.Date         `json:"decision_on"`
	Summary      string             `json:"summary"`
	Resolved     bool               `json:"resolved"`
	AssignedTo   int64              `json:"assigned_to"`
	Details      *petitions.Details `json:"details"`
	Parts        []petitions.Part   `json:"parts"`
	OtherID      int64              `json:"other_id"`
	LinkKind     petitions.LinkKind `json:"link_kind"`
	Outcome      petitions.Outcome  `json:"outcome"`
	Money        int64              `json:"money_returned"`
	Land         float64            `json:"land_returned"`
	People       int                `json:"people_protected"`
}

func (p *Pages) apiEvent(w http.ResponseWriter, r *http.Request) {
	id := pathID(r, "id")
	var b apiEventBody
	if err := web.DecodeJSON(r, &b); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	ctx := r.Context()
	res := petitions.Result{Outcome: b.Outcome, MoneyReturned: b.Money, LandReturned: b.Land, PeopleProtected: b.People}
	var err error
	switch b.Step {
	case "process":
		_, err = p.svc.Process(ctx, id, b.Version, b.Decision)
	case "notify":
		_, err = p.svc.NotifyAcceptance(ctx, id, b.Version, b.On)
	case "extend":
		_, err = p.svc.Extend(ctx, id, b.Version, petitions.Extension{Step: b.DeadlineStep, DecisionRef: b.DecisionRef, DecisionOn: b.DecisionOn})
	case "urge":
		_, err = p.svc.RecordUrge(ctx, id, b.Version, petitions.Urge{On: b.On, UnitID: b.UnitID, Ref: b.Ref, Note: b.Note})
	case "reply":
		_, err = p.svc.RecordReply(ctx, id, b.Version, petitions.Reply{On: b.On, UnitID: b.UnitID, Ref: b.Ref,
			Summary: b.Summary, Resolved: b.Resolved, Result: res})
	case "resolve":
		_, err = p.svc.Resolve(ctx, id, b.Version, petitions.Resolution{On: b.On, Ref: b.Ref, Result: res})
	case "assign":
		_, err = p.svc.Assign(ctx, id, b.Version, b.AssignedTo)
	case "update":
		if b.Details == nil {
			err = validate.Errors{{Field: "details", Key: "error.required"}}
			break
		}
		_, err = p.svc.Update(ctx, id, b.Version, *b.Details)
	case "split":
		_, err = p.svc.Split(ctx, id, b.Version, b.Parts)
	case "link":
		_, err = p.svc.Link(ctx, id, b.OtherID, b.LinkKind, b.Note)
	case "dismiss":
		_, err = p.svc.DismissDuplicate(ctx, id, b.OtherID, b.Note)
	default:
		err = validate.Errors{{Field: "step", Key: "error.invalid_choice"}}
	}
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	p.writePetition(w, r, id, http.StatusCreated)
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
	overdue, soon, _, err := p.dueLists(r, mine)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	items := func(rows []dueRow) []petitions.DueItem {
		out := make([]petitions.DueItem, 0, len(rows))
		for _, r := range rows {
			out = append(out, r.DueItem)
		}
		return out
	}
	scope := "all"
	if mine {
		scope = "mine"
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"scope": scope, "due_soon_days": petitions.DueSoonDays,
		"overdue": items(overdue), "due_soon": items(soon)})
}

func (p *Pages) apiFigures(w http.ResponseWriter, r *http.Request) {
	period, errs := periodOf(r.URL.Query(), p.svc.Today())
	if len(errs) > 0 {
		p.app.APIFail(w, r, errs)
		return
	}
	f, err := p.svc.Figures(r.Context(), period)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	out := map[string]any{"figures": f, "narrative": petitions.Narrative(f)}
	if !access.FromContext(r.Context()).Can(access.PetitionsRead) {
		b, err := json.Marshal(f)
		if err != nil {
			p.app.APIFail(w, r, err)
			return
		}
		var generic any
		_ = json.Unmarshal(b, &generic)
		out["figures"], out["counts_only"] = dropRecords(generic), true
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// dropRecords removes the records behind every figure (ids and refs),
// leaving the counts.
func dropRecords(v any) any {
	switch t := v.(type) {
	case map[string]any:
		delete(t, "ids")
		delete(t, "refs")
		for k, x := range t {
			t[k] = dropRecords(x)
		}
	case []any:
		for i, x := range t {
			t[i] = dropRecords(x)
		}
	}
	return v
}
