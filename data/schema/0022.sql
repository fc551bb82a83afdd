-- 0022 (设置, db/settings.c): what the clerk sets in the program: the first run's walk-through
-- and the 设置 screen (docs/SETUP.md). Keys are those of station.ini as "section.key"
-- (station.name, reception.rule, cases.deadline_days ...); a value here wins over station.ini,
-- which wins over the built-in default. The key setup.step says how far the first run's
-- walk-through got ("1".."4", or "done"). A database made before this version gets an empty
-- table: station.ini keeps working as it did, and no walk-through is offered. Audited (a change
-- of the reception rule is a change of the station's books). Travels with backups.
CREATE TABLE settings (
	id INTEGER PRIMARY KEY,
	key TEXT NOT NULL UNIQUE,
	value TEXT NOT NULL
);
