package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/accounts"
	"noichinh/internal/audit"
	"noichinh/internal/civil"
	"noichinh/internal/i18n"
	"noichinh/internal/store"
	"noichinh/internal/validate"
)

func (a *App) routeAdmin() {
	r := a.router
	need := Need(access.UsersAdmin)
	r.HandleFunc("GET /admin/users", need, a.usersPage)
	r.HandleFunc("GET /admin/users/new", need, a.newUserPage)
	r.HandleFunc("POST /admin/users", need, a.createUser)
	r.HandleFunc("GET /admin/users/{id}", need, a.userPage)
	r.HandleFunc("POST /admin/users/{id}", need, a.updateUser)
	r.HandleFunc("POST /admin/users/{id}/membership", need, a.setMembership)
	r.HandleFunc("POST /admin/users/{id}/password", need, a.resetPassword)
	r.HandleFunc("POST /admin/users/{id}/disable", need, a.disableUser)
	r.HandleFunc("POST /admin/users/{id}/enable", need, a.enableUser)
	r.HandleFunc("POST /admin/users/{id}/2fa-reset", need, a.reset2FA)
	r.HandleFunc("GET /admin/audit", Need(access.AuditRead), a.auditPage)
	r.HandleFunc("GET /admin/security", Need(access.SettingsAdmin), a.securityPage)
	r.HandleFunc("POST /admin/security", Need(access.SettingsAdmin), a.saveSecurity)
}

func (a *App) securityPage(w http.ResponseWriter, r *http.Request) {
	a.renderSecurity(w, r, nil, http.StatusOK)
}

func (a *App) renderSecurity(w http.ResponseWriter, r *http.Request, err error, status int) {
	pol := a.accounts.CurrentPolicy(r.Context())
	form := a.NewForm(r, err)
	if r.Method == http.MethodGet {
		form.Values.Set("lock_after", strconv.Itoa(pol.LockAfter))
		form.Values.Set("lock_minutes", strconv.Itoa(int(pol.LockFor/time.Minute)))
		for _, role := range pol.TwoFactorRoles {
			form.Values.Add("roles", string(role))
		}
	}
	p := &Page{TitleKey: "admin.security.title", Form: form, Status: status, Data: map[string]any{"Roles": roleOptions()}}
	a.Render(w, r, "admin/security", p)
}

func (a *App) saveSecurity(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	pol := accounts.Policy{LockAfter: int(formInt64(r, "lock_after")), LockFor: time.Duration(formInt64(r, "lock_minutes")) * time.Minute}
	for _, role := range r.PostForm["roles"] {
		pol.TwoFactorRoles = append(pol.TwoFactorRoles, access.Role(role))
	}
	err := a.accounts.SavePolicy(r.Context(), pol)
	if _, ok := validate.As(err); ok {
		a.renderSecurity(w, r, err, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		a.Fail(w, r, err)
		return
	}
	a.flash(r, "ok", "admin.users.saved")
	http.Redirect(w, r, "/admin/security", http.StatusSeeOther)
}

// roleOptions and clearanceOptions feed the select partial.
func roleOptions() [][2]string {
	var out [][2]string
	for _, r := range access.Roles {
		out = append(out, [2]string{string(r), "role." + string(r)})
	}
	return out
}

func clearanceOptions() [][2]string {
	var out [][2]string
	for _, c := range access.Classifications {
		out = append(out, [2]string{strconv.Itoa(int(c)), "classification." + c.Code()})
	}
	return out
}

func (a *App) usersPage(w http.ResponseWriter, r *http.Request) {
	users, err := a.accounts.Users(r.Context())
	if err != nil {
		a.Fail(w, r, err)
		return
	}
	p := &Page{Data: users}
	p.Title = i18n.T(a.lang(r), "nav.users", nil)
	a.Render(w, r, "admin/users", p)
}

func (a *App) newUserPage(w http.ResponseWriter, r *http.Request) {
	a.renderNewUser(w, r, nil, http.StatusOK)
}

func (a *App) renderNewUser(w http.ResponseWriter, r *http.Request, err error, status int) {
	p := &Page{Form: a.NewForm(r, err), Status: status,
		Data: map[string]any{"Roles": roleOptions(), "Clearances": clearanceOptions()}}
	p.Title = i18n.T(a.lang(r), "admin.users.new", nil)
	a.Render(w, r, "admin/user_new", p)
}

func formInt64(r *http.Request, name string) int64 {
	n, _ := strconv.ParseInt(r.PostFormValue(name), 10, 64)
	return n
}

func (a *App) createUser(w http.ResponseWriter, r *http.Request) {
	n := accounts.NewUser{
		Username: r.PostFormValue("username"), FullName: r.PostFormValue("full_name"), Password: r.PostFormValue("password"),
		Role: access.Role(r.PostFormValue("role")), Clearance: access.Classification(formInt64(r, "clearance")),
		UnitID: formInt64(r, "unit_id"), Department: r.PostFormValue("department"), MustChange: true,
	}
	u, err := a.accounts.CreateUser(r.Context(), n)
	if _, ok := validate.As(err); ok {
		a.renderNewUser(w, r, err, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		a.Fail(w, r, err)
		return
	}
	a.flash(r, "ok", "admin.users.created", "username", u.Username)
	http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(u.ID, 10), http.StatusSeeOther)
}

func (a *App) userPage(w http.ResponseWriter, r *http.Request) {
	a.renderUser(w, r, nil, http.StatusOK)
}

func (a *App) renderUser(w http.ResponseWriter, r *http.Request, err error, status int) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	u, uerr := a.accounts.User(r.Context(), id)
	if uerr != nil {
		a.Fail(w, r, uerr)
		return
	}
	actor := access.FromContext(r.Context())
	m, _ := u.In(actor.OrgID)
	p := &Page{Form: a.NewForm(r, err), Status: status, Data: map[string]any{
		"U": u, "Membership": m, "Roles": roleOptions(), "Clearances": clearanceOptions(),
	}}
	p.Title = u.FullName
	a.Render(w, r, "admin/user", p)
}

