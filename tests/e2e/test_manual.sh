#!/bin/sh
# The screens in the manual (docs/manual/) are captured from the real program, so they never drift
# from it: this test drives the program through a day at the station on the demo database (fixed
# date 2026-12-15, a reception day; 100x30), captures each screen the manual shows with
# capture-pane into docs/manual/screens/NAME.txt and compares it with the committed file (a
# difference FAILs with the diff). Every code block of docs/manual/*.md that follows a line
# `<!-- screen: NAME -->` must be that file, word for word. MANUAL_UPDATE=1 rewrites the files and
# the blocks instead (review the diff and commit). What varies from run to run is masked in
# manual_mask() below, and only there.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
# A reception day (rule day:15; the demo's dates count back from it): the visit form brings the
# day's deputies on duty.
export STATION_TODAY=2026-12-15
SHOTS=docs/manual/screens
mkdir -p "$T/导出" "$T/打印" "$T/备份"
cat >"$CONF" <<INI
[station]
name = 城关镇人大代表联络站
code = CG01
county = 测试县
township = 城关镇
[export]
folder = $T/导出
[print]
folder = $T/打印
[backup]
dir = $T/备份
remind_days = 7
[accounts]
login = no
INI
env LANG=C.UTF-8 STATION_TODAY=$STATION_TODAY "$STATION_BIN" --config "$CONF" demo --db "$DB" >/dev/null 2>&1 ||
	fail "demo database"

# The one place where what varies is made fixed: the test's temporary folder is shown as the
# clerk's home (~/; the columns it gave up go after the path, so a dialog's frame stays where the
# program drew it), and a clock time after a date (when a record was written: the date is fixed by
# STATION_TODAY, the time of day is not) as 09:30, and so in a backup's file name (which has the
# real date and time: 20261215-093000). Trailing spaces are dropped.
manual_mask() {
	awk -v t="$T/" '{
		out = ""
		while ((i = index($0, t)) > 0) {
			rest = substr($0, i + length(t))
			j = index(rest, " ")
			path = j ? substr(rest, 1, j - 1) : rest
			pad = sprintf("%" (length(t) - 2) "s", "")
			out = out substr($0, 1, i - 1) "~/" path (j ? pad : "")
			$0 = j ? substr(rest, j) : ""
		}
		print out $0
	}' | sed -e 's/\(20[0-9][0-9]-[01][0-9]-[0-3][0-9]\) [0-2][0-9]:[0-5][0-9]\(:[0-5][0-9]\)\{0,1\}/\1 09:30/g' \
		-e 's/station-\([A-Za-z0-9]*\)-20[0-9]\{6\}-[0-9]\{6\}\.db/station-\1-20261215-093000.db/g' \
		-e 's/[[:space:]]*$//'
}

# shot NAME TEXT: wait for TEXT, then for the screen to stop changing; compare with (or write)
# docs/manual/screens/NAME.txt.
shot() {
	if ! wait_for "$2"; then
		fail "screen $1: shows $2"
		return 1
	fi
	prev= i=0
	while [ $i -lt 100 ]; do
		cur=$(screen)
		[ "$cur" = "$prev" ] && break
		prev=$cur
		sleep 0.05
		i=$((i + 1))
	done
	screen | manual_mask >"$T/$1.txt"
	SHOT_NAMES="${SHOT_NAMES:-} $1"
	if [ -n "${MANUAL_UPDATE:-}" ]; then
		cp "$T/$1.txt" "$SHOTS/$1.txt"
		pass "screen $1 written"
	elif diff -u "$SHOTS/$1.txt" "$T/$1.txt" >"$T/diff" 2>&1; then
		pass "screen $1 is the committed one"
	else
		cat "$T/diff" >&2
		fail "screen $1 is the committed one (MANUAL_UPDATE=1 sh $0 rewrites it)"
	fi
}

# --- morning: the home screen, and F1 on it ---
e2e_start
shot home "台账： 1 代表名册"
key F1
shot home_help "本屏（首页）"
key Escape
expect_gone "本屏（首页）"

