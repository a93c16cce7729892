package main

import (
	"context"
	"fmt"

	"noichinh/internal/buildinfo"
)

func init() {
	register(&command{
		name:    "version",
		summary: "print the version",
		run: func(ctx context.Context, env *cliEnv, args []string) error {
			fs := newFlags(env, "version", "", "Prints the version, the source revision and the Go version.")
			if err := fs.parse(args); err != nil {
				return err
			}
			if fs.NArg() > 0 {
				return usagef("unexpected argument %q", fs.Arg(0))
			}
			fmt.Fprintln(env.stdout, buildinfo.String())
			return nil
		},
	})
}
