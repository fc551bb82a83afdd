#!/bin/sh
# What a clerk feels: the time from a key to the redrawn screen, measured inside the program
# (STATION_TRACE, core/trace.h) while tmux types into the real program on the bench database.
#   sh tests/bench/latency.sh [BUILD] [DB]
# BUILD defaults to build; DB to the newest BUILD/bench/station-*.db that `make bench` made.
# The database is copied first (a save writes to it). Each phase types its keys one at a time,
# each after the previous key's line is in the trace, so no key waits behind another, and
# prints p50/p95/max in milliseconds over that phase's keys. Also: the time from the command to
# the first drawn screen (5 starts), and the peak RSS (VmHWM) of the program after it scrolled
# the whole of this month's visit list and the whole visit list by End/Home. Benchmarks
# inform: nothing here fails on a figure; a key that never shows in the trace does.
set -eu
B=${1:-build}
BIN=$PWD/$B/station
SRC=${2:-$(ls -t "$B"/bench/station-*.db 2>/dev/null | head -1)}
[ -x "$BIN" ] || { echo "latency: $BIN is missing (make)" >&2; exit 1; }
[ -f "$SRC" ] || { echo "latency: no bench database (make bench)" >&2; exit 1; }
command -v tmux >/dev/null || { echo "latency: tmux is missing" >&2; exit 1; }
W=$(mktemp -d "${TMPDIR:-/tmp}/station-latency.XXXXXX")
S="lat$$-0"
NSTART=0
trap 'tmux -L "$S" kill-server 2>/dev/null; rm -rf "$W"' EXIT
DB=$W/station.db
TR=$W/trace
echo "latency: copying $SRC ..."
cp "$SRC" "$DB"
cat >"$W/station.ini" <<'INI'
[station]
name = 基准测试联络站
code = BM01
[backup]
remind_days = 0
[accounts]
# no login screen: the keys go to the registers (the first run would ask for the head's account)
login = no
INI
export STATION_TODAY=2026-11-16 LANG=C.UTF-8

now_us() { date +%s%6N; }
lines() { if [ -f "$TR" ]; then wc -l <"$TR"; else echo 0; fi; }
# Wait until the trace has $1 lines (30 s at most).
waitn() {
	local _w=0
	while [ "$(lines)" -lt "$1" ]; do
		_w=$((_w + 1))
		[ $_w -lt 30000 ] || { echo "latency: key $1 never reached the trace" >&2; tail -3 "$TR" >&2; exit 1; }
		sleep 0.001
	done
}
# A new tmux socket for each start (a session started at once on a socket whose server is
# going away dies with it: tests/e2e/lib.sh).
start() {
	tmux -L "$S" kill-server 2>/dev/null || true
	NSTART=$((NSTART + 1))
	S="lat$$-$NSTART"
	rm -f "$TR"
	t0=$(now_us)
	tmux -L "$S" -f tests/e2e/tmux.conf new-session -d -x 100 -y 30 \
		"date +%s%6N >$W/exec; exec env STATION_TRACE=$TR TERM=tmux-256color $BIN --config $W/station.ini --db $DB"
	waitn 1
	echo "$t0 $(head -1 "$TR" | cut -f3,4) $(cat "$W/exec")" >>"$W/starts"
}
# Keys by tmux name, one at a time.
k() { local x n; for x in "$@"; do n=$(($(lines) + 1)); tmux -L "$S" send-keys "$x"; waitn $n; done; }
# Literal text, one character at a time.
t() {
	printf '%s' "$1" | grep -o . | while IFS= read -r c; do
		n=$(($(lines) + 1))
		tmux -L "$S" send-keys -l -- "$c"
		waitn $n
	done
}
rep() { local r=$1; shift; while [ "$r" -gt 0 ]; do "$@"; r=$((r - 1)); done; }
phase() { echo "$1 $(($(lines) + 1))" >>"$W/phases"; }
screen() { tmux -L "$S" capture-pane -p; }
# F10 closes the program (no redraw, so no trace line): wait for the pane to end.
quit() {
	tmux -L "$S" send-keys F10
	_w=0
	until ! tmux -L "$S" list-panes -F '#{pane_dead}' 2>/dev/null | grep -q 0; do
		_w=$((_w + 1))
		[ $_w -lt 10000 ] || { echo "latency: the program did not close" >&2; exit 1; }
		sleep 0.002
	done
}

