package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/orgs"
	"noichinh/internal/store"
)

// A report kind prints one module's period figures ("report cases",
// "report petitions"). Each registers itself from its own file.
type reportKind struct {
	name    string
	summary string
	// run prints the figures of the period for org as format ("json" or "text").
	run func(ctx context.Context, env *cliEnv, db *store.DB, org orgs.Org, period civil.Range, format string) error
}

var reportKinds = map[string]*reportKind{}

func registerReport(k *reportKind) {
	if _, dup := reportKinds[k.name]; dup {
		panic("noichinh: report registered twice: " + k.name)
	}
	reportKinds[k.name] = k
}

func init() {
	register(&command{
		name:    "report",
		summary: "print a module's period figures: noichinh report KIND --from D --to D [--org CODE] [--format json]",
		run:     runReport,
	})
}

func reportNames() string {
	names := make([]string, 0, len(reportKinds))
	for n, k := range reportKinds {
		names = append(names, fmt.Sprintf("  %-10s %s", n, k.summary))
	}
	sort.Strings(names)
	return strings.Join(names, "\n")
}

func runReport(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "report", "KIND --from YYYY-MM-DD --to YYYY-MM-DD [options]", `
Prints the figures of a period, computed from the records exactly as the web
pages and the API show them, as JSON (the default) or text. The period is
inclusive at both ends. Without -org, the only provincial organisation of the
installation is used. Kinds:
`+reportNames())
	cfg := storageFlags(fs, env)
	from := fs.String("from", "", "first day of the period, YYYY-MM-DD")
	to := fs.String("to", "", "last day of the period, YYYY-MM-DD")
	orgCode := fs.String("org", "", "organisation code (see the organisation list in the web pages)")
	format := fs.String("format", "json", "json or text")
	kindName, rest := splitSubcommand(args)
	if err := fs.parse(rest); err != nil {
		return err
	}
	kind, ok := reportKinds[kindName]
	if !ok {
		return usagef("unknown report %q; the reports are:\n%s", kindName, reportNames())
	}
	period, err := parsePeriod(*from, *to)
	if err != nil {
		return err
	}
	if *format != "json" && *format != "text" {
		return usagef("format %q is not json or text", *format)
	}
	db, _, err := openDB(ctx, env, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	org, err := pickOrg(ctx, db, *orgCode)
	if err != nil {
		return err
	}
	ctx = access.WithActor(ctx, access.SystemActor(org.ID, "cli"))
	if err := kind.run(ctx, env, db, org, period, *format); err != nil {
		return err
	}
	// A report is audited as an export: anchor that entry like any other write.
	return anchorAudit(ctx, cfg, db)
}

func parsePeriod(from, to string) (civil.Range, error) {
	if from == "" || to == "" {
		return civil.Range{}, usagef("give the period with -from and -to (YYYY-MM-DD)")
	}
	f, err := civil.Parse(from)
	if err != nil {
		return civil.Range{}, usagef("-from: %v", err)
	}
	t, err := civil.Parse(to)
	if err != nil {
		return civil.Range{}, usagef("-to: %v", err)
	}
	r := civil.Range{From: f, To: t}
	if !r.Valid() {
		return r, usagef("the period ends (%s) before it starts (%s)", to, from)
	}
	return r, nil
}

// pickOrg finds the organisation by code, or the only provincial one.
func pickOrg(ctx context.Context, db *store.DB, code string) (orgs.Org, error) {
	if code != "" {
		o, err := orgs.ByCode(ctx, db.Read(), code)
		if errors.Is(err, store.ErrNotFound) {
			return o, usagef("no organisation with code %q", code)
		}
		return o, err
	}
	all, err := orgs.List(ctx, db.Read())
	if err != nil {
		return orgs.Org{}, err
	}
	var provincial []orgs.Org
	for _, o := range all {
		if o.Kind == orgs.Provincial {
			provincial = append(provincial, o)
		}
	}
	switch len(provincial) {
	case 1:
		return provincial[0], nil
	case 0:
		return orgs.Org{}, errors.New("the database holds no organisation yet (load the demo data or create one)")
	default:
		codes := make([]string, len(provincial))
		for i, o := range provincial {
			codes[i] = o.Code
		}
		return orgs.Org{}, usagef("several organisations: choose one with -org (%s)", strings.Join(codes, ", "))
	}
}
