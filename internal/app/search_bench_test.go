package app_test

import (
	"cmp"
	"context"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/app"
	"noichinh/internal/config"
	"noichinh/internal/generate"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

// BenchmarkSearch measures the global search box over generated data: a
// leader (every kind, full clearance) of one organisation types one to three
// words. Half the queries are words of a record picked at random (they find
// it and its like), half are words every committee's records are full of,
// the worst case for ranking.
//
// NOICHINH_BENCH_DATA names a data folder, and NOICHINH_BENCH_DB a
// PostgreSQL URL, already filled by `noichinh generate --scale national`;
// without them the province scale is generated into a temporary SQLite
// database first.
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	svc := benchServices(b, ctx)
	var entries int64
	if err := svc.DB.Read().QueryRow(`SELECT COUNT(*) FROM search_index`).Scan(&entries); err != nil {
		b.Fatal(err)
	}
	queries := benchQueries(b, svc.DB)
	b.Logf("%s: %d search entries, %d queries", svc.DB.Engine(), entries, len(queries))
	var took []time.Duration
	slowest := map[string]time.Duration{}
	hits := 0
	i := 0
	for b.Loop() {
		q := queries[i%len(queries)]
		i++
		start := time.Now()
		res, err := svc.Search.Search(access.WithActor(ctx, q.actor), q.text, 20)
		took = append(took, time.Since(start))
		slowest[q.text] = max(slowest[q.text], took[len(took)-1])
		if err != nil {
			b.Fatalf("%q: %v", q.text, err)
		}
		if len(res) > 0 {
			hits++
		}
	}
	slices.Sort(took)
	texts := slices.Collect(maps.Keys(slowest))
	slices.SortFunc(texts, func(a, b string) int { return cmp.Compare(slowest[b], slowest[a]) })
	for _, t := range texts[:min(5, len(texts))] {
		b.Logf("slow: %q %v", t, slowest[t].Round(time.Millisecond))
	}
	pct := func(p float64) float64 {
		return float64(took[int(p*float64(len(took)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(hits)/float64(len(took)), "hit-ratio")
	b.ReportMetric(float64(entries), "entries")
}

func benchServices(b *testing.B, ctx context.Context) *app.Services {
	cfg := &config.Config{Data: os.Getenv("NOICHINH_BENCH_DATA"), DB: os.Getenv("NOICHINH_BENCH_DB")}
	kept := cfg.Data != "" || cfg.DB != ""
	if cfg.Data == "" {
		cfg.Data = b.TempDir()
	}
	var db *store.DB
	var err error
	if kept {
		db, err = store.Open(ctx, cfg)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		if _, err := db.Migrate(ctx); err != nil {
			b.Fatal(err)
		}
	} else {
		db = storetest.SQLite(b)
	}
	svc, err := app.NewServices(cfg, db)
	if err != nil {
		b.Fatal(err)
	}
	if !kept {
		start := time.Now()
		env := &generate.Env{DB: db, Scale: generate.Province, Seed: 1, Log: io.Discard}
		if err := generate.Run(ctx, env, svc.GenerateSteps()); err != nil {
			b.Fatal(err)
		}
		b.Logf("generated the province scale in %v", time.Since(start).Round(time.Second))
	}
	return svc
}

type benchQuery struct {
	text  string
	actor *access.Actor
}

// commonWords fill every committee's records: the slowest queries to rank.
var commonWords = []string{"nguyen van", "tinh uy", "don", "vu an", "tham nhung", "dat dai", "lang son", "bao cao",
	"ke hoach", "xa", "tran thi", "quyet dinh"}

func benchQueries(b *testing.B, db *store.DB) []benchQuery {
	var orgs []int64
	rows, err := db.Read().Query(`SELECT DISTINCT org_id FROM search_index ORDER BY org_id`)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			b.Fatal(err)
		}
		orgs = append(orgs, id)
	}
	rows.Close()
	var maxID int64
	if err := db.Read().QueryRow(`SELECT COALESCE(MAX(id), 0) FROM search_index`).Scan(&maxID); err != nil || maxID == 0 {
		b.Fatalf("no search entries (%v): generate the data first", err)
	}
	r := rand.New(rand.NewPCG(2026, 11))
	var out []benchQuery
	for len(out) < 400 {
		var orgID int64
		var folded string
		err := db.Read().QueryRow(`SELECT org_id, ftitle FROM search_index WHERE id >= $1 ORDER BY id LIMIT 1`,
			1+r.Int64N(maxID)).Scan(&orgID, &folded)
		if err != nil {
			b.Fatal(err)
		}
		leader := &access.Actor{OrgID: orgID, Role: access.Leader, Clearance: access.MostSecret, Username: "bench"}
		words := strings.Fields(folded)
		if len(words) == 0 {
			continue
		}
		n := 1 + r.IntN(min(3, len(words)))
		at := r.IntN(len(words) - n + 1)
		out = append(out, benchQuery{strings.Join(words[at:at+n], " "), leader})
		org := orgs[r.IntN(len(orgs))]
		out = append(out, benchQuery{commonWords[r.IntN(len(commonWords))],
			&access.Actor{OrgID: org, Role: access.Leader, Clearance: access.MostSecret, Username: "bench"}})
	}
	return out
}
