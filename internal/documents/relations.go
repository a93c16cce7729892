package documents

import (
	"context"
	"database/sql"
	"errors"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/cite"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// AddRelation relates a registered document to another one, registered or
// not yet. A target named by symbol resolves at once when it is registered.
func (s *Service) AddRelation(ctx context.Context, in RelationInput) (Relation, error) {
	actor, err := access.Check(ctx, access.DocsWrite)
	if err != nil {
		return Relation{}, err
	}
	in, errs := checkRelation(in, in.ToID != 0)
	if in.FromID <= 0 {
		errs.Required("from_id", "")
	}
	if in.ToID != 0 && in.ToID == in.FromID {
		errs.Add("to_id", "documents.error.relation_to_itself", nil)
	}
	if err := errs.Err(); err != nil {
		return Relation{}, err
	}
	var rel Relation
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		r, err := s.addRelation(ctx, tx, actor, in, "")
		rel = r.Relation
		if err == nil && rel.ToID != 0 {
			// The symbol may designate a document above the actor's
			// clearance: the relation points at it, the actor is not told.
			if _, err := visibleRecord(ctx, tx, actor, rel.ToID); errors.Is(err, store.ErrNotFound) {
				rel.ToID = 0
			} else if err != nil {
				return err
			}
		}
		return err
	})
	return rel, err
}

// checkRelation normalises a relation and checks what needs no database:
// its type and source, and the description of its target unless the target
// is a registered document (or a draft) that describes itself.
func checkRelation(in RelationInput, targetKnown bool) (RelationInput, validate.Errors) {
	var errs validate.Errors
	if !ValidRelationType(in.Type) {
		errs.Add("type", "documents.error.unknown_relation", map[string]any{"type": in.Type})
	}
	if in.Source == "" {
		in.Source = SourceManual
	}
	if in.Source != SourceManual && in.Source != SourceExtracted {
		errs.Add("source", "error.invalid_choice", nil)
	}
	in.Note = vntext.CleanText(in.Note)
	errs.MaxLen("note", in.Note, maxNotesLen)
	if targetKnown {
		in.Target = Target{}
		return in, errs
	}
	t := &in.Target
	t.Symbol, t.Number = compactSymbol(t.Symbol), vntext.Clean(t.Number)
	t.Issuer, t.Summary = vntext.Clean(t.Issuer), vntext.Clean(t.Summary)
	switch {
	case t.Symbol == "" && t.Kind == "" && t.Number == "":
		// Nothing names the target: ask for its symbol, the usual way.
		errs.Required("target.symbol", "")
	case t.Symbol != "":
		sym, err := cite.ParseSymbol(t.Symbol)
		if err != nil {
			errs.Add("target.symbol", "documents.error.invalid_symbol", map[string]any{"symbol": t.Symbol})
			break
		}
		t.Symbol, t.Number = sym.String(), sym.Number
		if t.Kind == "" {
			if kinds := codeKinds(sym.KindCode); len(kinds) > 0 {
				t.Kind = kinds[0]
			}
		}
	default:
		if !ValidKind(t.Kind) {
			errs.Add("target.kind", "documents.error.unknown_kind", map[string]any{"kind": t.Kind})
		}
		if _, ok := numberValue(t.Number); !ok {
			errs.Add("target.number", "documents.error.invalid_number", nil)
		}
	}
	if t.Kind != "" && !ValidKind(t.Kind) {
		errs.Add("target.kind", "documents.error.unknown_kind", map[string]any{"kind": t.Kind})
	}
	errs.MaxLen("target.summary", t.Summary, maxSummaryLen)
	errs.MaxLen("target.issuer", t.Issuer, maxNameLen)
	return in, errs
}

// addRelation writes a checked relation inside tx.
func (s *Service) addRelation(ctx context.Context, tx *sql.Tx, actor *access.Actor, in RelationInput, prefix string) (relationRecord, error) {
	r := relationRecord{Relation: Relation{FromID: in.FromID, ToID: in.ToID, Type: in.Type, Target: in.Target,
		Source: in.Source, Note: in.Note, CreatedAt: store.Now()}}
	fail := func(field, key string) (relationRecord, error) {
		return r, prefixed(validate.Errors{{Field: field, Key: key}}, prefix)
	}
	from, err := visibleRecord(ctx, tx, actor, in.FromID)
	if errors.Is(err, store.ErrNotFound) {
		return fail("from_id", "error.not_found")
	}
	if err != nil {
		return r, err
	}
	var to record
	if in.ToID != 0 {
		to, err = visibleRecord(ctx, tx, actor, in.ToID)
		if errors.Is(err, store.ErrNotFound) {
			return fail("to_id", "error.not_found")
		}
		if err != nil {
			return r, err
		}
		r.Target = targetOf(to)
		r.targetKey = to.symbolKey
	} else {
		if r.Target.Symbol != "" {
			r.targetKey = SymbolKey(r.Target.Symbol)
		} else {
			r.targetKey = numberKey(r.Target.Kind, r.Target.Number)
		}
		to, err = s.registeredTarget(ctx, tx, actor.OrgID, r.targetKey, r.Target.Issued, from.IssuedOn)
		if err != nil {
			return r, err
		}
		r.ToID = to.ID
	}
	if r.ToID == from.ID {
		return fail("to_id", "documents.error.relation_to_itself")
	}
	exists, err := relationExists(ctx, tx, from.ID, r.Type, r.targetKey)
	if err != nil {
		return r, err
	}
	if exists {
		return fail("type", "documents.error.relation_exists")
	}
	if r.ToID != 0 {
		// from → to closes a cycle when to already leads back to from.
		cycle, err := reaches(ctx, tx, actor.OrgID, r.ToID, from.ID, r.Type)
		if err != nil {
			return r, err
		}
		if cycle {
			return fail("to_id", "documents.error.relation_cycle")
		}
	}
	if err := insertRelation(ctx, tx, actor.OrgID, &r, actor.UserID); err != nil {
		return r, err
	}
	ev := newEvent(actor, from.ID, EventRelationAdded, map[string]any{"relation_id": r.ID, "type": r.Type,
		"target": r.Target.Name(), "source": r.Source})
	ev.EffectiveOn, ev.RelatedDocumentID = from.IssuedOn, r.ToID
	if err := insertEvent(ctx, tx, actor.OrgID, ev); err != nil {
		return r, err
	}
	if _, err := audit.Record(ctx, tx, audit.Event{Action: audit.Create, Entity: "document_relation", EntityID: r.ID,
		Summary: from.Title() + " " + r.Type + " " + r.Target.Name(), After: r.Relation}); err != nil {
		return r, err
	}
	if r.ToID != 0 {
		if _, err := s.refreshStatus(ctx, tx, actor, r.ToID, true); err != nil {
			return r, err
		}
	}
	return r, nil
}

