package e2e

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"noichinh/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// A specialist signs in, moves through the shell, switches to English (and
// finds it remembered at the next sign-in), and signs out.
func TestShellAsSpecialist(t *testing.T) {
	s := StartServer(t)
	b := NewBrowser(t, s)
	b.Go("/")
	if !strings.HasPrefix(b.Location(), "/login") {
		t.Fatalf("signed out, / went to %s", b.Location())
	}
	b.SignIn("chuyenvien1")
	if got := b.Text("main h1"); !strings.Contains(got, "Xin chào, Lương Văn Hùng") {
		b.Errorf("home heading: %q", got)
	}
	if !strings.Contains(b.Text(".demo-banner"), "Bản trình diễn") {
		b.Errorf("demo banner missing")
	}
	nav := b.Text("nav.modules")
	for _, want := range []string{"Tổng quan", "Vụ án, vụ việc", "Đơn thư", "Văn bản"} {
		if !strings.Contains(nav, want) {
			b.Errorf("navigation lacks %q: %s", want, nav)
		}
	}
	if strings.Contains(nav, "Người dùng") {
		b.Errorf("a specialist sees the user administration")
	}
	// Through the navigation to a module and to the account page.
	b.Click(`nav.modules a[href="/inspections"]`)
	if b.Location() != "/inspections" || !b.Has(`nav.modules a[aria-current="page"][href="/inspections"]`) {
		b.Errorf("the module page is not current in the navigation")
	}
	b.Click(`header a[href="/account"]`)
	if !strings.Contains(b.Text("main"), "chuyenvien1") {
		b.Errorf("account page")
	}
	// English, remembered on the account.
	b.Click(`header form[action="/lang"] button`)
	if got := b.Text("main h1"); got != "My account" {
		b.Errorf("after switching to English the heading is %q", got)
	}
	b.Click(`header form[action="/logout"] button`)
	b.SignIn("chuyenvien1")
	if got := b.Text("main h1"); !strings.Contains(got, "Hello, Lương Văn Hùng") {
		b.Errorf("English not remembered: %q", got)
	}
	if !strings.Contains(b.Text("nav.modules"), "Cases") {
		b.Errorf("navigation not in English")
	}
}

var secretText = regexp.MustCompile(`[A-Z2-7]{16,}`)

// The administrator must set up the second factor, then finds people with
// the search box whatever the accents typed.
func TestAdministratorEnrolsAndSearches(t *testing.T) {
	s := StartServer(t)
	b := NewBrowser(t, s)
	b.SignIn("admin")
	if b.Location() != "/account/2fa" {
		t.Fatalf("administrator not sent to enrolment but to %s", b.Location())
	}
	secret := secretText.FindString(b.Text("code.secret"))
	if secret == "" || !b.Has(`img.qr[src^="data:image/png;base64,"]`) {
		t.Fatalf("enrolment page without QR code or key")
	}
	code, _ := totp.GenerateCode(secret, time.Now())
	b.Fill("#f-code", code)
	b.Click("main form button[type=submit]")
	if n := strings.Count(b.HTML(), "<li><code>"); n != 10 {
		b.Errorf("recovery codes shown: %d", n)
	}
	b.Click(`main a.button[href="/"]`)
	b.Fill("#q", "luong van hung")
	b.Click("form.search button")
	if !strings.HasPrefix(b.Location(), "/search?q=luong") {
		b.Errorf("search went to %s", b.Location())
	}
	results := b.Text("main")
	if !strings.Contains(results, "Lương Văn Hùng (chuyenvien1)") {
		b.Errorf("search for a name without accents found: %s", results)
	}
	if !b.Has("ol.results mark") {
		b.Errorf("no highlighted words in the results")
	}
	// The user list links to the person's page.
	b.Click(`nav.modules a[href="/admin/users"]`)
	b.ClickLink("chuyenvien1")
	if !strings.Contains(b.Text("main h1"), "Lương Văn Hùng") {
		b.Errorf("user page: %s", b.Text("main h1"))
	}
}

// On a phone the navigation folds behind the menu button.
func TestShellOnAPhone(t *testing.T) {
	s := StartServer(t)
	b := NewBrowser(t, s)
	b.Do("phone viewport", chromedp.EmulateViewport(390, 844))
	b.SignIn("chuyenvien2")
	navShown := `getComputedStyle(document.querySelector("nav.modules")).display !== "none"`
	if Eval[bool](b, navShown) {
		b.Errorf("the navigation takes the phone's screen before the menu is opened")
	}
	b.Do("open menu", chromedp.Click(chromedp.CSS(".navtoggle")))
	if !Eval[bool](b, navShown) {
		b.Errorf("the menu button does not open the navigation")
	}
	if expanded := Eval[string](b, `document.querySelector(".navtoggle").getAttribute("aria-expanded")`); expanded != "true" {
		b.Errorf("aria-expanded = %q", expanded)
	}
}

// No page may carry inline script or style: the Content-Security-Policy
// would block them, and a page that depends on them breaks silently.
func TestNoInlineScriptOrStyle(t *testing.T) {
	s := StartServer(t)
	b := NewBrowser(t, s)
	b.SignIn("chuyenvien1")
	for _, path := range []string{"/", "/account", "/notifications", "/search?q=x", "/cases"} {
		b.Go(path)
		html := b.HTML()
		if regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]`).MatchString(html) || strings.Contains(html, " style=\"") || strings.Contains(html, "<style") {
			b.Errorf("%s has inline script or style", path)
		}
	}
}
