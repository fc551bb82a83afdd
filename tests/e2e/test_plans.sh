#!/bin/sh
# 年度活动计划 (a register added through the one list screen and register description): entries
# typed with the deputies expected, listed in month order with planned vs held counts; F5 ticks
# one off with its date (a future date is refused, nothing written) and takes the tick back; F9
# shows another year; F1 lists F5 and F9; the roster deputies are linked by id.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
STATION_TODAY=2026-11-23
printf '姓名,性别,层级\n张三,男,县\n李四,女,乡镇\n王五,男,市\n' >"$T/deputies.csv"
env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" --db "$DB" import deputies "$T/deputies.csv" >/dev/null 2>&1
e2e_start
menu 7
expect_screen "年度活动计划"
check "empty plan: year and counts" wait_for "2026 年  计划 0 项，已举行 0 项"

# --- two entries; the first with two deputies expected ---
key F3
expect_screen "新增活动计划"
check "new entry: this year" screen_has "2026"
key Tab Tab # 年度, 月份 (this month) to 类型
type_text "sc"; key Tab # 视察 by pinyin initials
type_text "视察镇区农贸市场改造进展"; key Tab Tab # 主题, 备注
key F4
expect_screen "已选 0 项"
check "multi-pick footer: the Esc hint is whole" screen_has "Esc 取消"
type_text "zs"; key Enter
type_text "ls"; key Enter
key F2
expect_gone "已选"
key F2
expect_screen "已保存活动计划 视察镇区农贸市场改造进展"
check_eq "entry stored" "$(sql "select year, month, type, theme from activity_plans")" "2026|11|视察|视察镇区农贸市场改造进展"
check_eq "deputies expected linked by id, in order" \
	"$(sql "select group_concat(name, '、') from (select d.name from activity_plan_deputies x join deputies d on d.id = x.deputy_id order by x.id)")" "李四、张三"
key F3
expect_screen "新增活动计划"
key Tab Home C-k
type_text "12"; key Tab
type_text "学习培训"; key Tab
type_text "学习代表法修正案"
key F2
expect_screen "已保存活动计划 学习代表法修正案"
check "list in month order with counts" screen_has "计划 2 项，已举行 0 项"
check "deputies shown on the list" screen_has "李四、张三"

# --- F5 (举行): held on a date; a future date is refused ---
key Home
key F5
expect_screen "举行的日期"
type_text "2026-11-30"; key Enter
expect_screen "在今天之后"
check_eq "future date: nothing written" "$(sql "select count(held_date) from activity_plans")" 0
key F5
expect_screen "举行的日期"
type_text "11-20"; key Enter
expect_screen "已标记「视察镇区农贸市场改造进展」于 2026-11-20 举行"
check "planned vs held" screen_has "计划 2 项，已举行 1 项"
check_eq "held date stored" "$(sql "select held_date from activity_plans where month = 11")" 2026-11-20
key F5
expect_screen "取消「视察镇区农贸市场改造进展」的已举行标记吗"
key y
expect_screen "已举行 0 项"
check_eq "tick taken back" "$(sql "select count(held_date) from activity_plans")" 0

# --- F1 lists the register's own keys; F9 another year ---
key F1
expect_screen "本屏（年度活动计划）的按键"
check "help lists F5 举行" screen_has "F5 ^W"
check "help lists F9 期间" screen_has "F9 ^O"
key Escape
expect_gone "本屏（年度活动计划）的按键"
key F9
expect_screen "查看哪一年的计划"
type_text "2027"; key Enter
expect_screen "2027 年  计划 0 项"
key C-u
expect_screen "2026 年  计划 2 项"
check "the clear key goes back to this year" screen_has "2026 年  计划 2 项"
key Escape
expect_screen "台账"
e2e_quit "plans"
e2e_finish
