#!/bin/sh
# 打印 on a register list: F11 prints the list's period (after F9 期间) as a PDF ledger into
# [print] folder and the message line says where the file went; the PDF holds the visit typed
# into the database. A list without a ledger (承办单位) has no 打印 key.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
mkdir -p "$T/out"
cat >>"$CONF" <<INI
[print]
folder = $T/out
INI
"$STATION_BIN" --config "$CONF" demo --db "$DB" --force >/dev/null 2>&1 || fail "demo database"
E2E_ENV="LSAN_OPTIONS=suppressions=$PWD/tests/lsan-cairo.supp" # see that file
e2e_start
key 3
# the home menu names the register too: wait for what only the list shows
check "visit list shows 打印 in the key bar" wait_for "打印"
key F9
expect_screen "按来访日期筛选"
type_text "2026-10"
key Enter
expect_screen "2026年10月"
key F11
check "print says where the file went" wait_for "已保存 $T/out/接待选民登记簿-2026-10.pdf"
check "the PDF exists" test -s "$T/out/接待选民登记簿-2026-10.pdf"
name=$(sql "select visitor_name from visits where date like '2026-10-%' and deleted = 0 limit 1")
check "the PDF holds the month's visit" sh -c "pdftotext '$T/out/接待选民登记簿-2026-10.pdf' - | tr -d ' \n' | grep -qF '$name'"
key Escape
expect_screen "台账"
menu 6
expect_screen "承办单位"
check "units list has no 打印" screen_lacks "打印"
e2e_quit
