#!/bin/sh
# station export: the CSV read as Excel reads it (Python's csv module on utf-8-sig, CRLF), the
# summary's numbers for a small hand-made quarter (2020Q1, away from the demo's data), formula
# cells neutralised, masking and --unmasked, GB18030 and an unencodable character, never
# overwriting without --force, a missing folder, exit codes.
. "$(dirname "$0")/lib.sh"

st demo --db d.db
ok export_setup_demo rc_is 0
# 2020Q1 by hand: visits v1 (接待日来访, 3 people, 当场答复, 满意), v2 (日常来访, 2 people, 不予受理),
# v3 (走访, 4 people), v4 deleted; one activity (调研). A visitor named as a formula, a phone,
# an address in a village.
sqlite3 d.db "
INSERT INTO visits (id, uid, date, channel, visitor_name, visitor_phone, visitor_address, people, content, category, handling, satisfaction, deleted) VALUES
 (9001, 'u9001', '2020-01-10', '接待日来访', '=HYPERLINK(\"http://evil\",\"x\")', '13912341111', '城关镇东关村3组12号', 3, '路灯', '城乡建设', '当场答复', '满意', 0),
 (9002, 'u9002', '2020-02-11', '日常来访', '＝1+1', '13800002222', NULL, 2, '=cmd|'' /C calc''!A0', '教育', '不予受理', NULL, 0),
 (9003, 'u9003', '2020-03-12', '走访', '@李四', NULL, NULL, 4, '+水渠', '农业农村', NULL, NULL, 0),
 (9004, 'u9004', '2020-03-13', '日常来访', '删掉的', NULL, NULL, 9, 'x', '教育', NULL, NULL, 1);
INSERT INTO activities (uid, type, topic, date) VALUES ('a9001', '调研', '-调研', '2020-02-01');" || echo "FAIL export_setup_sql"
# Format 2's columns: a case raised 2020-03-02 (Mon, no visit), assigned 03-09 (the 交办 limit
# is 03-05, 3 working days), not answered by its 办理时限 03-30; a 民生实事项目 proposed 02-02
# and a 督查 activity on 03-20.
sqlite3 d.db "
INSERT INTO cases (id, case_no, category, summary, received_date, source, status, assigned_date, due_date, promised_date)
 VALUES (9001, 'T-2020-0001', '教育', 's', '2020-03-02', '其他', '办理中', '2020-03-09', '2020-03-30', '2020-03-30');
INSERT INTO projects (title, year, date, source) VALUES ('修桥', 2020, '2020-02-02', '来访');
INSERT INTO activities (uid, type, topic, date) VALUES ('a9002', '督查', '督查：修桥', '2020-03-20');" ||
	echo "FAIL export_setup_sql2"

# file_lacks TEXT FILE: FILE does not contain TEXT.
file_lacks() { ! grep -q "$1" "$2"; }
# csvpy FILE ENCODING PYTHON-EXPRESSION...: parse FILE as Excel would and print what the
# expressions give (rows is the list of rows, raw the bytes).
csvpy() {
	python3 - "$@" <<'EOF'
import csv, io, sys
path, enc = sys.argv[1], sys.argv[2]
raw = open(path, 'rb').read()
text = raw.decode(enc)
rows = list(csv.reader(io.StringIO(text, newline='')))
for expr in sys.argv[3:]:
    print(eval(expr))
EOF
}

