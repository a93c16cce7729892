package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/accounts"
	"noichinh/internal/app"
	"noichinh/internal/fixture"
	"noichinh/internal/store/storetest"
	"noichinh/internal/web"
)

var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// Every route of the complete application, called by every role and by
// nobody: a role its rule excludes gets 403 (or, signed out, 401 or the
// sign-in page), a role it admits is never refused, and no route answers
// 500 to an empty request.
func TestEveryRouteWithEveryRole(t *testing.T) {
	accounts.UseCheapHashingInTests()
	cfg := storetest.SQLiteConfig(t)
	db := storetest.Migrated(t, cfg)
	svc, err := app.NewServices(cfg, db)
	if err != nil {
		t.Fatal(err)
	}
	webApp, err := svc.Web(slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(webApp.Handler())
	defer srv.Close()

	org := fixture.Org(t, db, "LSN")
	tokens := map[access.Role]string{}
	for _, role := range access.Roles {
		actor := fixture.User(t, db, org, "r-"+string(role), role, access.MostSecret)
		secret, _, err := svc.Accounts.CreateToken(fixture.Ctx(actor), "route test", accounts.ScopeWrite, 1)
		if err != nil {
			t.Fatal(err)
		}
		tokens[role] = secret
	}
	call := func(method, path, token string) int {
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(""))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := client.Do(req.WithContext(context.Background()))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	routes := webApp.Router().Routes()
	if len(routes) < 30 {
		t.Fatalf("only %d routes registered: the application is not fully wired", len(routes))
	}
	for _, rt := range routes {
		if rt.Pattern == "/" {
			continue // the catch-all 404
		}
		if rt.Rule.String() == "NO RULE" {
			t.Errorf("%s has no access rule", rt.Pattern)
			continue
		}
		method, path, _ := strings.Cut(rt.Pattern, " ")
		// An id that exists nowhere: a route must not reach, say, the
		// caller's own token or account by accident of numbering.
		path = pathParam.ReplaceAllString(strings.TrimSuffix(path, "{$}"), "999999")
		if strings.HasSuffix(path, "/static/") {
			path += "css/app.css"
		}
		for _, role := range access.Roles {
			actor := &access.Actor{Role: role, UserID: 1}
			code := call(method, path, tokens[role])
			switch {
			case code == http.StatusInternalServerError:
				t.Errorf("%s as %s: 500", rt.Pattern, role)
			case rt.Rule == web.Public:
				// A public route may answer 401 itself (a failed sign-in).
			case rt.Rule.Allows(actor) && (code == http.StatusForbidden || code == http.StatusUnauthorized):
				t.Errorf("%s as %s: refused (%d) although %s allows it", rt.Pattern, role, code, rt.Rule)
			case !rt.Rule.Allows(actor) && code != http.StatusForbidden:
				t.Errorf("%s as %s: %d, want 403 (%s)", rt.Pattern, role, code, rt.Rule)
			}
		}
		code := call(method, path, "")
		if rt.Rule != web.Public {
			if code != http.StatusUnauthorized && code != http.StatusSeeOther && code != http.StatusForbidden {
				t.Errorf("%s signed out: %d", rt.Pattern, code)
			}
		} else if code == http.StatusInternalServerError {
			t.Errorf("%s signed out: 500", rt.Pattern)
		}
	}
}
