package petitions

import (
	"slices"
	"testing"

	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

func TestLikelyDuplicates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := as(w.spec)
		first := mustCreate(t, w, w.denunciation("2025-11-03"))

		other := w.complaint("2026-01-05") // another matter, another sender, another place
		unrelated := mustCreate(t, w, other)

		sameSubject := w.complaint("2026-02-02")
		sameSubject.Senders = []Sender{{Name: "Chu Văn Bình", Address: "Thôn Pò Nhùng"}}
		sameSubject.SubjectName = "NÔNG VĂN LỢI"
		sameSubject.LocalityUnitID = w.vanLang
		bySubject := mustCreate(t, w, sameSubject)

		cases := []struct {
			name  string
			draft Draft
			want  map[int64][]string
		}{
			{"same sender typed in another tone-mark style and case", Draft{ReceivedOn: date("2026-03-02"),
				Senders: []Sender{{Name: "HOÀNG VĂN THẮNG", Address: "thôn Nà Lầu,  xã Đồng Đăng"}},
				Summary: "Đề nghị xem xét việc cấp giấy chứng nhận", Field: "land"},
				map[int64][]string{first.ID: {ReasonSameSender}}},
			{"same person complained of", Draft{ReceivedOn: date("2026-03-02"), SubjectName: "Nông Văn Lợi",
				Summary: "Phản ánh thái độ làm việc", Field: "other"},
				map[int64][]string{first.ID: {ReasonSameSubject}, bySubject.ID: {ReasonSameSubject}}},
			{"similar content in the same commune", Draft{ReceivedOn: date("2026-03-02"), LocalityUnitID: w.dongDang,
				Summary: "Tố cáo cán bộ địa chính xã nhận tiền khi làm thủ tục cấp giấy chứng nhận quyền sử dụng đất cho gia đình",
				Content: "Công chức địa chính xã Đồng Đăng yêu cầu nộp 15 triệu đồng ngoài quy định."},
				map[int64][]string{first.ID: {ReasonSimilarContent}}},
			{"nothing alike", Draft{ReceivedOn: date("2026-03-02"), LocalityUnitID: w.dongDang,
				Summary: "Kiến nghị sửa chữa cầu treo bản Khòn Pát bị hư hỏng sau mưa lũ"}, map[int64][]string{}},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				got, err := w.svc.LikelyDuplicates(ctx, tc.draft)
				if err != nil {
					t.Fatal(err)
				}
				m := map[int64][]string{}
				for _, c := range got {
					m[c.ID] = c.Reasons
					if c.Senders != MaskedSenderLabel {
						t.Errorf("candidate shows senders %q", c.Senders)
					}
				}
				if len(m) != len(tc.want) {
					t.Fatalf("candidates %v, want %v", m, tc.want)
				}
				for id, reasons := range tc.want {
					if !slices.Equal(m[id], reasons) {
						t.Errorf("petition %d: reasons %v, want %v (all %v)", id, m[id], reasons, m)
					}
				}
			})
		}

		// A re-sent letter: proposed; the specialist links it as repeated, and
		// dismisses another candidate, which is then no longer proposed.
		again := w.denunciation("2026-03-09")
		again.Summary += " (gửi lần hai)"
		second := mustCreate(t, w, again)
		cands, err := w.svc.DuplicatesOf(ctx, second.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(cands) != 2 || cands[0].ID != first.ID || len(cands[0].Reasons) != 3 || cands[1].ID != bySubject.ID {
			t.Fatalf("duplicates of the second letter: %+v", cands)
		}
		p, err := w.svc.Link(ctx, second.ID, first.ID, LinkRepeated, "")
		if err != nil {
			t.Fatal(err)
		}
		if !p.Repeated {
			t.Error("linked as repeated but not marked repeated")
		}
		if _, err := w.svc.DismissDuplicate(ctx, second.ID, bySubject.ID, "Khác nội dung"); err != nil {
			t.Fatal(err)
		}
		cands, err = w.svc.DuplicatesOf(ctx, second.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(cands) != 0 {
			t.Errorf("after linking and dismissing: %+v", cands)
		}
		_, err = w.svc.Link(ctx, second.ID, first.ID, LinkRepeated, "")
		fieldErr(t, err, "other_id", "petitions.error.already_linked")
		rec, err := w.svc.Get(ctx, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.Links) != 1 || rec.Links[0].OtherID != second.ID || rec.Links[0].Outgoing {
			t.Errorf("links of the first letter %+v", rec.Links)
		}
		_ = unrelated
	})
}

// A mixed letter is split into a complaint and a denunciation, each with
// the senders, its own number and deadlines, linked to the original, which
// the figures no longer count.
func TestSplitMixedPetition(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		in := w.denunciation("2026-03-02")
		in.Kind = Mixed
		mixed := mustCreate(t, w, in)
		if len(mixed.Deadlines) != 0 {
			t.Errorf("a mixed petition has no deadline until split: %+v", mixed.Deadlines)
		}
		parts, err := w.svc.Split(as(w.spec), mixed.ID, mixed.Version, []Part{
			{Kind: Complaint, Summary: "Khiếu nại quyết định xử phạt vi phạm hành chính về đất đai"},
			{Kind: Denunciation, Summary: "Tố cáo công chức địa chính nhận tiền"},
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(parts) != 2 || parts[0].Kind != Complaint || parts[1].Kind != Denunciation || parts[0].ParentID != mixed.ID {
			t.Fatalf("parts %+v", parts)
		}
		deadlineOf(t, parts[0], StepInitial)
		if d := deadlineOf(t, parts[1], StepInitial); d.LimitCode != "denunciation.initial" {
			t.Errorf("denunciation part deadline %+v", d)
		}
		got, err := w.svc.Reveal(as(w.leader), parts[1].ID, "Kiểm tra tách đơn")
		if err != nil || len(got) != 1 || got[0].Name != "Hoàng Văn Thắng" {
			t.Fatalf("part senders %+v %v", got, err)
		}
		rec, err := w.svc.Get(as(w.spec), mixed.ID)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Status != StatusSplit || len(rec.Links) != 2 {
			t.Errorf("mixed after split: %s links %+v", rec.Status, rec.Links)
		}
		f, err := w.svc.Figures(as(w.leader), period("2026-03-01", "2026-03-31"))
		if err != nil {
			t.Fatal(err)
		}
		if f.Petitions.Received.Value != 2 {
			t.Errorf("received %d, want the two parts only", f.Petitions.Received.Value)
		}
		_, err = w.svc.Split(as(w.spec), parts[0].ID, parts[0].Version, []Part{{Kind: Complaint, Summary: "x"}, {Kind: Proposal, Summary: "y"}})
		fieldErr(t, err, "kind", "petitions.error.split_only_mixed")
	})
}
