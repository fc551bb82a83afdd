-- 0010: whether a reception day took place, who actually came, and the rule date a day was
-- moved from (issue 9). Forward only: columns are added, nothing is renamed or dropped.

-- held: NULL not confirmed yet, 0 not held, 1 held (the clerk's answer). A day with visits
-- counts as held whatever the column says (core/reception.h reception_state).
ALTER TABLE reception_days ADD COLUMN held INTEGER CHECK (held IS NULL OR held IN (0, 1));
-- The date the rule named when generation moved the day off a holiday (NULL for a day the clerk
-- added by hand); the list shows "由 11-28 顺延" when it differs from date.
ALTER TABLE reception_days ADD COLUMN rule_date TEXT
	CHECK (rule_date IS NULL OR rule_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');

-- 接待日到场代表: the deputies who actually came to a held day (reception_duty stays the plan).
CREATE TABLE reception_attendance (
	id INTEGER PRIMARY KEY,
	reception_day_id INTEGER NOT NULL REFERENCES reception_days (id) ON DELETE CASCADE,
	deputy_id INTEGER NOT NULL REFERENCES deputies (id) ON DELETE RESTRICT,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	UNIQUE (reception_day_id, deputy_id)
);
CREATE INDEX reception_attendance_deputy ON reception_attendance (deputy_id);
