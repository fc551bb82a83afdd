#!/bin/sh
# 1-2 characters typed on the visit list with the period cleared, over more rows than a month
# (25,000): the program asks the trigram list (schema 0020) and finds rare texts through the
# index — including a character at the very end of a field (李淼's 淼), which starts a trigram only
# because every field is padded — and common ones by the scan. What the screen shows must equal
# what LIKE finds in the database; the list's total without a filter comes from the per-day counts
# (schema 0021), which station check recounts afterwards.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
e2e_start
e2e_quit "create the database"
sql "with recursive k(i) as (select 1 union all select i + 1 from k where i < 25000)
	insert into visits (date, channel, visitor_name, content)
	select printf('2025-%02d-%02d', 1 + i % 12, 1 + i % 28), '电话', '某某', '例行咨询' from k;
	insert into visits (date, channel, visitor_name, content) values
	('2024-05-01', '电话', '李淼', '说到鑫淼的事'),
	('2024-06-01', '来信', '鑫淼', '路灯不亮');"
like() { sql "select count(*) from visits where deleted = 0 and (content like '%$1%' or visitor_name like '%$1%')"; }
check_eq "database: 淼 in 2 visits" "$(like 淼)" 2

e2e_start
menu 3
expect_screen "接待选民登记簿"
key F9
key C-u
key Enter
check "period cleared: every visit, counted from the per-day counts" wait_for "来访 25002 次 / 人数 25002"
type_text "淼"
check "1 rare character at a field's end: 2 visits" wait_for "共 2 条"
check "... 李淼 shown" screen_has "李淼"
check "... 鑫淼 shown" screen_has "鑫淼"
check "... no 某某" screen_lacks "某某"
key BSpace
expect_screen "共 25002 条"
type_text "鑫鑫"
check "2 characters no visit holds: none" wait_for "共 0 条"
check_eq "database: 鑫鑫 in no visit" "$(like 鑫鑫)" 0
key BSpace
check "back to 鑫: 2 visits" wait_for "共 2 条"
key BSpace
expect_screen "共 25002 条"
type_text "某"
check "1 common character: the scan, capped at 1000" wait_for "共 1000+ 条"
check "... 某某 shown" screen_has "某某"
e2e_quit "short search run"
"$STATION_BIN" --config "$CONF" --db "$DB" check >"$T/check.out" 2>&1
check "station check: the counts agree with the records" grep -qF "检查通过" "$T/check.out"
e2e_finish
