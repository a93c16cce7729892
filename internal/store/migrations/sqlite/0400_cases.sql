-- +goose Up
-- Cases (vụ án, vụ việc) the Committee follows. The history is case_events,
-- append-only; the state columns of cases (watch level, stage, deadline,
-- totals) are derived from the events by cases.Fold in the transaction that
-- writes an event, so lists never fold. case_revisions keeps every version of
-- the record's own fields (categories, flags…) so that a report "as recorded
-- at" a past moment classifies each case as it was classified then.

CREATE TABLE cases (
    id                 INTEGER PRIMARY KEY,
    org_id             INTEGER NOT NULL REFERENCES orgs(id),
    ref_code           TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('criminal_case', 'matter')),
    title              TEXT NOT NULL,
    title_sort         TEXT NOT NULL,
    summary            TEXT NOT NULL DEFAULT '',
    cat_corruption     BOOLEAN NOT NULL DEFAULT FALSE,
    cat_economic       BOOLEAN NOT NULL DEFAULT FALSE,
    cat_position       BOOLEAN NOT NULL DEFAULT FALSE,
    cat_negative       BOOLEAN NOT NULL DEFAULT FALSE,
    cat_other          BOOLEAN NOT NULL DEFAULT FALSE,
    field              TEXT NOT NULL,
    locality_id        INTEGER REFERENCES units(id),
    involves_leaders   BOOLEAN NOT NULL DEFAULT FALSE,
    congress_personnel BOOLEAN NOT NULL DEFAULT FALSE,
    public_concern     BOOLEAN NOT NULL DEFAULT FALSE,
    complex_prolonged  BOOLEAN NOT NULL DEFAULT FALSE,
    petty_corruption   BOOLEAN NOT NULL DEFAULT FALSE,
    classification     INTEGER NOT NULL DEFAULT 0 CHECK (classification BETWEEN 0 AND 3),
    offence_class      TEXT NOT NULL DEFAULT '' CHECK (offence_class IN ('', 'less_serious', 'serious', 'very_serious', 'especially_serious')),
    search_text        TEXT NOT NULL DEFAULT '',
    -- Derived from case_events (cases.Fold):
    opened_on          DATE NOT NULL,
    watch_level        TEXT NOT NULL DEFAULT '' CHECK (watch_level IN ('', 'monitored', 'directed')),
    watch_since        DATE,
    stage              TEXT NOT NULL DEFAULT '' CHECK (stage IN ('', 'crime_report_received', 'prosecuted', 'investigating', 'investigation_concluded',
                          'returned_for_investigation', 'indicted', 'trial_scheduled', 'first_instance_trial',
                          'appeal_trial', 'enforcement', 'suspended', 'resumed', 'closed')),
    stage_since        DATE,
    agency_id          INTEGER REFERENCES units(id),
    deadline_status    TEXT NOT NULL DEFAULT '',
    due_on             DATE,
    due_limit_code     TEXT NOT NULL DEFAULT '',
    due_limit_from     DATE,
    due_start_on       DATE,
    due_extensions     INTEGER NOT NULL DEFAULT 0,
    suspects           INTEGER NOT NULL DEFAULT 0,
    defendants         INTEGER NOT NULL DEFAULT 0,
    damage_vnd         INTEGER NOT NULL DEFAULT 0,
    damage_m2          REAL NOT NULL DEFAULT 0,
    recovered_vnd      INTEGER NOT NULL DEFAULT 0,
    recovered_m2       REAL NOT NULL DEFAULT 0,
    urged_count        INTEGER NOT NULL DEFAULT 0,
    last_urged_on      DATE,
    meetings_count     INTEGER NOT NULL DEFAULT 0,
    last_event_on      DATE NOT NULL,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1,
    UNIQUE (org_id, ref_code)
);
CREATE INDEX cases_org_level_due ON cases (org_id, watch_level, due_on);
CREATE INDEX cases_org_due ON cases (org_id, due_on);
CREATE INDEX cases_org_stage ON cases (org_id, stage);
CREATE INDEX cases_org_locality ON cases (org_id, locality_id);
CREATE INDEX cases_org_last_event ON cases (org_id, last_event_on);

