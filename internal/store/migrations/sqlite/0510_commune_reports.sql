-- +goose Up
-- Monthly reception and petition reports of the commune and ward Party
-- secretaries to the provincial Ban Nội chính (Kết luận 215-KL/TW). One row
-- per unit and month holds the report as it now stands; every submission
-- and correction is kept in commune_report_revisions. Once the Committee
-- locks a month (commune_report_locks), its reports no longer change.
CREATE TABLE commune_reports (
    id                   INTEGER PRIMARY KEY,
    org_id               INTEGER NOT NULL REFERENCES orgs(id),
    unit_id              INTEGER NOT NULL REFERENCES units(id),
    month                TEXT NOT NULL CHECK (length(month) = 7),
    sessions             INTEGER NOT NULL DEFAULT 0 CHECK (sessions >= 0),
    visits               INTEGER NOT NULL DEFAULT 0 CHECK (visits >= 0),
    people               INTEGER NOT NULL DEFAULT 0 CHECK (people >= 0),
    crowd_delegations    INTEGER NOT NULL DEFAULT 0 CHECK (crowd_delegations >= 0),
    matters_complaint    INTEGER NOT NULL DEFAULT 0 CHECK (matters_complaint >= 0),
    matters_denunciation INTEGER NOT NULL DEFAULT 0 CHECK (matters_denunciation >= 0),
    matters_proposal     INTEGER NOT NULL DEFAULT 0 CHECK (matters_proposal >= 0),
    petitions_received   INTEGER NOT NULL DEFAULT 0 CHECK (petitions_received >= 0),
    petitions_processed  INTEGER NOT NULL DEFAULT 0 CHECK (petitions_processed >= 0),
    petitions_resolved   INTEGER NOT NULL DEFAULT 0 CHECK (petitions_resolved >= 0),
    note                 TEXT NOT NULL DEFAULT '',
    submitted_by         INTEGER REFERENCES users(id),
    submitted_at         TIMESTAMP NOT NULL,
    source               TEXT NOT NULL DEFAULT 'form' CHECK (source IN ('form', 'xlsx')),
    created_at           TIMESTAMP NOT NULL,
    version              INTEGER NOT NULL DEFAULT 1,
    UNIQUE (org_id, unit_id, month)
);
CREATE INDEX commune_reports_month ON commune_reports (org_id, month);

CREATE TABLE commune_report_revisions (
    id                   INTEGER PRIMARY KEY,
    org_id               INTEGER NOT NULL REFERENCES orgs(id),
    report_id            INTEGER NOT NULL REFERENCES commune_reports(id),
    version              INTEGER NOT NULL,
    sessions             INTEGER NOT NULL,
    visits               INTEGER NOT NULL,
    people               INTEGER NOT NULL,
    crowd_delegations    INTEGER NOT NULL,
    matters_complaint    INTEGER NOT NULL,
    matters_denunciation INTEGER NOT NULL,
    matters_proposal     INTEGER NOT NULL,
    petitions_received   INTEGER NOT NULL,
    petitions_processed  INTEGER NOT NULL,
    petitions_resolved   INTEGER NOT NULL,
    note                 TEXT NOT NULL,
    submitted_by         INTEGER REFERENCES users(id),
    submitted_at         TIMESTAMP NOT NULL,
    source               TEXT NOT NULL,
    UNIQUE (report_id, version)
);

CREATE TABLE commune_report_locks (
    org_id    INTEGER NOT NULL REFERENCES orgs(id),
    month     TEXT NOT NULL,
    locked_by INTEGER REFERENCES users(id),
    locked_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, month)
);

-- +goose Down
DROP TABLE commune_report_locks;
DROP TABLE commune_report_revisions;
DROP TABLE commune_reports;
