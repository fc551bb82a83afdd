#!/bin/sh
# Reception day end to end: a reception day with three deputies on duty; walk-ins typed in
# Chinese — one answered on the spot through the fast path (its navigation keys counted), one
# assigned (its case exists with the calendar's due date), one group of 12, one refused without
# a reason (the form keeps everything) — the returning-resident hint and linking to the open
# case, the register list with its filters and counts of visits and people.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
STATION_TODAY=2026-11-16 # a Monday
printf '姓名,性别,层级,工作单位及职务\n张三,男,县,城关镇人民政府\n李四,女,乡镇,东街社区\n王五,男,市,西河中学\n赵六,女,乡镇,红旗村\n' >"$T/deputies.csv"
env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" --db "$DB" import deputies "$T/deputies.csv" >/dev/null 2>&1
check_eq "four deputies imported" "$(sql 'select count(*) from deputies')" 4
e2e_start
check "home: no reception day yet" screen_has "尚未安排接待日"

# --- today's reception day with three deputies on duty ---
menu 2
expect_screen "接待日安排"
key F3
expect_screen "新增接待日"
type_text "今天"; key Tab
check "new day: time from station.ini" screen_has "09:00-11:30"
key Tab Home C-k
type_text "城关镇便民服务中心二楼"
key PgDn # to the last field: 值班代表
key F4
expect_screen "已选 0 项"
type_text "zs"; key Enter
type_text "ls"; key Enter
type_text "ww"; key Enter
expect_screen "已选 3 项"
key F2
expect_gone "已选 3 项"
check "duty deputies in the form (pinyin order)" screen_has "李四、王五、张三"
key F2
expect_screen "已保存接待日"
check_eq "reception day stored" "$(sql "select date, place, notice_date from reception_days")" \
	"2026-11-16|城关镇便民服务中心二楼|2026-11-13"
check_eq "three deputies on duty" "$(sql "select count(*) from reception_duty")" 3
key Escape
expect_screen "今天接待日：2026-11-16"
check "home shows today's deputies on duty" screen_has "值班代表：李四、王五、张三"

# --- walk-in 1: answered on the spot, through the fast path; navigation keys counted ---
KEYS=0
key F3
expect_screen "接待登记"
type_text "王大爷"; key Tab
type_text "村里自来水管道老化经常停水，希望在入冬以前更换管道，解决全村三十多户的吃水问题"; key Tab
type_text "sd"; key Tab # 类别 by pinyin initials: 水电气讯
type_text "dc"; key Tab # 处理方式: 当场答复
type_text "已联系镇供水站，本周内派人查看管道"
key F2
expect_screen "已保存第 1 位来访（王大爷）"
check_eq "fast path: navigation keys beyond the text typed" "$KEYS" 6
check_eq "visit 1 stored with today's reception day and its deputies" \
	"$(sql "select v.date, v.channel, v.category, v.handling, v.reception_day_id, (select count(*) from visit_deputies d where d.visit_id = v.id) from visits v where v.visitor_name = '王大爷'")" \
	"2026-11-16|接待日来访|水电气讯|当场答复|1|3"
check_eq "answered on the spot: no case" "$(sql "select count(*) from cases")" 0
check "next visit form keeps the deputies" screen_has "李四、王五、张三"

# --- walk-in 2: assigned to a unit: its case, with the calendar's due date ---
type_text "李大姐"; key Tab
type_text "东街路灯坏了三盏，晚上出行不安全"; key Tab
type_text "城乡"; key Tab
type_text "交办"; key Tab Tab
type_text "执法"
key F2
check "save says the case number, unit and due date" \
	wait_for "已保存第 2 位来访（李大姐），已立案 CG01-2026-0001 交办综合行政执法队，时限 2026-12-07"
check_eq "交办: the case exists, assigned, due 15 working days later" \
	"$(sql "select c.case_no, c.status, c.assigned_date, c.due_date, u.name from visits v join cases c on c.id = v.case_id join units u on u.id = c.unit_id where v.visitor_name = '李大姐'")" \
	"CG01-2026-0001|办理中|2026-11-16|2026-12-07|综合行政执法队"

