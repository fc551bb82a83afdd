-- 0006: a suggestion's timeline (suggestion_events, like case_events) and what its loop needs
-- beyond 0001/0003: 重办 after an unsatisfied 征询意见 (its count and date). Every action on a
-- suggestion writes its row and its event in one transaction (db/suggestions.c).
-- Forward only: columns are added, nothing is renamed or dropped.

ALTER TABLE suggestions ADD COLUMN redo_count INTEGER NOT NULL DEFAULT 0 CHECK (redo_count >= 0);
-- The date of the last 重办: the 3 months of the new round count from it.
ALTER TABLE suggestions ADD COLUMN redone_date TEXT
	CHECK (redone_date IS NULL OR redone_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');

-- The suggestion's timeline; the suggestions row is the current state. type: 提出 (written when
-- the suggestion is entered) or an action; note: the reason (延期), the reply (答复), the
-- deputies' words (征询意见) or a remark; due_date: the due date an action set (交办, 延期, 重办);
-- result, satisfaction: what 答复 and 征询意见 recorded, so every round stays here.
CREATE TABLE suggestion_events (
	id INTEGER PRIMARY KEY,
	suggestion_id INTEGER NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
	at TEXT NOT NULL
		CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]'),
	date TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	type TEXT NOT NULL CHECK (type IN ('提出', '交办', '延期', '答复', '征询意见', '重办', '办结')),
	status_after TEXT CHECK (status_after IN ('已提出', '办理中', '已答复', '办结')),
	who TEXT,
	unit_id INTEGER REFERENCES units (id) ON DELETE RESTRICT,
	due_date TEXT CHECK (due_date IS NULL OR due_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	note TEXT,
	result TEXT CHECK (result IS NULL OR result IN ('A', 'B', 'C', 'D')),
	satisfaction TEXT CHECK (satisfaction IS NULL OR satisfaction IN ('满意', '基本满意', '不满意')),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX suggestion_events_suggestion ON suggestion_events (suggestion_id, at, id);

-- The suggestions entered before this version get the timeline their row tells: 提出, and as far
-- as they got 交办, 答复, 征询意见 (when a satisfaction was recorded) and 办结, each dated by its
-- row's date (recorded at 00:00 of that day; who is not known). Extensions made before had no
-- reason: one 延期 event says how many there were.
INSERT INTO suggestion_events (suggestion_id, at, date, type, status_after, note)
	SELECT id, date || ' 00:00', date, '提出', '已提出', '升级前录入' FROM suggestions ORDER BY id;
INSERT INTO suggestion_events (suggestion_id, at, date, type, status_after, unit_id, due_date)
	SELECT id, assigned_date || ' 00:00', assigned_date, '交办', '办理中', unit_id,
		CASE WHEN extensions = 0 THEN due_date END
	FROM suggestions WHERE assigned_date IS NOT NULL ORDER BY id;
INSERT INTO suggestion_events (suggestion_id, at, date, type, status_after, unit_id, due_date, note)
	SELECT id, assigned_date || ' 00:00', NULL, '延期', '办理中', unit_id, due_date,
		'升级前延期 ' || extensions || ' 次，理由未记录'
	FROM suggestions WHERE assigned_date IS NOT NULL AND extensions > 0 ORDER BY id;
INSERT INTO suggestion_events (suggestion_id, at, date, type, status_after, unit_id, note, result)
	SELECT id, reply_date || ' 00:00', reply_date, '答复', '已答复', unit_id, reply, result
	FROM suggestions WHERE reply_date IS NOT NULL ORDER BY id;
INSERT INTO suggestion_events (suggestion_id, at, date, type, status_after, satisfaction)
	SELECT id, coalesce(followup_date, closed_date, reply_date) || ' 00:00',
		coalesce(followup_date, closed_date, reply_date), '征询意见', '已答复', satisfaction
	FROM suggestions WHERE satisfaction IS NOT NULL AND coalesce(followup_date, closed_date, reply_date) IS NOT NULL
	ORDER BY id;
INSERT INTO suggestion_events (suggestion_id, at, date, type, status_after)
	SELECT id, closed_date || ' 00:00', closed_date, '办结', '办结' FROM suggestions
	WHERE closed_date IS NOT NULL ORDER BY id;
