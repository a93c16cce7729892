package store

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"noichinh/internal/config"
)

// Migrations are embedded, one folder per engine, with the same version
// numbers in both. The first release's modules were written side by side in
// ranges (0001 platform, 0100 organisation, 0200 documents, 0300 calendar,
// 0400 cases, 0500 petitions). From then on every new migration takes the
// next number above the highest that exists: goose refuses to apply a
// migration numbered below one a database already has.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// migrationLockID is the PostgreSQL advisory-lock key that serialises
// migrations when several servers start at once ("noichinh" in ASCII).
const migrationLockID int64 = 0x6e6f696368696e68

func (db *DB) provider() (*goose.Provider, error) {
	sub, err := fs.Sub(migrationFiles, "migrations/"+db.dialect.Name())
	if err != nil {
		return nil, err
	}
	opts := []goose.ProviderOption{
		goose.WithDisableGlobalRegistry(true),
		goose.WithSlog(slog.New(slog.DiscardHandler)), // we log results ourselves
	}
	dialect := goose.DialectSQLite3
	if db.engine == config.Postgres {
		dialect = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker(
			lock.WithLockID(migrationLockID),
			lock.WithLockTimeout(5, 120), // wait up to 10 minutes for another server's migration
		)
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	// On SQLite the single writer connection serialises everything already.
	return goose.NewProvider(dialect, db.writer, sub, opts...)
}

// SchemaVersion is the state of the database schema against this binary.
type SchemaVersion struct {
	Current int64 // highest version applied in the database (0: none)
	Latest  int64 // highest version this binary knows
}

// Pending reports whether migrations remain to be applied.
func (v SchemaVersion) Pending() bool { return v.Current < v.Latest }

// ErrSchemaNewer means the database was migrated by a newer noichinh.
var ErrSchemaNewer = errors.New("database schema is newer than this program")

// SchemaStatus reads the schema version without changing anything.
func (db *DB) SchemaStatus(ctx context.Context) (SchemaVersion, error) {
	p, err := db.provider()
	if err != nil {
		return SchemaVersion{}, err
	}
	var v SchemaVersion
	for _, s := range p.ListSources() {
		v.Latest = max(v.Latest, s.Version)
	}
	exists, err := db.tableExists(ctx, "goose_db_version")
	if err != nil || !exists {
		return v, err
	}
	err = db.writer.QueryRowContext(ctx,
		`SELECT COALESCE(MAX(version_id), 0) FROM goose_db_version WHERE is_applied = TRUE`).Scan(&v.Current)
	if err != nil {
		return v, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// CheckCurrent returns nil when every migration is applied and the database
// is not ahead of the binary.
func (db *DB) CheckCurrent(ctx context.Context) error {
	v, err := db.SchemaStatus(ctx)
	if err != nil {
		return err
	}
	if v.Current > v.Latest {
		return fmt.Errorf("%w: database is at version %d, this program knows up to %d; upgrade noichinh",
			ErrSchemaNewer, v.Current, v.Latest)
	}
	if v.Pending() {
		return fmt.Errorf("database schema is at version %d, %d expected; run \"noichinh migrate\"", v.Current, v.Latest)
	}
	return nil
}

// Migrate applies pending migrations and returns the versions applied. It
// refuses a database that is newer than the binary, rather than running an
// old program against a schema it does not understand.
func (db *DB) Migrate(ctx context.Context) ([]int64, error) {
	v, err := db.SchemaStatus(ctx)
	if err != nil {
		return nil, err
	}
	if v.Current > v.Latest {
		return nil, fmt.Errorf("%w: database is at version %d, this program knows up to %d; upgrade noichinh before starting it",
			ErrSchemaNewer, v.Current, v.Latest)
	}
	p, err := db.provider()
	if err != nil {
		return nil, err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	applied := make([]int64, 0, len(results))
	for _, r := range results {
		applied = append(applied, r.Source.Version)
	}
	return applied, nil
}

func (db *DB) tableExists(ctx context.Context, name string) (bool, error) {
	var q string
	if db.engine == config.Postgres {
		q = `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1`
	} else {
		q = `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1`
	}
	var n int
	if err := db.writer.QueryRowContext(ctx, q, name).Scan(&n); err != nil {
		return false, fmt.Errorf("inspect schema: %w", err)
	}
	return n > 0, nil
}

// IsEmpty reports whether the database holds no organisation yet, the test
// for "a fresh install" used by demo loading and first-run setup.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	if err := db.reader.QueryRowContext(ctx, `SELECT COUNT(*) FROM orgs`).Scan(&n); err != nil {
		return false, fmt.Errorf("count organisations: %w", err)
	}
	return n == 0, nil
}
