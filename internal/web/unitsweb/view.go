package unitsweb

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"noichinh/internal/civil"
	"noichinh/internal/i18n"
	"noichinh/internal/units"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

// Pickers (a unit grouped by kind, a person, a date with its precision, a
// deciding document) appear on most pages; templates of one page cannot
// share definitions with another, so they are rendered here from the
// module's own partials, with the same markup as the shell's fields.

//go:embed partials
var partialFiles embed.FS

var partials = template.Must(template.New("").Funcs(template.FuncMap{
	"str":  func(v any) string { return fmt.Sprint(v) },
	"date": vntext.Date,
	"dict2": func(p *web.Page, name, label, hint string) map[string]any {
		return map[string]any{"P": p, "Name": name, "Label": label, "Hint": hint}
	},
}).ParseFS(partialFiles, "partials/*.html"))

// view is what every page of the module needs besides its own data: the
// organisation's units and people by id, for names, links and pickers.
type view struct {
	units     map[int64]units.Entry
	groups    []unitGroup
	people    []units.Person
	peopleIDs map[int64]string
}

// unitGroup is the units of one kind, for a picker.
type unitGroup struct {
	Kind    units.Kind
	Options []unitOption
}

type unitOption struct {
	ID      int64
	Name    string
	ValidTo civil.Date
}

// loadView reads every unit (with its name today, or its last name) and,
// with people, every person.
func (p *Pages) loadView(ctx context.Context, people bool) (view, error) {
	v := view{units: map[int64]units.Entry{}, peopleIDs: map[int64]string{}}
	page, err := p.svc.List(ctx, units.Filter{IncludeDissolved: true})
	if err != nil {
		return v, err
	}
	byKind := map[units.Kind][]unitOption{}
	for _, e := range page.Items {
		v.units[e.Unit.ID] = e
		opt := unitOption{ID: e.Unit.ID, Name: e.Version.Name}
		if !e.Alive {
			opt.ValidTo = e.Unit.ValidTo
		}
		byKind[e.Version.Kind] = append(byKind[e.Version.Kind], opt)
	}
	for _, k := range units.Kinds {
		if len(byKind[k]) > 0 {
			v.groups = append(v.groups, unitGroup{Kind: k, Options: byKind[k]})
		}
	}
	if people {
		list, err := p.svc.ListPeople(ctx, units.PeopleFilter{})
		if err != nil {
			return v, err
		}
		v.people = list.Items
		for _, pe := range list.Items {
			v.peopleIDs[pe.ID] = pe.FullName
		}
	}
	return v, nil
}

// UnitName is a unit's current (or last) name; "" for none.
func (v view) UnitName(id int64) string {
	if e, ok := v.units[id]; ok {
		return e.Version.Name
	}
	return ""
}

// PersonName is a person's name.
func (v view) PersonName(id int64) string { return v.peopleIDs[id] }

// Unit links a unit by its current name.
func (v view) Unit(id int64) template.HTML {
	name := v.UnitName(id)
	if name == "" {
		return ""
	}
	return template.HTML(fmt.Sprintf(`<a href="/units/%d">%s</a>`, id, template.HTMLEscapeString(name)))
}

// When writes a date with the precision its source gave: 07/10/2005,
// tháng 8/1969, năm 1965.
func (view) When(p *web.Page, d civil.Date, prec units.Precision) string {
	if d.IsZero() {
		return ""
	}
	switch prec {
	case units.Month:
		return p.T("units.when.month", "month", int(d.Month), "year", d.Year)
	case units.Year:
		return p.T("units.when.year", "year", d.Year)
	}
	return vntext.Date(d)
}

// Decision describes a deciding document: its symbol, date and issuer (a
// link when the issuer is a unit).
func (v view) Decision(p *web.Page, d units.Decision) template.HTML {
	if d.IsZero() {
		return ""
	}
	var parts []string
	if d.Symbol != "" {
		parts = append(parts, "<strong>"+template.HTMLEscapeString(d.Symbol)+"</strong>")
	}
	if !d.Date.IsZero() {
		parts = append(parts, template.HTMLEscapeString(p.T("units.decision.dated", "date", vntext.Date(d.Date))))
	}
	switch {
	case d.IssuerID != 0 && v.UnitName(d.IssuerID) != "":
		parts = append(parts, string(v.Unit(d.IssuerID)))
	case d.Issuer != "":
		parts = append(parts, template.HTMLEscapeString(d.Issuer))
	}
	return template.HTML(strings.Join(parts, ", "))
}

// Period writes "07/10/2005 – 13/10/2005", "từ 16/7/2020" …
func (v view) Period(p *web.Page, from civil.Date, fromPrec units.Precision, to civil.Date, toPrec units.Precision) string {
	switch {
	case from.IsZero() && to.IsZero():
		return ""
	case to.IsZero():
		return p.T("units.period.since", "from", v.When(p, from, fromPrec))
	case from.IsZero():
		return p.T("units.period.until", "to", v.When(p, to, toPrec))
	}
	return v.When(p, from, fromPrec) + " – " + v.When(p, to, toPrec)
}

// Basis says how a successor link is known, translated when it is one of
// the known bases ("seat", "territory", "merged_into" …), else as written.
func (view) Basis(p *web.Page, basis string) string {
	if key := "units.basis." + basis; i18n.Has(key) {
		return p.T(key)
	}
	return basis
}

