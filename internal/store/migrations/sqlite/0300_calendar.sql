-- +goose Up
-- Calendar data kept by administrators (RULES.md §7, §1, §2): the
-- government's yearly schedules of days off and worked days, and the
-- versioned legal time limits. The data shipped with the program
-- (internal/calendar/data) is the base: a year with a row in calendar_years,
-- and a limit code with rows in calendar_limits, are answered from here
-- instead. The first write to a year (or a code) copies its shipped data in,
-- so the database then holds the whole of it. Instance-wide, without org_id:
-- the law and the government's schedule are the same for every committee.
-- Every write bumps the setting calendar.data_version, which every server
-- watches to reload its calendar.

-- One row per year kept in the database. confirmed: the government's
-- schedule for the year is published (source names the decision); a year
-- with overrides but not confirmed is provisional.
CREATE TABLE calendar_years (
    year         INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 2199),
    confirmed    BOOLEAN NOT NULL DEFAULT FALSE,
    source       TEXT NOT NULL DEFAULT '',
    confirmed_at TIMESTAMP,
    confirmed_by TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    updated_by   TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1
);

-- A day the government's schedule (origin 'schedule') or an administrator
-- (origin 'override') made a day off or a working day, against the law's
-- defaults. One decision per day.
CREATE TABLE calendar_overrides (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL REFERENCES calendar_years(year),
    day             DATE NOT NULL UNIQUE,
    kind            TEXT NOT NULL CHECK (kind IN ('day_off', 'work_day')),
    reason          TEXT NOT NULL,
    reason_en       TEXT NOT NULL DEFAULT '',
    document        TEXT NOT NULL DEFAULT '',
    origin          TEXT NOT NULL CHECK (origin IN ('schedule', 'override')),
    created_at      TIMESTAMP NOT NULL,
    created_by      INTEGER REFERENCES users(id),
    created_by_name TEXT NOT NULL DEFAULT ''
);
CREATE INDEX calendar_overrides_year ON calendar_overrides (year, day);

-- Versions of the legal time limits, in the format of limits.json
-- (extensions as its JSON). A version is never edited or deleted: a newer
-- one closes it by setting effective_to, once. origin 'shipped': copied
-- from the program's data; 'admin': entered by an administrator.
CREATE TABLE calendar_limits (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL,
    effective_from  DATE NOT NULL,
    effective_to    DATE,
    name            TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    start           TEXT NOT NULL DEFAULT '',
    start_en        TEXT NOT NULL DEFAULT '',
    base_n          INTEGER NOT NULL CHECK (base_n > 0),
    base_unit       TEXT NOT NULL CHECK (base_unit IN ('calendar_days', 'working_days', 'months')),
    extensions      TEXT NOT NULL DEFAULT '[]',
    source          TEXT NOT NULL,
    unverified      BOOLEAN NOT NULL DEFAULT FALSE,
    note            TEXT NOT NULL DEFAULT '',
    origin          TEXT NOT NULL CHECK (origin IN ('shipped', 'admin')),
    created_at      TIMESTAMP NOT NULL,
    created_by      INTEGER REFERENCES users(id),
    created_by_name TEXT NOT NULL DEFAULT '',
    closed_at       TIMESTAMP,
    closed_by_name  TEXT NOT NULL DEFAULT '',
    UNIQUE (code, effective_from)
);

-- +goose StatementBegin
CREATE TRIGGER calendar_limits_no_delete BEFORE DELETE ON calendar_limits
BEGIN
    SELECT RAISE(ABORT, 'calendar_limits: a version is never deleted');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER calendar_limits_close_only BEFORE UPDATE ON calendar_limits
WHEN OLD.effective_to IS NOT NULL
  OR NEW.code IS NOT OLD.code OR NEW.effective_from IS NOT OLD.effective_from
  OR NEW.name IS NOT OLD.name OR NEW.name_en IS NOT OLD.name_en
  OR NEW.start IS NOT OLD.start OR NEW.start_en IS NOT OLD.start_en
  OR NEW.base_n IS NOT OLD.base_n OR NEW.base_unit IS NOT OLD.base_unit
  OR NEW.extensions IS NOT OLD.extensions OR NEW.source IS NOT OLD.source
  OR NEW.unverified IS NOT OLD.unverified OR NEW.note IS NOT OLD.note
  OR NEW.origin IS NOT OLD.origin OR NEW.created_at IS NOT OLD.created_at
  OR NEW.created_by IS NOT OLD.created_by OR NEW.created_by_name IS NOT OLD.created_by_name
BEGIN
    SELECT RAISE(ABORT, 'calendar_limits: a version is only closed, once, never edited');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE calendar_limits;
DROP TABLE calendar_overrides;
DROP TABLE calendar_years;
DELETE FROM settings WHERE org_id = 0 AND key = 'calendar.data_version';
