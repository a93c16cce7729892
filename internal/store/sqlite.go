package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"

	_ "modernc.org/sqlite" // pure-Go SQLite driver "sqlite", FTS5 built in

	"noichinh/internal/config"
)

// sqliteDSN builds the connection string. Pragmas are applied to every new
// connection by the driver:
//   - busy_timeout: another process (a CLI command beside the server) waits
//     instead of failing at once;
//   - journal_mode WAL: readers never block the writer;
//   - synchronous FULL: a committed record survives a power cut — this data
//     is worth the extra fsync;
//   - foreign_keys: SQLite leaves them off by default.
//
// _txlock=immediate makes BEGIN take the write lock at once on the writer;
// _time_format=sqlite writes times in the form SQLite's date functions read.
func sqliteDSN(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_time_format", "sqlite")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
		q.Set("_txlock", "deferred")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Set("_txlock", "immediate")
	}
	return "file:" + filepath.ToSlash(path) + "?" + q.Encode()
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	if err := ensurePrivateFile(path); err != nil {
		return nil, err
	}
	writer, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return nil, fmt.Errorf("open SQLite %s: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	writer.SetConnMaxIdleTime(0)
	writer.SetConnMaxLifetime(0)
	// The writer connection sets WAL mode, so it must exist before readers open.
	if err := writer.PingContext(ctx); err != nil {
		writer.Close()
		return nil, fmt.Errorf("open SQLite %s: %w", path, err)
	}
	reader, err := sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("open SQLite %s: %w", path, err)
	}
	n := max(4, runtime.NumCPU()*2)
	reader.SetMaxOpenConns(n)
	reader.SetMaxIdleConns(n)
	if err := reader.PingContext(ctx); err != nil {
		writer.Close()
		reader.Close()
		return nil, fmt.Errorf("open SQLite %s: %w", path, err)
	}
	return &DB{writer: writer, reader: reader, dialect: sqliteDialect{}, engine: config.SQLite, where: path}, nil
}

// ensurePrivateFile creates the database file with owner-only permissions
// before SQLite does (SQLite would use the umask). SQLite gives its -wal and
// -shm files the permissions of the main file.
func ensurePrivateFile(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create data folder: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	switch {
	case err == nil:
		return f.Close()
	case errors.Is(err, os.ErrExist):
		return nil
	default:
		return fmt.Errorf("create database file %s: %w", path, err)
	}
}

// VacuumInto writes a consistent, compacted copy of a SQLite database to
// dest. It runs on a connection of its own (the read pool is query_only,
// which forbids VACUUM INTO): only a read transaction on the source, so the
// writer and readers go on meanwhile.
func (db *DB) VacuumInto(ctx context.Context, dest string) error {
	if db.engine != config.SQLite {
		return errors.New("VACUUM INTO is for SQLite only")
	}
	conn, err := sql.Open("sqlite", sqliteDSN(db.where, false))
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	if _, err := conn.ExecContext(ctx, `VACUUM INTO $1`, dest); err != nil {
		return fmt.Errorf("snapshot %s: %w", db.where, err)
	}
	return nil
}
