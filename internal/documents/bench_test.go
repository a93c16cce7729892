package documents

import (
	"fmt"
	"testing"
	"time"

	"noichinh/internal/cite"
	"noichinh/internal/civil"
	"noichinh/internal/fixture"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

// BenchmarkDocuments measures the registry on one organisation of
// provincial size: GeneratedPerYear documents a year over GeneratedYears
// years, with their relations. Run:
//
//	NOICHINH_TEST_POSTGRES=… go test -run '^$' -bench Documents -benchtime 200x ./internal/documents/
func BenchmarkDocuments(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			var db *store.DB
			if engine == "sqlite" {
				db = storetest.SQLite(b)
			} else {
				db = storetest.Postgres(b)
			}
			start := time.Now()
			e := generated(b, db, GeneratedPerYear)
			e.installTermsIfMissing(b)
			b.Logf("%s: generated %d documents in %v", engine, count(b, db, `SELECT COUNT(*) FROM documents`), time.Since(start))
			benchmarks(b, e)
		})
	}
}

func (e *env) installTermsIfMissing(t testing.TB) {
	if count(t, e.db, `SELECT COUNT(*) FROM party_terms WHERE org_id = $1`, e.org.ID) == 0 {
		e.installTerms(t)
	}
}

func benchmarks(b *testing.B, e *env) {
	ctx := fixture.Ctx(e.leader)
	today := d("2026-11-22")
	page, err := e.s.List(ctx, Filter{Symbol: "05-KL/TU", Limit: 1})
	if err != nil || len(page.Items) == 0 {
		b.Fatalf("a conclusion to start from: %v", err)
	}
	conclusion := page.Items[0].ID
	text := seedText(b, "000_f1b89aaad398ff2a.txt")
	run := func(name string, fn func(i int) error) {
		b.Run(name, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				if err := fn(i); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	run("list-newest", func(int) error { _, err := e.s.List(ctx, Filter{}); return err })
	run("list-text", func(int) error { _, err := e.s.List(ctx, Filter{Text: "phòng, chống tham nhũng"}); return err })
	run("list-symbol", func(int) error { _, err := e.s.List(ctx, Filter{Symbol: "12-KH/TU"}); return err })
	run("list-field-year", func(int) error {
		_, err := e.s.List(ctx, Filter{Field: Anticorruption, Issued: civil.Range{From: d("2024-01-01"), To: d("2024-12-31")}})
		return err
	})
	run("get", func(int) error { _, err := e.s.Get(ctx, conclusion); return err })
	run("graph-depth-3", func(int) error { _, err := e.s.Graph(ctx, conclusion, 3); return err })
	run("analyze-seed-000", func(int) error { _, err := e.s.Analyze(ctx, text); return err })
	run("advised-year", func(int) error {
		_, err := e.s.Advised(ctx, civil.Range{From: d("2024-01-01"), To: d("2024-12-31")})
		return err
	})
	run("next-number", func(int) error { _, err := e.s.NextNumber(ctx, cite.KindReport, today); return err })
	run("create-own", func(i int) error {
		_, err := e.s.Create(ctx, Input{Kind: cite.KindReport, AutoNumber: true, IssuedOn: today,
			Summary: fmt.Sprintf("báo cáo %d", i), Fields: []Field{InternalAffairs}})
		return err
	})
}
