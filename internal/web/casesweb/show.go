package casesweb

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"noichinh/internal/access"
	"noichinh/internal/calendar"
	"noichinh/internal/cases"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
	"noichinh/internal/web"
)

// showView is a case's page.
type showView struct {
	Case      *cases.Case
	Timeline  []timelineItem
	Rule      *calendar.Limit
	RuleEN    bool // show the rule's English name
	DueClass  string
	Units     []string // names of the units involved
	Today     civil.Date
	Kinds     []cases.EventKind
	EventForm *eventForm
	// Version is the version the event forms carry.
	Version int
}

// timelineItem is one event as the timeline shows it.
type timelineItem struct {
	cases.TimelineEntry
	Anchor       string
	BackDated    bool
	Participants []string
	// Corrected: a correction or retraction replaced this event (by
	// Retracted: a retraction); Target is the event a correction or
	// retraction replaces.
	Corrected, Retracted bool
	Target               *cases.TimelineEntry
	CanCorrect           bool
	CanRetract           bool
}

// AgencyLabel is what the event's agency was to it.
func (t timelineItem) AgencyLabel() string {
	label, _ := fieldLabel(t.Kind, "agency_id")
	return label
}

// SuspectN and DefendantN are the event's counts of people (0 when none given).
func (t timelineItem) SuspectN() int {
	if t.Suspects == nil {
		return 0
	}
	return *t.Suspects
}

func (t timelineItem) DefendantN() int {
	if t.Defendants == nil {
		return 0
	}
	return *t.Defendants
}

// eventForm is the one event form the page shows: to record an event of a
// kind, to correct an event, or to retract one.
type eventForm struct {
	Mode   string // record, correct, retract
	Kind   cases.EventKind
	Action string
	Event  *timelineItem // the event corrected or retracted
	Fields []eventField
	Levels [][2]string
	Stages [][2]string
	// Agencies: the procedural and state agencies, for the agency pickers.
	Agencies []unitGroup
	// Other names the fields with errors that the form does not show (the
	// kind, the event corrected): their messages head the form.
	Other []string
}

type eventField struct {
	Name     string
	Label    string
	Hint     string
	Required bool
}

// eventFields are the fields each kind of event asks for, in order.
var eventFields = map[cases.EventKind][]string{
	cases.Opened:             {"effective_on", "note"},
	cases.WatchAdded:         {"effective_on", "level", "document_symbol", "note"},
	cases.LevelChanged:       {"effective_on", "level", "document_symbol", "note"},
	cases.WatchRemoved:       {"effective_on", "document_symbol", "reason", "note"},
	cases.StageChanged:       {"effective_on", "stage", "agency_id", "document_symbol", "suspects", "defendants", "note"},
	cases.SuspectsAdded:      {"effective_on", "suspects", "document_symbol", "note"},
	cases.DeadlineExtended:   {"effective_on", "document_symbol", "note"},
	cases.Urged:              {"effective_on", "document_symbol", "agency_id", "note"},
	cases.Meeting:            {"effective_on", "agency_id", "participants", "difficulties", "conclusions", "note"},
	cases.DamageAssessed:     {"effective_on", "amount_vnd", "area_m2", "document_symbol", "note"},
	cases.AssetsRecovered:    {"effective_on", "amount_vnd", "area_m2", "document_symbol", "note"},
	cases.WrongfulConviction: {"effective_on", "document_symbol", "note"},
	cases.Note:               {"effective_on", "note"},
}

// requiredFields are the fields a kind cannot do without.
var requiredFields = map[cases.EventKind][]string{
	cases.WatchAdded: {"level", "document_symbol"}, cases.LevelChanged: {"level", "document_symbol"},
	cases.WatchRemoved: {"document_symbol", "reason"}, cases.StageChanged: {"stage"},
	cases.SuspectsAdded: {"suspects"}, cases.DeadlineExtended: {"document_symbol"}, cases.Urged: {"document_symbol"},
	cases.WrongfulConviction: {"note"}, cases.Note: {"note"},
}

