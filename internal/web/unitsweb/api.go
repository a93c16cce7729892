package unitsweb

import (
	"net/http"
	"strconv"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/units"
	"noichinh/internal/validate"
	"noichinh/internal/web"
)

// The JSON API of the organisation module: the same service calls as the
// pages. Field names are the service's, so a 422 names the JSON field to
// fix; a deciding document is flattened into <prefix>_symbol, _date,
// _issuer_id and _issuer as in the forms. Dates are ISO (YYYY-MM-DD).

func (p *Pages) registerAPI() {
	asOf := web.APIParam{Name: "as_of", In: "query", Description: "the date the names, parents and people are those of (YYYY-MM-DD; default today)"}
	id := web.APIParam{Name: "id", In: "path", Description: "unit id", Required: true}
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/units", Summary: "List units as of a date, filtered by kind and text",
		Perm: access.OrgRead, Params: []web.APIParam{asOf,
			{Name: "kind", In: "query", Description: "unit kind, e.g. commune, party_organization"},
			{Name: "q", In: "query", Description: "words of any name the unit ever bore, its code or issuer code; any accents"},
			{Name: "include_dissolved", In: "query", Description: "1: also units that did not exist on as_of"},
			{Name: "sort", In: "query", Description: "name (Vietnamese order, default), code or valid_from"},
			{Name: "page", In: "query", Description: "page number, from 1"},
			{Name: "per_page", In: "query", Description: "entries per page (≤ 500, default 100)"}},
		Response: map[string]any{"as_of": "2025-07-01", "total": 1, "page": 1, "items": []apiEntry{{ID: 7, Code: "commune-that-khe",
			Kind: units.KindCommune, Name: "Xã Thất Khê", Alive: true, ValidFrom: civil.MustParse("2025-07-01"), CurrentName: "Xã Thất Khê"}}}},
		p.apiList)
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/units/tree", Summary: "The organisation tree as of a date",
		Perm: access.OrgRead, Params: []web.APIParam{asOf}}, p.apiTree)
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/units/{id}", Summary: "One unit with its versions, history, successors, congresses, and the people and staff of a date",
		Perm: access.OrgRead, Params: []web.APIParam{id, asOf}}, p.apiGet)
	p.app.HandleAPI(web.APIOp{Method: "POST", Path: "/api/v1/units", Summary: "Create a unit (its establishment and, with valid_to, its end become its first events)",
		Perm: access.OrgWrite}, p.apiCreate)
	p.app.HandleAPI(web.APIOp{Method: "PATCH", Path: "/api/v1/units/{id}", Summary: "Change a unit's code, issuer code, administrative code and note (version-checked: 409 when stale)",
		Perm: access.OrgWrite, Params: []web.APIParam{id}}, p.apiUpdate)
	p.app.HandleAPI(web.APIOp{Method: "POST", Path: "/api/v1/units/{id}/events", Summary: "Record an event of a unit's history (renamed, moved, merged_into, dissolved …; version-checked)",
		Perm: access.OrgWrite, Params: []web.APIParam{id}}, p.apiEvent)
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/people", Summary: "List people by name",
		Perm: access.OrgRead, Params: []web.APIParam{{Name: "q", In: "query", Description: "words of the name, any accents"},
			{Name: "page", In: "query", Description: "page number, from 1"}}}, p.apiPeople)
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/people/{id}", Summary: "One person with the posts they held over time",
		Perm: access.OrgRead, Params: []web.APIParam{{Name: "id", In: "path", Description: "person id", Required: true}}}, p.apiPerson)
	p.app.HandleAPI(web.APIOp{Method: "POST", Path: "/api/v1/positions", Summary: "Record that a person held a post (refused: a second holder of a single-holder post, a unit that did not exist)",
		Perm: access.OrgWrite}, p.apiAddPosition)
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/assignments", Summary: "Who follows which unit on a date",
		Perm: access.OrgRead, Params: []web.APIParam{asOf, {Name: "user_id", In: "query", Description: "one staff member"},
			{Name: "unit_id", In: "query", Description: "one unit"}}}, p.apiAssignments)
}

