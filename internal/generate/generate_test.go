package generate

import (
	"context"
	"os"
	"strconv"
	"testing"

	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// Rows cross statement and transaction boundaries and all arrive, in order.
func TestInserterWritesEveryRow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ins := NewInserter(db, "settings", "org_id", "key", "value", "updated_at")
		now := store.Now()
		const n = 12345 // 250 rows a statement, 5000 a transaction: several of each, and a remainder
		for i := range n {
			if err := ins.Add(ctx, 0, "k"+itoa(i), itoa(i), now); err != nil {
				t.Fatal(err)
			}
		}
		if err := ins.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		var count int
		var last string
		db.Read().QueryRow(`SELECT COUNT(*) FROM settings`).Scan(&count)
		db.Read().QueryRow(`SELECT value FROM settings WHERE key = $1`, "k"+itoa(n-1)).Scan(&last)
		if count != n || ins.Total() != n || last != itoa(n-1) {
			t.Fatalf("wrote %d rows (total %d, last %q), want %d", count, ins.Total(), last, n)
		}
		if err := ins.Add(ctx, 0, "too few values"); err == nil {
			t.Fatal("a row with the wrong number of values was queued")
		}
	})
}

func TestRandDeterministicPerStream(t *testing.T) {
	a := (&Env{Seed: 7}).Rand("cases")
	b := (&Env{Seed: 7}).Rand("cases")
	c := (&Env{Seed: 7}).Rand("petitions")
	x, y, z := a.Uint64(), b.Uint64(), c.Uint64()
	if x != y || x == z {
		t.Fatalf("streams: %d %d %d", x, y, z)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
