#!/bin/sh
# The case loop through the keyboard: a walk-in's case is received and assigned (交办) with a due date from
# the working-day calendar; under a later fixed clock it is overdue and first on the home screen;
# then 催办 → 答复 → 回访(不满意) → 重办 → 答复 → 回访(满意) → 办结, with the timeline checked
# on screen and in the database; refused and incomplete steps say why and write nothing.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
STATION_TODAY=2026-11-02 # a Monday
e2e_start

# --- a walk-in visit handed over (交办) without a unit yet: its case is 受理 (待交办) ---
key F3
expect_screen "接待登记"
type_text "刘师傅"; key Tab
type_text "东街路口三盏路灯不亮，夜间行人不便"; key Tab
type_text "dl"; key Tab # 类别: pinyin initials complete to 道路交通
type_text "交办"
key F2
expect_screen "已保存第 1 位来访（刘师傅）"
check_eq "the visit's case stored as 受理" \
	"$(sql "select c.case_no, c.category, c.status, c.source from visits v join cases c on c.id = v.case_id")" \
	"CG01-2026-0001|道路交通|受理|来访"
key Escape
expect_screen "台账"
key 4
expect_screen "共 1 条"
check "category completed from pinyin initials" screen_has "道路交通"

# --- 交办 with a unit; due date 15 working days after 2026-11-02 ---
key Enter
expect_screen "待交办"
key F5
expect_screen "下一步办理"
type_text "交办"; key Enter
expect_screen "*承办单位"
key F2 # no unit yet: refused at the field, form kept
expect_screen "必填项"
check_eq "交办 without a unit writes nothing" "$(sql "select status from cases")" "受理"
type_text "执法"
key F2
expect_screen "已交办"
expect_screen "时限 2026-11-23"
check_eq "交办 stored with the calendar's due date" \
	"$(sql "select c.status, c.assigned_date, c.due_date, u.name from cases c join units u on u.id = c.unit_id")" \
	"办理中|2026-11-02|2026-11-23|综合行政执法队"

# --- 催办 ---
key F5
expect_screen "下一步办理"
type_text "催办"; key Enter
expect_screen "催办人"
key Tab
type_text "请于本周内修复"
key F2
expect_screen "已催办"
e2e_quit "assign run"

# --- two days past due: first on the home screen ---
STATION_TODAY=2026-11-25
e2e_start
expect_screen " 超期 1 件" # the handling list's title; the 交办/回访 titles read "交办：超期 0 件"
check "overdue case listed with its days" screen_has "超期 2 个工作日"
first=$(screen | grep -n -e "CG01-2026-0001" -e "临期" | head -1)
case "$first" in *CG01-2026-0001*) pass "overdue case is the first thing listed" ;; *) fail "overdue case is the first thing listed" ;; esac

# --- open it from the home screen; a reply without content is refused ---
key Enter
expect_screen "超期 2 个工作日"
key F5
expect_screen "下一步办理"
type_text "答复"; key Enter
expect_screen "答复内容"
key F2
expect_screen "有 2 处需要修改"
check_eq "reply without content writes nothing" "$(sql "select status from cases")" "办理中"
type_text "已更换两盏，第三盏待配件"; key Tab
type_text "B"
key F2
expect_screen "已答复"

# --- 回访 不满意 → 重办 ---
key F5
expect_screen "下一步办理"
type_text "回访"; key Enter
expect_screen "满意度"
key Tab Tab
type_text "不满意"
key F2
expect_screen "已回访"
key F5
expect_screen "下一步办理"
check "办结 not offered after an unsatisfied 回访" screen_lacks "办结"
type_text "重办"; key Enter
expect_screen "办理时限(工作日)"
key F2
expect_screen "已重办"
check_eq "重办: back to 办理中, count 1" "$(sql "select status, redo_count from cases")" "办理中|1"

# --- 答复 → 回访 满意 → 办结 ---
key F5
expect_screen "下一步办理"
type_text "答复"; key Enter
expect_screen "答复内容"
key Tab
type_text "三盏路灯均已修复"; key Tab
type_text "A"
key F2
expect_screen "已答复"
key F5
expect_screen "下一步办理"
type_text "回访"; key Enter
expect_screen "满意度"
key Tab Tab
type_text "满意"
key F2
expect_screen "已回访"
key F5
expect_screen "下一步办理"
type_text "办结"; key Enter
expect_screen "*日期"
key F2
expect_screen "已办结"
check_eq "case closed, satisfied, result A" "$(sql "select status, satisfaction, result, closed_date from cases")" \
	"办结|满意|A|2026-11-25"
check_eq "timeline in the database, oldest first" \
	"$(sql "select group_concat(type, ',') from (select type from case_events order by at, id)")" \
	"受理,交办,催办,答复,回访,重办,答复,回访,办结"
check_eq "each round's satisfaction kept in the timeline" \
	"$(sql "select group_concat(satisfaction, ',') from (select satisfaction from case_events where type = '回访' order by id)")" \
	"不满意,满意"
s=$(screen)
order=$(printf '%s\n' "$s" | grep -oE "受理|交办|催办|答复|回访|重办|办结" | tr '\n' ',' )
case "$order" in *"受理,交办,催办,答复,回访,重办,答复,回访,办结,"*) pass "timeline on screen, oldest first" ;;
*) echo "  screen order: $order" >&2; fail "timeline on screen, oldest first" ;; esac

# --- nothing more to do on a closed case ---
key F5
check "closed case offers no action" wait_for "案件已办结，没有可办理的事项"
key Escape # the case was opened from the home screen: back there
expect_screen " 超期 0 件"
check "home no longer lists it as overdue" screen_has " 超期 0 件"
e2e_quit "loop run"
e2e_finish
