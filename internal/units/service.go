package units

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// Service is the organisation module's API for pages, the JSON API, imports
// and other modules. Every method takes the acting user from ctx, checks
// the permission, scopes by the actor's organisation and validates all input
// before writing anything, in one audited transaction.
type Service struct {
	db *store.DB
}

// New returns the service over db.
func New(db *store.DB) *Service { return &Service{db: db} }

// UnitInput is what a person fills in to create a unit. ValidFrom zero:
// the establishment date is not recorded; ValidTo non-zero: the last day of
// its life (a dissolution is recorded on the day after).
type UnitInput struct {
	Code          string
	Kind          Kind
	Name          string
	ShortName     string
	NameEN        string
	IssuerCode    string
	AdminCode     string
	ParentID      int64
	ValidFrom     civil.Date
	FromPrecision Precision
	Established   Decision
	ValidTo       civil.Date
	Ended         Decision
	Note          string
}

// UnitEdit is what can change on a unit without history. Name, kind and
// parent change through RecordEvent, so that the date and the decision of
// every change are kept.
type UnitEdit struct {
	Code       string
	IssuerCode string
	AdminCode  string
	Note       string
}

// EventInput records one event of a unit's history. Which fields count
// depends on Kind: Name (established, split_from, renamed, re_established:
// empty keeps the previous one), ShortName and NameEN, UnitKind (established,
// split_from, reclassified), ParentID (established, split_from,
// re_established, moved: 0 is the top level), RelatedUnitID (merged_into:
// the absorbing unit; split_from: the source). CorrectsID names an earlier
// event that this one replaces; with Kind Cancelled, it withdraws it.
type EventInput struct {
	Kind          EventKind
	EffectiveOn   civil.Date
	Precision     Precision
	Name          string
	ShortName     string
	NameEN        string
	UnitKind      Kind
	ParentID      int64
	RelatedUnitID int64
	Decision      Decision
	Note          string
	CorrectsID    int64
}

var codePattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

const (
	maxName   = 300
	maxSymbol = 100
	maxNote   = 4000
	maxCode   = 64
)

func errDuplicateCode(code string) error {
	var errs validate.Errors
	errs.Add("code", "units.error.duplicate_code", map[string]any{"code": code})
	return errs
}

// cleanUnitInput normalises what a person typed.
func cleanUnitInput(in *UnitInput) {
	in.Code = vntext.Clean(in.Code)
	in.Name = vntext.Clean(in.Name)
	in.ShortName = vntext.Clean(in.ShortName)
	in.NameEN = vntext.Clean(in.NameEN)
	in.IssuerCode = vntext.Clean(in.IssuerCode)
	in.AdminCode = vntext.Clean(in.AdminCode)
	in.Note = vntext.CleanText(in.Note)
	cleanDecision(&in.Established)
	cleanDecision(&in.Ended)
}

func cleanDecision(d *Decision) {
	d.Symbol = vntext.Clean(d.Symbol)
	d.Issuer = vntext.Clean(d.Issuer)
}

func checkCode(errs *validate.Errors, code string) {
	switch {
	case code == "":
		errs.Required("code", code)
	case len(code) > maxCode || !codePattern.MatchString(code):
		errs.Add("code", "units.error.invalid_code", nil)
	}
}

func checkDecision(errs *validate.Errors, prefix string, d Decision) {
	errs.MaxLen(prefix+"symbol", d.Symbol, maxSymbol)
	errs.MaxLen(prefix+"issuer", d.Issuer, maxName)
}

func checkNames(errs *validate.Errors, name, short, en string) {
	errs.MaxLen("name", name, maxName)
	errs.MaxLen("short_name", short, maxName)
	errs.MaxLen("name_en", en, maxName)
}

