#!/bin/sh
# The crash soak: nothing that was reported saved is lost when the program is killed.
#
# Each round picks one piece of work at random and kills it with SIGKILL at a random moment (a
# background `sleep; kill -KILL` racing the work, so some kills land mid-save):
#   tui      the full-screen program in tmux: a visit (a new visitor name each round) saved with
#            交办 (visit + case in one transaction). A save counts as reported when the screen
#            showed "已保存第 N 位来访（NAME）". Half the rounds kill at any moment while the form
#            is typed (drafts are written on leaving each field), half within a few ms of F2.
#   import   `station import deputies` of a file of IMPORT_ROWS new deputies: all or none.
#   backup   `station backup DIR`: every file named like a finished backup
#            (station-CG01-*.db) passes integrity_check; a leftover *.part-PID is allowed.
#   restore  `station restore` of a known good backup: the database is then the old one or the
#            backup's, whole.
# After every round: `station check` exits 0, PRAGMA integrity_check is ok, every visit whose
# save was reported and every import that finished (or was all there after the kill) is present.
# The random choices come from SOAK_SEED (printed first): `SOAK_SEED=N sh tests/soak/crash.sh
# COUNT` replays a run. Prints PASS/FAIL per round (tests/run.sh counts them) and the counts of
# kills mid-save, mid-import, mid-backup and mid-restore.
# Use: STATION_BIN=build/station sh tests/soak/crash.sh [COUNT]   (make soak: 200; make check: 20)
cd "$(dirname "$0")/../.." || exit 1
COUNT=${1:-20}
IMPORT_ROWS=${IMPORT_ROWS:-4000}
E2E_TMUX_CONF=$PWD/tests/e2e/tmux.conf
. tests/e2e/lib.sh
e2e_setup
command -v awk >/dev/null || { echo "FAIL setup: command not found: awk"; exit 1; }
SEED=${SOAK_SEED:-$(($(date +%s) % 100000))}
echo "soak: $COUNT rounds, SOAK_SEED=$SEED (replay: SOAK_SEED=$SEED sh tests/soak/crash.sh $COUNT)"

# --- randomness, time, kills ---
RNG=$SEED
# rand N: R = a number 0..N-1 from the seeded generator (never call it in a subshell).
rand() {
	RNG=$(((RNG * 1103515245 + 12345) % 2147483648))
	R=$(((RNG / 65536) % $1))
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# arm_kill PID MS: SIGKILL PID after MS milliseconds, in the background ($KILLER).
arm_kill() {
	(
		sleep "$(printf '%d.%03d' $(($2 / 1000)) $(($2 % 1000)))"
		kill -KILL "$1" 2>/dev/null
	) &
	KILLER=$!
}

# --- what must survive ---
EXPECT=$T/expect.names    # visitor names whose save was reported, one a line
IMPORTS=$T/expect.imports # "ROUND ROWS" of imports that finished or were whole after a kill
: >"$EXPECT"
: >"$IMPORTS"
BK=$T/bk     # where backup rounds write
GOOD=$T/good # the known good backup restore rounds put back, with what it holds
mkdir -p "$BK" "$GOOD"

st_cli() { # st_cli ARGS...: the program on the command line, output in $T/cli.out
	"$STATION_BIN" --config "$CONF" --db "$DB" "$@" </dev/null >"$T/cli.out" 2>&1
}
# st_bg ARGS...: the same in the background; $BG is the program's own pid (a function run with &
# would be a subshell: killing it would leave the program running).
st_bg() {
	"$STATION_BIN" --config "$CONF" --db "$DB" "$@" </dev/null >"$T/cli.out" 2>&1 &
	BG=$!
}
# A fingerprint of the records: equal fingerprints, equal visits and deputies.
fingerprint() {
	sql "select (select count(*) || '/' || coalesce(sum(id), 0) from visits) || ':' ||
		(select count(*) || '/' || coalesce(sum(id), 0) from deputies)"
}
# A visitor name for round N: 访客 and N in Chinese digits (names are checked as text).
round_name() {
	echo "访客$1" | sed -e 's/0/零/g' -e 's/1/一/g' -e 's/2/二/g' -e 's/3/三/g' -e 's/4/四/g' \
		-e 's/5/五/g' -e 's/6/六/g' -e 's/7/七/g' -e 's/8/八/g' -e 's/9/九/g'
}
# gen_import ROUND ROWS: a deputies file, every row new (name, 代表证号 SK<round>-<i>, phone).
gen_import() {
	awk -v r="$1" -v n="$2" 'BEGIN {
		split("零 一 二 三 四 五 六 七 八 九", d, " ")
		print "姓名,性别,层级,代表证号,联系电话"
		for (i = 1; i <= n; i++) {
			k = r * 10000 + i; s = ""; t = k
			do { s = d[t % 10 + 1] s; t = int(t / 10) } while (t > 0)
			printf "代表%s,%s,县,SK%d-%d,139%08d\n", s, (i % 2 ? "男" : "女"), r, i, k
		}
	}' >"$T/import.csv"
}

# poll_saved NAME: wait until the save message for NAME shows (0) or the program has ended (1).
poll_saved() {
	i=0
	while [ $i -lt $((E2E_TIMEOUT * 50)) ]; do
		s=$(screen)
		case $s in *"来访（$1）"*) case $s in *已保存第*) return 0 ;; esac ;; esac
		[ -f "$T/exit" ] && return 1
		i=$((i + 1))
		sleep 0.02
	done
	return 1
}
# poll_text TEXT: wait until TEXT shows (0) or the program has ended or time is up (1).
poll_text() {
	i=0
	while [ $i -lt $((E2E_TIMEOUT * 50)) ]; do
		screen_has "$1" && return 0
		[ -f "$T/exit" ] && return 1
		i=$((i + 1))
		sleep 0.02
	done
	return 1
}

# poll_form: after F3, wait until the visit form is open (its title on the top row), answering N
# (throw it away) to the draft a kill left; 1 when the program ended or time is up.
poll_form() {
	i=0 answered=0
	while [ $i -lt $((E2E_TIMEOUT * 50)) ]; do
		s=$(screen)
		case $s in
		*这张表单有没保存的草稿*)
			# N, and again if the question is still up half a second later: a key that
			# arrives as the question is drawn is discarded with the typeahead (on purpose).
			[ $answered -gt 0 ] || key n
			answered=$(((answered + 1) % 25))
			;;
		*) echo "$s" | head -1 | grep -q "接待登记" && return 0 ;;
		esac
		[ -f "$T/exit" ] && return 1
		i=$((i + 1))
		sleep 0.02
	done
	return 1
}

# tui_visit NAME: open the visit form, type a visit to be handed over (交办) and stop before F2.
# 0 when the form is filled, 1 when the program ended first.
tui_visit() {
	key F3
	poll_form || return 1
	type_text "$1"
	key Tab
	type_text "第$1次反映：村口路灯不亮"
	key Tab
	type_text "dl"
	key Tab
	type_text "交办"
	poll_text "第$1次反映" || return 1
	[ ! -f "$T/exit" ]
}

# --- the rounds ---
KILLS_TYPING=0 KILLS_SAVE=0 KILLS_IDLE=0 KILLS_IMPORT=0 KILLS_IMPORT_TX=0 KILLS_BACKUP=0 KILLS_RESTORE=0
N_TUI=0 N_IMPORT=0 N_BACKUP=0 N_RESTORE=0 SAVES=0
ROUND_FAILS=0
round_fail() {
	echo "FAIL round $ROUND ($KIND): $1"
	echo "    replay: SOAK_SEED=$SEED sh tests/soak/crash.sh $COUNT" >&2
	ROUND_FAILS=$((ROUND_FAILS + 1))
}

