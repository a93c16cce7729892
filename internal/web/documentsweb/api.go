package documentsweb

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/documents"
	"noichinh/internal/validate"
	"noichinh/internal/web"
)

// The JSON API makes the same service calls as the pages. Dates are ISO
// (YYYY-MM-DD, "" when unknown); classifications are codes (normal, secret,
// top_secret, most_secret).

func (p *Pages) registerAPI() {
	listParams := []web.APIParam{
		{Name: "q", In: "query", Description: "words of the symbol, number, issuer or summary, any accents"},
		{Name: "kind", In: "query", Description: "document kind: directive, plan, decision…"},
		{Name: "issuer", In: "query", Description: "issuing unit ID"},
		{Name: "field", In: "query", Description: "internal_affairs, anticorruption or judicial_reform"},
		{Name: "status", In: "query", Description: "in_force, amended, replaced or expired"},
		{Name: "advised", In: "query", Description: "1: advised by the Committee; 0: not"},
		{Name: "from", In: "query", Description: "issued on or after (YYYY-MM-DD or dd/mm/yyyy)"},
		{Name: "to", In: "query", Description: "issued on or before"},
		{Name: "year", In: "query", Description: "issued in this year"},
		{Name: "ids", In: "query", Description: "comma-separated document IDs"},
		{Name: "sort", In: "query", Description: "issued (newest first; dir=asc for oldest), symbol or updated"},
		{Name: "page", In: "query", Description: "page number, from 1"},
		{Name: "per_page", In: "query", Description: "documents per page (≤ 500, default 50)"},
	}
	id := web.APIParam{Name: "id", In: "path", Description: "document ID", Required: true}
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/documents", Summary: "List documents",
		Perm: access.DocsRead, Params: listParams,
		Response: map[string]any{"items": []apiDocument{exampleDocument()}, "total": 1, "page": 1, "per_page": 50}}, p.apiList)
	p.app.HandleAPI(web.APIOp{Method: "POST", Path: "/api/v1/documents",
		Summary: "Register a document (body: symbol, kind, number, issuer_unit_id, issuer_name, issued_on, summary, fields, " +
			"advised_by_committee, classification, notes, body, auto_number)", Perm: access.DocsWrite,
		Response: exampleDocument()}, p.apiCreate)
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/documents/{id}",
		Summary: "A document with its relations both ways and its attachments", Perm: access.DocsRead,
		Params: []web.APIParam{id}}, p.apiGet)
	p.app.HandleAPI(web.APIOp{Method: "PUT", Path: "/api/v1/documents/{id}",
		Summary: "Correct a document (the body of POST with the version read; 409 when it changed meanwhile)",
		Perm:    access.DocsWrite, Params: []web.APIParam{id}}, p.apiUpdate)
	p.app.HandleAPI(web.APIOp{Method: "POST", Path: "/api/v1/documents/{id}/relations",
		Summary: "Relate the document to another (body: type, to_id or target {symbol, kind, number, issued, issuer, summary}, note)",
		Perm:    access.DocsWrite, Params: []web.APIParam{id}}, p.apiAddRelation)
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/documents/{id}/graph",
		Summary: "The relation graph around a document, both ways", Perm: access.DocsRead,
		Params: []web.APIParam{id, {Name: "depth", In: "query", Description: "relations to follow, 1–5 (default 2)"}}}, p.apiGraph)
	p.app.HandleAPI(web.APIOp{Method: "POST", Path: "/api/v1/documents/analyze",
		Summary: "Find the documents a text cites (body: {\"text\": …}): citations with byte offsets, documents matched " +
			"to the registry or drafted, relations stated", Perm: access.DocsRead}, p.apiAnalyze)
	p.app.HandleAPI(web.APIOp{Method: "GET", Path: "/api/v1/documents/figures",
		Summary: "Documents advised by the Committee and issued in a period, by field and kind (with the IDs behind " +
			"each count); for the central committee, counts per province", Perm: access.ReportsRead,
		Params: []web.APIParam{{Name: "from", In: "query", Description: "first day (default 1 January of this year)"},
			{Name: "to", In: "query", Description: "last day (default today)"}}}, p.apiFigures)
}

type apiDocument struct {
	ID                 int64     `json:"id"`
	Title              string    `json:"title"`
	Symbol             string    `json:"symbol"`
	Kind               string    `json:"kind"`
	KindCode           string    `json:"kind_code"`
	Number             string    `json:"number"`
	IssuerUnitID       int64     `json:"issuer_unit_id,omitempty"`
	IssuerCode         string    `json:"issuer_code"`
	IssuerName         string    `json:"issuer_name"`
	IssuedOn           string    `json:"issued_on"`
	Summary            string    `json:"summary"`
	Fields             []string  `json:"fields"`
	AdvisedByCommittee bool      `json:"advised_by_committee"`
	Classification     string    `json:"classification"`
	Status             string    `json:"status"`
	StatusSince        string    `json:"status_since"`
	Numbering          string    `json:"numbering"`
	NumberingChecked   bool      `json:"numbering_checked"`
	Notes              string    `json:"notes,omitempty"`
	UpdatedAt          time.Time `json:"updated_at"`
	Version            int       `json:"version"`
	URL                string    `json:"url"`
}

