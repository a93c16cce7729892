package main

import (
	"context"
	"fmt"

	"noichinh/internal/store"
)

func init() {
	register(&command{
		name:    "migrate",
		summary: "bring the database schema up to date (serve also does this at start)",
		run:     runMigrate,
	})
}

func runMigrate(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "migrate", "[options]", `
Applies the migrations this program carries that the database lacks. Several
servers sharing one PostgreSQL database may start together: one migrates, the
others wait. A database already migrated by a newer noichinh is refused.
With -status nothing is changed.`)
	cfg := storageFlags(fs, env)
	status := fs.Bool("status", false, "only print the schema version: current and latest known")
	if err := fs.parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if *status {
		if err := cfg.Validate(); err != nil {
			return usageError{err.Error()}
		}
		db, err := store.Open(ctx, cfg)
		if err != nil {
			return err
		}
		defer db.Close()
		v, err := db.SchemaStatus(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "database %s: schema version %d, this program knows up to %d\n", db.Where(), v.Current, v.Latest)
		return db.CheckCurrent(ctx)
	}
	db, _, err := openDB(ctx, env, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.SchemaStatus(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "database %s is at schema version %d\n", db.Where(), v.Current)
	return nil
}