type apiUnit struct {
	ID         int64      `json:"id"`
	Code       string     `json:"code"`
	Kind       units.Kind `json:"kind"`
	Name       string     `json:"name"`
	ShortName  string     `json:"short_name,omitempty"`
	NameEN     string     `json:"name_en,omitempty"`
	IssuerCode string     `json:"issuer_code,omitempty"`
	AdminCode  string     `json:"admin_code,omitempty"`
	ParentID   int64      `json:"parent_id,omitempty"`
	ValidFrom  civil.Date `json:"valid_from,omitzero"`
	ValidTo    civil.Date `json:"valid_to,omitzero"`
	Note       string     `json:"note,omitempty"`
	Version    int        `json:"version"`
}

func toUnit(u units.Unit) apiUnit {
	return apiUnit{ID: u.ID, Code: u.Code, Kind: u.Kind, Name: u.Name, ShortName: u.ShortName, NameEN: u.NameEN,
		IssuerCode: u.IssuerCode, AdminCode: u.AdminCode, ParentID: u.ParentID, ValidFrom: u.ValidFrom, ValidTo: u.ValidTo,
		Note: u.Note, Version: u.Version}
}

// apiEntry is a unit as it was on a date.
type apiEntry struct {
	ID          int64      `json:"id"`
	Code        string     `json:"code"`
	Kind        units.Kind `json:"kind"`
	Name        string     `json:"name"`
	ShortName   string     `json:"short_name,omitempty"`
	ParentID    int64      `json:"parent_id,omitempty"`
	Alive       bool       `json:"alive"`
	ValidFrom   civil.Date `json:"valid_from,omitzero"`
	ValidTo     civil.Date `json:"valid_to,omitzero"`
	CurrentName string     `json:"current_name"`
}

func toEntry(e units.Entry) apiEntry {
	return apiEntry{ID: e.Unit.ID, Code: e.Unit.Code, Kind: e.Version.Kind, Name: e.Version.Name, ShortName: e.Version.ShortName,
		ParentID: e.Version.ParentID, Alive: e.Alive, ValidFrom: e.Unit.ValidFrom, ValidTo: e.Unit.ValidTo, CurrentName: e.Unit.Name}
}

type apiVersion struct {
	ValidFrom civil.Date `json:"valid_from,omitzero"`
	ValidTo   civil.Date `json:"valid_to,omitzero"`
	Kind      units.Kind `json:"kind"`
	Name      string     `json:"name"`
	ShortName string     `json:"short_name,omitempty"`
	NameEN    string     `json:"name_en,omitempty"`
	ParentID  int64      `json:"parent_id,omitempty"`
}

type apiEvent struct {
	ID            int64           `json:"id"`
	Kind          units.EventKind `json:"kind"`
	EffectiveOn   civil.Date      `json:"effective_on,omitzero"`
	Precision     units.Precision `json:"precision"`
	Name          string          `json:"name,omitempty"`
	ShortName     string          `json:"short_name,omitempty"`
	NameEN        string          `json:"name_en,omitempty"`
	UnitKind      units.Kind      `json:"unit_kind,omitempty"`
	ParentID      int64           `json:"parent_id,omitempty"`
	RelatedUnitID int64           `json:"related_unit_id,omitempty"`
	apiDecision
	Note         string    `json:"note,omitempty"`
	CorrectsID   int64     `json:"corrects_id,omitempty"`
	Superseded   bool      `json:"superseded"`
	RecordedAt   time.Time `json:"recorded_at"`
	RecordedName string    `json:"recorded_by"`
}

// apiDecision is a deciding document, flattened with the prefix "decision_".
type apiDecision struct {
	Symbol   string     `json:"decision_symbol,omitempty"`
	Date     civil.Date `json:"decision_date,omitzero"`
	IssuerID int64      `json:"decision_issuer_id,omitempty"`
	Issuer   string     `json:"decision_issuer,omitempty"`
}

