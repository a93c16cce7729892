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

// PersonInput is what a person types about someone: a name, and a note.
// Nothing else is kept (no birth date, no identity number).
type PersonInput struct {
	FullName string
	Note     string
}

func (in *PersonInput) clean() validate.Errors {
	in.FullName, in.Note = vntext.Clean(in.FullName), vntext.CleanText(in.Note)
	var errs validate.Errors
	errs.Required("full_name", in.FullName)
	errs.MaxLen("full_name", in.FullName, 200)
	errs.MaxLen("note", in.Note, maxNote)
	return errs
}

// CreatePerson adds a person.
func (s *Service) CreatePerson(ctx context.Context, in PersonInput) (Person, error) {
	actor, err := access.Check(ctx, access.OrgWrite)
	if err != nil {
		return Person{}, err
	}
	if errs := in.clean(); len(errs) > 0 {
		return Person{}, errs
	}
	p := Person{OrgID: actor.OrgID, FullName: in.FullName, Note: in.Note}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := insertPerson(ctx, tx, &p); err != nil {
			return err
		}
		_, err := audit.Record(ctx, tx, audit.Event{Action: audit.Create, Entity: "person", EntityID: p.ID,
			Summary: "Thêm người " + p.FullName, After: p})
		return err
	})
	return p, err
}

// UpdatePerson changes a person's name or note.
func (s *Service) UpdatePerson(ctx context.Context, id int64, version int, in PersonInput) (Person, error) {
	actor, err := access.Check(ctx, access.OrgWrite)
	if err != nil {
		return Person{}, err
	}
	if errs := in.clean(); len(errs) > 0 {
		return Person{}, errs
	}
	var p Person
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getPerson(ctx, tx, actor.OrgID, id)
		if err != nil {
			return err
		}
		p = before
		p.FullName, p.Note, p.Version = in.FullName, in.Note, version
		if err := updatePerson(ctx, tx, &p); err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Update, Entity: "person", EntityID: id,
			Summary: "Sửa người " + p.FullName, Before: before, After: p})
		return err
	})
	return p, err
}

// GetPerson returns one person.
func (s *Service) GetPerson(ctx context.Context, id int64) (Person, error) {
	actor, err := access.Check(ctx, access.OrgRead)
	if err != nil {
		return Person{}, err
	}
	return getPerson(ctx, s.db.Read(), actor.OrgID, id)
}

// PeopleFilter selects people: Text is matched folded against the name.
type PeopleFilter struct {
	Text          string
	Offset, Limit int // Limit <= 0: all
}

// PeoplePage is one page of people in Vietnamese order and the number of matches.
type PeoplePage struct {
	Items []Person
	Total int
}

// ListPeople lists people by name.
func (s *Service) ListPeople(ctx context.Context, f PeopleFilter) (PeoplePage, error) {
	actor, err := access.Check(ctx, access.OrgRead)
	if err != nil {
		return PeoplePage{}, err
	}
	people, err := listPeople(ctx, s.db.Read(), actor.OrgID, f.Text)
	if err != nil {
		return PeoplePage{}, err
	}
	// Vietnamese order sorts by the given name last: "Nguyễn Văn An" is read as written.
	vntext.SortFunc(people, func(p Person) string { return p.FullName })
	return PeoplePage{Items: paginate(people, f.Offset, f.Limit), Total: len(people)}, nil
}

// PositionInput records one term of a person in a post.
type PositionInput struct {
	PersonID      int64
	UnitID        int64
	Title         Title
	TitleText     string
	PersonTitle   string
	From          civil.Date
	FromPrecision Precision
	StartHow      How
	StartDecision Decision
	To            civil.Date
	ToPrecision   Precision
	EndHow        How
	EndDecision   Decision
	CongressID    int64
	Note          string
}

