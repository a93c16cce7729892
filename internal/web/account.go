package web

import (
	"net/http"
	"net/url"
	"strconv"

	"noichinh/internal/access"
	"noichinh/internal/i18n"
	"noichinh/internal/validate"
)

func (a *App) routeAccount() {
	r := a.router
	r.HandleFunc("GET /account", Need(access.Self), a.accountPage)
	r.HandleFunc("GET /account/password", Need(access.Self), a.passwordPage)
	r.HandleFunc("POST /account/password", Need(access.Self), a.changePassword)
	r.HandleFunc("GET /account/2fa", Need(access.Self), a.enrolPage)
	r.HandleFunc("POST /account/2fa", Need(access.Self), a.enrol)
	r.HandleFunc("POST /account/2fa/disable", Need(access.Self), a.disable2FA)
	r.HandleFunc("POST /account/tokens", Need(access.Self), a.createToken)
	r.HandleFunc("POST /account/tokens/{id}/revoke", Need(access.Self), a.revokeToken)
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

func (a *App) accountPage(w http.ResponseWriter, r *http.Request) {
	a.renderAccount(w, r, nil, "", http.StatusOK)
}

// renderAccount shows the account page; newToken is a just-created token's
// secret, shown this once.
func (a *App) renderAccount(w http.ResponseWriter, r *http.Request, err error, newToken string, status int) {
	ctx := r.Context()
	tokens, terr := a.accounts.Tokens(ctx)
	if terr != nil {
		a.Fail(w, r, terr)
		return
	}
	left, lerr := a.accounts.RecoveryCodesLeft(ctx)
	if lerr != nil {
		a.Fail(w, r, lerr)
		return
	}
	u := userFrom(ctx)
	p := &Page{Form: a.NewForm(r, err), Status: status, Data: map[string]any{
		"Tokens": tokens, "NewToken": newToken, "CodesLeft": left, "Required2FA": a.accounts.RequiresSecondFactor(ctx, u),
	}}
	p.Title = i18n.T(a.lang(r), "account.title", nil)
	a.Render(w, r, "shell/account", p)
}

func (a *App) passwordPage(w http.ResponseWriter, r *http.Request) {
	a.renderPassword(w, r, nil, http.StatusOK)
}

func (a *App) renderPassword(w http.ResponseWriter, r *http.Request, err error, status int) {
	p := &Page{Form: a.NewForm(r, err), Status: status, Data: map[string]any{
		"Forced": a.sessions.GetString(r.Context(), keyMust) == "password"}}
	p.Title = i18n.T(a.lang(r), "account.password.title", nil)
	a.Render(w, r, "shell/password", p)
}

func (a *App) changePassword(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	next := r.PostFormValue("password")
	if next != r.PostFormValue("password2") {
		a.renderPassword(w, r, validate.Errors{{Field: "password2", Key: "accounts.error.password_mismatch"}}, http.StatusUnprocessableEntity)
		return
	}
	epoch, err := a.accounts.ChangeOwnPassword(ctx, r.PostFormValue("current_password"), next)
	if _, ok := validate.As(err); ok {
		a.renderPassword(w, r, err, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		a.Fail(w, r, err)
		return
	}
	// Other sessions of the user have ended (new epoch); this one goes on
	// under a new token.
	if err := a.sessions.RenewToken(ctx); err != nil {
		a.Fail(w, r, err)
		return
	}
	a.sessions.Put(ctx, keyEpoch, epoch)
	a.flash(r, "ok", "account.password.changed")
	if a.sessions.GetString(ctx, keyMust) == "password" {
		a.sessions.Remove(ctx, keyMust)
		if u := userFrom(ctx); !u.TOTPEnabled && a.accounts.RequiresSecondFactor(ctx, u) {
			a.sessions.Put(ctx, keyMust, "enrol")
			a.flash(r, "info", "auth.must_enrol")
			http.Redirect(w, r, "/account/2fa", http.StatusSeeOther)
			return
		}
	}
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}

// enrolPage starts (or shows) the set-up of a second factor. The sealed
// secret waits in the session until the user confirms a code.
func (a *App) enrolPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userFrom(ctx)
	if u.TOTPEnabled {
		http.Redirect(w, r, "/account", http.StatusSeeOther)
		return
	}
	enr, err := a.accounts.BeginEnrolment(ctx)
	if err != nil {
		a.Fail(w, r, err)
		return
	}
	a.sessions.Put(ctx, keyEnrol, enr.Sealed)
	p := &Page{Form: a.NewForm(r, nil), Data: map[string]any{"Enrolment": enr,
		"Forced": a.sessions.GetString(ctx, keyMust) == "enrol"}}
	p.Title = i18n.T(a.lang(r), "account.2fa.title", nil)
	a.Render(w, r, "shell/enrol", p)
}

func (a *App) enrol(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	codes, err := a.accounts.ConfirmEnrolment(ctx, a.sessions.GetString(ctx, keyEnrol), r.PostFormValue("code"))
	if _, ok := validate.As(err); ok {
		a.flash(r, "error", "accounts.error.code")
		http.Redirect(w, r, "/account/2fa", http.StatusSeeOther)
		return
	}
	if err != nil {
		a.Fail(w, r, err)
		return
	}
	a.sessions.Remove(ctx, keyEnrol)
	if a.sessions.GetString(ctx, keyMust) == "enrol" {
		a.sessions.Remove(ctx, keyMust)
	}
	p := &Page{Data: codes}
	p.Title = i18n.T(a.lang(r), "account.2fa.codes_title", nil)
	a.Render(w, r, "shell/codes", p)
}

func (a *App) disable2FA(w http.ResponseWriter, r *http.Request) {
	actor := access.FromContext(r.Context())
	err := a.accounts.ResetSecondFactor(r.Context(), actor.UserID, r.PostFormValue("current_password"))
	if _, ok := validate.As(err); ok {
		a.renderAccount(w, r, err, "", http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		a.Fail(w, r, err)
		return
	}
	// The epoch changed: this session ends too; sign in again.
	_ = a.sessions.Destroy(r.Context())
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

func (a *App) createToken(w http.ResponseWriter, r *http.Request) {
	days, _ := strconv.Atoi(r.PostFormValue("days"))
	secret, _, err := a.accounts.CreateToken(r.Context(), r.PostFormValue("name"), r.PostFormValue("scope"), days)
	if _, ok := validate.As(err); ok {
		a.renderAccount(w, r, err, "", http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		a.Fail(w, r, err)
		return
	}
	a.renderAccount(w, r, nil, secret, http.StatusOK)
}

func (a *App) revokeToken(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err := a.accounts.RevokeToken(r.Context(), id); err != nil {
		a.Fail(w, r, err)
		return
	}
	a.flash(r, "ok", "account.tokens.revoked")
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}
