-- 0018 (检索, db/search.c): full-text indexes for the typed filter of the two big registers.
-- FTS5 with the trigram tokenizer over the text columns the filter searches, as external-content
-- tables (the text stays in visits and cases; the index holds only trigrams), kept in step by
-- the triggers below. A filter of 3 or more characters asks the index (MATCH '"..."'); shorter
-- ones go to LIKE on the base table (SQLite 3.40.1's trigram index finds nothing for 1-2
-- characters, and LIKE on the FTS column is wrong there: see docs/PERFORMANCE.md).
-- The index of an existing file is built by the C half of this step (migrate_fts_build), a
-- block of rows at a time with a progress line, not here.
CREATE VIRTUAL TABLE visits_fts USING fts5(visitor_name, visitor_phone, content,
	content = 'visits', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER visits_fts_insert AFTER INSERT ON visits BEGIN
	INSERT INTO visits_fts (rowid, visitor_name, visitor_phone, content)
	VALUES (new.id, new.visitor_name, new.visitor_phone, new.content);
END;
CREATE TRIGGER visits_fts_delete AFTER DELETE ON visits BEGIN
	INSERT INTO visits_fts (visits_fts, rowid, visitor_name, visitor_phone, content)
	VALUES ('delete', old.id, old.visitor_name, old.visitor_phone, old.content);
END;
CREATE TRIGGER visits_fts_update AFTER UPDATE OF visitor_name, visitor_phone, content ON visits BEGIN
	INSERT INTO visits_fts (visits_fts, rowid, visitor_name, visitor_phone, content)
	VALUES ('delete', old.id, old.visitor_name, old.visitor_phone, old.content);
	INSERT INTO visits_fts (rowid, visitor_name, visitor_phone, content)
	VALUES (new.id, new.visitor_name, new.visitor_phone, new.content);
END;

CREATE VIRTUAL TABLE cases_fts USING fts5(case_no, summary, content,
	content = 'cases', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
	INSERT INTO cases_fts (rowid, case_no, summary, content) VALUES (new.id, new.case_no, new.summary, new.content);
END;
CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN
	INSERT INTO cases_fts (cases_fts, rowid, case_no, summary, content)
	VALUES ('delete', old.id, old.case_no, old.summary, old.content);
END;
CREATE TRIGGER cases_fts_update AFTER UPDATE OF case_no, summary, content ON cases BEGIN
	INSERT INTO cases_fts (cases_fts, rowid, case_no, summary, content)
	VALUES ('delete', old.id, old.case_no, old.summary, old.content);
	INSERT INTO cases_fts (rowid, case_no, summary, content) VALUES (new.id, new.case_no, new.summary, new.content);
END;
