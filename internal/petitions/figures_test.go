package petitions

import (
	"encoding/json"
	"slices"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

// The definitions of docs/figures-petitions.md on a set of petitions that
// exercises each of them, for the first quarter of 2026.
func TestTally(t *testing.T) {
	d := date
	var none civil.Date
	rows := []figRow{
		{ID: 1, ReceivedOn: d("2025-12-20"), Signer: SignerOne, Kind: Complaint}, // carried over, unprocessed
		{ID: 2, ReceivedOn: d("2025-12-10"), Signer: SignerOne, Kind: Complaint, ProcessedOn: d("2026-01-05"), Eligible: true,
			Handling: HandleForwarded, ResolvedOn: d("2026-02-10"), Outcome: OutcomeRight, MoneyReturned: 5_000_000},
		{ID: 3, ReceivedOn: d("2026-01-10"), Signer: SignerAnonymous, Kind: Denunciation, ProcessedOn: d("2026-01-12"),
			FiledReason: "anonymous"},
		{ID: 4, ReceivedOn: d("2026-02-01"), Signer: SignerOne, Kind: Complaint, Complex: true, ProcessedOn: d("2026-02-05"),
			Eligible: true, Handling: HandleAccepted, Repeated: true},
		{ID: 5, ReceivedOn: d("2025-06-01"), Signer: SignerOne, Kind: Proposal, ProcessedOn: d("2025-06-10"), Eligible: true,
			Handling: HandleUrged, ResolvedOn: d("2025-12-01")}, // resolved before the period: not in it
		{ID: 6, ReceivedOn: d("2025-05-01"), Signer: SignerSeveral, Kind: Complaint, Complex: true, ProcessedOn: d("2025-05-05"),
			Eligible: true, Handling: HandleForwarded}, // followed from before, still open
		{ID: 7, ReceivedOn: d("2026-04-02"), Signer: SignerOne, Kind: Complaint}, // after the period
		{ID: 8, ReceivedOn: d("2026-03-30"), Signer: SignerOne, Kind: Proposal, ProcessedOn: d("2026-04-02"), Eligible: true,
			Handling: HandleAdvised}, // received in, processed after
		{ID: 9, ReceivedOn: d("2025-11-01"), Signer: SignerOne, Kind: Denunciation, Complex: true, ProcessedOn: d("2025-11-05"),
			Eligible: true, Handling: HandleAccepted, ResolvedOn: d("2026-03-01"), Outcome: OutcomePartlyRight,
			LandReturned: 120.5, PeopleProtected: 3},
		{ID: 10, ReceivedOn: d("2025-10-01"), Signer: SignerOne, Kind: Proposal, ProcessedOn: d("2025-10-03"), Eligible: true,
			Handling: HandleAdvised, ResolvedOn: none}, // advised before: not followed
		{ID: 11, ReceivedOn: d("2026-02-10"), Signer: SignerOne, Kind: Complaint, ProcessedOn: d("2026-02-16"), Eligible: true,
			Handling: HandleUrged}, // urging is its processing
	}
	urged := map[int64]bool{6: true}
	replied := map[int64]bool{2: true}
	f, cx := tally(period("2026-01-01", "2026-03-31"), rows, urged, replied)
	cases := []struct {
		name string
		got  Figure
		want []int64
	}{
		{"carried over", f.CarriedOver, []int64{1, 2}},
		{"received", f.Received, []int64{3, 4, 8, 11}},
		{"total", f.Total, []int64{1, 2, 3, 4, 8, 11}},
		{"received by one signer", f.ReceivedBySigner[SignerOne], []int64{4, 8, 11}},
		{"received anonymous", f.ReceivedBySigner[SignerAnonymous], []int64{3}},
		{"received several", f.ReceivedBySigner[SignerSeveral], []int64{}},
		{"received complaints", f.ReceivedByKind[Complaint], []int64{4, 11}},
		{"received repeated", f.ReceivedRepeated, []int64{4}},
		{"processed", f.Processed, []int64{2, 3, 4, 11}},
		{"unprocessed", f.Unprocessed, []int64{1, 8}},
		{"eligible", f.Eligible, []int64{2, 4, 11}},
		{"filed away", f.FiledAway, []int64{3}},
		{"filed away anonymous", f.FiledAwayByReason["anonymous"], []int64{3}},
		{"eligible complaints", f.EligibleByKind[Complaint], []int64{2, 4, 11}},
		{"within jurisdiction", f.WithinJurisdiction, []int64{4}},
		{"outside jurisdiction", f.OutsideJurisdiction, []int64{2, 11}},
		{"forwarded", f.Forwarded, []int64{2}},
		{"advised", f.Advised, []int64{}},
		{"urged", f.Urged, []int64{11}},
		{"urges sent", f.UrgesSent, []int64{6, 11}},
		{"replies received", f.RepliesReceived, []int64{2}},
		{"followed", f.Followed.Followed, []int64{2, 4, 6, 9, 11}},
		{"resolved", f.Resolved, []int64{2, 9}},
		{"in progress", f.InProgress, []int64{4, 6, 11}},
		{"outcome right", f.Outcomes[OutcomeRight], []int64{2}},
		{"outcome partly right", f.Outcomes[OutcomePartlyRight], []int64{9}},
		{"money returned", f.MoneyReturned, []int64{2}},
		{"people protected", f.PeopleProtected, []int64{9}},
		{"complex followed", cx.Followed, []int64{4, 6, 9}},
		{"complex resolved", cx.Resolved, []int64{9}},
		{"complex in progress", cx.InProgress, []int64{4, 6}},
	}
	for _, tc := range cases {
		if !slices.Equal(tc.got.IDs, tc.want) {
			t.Errorf("%s: ids %v, want %v", tc.name, tc.got.IDs, tc.want)
		}
		if tc.name != "money returned" && tc.name != "people protected" && tc.got.Value != int64(len(tc.want)) {
			t.Errorf("%s: value %d, want %d", tc.name, tc.got.Value, len(tc.want))
		}
	}
	if f.MoneyReturned.Value != 5_000_000 || f.PeopleProtected.Value != 3 || f.LandReturned.M2 != 120.5 ||
		!slices.Equal(f.LandReturned.IDs, []int64{9}) {
		t.Errorf("sums: money %d people %d land %v", f.MoneyReturned.Value, f.PeopleProtected.Value, f.LandReturned)
	}
	// Stable JSON: every key present even when zero, lists never null.
	b, _ := json.Marshal(f)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	for _, k := range []string{"carried_over", "received_by_signer", "filed_away_by_reason", "eligible_by_kind",
		"outcomes", "land_returned", "followed", "resolved", "in_progress"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %s", k)
		}
	}
	if ids := m["advised"].(map[string]any)["ids"]; ids == nil {
		t.Error("an empty figure's ids is null")
	}
}

