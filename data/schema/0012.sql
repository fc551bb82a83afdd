-- 0012 (履职积分, db/points.c): each deputy's visits per year, kept by triggers.
-- The points ranking counted a year's visits by joining visits with visit_deputies: ~290,000
-- rows in the benchmark's busiest year, 150 ms against a target of 100 (docs/BENCHMARKS.md).
-- This table holds the same counts, derived from the records and never typed in: for each
-- deputy, year and kind (walk = 1 for channel 走访, else 0), the visits not deleted that the
-- deputy received and the people they brought. The triggers below keep it equal to the
-- records on every change; `station check` compares the two (db/check.c).
CREATE TABLE deputy_visit_years (
	year INTEGER NOT NULL,
	deputy_id INTEGER NOT NULL,
	walk INTEGER NOT NULL CHECK (walk IN (0, 1)),
	visits INTEGER NOT NULL,
	people INTEGER NOT NULL,
	PRIMARY KEY (year, deputy_id, walk)
) WITHOUT ROWID;

INSERT INTO deputy_visit_years (year, deputy_id, walk, visits, people)
SELECT CAST(substr(v.date, 1, 4) AS INTEGER), x.deputy_id, v.channel = '走访', count(*), sum(v.people)
FROM visits v JOIN visit_deputies x ON x.visit_id = v.id
WHERE v.deleted = 0
GROUP BY 1, 2, 3;

-- Every change is "take off the old row, put on the new one" through one upsert, with -1 and
-- -people for the old values.
CREATE TRIGGER deputy_visit_years_link_ins AFTER INSERT ON visit_deputies BEGIN
	INSERT INTO deputy_visit_years (year, deputy_id, walk, visits, people)
	SELECT CAST(substr(v.date, 1, 4) AS INTEGER), new.deputy_id, v.channel = '走访', 1, v.people
	FROM visits v WHERE v.id = new.visit_id AND v.deleted = 0
	ON CONFLICT DO UPDATE SET visits = visits + excluded.visits, people = people + excluded.people;
END;

-- A visit deleted for good takes its links with it (ON DELETE CASCADE); the cascade runs after
-- the visit row is gone, so this finds no visit then and the visit's own trigger counts it.
CREATE TRIGGER deputy_visit_years_link_del AFTER DELETE ON visit_deputies BEGIN
	INSERT INTO deputy_visit_years (year, deputy_id, walk, visits, people)
	SELECT CAST(substr(v.date, 1, 4) AS INTEGER), old.deputy_id, v.channel = '走访', -1, -v.people
	FROM visits v WHERE v.id = old.visit_id AND v.deleted = 0
	ON CONFLICT DO UPDATE SET visits = visits + excluded.visits, people = people + excluded.people;
END;

CREATE TRIGGER deputy_visit_years_link_upd AFTER UPDATE OF visit_id, deputy_id ON visit_deputies BEGIN
	INSERT INTO deputy_visit_years (year, deputy_id, walk, visits, people)
	SELECT CAST(substr(v.date, 1, 4) AS INTEGER), old.deputy_id, v.channel = '走访', -1, -v.people
	FROM visits v WHERE v.id = old.visit_id AND v.deleted = 0
	ON CONFLICT DO UPDATE SET visits = visits + excluded.visits, people = people + excluded.people;
	INSERT INTO deputy_visit_years (year, deputy_id, walk, visits, people)
	SELECT CAST(substr(v.date, 1, 4) AS INTEGER), new.deputy_id, v.channel = '走访', 1, v.people
	FROM visits v WHERE v.id = new.visit_id AND v.deleted = 0
	ON CONFLICT DO UPDATE SET visits = visits + excluded.visits, people = people + excluded.people;
END;

CREATE TRIGGER deputy_visit_years_visit_upd AFTER UPDATE OF date, channel, people, deleted ON visits
WHEN old.date IS NOT new.date OR old.channel IS NOT new.channel OR old.people IS NOT new.people
	OR old.deleted IS NOT new.deleted BEGIN
	INSERT INTO deputy_visit_years (year, deputy_id, walk, visits, people)
	SELECT CAST(substr(old.date, 1, 4) AS INTEGER), x.deputy_id, old.channel = '走访', -1, -old.people
	FROM visit_deputies x WHERE x.visit_id = old.id AND old.deleted = 0
	ON CONFLICT DO UPDATE SET visits = visits + excluded.visits, people = people + excluded.people;
	INSERT INTO deputy_visit_years (year, deputy_id, walk, visits, people)
	SELECT CAST(substr(new.date, 1, 4) AS INTEGER), x.deputy_id, new.channel = '走访', 1, new.people
	FROM visit_deputies x WHERE x.visit_id = new.id AND new.deleted = 0
	ON CONFLICT DO UPDATE SET visits = visits + excluded.visits, people = people + excluded.people;
END;

CREATE TRIGGER deputy_visit_years_visit_del BEFORE DELETE ON visits BEGIN
	INSERT INTO deputy_visit_years (year, deputy_id, walk, visits, people)
	SELECT CAST(substr(old.date, 1, 4) AS INTEGER), x.deputy_id, old.channel = '走访', -1, -old.people
	FROM visit_deputies x WHERE x.visit_id = old.id AND old.deleted = 0
	ON CONFLICT DO UPDATE SET visits = visits + excluded.visits, people = people + excluded.people;
END;
