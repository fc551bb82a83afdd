#!/bin/sh
# A clerk's stumbles and faults outside the happy path, through the real program:
# - a printable key bound in [keys] (quit = F10 q, help = #) is refused at start and stays text;
# - Alt+Y (Esc y) on an unsaved form shows the question and does not answer it;
# - a paste with newlines stays in its one-line field (a space), a pasted BEL triggers nothing;
# - SIGTERM / SIGHUP end the program with the terminal restored and the open form kept as a
#   draft; the next time the form opens, the draft is offered back (Y restores, N drops), and
#   kill -9 after leaving a field keeps what was typed up to that field;
# - implausible visit dates (1900-01-01, two years ahead) ask first.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
STATION_TODAY=2026-11-16
cat >>"$CONF" <<'INI'
[keys]
quit = F10 q
help = "#"
INI

# Output of the pane as bytes, to see what the program left the terminal in at exit.
pipe_output() { tmux -L "$SOCK" pipe-pane -o "cat >>$T/out.raw"; }
# After exit: the last bracketed-paste and alternate-screen switches are "off".
terminal_restored() {
	python3 - "$T/out.raw" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
ok = b.rfind(b"\x1b[?2004l") > b.rfind(b"\x1b[?2004h") and b.rfind(b"\x1b[?1049l") > b.rfind(b"\x1b[?1049h")
sys.exit(0 if ok else 1)
PY
}

e2e_start
pipe_output
check "[keys] quit = F10 q: refused at start" screen_has "q 是打字用的字符"
check "[keys] help = #: refused at start" screen_has "# 是打字用的字符"

# --- letters bound to actions stay text in a form ---
key F3
wait_for "接待登记" || fail "visit form opens"
type_text "q#王"
wait_for "q#王" || fail "q and # typed into 来访人"
check "typing q did not ask to quit" screen_lacks "放弃未保存的修改吗"
check "typing # did not open help" screen_lacks "的按键"

# --- Alt+Y on an unsaved form: the question is shown, y does not answer it ---
key M-y
wait_for "放弃未保存的修改吗" || fail "Alt+Y: the discard question is drawn"
check "Alt+Y: the y typed with Esc did not answer (question still shown)" screen_has "放弃未保存的修改吗"
key n
wait_gone "放弃未保存的修改吗" || fail "n closes the question"
check "Alt+Y then n: the form and its text are still there" screen_has "q#王"

# --- a paste with newlines and a BEL stays in the one-line field ---
key Home C-k
tmux -L "$SOCK" set-buffer "$(printf '李大姐\n东街\a路灯')"
tmux -L "$SOCK" paste-buffer -p -r
wait_for "李大姐 东街路灯" || fail "paste: newline became a space in 来访人"
check "paste: the rest did not spill into 反映问题" sh -c "! tmux -L $SOCK capture-pane -p | grep '反映问题' | grep -q 东街"
check_eq "paste: cursor still on 来访人 (row of the field)" \
	"$(tmux -L "$SOCK" display -p '#{cursor_y}')" "$(tmux -L "$SOCK" capture-pane -p | grep -n '来访人' | head -1 | cut -d: -f1 | awk '{print $1-1}')"

# --- SIGTERM with an open form: terminal restored, form kept as a draft ---
key Tab
type_text "东街路灯坏了三盏，晚上出行不安全"
key Tab # leaves 反映问题: the draft is written now
type_text "城乡" # typed after the last field change: kept by the exit path
wait_for "城乡" || fail "typed 类别"
pid=$(e2e_pid)
kill -TERM "$pid"
st=$(wait_exit)
check_eq "SIGTERM: exit status 143" "$st" 143
check "SIGTERM: terminal restored (alternate screen and bracketed paste off)" terminal_restored
check_eq "SIGTERM: alternate screen off in tmux" "$(tmux -L "$SOCK" display -p '#{alternate_on}')" 0
check_eq "SIGTERM: the form is a draft" "$(sql "select form, record_id from drafts")" "visits|0"
check "SIGTERM: the draft holds every field typed, the last one too" \
	sh -c "sqlite3 $DB \"select vals from drafts\" | grep -q '\"visitor_name\":\"李大姐 东街路灯\".*\"category\":\"城乡\"'"
check_eq "SIGTERM: no visit written" "$(sql "select count(*) from visits")" 0
e2e_sanitizer_clean "SIGTERM"

# --- the draft is offered back; Y restores it, F2 makes it a record ---
e2e_start
key F3
wait_for "这张表单有没保存的草稿" || fail "draft offered when the visit form opens"
key y
wait_for "已恢复草稿" || fail "Y restores the draft"
check "restored: 来访人" screen_has "李大姐 东街路灯"
check "restored: 反映问题" screen_has "东街路灯坏了三盏"
check_eq "restored draft is not a record yet" "$(sql "select count(*) from visits")" 0
check "restored: the cursor is back on the field being typed (类别)" \
	sh -c "tmux -L $SOCK capture-pane -p | sed -n \"\$(( \$(tmux -L $SOCK display -p '#{cursor_y}') + 1 ))p\" | grep -q '类别'"
