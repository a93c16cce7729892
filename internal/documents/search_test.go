package documents

import (
	"strings"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/cite"
	"noichinh/internal/fixture"
	"noichinh/internal/search"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

func searchRows(t *testing.T, db *store.DB) string {
	t.Helper()
	rows, err := db.Read().Query(`SELECT org_id, record_id, classification, title, body, url FROM search_index
		WHERE kind = 'document' ORDER BY org_id, record_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var org, class int64
		var id, title, body, url string
		if err := rows.Scan(&org, &id, &class, &title, &body, &url); err != nil {
			t.Fatal(err)
		}
		b.WriteString(strings.Join([]string{id, title, body, url}, "|") + "\n")
	}
	return b.String()
}

// TestSearchIndex: every write keeps the document's search entry in step,
// a bulk rebuild writes the same entries, and the global search finds
// documents by folded words within the reader's clearance.
func TestSearchIndex(t *testing.T) {
	search.Register(SearchKind)
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, "LSN")
		ctx := fixture.Ctx(e.spec)
		ct48 := e.mustCreate(t, Input{Symbol: "48-CT/TW", Kind: cite.KindDirective, IssuedOn: d("2010-10-22"),
			IssuerUnitID: e.units["central-politburo"],
			Summary:      "tăng cường sự lãnh đạo của Đảng đối với công tác phòng, chống tội phạm trong tình hình mới"})
		e.mustCreate(t, Input{Kind: cite.KindDecision, Number: "14", IssuedOn: d("1978-02-20"), IssuerName: "Ban Bí thư"})
		e.mustCreate(t, Input{Symbol: "01-BC/BNCTU", Kind: cite.KindReport, IssuedOn: d("2026-01-05"), Classification: access.Secret,
			Summary: "tình hình tội phạm năm 2025", Notes: "số liệu của Công an tỉnh"})
		if _, err := e.s.Update(ctx, ct48.ID, ct48.Version, Input{Symbol: "48-CT/TW", Kind: cite.KindDirective,
			IssuedOn: d("2010-10-22"), IssuerUnitID: e.units["central-politburo"], Summary: ct48.Summary, Notes: "khóa X"}); err != nil {
			t.Fatal(err)
		}
		daily := searchRows(t, db)
		if !strings.Contains(daily, "Quyết định số 14") || !strings.Contains(daily, "Bộ Chính trị\n\ntăng cường") ||
			!strings.Contains(daily, "khóa X") {
			t.Errorf("entries:\n%s", daily)
		}
		if _, err := search.Reindex(background, db, []search.Source{SearchSource()}); err != nil {
			t.Fatal(err)
		}
		if rebuilt := searchRows(t, db); rebuilt != daily {
			t.Errorf("rebuilt entries differ:\n%s\nfrom day-to-day ones:\n%s", rebuilt, daily)
		}
		found := func(a *access.Actor, q string) []string {
			rs, err := search.New(db).Search(fixture.Ctx(a), q, 10)
			if err != nil {
				t.Fatal(err)
			}
			var urls []string
			for _, r := range rs {
				urls = append(urls, r.URL)
			}
			return urls
		}
		if got := found(e.spec, "phong chong toi pham"); len(got) != 1 || got[0] != "/documents/"+itoa(ct48.ID) {
			t.Errorf("search as specialist: %v", got)
		}
		if got := found(e.spec, "toi pham"); len(got) != 2 {
			t.Errorf("search with clearance: %v", got)
		}
		if got := found(e.low, "toi pham"); len(got) != 1 {
			t.Errorf("search without clearance: %v", got)
		}
	})
}