// validateUnitInput checks what needs no database.
func validateUnitInput(in UnitInput) validate.Errors {
	var errs validate.Errors
	checkCode(&errs, in.Code)
	errs.Required("name", in.Name)
	checkNames(&errs, in.Name, in.ShortName, in.NameEN)
	if !in.Kind.Valid() {
		errs.Add("kind", "error.invalid_choice", nil)
	}
	errs.MaxLen("issuer_code", in.IssuerCode, 30)
	errs.MaxLen("admin_code", in.AdminCode, 30)
	errs.MaxLen("note", in.Note, maxNote)
	if !in.FromPrecision.Valid() {
		errs.Add("from_precision", "error.invalid_choice", nil)
	}
	if !in.ValidFrom.IsZero() && !in.ValidTo.IsZero() && in.ValidTo.Before(in.ValidFrom) {
		errs.Add("valid_to", "error.date_order", map[string]any{"other": vntext.Date(in.ValidFrom)})
	}
	checkDecision(&errs, "established_", in.Established)
	checkDecision(&errs, "ended_", in.Ended)
	return errs
}

// refs checks that referenced units exist in the organisation.
type refs struct {
	ctx   context.Context
	q     store.Querier
	orgID int64
	errs  *validate.Errors
	cache map[int64]*Unit
}

func newRefs(ctx context.Context, q store.Querier, orgID int64, errs *validate.Errors) *refs {
	return &refs{ctx: ctx, q: q, orgID: orgID, errs: errs, cache: map[int64]*Unit{}}
}

// unit returns the unit with id (0: none), or nil after adding key to field
// when there is no such unit in the organisation.
func (r *refs) unit(field, key string, id int64) (*Unit, error) {
	if id == 0 {
		return nil, nil
	}
	if u, ok := r.cache[id]; ok {
		if u == nil {
			r.errs.Add(field, key, nil)
		}
		return u, nil
	}
	u, err := getUnit(r.ctx, r.q, r.orgID, id)
	if errors.Is(err, store.ErrNotFound) {
		r.cache[id] = nil
		r.errs.Add(field, key, nil)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	r.cache[id] = &u
	return &u, nil
}

func (r *refs) issuer(prefix string, d Decision) error {
	_, err := r.unit(prefix+"issuer_id", "units.error.unknown_unit", d.IssuerID)
	return err
}

// Create adds a unit with its establishment (and, when ValidTo is given, its
// dissolution) as events.
func (s *Service) Create(ctx context.Context, in UnitInput) (Unit, error) {
	actor, err := access.Check(ctx, access.OrgWrite)
	if err != nil {
		return Unit{}, err
	}
	cleanUnitInput(&in)
	if errs := validateUnitInput(in); len(errs) > 0 {
		return Unit{}, errs
	}
	var u Unit
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		u, err = createUnit(ctx, tx, actor, in)
		if err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Create, Entity: "unit", EntityID: u.ID,
			Summary: "Tạo đơn vị " + u.Name, After: u})
		return err
	})
	return u, err
}

// createUnit validates against the database and writes; the caller audits.
func createUnit(ctx context.Context, tx *sql.Tx, actor *access.Actor, in UnitInput) (Unit, error) {
	var errs validate.Errors
	r := newRefs(ctx, tx, actor.OrgID, &errs)
	if _, err := getUnitByCode(ctx, tx, actor.OrgID, in.Code); err == nil {
		errs.Add("code", "units.error.duplicate_code", map[string]any{"code": in.Code})
	} else if !errors.Is(err, store.ErrNotFound) {
		return Unit{}, err
	}
	parent, err := r.unit("parent_id", "units.error.unknown_parent", in.ParentID)
	if err != nil {
		return Unit{}, err
	}
	if parent != nil && !in.ValidFrom.IsZero() {
		if err := checkAliveOn(ctx, tx, actor.OrgID, parent, in.ValidFrom, "parent_id", "units.error.parent_not_alive", &errs); err != nil {
			return Unit{}, err
		}
	}
	if err := r.issuer("established_", in.Established); err != nil {
		return Unit{}, err
	}
	if err := r.issuer("ended_", in.Ended); err != nil {
		return Unit{}, err
	}
	events := []Event{{Kind: Established, EffectiveOn: in.ValidFrom, Precision: in.FromPrecision, Name: in.Name,
		ShortName: in.ShortName, NameEN: in.NameEN, UnitKind: in.Kind, ParentID: in.ParentID, Decision: in.Established}}
	if !in.ValidTo.IsZero() {
		events = append(events, Event{Kind: Dissolved, EffectiveOn: in.ValidTo.AddDays(1), Decision: in.Ended})
	}
	if _, err := Derive(events); err != nil {
		addHistoryError(&errs, err)
	}
	if len(errs) > 0 {
		return Unit{}, errs
	}
	u := Unit{OrgID: actor.OrgID, Code: in.Code, Kind: in.Kind, Name: in.Name, NameEN: in.NameEN, ShortName: in.ShortName,
		IssuerCode: in.IssuerCode, AdminCode: in.AdminCode, ParentID: in.ParentID, ValidFrom: in.ValidFrom,
		ValidTo: in.ValidTo, Note: in.Note}
	if err := insertUnit(ctx, tx, &u); err != nil {
		return Unit{}, err
	}
	for i := range events {
		events[i].OrgID, events[i].UnitID = actor.OrgID, u.ID
		events[i].RecordedBy, events[i].RecordedName = actor.UserID, actor.Name()
		if err := insertEvent(ctx, tx, &events[i]); err != nil {
			return Unit{}, err
		}
	}
	versions, err := Derive(events)
	if err != nil {
		return Unit{}, err
	}
	if err := applyVersions(ctx, tx, &u, versions, false); err != nil {
		return Unit{}, err
	}
	return u, nil
}

