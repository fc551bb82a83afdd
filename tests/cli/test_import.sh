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
