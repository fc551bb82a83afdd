#!/bin/sh
# Faults of the machine, not of the clerk: a disk that fills up during an import, a full or
# missing TMPDIR. Needs a small tmpfs (mount, as root); without one it prints SKIP lines saying why.
. "$(dirname "$0")/lib.sh"
rc=0

# mount_small DIR SIZE: a private tmpfs at DIR; unmounted when the test ends.
MOUNTS=""
trap 'for m in $MOUNTS; do umount "$m" 2>/dev/null; done; rm -rf "$T"' EXIT
trap 'exit 1' HUP INT PIPE TERM # through the EXIT trap: never leave a mount behind
mount_small() {
	mkdir -p "$1"
	mount -t tmpfs -o "size=$2,mode=0700" tmpfs "$1" 2>"$T/mount.err" || return 1
	MOUNTS="$MOUNTS $1"
}
# fill DIR KEEP: fill the file system of DIR until only about KEEP bytes are free.
fill() {
	free=$(df --output=avail -B1 "$1" | tail -1)
	n=$((free - $2))
	[ $n -gt 0 ] && head -c "$n" /dev/zero >"$1/fill" 2>/dev/null
	return 0
}

# A roster too big for what is left of the disk: 1500 deputies with long notes (about 0.8 MB).
awk 'BEGIN {
	s = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方"
	n = length(s) / 3 # bytes: three per character in UTF-8 (mawk counts bytes)
	for (k = 0; k < n; k++) c[k + 1] = substr(s, 3 * k + 1, 3)
	print "姓名,性别,层级,联系电话,备注"
	note = ""
	for (k = 0; k < 40; k++) note = note "这是一条很长的备注"
	for (i = 0; i < 1500; i++)
		printf "%s%s%s,男,乡镇,139%08d,%s\n", c[i % n + 1], c[int(i / n) % n + 1], c[int(i / n / n) % n + 1], i, note
}' >big.csv

if [ "$(id -u)" != 0 ] || ! mount_small "$T/disk" 16m; then
	echo "SKIP import_disk_full: cannot mount a tmpfs ($(id -un), $(cat "$T/mount.err" 2>/dev/null))"
	echo "SKIP tmpdir_full: cannot mount a tmpfs"
	exit 0
fi

# ---- an import that runs out of disk: says so, imports nothing, the ledger stays sound ----
st import deputies "$FIX/good.csv" --db "$T/disk/station.db"
ok disk_setup_import rc_is 0
fill "$T/disk" 200000
st import deputies big.csv --db "$T/disk/station.db"
ok disk_full_import_exit_1 rc_is 1
ok disk_full_says_disk_full err_has "磁盘已满"
ok disk_full_says_nothing_imported err_has "没有导入任何代表"
ok disk_full_says_free_space err_has "腾出磁盘空间"
ok disk_full_not_correct_them err_lacks "请改正"
ok disk_full_no_problem_count err_lacks "个问题"
LANG=en_US.UTF-8 st import deputies big.csv --db "$T/disk/station.db"
ok disk_full_en_nothing_imported err_has "nothing imported"
ok disk_full_en_free_space err_has "free disk space"
ok disk_full_en_not_correct_them err_lacks "correct them"
rm -f "$T/disk/fill"
ok disk_full_nothing_imported sql_is "$T/disk/station.db" "select count(*) from deputies" 3
ok disk_full_ledger_sound sql_is "$T/disk/station.db" "pragma integrity_check" ok
st import deputies big.csv --db "$T/disk/station.db"
ok disk_freed_import_works rc_is 0
ok disk_freed_count sql_is "$T/disk/station.db" "select count(*) from deputies" 1503

# The same for the old books (station import visits): 3000 visits with long content.
awk 'BEGIN {
	print "日期,来访人,类别,反映问题,处理方式"
	c = ""
	for (k = 0; k < 60; k++) c = c "村口的路灯坏了很久"
	for (i = 0; i < 3000; i++) printf "2024-05-%02d,来访人%d,城乡建设,%s%d,交办\n", i % 28 + 1, i, c, i
}' >visits.csv
fill "$T/disk" 200000
st import visits visits.csv --db "$T/disk/station.db"
ok disk_full_visits_exit_1 rc_is 1
ok disk_full_visits_says_disk_full err_has "磁盘已满"
ok disk_full_visits_nothing_imported err_has "没有导入任何记录"
ok disk_full_visits_not_correct_them err_lacks "请改正"
rm -f "$T/disk/fill"
ok disk_full_visits_none_written sql_is "$T/disk/station.db" "select count(*) from visits" 0
ok disk_full_visits_ledger_sound sql_is "$T/disk/station.db" "pragma integrity_check" ok

# ---- TMPDIR on a full disk: every command still works (the config is read in memory) ----
mount_small "$T/tmpfull" 64k
fill "$T/tmpfull" 0
printf '[station]\nname = 城关镇人大代表联络站\n' >station.ini
TMPDIR=$T/tmpfull st demo --db demo.db
ok tmpdir_full_demo rc_is 0
TMPDIR=$T/tmpfull st check --db demo.db
ok tmpdir_full_check rc_is 0
TMPDIR=$T/tmpfull st visits --db demo.db
ok tmpdir_full_visits rc_is 0
ok tmpdir_full_visits_config out_has "城关镇人大代表联络站"
TMPDIR=$T/tmpfull st import deputies "$FIX/good.csv" --db other.db
ok tmpdir_full_import rc_is 0
TMPDIR=$T/tmpfull st demo --db demo.db --force
ok tmpdir_full_demo_force rc_is 0
