package web

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"noichinh/internal/accounts"
	"noichinh/internal/config"
	"noichinh/internal/search"
	"noichinh/internal/store/storetest"
)

func TestMain(m *testing.M) {
	accounts.UseCheapHashingInTests()
	os.Exit(storetest.Main(m))
}

func newTestApp(t *testing.T) *App {
	t.Helper()
	db := storetest.SQLite(t)
	app, err := New(Options{DB: db, Log: slog.New(slog.DiscardHandler), Config: &config.Config{Data: t.TempDir()},
		Accounts: accounts.New(db, nil, accounts.DefaultPolicy), Search: search.New(db)})
	if err != nil {
		t.Fatal(err)
	}
	return app
}

func TestGracefulShutdownFinishesInFlightRequests(t *testing.T) {
	app := newTestApp(t)
	started := make(chan struct{})
	app.Router().HandleFunc("GET /slow", Public, func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(300 * time.Millisecond)
		io.WriteString(w, "finished")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() {
		served <- Serve(ctx, ln, app.Handler(), &config.Config{ShutdownTimeout: 5 * time.Second}, slog.New(slog.DiscardHandler))
	}()
	type result struct {
		body string
		err  error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/slow")
		if err != nil {
			got <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		got <- result{string(b), err}
	}()
	<-started
	cancel() // SIGTERM arrives while the request runs
	r := <-got
	if r.err != nil || r.body != "finished" {
		t.Fatalf("in-flight request: %q %v", r.body, r.err)
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve returned %v", err)
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
		t.Fatal("server still accepting after shutdown")
	}
}

func TestSecurityHeadersAndCrossOriginPost(t *testing.T) {
	app := newTestApp(t)
	app.Router().HandleFunc("POST /change", Public, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "changed") })
	h := app.Handler()

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	for k, want := range map[string]string{
		"Content-Security-Policy": "frame-ancestors 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "same-origin",
		"X-Frame-Options":         "DENY",
		"Cache-Control":           "no-store",
	} {
		if !strings.Contains(rec.Header().Get(k), want) {
			t.Errorf("%s = %q, want %q", k, rec.Header().Get(k), want)
		}
	}
	if csp := rec.Header().Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP allows inline code: %s", csp)
	}
	if rec.Header().Get("Strict-Transport-Security") != "" {
		t.Error("HSTS sent without TLS")
	}
	if rec.Header().Get("X-Request-ID") == "" {
		t.Error("no request ID")
	}

	cross := httptest.NewRequest("POST", "/change", nil)
	cross.Header.Set("Sec-Fetch-Site", "cross-site")
	cross.Header.Set("Origin", "https://evil.example")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, cross)
	if rec.Code != http.StatusForbidden || strings.Contains(rec.Body.String(), "changed") {
		t.Fatalf("cross-origin POST: %d %q", rec.Code, rec.Body.String())
	}
	same := httptest.NewRequest("POST", "/change", nil)
	same.Header.Set("Sec-Fetch-Site", "same-origin")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, same)
	if rec.Code != http.StatusOK {
		t.Fatalf("same-origin POST: %d", rec.Code)
	}
}

func TestReadyzFollowsSchema(t *testing.T) {
	app := newTestApp(t)
	h := app.Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
	if rec.Code != 200 {
		t.Fatalf("readyz on a migrated database: %d", rec.Code)
	}
	// Roll the recorded schema back: the server must say it is not ready.
	if err := app.db.Tx(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`DELETE FROM goose_db_version WHERE version_id = (SELECT MAX(version_id) FROM goose_db_version)`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("readyz with a pending migration: %d", rec.Code)
	}
}

func TestMetricsOnlyForLoopback(t *testing.T) {
	app := newTestApp(t)
	h := app.Handler()
	local := httptest.NewRequest("GET", "/metrics", nil)
	local.RemoteAddr = "127.0.0.1:5000"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, local)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "noichinh_db_open_connections") {
		t.Fatalf("loopback metrics: %d", rec.Code)
	}
	remote := httptest.NewRequest("GET", "/metrics", nil)
	remote.RemoteAddr = "192.0.2.10:5000"
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, remote)
	if rec.Code != http.StatusNotFound {
		t.Fatalf("remote metrics: %d", rec.Code)
	}
}

func TestClientAddrTrustsOnlyConfiguredProxies(t *testing.T) {
	cfg := &config.Config{TrustedProxies: "10.0.0.1"}
	proxies, _ := cfg.ProxyNets()
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "10.0.0.1:443"
	r.Header.Set("X-Forwarded-For", "1.2.3.4, 198.51.100.7")
	if got := clientAddr(r, proxies); got != "198.51.100.7" {
		t.Errorf("through proxy: %s", got)
	}
	r.RemoteAddr = "203.0.113.9:443"
	if got := clientAddr(r, proxies); got != "203.0.113.9" {
		t.Errorf("forged header from an untrusted peer was believed: %s", got)
	}
}

func TestRouteWithoutRulePanics(t *testing.T) {
	app := newTestApp(t)
	defer func() {
		if recover() == nil {
			t.Fatal("a route without a rule was accepted")
		}
	}()
	app.Router().HandleFunc("GET /x", Rule{}, func(http.ResponseWriter, *http.Request) {})
}
