#!/bin/sh
# station print: the ledgers as PDF (pdfinfo: A4 landscape, page count; pdftotext: title, period,
# every row's key text, 第 X 页 共 Y 页, masked phones), an empty month, a row taller than a page,
# the notices, a missing font, a missing / read-only folder and a full disk (no file left under
# the final name, no temporary file left). One rendered page is kept as a PNG in
# build/artefacts/ (pdftoppm) for a person to look at.
. "$(dirname "$0")/lib.sh"
for c in pdfinfo pdftotext pdftoppm; do
	command -v "$c" >/dev/null || { echo "FAIL setup: command not found: $c (poppler-utils; sh src/tools/install-deps.sh)"; exit 1; }
done
export STATION_TODAY=2026-11-23
export LSAN_OPTIONS=suppressions=$REPO/tests/lsan-cairo.supp # see that file
st demo --db demo.db
ok demo_for_print rc_is 0
cat >station.ini <<'INI'
[station]
name = 城关镇人大代表联络站
[print]
clerk = 王登记
INI

# pages P FILE: pdfinfo's page count is P
pages() { [ "$(pdfinfo "$2" 2>/dev/null | sed -n 's/^Pages: *//p')" = "$1" ]; }
landscape() { pdfinfo "$1" | grep -q "Page size: *841.89 x 595.276 pts (A4)"; }
text_has() { pdftotext "$1" - | tr -d ' \n' | grep -qF -- "$2"; }
text_lacks() { ! text_has "$1" "$2"; }

# --- a month of visits ---
st --db demo.db print visits --month 2026-10 -o v.pdf
ok visits_written rc_is 0
ok visits_says_where out_has "已保存：v.pdf（1 页）"
ok visits_a4_landscape landscape v.pdf
ok visits_one_page pages 1 v.pdf
ok visits_title text_has v.pdf "城关镇人大代表联络站接待选民登记簿"
ok visits_period text_has v.pdf "期间：2026年10月（10-01至10-31）"
ok visits_page_number text_has v.pdf "第1页共1页"
ok visits_signature text_has v.pdf "登记人：王登记"
ok visits_print_date text_has v.pdf "打印日期：2026-11-23"
sqlite3 demo.db "select visitor_name from visits where date like '2026-10-%' and deleted = 0" >names
missing=""
while read -r n; do text_has v.pdf "$n" || missing="$missing $n"; done <names
ok visits_every_row [ -s names ] && ok visits_every_row_name [ -z "$missing" ]
ok visits_other_month_left_out text_lacks v.pdf "$(sqlite3 demo.db "select visitor_name from visits where date like '2026-11-%' and visitor_name not in (select visitor_name from visits where date like '2026-10-%') limit 1")"
phone=$(sqlite3 demo.db "select visitor_phone from visits where date like '2026-10-%' and length(visitor_phone) = 11 limit 1")
masked=$(echo "$phone" | sed 's/^\(...\)....\(....\)$/\1****\2/')
ok visits_phone_masked text_has v.pdf "$masked"
ok visits_phone_not_in_full text_lacks v.pdf "$phone"
st --db demo.db print visits --month 2026-10 --unmasked -o vu.pdf
ok visits_unmasked text_has vu.pdf "$phone"
mkdir -p "$REPO/build/artefacts"
pdftoppm -png -r 60 -f 1 -l 1 v.pdf "$REPO/build/artefacts/print-visits" &&
	ok visits_rendered_png [ -s "$REPO/build/artefacts/print-visits-1.png" ]

# --- every register prints; default name from the title and the period ---
for r in deputies cases suggestions activities training performance; do
	st --db demo.db print $r --period 2026
	ok "ledger_$r" rc_is 0
done
ok cases_default_name [ -s 意见建议办理簿-2026.pdf ]
ok cases_title text_has 意见建议办理簿-2026.pdf "意见建议办理簿"
ok cases_key_text text_has 意见建议办理簿-2026.pdf "$(sqlite3 demo.db "select case_no from cases where deleted = 0 order by id limit 1")"
ok performance_year text_has 代表履职登记簿-2026.pdf "年度：2026年"
ok roster_names text_has 代表名册-2026.pdf "$(sqlite3 demo.db "select name from deputies where deleted = 0 and status = '在任' limit 1")"

# --- 民生实事项目台账 (by 年度): states, votes, unit, progress, 测评 ---
cp demo.db pj.db
sqlite3 pj.db "
INSERT INTO units (id, name, kind) VALUES (9001, '县交通运输局测试', '县直');
INSERT INTO vote_sessions (id, date, meeting, expected, present, rule, decided) VALUES
 (9001, '2026-03-10', '城关镇第十八届人大第五次会议', 30, 29, '应到', 1);
