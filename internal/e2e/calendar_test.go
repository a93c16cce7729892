package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"noichinh/internal/civil"
)

// calendarWait waits until the text of sel contains want, failing the test
// after a few seconds.
func calendarWait(b *Browser, sel, want string) {
	b.t.Helper()
	js := fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ""`, sel)
	for range 50 {
		if strings.Contains(Eval[string](b, js), want) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	b.t.Fatalf("%s never showed %q (page %s)", sel, want, b.Location())
}

// calendarShot saves a full-page screenshot into the folder named by
// NOICHINH_SCREENSHOTS, when set, for a person to look at.
func calendarShot(b *Browser, name string) {
	dir := os.Getenv("NOICHINH_SCREENSHOTS")
	if dir == "" {
		return
	}
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	_ = os.MkdirAll(dir, 0o755)
	_ = os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
}

// calendarRows returns the text of the rows of the table in section sel.
func calendarRows(b *Browser, sel string) []string {
	return Eval[[]string](b, fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).map(tr => tr.innerText.replace(/\s+/g, " ").trim())`, sel+" tbody tr"))
}

// The administrator enrols the second factor, opens the calendar of 2026,
// finds Tết 14/02–22/02 and the worked Saturday 22/08, computes a deadline,
// adds an extra day off, and sees the same deadline move past it.
func TestAdministratorKeepsTheCalendar(t *testing.T) {
	s := StartServer(t)
	b := NewBrowser(t, s)
	b.SignIn("admin")
	if b.Location() != "/account/2fa" {
		t.Fatalf("administrator not sent to enrolment but to %s", b.Location())
	}
	secret := secretText.FindString(b.Text("code.secret"))
	code, _ := totp.GenerateCode(secret, time.Now())
	b.Fill("#f-code", code)
	b.Click("main form button[type=submit]")

	b.Go("/")
	b.Click(`nav.modules a[href="/admin/calendar"]`)
	if !b.Has(`nav.modules a[aria-current="page"][href="/admin/calendar"]`) {
		b.Errorf("the calendar is not current in the navigation")
	}
	b.Fill("#f-year", "2026")
	b.Click("#year-picker button[type=submit]")
	calendarWait(b, "main h1", "2026")

	days := strings.Join(calendarRows(b, "#days"), "\n")
	for _, d := range []string{"14/02/2026", "15/02/2026", "16/02/2026", "17/02/2026", "18/02/2026", "19/02/2026", "20/02/2026", "21/02/2026", "22/02/2026"} {
		if !regexp.MustCompile(d + ` .*Tết Âm lịch Bính Ngọ`).MatchString(days) {
			b.Errorf("Tết day %s missing:\n%s", d, days)
		}
	}
	if !strings.Contains(days, "17/02/2026 Thứ Ba Tết Âm lịch Bính Ngọ (mùng 1) 1/1/2026 Lịch Chính phủ") {
		b.Errorf("the first day of Tết with its weekday, lunar date and source:\n%s", days)
	}
	worked := strings.Join(calendarRows(b, "#worked"), "\n")
	if !strings.Contains(worked, "22/08/2026 Thứ Bảy Làm việc thứ Bảy, hoán đổi cho thứ Hai 31/8") {
		b.Errorf("the worked Saturday:\n%s", worked)
	}
	if !strings.Contains(b.Text("#status"), "Đã xác nhận") {
		b.Errorf("2026 not shown as confirmed: %s", b.Text("#status"))
	}
	calendarShot(b, "calendar-2026-desktop")

	// A deadline of 3 working days from Monday 02/03/2026.
	compute := func(want string) {
		b.t.Helper()
		b.Fill("#f-from", "02/03/2026")
		b.Fill("#f-n", "3")
		b.Do("choose working days", chromedp.SetValue(chromedp.CSS("#f-unit"), "working_days"))
		b.Click("#deadline form button[type=submit]")
		calendarWait(b, "#deadline .summary", "→")
		if got := b.Text("#deadline .summary"); !strings.Contains(got, want) {
			b.Errorf("deadline: %q, want %q", got, want)
		}
	}
	compute("3 ngày làm việc kể từ 02/03/2026 → 05/03/2026")
	calendarShot(b, "calendar-deadline-before")

	// An extra day off on Wednesday 04/03/2026.
	b.Fill("#f-date", "04/03/2026")
	b.Do("choose a day off", chromedp.SetValue(chromedp.CSS("#f-kind"), "day_off"))
	b.Fill("#f-reason", "Nghỉ thêm theo quyết định của Tỉnh")
	b.Fill("#f-reason_en", "Extra day off decided by the province")
	b.Fill("#f-document", "Quyết định 12/QĐ-UBND ngày 02/3/2026")
	b.Click("#form-override button[type=submit]")
	calendarWait(b, ".flash.ok", "04/03/2026")
	days = strings.Join(calendarRows(b, "#days"), "\n")
	if !strings.Contains(days, "04/03/2026 Thứ Tư Nghỉ thêm theo quyết định của Tỉnh") || !strings.Contains(days, "Điều chỉnh") {
		b.Errorf("the new day off is not listed as an override:\n%s", days)
	}

	// The same deadline now ends a day later, and says why.
	compute("3 ngày làm việc kể từ 02/03/2026 → 06/03/2026 (nghỉ thêm theo quyết định của Tỉnh 04/03)")
	calendarShot(b, "calendar-deadline-after")
	noInlineCalendar(b)

	// The services the server runs hold the same calendar.
	if off, err := s.Services.Calendar.IsDayOff(civil.MustParse("2026-03-04")); err != nil || !off {
		b.Errorf("the services' calendar: %v %v", off, err)
	}

	// The page on a phone: nothing wider than the screen but the tables,
	// which scroll inside their frame.
	b.Do("phone viewport", chromedp.EmulateViewport(390, 844))
	b.Go("/admin/calendar?year=2026")
	if w := Eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
		b.Errorf("the page is %dpx wide on a 390px phone", w)
	}
	calendarShot(b, "calendar-2026-phone")
}

// noInlineCalendar checks the page carries no inline script or style.
func noInlineCalendar(b *Browser) {
	b.t.Helper()
	html := b.HTML()
	if regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]`).MatchString(html) || strings.Contains(html, " style=\"") || strings.Contains(html, "<style") {
		b.Errorf("the calendar page has inline script or style")
	}
}
