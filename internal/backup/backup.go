// Package backup writes and restores consistent copies of a noichinh
// installation while it runs.
//
// A backup is a gzip-compressed tar archive holding manifest.json, the
// database copy (SQLite: an online VACUUM INTO snapshot; PostgreSQL: a
// pg_dump custom-format dump) and the audit checkpoint, so the restored
// audit log can be verified against the anchor taken with it. Key files are
// left out unless asked for: a backup that carries its own keys protects
// nothing (docs/deploy.md explains how to keep keys).
package backup

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"noichinh/internal/audit"
	"noichinh/internal/buildinfo"
	"noichinh/internal/config"
	"noichinh/internal/keyfile"
	"noichinh/internal/store"
)

// Format identifies the archive layout.
const Format = "noichinh-backup/1"

// Names inside the archive.
const (
	manifestName   = "manifest.json"
	sqliteName     = "noichinh.db"
	postgresName   = "postgres.dump"
	checkpointName = audit.CheckpointFile
	keysPrefix     = "keys/"
)

// Manifest describes an archive.
type Manifest struct {
	Format        string          `json:"format"`
	Engine        config.Engine   `json:"engine"`
	SchemaVersion int64           `json:"schema_version"`
	Created       time.Time       `json:"created"`
	Program       string          `json:"program"`
	Files         map[string]File `json:"files"`
}

// File is one archived file's size and checksum.
type File struct {
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Options of Create.
type Options struct {
	IncludeKeys bool // also archive the keys folder (then guard the backup like the keys)
}

// Create writes a backup of the running installation to path (mode 0600).
// The file appears only when complete.
func Create(ctx context.Context, cfg *config.Config, db *store.DB, path string, opts Options) (*Manifest, error) {
	anchor, err := audit.OpenAnchor(cfg.Data)
	if err != nil {
		return nil, err
	}
	// Anchor first, then snapshot: the snapshot then holds at least every
	// entry the checkpoint names, so the restored log verifies.
	if _, err := anchor.Write(ctx, db); err != nil {
		return nil, err
	}
	v, err := db.SchemaStatus(ctx)
	if err != nil {
		return nil, err
	}
	work, err := os.MkdirTemp(filepath.Dir(path), ".noichinh-backup-*")
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	defer os.RemoveAll(work)

	files := map[string]string{} // archive name → file on disk
	switch db.Engine() {
	case config.SQLite:
		snap := filepath.Join(work, sqliteName)
		if err := snapshotSQLite(ctx, db, snap); err != nil {
			return nil, err
		}
		files[sqliteName] = snap
	case config.Postgres:
		dump := filepath.Join(work, postgresName)
		if err := dumpPostgres(ctx, cfg.DB, dump); err != nil {
			return nil, err
		}
		files[postgresName] = dump
	}
	files[checkpointName] = anchor.Path()
	if opts.IncludeKeys {
		entries, err := os.ReadDir(keyfile.Dir(cfg.Data))
		if err != nil {
			return nil, fmt.Errorf("backup keys: %w", err)
		}
		for _, e := range entries {
			if e.Type().IsRegular() {
				files[keysPrefix+e.Name()] = filepath.Join(keyfile.Dir(cfg.Data), e.Name())
			}
		}
	}
	m := &Manifest{Format: Format, Engine: db.Engine(), SchemaVersion: v.Current, Created: store.Now(),
		Program: buildinfo.String(), Files: map[string]File{}}
	tmp := filepath.Join(work, "archive")
	if err := writeArchive(tmp, m, files); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, path); err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	return m, nil
}

// snapshotSQLite copies the database with VACUUM INTO: one read transaction,
// so the copy is consistent while writers go on, and compact.
func snapshotSQLite(ctx context.Context, db *store.DB, dest string) error {
	if err := db.VacuumInto(ctx, dest); err != nil {
		return fmt.Errorf("backup: snapshot SQLite: %w", err)
	}
	return os.Chmod(dest, 0o600)
}

// dumpPostgres runs pg_dump in custom format. The URL goes through the
// environment-free argument list; pg_dump reads the password from it or
// from ~/.pgpass, and it never reaches our logs.
func dumpPostgres(ctx context.Context, dsn, dest string) error {
	bin, err := exec.LookPath("pg_dump")
	if err != nil {
		return errors.New("pg_dump was not found on PATH: install the PostgreSQL client of the server's major version (Debian: apt install postgresql-client-15)")
	}
	args := []string{"--format=custom", "--no-owner", "--no-privileges", "--file", dest, "--dbname", pgToolURL(dsn)}
	if schema := searchPath(dsn); schema != "" {
		args = append(args, "--schema", schema) // only the installation's schema, not its neighbours
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pg_dump failed: %v: %s", err, scrubbed(stderr.String(), dsn))
	}
	return os.Chmod(dest, 0o600)
}

// pgToolURL removes the parameters pg_dump and pg_restore do not know
// (search_path is a pgx runtime parameter) and turns them into libpq's
// "options" so the same schema is used.
func pgToolURL(dsn string) string {
	base, query, ok := strings.Cut(dsn, "?")
	if !ok {
		return dsn
	}
	var keep []string
	for _, kv := range strings.Split(query, "&") {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "search_path":
			keep = append(keep, "options=-csearch_path%3D"+v)
		case "sslmode", "connect_timeout", "application_name", "sslrootcert", "sslcert", "sslkey", "host", "port", "user", "password", "dbname":
			keep = append(keep, kv)
		}
	}
	if len(keep) == 0 {
		return base
	}
	return base + "?" + strings.Join(keep, "&")
}

// searchPath is the schema a database URL selects, "" for the default.
func searchPath(dsn string) string {
	if u, err := url.Parse(dsn); err == nil {
		first, _, _ := strings.Cut(u.Query().Get("search_path"), ",")
		return strings.TrimSpace(first)
	}
	return ""
}

func scrubbed(s, dsn string) string {
	if i := strings.Index(dsn, "://"); i >= 0 {
		if at := strings.Index(dsn[i+3:], "@"); at >= 0 {
			userinfo := dsn[i+3 : i+3+at]
			if _, pw, ok := strings.Cut(userinfo, ":"); ok && pw != "" {
				s = strings.ReplaceAll(s, pw, "xxxxx")
			}
		}
	}
	return strings.TrimSpace(s)
}

func writeArchive(path string, m *Manifest, files map[string]string) error {
	for name, src := range files {
		f, err := fileInfo(src)
		if err != nil {
			return fmt.Errorf("backup: %s: %w", name, err)
		}
		m.Files[name] = f
	}
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer out.Close()
	gz := gzip.NewWriter(out)
	tw := tar.NewWriter(gz)
	manifest, _ := json.MarshalIndent(m, "", "  ")
	if err := addBytes(tw, manifestName, manifest, m.Created); err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := addFile(tw, name, files[name], m.Files[name].Size, m.Created); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := gz.Close(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := out.Sync(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return out.Close()
}

func fileInfo(path string) (File, error) {
	f, err := os.Open(path)
	if err != nil {
		return File{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return File{}, err
	}
	return File{Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

func addBytes(tw *tar.Writer, name string, b []byte, at time.Time) error {
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: int64(len(b)), ModTime: at}); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	_, err := tw.Write(b)
	return err
}

func addFile(tw *tar.Writer, name, src string, size int64, at time.Time) error {
	f, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer f.Close()
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: size, ModTime: at}); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if _, err := io.CopyN(tw, f, size); err != nil {
		return fmt.Errorf("backup: %s changed while being archived: %w", name, err)
	}
	return nil
}
