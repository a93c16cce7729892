package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"noichinh/internal/civil"
	"noichinh/internal/vntext"
)

// choose picks the option value of a select (a picker of units or people:
// the first real option when value is "").
func choose(b *Browser, sel, value string) {
	b.t.Helper()
	if value == "" {
		value = Eval[string](b, fmt.Sprintf(`(Array.from(document.querySelectorAll(%q)).find(o => o.value) || {}).value || ""`, sel+" option"))
	}
	b.Do("choose "+sel, chromedp.SetValue(chromedp.CSS(sel), value))
}

// saved clicks sel, a button that saves and leads to a petition's page,
// and waits for that page (the form it leaves has no petition number).
func saved(b *Browser, sel string) {
	b.t.Helper()
	b.Click(sel)
	b.Do("wait for the petition's page", chromedp.WaitVisible(chromedp.CSS("main h1 .ref")), chromedp.WaitVisible(chromedp.CSS("main .flash")))
}

// enterPetition fills the entry form with a denunciation of a commune land
// officer by one named sender, received on received.
func enterPetition(b *Browser, received, summary string) {
	b.t.Helper()
	b.Go("/petitions/new")
	b.Fill("#f-received_on", received)
	choose(b, "#f-channel", "post")
	choose(b, "#f-signer", "one")
	b.Fill("#f-sender_name-0", "Hoàng Văn Thắng")
	b.Fill("#f-sender_address-0", "Thôn Nà Lầu, xã Đồng Đăng, tỉnh Lạng Sơn")
	b.Fill("#f-sender_phone-0", "0912 345 678")
	choose(b, "#f-kind", "denunciation")
	b.Fill("#f-summary", summary)
	b.Do("content", chromedp.SetValue(chromedp.CSS("#f-content"),
		"Ông Nông Văn Lợi, công chức địa chính xã, yêu cầu gia đình tôi nộp 15 triệu đồng ngoài quy định để được cấp giấy chứng nhận."))
	choose(b, "#f-field", "corruption")
	b.Fill("#f-subject_name", "Nông Văn Lợi")
	b.Fill("#f-subject_position", "Công chức địa chính - xây dựng xã")
}

