package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"text/tabwriter"
	"time"

	"noichinh/internal/accounts"
	"noichinh/internal/config"
	"noichinh/internal/demo"
	"noichinh/internal/envelope"
	"noichinh/internal/search"
	"noichinh/internal/store"
	"noichinh/internal/web"
)

// This file is the composition root: the one place where services are
// built and modules are wired into the web application, the demo data and
// the background work. A new module adds its lines here.

// services are the module services of one process.
type services struct {
	accounts *accounts.Service
	search   *search.Service
}

func newServices(cfg *config.Config, db *store.DB) (*services, error) {
	totpKeys, err := envelope.Open(cfg.Data, "totp.key")
	if err != nil {
		return nil, fmt.Errorf("TOTP key: %w", err)
	}
	search.Register(search.Kind{Name: "user", Label: "search.kind.user", Perm: "users.admin"})
	return &services{
		accounts: accounts.New(db, totpKeys, accounts.DefaultPolicy),
		search:   search.New(db),
	}, nil
}

// buildApp assembles the web application with every module's routes.
func buildApp(cfg *config.Config, db *store.DB, svc *services, log *slog.Logger) (*web.App, error) {
	return web.New(web.Options{DB: db, Log: log, Config: cfg, Accounts: svc.accounts, Search: svc.search})
}

func serveApp(ctx context.Context, ln net.Listener, app *web.App, cfg *config.Config, log *slog.Logger) error {
	return web.Serve(ctx, ln, app.Handler(), cfg, log)
}

// demoSteps lists each module's demo data, in dependency order.
func demoSteps(svc *services) []demo.Step {
	return []demo.Step{
		svc.accounts.DemoStep(),
	}
}

// loadDemo loads demo data and prints the demo accounts once.
func loadDemo(ctx context.Context, env *cliEnv, db *store.DB, svc *services) error {
	d, err := demo.Load(ctx, db, demoSteps(svc))
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "Demo data loaded: %s (%s), under %s.\n", d.Org.Name, d.Org.Code, d.Central.Name)
	if len(d.Accounts) > 0 {
		fmt.Fprintln(env.stdout, "Demo accounts (the passwords are shown only now; administrators and leaders set up two-factor authentication at first sign-in):")
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
func loadDemoIfEmpty(ctx context.Context, env *cliEnv, db *store.DB, svc *services) error {
	empty, err := db.IsEmpty(ctx)
	if err != nil || !empty {
		return err
	}
	return loadDemo(ctx, env, db, svc)
}

// offerSetup prints the one-time first-run link when no account exists.
func offerSetup(ctx context.Context, env *cliEnv, cfg *config.Config, svc *services, addr net.Addr) error {
	need, err := svc.accounts.SetupNeeded(ctx)
	if err != nil || !need {
		return err
	}
	token, err := svc.accounts.StartSetup(ctx)
	if err != nil {
		return err
	}
	_, port, _ := net.SplitHostPort(addr.String())
	scheme := "http"
	if cfg.TLS() {
		scheme = "https"
	}
	fmt.Fprintf(env.stderr, "\nFirst run: no account exists yet. Within %d minutes, on this machine, open\n  %s://127.0.0.1:%s/setup?token=%s\nto create the first administrator. The link works once; restart the server for a new one.\n\n",
		int(accounts.SetupValidity.Minutes()), scheme, port, token)
	return nil
}

// background runs the periodic housekeeping of a server until ctx ends.
func background(ctx context.Context, db *store.DB, log *slog.Logger) {
	sessions := accounts.NewSessionStore(db)
	tick := time.NewTicker(10 * time.Minute)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if n, err := sessions.DeleteExpired(ctx); err != nil && ctx.Err() == nil {
				log.Error("delete expired sessions", "err", err)
			} else if n > 0 {
				log.Debug("expired sessions deleted", "n", n)
			}
		}
	}
}