func (d apiDecision) decision() units.Decision {
	return units.Decision{Symbol: d.Symbol, Date: d.Date, IssuerID: d.IssuerID, Issuer: d.Issuer}
}

func toDecision(d units.Decision) apiDecision {
	return apiDecision{Symbol: d.Symbol, Date: d.Date, IssuerID: d.IssuerID, Issuer: d.Issuer}
}

func toEvent(e units.Event) apiEvent {
	return apiEvent{ID: e.ID, Kind: e.Kind, EffectiveOn: e.EffectiveOn, Precision: e.Precision, Name: e.Name,
		ShortName: e.ShortName, NameEN: e.NameEN, UnitKind: e.UnitKind, ParentID: e.ParentID, RelatedUnitID: e.RelatedUnitID,
		apiDecision: toDecision(e.Decision), Note: e.Note, CorrectsID: e.CorrectsID, Superseded: e.Superseded,
		RecordedAt: e.RecordedAt, RecordedName: e.RecordedName}
}

type apiPosition struct {
	ID            int64           `json:"id"`
	PersonID      int64           `json:"person_id"`
	PersonName    string          `json:"person_name"`
	UnitID        int64           `json:"unit_id"`
	UnitName      string          `json:"unit_name"`
	Title         units.Title     `json:"title"`
	TitleText     string          `json:"title_text,omitempty"`
	PersonTitle   string          `json:"person_title,omitempty"`
	From          civil.Date      `json:"from"`
	FromPrecision units.Precision `json:"from_precision"`
	StartHow      units.How       `json:"start_how,omitempty"`
	StartSymbol   string          `json:"start_decision_symbol,omitempty"`
	StartDate     civil.Date      `json:"start_decision_date,omitzero"`
	StartIssuerID int64           `json:"start_decision_issuer_id,omitempty"`
	StartIssuer   string          `json:"start_decision_issuer,omitempty"`
	To            civil.Date      `json:"to,omitzero"`
	ToPrecision   units.Precision `json:"to_precision"`
	EndHow        units.How       `json:"end_how,omitempty"`
	EndSymbol     string          `json:"end_decision_symbol,omitempty"`
	EndDate       civil.Date      `json:"end_decision_date,omitzero"`
	EndIssuerID   int64           `json:"end_decision_issuer_id,omitempty"`
	EndIssuer     string          `json:"end_decision_issuer,omitempty"`
	CongressID    int64           `json:"congress_id,omitempty"`
	Note          string          `json:"note,omitempty"`
	Version       int             `json:"version"`
}

func toPosition(p units.Position) apiPosition {
	return apiPosition{ID: p.ID, PersonID: p.PersonID, PersonName: p.PersonName, UnitID: p.UnitID, UnitName: p.UnitName,
		Title: p.Title, TitleText: p.TitleText, PersonTitle: p.PersonTitle, From: p.From, FromPrecision: p.FromPrecision,
		StartHow: p.StartHow, StartSymbol: p.StartDecision.Symbol, StartDate: p.StartDecision.Date,
		StartIssuerID: p.StartDecision.IssuerID, StartIssuer: p.StartDecision.Issuer, To: p.To, ToPrecision: p.ToPrecision,
		EndHow: p.EndHow, EndSymbol: p.EndDecision.Symbol, EndDate: p.EndDecision.Date, EndIssuerID: p.EndDecision.IssuerID,
		EndIssuer: p.EndDecision.Issuer, CongressID: p.CongressID, Note: p.Note, Version: p.Version}
}

