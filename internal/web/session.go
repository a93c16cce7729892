package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"

	"noichinh/internal/access"
	"noichinh/internal/accounts"
	"noichinh/internal/i18n"
)

// Session lifetimes.
const (
	SessionLifetime    = 12 * time.Hour   // absolute: sign in again after a working day
	SessionIdleTimeout = 30 * time.Minute // no request for this long ends the session
	// Touching the session at most once a minute keeps idle tracking from
	// costing a database write on every page view.
	sessionTouchEvery = time.Minute
	pendingCodeFor    = 5 * time.Minute // between the password and the second-factor code
)

// Session keys.
const (
	keyUser       = "uid"
	keyOrg        = "org"
	keyEpoch      = "epoch"
	keySeen       = "seen"
	keyMust       = "must" // "password" or "enrol": the only thing the session may do
	keyPending    = "pending_uid"
	keyPendingAt  = "pending_at"
	keyPendingEp  = "pending_epoch"
	keyPendingMst = "pending_must"
	keyFlash      = "flash"
	keyEnrol      = "enrol"
)

func newSessionManager(store scs.CtxStore, tls bool) *scs.SessionManager {
	sm := scs.New()
	sm.Store = store
	sm.Lifetime = SessionLifetime
	sm.Cookie.Name = "noichinh_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = tls
	sm.Cookie.Persist = false // ends with the browser
	sm.Cookie.Path = "/"
	return sm
}

type userKey struct{}

// userFrom returns the signed-in account stored in the request context.
func userFrom(ctx context.Context) *accounts.User {
	u, _ := ctx.Value(userKey{}).(*accounts.User)
	return u
}

// authenticate finds who is making the request, once: a bearer token for the
// API, otherwise the session. Expired or invalidated sessions are ended.
func (a *App) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if auth := r.Header.Get("Authorization"); strings.HasPrefix(auth, "Bearer ") {
			actor, u, scope, err := a.accounts.AuthenticateToken(ctx, strings.TrimPrefix(auth, "Bearer "))
			if err != nil {
				writeJSON(w, http.StatusUnauthorized, apiError{Error: "invalid or expired API token"})
				return
			}
			if scope == accounts.ScopeRead && r.Method != http.MethodGet && r.Method != http.MethodHead {
				writeJSON(w, http.StatusForbidden, apiError{Error: "this token may only read"})
				return
			}
			ctx = context.WithValue(access.WithActor(ctx, actor), userKey{}, u)
			next.ServeHTTP(w, r.WithContext(ctx))
			return
		}
		uid := a.sessions.GetInt64(ctx, keyUser)
		if uid == 0 {
			next.ServeHTTP(w, r)
			return
		}
		now := time.Now()
		seen := time.Unix(a.sessions.GetInt64(ctx, keySeen), 0)
		if now.Sub(seen) > SessionIdleTimeout {
			_ = a.sessions.Destroy(ctx)
			next.ServeHTTP(w, r)
			return
		}
		actor, u, ok, err := a.accounts.ActorFor(ctx, uid, a.sessions.GetInt64(ctx, keyOrg), a.sessions.GetInt64(ctx, keyEpoch))
		if err != nil {
			a.log.Error("session user", "err", err)
			a.renderError(w, r, http.StatusInternalServerError)
			return
		}
		if !ok {
			_ = a.sessions.Destroy(ctx)
			next.ServeHTTP(w, r)
			return
		}
		if now.Sub(seen) > sessionTouchEvery {
			a.sessions.Put(ctx, keySeen, now.Unix())
		}
		if must := a.sessions.GetString(ctx, keyMust); must != "" && !allowedWhile(must, r) {
			target := "/account/password"
			if must == "enrol" {
				target = "/account/2fa"
			}
			http.Redirect(w, r, target, http.StatusSeeOther)
			return
		}
		ctx = access.WithActor(ctx, actor)
		ctx = context.WithValue(ctx, userKey{}, u)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// allowedWhile lists what a session may reach before it changes its
// password or enrols a second factor.
func allowedWhile(must string, r *http.Request) bool {
	p := r.URL.Path
	if strings.HasPrefix(p, "/static/") || p == "/logout" || p == "/lang" || p == "/healthz" || p == "/readyz" {
		return true
	}
	switch must {
	case "password":
		return p == "/account/password"
	case "enrol":
		return strings.HasPrefix(p, "/account/2fa")
	}
	return false
}

// startSession signs the user in: a new session token (against session
// fixation), the organisation of their first membership unless one was chosen.
func (a *App) startSession(ctx context.Context, res *accounts.SignInResult) error {
	if err := a.sessions.RenewToken(ctx); err != nil {
		return err
	}
	a.sessions.Remove(ctx, keyPending)
	a.sessions.Remove(ctx, keyPendingAt)
	a.sessions.Remove(ctx, keyPendingEp)
	a.sessions.Remove(ctx, keyPendingMst)
	a.sessions.Put(ctx, keyUser, res.User.ID)
	a.sessions.Put(ctx, keyEpoch, res.Epoch)
	a.sessions.Put(ctx, keySeen, time.Now().Unix())
	if len(res.User.Memberships) > 0 {
		a.sessions.Put(ctx, keyOrg, res.User.Memberships[0].OrgID)
	}
	switch {
	case res.MustChangePassword:
		a.sessions.Put(ctx, keyMust, "password")
	case res.MustEnrol:
		a.sessions.Put(ctx, keyMust, "enrol")
	default:
		a.sessions.Remove(ctx, keyMust)
	}
	return nil
}

// flash queues a message for the next page.
func (a *App) flash(r *http.Request, kind, key string, kv ...any) {
	var list []Flash
	_ = json.Unmarshal([]byte(a.sessions.GetString(r.Context(), keyFlash)), &list)
	p := &Page{Lang: a.lang(r)}
	list = append(list, Flash{Kind: kind, Text: p.T(key, kv...)})
	b, _ := json.Marshal(list)
	a.sessions.Put(r.Context(), keyFlash, string(b))
}

// Flash is flash for module handlers.
func (a *App) Flash(r *http.Request, kind, key string, kv ...any) { a.flash(r, kind, key, kv...) }

func (a *App) popFlashes(r *http.Request) []Flash {
	raw := a.sessions.PopString(r.Context(), keyFlash)
	if raw == "" {
		return nil
	}
	var list []Flash
	_ = json.Unmarshal([]byte(raw), &list)
	return list
}

// lang is the request's UI language: the user's saved choice, else the
// language cookie, else Vietnamese.
func (a *App) lang(r *http.Request) i18n.Lang {
	if u := userFrom(r.Context()); u != nil {
		return i18n.Parse(u.Lang)
	}
	if c, err := r.Cookie("lang"); err == nil {
		return i18n.Parse(c.Value)
	}
	return i18n.VI
}

// Lang is the request's UI language, for module handlers that need it
// before rendering (a title, an export).
func (a *App) Lang(r *http.Request) i18n.Lang { return a.lang(r) }

// localPath returns next if it is a path on this site, else "/" (no open redirect).
func localPath(next string) string {
	u, err := url.Parse(next)
	if err != nil || u.IsAbs() || u.Host != "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/"
	}
	return next
}
