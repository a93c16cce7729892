package petitionsweb

import (
	"strings"
	"testing"

	"noichinh/internal/civil"
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
	for _, opts := range [][][2]string{kindOptions("petitions.web.filter.any_kind"), entryKinds(),
		channelOptions("petitions.web.filter.any_channel"), signerOptions("petitions.web.filter.any_signer"),
		fieldOptions("petitions.web.filter.any_field"), statusOptions("petitions.web.filter.any_status"), dueOptions(),
		options("petitions.filed_reason.", "", petitions.FiledReasons), options("petitions.handling.", "", petitions.Handlings),
		options("petitions.outcome.", "", petitions.Outcomes)} {
		for _, o := range opts {
			keys = append(keys, o[1])
		}
	}
	for _, n := range savedNames {
		keys = append(keys, "petitions.web.saved."+n)
	}
	for n := range stepFields {
		keys = append(keys, "petitions.web.steps."+n, "petitions.web.steps.hint."+n, "petitions.web.steps.button."+n,
			"petitions.web.step_saved."+n)
	}
	for _, k := range []petitions.LinkKind{petitions.LinkRepeated, petitions.LinkRelated, petitions.LinkSplitFrom, petitions.LinkNotDuplicate} {
		keys = append(keys, "petitions.web.links.out."+string(k), "petitions.web.links.in."+string(k), "petitions.link."+string(k))
	}
	for _, s := range []petitions.Step{petitions.StepInitial, petitions.StepForward, petitions.StepNotifyAcceptance, petitions.StepResolve} {
		keys = append(keys, "petitions.step."+string(s))
	}
	for _, u := range []string{"calendar_days", "working_days", "months"} {
		keys = append(keys, "petitions.web.duration."+u)
	}
	for _, s := range simpleFigures {
		keys = append(keys, figureLabelKey(s))
	}
	for _, s := range splitFigures {
		keys = append(keys, figureLabelKey(s.name))
		for _, c := range s.codes {
			keys = append(keys, s.labels+c)
		}
	}
	for _, s := range figureLayout {
		keys = append(keys, s.title)
	}
	for _, p := range presets(today, civil.Range{From: today, To: today}) {
		keys = append(keys, p.Label)
	}
	keys = append(keys, "nav.petitions_figures", "petitions.web.title", "petitions.web.new", "petitions.web.created",
		"petitions.web.due.title", "petitions.web.figures.title", "petitions.web.home.title", "petitions.web.home.empty",
		"petitions.web.home.overdue", "petitions.web.home.due", "petitions.web.home.more", "petitions.web.error.number",
		"petitions.web.error.repeats_not_found", "petitions.web.export.reason_required", "petitions.web.figures.complex")
	for _, k := range localityKinds {
		keys = append(keys, "units.kind."+string(k))
	}
	seen := map[string]bool{}
	for _, k := range keys {
		if !i18n.Has(k) && !seen[k] {
			seen[k] = true
			t.Errorf("key %s is not in the catalog", k)
		}
	}
}
