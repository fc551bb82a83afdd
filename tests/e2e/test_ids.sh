#!/bin/sh
# Choice fields carry ids: two deputies named 张伟 (different units) are told apart by their labels
# and each links by its own id — picked in the visit form's 接待代表, typed and completed as a
# suggestion's 领衔代表 with the other one as 附议代表 (saved as chosen even after a namesake of a
# co-sponsor joins the roster while the form is open), and restored from a draft after SIGTERM
# (the draft stores labels; the restored form maps them back to the same deputies).
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
STATION_TODAY=2026-11-23 # a Monday, no reception day
printf '姓名,性别,层级,工作单位及职务,联系电话\n张伟,男,县,城关镇人民政府,13977001001\n张伟,女,乡镇,东街社区,13977001002\n王五,男,市,西河中学,13977001003\n' >"$T/deputies.csv"
env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" --db "$DB" import deputies "$T/deputies.csv" >/dev/null 2>&1
check_eq "three deputies imported" "$(sql 'select count(*) from deputies')" 3
W_TOWN=$(sql "select id from deputies where work_unit = '城关镇人民政府'")
W_STREET=$(sql "select id from deputies where work_unit = '东街社区'")
WANG=$(sql "select id from deputies where name = '王五'")
e2e_start

# --- visit form: the second 张伟 picked from the list links that deputy ---
key F3
expect_screen "接待登记"
type_text "王大爷"; key Tab
type_text "村里自来水管道老化经常停水"; key Tab
type_text "sd"; key Tab
type_text "dc"; key Tab
type_text "已联系镇供水站"
key PgDn BTab BTab # 接待代表 (before 渠道 and 日期)
key F4
expect_screen "已选 0 项"
type_text "zw"
check "pick list: the 张伟 of the county, by level and unit" wait_for "张伟（县，城关镇人民政府）"
check "pick list: the 张伟 of the street, by level and unit" screen_has "张伟（乡镇，东街社区）"
key Down Space
expect_screen "已选 1 项"
key F2
expect_gone "已选 1 项"
check "visit form shows the picked label" screen_has "张伟（乡镇，东街社区）"
key F2
expect_screen "已保存第 1 位来访（王大爷）"
check_eq "visit links the 张伟 picked, not the other" \
	"$(sql "select deputy_id from visit_deputies d join visits v on v.id = d.visit_id where v.visitor_name = '王大爷'")" \
	"$W_STREET"

# --- a draft restored keeps the ids: the form maps its labels back to the same deputies ---
check "the next visit keeps the deputy by id, shown by label" screen_has "接待代表 张伟（乡镇，东街社区）"
type_text "李大姐"; key Tab
type_text "东街路灯坏了三盏"; key Tab
type_text "城乡"; key Tab
type_text "dc"; key Tab
type_text "已转告城管所"
key PgDn BTab BTab
key F4
expect_screen "已选 1 项"
type_text "zw"
expect_screen "筛选：zw"
key Enter # marks the county's 张伟 beside the street's (kept from the last visit), clears the filter
expect_screen "已选 2 项"
type_text "ww"
expect_screen "筛选：ww"
key Enter
expect_screen "已选 3 项"
key F2
expect_gone "已选 3 项"
key Tab # leaves 接待代表: the draft is written
expect_screen "张伟（乡镇，东街社区）" # the end of the value (the field scrolls)
kill -TERM "$(e2e_pid)"
check_eq "SIGTERM: exit status 143" "$(wait_exit)" 143
check_eq "SIGTERM: the form is a draft, nothing saved" "$(sql "select count(*) from drafts"),$(sql "select count(*) from visits")" "1,1"
check "SIGTERM: the draft keeps the labels" \
	sh -c "sqlite3 $DB \"select vals from drafts\" | grep -q '\"deputies\":\"王五、张伟（县，城关镇人民政府）、张伟（乡镇，东街社区）\"'"
e2e_sanitizer_clean "SIGTERM"
e2e_start
key F3
expect_screen "这张表单有没保存的草稿"
key y
expect_screen "已恢复草稿"
check "restored: the deputies' labels" screen_has "张伟（乡镇，东街社区）"
key F2
expect_screen "已保存第 1 位来访（李大姐）"
check_eq "restored draft saved: each 张伟 by its own id, in the order shown" \
	"$(sql "select group_concat(deputy_id, ',') from (select d.deputy_id from visit_deputies d join visits v on v.id = d.visit_id where v.visitor_name = '李大姐' order by d.id)")" \
	"$WANG,$W_TOWN,$W_STREET"
key Escape
expect_screen "台账"

# --- a suggestion from the list: lead typed and completed, co-sponsors picked ---
key 5
expect_screen "共 0 条"
key F3
expect_screen "新增代表建议"
type_text "关于东街自来水管网改造的建议"; key Tab
type_text "东街"; key Tab # completes to the one label that contains it
check "lead completed to the street's 张伟" wait_for "张伟（乡镇，东街社区）"
key F4
expect_screen "已选 0 项"
type_text "zw"
expect_screen "筛选：zw"
key Enter # the county's 张伟
expect_screen "已选 1 项"
type_text "ww"
expect_screen "筛选：ww"
key Enter
expect_screen "已选 2 项"
key F2
expect_screen "王五、张伟（县，城关镇人民政府）"
key Tab
type_text "cj"; key Tab
expect_screen "城建环资"
# A second 王五 joins the roster while the form is open: the form holds ids, so the 王五 chosen
# is still the one saved (matching the name at save time would find two and refuse).
sql "insert into deputies (name, name_py, name_initials, gender, level) values ('王五', 'wang wu', 'ww', '女', '县')"
key F2
expect_screen "已保存代表建议《关于东街自来水管网改造的建议》"
check_eq "suggestion: the lead is the street's 张伟" "$(sql "select lead_deputy_id from suggestions")" "$W_STREET"
check_eq "suggestion: co-sponsors 王五 and the county's 张伟, in order" \
	"$(sql "select group_concat(deputy_id, ',') from (select deputy_id from suggestion_deputies order by id)")" \
	"$WANG,$W_TOWN"
e2e_quit "ids run"
e2e_finish
