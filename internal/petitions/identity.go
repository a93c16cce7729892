package petitions

import (
	"context"
	"database/sql"
	"fmt"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// Senders' identities are sealed for every petition, complaints and
// proposals included: the law protects a denouncer's identity (Luật Tố cáo
// 2018, Chỉ thị 27-CT/TW) and not a complainant's in the same way, but a
// letter's kind is often decided or changed after it arrives (a mixed letter
// is split), and one rule for all senders leaves nothing to get wrong.

// Reveal returns the identities of a petition's senders to a user allowed to
// see them: the permission to reveal, a reason, the petition visible to them
// (organisation and clearance) and, for a specialist, the petition assigned
// to them. Each reveal is audited with the reason, never with the identity.
func (s *Service) Reveal(ctx context.Context, id int64, reason string) ([]Sender, error) {
	actor, err := access.Check(ctx, access.IdentityReveal)
	if err != nil {
		return nil, err
	}
	if !s.keys.loaded() {
		return nil, ErrNoKeys
	}
	reason = vntext.Clean(reason)
	var errs validate.Errors
	errs.Required("reason", reason)
	errs.MaxLen("reason", reason, maxLine)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	var out []Sender
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		p, err := getPetition(ctx, tx, actor.OrgID, id, actor.Clearance)
		if err != nil {
			return err
		}
		if actor.Role == access.Specialist && !actor.System && p.AssignedTo != actor.UserID {
			return fmt.Errorf("%w: petition %s is not assigned to %s", access.ErrForbidden, p.RefCode, actor.Name())
		}
		if out, err = s.openSenders(ctx, tx, p); err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Reveal, Entity: "petition", EntityID: id,
			Summary: fmt.Sprintf("sender identity of petition %s revealed: %s", p.RefCode, reason),
			After:   map[string]any{"reason": reason, "senders": len(out)}})
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ExportRequest asks for the petitions matching Filter. WithIdentities asks
// for the senders' identities too, which needs the permission to export
// identities and a reason.
type ExportRequest struct {
	Filter         Filter `json:"filter"`
	WithIdentities bool   `json:"with_identities"`
	Reason         string `json:"reason"`
}

// ExportRow is one exported petition. Senders holds identities only when
// they were asked for and allowed; otherwise SendersLabel stands for them.
type ExportRow struct {
	Petition
	SendersLabel string   `json:"senders_label,omitempty"`
	Senders      []Sender `json:"senders,omitempty"`
}

// MaxExport is the most rows one export returns.
const MaxExport = 100000

// Export returns the petitions of the request for a file, and audits the
// export (with the reason and whether identities were included).
func (s *Service) Export(ctx context.Context, req ExportRequest) ([]ExportRow, error) {
	actor, err := access.Check(ctx, access.PetitionsRead)
	if err != nil {
		return nil, err
	}
	req.Reason = vntext.Clean(req.Reason)
	if req.WithIdentities {
		if err := actor.Require(access.IdentityExport, 0); err != nil {
			return nil, err
		}
		if !s.keys.loaded() {
			return nil, ErrNoKeys
		}
		var errs validate.Errors
		errs.Required("reason", req.Reason)
		errs.MaxLen("reason", req.Reason, maxLine)
		if err := errs.Err(); err != nil {
			return nil, err
		}
	}
	if _, ok := sortSQL[req.Filter.Sort]; !ok {
		return nil, fmt.Errorf("petitions: unknown sort %q", req.Filter.Sort)
	}
	var out []ExportRow
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		where, args := s.where(actor, req.Filter)
		rows, err := tx.QueryContext(ctx, fmt.Sprintf(`SELECT %s FROM petitions p WHERE %s ORDER BY %s LIMIT %d`,
			petitionColumns, where, sortSQL[req.Filter.Sort], MaxExport), args...)
		if err != nil {
			return fmt.Errorf("export petitions: %w", err)
		}
		for rows.Next() {
			p, err := scanPetition(rows)
			if err != nil {
				rows.Close()
				return err
			}
			out = append(out, ExportRow{Petition: p, SendersLabel: MaskedSenderLabel})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i := range out {
			if !req.WithIdentities {
				break
			}
			if out[i].Senders, err = s.openSenders(ctx, tx, out[i].Petition); err != nil {
				return err
			}
			out[i].SendersLabel = ""
		}
		summary := fmt.Sprintf("%d petitions exported without identities", len(out))
		if req.WithIdentities {
			summary = fmt.Sprintf("%d petitions exported WITH sender identities: %s", len(out), req.Reason)
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Export, Entity: "petition", Summary: summary,
			After: map[string]any{"filter": req.Filter, "rows": len(out), "with_identities": req.WithIdentities, "reason": req.Reason}})
		return err
	})
	return out, err
}
