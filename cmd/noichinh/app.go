package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"text/tabwriter"

	"noichinh/internal/config"
	"noichinh/internal/demo"
	"noichinh/internal/store"
	"noichinh/internal/web"
)

// This file is the composition root: the one place where modules are wired
// into the web application and the demo data. A new module adds its line
// to buildApp and to demoSteps.

// buildApp assembles the web application with every module's routes.
func buildApp(ctx context.Context, env *cliEnv, cfg *config.Config, db *store.DB, log *slog.Logger) (*web.App, error) {
	app, err := web.New(web.Options{DB: db, Log: log, Config: cfg})
	if err != nil {
		return nil, err
	}
	return app, nil
}

func serveApp(ctx context.Context, ln net.Listener, app *web.App, cfg *config.Config, log *slog.Logger) error {
	return web.Serve(ctx, ln, app.Handler(), cfg, log)
}

// demoSteps lists each module's demo data, in dependency order.
func demoSteps() []demo.Step {
	return nil
}

// loadDemo loads demo data and prints the demo accounts once.
func loadDemo(ctx context.Context, env *cliEnv, db *store.DB) error {
	d, err := demo.Load(ctx, db, demoSteps())
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "Demo data loaded: %s (%s), under %s.\n", d.Org.Name, d.Org.Code, d.Central.Name)
	if len(d.Accounts) > 0 {
		fmt.Fprintln(env.stdout, "Demo accounts (passwords are shown only now):")
		tw := tabwriter.NewWriter(env.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  username\tpassword\trole\torganisation")
		for _, a := range d.Accounts {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", a.Username, a.Password, a.Role, a.Org)
		}
		tw.Flush()
	}
	return nil
}

// loadDemoIfEmpty is serve -demo: load into an empty database, otherwise
// serve what is there, so the README's run command works every time.
func loadDemoIfEmpty(ctx context.Context, env *cliEnv, db *store.DB) error {
	empty, err := db.IsEmpty(ctx)
	if err != nil || !empty {
		return err
	}
	return loadDemo(ctx, env, db)
}
