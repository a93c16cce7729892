package cases

import (
	"context"
	"slices"
	"strings"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/fixture"
	"noichinh/internal/notify"
	"noichinh/internal/search"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
	"noichinh/internal/vntext"
)

// listWorld has five cases with known deadlines around testToday (2026-03-16).
type listWorld struct {
	*world
	overdue, dueSoon, paused, economic, matter *Case
}

func newListWorld(t *testing.T, db *store.DB) *listWorld {
	w := &listWorld{world: newWorld(t, db)}
	mk := func(title string, mod func(*Input), events ...EventInput) *Case {
		in := w.sampleInput()
		in.Title = title
		in.OpenedOn = civil.MustParse("2025-11-03")
		if mod != nil {
			mod(&in)
		}
		return w.record(t, w.create(t, in), events...)
	}
	// Prosecuted 2025-12-01, serious: 3 months → 2026-03-01, a Sunday → 2026-03-02: overdue.
	w.overdue = mk("Vụ án Tham ô tài sản tại Ban Quản lý dự án huyện Cao Lộc", func(in *Input) {
		in.LocalityID = w.units["district-cao-loc"]
		in.Flags = []Flag{InvolvesLeaders}
	}, watchIn("2025-11-10", Monitored), stageIn("2025-12-01", Prosecuted))
	// Crime report 2026-03-10: 20 days → 2026-03-30: due within 14 days.
	w.dueSoon = mk("Vụ án Nhận hối lộ tại Đội Quản lý thị trường", func(in *Input) {
		in.AssigneeIDs = []int64{w.cv2.UserID}
	}, watchIn("2025-11-10", Directed), stageIn("2026-03-10", CrimeReportReceived))
	w.paused = mk("Vụ án Buôn lậu qua cửa khẩu", nil,
		watchIn("2025-11-10", Monitored), stageIn("2025-12-01", Prosecuted), stageIn("2026-01-05", Suspended))
	w.economic = mk("Vụ án Vi phạm quy định về đấu thầu tại phường Tam Thanh", func(in *Input) {
		in.Categories = []Category{Economic}
		in.LocalityID = w.units["ward-tam-thanh"]
		in.Flags = []Flag{InvolvesLeaders, PublicConcern}
		in.Classification = access.Secret
	}, watchIn("2025-12-15", Monitored))
	w.matter = mk("Vụ việc Khiếu kiện đông người về đất đai", func(in *Input) {
		in.Kind, in.Categories, in.Field, in.OffenceClass = Matter, []Category{OtherAffairs}, "land", NoClass
	})
	return w
}

func (w *listWorld) ids(t *testing.T, actor *access.Actor, f Filter) []int64 {
	t.Helper()
	page, err := w.svc.List(fixture.Ctx(actor), f)
	if err != nil {
		t.Fatalf("list %+v: %v", f, err)
	}
	var out []int64
	for _, c := range page.Cases {
		out = append(out, c.ID)
	}
	if page.Total != len(out) && f.Limit == 0 {
		t.Errorf("total %d for %d rows", page.Total, len(out))
	}
	return out
}

func TestListFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newListWorld(t, db)
		set := func(cs ...*Case) []int64 {
			var out []int64
			for _, c := range cs {
				out = append(out, c.ID)
			}
			slices.Sort(out)
			return out
		}
		cases := []struct {
			name   string
			filter Filter
			want   []int64
		}{
			{"everything", Filter{}, set(w.overdue, w.dueSoon, w.paused, w.economic, w.matter)},
			{"monitored", Filter{Level: "monitored"}, set(w.overdue, w.paused, w.economic)},
			{"directed", Filter{Level: "directed"}, set(w.dueSoon)},
			{"on no list", Filter{Level: OnNoList}, set(w.matter)},
			{"economic", Filter{Group: Group(Economic)}, set(w.economic)},
			{"internal affairs", Filter{Group: InternalAffairs}, set(w.economic, w.matter)},
			{"stage", Filter{Stage: Suspended}, set(w.paused)},
			{"kind", Filter{Kind: Matter}, set(w.matter)},
			{"overdue", Filter{Overdue: true}, set(w.overdue)},
			{"due within 14 days", Filter{DueWithin: 14}, set(w.dueSoon)},
			{"due within 13 days", Filter{DueWithin: 13}, nil},
			{"overdue or due soon", Filter{Overdue: true, DueWithin: 14}, set(w.overdue, w.dueSoon)},
			{"assigned to chuyenvien2", Filter{AssigneeID: w.cv2.UserID}, set(w.dueSoon)},
			{"locality", Filter{LocalityID: w.units["district-cao-loc"]}, set(w.overdue)},
			{"flags (all of them)", Filter{Flags: []Flag{InvolvesLeaders, PublicConcern}}, set(w.economic)},
			{"search without tone marks", Filter{Query: "tham o tai san"}, set(w.overdue)},
			{"search by reference", Filter{Query: w.matter.RefCode}, set(w.matter)},
			{"opened range", Filter{OpenedFrom: civil.MustParse("2025-11-04")}, nil},
			{"last event range", Filter{LastEventFrom: civil.MustParse("2026-01-01")}, set(w.dueSoon, w.paused)},
			{"a figure's cases", Filter{IDs: []int64{w.paused.ID, w.matter.ID}}, set(w.paused, w.matter)},
			{"an empty figure", Filter{IDs: []int64{}}, nil},
		}
		for _, tc := range cases {
			got := w.ids(t, w.leader, tc.filter)
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
			}
		}
		// The secret case is not listed for a user without clearance.
		if got := w.ids(t, w.cv3, Filter{Flags: []Flag{InvolvesLeaders}}); !slices.Equal(got, set(w.overdue)) {
			t.Errorf("uncleared: %v", got)
		}
		// Bad filters are field errors.
		for _, f := range []Filter{{Level: "watched"}, {Group: "fraud"}, {Stage: "trial"}, {Sort: "id; DROP TABLE cases"}, {DueWithin: -1},
			{OpenedFrom: civil.MustParse("2026-01-02"), OpenedTo: civil.MustParse("2026-01-01")}} {
			if _, err := w.svc.List(fixture.Ctx(w.leader), f); err == nil {
				t.Errorf("filter %+v accepted", f)
			}
		}
	})
}

func TestListSortAndPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newListWorld(t, db)
		// Due dates ascending, undated last.
		page, err := w.svc.List(fixture.Ctx(w.leader), Filter{Sort: "due_on"})
		if err != nil {
			t.Fatal(err)
		}
		if page.Cases[0].ID != w.overdue.ID || page.Cases[1].ID != w.dueSoon.ID || !page.Cases[4].Deadline.DueOn.IsZero() {
			t.Errorf("due order: %v", refs(page.Cases))
		}
		// Pages of two cover everything once, with the same total.
		var seen []int64
		for offset := 0; offset < 6; offset += 2 {
			p, err := w.svc.List(fixture.Ctx(w.leader), Filter{Sort: "title", Limit: 2, Offset: offset})
			if err != nil {
				t.Fatal(err)
			}
			if p.Total != 5 {
				t.Errorf("total %d", p.Total)
			}
			for _, c := range p.Cases {
				seen = append(seen, c.ID)
			}
		}
		slices.Sort(seen)
		if len(slices.Compact(seen)) != 5 || len(seen) != 5 {
			t.Errorf("pages overlap or miss: %v", seen)
		}
		p, _ := w.svc.List(fixture.Ctx(w.leader), Filter{Sort: "title"})
		titles := make([]string, len(p.Cases))
		for i, c := range p.Cases {
			titles[i] = vntext.Fold(c.Title)
		}
		if !slices.IsSorted(titles) {
			t.Errorf("titles not sorted: %v", titles)
		}
	})
}

func TestDueLists(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newListWorld(t, db)
		overdue, soon, err := w.svc.DueLists(fixture.Ctx(w.leader), 0, 14, 20)
		if err != nil {
			t.Fatal(err)
		}
		if overdue.Total != 1 || overdue.Cases[0].ID != w.overdue.ID || soon.Total != 1 || soon.Cases[0].ID != w.dueSoon.ID {
			t.Errorf("organisation: overdue %v, due soon %v", refs(overdue.Cases), refs(soon.Cases))
		}
		overdue, soon, _ = w.svc.DueLists(fixture.Ctx(w.cv2), w.cv2.UserID, 14, 20)
		if overdue.Total != 0 || soon.Total != 1 {
			t.Errorf("chuyenvien2's own: overdue %d, due soon %d", overdue.Total, soon.Total)
		}
	})
}

func refs(cs []*Case) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.RefCode + " " + c.Deadline.DueOn.String()
	}
	return out
}