key Tab
type_text "当场答复"; key Tab
type_text "已转告城管所"
key F2
wait_for "已保存第 1 位来访" || fail "restored draft saved with F2"
check_eq "saved visit from the draft" "$(sql "select visitor_name, content from visits")" "李大姐 东街路灯|东街路灯坏了三盏，晚上出行不安全"
check_eq "saved: the draft is gone" "$(sql "select count(*) from drafts")" 0

# --- kill -9 after leaving a field: what was typed up to that field survives ---
type_text "张师傅"
key Tab
type_text "西河桥栏杆松动"
key Tab
wait_for "西河桥栏杆松动" || fail "typed the second visit"
# The Tab that leaves the field writes the draft: kill only once it is in the database (the text
# shows on screen before the Tab is handled).
n=0
until sqlite3 "$DB" "select vals from drafts where form = 'visits'" 2>/dev/null | grep -q '西河桥栏杆松动' ||
	[ $n -ge $((E2E_TIMEOUT * 50)) ]; do
	sleep 0.02
	n=$((n + 1))
done
kill -KILL "$(e2e_pid)"
st=$(wait_exit)
check_eq "kill -9: exit status 137" "$st" 137
check "kill -9: the draft has the fields left before the kill" \
	sh -c "sqlite3 $DB \"select vals from drafts where form = 'visits'\" | grep -q '西河桥栏杆松动'"
check_eq "kill -9: database intact" "$(sql "pragma integrity_check")" ok

# --- N throws the draft away; Esc with no changes leaves nothing ---
e2e_start
key F3
wait_for "这张表单有没保存的草稿" || fail "draft offered after kill -9"
key n
wait_gone "这张表单有没保存的草稿" || fail "N closes the question"
check "N: the form is empty" screen_lacks "张师傅"
check_eq "N: the draft is dropped" "$(sql "select count(*) from drafts")" 0

# --- implausible dates ask first ---
key Escape
wait_for "首页" || fail "back home"
key F3
wait_for "接待登记" || fail "visit form for dates"
key PgDn Home C-k # to the last field, 日期
type_text "1900-01-01"
key Tab
type_text "赵阿姨"; key Tab
type_text "咨询医保报销"; key Tab
type_text "医疗"; key Tab
type_text "当场答复"; key Tab
type_text "已解释报销流程"
key F2
wait_for "早于本站最早的来访记录" || fail "1900-01-01 asks"
check "1900: question names the year of the first record" screen_has "（2026 年）"
key n
wait_gone "早于本站最早的来访记录" || fail "n closes the date question"
check_eq "1900, N: nothing written" "$(sql "select count(*) from visits where date < '2000'")" 0
check "1900, N: the form keeps the text" screen_has "咨询医保报销"
check "1900, N: message at the date" screen_has "请修改日期"
# two years ahead
key PgDn Home C-k
type_text "2028-11-16"
key F2
wait_for "来访日期在一年以后" || fail "two years ahead asks"
key n
wait_gone "来访日期在一年以后" || fail "n closes it"
check_eq "2028, N: nothing written" "$(sql "select count(*) from visits where date > '2027'")" 0
key PgDn Home C-k
type_text "2026-11-16"
key F2
wait_for "已保存第 1 位来访（赵阿姨）" || fail "a plausible date saves without a question"
check_eq "saved with today's date" "$(sql "select date from visits where visitor_name = '赵阿姨'")" 2026-11-16

# --- SIGHUP (window closed): draft kept, exit 129 ---
type_text "钱大伯"; key Tab
type_text "村口垃圾清运不及时"
# the signal only after the program has the text (under load it could come first)
expect_screen "村口垃圾清运不及时"
key Tab
pid=$(e2e_pid)
kill -HUP "$pid"
st=$(wait_exit)
check_eq "SIGHUP: exit status 129" "$st" 129
check "SIGHUP: draft kept" sh -c "sqlite3 $DB \"select vals from drafts\" | grep -q 村口垃圾清运不及时"
e2e_sanitizer_clean "SIGHUP"

# --- a real hang-up: the terminal goes away under the program ---
sql "delete from drafts" >/dev/null
e2e_start
key F3
wait_for "接待登记" || fail "visit form before hang-up"
type_text "孙阿婆"; key Tab
type_text "门前水沟堵塞"
wait_for "门前水沟堵塞" || fail "typed before hang-up"
pid=$(e2e_pid)
tmux -L "$SOCK" kill-server
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt $((E2E_TIMEOUT * 50)) ]; do sleep 0.02; i=$((i + 1)); done
check "hang-up: the program ends" sh -c "! kill -0 $pid 2>/dev/null"
check "hang-up: what was typed is a draft" sh -c "sqlite3 $DB \"select vals from drafts\" | grep -q 门前水沟堵塞"
e2e_sanitizer_clean "hang-up"
e2e_finish
