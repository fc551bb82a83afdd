#!/bin/sh
# F1 on every kind of screen (issue 14 item 5): the help screen shows that screen's explanation
# (what it is for; on a register, what a county inspector looks for) and a key of that screen, and
# Esc goes back to the screen. The explanations are the help pages of src/ui/help.h, the same text
# the manual's key reference (docs/manual/keys.md) is generated from.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
env LANG=C.UTF-8 STATION_TODAY=$STATION_TODAY "$STATION_BIN" --config "$CONF" demo --db "$DB" >/dev/null 2>&1 ||
	fail "demo database"
# The demo has no activity and no 民生实事 project or vote: one of each, for their screens.
sql "insert into activities (type, topic, date, place) values ('视察', '视察镇卫生院', '2026-11-10', '镇卫生院');
     insert into projects (title, year, date, source) values ('石桥村道路硬化', 2026, '2026-03-01', '代表');
     insert into vote_sessions (date, meeting, expected, present) values ('2026-03-20', '镇人代会第二次会议', 31, 29);" ||
	fail "an activity, a project and a vote session"
e2e_start

# help NAME NOTE KEYLABEL BACK: F1, the note and the key's label on the help screen, Esc back to a
# screen that shows BACK again.
help() {
	key F1
	check "F1 on $1: the explanation" wait_for "$2"
	check "F1 on $1: its key $3 is listed" screen_has "$3"
	check "F1 on $1: the help screen names the screen" screen_has "本屏（"
	key Escape
	check "F1 on $1: Esc goes back" wait_gone "$2"
	check "F1 on $1: back on the screen" wait_for "$4"
}
home() { # back to the home screen (Esc as often as needed: a record screen is above its list)
	for _ in 1 2 3 4; do
		before=$(screen)
		key Escape
		i=0
		while [ "$(screen)" = "$before" ] && [ $i -lt 250 ]; do sleep 0.02; i=$((i + 1)); done
		screen_has "台账： 1 代表名册" && return 0
	done
	fail "back to the home screen"
}
pick() { # DIGIT ROW-DOWNS: a home item with a pick list (8, 9, 0), its n-th row
	key "$1"
	expect_screen "Enter 选定"
	n=0
	while [ "$n" -lt "$2" ]; do key Down; n=$((n + 1)); done
	key Enter
	expect_gone "Enter 选定"
}

help 首页 "每天的待办" "接待登记" "台账： 1 代表名册"

key F3
expect_screen "*来访人"
help 接待登记 "登记一位来访群众" "关联" "*来访人"
key Escape
home

menu 1
help 代表名册 "进站代表的基本情况" "层级" "F9档案"
key F9
expect_screen "积分"
help 一人一档 "一位代表一年的履职情况" "调整积分" "F9调整积分"
home

menu 2
help 接待日安排 "全年的接待日" "生成全年" "F9生成全年"
home

menu 3
help 接待选民登记簿 "每一次来访" "转民生实事" "F2转民生实事"
home

menu 4
help 意见建议办理簿 "需要交办的意见建议" "筛选" "F5筛选"
key Enter
expect_screen "办理经过"
help 案件 "一件意见建议的内容" "办理" "办理经过"
home

menu 5
help 代表建议办理簿 "代表领衔或附议提出的建议" "新增" "F5筛选"
key Enter
expect_screen "F5办理"
help 代表建议 "一件代表建议" "办理" "F5办理"
home

menu 6
help 承办单位 "交办意见建议和代表建议的单位" "新增" "F3新增"
key F3
expect_screen "F2保存"
help 表单 "Tab 到下一项" "选择" "F2保存"
key Escape
home

menu 7
help 年度活动计划 "联络站每年制定并公示" "举行" "F5举行"
home

pick 8 0
help 代表活动记录簿 "代表在站里开展的活动" "签到" "F5签到"
key F5
if wait_for "出席"; then
	help 签到 "空格键在" "全部出席" "F9全部出席"
else
	fail "the sign-in sheet opens"
fi
home
pick 8 1
help 学习培训记录簿 "代表的学习培训" "签到" "F5签到"
home

pick 9 0
help 代表履职登记簿 "每位代表一年的履职" "打开" "F11打印"
home
pick 9 1
help 履职积分排名 "每位代表的履职积分和名次" "调整积分" "F9调整积分"
home
pick 9 2
help 述职评议 "代表向选民述职" "档案" "F9档案"
home

pick 0 0
help 民生实事项目台账 "民生实事项目从群众点题" "新增" "F3新增"
key Enter
expect_screen "F5办理"
help 民生实事项目 "一个民生实事项目的来源" "办理" "F5办理"
home
pick 0 1
help 票决会议列表 "人大票决民生实事项目的会议" "新增" "F3新增"
key Enter
expect_screen "F9公布结果"
help 票决会议 "一次票决会议" "公布结果" "F9公布结果"
home

key F8
expect_screen "接待日举行次数"
help 报表 "报送县人大的工作汇总表" "导出明细" "F6导出明细"
home

key F9
expect_screen "本站代码"
help 设置 "随备份带走" "选择" "本站代码"
home

key F7
expect_screen "F7打码"
help 修改记录 "全部修改记录" "打码" "F7打码"
key Enter
expect_screen "F5撤销"
help 一条记录的修改历史 "选中记录的每一次修改" "撤销" "F5撤销"
home
e2e_quit "help on every screen"

# 账号管理 needs accounts: the head's account first, then F12.
sed -i 's/^login = no$/login = yes/' "$CONF"
E2E_NOWAIT=1 e2e_start
expect_screen "建立站长账号"
type_text "zhang"; key Tab
type_text "张站长"; key Tab
type_text "secret1"; key Tab
type_text "secret1"; key Enter
expect_screen "台账"
key F12
expect_screen "账号管理"
help 账号管理 "站长管理的账号" "重设密码" "F5重设密码"
home
e2e_quit "help on the accounts screen"
e2e_finish
