package jobs

import (
	"context"
	"log/slog"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

func TestLeaseHasOneHolder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Now()
		if ok, err := Acquire(ctx, db, "x", "server-a", time.Minute, now); !ok || err != nil {
			t.Fatalf("first acquire: %v %v", ok, err)
		}
		if ok, err := Acquire(ctx, db, "x", "server-b", time.Minute, now.Add(10*time.Second)); ok || err != nil {
			t.Fatalf("a second server took a live lease: %v %v", ok, err)
		}
		if ok, _ := Acquire(ctx, db, "x", "server-a", time.Minute, now.Add(20*time.Second)); !ok {
			t.Fatal("the holder could not renew")
		}
		if ok, _ := Acquire(ctx, db, "x", "server-b", time.Minute, now.Add(2*time.Minute)); !ok {
			t.Fatal("an expired lease was not taken over")
		}
		if ok, _ := Acquire(ctx, db, "x", "server-a", time.Minute, now.Add(2*time.Minute+time.Second)); ok {
			t.Fatal("the old holder kept running after losing the lease")
		}
	})
}

func TestTasksRunWhenDueOnTheLeaseHolderOnly(t *testing.T) {
	db := storetest.SQLite(t)
	var runsA, runsB atomic.Int32
	log := slog.New(slog.DiscardHandler)
	a := New(db, log, []Task{{Name: "remind", Every: time.Hour, Run: func(context.Context) error { runsA.Add(1); return nil }}})
	b := New(db, log, []Task{{Name: "remind", Every: time.Hour, Run: func(context.Context) error { runsB.Add(1); return nil }}})
	clock := time.Now()
	a.now = func() time.Time { return clock }
	b.now = a.now
	lastA, lastB := map[string]time.Time{}, map[string]time.Time{}
	ctx := context.Background()
	a.round(ctx, lastA)
	b.round(ctx, lastB)
	a.round(ctx, lastA) // not due yet
	if runsA.Load() != 1 || runsB.Load() != 0 {
		t.Fatalf("runs a=%d b=%d", runsA.Load(), runsB.Load())
	}
	clock = clock.Add(61 * time.Minute)
	a.round(ctx, lastA)
	if runsA.Load() != 2 {
		t.Fatalf("due task did not run again: %d", runsA.Load())
	}
}
