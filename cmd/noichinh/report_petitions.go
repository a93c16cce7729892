package main

import (
	"context"
	"encoding/json"
	"fmt"

	"noichinh/internal/audit"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/orgs"
	"noichinh/internal/petitions"
	"noichinh/internal/petitions/communereport"
	"noichinh/internal/store"
)

func init() {
	registerReport(&reportKind{
		name:    "petitions",
		summary: "citizen reception, the standard petition table, complex petitions, commune reports (docs/figures-petitions.md)",
		run:     runPetitionsReport,
	})
}

// petitionsReport is the JSON the command prints: the figures of the
// period (each with the IDs and numbers of its records), the Vietnamese
// narrative, and the commune and ward reports of the period's months.
type petitionsReport struct {
	Org            string                      `json:"org"`
	Figures        petitions.Figures           `json:"figures"`
	CommuneReports communereport.Consolidation `json:"commune_reports"`
	Narrative      string                      `json:"narrative"`
}

// runPetitionsReport prints the petition figures of the period, computed by
// the same service calls as the pages and the API, with the command line's
// full clearance. No identity is read: the service runs without the
// identity keys. Printing the figures exports petition numbers, so it is
// audited.
func runPetitionsReport(ctx context.Context, env *cliEnv, db *store.DB, org orgs.Org, period civil.Range, format string) error {
	cal, err := calendar.Default()
	if err != nil {
		return err
	}
	limits, err := calendar.EmbeddedLimits()
	if err != nil {
		return err
	}
	f, err := petitions.New(db, cal, limits, petitions.Keys{}).Figures(ctx, period)
	if err != nil {
		return err
	}
	communes, err := communereport.New(db).Consolidated(ctx, period)
	if err != nil {
		return err
	}
	err = audit.RecordNow(ctx, db, audit.Event{Action: audit.Export, Entity: "petition_figures", EntityID: org.Code,
		Summary: fmt.Sprintf("Xuất số liệu tiếp công dân, xử lý đơn thư từ %s đến %s (%s)", period.From, period.To, format)})
	if err != nil {
		return err
	}
	text := petitions.Narrative(f)
	if format == "text" {
		_, err := fmt.Fprintln(env.stdout, text)
		return err
	}
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(petitionsReport{Org: org.Code, Figures: f, CommuneReports: communes, Narrative: text})
}
