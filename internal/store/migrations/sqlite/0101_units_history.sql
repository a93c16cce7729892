-- +goose Up
-- The organisation module: the history of units (events and the dated
-- versions derived from them), the mapping from former units to current
-- ones, congresses, people and the positions they held, staff assignments
-- to the localities and units they follow, and steering committee members.
--
-- unit_events is the history itself and is append-only: a correction is a
-- new event naming the one it corrects (corrects_id). unit_versions is
-- derived from the events in the same transaction that records one: one row
-- per period in which a unit's name, short name, English name, kind and
-- parent stayed the same. valid_to is the last day of a period (inclusive);
-- NULL valid_from means "since before any record", NULL valid_to "still so".
-- Dates carry a precision (day, month, year) because old sources give "tháng
-- 8/1969" or "cuối năm 1965"; the date stored is the best estimate.

ALTER TABLE units ADD COLUMN admin_code TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

CREATE TABLE unit_events (
    id                 INTEGER PRIMARY KEY,
    org_id             INTEGER NOT NULL REFERENCES orgs(id),
    unit_id            INTEGER NOT NULL REFERENCES units(id),
    kind               TEXT NOT NULL CHECK (kind IN ('established', 'renamed', 'moved', 'reclassified',
                           'merged_into', 'split_from', 'dissolved', 're_established', 'reorganized', 'cancelled')),
    effective_on       DATE,
    date_precision     TEXT NOT NULL DEFAULT 'day' CHECK (date_precision IN ('day', 'month', 'year')),
    name               TEXT NOT NULL DEFAULT '',
    short_name         TEXT NOT NULL DEFAULT '',
    name_en            TEXT NOT NULL DEFAULT '',
    unit_kind          TEXT NOT NULL DEFAULT '',
    parent_id          INTEGER REFERENCES units(id),
    related_unit_id    INTEGER REFERENCES units(id),
    decision_symbol    TEXT NOT NULL DEFAULT '',
    decision_date      DATE,
    decision_issuer_id INTEGER REFERENCES units(id),
    decision_issuer    TEXT NOT NULL DEFAULT '',
    document_id        INTEGER,
    note               TEXT NOT NULL DEFAULT '',
    corrects_id        INTEGER REFERENCES unit_events(id),
    recorded_at        TIMESTAMP NOT NULL,
    recorded_by        INTEGER REFERENCES users(id),
    recorded_by_name   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX unit_events_unit ON unit_events (unit_id, effective_on);
CREATE INDEX unit_events_related ON unit_events (related_unit_id);
-- An event is corrected at most once; a second correction corrects the first.
CREATE UNIQUE INDEX unit_events_corrects ON unit_events (corrects_id);

-- +goose StatementBegin
CREATE TRIGGER unit_events_no_update BEFORE UPDATE ON unit_events
BEGIN
    SELECT RAISE(ABORT, 'unit_events is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER unit_events_no_delete BEFORE DELETE ON unit_events
BEGIN
    SELECT RAISE(ABORT, 'unit_events is append-only');
END;
-- +goose StatementEnd

CREATE TABLE unit_versions (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES orgs(id),
    unit_id    INTEGER NOT NULL REFERENCES units(id),
    valid_from DATE,
    valid_to   DATE,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    name_en    TEXT NOT NULL DEFAULT '',
    name_key   TEXT NOT NULL,
    parent_id  INTEGER REFERENCES units(id),
    event_id   INTEGER REFERENCES unit_events(id)
);
CREATE INDEX unit_versions_unit ON unit_versions (unit_id, valid_from);
CREATE INDEX unit_versions_org ON unit_versions (org_id, valid_from, valid_to);
CREATE INDEX unit_versions_parent ON unit_versions (parent_id);

-- Former unit -> the unit(s) that took over its territory or role (a former
-- district -> the new communes on its territory). Reference data that an
-- administrator completes; merged_into events add their own links.
CREATE TABLE unit_successors (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES orgs(id),
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    successor_id INTEGER NOT NULL REFERENCES units(id),
    effective_on DATE,
    basis        TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    UNIQUE (unit_id, successor_id),
    CHECK (unit_id <> successor_id)
);
CREATE INDEX unit_successors_successor ON unit_successors (successor_id);

-- Congresses (Đại hội) of a Party organisation, and committees designated
-- without a congress (kind 'designation': "chỉ định Ban Chấp hành").
CREATE TABLE congresses (
    id                   INTEGER PRIMARY KEY,
    org_id               INTEGER NOT NULL REFERENCES orgs(id),
    unit_id              INTEGER NOT NULL REFERENCES units(id),
    kind                 TEXT NOT NULL CHECK (kind IN ('congress', 'designation')),
    number               TEXT NOT NULL DEFAULT '',
    starts_on            DATE NOT NULL,
    ends_on              DATE,
    date_precision       TEXT NOT NULL DEFAULT 'day' CHECK (date_precision IN ('day', 'month', 'year')),
    term_from_year       INTEGER,
    term_to_year         INTEGER,
    executive_size       INTEGER,
    executive_alternates INTEGER,
    standing_size        INTEGER,
    place                TEXT NOT NULL DEFAULT '',
    decision_symbol      TEXT NOT NULL DEFAULT '',
    decision_date        DATE,
    decision_issuer_id   INTEGER REFERENCES units(id),
    decision_issuer      TEXT NOT NULL DEFAULT '',
    note                 TEXT NOT NULL DEFAULT '',
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL,
    version              INTEGER NOT NULL DEFAULT 1,
    UNIQUE (unit_id, kind, starts_on)
);

-- People: only what the work needs (a name, and a note).
CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    full_name   TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    search_text TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX people_org_key ON people (org_id, name_key);

-- A person holding a post in a unit for a period: one row per term (an
-- appointment, an election at a congress, an acting period).
CREATE TABLE positions (
    id                       INTEGER PRIMARY KEY,
    org_id                   INTEGER NOT NULL REFERENCES orgs(id),
    person_id                INTEGER NOT NULL REFERENCES people(id),
    unit_id                  INTEGER NOT NULL REFERENCES units(id),
    title                    TEXT NOT NULL,
    title_text               TEXT NOT NULL DEFAULT '',
    person_title             TEXT NOT NULL DEFAULT '',
    starts_on                DATE NOT NULL,
    start_precision          TEXT NOT NULL DEFAULT 'day' CHECK (start_precision IN ('day', 'month', 'year')),
    start_how                TEXT NOT NULL DEFAULT '',
    start_decision_symbol    TEXT NOT NULL DEFAULT '',
    start_decision_date      DATE,
    start_decision_issuer_id INTEGER REFERENCES units(id),
    start_decision_issuer    TEXT NOT NULL DEFAULT '',
    ends_on                  DATE,
    end_precision            TEXT NOT NULL DEFAULT 'day' CHECK (end_precision IN ('day', 'month', 'year')),
    end_how                  TEXT NOT NULL DEFAULT '',
    end_decision_symbol      TEXT NOT NULL DEFAULT '',
    end_decision_date        DATE,
    end_decision_issuer_id   INTEGER REFERENCES units(id),
    end_decision_issuer      TEXT NOT NULL DEFAULT '',
    congress_id              INTEGER REFERENCES congresses(id),
    note                     TEXT NOT NULL DEFAULT '',
    created_at               TIMESTAMP NOT NULL,
    updated_at               TIMESTAMP NOT NULL,
    version                  INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX positions_unit ON positions (unit_id, title, starts_on);
CREATE INDEX positions_person ON positions (person_id, starts_on);

-- Staff following a locality or unit (seed 000: "phân công cán bộ theo dõi
-- địa bàn, tham dự các cuộc họp"), used to route work and reminders.
CREATE TABLE assignments (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES orgs(id),
    user_id    INTEGER NOT NULL REFERENCES users(id),
    unit_id    INTEGER NOT NULL REFERENCES units(id),
    role       TEXT NOT NULL CHECK (role IN ('follows', 'attends_meetings')),
    starts_on  DATE NOT NULL,
    ends_on    DATE,
    note       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX assignments_unit ON assignments (unit_id, starts_on);
CREATE INDEX assignments_user ON assignments (user_id, starts_on);

-- Members of a steering committee: a person, or whoever holds a post
-- (holder_unit_id + holder_title: "the provincial secretary"), or for the
-- standing agency a unit. starts_on NULL: since the committee began.
CREATE TABLE steering_members (
    id                 INTEGER PRIMARY KEY,
    org_id             INTEGER NOT NULL REFERENCES orgs(id),
    committee_id       INTEGER NOT NULL REFERENCES units(id),
    role               TEXT NOT NULL CHECK (role IN ('chair', 'permanent_deputy', 'deputy', 'member', 'standing_agency')),
    person_id          INTEGER REFERENCES people(id),
    holder_unit_id     INTEGER REFERENCES units(id),
    holder_title       TEXT NOT NULL DEFAULT '',
    agency_id          INTEGER REFERENCES units(id),
    starts_on          DATE,
    start_precision    TEXT NOT NULL DEFAULT 'day' CHECK (start_precision IN ('day', 'month', 'year')),
    ends_on            DATE,
    decision_symbol    TEXT NOT NULL DEFAULT '',
    decision_date      DATE,
    decision_issuer_id INTEGER REFERENCES units(id),
    decision_issuer    TEXT NOT NULL DEFAULT '',
    note               TEXT NOT NULL DEFAULT '',
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1,
    CHECK ((CASE WHEN person_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN holder_unit_id IS NULL THEN 0 ELSE 1 END)
         + (CASE WHEN agency_id IS NULL THEN 0 ELSE 1 END) = 1)
);
CREATE INDEX steering_members_committee ON steering_members (committee_id, role);

-- +goose Down
DROP TABLE steering_members;
DROP TABLE assignments;
DROP TABLE positions;
DROP TABLE people;
DROP TABLE congresses;
DROP TABLE unit_successors;
DROP TABLE unit_versions;
DROP TRIGGER unit_events_no_delete;
DROP TRIGGER unit_events_no_update;
DROP TABLE unit_events;
ALTER TABLE units DROP COLUMN search_text;
ALTER TABLE units DROP COLUMN admin_code;
