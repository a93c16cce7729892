package petitions

import (
	"context"
	"database/sql"
	"fmt"

	"noichinh/internal/access"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// Part is one part of a mixed petition: what it complains of, or denounces,
// or proposes.
type Part struct {
	Kind    Kind   `json:"kind"`
	Summary string `json:"summary"`
	Content string `json:"content"`
}

// Split divides a mixed petition into linked petitions of one kind each
// (RULES §1: a petition that is both complaint and denunciation is split).
// Each part gets the senders (sealed again for their own rows), its own
// number and its own deadlines from the day of receipt; the mixed petition
// is kept, with status split, and is not counted in the figures.
func (s *Service) Split(ctx context.Context, id int64, version int, parts []Part) ([]Petition, error) {
	if !s.keys.loaded() {
		return nil, ErrNoKeys
	}
	var created []Petition
	_, err := s.change(ctx, access.PetitionsWrite, id, version, func(tx *sql.Tx, actor *access.Actor, p Petition, errs *validate.Errors) ([]Event, error) {
		if p.Kind != Mixed || p.Status != StatusReceived {
			errs.Add("kind", "petitions.error.split_only_mixed", nil)
			return nil, nil
		}
		if len(parts) < 2 {
			errs.Add("parts", "petitions.error.split_parts", nil)
		}
		var deadlines [][]Deadline
		for i := range parts {
			pt := &parts[i]
			field := fmt.Sprintf("parts.%d", i)
			pt.Summary, pt.Content = vntext.Clean(pt.Summary), vntext.CleanText(pt.Content)
			if pt.Kind == Mixed || !pt.Kind.Valid() {
				errs.Add(field+".kind", "error.invalid_choice", nil)
				continue
			}
			errs.Required(field+".summary", pt.Summary)
			errs.MaxLen(field+".summary", pt.Summary, maxLine)
			errs.MaxLen(field+".content", pt.Content, maxContent)
			ds, err := s.deadlines(errs, "received_on", receiptRules(pt.Kind), p.ReceivedOn)
			if err != nil {
				return nil, err
			}
			deadlines = append(deadlines, ds)
		}
		if len(*errs) > 0 {
			return nil, nil
		}
		senders, err := s.openSenders(ctx, tx, p)
		if err != nil {
			return nil, err
		}
		var ids []int64
		for i, pt := range parts {
			d := p.Details
			d.Summary, d.Content = pt.Summary, pt.Content
			child, err := s.insertNew(ctx, tx, actor, EventData{ReceivedOn: p.ReceivedOn, Channel: p.Channel,
				SourceUnitID: p.SourceUnitID, SourceRef: p.SourceRef, SessionID: p.SessionID, Signer: p.Signer,
				Kind: pt.Kind, ParentID: p.ID, Details: &d, AssignedTo: p.AssignedTo, Deadlines: deadlines[i]}, senders)
			if err != nil {
				return nil, err
			}
			if _, err := insertLink(ctx, tx, actor.OrgID, child.ID, p.ID, LinkSplitFrom, "", actor.UserID); err != nil {
				return nil, err
			}
			ids = append(ids, child.ID)
			created = append(created, child)
		}
		return []Event{{Kind: EvSplit, EffectiveOn: s.Today(), Data: EventData{PartIDs: ids, Close: closeAll(p, closedCancelled)}}}, nil
	})
	if err != nil {
		return nil, err
	}
	return created, nil
}

// openSenders decrypts a petition's senders for internal use (copying them
// to the parts of a split); they never leave the service.
func (s *Service) openSenders(ctx context.Context, q store.Querier, p Petition) ([]Sender, error) {
	sealed, err := sendersOf(ctx, q, p.ID)
	if err != nil {
		return nil, err
	}
	out := make([]Sender, len(sealed))
	for i, sd := range sealed {
		if out[i], err = s.keys.openSender(p.OrgID, sd.UUID, sd.Sealed); err != nil {
			return nil, fmt.Errorf("petition %d sender %d: %w", p.ID, sd.Position, err)
		}
	}
	return out, nil
}

// Link relates petition id to other: repeated (id repeats other, so id is
// no longer a first-time petition) or related.
func (s *Service) Link(ctx context.Context, id, other int64, kind LinkKind, note string) (Petition, error) {
	return s.change(ctx, access.PetitionsWrite, id, 0, s.linkDecision(ctx, id, other, kind, note))
}

// DismissDuplicate records that other, proposed as a likely duplicate of
// id, is not one; it is not proposed again.
func (s *Service) DismissDuplicate(ctx context.Context, id, other int64, note string) (Petition, error) {
	return s.change(ctx, access.PetitionsWrite, id, 0, s.linkDecision(ctx, id, other, LinkNotDuplicate, note))
}

func (s *Service) linkDecision(ctx context.Context, id, other int64, kind LinkKind, note string) decideFunc {
	return func(tx *sql.Tx, actor *access.Actor, p Petition, errs *validate.Errors) ([]Event, error) {
		note = vntext.Clean(note)
		errs.MaxLen("note", note, maxLine)
		if kind != LinkNotDuplicate && !kind.Valid() {
			errs.Add("kind", "error.invalid_choice", nil)
		}
		if other == id {
			errs.Add("other_id", "petitions.error.link_self", nil)
			return nil, nil
		}
		if _, err := getPetition(ctx, tx, actor.OrgID, other, actor.Clearance); err == store.ErrNotFound {
			errs.Add("other_id", "error.not_found", nil)
		} else if err != nil {
			return nil, err
		}
		if len(*errs) > 0 {
			return nil, nil
		}
		added, err := insertLink(ctx, tx, actor.OrgID, id, other, kind, note, actor.UserID)
		if err != nil {
			return nil, err
		}
		if !added {
			errs.Add("other_id", "petitions.error.already_linked", nil)
			return nil, nil
		}
		ev := EvLinked
		if kind == LinkNotDuplicate {
			ev = EvDuplicateDismissed
		}
		return []Event{{Kind: ev, EffectiveOn: s.Today(), Data: EventData{OtherID: other, LinkKind: kind, Note: note}}}, nil
	}
}
