#!/bin/sh
# 报表 (issue 11, item 5): opened from home with F8, it shows this quarter's summary; F9 takes
# another period; the figures agree with the database; F5 writes the summary, F6 a detail list
# (masked, then in full after F7), and the screen says where each file went; an existing file
# is only replaced after a yes; Enter on a figure opens its register at the period.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
E2E_ENV="LSAN_OPTIONS=suppressions=$PWD/tests/lsan-cairo.supp" # F11 prints: see that file
"$STATION_BIN" --config "$CONF" demo --db "$DB" >/dev/null || fail "demo database"
mkdir -p "$T/out"
E2E_ENV="LSAN_OPTIONS=suppressions=$PWD/tests/lsan-cairo.supp" # F11 prints: see that file
printf '[export]\nfolder = %s\n[print]\nfolder = %s\n' "$T/out" "$T/out" >>"$CONF"
sql "update visits set visitor_phone = '13912341111' where id = (select min(id) from visits where date like '2026-11%')"

# fig LABEL VALUE: the grid shows LABEL with VALUE right after its padding.
fig() { screen | grep -qE -- "$1 +$2( |\$)"; }
# The CSV at $1 parsed as Excel reads it; prints the expressions (rows: list of rows).
csvpy() {
	python3 - "$@" <<'EOF'
import csv, io, sys
rows = list(csv.reader(io.StringIO(open(sys.argv[1], 'rb').read().decode('utf-8-sig'), newline='')))
for expr in sys.argv[2:]:
    print(eval(expr))
EOF
}

E2E_ENV="LSAN_OPTIONS=suppressions=$PWD/tests/lsan-cairo.supp" # F11 prints: cairo/fontconfig exit-time caches (see that file)
e2e_start
key F8
check "F8 opens 报表 at this quarter" wait_for "期间：2026年第四季度（10-01 至 12-31）"
n=$(sql "select count(*) from visits where deleted = 0 and channel <> '走访' and date between '2026-10-01' and '2026-12-31'")
check "接待群众件数 of the quarter as in the database ($n)" fig 接待群众件数 "$n"
check "the key bar offers the exports" screen_has "导出汇总"

key F9
expect_screen "报表的期间"
key C-u
type_text "2026-13"
key Enter
check "a month that does not exist is refused" wait_for "月份应为"
key Home C-k
type_text "2026-11"
key Enter
check "F9 takes a month" wait_for "期间：2026年11月（11-01 至 11-30）"
n=$(sql "select count(*) from visits where deleted = 0 and channel <> '走访' and date between '2026-11-01' and '2026-11-30'")
p=$(sql "select coalesce(sum(people), 0) from visits where deleted = 0 and channel <> '走访' and date between '2026-11-01' and '2026-11-30'")
check "接待群众件数 of November ($n)" fig 接待群众件数 "$n"
check "接待群众人次 of November ($p)" fig 接待群众人次 "$p"

# F5: the summary, and where it went.
f="$T/out/CG01-汇总-2026-11-01_2026-11-30.csv"
key F5
check "F5 says the summary was written and where" wait_for "汇总表已导出"
check "the path stays on the screen" wait_for "最近导出：$T/out/CG01-汇总"
check "the summary file exists" test -f "$f"
check_eq "the file's 接待群众人次" "$(csvpy "$f" "dict(zip(rows[0], rows[1]))['接待群众人次']")" "$p"
# Again: the file exists, so it asks; No keeps the old file.
echo old >"$f"
key F5
check "an existing file: asked first" wait_for "文件已存在，要覆盖吗？"
key n
expect_gone "文件已存在，要覆盖吗？"
check_eq "No keeps the old file" "$(cat "$f")" old
key F5
expect_screen "文件已存在，要覆盖吗？"
key y
expect_gone "文件已存在，要覆盖吗？"
check "Yes replaces it" wait_for "汇总表已导出"
check_eq "the replaced file is the summary" "$(csvpy "$f" "rows[0][0]")" 格式版本

# F6: a detail list, masked; F7 then gives phones in full.
v="$T/out/CG01-接待选民登记-2026-11-01_2026-11-30.csv"
key F6
expect_screen "导出哪种明细"
key Enter
check "F6 writes the visits of the period" wait_for "接待选民登记已导出"
check "the visits file exists" test -f "$v"
check "phones are masked by default" sh -c "grep -q '139\*\*\*\*1111' '$v' && ! grep -q 13912341111 '$v'"
key F7
check "F7: exports in full" wait_for "导出个人信息：不打码"
key F6
expect_screen "导出哪种明细"
key Enter
expect_screen "文件已存在，要覆盖吗？"
key y
expect_gone "文件已存在，要覆盖吗？"
check "the visits again" wait_for "接待选民登记已导出"
check "unmasked: the full phone" grep -q 13912341111 "$v"

# F11 prints a register's ledger for the same period, and says where the PDF went.
key F11
expect_screen "打印哪本台账"
type_text "接待选民"
key Enter
check "F11: the ledger is saved" wait_for "接待选民登记簿已保存：$T/out/"
pdf=$(ls "$T"/out/*.pdf 2>/dev/null | head -1)
check "F11: the PDF exists" test -f "$pdf"
check "F11: the PDF is the visit ledger of November" \
	sh -c "pdftotext -layout '$pdf' - | tr -d ' ' | grep -q '2026年11月' && pdftotext '$pdf' - | grep -q 接待选民登记簿"

# Enter on a figure opens its register at the period: 接待群众件数 is the 8th figure.
for i in 1 2 3 4 5 6 7; do key Down; done
key Enter
check "Enter on 接待群众件数 opens the visits of November" wait_for "来访日期：2026年11月（11-01 至 11-30）"
key Escape
expect_screen "期间：2026年11月"
key PgDn # the second column of the grid: the case figures
key Enter
check "Enter on a case figure opens the cases of November" wait_for "受理日期：2026年11月（11-01 至 11-30）"
key Escape
expect_screen "期间：2026年11月"
key Escape
expect_screen "台账"
e2e_quit
