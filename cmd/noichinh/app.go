package main

import (
	"context"
	"fmt"
	"net"
	"text/tabwriter"

	"noichinh/internal/accounts"
	"noichinh/internal/app"
	"noichinh/internal/config"
	"noichinh/internal/store"
)

// loadDemo loads demo data and prints the demo accounts once.
func loadDemo(ctx context.Context, env *cliEnv, svc *app.Services) error {
	d, err := svc.LoadDemo(ctx)
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
func loadDemoIfEmpty(ctx context.Context, env *cliEnv, db *store.DB, svc *app.Services) error {
	empty, err := db.IsEmpty(ctx)
	if err != nil || !empty {
		return err
	}
	return loadDemo(ctx, env, svc)
}

// offerSetup prints the one-time first-run link when no account exists.
func offerSetup(ctx context.Context, env *cliEnv, cfg *config.Config, svc *app.Services, addr net.Addr) error {
	need, err := svc.Accounts.SetupNeeded(ctx)
	if err != nil || !need {
		return err
	}
	token, err := svc.Accounts.StartSetup(ctx)
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
