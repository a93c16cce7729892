// Package store opens noichinh's database on SQLite or PostgreSQL, applies the
// embedded migrations, and runs transactions. Modules keep their own SQL in a
// store.go of their own package, written once in the SQL both engines accept
// ($1…$N placeholders, RETURNING, ON CONFLICT); the few real differences go
// through Dialect.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"noichinh/internal/config"
)

// DB is an open database. On SQLite it holds two pools: a single writer
// connection (SQLite allows one writer; queuing in Go is cheaper and fairer
// than busy-waiting in SQLite) and a pool of read-only connections that read
// concurrently from the WAL. On PostgreSQL both are the same pool.
type DB struct {
	writer  *sql.DB
	reader  *sql.DB
	dialect Dialect
	engine  config.Engine
	// where names the database for messages, never with a password.
	where string
}

// Querier is what both *sql.DB and *sql.Tx offer; module stores take it so
// the same function runs inside a transaction or on the read pool.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Open connects to the database the configuration names and checks it answers.
// It does not migrate; see Migrate.
func Open(ctx context.Context, cfg *config.Config) (*DB, error) {
	switch cfg.Engine() {
	case config.SQLite:
		return openSQLite(ctx, cfg.SQLitePath())
	default:
		return openPostgres(ctx, cfg.DB)
	}
}

// Engine is the engine in use.
func (db *DB) Engine() config.Engine { return db.engine }

// Dialect covers the SQL differences between the engines.
func (db *DB) Dialect() Dialect { return db.dialect }

// Where names the database for messages (file path or host/name, no password).
func (db *DB) Where() string { return db.where }

// Read is the pool for reads outside a transaction.
func (db *DB) Read() *sql.DB { return db.reader }

// Close closes both pools; the writer last, so SQLite checkpoints the WAL.
func (db *DB) Close() error {
	var errs []error
	if db.reader != db.writer {
		errs = append(errs, db.reader.Close())
	}
	if db.engine == config.SQLite {
		// Fold the WAL back into the main file so a copied data folder is
		// complete on its own; harmless if another process still has it open.
		_, _ = db.writer.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
	errs = append(errs, db.writer.Close())
	return errors.Join(errs...)
}

// Ping checks both pools answer.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.writer.PingContext(ctx); err != nil {
		return err
	}
	return db.reader.PingContext(ctx)
}

// Tx runs fn in a write transaction and commits it when fn returns nil.
// Every write in noichinh goes through here, so a failure part-way leaves
// nothing behind. On SQLite the transaction takes the write lock at BEGIN
// (IMMEDIATE), which avoids the upgrade deadlock of deferred transactions.
func (db *DB) Tx(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// ReadTx runs fn in a read-only transaction: one consistent snapshot, for
// reports whose figures must agree with each other.
func (db *DB) ReadTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.engine == config.Postgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := db.reader.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("begin read transaction: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only: nothing to keep
	return fn(tx)
}

// Stats are the pool figures exported as metrics.
type Stats struct {
	Pool string
	sql.DBStats
}

// Stats returns the figures of each pool.
func (db *DB) Stats() []Stats {
	if db.reader == db.writer {
		return []Stats{{"main", db.writer.Stats()}}
	}
	return []Stats{{"writer", db.writer.Stats()}, {"reader", db.reader.Stats()}}
}

// IsUniqueViolation reports whether err is a unique-constraint failure on either engine.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || // SQLite
		strings.Contains(msg, "SQLSTATE 23505") // PostgreSQL unique_violation
}

// IsForeignKeyViolation reports whether err is a foreign-key failure on either engine.
func IsForeignKeyViolation(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "FOREIGN KEY constraint failed") || strings.Contains(msg, "SQLSTATE 23503")
}

// ErrNotFound is returned by module stores when a record does not exist (or
// is not visible to the caller: the two are deliberately indistinguishable).
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when an edit was based on an outdated version.
var ErrConflict = errors.New("the record was changed by someone else")

// Now is the current time in UTC, truncated to microseconds so values read
// back from either engine compare equal to what was written.
func Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }
