-- 0007: 年度活动计划 — the yearly activity plan a station draws up and publishes (公示): planned
-- activities by month, type and theme, with the deputies expected; each entry is ticked off when
-- the activity has been held (and, once the activities register exists, linked to it).
CREATE TABLE activity_plans (
	id INTEGER PRIMARY KEY,
	uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
	year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
	month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
	type TEXT NOT NULL CHECK (type IN ('学习培训', '视察', '调研', '执法检查', '代表小组活动',
					   '接待选民', '宣传宣讲', '述职评议', '化解矛盾纠纷', '办实事',
					   '其他')),
	theme TEXT NOT NULL CHECK (theme <> ''),
	note TEXT,
	held_date TEXT CHECK (held_date IS NULL OR held_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	activity_id INTEGER REFERENCES activities (id) ON DELETE SET NULL,
	deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX activity_plans_year ON activity_plans (year, month, id);

CREATE TABLE activity_plan_deputies (
	id INTEGER PRIMARY KEY,
	plan_id INTEGER NOT NULL REFERENCES activity_plans (id) ON DELETE CASCADE,
	deputy_id INTEGER NOT NULL REFERENCES deputies (id) ON DELETE RESTRICT,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	UNIQUE (plan_id, deputy_id)
);
CREATE INDEX activity_plan_deputies_deputy ON activity_plan_deputies (deputy_id);
