-- 0016 (修改记录链, db/audit.c): each audit_log row gets hash = sha256 of the previous row's hash
-- and this row's canonical text, filled by the program after the row is written (so a file
-- edited with the sqlite3 shell still works; its rows join the chain the next time the program
-- opens or saves). audit_state remembers up to which date personal values in old_values and
-- new_values have been cleared (docs/AUDIT.md: kept three years).
ALTER TABLE audit_log ADD COLUMN hash TEXT;
CREATE TABLE audit_state (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	personal_cleared_before TEXT NOT NULL DEFAULT ''
);
INSERT INTO audit_state (id) VALUES (1);
