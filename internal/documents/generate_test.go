package documents

import (
	"context"
	"testing"

	"noichinh/internal/civil"
	"noichinh/internal/generate"
	"noichinh/internal/orgs"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

// generated fills one organisation (with the test units) with perYear
// generated documents a year.
func generated(t testing.TB, db *store.DB, perYear int) *env {
	t.Helper()
	e := newEnv(t, db, "LSN")
	genv := &generate.Env{DB: db, Scale: generate.Province, Seed: 1, Orgs: []orgs.Org{e.org}}
	if _, err := generateOrg(context.Background(), genv, e.org.ID, d("2026-11-22"), perYear); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestGenerateStep(t *testing.T) {
	const perYear = 150
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := generated(t, db, perYear)
		n := count(t, db, `SELECT COUNT(*) FROM documents WHERE org_id = $1`, e.org.ID)
		if n < perYear*(GeneratedYears-1) || n > perYear*GeneratedYears {
			t.Errorf("%d documents", n)
		}
		if k := count(t, db, `SELECT COUNT(DISTINCT numbering_key) FROM documents WHERE org_id = $1`, e.org.ID); k != n {
			t.Errorf("%d numbering keys for %d documents", k, n)
		}
		resolved := count(t, db, `SELECT COUNT(*) FROM document_relations WHERE to_id IS NOT NULL`)
		pending := count(t, db, `SELECT COUNT(*) FROM document_relations WHERE to_id IS NULL`)
		if resolved < n/20 || pending == 0 || pending > resolved/3 {
			t.Errorf("relations: %d resolved, %d pending", resolved, pending)
		}
		if unit := count(t, db, `SELECT COUNT(*) FROM documents WHERE issuer_unit_id IS NOT NULL`); unit == 0 {
			t.Error("no generated document has an issuer unit")
		}
		// The stored status of every generated document is what its relations derive.
		rows, err := db.Read().Query(`SELECT id, status, status_since FROM documents WHERE org_id = $1`, e.org.ID)
		if err != nil {
			t.Fatal(err)
		}
		type st struct {
			id     int64
			status Status
			since  civil.Date
		}
		var all []st
		for rows.Next() {
			var s st
			if err := rows.Scan(&s.id, &s.status, &s.since); err != nil {
				t.Fatal(err)
			}
			all = append(all, s)
		}
		rows.Close()
		replaced := 0
		for _, s := range all {
			facts, err := loadStatusFacts(context.Background(), db.Read(), s.id)
			if err != nil {
				t.Fatal(err)
			}
			if st, since := deriveStatus(facts); st != s.status || since != s.since {
				t.Fatalf("document %d: stored %s %v, derived %s %v", s.id, s.status, s.since, st, since)
			}
			if s.status == Replaced {
				replaced++
			}
		}
		if replaced == 0 {
			t.Error("no generated document is replaced")
		}
	})
}
