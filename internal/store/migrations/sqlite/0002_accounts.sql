-- +goose Up
-- Accounts: users, their role in each organisation, sessions, second factor,
-- API tokens, and in-app notifications. Secrets are stored only as hashes
-- (passwords: argon2id; session and API tokens, recovery codes: SHA-256 of a
-- 256-bit random value) or sealed with a key file (TOTP secrets).

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    username             TEXT NOT NULL UNIQUE,
    full_name            TEXT NOT NULL,
    password_hash        TEXT NOT NULL DEFAULT '',
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    password_changed_at  TIMESTAMP,
    clearance            INTEGER NOT NULL DEFAULT 0 CHECK (clearance BETWEEN 0 AND 3),
    lang                 TEXT NOT NULL DEFAULT 'vi',
    totp_secret          TEXT NOT NULL DEFAULT '',
    totp_enabled         BOOLEAN NOT NULL DEFAULT FALSE,
    auth_epoch           INTEGER NOT NULL DEFAULT 0,
    totp_last_step       INTEGER NOT NULL DEFAULT 0,
    failed_logins        INTEGER NOT NULL DEFAULT 0,
    locked_until         TIMESTAMP,
    last_login_at        TIMESTAMP,
    disabled_at          TIMESTAMP,
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL,
    version              INTEGER NOT NULL DEFAULT 1
);

-- A user's role in each organisation they work in (the organisation
-- switcher lists these). unit_id: for a clerk, the commune or ward unit whose
-- reports they submit (references units, created by a later migration).
CREATE TABLE memberships (
    user_id    INTEGER NOT NULL REFERENCES users(id),
    org_id     INTEGER NOT NULL REFERENCES orgs(id),
    role       TEXT NOT NULL CHECK (role IN ('administrator', 'leader', 'specialist', 'viewer', 'clerk', 'central')),
    unit_id    INTEGER,
    department TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, org_id)
);
CREATE INDEX memberships_org ON memberships (org_id, role);

-- Sessions (alexedwards/scs) keyed by the SHA-256 of the token: a copy of
-- the database does not hand out live sessions. A session names its user's
-- auth_epoch; raising the epoch (password reset, account disabled) ends
-- every session of that user at once.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    data       BLOB NOT NULL,
    expiry     TIMESTAMP NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expiry);

CREATE TABLE recovery_codes (
    id        INTEGER PRIMARY KEY,
    user_id   INTEGER NOT NULL REFERENCES users(id),
    code_hash TEXT NOT NULL,
    used_at   TIMESTAMP
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    org_id       INTEGER NOT NULL REFERENCES orgs(id),
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    scope        TEXT NOT NULL CHECK (scope IN ('read', 'write')),
    expires_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at   TIMESTAMP,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- In-app notifications (deadline reminders and the like). message is an i18n
-- catalog key and params its JSON arguments, so each reader sees their own
-- language. unique_key lets a reminder job run again without repeating itself.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    org_id     INTEGER NOT NULL REFERENCES orgs(id),
    user_id    INTEGER NOT NULL REFERENCES users(id),
    kind       TEXT NOT NULL,
    message    TEXT NOT NULL,
    params     TEXT NOT NULL DEFAULT '{}',
    link       TEXT NOT NULL DEFAULT '',
    entity     TEXT NOT NULL DEFAULT '',
    entity_id  TEXT NOT NULL DEFAULT '',
    due_on     DATE,
    unique_key TEXT UNIQUE,
    created_at TIMESTAMP NOT NULL,
    read_at    TIMESTAMP
);
CREATE INDEX notifications_user ON notifications (user_id, read_at, created_at);

-- +goose Down
DROP TABLE notifications;
DROP TABLE api_tokens;
DROP TABLE recovery_codes;
DROP TABLE sessions;
DROP TABLE memberships;
DROP TABLE users;
