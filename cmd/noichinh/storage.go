package main

import (
	"context"
	"log/slog"

	"noichinh/internal/audit"
	"noichinh/internal/config"
	"noichinh/internal/logging"
	"noichinh/internal/store"
)

// storageFlags registers the flags every database command shares.
func storageFlags(fs *flags, env *cliEnv) *config.Config {
	return config.StorageFlags(fs.FlagSet, env.getenv)
}

// openDB validates the configuration (a usage error names the bad setting),
// checks the data folder is usable before anything starts, opens the
// database and brings its schema up to date. The caller closes the DB.
func openDB(ctx context.Context, env *cliEnv, cfg *config.Config) (*store.DB, *slog.Logger, error) {
	if err := cfg.Validate(); err != nil {
		return nil, nil, usageError{err.Error()}
	}
	log := logging.New(env.stderr, cfg.LogFormat, cfg.LogLevel)
	if err := cfg.PrepareData(); err != nil {
		return nil, nil, err
	}
	db, err := store.Open(ctx, cfg)
	if err != nil {
		return nil, nil, err
	}
	applied, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	if len(applied) > 0 {
		log.Info("database migrated", "db", db.Where(), "applied", applied)
	}
	return db, log, nil
}

// anchorAudit writes the audit checkpoint after a command that changed data,
// so deleting what it wrote is caught like deleting what the server wrote.
func anchorAudit(ctx context.Context, cfg *config.Config, db *store.DB) error {
	anchor, err := audit.OpenAnchor(cfg.Data)
	if err != nil {
		return err
	}
	_, err = anchor.Write(ctx, db)
	return err
}
