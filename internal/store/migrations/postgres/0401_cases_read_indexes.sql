-- +goose Up
-- Covering indexes for the two heavy reads, measured on 200,000 cases and
-- 2.2 million events (see internal/cases/bench_test.go):
--   * the period figures read their events (case_events_figures) and how
--     each case is classified (cases_list) from the indexes alone, and the
--     few corrections from a partial index instead of probing per event;
--   * a list filters, counts and sorts an organisation's cases within
--     cases_list, then reads the full rows of one page only.
DROP INDEX case_events_org_kind;
DROP INDEX case_events_corrects;
CREATE INDEX case_events_figures ON case_events (org_id, kind, effective_on)
    INCLUDE (id, case_id, recorded_at, level, stage, suspects, defendants, amount_vnd, area_m2);
CREATE INDEX case_events_corrections ON case_events (org_id, corrects_event_id, recorded_at)
    WHERE corrects_event_id IS NOT NULL;
CREATE INDEX cases_list ON cases (org_id, classification) INCLUDE (watch_level, stage, kind, field, cat_corruption, cat_economic, cat_position, cat_negative, cat_other,
    involves_leaders, congress_personnel, public_concern, complex_prolonged, petty_corruption, locality_id, agency_id,
    deadline_status, due_on, opened_on, last_event_on, stage_since, watch_since, damage_vnd, ref_code, title_sort);

-- +goose Down
DROP INDEX cases_list;
DROP INDEX case_events_corrections;
DROP INDEX case_events_figures;
CREATE INDEX case_events_corrects ON case_events (corrects_event_id);
CREATE INDEX case_events_org_kind ON case_events (org_id, kind, effective_on);