// fieldLabel is a field's label for a kind: a few fields mean something
// particular in some kinds.
func fieldLabel(kind cases.EventKind, field string) (label, hint string) {
	switch {
	case field == "document_symbol" && kind == cases.Urged:
		return "cases.label.urging_document", "cases.hint.symbol"
	case field == "document_symbol" && kind == cases.DeadlineExtended:
		return "cases.label.extension_document", "cases.hint.symbol"
	case field == "document_symbol" && (kind == cases.WatchAdded || kind == cases.LevelChanged || kind == cases.WatchRemoved):
		return "cases.label.deciding_document", "cases.hint.symbol"
	case field == "document_symbol":
		return "cases.label.document_symbol", "cases.hint.symbol"
	case field == "agency_id" && kind == cases.Urged:
		return "cases.label.agency_urged", ""
	case field == "agency_id" && kind == cases.Meeting:
		return "cases.label.agency_meeting", ""
	case field == "suspects" && kind == cases.StageChanged:
		return "cases.label.suspects", "cases.hint.suspects_stage"
	case field == "defendants":
		return "cases.label.defendants", "cases.hint.defendants_stage"
	case field == "effective_on":
		return "cases.label.effective_on", "cases.hint.effective_on"
	case field == "amount_vnd":
		return "cases.label.amount_vnd", "cases.hint.amount_vnd"
	case field == "area_m2":
		return "cases.label.area_m2", "cases.hint.area_m2"
	case field == "participants":
		return "cases.label.participants", "cases.hint.participants"
	}
	return "cases.label." + field, ""
}

func (p *Pages) newEventForm(mode string, kind cases.EventKind, action string, units []cases.UnitChoice) *eventForm {
	f := &eventForm{Mode: mode, Kind: kind, Action: action, Levels: levelOptions(), Stages: stageOptions(""),
		Agencies: groupUnits(units, agencyKinds...)}
	if mode == "retract" {
		f.Fields = []eventField{{Name: "reason", Label: "cases.label.retract_reason", Required: true}}
		return f
	}
	for _, name := range eventFields[kind] {
		label, hint := fieldLabel(kind, name)
		f.Fields = append(f.Fields, eventField{Name: name, Label: label, Hint: hint,
			Required: name == "effective_on" || slices.Contains(requiredFields[kind], name)})
	}
	return f
}

// eventValues are an event's values as its correction form shows them.
func eventValues(e cases.Event) url.Values {
	v := url.Values{}
	v.Set("kind", string(e.Kind))
	v.Set("effective_on", vntext.Date(e.EffectiveOn))
	v.Set("level", string(e.Level))
	v.Set("stage", string(e.Stage))
	if e.AgencyID != 0 {
		v.Set("agency_id", itoa(e.AgencyID))
	}
	v.Set("document_symbol", e.DocumentSymbol)
	if e.Suspects != nil {
		v.Set("suspects", strconv.Itoa(*e.Suspects))
	}
	if e.Defendants != nil {
		v.Set("defendants", strconv.Itoa(*e.Defendants))
	}
	v.Set("amount_vnd", moneyValue(e.AmountVND))
	v.Set("area_m2", areaValue(e.AreaM2))
	v.Set("reason", e.Details.Reason)
	v.Set("note", e.Details.Note)
	v.Set("difficulties", e.Details.Difficulties)
	v.Set("conclusions", e.Details.Conclusions)
	for _, id := range e.Details.Participants {
		v.Add("participants", itoa(id))
	}
	return v
}

// readEvent reads an event form of kind.
func readEvent(v url.Values, kind cases.EventKind) (cases.EventInput, validate.Errors) {
	var errs validate.Errors
	in := cases.EventInput{Kind: kind, Level: cases.Level(v.Get("level")), Stage: cases.Stage(v.Get("stage")),
		DocumentSymbol: v.Get("document_symbol"),
		Details: cases.Details{Reason: v.Get("reason"), Note: v.Get("note"), Difficulties: v.Get("difficulties"),
			Conclusions: v.Get("conclusions")}}
	in.EffectiveOn = parseDate(&errs, "effective_on", v.Get("effective_on"))
	in.AgencyID = parseID(&errs, "agency_id", v.Get("agency_id"))
	for _, s := range v["participants"] {
		if id := parseID(&errs, "participants", s); id != 0 {
			in.Details.Participants = append(in.Details.Participants, id)
		}
	}
	in.Suspects = parseCount(&errs, "suspects", v.Get("suspects"))
	in.Defendants = parseCount(&errs, "defendants", v.Get("defendants"))
	in.AmountVND = parseMoney(&errs, "amount_vnd", v.Get("amount_vnd"))
	in.AreaM2 = parseArea(&errs, "area_m2", v.Get("area_m2"))
	return in, errs
}

