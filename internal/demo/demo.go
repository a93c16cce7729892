// Package demo loads the demonstration data that lets a newcomer explore
// noichinh on first run: the organisation modelled on Ban Nội chính Tỉnh ủy
// Lạng Sơn, one account per role, and each module's records modelled on the
// seed texts. Modules contribute a Step each; the composition root lists
// them in order.
package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/orgs"
	"noichinh/internal/settings"
	"noichinh/internal/store"
)

// Env is what demo steps share.
type Env struct {
	DB      *store.DB
	Central orgs.Org // Ban Nội chính Trung ương
	Org     orgs.Org // Ban Nội chính Tỉnh ủy Lạng Sơn
	// Today anchors relative demo dates ("due in three days") so that the
	// demo shows due and overdue work whenever it is loaded.
	Today civil.Date
	// Accounts collects the demo users and their one-time passwords, printed
	// once at the end and never stored in clear.
	Accounts []Account
}

// Account is a demo login to print.
type Account struct {
	Username, Password, Role, Org string
}

// Step loads one module's demo data. It runs with a system actor of the
// demo organisation in ctx, so every write is audited like any other.
type Step struct {
	Name string
	Load func(ctx context.Context, env *Env) error
}

// ErrNotEmpty means the database already holds data.
var ErrNotEmpty = errors.New("the database already holds data; demo data loads only into an empty database")

// Codes of the demo organisations.
const (
	CentralCode = "TW"
	OrgCode     = "LSN"
)

// Load creates the demo organisations, marks the instance as a demo (a
// banner on every page says so) and runs the steps in order.
func Load(ctx context.Context, db *store.DB, steps []Step) (*Env, error) {
	empty, err := db.IsEmpty(ctx)
	if err != nil {
		return nil, err
	}
	if !empty {
		return nil, ErrNotEmpty
	}
	env := &Env{DB: db, Today: civil.Today()}
	sys := access.WithActor(ctx, access.SystemActor(0, "demo"))
	err = db.Tx(sys, func(tx *sql.Tx) error {
		env.Central = orgs.Org{Code: CentralCode, Name: "Ban Nội chính Trung ương", NameEN: "Central Internal Affairs Commission",
			Kind: orgs.Central, Place: "Hà Nội", IssuerCode: "BNCTW"}
		if err := orgs.Create(sys, tx, &env.Central); err != nil {
			return err
		}
		env.Org = orgs.Org{Code: OrgCode, Name: "Ban Nội chính Tỉnh ủy Lạng Sơn",
			NameEN: "Internal Affairs Committee of the Lạng Sơn Provincial Party Committee",
			Kind:   orgs.Provincial, ParentID: env.Central.ID, Place: "Lạng Sơn", IssuerCode: "BNCTU"}
		if err := orgs.Create(sys, tx, &env.Org); err != nil {
			return err
		}
		return settings.Set(sys, tx, 0, settings.DemoInstance, "true")
	})
	if err != nil {
		return nil, fmt.Errorf("demo organisations: %w", err)
	}
	ctx = access.WithActor(ctx, access.SystemActor(env.Org.ID, "demo"))
	for _, s := range steps {
		if err := s.Load(ctx, env); err != nil {
			return env, fmt.Errorf("demo data %s: %w (delete the data and start again)", s.Name, err)
		}
	}
	return env, nil
}
