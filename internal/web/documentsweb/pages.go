// Package documentsweb is the documents module's pages and JSON API: the
// registry list with its filters, the registration and correction forms
// (with the Committee's next number), a document's page with its history,
// attachments, relations and relation graph, the paste-a-text analysis that
// registers what a text cites, and the figures of the documents the
// Committee advised. Handlers call documents.Service only.
package documentsweb

import (
	"embed"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/documents"
	"noichinh/internal/i18n"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

//go:embed templates
var templates embed.FS

// Pages are the documents module's handlers.
type Pages struct {
	app *web.App
	svc *documents.Service
}

// Register adds the documents pages, API and navigation entry to app.
// accts gives the signed-in user's language for page titles.
func Register(app *web.App, svc *documents.Service) {
	p := &Pages{app: app, svc: svc}
	app.AddTemplates(templates)
	app.AddNav(web.NavItem{Group: "nav.group.work", Key: "nav.documents", Path: "/documents", Perm: access.DocsRead, Order: 60})
	app.AddNav(web.NavItem{Group: "nav.group.reports", Key: "nav.documents_figures", Path: "/documents/figures",
		Perm: access.ReportsRead, Order: 20})
	r := app.Router()
	read, write := web.Need(access.DocsRead), web.Need(access.DocsWrite)
	r.HandleFunc("GET /documents", read, p.list)
	r.HandleFunc("GET /documents/new", write, p.newForm)
	r.HandleFunc("POST /documents", write, p.create)
	r.HandleFunc("GET /documents/{id}", read, p.show)
	r.HandleFunc("GET /documents/{id}/edit", write, p.editForm)
	r.HandleFunc("POST /documents/{id}", write, p.update)
	r.HandleFunc("POST /documents/{id}/status", write, p.declareStatus)
	r.HandleFunc("POST /documents/{id}/relations", write, p.addRelation)
	r.HandleFunc("POST /documents/{id}/relations/{rel}/delete", write, p.removeRelation)
	r.HandleFunc("POST /documents/{id}/attachments", write, p.upload)
	r.HandleFunc("GET /documents/{id}/attachments/{att}", read, p.download)
	r.HandleFunc("POST /documents/{id}/attachments/{att}/delete", write, p.removeAttachment)
	r.HandleFunc("GET /documents/analyze", read, p.analyzeForm)
	r.HandleFunc("POST /documents/analyze", read, p.analyze)
	r.HandleFunc("POST /documents/analyze/register", write, p.registerFound)
	r.HandleFunc("GET /documents/figures", web.Need(access.ReportsRead), p.figures)
	p.registerAPI()
}

// lang is the request's language (page titles are set before rendering).
func (p *Pages) lang(r *http.Request) i18n.Lang { return p.app.Lang(r) }

func (p *Pages) title(r *http.Request, key string, kv ...any) string {
	return (&web.Page{Lang: p.lang(r)}).T(key, kv...)
}

// pathID is a numeric path parameter; 0 when it is not one (no record has it).
func pathID(r *http.Request, name string) int64 {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}

// docURL is a document's page.
func docURL(id int64) string { return "/documents/" + strconv.FormatInt(id, 10) }

// parseDate reads a date typed the Vietnamese way (22/10/2010) or in ISO
// form; the zero date for an empty value, and a field error otherwise.
func parseDate(errs *validate.Errors, field, value string) civil.Date {
	value = strings.TrimSpace(value)
	if value == "" {
		return civil.Date{}
	}
	d, err := vntext.ParseDate(value)
	if err != nil {
		errs.Add(field, "error.invalid_date", nil)
		return civil.Date{}
	}
	return d
}

// option lists for the select partial: [value, label key].

func kindOptions(blank string) [][2]string {
	var out [][2]string
	if blank != "" {
		out = append(out, [2]string{"", blank})
	}
	for _, k := range documents.Kinds() {
		out = append(out, [2]string{k, "documents.kind." + k})
	}
	return out
}

func fieldOptions(blank string) [][2]string {
	out := [][2]string{{"", blank}}
	for _, f := range documents.Fields {
		out = append(out, [2]string{string(f), "documents.field." + string(f)})
	}
	return out
}

func statusOptions(blank string) [][2]string {
	out := [][2]string{{"", blank}}
	for _, s := range documents.Statuses {
		out = append(out, [2]string{string(s), "documents.status." + string(s)})
	}
	return out
}

func relationOptions() [][2]string {
	var out [][2]string
	for _, t := range documents.RelationTypes {
		out = append(out, [2]string{t, "documents.relation." + t})
	}
	return out
}

// clearanceOptions are the classifications a user may give a document:
// none above their own clearance.
func clearanceOptions(actor *access.Actor) [][2]string {
	var out [][2]string
	for _, c := range access.Classifications {
		if actor.Sees(c) {
			out = append(out, [2]string{strconv.Itoa(int(c)), "classification." + c.Code()})
		}
	}
	return out
}

// issuerGroups splits the issuers for a select: the bodies with an issuer
// code, then the other units.
type issuerGroups struct {
	Coded, Other []documents.Issuer
}

func groupIssuers(all []documents.Issuer) issuerGroups {
	var g issuerGroups
	for _, i := range all {
		if i.IssuerCode != "" {
			g.Coded = append(g.Coded, i)
		} else {
			g.Other = append(g.Other, i)
		}
	}
	return g
}

// issuerNames maps unit IDs to names, for lists and pages.
func issuerNames(all []documents.Issuer) map[int64]string {
	m := make(map[int64]string, len(all))
	for _, i := range all {
		m[i.ID] = i.Name
	}
	return m
}

// shortNames maps unit IDs to their short names ("Ban Thường vụ Tỉnh ủy"), for tables.
func shortNames(all []documents.Issuer) map[int64]string {
	m := make(map[int64]string, len(all))
	for _, i := range all {
		m[i.ID] = i.Name
		if i.ShortName != "" {
			m[i.ID] = i.ShortName
		}
	}
	return m
}

// issuerLabel is how a document's issuer is shown: the unit's name, else
// the name the document was registered with.
func issuerLabel(d documents.Document, names map[int64]string) string {
	if n, ok := names[d.IssuerUnitID]; ok && d.IssuerUnitID != 0 {
		return n
	}
	return d.IssuerName
}

// newURL is the registration form pre-filled from what a text or a relation
// says of a document not yet registered.
func newURL(in documents.Input) string {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("kind", in.Kind)
	set("symbol", in.Symbol)
	if in.Symbol == "" {
		set("number", in.Number)
	}
	set("issued_on", vntext.Date(in.IssuedOn))
	if in.IssuerUnitID != 0 {
		q.Set("issuer_unit_id", strconv.FormatInt(in.IssuerUnitID, 10))
	}
	set("issuer_name", in.IssuerName)
	set("summary", in.Summary)
	if len(q) == 0 {
		return "/documents/new"
	}
	return "/documents/new?" + q.Encode()
}
