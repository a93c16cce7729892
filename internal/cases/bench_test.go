package cases

// Benchmarks on generated national data (34 organisations, 200,000 cases,
// about 2 million events), generated once and kept between runs: SQLite in
// $TMPDIR/noichinh-bench-cases-<version>, PostgreSQL (when
// NOICHINH_TEST_POSTGRES is set) in the database noichinh_bench_cases_<version>.
// Delete them to regenerate. Run:
//
//	NOICHINH_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/test?sslmode=disable \
//	  go test -run '^$' -bench . -benchtime 400x ./internal/cases/

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
	"noichinh/internal/orgs"
	"noichinh/internal/settings"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
	"noichinh/internal/vntext"
)

// benchDataVersion names the generated data; change it when the generator
// or the schema changes so that the cached databases are rebuilt.
const benchDataVersion = "v3"

const benchDoneKey = "bench.cases.generated"

// benchProvinces are the 34 provincial-level units since 1 July 2025.
var benchProvinces = []string{"Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
	"Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên",
	"Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk",
	"Thành phố Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang"}

// benchDB opens the cached national database of an engine, generating it
// the first time.
func benchDB(b *testing.B, engine string) *store.DB {
	b.Helper()
	ctx := context.Background()
	cfg := &config.Config{Data: filepath.Join(os.TempDir(), "noichinh-bench-cases-"+benchDataVersion)}
	var reset func() error
	switch engine {
	case "sqlite":
		reset = func() error { return os.RemoveAll(cfg.Data) }
	case "postgres":
		admin := os.Getenv(storetest.EnvPostgres)
		if admin == "" {
			b.Skip(storetest.EnvPostgres + " is not set")
		}
		name := "noichinh_bench_cases_" + benchDataVersion
		u, err := url.Parse(admin)
		if err != nil {
			b.Fatal(err)
		}
		u.Path = "/" + name
		cfg.DB = u.String()
		reset = func() error {
			if err := pgExec(admin, fmt.Sprintf(`DROP DATABASE IF EXISTS %q WITH (FORCE)`, name)); err != nil {
				return err
			}
			return pgExec(admin, fmt.Sprintf(`CREATE DATABASE %q`, name))
		}
		var exists bool
		if err := pgQueryRow(admin, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
			b.Fatal(err)
		}
		if !exists {
			if err := reset(); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := os.MkdirAll(cfg.Data, 0o700); err != nil {
		b.Fatal(err)
	}
	open := func() *store.DB {
		db, err := store.Open(ctx, cfg)
		if err != nil {
			b.Fatal(err)
		}
		return db
	}
	db := open()
	_, migrateErr := db.Migrate(ctx)
	done := ""
	if migrateErr == nil {
		done, _ = settings.Get(ctx, db.Read(), 0, benchDoneKey, "")
	}
	if done == benchDataVersion {
		return db
	}
	db.Close()
	if err := reset(); err != nil {
		b.Fatal(err)
	}
	if err := os.MkdirAll(cfg.Data, 0o700); err != nil {
		b.Fatal(err)
	}
	db = open()
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	env := &generate.Env{DB: db, Scale: generate.National, Seed: 20260630, Log: os.Stderr}
	sys := access.WithActor(ctx, access.SystemActor(0, "bench"))
	if err := benchPlatform(sys, env); err != nil {
		b.Fatal(err)
	}
	if err := GenerateStep().Run(sys, env); err != nil {
		b.Fatal(err)
	}
	if err := db.Tx(sys, func(tx *sql.Tx) error { return settings.Set(sys, tx, 0, benchDoneKey, benchDataVersion) }); err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "generated the %s benchmark data in %s\n", engine, time.Since(start).Round(time.Second))
	return db
}

// benchPlatform stands in for the platform's and the units module's generate
// steps: organisations, leaders and specialists, localities and agencies.
func benchPlatform(ctx context.Context, env *generate.Env) error {
	env.Specialists, env.Localities, env.Agencies = map[int64][]int64{}, map[int64][]int64{}, map[int64][]int64{}
	r := env.Rand("platform")
	return env.DB.Tx(ctx, func(tx *sql.Tx) error {
		env.Central = orgs.Org{Code: "TW", Name: "Ban Nội chính Trung ương", Kind: orgs.Central}
		if err := orgs.Create(ctx, tx, &env.Central); err != nil {
			return err
		}
		now := store.Now()
		user := func(name string, orgID int64, role access.Role, clearance access.Classification) (int64, error) {
			var id int64
			err := tx.QueryRowContext(ctx, `INSERT INTO users (username, full_name, clearance, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $4) RETURNING id`, name, "Cán bộ "+name, clearance, now).Scan(&id)
			if err != nil {
				return 0, err
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO memberships (user_id, org_id, role, created_at) VALUES ($1, $2, $3, $4)`,
				id, orgID, role, now)
			return id, err
		}
		unit := func(orgID int64, code, kind, name string) (int64, error) {
			var id int64
			err := tx.QueryRowContext(ctx, `INSERT INTO units (org_id, code, kind, name, name_key, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`, orgID, code, kind, name, vntext.Key(name), now).Scan(&id)
			return id, err
		}
		for i, province := range benchProvinces {
			o := orgs.Org{Code: fmt.Sprintf("T%02d", i+1), Name: "Ban Nội chính Tỉnh ủy " + province, Kind: orgs.Provincial,
				ParentID: env.Central.ID, Place: province, IssuerCode: "BNCTU"}
			if err := orgs.Create(ctx, tx, &o); err != nil {
				return err
			}
			env.Orgs = append(env.Orgs, o)
			for j := range 2 {
				if _, err := user(fmt.Sprintf("%s.lanhdao%d", o.Code, j+1), o.ID, access.Leader, access.MostSecret); err != nil {
					return err
				}
			}
			for j := range 12 {
				id, err := user(fmt.Sprintf("%s.chuyenvien%d", o.Code, j+1), o.ID, access.Specialist, access.Classification(1+r.IntN(2)))
				if err != nil {
					return err
				}
				env.Specialists[o.ID] = append(env.Specialists[o.ID], id)
			}
			for j := range 76 {
				kind := "commune"
				if j >= 65 {
					kind = "district"
				}
				id, err := unit(o.ID, fmt.Sprintf("%s-%d", kind, j+1), kind, fmt.Sprintf("Xã số %d, %s", j+1, province))
				if err != nil {
					return err
				}
				env.Localities[o.ID] = append(env.Localities[o.ID], id)
			}
			for j, name := range []string{"Cơ quan Cảnh sát điều tra Công an tỉnh", "Viện kiểm sát nhân dân tỉnh",
				"Tòa án nhân dân tỉnh", "Thi hành án dân sự tỉnh"} {
				id, err := unit(o.ID, fmt.Sprintf("agency-%d", j+1), "procedural_agency", name+" "+province)
				if err != nil {
					return err
				}
				env.Agencies[o.ID] = append(env.Agencies[o.ID], id)
			}
		}
		return nil
	})
}

func pgExec(dsn, stmt string) error {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(stmt)
	return err
}

func pgQueryRow(dsn, q string, args ...any) *sql.Row {
	db, _ := sql.Open("pgx", dsn)
	return db.QueryRow(q, args...) // closed with the process: a benchmark helper
}

// benchOrg is what random filters draw on for one organisation.
type benchOrg struct {
	id          int64
	leader      *access.Actor
	specialists []*access.Actor
	localities  []int64
}

func benchOrgs(b *testing.B, db *store.DB) []benchOrg {
	b.Helper()
	rows, err := db.Read().Query(`SELECT m.org_id, m.user_id, m.role, u.clearance FROM memberships m JOIN users u ON u.id = m.user_id
		ORDER BY m.org_id, m.user_id`)
	if err != nil {
		b.Fatal(err)
	}
	byOrg := map[int64]*benchOrg{}
	var order []int64
	for rows.Next() {
		var a access.Actor
		if err := rows.Scan(&a.OrgID, &a.UserID, &a.Role, &a.Clearance); err != nil {
			b.Fatal(err)
		}
		o := byOrg[a.OrgID]
		if o == nil {
			o = &benchOrg{id: a.OrgID}
			byOrg[a.OrgID] = o
			order = append(order, a.OrgID)
		}
		switch a.Role {
		case access.Leader:
			o.leader = &a
		case access.Specialist:
			o.specialists = append(o.specialists, &a)
		}
	}
	rows.Close()
	var out []benchOrg
	for _, id := range order {
		o := byOrg[id]
		lr, err := db.Read().Query(`SELECT id FROM units WHERE org_id = $1 AND kind IN ('commune', 'district')`, id)
		if err != nil {
			b.Fatal(err)
		}
		for lr.Next() {
			var u int64
			_ = lr.Scan(&u)
			o.localities = append(o.localities, u)
		}
		lr.Close()
		if o.leader != nil {
			out = append(out, *o)
		}
	}
	return out
}

// randomFilter is a list request a person might make: a few filters, a sort
// key, sometimes a later page.
func randomFilter(r *rand.Rand, o benchOrg) (*access.Actor, Filter) {
	actor := o.leader
	if r.IntN(2) == 0 {
		actor = o.specialists[r.IntN(len(o.specialists))]
	}
	var f Filter
	pick := func(pct int) bool { return r.IntN(100) < pct }
	if pick(60) {
		f.Level = []string{"monitored", "directed", OnAnyList}[r.IntN(3)]
	}
	if pick(35) {
		f.Group = []Group{Group(Corruption), InternalAffairs, Group(Economic)}[r.IntN(3)]
	}
	if pick(25) {
		f.Stage = []Stage{Investigating, Indicted, FirstInstanceTrial, Enforcement, CrimeReportReceived}[r.IntN(5)]
	}
	switch n := r.IntN(100); {
	case n < 15:
		f.Overdue = true
	case n < 30:
		f.DueWithin = 14
	}
	if pick(30) {
		f.AssigneeID = o.specialists[r.IntN(len(o.specialists))].UserID
	}
	if pick(15) && len(o.localities) > 0 {
		f.LocalityID = o.localities[r.IntN(len(o.localities))]
	}
	if pick(15) {
		f.Flags = []Flag{InvolvesLeaders}
	}
	if pick(10) {
		f.Query = []string{"tham o", "dat dai", "dau thau", "buon lau", "ma tuy"}[r.IntN(5)]
	}
	if pick(20) {
		f.OpenedFrom = civil.MustParse("2024-01-01")
	}
	keys := []string{"", "due_on", "last_event_on", "ref_code", "title", "opened_on"}
	f.Sort, f.Desc = keys[r.IntN(len(keys))], pick(50)
	if pick(30) {
		f.Offset = 50 * (1 + r.IntN(3))
	}
	return actor, f
}

// percentiles reports p50 and p95 of the samples, in milliseconds.
func percentiles(b *testing.B, samples []time.Duration) {
	if len(samples) == 0 {
		return
	}
	slices.Sort(samples)
	at := func(p float64) float64 {
		return float64(samples[min(len(samples)-1, int(p*float64(len(samples))))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.95), "p95-ms")
	b.ReportMetric(float64(len(samples)), "samples")
}

func benchService(db *store.DB) *Service {
	cal, _ := calendar.Default()
	lim, _ := calendar.EmbeddedLimits()
	return New(db, cal, lim, WithToday(func() civil.Date { return generateAnchor }))
}

// BenchmarkList: filtered, sorted pages with their total, over many random filters.
func BenchmarkList(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			db := benchDB(b, engine)
			defer db.Close()
			svc, orgsList := benchService(db), benchOrgs(b, db)
			r := rand.New(rand.NewPCG(1, 2))
			var samples []time.Duration
			rowsSeen := 0
			for b.Loop() {
				o := orgsList[r.IntN(len(orgsList))]
				actor, f := randomFilter(r, o)
				start := time.Now()
				page, err := svc.List(access.WithActor(context.Background(), actor), f)
				samples = append(samples, time.Since(start))
				if err != nil {
					b.Fatalf("%+v: %v", f, err)
				}
				rowsSeen += page.Total
			}
			percentiles(b, samples)
			b.ReportMetric(float64(rowsSeen)/float64(len(samples)), "matches/op")
		})
	}
}

// BenchmarkFiguresYear: the period figures of one organisation for 2025.
func BenchmarkFiguresYear(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			db := benchDB(b, engine)
			defer db.Close()
			svc, orgsList := benchService(db), benchOrgs(b, db)
			r := rand.New(rand.NewPCG(3, 4))
			period := civil.Range{From: civil.MustParse("2025-01-01"), To: civil.MustParse("2025-12-31")}
			var samples []time.Duration
			followed := 0
			for b.Loop() {
				o := orgsList[r.IntN(len(orgsList))]
				start := time.Now()
				f, err := svc.Figures(access.WithActor(context.Background(), o.leader), FiguresQuery{Period: period})
				samples = append(samples, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
				followed += f.Watch.Cell(AnyLevel, AllCases).Followed.Count
			}
			percentiles(b, samples)
			b.ReportMetric(float64(followed)/float64(len(samples)), "followed/op")
		})
	}
}

// The generator's output folds, has the promised size at province scale,
// and has cases in every state the lists filter on.
func TestGenerateProvince(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 6,000 cases")
	}
	db := storetest.SQLite(t)
	ctx := access.WithActor(context.Background(), access.SystemActor(0, "test"))
	env := &generate.Env{DB: db, Scale: generate.Province, Seed: 7}
	if err := benchPlatform(ctx, env); err != nil {
		t.Fatal(err)
	}
	env.Orgs = env.Orgs[:1]
	if err := GenerateStep().Run(ctx, env); err != nil {
		t.Fatal(err)
	}
	var n, events, watched, overdue, directed int
	q := db.Read()
	_ = q.QueryRow(`SELECT COUNT(*) FROM cases`).Scan(&n)
	_ = q.QueryRow(`SELECT COUNT(*) FROM case_events`).Scan(&events)
	_ = q.QueryRow(`SELECT COUNT(*) FROM cases WHERE watch_level <> ''`).Scan(&watched)
	_ = q.QueryRow(`SELECT COUNT(*) FROM cases WHERE watch_level = 'directed'`).Scan(&directed)
	_ = q.QueryRow(`SELECT COUNT(*) FROM cases WHERE due_on < $1`, generateAnchor).Scan(&overdue)
	t.Logf("%d cases, %d events (%.1f each), %d on a list (%d directed), %d overdue", n, events,
		float64(events)/float64(n), watched, directed, overdue)
	if n != provinceCases || events < 8*n || events > 12*n || watched == 0 || directed == 0 || overdue == 0 {
		t.Errorf("unexpected volumes")
	}
	// Stored state agrees with a fresh fold through the service.
	svc := benchService(db)
	leader := &access.Actor{UserID: 1, OrgID: env.Orgs[0].ID, Role: access.Leader, Clearance: access.MostSecret}
	for _, id := range []int64{1, 777, 3210, 6000} {
		c, err := svc.Get(access.WithActor(context.Background(), leader), id)
		if err != nil {
			t.Fatal(err)
		}
		page, err := svc.List(access.WithActor(context.Background(), leader), Filter{IDs: []int64{id}})
		if err != nil || len(page.Cases) != 1 {
			t.Fatal(err)
		}
		stored := page.Cases[0].State
		if stored.Level != c.State.Level || stored.Stage != c.State.Stage || stored.Suspects != c.State.Suspects ||
			stored.RecoveredVND != c.State.RecoveredVND || stored.LastEventOn != c.State.LastEventOn {
			t.Errorf("case %d: stored %+v, folded %+v", id, stored, c.State)
		}
	}
}
