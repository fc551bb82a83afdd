#!/bin/sh
# Accounts and roles through the keyboard (docs/ACCOUNTS.md): the first run of a station with
# login on asks for the station head's account before anything else (a short password refused,
# passwords shown as *); the head makes a 联络员 and a 只读 account on the account screen; each
# role logs in and is shown what it may and may not do (screen and database); five wrong
# passwords lock an account (even the right one is refused, until a time); the head resets the
# password, which unlocks; no password is stored anywhere in the database.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
sed -i 's/^login = no$/login = yes/' "$CONF"
# A station with records (demo) and no account yet.
env LANG=C.UTF-8 STATION_TODAY=$STATION_TODAY "$STATION_BIN" --config "$CONF" demo --db "$DB" >/dev/null 2>&1 ||
	fail "demo database"
check_eq "no account yet" "$(sql 'select count(*) from users')" 0
ndep=$(sql 'select count(*) from deputies where deleted = 0')

# Log in as $1 with password $2; wait for the home screen and the name on the title bar ($3).
login_as() {
	E2E_NOWAIT=1 e2e_start
	expect_screen "请登录"
	type_text "$1"; key Tab
	type_text "$2"; key Enter
	check "login as $1: home with $3 on the title bar" wait_for "$3"
	expect_screen "台账"
}

# --- first run: the head's account before anything else ---
E2E_NOWAIT=1 e2e_start
check "first run asks for the station head's account" wait_for "建立站长账号"
check "nothing else first" screen_lacks "台账"
type_text "zhang"; key Tab
type_text "张站长"; key Tab
type_text "abc"; key Tab
check "a password is shown as *, never as typed" sh -c "tmux -L $SOCK capture-pane -p | grep -q '再输一次' && ! tmux -L $SOCK capture-pane -p | grep -q abc"
type_text "abc"; key Enter
check "a short password is refused" wait_for "密码至少 6 个字符"
check_eq "nothing stored after the refusal" "$(sql 'select count(*) from users')" 0
# the password fields were emptied; the cursor is on the first of them
type_text "secret1"; key Tab
type_text "secret2"; key Enter
check "two different passwords are refused" wait_for "两次输入的密码不一样"
type_text "secret1"; key Tab
type_text "secret1"; key Enter
check "the head is in: home, and the title bar names him" wait_for "张站长（站长）"
check_eq "the head's account" "$(sql "select login, name, role, password_hash like '\$y\$%' from users")" "zhang|张站长|站长|1"

# --- the head makes a 联络员 and a 只读 account on the account screen (F12) ---
key F12
expect_screen "账号管理"
key F3
expect_screen "角色"
type_text "联络员"; key Enter
expect_screen "新增账号（联络员）"
type_text "wang"; key Tab
type_text "王芳"; key Tab
type_text "wangpass"; key Tab
type_text "wangpass"; key Enter
check "clerk account made" wait_for "已建立联络员账号 wang"
key F3
expect_screen "角色"
type_text "只读"; key Enter
expect_screen "新增账号（只读）"
type_text "jc"; key Tab
type_text "检查员"; key Tab
type_text "readonly1"; key Tab
type_text "readonly1"; key Enter
check "read-only account made" wait_for "已建立只读账号 jc"
check_eq "three accounts" "$(sql "select group_concat(login || ':' || role, ' ') from (select * from users order by id)")" \
	"zhang:站长 wang:联络员 jc:只读"
e2e_quit "head"

