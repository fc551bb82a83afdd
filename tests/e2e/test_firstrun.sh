#!/bin/sh
# The first run's walk-through (docs/SETUP.md), from an empty folder to a usable station: no
# database and a station.ini without [station]; every step typed in Chinese. A bad station code
# (中文, too long) is refused at its field with the rest kept; the station head's account is
# made in step 2; quitting in the middle of step 3 and starting again resumes at step 3 (after
# the login) with steps 1-2 kept and the half-typed step restored; a roster file with a bad row
# imports nothing and lists the problem; the template filled with 3 deputies imports them; the
# home screen shows the station's name; the database holds the settings and 3 deputies; the
# next start goes straight to the login and the home screen.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
cat >"$CONF" <<'INI'
[backup]
remind_days = 0
INI
check "no database yet" [ ! -e "$DB" ]

# The template from the source tree, filled with 3 deputies (as WPS saves it: BOM, CRLF).
cp data/templates/代表名册.csv "$T/名册.csv"
printf '%s\r\n' '李明,男,汉族,1970-05-01,县,XD-001,第十八届,城关镇第一选区,城关镇农技站站长,中共党员,13900000001,,在任,2026-01-10,' \
	'王芳,女,汉族,1980-02-12,乡镇,XZ-002,第十九届,城关镇第二选区,城关镇中心小学教师,群众,13900000002,,在任,2026-01-10,' \
	'赵强,男,回族,1975-09-30,县,XD-003,第十八届,城关镇第三选区,个体工商户,群众,13900000003,,在任,2026-01-10,' >>"$T/名册.csv"
# The same with a bad row (性别 not 男/女).
cp "$T/名册.csv" "$T/坏名册.csv"
printf '%s\r\n' '钱多,未知,汉族,1990-01-01,县,,,,,,,,,,' >>"$T/坏名册.csv"

E2E_NOWAIT=1 e2e_start
check "first run: step 1 of the walk-through" wait_for "第 1 步（共 4 步） 本站信息"
check "first run: the hint names each key (F2 next, Esc back, F10 quit)" \
	screen_has "F2 下一步    Esc 上一步（已填的不会丢）    F10 退出（下次从这一步继续）"

# Step 1: a code in Chinese is refused at its field; the name typed stays.
type_text "城关镇人大代表联络站"; key Tab
type_text "中文代码"; key Tab
type_text "测试县"; key Tab
type_text "城关镇"; key F2
check "a code in Chinese is refused at the field" wait_for "应为 1 到 12 个英文字母或数字"
check "the name typed is kept" screen_has "城关镇人大代表联络站"
check "the county typed is kept" screen_has "测试县"
check_eq "nothing stored after a refusal" "$(sql "select count(*) from settings where key like 'station.%'")" 0
# Too long: 13 letters.
key C-u; type_text "ABCDEFGHIJKLM"; key F2
check "a code of 13 letters is refused" wait_for "应为 1 到 12 个英文字母或数字"
key C-u; type_text "CG01"; key F2
check "step 2: the station head's account" wait_for "第 2 步（共 4 步） 站长账号"
check_eq "step 1 stored: the name" "$(sql "select value from settings where key = 'station.name'")" "城关镇人大代表联络站"
check_eq "step 1 stored: the code, also the station's" "$(sql "select value from settings where key = 'station.code'") $(sql 'select code from station_info')" "CG01 CG01"
check "the title bar shows the new name at once" screen_has "城关镇人大代表联络站"

# Step 2: the account form of the first run.
key F2
expect_screen "建立站长账号"
type_text "zhangzz"; key Tab
type_text "张站长"; key Tab
type_text "secret1"; key Tab
type_text "secret1"; key Enter
check "step 3: the reception rule" wait_for "第 3 步（共 4 步） 接待日"
check_eq "the head's account made" "$(sql "select login || ' ' || role from users")" "zhangzz 站长"

# Step 3: the rule typed over the default; the next reception days follow it.
type_text "每月16日"
check "the next reception days follow the rule typed" wait_for "2026-12-16、2027-01-18、2027-02-16"
key C-u; type_text "每月15日"
check "the next three reception days of 每月15日" wait_for "2026-12-15、2027-01-15、2027-02-15"
key Tab Tab
type_text "城关镇政府一楼"
# Quit in the middle of step 3 (asked first).
key F10
expect_screen "退出设置向导吗"
key y
st=$(wait_exit)
check_eq "quit in step 3: exit 0" "$st" 0
check_eq "the step to resume at is stored" "$(sql "select value from settings where key = 'setup.step'")" 3