func apiDoc(d documents.Document) apiDocument {
	fields := []string{}
	for _, f := range d.Fields {
		fields = append(fields, string(f))
	}
	return apiDocument{ID: d.ID, Title: d.Title(), Symbol: d.Symbol, Kind: d.Kind, KindCode: d.KindCode, Number: d.Number,
		IssuerUnitID: d.IssuerUnitID, IssuerCode: d.IssuerCode, IssuerName: d.IssuerName, IssuedOn: d.IssuedOn.String(),
		Summary: d.Summary, Fields: fields, AdvisedByCommittee: d.AdvisedByCommittee,
		Classification: d.Classification.Code(), Status: string(d.Status), StatusSince: d.StatusSince.String(),
		Numbering: d.Numbering, NumberingChecked: d.NumberingChecked, Notes: d.Notes, UpdatedAt: d.UpdatedAt,
		Version: d.Version, URL: docURL(d.ID)}
}

func exampleDocument() apiDocument {
	return apiDocument{ID: 42, Title: "48-CT/TW", Symbol: "48-CT/TW", Kind: "directive", KindCode: "CT", Number: "48",
		IssuerUnitID: 2, IssuerCode: "TW", IssuedOn: "2010-10-22",
		Summary: "tăng cường sự lãnh đạo của Đảng đối với công tác phòng, chống tội phạm trong tình hình mới",
		Fields:  []string{"internal_affairs"}, Classification: "normal", Status: "in_force", Numbering: "party",
		NumberingChecked: true, Version: 1, URL: "/documents/42"}
}

// apiInput is a document as a client sends it.
type apiInput struct {
	Symbol             string   `json:"symbol"`
	Kind               string   `json:"kind"`
	Number             string   `json:"number"`
	IssuerUnitID       int64    `json:"issuer_unit_id"`
	IssuerName         string   `json:"issuer_name"`
	IssuedOn           string   `json:"issued_on"`
	Summary            string   `json:"summary"`
	Fields             []string `json:"fields"`
	AdvisedByCommittee bool     `json:"advised_by_committee"`
	Classification     string   `json:"classification"`
	Notes              string   `json:"notes"`
	Body               string   `json:"body"`
	AutoNumber         bool     `json:"auto_number"`
	Version            int      `json:"version,omitempty"`
}

func (a apiInput) input() (documents.Input, validate.Errors) {
	var errs validate.Errors
	in := documents.Input{Symbol: a.Symbol, Kind: a.Kind, Number: a.Number, IssuerUnitID: a.IssuerUnitID,
		IssuerName: a.IssuerName, Summary: a.Summary, AdvisedByCommittee: a.AdvisedByCommittee, Notes: a.Notes,
		Body: a.Body, AutoNumber: a.AutoNumber}
	in.IssuedOn = parseDate(&errs, "issued_on", a.IssuedOn)
	for _, f := range a.Fields {
		in.Fields = append(in.Fields, documents.Field(f))
	}
	if a.Classification != "" {
		c, err := access.ParseClassification(a.Classification)
		if err != nil {
			errs.Add("classification", "error.invalid_choice", nil)
		}
		in.Classification = c
	}
	return in, errs
}

func apiInputOf(d documents.Input) apiInput {
	fields := []string{}
	for _, f := range d.Fields {
		fields = append(fields, string(f))
	}
	return apiInput{Symbol: d.Symbol, Kind: d.Kind, Number: d.Number, IssuerUnitID: d.IssuerUnitID,
		IssuerName: d.IssuerName, IssuedOn: d.IssuedOn.String(), Summary: d.Summary, Fields: fields,
		Classification: d.Classification.Code()}
}

func (p *Pages) apiList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, page, errs := listFilter(q)
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > documents.MaxLimit {
			errs.Add("per_page", "error.invalid_number", nil)
		}
		f.Limit, f.Offset = n, (page-1)*n
	}
	if len(errs) > 0 {
		p.app.APIFail(w, r, errs)
		return
	}
	res, err := p.svc.List(r.Context(), f)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	items := make([]apiDocument, 0, len(res.Items))
	for _, d := range res.Items {
		items = append(items, apiDoc(d))
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"items": items, "total": res.Total, "page": page, "per_page": f.Limit})
}

