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
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"noichinh/internal/config"
	"noichinh/internal/keyfile"
	"noichinh/internal/store"
)

// Result tells what Restore did.
type Result struct {
	Manifest     *Manifest
	KeysRestored []string // key files taken from the archive
}

// maxFile bounds one archived file, against a crafted archive filling the disk.
const maxFile = 64 << 30

// Restore unpacks the archive at src into the installation cfg names. The
// target must be empty: an empty (or absent) data folder for SQLite, a
// database without tables for PostgreSQL. Every checksum is verified
// before anything is written to the target.
func Restore(ctx context.Context, cfg *config.Config, src string) (*Result, error) {
	stage, err := os.MkdirTemp(filepath.Dir(filepath.Clean(cfg.Data)), ".noichinh-restore-*")
	if err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	defer os.RemoveAll(stage)
	m, err := unpack(src, stage)
	if err != nil {
		return nil, err
	}
	if m.Engine != cfg.Engine() {
		return nil, fmt.Errorf("restore: the backup is of a %s installation but the target is %s; restore into the same engine",
			m.Engine, cfg.Engine())
	}
	if err := checkEmptyData(cfg.Data, cfg.Engine()); err != nil {
		return nil, err
	}
	if err := cfg.PrepareData(); err != nil {
		return nil, err
	}
	res := &Result{Manifest: m}
	switch m.Engine {
	case config.SQLite:
		if err := moveInto(filepath.Join(stage, sqliteName), cfg.SQLitePath()); err != nil {
			return nil, err
		}
	case config.Postgres:
		if err := restorePostgres(ctx, cfg.DB, filepath.Join(stage, postgresName)); err != nil {
			return nil, err
		}
	}
	if _, ok := m.Files[checkpointName]; ok {
		if err := moveInto(filepath.Join(stage, checkpointName), filepath.Join(cfg.Data, checkpointName)); err != nil {
			return nil, err
		}
	}
	for name := range m.Files {
		if k, ok := strings.CutPrefix(name, keysPrefix); ok {
			if err := os.MkdirAll(keyfile.Dir(cfg.Data), 0o700); err != nil {
				return nil, err
			}
			if err := moveInto(filepath.Join(stage, filepath.FromSlash(name)), filepath.Join(keyfile.Dir(cfg.Data), k)); err != nil {
				return nil, err
			}
			res.KeysRestored = append(res.KeysRestored, k)
		}
	}
	return res, nil
}

// unpack reads the archive into dir, checking names, sizes and checksums.
func unpack(src, dir string) (*Manifest, error) {
	f, err := os.Open(src)
	if err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("restore: %s is not a noichinh backup (not gzip): %w", src, err)
	}
	tr := tar.NewReader(gz)
	var m *Manifest
	seen := map[string]File{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("restore: %s is damaged: %w", src, err)
		}
		name := path.Clean(h.Name)
		if h.Typeflag != tar.TypeReg || strings.HasPrefix(name, "../") || path.IsAbs(name) || h.Size > maxFile {
			return nil, fmt.Errorf("restore: unexpected entry %q in the archive", h.Name)
		}
		if name == manifestName {
			var mm Manifest
			b, err := io.ReadAll(io.LimitReader(tr, 1<<20))
			if err != nil || json.Unmarshal(b, &mm) != nil || mm.Format != Format {
				return nil, fmt.Errorf("restore: %s has no valid manifest (format %q expected)", src, Format)
			}
			m = &mm
			continue
		}
		dest := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dest), 0o700); err != nil {
			return nil, err
		}
		out, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, fmt.Errorf("restore: %w", err)
		}
		sum := sha256.New()
		n, err := io.Copy(io.MultiWriter(out, sum), tr)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("restore: reading %s: %w", name, err)
		}
		seen[name] = File{Size: n, SHA256: hex.EncodeToString(sum.Sum(nil))}
	}
	if m == nil {
		return nil, fmt.Errorf("restore: %s has no manifest: not a noichinh backup", src)
	}
	for name, want := range m.Files {
		if got, ok := seen[name]; !ok || got != want {
			return nil, fmt.Errorf("restore: %s in the archive is missing or damaged (checksum mismatch)", name)
		}
	}
	for name := range seen {
		if _, ok := m.Files[name]; !ok {
			return nil, fmt.Errorf("restore: %s in the archive is not listed in its manifest", name)
		}
	}
	return m, nil
}

// checkEmptyData refuses to restore over an existing installation.
func checkEmptyData(dir string, engine config.Engine) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	for _, e := range entries {
		if e.Name() == "keys" && engine == config.Postgres {
			continue // a server's own keys may already be in place
		}
		return fmt.Errorf("restore: the data folder %s is not empty (it holds %s); restore into an empty folder", dir, e.Name())
	}
	return nil
}

func moveInto(src, dest string) error {
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("restore: %s already exists", dest)
	}
	if err := os.Rename(src, dest); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	return os.Chmod(dest, 0o600)
}

// restorePostgres loads a custom-format dump into an empty database.
func restorePostgres(ctx context.Context, dsn, dump string) error {
	cfg := &config.Config{DB: dsn}
	db, err := store.Open(ctx, cfg)
	if err != nil {
		return err
	}
	var tables int
	err = db.Read().QueryRowContext(ctx,
		`SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&tables)
	db.Close()
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if tables > 0 {
		return fmt.Errorf("restore: the database %s already has %d tables; restore into an empty database", config.RedactDSN(dsn), tables)
	}
	bin, err := exec.LookPath("pg_restore")
	if err != nil {
		return errors.New("pg_restore was not found on PATH: install the PostgreSQL client (Debian: apt install postgresql-client-15)")
	}
	cmd := exec.CommandContext(ctx, bin, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
		"--dbname", pgToolURL(dsn), dump)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pg_restore failed: %v: %s", err, scrubbed(stderr.String(), dsn))
	}
	return nil
}
