#!/bin/sh
# make fuzz: run each libFuzzer target (built by the Makefile in BUILD as fuzz_<target>) for
# SECONDS. The working corpus grows in BUILD/corpus/<target>/ (seeded from tests/fuzz/corpus/);
# every crash, leak or time-out libFuzzer finds is written to tests/fuzz/corpus/<target>/ (named
# crash-*, leak-*, timeout-*, oom-*), so that make check replays it from then on: fix the bug,
# keep the file. Prints one line per target and exits 1 if any target found something.
# Use: sh tests/fuzz/run.sh BUILD SECONDS TARGET...
set -u
cd "$(dirname "$0")/../.." || exit 1
build=$1
secs=$2
shift 2
found=0
for t in "$@"; do
	work="$build/corpus/$t"
	keep="tests/fuzz/corpus/$t"
	mkdir -p "$work" "$keep"
	log="$build/fuzz_$t.log"
	before=$(ls "$keep" | wc -l)
	echo "fuzz_$t: ${secs} s ..."
	"$build/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$keep/" "$work" "$keep" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1)
	after=$(ls "$keep" | wc -l)
	if [ "$rc" -ne 0 ] || [ "$after" -ne "$before" ]; then
		found=1
		echo "FAIL fuzz_$t: exit $rc, $((after - before)) new input(s) kept in $keep (log: $log)"
		grep -E '^==[0-9]+==ERROR|SUMMARY|fuzz_assert|runtime error' "$log" | head -5 | sed 's/^/    /'
	else
		echo "PASS fuzz_$t: ${runs:-?} runs in ${secs} s, ${cov:-cov: ?}, $(ls "$work" | wc -l) inputs in the working corpus"
	fi
done
exit $found
