#!/bin/sh
# A deadline counted without the next year's holidays says so, and nothing is cut: the save
# message wraps instead of ending in "~" (it used to lose the warning at 100 columns), the case
# screen says it under 办理时限, and the home screen counts such cases until the year is added.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
STATION_TODAY=2026-12-21 # a Monday; 15 working days later is in 2027, which has no holiday data
e2e_start
key F3
expect_screen "接待登记"
type_text "周大哥"; key Tab
type_text "村道两侧的排水沟堵塞，下雨天积水漫到路面"; key Tab
type_text "城乡"; key Tab
type_text "交办"; key Tab Tab
type_text "执法"
key F2
expect_screen "已保存第 1 位来访（周大哥）"
due=$(sql "select due_date from cases")
check "the case is due in 2027" sh -c "echo $due | grep -q '^2027-'"
check "save message: the due date whole" screen_has "时限 $due"
# The message wraps over two rows: join the screen without spaces and line ends.
check "save message: the 2027 warning is shown, not cut" \
	sh -c "tmux -L $SOCK capture-pane -p | tr -d ' \n' | grep -q '2027年节假日安排未录入，只按周末计算'"
check "no message line ends cut with ~" sh -c "! tmux -L $SOCK capture-pane -p | grep -q '未录~'"
key Escape
expect_screen "台账"
check "home: cases counted without 2027's holidays" screen_has "1 件案件的时限到了 2027 年"
key 4
expect_screen "共 1 条"
key Enter
expect_screen "办理经过"
check "case screen: the deadline's calendar notice" screen_has "办理时限：2027 年节假日安排未录入"
key Escape
expect_screen "共 1 条"
key Escape
expect_screen "台账"
e2e_quit "calendar notice"

# With 2027 in station.ini [calendar], the home screen says nothing more.
cat >>"$CONF" <<'INI'
[calendar]
2027-01-01 = off 元旦
INI
e2e_start
check "home: no warning once 2027 has data" screen_lacks "时限到了 2027 年"
e2e_quit "calendar known"
e2e_finish
