#!/bin/sh
# One language per command: Chinese by default (LANG unset, C, C.UTF-8, zh_CN.UTF-8), English only
# under an English locale (en_US.UTF-8). Checked for visits, check, import, demo and an open error.
# Under English the command's own words are English; only ledger data and Chinese reasons from
# the ledger's checks may follow (docs/COMMANDS.md). Paths here are ASCII, so they never count.
. "$(dirname "$0")/lib.sh"
rc=0

# no_latin FILE WORD...: FILE, with the WORDs (paths, command lines) removed, has no Latin letter.
no_latin() {
	f=$1
	shift
	cp "$f" "$T/scan"
	for w in "$@"; do
		sed -i "s|$w||g" "$T/scan"
	done
	sed -i -e 's|^station: ||' -e 's|station\.ini||g' -e "s|$FIX||g" "$T/scan"
	! grep -q '[A-Za-z]' "$T/scan" || { grep '[A-Za-z]' "$T/scan" | sed 's/^/    latin: /'; return 1; }
}
# no_han FILE: FILE has no Chinese character.
no_han() { ! LC_ALL=C.UTF-8 grep -qP '\p{Han}' "$1" || { LC_ALL=C.UTF-8 grep -P '\p{Han}' "$1" | sed 's/^/    han: /'; return 1; }; }
# both: stdout and stderr together.
both() { cat "$T/out" "$T/err" >"$T/both"; echo "$T/both"; }

for loc in unset C C.UTF-8 zh_CN.UTF-8; do
	if [ $loc = unset ]; then
		run() { env -u LANG "$@"; }
	else
		run() { env LANG=$loc "$@"; }
	fi
	rm -f d.db d.db.bak-* i.db
	run sh -c "'$BIN' demo --db d.db >'$T/out' 2>'$T/err'"
	ok "demo_zh_$loc" no_latin "$(both)" "station --db d.db" d.db
	ok "demo_zh_${loc}_says_deputies" out_has "代表名册：12"

	run sh -c "'$BIN' check --db d.db >'$T/out' 2>'$T/err'"
	ok "check_zh_$loc" no_latin "$(both)" d.db
	ok "check_zh_${loc}_passes" out_has "检查通过"

	run sh -c "'$BIN' visits --db d.db >'$T/out' 2>'$T/err'"
	head -2 "$T/out" >"$T/frame"
	tail -1 "$T/out" >>"$T/frame"
	cat "$T/err" >>"$T/frame"
	ok "visits_zh_$loc" no_latin "$T/frame"
	ok "visits_zh_${loc}_summary" out_has "次来访"

	run sh -c "'$BIN' import deputies '$FIX/good.csv' --db i.db >'$T/out' 2>'$T/err'"
	ok "import_zh_$loc" no_latin "$(both)"
	run sh -c "'$BIN' import deputies '$FIX/good.csv' --db i.db >'$T/out' 2>'$T/err'"
	ok "import_rejected_zh_$loc" no_latin "$(both)"

	run sh -c "'$BIN' check --db '$T/no/such/folder/x.db' >'$T/out' 2>'$T/err'"
	ok "open_error_zh_$loc" no_latin "$(both)" "$T/no/such/folder"
	ok "open_error_zh_${loc}_says" err_has "数据库所在的文件夹不存在"
done

# English: every word of the command's own is English. An ASCII station name keeps the config's
# data out of the way.
printf '[station]\nname = Test Station\n' >en.ini
E="env LANG=en_US.UTF-8 STATION_CONFIG=$T/work/en.ini"
rm -f d.db i.db
$E sh -c "'$BIN' demo --db d.db >'$T/out' 2>'$T/err'"
ok demo_en no_han "$(both)"
ok demo_en_says_deputies out_has "deputies: 12"
$E sh -c "'$BIN' check --db d.db >'$T/out' 2>'$T/err'"
ok check_en no_han "$(both)"
ok check_en_passes out_has "check passed"
$E sh -c "'$BIN' visits --db d.db --month 2026-02 >'$T/out' 2>'$T/err'"
head -2 "$T/out" >"$T/frame"
tail -1 "$T/out" >>"$T/frame"
cat "$T/err" >>"$T/frame"
ok visits_en no_han "$T/frame"
ok visits_en_summary out_has " visits, "
ok visits_en_columns out_has "Date"
$E sh -c "'$BIN' import deputies '$FIX/good.csv' --db i.db >'$T/out' 2>'$T/err'"
ok import_en no_han "$(both)"
ok import_en_says out_has "imported 3 deputies"
# Rejected: the row problems are the ledger's own (Chinese) detail; the verdict is English.
$E sh -c "'$BIN' import deputies '$FIX/good.csv' --db i.db >'$T/out' 2>'$T/err'"
ok import_rejected_en_verdict sh -c "tail -1 '$T/err' | grep -q 'nothing imported'"
tail -1 "$T/err" >"$T/frame"
ok import_rejected_en_verdict_english no_han "$T/frame"
$E sh -c "'$BIN' check --db '$T/no/such/folder/x.db' >'$T/out' 2>'$T/err'"
ok open_error_en no_han "$(both)"
ok open_error_en_says err_has "the database folder does not exist"
# Without any station.ini the warning about defaults is in the command's language too.
env LANG=en_US.UTF-8 sh -c "'$BIN' check --db d.db >'$T/out' 2>'$T/err'"
ok no_config_warning_en no_han "$(both)"
env LANG=C.UTF-8 sh -c "'$BIN' check --db d.db >'$T/out' 2>'$T/err'"
ok no_config_warning_zh err_has "未找到 station.ini"
