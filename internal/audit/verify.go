package audit

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"noichinh/internal/keyfile"
	"noichinh/internal/store"
)

// CheckpointFile is the anchor's name in the data folder.
const CheckpointFile = "audit.checkpoint"

// keyName is the checkpoint key's file in the keys folder.
const keyName = "audit.key"

// Checkpoint records the chain's head at a moment, authenticated by a MAC
// so that it cannot be rewritten to match a truncated log.
type Checkpoint struct {
	Seq  int64     `json:"seq"`
	Hash string    `json:"hash"`
	At   time.Time `json:"at"`
	MAC  string    `json:"mac"`
}

func (c Checkpoint) mac(key []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(strconv.FormatInt(c.Seq, 10) + "\n" + c.Hash + "\n" + c.At.UTC().Format(time.RFC3339Nano)))
	return hex.EncodeToString(m.Sum(nil))
}

// Anchor writes and reads the checkpoint of one data folder.
type Anchor struct {
	dir string
	key []byte
}

// OpenAnchor prepares the checkpoint of dataDir, creating its key if needed.
func OpenAnchor(dataDir string) (*Anchor, error) {
	key, _, err := keyfile.LoadOrCreate(dataDir, keyName)
	if err != nil {
		return nil, fmt.Errorf("audit checkpoint key: %w", err)
	}
	return &Anchor{dir: dataDir, key: key}, nil
}

// Path of the checkpoint file.
func (a *Anchor) Path() string { return filepath.Join(a.dir, CheckpointFile) }

// Read returns the stored checkpoint; ok is false when there is none yet.
func (a *Anchor) Read() (cp Checkpoint, ok bool, err error) {
	b, err := os.ReadFile(a.Path())
	if errors.Is(err, os.ErrNotExist) {
		return Checkpoint{}, false, nil
	}
	if err != nil {
		return Checkpoint{}, false, err
	}
	if err := json.Unmarshal(b, &cp); err != nil {
		return Checkpoint{}, false, fmt.Errorf("audit checkpoint %s is damaged: %w", a.Path(), err)
	}
	if !hmac.Equal([]byte(cp.MAC), []byte(cp.mac(a.key))) {
		return Checkpoint{}, false, fmt.Errorf("audit checkpoint %s does not match its key: it was altered or belongs to another installation", a.Path())
	}
	return cp, true, nil
}

// Write records the database's current chain head, unless the stored
// checkpoint is already at or past it. The file is replaced atomically.
func (a *Anchor) Write(ctx context.Context, db *store.DB) (Checkpoint, error) {
	var cp Checkpoint
	err := db.Read().QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&cp.Seq, &cp.Hash)
	if err != nil {
		return cp, fmt.Errorf("read audit head: %w", err)
	}
	if old, ok, err := a.Read(); err == nil && ok && old.Seq >= cp.Seq {
		return old, nil
	}
	cp.At = store.Now()
	cp.MAC = cp.mac(a.key)
	b, _ := json.MarshalIndent(cp, "", "  ")
	tmp, err := os.CreateTemp(a.dir, ".audit-checkpoint-*")
	if err != nil {
		return cp, err
	}
	_, werr := tmp.Write(append(b, '\n'))
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), 0o600)
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), a.Path())
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return cp, fmt.Errorf("write audit checkpoint: %w", werr)
	}
	return cp, nil
}

// written is signalled by every append so the anchor follows the chain
// promptly; buffered so appending never waits for it.
var written = make(chan struct{}, 1)

func notifyWritten() {
	select {
	case written <- struct{}{}:
	default:
	}
}

// Follow keeps the checkpoint up to date until ctx ends: shortly after each
// batch of appends, and every interval in case another server appended.
func (a *Anchor) Follow(ctx context.Context, db *store.DB, interval time.Duration, log *slog.Logger) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-written:
			// Let the transaction commit and further appends gather.
			select {
			case <-time.After(200 * time.Millisecond):
			case <-ctx.Done():
				return
			}
		case <-tick.C:
		}
		if _, err := a.Write(ctx, db); err != nil && ctx.Err() == nil {
			log.Error("audit checkpoint", "err", err)
		}
	}
}

