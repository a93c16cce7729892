package cases

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/i18n"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// Service is the cases module: every read checks cases.read and the actor's
// clearance, every write cases.write, and runs in one audited transaction.
type Service struct {
	db        *store.DB
	deadlines Deadlines
	today     func() civil.Date
}

// Option configures a Service.
type Option func(*Service)

// WithToday sets the clock that bounds dates (no event in the future) and
// anchors "overdue"; the demo and tests fix it.
func WithToday(today func() civil.Date) Option { return func(s *Service) { s.today = today } }

// New returns the service. The calendar and the limit table are
// dependencies so that the platform can pass versions that include
// administrators' edits.
func New(db *store.DB, cal *calendar.Calendar, limits *calendar.Limits, opts ...Option) *Service {
	s := &Service{db: db, deadlines: Deadlines{Cal: cal, Limits: limits}, today: civil.Today}
	for _, o := range opts {
		o(s)
	}
	return s
}

// pendingID sorts an event being recorded after every recorded event of
// its day, as its real id will.
const pendingID = math.MaxInt64

// Get returns one case with its full state. A case of another organisation
// or above the actor's clearance is store.ErrNotFound.
func (s *Service) Get(ctx context.Context, id int64) (*Case, error) {
	actor, err := access.Check(ctx, access.CasesRead)
	if err != nil {
		return nil, err
	}
	var c *Case
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		if c, err = loadCase(ctx, tx, actor.OrgID, actor.Clearance, id); err != nil {
			return err
		}
		events, err := loadEvents(ctx, tx, id)
		if err != nil {
			return err
		}
		st, p := Fold(Effective(plain(events)), FoldOptions{})
		if p != nil {
			return fmt.Errorf("case %d: stored history does not fold: %w", id, p)
		}
		c.State = st
		return nil
	})
	return c, err
}

// Timeline returns every event of a case in the order it is folded, with
// the corrected and retracted ones marked (SupersededBy) where they stood.
func (s *Service) Timeline(ctx context.Context, id int64) ([]TimelineEntry, error) {
	actor, err := access.Check(ctx, access.CasesRead)
	if err != nil {
		return nil, err
	}
	if _, err := loadCase(ctx, s.db.Read(), actor.OrgID, actor.Clearance, id); err != nil {
		return nil, err
	}
	events, err := loadEvents(ctx, s.db.Read(), id)
	if err != nil {
		return nil, err
	}
	by := make(map[int64]int64)
	for _, e := range events {
		if e.CorrectsEventID != 0 {
			by[e.CorrectsEventID] = e.ID
		}
	}
	for i := range events {
		events[i].SupersededBy = by[events[i].ID]
	}
	sortTimeline(events)
	return events, nil
}

