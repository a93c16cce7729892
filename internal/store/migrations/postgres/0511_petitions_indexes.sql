-- +goose Up
-- Indexes measured on generated data (2 million petitions over 34
-- committees, rows of all committees interleaved as in real use):
--   * petitions_org_list holds every column a list filters on, so a
--     filtered count or page of one committee reads only this index;
--   * petitions_org_figures holds every column of the period figures, so a
--     year's figures read one contiguous run of it, never the wide rows;
--   * the events index carries the petition, so "urged or replied to in the
--     period" reads only the index;
--   * the received, status, kind, processed and resolved indexes are
--     superseded by these.
DROP INDEX petitions_org_received;
DROP INDEX petitions_org_status;
DROP INDEX petitions_org_kind;
DROP INDEX petitions_org_processed;
DROP INDEX petitions_org_resolved;
DROP INDEX petition_events_org_kind;
CREATE INDEX petitions_org_list ON petitions (org_id, received_on, classification, status, kind, field, signer,
    channel, complex_prolonged, assigned_to, locality_unit_id, next_due_on);
CREATE INDEX petitions_org_figures ON petitions (org_id, received_on, processed_on, resolved_on, handling,
    classification, status, kind, signer, eligible, filed_reason, repeated, complex_prolonged, outcome,
    money_returned, land_returned, people_protected, ref_code);
CREATE INDEX petition_events_org_kind ON petition_events (org_id, kind, effective_on, petition_id);

-- +goose Down
DROP INDEX petition_events_org_kind;
DROP INDEX petitions_org_figures;
DROP INDEX petitions_org_list;
CREATE INDEX petition_events_org_kind ON petition_events (org_id, kind, effective_on);
CREATE INDEX petitions_org_resolved ON petitions (org_id, resolved_on);
CREATE INDEX petitions_org_processed ON petitions (org_id, processed_on);
CREATE INDEX petitions_org_kind ON petitions (org_id, kind, received_on);
CREATE INDEX petitions_org_status ON petitions (org_id, status, received_on);
CREATE INDEX petitions_org_received ON petitions (org_id, received_on);
