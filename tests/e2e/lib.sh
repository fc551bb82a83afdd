# Helpers for the e2e tests: start the real binary in a private tmux server at a fixed size,
# type with send-keys (-l for literal text, so Chinese goes in as typed), wait by polling
# capture-pane for an expected string (never a fixed sleep), check the screen and the database.
#
# Every check prints "PASS name" or "FAIL name" (counted by tests/run.sh).
# A wait is a check: wait_for/wait_gone/wait_exit only return a status, so every call must use it
# (`check NAME wait_for TEXT`, `wait_for TEXT || fail NAME`, `if wait_for ...`) or be written
# as expect_screen/expect_gone, which fail the test on a time-out. tests/cli/test_lint.sh
# fails on a call whose status is ignored.
# Use: . tests/e2e/lib.sh; e2e_setup; e2e_start; ...; e2e_finish

STATION_BIN=${STATION_BIN:-$PWD/build/station}
E2E_TIMEOUT=${E2E_TIMEOUT:-10} # seconds; generous for sanitizer builds
E2E_FAILS=0

# The commands the harness calls, installed by src/tools/install-deps.sh: a missing one fails the
# test with its name (without pgrep, the crash test once failed with only a time-out).
E2E_NEEDS="tmux sqlite3 pgrep ps"

e2e_setup() {
	for c in $E2E_NEEDS; do
		command -v "$c" >/dev/null ||
			{ echo "FAIL setup: command not found: $c (install with: sh src/tools/install-deps.sh)"; exit 1; }
	done
	T=$(mktemp -d "${TMPDIR:-/tmp}/station-e2e.XXXXXX")
	SOCK="st$$-0" # e2e_start moves to a new one each time
	DB="$T/test.db"
	CONF="$T/station.ini"
	export STATION_TODAY=${STATION_TODAY:-2026-11-23}
	cat >"$CONF" <<'INI'
[station]
name = 城关镇人大代表联络站
code = CG01
county = 测试县
township = 城关镇
[backup]
# the backup offered on closing is tested in test_backup.sh; elsewhere F10 just quits
remind_days = 0
[accounts]
# one clerk, no login screen; test_login.sh turns accounts on
login = no
INI
	trap e2e_cleanup EXIT
}

# Stop this test's tmux server and remove its socket file (tmux 3.3 leaves it behind).
e2e_kill_server() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
}

e2e_cleanup() {
	e2e_kill_server
	[ -n "${KEEP_E2E:-}" ] || rm -rf "$T"
}

# Start the program (extra arguments are passed on). Waits for the home screen unless
# E2E_NOWAIT is set. E2E_WRAP, if set, goes before the program (make valgrind: valgrind ...);
# E2E_TMUX_CONF names tmux.conf for scripts outside tests/e2e (tests/soak). A wrapper shell records the exit status in $T/exit (tmux's own
# pane_dead_status can stay empty for a long time under ASan: the zombie is reaped late).
e2e_start() {
	e2e_kill_server
	# A new server socket for each start: kill-server returns before the old server has gone, and
	# a session started at once on the same socket died with it about one time in five under load
	# ("no server running"; seen in tests/fresh-root.sh).
	E2E_STARTS=$((${E2E_STARTS:-0} + 1))
	SOCK="st$$-$E2E_STARTS"
	rm -f "$T/exit"
	cat >"$T/run.sh" <<RUN
env LANG=C.UTF-8 LC_ALL= TERM=${E2E_TERM:-tmux-256color} STATION_TODAY=$STATION_TODAY ${E2E_ENV:-} \
	ASAN_OPTIONS=log_path=$T/asan:detect_leaks=1 UBSAN_OPTIONS=log_path=$T/ubsan:print_stacktrace=1 \
	LSAN_OPTIONS=suppressions=$PWD/tests/lsan-cairo.supp \
	${E2E_WRAP:-} $STATION_BIN --config $CONF --db $DB $*
echo \$? >$T/exit.tmp && mv $T/exit.tmp $T/exit
RUN
	tmux -L "$SOCK" -f "${E2E_TMUX_CONF:-$(dirname "$0")/tmux.conf}" new-session -d -x "${E2E_COLS:-100}" -y "${E2E_ROWS:-30}" \
		"sh $T/run.sh"
	[ -n "${E2E_NOWAIT:-}" ] || wait_for "台账" || fail "start: the home screen shows"
}

# Pid of the program itself (the child of the wrapper shell).
e2e_pid() { pgrep -P "$(tmux -L "$SOCK" display -p '#{pane_pid}')" | head -1; }

screen() { tmux -L "$SOCK" capture-pane -p; }

dump() {
	echo "---- screen ----" >&2
	screen >&2
	echo "----------------" >&2
}

