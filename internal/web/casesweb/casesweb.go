// Package casesweb is the cases module's pages and JSON API: the list of
// cases with its filters, sorting and saved filters; the case record form;
// a case's page with its facts, current level, stage and deadline (with the
// rule it was computed under) and its whole timeline, where every kind of
// event is recorded, corrected or retracted; the due-soon and overdue
// lists; the period figures with drill-down to the cases behind every
// number, the report paragraph and a chart, and the central committee's
// consolidation. Handlers call cases.Service only.
package casesweb

import (
	"embed"
	"net/http"
	"strconv"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/cases"
	"noichinh/internal/civil"
	"noichinh/internal/i18n"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

//go:embed templates
var templates embed.FS

// Pages are the cases module's handlers.
type Pages struct {
	app *web.App
	svc *cases.Service
}

// Register adds the cases pages, API, navigation entries and home block to app.
func Register(app *web.App, svc *cases.Service) {
	p := &Pages{app: app, svc: svc}
	app.AddTemplates(templates)
	app.AddNav(web.NavItem{Group: "nav.group.work", Key: "nav.cases", Path: "/cases", Perm: access.CasesRead, Order: 10})
	app.AddNav(web.NavItem{Group: "nav.group.reports", Key: "nav.cases_figures", Path: "/cases/figures",
		Perm: access.ReportsRead, Order: 15})
	r := app.Router()
	read, write := web.Need(access.CasesRead), web.Need(access.CasesWrite)
	r.HandleFunc("GET /cases", read, p.list)
	r.HandleFunc("GET /cases/due", read, p.due)
	r.HandleFunc("GET /cases/figures", web.Need(access.ReportsRead), p.figures)
	r.HandleFunc("GET /cases/new", write, p.newForm)
	r.HandleFunc("POST /cases", write, p.create)
	r.HandleFunc("GET /cases/{id}", read, p.show)
	r.HandleFunc("GET /cases/{id}/edit", write, p.editForm)
	r.HandleFunc("POST /cases/{id}", write, p.update)
	r.HandleFunc("POST /cases/{id}/events", write, p.record)
	r.HandleFunc("POST /cases/{id}/events/{event}/correct", write, p.correct)
	r.HandleFunc("POST /cases/{id}/events/{event}/retract", write, p.retract)
	p.registerAPI()
	app.AddHomeWidget(web.HomeWidget{Perm: access.CasesRead, Render: p.homeBlock})
}

// t translates for the request's language (page titles, labels built in Go).
func (p *Pages) t(r *http.Request, key string, kv ...any) string {
	return (&web.Page{Lang: p.app.Lang(r)}).T(key, kv...)
}

func (p *Pages) lang(r *http.Request) i18n.Lang { return p.app.Lang(r) }

// pathID is a numeric path parameter; 0 when it is not one (no record has it).
func pathID(r *http.Request, name string) int64 {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// caseURL is a case's page.
func caseURL(id int64) string { return "/cases/" + itoa(id) }

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

// parseID reads a record id from a form or query value; 0 for none.
func parseID(errs *validate.Errors, field, value string) int64 {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0
	}
	id, err := strconv.ParseInt(value, 10, 64)
	if err != nil || id <= 0 {
		errs.Add(field, "error.invalid_choice", nil)
		return 0
	}
	return id
}

// Option lists for the select partial: [value, label key].

func kindOptions(blank string) [][2]string {
	var out [][2]string
	if blank != "" {
		out = append(out, [2]string{"", blank})
	}
	for _, k := range cases.Kinds {
		out = append(out, [2]string{string(k), "cases.kind." + string(k)})
	}
	return out
}

func fieldOptions(blank string) [][2]string {
	out := [][2]string{{"", blank}}
	for _, f := range cases.Fields {
		out = append(out, [2]string{string(f), "cases.field." + string(f)})
	}
	return out
}

func stageOptions(blank string) [][2]string {
	var out [][2]string
	if blank != "" {
		out = append(out, [2]string{"", blank})
	}
	for _, s := range cases.Stages {
		out = append(out, [2]string{string(s), "cases.stage." + string(s)})
	}
	return out
}

func levelOptions() [][2]string {
	var out [][2]string
	for _, l := range cases.Levels {
		out = append(out, [2]string{string(l), "cases.level." + string(l)})
	}
	return out
}

func offenceOptions() [][2]string {
	out := [][2]string{{"", "cases.form.offence_unknown"}}
	for _, c := range cases.OffenceClasses {
		out = append(out, [2]string{string(c), "cases.offence." + string(c)})
	}
	return out
}

// clearanceOptions are the classifications a user may give a case: none
// above their own clearance.
func clearanceOptions(actor *access.Actor) [][2]string {
	var out [][2]string
	for _, c := range access.Classifications {
		if actor.Sees(c) {
			out = append(out, [2]string{strconv.Itoa(int(c)), "classification." + c.Code()})
		}
	}
	return out
}

// unitGroup is the units of one kind, for a picker.
type unitGroup struct {
	Kind  string // message key of the kind
	Units []cases.UnitChoice
}

// Kinds of units offered where a place is asked for, and where an agency is.
var (
	localityKinds = []string{"province", "district", "commune", "ward"}
	agencyKinds   = []string{"procedural_agency", "state_agency"}
)

// groupUnits picks the units of some kinds (all kinds when none), grouped
// in the order of kinds.
func groupUnits(all []cases.UnitChoice, kinds ...string) []unitGroup {
	var out []unitGroup
	index := map[string]int{}
	for _, k := range kinds {
		index[k] = len(out)
		out = append(out, unitGroup{Kind: "units.kind." + k})
	}
	for _, u := range all {
		i, ok := index[u.Kind]
		if !ok {
			if len(kinds) > 0 {
				continue
			}
			i = len(out)
			index[u.Kind] = i
			out = append(out, unitGroup{Kind: "units.kind." + u.Kind})
		}
		out[i].Units = append(out[i].Units, u)
	}
	kept := out[:0]
	for _, g := range out {
		if len(g.Units) > 0 {
			kept = append(kept, g)
		}
	}
	return kept
}

// unitNames maps unit ids to names.
func unitNames(all []cases.UnitChoice) map[int64]string {
	m := make(map[int64]string, len(all))
	for _, u := range all {
		m[u.ID] = u.Name
	}
	return m
}

// dueClass tells how urgent a case's deadline is today: "overdue", "soon"
// (within cases.DueSoonDays) or "".
func dueClass(c *cases.Case, today civil.Date) string {
	if c.Deadline.Status != cases.Running || c.Deadline.DueOn.IsZero() {
		return ""
	}
	switch {
	case c.Deadline.DueOn.Before(today):
		return "overdue"
	case !c.Deadline.DueOn.After(today.AddDays(cases.DueSoonDays)):
		return "soon"
	}
	return ""
}
