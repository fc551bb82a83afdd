#!/bin/sh
# station merge: three stations' summaries (three demo databases, so every uid differs) with a
# file sent twice (dropped), a conflicting copy (refused), a missing station (listed), files of a
# newer or unknown format and malformed rows (file, line, column named), detail lists, GB18030
# input, and never overwriting the output without --force.
. "$(dirname "$0")/lib.sh"

for c in CG01 HX01 SQ01; do
	printf '[station]\ncode = %s\nname = %s联络站\n' "$c" "$c" >"$c.ini"
	st --config "$c.ini" demo --db "$c.db"
	ok "merge_setup_demo_$c" rc_is 0
	st --config "$c.ini" export summary --db "$c.db" --quarter 2026Q1 -o "$c.csv"
	ok "merge_setup_summary_$c" rc_is 0
	st --config "$c.ini" export visits --db "$c.db" --quarter 2026Q1 -o "$c-v.csv"
	ok "merge_setup_visits_$c" rc_is 0
done
cp CG01.csv CG01-again.csv

csvpy() {
	python3 - "$@" <<'EOF'
import csv, io, sys
rows = list(csv.reader(io.StringIO(open(sys.argv[1], 'rb').read().decode('utf-8-sig'), newline='')))
for expr in sys.argv[2:]:
    print(eval(expr))
EOF
}
one=$(csvpy CG01.csv "dict(zip(rows[0], rows[1]))['接待群众件数']")

st merge CG01.csv HX01.csv SQ01.csv CG01-again.csv -o county.csv --expect CG01,HX01,SQ01,ZZ01
ok merge_exit_0 rc_is 0
ok merge_says_where out_has "county.csv"
ok merge_duplicate_dropped err_has "完全相同"
ok merge_missing_noted err_has "未报送：ZZ01"
ok merge_rows test "$(csvpy county.csv "len(rows)")" = 6 # header, total, 3 stations, ZZ01
ok merge_total_row test "$(csvpy county.csv "rows[1][1]" "rows[1][2]")" = "合计
共 3 站"
ok merge_total_sum test "$(csvpy county.csv "dict(zip(rows[0], rows[1]))['接待群众件数']")" = "$((one * 3))"
ok merge_station_rows test "$(csvpy county.csv "rows[2][1]" "rows[3][1]" "rows[4][1]")" = "CG01
HX01
SQ01"
ok merge_missing_row test "$(csvpy county.csv "rows[5][1]" "rows[5][2]" "repr(rows[5][6])")" = "ZZ01
未报送
''"
ok merge_crlf_bom test "$(head -c 3 county.csv | od -An -tx1 | tr -d ' ')" = efbbbf

st merge CG01.csv HX01.csv -o county.csv
ok merge_no_overwrite_exit_1 rc_is 1
ok merge_no_overwrite_message err_has "已存在"
ok merge_no_overwrite_kept test "$(csvpy county.csv "len(rows)")" = 6
st merge CG01.csv HX01.csv -o county.csv --force
ok merge_force_exit_0 rc_is 0
ok merge_force_replaced test "$(csvpy county.csv "len(rows)")" = 4

# A conflicting copy: the same station and period, one figure changed.
python3 - <<'EOF'
import csv, io
rows = list(csv.reader(io.StringIO(open('HX01.csv', 'rb').read().decode('utf-8-sig'), newline='')))
i = rows[0].index('接待群众件数')
rows[1][i] = str(int(rows[1][i]) + 1)
with open('HX01-changed.csv', 'w', encoding='utf-8-sig', newline='') as f:
    csv.writer(f, lineterminator='\r\n').writerows(rows)
EOF
st merge CG01.csv HX01.csv HX01-changed.csv -o c2.csv
ok conflict_exit_1 rc_is 1
ok conflict_named err_has "冲突"
ok conflict_files err_has "HX01.csv 第 2 行和 HX01-changed.csv 第 2 行"
ok conflict_column err_has "接待群众件数"
ok conflict_nothing_written test ! -e c2.csv

# A newer format, an unknown file, malformed rows.
sed 's/^2,/3,/' SQ01.csv >newer.csv
st merge CG01.csv newer.csv -o c3.csv
ok newer_exit_1 rc_is 1
ok newer_message err_has "newer.csv 第 2 行第 1 列（格式版本）：格式版本更新"
printf '姓名,电话\r\n张三,1\r\n' >other.csv
st merge CG01.csv other.csv -o c3.csv
ok unknown_exit_1 rc_is 1
ok unknown_message err_has "other.csv 第 1 行：列名不认识"
python3 - <<'EOF'
import csv, io
rows = list(csv.reader(io.StringIO(open('SQ01.csv', 'rb').read().decode('utf-8-sig'), newline='')))
bad = list(rows[1]); bad[rows[0].index('走访次数')] = 'abc'
short = rows[1][:5]
with open('bad.csv', 'w', encoding='utf-8-sig', newline='') as f:
    csv.writer(f, lineterminator='\r\n').writerows([rows[0], bad, short])
EOF
st merge CG01.csv bad.csv -o c3.csv
ok malformed_exit_1 rc_is 1
ok malformed_cell err_has "bad.csv 第 2 行第 16 列（走访次数）：应为不小于 0 的整数"
ok malformed_short_row err_has "bad.csv 第 3 行：有 5 列"
ok malformed_nothing_written test ! -e c3.csv

# Detail lists: the three stations' visits in one table; mixing kinds is refused.
n1=$(csvpy CG01-v.csv "len(rows) - 1")
st merge CG01-v.csv HX01-v.csv SQ01-v.csv CG01-v.csv -o allv.csv
ok details_exit_0 rc_is 0
ok details_rows test "$(csvpy allv.csv "len(rows) - 1")" = "$((n1 * 3))"
ok details_uid_first test "$(csvpy allv.csv "rows[0][0]")" = uid
ok details_duplicates_dropped err_has "完全相同"
st merge CG01.csv CG01-v.csv -o mix.csv
ok mixed_exit_1 rc_is 1
ok mixed_message err_has "不能合并在一起"

# A file saved as GB18030 is read too.
tail -c +4 HX01.csv | iconv -f UTF-8 -t GB18030 >HX01-gb.csv
st merge CG01.csv HX01-gb.csv -o gb.csv
ok gb18030_input_exit_0 rc_is 0
ok gb18030_input_read test "$(csvpy gb.csv "rows[3][2]")" = "HX01联络站"

st merge CG01.csv
ok no_output_exit_2 rc_is 2
st merge -o x.csv
ok no_files_exit_2 rc_is 2