// checkAliveOn adds key to field unless u has a version covering d.
func checkAliveOn(ctx context.Context, q store.Querier, orgID int64, u *Unit, d civil.Date, field, key string, errs *validate.Errors) error {
	vs, err := listVersions(ctx, q, orgID, u.ID)
	if err != nil {
		return err
	}
	if !aliveOn(vs, d) {
		errs.Add(field, key, map[string]any{"name": u.Name, "date": vntext.Date(d)})
	}
	return nil
}

func addHistoryError(errs *validate.Errors, err error) {
	var he *HistoryError
	if errors.As(err, &he) {
		field := he.Field
		if field == "" {
			field = "effective_on"
		}
		errs.Add(field, he.Key, he.Params)
		return
	}
	errs.Add("", "units.error.history", map[string]any{"error": err.Error()})
}

// Update changes the attributes that have no history.
func (s *Service) Update(ctx context.Context, id int64, version int, in UnitEdit) (Unit, error) {
	actor, err := access.Check(ctx, access.OrgWrite)
	if err != nil {
		return Unit{}, err
	}
	in.Code, in.IssuerCode, in.AdminCode = vntext.Clean(in.Code), vntext.Clean(in.IssuerCode), vntext.Clean(in.AdminCode)
	in.Note = vntext.CleanText(in.Note)
	var errs validate.Errors
	checkCode(&errs, in.Code)
	errs.MaxLen("issuer_code", in.IssuerCode, 30)
	errs.MaxLen("admin_code", in.AdminCode, 30)
	errs.MaxLen("note", in.Note, maxNote)
	if len(errs) > 0 {
		return Unit{}, errs
	}
	var u Unit
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getUnit(ctx, tx, actor.OrgID, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return store.ErrConflict
		}
		if in.Code != before.Code {
			if _, err := getUnitByCode(ctx, tx, actor.OrgID, in.Code); err == nil {
				return errDuplicateCode(in.Code)
			} else if !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		vs, err := listVersions(ctx, tx, actor.OrgID, id)
		if err != nil {
			return err
		}
		u = before
		u.Code, u.IssuerCode, u.AdminCode, u.Note = in.Code, in.IssuerCode, in.AdminCode, in.Note
		if err := updateUnitAttrs(ctx, tx, &u, vs); err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Update, Entity: "unit", EntityID: id,
			Summary: "Sửa đơn vị " + u.Name, Before: before, After: u})
		return err
	})
	return u, err
}

// Get returns one unit.
func (s *Service) Get(ctx context.Context, id int64) (Unit, error) {
	actor, err := access.Check(ctx, access.OrgRead)
	if err != nil {
		return Unit{}, err
	}
	return getUnit(ctx, s.db.Read(), actor.OrgID, id)
}

// ByCode returns the unit of orgID with code, for other modules inside their
// own transaction (they have checked their permissions).
func ByCode(ctx context.Context, q store.Querier, orgID int64, code string) (Unit, error) {
	return getUnitByCode(ctx, q, orgID, code)
}

