#!/bin/sh
# station import deputies FILE.csv: all or nothing, every problem with line and column.
. "$(dirname "$0")/lib.sh"

st import deputies "$FIX/good.csv" --db a.db
ok import_good_exit_0 rc_is 0
ok import_good_message out_has "已导入 3 名代表"
ok import_good_count sql_is a.db "select count(*) from deputies" 3
ok import_good_phone_normalised sql_is a.db "select phone from deputies where name = '张三'" 13900000201
ok import_good_date_normalised sql_is a.db "select join_date from deputies where name = '张三'" 2022-01-05
ok import_good_quoted_comma sql_is a.db "select work_unit from deputies where name = '曾丽'" "西河镇红旗村村委会委员, 妇女主任"
ok import_good_status_default sql_is a.db "select status from deputies where name = '张三'" 在任
LANG=en_US.UTF-8 st import deputies "$FIX/good.csv" --db b.db
ok import_good_english out_has "imported 3 deputies"

st import deputies "$FIX/good.csv" --db a.db
ok import_again_rejected rc_is 1
ok import_again_names_duplicate err_has "第 2 行：代表名册中已有张三"
ok import_again_count_unchanged sql_is a.db "select count(*) from deputies" 3

st import deputies "$FIX/bad-rows.csv" --db c.db
ok import_bad_exit_1 rc_is 1
ok import_bad_phone_row_3 err_has "第 3 行 第 4 列（联系电话）："
ok import_bad_date_row_5 err_has "第 5 行 第 5 列（出生日期）："
ok import_bad_summary err_has "没有导入任何代表：发现 2 个问题"
ok import_bad_nothing_imported sql_is c.db "select count(*) from deputies" 0

tail -c +4 "$FIX/good.csv" | iconv -f UTF-8 -t GB18030 > gbk.csv
st import deputies gbk.csv --db d.db
ok import_gbk_exit_1 rc_is 1
ok import_gbk_message err_has "文件不是 UTF-8 编码（可能是 GBK/GB18030，请在 WPS/Excel 中另存为 \"CSV UTF-8\"）"

st import deputies "$FIX/unknown-column.csv" --db d.db
ok import_unknown_column_exit_1 rc_is 1
ok import_unknown_column_named err_has "第 1 行 第 4 列（籍贯）：不认识的列名"

st import deputies "$FIX/empty.csv" --db d.db
ok import_empty_exit_1 rc_is 1
ok import_empty_message err_has "文件是空的"

st import deputies "$FIX/too-long.csv" --db d.db
ok import_too_long_exit_1 rc_is 1
ok import_too_long_message err_has "第 3 行 第 1 列（姓名）：内容过长"
ok import_rejections_left_db_empty sql_is d.db "select count(*) from deputies" 0

st import deputies missing.csv --db d.db
ok import_missing_file_exit_1 rc_is 1
ok import_missing_file_message err_has "missing.csv：文件不存在"

# ---- the old books: station import visits|cases|activities (docs/IMPORT.md) ----
st import deputies "$FIX/good.csv" --db r.db
st import visits "$FIX/visits-good.csv" --db r.db
ok visits_good_exit_0 rc_is 0
ok visits_good_message out_has "已导入 3 条记录"
ok visits_good_count sql_is r.db "select count(*) from visits" 3
ok visits_good_date_normalised sql_is r.db "select date from visits where visitor_name = '李四'" 2023-05-06
ok visits_good_deputies_by_name sql_is r.db "select count(*) from visit_deputies" 3
ok visits_good_refusal_reason sql_is r.db "select handling_reason from visits where handling = '不予受理'" "涉法涉诉，已引导走信访渠道"
ok visits_good_no_case_made sql_is r.db "select count(*) from cases" 0
ok visits_audit_names_file_and_line sql_is r.db \
	"select count(*) from audit_log where table_name = 'visits' and user like '%导入（来自 visits-good.csv 第 3 行）'" 1