# --- the first screen, five times ---
for i in 1 2 3 4 5; do start; quit; done
start
# --- open each register list from home and go back ---
phase open-lists
rep 12 k 1 Escape 2 Escape 3 Escape 4 Escape 5 Escape
# --- this month's visits: page down to the end and back ---
k 3
phase page-month
rep 400 k NPage
rep 400 k PPage
# --- every visit: the period cleared, to the end and back ---
k F9 C-u Enter
phase end-home-all
rep 50 k End Home
k F9 C-u; t 2026-11; k Enter
# --- filters typed into the visit list (this month), one character a key, then cleared ---
filter() { local f="$1"; t "$f"; rep "$(printf '%s' "$1" | grep -o . | wc -l)" k BSpace; }
phase filter-1
for w in 村 路 鑫 王 李 红 镇 水 燕 琴 村 路 鑫 王 李 红 镇 水 燕 琴 村 路 鑫 王 李 红 镇 水 燕 琴 \
	村 路 鑫 王 李 红 镇 水 燕 琴 村 路 鑫 王 李 红 镇 水 燕 琴; do filter "$w"; done
rep 3 filter 村
phase filter-2
for w in 红旗 滨江 鑫鑫 建国 秀英 路灯 停水 农机 红旗 滨江 鑫鑫 建国 秀英 路灯 停水 农机 医保 低保 物业 噪音 红旗 滨江 鑫鑫 建国 秀英; do filter "$w"; done
phase filter-3
for w in 红旗村 滨江路 鑫鑫鑫 王建国 李秀英 环城路 石桥村 供销社 红旗村 滨江路 鑫鑫鑫 王建国 李秀英 环城路 石桥村 供销社 民主路; do filter "$w"; done
phase filter-6
for w in 三友农机专业 青禾县供销社 永兴建材厂房 红旗村村委会 环城路路灯坏 三友农机专业 青禾县供销社 永兴建材厂房 红旗村村委会; do filter "$w"; done
# --- words typed at speed (a burst, as an input method commits them) on every visit: the keys
# before the last give way (db/search.h), so a word costs about what its last key costs ---
k F9 C-u Enter
phase burst-all
for w in 红旗村 鑫鑫鑫 王建国 三友农机专业 供水问题 红旗村 鑫鑫鑫 王建国 三友农机专业 供水问题; do
	from=$(($(lines) + 1))
	n=$(($(lines) + $(printf '%s' "$w" | grep -o . | wc -l)))
	tmux -L "$S" send-keys -l -- "$w"
	waitn $n
	echo "$from $n" >>"$W/words"
	k C-u
done
k F9 C-u; t 2026-11; k Enter
# --- the same on every visit (period cleared): 1-2 characters look at up to a million rows ---
k F9 C-u Enter
phase filter-all-1-2
for w in 村 鑫 红旗 鑫鑫 王 建国 村 鑫 红旗 鑫鑫 王 建国 村 鑫 红旗 鑫鑫 王 建国 村 鑫 红旗 鑫鑫 \
	燕 路灯 琴 停水 李 秀英 镇 农机 燕 路灯 琴 停水 李 秀英; do filter "$w"; done
