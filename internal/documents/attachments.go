package documents

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"time"

	"noichinh/internal/access"
	"noichinh/internal/audit"
	"noichinh/internal/store"
	"noichinh/internal/validate"
	"noichinh/internal/vntext"
)

// Attachment is a file attached to a document. Its content is stored once
// per SHA-256, whatever the number of documents it is attached to.
type Attachment struct {
	ID         int64
	DocumentID int64
	SHA256     string
	FileName   string
	MediaType  string
	Size       int64
	UploadedAt time.Time
	UploadedBy int64
}

// AddAttachment attaches the file read from r to a document. The file is
// refused when it is empty or larger than MaxAttachmentSize, when its
// content is none of the accepted types (PDF, DOC, DOCX, XLSX, ODT, JPEG,
// PNG, UTF-8 text), or when its name's extension claims another type.
func (s *Service) AddAttachment(ctx context.Context, docID int64, fileName string, r io.Reader) (Attachment, error) {
	actor, err := access.Check(ctx, access.DocsWrite)
	if err != nil {
		return Attachment{}, err
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxAttachmentSize+1))
	if err != nil {
		return Attachment{}, fmt.Errorf("read attachment: %w", err)
	}
	var errs validate.Errors
	mediaType := sniff(data, fileName)
	switch {
	case len(data) == 0:
		errs.Add("file", "documents.error.file_empty", nil)
	case len(data) > MaxAttachmentSize:
		errs.Add("file", "documents.error.file_too_large", map[string]any{"max": MaxAttachmentSize >> 20})
	case mediaType == "":
		errs.Add("file", "documents.error.file_type_refused", nil)
	case extensionMismatch(vntext.Clean(fileName), mediaType):
		errs.Add("file", "documents.error.file_type_mismatch", nil)
	}
	if err := errs.Err(); err != nil {
		return Attachment{}, err
	}
	sum := sha256.Sum256(data)
	a := Attachment{DocumentID: docID, SHA256: hex.EncodeToString(sum[:]), FileName: cleanFileName(fileName, mediaType),
		MediaType: mediaType, Size: int64(len(data)), UploadedAt: store.Now(), UploadedBy: actor.UserID}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		doc, err := visibleRecord(ctx, tx, actor, docID)
		if err != nil {
			return err
		}
		attached, err := attachmentByBlob(ctx, tx, docID, a.SHA256)
		switch {
		case err == nil:
			return validate.Errors{{Field: "file", Key: "documents.error.file_already_attached",
				Params: map[string]any{"name": attached.FileName}}}
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		if err := storeBlob(ctx, tx, a.SHA256, mediaType, data); err != nil {
			return err
		}
		if err := insertAttachment(ctx, tx, actor.OrgID, &a); err != nil {
			return err
		}
		ev := newEvent(actor, docID, EventAttachmentAdded, map[string]any{"attachment_id": a.ID, "file_name": a.FileName,
			"sha256": a.SHA256, "size": a.Size})
		if err := insertEvent(ctx, tx, actor.OrgID, ev); err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Create, Entity: "document_attachment", EntityID: a.ID,
			Summary: fmt.Sprintf("Đính kèm %s vào văn bản %s", a.FileName, doc.Title()), After: a})
		return err
	})
	if err != nil {
		return Attachment{}, err
	}
	return a, nil
}

// Attachments lists a document's attachments.
func (s *Service) Attachments(ctx context.Context, docID int64) ([]Attachment, error) {
	actor, err := access.Check(ctx, access.DocsRead)
	if err != nil {
		return nil, err
	}
	var out []Attachment
	err = s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		if _, err := visibleRecord(ctx, tx, actor, docID); err != nil {
			return err
		}
		out, err = listAttachments(ctx, tx, actor.OrgID, docID)
		return err
	})
	return out, err
}

// OpenAttachment returns an attachment and its content. Opening the file of
// a classified document is an export of a secret and is audited.
func (s *Service) OpenAttachment(ctx context.Context, id int64) (Attachment, io.Reader, error) {
	actor, err := access.Check(ctx, access.DocsRead)
	if err != nil {
		return Attachment{}, nil, err
	}
	a, err := attachmentByID(ctx, s.db.Read(), actor.OrgID, id)
	if err != nil {
		return Attachment{}, nil, err
	}
	doc, err := visibleRecord(ctx, s.db.Read(), actor, a.DocumentID)
	if err != nil {
		return Attachment{}, nil, err
	}
	data, err := blobData(ctx, s.db.Read(), a.SHA256)
	if err != nil {
		return Attachment{}, nil, err
	}
	if doc.Classification > access.Normal {
		err := audit.RecordNow(ctx, s.db, audit.Event{Action: audit.Export, Entity: "document_attachment", EntityID: a.ID,
			Summary: fmt.Sprintf("Mở tệp %s của văn bản %s (%s)", a.FileName, doc.Title(), doc.Classification.Code())})
		if err != nil {
			return Attachment{}, nil, err
		}
	}
	return a, bytes.NewReader(data), nil
}

// RemoveAttachment detaches a file from its document. The content stays
// stored: the history and the audit log refer to it by hash.
func (s *Service) RemoveAttachment(ctx context.Context, id int64) error {
	actor, err := access.Check(ctx, access.DocsWrite)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		a, err := attachmentByID(ctx, tx, actor.OrgID, id)
		if err != nil {
			return err
		}
		doc, err := visibleRecord(ctx, tx, actor, a.DocumentID)
		if err != nil {
			return err
		}
		if err := deleteAttachment(ctx, tx, id); err != nil {
			return err
		}
		ev := newEvent(actor, doc.ID, EventAttachmentRemoved, map[string]any{"attachment_id": a.ID,
			"file_name": a.FileName, "sha256": a.SHA256})
		if err := insertEvent(ctx, tx, actor.OrgID, ev); err != nil {
			return err
		}
		_, err = audit.Record(ctx, tx, audit.Event{Action: audit.Delete, Entity: "document_attachment", EntityID: a.ID,
			Summary: fmt.Sprintf("Gỡ tệp %s khỏi văn bản %s", a.FileName, doc.Title()), Before: a})
		return err
	})
}
