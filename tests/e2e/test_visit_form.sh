#!/bin/sh
# The visit form where a clerk stumbled (issue 9, items 1 3 4 7 12 13 16), through the real
# binary: a default is replaced by typing and ^U clears a field; a group above 50 people is asked
# about once; the due date of a 交办 shows live beside 办理时限; a refused unit keeps the cursor
# (F4 works there) and a unit's short name finds it (城管); F4 on a choice with a value lists them
# all; an answer on the spot records the resident's satisfaction and counts in 满意率; 转为代表建议
# opens the suggestion form filled from the visit, linked both ways; the usual spellings of a
# choice (男性, 县级) are stored as the choice.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
STATION_TODAY=2026-11-16 # a Monday; no reception day: channel 日常来访
printf '姓名,性别,层级\n张三,男性,县级\n李四,女,乡镇级\n王五,男,区级\n' >"$T/deputies.csv"
env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" --db "$DB" import deputies "$T/deputies.csv" >/dev/null 2>&1
check_eq "16: Excel spellings imported as the choices" \
	"$(sql "select group_concat(name || gender || level, ',') from (select * from deputies order by id)")" \
	"张三男县,李四女乡镇,王五男县"
e2e_start

# --- visit 1: 交办 to a unit by its short name, the due date live, 人数 typed over its default ---
key F3
expect_screen "接待登记"
type_text "王大爷"; key Tab
type_text "东街路灯坏了三盏"; key Tab
type_text "其他"; key Tab
# 13: F4 on 类别 holding 其他 lists every category, the cursor on 其他.
key BTab F4
expect_screen "筛选："
check "13: F4 on a choice with a value lists the whole list" screen_has "政策咨询"
key Escape
expect_gone "筛选："
key Tab
type_text "交办"; key Tab Tab # 答复/理由, then 满意度 is passed over: 承办单位
# 12: a refused unit keeps the cursor, F4 works there.
type_text "不存在的单位"; key Tab
expect_screen "请按 F4 从列表中选择"
key F4
check "12: refused choice keeps the cursor: F4 opens the unit list" wait_for "筛选："
key Escape
expect_gone "筛选："
key C-u # 1: ^U clears the field
type_text "城管"; key Tab
check "12: a unit's short name finds it" wait_for "县城市管理局"
# 7: the due date 交办 will set, beside 办理时限 (15 working days after Monday 2026-11-16).
check "7: due date shown live" wait_for "时限将定为 2026-12-07（周一）"
type_text "10" # 1: replaces the default 15
check "1+7: default replaced by typing; the due date follows" wait_for "时限将定为 2026-11-30（周一）"
check "1: 办理时限 is 10, not 1510" screen_lacks "1510"
key Tab Tab Tab Tab # 联系电话, 性别, 住址或单位, 人数
type_text "120"
key F2
# 1: above 50 people asks; N goes back to the field.
expect_screen "多于一般的团体来访"
key n
expect_screen "请核对人数"
check_eq "1: declined group size: nothing written" "$(sql "select count(*) from visits")" 0
key C-u
type_text "12"
key F2
expect_screen "已保存第 1 位来访（王大爷）"
check_eq "1+12+7: saved with 12 people, the unit by its short name, the due date shown" \
	"$(sql "select v.people, u.name, c.due_date from visits v join cases c on c.id = v.case_id join units u on u.id = c.unit_id")" \
	"12|县城市管理局|2026-11-30"

# --- visit 2: an answer on the spot with the resident's satisfaction ---
type_text "赵阿姨"; key Tab
type_text "咨询医保报销比例"; key Tab
type_text "医疗"; key Tab
type_text "dc"; key Tab
type_text "已解释报销政策"; key Tab
type_text "满意"
key F2
expect_screen "已保存第 2 位来访（赵阿姨）"
check_eq "3: satisfaction of the answer on the spot stored" \
	"$(sql "select handling, satisfaction from visits where visitor_name = '赵阿姨'")" "当场答复|满意"

# --- visit 3: 转为代表建议 opens the suggestion form, filled from the visit ---
type_text "村民代表"; key Tab
type_text "建议把村里到镇上的砂石路修成水泥路，方便群众出行"; key Tab
type_text "城乡"; key Tab
type_text "转为代表建议"
key PgDn BTab BTab # 接待代表
type_text "zs"
expect_screen "已选 0 项"
key Enter
type_text "ls"; key Enter
expect_screen "已选 2 项"
key F2
expect_gone "已选 2 项"
key F2
expect_screen "新增代表建议（来自 2026-11-16 村民代表 的来访）"
check "4: lead and co-sponsor offered from the receiving deputies" screen_has "李四"
check "4: the title from the content" screen_has "建议把村里到镇上的砂石路"
key Tab Tab Tab # 类别
type_text "城建"; key Tab Tab Tab # 提出日期, 关联案件, 编号
type_text "J2026-01"
key F2
expect_screen "已与来访关联"
check_eq "4: the suggestion is linked to the visit, lead and co-sponsor from it" \
	"$(sql "select s.suggestion_no, s.date, d.name, (select count(*) from suggestion_deputies) from visit_suggestions vs join visits v on v.id = vs.visit_id join suggestions s on s.id = vs.suggestion_id join deputies d on d.id = s.lead_deputy_id where v.visitor_name = '村民代表'")" \
	"J2026-01|2026-11-16|李四|1"
key Escape
expect_screen "台账"
# 3: the answer on the spot counts in the month's figures (办结 1, 满意率 100%).
check "3: on-the-spot answer counted in 满意率" wait_for "满意率 100.0%"

# The suggestion shows the visit it came from; the visit shows the suggestion's number.
key 5
expect_screen "J2026-01"
key Enter
check "4: the suggestion shows its visit" wait_for "来源来访"
check "4: ...with its date and name" screen_has "2026-11-16 村民代表"
key Escape Escape
expect_screen "台账"
key 3
expect_screen "共 3 条"
type_text "砂石路"
expect_screen "共 1 条"
key Enter
check "4: the visit shows the suggestion's number" wait_for "代表建议 J2026-01"
key Escape
expect_screen "共 1 条"
key Escape Escape # the text filter, then the list
expect_screen "台账"

# --- 16: a spelling typed into a choice field is stored as the choice ---
key 1
expect_screen "共 3 条"
key F3
expect_screen "新增代表"
type_text "赵六"; key Tab
type_text "女性"; key Tab Tab Tab
type_text "乡镇级"
key F2
expect_screen "已保存代表 赵六"
check_eq "16: typed spellings stored as the choices" "$(sql "select gender || level from deputies where name = '赵六'")" "女乡镇"

# --- the fast path of a walk-in 交办 with a phone number: navigation keys counted ---
key Escape
expect_screen "台账"
KEYS=0
key F3
expect_screen "接待登记"
type_text "钱师傅"; key Tab
type_text "小区门口下水道堵了"; key Tab
type_text "城乡"; key Tab
type_text "jb"; key Tab Tab # 交办, 答复/理由; 满意度 is passed over
type_text "城管"; key Tab Tab # 承办单位, 办理时限 (default kept)
type_text "13900001111"
key F2
expect_screen "已保存第 1 位来访（钱师傅）"
check_eq "walk-in 交办 with a phone: 9 navigation keys" "$KEYS" 9
check_eq "walk-in 交办 with a phone: stored" \
	"$(sql "select v.visitor_phone, u.name from visits v join cases c on c.id = v.case_id join units u on u.id = c.unit_id where v.visitor_name = '钱师傅'")" \
	"13900001111|县城市管理局"
e2e_quit
e2e_finish
