#!/bin/sh
# 修改记录 end to end (docs/AUDIT.md): a visit edited by two clerks (station.ini [user] name,
# one start each) shows both edits in its history with who, when and old -> new, the phone
# masked until F7; undo of the last edit is confirmed, written back and itself logged; a deputy
# deleted in the roster is found in the log browser (home F7) and restored from its history;
# station check reports the log edited with the sqlite3 shell.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
printf '姓名,性别,层级\n张三,男,县\n李四,女,乡镇\n' >"$T/deputies.csv"
env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" --db "$DB" import deputies "$T/deputies.csv" >/dev/null 2>&1
check_eq "two deputies imported" "$(sql 'select count(*) from deputies')" 2
sql "update app_session set user = '王会计';
insert into visits (date, channel, visitor_name, people, content, category, handling, reply)
values ('2026-11-20', '电话', '王大爷', 1, '村里自来水管道老化', '水电气讯', '当场答复', '已联系供水站');"
cp "$CONF" "$T/base.ini"
with_user() { cp "$T/base.ini" "$CONF"; printf '[user]\nname = %s\n' "$1" >>"$CONF"; }

# --- edit 1, by 王会计: the content ---
with_user 王会计
e2e_start
key 3
expect_screen "王大爷"
key F4
expect_screen "修改来访"
key Tab End
type_text "，经常停水"
expect_screen "，经常停水"
key F2
expect_gone "修改来访"
check_eq "edit 1 saved" "$(sql "select content from visits")" "村里自来水管道老化，经常停水"
e2e_quit "edit 1"

# --- edit 2, by 李主任: the phone ---
with_user 李主任
e2e_start
key 3
expect_screen "王大爷"
key F4
expect_screen "修改来访"
key PgDn BTab BTab BTab BTab BTab BTab Home C-k
type_text "13912341111"
expect_screen "13912341111"
key F2
expect_gone "修改来访"
check_eq "edit 2 saved" "$(sql "select visitor_phone from visits")" "13912341111"
check_eq "each edit logged under its clerk" \
	"$(sql "select group_concat(user, ',') from (select user from audit_log where table_name = 'visits' and action = 'UPDATE' order by id)")" \
	"王会计,李主任"

# --- the visit's history ---
key F12
expect_screen "修改历史：接待选民登记簿"
check "history: edit 1 with its clerk, old -> new" wait_for "王会计   修改 反映问题：村里自来水管道老化 -> 村里自来水管道老化，经常停水"
check "history: edit 2 with its clerk, the phone masked" wait_for "李主任   修改 联系电话：（空） -> 139****1111"
check "history: when" screen_has "$(date +%Y-%m-%d)"
check "history: the insert by the first clerk" screen_has "王会计   新建 来访人：王大爷"
check "history: the phone is not shown in full" screen_lacks "13912341111"
key F7
check "F7 shows personal values in full" wait_for "联系电话：（空） -> 13912341111"
key F7
expect_screen "139****1111"

# --- undo the last change ---
key F5
check "undo asks first, naming the clerk" wait_for "撤销 李主任 在"
key y
check "undo done" wait_for "已撤销 李主任"
check_eq "undo wrote the old phone back" "$(sql "select coalesce(visitor_phone, '空'), content from visits")" \
	"空|村里自来水管道老化，经常停水"
check_eq "the undo is itself logged (as an update by the clerk who undid)" \
	"$(sql "select user, action, json_extract(old_values, '$.visitor_phone'), coalesce(json_extract(new_values, '$.visitor_phone'), '空') from audit_log order by id desc limit 1")" \
	"李主任|UPDATE|13912341111|空"
check "history shows the undo on top" wait_for "李主任   修改 联系电话：139****1111 -> （空）"

# --- delete a deputy; restore it from its history, found in the log browser ---
key Escape Escape
expect_screen "台账："
key 1
expect_screen "李四" # the roster's rows (its title is also on the home menu)
type_text "张三"
expect_gone "李四"
key F8
expect_screen "删除代表 张三 吗" # the question itself: a y typed before it is thrown away
key y
check "deputy deleted" wait_for "已删除代表 张三"
check_eq "deputy soft-deleted" "$(sql "select deleted from deputies where name = '张三'")" 1
key Escape Escape
expect_screen "台账："
key F7
check "home F7 opens the log, newest first" wait_for "1 删除 记录被删除"
key F9
expect_screen "按修改日期筛选"
type_text "$(date +%Y-%m)"
key Enter
expect_screen "期间："
type_text "李主任"
check "the log filtered by clerk" wait_for "共 3 条"
key BSpace BSpace BSpace
expect_gone "共 3 条"
key Enter
expect_screen "修改历史：代表名册 第 1 条"
check "the deputy's history shows the delete" wait_for "记录被删除"
key F5
check "restore asks first" wait_for "恢复这条已删除的记录吗"
key y
check "restored" wait_for "已恢复这条记录"
check_eq "deputy restored" "$(sql "select deleted from deputies where name = '张三'")" 0
check_eq "the restore is logged" "$(sql "select user, action from audit_log order by id desc limit 1")" "李主任|RESTORE"
e2e_quit "history"

# --- the log edited outside the program ---
out=$(env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" --db "$DB" check 2>&1)
check "station check passes on the untouched log" sh -c "printf '%s' \"\$1\" | grep -qF 检查通过" sh "$out"
sql "update audit_log set user = '别人' where id = 3"
out=$(env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" --db "$DB" check 2>&1)
check "station check reports the edited log row" sh -c "printf '%s' \"\$1\" | grep -qF '修改记录第 3 条在程序之外被改动过'" sh "$out"
e2e_finish
