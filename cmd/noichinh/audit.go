package main

import (
	"context"

	"noichinh/internal/store"
)

func init() {
	register(&command{
		name:    "audit",
		summary: "check the audit log: noichinh audit verify",
		run:     runAudit,
	})
}

func runAudit(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "audit", "verify [options]", `
verify walks the whole audit log and checks that no entry was edited, removed
or added out of place (each entry carries the hash of the one before), and
that the newest entries match the checkpoint kept in the data folder, which
catches the deletion of the latest entries. Exit status 0 when intact; 1 with
the first broken entry named otherwise.`)
	cfg := storageFlags(fs, env)
	sub, rest := splitSubcommand(args)
	if err := fs.parse(rest); err != nil {
		return err
	}
	if sub != "verify" || fs.NArg() != 0 {
		return usagef("the only audit subcommand is \"verify\"")
	}
	if err := cfg.Validate(); err != nil {
		return usageError{err.Error()}
	}
	db, err := store.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.CheckCurrent(ctx); err != nil {
		return err
	}
	return reportVerify(ctx, env, cfg, db)
}
