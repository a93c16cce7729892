// Command noichinh is the work system of a provincial Party Internal Affairs
// Committee: one binary for the web server and every administrative task.
//
// Each subcommand lives in its own file and registers itself with register;
// main only dispatches.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	_ "time/tzdata" // legal dates are shown in Asia/Ho_Chi_Minh on any host
)

// command is one subcommand. run parses its own flags from args.
type command struct {
	name    string
	summary string // one line for "noichinh help"
	run     func(ctx context.Context, env *cliEnv, args []string) error
}

// cliEnv is what a command may touch outside itself, so tests can run
// commands in-process with their own streams and environment.
type cliEnv struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("noichinh: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := &cliEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	code := runMain(ctx, env, os.Args[1:])
	stop()
	os.Exit(code)
}

// runMain dispatches and maps errors to exit statuses: 0 ok, 1 failure, 2 usage.
func runMain(ctx context.Context, env *cliEnv, args []string) int {
	if len(args) == 0 {
		printHelp(env.stderr)
		return 2
	}
	name := args[0]
	if name == "-h" || name == "--help" || name == "-help" {
		name = "help"
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(env.stderr, "noichinh: unknown command %q; run \"noichinh help\" for the list\n", name)
		return 2
	}
	err := cmd.run(ctx, env, args[1:])
	var ue usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(env.stderr, "noichinh %s: %s\n", name, ue.msg)
		return 2
	case errors.Is(err, errSilentFailure):
		return 1
	default:
		fmt.Fprintf(env.stderr, "noichinh %s: %v\n", name, err)
		return 1
	}
}

// errSilentFailure means the command already reported the problem itself.
var errSilentFailure = errors.New("failed")

// flags is a subcommand's flag set; help is printed only for -h, never for a
// mistake (a mistake gets one line and exit status 2).
type flags struct {
	*flag.FlagSet
	help func()
}

// newFlags returns a flag set whose -h output names the command and explains
// every option.
func newFlags(env *cliEnv, name, synopsis, description string) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	help := func() {
		w := env.stdout
		fmt.Fprintf(w, "usage: noichinh %s %s\n\n%s\n", name, synopsis, strings.TrimSpace(description))
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(w, "\noptions:")
			fs.SetOutput(w)
			fs.PrintDefaults()
			fs.SetOutput(io.Discard)
		}
	}
	return &flags{FlagSet: fs, help: help}
}

// parse parses args; -h prints the help and returns flag.ErrHelp.
func (f *flags) parse(args []string) error {
	err := f.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		f.help()
		return flag.ErrHelp
	}
	if err != nil {
		return usageError{err.Error()}
	}
	return nil
}

// splitSubcommand takes a leading word ("verify" in "audit verify -data X")
// off the arguments, so flags may follow it (the flag package stops at the
// first non-flag argument).
func splitSubcommand(args []string) (string, []string) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], args[1:]
	}
	return "", args
}

func init() {
	register(&command{
		name:    "help",
		summary: "list the commands, or explain one: noichinh help COMMAND",
		run: func(ctx context.Context, env *cliEnv, args []string) error {
			if len(args) == 0 || strings.HasPrefix(args[0], "-") {
				fmt.Fprintln(env.stdout, "usage: noichinh help [COMMAND]")
				printHelp(env.stdout)
				return nil
			}
			cmd, ok := commands[args[0]]
			if !ok || cmd.name == "help" {
				return usagef("unknown command %q", args[0])
			}
			return cmd.run(ctx, env, []string{"-h"})
		},
	})
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "noichinh: the work system of a Party Internal Affairs Committee (Ban Nội chính)")
	fmt.Fprintln(w, "\nusage: noichinh COMMAND [options]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun \"noichinh COMMAND -h\" for a command's options.")
	fmt.Fprintln(w, "Environment: NOICHINH_ADDR, NOICHINH_DATA, NOICHINH_DB and the others listed by \"noichinh serve -h\".")
}