-- Every version of the record's own fields, for "as recorded at" reports and
-- the edit history. Typed columns are those the period figures group by.
CREATE TABLE case_revisions (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES cases(id),
    recorded_at      TIMESTAMP NOT NULL,
    recorded_by      INTEGER REFERENCES users(id),
    ref_code         TEXT NOT NULL,
    kind             TEXT NOT NULL,
    cat_corruption   BOOLEAN NOT NULL,
    cat_economic     BOOLEAN NOT NULL,
    cat_position     BOOLEAN NOT NULL,
    cat_negative     BOOLEAN NOT NULL,
    cat_other        BOOLEAN NOT NULL,
    involves_leaders BOOLEAN NOT NULL,
    snapshot         TEXT NOT NULL
);
CREATE INDEX case_revisions_case ON case_revisions (case_id, recorded_at);

-- The history. A correction is a new row naming the row it corrects
-- (corrects_event_id); a retraction is a row of kind 'retracted'. Rows are
-- never updated or deleted.
CREATE TABLE case_events (
    id                INTEGER PRIMARY KEY,
    case_id           INTEGER NOT NULL REFERENCES cases(id),
    org_id            INTEGER NOT NULL REFERENCES orgs(id),
    kind              TEXT NOT NULL CHECK (kind IN ('opened', 'watch_added', 'level_changed', 'watch_removed',
                          'stage_changed', 'suspects_added', 'deadline_extended', 'urged', 'meeting',
                          'damage_assessed', 'assets_recovered', 'wrongful_conviction', 'note', 'retracted')),
    effective_on      DATE NOT NULL,
    recorded_at       TIMESTAMP NOT NULL,
    recorded_by       INTEGER REFERENCES users(id),
    recorded_by_name  TEXT NOT NULL,
    level             TEXT NOT NULL DEFAULT '' CHECK (level IN ('', 'monitored', 'directed')),
    stage             TEXT NOT NULL DEFAULT '' CHECK (stage IN ('', 'crime_report_received', 'prosecuted', 'investigating', 'investigation_concluded',
                          'returned_for_investigation', 'indicted', 'trial_scheduled', 'first_instance_trial',
                          'appeal_trial', 'enforcement', 'suspended', 'resumed', 'closed')),
    agency_id         INTEGER REFERENCES units(id),
    document_symbol   TEXT NOT NULL DEFAULT '',
    suspects          INTEGER CHECK (suspects >= 0),
    defendants        INTEGER CHECK (defendants >= 0),
    amount_vnd        INTEGER NOT NULL DEFAULT 0 CHECK (amount_vnd >= 0),
    area_m2           REAL NOT NULL DEFAULT 0 CHECK (area_m2 >= 0),
    corrects_event_id INTEGER REFERENCES case_events(id),
    details           TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case ON case_events (case_id, effective_on, id);
CREATE INDEX case_events_org_kind ON case_events (org_id, kind, effective_on);
CREATE INDEX case_events_corrects ON case_events (corrects_event_id);

-- +goose StatementBegin
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN
    SELECT RAISE(ABORT, 'case_events is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN
    SELECT RAISE(ABORT, 'case_events is append-only');
END;
-- +goose StatementEnd

-- Specialists following a case (chuyên viên theo dõi).
CREATE TABLE case_assignees (
    case_id INTEGER NOT NULL REFERENCES cases(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_assignees_user ON case_assignees (user_id, case_id);

-- Units involved (where the conduct took place, bodies concerned).
CREATE TABLE case_units (
    case_id INTEGER NOT NULL REFERENCES cases(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (case_id, unit_id)
);

-- Documents linked to the case. document_id will reference the documents
-- registry once it is linked; the symbol is what the Committee writes.
CREATE TABLE case_documents (
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    position    INTEGER NOT NULL,
    symbol      TEXT NOT NULL,
    issued_on   DATE,
    summary     TEXT NOT NULL DEFAULT '',
    document_id INTEGER,
    PRIMARY KEY (case_id, position)
);

-- +goose Down
DROP TABLE case_documents;
DROP TABLE case_units;
DROP TABLE case_assignees;
DROP TABLE case_events;
DROP TABLE case_revisions;
DROP TABLE cases;
