package cases

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/fixture"
	"noichinh/internal/orgs"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
	"noichinh/internal/validate"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// testToday is the fixed "today" of the tests.
var testToday = civil.MustParse("2026-03-16")

// world is an organisation with the people and units the tests need.
type world struct {
	db      *store.DB
	org     orgs.Org
	svc     *Service
	cv1     *access.Actor // specialist, cleared for Mật
	cv2     *access.Actor // specialist, cleared for Mật
	cv3     *access.Actor // specialist, normal clearance only
	leader  *access.Actor // truongban, cleared for Tuyệt mật
	viewer  *access.Actor // thuongvu, read only
	units   map[string]int64
	calData *calendar.Calendar
	limits  *calendar.Limits
}

// testUnits are the units the demo and the tests refer to.
var testUnits = []struct{ code, kind, name, from, to string }{
	{"district-van-lang", "district", "Huyện Văn Lãng", "", "2025-06-30"},
	{"district-cao-loc", "district", "Huyện Cao Lộc", "", "2025-06-30"},
	{"district-loc-binh", "district", "Huyện Lộc Bình", "", "2025-06-30"},
	{"district-huu-lung", "district", "Huyện Hữu Lũng", "", "2025-06-30"},
	{"district-bac-son", "district", "Huyện Bắc Sơn", "", "2025-06-30"},
	{"district-dinh-lap", "district", "Huyện Đình Lập", "", "2025-06-30"},
	{"district-trang-dinh", "district", "Huyện Tràng Định", "", "2025-06-30"},
	{"district-binh-gia", "district", "Huyện Bình Gia", "", "2025-06-30"},
	{"district-chi-lang", "district", "Huyện Chi Lăng", "", "2025-06-30"},
	{"city-lang-son", "district", "Thành phố Lạng Sơn", "", "2025-06-30"},
	{"ward-tam-thanh", "ward", "Phường Tam Thanh", "2025-07-01", ""},
	{"ward-luong-van-tri", "ward", "Phường Lương Văn Tri", "2025-07-01", ""},
	{"ward-ky-lua", "ward", "Phường Kỳ Lừa", "2025-07-01", ""},
	{"ward-dong-kinh", "ward", "Phường Đông Kinh", "2025-07-01", ""},
	{"agency-csdt-cong-an-tinh", "procedural_agency", "Cơ quan Cảnh sát điều tra Công an tỉnh", "", ""},
	{"agency-vks-tinh", "procedural_agency", "Viện kiểm sát nhân dân tỉnh", "", ""},
	{"agency-tand-tinh", "procedural_agency", "Tòa án nhân dân tỉnh", "", ""},
	{"agency-thads-tinh", "state_agency", "Cục Thi hành án dân sự tỉnh", "", ""},
	{"agency-thanh-tra-tinh", "state_agency", "Thanh tra tỉnh", "", ""},
}

func date(s string) civil.Date {
	if s == "" {
		return civil.Date{}
	}
	return civil.MustParse(s)
}

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	cal, err := calendar.Default()
	if err != nil {
		t.Fatal(err)
	}
	lim, err := calendar.EmbeddedLimits()
	if err != nil {
		t.Fatal(err)
	}
	w := &world{db: db, org: fixture.Org(t, db, "LSN"), units: map[string]int64{}, calData: cal, limits: lim}
	w.cv1 = fixture.User(t, db, w.org, "chuyenvien1", access.Specialist, access.Secret)
	w.cv2 = fixture.User(t, db, w.org, "chuyenvien2", access.Specialist, access.Secret)
	w.cv3 = fixture.User(t, db, w.org, "chuyenvien3", access.Specialist, access.Normal)
	w.leader = fixture.User(t, db, w.org, "truongban", access.Leader, access.MostSecret)
	w.viewer = fixture.User(t, db, w.org, "thuongvu", access.Viewer, access.Secret)
	for _, u := range testUnits {
		w.units[u.code] = fixture.Unit(t, db, w.org.ID, u.code, u.kind, u.name, date(u.from), date(u.to))
	}
	w.svc = New(db, cal, lim, WithToday(func() civil.Date { return testToday }))
	return w
}

// sampleInput is a valid case form.
func (w *world) sampleInput() Input {
	return Input{Kind: CriminalCase, Title: "Vụ án Tham ô tài sản xảy ra tại Ban Quản lý dự án huyện Văn Lãng",
		Categories: []Category{Corruption}, Field: "construction", LocalityID: w.units["district-van-lang"],
		OffenceClass: Serious, AssigneeIDs: []int64{w.cv1.UserID}, OpenedOn: civil.MustParse("2025-01-06")}
}

// create makes a case as cv1 and fails the test on error.
func (w *world) create(t *testing.T, in Input) *Case {
	t.Helper()
	c, err := w.svc.Create(fixture.Ctx(w.cv1), in)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	return c
}

// record appends events as cv1 and returns the case after the last one.
func (w *world) record(t *testing.T, c *Case, events ...EventInput) *Case {
	t.Helper()
	for _, e := range events {
		var err error
		if c, _, err = w.svc.Record(fixture.Ctx(w.cv1), c.ID, c.Version, e); err != nil {
			t.Fatalf("record %s %s on %s: %v", e.Kind, e.Stage, e.EffectiveOn, err)
		}
	}
	return c
}

// fieldErr reports whether err holds a field error with this key (and
// field, when not "*").
func fieldErr(err error, field, key string) bool {
	errs, ok := validate.As(err)
	if !ok {
		return false
	}
	for _, fe := range errs {
		if fe.Key == key && (field == "*" || fe.Field == field) {
			return true
		}
	}
	return false
}

// events on a date.
func ev(kind EventKind, on string) EventInput {
	return EventInput{Kind: kind, EffectiveOn: civil.MustParse(on)}
}

func watchIn(on string, l Level) EventInput {
	e := ev(WatchAdded, on)
	e.Level, e.DocumentSymbol = l, "15-TB/BNCTU"
	return e
}

func stageIn(on string, s Stage) EventInput {
	e := ev(StageChanged, on)
	e.Stage = s
	return e
}

// rawExec runs a statement outside the service (to fake old data).
func rawExec(t *testing.T, db *store.DB, q string, args ...any) {
	t.Helper()
	err := db.Tx(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(q, args...)
		return err
	})
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		t.Fatal(err)
	}
}
