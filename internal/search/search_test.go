package search_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/fixture"
	"noichinh/internal/search"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

func TestMain(m *testing.M) {
	search.Register(search.Kind{Name: "case", Label: "search.kind.case", Perm: access.CasesRead})
	search.Register(search.Kind{Name: "user", Label: "search.kind.user", Perm: access.UsersAdmin})
	os.Exit(storetest.Main(m))
}

func put(t *testing.T, db *store.DB, docs ...search.Doc) {
	t.Helper()
	err := db.Tx(fixture.System(0), func(tx *sql.Tx) error {
		for _, d := range docs {
			if err := search.Put(context.Background(), tx, d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func titles(rs []search.Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, strings.NewReplacer("<mark>", "", "</mark>", "").Replace(string(r.Title)))
	}
	return out
}

func TestSearchFoldsRanksAndFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org := fixture.Org(t, db, "LSN")
		other := fixture.Org(t, db, "CBG")
		spec := fixture.User(t, db, org, "cv", access.Specialist, access.Secret)
		put(t, db,
			search.Doc{OrgID: org.ID, Kind: "case", RecordID: "1", Title: "Vụ án tham ô tại Ban Quản lý dự án huyện Văn Lãng",
				Body: "Đối tượng Nguyễn Văn Đức, nguyên Trưởng ban, bị khởi tố ngày 05/3/2020.", URL: "/cases/1"},
			search.Doc{OrgID: org.ID, Kind: "case", RecordID: "2", Title: "Vụ việc đất đai tại xã Tân Đoàn",
				Body: "Báo cáo gửi Thường trực Tỉnh uỷ; ý kiến của Tỉnh ủy về xử lý.", URL: "/cases/2"},
			search.Doc{OrgID: org.ID, Kind: "case", RecordID: "3", Title: "Nguyễn Văn Đức: vụ án mật", Classification: access.TopSecret, URL: "/cases/3"},
			search.Doc{OrgID: other.ID, Kind: "case", RecordID: "4", Title: "Nguyễn Văn Đức ở tỉnh khác", URL: "/cases/4"},
			search.Doc{OrgID: org.ID, Kind: "user", RecordID: "5", Title: "Nguyễn Văn Đức (tài khoản)", URL: "/admin/users/5"},
			search.Doc{OrgID: org.ID, Kind: "case", RecordID: "6", Title: "Tranh chấp khác", Body: "Không liên quan", URL: "/cases/6"},
		)
		ctx := fixture.Ctx(spec)
		svc := search.New(db)
		got, err := svc.Search(ctx, "nguyen van duc", 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].URL != "/cases/1" {
			t.Fatalf("nguyen van duc: %v (top secret, other organisation and user kind must be hidden)", titles(got))
		}
		if !strings.Contains(string(got[0].Snippet), "<mark>Nguyễn</mark> <mark>Văn</mark> <mark>Đức,</mark>") {
			t.Errorf("snippet: %s", got[0].Snippet)
		}
		for _, q := range []string{"tinh uy", "TỈNH UỶ", "tỉnh ủy"} {
			got, err = svc.Search(ctx, q, 10)
			if err != nil || len(got) != 1 || got[0].URL != "/cases/2" {
				t.Errorf("%q: %v %v", q, titles(got), err)
			}
		}
		// Every word must match.
		if got, _ := svc.Search(ctx, "duc dat dai", 10); len(got) != 0 {
			t.Errorf("words from different records matched together: %v", titles(got))
		}
		// Title hits rank first.
		put(t, db, search.Doc{OrgID: org.ID, Kind: "case", RecordID: "7", Title: "Ghi chú", Body: "Liên quan huyện Văn Lãng và tham ô", URL: "/cases/7"})
		got, _ = svc.Search(ctx, "tham o", 10)
		if len(got) != 2 || got[0].URL != "/cases/1" {
			t.Errorf("ranking: %v", titles(got))
		}
		// A higher clearance sees the secret record; an administrator without
		// cases.read sees only users.
		boss := fixture.User(t, db, org, "tb", access.Leader, access.MostSecret)
		if got, _ := svc.Search(fixture.Ctx(boss), "nguyen van duc", 10); len(got) != 2 {
			t.Errorf("leader with full clearance: %v", titles(got))
		}
		admin := fixture.User(t, db, org, "qt", access.Administrator, access.MostSecret)
		if got, _ := svc.Search(fixture.Ctx(admin), "nguyen van duc", 10); len(got) != 1 || got[0].URL != "/admin/users/5" {
			t.Errorf("administrator: %v", titles(got))
		}
		// The index's scope words (organisation, kind, classification) are
		// never matched as the record's words (no record has a word beginning
		// with these).
		for _, q := range []string{"or", "org", "org1", "kin", "kindcase", "cla", "class0"} {
			if got, _ := svc.Search(ctx, q, 10); len(got) != 0 {
				t.Errorf("%q matched the scope: %v", q, titles(got))
			}
		}
		// Updating and deleting keep the index in step.
		put(t, db, search.Doc{OrgID: org.ID, Kind: "case", RecordID: "1", Title: "Vụ án đã đổi tên", URL: "/cases/1"})
		if got, _ := svc.Search(ctx, "nguyen van duc", 10); len(got) != 0 {
			t.Errorf("old text still found: %v", titles(got))
		}
		db.Tx(fixture.System(0), func(tx *sql.Tx) error { return search.Delete(context.Background(), tx, org.ID, "case", "2") })
		if got, _ := svc.Search(ctx, "tinh uy", 10); len(got) != 0 {
			t.Errorf("deleted record found: %v", titles(got))
		}
	})
}

func TestSearchNeedsPermission(t *testing.T) {
	db := storetest.SQLite(t)
	org := fixture.Org(t, db, "LSN")
	clerk := fixture.User(t, db, org, "vt", access.Clerk, access.Normal)
	if _, err := search.New(db).Search(fixture.Ctx(clerk), "x", 10); err == nil {
		t.Fatal("a clerk searched")
	}
}

func TestHighlightEscapes(t *testing.T) {
	got := string(search.Highlight(`<script>alert(1)</script> Đức & "Văn"`, search.Terms("duc van"), 0))
	want := `&lt;script&gt;alert(1)&lt;/script&gt; <mark>Đức</mark> &amp; <mark>&#34;Văn&#34;</mark>`
	if got != want {
		t.Errorf("got %s", got)
	}
	long := strings.Repeat("chữ ", 100) + "Đức" + strings.Repeat(" chữ", 100)
	snip := string(search.Highlight(long, search.Terms("duc"), 20))
	if !strings.HasPrefix(snip, "… ") || !strings.HasSuffix(snip, " …") || strings.Count(snip, "chữ") > 20 {
		t.Errorf("snippet window: %s", snip)
	}
}

func TestTermsBounded(t *testing.T) {
	q := strings.Repeat("a b c d e f g h i j k ", 3)
	if n := len(search.Terms(q)); n != search.MaxQueryTerms {
		t.Errorf("terms: %d", n)
	}
	if got := fmt.Sprint(search.Terms("Tỉnh  Uỷ tỉnh-ủy")); got != "[tinh uy]" {
		t.Errorf("terms: %s", got)
	}
}