st export summary --db d.db --quarter 2020Q1 -o s.csv
ok summary_exit_0 rc_is 0
ok summary_says_where out_has "s.csv"
ok summary_bom_crlf test "$(csvpy s.csv utf-8-sig "raw[:3] == b'\xef\xbb\xbf'" "raw.count(b'\r\n') == 2 and raw.count(b'\n') == 2")" = "True
True"
# Header -> value, as a dict, for the checks below.
val() { csvpy s.csv utf-8-sig "dict(zip(rows[0], rows[1]))['$1']"; }
ok summary_version test "$(val 格式版本)" = 2
ok summary_period_from test "$(val 起始日期)" = 2020-01-01
ok summary_visits test "$(val 接待群众件数)" = 2           # v1, v2 (v3 is 走访, v4 deleted)
ok summary_visit_people test "$(val 接待群众人次)" = 5     # 3 + 2
ok summary_walks test "$(val 走访次数)" = 1
ok summary_walk_people test "$(val 走访群众人次)" = 4
ok summary_opinions test "$(val 收集意见建议)" = 4         # v1 v2 v3 + the case (no visit)
ok summary_cat_edu test "$(val 意见建议_教育)" = 2         # v2 (v4 deleted), the case
ok summary_spot test "$(val 当场答复)" = 1
ok summary_rejected test "$(val 不予受理)" = 1
ok summary_sat_rate test "$(val '满意率(%)')" = 100.0     # v1 满意 of 1 rated
ok summary_activities test "$(val 活动_调研)" = 1
ok summary_inspect test "$(val 活动_督查)" = 1             # not in 活动_其他 (format 1 put it there)
ok summary_other test "$(val 活动_其他)" = 0
ok summary_activities_all test "$(val 代表活动)" = 2
ok summary_min_met test "$(val 季度活动达标)" = 是         # 2 activities, minimum 1
# The rings as at 03-31: 受理 on the day (1 of 1); 交办 late (03-09 after 03-05); 办理 overdue.
ok summary_ring_receive test "$(val 受理随时_到期)/$(val 受理随时_按时)/$(val '受理随时_按时率(%)')" = 1/1/100.0
ok summary_ring_assign test "$(val 交办及时_到期)/$(val 交办及时_按时)/$(val '交办及时_按时率(%)')" = 1/0/0.0
ok summary_ring_handle test "$(val 办理限时_到期)/$(val 办理限时_按时)" = 1/0
ok summary_ring_followup_none test "$(val 回访适时_到期)/$(val '回访适时_按时率(%)')" = 0/
ok summary_projects test "$(val 征集项目)/$(val 票决项目)/$(val 通过项目)/$(val 完成项目)/$(val '测评满意率(%)')" = 1/0/0/0/
# Format 2 appends: the columns of format 1 keep their places.
ok summary_appended test "$(csvpy s.csv utf-8-sig "rows[0].index('活动_督查') - rows[0].index('季度活动达标')" "rows[0][-1]" "len(rows[0])")" = "1
测评满意率(%)
90"
ok summary_rows test "$(csvpy s.csv utf-8-sig "len(rows)")" = 2

st export visits --db d.db --from 2020-01-01 --to 2020-03-31 -o v.csv
ok visits_exit_0 rc_is 0
ok visits_count test "$(csvpy v.csv utf-8-sig "len(rows) - 1")" = 3
ok visits_uid_first test "$(csvpy v.csv utf-8-sig "rows[0][0]" "rows[1][0]")" = "uid
u9001"
ok visits_formula_neutralised test "$(csvpy v.csv utf-8-sig "rows[1][3]")" = "'=HYPERLINK(\"http://evil\",\"x\")"
ok visits_fullwidth_neutralised test "$(csvpy v.csv utf-8-sig "rows[2][3]")" = "'＝1+1"
ok visits_content_neutralised test "$(csvpy v.csv utf-8-sig "rows[2][9]")" = "'=cmd|' /C calc'!A0"
ok visits_at_plus_neutralised test "$(csvpy v.csv utf-8-sig "rows[3][3]" "rows[3][9]")" = "'@李四
'+水渠"
ok visits_people_plain grep -q ',3,"城乡建设"' v.csv
ok visits_phone_masked test "$(csvpy v.csv utf-8-sig "rows[1][5]")" = "139****1111"
ok visits_address_masked test "$(csvpy v.csv utf-8-sig "rows[1][6]")" = "城关镇东关村***"
ok visits_no_full_phone file_lacks 13912341111 v.csv
ok visits_station_code test "$(csvpy v.csv utf-8-sig "rows[0][-2]" "rows[1][-2]" "rows[1][-1]")" = "联络站编号
ST01
2"

# A summary of format 1 (an older station): refused by merge, saying what to do; a detail
# list of format 1 has the same columns and is merged.
python3 - <<'EOF'
import csv, io
def load(p): return list(csv.reader(io.StringIO(open(p, 'rb').read().decode('utf-8-sig'), newline='')))
def save(p, rows):
    with open(p, 'w', encoding='utf-8-sig', newline='') as f:
        csv.writer(f, lineterminator='\r\n').writerows(rows)
rows = load('s.csv')
n = rows[0].index('季度活动达标') + 1
save('s-v1.csv', [rows[0][:n], ['1'] + rows[1][1:n]])
rows = load('v.csv')
save('v-v1.csv', [rows[0]] + [r[:-1] + ['1'] for r in rows[1:]])
EOF
st merge s.csv s-v1.csv -o m1.csv
ok merge_v1_summary_exit_1 rc_is 1
ok merge_v1_summary_message err_has "s-v1.csv：是旧版 station 导出的汇总表（格式版本 1"
ok merge_v1_summary_what_to_do err_has "重新导出"
ok merge_v1_summary_nothing_written test ! -e m1.csv
st merge v-v1.csv -o m2.csv
ok merge_v1_details_exit_0 rc_is 0
ok merge_v1_details_rows test "$(csvpy m2.csv utf-8-sig "len(rows) - 1")" = 3

