-- +goose Up
-- The list's search words and assignee filter were its slowest requests on
-- national data: search_text joins cases_list, so a search reads the index
-- alone instead of every row of the organisation.
DROP INDEX cases_list;
CREATE INDEX cases_list ON cases (org_id, classification) INCLUDE (watch_level, stage, kind, field, cat_corruption, cat_economic, cat_position, cat_negative, cat_other,
    involves_leaders, congress_personnel, public_concern, complex_prolonged, petty_corruption, locality_id, agency_id,
    deadline_status, due_on, opened_on, last_event_on, stage_since, watch_since, damage_vnd, ref_code, title_sort, search_text);

-- +goose Down
DROP INDEX cases_list;
CREATE INDEX cases_list ON cases (org_id, classification) INCLUDE (watch_level, stage, kind, field, cat_corruption, cat_economic, cat_position, cat_negative, cat_other,
    involves_leaders, congress_personnel, public_concern, complex_prolonged, petty_corruption, locality_id, agency_id,
    deadline_status, due_on, opened_on, last_event_on, stage_since, watch_since, damage_vnd, ref_code, title_sort);