# wait_for TEXT: poll the screen every 20 ms until TEXT shows; 1 on time-out.
wait_for() {
	i=0
	max=$((E2E_TIMEOUT * 50))
	while [ $i -lt $max ]; do
		if screen | grep -qF -- "$1"; then
			return 0
		fi
		i=$((i + 1))
		sleep 0.02
	done
	echo "timed out waiting for: $1" >&2
	return 1
}

# wait_gone TEXT: poll until TEXT is no longer on screen.
wait_gone() {
	i=0
	max=$((E2E_TIMEOUT * 50))
	while [ $i -lt $max ]; do
		if ! screen | grep -qF -- "$1"; then
			return 0
		fi
		i=$((i + 1))
		sleep 0.02
	done
	echo "timed out waiting for this to go: $1" >&2
	return 1
}

# expect_screen TEXT: a step of a test: wait for TEXT; on a time-out the test fails ("FAIL screen
# shows: TEXT" and the screen). Silent when TEXT shows: the checks that follow say PASS.
expect_screen() { wait_for "$1" || { fail "screen shows: $1"; return 1; }; }
# menu DIGIT: open a register from the home menu and wait until the home screen has gone (the
# register's title is also a line of the home menu, so waiting for it proves nothing).
menu() {
	key "$1"
	expect_gone "台账： 1 代表名册"
}
# expect_gone TEXT: wait until TEXT has gone; on a time-out the test fails.
expect_gone() { wait_gone "$1" || { fail "screen no longer shows: $1"; return 1; }; }

# type TEXT literally (Chinese through send-keys -l, as an input method commits it).
type_text() { tmux -L "$SOCK" send-keys -l -- "$1"; KEYS=$((KEYS + 0)); }
# key NAME...: tmux key names (Tab, BTab, Enter, Escape, F2, C-s, Up, Down, BSpace ...).
# Each counts as one navigation keystroke in $KEYS.
KEYS=0
key() {
	for k in "$@"; do
		tmux -L "$SOCK" send-keys "$k"
		KEYS=$((KEYS + 1))
	done
}

# Wait until the program has exited; echoes its exit status (128+N for signal N).
wait_exit() {
	i=0
	max=$((E2E_TIMEOUT * 50))
	while [ $i -lt $max ]; do
		if [ -f "$T/exit" ]; then
			cat "$T/exit"
			return 0
		fi
		i=$((i + 1))
		sleep 0.02
	done
	echo "timeout"
	# Say where the program is stuck, for the log.
	pid=$(e2e_pid)
	if [ -n "$pid" ]; then
		ps -o pid,stat,wchan:24,args -p "$pid" >&2
		command -v gdb >/dev/null && gdb -p "$pid" -batch -ex 'thread apply all bt' 2>/dev/null | grep -E '^#' | head -30 >&2
	fi
	return 1
}

sql() { sqlite3 -batch -noheader "$DB" "$1"; }

pass() { echo "PASS $1"; }
fail() {
	echo "FAIL $1"
	E2E_FAILS=$((E2E_FAILS + 1))
	dump
}
# check NAME COMMAND...: PASS if the command succeeds.
check() {
	name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name"; fi
}
# check_eq NAME GOT WANT
check_eq() {
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		echo "  got:  [$2]" >&2
		echo "  want: [$3]" >&2
		fail "$1"
	fi
}
screen_has() { screen | grep -qF -- "$1"; }
screen_lacks() { ! screen | grep -qF -- "$1"; }

# Quit the program from wherever it is (Esc back to home, then F10) and check it exited 0
# with no sanitizer report.
e2e_quit() {
	key F10
	st=$(wait_exit)
	check_eq "${1:-exit}: program exits with status 0" "$st" 0
	e2e_sanitizer_clean "${1:-exit}"
}

e2e_sanitizer_clean() {
	# A report is a file of ASan's or UBSan's with an error in it (a file with only LeakSanitizer's
	# "Suppressions used" table is none). Not `ls asan* ubsan*`: that fails, meaning "no report",
	# when only one kind exists, which hid every report until 2026-11-29.
	reports=
	for f in "$T"/asan* "$T"/ubsan*; do
		[ -e "$f" ] && grep -qE 'ERROR|runtime error' "$f" && reports=1
	done
	if [ -n "$reports" ]; then
		cat "$T"/asan* "$T"/ubsan* 2>/dev/null | head -40 >&2
		fail "$1: no sanitizer report"
		rm -f "$T"/asan* "$T"/ubsan*
	else
		pass "$1: no sanitizer report"
	fi
}

e2e_finish() { [ "$E2E_FAILS" -eq 0 ]; }
