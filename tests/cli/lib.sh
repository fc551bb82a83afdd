# Shared by the command-line tests (sourced, not run): a private temporary folder as working
# directory, home, config and data folders; a fixed today; Chinese messages unless a test asks;
# helpers that run the program and print "PASS name" / "FAIL name" (what tests/run.sh counts).
# The program is $STATION_BIN (default build/station, relative to the repository).
set -u
REPO=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${STATION_BIN:-build/station}
case $BIN in /*) ;; *) BIN=$REPO/$BIN ;; esac
FIX=$REPO/tests/data/import
T=$(mktemp -d "${TMPDIR:-/tmp}/station-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/home" "$T/work"
cd "$T/work" || exit 1
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" XDG_DATA_HOME="$T/home/.local/share"
export STATION_TODAY=2026-03-15 LANG=zh_CN.UTF-8 USER=tester
unset STATION_CONFIG LC_ALL LC_MESSAGES

if [ ! -x "$BIN" ]; then
	echo "FAIL setup: no program at $BIN (set STATION_BIN)"
	exit 1
fi
# The commands these tests call, installed by src/tools/install-deps.sh.
for c in sqlite3 timeout md5sum stat iconv; do
	command -v "$c" >/dev/null ||
		{ echo "FAIL setup: command not found: $c (install with: sh src/tools/install-deps.sh)"; exit 1; }
done

# st ARGS...: run the program (never waiting on a terminal); sets rc, $T/out, $T/err.
st() {
	timeout 60 "$BIN" "$@" </dev/null >"$T/out" 2>"$T/err"
	rc=$?
}

# ok NAME TEST ARGS...: PASS if the test command succeeds, else FAIL with what the program said.
ok() {
	name=$1
	shift
	if "$@"; then
		echo "PASS $name"
	else
		echo "FAIL $name"
		echo "    check: $* (exit status was $rc)"
		sed 's/^/    stdout: /' "$T/out"
		sed 's/^/    stderr: /' "$T/err"
	fi
}

rc_is() { [ "$rc" -eq "$1" ]; }
out_has() { grep -qF -- "$1" "$T/out"; }
err_has() { grep -qF -- "$1" "$T/err"; }
out_lacks() { ! grep -qF -- "$1" "$T/out"; }
err_lacks() { ! grep -qF -- "$1" "$T/err"; }
# sql_is DB QUERY EXPECTED: the sqlite3 shell's answer equals EXPECTED.
sql_is() {
	got=$(sqlite3 "$1" "$2" 2>&1)
	[ "$got" = "$3" ] || { echo "    sql: $2 -> '$got', expected '$3'"; return 1; }
}
