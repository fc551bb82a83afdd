-- 0004: covering indexes for the home screen's counts (db_cases_stats, db_cases_todo_counts).
-- Each count is a range on one date (or the status) plus a few more columns; with those columns
-- in the index the count is answered from the index alone instead of reading every case row of
-- the month or quarter (see docs/BENCHMARKS.md: 108 ms before, on 300,000 cases).
-- Index names the plans are checked by (cases_status_due) are kept.

DROP INDEX cases_status_due;
-- id right after due_date keeps the 超期/临期 lists (ORDER BY due_date, id) free of a sort.
CREATE INDEX cases_status_due ON cases (status, due_date, id, deleted, satisfaction);

CREATE INDEX cases_received_cover ON cases (received_date, deleted);

DROP INDEX cases_assigned_date;
CREATE INDEX cases_assigned_date ON cases (assigned_date, deleted) WHERE assigned_date IS NOT NULL;

DROP INDEX cases_reply_date;
CREATE INDEX cases_reply_date ON cases (reply_date, deleted, assigned_date) WHERE reply_date IS NOT NULL;

DROP INDEX cases_closed_date;
CREATE INDEX cases_closed_date ON cases (closed_date, deleted, assigned_date, reply_date, due_date)
	WHERE closed_date IS NOT NULL;

CREATE INDEX cases_followup_date ON cases (followup_date, deleted, closed_date, status, satisfaction)
	WHERE followup_date IS NOT NULL;
