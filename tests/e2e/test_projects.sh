#!/bin/sh
# 民生实事项目 end to end: a resident's visit becomes a candidate (接待选民登记簿, 转民生实事),
# is picked at 初选, voted through in a session typed at the keyboard (votes over 实到 refused
# at the field, nothing written; the ranking and the rule on the session's screen), carried out
# (落实 with a unit and a planned date, two progress entries, going backwards without a note
# refused, a 督查 with a deputy that becomes an activity of type 督查), 完成, 测评 (not adding
# up refused) and its satisfaction rate; the home screen shows it overdue against its plan. A
# 代表建议 as the source (picked in the form, a deleted one refused); the deputy's file counts the
# project and the 督查; 报表 shows the project figures and the rings, Enter opens their registers.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
STATION_TODAY=2026-11-23
printf '姓名,性别,层级,工作单位及职务,状态\n张三,男,县,城关镇人民政府,在任\n' >"$T/deputies.csv"
env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" --db "$DB" import deputies "$T/deputies.csv" >/dev/null 2>&1
e2e_start
# A visit recorded earlier (the visit form has its own tests).
sql "insert into visits (date, channel, visitor_name, content) values ('2026-11-16', '日常来访', '王大爷', '社区养老服务中心建设')"
check_eq "one visit" "$(sql 'select count(*) from visits')" 1
check "home: menu item 0" screen_has "0 民生实事项目"

# --- the visit becomes a candidate ---
key 3
expect_screen "王大爷"
key F2
expect_screen "新增民生实事项目（来自 2026-11-16 王大爷 的来访）"
check "the form is filled from the visit" screen_has "社区养老服务中心建设"
key F2
expect_screen "来源为这次来访"
check_eq "project from the visit" "$(sql "select source || '/' || (source_visit_id is not null) || '/' || status || '/' || proposer from projects")" "来访/1/征集/王大爷"
key Escape
expect_screen "台账"

# --- 初选 ---
key 0
expect_screen "票决会议"
type_text "台账"; key Enter
expect_screen "年度："  # the list itself (the pick list also names the register)
check "the list shows it" screen_has "征集"
key Enter
expect_screen "民生实事项目：社区养老服务中心建设"
key F5
expect_screen "下一步"
type_text "入选"; key Enter
expect_screen "初选日期"
key F2
expect_screen "已入选"
check "status 初选 on the screen" screen_has "初选"
key Escape Escape Escape
expect_screen "台账："

# --- the vote session, typed ---
key 0
expect_screen "票决会议"
type_text "票决"; key Enter
expect_screen "民生实事项目票决会议"
key F3
expect_screen "新增票决会议"
key Home C-k
type_text "2026-11-18"; key Tab
type_text "某镇第十八届人民代表大会第七次会议"; key Tab
type_text "31"; key Tab
type_text "29"
key F2
expect_screen "应到 31 人，实到 29 人"
check "the rule on the session's screen" screen_has "超过应到人数的一半（至少 16 票）"
key F3
expect_screen "录入项目票数"
type_text "社区养老"; key Tab
type_text "25"; key Tab
type_text "3"; key Tab
type_text "2"
key F2
check "votes over 实到 refused at the field" wait_for "合计 30 票，超过实到人数 29 人"
check_eq "refused: nothing written" "$(sql 'select count(*) from project_votes')" 0
key Tab BSpace # the cursor is at 赞成: 反对 3 -> 2
type_text "2"
key F2
expect_screen "已录入《社区养老服务中心建设》的票数"
check "ranked, would pass" screen_has "（可通过）"
key F9
expect_screen "公布这次会议"
key y
check "results recorded" wait_for "1 个项目通过"
check_eq "the vote stored, passed computed" "$(sql 'select yes || "/" || no || "/" || abstain || "/" || passed from project_votes')" "25/2/2/1"
check_eq "project 实施" "$(sql 'select status || "/" || vote_date from projects')" "实施/2026-11-18"

# --- carried out ---
key Enter
expect_screen "民生实事项目：社区养老服务中心建设"
key F5
expect_screen "下一步"
type_text "落实"; key Enter
expect_screen "计划完成日期"
type_text "经济发展"; key Tab
type_text "2026-11-20"; key Tab
key F2
expect_screen "已落实"
key F5
expect_screen "下一步"
type_text "进度"; key Enter
expect_screen "完成进度"
type_text "40"
key F2
expect_screen "已进度"
key F5
expect_screen "下一步"
type_text "进度"; key Enter
expect_screen "现为 40%"
type_text "20"
key F2
check "progress backwards without a note refused" wait_for "进度从 40% 降到 20%"
key Escape
if wait_for "放弃"; then key y; fi
expect_screen "民生实事项目：社区养老服务中心建设"
key F5
expect_screen "下一步"
type_text "进度"; key Enter
expect_screen "现为 40%"
type_text "80"
key F2
expect_screen "已进度"
check_eq "two progress entries" "$(sql "select group_concat(percent, ',') from project_events where type = '进度'")" "40,80"
key F5
expect_screen "下一步"
type_text "督查"; key Enter
expect_screen "参加督查的代表"
type_text "zs"
expect_screen "已选 0 项"
key Enter
expect_screen "已选 1 项"
key F2
expect_screen "张三"
key Tab Tab
type_text "现场查看施工进度"
key F2
expect_screen "已记录督查"
check_eq "督查 is an activity of type 督查 with the deputy" "$(sql "select a.type || '/' || d.name || '/' || t.status from activities a join attendance t on t.activity_id = a.id join deputies d on d.id = t.deputy_id where a.project_id is not null")" "督查/张三/出席"
check "the timeline shows the supervision" screen_has "现场查看施工进度"

