package petitions

import (
	"context"
	"crypto/rand"
	"os"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/calendar"
	"noichinh/internal/civil"
	"noichinh/internal/envelope"
	"noichinh/internal/fixture"
	"noichinh/internal/orgs"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// world is a committee with its people and units, and the service.
type world struct {
	db        *store.DB
	svc       *Service
	org       orgs.Org
	leader    *access.Actor // truongban, most secret
	spec      *access.Actor // chuyenvien1, secret
	spec2     *access.Actor // chuyenvien2, normal clearance
	viewer    *access.Actor // thuongvu
	thanhTra  int64         // Thanh tra tỉnh
	ppc       int64         // UBND tỉnh
	cucThue   int64         // another agency
	tamThanh  int64         // phường Tam Thanh
	dongDang  int64         // xã Đồng Đăng
	vanLang   int64         // former district Văn Lãng
	otherOrgU int64         // a unit of another organisation
	today     civil.Date
}

var testToday = civil.MustParse("2026-03-16")

func newKeys(t testing.TB) Keys {
	t.Helper()
	kek := make([]byte, 32)
	idx := make([]byte, 32)
	_, _ = rand.Read(kek)
	_, _ = rand.Read(idx)
	ring, err := envelope.New(kek)
	if err != nil {
		t.Fatal(err)
	}
	k, err := NewKeys(ring, idx)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	w := &world{db: db, today: testToday}
	w.svc = newWorldService(t, db)
	w.svc.Today = func() civil.Date { return w.today }
	w.org = fixture.Org(t, db, "LSN")
	w.leader = fixture.User(t, db, w.org, "truongban", access.Leader, access.MostSecret)
	w.spec = fixture.User(t, db, w.org, "chuyenvien1", access.Specialist, access.Secret)
	w.spec2 = fixture.User(t, db, w.org, "chuyenvien2", access.Specialist, access.Normal)
	w.viewer = fixture.User(t, db, w.org, "thuongvu", access.Viewer, access.Secret)
	var zero civil.Date
	w.thanhTra = fixture.Unit(t, db, w.org.ID, "agency-thanh-tra-tinh", "state_agency", "Thanh tra tỉnh Lạng Sơn", zero, zero)
	w.ppc = fixture.Unit(t, db, w.org.ID, "ppc", "state_agency", "Ủy ban nhân dân tỉnh Lạng Sơn", zero, zero)
	w.cucThue = fixture.Unit(t, db, w.org.ID, "agency-so-tu-phap", "state_agency", "Sở Tư pháp tỉnh Lạng Sơn", zero, zero)
	w.tamThanh = fixture.Unit(t, db, w.org.ID, "ward-tam-thanh", "ward", "Phường Tam Thanh", civil.MustParse("2025-07-01"), zero)
	w.dongDang = fixture.Unit(t, db, w.org.ID, "commune-dong-dang", "commune", "Xã Đồng Đăng", civil.MustParse("2025-07-01"), zero)
	w.vanLang = fixture.Unit(t, db, w.org.ID, "district-van-lang", "district", "Huyện Văn Lãng", zero, civil.MustParse("2025-06-30"))
	other := fixture.Org(t, db, "CBG")
	w.otherOrgU = fixture.Unit(t, db, other.ID, "ppc", "state_agency", "Ủy ban nhân dân tỉnh Cao Bằng", zero, zero)
	return w
}

func as(a *access.Actor) context.Context { return fixture.Ctx(a) }

// denunciation is a valid new denunciation by one named sender.
func (w *world) denunciation(on string) NewPetition {
	return NewPetition{
		ReceivedOn: civil.MustParse(on), Channel: Post, Signer: SignerOne, Kind: Denunciation,
		Senders: []Sender{{Name: "Hoàng Văn Thắng", Address: "Thôn Nà Lầu, xã Đồng Đăng", Phone: "0912 345 678"}},
		Details: Details{Summary: "Tố cáo cán bộ địa chính xã nhận tiền khi làm thủ tục cấp giấy chứng nhận quyền sử dụng đất",
			Content: "Ông Nông Văn Lợi, công chức địa chính xã Đồng Đăng, yêu cầu gia đình tôi nộp 15 triệu đồng ngoài quy định.",
			Field:   "corruption", SubjectName: "Nông Văn Lợi", SubjectPosition: "Công chức địa chính - xây dựng xã",
			LocalityUnitID: w.dongDang, Classification: access.Secret},
		AssignedTo: w.spec.UserID,
	}
}

// complaint is a valid new complaint by one named sender.
func (w *world) complaint(on string) NewPetition {
	return NewPetition{
		ReceivedOn: civil.MustParse(on), Channel: InPerson, Signer: SignerOne, Kind: Complaint,
		Senders: []Sender{{Name: "Lương Thị Hoa", Address: "Khối 5, phường Tam Thanh"}},
		Details: Details{Summary: "Khiếu nại mức bồi thường khi thu hồi đất làm đường vành đai phía Bắc",
			Field: "compensation", LocalityUnitID: w.tamThanh, SubjectName: "Ủy ban nhân dân phường Tam Thanh"},
		AssignedTo: w.spec.UserID,
	}
}

func mustCreate(t *testing.T, w *world, in NewPetition) Petition {
	t.Helper()
	p, err := w.svc.Create(as(w.spec), in)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	return p
}

func deadlineOf(t *testing.T, p Petition, step Step) Deadline {
	t.Helper()
	for _, d := range p.Deadlines {
		if d.Step == step {
			return d
		}
	}
	t.Fatalf("petition %s has no %s deadline: %+v", p.RefCode, step, p.Deadlines)
	return Deadline{}
}

func date(s string) civil.Date { return civil.MustParse(s) }

func period(from, to string) civil.Range { return civil.Range{From: date(from), To: date(to)} }

// newWorldService is the service with the shipped calendar and limits and fresh keys.
func newWorldService(t testing.TB, db *store.DB) *Service {
	t.Helper()
	cal, err := calendar.Default()
	if err != nil {
		t.Fatal(err)
	}
	lim, err := calendar.EmbeddedLimits()
	if err != nil {
		t.Fatal(err)
	}
	return New(db, cal, lim, newKeys(t))
}
