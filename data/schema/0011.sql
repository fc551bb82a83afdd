-- 0011 (履职积分, db/points.c): a deputy's records found from the deputy. The lead renumbers this
-- step at merge (file number = version).
-- A deputy's file reads the visits the deputy received: (deputy_id, visit_id) gives the visit ids
-- from the index alone (the old index on deputy_id alone read every visit_deputies row first;
-- 90 -> 60 ms for the busiest deputy of the benchmark, docs/BENCHMARKS.md). It serves every use
-- of the old one, which goes.
CREATE INDEX visit_deputies_deputy_visit ON visit_deputies (deputy_id, visit_id);
DROP INDEX visit_deputies_deputy;
-- The sign-ins of the activities of a year, with their status, from the index alone.
CREATE INDEX attendance_activity_status ON attendance (activity_id, deputy_id, status);
