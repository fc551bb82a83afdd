-- 0019 (性能, db/activities.c db_activities_receptions): the days each deputy received residents
-- at the station, kept by triggers. The roster's 本年接待 column counted them per row by joining
-- every visit the deputy ever received with visits (30,000 rows for a busy deputy on the bench
-- database): opening the roster took 2.9 s there (docs/PERFORMANCE.md). This table holds, for each
-- deputy and date, how many visits not deleted of the channels 接待日来访 and 日常来访 the deputy
-- received that day; derived from the records, never typed in. The triggers follow those of
-- deputy_visit_years (0012): every change takes the old row off and puts the new one on.
CREATE TABLE deputy_visit_days (
	deputy_id INTEGER NOT NULL,
	date TEXT NOT NULL,
	visits INTEGER NOT NULL,
	PRIMARY KEY (deputy_id, date)
) WITHOUT ROWID;

INSERT INTO deputy_visit_days (deputy_id, date, visits)
SELECT x.deputy_id, v.date, count(*)
FROM visits v JOIN visit_deputies x ON x.visit_id = v.id
WHERE v.deleted = 0 AND v.channel IN ('接待日来访', '日常来访')
GROUP BY 1, 2;

CREATE TRIGGER deputy_visit_days_link_ins AFTER INSERT ON visit_deputies BEGIN
	INSERT INTO deputy_visit_days (deputy_id, date, visits)
	SELECT new.deputy_id, v.date, 1 FROM visits v
	WHERE v.id = new.visit_id AND v.deleted = 0 AND v.channel IN ('接待日来访', '日常来访')
	ON CONFLICT DO UPDATE SET visits = visits + excluded.visits;
END;

CREATE TRIGGER deputy_visit_days_link_del AFTER DELETE ON visit_deputies BEGIN
	INSERT INTO deputy_visit_days (deputy_id, date, visits)
	SELECT old.deputy_id, v.date, -1 FROM visits v
	WHERE v.id = old.visit_id AND v.deleted = 0 AND v.channel IN ('接待日来访', '日常来访')
	ON CONFLICT DO UPDATE SET visits = visits + excluded.visits;
END;

CREATE TRIGGER deputy_visit_days_link_upd AFTER UPDATE OF visit_id, deputy_id ON visit_deputies BEGIN
	INSERT INTO deputy_visit_days (deputy_id, date, visits)
	SELECT old.deputy_id, v.date, -1 FROM visits v
	WHERE v.id = old.visit_id AND v.deleted = 0 AND v.channel IN ('接待日来访', '日常来访')
	ON CONFLICT DO UPDATE SET visits = visits + excluded.visits;
	INSERT INTO deputy_visit_days (deputy_id, date, visits)
	SELECT new.deputy_id, v.date, 1 FROM visits v
	WHERE v.id = new.visit_id AND v.deleted = 0 AND v.channel IN ('接待日来访', '日常来访')
	ON CONFLICT DO UPDATE SET visits = visits + excluded.visits;
END;

CREATE TRIGGER deputy_visit_days_visit_upd AFTER UPDATE OF date, channel, deleted ON visits
WHEN old.date IS NOT new.date OR old.channel IS NOT new.channel OR old.deleted IS NOT new.deleted BEGIN
	INSERT INTO deputy_visit_days (deputy_id, date, visits)
	SELECT x.deputy_id, old.date, -1 FROM visit_deputies x
	WHERE x.visit_id = old.id AND old.deleted = 0 AND old.channel IN ('接待日来访', '日常来访')
	ON CONFLICT DO UPDATE SET visits = visits + excluded.visits;
	INSERT INTO deputy_visit_days (deputy_id, date, visits)
	SELECT x.deputy_id, new.date, 1 FROM visit_deputies x
	WHERE x.visit_id = new.id AND new.deleted = 0 AND new.channel IN ('接待日来访', '日常来访')
	ON CONFLICT DO UPDATE SET visits = visits + excluded.visits;
END;

CREATE TRIGGER deputy_visit_days_visit_del BEFORE DELETE ON visits BEGIN
	INSERT INTO deputy_visit_days (deputy_id, date, visits)
	SELECT x.deputy_id, old.date, -1 FROM visit_deputies x
	WHERE x.visit_id = old.id AND old.deleted = 0 AND old.channel IN ('接待日来访', '日常来访')
	ON CONFLICT DO UPDATE SET visits = visits + excluded.visits;
END;
