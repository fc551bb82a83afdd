#!/bin/sh
# Every register filters by a period as a clerk writes it (issue 9, item 15): on the visit,
# case and suggestion lists the 期间 key (F9) takes a quarter, a year or a date range in any
# spelling core/period reads, refuses one that does not exist in the dialog (keeping what was
# typed), and the line above the list shows the period with the counts for it — checked against
# the database with the same range. The visit list opens on this month; its F5 filter form has a
# 期间 field instead of the old month field (which took only 2026-11); the clear key goes back
# to the default view.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
"$STATION_BIN" --config "$CONF" demo --db "$DB" >/dev/null || fail "demo database"
# Spread the demo's records over two years, so a quarter, a year and a range each differ.
sql "update visits set date = '2025-12-30' where id = (select min(id) from visits);
     update visits set date = '2026-07-15' where id = (select max(id) from visits where date like '2026-10%');
     update cases set received_date = '2025-11-20' where id = (select min(id) from cases);
     update suggestions set date = '2025-12-01' where id = (select min(id) from suggestions);"

# "N 次 / 人数 M" of the visits dated FROM..TO, as the summary line says it.
visits_in() {
	sql "select count(*) || ' 次 / 人数 ' || coalesce(sum(people), 0) from visits
	     where deleted = 0 and date between '$1' and '$2'"
}
cases_in() {
	sql "select '共 ' || count(*) || ' 件，其中办结 ' || coalesce(sum(status = '办结'), 0) || ' 件' from cases
	     where deleted = 0 and received_date between '$1' and '$2'"
}
suggestions_in() {
	sql "select count(*) || ' 件' from suggestions where deleted = 0 and date between '$1' and '$2'"
}
# Open register N from the home screen (a key typed while the home screen is still settling
# may be lost: type it again once).
open_register() {
	key "$1"
	wait_for "$2" || { key "$1"; expect_screen "$2"; }
}
# Type a period into the 期间 dialog of the list on screen.
period() {
	key F9
	expect_screen "$1"
	type_text "$2"
	key Enter
}

e2e_start

# --- the visit list: this month by default, then a quarter, a year, a range ---
open_register 3 "来访日期："
check "visits open on this month" wait_for "来访日期：2026年11月（11-01 至 11-30）  来访 $(visits_in 2026-11-01 2026-11-30)"
period "按来访日期筛选" "2026Q5"
check "a quarter that does not exist is refused in the dialog" wait_for "季度应为 1 到 4"
check "the refused period leaves the list as it was" screen_has "2026年11月（11-01 至 11-30）"
key Home C-k
type_text "2026年第四季度"
key Enter
check "visits: 2026年第四季度 counted as in the database" \
	wait_for "来访日期：2026年第四季度（10-01 至 12-31）  来访 $(visits_in 2026-10-01 2026-12-31)"
n=$(sql "select count(*) from visits where deleted = 0 and date between '2026-10-01' and '2026-12-31'")
check "visits: the quarter's rows are listed" screen_has "共 $n 条"
check "visits: a visit of July is not in the fourth quarter" screen_lacks "2026-07-15"
period "按来访日期筛选" "2026"
check "visits: the year 2026 counted as in the database" \
	wait_for "来访日期：2026年（01-01 至 12-31）  来访 $(visits_in 2026-01-01 2026-12-31)"
check "visits: July's visit is in the year" screen_has "2026-07-15"
check "visits: last year's visit is not" screen_lacks "2025-12-30"
period "按来访日期筛选" "2025-12-01 至 2026-07-31"
check "visits: a range across the new year counted as in the database" \
	wait_for "来访日期：2025-12-01 至 2026-07-31  来访 $(visits_in 2025-12-01 2026-07-31)"
