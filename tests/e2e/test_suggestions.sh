#!/bin/sh
# 代表建议 end to end: a suggestion with a lead deputy, two co-sponsors (multi-pick by pinyin
# initials; a deputy who has left is not offered) and a linked case (closed cases are not
# offered); 交办 with the 3-month due date, overdue under a later clock, 延期 with its reason
# (past the limit refused at the field, the cursor put back there, the typed date and reason
# kept), 答复 (empty reply refused), 征询意见 (满意), 办结; the linked case's
# screen shows the suggestion and its state; an unknown deputy refused at the field and a
# co-sponsor made lead refused by the database at its field, nothing written either time;
# deleting asks first and only hides the suggestion.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
STATION_TODAY=2026-11-23 # a Monday
printf '姓名,性别,层级,工作单位及职务,状态\n张三,男,县,城关镇人民政府,在任\n李四,女,乡镇,东街社区,在任\n王五,男,市,西河中学,在任\n赵六,女,乡镇,红旗村,在任\n孙八,男,县,县水利局,离任\n' >"$T/deputies.csv"
env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" --db "$DB" import deputies "$T/deputies.csv" >/dev/null 2>&1
check_eq "five deputies imported" "$(sql 'select count(*) from deputies')" 5
e2e_start
check "home: the register is number 5, units number 6" screen_has "5 代表建议办理簿  6 承办单位"

# --- two cases: one open, one answered on the spot (closed) ---
key 4
expect_screen "共 0 条"
key F3
expect_screen "新增意见建议"
type_text "dl"; key Tab
type_text "东街路灯损坏三盏"
key F2
expect_screen "已受理，编号 CG01-2026-0001"
key F3
expect_screen "新增意见建议"
type_text "dl"; key Tab
type_text "询问路灯报修电话"
key F2
expect_screen "已受理，编号 CG01-2026-0002"
key Down Enter
expect_screen "询问路灯报修电话"
key F5
expect_screen "下一步办理"
type_text "当场"; key Enter
expect_screen "*答复内容"
key Tab
type_text "已告知报修电话"; key Tab Tab Tab
type_text "满意"
key F2
expect_screen "已当场答复"
check_eq "second case closed on the spot" "$(sql "select status from cases where case_no = 'CG01-2026-0002'")" "办结"
key Escape Escape
expect_screen "台账"

# --- a new suggestion ---
key 5
expect_screen "共 0 条"
check "list columns, newest first" screen_has "提出日期v  领衔代表   类别     承办单位"
key F3
expect_screen "新增代表建议"
type_text "关于东街路灯改造的建议"; key Tab
type_text "无名氏"; key Tab # not in the roster: refused at the field
expect_screen "请按 F4 从列表中选择"
key F2
expect_screen "处需要修改"
check "refused: the form keeps what was typed" screen_has "关于东街路灯改造的建议"
check "refused: the unknown name is still there" screen_has "无名氏"
check_eq "refused: nothing written" "$(sql 'select count(*) from suggestions')" 0
key Home C-k # the cursor is back at 领衔代表
type_text "zs"; key Tab # pinyin initials complete to 张三
expect_screen "张三"
type_text "l" # a letter opens the multi-pick with it as the filter
expect_screen "已选 0 项"
type_text "s"
expect_screen "筛选：ls"
key Enter # marks 李四 and clears the filter
expect_screen "已选 1 项"
check "a deputy who has left is not offered" screen_lacks "孙八"
type_text "ww"; key Enter
expect_screen "已选 2 项"
key F2
expect_screen "李四、王五"
key Tab
type_text "cj"; key Tab # 城建环资
expect_screen "城建环资"
key Tab # 提出日期: today
key F4 # 关联案件
expect_screen "已选 0 项"
check "open case offered" screen_has "CG01-2026-0001"
check "closed case not offered" screen_lacks "CG01-2026-0002"
key Enter F2
expect_gone "已选 1 项"
key F2
expect_screen "已保存代表建议《关于东街路灯改造的建议》"
expect_screen "已提出（待交办）" # the new suggestion's screen
check_eq "suggestion stored with its lead" \
	"$(sql "select s.title, d.name, s.category, s.status, s.date from suggestions s join deputies d on d.id = s.lead_deputy_id")" \
	"关于东街路灯改造的建议|张三|城建环资|已提出|2026-11-23"
check_eq "two co-sponsors" \
	"$(sql "select group_concat(name, '、') from (select d.name from suggestion_deputies sd join deputies d on d.id = sd.deputy_id order by sd.id)")" \
	"李四、王五"
check_eq "linked case" "$(sql "select c.case_no from suggestion_cases sc join cases c on c.id = sc.case_id")" "CG01-2026-0001"
check "screen: co-sponsors" screen_has "附议代表 李四、王五"
check "screen: linked case with its state" screen_has "CG01-2026-0001   受理     待交办"

# --- 交办: only 交办 is offered; without a unit refused; due date 3 months later ---
key F5
expect_screen "下一步办理"
check "only 交办 offered before assignment" screen_lacks "| 延期"
type_text "交办"; key Enter
expect_screen "*承办单位"
key F2
expect_screen "必填项"
check_eq "交办 without a unit writes nothing" "$(sql 'select status from suggestions')" "已提出"
type_text "执法"
key F2
expect_screen "已交办，办理时限 2027-02-23"
check_eq "交办 stored: unit, date, due date 3 months later" \
	"$(sql "select s.status, u.name, s.assigned_date, s.due_date from suggestions s join units u on u.id = s.unit_id")" \
	"办理中|综合行政执法队|2026-11-23|2027-02-23"