func (in *PositionInput) clean() validate.Errors {
	in.TitleText, in.PersonTitle, in.Note = vntext.Clean(in.TitleText), vntext.Clean(in.PersonTitle), vntext.CleanText(in.Note)
	cleanDecision(&in.StartDecision)
	cleanDecision(&in.EndDecision)
	var errs validate.Errors
	if in.PersonID == 0 {
		errs.Add("person_id", "error.required", nil)
	}
	if in.UnitID == 0 {
		errs.Add("unit_id", "error.required", nil)
	}
	if !in.Title.Valid() {
		errs.Add("title", "error.invalid_choice", nil)
	}
	errs.MaxLen("title_text", in.TitleText, maxName)
	errs.MaxLen("person_title", in.PersonTitle, maxName)
	errs.MaxLen("note", in.Note, maxNote)
	if in.From.IsZero() {
		errs.Add("from", "error.required", nil)
	} else if !in.To.IsZero() && in.To.Before(in.From) {
		errs.Add("to", "error.date_order", map[string]any{"other": vntext.Date(in.From)})
	}
	if !in.FromPrecision.Valid() {
		errs.Add("from_precision", "error.invalid_choice", nil)
	}
	if !in.ToPrecision.Valid() {
		errs.Add("to_precision", "error.invalid_choice", nil)
	}
	if !in.StartHow.ValidStart() {
		errs.Add("start_how", "error.invalid_choice", nil)
	}
	if !in.EndHow.ValidEnd() {
		errs.Add("end_how", "error.invalid_choice", nil)
	}
	if in.To.IsZero() && (in.EndHow != "" || !in.EndDecision.IsZero()) {
		errs.Add("to", "error.required", nil)
	}
	checkDecision(&errs, "start_decision_", in.StartDecision)
	checkDecision(&errs, "end_decision_", in.EndDecision)
	return errs
}

// AddPosition records that a person held a post. Refused: a unit that did
// not exist on those days, and a second holder of a single-holder post
// (Bí thư, Trưởng ban, Chủ nhiệm UBKT, Chủ tịch) for overlapping days.
func (s *Service) AddPosition(ctx context.Context, in PositionInput) (Position, error) {
	actor, err := access.Check(ctx, access.OrgWrite)
	if err != nil {
		return Position{}, err
	}
	if errs := in.clean(); len(errs) > 0 {
		return Position{}, errs
	}
	var p Position
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if p, err = addPosition(ctx, tx, actor, in); err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Create, Entity: "position", EntityID: p.ID,
			Summary: fmt.Sprintf("Ghi chức vụ %s của %s tại %s", p.Title, p.PersonName, p.UnitName), After: p})
		return err
	})
	return p, err
}

func addPosition(ctx context.Context, tx *sql.Tx, actor *access.Actor, in PositionInput) (Position, error) {
	if err := checkPosition(ctx, tx, actor.OrgID, 0, in); err != nil {
		return Position{}, err
	}
	p := positionFrom(actor.OrgID, in)
	if err := insertPosition(ctx, tx, &p); err != nil {
		return Position{}, err
	}
	return getPosition(ctx, tx, actor.OrgID, p.ID)
}

func positionFrom(orgID int64, in PositionInput) Position {
	return Position{OrgID: orgID, PersonID: in.PersonID, UnitID: in.UnitID, Title: in.Title, TitleText: in.TitleText,
		PersonTitle: in.PersonTitle, From: in.From, FromPrecision: in.FromPrecision.orDay(), StartHow: in.StartHow,
		StartDecision: in.StartDecision, To: in.To, ToPrecision: in.ToPrecision.orDay(), EndHow: in.EndHow,
		EndDecision: in.EndDecision, CongressID: in.CongressID, Note: in.Note}
}

// checkPosition validates in against the database; self is the position
// being edited (0 for a new one). It takes the unit's lock first, so two
// concurrent appointments cannot both pass the single-holder check.
func checkPosition(ctx context.Context, tx *sql.Tx, orgID, self int64, in PositionInput) error {
	var errs validate.Errors
	r := newRefs(ctx, tx, orgID, &errs)
	if _, err := getPerson(ctx, tx, orgID, in.PersonID); errors.Is(err, store.ErrNotFound) {
		errs.Add("person_id", "units.error.unknown_person", nil)
	} else if err != nil {
		return err
	}
	unit, err := r.unit("unit_id", "units.error.unknown_unit", in.UnitID)
	if err != nil {
		return err
	}
	if err := r.issuer("start_decision_", in.StartDecision); err != nil {
		return err
	}
	if err := r.issuer("end_decision_", in.EndDecision); err != nil {
		return err
	}
	if in.CongressID != 0 {
		c, err := getCongress(ctx, tx, orgID, in.CongressID)
		if errors.Is(err, store.ErrNotFound) || (err == nil && c.UnitID != in.UnitID) {
			errs.Add("congress_id", "units.error.unknown_congress", nil)
		} else if err != nil {
			return err
		}
	}
	if unit == nil {
		return errs.Err()
	}
	if err := lockUnit(ctx, tx, orgID, unit.ID); err != nil {
		return err
	}
	if err := checkAliveOn(ctx, tx, orgID, unit, in.From, "from", "units.error.unit_not_alive", &errs); err != nil {
		return err
	}
	if !in.To.IsZero() {
		if err := checkAliveOn(ctx, tx, orgID, unit, in.To, "to", "units.error.unit_not_alive", &errs); err != nil {
			return err
		}
	}
	others, err := queryPositions(ctx, tx, `p.org_id = $1 AND p.unit_id = $2 AND p.title = $3 AND p.id <> $4`,
		orgID, in.UnitID, in.Title, self)
	if err != nil {
		return err
	}
	term := span{in.From, in.To}
	spanOf := func(p Position) span { return span{p.From, p.To} }
	if in.Title.SingleHolder() {
		if o, clash := firstOverlap(term, others, spanOf); clash {
			errs.Add("from", "units.error.holder_overlap", map[string]any{"name": o.PersonName,
				"from": vntext.Date(o.From), "to": dateOrOpen(o.To)})
		}
	} else {
		same := others[:0:0]
		for _, o := range others {
			if o.PersonID == in.PersonID {
				same = append(same, o)
			}
		}
		if _, clash := firstOverlap(term, same, spanOf); clash {
			errs.Add("from", "units.error.duplicate_position", nil)
		}
	}
	return errs.Err()
}

