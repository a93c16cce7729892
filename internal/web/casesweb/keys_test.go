package casesweb

import (
	"strings"
	"testing"

	"noichinh/internal/cases"
	"noichinh/internal/i18n"
	"noichinh/internal/web"
)

// Every message key the templates name literally is in the catalog.
func TestTemplateKeys(t *testing.T) {
	missing, err := web.MissingKeys(templates)
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) > 0 {
		t.Errorf("keys missing from the catalog:\n%s", strings.Join(missing, "\n"))
	}
}

// The keys built in Go or from values (labels of fields, kinds, levels,
// figures, saved filters) are in the catalog too.
func TestComputedKeys(t *testing.T) {
	var keys []string
	for kind, fields := range eventFields {
		keys = append(keys, "cases.event."+string(kind))
		for _, f := range fields {
			label, hint := fieldLabel(kind, f)
			keys = append(keys, label)
			if hint != "" {
				keys = append(keys, hint)
			}
		}
	}
	keys = append(keys, "cases.label.retract_reason", "cases.event.retracted")
	for _, f := range formFields {
		keys = append(keys, f.label)
	}
	for _, opts := range [][][2]string{kindOptions("cases.filter.any_kind"), fieldOptions("cases.filter.any_field"),
		stageOptions("cases.filter.any_stage"), levelOptions(), offenceOptions(), levelFilterOptions(),
		groupFilterOptions(), dueFilterOptions()} {
		for _, o := range opts {
			keys = append(keys, o[1])
		}
	}
	for _, k := range []string{"mine", "overdue", "soon"} {
		keys = append(keys, "cases.saved."+k)
	}
	for _, l := range cases.Levels {
		keys = append(keys, "cases.level_short."+string(l))
	}
	for _, s := range []cases.DeadlineStatus{cases.Running, cases.Paused, cases.NoRule, cases.NeedsClass} {
		keys = append(keys, "cases.deadline.short."+string(s), "cases.deadline."+string(s))
	}
	for _, u := range []string{"calendar_days", "working_days", "months"} {
		keys = append(keys, "cases.duration."+u)
	}
	for _, c := range provinceColumns {
		keys = append(keys, c.label)
	}
	for _, l := range cases.WatchLevels {
		keys = append(keys, "cases.figures.level."+l)
	}
	for _, g := range cases.Groups {
		keys = append(keys, groupLabel(g))
	}
	for _, m := range cases.Measures {
		keys = append(keys, "cases.figure."+m)
	}
	for _, k := range cases.ProgressKeys {
		keys = append(keys, "cases.figure."+k)
	}
	keys = append(keys, "cases.figures.unit.suspects", "cases.figures.unit.defendants", "cases.figures.unit.documents",
		"cases.figures.unit.meetings", "cases.figures.this_month", "cases.figures.half_year", "cases.figures.nine_months",
		"cases.figures.year", "cases.figures.watch", "cases.figures.watch_leaders", "cases.home.title", "cases.home.empty",
		"cases.home.overdue", "cases.home.due", "cases.home.more", "cases.created", "cases.saved", "cases.event_saved",
		"cases.event_corrected", "cases.event_retracted", "cases.edit_title", "cases.new", "cases.title", "cases.due.title",
		"cases.figures.title", "nav.cases_figures", "cases.error.money_format", "cases.form.empty_value")
	for _, u := range append(localityKinds, agencyKinds...) {
		keys = append(keys, "units.kind."+u)
	}
	seen := map[string]bool{}
	for _, k := range keys {
		if !i18n.Has(k) && !seen[k] {
			seen[k] = true
			t.Errorf("key %s is not in the catalog", k)
		}
	}
}
