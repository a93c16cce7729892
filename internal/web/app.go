package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"

	"noichinh/internal/access"
	"noichinh/internal/accounts"
	"noichinh/internal/audit"
	"noichinh/internal/config"
	"noichinh/internal/metrics"
	"noichinh/internal/reqinfo"
	"noichinh/internal/search"
	"noichinh/internal/settings"
	"noichinh/internal/store"
)

// App is the HTTP application: router, middleware and shared dependencies.
type App struct {
	db       *store.DB
	log      *slog.Logger
	metrics  *metrics.HTTP
	proxies  []*net.IPNet
	tls      bool
	router   *Router
	accounts *accounts.Service
	sessions *scs.SessionManager
	search   *search.Service
	tmpl     templates
	nav      []NavItem
	widgets  []HomeWidget
	apiOps   []APIOp
	demo     bool
	// metricsAllowed lists who may read /metrics besides loopback.
	metricsAllowed []*net.IPNet
}

// Options configure New.
type Options struct {
	DB       *store.DB
	Log      *slog.Logger
	Config   *config.Config
	Accounts *accounts.Service
	Search   *search.Service
}

// New builds the application with the platform routes; modules add theirs
// through Router before Handler is called.
func New(opts Options) (*App, error) {
	proxies, err := opts.Config.ProxyNets()
	if err != nil {
		return nil, err
	}
	a := &App{
		db:       opts.DB,
		log:      opts.Log,
		metrics:  metrics.NewHTTP(),
		proxies:  proxies,
		tls:      opts.Config.TLS(),
		accounts: opts.Accounts,
		search:   opts.Search,
		sessions: newSessionManager(accounts.NewSessionStore(opts.DB), opts.Config.TLS()),
		nav:      defaultNav(),
	}
	a.metricsAllowed = proxies
	demo, err := settings.Get(context.Background(), opts.DB.Read(), 0, settings.DemoInstance, "")
	if err != nil {
		return nil, err
	}
	a.demo = demo == "true"
	a.router = newRouter(a.gate)
	a.router.HandleFunc("GET /healthz", Public, a.healthz)
	a.router.HandleFunc("GET /readyz", Public, a.readyz)
	a.router.HandleFunc("GET /metrics", Public, a.serveMetrics)
	a.router.Handle("GET /static/", Public, staticHandler())
	a.routeShell()
	return a, nil
}

// Router is where modules register their routes.
func (a *App) Router() *Router { return a.router }

// Handler is the complete HTTP handler: middleware around the router.
// Cross-origin state-changing requests are refused (CSRF protection from
// the browser's Sec-Fetch-Site and Origin headers).
func (a *App) Handler() http.Handler {
	for _, item := range a.nav {
		if item.Coming && !a.router.has("GET "+item.Path) {
			a.router.HandleFunc("GET "+item.Path, Need(item.Perm), a.comingPage(item))
		}
	}
	if err := a.tmpl.load(); err != nil {
		// A template that does not parse is a programming error found at start.
		panic(err)
	}
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.renderError(w, r, http.StatusForbidden)
	}))
	var h http.Handler = a.router.mux
	h = a.authenticate(h)
	h = a.sessions.LoadAndSave(h)
	h = csrf.Handler(h)
	h = a.secureHeaders(h)
	return a.observe(h)
}

// Sessions is the session manager, for module handlers that keep state
// between requests (a multi-step form).
func (a *App) Sessions() *scs.SessionManager { return a.sessions }

// DB is the database, for module wiring.
func (a *App) DB() *store.DB { return a.db }

// Log is the logger.
func (a *App) Log() *slog.Logger { return a.log }