round_tui() {
	N_TUI=$((N_TUI + 1))
	name=$(round_name "$ROUND")
	e2e_start
	pid=$(e2e_pid)
	[ -n "$pid" ] || { round_fail "no program pid"; return; }
	rand 2
	pressed=0 saved=0
	if [ "$R" -eq 0 ]; then # any moment while typing and saving
		rand $((TUI_MS + SAVE_MS))
		arm_kill "$pid" "$R"
		if tui_visit "$name"; then
			key F2
			pressed=1
			poll_saved "$name" && saved=1
		fi
	else # within a few ms of F2
		if ! tui_visit "$name"; then
			round_fail "the form did not fill in"
			dump
			kill -KILL "$pid"
			st=$(wait_exit)
			return
		fi
		rand $((SAVE_MS + 1))
		arm_kill "$pid" "$R"
		t1=$(now_ms)
		key F2
		pressed=1
		if poll_saved "$name"; then
			saved=1
			t2=$(now_ms)
			SAVE_MS=$((t2 - t1 < 20 ? 20 : t2 - t1))
		fi
	fi
	wait "$KILLER"
	st=$(wait_exit) || { round_fail "the program did not end after SIGKILL"; return; }
	[ "$st" = 137 ] || { round_fail "exit status $st, not 137 (SIGKILL)"; return; }
	# The message may have been drawn just before the kill, after the last look.
	[ $saved -eq 0 ] && screen | grep -q "已保存第.*来访（$name）" && saved=1
	if [ $saved -eq 1 ]; then
		echo "$name" >>"$EXPECT"
		SAVES=$((SAVES + 1))
		KILLS_IDLE=$((KILLS_IDLE + 1))
		WHAT="killed after the save showed"
	elif [ $pressed -eq 1 ]; then
		KILLS_SAVE=$((KILLS_SAVE + 1))
		WHAT="killed after F2, before the save showed"
	else
		KILLS_TYPING=$((KILLS_TYPING + 1))
		WHAT="killed while typing"
	fi
}

round_import() {
	N_IMPORT=$((N_IMPORT + 1))
	gen_import "$ROUND" "$IMPORT_ROWS"
	rand $((IMPORT_MS * 3 / 2 + 1))
	t0=$(now_ms)
	st_bg import deputies "$T/import.csv"
	pid=$BG
	arm_kill "$pid" "$R"
	wait "$pid"
	rc=$?
	# a run that finished says how long the next one may take; a killed one, that it may be longer
	[ $rc -eq 0 ] && IMPORT_MS=$(($(now_ms) - t0))
	[ $rc -eq 137 ] && IMPORT_MS=$((IMPORT_MS * 9 / 8 + 1))
	wait "$KILLER"
	wal=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)
	rows=$(sql "select count(*) from deputies where card_no like 'SK$ROUND-%'")
	case $rc in
	0)
		[ "$rows" -eq "$IMPORT_ROWS" ] || round_fail "import reported success but $rows of $IMPORT_ROWS rows are there"
		echo "$ROUND $IMPORT_ROWS" >>"$IMPORTS"
		WHAT="killed after the import finished"
		KILLS_IDLE=$((KILLS_IDLE + 1))
		;;
	137)
		KILLS_IMPORT=$((KILLS_IMPORT + 1))
		if [ "$rows" -eq "$IMPORT_ROWS" ]; then
			echo "$ROUND $IMPORT_ROWS" >>"$IMPORTS"
			WHAT="killed mid-import, after its commit: all rows there"
		elif [ "$rows" -eq 0 ]; then
			if [ "$wal" -gt 102400 ]; then # pages of the unfinished transaction were written
				KILLS_IMPORT_TX=$((KILLS_IMPORT_TX + 1))
				WHAT="killed inside the import's transaction ($wal bytes of -wal): no rows"
			else
				WHAT="killed mid-import, before its transaction: no rows"
			fi
		else
			round_fail "killed mid-import left $rows of $IMPORT_ROWS rows (all or none)"
		fi
		;;
	*)
		round_fail "import exit status $rc: $(head -3 "$T/cli.out")"
		;;
	esac
}

# Every file named like a finished backup is a whole database.
backups_whole() {
	for f in "$BK"/station-CG01-*.db; do
		[ -e "$f" ] || continue
		ok=$(sqlite3 "file:$f?mode=ro" "pragma integrity_check" 2>&1)
		[ "$ok" = ok ] || { round_fail "backup ${f##*/} is not whole: $ok"; return 1; }
	done
	return 0
}

# Remember the backup just made as the one restore rounds put back, with what it holds.
keep_good() {
	cp "$1" "$GOOD/good.db" || { round_fail "cannot copy $1"; return; }
	cp "$EXPECT" "$GOOD/expect.names"
	cp "$IMPORTS" "$GOOD/expect.imports"
	GOOD_FP=$(sqlite3 "file:$GOOD/good.db?mode=ro" "select (select count(*) || '/' || coalesce(sum(id), 0) from visits) || ':' || (select count(*) || '/' || coalesce(sum(id), 0) from deputies)")
}

round_backup() {
	N_BACKUP=$((N_BACKUP + 1))
	rand $((BACKUP_MS * 3 / 2 + 1))
	t0=$(now_ms)
	st_bg backup "$BK"
	pid=$BG
	arm_kill "$pid" "$R"
	wait "$pid"
	rc=$?
	# a run that finished says how long the next one may take; a killed one, that it may be longer
	[ $rc -eq 0 ] && BACKUP_MS=$(($(now_ms) - t0))
	[ $rc -eq 137 ] && BACKUP_MS=$((BACKUP_MS * 9 / 8 + 1))
	wait "$KILLER"
	case $rc in
	0)
		made=$(sed -n 's/^已备份到 \(.*\.db\)（.*/\1/p' "$T/cli.out")
		[ -f "$made" ] || { round_fail "backup reported success but no file: $(head -2 "$T/cli.out")"; return; }
		keep_good "$made"
		KILLS_IDLE=$((KILLS_IDLE + 1))
		WHAT="killed after the backup finished"
		;;
	137)
		KILLS_BACKUP=$((KILLS_BACKUP + 1))
		WHAT="killed mid-backup ($(ls "$BK" | grep -c '\.part-') part file(s) left)"
		;;
	*) round_fail "backup exit status $rc: $(head -3 "$T/cli.out")" ;;
	esac
	backups_whole
}

round_restore() {
	N_RESTORE=$((N_RESTORE + 1))
	old=$(fingerprint)
	rand $((RESTORE_MS * 3 / 2 + 1))
	t0=$(now_ms)
	st_bg restore "$GOOD/good.db"
	pid=$BG
	arm_kill "$pid" "$R"
	wait "$pid"
	rc=$?
	# a run that finished says how long the next one may take; a killed one, that it may be longer
	[ $rc -eq 0 ] && RESTORE_MS=$(($(now_ms) - t0))
	[ $rc -eq 137 ] && RESTORE_MS=$((RESTORE_MS * 9 / 8 + 1))
	wait "$KILLER"
	now=$(fingerprint)
	case $rc in
	0) [ "$now" = "$GOOD_FP" ] || round_fail "restore reported success but the database is not the backup's ($now, backup $GOOD_FP)" ;;
	137) KILLS_RESTORE=$((KILLS_RESTORE + 1)) ;;
	*) round_fail "restore exit status $rc: $(head -3 "$T/cli.out")" ;;
	esac
	if [ "$now" = "$GOOD_FP" ]; then # the backup's records are what must be there now
		cp "$GOOD/expect.names" "$EXPECT"
		cp "$GOOD/expect.imports" "$IMPORTS"
		WHAT="restore done"
	elif [ "$now" = "$old" ]; then
		WHAT="the old database kept"
	else
		round_fail "after the restore the database is neither the old one ($old) nor the backup ($GOOD_FP): $now"
	fi
	[ $rc -eq 137 ] && WHAT="killed mid-restore: $WHAT"
	rm -f "$DB".bak-* # the copies restore keeps aside (docs/BACKUP.md); not checked here
}

