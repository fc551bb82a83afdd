#!/bin/sh
# 代表名册 end to end: add (with a bad phone first), pick list with pinyin, aligned CJK columns,
# filter by pinyin initials, edit, delete with confirmation, Esc asks on a changed form,
# restart keeps the data. Checks the screen and the database.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
e2e_start

check "home shows an empty roster" screen_has "在任代表 0 名"
key 1
expect_screen "还没有记录"
check "roster opens empty" screen_has "共 0 条"

# --- add 张三, first with a 10-digit phone ---
key F3
expect_screen "新增代表"
type_text "张三"; key Tab
type_text "男"; key Tab Tab
type_text "19700315"; key Tab
type_text "县"; key Tab Tab Tab Tab
type_text "城关镇人民政府镇长"; key Tab Tab
type_text "1380013800"; key Tab
expect_screen "电话应为 11 位手机号"
check "bad phone: message at the field on leaving it" screen_has "电话应为 11 位手机号"
key F2
expect_screen "有 1 处需要修改"
check "bad phone: save refused, form kept (name)" screen_has "张三"
check "bad phone: save refused, form kept (unit)" screen_has "城关镇人民政府镇长"
check "bad phone: date normalised" screen_has "1970-03-15"
check_eq "bad phone: nothing written" "$(sql 'select count(*) from deputies')" 0
# The cursor is on the phone field now: fix it.
key End BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
type_text "13800138000"
key F2
expect_screen "已保存代表 张三"
expect_screen "共 1 条"
check "saved deputy listed with phone" screen_has "13800138000"
check_eq "database holds the deputy" \
	"$(sql "select name, gender, birth_date, level, work_unit, phone, status from deputies")" \
	"张三|男|1970-03-15|县|城关镇人民政府镇长|13800138000|在任"

# --- add 李四 with Ctrl-N, level from the pick list filtered by pinyin initials, save with Ctrl-S ---
key C-n
expect_screen "新增代表"
type_text "李四"; key Tab
type_text "女"; key Tab Tab Tab
key F4
expect_screen "筛选："
type_text "xz"
expect_screen "乡镇"
key Enter
expect_gone "Enter 选定"
key Tab Tab Tab Tab
type_text "城关镇东街社区主任"; key Tab Tab
type_text "0371-62345678"
key C-s
expect_screen "已保存代表 李四"
expect_screen "共 2 条"
check_eq "pick list set the level" "$(sql "select level, phone from deputies where name='李四'")" "乡镇|0371-62345678"

# --- columns aligned by display width ---
s=$(screen)
h=$(printf '%s\n' "$s" | python3 tests/e2e/colcheck.py "姓名" "层级")
a=$(printf '%s\n' "$s" | python3 tests/e2e/colcheck.py "张三" "县")
b=$(printf '%s\n' "$s" | python3 tests/e2e/colcheck.py "李四" "乡镇")
check_eq "level column aligned (header/张三)" "$a" "$h"
check_eq "level column aligned (header/李四)" "$b" "$h"
p1=$(printf '%s\n' "$s" | python3 tests/e2e/colcheck.py "张三" "13800138000")
p2=$(printf '%s\n' "$s" | python3 tests/e2e/colcheck.py "李四" "0371-62345678")
check_eq "phone column aligned after CJK cells" "$p1" "$p2"
# sorted by pinyin: 李 (li) before 张 (zhang)
check "sorted by pinyin" sh -c "$(printf 'tmux -L %s capture-pane -p | grep -n -e 李四 -e 张三 | head -1 | grep -q 李四' "$SOCK")"

# --- filter by pinyin initials ---
type_text "zs"
expect_screen "共 1 条"
check "filter zs shows 张三" screen_has "张三"
check "filter zs hides 李四" screen_lacks "李四"
key Escape
expect_screen "共 2 条"
type_text "6234"
expect_screen "共 1 条"
check "filter by phone digits" screen_has "李四"
key C-u
expect_screen "共 2 条"

# --- edit 张三's unit ---
type_text "zs"
expect_screen "共 1 条"
key Enter
expect_screen "修改代表"
key Tab Tab Tab Tab Tab Tab Tab Tab
key Home C-k
type_text "城关镇人大主席团"
key F2
expect_screen "已保存代表 张三"
check_eq "edit stored" "$(sql "select work_unit from deputies where name='张三'")" "城关镇人大主席团"
check "audit log has the update with old and new" \
	test "$(sql "select count(*) from audit_log where table_name='deputies' and action like 'UPDATE%' and old_values like '%城关镇人民政府镇长%' and new_values like '%城关镇人大主席团%'")" = 1
key Escape
expect_screen "共 2 条"

# --- Esc on a changed form asks, N keeps the text, Y discards ---
key F3
expect_screen "新增代表"
type_text "王五"
key Escape
expect_screen "放弃未保存的修改吗"
key n
expect_gone "放弃未保存的修改吗"
check "N keeps the typed text" screen_has "王五"
key Escape
expect_screen "放弃未保存的修改吗"
key y
expect_screen "共 2 条"
check_eq "discarded form wrote nothing" "$(sql "select count(*) from deputies where name='王五'")" 0

# --- delete 李四 with confirmation ---
type_text "ls"
expect_screen "共 1 条"
key F8
expect_screen "删除代表 李四"
key y
expect_screen "已删除代表 李四"
expect_screen "共 0 条"
check_eq "delete marks the row deleted (recoverable)" "$(sql "select deleted from deputies where name='李四'")" 1
key Escape
expect_screen "共 1 条"
check "deleted deputy hidden from the list" screen_lacks "李四"
key Escape
expect_screen "在任代表 1 名"
e2e_quit "first run"

# --- restart keeps the data ---
e2e_start
check "after restart the home count is kept" screen_has "在任代表 1 名"
key 1
expect_screen "共 1 条"
check "after restart 张三 is listed" screen_has "城关镇人大主席团"
check "database file is 0600" test "$(stat -c %a "$DB")" = 600
e2e_quit "second run"
e2e_finish