// render executes one of the module's partials into HTML.
func render(name string, data map[string]any) (template.HTML, error) {
	var b bytes.Buffer
	if err := partials.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// UnitSelect is a labelled unit picker grouped by kind, with the errors of
// field name: args are the page, the field name and its label key, then
// optional "required", "hint=<key>", "none=<key>", "value=<id>", "alive"
// (only units alive today), "kind=<kind>" (only that kind).
func (v view) UnitSelect(p *web.Page, name, label string, args ...string) (template.HTML, error) {
	data := map[string]any{"P": p, "Name": name, "Label": label, "None": "units.select.none"}
	var onlyAlive bool
	var onlyKind units.Kind
	for _, a := range args {
		key, val, _ := strings.Cut(a, "=")
		switch key {
		case "required":
			data["Required"] = true
		case "hint":
			data["Hint"] = val
		case "none":
			data["None"] = val
		case "value":
			data["Value"] = val
		case "alive":
			onlyAlive = true
		case "kind":
			onlyKind = units.Kind(val)
		}
	}
	groups := v.groups
	if onlyAlive || onlyKind != "" {
		groups = nil
		for _, g := range v.groups {
			if onlyKind != "" && g.Kind != onlyKind {
				continue
			}
			opts := slices.DeleteFunc(slices.Clone(g.Options), func(o unitOption) bool { return onlyAlive && !o.ValidTo.IsZero() })
			if len(opts) > 0 {
				groups = append(groups, unitGroup{Kind: g.Kind, Options: opts})
			}
		}
	}
	data["Groups"] = groups
	return render("unit_select", data)
}

// PersonSelect is a labelled picker of the organisation's people.
func (v view) PersonSelect(p *web.Page, name, label string, args ...string) (template.HTML, error) {
	data := map[string]any{"P": p, "Name": name, "Label": label, "People": v.people, "None": "units.select.none"}
	for _, a := range args {
		key, val, _ := strings.Cut(a, "=")
		switch key {
		case "required":
			data["Required"] = true
		case "hint":
			data["Hint"] = val
		case "none":
			data["None"] = val
		case "value":
			data["Value"] = val
		}
	}
	return render("person_select", data)
}

// DecisionFields are the inputs of a deciding document under prefix
// (symbol, date, issuer unit or issuer name), in a fieldset titled legend.
func (v view) DecisionFields(p *web.Page, prefix, legend string) (template.HTML, error) {
	issuer, err := v.UnitSelect(p, prefix+"issuer_id", "units.field.decision_issuer_id", "none=units.select.issuer_not_unit")
	if err != nil {
		return "", err
	}
	return render("decision_fields", map[string]any{"P": p, "Prefix": prefix, "Legend": legend, "Issuer": issuer})
}

// options are choices for the shell's select partial: value and label key.
func options[T ~string](values []T, labelPrefix string, blank string) [][2]string {
	var out [][2]string
	if blank != "" {
		out = append(out, [2]string{"", blank})
	}
	for _, v := range values {
		out = append(out, [2]string{string(v), labelPrefix + string(v)})
	}
	return out
}

var (
	precisions = []units.Precision{units.Day, units.Month, units.Year}
	startHows  = []units.How{units.Appointed, units.Designated, units.Elected, units.Transferred}
	endHows    = []units.How{units.Transferred, units.Retired, units.TermEnded, units.UnitEnded, units.Resigned,
		units.Dismissed, units.Died}
	// recordable are the event kinds offered in the form; a cancellation is
	// a correction of a chosen event.
	recordable = []units.EventKind{units.Renamed, units.Moved, units.Reclassified, units.MergedInto, units.SplitFrom,
		units.Dissolved, units.ReEstablished, units.Reorganized, units.Established, units.Cancelled}
)

// choices are the option lists of the module's forms.
type choices struct {
	Kinds, KindFilter, EventKinds, Precisions, Titles, TitlesBlank, StartHows, EndHows, CongressKinds, SteeringRoles [][2]string
	AssignmentRoles, AssignmentRoleFilter                                                                            [][2]string
}

func newChoices() choices {
	return choices{
		Kinds:         options(units.Kinds, "units.kind.", "units.select.choose"),
		KindFilter:    options(units.Kinds, "units.kind.", "units.select.all_kinds"),
		EventKinds:    options(recordable, "units.event.", ""),
		Precisions:    options(precisions, "units.precision.", ""),
		Titles:        options(units.Titles, "units.title.", ""),
		TitlesBlank:   options(units.Titles, "units.title.", "units.select.none"),
		StartHows:     options(startHows, "units.how.", "units.select.not_recorded"),
		EndHows:       options(endHows, "units.how.", "units.select.not_recorded"),
		CongressKinds: options([]units.CongressKind{units.ByCongress, units.ByDesignation}, "units.congress_kind.", ""),
		SteeringRoles: options(units.SteeringRoles, "units.steering_role.", ""),
		AssignmentRoles: options([]units.AssignmentRole{units.Follows, units.AttendsMeetings},
			"units.assignment_role.", ""),
		AssignmentRoleFilter: options([]units.AssignmentRole{units.Follows, units.AttendsMeetings},
			"units.assignment_role.", "units.select.all_roles"),
	}
}
