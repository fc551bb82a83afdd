#!/bin/sh
# Run every test against one or more build folders (e.g. build and build/asan).
# Unit test binaries and e2e scripts print "PASS name" / "FAIL name" per test; this counts them,
# counts a program that exits non-zero without a FAIL line (a crash, a sanitizer report) as a
# failure too, and ends with one line "N passed, N failed". Exit status 1 on any failure.
set -u
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- build
pass=0
fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
run_one() { # label command...
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
	if [ "$f" -gt 0 ] || [ "$rc" -ne 0 ]; then
		sed 's/^/    /' "$log" | grep -v '^    PASS ' | tail -n 60
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	echo "$label: $p passed, $f failed"
}
for build in "$@"; do
	echo "== tests on $build =="
	for t in "$build"/tests/test_*; do
		[ -x "$t" ] || continue
		run_one "$build:unit/${t##*/}" "$t"
	done
	# the saved inputs of each fuzz target (tests/fuzz/corpus/<target>/), replayed
	for t in "$build"/fuzz/replay_*; do
		[ -x "$t" ] || continue
		name=${t##*/replay_}
		run_one "$build:fuzz/$name" "$t" "tests/fuzz/corpus/$name"
	done
	for t in tests/cli/test_*.sh; do
		[ -f "$t" ] || continue
		run_one "$build:cli/${t##*/}" env STATION_BIN="$PWD/$build/station" sh "$t"
	done
	for t in tests/e2e/test_*.sh; do
		[ -f "$t" ] || continue
		run_one "$build:e2e/${t##*/}" env STATION_BIN="$PWD/$build/station" sh "$t"
	done
	# the crash soak, 20 rounds (make soak runs 200)
	run_one "$build:soak/crash.sh" env STATION_BIN="$PWD/$build/station" sh tests/soak/crash.sh "${SOAK_CHECK_COUNT:-20}"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
