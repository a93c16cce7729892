package casesweb

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"noichinh/internal/config"
)

// The JSON API: the list with the same filters as the page, a case with its
// timeline, opening and editing a case (409 on a stale version), events
// with the same refusals as the forms (422 with the message in Vietnamese),
// the due lists.
func TestAPI(t *testing.T) {
	each(t, func(t *testing.T, cfg *config.Config) {
		e := newEnv(t, cfg)
		decode := func(r response, v any) {
			t.Helper()
			if err := json.Unmarshal([]byte(r.body), v); err != nil {
				t.Fatalf("not JSON (%d): %v\n%s", r.code, err, r.body)
			}
		}
		var list struct {
			Cases []apiCase
			Total int
		}
		r := e.get("chuyenvien1", "/api/v1/cases?fig=watch.directed.corruption.followed&from=2020-01-01&to=2020-06-30")
		decode(r, &list)
		if r.code != 200 || list.Total != 4 || len(list.Cases) != 4 {
			t.Errorf("the cases behind a figure: %d, total %d", r.code, list.Total)
		}
		if r := e.get("chuyenvien1", "/api/v1/cases?due=tomorrow"); r.code != http.StatusUnprocessableEntity {
			t.Errorf("a bad filter: %d", r.code)
		}

		body := map[string]any{"kind": "criminal_case", "title": "Vụ án Nhận hối lộ tại Chi cục Thuế huyện Cao Lộc",
			"categories": []string{"corruption"}, "field": "tax_customs", "locality_id": e.units["district-cao-loc"],
			"classification": "normal", "offence_class": "serious", "assignee_ids": []int64{e.actors["chuyenvien1"].UserID},
			"opened_on": "2025-02-03"}
		r = e.json("chuyenvien1", "POST", "/api/v1/cases", body)
		var c apiCase
		decode(r, &c)
		if r.code != http.StatusCreated || c.ID == 0 || c.Version != 1 || len(c.Timeline) != 1 || c.Timeline[0].Kind != "opened" {
			t.Fatalf("open a case: %d %+v", r.code, c)
		}
		path := "/api/v1/cases/" + itoa(c.ID)
		r = e.json("chuyenvien1", "POST", path+"/events", map[string]any{"version": c.Version, "kind": "watch_added",
			"effective_on": "2025-02-10", "level": "monitored", "document_symbol": "20-TB/BNCTU"})
		decode(r, &c)
		if r.code != http.StatusCreated || c.Level != "monitored" || c.Version != 2 {
			t.Fatalf("record an event: %d %+v", r.code, c)
		}
		r = e.json("chuyenvien1", "POST", path+"/events", map[string]any{"version": c.Version, "kind": "assets_recovered",
			"effective_on": "2025-03-10", "amount_vnd": -5000000})
		var fail struct {
			Fields []struct{ Field, Code, Message string }
		}
		decode(r, &fail)
		if r.code != http.StatusUnprocessableEntity || len(fail.Fields) == 0 || fail.Fields[0].Field != "amount_vnd" ||
			fail.Fields[0].Message != "Không được là số âm." {
			t.Errorf("a negative amount: %d %+v", r.code, fail)
		}
		r = e.json("chuyenvien1", "POST", path+"/events", map[string]any{"version": 1, "kind": "note",
			"effective_on": "2025-03-10", "note": "ghi chú trên phiên bản cũ"})
		if r.code != http.StatusConflict {
			t.Errorf("an event on a stale version: %d", r.code)
		}
		body["title"], body["version"] = "Vụ án Nhận hối lộ tại Chi cục Thuế khu vực Cao Lộc", 1
		if r := e.json("chuyenvien1", "PUT", path, body); r.code != http.StatusConflict {
			t.Errorf("a stale edit: %d", r.code)
		}
		body["version"] = c.Version
		r = e.json("chuyenvien1", "PUT", path, body)
		decode(r, &c)
		if r.code != 200 || c.Title != "Vụ án Nhận hối lộ tại Chi cục Thuế khu vực Cao Lộc" || c.Version != 3 {
			t.Errorf("edit: %d %+v", r.code, c)
		}
		// Retract the watch entry through the API.
		var watchID int64
		for _, ev := range c.Timeline {
			if ev.Kind == "watch_added" {
				watchID = ev.ID
			}
		}
		r = e.json("chuyenvien1", "POST", path+"/events", map[string]any{"version": c.Version, "kind": "retracted",
			"corrects": watchID, "reason": "Nhập nhầm hồ sơ."})
		decode(r, &c)
		if r.code != http.StatusCreated || c.Level != "" || c.Timeline[len(c.Timeline)-1].Kind != "retracted" {
			t.Errorf("retract: %d level %q", r.code, c.Level)
		}
		if r := e.get("chuyenvien3", "/api/v1/cases/999999"); r.code != http.StatusNotFound {
			t.Errorf("no such case: %d", r.code)
		}
		if r := e.json("thuongvu", "POST", "/api/v1/cases", body); r.code != http.StatusForbidden {
			t.Errorf("a viewer opens a case: %d", r.code)
		}
		var due struct {
			Scope        string
			Overdue      []apiCase
			OverdueTotal int `json:"overdue_total"`
		}
		decode(e.get("truongban", "/api/v1/cases/due"), &due)
		if due.Scope != "all" || due.OverdueTotal == 0 {
			t.Errorf("a leader's due list: %+v", due)
		}
	})
}

