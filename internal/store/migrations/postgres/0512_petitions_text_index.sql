-- +goose Up
-- On SQLite this version replaces the FTS5 trigram table by a covering
-- index (see the SQLite migration). PostgreSQL keeps its pg_trgm GIN index
-- on search_text, which answers the same LIKE filter within milliseconds;
-- nothing changes here.
SELECT 1;

-- +goose Down
SELECT 1;
