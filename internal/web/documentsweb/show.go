package documentsweb

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"noichinh/internal/civil"
	"noichinh/internal/documents"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/web"
)

// Graph depths a page offers: the neighbours' neighbours by default.
const (
	defaultDepth = 2
	maxPageDepth = 3
)

// showView is a document's page.
type showView struct {
	Doc        documents.Document
	Issuer     string
	Term       string // "XVIII", when the number runs in a known term
	Events     []eventView
	Outgoing   []relView
	Incoming   []relView
	Files      []fileView
	Graph      graphView
	Depth      int
	Depths     []int
	RelTypes   [][2]string
	Declarable [][2]string
}

// fileView is an attachment with its size in kilobytes (rounded up).
type fileView struct {
	documents.Attachment
	KB int64
}

// relView is one relation as a document's page shows it, seen from the
// document: what it implements (outgoing) or what implements it (incoming).
type relView struct {
	ID      int64
	Type    string
	Name    string
	URL     string // "" when the other document is not registered
	Issued  civil.Date
	Summary string
	Source  string
	// Register opens the registration form pre-filled with what the
	// relation says of an unregistered document.
	Register string
}

// eventView is one line of the history.
type eventView struct {
	documents.Event
	Related    string // name of the related document or file
	RelatedURL string
	Type       string   // relation type
	Changed    []string // label keys of corrected fields
}

func (p *Pages) show(w http.ResponseWriter, r *http.Request) {
	p.renderShow(w, r, nil, http.StatusOK)
}

// renderShow shows a document with the errors of one of its forms (relation,
// status, attachment) when err holds any.
func (p *Pages) renderShow(w http.ResponseWriter, r *http.Request, err error, status int) {
	ctx := r.Context()
	id := pathID(r, "id")
	doc, gerr := p.svc.Get(ctx, id)
	if gerr != nil {
		p.app.Fail(w, r, gerr)
		return
	}
	depth, _ := strconv.Atoi(r.URL.Query().Get("depth"))
	if depth < 1 || depth > maxPageDepth {
		depth = defaultDepth
	}
	v := &showView{Doc: doc, Depth: depth, Depths: []int{1, 2, 3}, RelTypes: relationOptions(),
		Declarable: [][2]string{{string(documents.Expired), "documents.status.expired"},
			{string(documents.InForce), "documents.status.in_force"}}}
	issuers, e1 := p.svc.Issuers(ctx)
	terms, e2 := p.svc.Terms(ctx)
	events, e3 := p.svc.History(ctx, id)
	out, in, e4 := p.svc.Relations(ctx, id)
	files, e5 := p.svc.Attachments(ctx, id)
	g, e6 := p.svc.Graph(ctx, id, depth)
	if err := errors.Join(e1, e2, e3, e4, e5, e6); err != nil {
		p.app.Fail(w, r, err)
		return
	}
	v.Issuer = issuerLabel(doc, issuerNames(issuers))
	for _, t := range terms {
		if t.ID == doc.TermID {
			v.Term = t.Roman()
		}
	}
	for _, f := range files {
		v.Files = append(v.Files, fileView{Attachment: f, KB: (f.Size + 1023) / 1024})
	}
	v.Graph = layoutGraph(g)
	byKey := map[string]documents.GraphNode{}
	for _, n := range g.Nodes {
		byKey[n.Key] = n
	}
	for _, rel := range out {
		rv := relView{ID: rel.ID, Type: rel.Type, Name: rel.Target.Name(), Issued: rel.Target.Issued,
			Summary: rel.Target.Summary, Source: rel.Source}
		if rel.ToID != 0 {
			rv.URL = docURL(rel.ToID)
			if n, ok := byKey[fmt.Sprintf("doc:%d", rel.ToID)]; ok {
				rv.Name, rv.Issued, rv.Summary = n.Document.Title(), n.Document.IssuedOn, n.Document.Summary
			}
		} else {
			rv.Register = newURL(draftFor(rel.Target, byKey))
		}
		v.Outgoing = append(v.Outgoing, rv)
	}
	for _, rel := range in {
		rv := relView{ID: rel.ID, Type: rel.Type, URL: docURL(rel.FromID), Source: rel.Source}
		if n, ok := byKey[fmt.Sprintf("doc:%d", rel.FromID)]; ok {
			rv.Name, rv.Issued, rv.Summary = n.Document.Title(), n.Document.IssuedOn, n.Document.Summary
		} else if from, err := p.svc.Get(ctx, rel.FromID); err == nil {
			rv.Name, rv.Issued, rv.Summary = from.Title(), from.IssuedOn, from.Summary
		}
		v.Incoming = append(v.Incoming, rv)
	}
	for _, ev := range events {
		v.Events = append(v.Events, eventOf(ev, byKey))
	}
	pg := &web.Page{Form: p.app.NewForm(r, err), Status: status, Data: v}
	pg.Title = doc.Title()
	p.app.Render(w, r, "documents/show", pg)
}

// draftFor is the registration of an unregistered relation target: the
// graph's draft (with its issuer resolved to a unit) when it has the node.
func draftFor(t documents.Target, nodes map[string]documents.GraphNode) documents.Input {
	for _, n := range nodes {
		if !n.Registered && n.Target.Name() == t.Name() && n.Target.Issued == t.Issued {
			return n.Draft
		}
	}
	in := documents.Input{Symbol: t.Symbol, Kind: t.Kind, IssuedOn: t.Issued, IssuerName: t.Issuer, Summary: t.Summary}
	if t.Symbol == "" {
		in.Number = t.Number
	}
	return in
}

