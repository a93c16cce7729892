-- +goose Up
-- The full-text index also holds each entry's scope as words (its
-- organisation, kind and classification: "org12 kindpetition class0"), so a
-- search reads only the doclists of the searcher's organisation, kinds and
-- clearance instead of every committee's matches. Prefix indexes of two and
-- three letters answer the short word beginnings people type.
ALTER TABLE search_index ADD COLUMN fscope TEXT GENERATED ALWAYS AS
    ('org' || org_id || ' kind' || replace(replace(kind, '_', ''), '.', '') || ' class' || classification) VIRTUAL;
DROP TRIGGER search_index_ai;
DROP TRIGGER search_index_ad;
DROP TRIGGER search_index_au;
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(ftitle, fbody, fscope, content='search_index', content_rowid='id',
    tokenize='unicode61', prefix='2 3');
-- +goose StatementBegin
CREATE TRIGGER search_index_ai AFTER INSERT ON search_index BEGIN
    INSERT INTO search_fts (rowid, ftitle, fbody, fscope) VALUES (new.id, new.ftitle, new.fbody, new.fscope);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER search_index_ad AFTER DELETE ON search_index BEGIN
    INSERT INTO search_fts (search_fts, rowid, ftitle, fbody, fscope) VALUES ('delete', old.id, old.ftitle, old.fbody, old.fscope);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER search_index_au AFTER UPDATE ON search_index BEGIN
    INSERT INTO search_fts (search_fts, rowid, ftitle, fbody, fscope) VALUES ('delete', old.id, old.ftitle, old.fbody, old.fscope);
    INSERT INTO search_fts (rowid, ftitle, fbody, fscope) VALUES (new.id, new.ftitle, new.fbody, new.fscope);
END;
-- +goose StatementEnd
INSERT INTO search_fts (search_fts) VALUES ('rebuild');

-- +goose Down
DROP TRIGGER search_index_ai;
DROP TRIGGER search_index_ad;
DROP TRIGGER search_index_au;
DROP TABLE search_fts;
ALTER TABLE search_index DROP COLUMN fscope;
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
INSERT INTO search_fts (search_fts) VALUES ('rebuild');