func dateOrOpen(d civil.Date) string {
	if d.IsZero() {
		return "…"
	}
	return vntext.Date(d)
}

// UpdatePosition changes a recorded term.
func (s *Service) UpdatePosition(ctx context.Context, id int64, version int, in PositionInput) (Position, error) {
	actor, err := access.Check(ctx, access.OrgWrite)
	if err != nil {
		return Position{}, err
	}
	if errs := in.clean(); len(errs) > 0 {
		return Position{}, errs
	}
	var p Position
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getPosition(ctx, tx, actor.OrgID, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return store.ErrConflict
		}
		if err := checkPosition(ctx, tx, actor.OrgID, id, in); err != nil {
			return err
		}
		p = positionFrom(actor.OrgID, in)
		p.ID, p.Version = id, version
		if err := updatePosition(ctx, tx, &p); err != nil {
			return err
		}
		if p, err = getPosition(ctx, tx, actor.OrgID, id); err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Update, Entity: "position", EntityID: id,
			Summary: fmt.Sprintf("Sửa chức vụ %s của %s", p.Title, p.PersonName), Before: before, After: p})
		return err
	})
	return p, err
}

// EndPosition closes a term: to is its last day.
func (s *Service) EndPosition(ctx context.Context, id int64, version int, to civil.Date, prec Precision, how How, d Decision) (Position, error) {
	actor, err := access.Check(ctx, access.OrgWrite)
	if err != nil {
		return Position{}, err
	}
	cur, err := getPosition(ctx, s.db.Read(), actor.OrgID, id)
	if err != nil {
		return Position{}, err
	}
	in := PositionInput{PersonID: cur.PersonID, UnitID: cur.UnitID, Title: cur.Title, TitleText: cur.TitleText,
		PersonTitle: cur.PersonTitle, From: cur.From, FromPrecision: cur.FromPrecision, StartHow: cur.StartHow,
		StartDecision: cur.StartDecision, To: to, ToPrecision: prec, EndHow: how, EndDecision: d,
		CongressID: cur.CongressID, Note: cur.Note}
	if to.IsZero() {
		var errs validate.Errors
		errs.Add("to", "error.required", nil)
		return Position{}, errs
	}
	return s.UpdatePosition(ctx, id, version, in)
}

// GetPosition returns one term.
func (s *Service) GetPosition(ctx context.Context, id int64) (Position, error) {
	actor, err := access.Check(ctx, access.OrgRead)
	if err != nil {
		return Position{}, err
	}
	return getPosition(ctx, s.db.Read(), actor.OrgID, id)
}

// HolderOn answers "who held title in unit on d": for a single-holder post
// one term (or none), for others every holder (two Phó Bí thư at once).
// An acting holder is under ActingSecretary, not Secretary.
func (s *Service) HolderOn(ctx context.Context, unitID int64, title Title, d civil.Date) ([]Position, error) {
	actor, err := access.Check(ctx, access.OrgRead)
	if err != nil {
		return nil, err
	}
	return HoldersOn(ctx, s.db.Read(), actor.OrgID, unitID, title, d)
}

// HoldersOn is HolderOn for other modules inside their own transaction.
func HoldersOn(ctx context.Context, q store.Querier, orgID, unitID int64, title Title, d civil.Date) ([]Position, error) {
	if d.IsZero() {
		d = civil.Today()
	}
	ps, err := positionsOn(ctx, q, orgID, unitID, title, d)
	if err != nil {
		return nil, err
	}
	vntext.SortFunc(ps, func(p Position) string { return p.PersonName })
	return ps, nil
}