# --- walk-in 3: 不予受理 without a reason is refused, the form keeps everything; then a group of 12 ---
type_text "东街居民代表"; key Tab
type_text "小区物业费上涨，居民有意见"; key Tab
type_text "物业"; key Tab
type_text "不予受理"
key F2
expect_screen "不予受理须填写理由"
check "refusal without a reason: message at the field" screen_has "不予受理须填写理由"
check "refusal without a reason: text kept" screen_has "小区物业费上涨，居民有意见"
check_eq "refusal without a reason: nothing written" "$(sql "select count(*) from visits")" 2
key Up Home C-k
type_text "当场答复"; key Tab
type_text "已约物业公司下周座谈"
key Tab Tab Tab Tab Tab Tab Tab # to 人数 (满意度 is a stop for 当场答复)
key BSpace
type_text "0"
key Tab
expect_screen "应在 1 到 999 之间"
check "people 0 refused at the field" screen_has "应在 1 到 999 之间"
key BTab BSpace
type_text "12"
key F2
expect_screen "已保存第 3 位来访（东街居民代表）"
check_eq "group visit of 12" "$(sql "select people from visits where visitor_name = '东街居民代表'")" 12

# --- walk-in 4: the returning resident; linked to her open case, no new case ---
type_text "李大姐"; key Tab
expect_screen "同名来访 1 次"
check "returning resident (by name, no phone): earlier visit shown with its case" screen_has "CG01-2026-0001（未办结）"
key F6
expect_screen "确认是同一人吗"
key y
expect_screen "本次来访关联到案件 CG01-2026-0001"
type_text "路灯还没修好，再来问问"; key Tab
type_text "城乡"; key Tab
type_text "交办"
key F2
expect_screen "已保存第 4 位来访（李大姐）"
check_eq "linked visit: no new case" "$(sql "select count(*) from cases")" 1
check_eq "linked visit points at the open case" \
	"$(sql "select c.case_no from visits v join cases c on c.id = v.case_id where v.content like '路灯还没修好%'")" \
	"CG01-2026-0001"

# --- walk-in 5: a date after today asks first; N keeps the form, Y saves ---
type_text "赵阿姨"; key Tab
type_text "咨询医保报销比例"; key Tab
type_text "医疗"; key Tab
type_text "当场答复"; key Tab
type_text "已解释报销政策"
key PgDn Home C-k # 日期 is the last field
type_text "2026-11-17"
key F2
expect_screen "来访日期在今天之后，确定吗"
key n
expect_screen "请修改日期"
check_eq "future date declined: nothing written" "$(sql "select count(*) from visits where visitor_name = '赵阿姨'")" 0
key F2
expect_screen "来访日期在今天之后，确定吗"
key y
expect_screen "已保存第 5 位来访（赵阿姨）"
check_eq "future date confirmed: saved with that date" "$(sql "select date from visits where visitor_name = '赵阿姨'")" "2026-11-17"

# --- the register list: counts, text filter, filter form ---
key Escape
expect_screen "今天接待日"
key 3
expect_screen "共 5 条"
check "list counts people (12 + 1 + 1 + 1 + 1)" screen_has "来访 5 次 / 人数 16"
type_text "路灯"
expect_screen "共 2 条"
check "text filter on the content" screen_has "来访 2 次 / 人数 2"
key C-u
expect_screen "共 5 条"
key F5
expect_screen "筛选条件"
key Tab Tab Tab
type_text "交办"
key F2
expect_screen "共 2 条"
check "filter by 处理方式 交办" screen_lacks "王大爷"
check "filter shown in the header" screen_has "交办"
key F5
expect_screen "筛选条件"
check "filter form shows the filter in force" screen_has "交办"
key Escape
expect_screen "共 2 条"

# --- an old visit whose deputy has since left office can still be corrected and saved ---
sql "update deputies set status = '离任' where name = '王五'"
key Escape
expect_screen "今天接待日"
key 3
expect_screen "共 5 条"
type_text "王大爷"
expect_screen "共 1 条"
key Enter
expect_screen "修改来访"
check "the departed deputy is still listed on the visit" screen_has "王五（离任）"
key Tab Tab Tab Tab End
type_text "，并登记了联系方式"
key F2
expect_screen "已保存来访 王大爷"
check_eq "correction saved, all three deputies kept" \
	"$(sql "select (select count(*) from visit_deputies d where d.visit_id = v.id), v.reply like '%并登记了联系方式' from visits v where v.visitor_name = '王大爷'")" \
	"3|1"
e2e_quit "visits run"
e2e_finish