INSERT INTO projects (id, title, year, date, source, proposer, category, budget, status, unit_id, planned_date,
 progress, vote_date, completed_date, eval_joined, eval_satisfied, eval_basic, eval_unsatisfied) VALUES
 (9001, '东关村道路硬化', 2026, '2026-01-05', '来访', '王大爷', '城乡建设', '120', '实施', 9001, '2026-10-30', 60,
  '2026-03-10', NULL, 0, 0, 0, 0),
 (9002, '敬老院适老化改造', 2026, '2026-01-06', '居民议事会', '东关村居民议事会', '养老托育', '35.5', '评价', NULL,
  '2026-08-30', 100, '2026-03-10', '2026-08-20', 40, 30, 6, 4),
 (9003, '集市公厕新建', 2026, '2026-01-07', '其他', '李四', '城乡建设', NULL, '未通过', NULL, NULL, 0,
  '2026-03-10', NULL, 0, 0, 0, 0),
 (9004, '去年的项目', 2025, '2025-01-07', '其他', '赵六', '教育', NULL, '征集', NULL, NULL, 0, NULL, NULL, 0, 0, 0, 0);
INSERT INTO project_votes (session_id, project_id, yes, no, abstain, passed) VALUES
 (9001, 9001, 25, 2, 2, 1), (9001, 9002, 20, 5, 4, 1), (9001, 9003, 10, 15, 4, 0);"
st --db pj.db print projects --year 2026
ok projects_written rc_is 0
ok projects_default_name [ -s 民生实事项目台账-2026.pdf ]
pj=民生实事项目台账-2026.pdf
ok projects_landscape landscape $pj
ok projects_title text_has $pj "城关镇人大代表联络站民生实事项目台账"
ok projects_year text_has $pj "年度：2026年"
ok projects_count text_has $pj "共3项"
ok projects_columns text_has $pj "票决（赞成/反对/弃权，通过与否）"
ok projects_rows text_has $pj "东关村道路硬化" && ok projects_rows2 text_has $pj "敬老院适老化改造"
ok projects_other_year_left_out text_lacks $pj "去年的项目"
ok projects_proposer text_has $pj "王大爷"
ok projects_vote_passed text_has $pj "赞成25/反对2/弃权2，通过"
ok projects_vote_failed text_has $pj "赞成10/反对15/弃权4，未通过"
ok projects_unit text_has $pj "县交通运输局测试"
ok projects_progress text_has $pj "60%"
ok projects_satisfaction text_has $pj "90.0%" # (30 + 6) / 40
ok projects_budget text_has $pj "35.5"
pdftoppm -png -r 50 -f 1 -l 1 $pj "$REPO/build/artefacts/print-projects" &&
	ok projects_rendered_png [ -s "$REPO/build/artefacts/print-projects-1.png" ]
# by its title too, and a year with none
st --db pj.db print 民生实事项目台账 --year 2024 -o pj-empty.pdf
ok projects_by_title rc_is 0
ok projects_empty_year text_has pj-empty.pdf "本年度无民生实事项目"

# --- an empty month is a ledger that says so ---
st --db demo.db print visits --month 2025-01 -o empty.pdf
ok empty_month_not_an_error rc_is 0
ok empty_month_says_so text_has empty.pdf "本期无来访登记"
ok empty_month_one_page pages 1 empty.pdf

# --- many rows: pages numbered, header on every page, a row taller than a page split ---
cp demo.db big.db
sqlite3 big.db "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x<300)
 INSERT INTO visits(date, channel, visitor_name, people, content, category, handling, reply)
 SELECT printf('2026-12-%02d', 1 + x % 28), '日常来访', printf('测试%03d', x), 1,
        printf('问题%03d：', x) || substr('路灯不亮，排水沟堵塞，希望尽快处理。路灯不亮，排水沟堵塞。', 1, 5 + x % 25),
        '其他', '当场答复', '已答复' FROM c;
 UPDATE visits SET content = (WITH RECURSIVE r(i, s) AS (SELECT 1, '长内容开头' UNION ALL
   SELECT i+1, s || '第' || i || '段：村里的道路年久失修，雨天泥泞难行，群众出行十分不便。' FROM r WHERE i < 60)
   SELECT s || '长内容结尾' FROM r WHERE i = 60) WHERE visitor_name = '测试150';"