func (a apiPosition) input() units.PositionInput {
	return units.PositionInput{PersonID: a.PersonID, UnitID: a.UnitID, Title: a.Title, TitleText: a.TitleText,
		PersonTitle: a.PersonTitle, From: a.From, FromPrecision: a.FromPrecision, StartHow: a.StartHow,
		StartDecision: units.Decision{Symbol: a.StartSymbol, Date: a.StartDate, IssuerID: a.StartIssuerID, Issuer: a.StartIssuer},
		To:            a.To, ToPrecision: a.ToPrecision, EndHow: a.EndHow,
		EndDecision: units.Decision{Symbol: a.EndSymbol, Date: a.EndDate, IssuerID: a.EndIssuerID, Issuer: a.EndIssuer},
		CongressID:  a.CongressID, Note: a.Note}
}

type apiCongress struct {
	ID                  int64              `json:"id"`
	Kind                units.CongressKind `json:"kind"`
	Number              string             `json:"number,omitempty"`
	From                civil.Date         `json:"from"`
	To                  civil.Date         `json:"to,omitzero"`
	TermFromYear        int                `json:"term_from_year,omitempty"`
	TermToYear          int                `json:"term_to_year,omitempty"`
	ExecutiveSize       int                `json:"executive_size,omitempty"`
	ExecutiveAlternates int                `json:"executive_alternates,omitempty"`
	StandingSize        int                `json:"standing_size,omitempty"`
	Place               string             `json:"place,omitempty"`
	apiDecision
	Note string `json:"note,omitempty"`
}

type apiAssignment struct {
	ID       int64                `json:"id"`
	UserID   int64                `json:"user_id"`
	UserName string               `json:"user_name"`
	UnitID   int64                `json:"unit_id"`
	UnitName string               `json:"unit_name"`
	Role     units.AssignmentRole `json:"role"`
	From     civil.Date           `json:"from"`
	To       civil.Date           `json:"to,omitzero"`
	Note     string               `json:"note,omitempty"`
	Version  int                  `json:"version"`
}

func toAssignments(list []units.Assignment) []apiAssignment {
	out := []apiAssignment{}
	for _, a := range list {
		out = append(out, apiAssignment{ID: a.ID, UserID: a.UserID, UserName: a.UserName, UnitID: a.UnitID, UnitName: a.UnitName,
			Role: a.Role, From: a.From, To: a.To, Note: a.Note, Version: a.Version})
	}
	return out
}

type apiSuccessor struct {
	UnitID        int64      `json:"unit_id"`
	UnitName      string     `json:"unit_name"`
	SuccessorID   int64      `json:"successor_id"`
	SuccessorName string     `json:"successor_name"`
	EffectiveOn   civil.Date `json:"effective_on,omitzero"`
	Basis         string     `json:"basis,omitempty"`
}

func toSuccessors(list []units.Successor) []apiSuccessor {
	out := []apiSuccessor{}
	for _, s := range list {
		out = append(out, apiSuccessor{UnitID: s.UnitID, UnitName: s.UnitName, SuccessorID: s.SuccessorID,
			SuccessorName: s.SuccessorName, EffectiveOn: s.EffectiveOn, Basis: s.Basis})
	}
	return out
}

// queryDate reads an ISO or Vietnamese date query parameter (empty: today).
func queryDate(r *http.Request, name string) (civil.Date, error) {
	f := queryForm(r)
	d := f.date(name)
	if d.IsZero() {
		d = civil.Today()
	}
	return d, f.err()
}

func (p *Pages) apiList(w http.ResponseWriter, r *http.Request) {
	d, err := queryDate(r, "as_of")
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	q := r.URL.Query()
	f := units.Filter{AsOf: d, Text: q.Get("q"), IncludeDissolved: q.Get("include_dissolved") == "1", Sort: q.Get("sort")}
	if k := units.Kind(q.Get("kind")); k != "" {
		if !k.Valid() {
			p.app.APIFail(w, r, validate.Errors{{Field: "kind", Key: "error.invalid_choice"}})
			return
		}
		f.Kinds = []units.Kind{k}
	}
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	size, _ := strconv.Atoi(q.Get("per_page"))
	if size <= 0 || size > 500 {
		size = 100
	}
	f.Offset, f.Limit = (page-1)*size, size
	list, err := p.svc.List(r.Context(), f)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	items := []apiEntry{}
	for _, e := range list.Items {
		items = append(items, toEntry(e))
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"as_of": d, "total": list.Total, "page": page, "per_page": size, "items": items})
}

