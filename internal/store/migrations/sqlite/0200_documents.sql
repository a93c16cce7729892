-- +goose Up
-- Documents: the registry of directive documents the Committee advises, cites
-- and implements, their relations (implements, amends, replaces, guides,
-- based on), attachments stored once by content hash, and the Party terms
-- that scope document numbering (RULES.md §3).

-- Party committee terms (khóa). Party documents are numbered per issuer, per
-- kind and per term, so the term of an issue date is part of a number's
-- identity. org_id 0 holds the central terms shared by every organisation;
-- a provincial organisation keeps its own provincial terms. A term runs from
-- the opening of the congress that elected it to the day before the next one.
CREATE TABLE party_terms (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL DEFAULT 0,
    level       TEXT NOT NULL CHECK (level IN ('central', 'provincial')),
    term        INTEGER NOT NULL CHECK (term > 0),
    starts_on   DATE NOT NULL,
    ends_on     DATE,
    approximate BOOLEAN NOT NULL DEFAULT FALSE,
    source      TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (org_id, level, term)
);
CREATE INDEX party_terms_lookup ON party_terms (org_id, level, starts_on);

INSERT INTO party_terms (org_id, level, term, starts_on, ends_on, approximate, source, created_at, updated_at) VALUES
    (0, 'central', 9, '2001-04-19', '2006-04-17', TRUE, 'Đại hội IX, 19–22/4/2001 (not verified)', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    (0, 'central', 10, '2006-04-18', '2011-01-11', FALSE, 'Đại hội X, 18–25/4/2006', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    (0, 'central', 11, '2011-01-12', '2016-01-19', FALSE, 'Đại hội XI, 12–19/1/2011', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    (0, 'central', 12, '2016-01-20', '2021-01-24', FALSE, 'Đại hội XII, 20–28/1/2016', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    (0, 'central', 13, '2021-01-25', '2026-01-18', FALSE, 'Đại hội XIII, 25/1–1/2/2021', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    (0, 'central', 14, '2026-01-19', NULL, FALSE, 'Đại hội XIV, 19–23/1/2026', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);

-- Documents. symbol is the canonical "số và ký hiệu" (48-CT/TW), empty for a
-- document known only by its number ("Quyết định số 14"); symbol_key is its
-- matching form (upper case, folded, number without leading zeros), or
-- "kind:number" without a symbol. numbering_sequence names the sequence the
-- number runs in (issuer + kind + term, or + year for state documents) and
-- numbering_key the number within it; both NULL when the sequence cannot be
-- known (no term data), and the key unique otherwise. status is derived from status events and from the
-- relations of registered documents that amend or replace this one.
CREATE TABLE documents (
    id                     INTEGER PRIMARY KEY,
    org_id                 INTEGER NOT NULL REFERENCES orgs(id),
    symbol                 TEXT NOT NULL DEFAULT '',
    symbol_key             TEXT NOT NULL,
    kind                   TEXT NOT NULL,
    kind_code              TEXT NOT NULL DEFAULT '',
    number                 TEXT NOT NULL,
    number_value           INTEGER,
    issuer_unit_id         INTEGER REFERENCES units(id),
    issuer_code            TEXT NOT NULL DEFAULT '',
    issuer_name            TEXT NOT NULL DEFAULT '',
    issued_on              DATE,
    summary                TEXT NOT NULL DEFAULT '',
    field_internal_affairs BOOLEAN NOT NULL DEFAULT FALSE,
    field_anticorruption   BOOLEAN NOT NULL DEFAULT FALSE,
    field_judicial_reform  BOOLEAN NOT NULL DEFAULT FALSE,
    advised_by_committee   BOOLEAN NOT NULL DEFAULT FALSE,
    classification         INTEGER NOT NULL DEFAULT 0 CHECK (classification BETWEEN 0 AND 3),
    status                 TEXT NOT NULL DEFAULT 'in_force' CHECK (status IN ('in_force', 'amended', 'replaced', 'expired')),
    status_since           DATE,
    numbering              TEXT NOT NULL CHECK (numbering IN ('party', 'state', 'none')),
    term_id                INTEGER REFERENCES party_terms(id),
    numbering_year         INTEGER,
    numbering_sequence     TEXT,
    numbering_key          TEXT,
    body                   TEXT NOT NULL DEFAULT '',
    notes                  TEXT NOT NULL DEFAULT '',
    search_text            TEXT NOT NULL DEFAULT '',
    created_at             TIMESTAMP NOT NULL,
    created_by             INTEGER REFERENCES users(id),
    updated_at             TIMESTAMP NOT NULL,
    updated_by             INTEGER REFERENCES users(id),
    version                INTEGER NOT NULL DEFAULT 1,
    UNIQUE (org_id, numbering_key)
);
CREATE INDEX documents_symbol ON documents (org_id, symbol_key);
-- Counts of a list within a clearance read this index alone.
CREATE INDEX documents_classification ON documents (org_id, classification);
CREATE INDEX documents_issued ON documents (org_id, issued_on);
CREATE INDEX documents_advised ON documents (org_id, advised_by_committee, issued_on);
CREATE INDEX documents_sequence ON documents (org_id, numbering_sequence, number_value);
CREATE INDEX documents_issuer ON documents (issuer_unit_id);

-- Append-only history of a document: registration, corrections, declared and
-- derived status changes, relations and attachments added or removed.
CREATE TABLE document_events (
    id                  INTEGER PRIMARY KEY,
    org_id              INTEGER NOT NULL REFERENCES orgs(id),
    document_id         INTEGER NOT NULL REFERENCES documents(id),
    kind                TEXT NOT NULL,
    effective_on        DATE,
    recorded_at         TIMESTAMP NOT NULL,
    recorded_by         INTEGER REFERENCES users(id),
    recorded_by_name    TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL DEFAULT '',
    related_document_id INTEGER REFERENCES documents(id),
    note                TEXT NOT NULL DEFAULT '',
    data                TEXT NOT NULL DEFAULT '{}',
    corrects_id         INTEGER REFERENCES document_events(id)
);
CREATE INDEX document_events_document ON document_events (document_id, id);

-- Relations from a registered document to another one, registered (to_id) or
-- not yet (to_id NULL: only the target's symbol or name is known, with what
-- the citing text said of it, so that it can be registered in one step).
-- target_key is the target's symbol_key in both cases; registering a document
-- resolves the unregistered relations that name it.
CREATE TABLE document_relations (
    id             INTEGER PRIMARY KEY,
    org_id         INTEGER NOT NULL REFERENCES orgs(id),
    from_id        INTEGER NOT NULL REFERENCES documents(id),
    to_id          INTEGER REFERENCES documents(id),
    type           TEXT NOT NULL CHECK (type IN ('implements', 'amends', 'replaces', 'guides', 'based_on')),
    target_key     TEXT NOT NULL,
    target_symbol  TEXT NOT NULL DEFAULT '',
    target_kind    TEXT NOT NULL DEFAULT '',
    target_number  TEXT NOT NULL DEFAULT '',
    target_issued  DATE,
    target_issuer  TEXT NOT NULL DEFAULT '',
    target_summary TEXT NOT NULL DEFAULT '',
    source         TEXT NOT NULL CHECK (source IN ('manual', 'extracted')),
    note           TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL,
    created_by     INTEGER REFERENCES users(id),
    UNIQUE (from_id, type, target_key)
);
CREATE INDEX document_relations_to ON document_relations (to_id);
CREATE INDEX document_relations_unresolved ON document_relations (org_id, target_key) WHERE to_id IS NULL;

-- File contents, stored once per SHA-256 whatever the number of documents
-- (or modules) that attach them.
CREATE TABLE blobs (
    sha256     TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    data       BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE document_attachments (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    blob_sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    file_name   TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    size        INTEGER NOT NULL,
    uploaded_at TIMESTAMP NOT NULL,
    uploaded_by INTEGER REFERENCES users(id),
    UNIQUE (document_id, blob_sha256)
);
CREATE INDEX document_attachments_blob ON document_attachments (blob_sha256);

-- One row per numbering sequence, written (and so locked) by every
-- transaction that checks or assigns a number in it: two people registering
-- at once take turns instead of both seeing the same highest number.
CREATE TABLE document_numbering_locks (
    org_id   INTEGER NOT NULL,
    sequence TEXT NOT NULL,
    taken_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, sequence)
);

-- +goose Down
DROP TABLE document_numbering_locks;
DROP TABLE document_attachments;
DROP TABLE blobs;
DROP TABLE document_relations;
DROP TABLE document_events;
DROP TABLE documents;
DROP TABLE party_terms;
