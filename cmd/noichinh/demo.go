package main

import (
	"context"

	"noichinh/internal/app"
)

func init() {
	register(&command{
		name:    "demo",
		summary: "load demo data (Lạng Sơn, one account per role) into an empty database",
		run:     runDemo,
	})
}

func runDemo(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "demo", "[options]", `
Loads the demonstration data into an empty database: an organisation modelled
on Ban Nội chính Tỉnh ủy Lạng Sơn under the central committee, one account per
role (passwords printed once, here), and every module's demo records modelled
on the seed texts. A database that already holds data is refused. Every page
of a demo installation carries a banner saying so.`)
	cfg := storageFlags(fs, env)
	if err := fs.parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	db, _, err := openDB(ctx, env, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	svc, err := app.NewServices(cfg, db)
	if err != nil {
		return err
	}
	if err := loadDemo(ctx, env, svc); err != nil {
		return err
	}
	return anchorAudit(ctx, cfg, db)
}