// gate enforces a route's rule before its handler runs. A refusal of a
// signed-in user is audited: repeated denials show someone probing.
func (a *App) gate(rule Rule, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		actor := access.FromContext(r.Context())
		if !rule.Allows(actor) {
			a.deny(w, r, actor)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// deny answers a request the rule refused: nobody signed in goes to the
// login page (for pages) or gets 401 (for the API); a signed-in user gets
// 403, and the denial is audited.
func (a *App) deny(w http.ResponseWriter, r *http.Request, actor *access.Actor) {
	if actor == nil {
		a.renderError(w, r, http.StatusUnauthorized)
		return
	}
	if err := audit.RecordNow(r.Context(), a.db, audit.Event{Action: audit.Denied, Entity: "route", EntityID: r.Pattern,
		Summary: "Từ chối truy cập " + r.Method + " " + r.URL.Path}); err != nil {
		a.log.Error("audit denial", "err", err)
	}
	a.renderError(w, r, http.StatusForbidden)
}

// Fail answers a service error the way every handler should: not found (or
// not visible: the same answer) → 404, forbidden → 403, anything else → 500
// with the details only in the log.
func (a *App) Fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		a.renderError(w, r, http.StatusNotFound)
	case errors.Is(err, access.ErrForbidden):
		a.deny(w, r, access.FromContext(r.Context()))
	case errors.Is(err, access.ErrUnauthenticated):
		a.renderError(w, r, http.StatusUnauthorized)
	default:
		a.log.Error("request failed", "request_id", reqinfo.From(r.Context()).RequestID, "route", r.Pattern, "err", err)
		a.renderError(w, r, http.StatusInternalServerError)
	}
}

func (a *App) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "ok")
}

// readyz is ready when the database answers and its schema is current; a
// load balancer sends traffic only to ready servers.
func (a *App) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := a.db.Ping(ctx); err != nil {
		a.log.Warn("readyz: database unreachable", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, "database unreachable")
		return
	}
	if err := a.db.CheckCurrent(ctx); err != nil {
		a.log.Warn("readyz: schema not current", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, "database schema not current")
		return
	}
	fmt.Fprintln(w, "ready")
}

// serveMetrics answers loopback and trusted networks only: route latencies
// are harmless, but nothing on this server is public by accident.
func (a *App) serveMetrics(w http.ResponseWriter, r *http.Request) {
	host := hostOf(r.RemoteAddr)
	if ip := net.ParseIP(host); ip == nil || (!ip.IsLoopback() && !isTrusted(host, a.metricsAllowed)) {
		a.renderError(w, r, http.StatusNotFound)
		return
	}
	var gauges []metrics.Gauge
	for _, s := range a.db.Stats() {
		l := map[string]string{"pool": s.Pool}
		gauges = append(gauges,
			metrics.Gauge{Name: "noichinh_db_open_connections", Help: "Open database connections.", Labels: l, Value: float64(s.OpenConnections)},
			metrics.Gauge{Name: "noichinh_db_in_use_connections", Help: "Database connections in use.", Labels: l, Value: float64(s.InUse)},
			metrics.Gauge{Name: "noichinh_db_idle_connections", Help: "Idle database connections.", Labels: l, Value: float64(s.Idle)},
			metrics.Gauge{Name: "noichinh_db_wait_count", Help: "Waits for a free connection, total.", Labels: l, Value: float64(s.WaitCount)},
			metrics.Gauge{Name: "noichinh_db_wait_seconds", Help: "Time waited for a free connection, total.", Labels: l, Value: s.WaitDuration.Seconds()},
		)
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	a.metrics.Write(w, gauges)
}

// Serve runs the server on ln until ctx ends, then lets in-flight requests
// finish (up to grace) before returning.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, cfg *config.Config, log *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // uploads of scanned documents on slow links
		WriteTimeout:      5 * time.Minute, // large exports
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() {
		var err error
		if cfg.TLS() {
			err = srv.ServeTLS(ln, cfg.TLSCert, cfg.TLSKey)
		} else {
			err = srv.Serve(ln)
		}
		errc <- err
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight", "grace", cfg.ShutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(shutdownCtx)
	if errors.Is(err, context.DeadlineExceeded) {
		log.Warn("shutdown grace ended with requests still running")
		srv.Close()
	}
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		return serr
	}
	return err
}