func (a *App) updateUser(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	_, err := a.accounts.UpdateUser(r.Context(), id, accounts.UserUpdate{FullName: r.PostFormValue("full_name"),
		Clearance: access.Classification(formInt64(r, "clearance")), Version: version})
	if errors.Is(err, store.ErrConflict) {
		a.renderUser(w, r, validate.Errors{{Key: "error.conflict"}}, http.StatusConflict)
		return
	}
	a.afterUserChange(w, r, err, "admin.users.saved")
}

func (a *App) setMembership(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	err := a.accounts.SetMembership(r.Context(), id, access.Role(r.PostFormValue("role")), formInt64(r, "unit_id"),
		r.PostFormValue("department"))
	a.afterUserChange(w, r, err, "admin.users.saved")
}

func (a *App) resetPassword(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	err := a.accounts.ResetPassword(r.Context(), id, r.PostFormValue("password"))
	a.afterUserChange(w, r, err, "admin.users.password_reset")
}

func (a *App) disableUser(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	a.afterUserChange(w, r, a.accounts.DisableUser(r.Context(), id), "admin.users.disabled")
}

func (a *App) enableUser(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	a.afterUserChange(w, r, a.accounts.EnableUser(r.Context(), id), "admin.users.enabled")
}

func (a *App) reset2FA(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	a.afterUserChange(w, r, a.accounts.ResetSecondFactor(r.Context(), id, ""), "admin.users.2fa_was_reset")
}

// afterUserChange shows field errors on the user page, or confirms and
// returns to it.
func (a *App) afterUserChange(w http.ResponseWriter, r *http.Request, err error, okKey string) {
	if _, ok := validate.As(err); ok {
		a.renderUser(w, r, err, http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		a.Fail(w, r, err)
		return
	}
	a.flash(r, "ok", okKey)
	http.Redirect(w, r, "/admin/users/"+r.PathValue("id"), http.StatusSeeOther)
}

func (a *App) auditPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := audit.Filter{Actor: q.Get("actor"), Entity: q.Get("entity"), EntityID: q.Get("entity_id"), Action: q.Get("action"), PerPage: 50}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	var errs validate.Errors
	if v := q.Get("from"); v != "" {
		d, err := civil.Parse(v)
		if err != nil {
			errs.Add("from", "error.invalid_date", nil)
		}
		f.From = time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, civil.Zone)
	}
	if v := q.Get("to"); v != "" {
		d, err := civil.Parse(v)
		if err != nil {
			errs.Add("to", "error.invalid_date", nil)
		}
		f.To = time.Date(d.Year, d.Month, d.Day, 23, 59, 59, 999999999, civil.Zone)
	}
	var page *audit.Page
	if len(errs) == 0 {
		var err error
		if page, err = audit.Search(r.Context(), a.db, f); err != nil {
			a.Fail(w, r, err)
			return
		}
	}
	form := &Form{Values: q, Errors: errs}
	p := &Page{Form: form, Data: page}
	p.Title = i18n.T(a.lang(r), "nav.audit", nil)
	a.Render(w, r, "admin/audit", p)
}
