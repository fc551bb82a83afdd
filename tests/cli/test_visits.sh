#!/bin/sh
# station visits --month YYYY-MM: a month's visits as aligned columns (checked by display width
# with Python's unicodedata), the total of visits and people, masked phones (--full shows them),
# $COLUMNS, an empty month, bad months and misplaced options, read only; and the demo's visits.
. "$(dirname "$0")/lib.sh"

# aligned FILE WIDTH: the rows start their columns at the display columns where the header's
# titles start (each such column is the first column of a character, after two spaces, or a
# space itself in an empty cell) and no line is wider than WIDTH. East Asian Wide/Fullwidth
# characters count 2.
aligned() {
	python3 - "$1" "$2" <<'EOF'
import sys, unicodedata
path, limit = sys.argv[1], int(sys.argv[2])

def cells(line):  # [(char, starts here)] per display column
    out = []
    for c in line:
        w = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        out.append((c, True))
        out.extend([(c, False)] * (w - 1))
    return out

lines = open(path, encoding="utf-8").read().splitlines()[1:-1]  # header and rows
head = cells(lines[0]) if lines else []
starts = [i for i in range(2, len(head)) if head[i][0] != " " and head[i][1] and head[i - 1][0] == " "]
ok = len(lines) >= 2 and len(starts) >= 6
for line in lines:
    cols = cells(line)
    if len(cols) > limit:
        print("    too wide (%d > %d): %s" % (len(cols), limit, line))
        ok = False
    for s in starts:
        if s < len(cols) and (not cols[s][1] or cols[s - 1][0] != " " or cols[s - 2][0] != " "):
            print("    column at %d broken: %s" % (s, line))
            ok = False
if not ok:
    print("    columns start at %s" % starts)
sys.exit(0 if ok else 1)
EOF
}

st demo --db demo.db
ok demo_for_visits rc_is 0
ok demo_has_visits sql_is demo.db "select count(*) > 5 from visits" 1
ok demo_has_reception_days sql_is demo.db "select count(*) >= 12 from reception_days where date like '2026-%'" 1
ok demo_has_cases sql_is demo.db "select count(*) > 0 from cases where visit_id is not null" 1

# October 2026, written behind the program's back: a group of 12, a landline, a long content
# with a line break, a name wider than its column, and a deleted visit that must not show.
sqlite3 demo.db "
delete from visits;
insert into visits (date, channel, visitor_name, visitor_phone, people, content, category, handling, reply)
values ('2026-10-15', '接待日来访', '王大妈', '13812345678', 1, '小区门口积水
下雨天没法走', '城乡建设', '当场答复', '已安排清理'),
('2026-10-15', '接待日来访', '石桥村村民代表欧阳明', NULL, 12, '全组十二户联名反映机耕路被冲毁，收甘蔗的车开不进来，希望尽快修复，已经等了半年', '道路交通', '转为代表建议', NULL),
('2026-10-03', '线上', '匿名', '0371-12345678', 2, 'noise at night 夜间施工噪音', '生态环境', '交办', NULL),
('2026-10-20', '电话', 'Li', '13900001234', 1, '询问医保', '医疗卫生', '当场答复', '已告知'),
('2026-09-30', '来信', '甲', NULL, 5, '九月的来信', '教育', '转为代表建议', NULL);
insert into visits (date, channel, visitor_name, people, content, category, handling, deleted)
values ('2026-10-10', '日常来访', '已删除', 100, '不应出现', '其他', '转为代表建议', 1);"
sum=$(md5sum < demo.db)

st visits --db demo.db --month 2026-10
ok visits_exit_0 rc_is 0
ok visits_title out_has "2026 年 10 月接待选民登记簿（人大代表联络站）"
ok visits_header out_has "日期        渠道        来访人    联系电话       人数  类别      处理方式      反映问题"
ok visits_total out_has "共 4 次来访，16 人"
ok visits_total_is_last [ "$(tail -n 1 "$T/out")" = "共 4 次来访，16 人" ]
ok visits_oldest_first [ "$(sed -n 3p "$T/out" | cut -c1-10)" = 2026-10-03 ]
ok visits_mask_mobile out_has "138****5678"
ok visits_mask_landline out_has "0371-****5678"
ok visits_no_full_phone out_lacks "13812345678"
ok visits_group_people grep -q "道路交通" "$T/out"
ok visits_no_deleted out_lacks "不应出现"
ok visits_no_other_month out_lacks "九月的来信"
ok visits_long_content_cut out_lacks "已经等了半年"
ok visits_cut_marked out_has "~"
ok visits_aligned_100 aligned "$T/out" 100
ok visits_read_only [ "$(md5sum < demo.db)" = "$sum" ]

st visits --db demo.db --month 2026-10 --full
ok visits_full_phone out_has "13812345678"
ok visits_full_landline out_has "0371-12345678"
ok visits_full_aligned aligned "$T/out" 100

COLUMNS=80 st visits --db demo.db --month 2026-10
ok visits_columns_80 aligned "$T/out" 80
ok visits_columns_80_no_phone out_lacks "138****5678"
COLUMNS=60 st visits --db demo.db --month 2026-10
ok visits_columns_60_at_least_content aligned "$T/out" 74
COLUMNS=160 st visits --db demo.db --month 2026-10
ok visits_columns_160_whole_content out_has "已经等了半年"
ok visits_line_break_joined out_has "小区门口积水 下雨天没法走"
ok visits_columns_160_aligned aligned "$T/out" 160
COLUMNS=abc st visits --db demo.db --month 2026-10
ok visits_bad_columns_default aligned "$T/out" 100

# Options before the command work too; a pipe gets the same text.
st --month=2026-10 --db demo.db visits
ok visits_options_first out_has "共 4 次来访，16 人"
ok visits_pipe sh -c "'$BIN' visits --db demo.db --month 2026-10 2>/dev/null | grep -q '共 4 次来访'"

st visits --db demo.db --month 2026-11
ok visits_empty_month_exit_0 rc_is 0
ok visits_empty_month_total out_has "共 0 次来访，0 人"

# Without --month: this month (STATION_TODAY is 2026-03-15).
st visits --db demo.db
ok visits_default_month out_has "2026 年 3 月"

# Bad input: exit 2 with a message, the database untouched.
for m in 2026-13 2026-1 202610 10-2026 2026/10 abc ""; do
	st visits --db demo.db --month "$m"
	ok "visits_bad_month_${m:-empty}_exit_2" rc_is 2
done
st visits --db demo.db --month 2026-13
ok visits_bad_month_message err_has "月份应写成 年-月，如 2026-10：2026-13"
LANG=en_US.UTF-8 st visits --db demo.db --month 2026-13
ok visits_bad_month_english err_has "the month should look like 2026-10"
st visits --db demo.db --month
ok visits_month_missing_arg rc_is 2
st visits --db demo.db 2026-10
ok visits_extra_arg_exit_2 rc_is 2
ok visits_extra_arg_message err_has "多余的参数 2026-10"
st check --db demo.db --month 2026-10
ok month_only_for_visits rc_is 2
ok month_only_for_visits_message err_has "--month 只用于 visits 命令"
st check --db demo.db --full
ok full_only_for_visits rc_is 2
st visits --db missing.db --month 2026-10
ok visits_missing_db_exit_4 rc_is 4
ok visits_missing_db_not_created [ ! -e missing.db ]
ok visits_still_untouched [ "$(md5sum < demo.db)" = "$sum" ]

st --help
ok help_lists_visits out_has "visits --month 年-月"