var (
	binaryOnce sync.Once
	binaryDir  string // removed by TestMain
	binaryPath string
	binaryErr  error
)

// noichinhBinary builds the command once per test run.
func noichinhBinary(t *testing.T) string {
	t.Helper()
	binaryOnce.Do(func() {
		dir, err := os.MkdirTemp("", "noichinh-bin-")
		if err != nil {
			binaryErr = err
			return
		}
		binaryDir, binaryPath = dir, filepath.Join(dir, "noichinh")
		var out bytes.Buffer
		cmd := exec.Command("go", "build", "-o", binaryPath, "noichinh/cmd/noichinh")
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			binaryErr = err
			binaryPath = out.String()
		}
	})
	if binaryErr != nil {
		t.Fatalf("build noichinh: %v\n%s", binaryErr, binaryPath)
	}
	return binaryPath
}

// The API gives the same figures, under the same keys, as `noichinh report
// cases` for the seeds' periods (to a reader cleared for every record, as
// the command line is); the page's report paragraph is the command's text.
func TestFiguresMatchTheReportCommand(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is needed to build noichinh")
	}
	each(t, func(t *testing.T, cfg *config.Config) {
		e := newEnv(t, cfg)
		bin := noichinhBinary(t)
		report := func(args ...string) string {
			t.Helper()
			cmd := exec.Command(bin, append([]string{"report", "cases", "--org", e.demo.Org.Code}, args...)...)
			cmd.Env = append(os.Environ(), "NOICHINH_DATA="+cfg.Data, "NOICHINH_DB="+cfg.DB, "NOICHINH_LOG_LEVEL=error")
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("noichinh report cases %v: %v\n%s", args, err, stderr.String())
			}
			return stdout.String()
		}
		for _, period := range [][2]string{{"2013-06-01", "2020-06-30"}, {"2020-01-01", "2020-06-30"}} {
			var cli, api map[string]any
			if err := json.Unmarshal([]byte(report("--from", period[0], "--to", period[1], "--format", "json")), &cli); err != nil {
				t.Fatal(err)
			}
			r := e.get("truongban", "/api/v1/cases/figures?from="+period[0]+"&to="+period[1])
			if err := json.Unmarshal([]byte(r.body), &api); err != nil || r.code != 200 {
				t.Fatalf("API figures: %d %v", r.code, err)
			}
			if !reflect.DeepEqual(cli, api) {
				for k := range cli {
					if !reflect.DeepEqual(cli[k], api[k]) {
						t.Errorf("%s…%s: %q differs:\ncommand %v\nAPI     %v", period[0], period[1], k, cli[k], api[k])
					}
				}
				if len(cli) != len(api) {
					t.Errorf("%s…%s: %d keys from the command, %d from the API", period[0], period[1], len(cli), len(api))
				}
			}
			text := strings.TrimSpace(report("--from", period[0], "--to", period[1], "--format", "text"))
			page := e.get("truongban", "/cases/figures?from="+period[0]+"&to="+period[1])
			if !strings.Contains(page.body, htmlText(text)) {
				t.Errorf("%s…%s: the page's report paragraph is not the command's:\n%s", period[0], period[1], text)
			}
		}

		// Counts only for an administrator; the provinces for the central committee.
		var counts map[string]any
		_ = json.Unmarshal([]byte(e.get("admin", "/api/v1/cases/figures?from=2020-01-01&to=2020-06-30").body), &counts)
		if counts["counts_only"] != true || len(counts["cases"].([]any)) != 0 {
			t.Errorf("an administrator's figures name cases: %v", counts["cases"])
		}
		var central struct {
			Total struct {
				CountsOnly bool `json:"counts_only"`
			}
			Orgs []struct {
				Code string
			}
			Narrative string
		}
		_ = json.Unmarshal([]byte(e.get("trunguong", "/api/v1/cases/figures?from=2020-01-01&to=2020-06-30").body), &central)
		if !central.Total.CountsOnly || len(central.Orgs) != 1 || central.Orgs[0].Code != e.demo.Org.Code || central.Narrative == "" {
			t.Errorf("the central committee's figures: %+v", central)
		}
		if r := e.get("admin", "/api/v1/cases/figures?from=2020-07-01&to=2020-06-30"); r.code != http.StatusUnprocessableEntity {
			t.Errorf("a reversed period: %d", r.code)
		}
	})
}

// htmlText is text as html/template writes it inside an element.
func htmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;").Replace(s)
}
