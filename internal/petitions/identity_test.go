package petitions

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"noichinh/internal/access"
	"noichinh/internal/fixture"
	"noichinh/internal/i18n"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

// A sender's identity is nowhere in the database in clear: not in the
// petition, its history, the search text, the audit log or the reveal's
// own audit entry. It opens only for a permitted user with a reason.
func TestIdentityIsSealedAndRevealedOnlyWithPermission(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		in := w.denunciation("2026-03-02")
		secret := []string{"Hoàng Văn Thắng", "Nà Lầu", "0912 345 678", "Hoang Van Thang", "hoang van thang"}
		p := mustCreate(t, w, in)

		dump := storetest.Dump(t, db)
		for _, s := range secret {
			if strings.Contains(dump, s) {
				t.Errorf("identity %q stored in clear", s)
			}
		}
		rec, err := w.svc.Get(as(w.viewer), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.Senders) != 1 || rec.Senders[0].Label != MaskedSenderLabel || !rec.Senders[0].HasAddress {
			t.Errorf("masked senders %+v", rec.Senders)
		}
		title, text := SearchDoc(rec.Petition)
		for _, s := range secret {
			if strings.Contains(title+text, s) {
				t.Errorf("search text carries %q", s)
			}
		}

		otherSpec := fixture.User(t, db, w.org, "chuyenvien3", access.Specialist, access.MostSecret)
		cases := []struct {
			name   string
			actor  *access.Actor
			reason string
			want   error
			field  string
		}{
			{"viewer may not reveal", w.viewer, "xác minh", access.ErrForbidden, ""},
			{"specialist not assigned", otherSpec, "xác minh", access.ErrForbidden, ""},
			{"clearance below the petition", w.spec2, "xác minh", store.ErrNotFound, ""},
			{"no reason", w.spec, "   ", nil, "reason"},
			{"assigned specialist", w.spec, "Xác minh nhân thân người tố cáo để làm việc trực tiếp", nil, ""},
			{"leader", w.leader, "Bảo vệ người tố cáo: đề nghị Công an tỉnh áp dụng biện pháp bảo vệ", nil, ""},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				before := storetest.Dump(t, db)
				got, err := w.svc.Reveal(as(tc.actor), p.ID, tc.reason)
				switch {
				case tc.want != nil:
					isErr(t, err, tc.want)
				case tc.field != "":
					fieldErr(t, err, tc.field, "error.required")
				default:
					if err != nil {
						t.Fatal(err)
					}
					if len(got) != 1 || got[0].Name != "Hoàng Văn Thắng" || got[0].Phone != "0912 345 678" {
						t.Fatalf("revealed %+v", got)
					}
					var action, summary, after string
					err := db.Read().QueryRow(`SELECT action, summary, after_json FROM audit_log ORDER BY seq DESC LIMIT 1`).
						Scan(&action, &summary, &after)
					if err != nil {
						t.Fatal(err)
					}
					if action != "reveal" || !strings.Contains(summary, tc.reason) || strings.Contains(summary+after, "Thắng") {
						t.Errorf("reveal audit: %s %q %s", action, summary, after)
					}
					return
				}
				if storetest.Dump(t, db) != before {
					t.Error("a refused reveal changed the database")
				}
			})
		}
	})
}

// An export carries identities only when asked, permitted and given a reason,
// and every export is audited.
func TestExportLeavesIdentitiesOut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		mustCreate(t, w, w.denunciation("2026-03-02"))
		mustCreate(t, w, w.complaint("2026-03-03"))

		plain, err := w.svc.Export(as(w.spec), ExportRequest{})
		if err != nil {
			t.Fatal(err)
		}
		if len(plain) != 2 || plain[0].Senders != nil || plain[0].SendersLabel != MaskedSenderLabel {
			t.Fatalf("plain export %+v", plain)
		}
		// Specialists may reveal one petition, not export identities in bulk.
		_, err = w.svc.Export(as(w.spec), ExportRequest{WithIdentities: true, Reason: "báo cáo"})
		isErr(t, err, access.ErrForbidden)
		_, err = w.svc.Export(as(w.leader), ExportRequest{WithIdentities: true})
		fieldErr(t, err, "reason", "error.required")

		rows, err := w.svc.Export(as(w.leader), ExportRequest{WithIdentities: true, Reason: "Cung cấp cho Cơ quan điều tra theo yêu cầu số 12/CSĐT",
			Filter: Filter{Kinds: []Kind{Denunciation}}})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || len(rows[0].Senders) != 1 || rows[0].Senders[0].Name != "Hoàng Văn Thắng" {
			t.Fatalf("export with identities %+v", rows)
		}
		// The workbook shows the identities only for the export that carried them.
		for _, tc := range []struct {
			rows []ExportRow
			want string
		}{{plain, "Người gửi (được bảo vệ)"}, {rows, "Hoàng Văn Thắng, Thôn Nà Lầu, xã Đồng Đăng, 0912 345 678"}} {
			var buf bytes.Buffer
			if err := WriteExport(&buf, tc.rows, i18n.VI); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			cells, _ := f.GetRows("Đơn thư")
			f.Close()
			var denunciation []string
			for _, row := range cells[1:] {
				if len(row) > 5 && row[5] == "Tố cáo" {
					denunciation = row
				}
			}
			if len(cells) != len(tc.rows)+1 || denunciation == nil || denunciation[4] != tc.want {
				t.Errorf("workbook rows %q", cells)
			}
			if strings.Contains(tc.want, "được bảo vệ") && strings.Contains(fmt.Sprint(cells), "Thắng") {
				t.Error("a plain export's workbook names the sender")
			}
		}
		var n int
		if err := db.Read().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'export'`).Scan(&n); err != nil || n != 2 {
			t.Errorf("exports audited: %d (%v), want 2", n, err)
		}
		var summary string
		_ = db.Read().QueryRow(`SELECT summary FROM audit_log WHERE action = 'export' ORDER BY seq DESC LIMIT 1`).Scan(&summary)
		if !strings.Contains(summary, "WITH sender identities") || !strings.Contains(summary, "12/CSĐT") {
			t.Errorf("export audit summary %q", summary)
		}
	})
}