// registeredTarget finds the registered document a relation names by key:
// the one issued on the date the relation gives or, without a date, the
// latest one not younger than the citing document (a symbol recurs in each
// term). Zero record when none is registered.
func (s *Service) registeredTarget(ctx context.Context, q store.Querier, orgID int64, key string, given, citing civil.Date) (record, error) {
	recs, err := recordsBySymbolKey(ctx, q, orgID, access.MostSecret, []string{key})
	if err != nil {
		return record{}, err
	}
	var best record
	for _, r := range recs { // by issue date
		if resolves(given, citing, r.IssuedOn) {
			best = r
		}
	}
	return best, nil
}

// targetOf describes a registered document as a relation target.
func targetOf(r record) Target {
	return Target{Symbol: r.Symbol, Kind: r.Kind, Number: r.Number, Issued: r.IssuedOn, Issuer: r.IssuerName, Summary: r.Summary}
}

// RemoveRelation deletes a relation (a mistaken one: relations are facts of
// the documents, not of time); the removal stays in the history and the audit log.
func (s *Service) RemoveRelation(ctx context.Context, id int64) error {
	actor, err := access.Check(ctx, access.DocsWrite)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		r, err := relationByID(ctx, tx, actor.OrgID, id)
		if err != nil {
			return err
		}
		from, err := visibleRecord(ctx, tx, actor, r.FromID)
		if err != nil {
			return err
		}
		if err := deleteRelation(ctx, tx, id); err != nil {
			return err
		}
		ev := newEvent(actor, from.ID, EventRelationRemoved, map[string]any{"relation_id": r.ID, "type": r.Type,
			"target": r.Target.Name()})
		ev.RelatedDocumentID = r.ToID
		if err := insertEvent(ctx, tx, actor.OrgID, ev); err != nil {
			return err
		}
		if _, err := audit.Record(ctx, tx, audit.Event{Action: audit.Delete, Entity: "document_relation", EntityID: id,
			Summary: from.Title() + " " + r.Type + " " + r.Target.Name(), Before: r.Relation}); err != nil {
			return err
		}
		if r.ToID != 0 {
			_, err = s.refreshStatus(ctx, tx, actor, r.ToID, true)
		}
		return err
	})
}

// Relations returns the relations a document holds and those that point at
// it from documents the actor may see.
func (s *Service) Relations(ctx context.Context, id int64) (outgoing, incoming []Relation, err error) {
	actor, err := access.Check(ctx, access.DocsRead)
	if err != nil {
		return nil, nil, err
	}
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		if _, err := visibleRecord(ctx, tx, actor, id); err != nil {
			return err
		}
		rels, err := relationsTouching(ctx, tx, actor.OrgID, []int64{id})
		if err != nil {
			return err
		}
		visible, err := s.visibleIDs(ctx, tx, actor, rels)
		if err != nil {
			return err
		}
		for _, r := range rels {
			if !visible[r.FromID] || (r.ToID != 0 && !visible[r.ToID]) {
				continue
			}
			if r.FromID == id {
				outgoing = append(outgoing, r.Relation)
			} else {
				incoming = append(incoming, r.Relation)
			}
		}
		return nil
	})
	return outgoing, incoming, err
}

// visibleIDs returns which documents at either end of the relations the actor may see.
func (s *Service) visibleIDs(ctx context.Context, q store.Querier, actor *access.Actor, rels []relationRecord) (map[int64]bool, error) {
	var ids []int64
	for _, r := range rels {
		ids = append(ids, r.FromID)
		if r.ToID != 0 {
			ids = append(ids, r.ToID)
		}
	}
	recs, err := recordsByID(ctx, q, actor.OrgID, actor.Clearance, dedupe(ids))
	if err != nil {
		return nil, err
	}
	seen := make(map[int64]bool, len(recs))
	for _, r := range recs {
		seen[r.ID] = true
	}
	return seen, nil
}

func dedupe(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
