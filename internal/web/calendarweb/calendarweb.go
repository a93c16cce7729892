// Package calendarweb is the calendar's administration pages and JSON API:
// a year's days off and worked days with where each comes from (the law,
// the government's schedule, an administrator's override), the forms to
// add and delete an override, mark a year's schedule as published and
// import the government's schedule file, a deadline calculator that
// explains its answer, and the versioned legal time limits with a form for
// a new version. Handlers parse input and call caldata.Service; no SQL and
// no business rule lives here.
package calendarweb

import (
	"embed"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/caldata"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

//go:embed templates
var templates embed.FS

// Templates are the module's page templates, for the catalog test.
var Templates = templates

// Pages serves the calendar's administration.
type Pages struct {
	app *web.App
	svc *caldata.Service
}

// Register adds the page, its navigation entry and the API to app.
func Register(app *web.App, svc *caldata.Service) {
	p := &Pages{app: app, svc: svc}
	app.AddTemplates(templates)
	app.AddNav(web.NavItem{Group: "nav.group.admin", Key: "nav.calendar", Path: "/admin/calendar", Perm: access.SettingsAdmin, Order: 30})
	r := app.Router()
	admin := web.Need(access.SettingsAdmin)
	r.HandleFunc("GET /admin/calendar", admin, p.page)
	r.HandleFunc("POST /admin/calendar/overrides", admin, p.addOverride)
	r.HandleFunc("POST /admin/calendar/days/{day}/delete", admin, p.deleteOverride)
	r.HandleFunc("POST /admin/calendar/years/{year}/confirm", admin, p.confirmYear)
	r.HandleFunc("GET /admin/calendar/years/{year}/schedule.json", admin, p.scheduleFile)
	r.HandleFunc("POST /admin/calendar/import", admin, p.importFile)
	r.HandleFunc("POST /admin/calendar/limits", admin, p.addLimit)
	p.registerAPI()
}

// form reads posted or query fields, collecting the errors of what cannot
// be parsed (a date, a number) under the field's name.
type form struct {
	get  func(string) string
	errs validate.Errors
}

func (f *form) str(name string) string { return strings.TrimSpace(f.get(name)) }

// date reads a date as people write it (10/02/2026, ngày 10 tháng 2 năm
// 2026) or as ISO: empty is the zero date.
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

// num reads a whole number; empty is def.
func (f *form) num(name string, def int) int {
	s := strings.ReplaceAll(f.str(name), ".", "")
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		f.errs.Add(name, "error.invalid_number", nil)
		return def
	}
	return n
}

// unit reads a unit of time; empty is 0 (the service says what is missing).
func (f *form) unit(name string) calendar.Unit {
	var u calendar.Unit
	if s := f.str(name); s != "" && u.UnmarshalText([]byte(s)) != nil {
		f.errs.Add(name, "error.invalid_choice", nil)
	}
	return u
}

// kind reads an override kind; empty or unknown is 0 (the service refuses it).
func (f *form) kind(name string) calendar.OverrideKind {
	var k calendar.OverrideKind
	_ = k.UnmarshalText([]byte(f.str(name)))
	return k
}

// merge puts the parse errors first and the service's after, without
// repeating a field the parse already reported.
func (f *form) merge(err error) error {
	if len(f.errs) == 0 {
		return err
	}
	out := append(validate.Errors(nil), f.errs...)
	if errs, ok := validate.As(err); ok {
		for _, e := range errs {
			if len(f.errs.For("vi", e.Field)) == 0 {
				out = append(out, e)
			}
		}
	}
	return out
}

// prefixed renames the fields of validation errors for a form whose inputs
// carry a prefix; other errors pass unchanged.
func prefixed(err error, prefix string) error {
	errs, ok := validate.As(err)
	if !ok {
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

// formErr turns a stale version into the conflict message.
func formErr(err error) error {
	if errors.Is(err, store.ErrConflict) {
		return validate.Errors{{Key: "error.conflict"}}
	}
	return err
}

func itoa(n int) string { return strconv.Itoa(n) }
