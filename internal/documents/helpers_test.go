package documents

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"slices"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/fixture"
	"noichinh/internal/orgs"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// env is a provincial organisation with the units documents cite and users in roles.
type env struct {
	db     *store.DB
	s      *Service
	org    orgs.Org
	spec   *access.Actor // specialist, clearance secret
	low    *access.Actor // specialist, clearance normal
	leader *access.Actor // leader, clearance most secret
	viewer *access.Actor
	admin  *access.Actor
	units  map[string]int64
}

// testUnits are the units of the demo and the tests, named as the units
// module's reference data names them: code, name, short name, issuer code,
// life span.
var testUnits = []struct{ code, name, short, issuer, from, to string }{
	{"provincial-committee", "Tỉnh ủy Lạng Sơn", "Tỉnh ủy", "TU", "", ""},
	{"standing-board", "Ban Thường vụ Tỉnh ủy Lạng Sơn", "Ban Thường vụ Tỉnh ủy", "TU", "", ""},
	{"executive-committee", "Ban Chấp hành Đảng bộ tỉnh Lạng Sơn", "Ban Chấp hành Đảng bộ tỉnh", "TU", "", ""},
	{"permanent-office", "Thường trực Tỉnh ủy Lạng Sơn", "Thường trực Tỉnh ủy", "TU", "", ""},
	{"bnctu", "Ban Nội chính Tỉnh ủy Lạng Sơn", "Ban Nội chính Tỉnh ủy", "BNCTU", "2013-06-01", ""},
	{"central-politburo", "Bộ Chính trị", "", "TW", "", ""},
	{"central-secretariat", "Ban Bí thư Trung ương Đảng", "Ban Bí thư", "TW", "", ""},
	{"central-executive-committee", "Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương", "TW", "", ""},
	{"central-prime-minister", "Thủ tướng Chính phủ", "", "TTg", "", ""},
	{"lk-viet-bac", "Liên khu ủy Việt Bắc", "", "LKVB", "", "1956-06-30"},
	{"cao-lang-committee", "Tỉnh ủy Cao Lạng", "", "TUCL", "1975-12-27", "1978-12-29"},
}

func addUnit(t testing.TB, db *store.DB, orgID int64, code, name, short, issuer, from, to string) int64 {
	t.Helper()
	var vf, vt civil.Date
	if from != "" {
		vf = civil.MustParse(from)
	}
	if to != "" {
		vt = civil.MustParse(to)
	}
	var id int64
	err := db.Tx(fixture.System(orgID), func(tx *sql.Tx) error {
		now := store.Now()
		return tx.QueryRow(`INSERT INTO units (org_id, code, kind, name, short_name, name_key, issuer_code, valid_from,
			valid_to, created_at, updated_at) VALUES ($1, $2, 'party_body', $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
			orgID, code, name, short, vntext.Key(name), issuer, vf, vt, now).Scan(&id)
	})
	if err != nil {
		t.Fatalf("unit %s: %v", code, err)
	}
	return id
}

func newEnv(t testing.TB, db *store.DB, code string) *env {
	t.Helper()
	e := &env{db: db, s: New(db), org: fixture.Org(t, db, code), units: map[string]int64{}}
	e.spec = fixture.User(t, db, e.org, "chuyenvien1"+code, access.Specialist, access.Secret)
	e.low = fixture.User(t, db, e.org, "chuyenvien2"+code, access.Specialist, access.Normal)
	e.leader = fixture.User(t, db, e.org, "truongban"+code, access.Leader, access.MostSecret)
	e.viewer = fixture.User(t, db, e.org, "thuongvu"+code, access.Viewer, access.Secret)
	e.admin = fixture.User(t, db, e.org, "admin"+code, access.Administrator, access.Secret)
	for _, u := range testUnits {
		e.units[u.code] = addUnit(t, db, e.org.ID, u.code, u.name, u.short, u.issuer, u.from, u.to)
	}
	return e
}

// installTerms adds the Lạng Sơn provincial terms.
func (e *env) installTerms(t testing.TB) {
	t.Helper()
	for _, term := range LangSonTerms {
		if _, err := e.s.AddTerm(fixture.Ctx(e.admin), term); err != nil {
			t.Fatalf("term %s: %v", term.Roman(), err)
		}
	}
}

func d(s string) civil.Date { return civil.MustParse(s) }

// mustCreate registers a document as the specialist.
func (e *env) mustCreate(t testing.TB, in Input) Document {
	t.Helper()
	doc, err := e.s.Create(fixture.Ctx(e.spec), in)
	if err != nil {
		t.Fatalf("create %s: %v", in.Symbol, err)
	}
	return doc
}

// fieldErr fails unless err holds exactly one field error with field and key.
func fieldErr(t testing.TB, err error, field, key string) {
	t.Helper()
	errs, ok := validate.As(err)
	if !ok {
		t.Fatalf("want field error %s %s, got %v", field, key, err)
	}
	if !slices.ContainsFunc(errs, func(fe validate.FieldError) bool { return fe.Field == field && fe.Key == key }) {
		t.Fatalf("want field error %s %s, got %+v", field, key, errs)
	}
}

// unchanged runs fn, which must fail, and checks the database did not change.
func unchanged(t *testing.T, db *store.DB, fn func() error) error {
	t.Helper()
	before := storetest.Dump(t, db)
	err := fn()
	if err == nil {
		t.Fatal("the operation was not refused")
	}
	if after := storetest.Dump(t, db); after != before {
		t.Fatalf("a refused operation changed the database:\n%s", diff(before, after))
	}
	return err
}

// diff shows the lines only one side has.
func diff(a, b string) string {
	la, lb := splitLines(a), splitLines(b)
	var out []string
	for _, l := range la {
		if !slices.Contains(lb, l) {
			out = append(out, "- "+l)
		}
	}
	for _, l := range lb {
		if !slices.Contains(la, l) {
			out = append(out, "+ "+l)
		}
	}
	return joinLines(out)
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}

func joinLines(ls []string) string {
	var b []byte
	for _, l := range ls {
		b = append(b, l...)
		b = append(b, '\n')
	}
	return string(b)
}

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }

var background = context.Background()
