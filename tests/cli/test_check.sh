#!/bin/sh
# station check: a healthy database, a missing file, a file that is not a database.
. "$(dirname "$0")/lib.sh"

st demo --db demo.db
ok demo_for_check rc_is 0
sum=$(md5sum < demo.db)
st check --db demo.db
ok check_fresh_demo_exit_0 rc_is 0
ok check_fresh_demo_passes out_has "检查通过：完整性正常，外键正常"
ok check_leaves_file_alone [ "$(md5sum < demo.db)" = "$sum" ]
LANG=en_US.UTF-8 st check --db demo.db
ok check_english out_has "check passed"
LANG=C st check --db demo.db
ok check_lang_c_is_chinese out_has "检查通过"

st check --db missing.db
ok check_missing_file_exit_4 rc_is 4
ok check_missing_file_message err_has "找不到数据库文件：missing.db"
ok check_missing_file_not_created [ ! -e missing.db ]

printf '姓名,性别\n张三,男\n' > notadb.db
st check --db notadb.db
ok check_not_sqlite_exit_4 rc_is 4
ok check_not_sqlite_message err_has "无法打开数据库 notadb.db"
ok check_not_sqlite_untouched [ "$(cat notadb.db)" = "$(printf '姓名,性别\n张三,男')" ]

# The visit counts kept for the points ranking (schema 0012) changed behind the triggers' back:
# found, named by deputy, year and figures.
cp demo.db counts.db
sqlite3 counts.db "update deputy_visit_years set visits = visits + 7 where (year, deputy_id, walk) = (select year, deputy_id, walk from deputy_visit_years where visits > 0 limit 1)"
st check --db counts.db
ok check_visit_counts_exit_1 rc_is 1
ok check_visit_counts_finding out_has "履职积分里代表第"
ok check_visit_counts_figures out_has "接待选民登记里是"

# A link to rows that do not exist (written behind the program's back): found, exit 1.
cp demo.db broken.db
sqlite3 broken.db "insert into visit_deputies (visit_id, deputy_id) values (999, 998)"
st check --db broken.db
ok check_broken_exit_1 rc_is 1
ok check_broken_lists_finding out_has "deputy_id"
ok check_broken_summary out_has "发现 3 个问题"
# ... and the audit row its insert wrote is outside the log's hash chain (docs/AUDIT.md).
ok check_broken_unchained out_has "还没有纳入记录链"

# The audit log edited with the sqlite3 shell (docs/AUDIT.md): a row changed, rows deleted in the
# middle, rows deleted at the end (only the head file beside the database knows) are each reported.
cp demo.db log.db
cp demo.db.chain log.db.chain
sqlite3 log.db "update audit_log set user = '别人' where id = 7"
st check --db log.db
ok check_log_changed_exit_1 rc_is 1
ok check_log_changed_row out_has "修改记录第 7 条在程序之外被改动过"
cp demo.db log.db
cp demo.db.chain log.db.chain
sqlite3 log.db "delete from audit_log where id between 20 and 22"
st check --db log.db
ok check_log_deleted_rows out_has "修改记录第 20 至 22 条被删除了"
cp demo.db log.db
cp demo.db.chain log.db.chain
sqlite3 log.db "delete from audit_log where id > (select max(id) - 3 from audit_log)"
st check --db log.db
ok check_log_tail_deleted_exit_1 rc_is 1
ok check_log_tail_deleted out_has "末尾的修改记录被删除了"
ok check_demo_has_chain_head [ -f demo.db.chain ] && [ "$(stat -c %a demo.db.chain)" = 600 ]