// Create records a new case and its "opened" event.
func (s *Service) Create(ctx context.Context, in Input) (*Case, error) {
	actor, err := access.Check(ctx, access.CasesWrite)
	if err != nil {
		return nil, err
	}
	if errs := checkInput(&in, actor, true, s.today()); len(errs) > 0 {
		return nil, errs
	}
	var out *Case
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		c := &Case{OrgID: actor.OrgID}
		if errs, err := s.applyInput(ctx, tx, c, &in); err != nil || len(errs) > 0 {
			return orErrs(err, errs)
		}
		if c.RefCode == "" {
			if c.RefCode, err = nextRefCode(ctx, tx, actor.OrgID, c.Kind, in.OpenedOn); err != nil {
				return err
			}
		}
		now := store.Now()
		opened := Event{ID: 1, Kind: Opened, EffectiveOn: in.OpenedOn, RecordedAt: now,
			RecordedBy: actor.UserID, RecordedByName: actor.Name()}
		st, _ := Fold([]Event{opened}, FoldOptions{})
		id, err := insertCase(ctx, tx, c, st, Deadline{}, now)
		if store.IsUniqueViolation(err) {
			return validate.Errors{{Field: "ref_code", Key: "cases.error.ref_code_taken"}}
		}
		if err != nil {
			return fmt.Errorf("create case: %w", err)
		}
		c.ID, opened.CaseID = id, id
		if err := insertEvent(ctx, tx, &opened, c.OrgID); err != nil {
			return err
		}
		if err := replaceLinks(ctx, tx, c); err != nil {
			return err
		}
		if err := insertRevision(ctx, tx, c, now, actor.UserID); err != nil {
			return err
		}
		if err := putSearch(ctx, tx, id); err != nil {
			return err
		}
		if _, err := audit.Record(ctx, tx, audit.Event{Action: "case.create", Entity: "case", EntityID: id,
			Summary: "Tạo hồ sơ " + c.RefCode + ": " + c.Title, After: recordSnapshot(c)}); err != nil {
			return err
		}
		out, err = loadCase(ctx, tx, actor.OrgID, actor.Clearance, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Update saves the case's own fields if the case is still at version (the
// one the form was loaded with); otherwise store.ErrConflict. A change of
// offence class recomputes the deadline.
func (s *Service) Update(ctx context.Context, id int64, version int, in Input) (*Case, error) {
	actor, err := access.Check(ctx, access.CasesWrite)
	if err != nil {
		return nil, err
	}
	if errs := checkInput(&in, actor, false, s.today()); len(errs) > 0 {
		return nil, errs
	}
	var out *Case
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		old, err := loadCase(ctx, tx, actor.OrgID, actor.Clearance, id)
		if err != nil {
			return err
		}
		if old.Version != version {
			return store.ErrConflict
		}
		c := &Case{ID: id, OrgID: actor.OrgID, RefCode: old.RefCode}
		if errs, err := s.applyInput(ctx, tx, c, &in); err != nil || len(errs) > 0 {
			return orErrs(err, errs)
		}
		events, err := loadEvents(ctx, tx, id)
		if err != nil {
			return err
		}
		st, dl, errs := s.derive(Effective(plain(events)), c.OffenceClass, 0, "offence_class")
		if len(errs) > 0 {
			return errs
		}
		now := store.Now()
		ok, err := updateCase(ctx, tx, id, actor.OrgID, version, c, st, dl, now)
		if store.IsUniqueViolation(err) {
			return validate.Errors{{Field: "ref_code", Key: "cases.error.ref_code_taken"}}
		}
		if err != nil {
			return err
		}
		if !ok {
			return store.ErrConflict
		}
		if err := replaceLinks(ctx, tx, c); err != nil {
			return err
		}
		if err := insertRevision(ctx, tx, c, now, actor.UserID); err != nil {
			return err
		}
		if err := putSearch(ctx, tx, id); err != nil {
			return err
		}
		if _, err := audit.Record(ctx, tx, audit.Event{Action: "case.update", Entity: "case", EntityID: id,
			Summary: "Sửa hồ sơ " + c.RefCode, Before: recordSnapshot(old), After: recordSnapshot(c)}); err != nil {
			return err
		}
		out, err = loadCase(ctx, tx, actor.OrgID, actor.Clearance, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// applyInput copies a checked form onto c after checking what needs the
// database: units of the organisation, assignable users.
func (s *Service) applyInput(ctx context.Context, tx *sql.Tx, c *Case, in *Input) (validate.Errors, error) {
	var errs validate.Errors
	if in.LocalityID != 0 {
		bad, err := unknownUnits(ctx, tx, c.OrgID, []int64{in.LocalityID})
		if err != nil {
			return nil, err
		}
		if len(bad) > 0 {
			errs.Add("locality_id", "error.not_found", nil)
		}
	}
	if bad, err := unknownUnits(ctx, tx, c.OrgID, in.UnitIDs); err != nil {
		return nil, err
	} else if len(bad) > 0 {
		errs.Add("unit_ids", "error.not_found", nil)
	}
	if bad, err := unassignable(ctx, tx, c.OrgID, in.AssigneeIDs); err != nil {
		return nil, err
	} else if len(bad) > 0 {
		errs.Add("assignee_ids", "cases.error.not_assignable", nil)
	}
	if len(errs) > 0 {
		return errs, nil
	}
	people, err := personNames(ctx, tx, in.AssigneeIDs)
	if err != nil {
		return nil, err
	}
	if in.RefCode != "" {
		c.RefCode = in.RefCode
	}
	c.Kind, c.Title, c.Summary, c.Categories, c.Field = in.Kind, in.Title, in.Summary, in.Categories, in.Field
	c.LocalityID, c.UnitIDs, c.Flags = in.LocalityID, in.UnitIDs, in.Flags
	c.Classification, c.OffenceClass, c.Assignees, c.Documents = in.Classification, in.OffenceClass, people, in.Documents
	return nil, nil
}

// Record appends an event to case id, which must still be at version.
// The event may be back-dated (it is then folded where it belongs and the
// figures of its period change, visibly: recorded_at is after effective_on)
// but never before the case's first event, and never so that the history
// stops making sense (see Fold).
func (s *Service) Record(ctx context.Context, id int64, version int, in EventInput) (*Case, *Event, error) {
	return s.write(ctx, id, version, in, 0)
}

// Correct replaces event eventID of case id by a corrected version of it
// (same kind): the original stays in the timeline, marked as superseded.
func (s *Service) Correct(ctx context.Context, id int64, version int, eventID int64, in EventInput) (*Case, *Event, error) {
	if eventID == 0 {
		return nil, nil, validate.Errors{{Field: "event_id", Key: "error.required"}}
	}
	if in.Kind == Retracted {
		return nil, nil, validate.Errors{{Field: "kind", Key: "error.invalid_choice"}}
	}
	return s.write(ctx, id, version, in, eventID)
}

// Retract withdraws event eventID of case id, recorded in error, giving the
// reason. The case's "opened" event cannot be retracted (correct its date).
func (s *Service) Retract(ctx context.Context, id int64, version int, eventID int64, reason string) (*Case, *Event, error) {
	reason = vntext.CleanText(reason)
	if reason == "" {
		return nil, nil, validate.Errors{{Field: "reason", Key: "error.required"}}
	}
	return s.write(ctx, id, version, EventInput{Kind: Retracted, Details: Details{Reason: reason}}, eventID)
}

// write records a new event, a correction (target ≠ 0, kind ≠ Retracted)
// or a retraction (kind Retracted).
func (s *Service) write(ctx context.Context, id int64, version int, in EventInput, target int64) (*Case, *Event, error) {
	actor, err := access.Check(ctx, access.CasesWrite)
	if err != nil {
		return nil, nil, err
	}
	retracting := in.Kind == Retracted
	switch {
	case retracting && target != 0:
	case in.Kind == Opened && target != 0:
		// Correcting the opening date: the date is all there is.
		var errs validate.Errors
		checkDate(&errs, "effective_on", in.EffectiveOn, s.today())
		if len(errs) > 0 {
			return nil, nil, errs
		}
		in = EventInput{Kind: Opened, EffectiveOn: in.EffectiveOn, Details: Details{Note: vntext.CleanText(in.Details.Note)}}
	default:
		if errs := checkEvent(&in, s.today()); len(errs) > 0 {
			return nil, nil, errs
		}
	}
	var out *Case
	var ev *Event
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		c, err := loadCase(ctx, tx, actor.OrgID, actor.Clearance, id)
		if err != nil {
			return err
		}
		if c.Version != version {
			return store.ErrConflict
		}
		if errs, err := s.checkEventRefs(ctx, tx, c.OrgID, &in); err != nil || len(errs) > 0 {
			return orErrs(err, errs)
		}
		entries, err := loadEvents(ctx, tx, id)
		if err != nil {
			return err
		}
		events := plain(entries)
		now := store.Now()
		e := Event{ID: pendingID, CaseID: id, Kind: in.Kind, EffectiveOn: in.EffectiveOn, RecordedAt: now,
			RecordedBy: actor.UserID, RecordedByName: actor.Name(), Level: in.Level, Stage: in.Stage,
			AgencyID: in.AgencyID, DocumentSymbol: in.DocumentSymbol, Suspects: in.Suspects,
			Defendants: in.Defendants, AmountVND: in.AmountVND, AreaM2: in.AreaM2,
			CorrectsEventID: target, Details: in.Details}
		var old *Event
		if target != 0 {
			if old, err = correctable(events, target, in.Kind); err != nil {
				return err
			}
			if retracting {
				e.EffectiveOn = old.EffectiveOn // a retraction belongs to the day it undoes
			}
		}
		st, dl, errs := s.derive(Effective(append(events, e)), c.OffenceClass, pendingID, "effective_on")
		if len(errs) > 0 {
			return errs
		}
		if err := insertEvent(ctx, tx, &e, c.OrgID); err != nil {
			return err
		}
		ok, err := updateCase(ctx, tx, id, c.OrgID, version, nil, st, dl, now)
		if err != nil {
			return err
		}
		if !ok {
			return store.ErrConflict
		}
		if _, err := audit.Record(ctx, tx, eventAudit(c, &e, old, st)); err != nil {
			return err
		}
		ev = &e
		out, err = loadCase(ctx, tx, actor.OrgID, actor.Clearance, id)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return out, ev, nil
}

// correctable finds the event a correction or retraction targets: an event
// of the case that still counts, of the same kind as its correction.
func correctable(events []Event, target int64, kind EventKind) (*Event, error) {
	superseded := false
	var found *Event
	for i := range events {
		if events[i].ID == target {
			found = &events[i]
		}
		if events[i].CorrectsEventID == target {
			superseded = true
		}
	}
	switch {
	case found == nil:
		return nil, validate.Errors{{Field: "event_id", Key: "error.not_found"}}
	case superseded || found.Kind == Retracted:
		return nil, validate.Errors{{Field: "event_id", Key: "cases.error.already_superseded"}}
	case kind == Retracted && found.Kind == Opened:
		return nil, validate.Errors{{Field: "event_id", Key: "cases.error.cannot_retract_opened"}}
	case kind != Retracted && kind != found.Kind:
		return nil, validate.Errors{{Field: "kind", Key: "cases.error.correction_kind"}}
	}
	return found, nil
}

// checkEventRefs checks the units an event names belong to the organisation.
func (s *Service) checkEventRefs(ctx context.Context, tx *sql.Tx, orgID int64, in *EventInput) (validate.Errors, error) {
	var errs validate.Errors
	if in.AgencyID != 0 {
		bad, err := unknownUnits(ctx, tx, orgID, []int64{in.AgencyID})
		if err != nil {
			return nil, err
		}
		if len(bad) > 0 {
			errs.Add("agency_id", "error.not_found", nil)
		}
	}
	bad, err := unknownUnits(ctx, tx, orgID, in.Details.Participants)
	if err != nil {
		return nil, err
	}
	if len(bad) > 0 {
		errs.Add("participants", "error.not_found", nil)
	}
	return errs, nil
}

// derive folds a case's effective events and computes its deadline. A
// problem at the event being written (id pending) is reported on its own
// field; one at another event, on field: the new entry breaks the history.
func (s *Service) derive(events []Event, class OffenceClass, pending int64, field string) (State, Deadline, validate.Errors) {
	var errs validate.Errors
	st, p := Fold(events, FoldOptions{MaxExtensions: s.deadlines.MaxExtensions(class)})
	if p != nil {
		if p.EventID == pending && pending != 0 {
			errs.Add(p.Field, p.Key, p.Params)
		} else {
			at := civil.Date{}
			for _, e := range events {
				if e.ID == p.EventID {
					at = e.EffectiveOn
				}
			}
			errs.Add(field, "cases.error.breaks_history", map[string]any{"date": vntext.Date(at)})
			errs.Add("", p.Key, p.Params)
		}
		return st, Deadline{}, errs
	}
	dl, err := s.deadlines.For(st, class)
	var noData *calendar.NoDataError
	var tooMany *ExtensionsError
	switch {
	case errors.As(err, &noData):
		errs.Add(field, "cases.error.no_calendar_data", map[string]any{"year": noData.Year})
	case errors.As(err, &tooMany):
		errs.Add(field, "cases.error.no_more_extensions", map[string]any{"max": tooMany.Max})
	case err != nil:
		errs.Add(field, "cases.error.deadline", map[string]any{"reason": err.Error()})
	}
	return st, dl, errs
}

// eventAudit describes a written event for the audit log.
func eventAudit(c *Case, e, old *Event, after State) audit.Event {
	label := func(k EventKind) string { return i18n.T(i18n.VI, "cases.event."+string(k), nil) }
	action := "case." + string(e.Kind)
	summary := fmt.Sprintf("%s: %s, ngày %s", c.RefCode, label(e.Kind), vntext.Date(e.EffectiveOn))
	switch {
	case e.Kind == Retracted:
		action = "case.event_retracted"
		summary = fmt.Sprintf("%s: rút sự kiện %d (%s)", c.RefCode, e.CorrectsEventID, label(old.Kind))
	case old != nil:
		action = "case.event_corrected"
		summary = fmt.Sprintf("%s: đính chính sự kiện %d (%s)", c.RefCode, e.CorrectsEventID, label(e.Kind))
	}
	if e.BackDated() {
		summary += " (nhập sau ngày hiệu lực)"
	}
	ev := audit.Event{Action: action, Entity: "case", EntityID: c.ID, Summary: summary,
		After: map[string]any{"event": e, "state": after}}
	if old != nil {
		ev.Before = map[string]any{"event": old}
	}
	return ev
}

// orErrs returns err, or the field errors when there is no err.
func orErrs(err error, errs validate.Errors) error {
	if err != nil {
		return err
	}
	return errs
}

// plain strips timeline decorations.
func plain(entries []TimelineEntry) []Event {
	out := make([]Event, len(entries))
	for i, t := range entries {
		out[i] = t.Event
	}
	return out
}

func sortTimeline(entries []TimelineEntry) {
	events := plain(entries)
	order := make(map[int64]int, len(events))
	SortEvents(events)
	for i, e := range events {
		order[e.ID] = i
	}
	sorted := make([]TimelineEntry, len(entries))
	for _, t := range entries {
		sorted[order[t.ID]] = t
	}
	copy(entries, sorted)
}