// eventOf reads what the history line needs from an event's data.
func eventOf(ev documents.Event, nodes map[string]documents.GraphNode) eventView {
	v := eventView{Event: ev}
	var data struct {
		Changed  []string `json:"changed"`
		Type     string   `json:"type"`
		Target   string   `json:"target"`
		FileName string   `json:"file_name"`
	}
	_ = json.Unmarshal([]byte(ev.Data), &data)
	for _, c := range data.Changed {
		v.Changed = append(v.Changed, "documents.label."+c)
	}
	v.Type = data.Type
	v.Related = data.Target
	if data.FileName != "" {
		v.Related = data.FileName
	}
	if ev.RelatedDocumentID != 0 {
		v.RelatedURL = docURL(ev.RelatedDocumentID)
		if n, ok := nodes[fmt.Sprintf("doc:%d", ev.RelatedDocumentID)]; ok && v.Related == "" {
			v.Related = n.Document.Title()
		}
	}
	return v
}

func (p *Pages) declareStatus(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	var errs validate.Errors
	on := parseDate(&errs, "effective_on", r.PostFormValue("effective_on"))
	if len(errs) > 0 {
		p.renderShow(w, r, errs, http.StatusUnprocessableEntity)
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	_, err := p.svc.DeclareStatus(r.Context(), pathID(r, "id"), version,
		documents.Status(r.PostFormValue("status")), on, r.PostFormValue("status_note"))
	if errors.Is(err, store.ErrConflict) {
		p.renderShow(w, r, validate.Errors{{Key: "error.conflict"}}, http.StatusConflict)
		return
	}
	if e, ok := validate.As(err); ok {
		for i := range e {
			if e[i].Field == "note" {
				e[i].Field = "status_note"
			}
		}
		p.renderShow(w, r, e, http.StatusUnprocessableEntity)
		return
	}
	p.afterWrite(w, r, err, "documents.status_declared")
}

func (p *Pages) addRelation(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	var errs validate.Errors
	target := documents.Target{Symbol: r.PostFormValue("target.symbol"), Kind: r.PostFormValue("target.kind"),
		Number: r.PostFormValue("target.number")}
	target.Issued = parseDate(&errs, "target.issued", r.PostFormValue("target.issued"))
	if len(errs) > 0 {
		p.renderShow(w, r, errs, http.StatusUnprocessableEntity)
		return
	}
	_, err := p.svc.AddRelation(r.Context(), documents.RelationInput{FromID: pathID(r, "id"), Type: r.PostFormValue("type"),
		Target: target, Note: r.PostFormValue("note")})
	if _, ok := validate.As(err); ok {
		p.renderShow(w, r, err, http.StatusUnprocessableEntity)
		return
	}
	p.afterWrite(w, r, err, "documents.relation_added")
}

func (p *Pages) removeRelation(w http.ResponseWriter, r *http.Request) {
	err := p.svc.RemoveRelation(r.Context(), pathID(r, "rel"))
	p.afterWrite(w, r, err, "documents.relation_removed")
}

// maxUpload bounds an upload request: the largest attachment and the form around it.
const maxUpload = documents.MaxAttachmentSize + 1<<20

func (p *Pages) upload(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	file, header, err := r.FormFile("file")
	if err != nil {
		key := "documents.error.no_file"
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			key = "documents.error.file_too_large"
		}
		p.renderShow(w, r, validate.Errors{{Field: "file", Key: key,
			Params: map[string]any{"max": documents.MaxAttachmentSize >> 20}}}, http.StatusUnprocessableEntity)
		return
	}
	defer file.Close()
	_, err = p.svc.AddAttachment(r.Context(), pathID(r, "id"), header.Filename, file)
	if _, ok := validate.As(err); ok {
		p.renderShow(w, r, err, http.StatusUnprocessableEntity)
		return
	}
	p.afterWrite(w, r, err, "documents.file_attached")
}

func (p *Pages) download(w http.ResponseWriter, r *http.Request) {
	a, content, err := p.svc.OpenAttachment(r.Context(), pathID(r, "att"))
	if err == nil && a.DocumentID != pathID(r, "id") {
		err = store.ErrNotFound
	}
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.MediaType)
	h.Set("Content-Length", strconv.FormatInt(a.Size, 10))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": a.FileName}))
	h.Set("Last-Modified", a.UploadedAt.UTC().Format(time.RFC1123))
	_, _ = io.Copy(w, content)
}

func (p *Pages) removeAttachment(w http.ResponseWriter, r *http.Request) {
	id := pathID(r, "att")
	// The attachment must be one of this document's (the page's form says so).
	files, err := p.svc.Attachments(r.Context(), pathID(r, "id"))
	if err == nil && !slices.ContainsFunc(files, func(a documents.Attachment) bool { return a.ID == id }) {
		err = store.ErrNotFound
	}
	if err == nil {
		err = p.svc.RemoveAttachment(r.Context(), id)
	}
	p.afterWrite(w, r, err, "documents.file_removed")
}

// afterWrite confirms a write on the document's page, or fails.
func (p *Pages) afterWrite(w http.ResponseWriter, r *http.Request, err error, okKey string) {
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	p.app.Flash(r, "ok", okKey)
	http.Redirect(w, r, docURL(pathID(r, "id"))+"#"+url.PathEscape(anchorOf(okKey)), http.StatusSeeOther)
}

// anchorOf is the section of the page a confirmation belongs to.
func anchorOf(okKey string) string {
	switch okKey {
	case "documents.relation_added", "documents.relation_removed":
		return "relations"
	case "documents.file_attached", "documents.file_removed":
		return "files"
	}
	return "history"
}