# Again: the login (the account exists), then step 3, the typed text offered back.
E2E_NOWAIT=1 e2e_start
expect_screen "请登录"
type_text "zhangzz"; key Tab
type_text "secret1"; key Enter
check "restart: the half-typed step offered back" wait_for "草稿"
key y
check "restart resumes at step 3" wait_for "第 3 步（共 4 步） 接待日"
check "the place typed before quitting is back" wait_for "城关镇政府一楼"
check "steps 1-2 kept: the name on the title bar" screen_has "城关镇人大代表联络站"
check "steps 1-2 kept: the account on the title bar" screen_has "张站长"
key F2
check "step 4: the roster" wait_for "第 4 步（共 4 步） 代表名册"
check_eq "step 3 stored" "$(sql "select group_concat(value, '|') from (select value from settings where key like 'reception.%' order by key)")" "城关镇政府一楼|每月15日|09:00-11:30"
check "the template's place is shown" screen_has "data/templates/代表名册.csv"

# Step 4: a file with a bad row imports nothing and says why.
key Tab
type_text "$T/坏名册.csv"; key F2
check "a bad row: nothing imported, the problem listed" wait_for "没有导入：1 处问题"
check "the problem names the row" screen_has "第 5 行"
check_eq "all or none: no deputy" "$(sql 'select count(*) from deputies')" 0
key Escape
expect_gone "没有导入：1 处问题"
key C-u; type_text "$T/名册.csv"; key F2
check "done: the home screen" wait_for "台账"
check "the home screen shows the station's name" screen_has "城关镇人大代表联络站"
check "done: the import counted" screen_has "已导入 3 位代表"
check_eq "3 deputies in the roster" "$(sql 'select count(*) from deputies where deleted = 0')" 3
check_eq "the walk-through is done" "$(sql "select value from settings where key = 'setup.step'")" done
check "settings changes are audited" [ "$(sql "select count(*) from audit_log where table_name = 'settings'")" -ge 8 ]
e2e_quit "after the walk-through"

# The next start: the login, then the home screen; no walk-through.
E2E_NOWAIT=1 e2e_start
expect_screen "请登录"
type_text "zhangzz"; key Tab
type_text "secret1"; key Enter
check "next start: the home screen" wait_for "台账"
check "next start: no walk-through" screen_lacks "第一次使用"
e2e_quit "next start"

# Without accounts ([accounts] login = no) the walk-through has three steps. Esc goes back a step
# keeping what was typed in both; 手工逐个添加 ends on the new deputy's form.
DB=$T/second.db
printf '[backup]\nremind_days = 0\n[accounts]\nlogin = no\n' >"$CONF"
E2E_NOWAIT=1 e2e_start
check "no accounts: three steps" wait_for "第 1 步（共 3 步） 本站信息"
type_text "东街人大代表联络站"; key Tab
type_text "DJ01"; key F2
check "no accounts: step 2 is the reception rule" wait_for "第 2 步（共 3 步） 接待日"
key Tab Tab
type_text "东街社区二楼"
key Escape
check "Esc: back to step 1" wait_for "第 1 步（共 3 步） 本站信息"
check "step 1 as stored" screen_has "东街人大代表联络站"
key F2
check "F2 again: step 2" wait_for "第 2 步（共 3 步） 接待日"
check "what was typed in step 2 before Esc is kept" screen_has "东街社区二楼"
key F2
check "step 3: the roster" wait_for "第 3 步（共 3 步） 代表名册"
type_text "手工逐个添加"; key F2
check "手工逐个添加: the new deputy's form" wait_for "新增代表"
check_eq "the walk-through is done" "$(sql "select value from settings where key = 'setup.step'")" done
check_eq "the place stored" "$(sql "select value from settings where key = 'reception.place'")" "东街社区二楼"
key Escape
expect_screen "代表名册"
key Escape
check "then the home screen with the name" wait_for "台账"
check "the name on the title bar" screen_has "东街人大代表联络站"
e2e_quit "by hand"
e2e_finish
