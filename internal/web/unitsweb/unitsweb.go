// Package unitsweb is the organisation module's pages and JSON API: the unit
// tree as of any date, a unit's page with its names over time, its history,
// the people in its posts and the staff who follow it; people and their
// terms; staff assignments; steering committees; and, for administrators,
// the reference data (CSV imports and the former → current mapping).
// Handlers parse input and call units.Service; no SQL and no business rule
// lives here.
package unitsweb

import (
	"embed"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/units"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

//go:embed templates
var templates embed.FS

// Templates are the module's page templates, for the catalog test.
var Templates = templates

// Pages serves the organisation module.
type Pages struct {
	app *web.App
	svc *units.Service
}

// Register adds the module's pages, navigation, home block and API to app.
func Register(app *web.App, svc *units.Service) {
	p := &Pages{app: app, svc: svc}
	app.AddTemplates(templates)
	app.AddNav(web.NavItem{Group: "nav.group.organisation", Key: "nav.units", Path: "/units", Perm: access.OrgRead, Order: 10})
	app.AddNav(web.NavItem{Group: "nav.group.organisation", Key: "units.nav.people", Path: "/people", Perm: access.OrgRead, Order: 12})
	app.AddNav(web.NavItem{Group: "nav.group.organisation", Key: "units.nav.assignments", Path: "/assignments", Perm: access.OrgRead, Order: 14})
	app.AddNav(web.NavItem{Group: "nav.group.organisation", Key: "units.nav.steering", Path: "/steering", Perm: access.OrgRead, Order: 16})
	app.AddNav(web.NavItem{Group: "nav.group.admin", Key: "units.nav.refdata", Path: "/units/import", Perm: access.SettingsAdmin, Order: 40})
	app.AddHomeWidget(web.HomeWidget{Perm: access.OrgWrite, Render: p.homeBlock})

	r := app.Router()
	read, write, admin := web.Need(access.OrgRead), web.Need(access.OrgWrite), web.Need(access.SettingsAdmin)
	r.HandleFunc("GET /units", read, p.list)
	r.HandleFunc("GET /units/new", write, p.newUnit)
	r.HandleFunc("POST /units", write, p.createUnit)
	r.HandleFunc("GET /units/{id}", read, p.show)
	r.HandleFunc("POST /units/{id}", write, p.updateUnit)
	r.HandleFunc("POST /units/{id}/events", write, p.recordEvent)
	r.HandleFunc("POST /units/{id}/positions", write, p.addUnitPosition)
	r.HandleFunc("POST /units/{id}/congresses", write, p.addCongress)
	r.HandleFunc("POST /congresses/{id}/delete", write, p.deleteCongress)

	r.HandleFunc("GET /units/import", admin, p.importPage)
	r.HandleFunc("POST /units/import", admin, p.importFile)
	r.HandleFunc("POST /units/import/builtin", admin, p.importBuiltin)
	r.HandleFunc("GET /units/import/files/{name}", admin, p.referenceFile)
	r.HandleFunc("POST /units/successors", admin, p.addSuccessor)
	r.HandleFunc("POST /units/successors/{id}/delete", admin, p.removeSuccessor)

	r.HandleFunc("GET /people", read, p.people)
	r.HandleFunc("POST /people", write, p.createPerson)
	r.HandleFunc("GET /people/{id}", read, p.person)
	r.HandleFunc("POST /people/{id}", write, p.updatePerson)
	r.HandleFunc("POST /people/{id}/delete", write, p.deletePerson)
	r.HandleFunc("POST /people/{id}/positions", write, p.addPersonPosition)
	r.HandleFunc("GET /positions/{id}", read, p.position)
	r.HandleFunc("POST /positions/{id}", write, p.updatePosition)
	r.HandleFunc("POST /positions/{id}/delete", write, p.deletePosition)

	r.HandleFunc("GET /assignments", read, p.assignments)
	r.HandleFunc("POST /assignments", write, p.assign)
	r.HandleFunc("POST /assignments/{id}/end", write, p.endAssignment)
	r.HandleFunc("POST /assignments/{id}/delete", write, p.deleteAssignment)

	r.HandleFunc("GET /steering", read, p.steeringList)
	r.HandleFunc("GET /steering/{id}", read, p.steering)
	r.HandleFunc("POST /steering/{id}/members", write, p.addSteeringMember)
	r.HandleFunc("POST /steering/members/{id}/delete", write, p.deleteSteeringMember)

	p.registerAPI()
}

// pathID is the {id} of the path, 0 when it is not a number (the service
// then answers not found).
func pathID(r *http.Request) int64 {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}

// form reads posted or query fields, collecting the errors of what cannot
// be parsed (a date, a number) under the field's name.
type form struct {
	get  func(string) string
	errs validate.Errors
}

func postForm(r *http.Request) *form {
	_ = r.ParseForm()
	return &form{get: r.PostForm.Get}
}

func queryForm(r *http.Request) *form { return &form{get: r.URL.Query().Get} }

func (f *form) str(name string) string { return strings.TrimSpace(f.get(name)) }

// id reads a record id: empty is 0, anything else not a positive number is
// an invalid choice.
func (f *form) id(name string) int64 {
	s := f.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		f.errs.Add(name, "error.invalid_choice", nil)
		return 0
	}
	return n
}

