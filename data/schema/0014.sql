-- 0014 (五环五时, db/cases.c): what the case loop's five ring time limits need beyond 0013.
-- Forward only: a column and indexes are added.

-- 答复定时: the 办理时限 as fixed at the last 交办 or 重办. A 延期 moves due_date, not this; 退回
-- clears it. Filled here from each case's timeline (the due date of its last 交办/重办).
ALTER TABLE cases ADD COLUMN promised_date TEXT
	CHECK (promised_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');
UPDATE cases SET promised_date = (SELECT e.due_date FROM case_events e
	WHERE e.case_id = cases.id AND e.type IN ('交办', '重办') ORDER BY e.at DESC, e.id DESC LIMIT 1)
	WHERE assigned_date IS NOT NULL AND status <> '受理';
CREATE INDEX cases_promised_date ON cases (promised_date, deleted) WHERE promised_date IS NOT NULL;

-- The home screen's 待交办 and 待回访 lists (超期/临期): a range of received dates of the cases
-- not yet assigned, of reply dates of the cases not yet called back. Both sets are small, so
-- partial indexes keep them apart from the 300,000 other cases. They lead with the columns the
-- queries fix (status, satisfaction) so the planner prefers them to cases_status_due (status=?),
-- and their order (date, id) is the lists' order (no sort).
CREATE INDEX cases_wait_assign ON cases (status, received_date, id, deleted) WHERE status = '受理';
CREATE INDEX cases_wait_followup ON cases (status, satisfaction, reply_date, id, deleted)
	WHERE status = '已答复' AND satisfaction IS NULL;
