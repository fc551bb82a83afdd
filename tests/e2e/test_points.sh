#!/bin/sh
# 履职积分, 述职评议 and 一人一档: the ranking computed from the records (a visit received, an
# activity attended); a 述职评议 whose votes do not add up is refused (nothing written), then
# saved, and the points move in the ranking; an adjustment without a reason is refused, with one
# it is stored with its approver and moves the points again; Enter opens the deputy's file with
# the 述职评议, the breakdown and the adjustment; F5 another year restarts at 0; the roster's F9
# opens the file; the 代表履职登记簿 shows the yearly figures and the 五级代表进站 count; a rules
# file with a bad line is named with its line and the rules in force are kept.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
STATION_TODAY=2026-11-23
printf '姓名,性别,层级\n张三,男,县\n李四,女,乡镇\n王五,男,市\n' >"$T/deputies.csv"
env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" --db "$DB" import deputies "$T/deputies.csv" >/dev/null 2>&1
zs=$(sql "select id from deputies where name = '张三'")
# The records: 张三 received a resident (接待选民 2) and was present at a 视察 (活动：视察 3).
sql "insert into visits (date, channel, visitor_name, content) values ('2026-11-20', '日常来访', '王大妈', '路灯坏了');
insert into visit_deputies (visit_id, deputy_id) values (last_insert_rowid(), $zs);
insert into activities (type, topic, date) values ('视察', '视察农贸市场', '2026-11-10');
insert into attendance (activity_id, deputy_id, status) values (last_insert_rowid(), $zs, '出席');"
e2e_start

# Home 9 (代表履职) picks one of 代表履职登记簿, 履职积分排名, 述职评议.
open_perf() {
	key 9
	expect_screen "代表履职"
	type_text "$1"
	key Enter
	# The pick list's own lines name the registers too: the choice is made once it has gone.
	expect_gone "Enter 选定"
}

# --- the ranking: computed from the records ---
open_perf 积分
# "履职积分排名" is also the pick list's own line: wait for what only the ranking shows.
check "ranking: this year" wait_for "2026 年  3 位代表"
check "ranking: 张三 first with 5 points" sh -c "tmux -L $SOCK capture-pane -p | grep '张三' | grep -q ' 5 *$'"
key Escape
expect_screen "台账"

# --- 述职评议: votes that do not add up are refused, nothing written ---
open_perf 述职
expect_screen "述职评议"
key F3
expect_screen "新增述职评议"
type_text "张三"; key Tab Tab # 述职代表, 日期 (today)
type_text "50"; key Tab
key Home C-k; type_text "40"; key Tab
key Home C-k; type_text "8"; key Tab
key Home C-k; type_text "1"
key F2
expect_screen "不满意：三项合计 49 人，与参评人数 50 人不符（少 1 人）"
check_eq "votes that do not add up: nothing written" "$(sql "select count(*) from evaluations")" 0
key Home C-k; type_text "2"; key F2
expect_screen "已保存 张三 的述职评议：参评 50 人，满意率 96.0%"
check_eq "evaluation stored" "$(sql "select deputy_id, date, participants, satisfied, basically_satisfied, dissatisfied from evaluations")" "$zs|2026-11-23|50|40|8|2"
check "list shows the rate" screen_has "96.0%"
key Escape
expect_screen "台账"

# --- the points move: 5 + 述职 10 ---
open_perf 积分
expect_screen "履职积分排名"
check "ranking: 述职 counted" sh -c "tmux -L $SOCK capture-pane -p | grep '张三' | grep -q ' 15 *$'"

# --- an adjustment: the reason and the approver are required ---
key F9
expect_screen "履职积分调整"
type_text "2"; key Tab Tab # 加减分值, 日期
key F2
expect_screen "必填项"
check_eq "adjustment without a reason: nothing written" "$(sql "select count(*) from point_adjustments")" 0
type_text "市级优秀代表表彰"; key Tab
type_text "站长王"
key F2
expect_screen "已给 张三 2026 年积分 +2 分（市级优秀代表表彰，批准人：站长王）"
check_eq "adjustment stored" "$(sql "select deputy_id, year, points, reason, approved_by from point_adjustments")" "$zs|2026|2.0|市级优秀代表表彰|站长王"
check "ranking: adjustment counted" sh -c "tmux -L $SOCK capture-pane -p | grep '张三' | grep -q ' 17 *$'"

# --- the deputy's file ---
key Enter
expect_screen "一人一档：张三"
check "file: visits received" screen_has "接待来访      1 次，共 1 人"
check "file: activity attendance" screen_has "出席 1  请假 0  缺席 0"
check "file: 述职评议 with its rate" screen_has "参评 50 人  满意 40  基本满意 8  不满意 2  满意率 96.0%"
check "file: total and breakdown" screen_has "合计 17 分（按记录计算 15，调整 2）"
check "file: the adjustment with its approver" screen_has "+2 分  市级优秀代表表彰（批准人：站长王）"
key F5
expect_screen "查看哪一年的档案"
type_text "2025"; key Enter
expect_screen "2025 年"
check "file: another year starts at 0" screen_has "合计 0 分"
key Escape
expect_screen "履职积分排名"
key Escape
expect_screen "台账"

# --- the roster opens the file ---
menu 1
expect_screen "代表名册"
key F1
expect_screen "F9 ^Y"
check "roster help lists 档案" screen_has "档案"
key Escape
expect_gone "F9 ^Y"
type_text "张三"
expect_screen "男"
key F9
expect_screen "一人一档：张三"
check "file from the roster: this year" screen_has "2026 年"
key Escape Escape Escape
expect_screen "台账"

# --- 代表履职登记簿: yearly figures, 五级代表进站 of this quarter ---
open_perf 登记簿
expect_screen "代表履职登记簿"
check "register: 五级代表进站" screen_has "第四季度五级代表进站：全国 0 省 0 市 0 县 1 乡镇 0"
check "register: 张三's figures" sh -c "tmux -L $SOCK capture-pane -p | grep '张三' | grep -q '96.0%'"
key Escape
expect_screen "台账"
e2e_quit "points"

# --- a rules file with a bad line: named, the rules in force kept ---
printf '项目,首次,此后每次,年度上限\n接待选民,2,1,20\n述职,十分,0,10\n' >"$T/rules.csv"
printf '[points]\nfile = %s\n' "$T/rules.csv" >>"$CONF"
e2e_start
open_perf 积分
expect_screen "第 3 行"
check "bad rules file: named with its line" screen_has "rules.csv 第 3 行"
check "bad rules file: rules in force kept" sh -c "tmux -L $SOCK capture-pane -p | grep '张三' | grep -q ' 17 *$'"
e2e_quit "points, bad rules"
e2e_finish
