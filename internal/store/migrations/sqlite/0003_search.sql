-- +goose Up
-- The global search index. Modules keep their records' rows in step with
-- every write, in the same transaction (search.Put). ftitle and fbody hold
-- the folded text (no diacritics, đ→d, lower case: vntext.Fold), so
-- "nguyen van duc" finds "Nguyễn Văn Đức" and "tinh uy" finds "Tỉnh uỷ".
-- title and body keep the original text for display and snippets; a
-- protected identity never enters either.
CREATE TABLE search_index (
    id             INTEGER PRIMARY KEY,
    org_id         INTEGER NOT NULL REFERENCES orgs(id),
    kind           TEXT NOT NULL,
    record_id      TEXT NOT NULL,
    classification INTEGER NOT NULL DEFAULT 0,
    title          TEXT NOT NULL,
    body           TEXT NOT NULL DEFAULT '',
    url            TEXT NOT NULL,
    ftitle         TEXT NOT NULL,
    fbody          TEXT NOT NULL DEFAULT '',
    updated_at     TIMESTAMP NOT NULL,
    UNIQUE (org_id, kind, record_id)
);

-- FTS5 over the folded columns, kept in step by triggers (external content).
CREATE VIRTUAL TABLE search_fts USING fts5(ftitle, fbody, content='search_index', content_rowid='id', tokenize='unicode61');
-- +goose StatementBegin
CREATE TRIGGER search_index_ai AFTER INSERT ON search_index BEGIN
    INSERT INTO search_fts (rowid, ftitle, fbody) VALUES (new.id, new.ftitle, new.fbody);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER search_index_ad AFTER DELETE ON search_index BEGIN
    INSERT INTO search_fts (search_fts, rowid, ftitle, fbody) VALUES ('delete', old.id, old.ftitle, old.fbody);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER search_index_au AFTER UPDATE ON search_index BEGIN
    INSERT INTO search_fts (search_fts, rowid, ftitle, fbody) VALUES ('delete', old.id, old.ftitle, old.fbody);
    INSERT INTO search_fts (rowid, ftitle, fbody) VALUES (new.id, new.ftitle, new.fbody);
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE search_fts;
DROP TABLE search_index;
