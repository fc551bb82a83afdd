#!/bin/sh
# F1 on a register's list explains the register: what it holds and what a county inspector looks
# for in it, above the keys of the screen (which stay listed).
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
e2e_start

help_of() { # DIGIT TEXT-OF-THE-NOTE NAME
	menu "$1"
	key F1
	check "F1 on $3: what the register holds" wait_for "$2"
	check "F1 on $3: the inspector's view" screen_has "检查时看"
	check "F1 on $3: the keys are still listed" screen_has "本屏（"
	key Escape
	expect_gone "检查时看"
	key Escape
	expect_screen "台账： 1 代表名册"
}
help_of 1 "进站代表的基本情况" 代表名册
help_of 3 "每一次来访" 接待选民登记簿
help_of 4 "需要交办的意见建议" 意见建议办理簿
help_of 5 "代表领衔或附议提出的建议" 代表建议办理簿

# 代表活动 and 民生实事项目 open a pick list first.
key 8
expect_screen "Enter 选定"
key Enter
expect_gone "Enter 选定"
key F1
check "F1 on 代表活动记录簿: what the register holds" wait_for "代表在站里开展的活动"
key Escape
expect_gone "代表在站里开展的活动"
key Escape
expect_screen "台账： 1 代表名册"

# A list that is not one of the registers (承办单位) has no such text.
menu 6
key F1
expect_screen "本屏（"
check "F1 on 承办单位: no register text" screen_lacks "检查时看"
key Escape
expect_gone "本屏（"
key Escape
expect_screen "台账： 1 代表名册"
e2e_quit "registers help"
