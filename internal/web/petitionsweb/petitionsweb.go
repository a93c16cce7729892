// Package petitionsweb is the petitions module's pages and JSON API: the
// list of petitions with its filters, sorting and saved filters (senders
// always masked); the entry form with its duplicate check; a petition's page
// with its facts, deadlines and the rule each was computed under, the
// masked senders and the audited reveal, the history, likely duplicates and
// links, and a form for every processing step; the due-soon and overdue
// lists; the period figures of the standard petition table with drill-down,
// the report paragraph and a chart; the export workbook. Handlers call
// petitions.Service, and units.Service only for the names of bodies and the
// people a petition may be assigned to.
package petitionsweb

import (
	"context"
	"embed"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/i18n"
	"noichinh/internal/petitions"
	"noichinh/internal/units"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

//go:embed templates
var templates embed.FS

// Pages are the petitions module's handlers.
type Pages struct {
	app *web.App
	svc *petitions.Service
	dir *units.Service
	lim *calendar.Limits
}

// Register adds the petitions pages, API, navigation entries and home block
// to app. dir names the bodies and localities and lists the staff a petition
// may be assigned to (nil leaves the pickers as plain number fields); lim
// names the legal limit each deadline was computed under (nil: its code only).
func Register(app *web.App, svc *petitions.Service, dir *units.Service, lim *calendar.Limits) {
	p := &Pages{app: app, svc: svc, dir: dir, lim: lim}
	app.AddTemplates(templates)
	app.AddNav(web.NavItem{Group: "nav.group.work", Key: "nav.petitions", Path: "/petitions", Perm: access.PetitionsRead, Order: 30})
	app.AddNav(web.NavItem{Group: "nav.group.reports", Key: "nav.petitions_figures", Path: "/petitions/figures",
		Perm: access.ReportsRead, Order: 25})
	r := app.Router()
	read, write := web.Need(access.PetitionsRead), web.Need(access.PetitionsWrite)
	r.HandleFunc("GET /petitions", read, p.list)
	r.HandleFunc("GET /petitions/due", read, p.due)
	r.HandleFunc("GET /petitions/figures", web.Need(access.ReportsRead), p.figures)
	r.HandleFunc("GET /petitions/export.xlsx", read, p.export)
	r.HandleFunc("GET /petitions/new", write, p.newForm)
	r.HandleFunc("POST /petitions", write, p.create)
	r.HandleFunc("GET /petitions/{id}", read, p.show)
	r.HandleFunc("POST /petitions/{id}/steps/{step}", write, p.step)
	r.HandleFunc("POST /petitions/{id}/reveal", web.Need(access.IdentityReveal), p.reveal)
	p.registerAPI()
	app.AddHomeWidget(web.HomeWidget{Perm: access.PetitionsRead, Render: p.homeBlock})
}

// t translates for the request's language.
func (p *Pages) t(r *http.Request, key string, kv ...any) string {
	return (&web.Page{Lang: p.app.Lang(r)}).T(key, kv...)
}

func (p *Pages) lang(r *http.Request) i18n.Lang { return p.app.Lang(r) }

func pathID(r *http.Request, name string) int64 {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id < 0 {
		return 0
	}
	return id
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func petitionURL(id int64) string { return "/petitions/" + itoa(id) }

// parseDate reads dd/mm/yyyy or ISO; zero for empty, a field error otherwise.
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

// parseID reads a record id; 0 for none.
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

// parseCount reads a whole number ≥ 0 typed with or without thousands dots.
func parseCount(errs *validate.Errors, field, value string) int64 {
	value = strings.NewReplacer(".", "", " ", "", ",", "").Replace(strings.TrimSpace(value))
	if value == "" {
		return 0
	}
	n, err := strconv.ParseInt(value, 10, 64)
	if err != nil {
		errs.Add(field, "petitions.web.error.number", nil)
		return 0
	}
	return n
}

// parseArea reads m², the decimal comma or point accepted.
func parseArea(errs *validate.Errors, field, value string) float64 {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0
	}
	if strings.Count(value, ",") == 1 {
		value = strings.ReplaceAll(value, ".", "")
		value = strings.Replace(value, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(value, " ", ""), 64)
	if err != nil {
		errs.Add(field, "petitions.web.error.number", nil)
		return 0
	}
	return f
}

// options builds select options [value, label key] from enumeration codes.
func options[T ~string](prefix, blank string, values []T) [][2]string {
	var out [][2]string
	if blank != "" {
		out = append(out, [2]string{"", blank})
	}
	for _, v := range values {
		out = append(out, [2]string{string(v), prefix + string(v)})
	}
	return out
}

func kindOptions(blank string) [][2]string {
	return options("petitions.kind.", blank, append([]petitions.Kind{}, petitions.Kinds...))
}

// entryKinds: a letter may be entered as mixed, to be split.
func entryKinds() [][2]string {
	return options("petitions.kind.", "", append(append([]petitions.Kind{}, petitions.Kinds...), petitions.Mixed))
}

func channelOptions(blank string) [][2]string {
	return options("petitions.channel.", blank, petitions.Channels)
}

func signerOptions(blank string) [][2]string {
	return options("petitions.signer.", blank, petitions.Signers)
}

func fieldOptions(blank string) [][2]string {
	return options("petitions.field.", blank, petitions.Fields)
}

func statusOptions(blank string) [][2]string {
	return options("petitions.status.", blank, petitions.Statuses)
}

// clearanceOptions are the classifications the actor may give: none above
// their own clearance.
func clearanceOptions(actor *access.Actor) [][2]string {
	var out [][2]string
	for _, c := range access.Classifications {
		if actor.Sees(c) {
			out = append(out, [2]string{strconv.Itoa(int(c)), "classification." + c.Code()})
		}
	}
	return out
}

// unitChoice is a unit as the pickers offer it.
type unitChoice struct {
	ID    int64
	Name  string
	Alive bool
}

// unitGroup is the units of one kind, for a picker.
type unitGroup struct {
	Kind  string // message key
	Units []unitChoice
}

type person struct {
	ID   int64
	Name string
}

// directory is what the forms pick from and the pages name.
type directory struct {
	Localities []unitGroup
	Bodies     []unitGroup
	People     []person
	names      map[int64]string
	people     map[int64]string
}

// localityKinds are the kinds offered where a place is asked for.
var localityKinds = []units.Kind{units.KindProvince, units.KindDistrict, units.KindCommune, units.KindWard}

// Unit names a unit ("" for none, its number when unknown).
func (d *directory) Unit(id int64) string {
	if id == 0 {
		return ""
	}
	if n, ok := d.names[id]; ok {
		return n
	}
	return "#" + itoa(id)
}

// Person names a user ("" for none).
func (d *directory) Person(id int64) string {
	if id == 0 {
		return ""
	}
	if n, ok := d.people[id]; ok {
		return n
	}
	return "#" + itoa(id)
}

// directoryFor reads the organisation's units and staff; empty (not an
// error) for a reader without access to the organisation's tables.
func (p *Pages) directoryFor(ctx context.Context) (*directory, error) {
	d := &directory{names: map[int64]string{}, people: map[int64]string{}}
	actor := access.FromContext(ctx)
	if p.dir == nil || !actor.Can(access.OrgRead) {
		return d, nil
	}
	page, err := p.dir.List(ctx, units.Filter{IncludeDissolved: true})
	if err != nil {
		return nil, err
	}
	byKind := map[units.Kind]int{}
	var bodies []unitGroup
	locIndex := map[units.Kind]int{}
	for _, k := range localityKinds {
		locIndex[k] = len(d.Localities)
		d.Localities = append(d.Localities, unitGroup{Kind: "units.kind." + string(k)})
	}
	for _, e := range page.Items {
		u := unitChoice{ID: e.Unit.ID, Name: e.Version.Name, Alive: e.Alive}
		d.names[u.ID] = u.Name
		if !u.Alive {
			continue
		}
		kind := e.Version.Kind
		if i, ok := locIndex[kind]; ok {
			d.Localities[i].Units = append(d.Localities[i].Units, u)
			continue
		}
		i, ok := byKind[kind]
		if !ok {
			i = len(bodies)
			byKind[kind] = i
			bodies = append(bodies, unitGroup{Kind: "units.kind." + string(kind)})
		}
		bodies[i].Units = append(bodies[i].Units, u)
	}
	// Bodies first, those petitions usually go to leading, then the
	// localities (a commune's people's committee is often the body).
	slices.SortStableFunc(bodies, func(a, b unitGroup) int { return bodyRank(a.Kind) - bodyRank(b.Kind) })
	d.Bodies = append(bodies, d.Localities...)
	d.Localities = nonEmpty(d.Localities)
	d.Bodies = nonEmpty(d.Bodies)
	staff, err := p.dir.Staff(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range staff {
		d.People = append(d.People, person{ID: s.UserID, Name: s.FullName})
		d.people[s.UserID] = s.FullName
	}
	return d, nil
}

// bodyKinds are the kinds of body petitions are most often forwarded to or
// urged, in the order the pickers offer them.
var bodyKinds = []units.Kind{units.KindStateAgency, units.KindInspectionCommission, units.KindProceduralAgency,
	units.KindAdvisoryBoard, units.KindMassOrganization}

func bodyRank(kindKey string) int {
	for i, k := range bodyKinds {
		if "units.kind."+string(k) == kindKey {
			return i
		}
	}
	return len(bodyKinds)
}

func nonEmpty(gs []unitGroup) []unitGroup {
	var out []unitGroup
	for _, g := range gs {
		if len(g.Units) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// dueClass: "overdue", "soon" (within petitions.DueSoonDays) or "".
func dueClass(due, today civil.Date) string {
	switch {
	case due.IsZero():
		return ""
	case due.Before(today):
		return "overdue"
	case !due.After(today.AddDays(petitions.DueSoonDays)):
		return "soon"
	}
	return ""
}
