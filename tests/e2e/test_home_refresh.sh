#!/bin/sh
# The home screen keeps its figures while nothing was written and recomputes them when something
# was: by this program (a deputy added in the roster's form) or by another program writing the
# same file while a list was open (here the sqlite3 shell). Figures that went stale on the way
# back would be wrong on the screen a clerk trusts most; figures recomputed on every Esc cost
# ~80 ms on a large station (docs/PERFORMANCE.md).
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
e2e_start
check "home: no deputies yet" wait_for "在任代表 0 名"

# Another program adds a deputy while the roster is open.
menu 1
sql "insert into deputies (name, name_py, name_initials, gender, level) values ('王五', 'wang wu', 'ww', '女', '县')"
key Escape
check "home counts the deputy another program added" wait_for "在任代表 1 名"

# This program adds one: F3 in the roster, name, gender, level (the fifth field), F2.
menu 1
key F3
expect_screen "代表证号"
type_text "李秀英"; key Tab
type_text "女"; key Tab; key Tab; key Tab
type_text "县"
key F2
check "the roster form saved" wait_for "已保存"
check_eq "two deputies in the database" "$(sql "select count(*) from deputies where deleted = 0")" 2
key Escape
check "home counts the deputy this program added" wait_for "在任代表 2 名"

# Nothing written: the figures stay (and are still right).
menu 1
key Escape
check "home after looking only" wait_for "在任代表 2 名"
e2e_quit "home refresh run"
e2e_finish
