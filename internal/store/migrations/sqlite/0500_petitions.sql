-- +goose Up
-- Citizen reception and petitions (đơn thư). Conventions (docs/data-model.md):
-- the history of a petition is the append-only petition_events; the
-- current-state columns of petitions and the rows of petition_deadlines are
-- derived from those events in the same transaction that appends them.
-- Senders' identities never appear in clear: each sender's identifying
-- fields are sealed together (envelope encryption, key file outside the
-- database); blind_index is an HMAC of the folded name and address, so equal
-- senders match without decrypting.

-- A reception session (kỳ tiếp công dân) of the Party secretary or another
-- leader. visits, people, crowd_delegations and matters_* are derived from
-- reception_visits. reply_*: the written answer owed to the citizens
-- received (party.secretary_reply), with the rule version it was judged under.
CREATE TABLE reception_sessions (
    id                   INTEGER PRIMARY KEY,
    org_id               INTEGER NOT NULL REFERENCES orgs(id),
    held_on              DATE NOT NULL,
    host_role            TEXT NOT NULL CHECK (host_role IN ('secretary', 'deputy_secretary', 'standing_member', 'committee_leader', 'other')),
    host_name            TEXT NOT NULL DEFAULT '',
    place                TEXT NOT NULL DEFAULT '',
    kind                 TEXT NOT NULL CHECK (kind IN ('regular', 'periodic', 'ad_hoc')),
    follow_up            TEXT NOT NULL DEFAULT '',
    classification       INTEGER NOT NULL DEFAULT 0 CHECK (classification BETWEEN 0 AND 3),
    assigned_to          INTEGER REFERENCES users(id),
    visits               INTEGER NOT NULL DEFAULT 0,
    people               INTEGER NOT NULL DEFAULT 0,
    crowd_delegations    INTEGER NOT NULL DEFAULT 0,
    matters_complaint    INTEGER NOT NULL DEFAULT 0,
    matters_denunciation INTEGER NOT NULL DEFAULT 0,
    matters_proposal     INTEGER NOT NULL DEFAULT 0,
    reply_limit_code     TEXT NOT NULL,
    reply_limit_from     DATE NOT NULL,
    reply_due_on         DATE NOT NULL,
    replied_on           DATE,
    created_at           TIMESTAMP NOT NULL,
    created_by           INTEGER REFERENCES users(id),
    updated_at           TIMESTAMP NOT NULL,
    version              INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX reception_sessions_org_held ON reception_sessions (org_id, held_on);
CREATE INDEX reception_sessions_open_reply ON reception_sessions (org_id, reply_due_on) WHERE replied_on IS NULL;

-- History of a session: each record or edit appends the session as it then was.
CREATE TABLE reception_session_events (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES orgs(id),
    session_id   INTEGER NOT NULL REFERENCES reception_sessions(id),
    kind         TEXT NOT NULL,
    effective_on DATE NOT NULL,
    recorded_at  TIMESTAMP NOT NULL,
    recorded_by  INTEGER REFERENCES users(id),
    data         TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX reception_session_events_session ON reception_session_events (session_id, id);

-- Per organisation and year, the last petition number given (ref_code).
CREATE TABLE petition_counters (
    org_id INTEGER NOT NULL REFERENCES orgs(id),
    year   INTEGER NOT NULL,
    last   INTEGER NOT NULL,
    PRIMARY KEY (org_id, year)
);

CREATE TABLE petitions (
    id                   INTEGER PRIMARY KEY,
    org_id               INTEGER NOT NULL REFERENCES orgs(id),
    ref_code             TEXT NOT NULL,
    received_on          DATE NOT NULL,
    channel              TEXT NOT NULL CHECK (channel IN ('at_session', 'in_person', 'post', 'forwarded', 'online', 'press')),
    source_unit_id       INTEGER REFERENCES units(id),
    source_ref           TEXT NOT NULL DEFAULT '',
    session_id           INTEGER REFERENCES reception_sessions(id),
    signer               TEXT NOT NULL CHECK (signer IN ('one', 'several', 'anonymous', 'false_name')),
    sender_count         INTEGER NOT NULL DEFAULT 0,
    senders_address      BOOLEAN NOT NULL DEFAULT FALSE,
    kind                 TEXT NOT NULL CHECK (kind IN ('complaint', 'denunciation', 'proposal', 'mixed')),
    parent_id            INTEGER REFERENCES petitions(id),
    summary              TEXT NOT NULL,
    content              TEXT NOT NULL DEFAULT '',
    field                TEXT NOT NULL,
    subject_name         TEXT NOT NULL DEFAULT '',
    subject_key          TEXT NOT NULL DEFAULT '',
    subject_position     TEXT NOT NULL DEFAULT '',
    subject_party_member BOOLEAN NOT NULL DEFAULT FALSE,
    subject_party_org    BOOLEAN NOT NULL DEFAULT FALSE,
    locality_unit_id     INTEGER REFERENCES units(id),
    repeated             BOOLEAN NOT NULL DEFAULT FALSE,
    complex_prolonged    BOOLEAN NOT NULL DEFAULT FALSE,
    classification       INTEGER NOT NULL DEFAULT 0 CHECK (classification BETWEEN 0 AND 3),
    assigned_to          INTEGER REFERENCES users(id),
    status               TEXT NOT NULL,
    processed_on         DATE,
    eligible             BOOLEAN,
    filed_reason         TEXT NOT NULL DEFAULT '',
    within_jurisdiction  BOOLEAN,
    handling             TEXT NOT NULL DEFAULT '',
    handled_on           DATE,
    target_unit_id       INTEGER REFERENCES units(id),
    handling_ref         TEXT NOT NULL DEFAULT '',
    accepted_on          DATE,
    last_urged_on        DATE,
    last_reply_on        DATE,
    resolved_on          DATE,
    outcome              TEXT NOT NULL DEFAULT '',
    money_returned       INTEGER NOT NULL DEFAULT 0,
    land_returned        REAL NOT NULL DEFAULT 0,
    people_protected     INTEGER NOT NULL DEFAULT 0,
    next_due_on          DATE,
    next_due_step        TEXT NOT NULL DEFAULT '',
    search_text          TEXT NOT NULL DEFAULT '',
    created_at           TIMESTAMP NOT NULL,
    created_by           INTEGER REFERENCES users(id),
    updated_at           TIMESTAMP NOT NULL,
    version              INTEGER NOT NULL DEFAULT 1,
    UNIQUE (org_id, ref_code)
);
CREATE INDEX petitions_org_received ON petitions (org_id, received_on);
CREATE INDEX petitions_org_status ON petitions (org_id, status, received_on);
CREATE INDEX petitions_org_kind ON petitions (org_id, kind, received_on);
CREATE INDEX petitions_org_locality ON petitions (org_id, locality_unit_id, received_on);
CREATE INDEX petitions_org_assigned ON petitions (org_id, assigned_to, received_on);
CREATE INDEX petitions_org_subject ON petitions (org_id, subject_key) WHERE subject_key <> '';
CREATE INDEX petitions_org_due ON petitions (org_id, next_due_on) WHERE next_due_on IS NOT NULL;
CREATE INDEX petitions_org_processed ON petitions (org_id, processed_on);
CREATE INDEX petitions_org_resolved ON petitions (org_id, resolved_on);
CREATE INDEX petitions_parent ON petitions (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX petitions_session ON petitions (session_id) WHERE session_id IS NOT NULL;

-- Folded search text (no identity) indexed by trigrams: the list's text
-- filter matches any part of a word.
CREATE VIRTUAL TABLE petitions_fts USING fts5 (search_text, content = 'petitions', content_rowid = 'id', tokenize = 'trigram');
-- +goose StatementBegin
CREATE TRIGGER petitions_fts_insert AFTER INSERT ON petitions BEGIN
    INSERT INTO petitions_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER petitions_fts_update AFTER UPDATE OF search_text ON petitions BEGIN
    INSERT INTO petitions_fts (petitions_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO petitions_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER petitions_fts_delete AFTER DELETE ON petitions BEGIN
    INSERT INTO petitions_fts (petitions_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
-- +goose StatementEnd

-- The letters a sender wrote are identified only through sealed values:
-- sealed holds {name, address, phone, id_number, note} encrypted with
-- associated data "petition-sender:<org_id>:<uuid>".
CREATE TABLE petition_senders (
    id             INTEGER PRIMARY KEY,
    org_id         INTEGER NOT NULL REFERENCES orgs(id),
    petition_id    INTEGER NOT NULL REFERENCES petitions(id),
    position       INTEGER NOT NULL,
    uuid           TEXT NOT NULL UNIQUE,
    representative BOOLEAN NOT NULL DEFAULT FALSE,
    has_address    BOOLEAN NOT NULL DEFAULT FALSE,
    sealed         TEXT NOT NULL,
    blind_index    TEXT,
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX petition_senders_petition ON petition_senders (petition_id, position);
CREATE INDEX petition_senders_index ON petition_senders (org_id, blind_index) WHERE blind_index IS NOT NULL;

-- History of a petition. data is the JSON of the event's payload;
-- corrects_id names an earlier event this one corrects.
CREATE TABLE petition_events (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES orgs(id),
    petition_id  INTEGER NOT NULL REFERENCES petitions(id),
    kind         TEXT NOT NULL,
    effective_on DATE NOT NULL,
    recorded_at  TIMESTAMP NOT NULL,
    recorded_by  INTEGER REFERENCES users(id),
    data         TEXT NOT NULL DEFAULT '{}',
    corrects_id  INTEGER REFERENCES petition_events(id)
);
CREATE INDEX petition_events_petition ON petition_events (petition_id, id);
CREATE INDEX petition_events_org_kind ON petition_events (org_id, kind, effective_on);

-- Legal deadlines of each step, derived from the events: the limit code and
-- the version (limit_from) it was judged under, extensions granted,
-- and how the step closed (met, or cancelled when it no longer applied).
CREATE TABLE petition_deadlines (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    petition_id INTEGER NOT NULL REFERENCES petitions(id),
    step        TEXT NOT NULL,
    limit_code  TEXT NOT NULL,
    limit_from  DATE NOT NULL,
    start_on    DATE NOT NULL,
    extensions  INTEGER NOT NULL DEFAULT 0,
    due_on      DATE NOT NULL,
    closed_on   DATE,
    closed_as   TEXT NOT NULL DEFAULT '',
    UNIQUE (petition_id, step)
);
CREATE INDEX petition_deadlines_open ON petition_deadlines (org_id, due_on) WHERE closed_on IS NULL;

-- Links between petitions: repeated (petition_id repeats other_id), related,
-- split_from (a part of a mixed petition), not_duplicate (a candidate the
-- specialist dismissed, so it is not proposed again).
CREATE TABLE petition_links (
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    petition_id INTEGER NOT NULL REFERENCES petitions(id),
    other_id    INTEGER NOT NULL REFERENCES petitions(id),
    kind        TEXT NOT NULL CHECK (kind IN ('repeated', 'related', 'split_from', 'not_duplicate')),
    note        TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    PRIMARY KEY (petition_id, other_id, kind)
);
CREATE INDEX petition_links_other ON petition_links (other_id);

-- The matters raised at a session, one per visit (lượt): a visit of five or
-- more people on one matter is a crowd delegation.
CREATE TABLE reception_visits (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    session_id  INTEGER NOT NULL REFERENCES reception_sessions(id),
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('complaint', 'denunciation', 'proposal')),
    people      INTEGER NOT NULL CHECK (people >= 1),
    summary     TEXT NOT NULL,
    petition_id INTEGER REFERENCES petitions(id)
);
CREATE INDEX reception_visits_session ON reception_visits (session_id, position);
CREATE INDEX reception_visits_petition ON reception_visits (petition_id) WHERE petition_id IS NOT NULL;

-- +goose Down
DROP TABLE reception_visits;
DROP TABLE petition_links;
DROP TABLE petition_deadlines;
DROP TABLE petition_events;
DROP TABLE petition_senders;
DROP TRIGGER petitions_fts_delete;
DROP TRIGGER petitions_fts_update;
DROP TRIGGER petitions_fts_insert;
DROP TABLE petitions_fts;
DROP TABLE petitions;
DROP TABLE petition_counters;
DROP TABLE reception_session_events;
DROP TABLE reception_sessions;
