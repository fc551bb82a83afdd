-- 0020 (检索, db/search.c): the full-text indexes of 0018 made able to answer 1-2 characters.
-- SQLite 3.40.1's trigram index finds nothing for fewer than 3 characters, but its list of
-- trigrams (fts5vocab) can: every trigram that starts with the typed text names rows holding it
-- (db/search.c asks the list for the trigrams in [text, text + U+10FFFF) and ORs them). A text at
-- the end of a field starts no trigram, so every field is indexed with two U+0001 characters
-- after it ("王燕" -> 王燕␁, 燕␁␁): each character then starts one. The padded text comes from
-- the views below, the indexes' content tables, so FTS5's own 'rebuild' and 'integrity-check'
-- read the same padded text the triggers write. Nobody types U+0001 (control characters are
-- refused at every field), so a typed text never matches the padding.
DROP TRIGGER visits_fts_insert;
DROP TRIGGER visits_fts_delete;
DROP TRIGGER visits_fts_update;
DROP TABLE visits_fts;
DROP TRIGGER cases_fts_insert;
DROP TRIGGER cases_fts_delete;
DROP TRIGGER cases_fts_update;
DROP TABLE cases_fts;

CREATE VIEW visits_fts_text AS SELECT id, visitor_name || char(1, 1) AS visitor_name,
	visitor_phone || char(1, 1) AS visitor_phone, content || char(1, 1) AS content FROM visits;
CREATE VIRTUAL TABLE visits_fts USING fts5(visitor_name, visitor_phone, content,
	content = 'visits_fts_text', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER visits_fts_insert AFTER INSERT ON visits BEGIN
	INSERT INTO visits_fts (rowid, visitor_name, visitor_phone, content)
	VALUES (new.id, new.visitor_name || char(1, 1), new.visitor_phone || char(1, 1), new.content || char(1, 1));
END;
CREATE TRIGGER visits_fts_delete AFTER DELETE ON visits BEGIN
	INSERT INTO visits_fts (visits_fts, rowid, visitor_name, visitor_phone, content)
	VALUES ('delete', old.id, old.visitor_name || char(1, 1), old.visitor_phone || char(1, 1),
		old.content || char(1, 1));
END;
CREATE TRIGGER visits_fts_update AFTER UPDATE OF visitor_name, visitor_phone, content ON visits BEGIN
	INSERT INTO visits_fts (visits_fts, rowid, visitor_name, visitor_phone, content)
	VALUES ('delete', old.id, old.visitor_name || char(1, 1), old.visitor_phone || char(1, 1),
		old.content || char(1, 1));
	INSERT INTO visits_fts (rowid, visitor_name, visitor_phone, content)
	VALUES (new.id, new.visitor_name || char(1, 1), new.visitor_phone || char(1, 1), new.content || char(1, 1));
END;

CREATE VIEW cases_fts_text AS SELECT id, case_no || char(1, 1) AS case_no, summary || char(1, 1) AS summary,
	content || char(1, 1) AS content FROM cases;
CREATE VIRTUAL TABLE cases_fts USING fts5(case_no, summary, content,
	content = 'cases_fts_text', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
	INSERT INTO cases_fts (rowid, case_no, summary, content)
	VALUES (new.id, new.case_no || char(1, 1), new.summary || char(1, 1), new.content || char(1, 1));
END;
CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN
	INSERT INTO cases_fts (cases_fts, rowid, case_no, summary, content)
	VALUES ('delete', old.id, old.case_no || char(1, 1), old.summary || char(1, 1), old.content || char(1, 1));
END;
CREATE TRIGGER cases_fts_update AFTER UPDATE OF case_no, summary, content ON cases BEGIN
	INSERT INTO cases_fts (cases_fts, rowid, case_no, summary, content)
	VALUES ('delete', old.id, old.case_no || char(1, 1), old.summary || char(1, 1), old.content || char(1, 1));
	INSERT INTO cases_fts (rowid, case_no, summary, content)
	VALUES (new.id, new.case_no || char(1, 1), new.summary || char(1, 1), new.content || char(1, 1));
END;
