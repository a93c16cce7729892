-- +goose Up
-- Words instead of trigrams: the folded title (weight A) and text (weight B)
-- as a tsvector of the 'simple' configuration (the text is already folded,
-- so no stemming or stop words apply), plus the entry's scope as lexemes
-- no word can begin with (weight D: "#org12 #kindpetition #class0", taken
-- verbatim, so the prefix "o" never matches "#org12"), so one GIN lookup intersects the
-- query's words with the searcher's organisation, kinds and clearance. The
-- trigram index ranked every substring match of a common word and took
-- seconds on a province's data; both engines now match word prefixes alike.
ALTER TABLE search_index ADD COLUMN fts tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', ftitle), 'A') ||
    setweight(to_tsvector('simple', fbody), 'B') ||
    setweight(array_to_tsvector(ARRAY['#org' || org_id, '#kind' || replace(kind, '_', ''), '#class' || classification]), 'D')
) STORED;
CREATE INDEX search_index_fts ON search_index USING gin (fts);
-- The most recent matches of one organisation, newest first, when a word is
-- so common that reading the organisation's entries backwards finds enough
-- sooner than the GIN lookup would.
CREATE INDEX search_index_org_recent ON search_index (org_id, id);
DROP INDEX search_index_folded;
ANALYZE search_index;

-- +goose Down
CREATE INDEX search_index_folded ON search_index USING gin (folded public.gin_trgm_ops);
DROP INDEX search_index_org_recent;
DROP INDEX search_index_fts;
ALTER TABLE search_index DROP COLUMN fts;
