// Package e2e runs noichinh end to end: the complete application (as
// `noichinh serve -demo` assembles it) on a real port with a fresh database
// and the demo data, driven by a real headless Chromium the way a person
// uses it. Each module adds its browser tests here, in a file of its own.
package e2e

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"noichinh/internal/accounts"
	"noichinh/internal/app"
	"noichinh/internal/config"
	"noichinh/internal/demo"
	"noichinh/internal/store/storetest"
	"noichinh/internal/web"
)

// Server is a running noichinh with demo data.
type Server struct {
	URL      string
	Services *app.Services
	Demo     *demo.Env
	password map[string]string
}

// Password is a demo account's password.
func (s *Server) Password(username string) string { return s.password[username] }

// StartServer starts the complete application on a free loopback port over
// a fresh SQLite database loaded with the demo data; it stops with the test.
func StartServer(t *testing.T) *Server {
	t.Helper()
	accounts.UseCheapHashingInTests()
	cfg := storetest.SQLiteConfig(t)
	cfg.ShutdownTimeout = 5 * time.Second
	db := storetest.Migrated(t, cfg)
	svc, err := app.NewServices(cfg, db)
	if err != nil {
		t.Fatal(err)
	}
	env, err := svc.LoadDemo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	webApp, err := svc.Web(log)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- web.Serve(ctx, ln, webApp.Handler(), &config.Config{ShutdownTimeout: 5 * time.Second}, log)
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server: %v", err)
		}
	})
	s := &Server{URL: "http://" + ln.Addr().String(), Services: svc, Demo: env, password: map[string]string{}}
	for _, a := range env.Accounts {
		s.password[a.Username] = a.Password
	}
	return s
}

// chromiumPath finds Debian's chromium (or another Chromium/Chrome).
func chromiumPath() string {
	if p := os.Getenv("NOICHINH_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Browser is one headless Chromium tab against a Server.
type Browser struct {
	t      *testing.T
	ctx    context.Context
	server *Server
	dir    string
}

// NewBrowser starts headless Chromium, or skips the test when it is not
// installed (fails instead when NOICHINH_TEST_REQUIRE includes "browser").
// On failure the last page's screenshot and HTML are saved under the test's
// temporary folder, and their paths printed.
func NewBrowser(t *testing.T, s *Server) *Browser {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		storetest.SkipOrFail(t, "browser", "Chromium is not installed (apt install chromium); browser tests skipped")
	}
	dir := t.TempDir()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	b := &Browser{t: t, ctx: ctx, server: s, dir: dir}
	// The first Run starts the browser; it must not carry a timeout, which
	// would stop the whole browser when it expires.
	if err := chromedp.Do(ctx); err != nil {
		cancelCtx()
		cancelAlloc()
		t.Fatalf("start Chromium at %s: %v", path, err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			b.saveEvidence()
		}
		cancelCtx()
		cancelAlloc()
	})
	return b
}

func (b *Browser) saveEvidence() {
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	shot, _ := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // quality 100 is PNG; below it JPEG
	html, _ := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html")))
	png := filepath.Join(b.dir, "failure.png")
	page := filepath.Join(b.dir, "failure.html")
	_ = os.WriteFile(png, shot, 0o600)
	_ = os.WriteFile(page, []byte(html), 0o600)
	// The temp folder is removed after the test; keep copies where a person can find them.
	keep := filepath.Join(os.TempDir(), "noichinh-e2e-"+strings.ReplaceAll(b.t.Name(), "/", "_"))
	_ = os.MkdirAll(keep, 0o755)
	_ = os.WriteFile(filepath.Join(keep, "failure.png"), shot, 0o644)
	_ = os.WriteFile(filepath.Join(keep, "failure.html"), []byte(html), 0o644)
	b.t.Logf("browser evidence: screenshot %s, page %s (copies kept in %s)", png, page, keep)
}

// step bounds one browser step, so a page that never comes fails the test
// instead of hanging it.
const step = 20 * time.Second

// Do runs actions that return nothing, failing the test with what was attempted.
func (b *Browser) Do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// Eval evaluates a JavaScript expression in the page.
func Eval[T any](b *Browser, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

func get[T any](b *Browser, what string, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	return v
}

// Go opens a path of the server and waits for the page's main content.
func (b *Browser) Go(path string) {
	b.t.Helper()
	b.Do("open "+path, chromedp.Navigate(b.server.URL+path), chromedp.WaitReady(chromedp.CSS("main")))
}

// Text returns the visible text of the first element matching the CSS selector sel.
func (b *Browser) Text(sel string) string {
	b.t.Helper()
	return get(b, "read "+sel, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
}

// HTML returns the current page's HTML.
func (b *Browser) HTML() string {
	b.t.Helper()
	return get(b, "read the page", chromedp.OuterHTML(chromedp.CSS("html")))
}

// Location is the current URL's path and query.
func (b *Browser) Location() string {
	b.t.Helper()
	return strings.TrimPrefix(get(b, "read the location", chromedp.Location()), b.server.URL)
}

// Fill types text into the field sel (after clearing it).
func (b *Browser) Fill(sel, text string) {
	b.t.Helper()
	b.Do("fill "+sel, chromedp.WaitVisible(chromedp.CSS(sel)), chromedp.Clear(chromedp.CSS(sel)),
		chromedp.SendKeys(chromedp.CSS(sel), text))
}

// Click clicks sel and waits for the page that follows.
func (b *Browser) Click(sel string) {
	b.t.Helper()
	b.Do("click "+sel, chromedp.Click(chromedp.CSS(sel)), chromedp.Sleep(200*time.Millisecond),
		chromedp.WaitReady(chromedp.CSS("main")))
}

// ClickLink follows the first link in main whose text contains text.
func (b *Browser) ClickLink(text string) {
	b.t.Helper()
	js := fmt.Sprintf(`(Array.from(document.querySelectorAll("main a")).find(a => a.textContent.includes(%q)) || {}).href || ""`, text)
	href := Eval[string](b, js)
	if href == "" {
		b.t.Fatalf("no link %q on %s", text, b.Location())
	}
	b.Do("follow "+text, chromedp.Navigate(href), chromedp.WaitReady(chromedp.CSS("main")))
}

// Has reports whether an element matching the CSS selector sel exists now.
func (b *Browser) Has(sel string) bool {
	b.t.Helper()
	return Eval[bool](b, fmt.Sprintf(`document.querySelector(%q) !== null`, sel))
}

// SignIn signs in as a demo account through the sign-in page.
func (b *Browser) SignIn(username string) {
	b.t.Helper()
	b.Go("/login")
	b.Fill("#f-username", username)
	b.Fill("#f-password", b.server.Password(username))
	b.Click("main form button[type=submit]")
	if strings.HasPrefix(b.Location(), "/login") {
		b.t.Fatalf("sign-in as %s failed: %s", username, b.Text("main"))
	}
}

// Status fetches a path without the browser, for checks of headers and codes.
func (s *Server) Status(path string) (int, error) {
	resp, err := http.Get(s.URL + path)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// Errorf fails the test with the page's text as context.
func (b *Browser) Errorf(format string, a ...any) {
	b.t.Helper()
	b.t.Errorf(format+"\n(page %s)", append(a, fmt.Sprint(b.Location()))...)
}
