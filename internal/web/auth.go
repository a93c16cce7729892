package web

import (
	"errors"
	"net"
	"net/http"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/accounts"
	"noichinh/internal/i18n"
	"noichinh/internal/orgs"
	"noichinh/internal/validate"
)

func (a *App) routeAuth() {
	r := a.router
	r.HandleFunc("GET /login", Public, a.loginPage)
	r.HandleFunc("POST /login", Public, a.login)
	r.HandleFunc("GET /login/code", Public, a.codePage)
	r.HandleFunc("POST /login/code", Public, a.code)
	r.HandleFunc("POST /logout", SignedIn, a.logout)
	r.HandleFunc("GET /setup", Public, a.setupPage)
	r.HandleFunc("POST /setup", Public, a.setup)
}

func (a *App) loginPage(w http.ResponseWriter, r *http.Request) {
	if access.FromContext(r.Context()) != nil {
		http.Redirect(w, r, localPath(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	a.renderLogin(w, r, nil, http.StatusOK)
}

func (a *App) renderLogin(w http.ResponseWriter, r *http.Request, err error, status int) {
	p := &Page{Form: a.NewForm(r, err), Status: status, Data: map[string]any{"Next": localPath(r.FormValue("next"))}}
	p.Title = i18n.T(a.lang(r), "auth.login.title", nil)
	a.Render(w, r, "shell/login", p)
}

func (a *App) login(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	res, err := a.accounts.SignIn(ctx, r.PostFormValue("username"), r.PostFormValue("password"))
	switch {
	case errors.Is(err, accounts.ErrRateLimited):
		a.renderLogin(w, r, validate.Errors{{Key: "accounts.error.rate_limited"}}, http.StatusTooManyRequests)
		return
	case errors.Is(err, accounts.ErrNoAccount):
		a.renderLogin(w, r, validate.Errors{{Key: "accounts.error.signin"}}, http.StatusUnauthorized)
		return
	case err != nil:
		a.Fail(w, r, err)
		return
	}
	next := localPath(r.PostFormValue("next"))
	if res.NeedCode {
		// The password was right; the session is not signed in until the code is.
		if err := a.sessions.RenewToken(ctx); err != nil {
			a.Fail(w, r, err)
			return
		}
		a.sessions.Put(ctx, keyPending, res.User.ID)
		a.sessions.Put(ctx, keyPendingAt, time.Now().Unix())
		a.sessions.Put(ctx, keyPendingEp, res.Epoch)
		if res.MustChangePassword {
			a.sessions.Put(ctx, keyPendingMst, "password")
		}
		http.Redirect(w, r, "/login/code?next="+urlQueryEscape(next), http.StatusSeeOther)
		return
	}
	if err := a.startSession(ctx, res); err != nil {
		a.Fail(w, r, err)
		return
	}
	switch {
	case res.MustChangePassword:
		a.flash(r, "info", "auth.must_change_password")
		next = "/account/password"
	case res.MustEnrol:
		a.flash(r, "info", "auth.must_enrol")
		next = "/account/2fa"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// pendingUser is the user who passed the password and owes a code, if the
// step is still fresh.
func (a *App) pendingUser(r *http.Request) int64 {
	ctx := r.Context()
	id := a.sessions.GetInt64(ctx, keyPending)
	at := time.Unix(a.sessions.GetInt64(ctx, keyPendingAt), 0)
	if id == 0 || time.Since(at) > pendingCodeFor {
		return 0
	}
	return id
}

func (a *App) codePage(w http.ResponseWriter, r *http.Request) {
	if a.pendingUser(r) == 0 {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	a.renderCode(w, r, nil, http.StatusOK)
}

func (a *App) renderCode(w http.ResponseWriter, r *http.Request, err error, status int) {
	p := &Page{Form: a.NewForm(r, err), Status: status, Data: map[string]any{"Next": localPath(r.FormValue("next"))}}
	p.Title = i18n.T(a.lang(r), "auth.code.title", nil)
	a.Render(w, r, "shell/code", p)
}

func (a *App) code(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	uid := a.pendingUser(r)
	if uid == 0 {
		a.flash(r, "error", "auth.code.expired")
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	u, err := a.accounts.CompleteWithCode(ctx, uid, r.PostFormValue("code"))
	if errors.Is(err, accounts.ErrNoAccount) {
		a.renderCode(w, r, validate.Errors{{Field: "code", Key: "accounts.error.code"}}, http.StatusUnauthorized)
		return
	}
	if err != nil {
		a.Fail(w, r, err)
		return
	}
	res := &accounts.SignInResult{User: u, Epoch: a.sessions.GetInt64(ctx, keyPendingEp),
		MustChangePassword: a.sessions.GetString(ctx, keyPendingMst) == "password"}
	if err := a.startSession(ctx, res); err != nil {
		a.Fail(w, r, err)
		return
	}
	next := localPath(r.PostFormValue("next"))
	if res.MustChangePassword {
		a.flash(r, "info", "auth.must_change_password")
		next = "/account/password"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (a *App) logout(w http.ResponseWriter, r *http.Request) {
	if err := a.accounts.SignOut(r.Context()); err != nil {
		a.log.Error("audit sign-out", "err", err)
	}
	if err := a.sessions.Destroy(r.Context()); err != nil {
		a.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// fromLoopback reports whether the request comes from this machine itself,
// judged by the connection (never by a forwarded header): the first-run
// setup must not be reachable from the network.
func fromLoopback(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	ip := net.ParseIP(host)
	return err == nil && ip != nil && ip.IsLoopback() && r.Header.Get("X-Forwarded-For") == ""
}

func (a *App) setupPage(w http.ResponseWriter, r *http.Request) {
	if !fromLoopback(r) || !a.accounts.CheckSetupToken(r.Context(), r.URL.Query().Get("token")) {
		a.renderError(w, r, http.StatusNotFound)
		return
	}
	a.renderSetup(w, r, nil, http.StatusOK)
}

func (a *App) renderSetup(w http.ResponseWriter, r *http.Request, err error, status int) {
	all, lerr := orgs.List(r.Context(), a.db.Read())
	if lerr != nil {
		a.Fail(w, r, lerr)
		return
	}
	p := &Page{Form: a.NewForm(r, err), Status: status,
		Data: map[string]any{"Token": r.FormValue("token"), "NeedOrg": len(all) == 0}}
	p.Title = i18n.T(a.lang(r), "auth.setup.title", nil)
	a.Render(w, r, "shell/setup", p)
}

func (a *App) setup(w http.ResponseWriter, r *http.Request) {
	if !fromLoopback(r) {
		a.renderError(w, r, http.StatusNotFound)
		return
	}
	f := accounts.SetupForm{
		Org: orgs.Org{Code: r.PostFormValue("org_code"), Name: r.PostFormValue("org_name"), Place: r.PostFormValue("org_place"),
			IssuerCode: r.PostFormValue("org_issuer")},
		Username: r.PostFormValue("username"), FullName: r.PostFormValue("full_name"), Password: r.PostFormValue("password"),
	}
	if f.Password != r.PostFormValue("password2") {
		a.renderSetup(w, r, validate.Errors{{Field: "password2", Key: "accounts.error.password_mismatch"}}, http.StatusUnprocessableEntity)
		return
	}
	u, err := a.accounts.CompleteSetup(r.Context(), r.PostFormValue("token"), f)
	if _, ok := validate.As(err); ok {
		a.renderSetup(w, r, err, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		a.Fail(w, r, err)
		return
	}
	a.flash(r, "ok", "auth.setup.done")
	if err := a.startSession(r.Context(), &accounts.SignInResult{User: u, MustEnrol: true}); err != nil {
		a.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/account/2fa", http.StatusSeeOther)
}
