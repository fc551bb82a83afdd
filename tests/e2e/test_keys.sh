#!/bin/sh
# station.ini [keys] rebinds actions: the key bar and help follow, the new keys work, and an
# unknown action name is reported without stopping the program.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
cat >>"$CONF" <<'INI'
[keys]
save = F9 ^W
new = F12 ^N
frobnicate = F11
INI
e2e_start
check "unknown action in [keys] reported at start" screen_has "未知的操作名 frobnicate"
key 1
expect_screen "共 0 条"
check "key bar shows the rebound key" screen_has "F12新增"
key F1
expect_screen "本屏（代表名册）的按键"
check "help shows the rebound keys" screen_has "F12 ^N"
key Escape
expect_screen "共 0 条"
key F12
expect_screen "新增代表"
check "form key bar shows F9 for save" screen_has "F9保存"
type_text "赵六"; key Tab
type_text "女"; key Tab Tab Tab
type_text "市"
key F2
type_text "x" # processed after F2: once it shows, F2 has been handled
expect_screen "市x"
check "old save key no longer saves (form still open)" screen_has "新增代表"
check_eq "old save key wrote nothing" "$(sql "select count(*) from deputies")" 0
key BSpace
key C-w
expect_screen "已保存代表 赵六"
check_eq "saved with the rebound key" "$(sql "select name, gender, level from deputies")" "赵六|女|市"
e2e_quit "keys run"
e2e_finish