func (p *Pages) show(w http.ResponseWriter, r *http.Request) {
	id := pathID(r, "id")
	q := r.URL.Query()
	var mode string
	var kind cases.EventKind
	var target int64
	switch {
	case q.Get("record") != "":
		mode, kind = "record", cases.EventKind(q.Get("record"))
	case q.Get("correct") != "":
		mode, target = "correct", parseID(new(validate.Errors), "", q.Get("correct"))
	case q.Get("retract") != "":
		mode, target = "retract", parseID(new(validate.Errors), "", q.Get("retract"))
	}
	p.renderShow(w, r, id, mode, kind, target, nil, http.StatusOK)
}

// renderShow renders a case's page, with one event form when mode is set
// (record an event of kind; correct or retract event target). form holds
// what was typed and its errors, or nil for a fresh form.
func (p *Pages) renderShow(w http.ResponseWriter, r *http.Request, id int64, mode string, kind cases.EventKind,
	target int64, form *web.Form, status int) {
	ctx := r.Context()
	c, err := p.svc.Get(ctx, id)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	entries, err := p.svc.Timeline(ctx, id)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	choices, err := p.svc.Choices(ctx)
	if err != nil {
		p.app.Fail(w, r, err)
		return
	}
	names := unitNames(choices.Units)
	today := p.svc.Today()
	v := &showView{Case: c, DueClass: dueClass(c, today), Today: today, Kinds: cases.EventKinds, Version: c.Version,
		RuleEN: p.lang(r) == "en"}
	if l, ok := p.svc.Rule(c.Deadline); ok {
		v.Rule = &l
	}
	for _, uid := range c.UnitIDs {
		v.Units = append(v.Units, names[uid])
	}
	byID := map[int64]*cases.TimelineEntry{}
	for i := range entries {
		byID[entries[i].ID] = &entries[i]
	}
	for _, e := range entries {
		it := timelineItem{TimelineEntry: e, Anchor: "ev-" + itoa(e.ID), BackDated: e.BackDated()}
		for _, pid := range e.Details.Participants {
			it.Participants = append(it.Participants, names[pid])
		}
		if e.SupersededBy != 0 {
			it.Corrected = true
			it.Retracted = byID[e.SupersededBy] != nil && byID[e.SupersededBy].Kind == cases.Retracted
		}
		if e.CorrectsEventID != 0 {
			it.Target = byID[e.CorrectsEventID]
		}
		live := e.SupersededBy == 0 && e.Kind != cases.Retracted
		it.CanCorrect = live
		it.CanRetract = live && e.Kind != cases.Opened
		v.Timeline = append(v.Timeline, it)
	}
	if access.FromContext(ctx).Can(access.CasesWrite) {
		v.EventForm = p.eventFormFor(c, v.Timeline, mode, kind, target, choices.Units)
	}
	if v.EventForm != nil && form == nil {
		form = &web.Form{Values: url.Values{"effective_on": {vntext.Date(today)}}}
		if v.EventForm.Event != nil && mode == "correct" {
			form.Values = eventValues(v.EventForm.Event.Event)
		}
	}
	if form != nil && len(form.Errors) > 0 {
		if v.EventForm == nil {
			// No form to show the errors beside: they head the page.
			errs := slices.Clone(form.Errors)
			for i := range errs {
				errs[i].Field = ""
			}
			form.Errors = errs
		} else {
			v.EventForm.Other = otherFields(form.Errors, v.EventForm.Fields)
		}
	}
	if form != nil && form.Values.Get("version") != "" {
		v.Version, _ = strconv.Atoi(form.Values.Get("version"))
	}
	pg := &web.Page{Title: c.RefCode + " · " + c.Title, Form: form, Status: status, Data: v}
	p.app.Render(w, r, "cases/show", pg)
}

// otherFields lists the fields with errors that are not among fields.
func otherFields(errs validate.Errors, fields []eventField) []string {
	var out []string
	for _, e := range errs {
		shown := e.Field == "" || slices.ContainsFunc(fields, func(f eventField) bool { return f.Name == e.Field })
		if !shown && !slices.Contains(out, e.Field) {
			out = append(out, e.Field)
		}
	}
	return out
}

