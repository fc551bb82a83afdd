-- station schema, step 1: every table of DESIGN §3 (docs/SCHEMA.md describes each column).
-- Applied by src/db/migrate.c inside BEGIN ... PRAGMA user_version=1; COMMIT.
--
-- Conventions:
--   * id INTEGER PRIMARY KEY, created_at and updated_at ('YYYY-MM-DD HH:MM:SS', local time,
--     from SQLite's clock) on every table; the db layer sets updated_at in its UPDATEs.
--   * Register tables are soft-deleted: deleted = 1 hides a row, nothing is erased.
--   * Records that leave the station carry uid, 32 random hex digits, for the county merge.
--   * An empty value is stored as NULL, never as ''.
--   * Dates are 'YYYY-MM-DD' text; statuses and types are the Chinese labels clerks see.
--   * audit_log is filled by triggers that src/db/audit.c generates from the columns.

PRAGMA application_id = 1398033969; -- 'STN1': marks the file as a station database

-- The clerk working now; the audit triggers read it. Exactly one row (id = 1).
CREATE TABLE app_session (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	user TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
);
INSERT INTO app_session (id, user) VALUES (1, '');

-- 代表名册
CREATE TABLE deputies (
	id INTEGER PRIMARY KEY,
	uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
	name TEXT NOT NULL CHECK (name <> ''),
	name_py TEXT NOT NULL DEFAULT '',
	name_initials TEXT NOT NULL DEFAULT '',
	gender TEXT NOT NULL CHECK (gender IN ('男', '女')),
	ethnicity TEXT,
	birth_date TEXT CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	level TEXT NOT NULL CHECK (level IN ('全国', '省', '市', '县', '乡镇')),
	card_no TEXT,
	term TEXT,
	constituency TEXT,
	work_unit TEXT,
	party TEXT,
	phone TEXT,
	group_name TEXT,
	status TEXT NOT NULL DEFAULT '在任' CHECK (status IN ('在任', '离任')),
	join_date TEXT CHECK (join_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	note TEXT,
	deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX deputies_name_py ON deputies (name_py, id);
CREATE INDEX deputies_level ON deputies (level);

-- 接待日
CREATE TABLE reception_days (
	id INTEGER PRIMARY KEY,
	uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
	date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	time TEXT,
	place TEXT,
	notice_date TEXT CHECK (notice_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	note TEXT,
	deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX reception_days_date ON reception_days (date);

-- 接待日值班代表
CREATE TABLE reception_duty (
	id INTEGER PRIMARY KEY,
	reception_day_id INTEGER NOT NULL REFERENCES reception_days (id) ON DELETE CASCADE,
	deputy_id INTEGER NOT NULL REFERENCES deputies (id) ON DELETE RESTRICT,
	note TEXT,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	UNIQUE (reception_day_id, deputy_id)
);
CREATE INDEX reception_duty_deputy ON reception_duty (deputy_id);

-- 承办单位
CREATE TABLE units (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE CHECK (name <> ''),
	kind TEXT NOT NULL DEFAULT '其他' CHECK (kind IN ('镇直', '县直', '村社区', '其他')),
	contact TEXT,
	phone TEXT,
	sort INTEGER NOT NULL DEFAULT 0,
	deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
);

-- 意见建议类别 (pick list; visits and cases store the label itself)
CREATE TABLE categories (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE CHECK (name <> ''),
	sort INTEGER NOT NULL DEFAULT 0,
	deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
);

-- 接待选民登记
CREATE TABLE visits (
	id INTEGER PRIMARY KEY,
	uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
	date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	channel TEXT NOT NULL
		CHECK (channel IN ('接待日来访', '日常来访', '走访', '电话', '来信', '线上')),
	reception_day_id INTEGER REFERENCES reception_days (id) ON DELETE SET NULL,
	visitor_name TEXT NOT NULL CHECK (visitor_name <> ''),
	visitor_gender TEXT CHECK (visitor_gender IN ('男', '女')),
	visitor_phone TEXT,
	visitor_address TEXT,
	people INTEGER NOT NULL DEFAULT 1 CHECK (people >= 1),
	content TEXT NOT NULL CHECK (content <> ''),
	category TEXT,
	handling TEXT CHECK (handling IN ('当场答复', '交办', '转为代表建议', '不予受理')),
	handling_reason TEXT,
	reply TEXT,
	case_id INTEGER REFERENCES cases (id) ON DELETE SET NULL,
	deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX visits_date ON visits (date, id);
CREATE INDEX visits_reception_day ON visits (reception_day_id);
CREATE INDEX visits_case ON visits (case_id);

-- 接待代表
CREATE TABLE visit_deputies (
	id INTEGER PRIMARY KEY,
	visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
	deputy_id INTEGER NOT NULL REFERENCES deputies (id) ON DELETE RESTRICT,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	UNIQUE (visit_id, deputy_id)
);
CREATE INDEX visit_deputies_deputy ON visit_deputies (deputy_id);

-- 意见建议 (cases)
CREATE TABLE cases (
	id INTEGER PRIMARY KEY,
	uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
	case_no TEXT NOT NULL UNIQUE CHECK (case_no <> ''),
	visit_id INTEGER REFERENCES visits (id) ON DELETE SET NULL,
	category TEXT,
	summary TEXT NOT NULL CHECK (summary <> ''),
	content TEXT,
	received_date TEXT NOT NULL
		CHECK (received_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	status TEXT NOT NULL DEFAULT '受理' CHECK (status IN ('受理', '办理中', '已答复', '办结')),
	unit_id INTEGER REFERENCES units (id) ON DELETE RESTRICT,
	assigned_date TEXT CHECK (assigned_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	due_date TEXT CHECK (due_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	extensions INTEGER NOT NULL DEFAULT 0 CHECK (extensions >= 0),
	redo_count INTEGER NOT NULL DEFAULT 0 CHECK (redo_count >= 0),
	reply_date TEXT CHECK (reply_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	reply TEXT,
	result TEXT CHECK (result IN ('A', 'B', 'C', 'D')),
	followup_date TEXT CHECK (followup_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	satisfaction TEXT CHECK (satisfaction IN ('满意', '基本满意', '不满意')),
	closed_date TEXT CHECK (closed_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX cases_status_due ON cases (status, due_date);
CREATE INDEX cases_received ON cases (received_date, id);
CREATE INDEX cases_unit ON cases (unit_id);
CREATE INDEX cases_visit ON cases (visit_id);

-- The case's timeline; the cases row is the current state.
CREATE TABLE case_events (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	at TEXT NOT NULL
		CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]'),
	type TEXT NOT NULL CHECK (type IN ('受理', '交办', '催办', '延期', '退回', '答复', '当场答复',
					     '回访', '重办', '办结')),
	status_after TEXT CHECK (status_after IN ('受理', '办理中', '已答复', '办结')),
	who TEXT,
	unit_id INTEGER REFERENCES units (id) ON DELETE RESTRICT,
	due_date TEXT CHECK (due_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	note TEXT,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX case_events_case ON case_events (case_id, at, id);

-- Last sequence number used per station code and year: case numbers are never reused.
CREATE TABLE case_seq (
	id INTEGER PRIMARY KEY,
	station_code TEXT NOT NULL CHECK (station_code <> ''),
	year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
	last_seq INTEGER NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	UNIQUE (station_code, year)
);

-- 代表建议
CREATE TABLE suggestions (
	id INTEGER PRIMARY KEY,
	uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
	suggestion_no TEXT UNIQUE,
	title TEXT NOT NULL CHECK (title <> ''),
	content TEXT,
	lead_deputy_id INTEGER REFERENCES deputies (id) ON DELETE RESTRICT,
	date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	category TEXT CHECK (category IN ('财政经济', '农业农村', '城建环资', '教科文卫', '内务司法',
					  '社会建设')),
	unit_id INTEGER REFERENCES units (id) ON DELETE RESTRICT,
	status TEXT NOT NULL DEFAULT '已提出' CHECK (status IN ('已提出', '办理中', '已答复', '办结')),
	due_date TEXT CHECK (due_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	extensions INTEGER NOT NULL DEFAULT 0 CHECK (extensions >= 0),
	reply_date TEXT CHECK (reply_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	reply TEXT,
	result TEXT CHECK (result IN ('A', 'B', 'C', 'D')),
	satisfaction TEXT CHECK (satisfaction IN ('满意', '基本满意', '不满意')),
	closed_date TEXT CHECK (closed_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX suggestions_date ON suggestions (date, id);
CREATE INDEX suggestions_status_due ON suggestions (status, due_date);
CREATE INDEX suggestions_lead ON suggestions (lead_deputy_id);

-- 附议代表
CREATE TABLE suggestion_deputies (
	id INTEGER PRIMARY KEY,
	suggestion_id INTEGER NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
	deputy_id INTEGER NOT NULL REFERENCES deputies (id) ON DELETE RESTRICT,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	UNIQUE (suggestion_id, deputy_id)
);
CREATE INDEX suggestion_deputies_deputy ON suggestion_deputies (deputy_id);

-- Cases a suggestion grew out of
CREATE TABLE suggestion_cases (
	id INTEGER PRIMARY KEY,
	suggestion_id INTEGER NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
	case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	UNIQUE (suggestion_id, case_id)
);
CREATE INDEX suggestion_cases_case ON suggestion_cases (case_id);

-- 代表活动 (and 学习培训: activities of type 学习培训)
CREATE TABLE activities (
	id INTEGER PRIMARY KEY,
	uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
	type TEXT NOT NULL CHECK (type IN ('学习培训', '视察', '调研', '执法检查', '代表小组活动',
					   '接待选民', '宣传宣讲', '述职评议', '化解矛盾纠纷', '办实事',
					   '其他')),
	topic TEXT NOT NULL CHECK (topic <> ''),
	date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	place TEXT,
	organizer TEXT,
	content TEXT,
	outcome TEXT,
	deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX activities_date ON activities (date, id);
CREATE INDEX activities_type_date ON activities (type, date);

-- 签到
CREATE TABLE attendance (
	id INTEGER PRIMARY KEY,
	activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
	deputy_id INTEGER NOT NULL REFERENCES deputies (id) ON DELETE RESTRICT,
	status TEXT NOT NULL DEFAULT '出席' CHECK (status IN ('出席', '请假', '缺席')),
	note TEXT,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	UNIQUE (activity_id, deputy_id)
);
CREATE INDEX attendance_deputy ON attendance (deputy_id);

-- 述职评议
CREATE TABLE evaluations (
	id INTEGER PRIMARY KEY,
	uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
	deputy_id INTEGER NOT NULL REFERENCES deputies (id) ON DELETE RESTRICT,
	date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	participants INTEGER NOT NULL DEFAULT 0 CHECK (participants >= 0),
	satisfied INTEGER NOT NULL DEFAULT 0 CHECK (satisfied >= 0),
	basically_satisfied INTEGER NOT NULL DEFAULT 0 CHECK (basically_satisfied >= 0),
	dissatisfied INTEGER NOT NULL DEFAULT 0 CHECK (dissatisfied >= 0),
	note TEXT,
	deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	CHECK (satisfied + basically_satisfied + dissatisfied <= participants)
);
CREATE INDEX evaluations_deputy ON evaluations (deputy_id, date);

-- Manual changes to a deputy's yearly points
CREATE TABLE point_adjustments (
	id INTEGER PRIMARY KEY,
	deputy_id INTEGER NOT NULL REFERENCES deputies (id) ON DELETE RESTRICT,
	year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
	date TEXT CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	points REAL NOT NULL,
	reason TEXT NOT NULL CHECK (reason <> ''),
	approved_by TEXT NOT NULL CHECK (approved_by <> ''),
	deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX point_adjustments_deputy ON point_adjustments (deputy_id, year);

-- Clerk accounts
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	login TEXT NOT NULL UNIQUE CHECK (login <> ''),
	name TEXT NOT NULL CHECK (name <> ''),
	role TEXT NOT NULL DEFAULT '联络员' CHECK (role IN ('联络员', '站长')),
	password_hash TEXT,
	salt TEXT,
	deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
);

-- Who changed what: written by triggers only (src/db/audit.c).
CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	user TEXT,
	table_name TEXT NOT NULL,
	row_id INTEGER NOT NULL,
	action TEXT NOT NULL CHECK (action IN ('INSERT', 'UPDATE', 'DELETE', 'RESTORE')),
	old_values TEXT,
	new_values TEXT,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX audit_log_row ON audit_log (table_name, row_id, id);
CREATE INDEX audit_log_at ON audit_log (at);
