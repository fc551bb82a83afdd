#!/bin/sh
# 接待日安排: the year's days generated from the rule (a holiday moves to the next working day),
# generating twice adds nothing, a late 公示 is flagged when saved and in the list, a day is
# cancelled with a reason (a reason is required) and restored.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
STATION_TODAY=2026-01-05
cat >>"$CONF" <<'INI'
[reception]
rule = day:15
time = 09:00-11:30
place = 联络站接待室
notice_days = 3
INI
e2e_start
menu 2
expect_screen "接待日安排"
check "empty year" screen_has "共 0 条"
key F9
expect_screen "生成 2026 年的接待日吗"
key y
expect_screen "从哪天起生成"
key Enter
expect_screen "已生成 2026 年接待日 12 个"
check_eq "twelve days stored" "$(sql "select count(*) from reception_days")" 12
check_eq "Spring Festival: 2026-02-15 moved to the first working day after" \
	"$(sql "select date from reception_days where date like '2026-02-%'")" "2026-02-24"
check_eq "notice date 3 days before" "$(sql "select notice_date from reception_days where date = '2026-03-16'")" "2026-03-13"
check "list shows the moved day" screen_has "2026-02-24"
key F9
expect_screen "生成 2026 年的接待日吗"
key y
expect_screen "从哪天起生成"
key Enter
expect_screen "已生成 2026 年接待日 0 个"
check_eq "generating twice adds nothing" "$(sql "select count(*) from reception_days")" 12

# --- a late 公示: the first day (2026-01-15), notice date set to the day before ---
key Enter
expect_screen "修改接待日"
key Tab Tab Tab Home C-k
type_text "2026-01-14"
key F2
expect_screen "已保存，但公示晚了"
expect_screen "逾期"
check "list flags the late notice" screen_has "2026-01-14 逾期"

# --- cancel with a reason; an empty reason is refused ---
key F7
expect_screen "取消接待日"
key Enter
expect_screen "不能为空"
type_text "镇人代会召开，暂停一次"
key Enter
expect_screen "已取消 2026-01-15 的接待日"
check_eq "cancelled with its reason" "$(sql "select status, cancel_reason from reception_days where date = '2026-01-15'")" \
	"已取消|镇人代会召开，暂停一次"
check "list shows it cancelled" screen_has "已取消 镇人代会"
key F7
expect_screen "恢复 2026-01-15 的接待日吗"
key y
expect_screen "已恢复 2026-01-15 的接待日"
check_eq "restored" "$(sql "select status from reception_days where date = '2026-01-15'")" "正常"
key Escape
expect_screen "下次接待日：2026-01-15"
check "home flags the late notice of the next day" screen_has "公示逾期"
e2e_quit "reception run"
e2e_finish
