package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"noichinh/internal/civil"
	"noichinh/internal/vntext"
)

// fitsPhone fails when the page is wider than a phone's screen.
func fitsPhone(b *Browser, what string) {
	b.t.Helper()
	b.Do("phone viewport", chromedp.EmulateViewport(390, 844))
	if overflow := Eval[int](b, `document.documentElement.scrollWidth - window.innerWidth`); overflow > 0 {
		b.Errorf("%s is %dpx wider than a phone", what, overflow)
	}
	b.Do("desktop viewport", chromedp.EmulateViewport(1280, 900))
}

// A specialist records a reception session with its visits and marks its
// written answer sent; the demo clerk of Phường Tam Thanh submits this
// month's report and finds it among theirs; a member of the standing board
// sees it in the month's reports, the ward no longer among the missing.
func TestReceptionAndCommuneReports(t *testing.T) {
	s := StartServer(t)
	today := civil.Today()

	b := NewBrowser(t, s)
	b.SignIn("chuyenvien1")
	b.Go("/reception")
	b.ClickLink("Ghi nhận kỳ tiếp công dân")
	if h := b.Text("main h1"); h != "Ghi nhận kỳ tiếp công dân" {
		t.Fatalf("form heading %q", h)
	}
	fitsPhone(b, "the session form")
	b.Fill("#f-host_name", "Bí thư Tỉnh ủy")
	b.Fill("#f-place", "Trụ sở Tiếp công dân tỉnh")
	b.Do("visit kinds", chromedp.SetValue(chromedp.CSS(`select[name="visits.0.kind"]`), "complaint"),
		chromedp.SetValue(chromedp.CSS(`select[name="visits.1.kind"]`), "proposal"))
	b.Fill(`input[name="visits.0.people"]`, "1")
	b.Fill(`input[name="visits.0.summary"]`, "Khiếu nại về bồi thường giải phóng mặt bằng")
	b.Fill(`input[name="visits.1.people"]`, "6")
	b.Fill(`input[name="visits.1.summary"]`, "Kiến nghị về ô nhiễm khu chăn nuôi")
	b.Click("main form.sessionform button[type=submit]")
	if flash := b.Text(".flash.ok"); !strings.Contains(flash, "Đã ghi nhận kỳ tiếp công dân ngày "+vntext.Date(today)) {
		b.Errorf("after recording: %q", flash)
	}
	session := b.Location()
	if !strings.HasPrefix(session, "/reception/") {
		t.Fatalf("recording led to %s", session)
	}
	reply := b.Text("#reply")
	for _, want := range []string{"Hạn trả lời", "10 ngày làm việc kể từ ngày tiếp", "Chưa trả lời"} {
		if !strings.Contains(reply, want) {
			b.Errorf("the answer section lacks %q: %s", want, reply)
		}
	}
	if v := b.Text("#h-visits + .tablewrap"); !strings.Contains(v, "Đoàn đông người") {
		b.Errorf("the crowd delegation is not marked: %s", v)
	}
	checkNoInlineCode(b)
	shot(b, "reception-session")
	b.Click("form.repliedform button[type=submit]")
	if flash := b.Text(".flash.ok"); !strings.Contains(flash, "Đã ghi nhận trả lời bằng văn bản ngày "+vntext.Date(today)) {
		b.Errorf("after marking replied: %q", flash)
	}
	if reply := b.Text("#reply"); !strings.Contains(reply, "Đã trả lời "+vntext.Date(today)) || b.Has("form.repliedform") {
		b.Errorf("the session is not shown answered: %s", reply)
	}
	b.Go("/reception")
	if list := b.Text("table.sessions"); !strings.Contains(list, "Đã trả lời "+vntext.Date(today)) {
		b.Errorf("the list does not show the answer: %s", list)
	}
	checkNoInlineCode(b)

	// The clerk reports this month.
	month := fmt.Sprintf("%02d/%04d", int(today.Month), today.Year)
	iso := fmt.Sprintf("%04d-%02d", today.Year, int(today.Month))
	c := NewBrowser(t, s)
	c.SignIn("vanthu.tamthanh")
	c.Go("/commune-reports?m=" + iso)
	fitsPhone(c, "the clerk's page")
	if c.Has(`a[href="/reception"]`) {
		c.Errorf("a clerk is offered the reception pages")
	}
	c.Fill("#f-sessions", "2")
	c.Fill("#f-visits", "5")
	c.Fill("#f-people", "7")
	c.Fill("#f-matters_complaint", "3")
	c.Fill("#f-matters_proposal", "2")
	c.Fill("#f-petitions_received", "4")
	c.Click("main form.reportform button[type=submit]")
	if flash := c.Text(".flash.ok"); !strings.Contains(flash, "Đã gửi báo cáo tháng "+month+" (lần 1).") {
		c.Errorf("after submitting: %q", flash)
	}
	if row := c.Text("#m-" + iso); !strings.Contains(row, month) {
		c.Errorf("the month is not among the clerk's reports: %q", row)
	}
	checkNoInlineCode(c)
	shot(c, "commune-reports-clerk")

	// A reader sees it.
	r := NewBrowser(t, s)
	r.SignIn("thuongvu")
	r.Go("/commune-reports/month?m=" + iso)
	if got := r.Text("main h1"); !strings.Contains(got, month) {
		r.Errorf("month heading %q", got)
	}
	if reports := r.Text("table.reports"); !strings.Contains(reports, "Phường Tam Thanh") {
		r.Errorf("the ward's report is not listed: %s", reports)
	}
	if missing := r.Text("#missing"); strings.Contains(missing, "Phường Tam Thanh") {
		r.Errorf("the ward is still listed as missing: %s", missing)
	}
	if r.Has(".lockform") {
		r.Errorf("a viewer is offered the lock")
	}
	checkNoInlineCode(r)
	shot(r, "commune-reports-month")
}
