package documents

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"noichinh/internal/store"
)

// storeBlob stores content under its hash unless it is stored already.
func storeBlob(ctx context.Context, tx *sql.Tx, sha, mediaType string, data []byte) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO blobs (sha256, size, media_type, data, created_at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (sha256) DO NOTHING`, sha, len(data), mediaType, data, store.Now())
	if err != nil {
		return fmt.Errorf("store file content: %w", err)
	}
	return nil
}

func blobData(ctx context.Context, q store.Querier, sha string) ([]byte, error) {
	var data []byte
	err := q.QueryRowContext(ctx, `SELECT data FROM blobs WHERE sha256 = $1`, sha).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("read file content: %w", err)
	}
	return data, nil
}

const attachmentColumns = `id, document_id, blob_sha256, file_name, media_type, size, uploaded_at, COALESCE(uploaded_by, 0)`

func scanAttachment(row scanner) (Attachment, error) {
	var a Attachment
	err := row.Scan(&a.ID, &a.DocumentID, &a.SHA256, &a.FileName, &a.MediaType, &a.Size, &a.UploadedAt, &a.UploadedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return a, store.ErrNotFound
	}
	if err != nil {
		return a, fmt.Errorf("read attachment: %w", err)
	}
	a.UploadedAt = a.UploadedAt.UTC()
	return a, nil
}

func insertAttachment(ctx context.Context, tx *sql.Tx, orgID int64, a *Attachment) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO document_attachments (org_id, document_id, blob_sha256, file_name,
		media_type, size, uploaded_at, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		orgID, a.DocumentID, a.SHA256, a.FileName, a.MediaType, a.Size, a.UploadedAt, nullID(a.UploadedBy)).Scan(&a.ID)
	if err != nil {
		return fmt.Errorf("insert attachment: %w", err)
	}
	return nil
}

func attachmentByID(ctx context.Context, q store.Querier, orgID, id int64) (Attachment, error) {
	return scanAttachment(q.QueryRowContext(ctx, `SELECT `+attachmentColumns+` FROM document_attachments
		WHERE id = $1 AND org_id = $2`, id, orgID))
}

func attachmentByBlob(ctx context.Context, q store.Querier, docID int64, sha string) (Attachment, error) {
	return scanAttachment(q.QueryRowContext(ctx, `SELECT `+attachmentColumns+` FROM document_attachments
		WHERE document_id = $1 AND blob_sha256 = $2`, docID, sha))
}

func listAttachments(ctx context.Context, q store.Querier, orgID, docID int64) ([]Attachment, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+attachmentColumns+` FROM document_attachments
		WHERE org_id = $1 AND document_id = $2 ORDER BY id`, orgID, docID)
	if err != nil {
		return nil, fmt.Errorf("list attachments: %w", err)
	}
	defer rows.Close()
	var out []Attachment
	for rows.Next() {
		a, err := scanAttachment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func deleteAttachment(ctx context.Context, tx *sql.Tx, id int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM document_attachments WHERE id = $1`, id); err != nil {
		return fmt.Errorf("delete attachment: %w", err)
	}
	return nil
}
