-- +goose Up
-- Conventions every module follows (docs/data-model.md):
--   * every business record has org_id, the owning organisation, and every query is scoped by it;
--   * edited records carry version (optimistic concurrency: UPDATE ... WHERE id = $1 AND version = $2);
--   * history is append-only events (<entity>_events: effective_on, recorded_at, recorded_by, kind, data);
--     a correction is a new event, never an UPDATE of an old one;
--   * every write also appends to audit_log in the same transaction;
--   * timestamps are UTC (TIMESTAMP), legal dates are DATE stored as 'YYYY-MM-DD'.

CREATE TABLE orgs (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    name_en     TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL CHECK (kind IN ('central', 'provincial')),
    parent_id   INTEGER REFERENCES orgs(id),
    place       TEXT NOT NULL DEFAULT '',
    issuer_code TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);

-- org_id 0 holds instance-wide settings.
CREATE TABLE settings (
    org_id     INTEGER NOT NULL DEFAULT 0,
    key        TEXT NOT NULL,
    value      TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, key)
);

-- The audit log is a hash chain: hash = SHA-256 of the entry's canonical
-- form, which includes prev_hash. audit_head holds the chain's end; taking
-- it (UPDATE ... RETURNING) inside the writing transaction serialises
-- appends, so seq has no gaps.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TIMESTAMP NOT NULL,
    org_id      INTEGER,
    actor_id    INTEGER,
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL DEFAULT '',
    entity_id   TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL DEFAULT '',
    before_json TEXT,
    after_json  TEXT,
    remote_addr TEXT NOT NULL DEFAULT '',
    request_id  TEXT NOT NULL DEFAULT '',
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_log_org_at ON audit_log (org_id, at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

-- Append-only, as a second line behind the hash chain.
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- Background jobs (reminders, report snapshots, reindex) and the lease that
-- elects one scheduler among several servers.
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    org_id       INTEGER REFERENCES orgs(id),
    unique_key   TEXT UNIQUE,
    payload      TEXT NOT NULL DEFAULT '{}',
    state        TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
    run_at       TIMESTAMP NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT NOT NULL DEFAULT '',
    locked_by    TEXT NOT NULL DEFAULT '',
    locked_until TIMESTAMP,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX jobs_due ON jobs (state, run_at);

CREATE TABLE leases (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE leases;
DROP TABLE jobs;
DROP TABLE audit_head;
DROP TABLE audit_log;
DROP TABLE settings;
DROP TABLE orgs;
