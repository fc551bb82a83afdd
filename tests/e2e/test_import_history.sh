#!/bin/sh
# An imported record's history says it was imported (docs/IMPORT.md): a visit brought in by
# `station import visits` shows, in its 修改历史 (F12), the clerk and 导入 as who made it, and the
# log holds the file and line.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
printf '日期,来访人,类别,反映问题,处理方式,答复\n2026-11-20,王大爷,水电气讯,村里自来水管道老化,当场答复,已联系供水站\n' >"$T/old.csv"
env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" --db "$DB" import visits "$T/old.csv" >/dev/null 2>&1
check_eq "the visit is imported" "$(sql 'select count(*) from visits')" 1
check_eq "the log names the file and line" \
	"$(sql "select count(*) from audit_log where table_name = 'visits' and user like '%导入（来自 old.csv 第 2 行）'")" 1
e2e_start
key 3
expect_screen "王大爷"
key F12
expect_screen "修改历史：接待选民登记簿"
check "history: the insert is marked 导入 after the clerk" wait_for "联络员 导入"
check "history: the imported values" screen_has "新建 来访人：王大爷"
e2e_quit "import history"
e2e_finish
