-- 0021 (性能, db/visits.c db_visits_count, db/cases.c db_cases_counts): how many visits (and
-- people) and how many cases (and of them 办结) there are per day, kept by triggers. The lists
-- show these totals in their first line; without a typed filter they counted the register
-- (1M visits: ~200 ms each time the period was cleared or the filter emptied; 300,000 cases:
-- ~23 ms each time the 意见建议 list opened). With this table a period is a sum over its days
-- (five years: ~1,800 rows). Derived from the records, never typed in; station check recounts it.
CREATE TABLE visit_days (
	date TEXT PRIMARY KEY,
	visits INTEGER NOT NULL,
	people INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO visit_days (date, visits, people)
SELECT date, count(*), sum(people) FROM visits WHERE deleted = 0 GROUP BY date;

CREATE TRIGGER visit_days_ins AFTER INSERT ON visits WHEN new.deleted = 0 BEGIN
	INSERT INTO visit_days (date, visits, people) VALUES (new.date, 1, new.people)
	ON CONFLICT DO UPDATE SET visits = visits + 1, people = people + excluded.people;
END;

CREATE TRIGGER visit_days_upd AFTER UPDATE OF date, people, deleted ON visits
WHEN old.date IS NOT new.date OR old.people IS NOT new.people OR old.deleted IS NOT new.deleted BEGIN
	INSERT INTO visit_days (date, visits, people) SELECT old.date, -1, -old.people WHERE old.deleted = 0
	ON CONFLICT DO UPDATE SET visits = visits + excluded.visits, people = people + excluded.people;
	INSERT INTO visit_days (date, visits, people) SELECT new.date, 1, new.people WHERE new.deleted = 0
	ON CONFLICT DO UPDATE SET visits = visits + excluded.visits, people = people + excluded.people;
END;

CREATE TRIGGER visit_days_del AFTER DELETE ON visits WHEN old.deleted = 0 BEGIN
	INSERT INTO visit_days (date, visits, people) VALUES (old.date, -1, -old.people)
	ON CONFLICT DO UPDATE SET visits = visits + excluded.visits, people = people + excluded.people;
END;

CREATE TABLE case_days (
	date TEXT PRIMARY KEY, -- 受理日期
	cases INTEGER NOT NULL,
	closed INTEGER NOT NULL -- of them 办结
) WITHOUT ROWID;

INSERT INTO case_days (date, cases, closed)
SELECT received_date, count(*), sum(status = '办结') FROM cases WHERE deleted = 0 GROUP BY received_date;

CREATE TRIGGER case_days_ins AFTER INSERT ON cases WHEN new.deleted = 0 BEGIN
	INSERT INTO case_days (date, cases, closed) VALUES (new.received_date, 1, new.status = '办结')
	ON CONFLICT DO UPDATE SET cases = cases + 1, closed = closed + excluded.closed;
END;

CREATE TRIGGER case_days_upd AFTER UPDATE OF received_date, status, deleted ON cases
WHEN old.received_date IS NOT new.received_date OR old.status IS NOT new.status OR old.deleted IS NOT new.deleted
BEGIN
	INSERT INTO case_days (date, cases, closed) SELECT old.received_date, -1, -(old.status = '办结')
	WHERE old.deleted = 0
	ON CONFLICT DO UPDATE SET cases = cases + excluded.cases, closed = closed + excluded.closed;
	INSERT INTO case_days (date, cases, closed) SELECT new.received_date, 1, new.status = '办结'
	WHERE new.deleted = 0
	ON CONFLICT DO UPDATE SET cases = cases + excluded.cases, closed = closed + excluded.closed;
END;

CREATE TRIGGER case_days_del AFTER DELETE ON cases WHEN old.deleted = 0 BEGIN
	INSERT INTO case_days (date, cases, closed) VALUES (old.received_date, -1, -(old.status = '办结'))
	ON CONFLICT DO UPDATE SET cases = cases + excluded.cases, closed = closed + excluded.closed;
END;
