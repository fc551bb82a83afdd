-- 0008: what a clerk settles at a visit and how she names things (issue 9).
-- Forward only: columns and a table are added, nothing is renamed or dropped.

-- The resident's satisfaction with an answer given on the spot (当场答复), optional; counted in
-- the 回访/满意率 statistics (docs/CASES.md).
ALTER TABLE visits ADD COLUMN satisfaction TEXT
	CHECK (satisfaction IS NULL OR satisfaction IN ('满意', '基本满意', '不满意'));

-- Short names and other spellings of a unit, separated by 、 (城管、城管局 for 县城市管理局):
-- a choice field finds the unit by them as by its name or pinyin initials.
ALTER TABLE units ADD COLUMN aliases TEXT;
UPDATE units SET aliases = '城管、城管局' WHERE name = '县城市管理局' AND aliases IS NULL;
UPDATE units SET aliases = '执法队、综合执法' WHERE name = '综合行政执法队' AND aliases IS NULL;
UPDATE units SET aliases = '人社局、人社' WHERE name = '县人力资源和社会保障局' AND aliases IS NULL;
UPDATE units SET aliases = '住建局、住建' WHERE name = '县住房和城乡建设局' AND aliases IS NULL;
UPDATE units SET aliases = '卫健局、卫健委' WHERE name = '县卫生健康局' AND aliases IS NULL;
UPDATE units SET aliases = '环保局、生态环境' WHERE name = '县生态环境局' AND aliases IS NULL;
UPDATE units SET aliases = '农业局、农业农村' WHERE name = '县农业农村局' AND aliases IS NULL;
UPDATE units SET aliases = '市监局、工商局' WHERE name = '县市场监督管理局' AND aliases IS NULL;
UPDATE units SET aliases = '交通局' WHERE name = '县交通运输局' AND aliases IS NULL;
UPDATE units SET aliases = '自然资源' WHERE name = '县自然资源局' AND aliases IS NULL;
UPDATE units SET aliases = '党政办' WHERE name = '党政综合办公室' AND aliases IS NULL;
UPDATE units SET aliases = '经发办' WHERE name = '经济发展办公室' AND aliases IS NULL;
UPDATE units SET aliases = '社事办' WHERE name = '社会事务办公室' AND aliases IS NULL;
UPDATE units SET aliases = '村委会、社区居委会、居委会' WHERE name = '各村(社区)委员会' AND aliases IS NULL;

-- A visit turned into a 代表建议 (处理方式 转为代表建议): the suggestion entered from it. Both
-- screens show the link (the suggestion the visit it came from, the visit the suggestion's
-- number). One suggestion per visit; a suggestion may gather several visits.
CREATE TABLE visit_suggestions (
	id INTEGER PRIMARY KEY,
	visit_id INTEGER NOT NULL UNIQUE REFERENCES visits (id) ON DELETE CASCADE,
	suggestion_id INTEGER NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX visit_suggestions_suggestion ON visit_suggestions (suggestion_id);
