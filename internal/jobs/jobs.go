// Package jobs runs periodic background work (deadline reminders, session
// clean-up) on exactly one of several servers sharing a database: the one
// holding the scheduler lease, a row in the leases table that its holder
// renews and another server takes over when it expires.
package jobs

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"log/slog"
	"os"
	"time"

	"noichinh/internal/store"
)

// Task is periodic work.
type Task struct {
	Name  string
	Every time.Duration
	Run   func(ctx context.Context) error
}

// Scheduler runs tasks while it holds the lease.
type Scheduler struct {
	db     *store.DB
	log    *slog.Logger
	tasks  []Task
	holder string
	lease  time.Duration
	now    func() time.Time
}

// LeaseName is the scheduler's row in the leases table.
const LeaseName = "scheduler"

// New returns a scheduler for tasks. Each process gets its own holder name.
func New(db *store.DB, log *slog.Logger, tasks []Task) *Scheduler {
	host, _ := os.Hostname()
	var b [4]byte
	_, _ = rand.Read(b[:])
	return &Scheduler{db: db, log: log, tasks: tasks, holder: host + "-" + hex.EncodeToString(b[:]),
		lease: 2 * time.Minute, now: time.Now}
}

// Acquire takes or renews the named lease for holder; it reports whether
// holder has it now. One statement on both engines: the row is claimed when
// absent, expired or already ours.
func Acquire(ctx context.Context, db *store.DB, name, holder string, ttl time.Duration, now time.Time) (bool, error) {
	var got string
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
			ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
			WHERE leases.expires_at < $4 OR leases.holder = excluded.holder
			RETURNING holder`, name, holder, now.Add(ttl).UTC().Truncate(time.Microsecond), now.UTC()).Scan(&got)
	})
	if err == sql.ErrNoRows {
		return false, nil // someone else holds an unexpired lease
	}
	if err != nil {
		return false, err
	}
	return got == holder, nil
}

// Run checks the lease every half lease period and, while holding it, runs
// each task when it is due. It returns when ctx ends.
func (s *Scheduler) Run(ctx context.Context) {
	last := map[string]time.Time{}
	tick := time.NewTicker(s.lease / 2)
	defer tick.Stop()
	for {
		s.round(ctx, last)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func (s *Scheduler) round(ctx context.Context, last map[string]time.Time) {
	ok, err := Acquire(ctx, s.db, LeaseName, s.holder, s.lease, s.now())
	if err != nil {
		if ctx.Err() == nil {
			s.log.Error("scheduler lease", "err", err)
		}
		return
	}
	if !ok {
		return
	}
	for _, t := range s.tasks {
		if s.now().Sub(last[t.Name]) < t.Every {
			continue
		}
		last[t.Name] = s.now()
		start := time.Now()
		if err := t.Run(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("background task failed", "task", t.Name, "err", err)
			continue
		}
		s.log.Debug("background task done", "task", t.Name, "ms", time.Since(start).Milliseconds())
	}
}
