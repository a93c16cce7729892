package main

import (
	"context"
	"encoding/json"
	"fmt"

	"noichinh/internal/audit"
	"noichinh/internal/calendar"
	"noichinh/internal/cases"
	"noichinh/internal/civil"
	"noichinh/internal/orgs"
	"noichinh/internal/store"
)

func init() {
	registerReport(&reportKind{
		name:    "cases",
		summary: "cases on the watch lists: carried over, added, taken off, progress, assets (docs/figures-cases.md)",
		run:     runCasesReport,
	})
}

// runCasesReport prints the cases figures of the period, computed by the
// same service call as the pages and the API, with the command line's full
// clearance (the official report counts every record). Printing them is an
// export of case references, so it is audited.
func runCasesReport(ctx context.Context, env *cliEnv, db *store.DB, org orgs.Org, period civil.Range, format string) error {
	cal, err := calendar.Default()
	if err != nil {
		return err
	}
	limits, err := calendar.EmbeddedLimits()
	if err != nil {
		return err
	}
	f, err := cases.New(db, cal, limits).Figures(ctx, cases.FiguresQuery{Period: period})
	if err != nil {
		return err
	}
	err = audit.RecordNow(ctx, db, audit.Event{Action: audit.Export, Entity: "case_figures", EntityID: org.Code,
		Summary: fmt.Sprintf("Xuất số liệu vụ án, vụ việc từ %s đến %s (%s)", period.From, period.To, format)})
	if err != nil {
		return err
	}
	if format == "text" {
		_, err := fmt.Fprint(env.stdout, cases.Narrative(f))
		return err
	}
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(f)
}
