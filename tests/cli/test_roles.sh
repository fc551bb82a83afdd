#!/bin/sh
# The command line respects the roles (docs/ACCOUNTS.md): with accounts, the commands that change
# the ledger (import, restore) need --user and the password (STATION_PASSWORD here, as a script
# gives it); a wrong password, an unknown login and a deleted account get the same message; a 只读
# account may not import, a 联络员 may not restore; five wrong passwords lock; the read-only
# commands need no login; --user elsewhere is a usage error; with [accounts] login = no, or before
# the first account exists, everything is as before (attributed to [user] name).
. "$(dirname "$0")/lib.sh"

cat >station.ini <<'INI'
[station]
code = CG01
[user]
name = 配置联络员
INI
printf '姓名,性别,层级\n张三,男,县\n' >one.csv
printf '姓名,性别,层级\n李四,女,乡镇\n' >two.csv
printf '姓名,性别,层级\n王五,男,市\n' >three.csv

# Before any account exists: as before, no login, the configured clerk in the log.
st import deputies one.csv --db s.db
ok no_accounts_yet_import_rc rc_is 0
ok no_accounts_yet_audit sql_is s.db "select count(*) from audit_log where table_name = 'deputies' and user = '配置联络员'" 1

# Accounts (as the program's first run and account screen make them; yescrypt hashes via crypt(3)).
hash() { LC_ALL=C perl -e 'print crypt($ARGV[0], q{$y$j9T$F5Jx5fExrKuPp53xLKQ..1$})' "$1"; }
sqlite3 s.db "insert into users (login, name, role, password_hash) values
	('zhang', '张站长', '站长', '$(hash secret1)'),
	('wang', '王芳', '联络员', '$(hash wangpass)'),
	('jc', '检查员', '只读', '$(hash readonly1)')"
ndep() { sqlite3 s.db "select count(*) from deputies"; }

st import deputies two.csv --db s.db
ok import_needs_user_rc rc_is 6
ok import_needs_user_says err_has "--user"
ok import_needs_user_nothing [ "$(ndep)" = 1 ]

STATION_PASSWORD=readonly1 st import deputies two.csv --db s.db --user jc
ok readonly_import_rc rc_is 6
ok readonly_import_says err_has "只读账号不能修改记录"
ok readonly_import_nothing [ "$(ndep)" = 1 ]

STATION_PASSWORD=wrongpw1 st import deputies two.csv --db s.db --user wang
ok wrong_password_rc rc_is 6
ok wrong_password_says err_has "登录名或密码不对"
STATION_PASSWORD=wangpass st import deputies two.csv --db s.db --user nobody
ok unknown_login_same_message err_has "登录名或密码不对"
ok wrong_password_counted sql_is s.db "select fails from users where login = 'wang'" 1

st import deputies two.csv --db s.db --user wang
ok no_terminal_no_env_rc rc_is 6
ok no_terminal_no_env_says err_has "STATION_PASSWORD"

STATION_PASSWORD=wangpass st import deputies two.csv --db s.db --user wang
ok clerk_import_rc rc_is 0
ok clerk_import_done [ "$(ndep)" = 2 ]
ok clerk_import_audit sql_is s.db "select user from audit_log where table_name = 'deputies' and new_values like '%李四%'" "王芳"
ok clerk_good_login_clears_count sql_is s.db "select fails from users where login = 'wang'" 0
ok no_password_in_file [ "$(sqlite3 s.db .dump | grep -c -e wangpass -e secret1 -e readonly1)" = 0 ]

# Read-only commands: no login.
st check --db s.db
ok check_no_login rc_is 0
st visits --db s.db
ok visits_no_login rc_is 0
mkdir bk
st backup bk --db s.db
ok backup_no_login rc_is 0
st check --db s.db --user wang
ok user_only_for_changes_rc rc_is 2
ok user_only_for_changes_says err_has "--user 只用于 import、restore"

# restore replaces everything: the station head's.
b=$(ls bk/*.db | head -1)
STATION_PASSWORD=wangpass st restore "$b" --db s.db --user wang
ok clerk_restore_rc rc_is 6
ok clerk_restore_says err_has "恢复备份需要站长账号"
ok clerk_restore_nothing [ "$(ndep)" = 2 ]
STATION_PASSWORD=secret1 st restore "$b" --db s.db --user zhang
ok head_restore_rc rc_is 0

# Five wrong passwords lock; then even the right one is refused, saying until when.
for i in 1 2 3 4 5; do STATION_PASSWORD=bad$i$i$i st import deputies three.csv --db s.db --user wang; done
ok lock_says err_has "已锁定到"
STATION_PASSWORD=wangpass st import deputies three.csv --db s.db --user wang
ok locked_rc rc_is 6
ok locked_right_password_refused err_has "已锁定（连续 5 次密码不对）"
ok locked_nothing [ "$(ndep)" = 2 ]

# A deleted account cannot log in; its records keep its name.
sqlite3 s.db "update users set deleted = 1, locked_until = null where login = 'wang'"
STATION_PASSWORD=wangpass st import deputies three.csv --db s.db --user wang
ok deleted_account_refused err_has "登录名或密码不对"
ok deleted_account_name_kept sql_is s.db "select count(*) from audit_log where user = '王芳' and table_name = 'deputies'" 1

# login = no: one clerk, no --user, as before.
printf '[accounts]\nlogin = no\n' >>station.ini
st import deputies three.csv --db s.db
ok login_off_import_rc rc_is 0
ok login_off_audit sql_is s.db "select user from audit_log where table_name = 'deputies' and new_values like '%王五%'" "配置联络员"