// PeopleIn returns every post held in the unit on d, by title order then name.
func (s *Service) PeopleIn(ctx context.Context, unitID int64, d civil.Date) ([]Position, error) {
	actor, err := access.Check(ctx, access.OrgRead)
	if err != nil {
		return nil, err
	}
	if d.IsZero() {
		d = civil.Today()
	}
	ps, err := positionsOn(ctx, s.db.Read(), actor.OrgID, unitID, "", d)
	if err != nil {
		return nil, err
	}
	sortByTitle(ps)
	return ps, nil
}

func sortByTitle(ps []Position) {
	vntext.SortFunc(ps, func(p Position) string { return p.PersonName })
	rank := map[Title]int{}
	for i, t := range Titles {
		rank[t] = i
	}
	stableSort(ps, func(a, b Position) int { return rank[a.Title] - rank[b.Title] })
}

// PositionsOf returns a person's terms, oldest first.
func (s *Service) PositionsOf(ctx context.Context, personID int64) ([]Position, error) {
	actor, err := access.Check(ctx, access.OrgRead)
	if err != nil {
		return nil, err
	}
	return queryPositions(ctx, s.db.Read(), `p.org_id = $1 AND p.person_id = $2`, actor.OrgID, personID)
}

// PositionsIn returns every term ever held in a unit, oldest first.
func (s *Service) PositionsIn(ctx context.Context, unitID int64) ([]Position, error) {
	actor, err := access.Check(ctx, access.OrgRead)
	if err != nil {
		return nil, err
	}
	return queryPositions(ctx, s.db.Read(), `p.org_id = $1 AND p.unit_id = $2`, actor.OrgID, unitID)
}

// CongressInput records a congress (or a committee designated without one).
type CongressInput struct {
	UnitID              int64
	Kind                CongressKind
	Number              string
	From, To            civil.Date
	Precision           Precision
	TermFromYear        int
	TermToYear          int
	ExecutiveSize       int
	ExecutiveAlternates int
	StandingSize        int
	Place               string
	Decision            Decision
	Note                string
}

var romanPattern = regexp.MustCompile(`^[IVXLC]{1,8}$`)

func (in *CongressInput) clean() validate.Errors {
	in.Number, in.Place, in.Note = vntext.Clean(in.Number), vntext.Clean(in.Place), vntext.CleanText(in.Note)
	cleanDecision(&in.Decision)
	var errs validate.Errors
	if in.UnitID == 0 {
		errs.Add("unit_id", "error.required", nil)
	}
	if !in.Kind.Valid() {
		errs.Add("kind", "error.invalid_choice", nil)
	}
	if in.Number != "" && !romanPattern.MatchString(in.Number) {
		errs.Add("number", "units.error.roman_numeral", nil)
	}
	if in.From.IsZero() {
		errs.Add("from", "error.required", nil)
	} else if !in.To.IsZero() && in.To.Before(in.From) {
		errs.Add("to", "error.date_order", map[string]any{"other": vntext.Date(in.From)})
	}
	if !in.Precision.Valid() {
		errs.Add("precision", "error.invalid_choice", nil)
	}
	if (in.TermFromYear == 0) != (in.TermToYear == 0) || in.TermToYear < in.TermFromYear {
		errs.Add("term_to_year", "units.error.term_years", nil)
	}
	for field, n := range map[string]int{"executive_size": in.ExecutiveSize,
		"executive_alternates": in.ExecutiveAlternates, "standing_size": in.StandingSize} {
		if n < 0 {
			errs.Add(field, "error.negative", nil)
		}
	}
	if in.ExecutiveSize > 0 && in.StandingSize > in.ExecutiveSize {
		errs.Add("standing_size", "units.error.standing_larger", nil)
	}
	errs.MaxLen("place", in.Place, maxName)
	errs.MaxLen("note", in.Note, maxNote)
	checkDecision(&errs, "decision_", in.Decision)
	return errs
}

func errDuplicateCongress() error {
	var errs validate.Errors
	errs.Add("from", "units.error.duplicate_congress", nil)
	return errs
}

func congressFrom(orgID int64, in CongressInput) Congress {
	return Congress{OrgID: orgID, UnitID: in.UnitID, Kind: in.Kind, Number: in.Number, From: in.From, To: in.To,
		Precision: in.Precision.orDay(), TermFromYear: in.TermFromYear, TermToYear: in.TermToYear,
		ExecutiveSize: in.ExecutiveSize, ExecutiveAlternates: in.ExecutiveAlternates, StandingSize: in.StandingSize,
		Place: in.Place, Decision: in.Decision, Note: in.Note}
}

