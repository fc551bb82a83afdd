-- 0005: drafts — what a clerk has typed into a form and not yet saved, so it survives a crash,
-- a closed terminal window or a power cut (docs/RELIABILITY.md). One row per open form: the
-- form's kind ('visit', 'deputies', 'case_action:交办', ...) and the record it edits (0 for a
-- new one). vals is a JSON object {column: text}. A draft is never a record: it only fills the
-- form again, and the clerk saves with F2. Not audited (it changes at every field).
CREATE TABLE drafts (
	id INTEGER PRIMARY KEY,
	form TEXT NOT NULL,
	record_id INTEGER NOT NULL DEFAULT 0,
	vals TEXT NOT NULL CHECK (json_valid(vals)),
	field TEXT,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	UNIQUE (form, record_id)
);