type apiNode struct {
	apiEntry
	Children []apiNode `json:"children,omitempty"`
}

func toNodes(nodes []*units.Node) []apiNode {
	out := []apiNode{}
	for _, n := range nodes {
		out = append(out, apiNode{apiEntry: toEntry(n.Entry), Children: toNodes(n.Children)})
	}
	return out
}

func (p *Pages) apiTree(w http.ResponseWriter, r *http.Request) {
	d, err := queryDate(r, "as_of")
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	tree, err := p.svc.Tree(r.Context(), d)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"as_of": d, "roots": toNodes(tree)})
}

func (p *Pages) apiGet(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := pathID(r)
	h, err := p.svc.History(ctx, id)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	d, err := queryDate(r, "as_of")
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	people, err := p.svc.PeopleIn(ctx, id, d)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	congresses, err := p.svc.Congresses(ctx, id)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	followers, err := p.svc.FollowersOn(ctx, id, d)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	out := map[string]any{"unit": toUnit(h.Unit), "as_of": d}
	if v, alive := units.VersionOn(h.Versions, d); alive {
		out["on_date"] = apiVersion{ValidFrom: v.ValidFrom, ValidTo: v.ValidTo, Kind: v.Kind, Name: v.Name, ShortName: v.ShortName,
			NameEN: v.NameEN, ParentID: v.ParentID}
	}
	versions := []apiVersion{}
	for _, v := range h.Versions {
		versions = append(versions, apiVersion{ValidFrom: v.ValidFrom, ValidTo: v.ValidTo, Kind: v.Kind, Name: v.Name,
			ShortName: v.ShortName, NameEN: v.NameEN, ParentID: v.ParentID})
	}
	events := []apiEvent{}
	for _, e := range h.Events {
		events = append(events, toEvent(e))
	}
	positions := []apiPosition{}
	for _, pos := range people {
		positions = append(positions, toPosition(pos))
	}
	cs := []apiCongress{}
	for _, c := range congresses {
		cs = append(cs, apiCongress{ID: c.ID, Kind: c.Kind, Number: c.Number, From: c.From, To: c.To, TermFromYear: c.TermFromYear,
			TermToYear: c.TermToYear, ExecutiveSize: c.ExecutiveSize, ExecutiveAlternates: c.ExecutiveAlternates,
			StandingSize: c.StandingSize, Place: c.Place, apiDecision: toDecision(c.Decision), Note: c.Note})
	}
	out["versions"], out["events"], out["people"], out["congresses"] = versions, events, positions, cs
	out["successors"], out["predecessors"], out["followers"] = toSuccessors(h.Successors), toSuccessors(h.Predecessors), toAssignments(followers)
	web.WriteJSON(w, http.StatusOK, out)
}

// apiUnitInput is the body of POST /api/v1/units.
type apiUnitInput struct {
	Code          string          `json:"code"`
	Kind          units.Kind      `json:"kind"`
	Name          string          `json:"name"`
	ShortName     string          `json:"short_name"`
	NameEN        string          `json:"name_en"`
	IssuerCode    string          `json:"issuer_code"`
	AdminCode     string          `json:"admin_code"`
	ParentID      int64           `json:"parent_id"`
	ValidFrom     civil.Date      `json:"valid_from"`
	FromPrecision units.Precision `json:"from_precision"`
	EstSymbol     string          `json:"established_symbol"`
	EstDate       civil.Date      `json:"established_date"`
	EstIssuerID   int64           `json:"established_issuer_id"`
	EstIssuer     string          `json:"established_issuer"`
	ValidTo       civil.Date      `json:"valid_to"`
	EndSymbol     string          `json:"ended_symbol"`
	EndDate       civil.Date      `json:"ended_date"`
	EndIssuerID   int64           `json:"ended_issuer_id"`
	EndIssuer     string          `json:"ended_issuer"`
	Note          string          `json:"note"`
}