st export visits --db d.db --quarter 2020Q1 -o v.csv
ok no_overwrite_exit_1 rc_is 1
ok no_overwrite_message err_has "已存在"
ok no_overwrite_kept test "$(csvpy v.csv utf-8-sig "rows[1][5]")" = "139****1111"
st export visits --db d.db --quarter 2020Q1 -o v.csv --unmasked --force
ok unmasked_force_exit_0 rc_is 0
ok unmasked_phone test "$(csvpy v.csv utf-8-sig "rows[1][5]" "rows[1][6]")" = "13912341111
城关镇东关村3组12号"

st export activities --db d.db --quarter 2020Q1 -o a.csv --encoding gb18030
ok gb18030_exit_0 rc_is 0
ok gb18030_no_bom test "$(csvpy a.csv gb18030 "raw[:3] != b'\xef\xbb\xbf'" "rows[1][2]" "rows[1][3]")" = "True
调研
'-调研"

# A character GB18030 cannot hold (U+E81E, private use): reported by row and column, no file.
sqlite3 d.db "UPDATE visits SET visitor_name = '李' || char(59422) WHERE id = 9003"
st export visits --db d.db --quarter 2020Q1 -o g.csv --encoding gb18030
ok unencodable_exit_1 rc_is 1
ok unencodable_where err_has "第 4 行第 4 列（来访人）"
ok unencodable_no_file test ! -e g.csv
ok unencodable_no_temp test -z "$(ls -A . | grep '^\.g\.csv')"
# The same setting from station.ini.
printf '[export]\ncsv_encoding = gb18030\n' >gb.ini
st --config gb.ini export visits --db d.db --quarter 2020Q1 -o g.csv
ok ini_gb18030_used err_has "GB18030"

st export cases --db d.db --quarter 2020Q1 -o nofolder/c.csv
ok missing_folder_exit_1 rc_is 1
ok missing_folder_message err_has "文件夹不存在"

# The default name, in [export] folder.
mkdir out
printf '[station]\ncode = CG01\n[export]\nfolder = out\n' >f.ini
st --config f.ini export suggestions --db d.db --quarter 2020Q1
ok default_name_exit_0 rc_is 0
ok default_name_in_folder test -f "out/CG01-代表建议办理-2020-01-01_2020-03-31.csv"
ok default_name_said out_has "out/CG01-代表建议办理-2020-01-01_2020-03-31.csv"

st export summary --db d.db --quarter 2030Q1 -o empty.csv
ok empty_period_exit_0 rc_is 0
ok empty_period_zero test "$(csvpy empty.csv utf-8-sig "dict(zip(rows[0], rows[1]))['接待群众件数']" "repr(dict(zip(rows[0], rows[1]))['按期办结率(%)'])")" = "0
''"

st export summary --db d.db --quarter 2026Q5
ok bad_quarter_exit_2 rc_is 2
ok bad_quarter_message err_has "2026Q5"
st export everything --db d.db
ok unknown_kind_exit_2 rc_is 2
st export summary --db d.db --quarter 2026Q1 --month 2026-01
ok two_periods_exit_2 rc_is 2
st export visits --db d.db --encoding gbk
ok bad_encoding_exit_2 rc_is 2
st check --db d.db -o x.csv
ok output_only_for_export_merge rc_is 2
st export summary --db nothere.db -o x.csv
ok missing_db_exit_4 rc_is 4

# A full disk: a small tmpfs (root only); no half-written file under the final name.
mkdir full
if mount -t tmpfs -o size=64k tmpfs full 2>/dev/null; then
	dd if=/dev/zero of=full/fill bs=1k count=60 2>/dev/null
	sqlite3 d.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
	 INSERT INTO visits (date, channel, visitor_name, people, content) SELECT '2020-03-20', '日常来访', '某某', 1,
	 printf('%0200d', i) FROM n"
	st export visits --db d.db --quarter 2020Q1 -o full/v.csv
	ok full_disk_exit_1 rc_is 1
	ok full_disk_message err_has "磁盘已满"
	ok full_disk_no_file test ! -e full/v.csv
	ok full_disk_no_temp test -z "$(ls -A full | grep -v '^fill$')"
	rm -f full/fill
	mount -o remount,ro full
	st export visits --db d.db --quarter 2020Q1 -o full/v.csv
	ok read_only_exit_1 rc_is 1
	ok read_only_message err_has "只读"
	umount full
else
	echo "SKIP full_disk: cannot mount a tmpfs here"
fi
