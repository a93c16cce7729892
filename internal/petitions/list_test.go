package petitions

import (
	"slices"
	"strconv"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/fixture"
	"noichinh/internal/notify"
	"noichinh/internal/search"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

func TestListFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := as(w.spec)
		den := mustCreate(t, w, w.denunciation("2026-03-10")) // secret, due 19/3 (forward)
		late := mustCreate(t, w, w.complaint("2026-02-02"))   // complaint.accept due 12/2: overdue
		other := w.complaint("2026-03-12")                    // due 22/3 → Mon 23/3
		other.Summary = "Khiếu nại việc cấp đổi sổ đỏ tại phường Đông Kinh"
		other.AssignedTo = w.leader.UserID
		other.ComplexProlonged = true
		cx := mustCreate(t, w, other)
		done := mustCreate(t, w, w.complaint("2026-03-02"))
		if _, err := w.svc.Process(ctx, done.ID, done.Version, Decision{On: date("2026-03-03"), Eligible: false, FiledReason: "duplicate"}); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			name  string
			actor *access.Actor
			f     Filter
			want  []int64 // in order
		}{
			{"all, newest first", w.spec, Filter{}, []int64{cx.ID, den.ID, done.ID, late.ID}},
			{"oldest first", w.spec, Filter{Sort: SortReceivedAsc}, []int64{late.ID, done.ID, den.ID, cx.ID}},
			{"open deadlines, nearest first", w.spec, Filter{Sort: SortDue}, []int64{late.ID, den.ID, cx.ID}},
			{"kind", w.spec, Filter{Kinds: []Kind{Denunciation}}, []int64{den.ID}},
			{"status", w.spec, Filter{Statuses: []Status{StatusFiledAway}}, []int64{done.ID}},
			{"text without marks finds the subject", w.spec, Filter{Text: "nong van loi"}, []int64{den.ID}},
			{"text with marks and case", w.spec, Filter{Text: "ĐÔNG KINH"}, []int64{cx.ID}},
			{"text of a number", w.spec, Filter{Text: "2026-00002"}, []int64{late.ID}},
			{"short text", w.spec, Filter{Text: "sổ"}, []int64{cx.ID}},
			{"overdue", w.spec, Filter{Due: Overdue}, []int64{late.ID}},
			{"due soon", w.spec, Filter{Due: DueSoon}, []int64{den.ID}},
			{"assigned", w.spec, Filter{AssignedTo: w.leader.UserID}, []int64{cx.ID}},
			{"complex", w.spec, Filter{ComplexOnly: true}, []int64{cx.ID}},
			{"locality", w.spec, Filter{LocalityUnitID: w.dongDang}, []int64{den.ID}},
			{"received range", w.spec, Filter{ReceivedFrom: date("2026-03-01"), ReceivedTo: date("2026-03-10")}, []int64{den.ID, done.ID}},
			{"drill-down ids", w.spec, Filter{IDs: []int64{late.ID, den.ID}}, []int64{den.ID, late.ID}},
			{"clearance hides the secret one", w.spec2, Filter{}, []int64{cx.ID, done.ID, late.ID}},
			{"even when asked by id", w.spec2, Filter{IDs: []int64{den.ID}}, []int64{}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				page, err := w.svc.List(as(tc.actor), tc.f)
				if err != nil {
					t.Fatal(err)
				}
				var got []int64
				for _, it := range page.Items {
					got = append(got, it.ID)
					if it.Senders != MaskedSenderLabel {
						t.Errorf("list shows senders %q", it.Senders)
					}
				}
				if !slices.Equal(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
					t.Errorf("got %v, want %v", got, tc.want)
				}
				if page.Total != len(tc.want) {
					t.Errorf("total %d, want %d", page.Total, len(tc.want))
				}
			})
		}
		page, err := w.svc.List(ctx, Filter{PerPage: 2, Page: 2})
		if err != nil || page.Total != 4 || len(page.Items) != 2 || page.Items[0].ID != done.ID {
			t.Errorf("second page of two: %+v %v", page, err)
		}
	})
}

// Reminders go to the assigned specialist and to leaders cleared for the
// record, once per deadline and state however often the job runs.
func TestRemind(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		den := mustCreate(t, w, w.denunciation("2026-03-10")) // secret; forward due 17/3, initial 19/3
		late := mustCreate(t, w, w.complaint("2026-02-02"))   // overdue since 12/2
		far := mustCreate(t, w, w.complaint("2026-03-16"))    // due 26/3: not yet
		ctx := fixture.System(w.org.ID)
		n, err := Remind(ctx, db, w.today)
		if err != nil {
			t.Fatal(err)
		}
		// den: two steps × (specialist + leader); late: one step × two.
		if n != 6 {
			t.Errorf("added %d reminders, want 6", n)
		}
		again, err := Remind(ctx, db, w.today)
		if err != nil || again != 0 {
			t.Errorf("second run added %d (%v)", again, err)
		}
		list, err := notify.ForUser(ctx, db.Read(), w.org.ID, w.spec.UserID, false, 50)
		if err != nil {
			t.Fatal(err)
		}
		var msgs []string
		for _, n := range list {
			msgs = append(msgs, n.Message+"@"+n.EntityID)
			if n.EntityID == idStr(far.ID) {
				t.Error("a deadline ten days away was reminded")
			}
		}
		slices.Sort(msgs)
		want := []string{"petitions.notify.due_soon.forward@" + idStr(den.ID), "petitions.notify.due_soon.initial@" + idStr(den.ID),
			"petitions.notify.overdue.initial@" + idStr(late.ID)}
		slices.Sort(want)
		if !slices.Equal(msgs, want) {
			t.Errorf("specialist's reminders %v, want %v", msgs, want)
		}
		// The next day the forward step is overdue: one new reminder each.
		w.today = civil.MustParse("2026-03-18")
		n, err = Remind(ctx, db, w.today)
		if err != nil || n != 2 {
			t.Errorf("next day added %d (%v), want 2", n, err)
		}
	})
}

func idStr(id int64) string { return strconv.FormatInt(id, 10) }

// Every write keeps the petition's global search entry in step, with its
// classification and without the sender.
func TestSearchEntry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		search.Register(SearchKind)
		p := mustCreate(t, w, w.denunciation("2026-03-02"))
		engine := search.New(db)
		for _, tc := range []struct {
			actor *access.Actor
			q     string
			want  int
		}{
			{w.leader, "nong van loi", 1},
			{w.leader, "ĐỊA CHÍNH nhận tiền", 1},
			{w.leader, "Hoàng Văn Thắng", 0}, // the sender is not searchable
			{w.spec2, "nong van loi", 0},     // nor is a petition above one's clearance
		} {
			got, err := engine.Search(as(tc.actor), tc.q, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tc.want || (tc.want == 1 && got[0].URL != "/petitions/"+idStr(p.ID)) {
				t.Errorf("%s searching %q: %+v", tc.actor.Username, tc.q, got)
			}
		}
		if _, err := w.svc.Update(as(w.spec), p.ID, p.Version, Details{Summary: "Tố cáo việc thu tiền sai quy định",
			Field: "corruption", Classification: access.Secret}); err != nil {
			t.Fatal(err)
		}
		if got, _ := engine.Search(as(w.leader), "nong van loi", 10); len(got) != 0 {
			t.Errorf("the search entry kept the old text: %+v", got)
		}
	})
}
