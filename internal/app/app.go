// Package app is the composition root: the one place where noichinh's
// services are built and its modules wired into the web application, the
// demo data, the data generator and the background work. The command line
// and the end-to-end tests both assemble the product through it, so they
// run exactly the same thing. A new module adds its lines here.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/accounts"
	"noichinh/internal/caldata"
	"noichinh/internal/calendar"
	"noichinh/internal/cases"
	"noichinh/internal/civil"
	"noichinh/internal/config"
	"noichinh/internal/demo"
	"noichinh/internal/documents"
	"noichinh/internal/envelope"
	"noichinh/internal/generate"
	"noichinh/internal/jobs"
	"noichinh/internal/petitions"
	"noichinh/internal/petitions/communereport"
	"noichinh/internal/search"
	"noichinh/internal/store"
	"noichinh/internal/units"
	"noichinh/internal/web"
	"noichinh/internal/web/calendarweb"
	"noichinh/internal/web/casesweb"
	"noichinh/internal/web/documentsweb"
	"noichinh/internal/web/petitionsweb"
	"noichinh/internal/web/receptionweb"
	"noichinh/internal/web/unitsweb"
)

// Services are the module services of one process.
type Services struct {
	DB        *store.DB
	Config    *config.Config
	Accounts  *accounts.Service
	Search    *search.Service
	Units     *units.Service
	Documents *documents.Service
	Cases     *cases.Service
	Petitions *petitions.Service
	// CommuneReports are the monthly reports of commune and ward secretaries.
	CommuneReports *communereport.Service
	// CalData is the calendar's administrator data; Calendar and Limits are
	// the handles every service that counts days is given: their data
	// follows the database (administrators' changes, on every server).
	CalData  *caldata.Service
	Calendar *calendar.Calendar
	Limits   *calendar.Limits
}

// NewServices builds every service over db, with the keys of cfg's data folder.
func NewServices(cfg *config.Config, db *store.DB) (*Services, error) {
	totpKeys, err := envelope.Open(cfg.Data, "totp.key")
	if err != nil {
		return nil, fmt.Errorf("TOTP key: %w", err)
	}
	search.Register(search.Kind{Name: "user", Label: "search.kind.user", Perm: access.UsersAdmin})
	search.Register(documents.SearchKind)
	search.Register(units.SearchKind)
	search.Register(units.PersonSearchKind)
	search.Register(cases.SearchKind)
	search.Register(petitions.SearchKind)
	identityKeys, err := petitions.OpenKeys(cfg.Data)
	if err != nil {
		return nil, err
	}
	calSource, err := caldata.Open(context.Background(), db)
	if err != nil {
		return nil, fmt.Errorf("calendar data: %w", err)
	}
	return &Services{
		CalData:        caldata.NewService(calSource),
		Calendar:       calSource.Calendar(),
		Limits:         calSource.Limits(),
		DB:             db,
		Config:         cfg,
		Accounts:       accounts.New(db, totpKeys, accounts.DefaultPolicy),
		Search:         search.New(db),
		Units:          units.New(db),
		Documents:      documents.New(db),
		Cases:          cases.New(db, calSource.Calendar(), calSource.Limits()),
		Petitions:      petitions.New(db, calSource.Calendar(), calSource.Limits(), identityKeys),
		CommuneReports: communereport.New(db),
	}, nil
}

// Web assembles the web application with every module's pages and API.
func (s *Services) Web(log *slog.Logger) (*web.App, error) {
	webApp, err := web.New(web.Options{DB: s.DB, Log: log, Config: s.Config, Accounts: s.Accounts, Search: s.Search})
	if err != nil {
		return nil, err
	}
	documentsweb.Register(webApp, s.Documents)
	unitsweb.Register(webApp, s.Units)
	calendarweb.Register(webApp, s.CalData)
	casesweb.Register(webApp, s.Cases)
	petitionsweb.Register(webApp, s.Petitions, s.Units, s.Limits)
	receptionweb.Register(webApp, s.Petitions, s.CommuneReports)
	return webApp, nil
}

// DemoSteps lists each module's demo data, in dependency order.
func (s *Services) DemoSteps() []demo.Step {
	return []demo.Step{
		units.DemoStep(),      // reference data and seed 004: everything else points at units
		s.Accounts.DemoStep(), // the clerk reports for a ward loaded above
		units.DemoStaffStep(), // staff assignments need the accounts
		documents.DemoStep(),
		cases.DemoStep(),
		s.Petitions.DemoStep(), // with the commune reports of the last months
	}
}

// GenerateSteps lists each module's generator, in dependency order, ending
// with the search index built from the generated records.
func (s *Services) GenerateSteps() []generate.Step {
	return []generate.Step{
		units.GenerateStep(),
		documents.GenerateStep(),
		cases.GenerateStep(),
		s.Petitions.GenerateStep(),
		{Name: "search index", Run: func(ctx context.Context, env *generate.Env) error {
			n, err := search.Reindex(ctx, s.DB, s.SearchSources())
			env.Logf("search index: %d entries", n)
			return err
		}},
	}
}

// SearchSources lists every module's searchable records, for rebuilding the
// search index in bulk.
func (s *Services) SearchSources() []search.Source {
	return append([]search.Source{accounts.SearchSource(), documents.SearchSource(), cases.SearchSource(), petitions.SearchSource()}, units.SearchSources()...)
}

// LoadDemo loads the demo data into an empty database.
func (s *Services) LoadDemo(ctx context.Context) (*demo.Env, error) {
	return demo.Load(ctx, s.DB, s.DemoSteps())
}

// Tasks lists the periodic work of a server: housekeeping and each
// module's deadline reminders.
func (s *Services) Tasks() []jobs.Task {
	sessions := accounts.NewSessionStore(s.DB)
	return []jobs.Task{
		{Name: "sessions.delete_expired", Every: 10 * time.Minute, Run: func(ctx context.Context) error {
			_, err := sessions.DeleteExpired(ctx)
			return err
		}},
		{Name: "cases.remind", Every: time.Hour, Run: func(ctx context.Context) error {
			_, err := cases.Remind(ctx, s.DB, civil.Today())
			return err
		}},
		{Name: "petitions.remind", Every: time.Hour, Run: func(ctx context.Context) error {
			_, err := petitions.Remind(ctx, s.DB, civil.Today())
			return err
		}},
	}
}

// Background runs the periodic work until ctx ends, on whichever of several
// servers holds the scheduler lease.
func (s *Services) Background(ctx context.Context, log *slog.Logger) {
	// Every server reloads calendar data another one wrote (the scheduler's
	// tasks run on one server only).
	go s.CalData.Source().Watch(ctx, 5*time.Second, log)
	jobs.New(s.DB, log, s.Tasks()).Run(ctx)
}
