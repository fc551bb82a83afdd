#!/bin/sh
# Faults of the database file, through the real program: a damaged file (check says what is
# damaged and what to do; import is refused and the file stays byte-identical), a file left
# 0644 (tightened to 0600, said once), a full disk while opening for a read-only check, and a
# crash-left -wal in a read-only folder. The last two need a small tmpfs (mount, as root): when
# mounting is impossible they print SKIP with the reason instead of passing.
. "$(dirname "$0")/lib.sh"

# damage FILE: overwrite the root page of visits with garbage (page 1 intact); echo the page.
damage() {
	ps=$(sqlite3 "$1" "pragma page_size")
	pg=$(sqlite3 "$1" "select rootpage from sqlite_master where name = 'visits'")
	head -c "$ps" /dev/urandom | dd of="$1" bs="$ps" seek=$((pg - 1)) count=1 conv=notrunc 2>/dev/null
	echo "$pg"
}

st demo --db demo.db
ok faults_demo_made rc_is 0

# --- station check on a damaged file ---
cp demo.db bad.db
page=$(damage bad.db)
sum=$(sha256sum < bad.db)
st check --db bad.db
ok check_damaged_exit_1 rc_is 1
ok check_damaged_names_table_and_page out_has "表 visits（接待选民登记）第 $page 页损坏"
ok check_damaged_says_restore out_has "用最近的备份恢复"
ok check_damaged_says_recover out_has "sqlite3 bad.db \".recover\" | sqlite3 "
ok check_damaged_not_run_check_again err_lacks "请运行 station check"
ok check_damaged_not_run_check_again_out out_lacks "请运行 station check"
ok check_damaged_no_english_sqlite_err err_lacks "malformed"
ok check_damaged_no_english_sqlite_out out_lacks "btreeInitPage"
ok check_damaged_no_could_not_complete err_lacks "检查无法完成"
ok check_damaged_file_unchanged [ "$(sha256sum < bad.db)" = "$sum" ]
LANG=en_US.UTF-8 st check --db bad.db # English is en*, not C (cli_english)
ok check_damaged_english out_has "the database file is damaged"

# --- a write to a damaged file is refused ---
st import deputies "$FIX/good.csv" --db bad.db
ok import_damaged_refused rc_is 4
ok import_damaged_says_damaged err_has "数据库文件已损坏，不能修改"
ok import_damaged_file_unchanged [ "$(sha256sum < bad.db)" = "$sum" ]
ok import_damaged_no_wal_left [ ! -e bad.db-wal ]

# --- a file left 0644 is tightened at an open for writing, said once ---
cp demo.db open.db
chmod 0644 open.db
st check --db open.db
ok mode_check_leaves_mode [ "$(stat -c %a open.db)" = 644 ]
ok mode_check_says_nothing err_lacks "权限"
st import deputies "$FIX/good.csv" --db open.db
ok mode_import_ok rc_is 0
ok mode_import_says_so err_has "数据库文件权限已改为仅本人可读写（原为 0644）"
ok mode_tightened [ "$(stat -c %a open.db)" = 600 ]
st import deputies "$FIX/good.csv" --db open.db
ok mode_said_once err_lacks "权限"

# --- the rest needs a small tmpfs ---
mnt=$T/mnt
mkdir -p "$mnt"
if ! mount -t tmpfs -o size=2m tmpfs "$mnt" 2>"$T/mount.err"; then
	echo "SKIP disk_full_check, readonly_folder_wal: cannot mount a tmpfs ($(cat "$T/mount.err"))"
	exit 0
fi
trap 'umount "$mnt" 2>/dev/null; rm -rf "$T"' EXIT

# Disk full while a read-only check opens the file (it must make the -shm file).
cp demo.db "$mnt/full.db"
dd if=/dev/zero of="$mnt/filler" bs=4k count=1024 2>/dev/null
sum=$(sha256sum < "$mnt/full.db")
st check --db "$mnt/full.db"
ok full_check_exit_4 rc_is 4
ok full_check_says_disk_full err_has "磁盘已满"
ok full_check_says_nothing_changed err_has "没有改动"
ok full_check_not_unsaved err_lacks "刚才的修改没有保存"
ok full_check_file_unchanged [ "$(sha256sum < "$mnt/full.db")" = "$sum" ]
rm -f "$mnt"/*

# A crash-left -wal (no -shm) in a folder that is read-only (a remounted tmpfs: chmod does not
# stop root).
cp demo.db "$mnt/crash.db"
sqlite3 "$mnt/crash.db" ".dbconfig no_ckpt_on_close on" "update app_session set user = 'x'" >/dev/null
rm -f "$mnt/crash.db-shm"
ok ro_wal_left [ -s "$mnt/crash.db-wal" ]
mount -o remount,ro "$mnt"
st check --db "$mnt/crash.db"
ok ro_wal_exit_4 rc_is 4
ok ro_wal_says_why err_has "文件夹只读，且上次没有正常关闭（留下了 -wal 文件），无法打开。请把数据库复制到可写的文件夹后再打开。"
st visits --db "$mnt/crash.db"
ok ro_wal_visits_says_why err_has "文件夹只读，且上次没有正常关闭"
umount "$mnt"