// Reminders go to the assigned specialists (due soon, overdue) and to the
// leaders (overdue), only to users cleared for the case, once.
func TestRemind(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newListWorld(t, db)
		// The overdue case is assigned to cv1 (sample input) and cv3, who is
		// not cleared for it once it is made secret.
		in := w.sampleInput()
		in.Title, in.OpenedOn = w.overdue.Title, w.overdue.State.OpenedOn
		in.LocalityID, in.Flags = w.units["district-cao-loc"], []Flag{InvolvesLeaders}
		in.AssigneeIDs = []int64{w.cv1.UserID, w.cv3.UserID}
		in.Classification = access.Secret
		if _, err := w.svc.Update(fixture.Ctx(w.leader), w.overdue.ID, versionOf(t, w.world, w.overdue.ID), in); err != nil {
			t.Fatal(err)
		}
		n, err := Remind(context.Background(), db, testToday)
		if err != nil {
			t.Fatal(err)
		}
		// cv1: overdue; leader: overdue; cv2: due in 14 days is outside DueSoonDays (7).
		if n != 2 {
			t.Errorf("%d reminders, want 2", n)
		}
		mine, _ := notify.ForUser(context.Background(), db.Read(), w.org.ID, w.cv1.UserID, false, 10)
		if len(mine) != 1 || mine[0].Kind != "overdue" || mine[0].Params["ref"] != w.overdue.RefCode || mine[0].Params["due"] != "02/03/2026" {
			t.Errorf("cv1's reminders: %+v", mine)
		}
		if other, _ := notify.ForUser(context.Background(), db.Read(), w.org.ID, w.cv3.UserID, false, 10); len(other) != 0 {
			t.Errorf("an uncleared user was told about a secret case: %+v", other)
		}
		if n, _ := Remind(context.Background(), db, testToday); n != 0 {
			t.Errorf("second run added %d", n)
		}
		// A week later the other case is due soon for its specialist.
		if n, _ := Remind(context.Background(), db, testToday.AddDays(7)); n != 1 {
			t.Errorf("a week later: %d reminders, want 1", n)
		}
	})
}

func TestSearchable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newListWorld(t, db)
		doc, err := Searchable(context.Background(), db.Read(), w.economic.ID)
		if err != nil {
			t.Fatal(err)
		}
		if doc.OrgID != w.org.ID || doc.Kind != "case" || doc.Classification != access.Secret ||
			doc.Title != w.economic.RefCode+" · "+w.economic.Title || !strings.Contains(doc.Body, "Phường Tam Thanh") ||
			doc.URL != caseLink(w.economic.ID) {
			t.Errorf("searchable: %+v", doc)
		}
		if _, err := Searchable(context.Background(), db.Read(), 999999); err != store.ErrNotFound {
			t.Errorf("missing case: %v", err)
		}
		// Every write keeps the global search index in step; a rebuild from
		// SearchSource writes the same entries.
		search.Register(SearchKind)
		hits, err := search.New(db).Search(fixture.Ctx(w.leader), "dau thau tam thanh", 10)
		if err != nil || len(hits) != 1 || hits[0].URL != caseLink(w.economic.ID) {
			t.Fatalf("global search: %+v, %v", hits, err)
		}
		if hits, _ := search.New(db).Search(fixture.Ctx(w.cv3), "dau thau tam thanh", 10); len(hits) != 0 {
			t.Errorf("an uncleared user finds the secret case: %+v", hits)
		}
		before := storetest.Dump(t, db)
		if n, err := search.Reindex(context.Background(), db, []search.Source{SearchSource()}); err != nil || n != 5 {
			t.Fatalf("reindex: %d, %v", n, err)
		}
		if after := storetest.Dump(t, db); stripSearchTimes(after) != stripSearchTimes(before) {
			t.Error("the rebuilt index differs from the one kept by the writes")
		}
	})
}

// stripSearchTimes drops the index rows' ids and update times, which a
// rebuild renews.
func stripSearchTimes(dump string) string {
	var out []string
	for _, line := range strings.Split(dump, "\n") {
		if strings.HasPrefix(line, "id=") && strings.Contains(line, "ftitle=") {
			parts := strings.Split(line, " | ")
			var keep []string
			for _, p := range parts {
				if !strings.HasPrefix(p, "id=") && !strings.HasPrefix(p, "updated_at=") {
					keep = append(keep, p)
				}
			}
			line = strings.Join(keep, " | ")
		}
		out = append(out, line)
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}