func (p *Pages) apiCreate(w http.ResponseWriter, r *http.Request) {
	var in apiUnitInput
	if err := web.DecodeJSON(r, &in); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	u, err := p.svc.Create(r.Context(), units.UnitInput{Code: in.Code, Kind: in.Kind, Name: in.Name, ShortName: in.ShortName,
		NameEN: in.NameEN, IssuerCode: in.IssuerCode, AdminCode: in.AdminCode, ParentID: in.ParentID, ValidFrom: in.ValidFrom,
		FromPrecision: in.FromPrecision,
		Established:   units.Decision{Symbol: in.EstSymbol, Date: in.EstDate, IssuerID: in.EstIssuerID, Issuer: in.EstIssuer},
		ValidTo:       in.ValidTo, Ended: units.Decision{Symbol: in.EndSymbol, Date: in.EndDate, IssuerID: in.EndIssuerID, Issuer: in.EndIssuer},
		Note: in.Note})
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, toUnit(u))
}

func (p *Pages) apiUpdate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Version    int    `json:"version"`
		Code       string `json:"code"`
		IssuerCode string `json:"issuer_code"`
		AdminCode  string `json:"admin_code"`
		Note       string `json:"note"`
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	u, err := p.svc.Update(r.Context(), pathID(r), in.Version, units.UnitEdit{Code: in.Code, IssuerCode: in.IssuerCode,
		AdminCode: in.AdminCode, Note: in.Note})
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, toUnit(u))
}

func (p *Pages) apiEvent(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Version int `json:"version"`
		apiEvent
	}
	if err := web.DecodeJSON(r, &in); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	ev, err := p.svc.RecordEvent(r.Context(), pathID(r), in.Version, units.EventInput{Kind: in.Kind, EffectiveOn: in.EffectiveOn,
		Precision: in.Precision, Name: in.Name, ShortName: in.ShortName, NameEN: in.NameEN, UnitKind: in.UnitKind,
		ParentID: in.ParentID, RelatedUnitID: in.RelatedUnitID, Decision: in.decision(), Note: in.Note, CorrectsID: in.CorrectsID})
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, toEvent(ev))
}

func (p *Pages) apiPeople(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	list, err := p.svc.ListPeople(r.Context(), units.PeopleFilter{Text: q.Get("q"), Offset: (page - 1) * 100, Limit: 100})
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	type person struct {
		ID       int64  `json:"id"`
		FullName string `json:"full_name"`
		Note     string `json:"note,omitempty"`
		Version  int    `json:"version"`
	}
	items := []person{}
	for _, pe := range list.Items {
		items = append(items, person{pe.ID, pe.FullName, pe.Note, pe.Version})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"total": list.Total, "page": page, "items": items})
}

func (p *Pages) apiPerson(w http.ResponseWriter, r *http.Request) {
	pe, err := p.svc.GetPerson(r.Context(), pathID(r))
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	terms, err := p.svc.PositionsOf(r.Context(), pe.ID)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	positions := []apiPosition{}
	for _, t := range terms {
		positions = append(positions, toPosition(t))
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"id": pe.ID, "full_name": pe.FullName, "note": pe.Note,
		"version": pe.Version, "positions": positions})
}

func (p *Pages) apiAddPosition(w http.ResponseWriter, r *http.Request) {
	var in apiPosition
	if err := web.DecodeJSON(r, &in); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	pos, err := p.svc.AddPosition(r.Context(), in.input())
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, toPosition(pos))
}

func (p *Pages) apiAssignments(w http.ResponseWriter, r *http.Request) {
	d, err := queryDate(r, "as_of")
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	f := queryForm(r)
	filter := units.AssignmentFilter{On: d, UserID: f.id("user_id"), UnitID: f.id("unit_id")}
	if err := f.err(); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	list, err := p.svc.ListAssignments(r.Context(), filter)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"as_of": d, "items": toAssignments(list)})
}
