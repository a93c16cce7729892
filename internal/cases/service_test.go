package cases

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/civil"
	"noichinh/internal/fixture"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
	"noichinh/internal/validate"
)

func TestCreateUpdateAndAudit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		in := w.sampleInput()
		in.Title = "  Vụ án   Tham ô tài sản  " // cleaned on input
		in.Documents = []DocumentRef{{Symbol: "125–CV/BNCTU", IssuedOn: civil.MustParse("2025-02-01")}}
		c := w.create(t, in)
		if c.RefCode != "VA-2025-001" || c.Title != "Vụ án Tham ô tài sản" || c.Version != 1 || c.State.OpenedOn != in.OpenedOn {
			t.Fatalf("created %+v", c)
		}
		if len(c.Assignees) != 1 || c.Assignees[0].UserID != w.cv1.UserID || c.LocalityName != "Huyện Văn Lãng" {
			t.Errorf("links: %+v %q", c.Assignees, c.LocalityName)
		}
		if len(c.Documents) != 1 || c.Documents[0].Symbol != "125-CV/BNCTU" {
			t.Errorf("documents: %+v", c.Documents)
		}
		second := w.create(t, w.sampleInput())
		if second.RefCode != "VA-2025-002" {
			t.Errorf("second reference %s", second.RefCode)
		}
		in = w.sampleInput()
		in.Flags = []Flag{InvolvesLeaders, PublicConcern}
		in.Categories = []Category{Corruption, Position}
		in.AssigneeIDs = []int64{w.cv1.UserID, w.cv2.UserID}
		up, err := w.svc.Update(fixture.Ctx(w.cv2), c.ID, c.Version, in)
		if err != nil {
			t.Fatal(err)
		}
		if up.Version != 2 || up.RefCode != "VA-2025-001" || !up.Has(PublicConcern) || !up.In(Position) || len(up.Assignees) != 2 {
			t.Errorf("updated %+v", up)
		}
		var audited, revisions int
		if err := db.Read().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE entity = 'case' AND entity_id = $1`,
			fmt.Sprint(c.ID)).Scan(&audited); err != nil {
			t.Fatal(err)
		}
		if err := db.Read().QueryRow(`SELECT COUNT(*) FROM case_revisions WHERE case_id = $1`, c.ID).Scan(&revisions); err != nil {
			t.Fatal(err)
		}
		if audited != 2 || revisions != 2 {
			t.Errorf("audit entries %d, revisions %d; want 2 and 2", audited, revisions)
		}
	})
}

// Two people edit the same case from the same version: the second gets a
// conflict and nothing of theirs is written.
func TestTwoEditorsConflict(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.create(t, w.sampleInput())
		a, err := w.svc.Get(fixture.Ctx(w.cv1), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		b, err := w.svc.Get(fixture.Ctx(w.cv2), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		inA, inB := w.sampleInput(), w.sampleInput()
		inA.Title, inB.Title = "Tiêu đề của chuyên viên 1", "Tiêu đề của chuyên viên 2"
		if _, err := w.svc.Update(fixture.Ctx(w.cv1), c.ID, a.Version, inA); err != nil {
			t.Fatal(err)
		}
		before := storetest.Dump(t, db)
		if _, err := w.svc.Update(fixture.Ctx(w.cv2), c.ID, b.Version, inB); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("second editor: %v, want a conflict", err)
		}
		if _, _, err := w.svc.Record(fixture.Ctx(w.cv2), c.ID, b.Version, watchIn("2025-02-01", Monitored)); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("event on a stale version: %v, want a conflict", err)
		}
		if after := storetest.Dump(t, db); after != before {
			t.Error("a refused edit changed the database")
		}
		got, _ := w.svc.Get(fixture.Ctx(w.cv2), c.ID)
		if got.Title != inA.Title {
			t.Errorf("title %q, want the first editor's", got.Title)
		}
	})
}

// Concurrent event writers on one version: exactly one wins.
func TestConcurrentRecordsOneWins(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.create(t, w.sampleInput())
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				actor := []*access.Actor{w.cv1, w.cv2}[i%2]
				_, _, errs[i] = w.svc.Record(fixture.Ctx(actor), c.ID, c.Version, watchIn("2025-02-01", Monitored))
			}(i)
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case !errors.Is(err, store.ErrConflict):
				t.Errorf("unexpected error %v", err)
			}
		}
		if ok != 1 {
			t.Errorf("%d writers succeeded, want exactly 1", ok)
		}
		timeline, _ := w.svc.Timeline(fixture.Ctx(w.cv1), c.ID)
		if len(timeline) != 2 {
			t.Errorf("%d events, want opened + one watch", len(timeline))
		}
	})
}

// Every refused input is reported on its field and leaves the database as it was.
func TestRefusalsChangeNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		other := fixture.Org(t, db, "CBG")
		foreignUnit := fixture.Unit(t, db, other.ID, "district-x", "district", "Huyện khác", civil.Date{}, civil.Date{})
		c := w.create(t, w.sampleInput()) // opened 2025-01-06
		c = w.record(t, c, stageIn("2025-01-10", CrimeReportReceived), watchIn("2025-01-15", Monitored),
			stageIn("2025-02-03", Prosecuted), stageIn("2025-02-03", Investigating))
		urging := ev(Urged, "2025-03-03")
		urging.DocumentSymbol = "125-CV/BNCTU"
		raise := ev(LevelChanged, "2025-03-20")
		raise.Level, raise.DocumentSymbol = Directed, "1250-TB/TU"
		c = w.record(t, c, urging, raise)
		timeline, _ := w.svc.Timeline(fixture.Ctx(w.cv1), c.ID)
		openedID, urgedID := timeline[0].ID, timeline[len(timeline)-2].ID
		plain := w.create(t, w.sampleInput()) // on no list

		negative := ev(AssetsRecovered, "2025-03-01")
		negative.AmountVND = -5
		negSuspects := stageIn("2025-04-01", Indicted)
		negSuspects.Suspects = intp(-1)
		removal := ev(WatchRemoved, "2025-01-14")
		removal.DocumentSymbol, removal.Details.Reason = "20-TB/BNCTU", "Đã xét xử xong"
		removeBefore := removal
		removeBefore.EffectiveOn = civil.MustParse("2025-01-02")
		offList := removal
		offList.EffectiveOn = civil.MustParse("2025-02-01")
		badSymbol := urging
		badSymbol.DocumentSymbol = "công văn số mười"
		future := urging
		future.EffectiveOn = testToday.AddDays(1)
		ext := func(on string) EventInput {
			e := ev(DeadlineExtended, on)
			e.DocumentSymbol = "10/QĐ-VKS"
			return e
		}
		foreignAgency := urging
		foreignAgency.AgencyID = foreignUnit

		type attempt struct {
			name       string
			do         func() error
			field, key string
		}
		cv1 := fixture.Ctx(w.cv1)
		rec := func(id int64, in EventInput) func() error {
			return func() error {
				cur, err := w.svc.Get(cv1, id)
				if err != nil {
					return err
				}
				_, _, err = w.svc.Record(cv1, id, cur.Version, in)
				return err
			}
		}
		create := func(mod func(*Input)) func() error {
			return func() error {
				in := w.sampleInput()
				mod(&in)
				_, err := w.svc.Create(cv1, in)
				return err
			}
		}
		attempts := []attempt{
			{"take off a case on no list", rec(plain.ID, offList), "kind", "cases.error.not_watched"},
			{"event before the case's first event", rec(c.ID, removeBefore), "effective_on", "cases.error.before_first_event"},
			{"removal dated before the case was put on the list", rec(c.ID, removal), "kind", "cases.error.not_watched"},
			{"back-dated removal that breaks a later level change", rec(c.ID, offList), "effective_on", "cases.error.breaks_history"},
			{"stage backwards", rec(c.ID, stageIn("2025-03-10", CrimeReportReceived)), "stage", "cases.error.stage_backwards"},
			{"negative amount", rec(c.ID, negative), "amount_vnd", "error.negative"},
			{"negative suspects", rec(c.ID, negSuspects), "suspects", "error.negative"},
			{"event in the future", rec(c.ID, future), "effective_on", "cases.error.future_date"},
			{"unreadable document symbol", rec(c.ID, badSymbol), "document_symbol", "cases.error.symbol_format"},
			{"urging without its document", rec(c.ID, ev(Urged, "2025-03-04")), "document_symbol", "error.required"},
			{"agency of another organisation", rec(c.ID, foreignAgency), "agency_id", "error.not_found"},
			{"third extension of a serious investigation", func() error {
				if err := rec(c.ID, ext("2025-04-01"))(); err != nil {
					return err
				}
				if err := rec(c.ID, ext("2025-06-01"))(); err != nil {
					return err
				}
				return rec(c.ID, ext("2025-07-01"))()
			}, "kind", "cases.error.no_more_extensions"},
			{"retract the opening", func() error {
				_, _, err := w.svc.Retract(cv1, c.ID, versionOf(t, w, c.ID), openedID, "nhầm")
				return err
			}, "event_id", "cases.error.cannot_retract_opened"},
			{"correct with another kind", func() error {
				_, _, err := w.svc.Correct(cv1, c.ID, versionOf(t, w, c.ID), urgedID, EventInput{Kind: Note,
					EffectiveOn: civil.MustParse("2025-03-03"), Details: Details{Note: "x"}})
				return err
			}, "kind", "cases.error.correction_kind"},
			{"create above one's clearance", create(func(in *Input) { in.Classification = access.TopSecret }),
				"classification", "error.classification_above_clearance"},
			{"create without title and category", create(func(in *Input) { in.Title, in.Categories = " ", nil }),
				"title", "error.required"},
			{"create with a locality of another organisation", create(func(in *Input) { in.LocalityID = foreignUnit }),
				"locality_id", "error.not_found"},
			{"assign a viewer", create(func(in *Input) { in.AssigneeIDs = []int64{w.viewer.UserID} }),
				"assignee_ids", "cases.error.not_assignable"},
			{"create with an opening date in the future", create(func(in *Input) { in.OpenedOn = testToday.AddDays(3) }),
				"opened_on", "cases.error.future_date"},
		}
		for _, a := range attempts {
			t.Run(a.name, func(t *testing.T) {
				before := storetest.Dump(t, db)
				err := a.do()
				if !fieldErr(err, a.field, a.key) {
					t.Fatalf("got %v, want %s on %s", err, a.key, a.field)
				}
				if a.name == "third extension of a serious investigation" {
					return // the first two extensions were written on purpose
				}
				if after := storetest.Dump(t, db); after != before {
					t.Error("the refused operation changed the database")
				}
			})
		}
	})
}

func versionOf(t *testing.T, w *world, id int64) int {
	t.Helper()
	c, err := w.svc.Get(fixture.Ctx(w.cv1), id)
	if err != nil {
		t.Fatal(err)
	}
	return c.Version
}

// A deadline that would fall in a year without day-off data is a field
// error naming the year, never a silently wrong date.
func TestNoCalendarDataIsAFieldError(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		svc := New(db, limitedCalendar(t), w.limits, WithToday(func() civil.Date { return testToday }))
		in := w.sampleInput()
		in.OpenedOn = civil.MustParse("2024-11-01")
		c, err := svc.Create(fixture.Ctx(w.cv1), in)
		if err != nil {
			t.Fatal(err)
		}
		before := storetest.Dump(t, db)
		_, _, err = svc.Record(fixture.Ctx(w.cv1), c.ID, c.Version, stageIn("2024-11-20", Prosecuted))
		errs, _ := validate.As(err)
		if len(errs) != 1 || errs[0].Key != "cases.error.no_calendar_data" || errs[0].Params["year"] != 2025 {
			t.Fatalf("got %v", err)
		}
		if storetest.Dump(t, db) != before {
			t.Error("the refused event changed the database")
		}
	})
}

func TestPermissions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.create(t, w.sampleInput())
		clerk := fixture.User(t, db, w.org, "vanthu.tamthanh", access.Clerk, access.Normal)
		if _, err := w.svc.Get(fixture.Ctx(w.viewer), c.ID); err != nil {
			t.Errorf("viewer read: %v", err)
		}
		if _, _, err := w.svc.Record(fixture.Ctx(w.viewer), c.ID, c.Version, watchIn("2025-02-01", Monitored)); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("viewer write: %v", err)
		}
		if _, err := w.svc.List(fixture.Ctx(clerk), Filter{}); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("clerk list: %v", err)
		}
		if _, err := w.svc.Figures(context.Background(), FiguresQuery{}); !errors.Is(err, access.ErrUnauthenticated) {
			t.Errorf("no actor: %v", err)
		}
		// Another organisation's user does not see the case at all.
		other := fixture.Org(t, db, "CBG")
		stranger := fixture.User(t, db, other, "chuyenvien.cb", access.Specialist, access.MostSecret)
		if _, err := w.svc.Get(fixture.Ctx(stranger), c.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("other organisation: %v", err)
		}
	})
}

// A case above one's clearance does not exist for that user: not found,
// not listed, not counted.
func TestClearance(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		in := w.sampleInput()
		in.Classification = access.Secret
		secret := w.create(t, in)
		secret = w.record(t, secret, watchIn("2025-02-01", Monitored))
		open := w.create(t, w.sampleInput())
		w.record(t, open, watchIn("2025-02-01", Monitored))
		if _, err := w.svc.Get(fixture.Ctx(w.cv3), secret.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("uncleared Get: %v", err)
		}
		if _, err := w.svc.Timeline(fixture.Ctx(w.cv3), secret.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("uncleared Timeline: %v", err)
		}
		page, _ := w.svc.List(fixture.Ctx(w.cv3), Filter{})
		if page.Total != 1 || page.Cases[0].ID != open.ID {
			t.Errorf("uncleared list: %d cases", page.Total)
		}
		period := FiguresQuery{Period: civil.Range{From: civil.MustParse("2025-01-01"), To: civil.MustParse("2025-12-31")}}
		low, _ := w.svc.Figures(fixture.Ctx(w.cv3), period)
		high, _ := w.svc.Figures(fixture.Ctx(w.leader), period)
		if low.Watch.Cell(AnyLevel, AllCases).Added.Count != 1 || high.Watch.Cell(AnyLevel, AllCases).Added.Count != 2 {
			t.Errorf("figures by clearance: normal %d, most secret %d", low.Watch.Cell(AnyLevel, AllCases).Added.Count,
				high.Watch.Cell(AnyLevel, AllCases).Added.Count)
		}
		if _, ok := low.Case(secret.ID); ok {
			t.Error("the uncleared figures name the secret case")
		}
	})
}

// Case events are append-only in the database itself.
func TestEventsAreAppendOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.create(t, w.sampleInput())
		for _, q := range []string{`UPDATE case_events SET effective_on = '2020-01-01' WHERE case_id = $1`,
			`DELETE FROM case_events WHERE case_id = $1`} {
			err := db.Tx(context.Background(), func(tx *sql.Tx) error {
				_, err := tx.Exec(q, c.ID)
				return err
			})
			if err == nil {
				t.Errorf("%s succeeded", q)
			}
		}
	})
}
