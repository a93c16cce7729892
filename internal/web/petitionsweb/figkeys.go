package petitionsweb

import (
	"strings"

	"noichinh/internal/i18n"
	"noichinh/internal/petitions"
)

// Figure keys name the numbers of the figures page in links and tests:
// "petitions.<column>" (e.g. petitions.forwarded), "petitions.<column>.<code>"
// for the columns split by signer, kind, reason or outcome (e.g.
// petitions.received_by_kind.complaint), and "complex_prolonged.<column>".
// They follow the JSON keys of docs/figures-petitions.md.

// simpleFigures are the petition table's single columns, in the table's order.
var simpleFigures = []string{"carried_over", "received", "total", "received_repeated", "processed", "unprocessed",
	"eligible", "filed_away", "within_jurisdiction", "outside_jurisdiction", "advised", "forwarded", "urged",
	"urges_sent", "replies_received", "followed", "resolved", "in_progress", "money_returned", "land_returned",
	"people_protected"}

// splitFigures are the columns split by a code, with the codes and the
// prefix of their labels.
var splitFigures = []struct {
	name, labels string
	codes        []string
}{
	{"received_by_signer", "petitions.signer.", codes(petitions.Signers)},
	{"received_by_kind", "petitions.kind.", codes(petitions.Kinds)},
	{"filed_away_by_reason", "petitions.filed_reason.", codes(petitions.FiledReasons)},
	{"eligible_by_kind", "petitions.kind.", codes(petitions.Kinds)},
	{"outcomes", "petitions.outcome.", codes(petitions.Outcomes)},
}

var complexFigures = []string{"followed", "resolved", "in_progress"}

func codes[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// simpleFigure is a single column of the petition table.
func simpleFigure(f *petitions.PetitionFigures, name string) (petitions.Figure, bool) {
	switch name {
	case "carried_over":
		return f.CarriedOver, true
	case "received":
		return f.Received, true
	case "total":
		return f.Total, true
	case "received_repeated":
		return f.ReceivedRepeated, true
	case "processed":
		return f.Processed, true
	case "unprocessed":
		return f.Unprocessed, true
	case "eligible":
		return f.Eligible, true
	case "filed_away":
		return f.FiledAway, true
	case "within_jurisdiction":
		return f.WithinJurisdiction, true
	case "outside_jurisdiction":
		return f.OutsideJurisdiction, true
	case "advised":
		return f.Advised, true
	case "forwarded":
		return f.Forwarded, true
	case "urged":
		return f.Urged, true
	case "urges_sent":
		return f.UrgesSent, true
	case "replies_received":
		return f.RepliesReceived, true
	case "followed":
		return f.Followed.Followed, true
	case "resolved":
		return f.Resolved, true
	case "in_progress":
		return f.InProgress, true
	case "money_returned":
		return f.MoneyReturned, true
	case "people_protected":
		return f.PeopleProtected, true
	case "land_returned":
		return petitions.Figure{IDs: f.LandReturned.IDs, Refs: f.LandReturned.Refs}, true
	}
	return petitions.Figure{}, false
}

// lookupFigure is the figure of a key.
func lookupFigure(f petitions.Figures, key string) (petitions.Figure, bool) {
	parts := strings.Split(key, ".")
	switch {
	case len(parts) == 2 && parts[0] == "petitions":
		return simpleFigure(&f.Petitions, parts[1])
	case len(parts) == 3 && parts[0] == "petitions":
		var m map[string]petitions.Figure
		switch parts[1] {
		case "received_by_signer":
			m = stringKeys(f.Petitions.ReceivedBySigner)
		case "received_by_kind":
			m = stringKeys(f.Petitions.ReceivedByKind)
		case "filed_away_by_reason":
			m = stringKeys(f.Petitions.FiledAwayByReason)
		case "eligible_by_kind":
			m = stringKeys(f.Petitions.EligibleByKind)
		case "outcomes":
			m = stringKeys(f.Petitions.Outcomes)
		default:
			return petitions.Figure{}, false
		}
		fig, ok := m[parts[2]]
		return fig, ok
	case len(parts) == 2 && parts[0] == "complex_prolonged":
		switch parts[1] {
		case "followed":
			return f.ComplexProlonged.Followed, true
		case "resolved":
			return f.ComplexProlonged.Resolved, true
		case "in_progress":
			return f.ComplexProlonged.InProgress, true
		}
	}
	return petitions.Figure{}, false
}

func stringKeys[K ~string](m map[K]petitions.Figure) map[string]petitions.Figure {
	out := make(map[string]petitions.Figure, len(m))
	for k, v := range m {
		out[string(k)] = v
	}
	return out
}

// figureIDs are the petitions behind a figure.
func figureIDs(f petitions.Figures, key string) ([]int64, bool) {
	fig, ok := lookupFigure(f, key)
	return fig.IDs, ok
}

// validFigureKey reports whether key names a figure.
func validFigureKey(key string) bool {
	for _, k := range figureKeys() {
		if k == key {
			return true
		}
	}
	return false
}

// figureKeys lists every key.
func figureKeys() []string {
	var out []string
	for _, s := range simpleFigures {
		out = append(out, "petitions."+s)
	}
	for _, s := range splitFigures {
		for _, c := range s.codes {
			out = append(out, "petitions."+s.name+"."+c)
		}
	}
	for _, c := range complexFigures {
		out = append(out, "complex_prolonged."+c)
	}
	return out
}

// figureLabelKey is the message key of a simple figure's label.
func figureLabelKey(name string) string { return "petitions.web.figure." + name }

// figureLabel names a figure by its key for a reader.
func figureLabel(lang i18n.Lang, key string) string {
	t := func(k string) string { return i18n.T(lang, k, nil) }
	parts := strings.Split(key, ".")
	switch {
	case len(parts) == 2 && parts[0] == "petitions":
		return t(figureLabelKey(parts[1]))
	case len(parts) == 3:
		for _, s := range splitFigures {
			if s.name == parts[1] {
				return t(figureLabelKey(s.name)) + " · " + t(s.labels+parts[2])
			}
		}
	case len(parts) == 2 && parts[0] == "complex_prolonged":
		return t("petitions.web.figures.complex") + " · " + t(figureLabelKey(parts[1]))
	}
	return key
}
