#!/bin/sh
# The bad-input catalogue (docs/RELIABILITY.md) through the screen: SQL metacharacters typed in a
# visit are stored and shown as typed (nothing is run: the tables are all there); a save while
# another program holds the database locked (a write transaction open in the sqlite3 shell) says
# the database is busy and keeps the form as typed, and F2 saves once the lock is gone.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
e2e_start

# --- SQL metacharacters in a visit ---
key F3
expect_screen "接待登记"
type_text "O'Brien;--"
key Tab
type_text "'; DROP TABLE visits;-- 东街\"路灯\"坏了"
key Tab
type_text "dl"
key Tab
type_text "交办"
key F2
check "SQL metacharacters: the visit saves" wait_for "已保存第 1 位来访（O'Brien;--）"
check_eq "SQL metacharacters: the name stored as typed" "$(sql "select visitor_name from visits")" "O'Brien;--"
check_eq "SQL metacharacters: the content stored as typed" "$(sql "select content from visits")" \
	"'; DROP TABLE visits;-- 东街\"路灯\"坏了"
check_eq "SQL metacharacters: every table still there" \
	"$(sql "select count(*) from sqlite_master where name in ('visits', 'cases', 'deputies')")" 3
key Escape
expect_screen "首页"
key 3
check "SQL metacharacters: the list shows the visit" wait_for "'; DROP TABLE visits;"
key Escape
expect_screen "首页"

# --- a save while another program holds the database locked ---
key F3
expect_screen "接待登记"
type_text "钱大姐"
key Tab
type_text "菜市场门口积水"
key Tab
type_text "dl"
key Tab
type_text "交办"
expect_screen "菜市场门口积水"
# The sqlite3 shell takes the write lock (waiting while the program writes a draft; stopping on an
# error, so that "locked" means it holds it) and keeps it until $T/release exists.
(
	echo ".timeout 10000"
	echo ".bail on"
	echo "BEGIN IMMEDIATE; SELECT 'locked';"
	while [ ! -e "$T/release" ]; do sleep 0.05; done
	echo "ROLLBACK;"
) | sqlite3 "$DB" >"$T/lock.out" 2>&1 &
holder=$!
i=0
while ! grep -q locked "$T/lock.out" 2>/dev/null && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
check "locked: the other program holds the write lock" grep -q locked "$T/lock.out"
key F2
check "locked: the clerk is told the database is busy" wait_for "没有保存：数据库正忙（另一个程序正在写入）"
check "locked: the form is kept as typed" screen_has "菜市场门口积水"
check_eq "locked: nothing saved" "$(sqlite3 "$DB" "select count(*) from visits where visitor_name = '钱大姐'" 2>&1)" 0
: >"$T/release"
wait $holder
key F2
check "lock gone: F2 saves" wait_for "已保存第 1 位来访（钱大姐）"
check_eq "lock gone: the visit stored once" "$(sql "select count(*) from visits where visitor_name = '钱大姐'")" 1
check_eq "integrity ok" "$(sql "pragma integrity_check")" ok
e2e_quit
e2e_finish
