#!/bin/sh
# make bench: generate the benchmark database once, then time the program on it.
#   sh tests/bench/run.sh BUILD
# Builds nothing: the Makefile has built BUILD/bench/gen and BUILD/bench/bench.
#
# The database is BUILD/bench/station-<generator version>-<schema version>.db. It is reused while
# both versions stay the same; a stamp file (.ok) marks a generation that finished, and files of
# other versions are deleted. "Today" is fixed to a reception day of the default rule (the 15th,
# moved off the weekend), so the figures do not move with the calendar. BENCH_RUNS sets the runs
# per item (default 50). Benchmarks inform: an item over its target does not fail this script;
# an error does.
set -eu
B=${1:-build}
GEN=$B/bench/gen
BENCH=$B/bench/bench
STATION_TODAY=2026-11-16
export STATION_TODAY

for p in "$GEN" "$BENCH" "$B/bench/pdfbench"; do
	[ -x "$p" ] || { echo "bench: $p is missing; run make bench" >&2; exit 1; }
done
command -v sqlite3 >/dev/null || { echo "bench: the sqlite3 shell is missing (make deps installs it)" >&2; exit 1; }

ver=$("$GEN" --version)
db=$B/bench/station-$ver.db
mkdir -p "$B/bench"
if [ ! -f "$db.ok" ]; then
	rm -f "$B"/bench/station-*.db*
	echo "bench: generating $db (about a minute) ..."
	"$GEN" "$db.tmp"
	mv "$db.tmp" "$db"
	rm -f "$db.tmp-wal" "$db.tmp-shm"
	touch "$db.ok"
	echo
fi
"$BENCH" --runs "${BENCH_RUNS:-50}" "$db"
# The PDF ledger against a minimal cairo + pango program (its own small database).
echo
"$B/bench/pdfbench" --runs "${BENCH_RUNS:-10}"
