package documents

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// Service is the documents module: every method checks the actor in ctx,
// validates, and runs one transaction.
type Service struct {
	db *store.DB
	// today is the date that bounds issue dates; civil.Today but for tests.
	today func() civil.Date
}

// New returns the service over db.
func New(db *store.DB) *Service { return &Service{db: db, today: civil.Today} }

// Get returns one document the actor may see (store.ErrNotFound otherwise,
// also for a document above the actor's clearance).
func (s *Service) Get(ctx context.Context, id int64) (Document, error) {
	actor, err := access.Check(ctx, access.DocsRead)
	if err != nil {
		return Document{}, err
	}
	r, err := visibleRecord(ctx, s.db.Read(), actor, id)
	return r.Document, err
}

// visibleRecord returns a document of the actor's organisation within the
// actor's clearance, or store.ErrNotFound.
func visibleRecord(ctx context.Context, q store.Querier, actor *access.Actor, id int64) (record, error) {
	r, err := getRecord(ctx, q, actor.OrgID, id)
	if err != nil {
		return r, err
	}
	if !actor.Sees(r.Classification) {
		return record{}, store.ErrNotFound
	}
	return r, nil
}

// List returns one page of the documents matching f, with the total count.
func (s *Service) List(ctx context.Context, f Filter) (Page, error) {
	actor, err := access.Check(ctx, access.DocsRead)
	if err != nil {
		return Page{}, err
	}
	var errs validate.Errors
	if f.Kind != "" && !ValidKind(f.Kind) {
		errs.Add("kind", "documents.error.unknown_kind", map[string]any{"kind": f.Kind})
	}
	if f.Field != "" && !f.Field.Valid() {
		errs.Add("field", "documents.error.unknown_field", map[string]any{"field": string(f.Field)})
	}
	if f.Status != "" && !f.Status.Valid() {
		errs.Add("status", "error.invalid_choice", nil)
	}
	if f.Limit < 0 || f.Offset < 0 {
		errs.Add("limit", "error.negative", nil)
	}
	if err := errs.Err(); err != nil {
		return Page{}, err
	}
	if f.Limit == 0 {
		f.Limit = DefaultLimit
	}
	f.Limit = min(f.Limit, MaxLimit)
	recs, total, err := listRecords(ctx, s.db.Read(), actor.OrgID, actor.Clearance, f, vntext.Fold(f.Text))
	if err != nil {
		return Page{}, err
	}
	p := Page{Total: total, Items: make([]Document, len(recs))}
	for i, r := range recs {
		p.Items[i] = r.Document
	}
	return p, nil
}

// History returns a document's events, oldest first.
func (s *Service) History(ctx context.Context, id int64) ([]Event, error) {
	actor, err := access.Check(ctx, access.DocsRead)
	if err != nil {
		return nil, err
	}
	if _, err := visibleRecord(ctx, s.db.Read(), actor, id); err != nil {
		return nil, err
	}
	return listEvents(ctx, s.db.Read(), actor.OrgID, id)
}

// NextNumber is the number the Committee's next own document of kind issued
// on onDate would get ("05"), for the registration form. Create with
// AutoNumber takes it again inside its transaction, so two people shown the
// same number still register different ones.
func (s *Service) NextNumber(ctx context.Context, kind string, onDate civil.Date) (string, error) {
	next, err := s.NextOwnNumber(ctx, kind, onDate)
	return next.Number, err
}

// Create registers a document. Unregistered relations that name its symbol
// resolve to it in the same transaction.
func (s *Service) Create(ctx context.Context, in Input) (Document, error) {
	actor, err := access.Check(ctx, access.DocsWrite)
	if err != nil {
		return Document{}, err
	}
	c, errs := checkInput(in, actor.Clearance, s.today())
	if err := errs.Err(); err != nil {
		return Document{}, err
	}
	var doc Document
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		r, err := s.create(ctx, tx, actor, c, "")
		doc = r.Document
		return err
	})
	return doc, err
}

// create writes a checked document inside tx. prefix names the fields in
// error messages when several documents are registered at once.
func (s *Service) create(ctx context.Context, tx *sql.Tx, actor *access.Actor, c checked, prefix string) (record, error) {
	r, errs, err := s.prepare(ctx, tx, actor, c, 0)
	if err != nil {
		return r, err
	}
	if len(errs) > 0 {
		return r, prefixed(errs, prefix)
	}
	r.Status = InForce
	r.CreatedAt = store.Now()
	r.UpdatedAt = r.CreatedAt
	r.createdBy, r.updatedBy = actor.UserID, actor.UserID
	if err := insertDocument(ctx, tx, &r); err != nil {
		if store.IsUniqueViolation(err) {
			// Only a number taken between our check and insert gets here,
			// which the sequence lock prevents; say so plainly all the same.
			return r, prefixed(validate.Errors{{Field: "symbol", Key: "documents.error.duplicate_number_hidden"}}, prefix)
		}
		return r, err
	}
	if err := putSearch(ctx, tx, r); err != nil {
		return r, err
	}
	ev := newEvent(actor, r.ID, EventRegistered, nil)
	ev.EffectiveOn = r.IssuedOn
	if err := insertEvent(ctx, tx, actor.OrgID, ev); err != nil {
		return r, err
	}
	if _, err := audit.Record(ctx, tx, audit.Event{Action: audit.Create, Entity: "document", EntityID: r.ID,
		Summary: "Đăng ký văn bản " + r.Title(), After: r.Document}); err != nil {
		return r, err
	}
	if err := s.resolveIncoming(ctx, tx, actor, r); err != nil {
		return r, err
	}
	st, err := s.refreshStatus(ctx, tx, actor, r.ID, true)
	r.Status, r.StatusSince = st.status, st.since
	return r, err
}

