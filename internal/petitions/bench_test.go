package petitions

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"noichinh/internal/access"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/config"
	"noichinh/internal/generate"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

// BenchmarkPetitions measures on generated data the three operations with
// a goal: a filtered list (random filters, p95 ≤ 30 ms; with a search text
// reported apart as list_text), the duplicate
// check of a new petition (p95 ≤ 100 ms) and a year's figures of one
// committee (≤ 300 ms). It reports p50 and p95 per operation. Run:
//
//	NOICHINH_BENCH_SCALE=national NOICHINH_BENCH_DIR=/var/tmp/noichinh-bench \
//	NOICHINH_TEST_POSTGRES='postgres://postgres@127.0.0.1:5432/test?sslmode=disable' \
//	go test -run '^$' -bench Petitions -benchtime 300x -timeout 6h ./internal/petitions/
//
// NOICHINH_BENCH_SCALE is province (60,000 petitions, the default) or
// national (2,000,000). With NOICHINH_BENCH_DIR the generated data (a SQLite
// folder, a PostgreSQL database named after the scale, and their key
// files) is kept there and reused by later runs; without it each run
// generates afresh into temporary databases.
func BenchmarkPetitions(b *testing.B) {
	scale := generate.Scale(os.Getenv("NOICHINH_BENCH_SCALE"))
	if scale == "" {
		scale = generate.Province
	}
	for _, engine := range []config.Engine{config.SQLite, config.Postgres} {
		b.Run(string(engine), func(b *testing.B) {
			db, svc := benchData(b, engine, scale)
			r := rand.New(rand.NewPCG(7, 11))
			orgs := benchOrgs(b, db)
			measure(b, "list", func() (func() error, error) {
				o := orgs[r.IntN(len(orgs))]
				f := o.randomFilter(r)
				return func() error { _, err := svc.List(as(o.leader), f); return err }, nil
			})
			measure(b, "list_text", func() (func() error, error) {
				o := orgs[r.IntN(len(orgs))]
				f := o.randomFilter(r)
				f.Text = benchWords[r.IntN(len(benchWords))]
				return func() error { _, err := svc.List(as(o.leader), f); return err }, nil
			})
			measure(b, "duplicates", func() (func() error, error) {
				o := orgs[r.IntN(len(orgs))]
				d, err := o.randomDraft(db, svc, r)
				return func() error { _, err := svc.LikelyDuplicates(as(o.leader), d); return err }, err
			})
			measure(b, "year_figures", func() (func() error, error) {
				o := orgs[r.IntN(len(orgs))]
				y := 2020 + r.IntN(6)
				p := civil.Range{From: civil.New(y, 1, 1), To: civil.New(y, 12, 31)}
				return func() error { _, err := svc.Figures(as(o.leader), p); return err }, nil
			})
		})
	}
}

// measure runs an operation b.N times, each prepared afresh (untimed), and
// reports the median and the 95th percentile of the operation alone.
func measure(b *testing.B, name string, prepare func() (func() error, error)) {
	b.Run(name, func(b *testing.B) {
		var took []time.Duration
		for b.Loop() {
			b.StopTimer()
			op, err := prepare()
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			start := time.Now()
			if err := op(); err != nil {
				b.Fatal(err)
			}
			took = append(took, time.Since(start))
		}
		slices.Sort(took)
		pct := func(p float64) float64 {
			return float64(took[min(len(took)-1, int(p*float64(len(took))))].Microseconds()) / 1000
		}
		b.ReportMetric(pct(0.50), "p50-ms")
		b.ReportMetric(pct(0.95), "p95-ms")
	})
}

