// Package storetest gives tests real, freshly migrated databases on both
// engines, so the same store test proves the same SQL on SQLite and on
// PostgreSQL.
//
// SQLite: a new file in the test's temp folder. PostgreSQL (when
// NOICHINH_TEST_POSTGRES holds the URL of a server the tests may create
// databases on): one new database per test package, dropped by Main, and a
// new schema per test inside it.
//
// NOICHINH_TEST_REQUIRE=postgres,browser turns a skip for a missing engine or
// browser into a failure; CI sets it so a suite can never pass by not running.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"noichinh/internal/config"
	"noichinh/internal/store"
)

// EnvPostgres names the variable holding the PostgreSQL server URL for tests.
const EnvPostgres = "NOICHINH_TEST_POSTGRES"

// EnvRequire lists suites that must not be skipped (postgres, browser).
const EnvRequire = "NOICHINH_TEST_REQUIRE"

// Required reports whether the suite must run rather than skip.
func Required(suite string) bool {
	for _, s := range strings.Split(os.Getenv(EnvRequire), ",") {
		if strings.TrimSpace(s) == suite {
			return true
		}
	}
	return false
}

// SkipOrFail skips the test with reason, or fails it when the suite is required.
func SkipOrFail(t testing.TB, suite, reason string) {
	t.Helper()
	if Required(suite) {
		t.Fatalf("%s suite required (%s=%s) but cannot run: %s", suite, EnvRequire, os.Getenv(EnvRequire), reason)
	}
	t.Skip(reason)
}

// Each runs fn as two subtests, "sqlite" and "postgres", each on a fresh
// migrated database.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite returns a fresh migrated SQLite database, closed when the test ends.
func SQLite(t testing.TB) *store.DB {
	t.Helper()
	cfg := &config.Config{Data: t.TempDir()}
	return openMigrated(t, cfg)
}

// SQLiteConfig returns the configuration of a fresh SQLite data folder,
// for tests that start commands or servers themselves.
func SQLiteConfig(t testing.TB) *config.Config {
	return &config.Config{Data: t.TempDir()}
}

// Postgres returns a fresh migrated PostgreSQL schema, or skips the test when
// no server is configured.
func Postgres(t testing.TB) *store.DB {
	t.Helper()
	cfg := PostgresConfig(t)
	return openMigrated(t, cfg)
}

// PostgresConfig returns the configuration of a fresh empty PostgreSQL schema
// (not migrated), or skips the test when no server is configured.
func PostgresConfig(t testing.TB) *config.Config {
	t.Helper()
	admin := os.Getenv(EnvPostgres)
	if admin == "" {
		SkipOrFail(t, "postgres", EnvPostgres+" is not set; PostgreSQL tests skipped")
	}
	base, err := packageDatabase(admin)
	if err != nil {
		t.Fatalf("PostgreSQL test database: %v", err)
	}
	schema := fmt.Sprintf("t%d_%s", schemaSeq.Add(1), sanitize(t.Name(), 40))
	if err := exec(base, fmt.Sprintf(`CREATE SCHEMA %q`, schema)); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	u, _ := url.Parse(base)
	q := u.Query()
	// public second: extensions (pg_trgm) live there, one per database.
	q.Set("search_path", schema+",public")
	u.RawQuery = q.Encode()
	return &config.Config{Data: t.TempDir(), DB: u.String()}
}

// PostgresDatabase returns the configuration of a new empty PostgreSQL
// database of its own (public schema), dropped when the test ends; for tests
// of whole-database tools such as backup and restore.
func PostgresDatabase(t testing.TB) *config.Config {
	t.Helper()
	admin := os.Getenv(EnvPostgres)
	if admin == "" {
		SkipOrFail(t, "postgres", EnvPostgres+" is not set; PostgreSQL tests skipped")
	}
	var b [4]byte
	_, _ = rand.Read(b[:])
	name := "noichinh_test_db_" + hex.EncodeToString(b[:])
	if err := exec(admin, fmt.Sprintf(`CREATE DATABASE %q`, name)); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() { _ = exec(admin, fmt.Sprintf(`DROP DATABASE IF EXISTS %q WITH (FORCE)`, name)) })
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return &config.Config{Data: t.TempDir(), DB: u.String()}
}

// Migrated opens the database cfg names and applies the migrations.
func Migrated(t testing.TB, cfg *config.Config) *store.DB { return openMigrated(t, cfg) }

func openMigrated(t testing.TB, cfg *config.Config) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, cfg)
	if err != nil {
		t.Fatalf("open database: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return db
}

var (
	schemaSeq  atomic.Int64
	pkgOnce    sync.Once
	pkgDB      string // URL of this package's database
	pkgDBName  string
	pkgDBError error
)

// packageDatabase creates this test binary's database once.
func packageDatabase(admin string) (string, error) {
	pkgOnce.Do(func() {
		var b [4]byte
		_, _ = rand.Read(b[:])
		pkgDBName = "noichinh_test_" + sanitize(strings.TrimSuffix(filepath.Base(os.Args[0]), ".test"), 30) +
			"_" + hex.EncodeToString(b[:])
		if err := exec(admin, fmt.Sprintf(`CREATE DATABASE %q`, pkgDBName)); err != nil {
			pkgDBError = err
			return
		}
		u, err := url.Parse(admin)
		if err != nil {
			pkgDBError = err
			return
		}
		u.Path = "/" + pkgDBName
		pkgDB = u.String()
	})
	return pkgDB, pkgDBError
}

// Main runs the package's tests and then drops its PostgreSQL database.
// Use it from TestMain: func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }
func Main(m *testing.M) int {
	code := m.Run()
	if pkgDBName != "" {
		if err := exec(os.Getenv(EnvPostgres), fmt.Sprintf(`DROP DATABASE IF EXISTS %q WITH (FORCE)`, pkgDBName)); err != nil {
			fmt.Fprintf(os.Stderr, "storetest: dropping %s: %v\n", pkgDBName, err)
		}
	}
	return code
}

func exec(dsn, stmt string) error {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(stmt)
	return err
}

var unsafeChars = regexp.MustCompile(`[^a-z0-9_]+`)

func sanitize(s string, n int) string {
	s = unsafeChars.ReplaceAllString(strings.ToLower(s), "_")
	if len(s) > n {
		s = s[:n]
	}
	return s
}