// prefixed names errors of one item of a batch: "drafts.2.symbol".
func prefixed(errs validate.Errors, prefix string) validate.Errors {
	if prefix == "" {
		return errs
	}
	out := make(validate.Errors, len(errs))
	for i, e := range errs {
		e.Field = prefix + "." + e.Field
		out[i] = e
	}
	return out
}

// Update corrects a document read at version. It fails with
// store.ErrConflict when someone changed it meanwhile.
func (s *Service) Update(ctx context.Context, id int64, version int, in Input) (Document, error) {
	actor, err := access.Check(ctx, access.DocsWrite)
	if err != nil {
		return Document{}, err
	}
	if in.AutoNumber {
		return Document{}, validate.Errors{{Field: "symbol", Key: "documents.error.auto_number_on_update"}}
	}
	c, errs := checkInput(in, actor.Clearance, s.today())
	if err := errs.Err(); err != nil {
		return Document{}, err
	}
	var doc Document
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := visibleRecord(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return store.ErrConflict
		}
		r, errs, err := s.prepare(ctx, tx, actor, c, id)
		if err != nil {
			return err
		}
		if len(errs) > 0 {
			return errs
		}
		r.ID, r.Status, r.StatusSince, r.CreatedAt = id, before.Status, before.StatusSince, before.CreatedAt
		r.UpdatedAt, r.updatedBy = store.Now(), actor.UserID
		ok, err := updateDocument(ctx, tx, &r, version)
		if err != nil {
			return err
		}
		if !ok {
			return store.ErrConflict
		}
		if err := putSearch(ctx, tx, r); err != nil {
			return err
		}
		ev := newEvent(actor, id, EventCorrected, map[string]any{"changed": changedFields(before.Document, r.Document)})
		if err := insertEvent(ctx, tx, actor.OrgID, ev); err != nil {
			return err
		}
		if _, err := audit.Record(ctx, tx, audit.Event{Action: audit.Update, Entity: "document", EntityID: id,
			Summary: "Sửa văn bản " + r.Title(), Before: before.Document, After: r.Document}); err != nil {
			return err
		}
		if r.symbolKey != before.symbolKey {
			if err := retargetIncoming(ctx, tx, id, r.symbolKey, r.Symbol); err != nil {
				if store.IsUniqueViolation(err) {
					return validate.Errors{{Field: "symbol", Key: "documents.error.symbol_change_conflict"}}
				}
				return err
			}
			if err := s.resolveIncoming(ctx, tx, actor, r); err != nil {
				return err
			}
		}
		if !r.IssuedOn.IsZero() || !before.IssuedOn.IsZero() {
			// The documents this one amends or replaces date their status from its issue date.
			targets, err := targetsOf(ctx, tx, id)
			if err != nil {
				return err
			}
			for _, t := range targets {
				if _, err := s.refreshStatus(ctx, tx, actor, t, true); err != nil {
					return err
				}
			}
		}
		st, err := s.refreshStatus(ctx, tx, actor, id, true)
		r.Status, r.StatusSince = st.status, st.since
		doc = r.Document
		return err
	})
	return doc, err
}

// changedFields names the fields an update changed, for the history.
func changedFields(a, b Document) []string {
	var out []string
	add := func(name string, changed bool) {
		if changed {
			out = append(out, name)
		}
	}
	add("symbol", a.Symbol != b.Symbol)
	add("kind", a.Kind != b.Kind)
	add("number", a.Number != b.Number)
	add("issuer_unit_id", a.IssuerUnitID != b.IssuerUnitID)
	add("issuer_name", a.IssuerName != b.IssuerName)
	add("issued_on", a.IssuedOn != b.IssuedOn)
	add("summary", a.Summary != b.Summary)
	add("fields", !slices.Equal(a.Fields, b.Fields))
	add("advised_by_committee", a.AdvisedByCommittee != b.AdvisedByCommittee)
	add("classification", a.Classification != b.Classification)
	add("body", a.Body != b.Body)
	add("notes", a.Notes != b.Notes)
	return out
}