ok visits_audit_every_row_marked sql_is r.db \
	"select count(*) from audit_log where table_name = 'visits' and user not like '%导入（来自 visits-good.csv 第 _ 行）'" 0

st import visits "$FIX/visits-bad.csv" --db r.db
ok visits_bad_exit_1 rc_is 1
ok visits_bad_masked_phone err_has "第 2 行 第 4 列（联系电话）：这是打码的电话号码"
ok visits_bad_category err_has "第 3 行 第 5 列（类别）：应为以下之一"
ok visits_bad_unknown_deputy err_has "第 4 行 第 9 列（接待代表）：代表名册中没有「王五」"
ok visits_bad_future_date err_has "第 6 行 第 1 列（日期）：日期在今天之后"
ok visits_bad_summary err_has "没有导入任何记录：发现 4 个问题"
ok visits_bad_every_line_placed sh -c "grep -v '^station:' '$T/err' | grep -cv '^第 [0-9]* 行 第 [0-9]* 列（' | grep -qx 0"
ok visits_bad_nothing_written sql_is r.db "select count(*) from visits" 3

st import visits "$FIX/visits-missing-column.csv" --db r.db
ok visits_missing_column_exit_1 rc_is 1
ok visits_missing_column_named err_has "第 1 行：缺少必需的列：反映问题"

printf '\357\273\277日期,来访人,籍贯\r\n2023-01-01,王,广西\r\n' > unknown.csv
st import visits unknown.csv --db r.db
ok visits_unknown_column err_has "第 1 行 第 3 列（籍贯）：不认识的列名"

tail -c +4 "$FIX/visits-good.csv" > nobom.csv
st import visits nobom.csv --db nobom.db
ok visits_without_bom_missing_deputies rc_is 1
st import deputies "$FIX/good.csv" --db nobom.db
st import visits nobom.csv --db nobom.db
ok visits_without_bom_imported sql_is nobom.db "select count(*) from visits" 3

iconv -f UTF-8 -t GB18030 nobom.csv > gb.csv
st import visits gb.csv --db r.db
ok visits_gb18030_exit_1 rc_is 1
ok visits_gb18030_message err_has "文件不是 UTF-8 编码（可能是 GBK/GB18030"

printf '日期,来访人\r\n2023-01-01,\377\376\r\n' > badutf8.csv
st import visits badutf8.csv --db r.db
ok visits_invalid_utf8_exit_1 rc_is 1
ok visits_invalid_utf8_message err_has "第 2 行有无法识别的字节"

{ printf '日期,来访人,类别,反映问题,处理方式\r\n2023-01-01,王,其他,'; head -c 70000 /dev/zero | tr '\0' 'x'; printf ',交办\r\n'; } > huge.csv
st import visits huge.csv --db r.db
ok visits_oversize_field_exit_1 rc_is 1
ok visits_oversize_field_message err_has "第 2 行有一个单元格过长"

{ printf '日期,来访人,类别,反映问题,处理方式\r\n2023-01-01,王,其他,'; head -c 2001 /dev/zero | tr '\0' 'x'; printf ',交办\r\n'; } > long.csv
st import visits long.csv --db r.db
ok visits_too_long_content err_has "第 2 行 第 4 列（反映问题）：内容过长"

: > empty.csv
st import visits empty.csv --db r.db
ok visits_empty_exit_1 rc_is 1
ok visits_empty_message err_has "文件是空的"
head -1 "$FIX/visits-good.csv" > header.csv
st import cases header.csv --db r.db
ok cases_header_only_exit_1 rc_is 1
ok cases_header_only_message err_has "只有表头，没有记录"
ok rejections_wrote_nothing sql_is r.db "select count(*) from visits" 3

# Cases: each case replayed through the case loop; the dates decide the state.
st import cases "$FIX/cases-good.csv" --db r.db
ok cases_good_exit_0 rc_is 0
ok cases_good_count sql_is r.db "select count(*) from cases" 3
ok cases_good_closed sql_is r.db "select status, closed_date, satisfaction, result from cases where case_no = 'ST01-2023-0007'" "办结|2023-03-23|满意|A"
ok cases_good_timeline sql_is r.db \
	"select group_concat(type, ',') from (select e.type from case_events e join cases c on c.id = e.case_id where c.case_no = 'ST01-2023-0007' order by e.id)" \
	"受理,交办,答复,回访,办结"
