#!/bin/sh
# The bad-input catalogue (docs/RELIABILITY.md), on the command line: an imported CSV with bytes
# that are not UTF-8 (not GBK either: a stray byte, a cut character), with a control character in
# a cell, with SQL metacharacters (stored as typed, nothing run), and an import into a database
# another program holds locked (a write transaction open in the sqlite3 shell): refused after
# the busy wait with the reason, nothing imported, the file whole.
. "$(dirname "$0")/lib.sh"

printf '姓名,性别,层级\n张三,男,县\n' >one.csv
st import deputies one.csv --db a.db
ok badinput_setup rc_is 0

# --- invalid UTF-8 ---
printf '姓名,性别,层级\n李\377四,男,县\n' >stray.csv
st import deputies stray.csv --db a.db
ok utf8_stray_refused rc_is 1
ok utf8_stray_names_line err_has "文件不是 UTF-8 编码的文本，第 2 行有无法识别的字节"
ok utf8_stray_says_how err_has "另存为 \"CSV UTF-8\""
printf '姓名,性别,层级\n王五,男,县\n赵\344\270,女,县\n' >cut.csv
st import deputies cut.csv --db a.db
ok utf8_cut_refused rc_is 1
ok utf8_cut_names_line err_has "第 3 行有无法识别的字节"
ok utf8_nothing_imported sql_is a.db "select count(*) from deputies" 1

# --- control characters ---
printf '姓名,性别,层级\n王\007五,男,县\n' >bell.csv
st import deputies bell.csv --db a.db
ok control_char_refused rc_is 1
ok control_char_names_cell err_has "第 2 行 第 1 列（姓名）：含有控制字符或换行，请删除后再保存"
ok control_char_nothing_imported sql_is a.db "select count(*) from deputies" 1

# --- SQL metacharacters: stored as typed, nothing run ---
printf '%s\n' '姓名,性别,层级,备注' "\"O'Brien;--\",男,县,\"'); DELETE FROM deputies; DROP TABLE visits;--\"" >sql.csv
st import deputies sql.csv --db a.db
ok sql_meta_imported rc_is 0
ok sql_meta_name_verbatim sql_is a.db "select count(*) from deputies where name = 'O''Brien;--'" 1
ok sql_meta_note_verbatim sql_is a.db "select note from deputies where name = 'O''Brien;--'" \
	"'); DELETE FROM deputies; DROP TABLE visits;--"
ok sql_meta_nothing_deleted sql_is a.db "select count(*) from deputies" 2
ok sql_meta_table_kept sql_is a.db "select count(*) from sqlite_master where name = 'visits'" 1

# --- a locked database: another program holds a write transaction ---
printf '姓名,性别,层级\n钱七,男,县\n' >two.csv
sum=$(sqlite3 a.db "select count(*) from deputies")
# The sqlite3 shell takes the write lock (waiting for it; stopping on an error, so that "locked"
# means it holds it), says so, and keeps it until told to let go.
(
	echo ".timeout 10000"
	echo ".bail on"
	echo "BEGIN IMMEDIATE; SELECT 'locked';"
	while [ ! -e done ]; do sleep 0.05; done
	echo "ROLLBACK;"
) | sqlite3 a.db >lock.out 2>&1 &
holder=$!
i=0
while ! grep -q locked lock.out 2>/dev/null && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
ok locked_holder_ready grep -q locked lock.out
st import deputies two.csv --db a.db
ok locked_import_refused rc_is 1
ok locked_import_says_busy err_has "数据库正忙（另一个程序正在写入），刚才的修改没有保存，请稍后再试"
ok locked_import_nothing_imported err_has "没有导入任何代表"
: >done
wait $holder
ok locked_nothing_written sql_is a.db "select count(*) from deputies" "$sum"
st import deputies two.csv --db a.db
ok locked_released_then_imports rc_is 0
ok locked_integrity sql_is a.db "pragma integrity_check" ok