// A specialist enters a petition, enters the same sender's second letter
// and is shown the first as a likely duplicate before saving, saves anyway
// and links it, forwards it to the competent body (the due list loses it),
// records the body's reply and then the reply reporting it resolved.
func TestPetitionsSpecialistWorkflow(t *testing.T) {
	s := StartServer(t)
	b := NewBrowser(t, s)
	b.SignIn("chuyenvien1")

	// Received eight days ago: the forwarding step is overdue, the initial
	// processing due within days.
	received := vntext.Date(civil.Today().AddDays(-8))
	enterPetition(b, received, "Tố cáo cán bộ địa chính xã Đồng Đăng nhận tiền khi làm thủ tục cấp giấy chứng nhận")
	saved(b, `main form.petitionform button[value="save"]`)
	if flash := b.Text(".flash.ok"); !strings.Contains(flash, "Đã tiếp nhận đơn số") {
		b.t.Fatalf("after saving the first letter: %q", flash)
	}
	firstRef := b.Text("main h1 .ref")
	checkNoInlineCode(b)

	// The second letter: saving stops at the first, a likely duplicate.
	enterPetition(b, received, "Tố cáo lại việc cán bộ địa chính xã Đồng Đăng nhận tiền của dân")
	b.Click(`main form.petitionform button[value="save"]`)
	b.Do("wait for the check", chromedp.WaitVisible(chromedp.CSS("#duplicates")))
	if !b.Has("#duplicates table.duplist") || !strings.Contains(b.Text("#duplicates"), firstRef) ||
		!strings.Contains(b.Text("#duplicates"), "Cùng người gửi") {
		b.t.Fatalf("no likely duplicate shown before saving")
	}
	if got := Eval[string](b, `document.querySelector("#f-sender_name-0").value`); got != "Hoàng Văn Thắng" {
		b.Errorf("the sender typed is not kept: %q", got)
	}
	shot(b, "petitions-duplicate-check")
	checkNoInlineCode(b)
	saved(b, `main form.petitionform button[value="save"]`)
	if flash := b.Text(".flash.ok"); !strings.Contains(flash, "Đã tiếp nhận đơn số") {
		b.t.Fatalf("saving anyway: %q", flash)
	}
	ref := b.Text("main h1 .ref")
	petitionURL := b.Location()
	if strings.Contains(b.Text("main"), "Hoàng Văn Thắng") || !strings.Contains(b.Text("#senders"), "Người gửi (được bảo vệ)") {
		b.Errorf("the petition's page does not mask the sender")
	}
	if d := b.Text("#h-state + dl + h3 + ul"); !strings.Contains(d, "denunciation.forward") || !strings.Contains(d, "Quá hạn") {
		b.Errorf("the deadlines do not show the overdue forwarding step with its rule: %q", d)
	}
	// Link it as repeating the first.
	saved(b, `#duplicates form[action$="/steps/link"] button`)
	if flash := b.Text(".flash.ok"); !strings.Contains(flash, "Đã liên kết đơn") || !strings.Contains(b.Text("#links"), firstRef) {
		b.Errorf("linking: %q", flash)
	}

	// On my due list.
	b.Go("/petitions/due")
	if !strings.Contains(b.Text("#overdue"), ref) {
		b.Errorf("the petition is not on my overdue list")
	}
	checkNoInlineCode(b)
	shot(b, "petitions-due-before")

	// Forward it: refused beside the field without the body, then done.
	b.Go(petitionURL + "?step=process")
	b.Click(`#step input[name="eligible"][value="1"]`)
	choose(b, "#f-handling", "forwarded")
	b.Click("#step form button[type=submit]")
	b.Do("wait for the refusal", chromedp.WaitVisible(chromedp.CSS("#e-unit_id")))
	if got := b.Text("#e-unit_id"); got != "Chọn cơ quan nhận đơn chuyển hoặc được đôn đốc." {
		b.Errorf("forwarding to nobody: %q", got)
	}
	choose(b, "#f-unit_id", "")
	b.Fill("#f-ref", "125-CV/BNCTU")
	saved(b, "#step form button[type=submit]")
	if flash := b.Text(".flash.ok"); !strings.Contains(flash, "Đã lưu kết quả xử lý đơn") {
		b.t.Fatalf("forwarding: %q", flash)
	}
	if st := b.Text("#h-state + dl"); !strings.Contains(st, "Chuyển đơn") || !strings.Contains(st, "125-CV/BNCTU") {
		b.Errorf("the state after forwarding: %q", st)
	}
	b.Go("/petitions/due")
	if strings.Contains(b.Text("main"), ref) {
		b.Errorf("the forwarded petition is still on the due list")
	}

	// The body replies: first that it is looking into it, then resolved.
	b.Go(petitionURL + "?step=reply")
	b.Fill("#f-ref", "12/TTr-NV")
	b.Do("reply", chromedp.SetValue(chromedp.CSS("#f-summary"), "Thanh tra tỉnh đang xác minh nội dung tố cáo."))
	saved(b, "#step form button[type=submit]")
	if flash := b.Text(".flash.ok"); !strings.Contains(flash, "Đã lưu văn bản trả lời") {
		b.t.Fatalf("first reply: %q", flash)
	}
	b.Go(petitionURL + "?step=reply")
	b.Fill("#f-ref", "31/KL-TTr")
	b.Click(`#step input[name="resolved"]`)
	choose(b, "#f-outcome", "right")
	b.Fill("#f-money_returned", "15.000.000")
	b.Fill("#f-people_protected", "1")
	saved(b, "#step form button[type=submit]")
	if flash := b.Text(".flash.ok"); !strings.Contains(flash, "Đã lưu văn bản trả lời") {
		b.t.Fatalf("the reply reporting it resolved: %q", flash)
	}
	if tags := b.Text(".headtags"); !strings.Contains(tags, "Đã giải quyết xong") {
		b.Errorf("status after the resolving reply: %q", tags)
	}
	if h := b.Text("#history"); !strings.Contains(h, "31/KL-TTr") || !strings.Contains(h, "12/TTr-NV") || !strings.Contains(h, "15 triệu đồng") {
		b.Errorf("the history lacks the replies: %s", h)
	}
	checkNoInlineCode(b)
	shot(b, "petitions-show")

	// The list shows it resolved, the sender masked; the figures count it.
	b.Go("/petitions?q=" + ref)
	if row := b.Text("table.petitionlist tbody tr"); !strings.Contains(row, "Đã giải quyết xong") || strings.Contains(row, "Hoàng Văn Thắng") {
		b.Errorf("the list row: %q", row)
	}
	shot(b, "petitions-list")
	b.Go("/petitions/figures")
	shot(b, "petitions-figures")
	if !Eval[bool](b, `!!document.querySelector('canvas[data-chart="chart-petitions"][data-drawn]')`) {
		b.Errorf("the chart is not drawn")
	}
	b.Click(`[data-fig="petitions.resolved"] a`)
	if !strings.Contains(b.Text("main"), ref) {
		b.Errorf("the resolved figure's petitions do not include %s", ref)
	}
	checkNoInlineCode(b)

	// On a phone the pages fit the screen.
	b.Do("phone viewport", chromedp.EmulateViewport(390, 844))
	for _, path := range []string{"/petitions", petitionURL, "/petitions/new", "/petitions/figures", "/petitions/due"} {
		b.Go(path)
		shot(b, "phone"+strings.NewReplacer("/", "-", "?", "-").Replace(path))
		if overflow := Eval[int](b, `document.documentElement.scrollWidth - window.innerWidth`); overflow > 0 {
			b.Errorf("%s is %dpx wider than a phone", path, overflow)
		}
	}
	shot(b, "petitions-new-phone")
}