st --db big.db print visits --month 2026-12 -o big.pdf
ok big_written rc_is 0
n=$(pdfinfo big.pdf | sed -n 's/^Pages: *//p')
ok big_many_pages [ "${n:-0}" -gt 5 ]
ok big_last_page_number text_has big.pdf "第${n}页共${n}页"
heads=$(pdftotext big.pdf - | grep -c "^反映问题$")
ok big_header_every_page [ "$heads" = "$n" ]
found=0
for i in $(seq 1 300); do text_has big.pdf "$(printf '问题%03d' "$i")" && found=$((found + 1)); done
ok big_every_row [ "$found" = 299 ] # 测试150's content was replaced by the long one
ok big_long_row_start text_has big.pdf "长内容开头"
ok big_long_row_end text_has big.pdf "长内容结尾"
first=$(for p in $(seq 1 "$n"); do pdftotext -f "$p" -l "$p" big.pdf - | grep -q "长内容开头" && echo "$p"; done | head -1)
last=$(for p in $(seq 1 "$n"); do pdftotext -f "$p" -l "$p" big.pdf - | grep -q "长内容结尾" && echo "$p"; done | head -1)
ok big_long_row_split_across_pages [ -n "$first" ] && [ -n "$last" ] && [ "$last" -gt "$first" ]

# --- notices ---
day=$(sqlite3 demo.db "select date from reception_days where deleted = 0 and status <> '已取消' and date >= '2026-11-01' order by date limit 1")
st --db demo.db print notice --date "$day" -o notice.pdf
ok notice_written rc_is 0
ok notice_title text_has notice.pdf "人大代表接待选民公告"
ok notice_weekday text_has notice.pdf "星期"
ok notice_time text_has notice.pdf "$(sqlite3 demo.db "select time from reception_days where date = '$day' and deleted = 0 limit 1")"
duty=$(sqlite3 demo.db "select d.name from reception_duty r join deputies d on d.id = r.deputy_id join reception_days k on k.id = r.reception_day_id where k.date = '$day' limit 1")
[ -n "$duty" ] && ok notice_duty_deputy text_has notice.pdf "$duty"
st --db demo.db print notice --date 2026-11-02 -o none.pdf
ok notice_no_day_refused rc_is 1
ok notice_no_day_says err_has "2026-11-02 没有安排接待日"
ok notice_no_day_no_file [ ! -e none.pdf ]
st --db demo.db print plan --year 2030
ok plan_empty_refused rc_is 1
ok plan_empty_says err_has "2030 年度还没有活动计划"

# --- usage ---
st --db demo.db print nosuch
ok unknown_register_usage rc_is 2
st --db demo.db print visits --month 2026-13
ok bad_month_usage rc_is 2
st --db demo.db print notice
ok notice_needs_date rc_is 2

# --- a missing font names the package ---
printf '[print]\nfont = 没有这个字体\n' >nofont.ini
st --config nofont.ini --db demo.db print visits --month 2026-10 -o nofont.pdf
ok missing_font_refused rc_is 1
ok missing_font_names_package err_has "找不到字体「没有这个字体」"
ok missing_font_names_package2 err_has "fonts-noto-cjk"
ok missing_font_no_file [ ! -e nofont.pdf ]

# --- a missing folder ---
st --db demo.db print visits --month 2026-10 -o nowhere/v.pdf
ok missing_folder_refused rc_is 1
ok missing_folder_says err_has "文件夹不存在：nowhere"

# --- a read-only folder and a full disk (a small tmpfs; root only) ---
mnt=$T/mnt
mkdir -p "$mnt"
if ! mount -t tmpfs -o size=64k tmpfs "$mnt" 2>"$T/mount.err"; then
	echo "SKIP print_full_disk, print_readonly_folder: cannot mount a tmpfs ($(cat "$T/mount.err"))"
	exit 0
fi
trap 'umount "$mnt" 2>/dev/null; rm -rf "$T"' EXIT
st --db big.db print visits --month 2026-12 -o "$mnt/full.pdf"
ok full_disk_refused rc_is 1
ok full_disk_says err_has "磁盘已满"
ok full_disk_no_file [ ! -e "$mnt/full.pdf" ]
ok full_disk_no_temp_left [ -z "$(ls -A "$mnt")" ]
echo old >"$mnt/keep.pdf"
mount -o remount,ro "$mnt"
st --db demo.db print visits --month 2026-10 -o "$mnt/ro.pdf"
ok readonly_folder_refused rc_is 1
ok readonly_folder_says err_has "文件夹不能写入"
ok readonly_no_file [ ! -e "$mnt/ro.pdf" ]
st --db demo.db print visits --month 2026-10 -o "$mnt/keep.pdf"
ok readonly_old_file_kept [ "$(cat "$mnt/keep.pdf")" = old ]
umount "$mnt"