// num reads a whole number: empty is 0.
func (f *form) num(name string) int {
	s := strings.ReplaceAll(f.str(name), ".", "")
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		f.errs.Add(name, "error.invalid_number", nil)
		return 0
	}
	return n
}

// version reads the hidden version of an edited record.
func (f *form) version() int {
	n, _ := strconv.Atoi(f.str("version"))
	return n
}

// date reads a date as people write it (22/10/2010, 22-10-2010, ngày 22
// tháng 10 năm 2010) or as ISO (2010-10-22): empty is the zero date.
func (f *form) date(name string) civil.Date {
	s := f.str(name)
	if s == "" {
		return civil.Date{}
	}
	d, err := vntext.ParseDate(s)
	if err != nil {
		f.errs.Add(name, "error.invalid_date", nil)
		return civil.Date{}
	}
	return d
}

// decision reads the fields prefix+symbol, date, issuer_id, issuer.
func (f *form) decision(prefix string) units.Decision {
	return units.Decision{Symbol: f.str(prefix + "symbol"), Date: f.date(prefix + "date"),
		IssuerID: f.id(prefix + "issuer_id"), Issuer: f.str(prefix + "issuer")}
}

// err is the parse errors, or nil.
func (f *form) err() error { return f.errs.Err() }

// prefixed renames the fields of validation errors for a form whose inputs
// carry a prefix (several forms on one page); other errors pass unchanged.
func prefixed(err error, prefix string) error {
	errs, ok := validate.As(err)
	if !ok || prefix == "" {
		return err
	}
	out := make(validate.Errors, len(errs))
	for i, e := range errs {
		if e.Field != "" {
			e.Field = prefix + e.Field
		}
		out[i] = e
	}
	return out
}

// invalid reports whether err is for the person to fix: field errors or a
// stale version.
func invalid(err error) bool {
	_, ok := validate.As(err)
	return ok || errors.Is(err, store.ErrConflict)
}

// status is the HTTP status of a form shown again after err.
func status(err error) int {
	if errors.Is(err, store.ErrConflict) {
		return http.StatusConflict
	}
	return http.StatusUnprocessableEntity
}

// conflictErr is the message shown for a stale version.
var conflictErr = validate.Errors{{Key: "error.conflict"}}

// formErr turns a service error into what the form shows: field errors as
// they are, a stale version as the conflict message.
func formErr(err error) error {
	if errors.Is(err, store.ErrConflict) {
		return conflictErr
	}
	return err
}

// asOf reads the as_of query parameter: empty is today; a date that cannot
// be read is reported beside the field and today is used.
func asOf(r *http.Request) (civil.Date, *form) {
	f := queryForm(r)
	d := f.date("as_of")
	if d.IsZero() {
		d = civil.Today()
	}
	return d, f
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
