#!/bin/sh
# The two state machines in one shape (issue "One shape for every screen", items 2 and 4):
# - a case action the core refuses (答复 dated before the case was received) puts the cursor on
#   the refused field (tmux's cursor row is the row of 答复日期) with the message beside it, the
#   form keeping what was typed and nothing written; corrected, it goes through;
# - a 代表建议 goes 交办 → 延期 (its reason required: refused at 延期理由) → 答复 → 征询意见
#   (不满意: 办结 not offered) → 重办, and its screen shows the timeline with the 延期 and its
#   reason and the 重办; suggestion_events holds the same.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
STATION_TODAY=2026-11-23 # a Monday

# The terminal row (0-based, as tmux's cursor_y) of the first screen line containing TEXT.
row_of() { screen | grep -nF -- "$1" | head -1 | cut -d: -f1 | awk '{print $1 - 1}'; }
cursor_y() { tmux -L "$SOCK" display -p '#{cursor_y}'; }
# wait_cursor ROW: poll until the cursor is on ROW (the label that names the row is on screen
# before the key that moves the cursor there is handled); 1 on time-out.
wait_cursor() {
	n=0
	while [ "$(cursor_y)" != "$1" ] && [ $n -lt $((E2E_TIMEOUT * 50)) ]; do
		sleep 0.02
		n=$((n + 1))
	done
	[ "$(cursor_y)" = "$1" ]
}

e2e_start

# --- a case, received today, assigned ---
key 4
expect_screen "共 0 条"
key F3
expect_screen "新增意见建议"
type_text "dl"; key Tab
type_text "西街井盖缺失"
key F2
expect_screen "已受理，编号 CG01-2026-0001"
key Enter
expect_screen "待交办"
key F5
expect_screen "下一步办理"
type_text "交办"; key Enter
expect_screen "*承办单位"
key Tab # from 日期 to 承办单位
type_text "执法"
key F2
expect_screen "已交办"

# --- 答复 dated before the case was received: refused by the core at 答复日期 ---
key F5
expect_screen "下一步办理"
type_text "答复"; key Enter
expect_screen "*答复内容"
key Home C-k
type_text "2026-11-20"; key Tab
type_text "已补装井盖"; key Tab
type_text "A" # the cursor is on 办理结果 now
key F2
expect_screen "早于受理日期"
want=$(row_of "答复日期")
wait_cursor "$want"
check_eq "refused 答复: the cursor is on the row of 答复日期" "$(cursor_y)" "$want"
check "refused 答复: the message stands beside 答复日期" sh -c "tmux -L $SOCK capture-pane -p | grep '答复日期' | grep -q '早于受理日期'"
check "refused 答复: the form keeps the reply" screen_has "已补装井盖"
check_eq "refused 答复 writes nothing" "$(sql "select status, count(*) from cases join case_events e on e.case_id = cases.id")" "办理中|2"
key Home C-k
type_text "t"
key F2
expect_screen "已答复"
check_eq "corrected 答复 stored" "$(sql "select status, reply_date, result from cases")" "已答复|2026-11-23|A"
key Escape Escape Escape
expect_screen "台账"
e2e_quit "case run"

# --- a suggestion (its lead in the roster), then its handling ---
sql "INSERT INTO deputies (id, name, name_py, name_initials, gender, level) VALUES (1, '张三', 'zhang san', 'zs', '男', '县');
INSERT INTO suggestions (title, lead_deputy_id, date, category) VALUES ('关于西街排水改造的建议', 1, '2026-11-20', '城建环资');"
e2e_start
key 5
expect_screen "共 1 条"
key Enter
expect_screen "已提出（待交办）"
key F5
expect_screen "下一步办理"
type_text "交办"; key Enter
expect_screen "*承办单位"
type_text "执法"
key F2
expect_screen "已交办，办理时限 2027-02-23"

# 延期 without its reason: refused at the reason
key F5
expect_screen "下一步办理"
type_text "延期"; key Enter
expect_screen "最晚 2027-05-23"
type_text "2027-03-23"
key F2
expect_screen "延期理由"
want=$(row_of "延期理由")
wait_cursor "$want"
check_eq "延期 without a reason: the cursor is on 延期理由" "$(cursor_y)" "$want"
check_eq "延期 without a reason writes nothing" "$(sql "select due_date, extensions from suggestions")" "2027-02-23|0"
type_text "需协调管网施工"
key F2
expect_screen "已延期，办理时限 2027-03-23"

# 答复, 征询意见 不满意: 办结 is not offered, 重办 is
key F5
expect_screen "下一步办理"
type_text "答复"; key Enter
expect_screen "*答复内容"
type_text "已列入明年改造计划"; key Tab
type_text "c"
key F2
expect_screen "已答复"
key F5
expect_screen "下一步办理"
type_text "征询"; key Enter
expect_screen "*代表满意度"
type_text "不满意"
key F2
expect_screen "已征询意见"
key F5
expect_screen "下一步办理"
check "不满意: 办结 not offered" screen_lacks "办结"
type_text "重办"; key Enter
expect_screen "*日期"
key F2
expect_screen "已重办"
check_eq "重办: back to 办理中, a new due date, the round's reply cleared" \
	"$(sql "select status, redo_count, due_date, coalesce(reply, '-'), coalesce(satisfaction, '-') from suggestions")" \
	"办理中|1|2027-02-23|-|-"
check_eq "suggestion_events: every action, in order" \
	"$(sql "select group_concat(type, ',') from (select type from suggestion_events order by at, id)")" \
	"交办,延期,答复,征询意见,重办"
check_eq "suggestion_events: the 延期 with its reason and new due date" \
	"$(sql "select note, due_date from suggestion_events where type = '延期'")" "需协调管网施工|2027-03-23"
check_eq "suggestion_events: the 不满意 kept" \
	"$(sql "select satisfaction from suggestion_events where type = '征询意见'")" "不满意"
check "timeline on the suggestion's screen" wait_for "办理经过"
check "timeline: the 延期 with its reason" sh -c "tmux -L $SOCK capture-pane -p | grep ' 延期 ' | grep -q '需协调管网施工'"
check "timeline: the 重办" sh -c "tmux -L $SOCK capture-pane -p | grep -q ' 重办 '"
check "timeline: the 不满意" sh -c "tmux -L $SOCK capture-pane -p | grep ' 征询意见 ' | grep -q '不满意'"
e2e_quit "suggestion run"
e2e_finish