ok cases_good_due_computed sql_is r.db "select due_date is not null from cases where case_no = 'ST01-2023-0007'" 1
ok cases_good_foreign_number_kept_in_content sql_is r.db "select count(*) from cases where content like '%原编号：老-2023-15%'" 1
ok cases_good_new_number sql_is r.db "select case_no from cases where received_date = '2024-01-10'" ST01-2024-0001

st import cases "$FIX/cases-bad.csv" --db r.db
ok cases_bad_exit_1 rc_is 1
ok cases_bad_state_vs_dates err_has "第 2 行 第 6 列（状态）：状态是「受理」，但按所填的日期应是「办理中」"
ok cases_bad_reply_before_assign err_has "第 3 行 第 9 列（答复日期）："
ok cases_bad_unknown_unit err_has "第 4 行 第 7 列（承办单位）：承办单位名单中没有「没有这个单位」"
ok cases_bad_nothing_written sql_is r.db "select count(*) from cases" 3

st import cases "$FIX/cases-good.csv" --db r.db
ok cases_twice_refused rc_is 1
ok cases_twice_names_number err_has "第 2 行 第 2 列（编号）：本站已有这个编号的意见建议"

st import activities "$FIX/activities-good.csv" --db r.db
ok activities_good_exit_0 rc_is 0
ok activities_good_form_columns sql_is r.db "select time, content, suggestions from activities where topic = '学习代表法'" "09:00-11:00|集中学习|0"
st import activities "$FIX/activities-bad.csv" --db r.db
ok activities_bad_exit_1 rc_is 1
ok activities_bad_type err_has "第 2 行 第 2 列（类型）：应为以下之一"
ok activities_bad_future err_has "第 3 行 第 1 列（日期）：活动日期在今天之后"
ok activities_bad_topic err_has "第 4 行 第 3 列（主题）：必填项"
ok activities_bad_count err_has "第 5 行 第 4 列（形成意见建议数）"
ok activities_bad_nothing_written sql_is r.db "select count(*) from activities" 2

# Round trip: the demo's books exported in full, imported into a new database with the same
# roster, exported again: the same rows, uid included. Importing them twice is refused.
st demo --db demo.db
sqlite3 -header -csv demo.db "select name as 姓名, gender as 性别, level as 层级, phone as 联系电话 from deputies where deleted = 0" > roster.csv
st import deputies roster.csv --db rt.db
for k in cases visits activities; do
	src=demo.db
	[ $k = activities ] && src=r.db # the demo holds no activities
	st export $k --from 2000-01 --to 2030-12 --unmasked -o $k-1.csv --db $src
	st import $k $k-1.csv --db rt.db
	ok roundtrip_${k}_imported rc_is 0
	st export $k --from 2000-01 --to 2030-12 --unmasked -o $k-2.csv --db rt.db
	ok roundtrip_${k}_same_rows cmp -s $k-1.csv $k-2.csv
	ok roundtrip_${k}_not_empty sql_is rt.db "select count(*) > 1 from $k" 1
done
st import visits visits-1.csv --db rt.db
ok roundtrip_again_refused rc_is 1
ok roundtrip_again_names_uid err_has "第 2 行 第 1 列（uid）：这条记录已经在本站的数据库里"
st export visits --from 2000-01 --to 2030-12 -o masked.csv --db demo.db
st import visits masked.csv --db empty-rt.db
ok masked_export_refused err_has "这是打码的电话号码"

# Templates: the files of data/templates/ are what `station import template` writes.
for k in visits cases activities; do
	st import template $k
	ok template_${k}_matches_file cmp -s "$T/out" "$REPO/data/templates/$k.csv"
done
st import template nothing
ok template_unknown_usage rc_is 2
