-- 0003: what the reception-day, visit and case-loop screens need beyond 0001.
-- Forward only: columns are added, nothing is renamed or dropped.

-- A reception day can be cancelled (kept in the register, shown as cancelled) as well as deleted.
ALTER TABLE reception_days ADD COLUMN status TEXT NOT NULL DEFAULT '正常'
	CHECK (status IN ('正常', '已取消'));
ALTER TABLE reception_days ADD COLUMN cancel_reason TEXT;

-- Returning residents are found by phone or name.
CREATE INDEX visits_phone ON visits (visitor_phone) WHERE visitor_phone IS NOT NULL;
CREATE INDEX visits_name ON visits (visitor_name);
CREATE INDEX visits_channel_date ON visits (channel, date);

-- Where a case came from, who raised it when not a resident's visit, and how to reach them.
ALTER TABLE cases ADD COLUMN source TEXT NOT NULL DEFAULT '来访'
	CHECK (source IN ('来访', '代表调研', '其他'));
ALTER TABLE cases ADD COLUMN deputy_id INTEGER REFERENCES deputies (id) ON DELETE RESTRICT;
ALTER TABLE cases ADD COLUMN contact_name TEXT;
ALTER TABLE cases ADD COLUMN contact_phone TEXT;
-- Working days given at 交办 (the station.ini default unless the clerk changed it).
ALTER TABLE cases ADD COLUMN due_days INTEGER CHECK (due_days IS NULL OR due_days BETWEEN 1 AND 365);
-- How the last 回访 was made (电话/上门/短信/其他).
ALTER TABLE cases ADD COLUMN followup_how TEXT;
CREATE INDEX cases_reply_date ON cases (reply_date) WHERE reply_date IS NOT NULL;
CREATE INDEX cases_closed_date ON cases (closed_date) WHERE closed_date IS NOT NULL;
CREATE INDEX cases_assigned_date ON cases (assigned_date) WHERE assigned_date IS NOT NULL;
CREATE INDEX cases_deputy ON cases (deputy_id) WHERE deputy_id IS NOT NULL;

-- The business date of an event (答复日期, 回访日期 ...) besides the time it was recorded (at),
-- and the values each 答复/回访 had, so the timeline keeps every round (the case row keeps the
-- last).
ALTER TABLE case_events ADD COLUMN date TEXT
	CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');
ALTER TABLE case_events ADD COLUMN result TEXT CHECK (result IS NULL OR result IN ('A', 'B', 'C', 'D'));
ALTER TABLE case_events ADD COLUMN satisfaction TEXT
	CHECK (satisfaction IS NULL OR satisfaction IN ('满意', '基本满意', '不满意'));
ALTER TABLE case_events ADD COLUMN how TEXT;

-- Suggestions: when the handling unit was given it, and how the deputies were called back.
ALTER TABLE suggestions ADD COLUMN assigned_date TEXT
	CHECK (assigned_date IS NULL OR assigned_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');
ALTER TABLE suggestions ADD COLUMN followup_date TEXT
	CHECK (followup_date IS NULL OR followup_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');
