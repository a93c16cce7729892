package petitions

import (
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

// A session's figures come from its visits (a group of five or more on one
// matter is a crowd delegation, counted in visits and people), its written
// answer is due ten working days later, and edits are version-checked.
func TestReceptionSession(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := as(w.spec)
		in := SessionInput{HeldOn: date("2026-03-05"), HostRole: HostSecretary, HostName: "Bí thư Tỉnh ủy",
			Place: "Trụ sở Tiếp công dân tỉnh", Kind: "periodic", AssignedTo: w.spec.UserID,
			Visits: []Visit{
				{Kind: Complaint, People: 1, Summary: "Khiếu nại bồi thường đất làm đường"},
				{Kind: Complaint, People: 7, Summary: "Đoàn hộ dân thôn Khòn Khuyên về giá đất tái định cư"},
				{Kind: Proposal, People: 2, Summary: "Kiến nghị cấp giấy chứng nhận quyền sử dụng đất rừng"},
			}}
		ss, err := w.svc.RecordSession(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if ss.VisitCount != 3 || ss.People != 10 || ss.CrowdDelegations != 1 || ss.MattersComplaint != 2 || ss.MattersProposal != 1 {
			t.Errorf("figures %+v", ss)
		}
		// 10 working days from Thu 5/3/2026.
		if ss.Reply.LimitCode != "party.secretary_reply" || ss.Reply.DueOn != date("2026-03-19") {
			t.Errorf("reply deadline %+v", ss.Reply)
		}

		// A petition handed in at the session takes its date and links to it.
		pin := w.complaint("2026-03-05")
		pin.Channel, pin.SessionID, pin.ReceivedOn = AtSession, ss.ID, civil.Date{}
		p := mustCreate(t, w, pin)
		if p.ReceivedOn != ss.HeldOn || p.SessionID != ss.ID {
			t.Errorf("petition from the session: %s %d", p.ReceivedOn, p.SessionID)
		}
		in.Visits[0].PetitionID = p.ID
		in.Visits = append(in.Visits, Visit{Kind: Denunciation, People: 5, Summary: "Tố cáo sai phạm trong giao đất rừng"})
		ss2, err := w.svc.UpdateSession(ctx, ss.ID, ss.Version, in)
		if err != nil {
			t.Fatal(err)
		}
		if ss2.VisitCount != 4 || ss2.People != 15 || ss2.CrowdDelegations != 2 || ss2.Version != 2 || ss2.Visits[0].PetitionID != p.ID {
			t.Errorf("updated %+v", ss2)
		}
		_, err = w.svc.UpdateSession(ctx, ss.ID, ss.Version, in)
		isErr(t, err, store.ErrConflict)

		due, err := w.svc.DueList(ctx, DueQuery{AssignedTo: w.spec.UserID})
		if err != nil {
			t.Fatal(err)
		}
		if !hasDue(due, "reception_session", ss.ID) {
			t.Errorf("the session's answer is not on the due list: %+v", due)
		}
		ss3, err := w.svc.MarkSessionReplied(ctx, ss.ID, ss2.Version, date("2026-03-16"))
		if err != nil {
			t.Fatal(err)
		}
		if ss3.RepliedOn != date("2026-03-16") || ss3.Reply.Open() {
			t.Errorf("replied %+v", ss3)
		}
		due, _ = w.svc.DueList(ctx, DueQuery{AssignedTo: w.spec.UserID})
		if hasDue(due, "reception_session", ss.ID) {
			t.Error("an answered session is still due")
		}

		got, err := w.svc.GetSession(as(w.viewer), ss.ID)
		if err != nil || len(got.Visits) != 4 || got.Visits[1].People != 7 {
			t.Fatalf("get session %+v %v", got, err)
		}
		page, err := w.svc.ListSessions(as(w.viewer), SessionFilter{From: date("2026-03-01"), HostRole: HostSecretary})
		if err != nil || page.Total != 1 || page.Items[0].ID != ss.ID {
			t.Fatalf("list sessions %+v %v", page, err)
		}

		bad := in
		bad.Visits = []Visit{{Kind: Mixed, People: 0}}
		bad.Classification = access.TopSecret
		before := storetest.Dump(t, db)
		_, err = w.svc.RecordSession(ctx, bad)
		fieldErr(t, err, "visits.0.people", "petitions.error.people_positive")
		fieldErr(t, err, "visits.0.summary", "error.required")
		fieldErr(t, err, "visits.0.kind", "error.invalid_choice")
		fieldErr(t, err, "classification", "error.classification_above_clearance")
		if storetest.Dump(t, db) != before {
			t.Error("a refused session changed the database")
		}
	})
}

func hasDue(items []DueItem, entity string, id int64) bool {
	for _, it := range items {
		if it.Entity == entity && it.ID == id {
			return true
		}
	}
	return false
}
