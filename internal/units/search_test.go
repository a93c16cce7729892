package units

import (
	"context"
	"strconv"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/search"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

// The search entries follow every write: a unit is found under each name it
// bore and under its codes, a person until they are deleted; the bulk
// rebuild gives the same entries.
func TestSearchEntriesFollowWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		find := func(q string) []string {
			t.Helper()
			ctx := access.WithActor(context.Background(), &access.Actor{UserID: 1, OrgID: e.org, Role: access.Viewer})
			results, err := search.New(db).Search(ctx, q, 10)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, r := range results {
				out = append(out, r.URL)
			}
			return out
		}
		search.Register(SearchKind)
		search.Register(PersonSearchKind)
		u := e.create(t, UnitInput{Code: "bloc", Kind: KindPartyOrganization, Name: "Đảng bộ Cơ quan Dân chính Đảng", ValidFrom: d("1954-09-27")})
		if _, err := e.svc.RecordEvent(e.ctx, u.ID, u.Version, EventInput{Kind: Renamed, EffectiveOn: d("2010-05-28"), Name: "Đảng bộ Khối các cơ quan tỉnh"}); err != nil {
			t.Fatal(err)
		}
		u, _ = e.svc.Get(e.ctx, u.ID)
		if _, err := e.svc.Update(e.ctx, u.ID, u.Version, UnitEdit{Code: "bloc", IssuerCode: "DUK"}); err != nil {
			t.Fatal(err)
		}
		url := "/units/" + itoaTest(u.ID)
		for _, q := range []string{"dan chinh", "khoi cac co quan", "duk"} {
			if got := find(q); len(got) != 1 || got[0] != url {
				t.Errorf("search %q: %v", q, got)
			}
		}
		p, err := e.svc.CreatePerson(e.ctx, PersonInput{FullName: "Hoàng Trung Tuyến"})
		if err != nil {
			t.Fatal(err)
		}
		if got := find("hoang trung tuyen"); len(got) != 1 || got[0] != "/people/"+itoaTest(p.ID) {
			t.Errorf("person: %v", got)
		}
		// The rebuild writes the same entries.
		if _, err := search.Reindex(context.Background(), db, SearchSources()); err != nil {
			t.Fatal(err)
		}
		if got := find("dan chinh"); len(got) != 1 {
			t.Errorf("after the rebuild: %v", got)
		}
		var body string
		if err := db.Read().QueryRow(`SELECT body FROM search_index WHERE kind = 'unit' AND record_id = $1`, itoaTest(u.ID)).Scan(&body); err != nil {
			t.Fatal(err)
		}
		if want := unitSearchText(Unit{Code: "bloc", IssuerCode: "DUK"}, []Version{{Name: "Đảng bộ Cơ quan Dân chính Đảng"}, {Name: "Đảng bộ Khối các cơ quan tỉnh"}}); body != want {
			t.Errorf("rebuilt entry %q, written %q", body, want)
		}
		if err := e.svc.DeletePerson(e.ctx, p.ID, p.Version); err != nil {
			t.Fatal(err)
		}
		if got := find("hoang trung tuyen"); len(got) != 0 {
			t.Errorf("deleted person still found: %v", got)
		}
	})
}

func itoaTest(id int64) string { return strconv.FormatInt(id, 10) }
