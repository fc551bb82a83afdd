-- 0017: accounts and roles (docs/ACCOUNTS.md, db/users.c). SQLite cannot change a CHECK, so the users
-- table is rebuilt with the same rows and ids:
--   * role may also be 只读 (an inspector: sees and prints, changes nothing);
--   * password_hash is crypt(3)'s yescrypt string ($y$...), which holds its own salt: the salt
--     column stays for old files and is always NULL;
--   * fails counts wrong passwords in a row; locked_until ('YYYY-MM-DD HH:MM:SS', local time)
--     is set when fails reaches 5; a right password or the station head's reset clears both;
--   * last_login is the time of the last good login;
--   * a deleted account (deleted = 1) keeps its row; its login may be given to a new account
--     (logins are unique, ignoring case, among accounts not deleted), and records keep the name
--     they were saved with (audit_log.user is text).
CREATE TABLE users_new (
	id INTEGER PRIMARY KEY,
	login TEXT NOT NULL CHECK (login <> ''),
	name TEXT NOT NULL CHECK (name <> ''),
	role TEXT NOT NULL DEFAULT '联络员' CHECK (role IN ('联络员', '站长', '只读')),
	password_hash TEXT,
	salt TEXT,
	fails INTEGER NOT NULL DEFAULT 0 CHECK (fails >= 0),
	locked_until TEXT,
	last_login TEXT,
	deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
);
INSERT INTO users_new (id, login, name, role, password_hash, salt, deleted, created_at, updated_at)
	SELECT id, login, name, role, password_hash, salt, deleted, created_at, updated_at FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE UNIQUE INDEX users_login ON users (login COLLATE NOCASE) WHERE deleted = 0;
