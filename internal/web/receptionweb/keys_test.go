package receptionweb

import (
	"strings"
	"testing"

	"noichinh/internal/i18n"
	"noichinh/internal/petitions"
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

// The keys built in Go or from values are in the catalog too.
func TestComputedKeys(t *testing.T) {
	var keys []string
	for _, opts := range [][][2]string{hostOptions("reception.filter.any_host"), sessionKindOptions("reception.filter.any_kind"),
		visitKindOptions()} {
		for _, o := range opts {
			keys = append(keys, o[1])
		}
	}
	for _, f := range append([]string{"month", "note"}, figureFields...) {
		keys = append(keys, figureLabel(f), figureLabelOrUnit(f))
	}
	keys = append(keys, figureLabelOrUnit("unit_id"), figureLabelOrUnit("other"), "communereports.source.form",
		"communereports.source.xlsx", "reception.form.not_assigned", "reception.form.assign_me", "reception.form.keep_assignee")
	for _, k := range petitions.Kinds {
		keys = append(keys, "petitions.kind."+string(k))
	}
	cat, err := i18n.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if _, ok := cat[k]; !ok {
			t.Errorf("%s is not in the catalog", k)
		}
	}
}
