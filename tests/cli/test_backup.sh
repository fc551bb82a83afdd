#!/bin/sh
# station backup and station restore: names, the newest N kept, folders that are missing,
# read-only or full; restore's checks (a damaged, foreign or unrelated file), the current
# database kept aside and untouched on every refusal.
. "$(dirname "$0")/lib.sh"

cat >station.ini <<'INI'
[station]
name = 城关镇人大代表联络站
code = CG01
[backup]
keep = 3
INI
st demo --db s.db
ok demo_rc rc_is 0
# demo opened it: the file records its station
ok claimed sql_is s.db "select code from station_info" "CG01"

st backup
ok usage_needs_db rc_is 4
st backup a b --db s.db
ok usage_extra_arg rc_is 2
st restore --db s.db
ok usage_restore_needs_file rc_is 2
ok usage_restore_says err_has "restore 需要备份文件"
st backup --force --db s.db
ok usage_force_not_for_backup rc_is 2

# The default folder beside the database is made on first use.
st backup --db s.db
ok backup_rc rc_is 0
ok backup_said out_has "已备份到 backup/station-CG01-"
ok backup_checked out_has "完整性检查通过"
b1=$(ls backup/station-CG01-*.db)
ok backup_one_file [ "$(echo "$b1" | wc -l)" -eq 1 ]
ok backup_mode_0600 [ "$(stat -c %a "$b1")" = 600 ]
ok backup_integrity sql_is "$b1" "pragma integrity_check" "ok"
ok backup_same_visits sql_is "$b1" "select count(*) from visits" "$(sqlite3 s.db 'select count(*) from visits')"
ok backup_single_file [ ! -e "$b1-wal" ] && [ ! -e "$b1-journal" ]

# Five backups, most in the same second: all made, the newest 3 kept, other files untouched.
mkdir usb
echo "别删我" >usb/说明.txt
touch usb/station-XY02-20200101-000000.db
for i in 1 2 3 4 5; do
	st backup usb --db s.db
	ok "backup_usb_$i" rc_is 0
done
ok keep_three [ "$(ls usb/station-CG01-*.db | wc -l)" -eq 3 ]
ok keep_said out_has "删除了较早的备份"
ok keep_other_station [ -e usb/station-XY02-20200101-000000.db ]
ok keep_other_file [ "$(cat usb/说明.txt)" = "别删我" ]

# A folder that is not there (a USB stick not plugged in) is not made.
st backup nostick --db s.db
ok missing_dir_rc rc_is 1
ok missing_dir_said err_has "备份文件夹不存在：nostick"
ok missing_dir_not_made [ ! -e nostick ]

# --- restore ---
sum=$(md5sum <s.db)
printf '姓名,性别\n张三,男\n%0200d\n' 0 >notadb.db
st restore notadb.db --db s.db
ok restore_text_rc rc_is 1
ok restore_text_said err_has "不是 station 的数据库文件"
ok restore_text_untouched [ "$(md5sum <s.db)" = "$sum" ]

sqlite3 other.db "create table t(x); pragma user_version = 5"
st restore other.db --db s.db
ok restore_unrelated_rc rc_is 1
ok restore_unrelated_said err_has "不是联络站台账的数据库"

# Another station's backup: refused, then accepted with --force.
printf '[station]\nname = 新园联络站\ncode = XY02\n' >xy.ini
st demo --db xy.db --config xy.ini
ok demo_xy_claimed sql_is xy.db "select code from station_info" "XY02"
st restore xy.db --db s.db
ok restore_foreign_rc rc_is 1
ok restore_foreign_said err_has "是站点 XY02（新园联络站）的数据，不是本站（CG01）的"
ok restore_foreign_untouched [ "$(md5sum <s.db)" = "$sum" ]
ok restore_no_aside [ -z "$(ls s.db.bak-* 2>/dev/null)" ]

# The real thing: change the database, restore the first backup, the change is gone and the
# database before it kept aside.
sqlite3 s.db "update visits set deleted = 1"
st restore "$b1" --db s.db
ok restore_rc rc_is 0
ok restore_said out_has "已恢复到 s.db"
ok restore_shows_file out_has "站点 CG01（城关镇人大代表联络站）"
aside=$(ls s.db.bak-* | grep -v -- -wal)
ok restore_aside_said out_has "恢复前的数据库另存为 $aside"
ok restore_data_back sql_is s.db "select count(*) from visits where deleted = 0" "$(sqlite3 "$b1" 'select count(*) from visits where deleted = 0')"
ok restore_aside_has_change sql_is "$aside" "select count(*) from visits where deleted = 0" "0"
ok restore_integrity sql_is s.db "pragma integrity_check" "ok"
ok restore_wal_again sql_is s.db "pragma journal_mode" "wal"
ok restore_no_temp [ -z "$(ls s.db.restore-* 2>/dev/null)" ]
st check --db s.db
ok restore_check_passes rc_is 0

st restore xy.db --db s.db --force
ok restore_force_rc rc_is 0
ok restore_force_data sql_is s.db "select code from station_info" "XY02"

# --- full and read-only folders need a small tmpfs ---
mnt=$T/mnt
mkdir -p "$mnt"
if ! mount -t tmpfs -o size=256k tmpfs "$mnt" 2>"$T/mount.err"; then
	echo "SKIP backup_disk_full, backup_readonly: cannot mount a tmpfs ($(cat "$T/mount.err"))"
	exit 0
fi
trap 'umount "$mnt" 2>/dev/null; rm -rf "$T"' EXIT
st backup "$mnt" --db "$b1"
ok full_rc rc_is 1
ok full_said err_has "备份失败"
ok full_nothing_left [ -z "$(ls "$mnt")" ]
mount -o remount,ro "$mnt"
st backup "$mnt" --db "$b1"
ok readonly_rc rc_is 1
ok readonly_said err_has "不能写入"
umount "$mnt"
