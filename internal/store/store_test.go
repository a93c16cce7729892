package store_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"noichinh/internal/civil"
	"noichinh/internal/config"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

func TestMigrateIsIdempotentAndCurrent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		v, err := db.SchemaStatus(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v.Current == 0 || v.Current != v.Latest {
			t.Fatalf("after migrate: %+v", v)
		}
		applied, err := db.Migrate(ctx)
		if err != nil || len(applied) != 0 {
			t.Fatalf("second migrate applied %v, err %v", applied, err)
		}
		if err := db.CheckCurrent(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

func TestRefusesNewerSchema(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		err := db.Tx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx,
				`INSERT INTO goose_db_version (version_id, is_applied) VALUES (999999, TRUE)`)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Migrate(ctx); !errors.Is(err, store.ErrSchemaNewer) {
			t.Fatalf("Migrate on a newer schema: %v", err)
		}
		if err := db.CheckCurrent(ctx); !errors.Is(err, store.ErrSchemaNewer) {
			t.Fatalf("CheckCurrent on a newer schema: %v", err)
		}
	})
}

func TestTxRollsBackOnError(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := db.Tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO orgs (code, name, kind, created_at) VALUES ($1, $2, 'provincial', $3)`,
				"LSN", "Ban Nội chính Tỉnh ủy Lạng Sơn", store.Now()); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("Tx returned %v", err)
		}
		if empty, err := db.IsEmpty(ctx); err != nil || !empty {
			t.Fatalf("rolled-back insert is visible: empty=%v err=%v", empty, err)
		}
	})
}

func TestUniqueViolationIsRecognised(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		insert := func() error {
			return db.Tx(ctx, func(tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx,
					`INSERT INTO orgs (code, name, kind, created_at) VALUES ('LSN', 'x', 'provincial', $1)`, store.Now())
				return err
			})
		}
		if err := insert(); err != nil {
			t.Fatal(err)
		}
		err := insert()
		if !store.IsUniqueViolation(err) {
			t.Fatalf("duplicate code: %v", err)
		}
		err = db.Tx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx,
				`INSERT INTO orgs (code, name, kind, parent_id, created_at) VALUES ('X', 'x', 'provincial', 9999, $1)`, store.Now())
			return err
		})
		if !store.IsForeignKeyViolation(err) {
			t.Fatalf("dangling parent: %v", err)
		}
	})
}

// Dates and timestamps must read back exactly as written on both engines.
func TestDateAndTimeRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		at := time.Date(2026, 2, 17, 3, 4, 5, 123456000, time.UTC)
		err := db.Tx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO jobs (kind, run_at, created_at, updated_at) VALUES ('x', $1, $1, $1)`, at)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		var got time.Time
		if err := db.Read().QueryRowContext(ctx, `SELECT run_at FROM jobs`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if !got.Equal(at) {
			t.Fatalf("time round trip: wrote %v, read %v", at, got)
		}
		// A DATE column keeps ISO text on SQLite (CAST AS DATE would make it a number).
		err = db.Tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `CREATE TABLE t_dates (d DATE)`); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO t_dates (d) VALUES ($1), ($2)`,
				civil.MustParse("1954-09-27"), civil.MustParse("2020-06-30"))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		var d civil.Date
		if err := db.Read().QueryRowContext(ctx, `SELECT d FROM t_dates WHERE d < $1`, civil.MustParse("2000-01-01")).Scan(&d); err != nil {
			t.Fatal(err)
		}
		if d.String() != "1954-09-27" {
			t.Fatalf("date round trip: %v", d)
		}
		var month string
		q := `SELECT ` + db.Dialect().Month("d") + ` FROM t_dates WHERE d > $1`
		if err := db.Read().QueryRowContext(ctx, q, civil.MustParse("2000-01-01")).Scan(&month); err != nil || month != "2020-06" {
			t.Fatalf("Month: %q %v", month, err)
		}
	})
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		err := db.Tx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (seq, at, actor_name, action, prev_hash, hash)
				VALUES (1, $1, 'x', 'test', '', 'h')`, store.Now())
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, stmt := range []string{`UPDATE audit_log SET action = 'y'`, `DELETE FROM audit_log`} {
			err := db.Tx(ctx, func(tx *sql.Tx) error { _, err := tx.ExecContext(ctx, stmt); return err })
			if err == nil {
				t.Errorf("%s was allowed", stmt)
			}
		}
	})
}

// The single SQLite writer must serialise concurrent transactions without
// "database is locked" errors, while reads go on in parallel.
func TestConcurrentWritesAndReads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for i := range 32 {
			wg.Add(2)
			go func() {
				defer wg.Done()
				errs <- db.Tx(ctx, func(tx *sql.Tx) error {
					_, err := tx.ExecContext(ctx, `INSERT INTO settings (org_id, key, value, updated_at) VALUES (0, $1, 'v', $2)`,
						"k"+string(rune('A'+i)), store.Now())
					return err
				})
			}()
			go func() {
				defer wg.Done()
				var n int
				errs <- db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM settings`).Scan(&n)
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		var n int
		if err := db.Read().QueryRowContext(ctx, `SELECT COUNT(*) FROM settings`).Scan(&n); err != nil || n != 32 {
			t.Fatalf("rows: %d %v", n, err)
		}
	})
}

func TestSQLiteFilePermissions(t *testing.T) {
	cfg := &config.Config{Data: t.TempDir() + "/data"}
	if err := cfg.PrepareData(); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for path, want := range map[string]os.FileMode{cfg.Data: 0o700, cfg.SQLitePath(): 0o600} {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s has mode %v, want %v", path, info.Mode().Perm(), want)
		}
	}
}

func TestUnreachablePostgresNamesHostNotPassword(t *testing.T) {
	cfg := &config.Config{DB: "postgres://noichinh:s3cretPW@127.0.0.1:1/noichinh?connect_timeout=2"}
	_, err := store.Open(context.Background(), cfg)
	if err == nil {
		t.Fatal("connected to a closed port")
	}
	msg := err.Error()
	if !strings.Contains(msg, "127.0.0.1:1") || strings.Contains(msg, "s3cretPW") {
		t.Fatalf("message should name the host and hide the password: %s", msg)
	}
}

// Both engines must carry the same migrations, with Up and Down parts.
func TestMigrationsMatchAcrossEngines(t *testing.T) {
	list := func(engine string) map[string]bool {
		entries, err := os.ReadDir("migrations/" + engine)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, e := range entries {
			b, err := os.ReadFile("migrations/" + engine + "/" + e.Name())
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), "-- +goose Up") || !strings.Contains(string(b), "-- +goose Down") {
				t.Errorf("%s/%s lacks an Up or a Down section", engine, e.Name())
			}
			out[e.Name()] = true
		}
		return out
	}
	sqlite, postgres := list("sqlite"), list("postgres")
	for name := range sqlite {
		if !postgres[name] {
			t.Errorf("%s exists for SQLite only", name)
		}
	}
	for name := range postgres {
		if !sqlite[name] {
			t.Errorf("%s exists for PostgreSQL only", name)
		}
	}
}