# --- 联络员: enters and edits; may not delete, correct a closed case, approve points, manage accounts ---
login_as wang wangpass "王芳（联络员）"
key 1
expect_screen "代表名册"
key F8
check "clerk: delete refused" wait_for "删除需要站长账号"
check_eq "clerk: nothing deleted" "$(sql 'select count(*) from deputies where deleted = 0')" "$ndep"
key F3
check "clerk: may add a deputy (the form opens)" wait_for "新增代表"
key Escape
expect_screen "代表名册"
key Escape
expect_screen "台账"
closed=$(sql "select case_no from cases where status = '办结' and deleted = 0 order by id limit 1")
check "the demo has a closed case" [ -n "$closed" ]
key 4
expect_screen "意见建议办理簿"
type_text "$closed"
expect_screen "共 1 条"
key Enter
expect_screen "$closed"
key F4
check "clerk: correcting a closed case refused" wait_for "更正已办结的记录需要站长账号"
check "clerk: the case form did not open" screen_lacks "修改意见建议"
key Escape
expect_screen "意见建议办理簿"
key Escape # clears the filter
expect_gone "共 1 条"
key Escape
expect_screen "台账"
key 9
expect_screen "代表履职"
type_text "积分"; key Enter
expect_gone "Enter 选定"
expect_screen "履职积分排名"
key F9
check "clerk: a points adjustment refused" wait_for "履职积分调整需要站长审批"
key Escape
expect_screen "台账"
key F12
check "clerk: the account key changes only her own password" wait_for "修改 wang 的密码"
check "clerk: no account screen" screen_lacks "账号管理"
key Escape
e2e_quit "clerk"

# --- 只读: sees, changes nothing ---
login_as jc readonly1 "检查员（只读）"
key 1
expect_screen "代表名册"
key F3
check "read-only: new refused" wait_for "只读账号不能修改记录"
key Down
expect_gone "只读账号不能修改记录"
key Enter
check "read-only: Enter opens no form either" wait_for "只读账号不能修改记录"
check "read-only: the deputy's form did not open" screen_lacks "修改代表"
key F8
check "read-only: delete refused" wait_for "只读账号不能修改记录"
key Escape
expect_screen "台账"
key F3
check "read-only: a new visit refused" wait_for "只读账号不能修改记录"
check "read-only: the visit form did not open" screen_lacks "接待代表"
key 4
check "read-only: sees the cases" wait_for "意见建议办理簿"
key Escape
expect_screen "台账"
key F8
check "read-only: the 报表 (summary, exports) opens" wait_for "期间："
key Escape
expect_screen "台账"
check_eq "read-only: nothing written" "$(sql "select count(*) from audit_log where user = '检查员' and table_name <> 'users'")" 0
e2e_quit "read-only"

# --- five wrong passwords lock the account ---
E2E_NOWAIT=1 e2e_start
expect_screen "请登录"
type_text "wang"; key Tab
for i in 1 2 3 4; do
	type_text "wrong$i$i"; key Enter
	check "wrong password $i: the same message for login and password" wait_for "登录名或密码不对"
done
type_text "wrong55"; key Enter
check "the fifth wrong password locks, saying until when" wait_for "已锁定到"
type_text "wangpass"; key Enter
check "locked: even the right password is refused" wait_for "已锁定（连续 5 次密码不对）"
check_eq "locked in the database" "$(sql "select locked_until is not null from users where login = 'wang'")" 1
key Escape
st=$(wait_exit)
check_eq "Esc at the login screen leaves (status 0)" "$st" 0

# --- the head resets the clerk's password, which unlocks ---
login_as zhang secret1 "张站长（站长）"
key F12
expect_screen "账号管理"
check "the account screen shows the lock" wait_for "锁定到"
type_text "wang"
expect_screen "共 1 条"
key F5
expect_screen "重设 wang（王芳）的密码"
type_text "newpass1"; key Tab
type_text "newpass1"; key Enter
check "reset and unlocked" wait_for "已重设 wang 的密码，并解除了锁定"
check_eq "unlocked in the database" "$(sql "select locked_until is null and fails = 0 from users where login = 'wang'")" 1
e2e_quit "reset"
login_as wang newpass1 "王芳（联络员）"
e2e_quit "clerk again"

# --- no password anywhere in the file ---
check_eq "no password stored" "$(sqlite3 "$DB" .dump | grep -c -e secret1 -e wangpass -e newpass1 -e readonly1)" 0
e2e_finish
