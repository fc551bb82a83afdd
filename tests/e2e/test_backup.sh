#!/bin/sh
# The backup offered when the clerk closes the program: asked when there is none or the last is
# older than [backup] remind_days; a USB folder that is not there is said at the field and can
# be fixed; the folder is remembered; older backups beyond [backup] keep go. And with the program
# open: station backup works (online backup), station restore is refused; after it closes, a
# restore brings back exactly what the backup holds.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
USB=$T/usb
cat >"$CONF" <<INI
[station]
name = 城关镇人大代表联络站
code = CG01
[backup]
dir = $USB
keep = 2
remind_days = 7
[accounts]
login = no
INI
env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" demo --db "$DB" >/dev/null 2>&1
check "demo database made" [ "$(sql 'select code from station_info')" = CG01 ]

# 1. No backup yet: asked; N quits without one.
e2e_start
key F10
expect_screen "还没有备份过本站的数据。现在备份吗？"
key n
st=$(wait_exit)
check_eq "N: the program exits" "$st" 0
check "N: no backup folder made" [ ! -e "$USB" ]

# 2. A visit typed, then Y: the USB folder is missing (said, the dialog stays), plugged in, done.
e2e_start
key F3
expect_screen "接待登记"
type_text "周大哥"; key Tab
type_text "村道两侧的排水沟堵塞，下雨天积水漫到路面"; key Tab
type_text "城乡"; key Tab
type_text "当场答复"; key Tab
type_text "已联系村委会，本周内清理"
key F2
expect_screen "已保存"
key Escape
expect_screen "台账"
key F10
expect_screen "还没有备份过本站的数据"
key y
expect_screen "备份到哪个文件夹"
check "the folder of station.ini is offered" screen_has "$USB"
key Enter
expect_screen "文件夹不存在"
check "the dialog stays open" screen_has "备份到哪个文件夹"
mkdir "$USB"
key Enter
expect_screen "已备份：station-CG01-"
check "backup: checked" screen_has "检查通过"
key Enter
st=$(wait_exit)
check_eq "after the backup the program exits" "$st" 0
b=$(ls "$USB"/station-CG01-*.db)
check "backup: one file" [ "$(echo "$b" | wc -l)" -eq 1 ]
check "backup: integrity ok" [ "$(sqlite3 "$b" 'pragma integrity_check')" = ok ]
check "backup: holds the visit typed just before" [ "$(sqlite3 "$b" "select count(*) from visits where visitor_name = '周大哥'")" = 1 ]
check "backup: mode 0600" [ "$(stat -c %a "$b")" = 600 ]
check "the folder is remembered" [ "$(sql 'select backup_dir from station_info')" = "$USB" ]

# 3. While the program is open: station backup works, station restore is refused.
e2e_start
env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" --db "$DB" backup "$T/cli" >"$T/out" 2>&1
check "backup while open: refused folder first" grep -qF "备份文件夹不存在" "$T/out"
mkdir "$T/cli"
env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" --db "$DB" backup "$T/cli" >"$T/out" 2>&1
check_eq "backup while open: exit 0" "$?" 0
c=$(ls "$T"/cli/station-CG01-*.db)
check "backup while open: integrity ok" [ "$(sqlite3 "$c" 'pragma integrity_check')" = ok ]
check "backup while open: same visits" [ "$(sqlite3 "$c" 'select count(*) from visits')" = "$(sql 'select count(*) from visits')" ]
env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" --db "$DB" restore "$c" >"$T/out" 2>&1
check_eq "restore while open: exit 4" "$?" 4
check "restore while open: said why" grep -qF "正被 station 程序使用" "$T/out"
check "restore while open: nothing set aside" [ -z "$(ls "$DB".bak-* 2>/dev/null)" ]
# The backup of step 2 is recent (a date after today's): nothing asked.
key F10
st=$(wait_exit)
check_eq "recent backup: F10 quits at once" "$st" 0

# 4. The last backup three weeks old: asked with its date; the remembered folder; keep = 2.
rm -f "$USB"/*
echo x >"$USB/station-CG01-20261015-090000.db"
echo x >"$USB/station-CG01-20261101-090000.db"
echo "别删我" >"$USB/说明.txt"
e2e_start
key F10
expect_screen "上次备份是 22 天前（2026-11-01）。现在备份吗？"
key y
expect_screen "备份到哪个文件夹"
key Enter
expect_screen "删除了 1 份较早的备份"
key Enter
st=$(wait_exit)
check_eq "old backup: the program exits" "$st" 0
check "keep 2: the oldest went" [ ! -e "$USB/station-CG01-20261015-090000.db" ]
check "keep 2: the next one stays" [ -e "$USB/station-CG01-20261101-090000.db" ]
check "other files stay" [ "$(cat "$USB/说明.txt")" = "别删我" ]
new=$(ls "$USB"/station-CG01-2026112*.db "$USB"/station-CG01-2026113*.db "$USB"/station-CG01-202612*.db 2>/dev/null | head -1)
check "the new backup is there" [ -n "$new" ]

# 5. Restore after closing: the records are exactly the backup's again.
sql "update visits set deleted = 1; delete from visit_deputies"
env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" --db "$DB" restore "$new" >"$T/out" 2>&1
check_eq "restore: exit 0" "$?" 0
for t in visits cases deputies visit_deputies deputy_visit_years; do
	check "restore: $t identical to the backup" \
		[ "$(sqlite3 "$DB" "select * from $t order by 1, 2" | md5sum)" = "$(sqlite3 "$new" "select * from $t order by 1, 2" | md5sum)" ]
done
e2e_start
key 3
expect_screen "周大哥"
key Escape
expect_screen "台账"
key F10
st=$(wait_exit)
check_eq "restored: program exits" "$st" 0
