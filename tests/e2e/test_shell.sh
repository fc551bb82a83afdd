#!/bin/sh
# The full-screen shell: resize redraws, a too-small terminal says so, NO_COLOR and a monochrome
# terminal work, F1 help comes from the key table, pasted control characters are dropped with a
# message, an over-long field is refused at the field with the text kept, a crash restores the
# terminal, and a second copy on the same database is refused.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
e2e_start

check "title bar names the screen" sh -c "tmux -L $SOCK capture-pane -p | sed -n 1p | grep -q 首页"

# --- F1 help lists the keys of the screen it was opened from ---
key 1
expect_screen "共 0 条"
key F1
expect_screen "本屏（代表名册）的按键"
check "help shows the roster's keys" screen_has "F5 ^F"
check "help shows key labels" screen_has "层级"
key Escape
expect_screen "共 0 条"

# --- resize ---
tmux -L "$SOCK" resize-window -x 80 -y 24
expect_screen "F1帮助"
check "resize to 80x24: key bar on the last row" sh -c "tmux -L $SOCK capture-pane -p | sed -n 24p | grep -q F1帮助"
tmux -L "$SOCK" resize-window -x 50 -y 12
expect_screen "窗口太小"
check "too small terminal says so" screen_has "请放大到至少 72x20"
tmux -L "$SOCK" resize-window -x 100 -y 30
expect_screen "共 0 条"
check "back to 100x30: list redrawn" sh -c "tmux -L $SOCK capture-pane -p | sed -n 30p | grep -q F1帮助"

# --- pasted control characters, over-long text ---
key F3
expect_screen "新增代表"
tmux -L "$SOCK" set-buffer "$(printf '王\001五\t六')"
tmux -L "$SOCK" paste-buffer -p
expect_screen "已去掉 1 个控制字符"
check "paste: control character dropped, tab became a space" screen_has "王五 六"
key Home C-k
type_text "一二三四五六七八九十一二三四五六七八九十超"
key F2
expect_screen "内容过长：最多 20 个字"
check "over-long name: message at the field" screen_has "内容过长：最多 20 个字"
check "over-long name: text kept" screen_has "一二三四五六七八九十一二三四五六七八九十超"
check_eq "over-long name: nothing written" "$(sql 'select count(*) from deputies')" 0
key BSpace
type_text "x"; key BSpace
key Tab
type_text "男"; key Tab Tab Tab
type_text "乡镇"
key F2
expect_screen "已保存代表"
check_eq "fixed name saved (20 characters)" "$(sql 'select length(name) from deputies')" 20

# --- a second copy on the same database is refused ---
out=$(env LANG=C.UTF-8 "$STATION_BIN" --config "$CONF" --db "$DB" </dev/null 2>&1)
rc=$?
check_eq "second copy exits 4" "$rc" 4
case "$out" in *另一个*) pass "second copy: message says another copy has it" ;; *) echo "$out" >&2; fail "second copy: message says another copy has it" ;; esac
e2e_quit "shell run"

# --- NO_COLOR and a monochrome terminal still draw the screens ---
# (dash keeps VAR=x assignments made before a function call: set and unset them explicitly)
E2E_ENV="NO_COLOR=1"
e2e_start
unset E2E_ENV
key 1
expect_screen "共 1 条"
check "NO_COLOR: roster drawn" screen_has "乡镇"
e2e_quit "NO_COLOR run"
E2E_TERM=xterm-mono
E2E_NOWAIT=1
e2e_start
unset E2E_TERM E2E_NOWAIT
expect_screen "台账"
check "monochrome terminal: home drawn" screen_has "在任代表 1 名"
key F10
check_eq "monochrome terminal: exits 0" "$(wait_exit)" 0

# --- a crash restores the terminal (alternate screen and keypad mode off) ---
e2e_start
check "running program uses the alternate screen" test "$(tmux -L "$SOCK" display -p '#{alternate_on}')" = 1
kill -SEGV "$(e2e_pid)"
st=$(wait_exit)
check_eq "crash: program died of the signal" "$st" 139
check_eq "crash: terminal left the alternate screen" "$(tmux -L "$SOCK" display -p '#{alternate_on}')" 0
check_eq "crash: keypad mode restored" "$(tmux -L "$SOCK" display -p '#{keypad_flag}')" 0
rm -f "$T"/asan* "$T"/ubsan* # a SEGV sent on purpose may be reported by ASan
e2e_finish
