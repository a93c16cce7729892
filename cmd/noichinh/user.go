package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"noichinh/internal/access"
	"noichinh/internal/accounts"
	"noichinh/internal/app"
	"noichinh/internal/orgs"
	"noichinh/internal/store"
	"noichinh/internal/validate"
)

func init() {
	register(&command{
		name:    "user",
		summary: "manage accounts: user create|list|passwd|disable|enable",
		run:     runUser,
	})
}

const userHelp = `
Manages accounts from the server's command line (as the operator of the
machine; every change is audited as "cli").

  noichinh user create --username U --full-name "…" --role R [--org CODE]
                       [--clearance LEVEL] [--unit-id N] --password-stdin
  noichinh user list [--org CODE]
  noichinh user passwd USERNAME --password-stdin   (the user must change it at next sign-in)
  noichinh user disable USERNAME
  noichinh user enable USERNAME

Roles: administrator, leader, specialist, viewer, clerk, central.
Clearances: normal, secret, top_secret, most_secret.
Passwords are read from standard input (one line), never from the command
line, where other users of the machine could see them.`

func runUser(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "user", "create|list|passwd|disable|enable [options]", userHelp)
	cfg := storageFlags(fs, env)
	username := fs.String("username", "", "create: the new username")
	fullName := fs.String("full-name", "", "create: the person's full name")
	role := fs.String("role", "", "create: the role in the organisation")
	orgCode := fs.String("org", "", "the organisation code (default: the only provincial one)")
	clearance := fs.String("clearance", "normal", "create: secrecy clearance")
	unitID := fs.Int64("unit-id", 0, "create: for a clerk, the commune or ward unit")
	fromStdin := fs.Bool("password-stdin", false, "read the password from standard input")
	sub, rest := splitSubcommand(args)
	if err := fs.parse(rest); err != nil {
		return err
	}
	switch sub {
	case "create", "list", "passwd", "disable", "enable":
	default:
		return usagef("unknown user subcommand %q (create, list, passwd, disable, enable)", sub)
	}
	target := fs.Arg(0)
	if (sub == "passwd" || sub == "disable" || sub == "enable") && (fs.NArg() != 1 || target == "") {
		return usagef("user %s needs exactly one USERNAME", sub)
	}
	if (sub == "create" || sub == "passwd") && !*fromStdin {
		return usagef("user %s needs --password-stdin (the password is never taken from the command line)", sub)
	}
	level, err := access.ParseClassification(*clearance)
	if err != nil {
		return usagef("%v", err)
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
	var org orgs.Org
	if sub == "create" || (sub == "list" && *orgCode != "") {
		if org, err = pickOrg(ctx, db, *orgCode); err != nil {
			return err
		}
	}
	ctx = access.WithActor(ctx, access.SystemActor(org.ID, "cli"))
	password := ""
	if *fromStdin {
		line, err := bufio.NewReader(env.stdin).ReadString('\n')
		if err != nil && line == "" {
			return errors.New("no password on standard input")
		}
		password = strings.TrimRight(line, "\r\n")
	}
	switch sub {
	case "create":
		u, err := svc.Accounts.CreateUser(ctx, accounts.NewUser{Username: *username, FullName: *fullName, Password: password,
			Role: access.Role(*role), OrgID: org.ID, Clearance: level, UnitID: *unitID})
		if err != nil {
			return cliErr(err)
		}
		fmt.Fprintf(env.stdout, "created %s (%s in %s)\n", u.Username, *role, org.Code)
	case "list":
		users, err := svc.Accounts.Users(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(env.stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "username\tfull name\troles\tclearance\t2FA\tstatus")
		for _, u := range users {
			var roles []string
			for _, m := range u.Memberships {
				roles = append(roles, m.OrgCode+":"+string(m.Role))
			}
			status := "active"
			if u.Disabled() {
				status = "disabled"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%v\t%s\n", u.Username, u.FullName, strings.Join(roles, ","), u.Clearance.Code(), u.TOTPEnabled, status)
		}
		return tw.Flush()
	default:
		u, err := svc.Accounts.ByUsername(ctx, target)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no user %q", target)
		}
		if err != nil {
			return err
		}
		switch sub {
		case "passwd":
			err = svc.Accounts.ResetPassword(ctx, u.ID, password)
		case "disable":
			err = svc.Accounts.DisableUser(ctx, u.ID)
		case "enable":
			err = svc.Accounts.EnableUser(ctx, u.ID)
		}
		if err != nil {
			return cliErr(err)
		}
		fmt.Fprintf(env.stdout, "%s: %s done\n", u.Username, sub)
	}
	if sub == "list" {
		return nil
	}
	return anchorAudit(ctx, cfg, db)
}

// cliErr turns field errors into one readable line.
func cliErr(err error) error {
	if errs, ok := validate.As(err); ok {
		return errors.New(errs.Error())
	}
	return err
}
