package audit_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/config"
	"noichinh/internal/reqinfo"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

func actorCtx() context.Context {
	ctx := access.WithActor(context.Background(), &access.Actor{UserID: 7, Username: "chuyenvien1", OrgID: 1, Role: access.Specialist})
	return reqinfo.With(ctx, reqinfo.Info{RequestID: "req-1", RemoteAddr: "10.0.0.5"})
}

func record(t *testing.T, db *store.DB, n int) {
	t.Helper()
	ctx := actorCtx()
	for i := range n {
		err := audit.RecordNow(ctx, db, audit.Event{
			Action: audit.Update, Entity: "case", EntityID: i + 1,
			Summary: fmt.Sprintf("Cập nhật vụ án số %d", i+1),
			Before:  map[string]any{"title": "Vụ án cũ"}, After: map[string]any{"title": "Vụ án mới", "n": i},
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// tamper runs SQL an attacker with database access could run, after
// removing the append-only triggers.
func tamper(t *testing.T, db *store.DB, stmts ...string) {
	t.Helper()
	drop := []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`}
	if db.Engine() == config.Postgres {
		drop = []string{`ALTER TABLE audit_log DISABLE TRIGGER USER`}
	}
	err := db.Tx(context.Background(), func(tx *sql.Tx) error {
		for _, s := range append(drop, stmts...) {
			if _, err := tx.Exec(s); err != nil {
				return fmt.Errorf("%s: %w", s, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func verify(t *testing.T, db *store.DB, anchor *audit.Anchor) audit.Report {
	t.Helper()
	rep, err := audit.Verify(context.Background(), db, anchor)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestRecordFillsActorRequestAndChain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		record(t, db, 3)
		var actor, name, reqID, addr, after, prev, hash string
		err := db.Read().QueryRow(`SELECT actor_id, actor_name, request_id, remote_addr, after_json, prev_hash, hash
			FROM audit_log WHERE seq = 2`).Scan(&actor, &name, &reqID, &addr, &after, &prev, &hash)
		if err != nil {
			t.Fatal(err)
		}
		if actor != "7" || name != "chuyenvien1" || reqID != "req-1" || addr != "10.0.0.5" {
			t.Errorf("who/where not recorded: %s %s %s %s", actor, name, reqID, addr)
		}
		if !strings.Contains(after, `"Vụ án mới"`) || prev == "" || len(hash) != 64 {
			t.Errorf("content or chain missing: after=%s prev=%q hash=%q", after, prev, hash)
		}
		if rep := verify(t, db, nil); !rep.OK() || rep.Entries != 3 {
			t.Fatalf("intact log reported %+v", rep)
		}
	})
}

func TestVerifyCatchesEditsAndDeletions(t *testing.T) {
	cases := []struct {
		name     string
		stmts    []string
		brokenAt int64
		problem  string
	}{
		{"edited summary", []string{`UPDATE audit_log SET summary = 'đã sửa' WHERE seq = 3`}, 3, "altered"},
		{"edited actor", []string{`UPDATE audit_log SET actor_name = 'admin' WHERE seq = 1`}, 1, "altered"},
		{"edited and rehashed", []string{`UPDATE audit_log SET hash = 'ff' WHERE seq = 2`}, 2, "altered"},
		{"deleted middle", []string{`DELETE FROM audit_log WHERE seq = 4`}, 4, "missing"},
		{"deleted newest", []string{`DELETE FROM audit_log WHERE seq = 6`}, 6, "deleted"},
		{"deleted first", []string{`DELETE FROM audit_log WHERE seq = 1`}, 1, "missing"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				record(t, db, 6)
				tamper(t, db, tc.stmts...)
				rep := verify(t, db, nil)
				if rep.OK() || rep.BrokenAt != tc.brokenAt || !strings.Contains(rep.Problem, tc.problem) {
					t.Fatalf("got broken at %d %q, want %d containing %q", rep.BrokenAt, rep.Problem, tc.brokenAt, tc.problem)
				}
			})
		})
	}
}

// Deleting the newest entries and rewinding the head leaves a consistent
// shorter chain; only the checkpoint outside the database can tell.
func TestCheckpointCatchesTruncation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		anchor, err := audit.OpenAnchor(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		record(t, db, 5)
		if _, err := anchor.Write(context.Background(), db); err != nil {
			t.Fatal(err)
		}
		if rep := verify(t, db, anchor); !rep.OK() || rep.Checkpoint == nil || rep.Checkpoint.Seq != 5 {
			t.Fatalf("intact log with checkpoint: %+v", rep)
		}
		var hash3 string
		if err := db.Read().QueryRow(`SELECT hash FROM audit_log WHERE seq = 3`).Scan(&hash3); err != nil {
			t.Fatal(err)
		}
		tamper(t, db, `DELETE FROM audit_log WHERE seq > 3`,
			fmt.Sprintf(`UPDATE audit_head SET seq = 3, hash = '%s' WHERE id = 1`, hash3))
		if rep := verify(t, db, nil); !rep.OK() {
			t.Fatalf("without the anchor the truncated chain should look intact: %+v", rep)
		}
		rep := verify(t, db, anchor)
		if rep.OK() || rep.BrokenAt != 4 || !strings.Contains(rep.Problem, "newest entries were deleted") {
			t.Fatalf("truncation not caught: %+v", rep)
		}
	})
}

func TestCheckpointRejectsForgery(t *testing.T) {
	dir := t.TempDir()
	db := storetest.SQLite(t)
	anchor, err := audit.OpenAnchor(dir)
	if err != nil {
		t.Fatal(err)
	}
	record(t, db, 2)
	if _, err := anchor.Write(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(anchor.Path())
	forged := strings.Replace(string(b), `"seq": 2`, `"seq": 1`, 1)
	if forged == string(b) {
		t.Fatal("test did not change the checkpoint")
	}
	os.WriteFile(anchor.Path(), []byte(forged), 0o600)
	if rep := verify(t, db, anchor); rep.OK() || !strings.Contains(rep.Problem, "altered") {
		t.Fatalf("forged checkpoint accepted: %+v", rep)
	}
	info, _ := os.Stat(dir + "/keys/audit.key")
	if info.Mode().Perm() != 0o600 {
		t.Errorf("key mode %v", info.Mode().Perm())
	}
}

// Appends from many goroutines must produce one unbroken chain.
func TestConcurrentAppendsKeepChain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ctx := actorCtx()
				for j := range 10 {
					if err := audit.RecordNow(ctx, db, audit.Event{Action: audit.Create, Entity: "x", EntityID: j}); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		if rep := verify(t, db, nil); !rep.OK() || rep.Entries != 80 {
			t.Fatalf("%+v", rep)
		}
	})
}
