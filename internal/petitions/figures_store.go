package petitions

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/validate"
)

// Figures computes the period's figures from one consistent snapshot. The
// report command, the report pages and the API all call it.
func (s *Service) Figures(ctx context.Context, period civil.Range) (Figures, error) {
	actor, err := access.Check(ctx, access.ReportsRead)
	if err != nil {
		return Figures{}, err
	}
	if !period.Valid() {
		var errs validate.Errors
		errs.Add("to", "error.date_order", map[string]any{"other": period.From.String()})
		return Figures{}, errs
	}
	out := Figures{From: period.From, To: period.To}
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		sessions, err := figureSessions(ctx, tx, actor, period)
		if err != nil {
			return err
		}
		out.Reception = tallyReception(sessions)
		rows, err := figureRows(ctx, tx, actor, period)
		if err != nil {
			return err
		}
		urged, err := eventPetitions(ctx, tx, actor, period, EvUrged)
		if err != nil {
			return err
		}
		replied, err := eventPetitions(ctx, tx, actor, period, EvReplyReceived)
		if err != nil {
			return err
		}
		out.Petitions, out.ComplexProlonged = tally(period, rows, urged, replied)
		return nil
	})
	return out, err
}

// figureRows reads the petitions that matter to the period: received by its
// end, and received in it, or unprocessed at its start, or followed and not
// resolved before it. Every column comes from the covering index
// petitions_org_figures, one contiguous run per organisation. Split (mixed)
// petitions are counted through their parts.
func figureRows(ctx context.Context, q store.Querier, actor *access.Actor, period civil.Range) ([]figRow, error) {
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.ref_code, p.received_on, p.signer, p.kind, p.repeated,
			p.complex_prolonged, p.processed_on, COALESCE(p.eligible, FALSE), p.filed_reason, p.handling, p.resolved_on,
			p.outcome, p.money_returned, p.land_returned, p.people_protected
		FROM petitions p
		WHERE p.org_id = $1 AND p.received_on <= $4 AND p.classification <= $2 AND p.status <> 'split'
		  AND (p.received_on >= $3 OR p.processed_on IS NULL OR p.processed_on >= $3
		       OR (p.handling IN ('forwarded', 'urged', 'accepted') AND (p.resolved_on IS NULL OR p.resolved_on >= $3)))`,
		actor.OrgID, actor.Clearance, period.From, period.To)
	if err != nil {
		return nil, fmt.Errorf("petition figures: %w", err)
	}
	defer rows.Close()
	var out []figRow
	for rows.Next() {
		var r figRow
		if err := rows.Scan(&r.ID, &r.Ref, &r.ReceivedOn, &r.Signer, &r.Kind, &r.Repeated, &r.Complex, &r.ProcessedOn,
			&r.Eligible, &r.FiledReason, &r.Handling, &r.ResolvedOn, &r.Outcome, &r.MoneyReturned, &r.LandReturned,
			&r.PeopleProtected); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b figRow) int { return cmp.Compare(a.ID, b.ID) })
	return out, rows.Err()
}

// eventPetitions is the set of petitions with an event of kind in the
// period. It reads only the events index; visibility is the figure rows'
// (a petition urged or replied to in the period is always among them).
func eventPetitions(ctx context.Context, q store.Querier, actor *access.Actor, period civil.Range, kind EventKind) (map[int64]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT petition_id FROM petition_events
		WHERE org_id = $1 AND kind = $2 AND effective_on >= $3 AND effective_on <= $4`, actor.OrgID, kind, period.From, period.To)
	if err != nil {
		return nil, fmt.Errorf("petition events in period: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

func figureSessions(ctx context.Context, q store.Querier, actor *access.Actor, period civil.Range) ([]sessionRow, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, host_role, visits, people, crowd_delegations,
			matters_complaint, matters_denunciation, matters_proposal
		FROM reception_sessions WHERE org_id = $1 AND classification <= $2 AND held_on >= $3 AND held_on <= $4
		ORDER BY id`, actor.OrgID, actor.Clearance, period.From, period.To)
	if err != nil {
		return nil, fmt.Errorf("reception figures: %w", err)
	}
	defer rows.Close()
	var out []sessionRow
	for rows.Next() {
		var r sessionRow
		if err := rows.Scan(&r.ID, &r.Host, &r.Visits, &r.People, &r.Crowd, &r.Complaint, &r.Denunciation, &r.Proposal); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
