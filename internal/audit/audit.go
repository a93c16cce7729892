// Package audit keeps the tamper-evident log of every write, login, denial,
// export and reveal.
//
// Entries form a hash chain: each entry's hash covers its content and the
// previous entry's hash, so editing or deleting any entry breaks every hash
// after it. Deleting the newest entries leaves a valid shorter chain, so the
// chain's head is also anchored outside the table: a checkpoint file in the
// data folder (and in each backup), authenticated with a key kept beside it.
package audit

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/reqinfo"
	"noichinh/internal/store"
)

// Actions recorded. Modules may use others ("case.watch_added"), but these
// are the platform's.
const (
	Create       = "create"
	Update       = "update"
	Delete       = "delete"
	Login        = "login"
	LoginFailed  = "login_failed"
	Logout       = "logout"
	Denied       = "denied"
	Export       = "export"
	Reveal       = "reveal"
	SettingsSave = "settings"
)

// Entry is one line of the audit log.
type Entry struct {
	Seq        int64
	At         time.Time
	OrgID      int64 // 0: not tied to an organisation
	ActorID    int64 // 0: the system or an anonymous caller
	ActorName  string
	Action     string
	Entity     string // "case", "petition", "user", …
	EntityID   string
	Summary    string // one human-readable line
	Before     string // JSON of the record before the change, "" when none
	After      string // JSON after the change
	RemoteAddr string
	RequestID  string
	PrevHash   string
	Hash       string
}

// Event is what a caller says happened; Record fills in who, when and the chain.
type Event struct {
	OrgID    int64 // 0: the actor's organisation
	Action   string
	Entity   string
	EntityID any // formatted with %v
	Summary  string
	Before   any // marshalled to JSON; nil for none
	After    any
}

// Record appends an entry for ev inside tx, naming the actor and request in
// ctx. It must run in the same transaction as the write it describes, so the
// log and the data can never disagree.
func Record(ctx context.Context, tx *sql.Tx, ev Event) (Entry, error) {
	actor := access.FromContext(ctx)
	info := reqinfo.From(ctx)
	e := Entry{
		At:         store.Now(),
		OrgID:      ev.OrgID,
		ActorName:  actor.Name(),
		Action:     ev.Action,
		Entity:     ev.Entity,
		Summary:    ev.Summary,
		RemoteAddr: info.RemoteAddr,
		RequestID:  info.RequestID,
	}
	if ev.EntityID != nil {
		e.EntityID = fmt.Sprint(ev.EntityID)
	}
	if actor != nil {
		e.ActorID = actor.UserID
		if e.OrgID == 0 {
			e.OrgID = actor.OrgID
		}
	}
	var err error
	if e.Before, err = toJSON(ev.Before); err != nil {
		return Entry{}, err
	}
	if e.After, err = toJSON(ev.After); err != nil {
		return Entry{}, err
	}
	return appendEntry(ctx, tx, e)
}

func toJSON(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	if s, ok := v.(json.RawMessage); ok {
		return string(s), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("audit: encode record: %w", err)
	}
	return string(b), nil
}

// appendEntry takes the chain's head (a row lock on PostgreSQL; the SQLite
// writer is already exclusive), links e to it and writes both.
func appendEntry(ctx context.Context, tx *sql.Tx, e Entry) (Entry, error) {
	err := tx.QueryRowContext(ctx,
		`UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash`).Scan(&e.Seq, &e.PrevHash)
	if err != nil {
		return Entry{}, fmt.Errorf("audit: take chain head: %w", err)
	}
	e.Hash = e.ComputeHash()
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log
		(seq, at, org_id, actor_id, actor_name, action, entity, entity_id, summary,
		 before_json, after_json, remote_addr, request_id, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
		e.Seq, e.At, nullInt(e.OrgID), nullInt(e.ActorID), e.ActorName, e.Action, e.Entity, e.EntityID,
		e.Summary, nullString(e.Before), nullString(e.After), e.RemoteAddr, e.RequestID, e.PrevHash, e.Hash)
	if err != nil {
		return Entry{}, fmt.Errorf("audit: append: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE audit_head SET hash = $1 WHERE id = 1`, e.Hash); err != nil {
		return Entry{}, fmt.Errorf("audit: move chain head: %w", err)
	}
	notifyWritten()
	return e, nil
}

// ComputeHash is the SHA-256 of the entry's canonical form: a JSON array of
// every field in a fixed order, the time in RFC 3339 UTC with nanoseconds.
func (e Entry) ComputeHash() string {
	canonical, _ := json.Marshal([]any{
		e.Seq, e.At.UTC().Format(time.RFC3339Nano), e.OrgID, e.ActorID, e.ActorName, e.Action,
		e.Entity, e.EntityID, e.Summary, e.Before, e.After, e.RemoteAddr, e.RequestID, e.PrevHash,
	})
	sum := sha256.Sum256(canonical)
	return hex.EncodeToString(sum[:])
}

func nullInt(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// RecordNow writes a single entry in its own transaction: for events that
// are not part of a data change (a login, a denial, a reveal).
func RecordNow(ctx context.Context, db *store.DB, ev Event) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		_, err := Record(ctx, tx, ev)
		return err
	})
}
