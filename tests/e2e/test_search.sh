#!/bin/sh
# Filter as you type on the visit and case lists (db/search.h): 1 and 2 characters (LIKE),
# 3 and 6 characters (the trigram index), a name, a phone number, a case number, pinyin initials
# on the deputy roster; each checked by the rows shown and the count. And the latency trace
# (STATION_TRACE): a line per key when set, no file when unset.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
printf '姓名,性别,层级,工作单位及职务\n张三,男,县,城关镇人民政府\n李四,女,乡镇,东街社区\n' >"$T/deputies.csv"
env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" --db "$DB" import deputies "$T/deputies.csv" >/dev/null 2>&1
check_eq "two deputies imported" "$(sql 'select count(*) from deputies')" 2
sql "insert into visits (date, channel, visitor_name, visitor_phone, content) values
	('2026-11-02', '日常来访', '张三丰', '13800001111', '农业保险理赔太慢，请帮忙'),
	('2026-11-03', '电话', '李小龙', NULL, '小区停车难，希望增设车位'),
	('2026-11-04', '日常来访', '王大锤', '13912345678', '农业补贴发放情况'),
	('2026-11-05', '来信', '欧阳秀英', NULL, '路灯不亮，晚上出行不便');
	insert into cases (case_no, summary, content, received_date) values
	('CG01-2026-0007', '桥梁维修加固', '东河桥栏杆松动', '2026-11-06'),
	('CG01-2026-0008', '垃圾清运不及时', NULL, '2026-11-07');
	with recursive k(i) as (select 1 union all select i + 1 from k where i < 80)
	insert into visits (date, channel, visitor_name, content)
	select '2026-11-10', '电话', printf('路人%03d', i), '例行咨询' from k;"
check_eq "the index follows inserts made by another program" \
	"$(sql "select count(*) from visits_fts where visits_fts match '\"农业\"'")" 0
check_eq "... for 3 characters" "$(sql "select count(*) from visits_fts where visits_fts match '\"农业补\"'")" 1

E2E_ENV="STATION_TRACE=$T/trace"
e2e_start
key 3
expect_screen "接待选民登记簿"
check "visit list: all 84 this month" wait_for "共 84 条"
type_text "农"
check "1 character: 2 visits" wait_for "共 2 条"
check "... 张三丰 shown" screen_has "张三丰"
check "... 王大锤 shown" screen_has "王大锤"
check "... 李小龙 not shown" screen_lacks "李小龙"
type_text "业保"
check "3 characters (index): 1 visit" wait_for "共 1 条"
check "... it is 张三丰's" screen_has "张三丰"
check "... not 王大锤's" screen_lacks "王大锤"
type_text "险理赔"
check "6 characters (index): still 张三丰" wait_for "理赔太慢"
check "... one row" screen_has "共 1 条"
key BSpace BSpace BSpace BSpace BSpace
check "back to 1 character: 2 visits" wait_for "共 2 条"
key BSpace
check "empty filter: all 84" wait_for "共 84 条"
type_text "秀英"
check "2 characters of a name" wait_for "共 1 条"
check "... 欧阳秀英" screen_has "欧阳秀英"
key BSpace BSpace
expect_screen "共 84 条"
type_text "欧阳秀"
check "3 characters of a name (index)" wait_for "共 1 条"
check "... 欧阳秀英 again" screen_has "欧阳秀英"
key BSpace BSpace BSpace
expect_screen "共 84 条"
type_text "2345"
check "digits of a phone number (index)" wait_for "共 1 条"
check "... 王大锤's" screen_has "王大锤"
key BSpace BSpace BSpace BSpace
expect_screen "共 84 条"
type_text "不存在的"
check "no match: empty list" wait_for "共 0 条"
key Escape
expect_screen "共 84 条"
key End
check "End: the oldest visit last (the list read from its end)" wait_for "张三丰"
check "... after the 80 calls" screen_has "路人001"
check "... not the newest" screen_lacks "路人080"
key Home
check "Home: the newest first" wait_for "路人080"
key Escape
expect_screen "台账"
key 4
expect_screen "意见建议"
type_text "桥梁维"
check "cases: 3 characters (index)" wait_for "共 1 条"
check "... 桥梁维修加固" screen_has "桥梁维修加固"
key BSpace BSpace BSpace
type_text "0008"
check "cases: a case number's digits" wait_for "垃圾清运"
check "... only that one" screen_has "共 1 条"
key Escape Escape
expect_screen "台账"
key 1
expect_screen "代表"
type_text "zs"
check "deputies: pinyin initials" wait_for "共 1 条"
check "... 张三" screen_has "张三"
check "... not 李四" screen_lacks "李四"
e2e_quit "search run"

# The trace: one line per key, KEY TAB ACTION TAB MICROSECONDS, after a start line.
check "trace written" test -s "$T/trace"
check "trace: the start line first" sh -c "head -1 '$T/trace' | grep -qE '^start	-	[0-9]+	[0-9]+\$'"
check "trace: the 农 typed in the visit list" grep -qE '^农	text	[0-9]+$' "$T/trace"
check "trace: Backspace by its curses name" grep -qE '^(KEY_BACKSPACE|\^\?)	[a-z]+	[0-9]+$' "$T/trace"
check "trace: every line well formed" sh -c "! grep -vE '^[^	]+	[a-z_-]+	[0-9]+(	[0-9]+)?\$' '$T/trace'"
n=$(grep -c . "$T/trace")
check "trace: a line per key (more than 40)" test "$n" -gt 40

# Off by default: no file.
rm -f "$T/trace"
E2E_ENV=
e2e_start
e2e_quit "untraced run"
check "no STATION_TRACE: no trace file" test ! -e "$T/trace"
e2e_finish