func (p *Pages) apiCreate(w http.ResponseWriter, r *http.Request) {
	var body apiInput
	if err := web.DecodeJSON(r, &body); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	in, errs := body.input()
	if len(errs) > 0 {
		p.app.APIFail(w, r, errs)
		return
	}
	doc, err := p.svc.Create(r.Context(), in)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/documents/"+strconv.FormatInt(doc.ID, 10))
	web.WriteJSON(w, http.StatusCreated, apiDoc(doc))
}

func (p *Pages) apiUpdate(w http.ResponseWriter, r *http.Request) {
	var body apiInput
	if err := web.DecodeJSON(r, &body); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	in, errs := body.input()
	if len(errs) > 0 {
		p.app.APIFail(w, r, errs)
		return
	}
	doc, err := p.svc.Update(r.Context(), pathID(r, "id"), body.Version, in)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, apiDoc(doc))
}

type apiRelation struct {
	ID     int64     `json:"id"`
	Type   string    `json:"type"`
	FromID int64     `json:"from_id"`
	ToID   int64     `json:"to_id,omitempty"` // absent: the target is not registered
	Target apiTarget `json:"target"`
	Source string    `json:"source"`
	Note   string    `json:"note,omitempty"`
}

type apiTarget struct {
	Symbol  string `json:"symbol,omitempty"`
	Kind    string `json:"kind,omitempty"`
	Number  string `json:"number,omitempty"`
	Issued  string `json:"issued,omitempty"`
	Issuer  string `json:"issuer,omitempty"`
	Summary string `json:"summary,omitempty"`
}

func apiRel(r documents.Relation) apiRelation {
	t := r.Target
	return apiRelation{ID: r.ID, Type: r.Type, FromID: r.FromID, ToID: r.ToID, Source: r.Source, Note: r.Note,
		Target: apiTarget{Symbol: t.Symbol, Kind: t.Kind, Number: t.Number, Issued: t.Issued.String(), Issuer: t.Issuer,
			Summary: t.Summary}}
}

func (p *Pages) apiGet(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := pathID(r, "id")
	doc, err := p.svc.Get(ctx, id)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	out, in, err1 := p.svc.Relations(ctx, id)
	files, err2 := p.svc.Attachments(ctx, id)
	if err := errors.Join(err1, err2); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	rels := func(list []documents.Relation) []apiRelation {
		res := []apiRelation{}
		for _, r := range list {
			res = append(res, apiRel(r))
		}
		return res
	}
	type apiFile struct {
		ID        int64  `json:"id"`
		FileName  string `json:"file_name"`
		MediaType string `json:"media_type"`
		Size      int64  `json:"size"`
		SHA256    string `json:"sha256"`
		URL       string `json:"url"`
	}
	attachments := []apiFile{}
	for _, f := range files {
		attachments = append(attachments, apiFile{f.ID, f.FileName, f.MediaType, f.Size, f.SHA256,
			docURL(id) + "/attachments/" + strconv.FormatInt(f.ID, 10)})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"document": apiDoc(doc), "relations": rels(out),
		"related_from": rels(in), "attachments": attachments})
}

func (p *Pages) apiAddRelation(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Type   string    `json:"type"`
		ToID   int64     `json:"to_id"`
		Target apiTarget `json:"target"`
		Note   string    `json:"note"`
	}
	if err := web.DecodeJSON(r, &body); err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	var errs validate.Errors
	t := documents.Target{Symbol: body.Target.Symbol, Kind: body.Target.Kind, Number: body.Target.Number,
		Issuer: body.Target.Issuer, Summary: body.Target.Summary}
	t.Issued = parseDate(&errs, "target.issued", body.Target.Issued)
	if len(errs) > 0 {
		p.app.APIFail(w, r, errs)
		return
	}
	rel, err := p.svc.AddRelation(r.Context(), documents.RelationInput{FromID: pathID(r, "id"), ToID: body.ToID,
		Target: t, Type: body.Type, Note: body.Note})
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, apiRel(rel))
}

func (p *Pages) apiGraph(w http.ResponseWriter, r *http.Request) {
	depth := defaultDepth
	if v := r.URL.Query().Get("depth"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			p.app.APIFail(w, r, validate.Errors{{Field: "depth", Key: "error.invalid_number"}})
			return
		}
		depth = n
	}
	g, err := p.svc.Graph(r.Context(), pathID(r, "id"), depth)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	type node struct {
		Key        string       `json:"key"`
		Depth      int          `json:"depth"`
		Registered bool         `json:"registered"`
		Document   *apiDocument `json:"document,omitempty"`
		Target     *apiTarget   `json:"target,omitempty"`
		Draft      *apiInput    `json:"draft,omitempty"`
	}
	type edge struct {
		RelationID int64  `json:"relation_id"`
		From       string `json:"from"`
		To         string `json:"to"`
		Type       string `json:"type"`
		Source     string `json:"source"`
	}
	nodes, edges := []node{}, []edge{}
	for _, n := range g.Nodes {
		nv := node{Key: n.Key, Depth: n.Depth, Registered: n.Registered}
		if n.Registered {
			d := apiDoc(n.Document)
			nv.Document = &d
		} else {
			t := apiRel(documents.Relation{Target: n.Target}).Target
			d := apiInputOf(n.Draft)
			nv.Target, nv.Draft = &t, &d
		}
		nodes = append(nodes, nv)
	}
	for _, e := range g.Edges {
		edges = append(edges, edge{e.RelationID, e.From, e.To, e.Type, e.Source})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"root": g.Root, "nodes": nodes, "edges": edges})
}

