#!/bin/sh
# make valgrind: the unit tests, the fuzz corpus replays and three e2e scripts (the visit form,
# the case flow, the shell) with the program under valgrind --leak-check=full. A definite leak or
# a memory error fails the test: for the e2e scripts valgrind exits 99 and the script's check that
# the program exits 0 fails; for the unit tests and replays, the test's own process's log is read
# (a few unit tests fork a child that _exit()s at once, as a second program would: valgrind
# checks that child too, and its "leaks" are the parent's memory, so children's logs are listed,
# not counted). Suppressions (tests/valgrind.supp) cover only libraries outside station.
# Logs: BUILD/valgrind/*.log. Ends "valgrind: N passed, N failed"; exit 1 on any failure.
# Use: sh tests/valgrind.sh [BUILD]
set -u
cd "$(dirname "$0")/.." || exit 1
build=${1:-build}
out=$PWD/$build/valgrind
rm -rf "$out"
mkdir -p "$out"
VG="valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite \
--suppressions=$PWD/tests/valgrind.supp --num-callers=30"
# The e2e scripts see the program's exit status only: there valgrind exits 99 on an error.
VG_E2E="$VG --error-exitcode=99"
pass=0
fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# run_one LABEL COMMAND...: as tests/run.sh counts, plus valgrind's own reports.
run_one() {
	label=$1
	shift
	"$@" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^PASS ' "$log")
	f=$(grep -c '^FAIL ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "FAIL $label (exit $rc)"
	fi
	grep '^FAIL ' "$log" | sed "s|^|[$label] |"
	[ "$f" -gt 0 ] && grep -v '^PASS ' "$log" | tail -n 30 | sed 's/^/    /'
	pass=$((pass + p))
	fail=$((fail + f))
	echo "$label: $p passed, $f failed"
}
# vg_run NAME PROGRAM ARGS...: PROGRAM under valgrind; FAIL when its own log (not a forked
# child's) has a definite leak or a memory error; else its exit status.
vg_run() {
	name=$1
	shift
	$VG --log-file="$out/$name.%p.log" "$@" &
	pid=$!
	wait $pid
	rc=$?
	main=$out/$name.$pid.log
	if grep -qE 'definitely lost|Invalid (read|write|free)|uninitialised|Mismatched free|overlap|Syscall param' "$main"; then
		echo "FAIL $name: valgrind found errors or definite leaks: $main"
		grep -E 'definitely lost|Invalid|uninitialised' "$main" | head -5
		return 1
	fi
	for c in "$out/$name".*.log; do
		[ "$c" = "$main" ] || [ ! -s "$c" ] || echo "note: $name: a forked child's report, not counted: $c"
	done
	return $rc
}
for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	n=${t##*/}
	run_one "valgrind:unit/$n" vg_run "unit-$n" "$t"
done
for t in "$build"/fuzz/replay_*; do
	[ -x "$t" ] || continue
	n=${t##*/replay_}
	run_one "valgrind:fuzz/$n" vg_run "fuzz-$n" "$t" "tests/fuzz/corpus/$n"
done
for n in test_visit_form test_cases test_shell; do
	run_one "valgrind:e2e/$n.sh" env STATION_BIN="$PWD/$build/station" E2E_TIMEOUT=60 \
		E2E_WRAP="$VG_E2E --log-file=$out/e2e-$n.%p.log" sh "tests/e2e/$n.sh"
done
# Logs with a definite leak or an error (the counted ones failed above; a forked child's is
# listed here); logs with only "possibly lost" blocks (ncurses' and SQLite's caches) are not.
for l in "$out"/*.log; do
	grep -qE 'definitely lost|Invalid|uninitialised' "$l" 2>/dev/null || continue
	echo "valgrind log with findings: ${l##*/}"
	grep -E 'definitely lost|Invalid|uninitialised' "$l" | head -3 | sed 's/^/    /'
done
echo "valgrind: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