// ByID returns the unit of orgID with id, for other modules.
func ByID(ctx context.Context, q store.Querier, orgID, id int64) (Unit, error) {
	return getUnit(ctx, q, orgID, id)
}

// GetByCode returns the unit with code in the actor's organisation.
func (s *Service) GetByCode(ctx context.Context, code string) (Unit, error) {
	actor, err := access.Check(ctx, access.OrgRead)
	if err != nil {
		return Unit{}, err
	}
	return getUnitByCode(ctx, s.db.Read(), actor.OrgID, code)
}

// cleanEventInput normalises typed text.
func cleanEventInput(in *EventInput) {
	in.Name = vntext.Clean(in.Name)
	in.ShortName = vntext.Clean(in.ShortName)
	in.NameEN = vntext.Clean(in.NameEN)
	in.Note = vntext.CleanText(in.Note)
	cleanDecision(&in.Decision)
}

// validateEventInput checks what needs no database.
func validateEventInput(in EventInput) validate.Errors {
	var errs validate.Errors
	if !in.Kind.Valid() {
		errs.Add("kind", "error.invalid_choice", nil)
		return errs
	}
	if !in.Precision.Valid() {
		errs.Add("precision", "error.invalid_choice", nil)
	}
	if in.EffectiveOn.IsZero() && in.Kind != Cancelled && !(in.Kind == Established && in.CorrectsID != 0) {
		errs.Add("effective_on", "error.required", nil)
	}
	checkNames(&errs, in.Name, in.ShortName, in.NameEN)
	errs.MaxLen("note", in.Note, maxNote)
	checkDecision(&errs, "decision_", in.Decision)
	switch in.Kind {
	case Established, SplitFrom:
		errs.Required("name", in.Name)
		if !in.UnitKind.Valid() {
			errs.Add("unit_kind", "error.invalid_choice", nil)
		}
	case Renamed:
		errs.Required("name", in.Name)
	case Reclassified:
		if !in.UnitKind.Valid() {
			errs.Add("unit_kind", "error.invalid_choice", nil)
		}
	case ReEstablished:
		if in.UnitKind != "" && !in.UnitKind.Valid() {
			errs.Add("unit_kind", "error.invalid_choice", nil)
		}
	case Cancelled:
		if in.CorrectsID == 0 {
			errs.Add("corrects_id", "error.required", nil)
		}
	}
	if in.Kind.usesRelated() && in.RelatedUnitID == 0 {
		errs.Add("related_unit_id", "error.required", nil)
	}
	return errs
}

// RecordEvent adds an event to a unit's history and re-derives its versions.
// version is the unit's version the person saw; a stale one is a conflict.
// The event is refused, with nothing written, when it would make the history
// impossible (dated outside the unit's life, a merger into a unit that no
// longer exists, a parent that makes a cycle in the tree).
func (s *Service) RecordEvent(ctx context.Context, unitID int64, version int, in EventInput) (Event, error) {
	actor, err := access.Check(ctx, access.OrgWrite)
	if err != nil {
		return Event{}, err
	}
	cleanEventInput(&in)
	if errs := validateEventInput(in); len(errs) > 0 {
		return Event{}, errs
	}
	var ev Event
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getUnit(ctx, tx, actor.OrgID, unitID)
		if err != nil {
			return err
		}
		if before.Version != version {
			return store.ErrConflict
		}
		ev, err = recordEvent(ctx, tx, actor, before, in)
		if err != nil {
			return err
		}
		after, err := getUnit(ctx, tx, actor.OrgID, unitID)
		if err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: "unit.event", Entity: "unit", EntityID: unitID,
			Summary: fmt.Sprintf("Ghi sự kiện %s của đơn vị %s", ev.Kind, before.Name),
			Before:  before, After: map[string]any{"event": ev, "unit": after}})
		return err
	})
	return ev, err
}