# --- overdue on the home screen (planned 11-20, today 11-23) ---
key Escape Escape Escape Escape
expect_screen "台账："
check "home: project overdue against its plan" wait_for "民生实事项目超期 1 项"
key 0
expect_screen "票决会议"
type_text "台账"; key Enter
expect_screen "年度："  # the list itself (the pick list also names the register)
key Enter
expect_screen "民生实事项目：社区养老服务中心建设"

# --- completed, evaluated ---
key F5
expect_screen "下一步"
type_text "完成"; key Enter
expect_screen "完成日期"
key F2
expect_screen "已完成"
key F5
expect_screen "下一步"
type_text "测评"; key Enter
expect_screen "参加测评人数"
type_text "29"; key Tab
type_text "20"; key Tab
type_text "6"; key Tab
type_text "2"
key F2
check "evaluation not adding up refused" wait_for "合计 28 人，应等于参加测评的 29 人"
key BSpace # the cursor is at 参加测评人数: 29 -> 28
type_text "8"
key F2
expect_screen "已测评"
check "satisfaction rate shown" wait_for "满意率 92.9%"
check_eq "project evaluated" "$(sql 'select status || "/" || progress || "/" || eval_joined || "/" || eval_satisfied from projects')" "评价/100/28/20"
check_eq "every step in the timeline" "$(sql "select group_concat(type, ',') from (select type from project_events order by id)")" "征集,入选,提交票决,通过,落实,进度,进度,督查,完成,测评"

# --- a 代表建议 as the source: picked by id in the form; a deleted one refused ---
sql "insert into suggestions (id, suggestion_no, title, date) values (1, 'J2026-01', '关于建设社区食堂的建议', '2026-10-08'), (2, 'J2026-02', '关于修缮村道的建议', '2026-10-09')"
key Escape Escape
expect_screen "台账："
key 0
expect_screen "票决会议"
type_text "台账"; key Enter
expect_screen "年度："  # the list itself (the pick list also names the register)
key F3
expect_screen "新增民生实事项目"
type_text "社区长者食堂"; key Tab Tab Tab
type_text "代表建议"; key Tab Tab
type_text "张三"; key Tab
type_text "社区食堂"; key Tab
check "the suggestion picked by its label" wait_for "关于建设社区食堂的建议（2026-10-08）"
key F2
check "saved from the suggestion" wait_for "已保存民生实事项目《社区长者食堂》"
check_eq "linked to suggestion 1, proposed by 张三" \
	"$(sql "select p.source || '/' || p.source_suggestion_id || '/' || d.name from projects p join deputies d on d.id = p.proposer_deputy_id where p.title = '社区长者食堂'")" "代表建议/1/张三"
key Escape
expect_screen "年度："  # the list itself (the pick list also names the register)
key F3
expect_screen "新增民生实事项目"
type_text "村道修缮"; key Tab Tab Tab
type_text "代表建议"; key Tab Tab Tab
key F2
check "代表建议 without the suggestion refused at its field" wait_for "来源为代表建议时请选择是哪一件建议"
type_text "修缮村道"; key Tab
expect_screen "关于修缮村道的建议（2026-10-09）"
sql "update suggestions set deleted = 1 where id = 2" # deleted while the form is open
key F2
check "a deleted suggestion refused" wait_for "来源的代表建议找不到了，可能已被删除"
check_eq "refused: nothing written" "$(sql "select count(*) from projects where title = '村道修缮'")" 0
key Escape
if wait_for "放弃"; then key y; fi
expect_screen "年度："  # the list itself (the pick list also names the register)

# --- the deputy's file: the project he proposed, the 督查 he went on ---
key Escape
expect_screen "台账："
menu 1
expect_screen "张三"
key F9
expect_screen "一人一档"
check "file: projects proposed" wait_for "提出的民生实事项目 1 项（通过 0 项）"
check "file: supervision" screen_has "督查 1 次"
key Escape Escape
expect_screen "台账："

# --- 报表: the project figures and the rings; Enter opens their registers ---
key F8
expect_screen "期间：2026年第四季度（10-01 至 12-31）"
key End
# fig LABEL VALUE: the grid shows LABEL (a regex) with VALUE after its padding.
fig() { screen | grep -qE -- "$1 +$2( |\$)"; }
# wait_fig LABEL VALUE: poll until fig holds (the grid scrolls after the key).
wait_fig() {
	i=0
	while [ $i -lt $((E2E_TIMEOUT * 50)) ]; do
		fig "$1" "$2" && return 0
		i=$((i + 1))
		sleep 0.02
	done
	return 1
}
check "报表: 测评满意率 of the quarter" wait_fig "测评满意率\(%\)" "92.9%"
check "报表: 征集项目 of the quarter" fig "征集项目" 2
key Enter
check "Enter on a project figure opens the project register, every year" wait_for "社区长者食堂"
check "... with the other project" screen_has "社区养老服务中心建设"
key Escape
expect_screen "期间：2026年第四季度"
for i in 1 2 3 4 5 6 7; do key Up; done
check "报表: a ring's rate (no case: -)" wait_fig "回访适时_按时率\(%\)" "-"
key Enter
check "Enter on a ring figure opens the cases of the period" wait_for "受理日期：2026年第四季度（10-01 至 12-31）"
key Escape
expect_screen "期间：2026年第四季度"
key Escape
expect_screen "台账："
e2e_quit