// eventFormFor builds the event form the page asked for, if it makes sense.
func (p *Pages) eventFormFor(c *cases.Case, timeline []timelineItem, mode string, kind cases.EventKind, target int64,
	units []cases.UnitChoice) *eventForm {
	base := caseURL(c.ID) + "/events"
	switch mode {
	case "record":
		if !kind.Recordable() {
			return nil
		}
		return p.newEventForm(mode, kind, base, units)
	case "correct", "retract":
		for i := range timeline {
			it := &timeline[i]
			if it.ID != target || (mode == "correct" && !it.CanCorrect) || (mode == "retract" && !it.CanRetract) {
				continue
			}
			f := p.newEventForm(mode, it.Kind, base+"/"+itoa(it.ID)+"/"+mode, units)
			f.Event = it
			return f
		}
	}
	return nil
}

// record appends an event of the kind posted to the case.
func (p *Pages) record(w http.ResponseWriter, r *http.Request) {
	id := pathID(r, "id")
	_ = r.ParseForm()
	kind := cases.EventKind(r.PostFormValue("kind"))
	in, errs := readEvent(r.PostForm, kind)
	var err error = errs
	if len(errs) > 0 {
		err = withService(errs, p.svc.CheckEvent(in))
	}
	if len(errs) == 0 {
		version, _ := strconv.Atoi(r.PostFormValue("version"))
		_, _, err = p.svc.Record(r.Context(), id, version, in)
	}
	if p.eventFailed(w, r, id, "record", kind, 0, err) {
		return
	}
	p.app.Flash(r, "ok", "cases.event_saved", "event", p.t(r, "cases.event."+string(kind)))
	http.Redirect(w, r, caseURL(id)+"#timeline", http.StatusSeeOther)
}

// correct replaces an event by its corrected version.
func (p *Pages) correct(w http.ResponseWriter, r *http.Request) {
	id, eventID := pathID(r, "id"), pathID(r, "event")
	_ = r.ParseForm()
	kind := cases.EventKind(r.PostFormValue("kind"))
	in, errs := readEvent(r.PostForm, kind)
	var err error = errs
	if len(errs) > 0 && kind != cases.Opened { // the opening date is all an "opened" event has
		err = withService(errs, p.svc.CheckEvent(in))
	}
	if len(errs) == 0 {
		version, _ := strconv.Atoi(r.PostFormValue("version"))
		_, _, err = p.svc.Correct(r.Context(), id, version, eventID, in)
	}
	if p.eventFailed(w, r, id, "correct", kind, eventID, err) {
		return
	}
	p.app.Flash(r, "ok", "cases.event_corrected")
	http.Redirect(w, r, caseURL(id)+"#timeline", http.StatusSeeOther)
}

// retract withdraws an event entered in error.
func (p *Pages) retract(w http.ResponseWriter, r *http.Request) {
	id, eventID := pathID(r, "id"), pathID(r, "event")
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	_, _, err := p.svc.Retract(r.Context(), id, version, eventID, r.PostFormValue("reason"))
	if p.eventFailed(w, r, id, "retract", "", eventID, err) {
		return
	}
	p.app.Flash(r, "ok", "cases.event_retracted")
	http.Redirect(w, r, caseURL(id)+"#timeline", http.StatusSeeOther)
}

// eventFailed answers a failed event form: the case's page again with what
// was typed and the errors beside the fields (422), or with the case as it
// now is after someone else's entry (409, the form keeping what was typed
// with the current version); other errors as usual. It reports whether it
// answered.
func (p *Pages) eventFailed(w http.ResponseWriter, r *http.Request, id int64, mode string, kind cases.EventKind,
	target int64, err error) bool {
	if e, ok := err.(validate.Errors); ok && len(e) == 0 {
		err = nil
	}
	switch {
	case err == nil:
		return false
	case errors.Is(err, store.ErrConflict):
		form := p.app.NewForm(r, validate.Errors{{Key: "error.conflict"}})
		c, gerr := p.svc.Get(r.Context(), id)
		if gerr != nil {
			p.app.Fail(w, r, gerr)
			return true
		}
		form.Values.Set("version", strconv.Itoa(c.Version))
		p.renderShow(w, r, id, mode, kind, target, form, http.StatusConflict)
	default:
		if _, ok := validate.As(err); !ok {
			p.app.Fail(w, r, err)
			return true
		}
		p.renderShow(w, r, id, mode, kind, target, p.app.NewForm(r, err), http.StatusUnprocessableEntity)
	}
	return true
}