check "visits: the range lists both ends" screen_has "2025-12-30"
check "visits: the range lists July" screen_has "2026-07-15"
# The F5 filter form: its 期间 field takes the same spellings (the old month field took only
# 2026-11 and refused 2026Q4).
key F5
expect_screen "筛选条件"
check "the filter form shows the period typed" screen_has "2025-12-01 至 2026-07-31"
key Home C-k
type_text "2026-13"
key F2
check "the filter form refuses a month that does not exist" wait_for "没有 13 月"
key Home C-k
type_text "2026年第三季度"
key F2
check "visits: 2026年第三季度 from the filter form counted as in the database" \
	wait_for "来访日期：2026年第三季度（07-01 至 09-30）  来访 $(visits_in 2026-07-01 2026-09-30)"
key C-u
check "the clear key goes back to this month" \
	wait_for "来访日期：2026年11月（11-01 至 11-30）  来访 $(visits_in 2026-11-01 2026-11-30)"
key Escape
expect_screen "台账"

# --- the case list, by 受理日期 ---
open_register 4 "受理日期："
check "cases open on every date" wait_for "受理日期：不限  $(cases_in 0000-01-01 9999-12-31)"
period "按受理日期筛选" "2026-Q4"
check "cases: 2026-Q4 counted (and its 办结) as in the database" \
	wait_for "受理日期：2026年第四季度（10-01 至 12-31）  $(cases_in 2026-10-01 2026-12-31)"
period "按受理日期筛选" "2026年"
check "cases: 2026年 counted as in the database" wait_for "受理日期：2026年（01-01 至 12-31）  $(cases_in 2026-01-01 2026-12-31)"
check "cases: last year's case is not listed" screen_lacks "2025-11-20"
period "按受理日期筛选" "20251101-20261015"
check "cases: a compact range counted as in the database" \
	wait_for "受理日期：2025-11-01 至 2026-10-15  $(cases_in 2025-11-01 2026-10-15)"
check "cases: last year's case is listed in the range" screen_has "2025-11-20"
period "按受理日期筛选" "2026-12-31~2026-10-01"
check "cases: a range that ends before it starts is refused" wait_for "起日 2026-12-31 晚于止日 2026-10-01"
key Escape
check "Esc on the dialog keeps the period" wait_for "受理日期：2025-11-01 至 2026-10-15"
key F5
check "F5's status combines with the period" wait_for "范围：超期"
n=$(sql "select count(*) from cases where deleted = 0 and status = '办理中' and due_date < '2026-11-23'
         and received_date between '2025-11-01' and '2026-10-15'")
check "cases: 超期 within the period counted as in the database" wait_for "共 $n 件，其中办结 0 件"
key C-u
check "the clear key clears the period and the status" wait_for "受理日期：不限  $(cases_in 0000-01-01 9999-12-31)"
key Escape
expect_screen "台账"

# --- the suggestion list, by 提出日期 ---
open_register 5 "提出日期："
check "suggestions open on every date" wait_for "提出日期：不限  $(suggestions_in 0000-01-01 9999-12-31)"
period "按提出日期筛选" "2026 Q3"
check "suggestions: 2026 Q3 counted as in the database" \
	wait_for "提出日期：2026年第三季度（07-01 至 09-30）  $(suggestions_in 2026-07-01 2026-09-30)"
period "按提出日期筛选" "２０２５年"
check "suggestions: a year in full-width digits counted as in the database" \
	wait_for "提出日期：2025年（01-01 至 12-31）  $(suggestions_in 2025-01-01 2025-12-31)"
check "suggestions: last year's suggestion is listed" screen_has "2025-12-01"
period "按提出日期筛选" "2025-12-01..2026-08-31"
check "suggestions: a range with .. counted as in the database" \
	wait_for "提出日期：2025-12-01 至 2026-08-31  $(suggestions_in 2025-12-01 2026-08-31)"
period "按提出日期筛选" ""
check "an empty period is every date" wait_for "提出日期：不限  $(suggestions_in 0000-01-01 9999-12-31)"
e2e_quit "periods run"
e2e_finish