// benchData opens (or generates) the data of scale on engine.
func benchData(b *testing.B, engine config.Engine, scale generate.Scale) (*store.DB, *Service) {
	dir := os.Getenv("NOICHINH_BENCH_DIR")
	var db *store.DB
	var keysDir string
	switch {
	case dir == "" && engine == config.SQLite:
		db, keysDir = storetest.SQLite(b), b.TempDir()
	case dir == "":
		db, keysDir = storetest.Postgres(b), b.TempDir()
	case engine == config.SQLite:
		cfg := &config.Config{Data: filepath.Join(dir, "sqlite-"+string(scale))}
		if err := os.MkdirAll(cfg.Data, 0o700); err != nil {
			b.Fatal(err)
		}
		db, keysDir = keptDatabase(b, cfg), cfg.Data
	default:
		db, keysDir = keptDatabase(b, benchPostgres(b, "noichinh_bench_petitions_"+string(scale))), filepath.Join(dir, "pg-"+string(scale))
	}
	keys, err := OpenKeys(keysDir)
	if err != nil {
		b.Fatal(err)
	}
	cal, _ := calendar.Default()
	lim, _ := calendar.EmbeddedLimits()
	svc := New(db, cal, lim, keys)
	svc.Today = func() civil.Date { return generateTo }
	var n int
	if err := db.Read().QueryRow(`SELECT COUNT(*) FROM petitions`).Scan(&n); err != nil {
		b.Fatal(err)
	}
	if n == 0 {
		start := time.Now()
		generated(b, db, svc, scale, GeneratedPetitions(scale))
		b.Logf("%s: generated %d petitions in %v", engine, GeneratedPetitions(scale), time.Since(start).Round(time.Second))
	} else {
		b.Logf("%s: reusing %d generated petitions", engine, n)
	}
	// Fresh statistics (and, on PostgreSQL, the visibility map that lets
	// counts read the covering index alone), as routine maintenance keeps them.
	start := time.Now()
	maintenance := `ANALYZE`
	if engine == config.Postgres {
		maintenance = `VACUUM ANALYZE`
	}
	if _, err := benchWriter(db).Exec(maintenance); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: %s in %v", engine, maintenance, time.Since(start).Round(time.Second))
	return db, svc
}

// keptDatabase opens a kept benchmark database and migrates it. A kept
// database may be ahead of a migration added since with a lower number
// (goose refuses to apply it out of order): the benchmark then runs on the
// schema as it is, which holds every table it reads.
func keptDatabase(b *testing.B, cfg *config.Config) *store.DB {
	ctx := context.Background()
	db, err := store.Open(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		b.Logf("using the kept schema as it is: %v", err)
	}
	return db
}

// benchWriter is a connection that may write (SQLite's read pool may not;
// PostgreSQL's VACUUM may not run in a transaction).
func benchWriter(db *store.DB) interface {
	Exec(string, ...any) (sql.Result, error)
} {
	if db.Engine() == config.Postgres {
		return db.Read()
	}
	return txExec{db}
}

type txExec struct{ db *store.DB }

func (t txExec) Exec(q string, args ...any) (sql.Result, error) {
	var res sql.Result
	err := t.db.Tx(context.Background(), func(tx *sql.Tx) (err error) { res, err = tx.Exec(q, args...); return err })
	return res, err
}

// benchPostgres is a kept database on the test server (created once).
func benchPostgres(b *testing.B, name string) *config.Config {
	admin := os.Getenv(storetest.EnvPostgres)
	if admin == "" {
		b.Skip(storetest.EnvPostgres + " is not set")
	}
	adm, err := sql.Open("pgx", admin)
	if err != nil {
		b.Fatal(err)
	}
	defer adm.Close()
	var exists bool
	if err := adm.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		b.Fatal(err)
	}
	if !exists {
		if _, err := adm.Exec(fmt.Sprintf(`CREATE DATABASE %q`, name)); err != nil {
			b.Fatal(err)
		}
	}
	u, _ := url.Parse(admin)
	u.Path = "/" + name
	return &config.Config{Data: b.TempDir(), DB: u.String()}
}

type benchOrg struct {
	id          int64
	leader      *access.Actor
	localities  []int64
	specialists []int64
	maxID       int64
	minID       int64
}