// recordEvent validates in against the unit's history and the other units,
// then writes the event and the derived versions. The caller audits.
func recordEvent(ctx context.Context, tx *sql.Tx, actor *access.Actor, u Unit, in EventInput) (Event, error) {
	var errs validate.Errors
	r := newRefs(ctx, tx, actor.OrgID, &errs)
	events, err := listEvents(ctx, tx, actor.OrgID, u.ID)
	if err != nil {
		return Event{}, err
	}
	if in.CorrectsID != 0 {
		found := false
		for _, e := range events {
			if e.ID == in.CorrectsID {
				found = true
			}
			if e.CorrectsID == in.CorrectsID {
				errs.Add("corrects_id", "units.error.already_corrected", nil)
			}
		}
		if !found {
			errs.Add("corrects_id", "units.error.unknown_event", nil)
		}
	}
	if in.Kind.usesParent() && in.ParentID != 0 {
		parent, err := r.unit("parent_id", "units.error.unknown_parent", in.ParentID)
		if err != nil {
			return Event{}, err
		}
		if parent != nil && parent.ID == u.ID {
			errs.Add("parent_id", "units.error.cycle", nil)
		} else if parent != nil && !in.EffectiveOn.IsZero() {
			if err := checkAliveOn(ctx, tx, actor.OrgID, parent, in.EffectiveOn, "parent_id", "units.error.parent_not_alive", &errs); err != nil {
				return Event{}, err
			}
		}
	}
	if in.Kind.usesRelated() && in.RelatedUnitID != 0 {
		related, err := r.unit("related_unit_id", "units.error.unknown_unit", in.RelatedUnitID)
		if err != nil {
			return Event{}, err
		}
		switch {
		case related == nil:
		case related.ID == u.ID:
			errs.Add("related_unit_id", "units.error.self_reference", nil)
		case in.Kind == MergedInto:
			if err := checkAliveOn(ctx, tx, actor.OrgID, related, in.EffectiveOn, "related_unit_id", "units.error.merge_into_dissolved", &errs); err != nil {
				return Event{}, err
			}
		default:
			if err := checkAliveOn(ctx, tx, actor.OrgID, related, in.EffectiveOn, "related_unit_id", "units.error.source_not_alive", &errs); err != nil {
				return Event{}, err
			}
		}
	}
	if err := r.issuer("decision_", in.Decision); err != nil {
		return Event{}, err
	}
	ev := Event{OrgID: actor.OrgID, UnitID: u.ID, Kind: in.Kind, EffectiveOn: in.EffectiveOn, Precision: in.Precision,
		Name: in.Name, ShortName: in.ShortName, NameEN: in.NameEN, UnitKind: in.UnitKind, RelatedUnitID: in.RelatedUnitID,
		Decision: in.Decision, Note: in.Note, CorrectsID: in.CorrectsID, RecordedBy: actor.UserID, RecordedName: actor.Name()}
	if in.Kind.usesParent() {
		ev.ParentID = in.ParentID
	}
	versions, err := Derive(append(events, ev))
	if err != nil {
		addHistoryError(&errs, err)
	}
	// A new parent, or a correction of any event, can change the tree.
	if len(errs) == 0 && (in.Kind.usesParent() || in.CorrectsID != 0) {
		if err := checkNoCycle(ctx, tx, actor.OrgID, u.ID, versions, &errs); err != nil {
			return Event{}, err
		}
	}
	if len(errs) > 0 {
		return Event{}, errs
	}
	if err := insertEvent(ctx, tx, &ev); err != nil {
		return Event{}, err
	}
	for i := range versions {
		if versions[i].EventID == 0 {
			versions[i].EventID = ev.ID
		}
	}
	if err := applyVersions(ctx, tx, &u, versions, true); err != nil {
		return Event{}, err
	}
	return ev, nil
}

// checkNoCycle refuses versions of unit id that would make it its own ancestor on some date.
func checkNoCycle(ctx context.Context, q store.Querier, orgID, id int64, versions []Version, errs *validate.Errors) error {
	all, err := allVersions(ctx, q, orgID)
	if err != nil {
		return err
	}
	all[id] = versions
	if d, cyclic := findCycle(all, id); cyclic {
		errs.Add("parent_id", "units.error.cycle_on", map[string]any{"date": vntext.Date(d)})
	}
	return nil
}
