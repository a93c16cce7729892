// Package receptionweb is the pages and JSON API of citizen reception
// sessions (kỳ tiếp công dân) and of the commune and ward monthly reports
// (Kết luận 215-KL/TW): the sessions list with the period's totals, the
// session form with its visits, a session's page with the written answer
// owed within 10 working days; a commune clerk's own reports, form, XLSX
// template and upload; the Committee's view of a month (who has not
// reported) and the consolidated figures of a run of months. Handlers call
// petitions.Service and communereport.Service only.
package receptionweb

import (
	"embed"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/petitions"
	"noichinh/internal/petitions/communereport"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

//go:embed templates
var templates embed.FS

// Pages are the reception and commune report handlers.
type Pages struct {
	app     *web.App
	svc     *petitions.Service
	reports *communereport.Service
	// limits name the rule a deadline was computed under (the service
	// stores its code and version date).
	limits *calendar.Limits
}

// Register adds the reception and commune report pages, API and navigation.
func Register(app *web.App, svc *petitions.Service, reports *communereport.Service) {
	lim, _ := calendar.EmbeddedLimits() // nil: the page names the rule by its code
	p := &Pages{app: app, svc: svc, reports: reports, limits: lim}
	app.AddTemplates(templates)
	app.AddNav(web.NavItem{Group: "nav.group.work", Key: "nav.reception", Path: "/reception", Perm: access.PetitionsRead, Order: 20})
	app.AddNav(web.NavItem{Group: "nav.group.work", Key: "nav.commune_reports", Path: "/commune-reports",
		Perm: access.CommuneReportSend, Order: 70})
	app.AddNav(web.NavItem{Group: "nav.group.reports", Key: "communereports.nav.month", Path: "/commune-reports/month",
		Perm: access.CommuneReportsRead, Order: 30})
	r := app.Router()
	read, write := web.Need(access.PetitionsRead), web.Need(access.PetitionsWrite)
	r.HandleFunc("GET /reception", read, p.list)
	r.HandleFunc("GET /reception/new", write, p.newForm)
	r.HandleFunc("POST /reception", write, p.create)
	r.HandleFunc("GET /reception/{id}", read, p.show)
	r.HandleFunc("GET /reception/{id}/edit", write, p.editForm)
	r.HandleFunc("POST /reception/{id}", write, p.update)
	r.HandleFunc("POST /reception/{id}/replied", write, p.replied)

	send, readReports := web.Need(access.CommuneReportSend), web.Need(access.CommuneReportsRead)
	r.HandleFunc("GET /commune-reports", send, p.mine)
	r.HandleFunc("POST /commune-reports", send, p.submit)
	r.HandleFunc("GET /commune-reports/template.xlsx", send, p.template)
	r.HandleFunc("POST /commune-reports/upload", send, p.upload)
	r.HandleFunc("GET /commune-reports/month", readReports, p.month)
	r.HandleFunc("POST /commune-reports/month/lock", web.Need(access.ReportsSign), p.lock)
	r.HandleFunc("GET /commune-reports/consolidated", readReports, p.consolidated)
	p.registerAPI()
}

// t translates for the request's language (titles and labels built in Go).
func (p *Pages) t(r *http.Request, key string, kv ...any) string {
	return (&web.Page{Lang: p.app.Lang(r)}).T(key, kv...)
}

// pathID is a numeric path parameter; 0 when it is not one (no record has it).
func pathID(r *http.Request, name string) int64 {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func sessionURL(id int64) string { return "/reception/" + itoa(id) }

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

// parseMonth reads a month ("10/2026", "2026-10"); zero for an empty value.
func parseMonth(errs *validate.Errors, field, value string) communereport.Month {
	value = strings.TrimSpace(value)
	if value == "" {
		return communereport.Month{}
	}
	m, err := communereport.ParseMonth(value)
	if err != nil || m.Year < 1900 {
		errs.Add(field, "petitions.commune_report.error.month_format", nil)
		return communereport.Month{}
	}
	return m
}

// monthLabel is a month as people write it: 10/2026.
func monthLabel(m communereport.Month) string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%04d", int(m.Month), m.Year)
}

// lastMonth is the last full month before today: the one being reported.
func lastMonth(today civil.Date) communereport.Month {
	return communereport.MonthOf(today.AddDays(-today.Day))
}

// Option lists for the select partial: [value, label key].

func hostOptions(blank string) [][2]string {
	var out [][2]string
	if blank != "" {
		out = append(out, [2]string{"", blank})
	}
	for _, h := range petitions.HostRoles {
		out = append(out, [2]string{string(h), "petitions.host_role." + string(h)})
	}
	return out
}

func sessionKindOptions(blank string) [][2]string {
	var out [][2]string
	if blank != "" {
		out = append(out, [2]string{"", blank})
	}
	for _, k := range petitions.SessionKinds {
		out = append(out, [2]string{string(k), "petitions.session_kind." + string(k)})
	}
	return out
}

func visitKindOptions() [][2]string {
	out := [][2]string{{"", "reception.form.choose_kind"}}
	for _, k := range petitions.Kinds {
		out = append(out, [2]string{string(k), "petitions.kind." + string(k)})
	}
	return out
}

// clearanceOptions are the classifications a user may give a session: none
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
