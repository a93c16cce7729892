package backup_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/backup"
	"noichinh/internal/config"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

func populate(t *testing.T, db *store.DB, n int) {
	t.Helper()
	ctx := access.WithActor(context.Background(), access.SystemActor(0, "test"))
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO orgs (code, name, kind, place, issuer_code, created_at)
			VALUES ('LSN', 'Ban Nội chính Tỉnh ủy Lạng Sơn', 'provincial', 'Lạng Sơn', 'BNCTU', $1)`, store.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		err := db.Tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (org_id, key, value, updated_at) VALUES (1, $1, $2, $3)`,
				fmt.Sprintf("k%03d", i), "giá trị “Tỉnh uỷ” "+fmt.Sprint(i), store.Now()); err != nil {
				return err
			}
			_, err := audit.Record(ctx, tx, audit.Event{Action: audit.Create, Entity: "setting", EntityID: i})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// roundTrip backs up src and restores into dst, then compares content.
func roundTrip(t *testing.T, srcCfg, dstCfg *config.Config) {
	ctx := context.Background()
	src := storetest.Migrated(t, srcCfg)
	populate(t, src, 25)
	archive := filepath.Join(t.TempDir(), "noichinh-backup.tar.gz")
	m, err := backup.Create(ctx, srcCfg, src, archive, backup.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Engine != srcCfg.Engine() || m.SchemaVersion == 0 {
		t.Fatalf("manifest: %+v", m)
	}
	if info, err := os.Stat(archive); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("archive mode: %v %v", info, err)
	}
	want := storetest.Dump(t, src)

	res, err := backup.Restore(ctx, dstCfg, archive)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.KeysRestored) != 0 {
		t.Errorf("keys restored without being asked: %v", res.KeysRestored)
	}
	dst, err := store.Open(ctx, dstCfg)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	if err := dst.CheckCurrent(ctx); err != nil {
		t.Fatal(err)
	}
	if got := storetest.Dump(t, dst); got != want {
		t.Fatalf("restored content differs:\n--- source\n%s\n--- restored\n%s", want, got)
	}
	if !strings.Contains(want, "Tỉnh uỷ") || !strings.Contains(want, "== audit_log") {
		t.Fatal("dump does not hold the test data; the comparison proves nothing")
	}
	// The checkpoint came along; with the source's key the restored log verifies.
	key, _ := os.ReadFile(filepath.Join(srcCfg.Data, "keys", "audit.key"))
	os.MkdirAll(filepath.Join(dstCfg.Data, "keys"), 0o700)
	os.WriteFile(filepath.Join(dstCfg.Data, "keys", "audit.key"), key, 0o600)
	anchor, err := audit.OpenAnchor(dstCfg.Data)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := audit.Verify(ctx, dst, anchor)
	if err != nil || !rep.OK() || rep.Checkpoint == nil || rep.Checkpoint.Seq != 25 {
		t.Fatalf("restored audit log: %+v %v", rep, err)
	}
}

func TestRoundTripSQLite(t *testing.T) {
	roundTrip(t, storetest.SQLiteConfig(t), &config.Config{Data: filepath.Join(t.TempDir(), "restored")})
}

func TestRoundTripPostgres(t *testing.T) {
	src := storetest.PostgresDatabase(t)
	dst := storetest.PostgresDatabase(t)
	roundTrip(t, src, dst)
}

// A backup taken while writers are busy is a consistent snapshot.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	cfg := storetest.SQLiteConfig(t)
	db := storetest.Migrated(t, cfg)
	populate(t, db, 1)
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		actx := access.WithActor(ctx, access.SystemActor(1, "writer"))
		for i := 0; !stop.Load(); i++ {
			err := db.Tx(actx, func(tx *sql.Tx) error {
				if _, err := tx.ExecContext(actx, `INSERT INTO settings (org_id, key, value, updated_at) VALUES (1, $1, 'v', $2)`,
					fmt.Sprintf("w%06d", i), store.Now()); err != nil {
					return err
				}
				_, err := audit.Record(actx, tx, audit.Event{Action: audit.Create, Entity: "setting", EntityID: i})
				return err
			})
			if err != nil {
				t.Error(err)
				return
			}
		}
	}()
	archive := filepath.Join(t.TempDir(), "b.tar.gz")
	_, err := backup.Create(ctx, cfg, db, archive, backup.Options{IncludeKeys: true})
	stop.Store(true)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	dstCfg := &config.Config{Data: filepath.Join(t.TempDir(), "restored")}
	res, err := backup.Restore(ctx, dstCfg, archive)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.KeysRestored) == 0 {
		t.Error("keys were asked for but not restored")
	}
	dst, err := store.Open(ctx, dstCfg)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	var check string
	if err := dst.Read().QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity: %q %v", check, err)
	}
	anchor, err := audit.OpenAnchor(dstCfg.Data)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := audit.Verify(ctx, dst, anchor)
	if err != nil || !rep.OK() {
		t.Fatalf("snapshot audit log: %+v %v", rep, err)
	}
	// Settings and audit entries were written together: the snapshot holds both or neither.
	var settings, entries int
	dst.Read().QueryRow(`SELECT COUNT(*) FROM settings`).Scan(&settings)
	dst.Read().QueryRow(`SELECT COUNT(*) FROM audit_log`).Scan(&entries)
	if settings != entries {
		t.Fatalf("torn snapshot: %d settings, %d audit entries", settings, entries)
	}
}

func TestRestoreRefusals(t *testing.T) {
	ctx := context.Background()
	cfg := storetest.SQLiteConfig(t)
	db := storetest.Migrated(t, cfg)
	populate(t, db, 2)
	archive := filepath.Join(t.TempDir(), "b.tar.gz")
	if _, err := backup.Create(ctx, cfg, db, archive, backup.Options{}); err != nil {
		t.Fatal(err)
	}

	t.Run("non-empty folder", func(t *testing.T) {
		dst := &config.Config{Data: t.TempDir()}
		os.WriteFile(filepath.Join(dst.Data, "something"), []byte("x"), 0o600)
		if _, err := backup.Restore(ctx, dst, archive); err == nil || !strings.Contains(err.Error(), "not empty") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("damaged archive", func(t *testing.T) {
		b, _ := os.ReadFile(archive)
		b[len(b)/2] ^= 0xff
		bad := filepath.Join(t.TempDir(), "bad.tar.gz")
		os.WriteFile(bad, b, 0o600)
		dst := &config.Config{Data: filepath.Join(t.TempDir(), "d")}
		if _, err := backup.Restore(ctx, dst, bad); err == nil {
			t.Fatal("damaged archive restored")
		}
		if _, err := os.Stat(dst.SQLitePath()); err == nil {
			t.Fatal("a damaged archive left a database behind")
		}
	})
	t.Run("not a backup", func(t *testing.T) {
		junk := filepath.Join(t.TempDir(), "junk")
		os.WriteFile(junk, []byte("hello"), 0o600)
		if _, err := backup.Restore(ctx, &config.Config{Data: t.TempDir() + "/d"}, junk); err == nil {
			t.Fatal("junk restored")
		}
	})
	t.Run("other engine", func(t *testing.T) {
		dst := &config.Config{Data: t.TempDir() + "/d", DB: "postgres://nobody@127.0.0.1:1/x"}
		if _, err := backup.Restore(ctx, dst, archive); err == nil || !strings.Contains(err.Error(), "same engine") {
			t.Fatalf("got %v", err)
		}
	})
}