check "screen: how far 延期 may go" screen_has "最晚2027-05-23"
e2e_quit "assign run"

# --- past the due date: 超期 in the list and its filter ---
STATION_TODAY=2027-03-01
e2e_start
key 5
expect_screen "超期 6 天"
key F5
expect_screen "范围：超期"
check "overdue filter lists it" screen_has "共 1 条"
key F5
expect_screen "范围：已提出"
check "已提出 filter: none" screen_has "共 0 条"
key F5 F5 F5 F5
expect_screen "范围：全部"
key Enter
expect_screen "超期 6 天"

# --- 延期: past the 3-month limit refused at the field, the typed date kept ---
key F5
expect_screen "下一步办理"
type_text "延期"; key Enter
expect_screen "最晚 2027-05-23"
type_text "2027-06-01"; key Tab
type_text "路灯采购需走招标程序"
key F2
expect_screen "延期合计不能超过 3 个月"
check "refused 延期 keeps the typed date" screen_has "2027-06-01"
check "refused 延期 keeps the reason" screen_has "路灯采购需走招标程序"
check_eq "refused 延期 writes nothing" "$(sql 'select due_date, extensions from suggestions')" "2027-02-23|0"
key Home C-k # the refusal put the cursor back on 延期至
type_text "2027-04-23"
key F2
expect_screen "已延期，办理时限 2027-04-23"
check_eq "延期 stored" "$(sql 'select status, due_date, extensions from suggestions')" "办理中|2027-04-23|1"
check_eq "延期 in the timeline with its reason" \
	"$(sql "select date, due_date, note from suggestion_events where type = '延期'")" "2027-03-01|2027-04-23|路灯采购需走招标程序"
check "no longer overdue" screen_lacks "超期"

# --- 答复: an empty reply refused; then reply with result B ---
key F5
expect_screen "下一步办理"
type_text "答复"; key Enter
expect_screen "*答复内容"
key F2
expect_screen "处需要修改"
check_eq "empty reply writes nothing" "$(sql 'select status from suggestions')" "办理中"
type_text "已制定东街路灯改造方案，更换三盏路灯"; key Tab
type_text "b"
key F2
expect_screen "已答复"
check_eq "答复 stored" "$(sql 'select status, reply_date, result, reply from suggestions')" \
	"已答复|2027-03-01|B|已制定东街路灯改造方案，更换三盏路灯"

# --- 征询意见 with the deputies' satisfaction, then 办结 ---
key F5
expect_screen "下一步办理"
check "only 征询意见 offered after the reply" sh -c "tmux -L $SOCK capture-pane -p | grep -q '| 征询意见' && ! tmux -L $SOCK capture-pane -p | grep -qE '[|] (延期|答复|交办|办结|重办)'"
type_text "征询"; key Enter
expect_screen "代表满意度"
type_text "满意"
key F2
expect_screen "已征询意见"
key F5
expect_screen "下一步办理"
type_text "办结"; key Enter
expect_screen "*办结日期"
key F2
expect_screen "已办结"
check_eq "办结 stored" "$(sql 'select status, satisfaction, closed_date from suggestions')" "办结|满意|2027-03-01"
check "screen: reply and satisfaction" screen_has "B 正在解决"
key F5
check "closed suggestion offers no action" wait_for "没有可办理的事项"

# --- the linked case shows the suggestion and its state (opened from here and from its register) ---
key Enter
check "case opened from the suggestion shows it" wait_for "代表建议：关于东街路灯改造的建议（办结）"
key Escape Escape Escape
expect_screen "台账"
key 4
expect_screen "共 2 条"
key Enter
# The list row shows the summary too: wait for what only the case screen shows.
check "case screen shows the linked suggestion and its state" wait_for "代表建议：关于东街路灯改造的建议（办结）"
key Escape Escape
expect_screen "台账"

# --- a co-sponsor made lead: refused by the database at the field, form kept ---
key 5
expect_screen "共 1 条"
key F4
expect_screen "修改代表建议"
key Tab Home C-k
type_text "ls"; key Tab
expect_screen "李四"
key F2
expect_screen "已是领衔代表"
check "refusal shown beside 附议代表" sh -c "tmux -L $SOCK capture-pane -p | grep '附议代表 李四、王五' | grep -q '已是领衔代表'"
check_eq "refused edit writes nothing" "$(sql "select d.name from suggestions s join deputies d on d.id = s.lead_deputy_id")" "张三"
key Escape
expect_screen "放弃未保存的修改吗"
type_text "y"
expect_screen "范围：全部"
check "list row: date, lead, category, status, due date" screen_has "2026-11-23 张三       城建环资"
check "list row: closed with its due date" screen_has "办结   2027-04-23"

# --- delete: asks first, then hides it (soft delete); the case no longer shows it ---
key F8
expect_screen "删除代表建议《关于东街路灯改造的建议》吗？"
type_text "n"
expect_gone "删除代表建议《"
check_eq "declined delete keeps it" "$(sql 'select deleted from suggestions')" 0
key F8
expect_screen "删除代表建议《关于东街路灯改造的建议》吗？"
type_text "y"
expect_screen "已删除代表建议《关于东街路灯改造的建议》"
expect_screen "共 0 条"
check_eq "soft delete: the row stays, marked deleted" "$(sql 'select count(*), deleted from suggestions')" "1|1"
key Escape
expect_screen "台账"
key 4
expect_screen "共 2 条"
key Enter
expect_screen "东街路灯损坏三盏"
check "case no longer shows the deleted suggestion" screen_lacks "代表建议："
e2e_quit "handling run"
e2e_finish
