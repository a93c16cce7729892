package documents

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"noichinh/internal/access"
	"noichinh/internal/cite"
	"noichinh/internal/fixture"
	"noichinh/internal/store"
	"noichinh/internal/store/storetest"
)

func count(t testing.TB, db *store.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Read().QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAttachments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, "LSN")
		ctx := fixture.Ctx(e.spec)
		a := e.mustCreate(t, Input{Symbol: "48-CT/TW", Kind: cite.KindDirective, IssuedOn: d("2010-10-22")})
		b := e.mustCreate(t, Input{Symbol: "05-KL/TW", Kind: cite.KindConclusion, IssuedOn: d("2016-07-15")})
		secret := e.mustCreate(t, Input{Symbol: "01-BC/BNCTU", Kind: cite.KindReport, IssuedOn: d("2026-01-05"), Classification: access.Secret})
		pdf := []byte("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n")
		att, err := e.s.AddAttachment(ctx, a.ID, `C:\scan\Chỉ thị 48.pdf`, bytes.NewReader(pdf))
		if err != nil {
			t.Fatal(err)
		}
		if att.FileName != "Chỉ thị 48.pdf" || att.MediaType != TypePDF || att.Size != int64(len(pdf)) || len(att.SHA256) != 64 {
			t.Errorf("attachment %+v", att)
		}
		// The same content on another document is stored once.
		if _, err := e.s.AddAttachment(ctx, b.ID, "ban-sao", bytes.NewReader(pdf)); err != nil {
			t.Fatal(err)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM blobs`); n != 1 {
			t.Errorf("%d blobs for one content", n)
		}
		list, err := e.s.Attachments(ctx, b.ID)
		if err != nil || len(list) != 1 || list[0].FileName != "ban-sao.pdf" {
			t.Errorf("list %+v %v", list, err)
		}
		got, r, err := e.s.OpenAttachment(ctx, att.ID)
		if err != nil {
			t.Fatal(err)
		}
		if content, _ := io.ReadAll(r); !bytes.Equal(content, pdf) || got.ID != att.ID {
			t.Error("content read back differs")
		}
		png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
		tests := []struct {
			name  string
			doc   int64
			file  string
			data  []byte
			key   string
			actor *access.Actor
		}{
			{"too large", a.ID, "big.pdf", append(append([]byte{}, pdf...), make([]byte, MaxAttachmentSize)...), "documents.error.file_too_large", e.spec},
			{"refused type", a.ID, "tool.exe", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00"), "documents.error.file_type_refused", e.spec},
			{"name says another type", a.ID, "scan.pdf", png, "documents.error.file_type_mismatch", e.spec},
			{"empty", a.ID, "a.txt", nil, "documents.error.file_empty", e.spec},
			{"already attached", a.ID, "again.pdf", pdf, "documents.error.file_already_attached", e.spec},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := unchanged(t, db, func() error {
					_, err := e.s.AddAttachment(fixture.Ctx(tt.actor), tt.doc, tt.file, bytes.NewReader(tt.data))
					return err
				})
				fieldErr(t, err, "file", tt.key)
			})
		}
		// A document above one's clearance takes no attachment and shows none.
		if _, err := e.s.AddAttachment(fixture.Ctx(e.low), secret.ID, "a.png", bytes.NewReader(png)); !isNotFound(err) {
			t.Errorf("attach to a secret document without clearance: %v", err)
		}
		sa, err := e.s.AddAttachment(ctx, secret.ID, "bao-cao.txt", strings.NewReader("Báo cáo mật"))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.s.OpenAttachment(fixture.Ctx(e.low), sa.ID); !isNotFound(err) {
			t.Errorf("open a secret file without clearance: %v", err)
		}
		exports := count(t, db, `SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND entity = 'document_attachment'`)
		if _, _, err := e.s.OpenAttachment(ctx, sa.ID); err != nil {
			t.Fatal(err)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND entity = 'document_attachment'`); n != exports+1 {
			t.Errorf("opening a secret file is not audited: %d → %d", exports, n)
		}
		if err := e.s.RemoveAttachment(ctx, att.ID); err != nil {
			t.Fatal(err)
		}
		if list, _ := e.s.Attachments(ctx, a.ID); len(list) != 0 {
			t.Errorf("after removal: %+v", list)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM blobs`); n != 2 {
			t.Errorf("blobs after removal: %d", n)
		}
	})
}
