-- 0015: 民生实事项目 (票决制: 群众点题, 代表选题, 人大票决, 政府解题, 代表督查和评价).
-- A project row is its current state; project_events is its timeline (every step with date,
-- who and note); a vote session (vote_sessions) records 应到/实到 and one project_votes row per
-- project it voted on (赞成/反对/弃权; passed is computed by the program from the rule in
-- station.ini [projects] pass_rule when the results are recorded, never typed). Supervision
-- visits (督查) are activities of type 督查 linked to the project (activities.project_id).
CREATE TABLE projects (
	id INTEGER PRIMARY KEY,
	uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
	title TEXT NOT NULL CHECK (title <> ''),
	content TEXT,
	year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
	date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	source TEXT NOT NULL CHECK (source IN ('来访', '代表建议', '居民议事会', '代表', '其他')),
	source_visit_id INTEGER REFERENCES visits (id) ON DELETE RESTRICT,
	source_suggestion_id INTEGER REFERENCES suggestions (id) ON DELETE RESTRICT,
	proposer TEXT,
	proposer_deputy_id INTEGER REFERENCES deputies (id) ON DELETE RESTRICT,
	category TEXT,
	budget TEXT,
	status TEXT NOT NULL DEFAULT '征集'
		CHECK (status IN ('征集', '初选', '未入选', '票决', '实施', '未通过', '完成', '评价')),
	unit_id INTEGER REFERENCES units (id) ON DELETE RESTRICT,
	planned_date TEXT CHECK (planned_date IS NULL OR planned_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
	vote_date TEXT CHECK (vote_date IS NULL OR vote_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	completed_date TEXT
		CHECK (completed_date IS NULL OR completed_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	eval_joined INTEGER NOT NULL DEFAULT 0 CHECK (eval_joined >= 0),
	eval_satisfied INTEGER NOT NULL DEFAULT 0 CHECK (eval_satisfied >= 0),
	eval_basic INTEGER NOT NULL DEFAULT 0 CHECK (eval_basic >= 0),
	eval_unsatisfied INTEGER NOT NULL DEFAULT 0 CHECK (eval_unsatisfied >= 0),
	deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	CHECK (eval_satisfied + eval_basic + eval_unsatisfied = eval_joined)
);
CREATE INDEX projects_year ON projects (year, id);
CREATE INDEX projects_status_planned ON projects (status, planned_date);
CREATE INDEX projects_visit ON projects (source_visit_id) WHERE source_visit_id IS NOT NULL;
CREATE INDEX projects_deputy ON projects (proposer_deputy_id) WHERE proposer_deputy_id IS NOT NULL;

-- A vote session (人民代表大会 or 居民议事会). present <= expected.
CREATE TABLE vote_sessions (
	id INTEGER PRIMARY KEY,
	uid TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
	date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	meeting TEXT NOT NULL CHECK (meeting <> ''),
	expected INTEGER NOT NULL CHECK (expected >= 1),
	present INTEGER NOT NULL CHECK (present >= 0 AND present <= expected),
	-- the rule the results were computed by ('应到' or '实到'); NULL until results are recorded
	rule TEXT CHECK (rule IS NULL OR rule IN ('应到', '实到')),
	decided INTEGER NOT NULL DEFAULT 0 CHECK (decided IN (0, 1)),
	deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX vote_sessions_date ON vote_sessions (date, id);

-- One project voted on in a session; a project once per session.
CREATE TABLE project_votes (
	id INTEGER PRIMARY KEY,
	session_id INTEGER NOT NULL REFERENCES vote_sessions (id) ON DELETE CASCADE,
	project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE RESTRICT,
	yes INTEGER NOT NULL CHECK (yes >= 0),
	no INTEGER NOT NULL CHECK (no >= 0),
	abstain INTEGER NOT NULL CHECK (abstain >= 0),
	passed INTEGER CHECK (passed IS NULL OR passed IN (0, 1)),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	UNIQUE (session_id, project_id)
);
CREATE INDEX project_votes_project ON project_votes (project_id);

-- The project's timeline. type: 征集 (entered), 入选, 不入选, 提交票决, 通过, 未通过, 落实, 进度,
-- 督查, 完成, 测评. percent: 进度; activity_id: 督查; session_id: 提交票决, 通过, 未通过.
CREATE TABLE project_events (
	id INTEGER PRIMARY KEY,
	project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	at TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]'),
	date TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	type TEXT NOT NULL CHECK (type IN ('征集', '入选', '不入选', '提交票决', '通过', '未通过', '落实', '进度',
					   '督查', '完成', '测评')),
	status_after TEXT,
	who TEXT,
	unit_id INTEGER REFERENCES units (id) ON DELETE RESTRICT,
	due_date TEXT CHECK (due_date IS NULL OR due_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	percent INTEGER CHECK (percent IS NULL OR percent BETWEEN 0 AND 100),
	activity_id INTEGER REFERENCES activities (id) ON DELETE SET NULL,
	session_id INTEGER REFERENCES vote_sessions (id) ON DELETE SET NULL,
	note TEXT,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX project_events_project ON project_events (project_id, at, id);

-- 督查: an activity linked to the project it supervised.
ALTER TABLE activities ADD COLUMN project_id INTEGER REFERENCES projects (id) ON DELETE SET NULL;
CREATE INDEX activities_project ON activities (project_id) WHERE project_id IS NOT NULL;

-- The activity type 督查 (activities and activity_plans). SQLite cannot alter a CHECK constraint, and rebuilding activities
-- would cascade into its sign-in sheets; widening the list of allowed values is the documented
-- schema edit (every stored row still passes): replace the type list in the stored CREATE TABLE.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''办实事'',', '''办实事'', ''督查'',')
WHERE type = 'table' AND name IN ('activities', 'activity_plans') AND instr(sql, '''督查''') = 0;
PRAGMA writable_schema = RESET;
