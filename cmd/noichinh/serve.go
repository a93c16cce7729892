package main

import (
	"context"
	"fmt"
	"net"
	"time"

	"noichinh/internal/app"
	"noichinh/internal/audit"
	"noichinh/internal/buildinfo"
	"noichinh/internal/config"
	"noichinh/internal/web"
)

func init() {
	register(&command{
		name:    "serve",
		summary: "run the web server (add -demo to load demo data into an empty database)",
		run:     runServe,
	})
}

func runServe(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "serve", "[options]", `
Runs the web server. At start it brings the database schema up to date
(refusing a database migrated by a newer noichinh), and on SIGINT or SIGTERM
it stops accepting connections, lets requests in flight finish and closes the
database cleanly. With -demo, an empty database first receives the demo data
and demo accounts (their passwords are printed once); a database that already
holds data is served as it is.`)
	cfg, err := config.ServerFlags(fs.FlagSet, env.getenv)
	if err != nil {
		return usageError{err.Error()}
	}
	demo := fs.Bool("demo", false, "load demo data into an empty database before serving")
	if err := fs.parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	db, log, err := openDB(ctx, env, cfg)
	if err != nil {
		return err
	}
	defer func() {
		if err := db.Close(); err != nil {
			log.Error("closing database", "err", err)
		} else {
			log.Info("database closed")
		}
	}()
	svc, err := app.NewServices(cfg, db)
	if err != nil {
		return err
	}
	if *demo {
		if err := loadDemoIfEmpty(ctx, env, db, svc); err != nil {
			return err
		}
	}
	anchor, err := audit.OpenAnchor(cfg.Data)
	if err != nil {
		return err
	}
	followCtx, stopFollow := context.WithCancel(context.Background())
	followDone := make(chan struct{})
	go func() {
		defer close(followDone)
		anchor.Follow(followCtx, db, 10*time.Second, log)
	}()
	defer func() {
		stopFollow()
		<-followDone
		// Anchor the final state, so a clean stop leaves a current checkpoint.
		if _, err := anchor.Write(context.Background(), db); err != nil {
			log.Error("audit checkpoint", "err", err)
		}
	}()

	webApp, err := svc.Web(log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", cfg.Addr, err)
	}
	if err := offerSetup(ctx, env, cfg, svc, ln.Addr()); err != nil {
		return err
	}
	bgCtx, stopBackground := context.WithCancel(context.Background())
	defer stopBackground()
	go svc.Background(bgCtx, log)
	scheme := "http"
	if cfg.TLS() {
		scheme = "https"
	}
	log.Info("noichinh serving", "url", scheme+"://"+ln.Addr().String(), "db", db.Where(), "engine", string(db.Engine()),
		"version", buildinfo.String())
	return web.Serve(ctx, ln, webApp.Handler(), cfg, log)
}