func benchOrgs(b *testing.B, db *store.DB) []benchOrg {
	rows, err := db.Read().Query(`SELECT org_id, MIN(id), MAX(id) FROM petitions GROUP BY org_id ORDER BY org_id`)
	if err != nil {
		b.Fatal(err)
	}
	var out []benchOrg
	for rows.Next() {
		var o benchOrg
		if err := rows.Scan(&o.id, &o.minID, &o.maxID); err != nil {
			b.Fatal(err)
		}
		o.leader = &access.Actor{OrgID: o.id, Role: access.Leader, Clearance: access.MostSecret, Username: "bench"}
		out = append(out, o)
	}
	rows.Close()
	for i := range out {
		out[i].localities = benchIDs(b, db, `SELECT id FROM units WHERE org_id = $1 AND kind IN ('district', 'commune', 'ward')`, out[i].id)
		out[i].specialists = benchIDs(b, db, `SELECT user_id FROM memberships WHERE org_id = $1 AND role = 'specialist'`, out[i].id)
	}
	return out
}

func benchIDs(b *testing.B, db *store.DB, q string, args ...any) []int64 {
	rows, err := db.Read().Query(q, args...)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			b.Fatal(err)
		}
		out = append(out, id)
	}
	return out
}

// benchWords are what users type in the list's search box: a matter (some
// words in a fifth of all petitions), a place, a person, a number.
var benchWords = []string{"bồi thường", "đất rừng", "hộ nghèo", "thi hành án", "ô nhiễm", "cao tốc", "nhận tiền",
	"Chương trình 135", "trưởng thôn", "2025-001", "Đồng Đăng", "Tân Thành", "Nguyễn Văn Hùng", "Lương Thị", "Lộc Bình"}

// randomFilter combines one to three filters as a user would.
func (o benchOrg) randomFilter(r *rand.Rand) Filter {
	f := Filter{Sort: []Sort{SortReceivedDesc, SortReceivedDesc, SortDue, SortReceivedAsc}[r.IntN(4)], Page: 1 + r.IntN(3)}
	for range 1 + r.IntN(3) {
		switch r.IntN(8) {
		case 0:
			f.Kinds = []Kind{Kinds[r.IntN(len(Kinds))]}
		case 1:
			f.Statuses = []Status{[]Status{StatusReceived, StatusForwarded, StatusAccepted, StatusResolved, StatusFiledAway}[r.IntN(5)]}
		case 2:
			f.Field = Fields[r.IntN(len(Fields))]
		case 3:
			f.LocalityUnitID = o.localities[r.IntN(len(o.localities))]
		case 4:
			f.AssignedTo = o.specialists[r.IntN(len(o.specialists))]
		case 5:
			f.ComplexOnly = true
		case 6:
			y := 2019 + r.IntN(7)
			f.ReceivedFrom, f.ReceivedTo = civil.New(y, 1, 1), civil.New(y, 12, 31)
		case 7:
			f.Due = []DueState{Overdue, DueSoon}[r.IntN(2)]
		}
	}
	return f
}

// randomDraft is a petition as a specialist would type it again: the
// summary, content, person complained of, place and senders (decrypted
// here, as the form would hold them) of a generated one.
func (o benchOrg) randomDraft(db *store.DB, svc *Service, r *rand.Rand) (Draft, error) {
	ctx := context.Background()
	for {
		id := o.minID + r.Int64N(o.maxID-o.minID+1)
		p, err := getPetition(ctx, db.Read(), o.id, id, access.MostSecret)
		if err == store.ErrNotFound {
			continue
		}
		if err != nil {
			return Draft{}, err
		}
		senders, err := svc.openSenders(ctx, db.Read(), p)
		if err != nil {
			return Draft{}, err
		}
		return Draft{ReceivedOn: p.ReceivedOn.AddDays(30), Senders: senders, Summary: p.Summary, Content: p.Content,
			SubjectName: p.SubjectName, LocalityUnitID: p.LocalityUnitID, Field: p.Field}, nil
	}
}