func checkCongress(ctx context.Context, tx *sql.Tx, orgID int64, in CongressInput) error {
	var errs validate.Errors
	r := newRefs(ctx, tx, orgID, &errs)
	unit, err := r.unit("unit_id", "units.error.unknown_unit", in.UnitID)
	if err != nil {
		return err
	}
	if err := r.issuer("decision_", in.Decision); err != nil {
		return err
	}
	if unit != nil {
		if err := checkAliveOn(ctx, tx, orgID, unit, in.From, "from", "units.error.unit_not_alive", &errs); err != nil {
			return err
		}
	}
	return errs.Err()
}

// AddCongress records a congress of a unit.
func (s *Service) AddCongress(ctx context.Context, in CongressInput) (Congress, error) {
	actor, err := access.Check(ctx, access.OrgWrite)
	if err != nil {
		return Congress{}, err
	}
	if errs := in.clean(); len(errs) > 0 {
		return Congress{}, errs
	}
	c := congressFrom(actor.OrgID, in)
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := checkCongress(ctx, tx, actor.OrgID, in); err != nil {
			return err
		}
		if err := insertCongress(ctx, tx, &c); err != nil {
			return err
		}
		_, err := audit.Record(ctx, tx, audit.Event{Action: audit.Create, Entity: "congress", EntityID: c.ID,
			Summary: "Ghi đại hội " + c.Number, After: c})
		return err
	})
	return c, err
}

// UpdateCongress changes a recorded congress.
func (s *Service) UpdateCongress(ctx context.Context, id int64, version int, in CongressInput) (Congress, error) {
	actor, err := access.Check(ctx, access.OrgWrite)
	if err != nil {
		return Congress{}, err
	}
	if errs := in.clean(); len(errs) > 0 {
		return Congress{}, errs
	}
	var c Congress
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getCongress(ctx, tx, actor.OrgID, id)
		if err != nil {
			return err
		}
		if err := checkCongress(ctx, tx, actor.OrgID, in); err != nil {
			return err
		}
		c = congressFrom(actor.OrgID, in)
		c.ID, c.Version, c.CreatedAt = id, version, before.CreatedAt
		if err := updateCongress(ctx, tx, &c); err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Update, Entity: "congress", EntityID: id,
			Summary: "Sửa đại hội " + c.Number, Before: before, After: c})
		return err
	})
	return c, err
}

// Congresses returns a unit's congresses and designated committees, oldest first.
func (s *Service) Congresses(ctx context.Context, unitID int64) ([]Congress, error) {
	actor, err := access.Check(ctx, access.OrgRead)
	if err != nil {
		return nil, err
	}
	return listCongresses(ctx, s.db.Read(), actor.OrgID, unitID)
}

// AddPositionNewPerson records someone not yet known in a post: the person
// (person.FullName, reported as field "person_name") and the term, in one
// transaction, so that a refused term leaves no stray person behind.
// in.PersonID is ignored.
func (s *Service) AddPositionNewPerson(ctx context.Context, person PersonInput, in PositionInput) (Position, error) {
	actor, err := access.Check(ctx, access.OrgWrite)
	if err != nil {
		return Position{}, err
	}
	var errs validate.Errors
	for _, e := range person.clean() {
		e.Field = "person_" + map[string]string{"full_name": "name", "note": "note"}[e.Field]
		errs = append(errs, e)
	}
	in.PersonID = 0
	for _, e := range in.clean() {
		if e.Field != "person_id" {
			errs = append(errs, e)
		}
	}
	if len(errs) > 0 {
		return Position{}, errs
	}
	var pos Position
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		p := Person{OrgID: actor.OrgID, FullName: person.FullName, Note: person.Note}
		if err := insertPerson(ctx, tx, &p); err != nil {
			return err
		}
		if _, err := audit.Record(ctx, tx, audit.Event{Action: audit.Create, Entity: "person", EntityID: p.ID,
			Summary: "Thêm người " + p.FullName, After: p}); err != nil {
			return err
		}
		in.PersonID = p.ID
		var err error
		if pos, err = addPosition(ctx, tx, actor, in); err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Create, Entity: "position", EntityID: pos.ID,
			Summary: fmt.Sprintf("Ghi chức vụ %s của %s tại %s", pos.Title, pos.PersonName, pos.UnitName), After: pos})
		return err
	})
	return pos, err
}
