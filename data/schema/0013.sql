-- 0013 (备份与恢复, db/backup.c): which station this file belongs to, and where the clerk keeps
-- backups. One row. The code is written the first time the program opens the file with a
-- station code set (station.ini [station] code) and never changed by the program afterwards, so
-- `station restore` can tell a backup of another station from one of this station. backup_dir
-- is the folder the clerk last backed up to (a USB stick, usually), offered again next time.
CREATE TABLE station_info (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	code TEXT NOT NULL,
	name TEXT NOT NULL DEFAULT '',
	backup_dir TEXT
);