// DeclareStatus records that a document expired, or is in force again, on
// a date. Amended and replaced are not declared: they follow from the
// relations of registered documents.
func (s *Service) DeclareStatus(ctx context.Context, id int64, version int, status Status, on civil.Date, note string) (Document, error) {
	actor, err := access.Check(ctx, access.DocsWrite)
	if err != nil {
		return Document{}, err
	}
	var errs validate.Errors
	switch status {
	case InForce, Expired:
	case Amended, Replaced:
		errs.Add("status", "documents.error.status_derived", nil)
	default:
		errs.Add("status", "error.invalid_choice", nil)
	}
	switch {
	case on.IsZero():
		errs.Required("effective_on", "")
	case !on.Valid():
		errs.Add("effective_on", "error.invalid_date", nil)
	case on.After(s.today()):
		errs.Add("effective_on", "documents.error.effective_in_future", nil)
	}
	note = vntext.CleanText(note)
	errs.MaxLen("note", note, maxNotesLen)
	if err := errs.Err(); err != nil {
		return Document{}, err
	}
	var doc Document
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		r, err := visibleRecord(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if !r.IssuedOn.IsZero() && on.Before(r.IssuedOn) {
			return validate.Errors{{Field: "effective_on", Key: "error.date_order",
				Params: map[string]any{"other": vntext.Date(r.IssuedOn)}}}
		}
		ok, err := bumpVersion(ctx, tx, actor.OrgID, id, version, store.Now(), actor.UserID)
		if err != nil {
			return err
		}
		if !ok {
			return store.ErrConflict
		}
		ev := newEvent(actor, id, EventStatusDeclared, nil)
		ev.Status, ev.EffectiveOn, ev.Note = status, on, note
		if err := insertEvent(ctx, tx, actor.OrgID, ev); err != nil {
			return err
		}
		if _, err := s.refreshStatus(ctx, tx, actor, id, false); err != nil {
			return err
		}
		after, err := getRecord(ctx, tx, actor.OrgID, id)
		if err != nil {
			return err
		}
		if _, err := audit.Record(ctx, tx, audit.Event{Action: "document.status_declared", Entity: "document",
			EntityID: id, Summary: fmt.Sprintf("Văn bản %s: %s từ %s", r.Title(), status, on),
			Before: r.Document, After: after.Document}); err != nil {
			return err
		}
		doc = after.Document
		return nil
	})
	return doc, err
}

type statusResult struct {
	status Status
	since  civil.Date
}

// refreshStatus derives a document's status from its facts and stores it
// when it changed, with an event when the change comes from a relation
// (derived) rather than from a declaration, which has its own event.
func (s *Service) refreshStatus(ctx context.Context, tx *sql.Tx, actor *access.Actor, id int64, derivedEvent bool) (statusResult, error) {
	var cur statusResult
	if err := tx.QueryRowContext(ctx, `SELECT status, status_since FROM documents WHERE id = $1`, id).
		Scan(&cur.status, &cur.since); err != nil {
		return cur, fmt.Errorf("read document status: %w", err)
	}
	facts, err := loadStatusFacts(ctx, tx, id)
	if err != nil {
		return cur, err
	}
	st, since := deriveStatus(facts)
	if st == cur.status && since == cur.since {
		return cur, nil
	}
	if err := setStatus(ctx, tx, id, st, since); err != nil {
		return cur, err
	}
	if derivedEvent {
		ev := newEvent(actor, id, EventStatusDerived, nil)
		ev.Status, ev.EffectiveOn = st, since
		if err := insertEvent(ctx, tx, actor.OrgID, ev); err != nil {
			return cur, err
		}
	}
	return statusResult{st, since}, nil
}

// resolveIncoming points the unregistered relations that name a document's
// symbol at it. A relation resolves when the date it gives (if any) is the
// document's and the citing document (if dated) is not older than it: the
// same symbol recurs in each term, and a text cites only what exists.
func (s *Service) resolveIncoming(ctx context.Context, tx *sql.Tx, actor *access.Actor, r record) error {
	pending, err := unresolvedRelations(ctx, tx, actor.OrgID, r.symbolKey)
	if err != nil {
		return err
	}
	for _, p := range pending {
		if p.FromID == r.ID || !resolves(p.Target.Issued, p.fromIssued, r.IssuedOn) {
			continue
		}
		// A relation that would close a cycle stays unregistered.
		cycle, err := reaches(ctx, tx, actor.OrgID, r.ID, p.FromID, p.Type)
		if err != nil {
			return err
		}
		if cycle {
			continue
		}
		if err := resolveRelation(ctx, tx, p.ID, r.ID); err != nil {
			return err
		}
		ev := newEvent(actor, p.FromID, EventRelationResolved, map[string]any{"relation_id": p.ID, "type": p.Type})
		ev.RelatedDocumentID = r.ID
		if err := insertEvent(ctx, tx, actor.OrgID, ev); err != nil {
			return err
		}
	}
	return nil
}

// resolves reports whether a relation that names a document by symbol, with
// the date it gives and the date of the citing document, points at a
// registered document issued on issued.
func resolves(given, citing, issued civil.Date) bool {
	if !given.IsZero() && !issued.IsZero() && given != issued {
		return false
	}
	return citing.IsZero() || issued.IsZero() || !citing.Before(issued)
}