phase filter-all-3-6
for w in 红旗村 鑫鑫鑫 王建国 三友农机专业 红旗村 鑫鑫鑫 王建国 三友农机专业 红旗村 鑫鑫鑫 王建国 三友农机专业 红旗村; do filter "$w"; done
k F9 C-u; t 2026-11; k Enter
# --- open a record and go back ---
phase open-record
rep 60 k Enter Escape Down
k Escape
# --- pinyin initials on the deputy roster (500 deputies) ---
k 1
phase pinyin
for w in zs wj lxy ch zw wjg ly zs wj lxy ch zw wjg ly zs wj lxy ch zw wjg ly zs wj lxy ch zw wjg ly; do filter "$w"; done
k Escape
# --- 代表建议 (5,000 on the bench database): filter, page, open and go back ---
k 5
phase suggestions
for w in 供水 养老 关于 电梯 冷链物流 垃圾 供水 养老 关于 电梯 冷链物流 垃圾; do filter "$w"; done
rep 40 k NPage
rep 40 k PPage
rep 20 k Enter Escape Down
k Escape
# --- save a visit (the audit log of a few million rows takes its row) ---
k F3
phase save
n_saved=0
while [ $n_saved -lt 100 ]; do
	t "测试$n_saved"; k Tab; t "路灯不亮"; k Tab; t sd; k Tab; t dc; k Tab; t 已答复; k F2
	n_saved=$((n_saved + 1))
done
k Escape
# --- the whole visit list scrolled: peak memory ---
pid=$(pgrep -n -f "$BIN --config $W/station.ini")
rss=$(grep VmHWM /proc/"$pid"/status | awk '{print $2}')
quit

echo
echo "latency on $(basename "$SRC") ($(sqlite3 "$DB" 'select count(*) from visits') visits, $(sqlite3 "$DB" 'select count(*) from audit_log') audit rows), $(nproc) cores"
# starts: launch time, us from trace_open to the first screen, its wall time, the exec time.
echo "first screen (5 starts): from exec to the first drawn screen, and from trace_open (ui_run) to it:"
awk '{ printf "  %.1f ms from exec, %.1f ms of it in the full-screen program (%.1f ms from tmux new-session)\n", ($3 - $4) / 1000, $2 / 1000, ($3 - $1) / 1000 }' "$W/starts"
echo "peak RSS of the program after scrolling every visit: $((rss / 1024)) MB ($rss kB)"
cp "$TR" "$B/bench/latency-$(basename "$SRC" .db).trace"
# A burst word: the sum of its keys' times (the program's busy time from its first key to the
# screen showing the whole word).
words=""
while read -r from n; do
	words="$words $(sed -n "${from},${n}p" "$TR" | awk -F'\t' '{ s += $3 } END { printf "%.1f", s / 1000 }')"
done <"$W/words"
echo "burst words on every visit, ms per word (all its keys):$words"
printf '%-16s %6s %8s %8s %8s\n' phase keys p50_ms p95_ms max_ms
# Each phase: the trace lines from its start to the next phase's start (the save phase: F2 only).
sort -k2 -n "$W/phases" | awk -v tr="$TR" '
	{ name[NR] = $1; from[NR] = $2 } END { name[NR + 1] = ""; from[NR + 1] = 1e18; n = NR
		for (p = 1; p <= n; p++) printf "%s %d %d\n", name[p], from[p], from[p + 1] - 1 }' |
while read -r name from to; do
	if [ "$name" = save ]; then
		sed -n "${from},${to}p" "$TR" | awk -F'\t' '$2 == "save" { print $3 }'
	else
		sed -n "${from},${to}p" "$TR" | grep -v '^start' | cut -f3
	fi | sort -n | awk -v name="$name" '{ v[NR] = $1 } END {
		if (!NR) exit
		i50 = int(NR * 0.50 + 0.5); i95 = int(NR * 0.95 + 0.5); if (i50 < 1) i50 = 1; if (i95 < 1) i95 = 1
		printf "%-16s %6d %8.2f %8.2f %8.2f\n", name, NR, v[i50] / 1000, v[i95] / 1000, v[NR] / 1000 }'
done