// Report is the outcome of Verify.
type Report struct {
	Entries    int64 // entries checked
	Checkpoint *Checkpoint
	// BrokenAt is the sequence number of the first entry that fails, 0 when
	// the chain is intact.
	BrokenAt int64
	Problem  string
}

// OK reports whether nothing was found wrong.
func (r Report) OK() bool { return r.Problem == "" }

// Verify walks the whole chain: sequence numbers without gaps, each entry
// linked to the previous hash, each hash matching the content; then the
// head row and the checkpoint (when anchor is not nil) must agree with it.
func Verify(ctx context.Context, db *store.DB, anchor *Anchor) (Report, error) {
	var rep Report
	fail := func(seq int64, format string, a ...any) {
		if rep.Problem == "" {
			rep.BrokenAt = seq
			rep.Problem = fmt.Sprintf(format, a...)
		}
	}
	if anchor != nil {
		cp, ok, err := anchor.Read()
		if err != nil {
			fail(0, "%v", err)
		} else if ok {
			rep.Checkpoint = &cp
		}
	}
	rows, err := db.Read().QueryContext(ctx, `SELECT seq, at, org_id, actor_id, actor_name, action, entity, entity_id,
		summary, before_json, after_json, remote_addr, request_id, prev_hash, hash FROM audit_log ORDER BY seq`)
	if err != nil {
		return rep, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	var prev Entry
	checkpointHash := "" // the log's hash at the checkpoint's sequence number
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return rep, err
		}
		rep.Entries++
		switch {
		case e.Seq != prev.Seq+1:
			fail(prev.Seq+1, "entry %d is missing (the next entry is %d)", prev.Seq+1, e.Seq)
		case e.PrevHash != prev.Hash:
			fail(e.Seq, "entry %d does not link to entry %d: an entry was removed or altered", e.Seq, prev.Seq)
		case e.ComputeHash() != e.Hash:
			fail(e.Seq, "entry %d was altered: its content does not match its hash", e.Seq)
		}
		if rep.Checkpoint != nil && e.Seq == rep.Checkpoint.Seq {
			checkpointHash = e.Hash
		}
		prev = e
	}
	if err := rows.Err(); err != nil {
		return rep, err
	}
	var headSeq int64
	var headHash string
	if err := db.Read().QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash); err != nil {
		return rep, fmt.Errorf("read audit head: %w", err)
	}
	if headSeq != prev.Seq || headHash != prev.Hash {
		fail(prev.Seq+1, "the log ends at entry %d but its head records entry %d: entries were deleted", prev.Seq, headSeq)
	}
	if cp := rep.Checkpoint; cp != nil && cp.Seq > 0 {
		if cp.Seq > prev.Seq {
			fail(prev.Seq+1, "the checkpoint of %s records entry %d but the log ends at entry %d: the newest entries were deleted",
				cp.At.Format(time.RFC3339), cp.Seq, prev.Seq)
		} else if checkpointHash != cp.Hash {
			fail(cp.Seq, "entry %d differs from the checkpoint of %s", cp.Seq, cp.At.Format(time.RFC3339))
		}
	}
	return rep, nil
}

func scanEntry(rows *sql.Rows) (Entry, error) {
	var e Entry
	var org, actor sql.NullInt64
	var before, after sql.NullString
	err := rows.Scan(&e.Seq, &e.At, &org, &actor, &e.ActorName, &e.Action, &e.Entity, &e.EntityID,
		&e.Summary, &before, &after, &e.RemoteAddr, &e.RequestID, &e.PrevHash, &e.Hash)
	if err != nil {
		return e, fmt.Errorf("read audit entry: %w", err)
	}
	e.OrgID, e.ActorID = org.Int64, actor.Int64
	e.Before, e.After = before.String, after.String
	return e, nil
}
