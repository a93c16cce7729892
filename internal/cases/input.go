package cases

import (
	"math"
	"regexp"
	"slices"

	"noichinh/internal/access"
	"noichinh/internal/cite"
	"noichinh/internal/civil"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// Text lengths accepted from forms.
const (
	maxTitle   = 500
	maxSummary = 10000
	maxText    = 5000
	maxSymbol  = 60
	maxPersons = 10000
)

var refCodePattern = regexp.MustCompile(`^[\p{L}0-9][\p{L}0-9./_-]{0,39}$`)

// checkInput cleans a case form in place and reports every problem that can
// be seen without the database. today bounds the opening date.
func checkInput(in *Input, actor *access.Actor, creating bool, today civil.Date) validate.Errors {
	var errs validate.Errors
	in.RefCode = vntext.Clean(in.RefCode)
	in.Title = vntext.Clean(in.Title)
	in.Summary = vntext.CleanText(in.Summary)
	if in.RefCode != "" && !refCodePattern.MatchString(in.RefCode) {
		errs.Add("ref_code", "cases.error.ref_code_format", nil)
	}
	if !in.Kind.Valid() {
		errs.Add("kind", "error.invalid_choice", nil)
	}
	errs.Required("title", in.Title)
	errs.MaxLen("title", in.Title, maxTitle)
	errs.MaxLen("summary", in.Summary, maxSummary)
	in.Categories = dedupe(in.Categories)
	if len(in.Categories) == 0 {
		errs.Add("categories", "cases.error.category_required", nil)
	}
	for _, c := range in.Categories {
		if !c.Valid() {
			errs.Add("categories", "error.invalid_choice", nil)
			break
		}
	}
	if !in.Field.Valid() {
		errs.Add("field", "error.invalid_choice", nil)
	}
	in.Flags = dedupe(in.Flags)
	for _, f := range in.Flags {
		if !f.Valid() {
			errs.Add("flags", "error.invalid_choice", nil)
			break
		}
	}
	switch {
	case !in.Classification.Valid():
		errs.Add("classification", "error.invalid_choice", nil)
	case !actor.Sees(in.Classification):
		errs.Add("classification", "error.classification_above_clearance", nil)
	}
	if !in.OffenceClass.Valid() {
		errs.Add("offence_class", "error.invalid_choice", nil)
	}
	in.UnitIDs = dedupe(in.UnitIDs)
	in.AssigneeIDs = dedupe(in.AssigneeIDs)
	for i := range in.Documents {
		d := &in.Documents[i]
		d.Summary = vntext.Clean(d.Summary)
		if sym, ok := checkSymbol(&errs, "documents", d.Symbol); ok && sym == "" {
			errs.Add("documents", "error.required", nil)
		} else {
			d.Symbol = sym
		}
		if d.IssuedOn.After(today) {
			errs.Add("documents", "cases.error.future_date", nil)
		}
	}
	if creating {
		checkDate(&errs, "opened_on", in.OpenedOn, today)
	}
	return errs
}

// checkEvent cleans an event form in place, keeping only the fields its
// kind uses, and reports every problem that can be seen without the
// database or the case's history.
func checkEvent(in *EventInput, today civil.Date) validate.Errors {
	var errs validate.Errors
	if !in.Kind.Recordable() {
		errs.Add("kind", "error.invalid_choice", nil)
		return errs
	}
	checkDate(&errs, "effective_on", in.EffectiveOn, today)
	d := &in.Details
	d.Reason, d.Note = vntext.CleanText(d.Reason), vntext.CleanText(d.Note)
	d.Difficulties, d.Conclusions = vntext.CleanText(d.Difficulties), vntext.CleanText(d.Conclusions)
	errs.MaxLen("reason", d.Reason, maxText)
	errs.MaxLen("note", d.Note, maxText)
	errs.MaxLen("difficulties", d.Difficulties, maxText)
	errs.MaxLen("conclusions", d.Conclusions, maxText)
	sym, _ := checkSymbol(&errs, "document_symbol", in.DocumentSymbol)
	in.DocumentSymbol = sym
	checkPersons(&errs, "suspects", in.Suspects)
	checkPersons(&errs, "defendants", in.Defendants)
	if in.AmountVND < 0 {
		errs.Add("amount_vnd", "error.negative", nil)
	}
	switch {
	case math.IsNaN(in.AreaM2) || math.IsInf(in.AreaM2, 0):
		errs.Add("area_m2", "error.invalid_number", nil)
	case in.AreaM2 < 0:
		errs.Add("area_m2", "error.negative", nil)
	}

	// What each kind needs; what it does not use is cleared so that the
	// stored event says only what it means.
	keep := struct{ level, stage, agency, doc, suspects, defendants, amounts bool }{}
	switch in.Kind {
	case WatchAdded, LevelChanged:
		keep.level, keep.doc = true, true
		if !in.Level.Valid() {
			errs.Add("level", "error.invalid_choice", nil)
		}
		errs.Required("document_symbol", in.DocumentSymbol)
	case WatchRemoved:
		keep.doc = true
		errs.Required("document_symbol", in.DocumentSymbol)
		errs.Required("reason", d.Reason)
	case StageChanged:
		keep.stage, keep.agency, keep.doc = true, true, true
		if !in.Stage.Valid() {
			errs.Add("stage", "error.invalid_choice", nil)
		}
		keep.suspects = in.Stage == Prosecuted || in.Stage == Indicted
		keep.defendants = in.Stage == FirstInstanceTrial || in.Stage == AppealTrial
	case SuspectsAdded:
		keep.suspects, keep.doc = true, true
		if in.Suspects == nil || *in.Suspects <= 0 {
			errs.Add("suspects", "cases.error.persons_required", nil)
		}
	case DeadlineExtended:
		keep.doc = true
		errs.Required("document_symbol", in.DocumentSymbol)
	case Urged:
		keep.doc, keep.agency = true, true
		errs.Required("document_symbol", in.DocumentSymbol)
	case Meeting:
		keep.agency = true
		if d.Difficulties == "" && d.Conclusions == "" {
			errs.Add("conclusions", "cases.error.meeting_content", nil)
		}
	case DamageAssessed, AssetsRecovered:
		keep.amounts, keep.doc = true, true
		if in.AmountVND == 0 && in.AreaM2 == 0 && in.Kind == AssetsRecovered {
			errs.Add("amount_vnd", "cases.error.amount_required", nil)
		}
	case WrongfulConviction:
		keep.doc = true
		errs.Required("note", d.Note)
	case Note:
		errs.Required("note", d.Note)
	}
	if !keep.level {
		in.Level = NotWatched
	}
	if !keep.stage {
		in.Stage = NoStage
	}
	if !keep.agency {
		in.AgencyID = 0
	}
	if !keep.doc {
		in.DocumentSymbol = ""
	}
	if !keep.suspects {
		in.Suspects = nil
	}
	if !keep.defendants {
		in.Defendants = nil
	}
	if !keep.amounts {
		in.AmountVND, in.AreaM2 = 0, 0
	}
	if in.Kind != WatchRemoved {
		d.Reason = ""
	}
	if in.Kind != Meeting {
		d.Difficulties, d.Conclusions, d.Participants = "", "", nil
	}
	d.Participants = dedupe(d.Participants)
	return errs
}

// checkSymbol reads a document symbol in its canonical form ("" stays "").
func checkSymbol(errs *validate.Errors, field, s string) (string, bool) {
	s = vntext.Clean(s)
	if s == "" {
		return "", true
	}
	if len([]rune(s)) > maxSymbol {
		errs.Add(field, "error.too_long", map[string]any{"max": maxSymbol})
		return s, false
	}
	sym, err := cite.ParseSymbol(s)
	if err != nil {
		errs.Add(field, "cases.error.symbol_format", nil)
		return s, false
	}
	return sym.String(), true
}

func checkDate(errs *validate.Errors, field string, d, today civil.Date) {
	switch {
	case d.IsZero():
		errs.Add(field, "error.required", nil)
	case !d.Valid():
		errs.Add(field, "error.invalid_date", nil)
	case d.After(today):
		errs.Add(field, "cases.error.future_date", nil)
	}
}

func checkPersons(errs *validate.Errors, field string, n *int) {
	switch {
	case n == nil:
	case *n < 0:
		errs.Add(field, "error.negative", nil)
	case *n > maxPersons:
		errs.Add(field, "error.invalid_number", nil)
	}
}

// dedupe drops repeated values, keeping the first of each and the order.
func dedupe[T comparable](in []T) []T {
	var out []T
	for _, v := range in {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
