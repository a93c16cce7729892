package main

import (
	"context"
	"fmt"

	"noichinh/internal/audit"
	"noichinh/internal/backup"
	"noichinh/internal/config"
	"noichinh/internal/store"
)

func init() {
	register(&command{
		name:    "backup",
		summary: "write a consistent backup archive while the server runs: noichinh backup FILE",
		run:     runBackup,
	})
	register(&command{
		name:    "restore",
		summary: "restore a backup archive into an empty installation: noichinh restore FILE",
		run:     runRestore,
	})
}

func runBackup(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "backup", "[options] FILE", `
Writes a backup archive (gzip-compressed tar, mode 0600) of the installation:
the database (SQLite: an online snapshot; PostgreSQL: pg_dump, which must be
installed in the server's major version), the audit checkpoint and a manifest
with checksums. The server may keep running. Key files are not included
unless -include-keys is given: keep them in a separate, guarded place
(see docs/deploy.md).`)
	cfg := storageFlags(fs, env)
	includeKeys := fs.Bool("include-keys", false, "also archive the keys folder (guard the archive like the keys themselves)")
	if err := fs.parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("give exactly one archive file to write")
	}
	db, _, err := openDB(ctx, env, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	m, err := backup.Create(ctx, cfg, db, fs.Arg(0), backup.Options{IncludeKeys: *includeKeys})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "backup written to %s: %s database, schema version %d, %d files\n",
		fs.Arg(0), m.Engine, m.SchemaVersion, len(m.Files))
	return nil
}

func runRestore(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "restore", "[options] FILE", `
Restores a backup archive made by "noichinh backup" into an empty data folder
(SQLite) or an empty database (PostgreSQL, with pg_restore installed). Every
checksum is verified before anything is written. Afterwards the audit log is
verified against the checkpoint taken with the backup. Put the keys folder
back from its own backup before starting the server if the archive has none.`)
	cfg := storageFlags(fs, env)
	if err := fs.parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("give exactly one archive file to restore")
	}
	if err := cfg.Validate(); err != nil {
		return usageError{err.Error()}
	}
	res, err := backup.Restore(ctx, cfg, fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "restored %s backup of %s (schema version %d) into %s\n",
		res.Manifest.Engine, res.Manifest.Created.Format("2006-01-02 15:04 MST"), res.Manifest.SchemaVersion, where(cfg))
	if len(res.KeysRestored) == 0 {
		fmt.Fprintf(env.stdout, "the archive holds no keys: copy your keys folder to %s/keys before starting the server\n", cfg.Data)
		return nil
	}
	db, err := store.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	return reportVerify(ctx, env, cfg, db)
}

func where(cfg *config.Config) string {
	if cfg.Engine() == config.SQLite {
		return cfg.Data
	}
	return config.RedactDSN(cfg.DB)
}

// reportVerify verifies the audit chain and prints the outcome.
func reportVerify(ctx context.Context, env *cliEnv, cfg *config.Config, db *store.DB) error {
	anchor, err := audit.OpenAnchor(cfg.Data)
	if err != nil {
		return err
	}
	rep, err := audit.Verify(ctx, db, anchor)
	if err != nil {
		return err
	}
	if !rep.OK() {
		fmt.Fprintf(env.stderr, "audit log BROKEN at entry %d: %s\n", rep.BrokenAt, rep.Problem)
		return errSilentFailure
	}
	anchorNote := "no checkpoint yet"
	if rep.Checkpoint != nil {
		anchorNote = fmt.Sprintf("matches the checkpoint of %s (entry %d)",
			rep.Checkpoint.At.Format("2006-01-02 15:04:05 MST"), rep.Checkpoint.Seq)
	}
	fmt.Fprintf(env.stdout, "audit log intact: %d entries, %s\n", rep.Entries, anchorNote)
	return nil
}
