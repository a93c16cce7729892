-- +goose Up
-- Units: every body the Committee deals with (Party committees and boards,
-- its own departments, procedural and state agencies, communes, wards,
-- former districts, foreign partners), with their life span. The units
-- module adds their history (names, parents, events) in later migrations;
-- this table is the stable core other modules reference.
--   code: a stable reference code, unique within the organisation, used by
--         reference data files and imports (e.g. "district-van-lang").
--   name_key: vntext.Key(name), for matching names typed in any tone-mark style.
CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    code        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    name_en     TEXT NOT NULL DEFAULT '',
    short_name  TEXT NOT NULL DEFAULT '',
    name_key    TEXT NOT NULL,
    issuer_code TEXT NOT NULL DEFAULT '',
    parent_id   INTEGER REFERENCES units(id),
    valid_from  DATE,
    valid_to    DATE,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (org_id, code)
);
CREATE INDEX units_org_kind ON units (org_id, kind);
CREATE INDEX units_parent ON units (parent_id);
CREATE INDEX units_name_key ON units (org_id, name_key);

-- +goose Down
DROP TABLE units;
