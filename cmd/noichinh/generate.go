package main

import (
	"context"
	"fmt"
	"time"

	"noichinh/internal/app"
	"noichinh/internal/generate"
)

func init() {
	register(&command{
		name:    "generate",
		summary: "fill an empty database with synthetic data for benchmarks: generate --scale province|national",
		run:     runGenerate,
	})
}

func runGenerate(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "generate", "--scale province|national [--seed N]", `
Fills an empty database with synthetic but realistic records, deterministically
from the seed, so every benchmark measures the same data: at province scale one
committee (Lạng Sơn); at national scale the 34 provincial committees under the
central one. Every module contributes its records (units, documents, cases,
petitions…), then the search index is built from them. The accounts it creates
cannot sign in; add one with "noichinh user create". Never run it on a
production database: it refuses a database that holds data.`)
	cfg := storageFlags(fs, env)
	scale := fs.String("scale", "province", "province or national")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same data")
	if err := fs.parse(args); err != nil {
		return err
	}
	if *scale != string(generate.Province) && *scale != string(generate.National) {
		return usagef("scale %q is not province or national", *scale)
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
	start := time.Now()
	genv := &generate.Env{DB: db, Scale: generate.Scale(*scale), Seed: *seed, Log: env.stderr}
	if err := generate.Run(ctx, genv, svc.GenerateSteps()); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "generated %s-scale data (seed %d) in %s\n", *scale, *seed, time.Since(start).Round(time.Second))
	return anchorAudit(ctx, cfg, db)
}