func TestTallyReception(t *testing.T) {
	r := tallyReception([]sessionRow{
		{ID: 1, Host: HostSecretary, Visits: 3, People: 9, Crowd: 1, Complaint: 2, Proposal: 1},
		{ID: 2, Host: "committee_leader", Visits: 1, People: 1, Denunciation: 1},
		{ID: 3, Host: HostSecretary, Visits: 2, People: 2, Complaint: 1, Denunciation: 1},
	})
	sec := r.ByHost[HostSecretary]
	if r.All.Sessions.Value != 3 || r.All.Visits.Value != 6 || r.All.People.Value != 12 || r.All.CrowdDelegations.Value != 1 {
		t.Errorf("all %+v", r.All)
	}
	if sec.Sessions.Value != 2 || sec.Visits.Value != 5 || !slices.Equal(sec.Visits.IDs, []int64{1, 3}) ||
		sec.Matters[Complaint].Value != 3 || !slices.Equal(sec.CrowdDelegations.IDs, []int64{1}) {
		t.Errorf("secretary %+v", sec)
	}
	if r.ByHost["other"].Sessions.Value != 0 || r.ByHost["other"].Sessions.IDs == nil {
		t.Errorf("an absent host has zero figures with empty lists: %+v", r.ByHost["other"])
	}
}

// Through the database: the figures count only what the actor may see,
// and every ID they list opens in the list under the same rule.
func TestFiguresRespectClearanceAndDrillDown(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		secret := mustCreate(t, w, w.denunciation("2026-03-02")) // Mật
		open := mustCreate(t, w, w.complaint("2026-03-03"))
		if _, err := w.svc.Process(as(w.spec), open.ID, open.Version, Decision{On: date("2026-03-04"), Eligible: true,
			Handling: HandleForwarded, UnitID: w.ppc, Ref: "45/BNCTU-NV"}); err != nil {
			t.Fatal(err)
		}
		p := period("2026-03-01", "2026-03-31")
		normal := &access.Actor{UserID: w.spec2.UserID, OrgID: w.org.ID, Role: access.Viewer, Clearance: access.Normal}
		for _, tc := range []struct {
			actor             *access.Actor
			received, forward []int64
		}{
			{w.leader, []int64{secret.ID, open.ID}, []int64{open.ID}},
			{normal, []int64{open.ID}, []int64{open.ID}},
		} {
			f, err := w.svc.Figures(as(tc.actor), p)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(f.Petitions.Received.IDs, tc.received) || !slices.Equal(f.Petitions.Forwarded.IDs, tc.forward) {
				t.Errorf("clearance %d: received %v forwarded %v", tc.actor.Clearance, f.Petitions.Received.IDs, f.Petitions.Forwarded.IDs)
			}
			page, err := w.svc.List(as(tc.actor), Filter{IDs: f.Petitions.Received.IDs})
			if err != nil {
				t.Fatal(err)
			}
			if page.Total != len(tc.received) {
				t.Errorf("drill-down lists %d of %d", page.Total, len(tc.received))
			}
		}
		_, err := w.svc.Figures(as(&access.Actor{OrgID: w.org.ID, Role: access.Clerk}), p)
		isErr(t, err, access.ErrForbidden)
	})
}
