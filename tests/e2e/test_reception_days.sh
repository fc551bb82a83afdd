#!/bin/sh
# Reception days that tell the truth (issue 9, items 2, 10, 14):
# - F9 asks from which day to generate (default today): no days made up before the station used
#   the program; a day moved off a holiday says "由 11-28 顺延".
# - A day has a state (未到 / 待确认 / 已举行 / 未举行 / 已取消); F5 records that a past day was
#   held and which deputies actually came (the plan stays), and refuses it for a day not yet come.
# - The year pre-filled in the filter is replaced by typing (2026-10, not 20262026-10); a filter
#   that is neither a year nor a month says so instead of listing everything.
# - On 12-31 with the year arranged, the home screen says next year is not arranged.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
STATION_TODAY=2026-11-23
cat >>"$CONF" <<'INI'
[reception]
rule = day:28
time = 09:00-11:30
place = 联络站接待室
notice_days = 3
INI
printf '姓名,性别,层级,工作单位及职务\n张三,男,县,城关镇人民政府\n李四,女,乡镇,东街社区\n王五,男,市,西河中学\n' >"$T/deputies.csv"
env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" --db "$DB" import deputies "$T/deputies.csv" >/dev/null 2>&1
check_eq "three deputies imported" "$(sql 'select count(*) from deputies')" 3
e2e_start
menu 2
expect_screen "接待日安排"

# --- item 2: generation starts today unless the clerk says otherwise ---
key F9
expect_screen "生成 2026 年的接待日吗"
key y
check "generation asks from which day" wait_for "从哪天起生成"
key Enter
check "generated from today: two days" wait_for "已生成 2026 年接待日 2 个"
check_eq "no day before today was made up" "$(sql "select count(*) from reception_days where date < '2026-11-23'")" 0
check_eq "2026-11-28 (a Saturday) moved to Monday, its rule date kept" \
	"$(sql "select date || ' ' || rule_date from reception_days where date like '2026-11-%'")" "2026-11-30 2026-11-28"
check "the list says the day was moved" wait_for "由 11-28 顺延"
check "a day to come is 未到, not 正常" screen_has "未到"
check "nothing says 正常" screen_lacks "正常"

# Days before today only when the clerk asks for them.
key F9
expect_screen "生成 2026 年的接待日吗"
key y
expect_screen "从哪天起生成"
type_text "2026-10-01"
key Enter
check "generated from 2026-10-01: one more day" wait_for "已生成 2026 年接待日 1 个"
check "a past day nobody confirmed is 待确认" wait_for "待确认"

# --- the clerk confirms 10-28 was held; 张三 and 李四 were on duty, 张三 and 王五 came ---
oct=$(sql "select id from reception_days where date = '2026-10-28'")
sql "insert into reception_duty (reception_day_id, deputy_id) select $oct, id from deputies where name in ('张三', '李四')"
key Home F5
expect_screen "2026-10-28 的接待日举行了吗"
key Enter
check "held: the deputies who came are asked, the plan marked" wait_for "实际到场的代表"
# Pinyin order: 李四, 王五, 张三; 李四 did not come, 王五 did.
key Space Down Space F2
check "held recorded" wait_for "已记录：2026-10-28 的接待日已举行，到场代表 2 位"
check_eq "held stored" "$(sql "select held from reception_days where id = $oct")" 1
check_eq "who came stored" \
	"$(sql "select group_concat(d.name, ',') from (select d.name from reception_attendance a join deputies d on d.id = a.deputy_id where a.reception_day_id = $oct order by d.name) d")" \
	"张三,王五"
check_eq "the plan stays" "$(sql "select count(*) from reception_duty where reception_day_id = $oct")" 2
check "the list shows it held" wait_for "已举行"

# A day not yet come cannot be held.
key Down F5
expect_screen "2026-11-30 的接待日举行了吗"
key Enter
check "a day to come is refused" wait_for "还没到，到了再确认是否举行"
check_eq "nothing stored for it" "$(sql "select held is null from reception_days where date = '2026-11-30'")" 1

e2e_quit "reception days run"

# Items 14 and 10 on a book of their own (four days written straight into a new file, one of
# them in 2025), so each stands or falls by itself.
DB="$T/second.db"
e2e_start
sql "insert into reception_days (date, time) values ('2025-12-28', '09:00'), ('2026-10-28', '09:00'), ('2026-11-30', '09:00'), ('2026-12-28', '09:00')"
key 2
expect_screen "共 3 条"
# --- item 14: the year pre-filled is replaced by typing ---
type_text "2026-10"
check "typing replaces the year shown" wait_for "共 1 条"
check "no 20262026-10" screen_lacks "20262026"
type_text "x"
check "a filter that is no period says so" wait_for "筛选看不懂"
check "and lists nothing" screen_has "共 0 条"
key Escape
expect_gone "筛选看不懂"
check "Esc: back to the year" wait_for "共 3 条"
# a quarter and a date range, as on the other registers
type_text "2025年第四季度"
check "a quarter: 2025Q4 has one day" wait_for "共 1 条"
check "the quarter's day is listed" screen_has "2025-12-28"
key Escape
expect_screen "共 3 条"
type_text "2026-11-01~2026-12-31"
check "a date range: two days" wait_for "共 2 条"
key Escape
expect_screen "共 3 条"
key BSpace
check "Backspace on the year shown clears it: every day" wait_for "共 4 条"
check "the filter line is empty" screen_lacks "筛选：202"
e2e_quit "reception days filter"

# --- item 10: on 12-31 the year is arranged; next year is not ---
STATION_TODAY=2026-12-31
e2e_start
check "home: next year not arranged" wait_for "2027 年的接待日尚未安排（按 2 安排）"
e2e_quit "reception days 12-31"
e2e_finish