# --- a reception: F3, a resident's problem handed to a unit ---
key F3
expect_screen "*来访人"
check "the visit form brings today's deputies on duty" wait_for "接待日来访"
type_text "张桂芳"; key Tab
type_text "石桥村到镇上的班车一天只有两趟，老人看病不方便，希望增加班次。"; key Tab
type_text "dl"; key Tab
type_text "jb"; key Tab Tab
type_text "交通"; key Tab Tab
type_text "13907710001"
shot visit_form "时限将定为"
key F2
shot visit_saved "已保存第 1 位来访（张桂芳）"
check_eq "the visit is in the database" "$(sql "select count(*) from visits where visitor_name = '张桂芳'")" 1
key Escape
expect_screen "台账： 1 代表名册"

# --- the register of visits, and this month's ledger printed ---
menu 3
shot visits "来访日期：2026年12月"
key F11
shot visits_print "已保存 "
check "the ledger is a PDF in the print folder" [ -s "$T/打印/接待选民登记簿-2026-12.pdf" ]
key Escape
expect_screen "台账： 1 代表名册"

# --- cases: the list, one case with its timeline, what can be done next ---
menu 4
shot cases "意见建议办理簿"
type_text "0009"
expect_screen "共 1 条"
key Enter
shot case "办理经过"
key F5
shot case_actions "回访"
key Escape
expect_gone "Enter 选定"
key Escape Escape Escape
expect_screen "台账： 1 代表名册"

# --- the quarter's report, exported ---
key F8
shot report "期间：2026年第四季度"
key F5
shot report_export "汇总表已导出"
check "the summary CSV is in the export folder" [ -s "$T/导出/CG01-汇总-2026-10-01_2026-12-31.csv" ]
key F6
shot report_detail "导出哪种明细"
key Escape
expect_gone "导出哪种明细"
key Escape
expect_screen "台账： 1 代表名册"

# --- closing: the backup offer ---
key F10
shot backup_offer "现在备份吗"
key y
shot backup_folder "备份到哪个文件夹"
key Enter
shot backup_done "已备份"
key Enter
st=$(wait_exit)
check_eq "the program exits after the backup" "$st" 0
check "a backup file was written" sh -c "ls '$T/备份'/station-*.db >/dev/null 2>&1"
e2e_sanitizer_clean "manual screens"

# --- the manual's pages show exactly these screens ---
# Every `<!-- screen: NAME -->` is followed by a ```text block: its lines must be NAME.txt.
for name in $SHOT_NAMES; do
	grep -q "<!-- screen: $name -->" docs/manual/*.md || fail "screen $name is shown in a page of docs/manual/"
done
for page in docs/manual/*.md; do
	for name in $(sed -n 's/^<!-- screen: \([a-z_]*\) -->$/\1/p' "$page"); do
		[ -f "$SHOTS/$name.txt" ] || { fail "$page: screen $name has a file"; continue; }
		awk -v want="<!-- screen: $name -->" '
			$0 == want { found = 1; next }
			found == 1 && /^```/ { found = 2; next }
			found == 2 && /^```$/ { exit }
			found == 2 { print }' "$page" >"$T/block"
		if [ -n "${MANUAL_UPDATE:-}" ] && ! cmp -s "$T/block" "$SHOTS/$name.txt"; then
			awk -v want="<!-- screen: $name -->" -v file="$SHOTS/$name.txt" '
				$0 == want { print; print "```text"; while ((getline l < file) > 0) print l; print "```"; skip = 1; next }
				skip == 1 && /^```/ { skip = 2; next }
				skip == 2 && /^```$/ { skip = 0; next }
				skip == 2 { next }
				{ print }' "$page" >"$T/page" && cat "$T/page" >"$page"
			cp "$SHOTS/$name.txt" "$T/block"
		fi
		if cmp -s "$T/block" "$SHOTS/$name.txt"; then
			pass "$page shows screen $name as captured"
		else
			diff -u "$SHOTS/$name.txt" "$T/block" | head -20 >&2
			fail "$page shows screen $name as captured (MANUAL_UPDATE=1 sh $0 rewrites the block)"
		fi
	done
done
e2e_finish