# After every kill: the program's own check, the integrity check, every reported save.
after_kill() {
	st_cli check
	rc=$?
	[ $rc -eq 0 ] || round_fail "station check exit status $rc: $(grep -v '^ *$' "$T/cli.out" | head -5)"
	ok=$(sql "pragma integrity_check" 2>&1)
	[ "$ok" = ok ] || round_fail "integrity_check: $ok"
	sql "select visitor_name from visits" | sort >"$T/have.names"
	missing=$(sort "$EXPECT" | comm -23 - "$T/have.names" | tr '\n' ' ')
	[ -z "$missing" ] || round_fail "saves reported but missing: $missing"
	while read -r r n; do
		got=$(sql "select count(*) from deputies where card_no like 'SK$r-%'")
		[ "$got" -eq "$n" ] || round_fail "the import of round $r has $got of $n rows"
	done <"$IMPORTS"
}

# --- set-up: the database, and how long each piece of work takes unkilled ---
t0=$(now_ms)
ROUND=0 KIND=setup
gen_import 0 "$IMPORT_ROWS"
st_cli import deputies "$T/import.csv" || { round_fail "first import: $(head -3 "$T/cli.out")"; exit 1; }
echo "0 $IMPORT_ROWS" >>"$IMPORTS"
IMPORT_MS=$(($(now_ms) - t0))
e2e_start
t0=$(now_ms)
tui_visit "$(round_name 0)" || round_fail "calibration visit"
t1=$(now_ms)
key F2
poll_saved "$(round_name 0)" || { round_fail "calibration visit not saved"; exit 1; }
t2=$(now_ms)
round_name 0 >>"$EXPECT"
TUI_MS=$((t1 - t0))
SAVE_MS=$((t2 - t1 < 20 ? 20 : t2 - t1))
e2e_quit "calibration round"
t0=$(now_ms)
st_cli backup "$BK" || { round_fail "first backup: $(head -3 "$T/cli.out")"; exit 1; }
BACKUP_MS=$(($(now_ms) - t0))
keep_good "$(sed -n 's/^已备份到 \(.*\.db\)（.*/\1/p' "$T/cli.out")"
t0=$(now_ms)
st_cli restore "$GOOD/good.db" || { round_fail "first restore: $(head -3 "$T/cli.out")"; exit 1; }
RESTORE_MS=$(($(now_ms) - t0))
rm -f "$DB".bak-*
echo "soak: unkilled: typing a visit ${TUI_MS} ms, its save ${SAVE_MS} ms, import of $IMPORT_ROWS rows ${IMPORT_MS} ms, backup ${BACKUP_MS} ms, restore ${RESTORE_MS} ms"

ROUND=1
while [ $ROUND -le "$COUNT" ]; do
	before=$ROUND_FAILS
	rand 20
	if [ "$R" -lt 8 ]; then
		KIND=tui
		round_tui
	elif [ "$R" -lt 13 ]; then
		KIND=import
		round_import
	elif [ "$R" -lt 17 ]; then
		KIND=backup
		round_backup
	else
		KIND=restore
		round_restore
	fi
	after_kill
	[ $ROUND_FAILS -eq "$before" ] &&
		echo "PASS round $ROUND ($KIND, $WHAT): integrity ok, check ok, $(wc -l <"$EXPECT") reported saves and $(wc -l <"$IMPORTS") imports present"
	ROUND=$((ROUND + 1))
done

echo "soak: $COUNT rounds ($N_TUI visits, $N_IMPORT imports, $N_BACKUP backups, $N_RESTORE restores), SOAK_SEED=$SEED"
echo "soak: kills mid-save $KILLS_SAVE, while typing $KILLS_TYPING, mid-import $KILLS_IMPORT ($KILLS_IMPORT_TX inside its transaction), mid-backup $KILLS_BACKUP, mid-restore $KILLS_RESTORE, after the work was done $KILLS_IDLE; $SAVES saves reported"
# The soak proves something only if kills land inside transactions: with enough rounds, some must.
if [ "$COUNT" -ge 100 ]; then
	[ $KILLS_IMPORT_TX -gt 0 ] && pass "some kills landed inside the import's transaction" ||
		fail "no kill landed inside the import's transaction"
fi
e2e_sanitizer_clean "soak"
[ $ROUND_FAILS -eq 0 ] && e2e_finish