func (p *Pages) apiAnalyze(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Text string `json:"text"`
	}
	// A text may be longer than DecodeJSON's limit for records.
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, documents.MaxAnalyzedText+1<<16))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		p.app.APIFail(w, r, validate.Errors{{Key: "error.invalid_json", Params: map[string]any{"detail": err.Error()}}})
		return
	}
	a, err := p.svc.Analyze(r.Context(), body.Text)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	type ref struct {
		Start    int    `json:"start"`
		End      int    `json:"end"`
		Document int    `json:"document"`
		Text     string `json:"text"`
	}
	type doc struct {
		Key        string        `json:"key"`
		Name       string        `json:"name"`
		Registered bool          `json:"registered"`
		Match      *apiDocument  `json:"match,omitempty"`
		Candidates []apiDocument `json:"candidates,omitempty"`
		Draft      *apiInput     `json:"draft,omitempty"`
	}
	type rel struct {
		From     int    `json:"from"`
		To       int    `json:"to"`
		Type     string `json:"type"`
		Recorded bool   `json:"recorded"`
	}
	refs, docs, rels := []ref{}, []doc{}, []rel{}
	for _, x := range a.References {
		refs = append(refs, ref{x.Start, x.End, x.Document, body.Text[x.Start:x.End]})
	}
	for _, d := range a.Documents {
		dv := doc{Key: d.Key, Name: d.Name, Registered: d.Known()}
		if d.Match != nil {
			m := apiDoc(*d.Match)
			dv.Match = &m
		} else {
			in := apiInputOf(d.Draft.Input)
			dv.Draft = &in
			for _, c := range d.Candidates {
				dv.Candidates = append(dv.Candidates, apiDoc(c))
			}
		}
		docs = append(docs, dv)
	}
	for _, x := range a.Relations {
		rels = append(rels, rel{x.From, x.To, x.Type, x.Recorded})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"references": refs, "documents": docs, "relations": rels})
}

func (p *Pages) apiFigures(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	actor := access.FromContext(ctx)
	period, errs := periodOf(r.URL.Query(), civil.Today())
	if len(errs) > 0 {
		p.app.APIFail(w, r, errs)
		return
	}
	periodJSON := map[string]string{"from": period.From.String(), "to": period.To.String()}
	if actor.Can(access.ConsolidatedRead) {
		c, err := p.svc.AdvisedConsolidated(ctx, period)
		if err == nil {
			counts := func(c documents.Counts) map[string]any {
				return map[string]any{"total": c.Total, "by_field": c.ByField, "by_kind": c.ByKind}
			}
			provinces := []map[string]any{}
			for _, pc := range c.Provinces {
				provinces = append(provinces, map[string]any{"org_id": pc.OrgID, "code": pc.Code, "name": pc.Name,
					"counts": counts(pc.Counts)})
			}
			web.WriteJSON(w, http.StatusOK, map[string]any{"period": periodJSON, "total": counts(c.Total),
				"provinces": provinces})
			return
		}
		if !errors.Is(err, access.ErrForbidden) {
			p.app.APIFail(w, r, err)
			return
		}
	}
	f, err := p.svc.Advised(ctx, period)
	if err != nil {
		p.app.APIFail(w, r, err)
		return
	}
	links := actor.Can(access.DocsRead)
	fig := func(x documents.Figure) map[string]any {
		m := map[string]any{"count": x.Count}
		if links {
			m["document_ids"] = x.DocumentIDs
			m["list_url"] = (&figuresView{}).ListURL(x.Filter)
		}
		return m
	}
	byField, byKind := []map[string]any{}, []map[string]any{}
	for _, x := range f.ByField {
		m := fig(x.Figure)
		m["field"] = x.Field
		byField = append(byField, m)
	}
	for _, x := range f.ByKind {
		m := fig(x.Figure)
		m["kind"] = x.Kind
		byKind = append(byKind, m)
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"period": periodJSON, "total": fig(f.Total),
		"by_field": byField, "by_kind": byKind})
}
