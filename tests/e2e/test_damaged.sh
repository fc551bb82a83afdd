#!/bin/sh
# A damaged database in the full-screen program: a page of visits overwritten with garbage.
# The program opens it read-only with a banner saying what to do; a visit typed and saved with
# F2 is refused with that message; the file stays byte-identical. A file left 0644 is tightened
# to 0600 and the message line says so.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" demo --db "$DB" >/dev/null 2>&1
check_eq "demo database made" "$(sql "select count(*) > 0 from visits")" 1
ps=$(sql "pragma page_size")
pg=$(sql "select rootpage from sqlite_master where name = 'visits'")
head -c "$ps" /dev/urandom | dd of="$DB" bs="$ps" seek=$((pg - 1)) count=1 conv=notrunc 2>/dev/null
before=$(sha256sum <"$DB")

e2e_start
check "banner shown at start" wait_for "数据库已损坏，只能查看，不能保存。请退出后运行 station check"

# A visit typed in full and saved: refused, nothing written.
key F3
wait_for "接待登记" || fail "visit form opens"
type_text "王大爷"; key Tab
type_text "村里自来水管道老化经常停水"; key Tab
type_text "sd"; key Tab
type_text "dc"; key Tab
type_text "已联系镇供水站"
key F2
check "save refused with the damage message" wait_for "没有保存：数据库已损坏，只能查看，不能保存"
check "banner still shown in the form" screen_has "请退出后运行 station check，并从备份恢复"
key Escape
expect_screen "放弃未保存"
key y
e2e_quit "damaged"
check_eq "file byte-identical after the refused save" "$(sha256sum <"$DB")" "$before"

# A sound file left 0644 (copied back from a USB stick): tightened, said on the message line.
rm -f "$DB" "$DB-wal" "$DB-shm"
env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" demo --db "$DB" >/dev/null 2>&1
chmod 0644 "$DB"
e2e_start
check "mode notice on the message line" wait_for "数据库文件权限已改为仅本人可读写（原为 0644）"
check "no damage banner on a sound file" screen_lacks "数据库已损坏"
check_eq "file tightened to 0600" "$(stat -c %a "$DB")" 600
e2e_quit "mode"
e2e_finish
