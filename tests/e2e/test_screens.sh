#!/bin/sh
# One shape for every screen: F1 on each list lists every key that list accepts (from its key
# table, the same rows that dispatch), nothing it does not (no 选择 on a list); home's help lists
# the register keys 1-6; with `clear` rebound to F12, Esc still clears a typed filter and F12
# clears it too; the clear key also resets the screen's own filter (F5 range); the key bar and
# messages name the rebound keys.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
e2e_setup
cat >>"$CONF" <<'INI'
[keys]
clear = F12
INI
e2e_start

# Home: F1 lists the register keys and the screen's own actions.
key F1
expect_screen "本屏（首页）的按键"
check "home help: register keys 1-6" screen_has "按数字打开台账：1 代表名册"
check "home help: 6 承办单位" screen_has "6 承办单位"
check "home help: F3 接待登记" screen_has "接待登记"
key Escape
expect_screen "台账"

# Each list: F1 shows its keys; the same keys for every list, plus its own.
help_of() { # MENU_KEY TITLE: open the list, F1, keep the screen in $T/help.txt, back home
	key "$1"
	expect_screen "共 "
	key F1
	expect_screen "本屏（$2）的按键"
	screen >"$T/help.txt"
	key Escape
	expect_gone "本屏（$2）的按键"
	key Escape
	expect_screen "台账"
}
help_has() { grep -qF -- "$1" "$T/help.txt"; }
for spec in "1 代表名册" "2 接待日安排" "3 接待选民登记簿" "4 意见建议办理簿" "5 代表建议办理簿" "6 承办单位"; do
	set -- $spec
	help_of "$1" "$2"
	for k in "F6 ^T" "Esc" "F12" "PgDn" "F10 ^Q" "F1 ^G"; do
		check "$2 help lists $k" help_has "$k"
	done
	# 倒序 (F7) everywhere but on reception days, where F7 is 取消: one key, one action.
	if [ "$2" = 接待日安排 ]; then
		check "$2 help: F7 is 取消, no 倒序 on the same key" sh -c "grep -q 'F7 ^X' $T/help.txt && ! grep -q '倒序' $T/help.txt"
	else
		check "$2 help lists F7 ^R" help_has "F7 ^R"
	fi
	check "$2 help lists 新增 (F3)" help_has "F3 ^N"
	check "$2 help lacks 选择 (F4 is 修改 or nothing here)" sh -c "! grep -q '选择' $T/help.txt"
done
# Keys the case and visit lists accept beyond the bar: F4 opens too, and help says so.
help_of 4 意见建议办理簿
check "case list help lists F4" help_has "F4 ^E"
check "case list help lists F5 筛选" help_has "F5 ^F"
help_of 3 接待选民登记簿
check "visit list help lists F4" help_has "F4 ^E"
help_of 1 代表名册
check "roster help lists F5 层级" help_has "层级"
check "roster help lists F8 删除" help_has "F8 ^D"

# A rebound clear key: Esc still clears the typed filter ("zz", Esc, "q" leaves "q").
key 1
expect_screen "共 0 条"
type_text "zz"
expect_screen "筛选：zz"
key Escape
expect_gone "筛选：zz"
type_text "q"
expect_screen "筛选：q"
check "Esc cleared the filter with clear = F12 (no zzq)" screen_lacks "zzq"
check "key bar unchanged by the rebind" screen_has "F6排序"
key F12
expect_gone "筛选：q"
check "F12 clears the typed filter" screen_lacks "筛选：q "
# The clear key also resets the register's own filter (the F5 level).
key F5
expect_screen "层级：全国"
key F12
expect_screen "层级：全部"
check "clear key resets the level filter" screen_has "层级：全部"
key Escape
expect_screen "台账"

# The empty case list under a range names the rebound key.
key 4
expect_screen "范围：全部"
key F5
expect_screen "范围：超期"
check "empty filtered list names the clear key" screen_has "按 F12 清除全部筛选条件"
key F12
expect_screen "范围：全部"
key Escape
expect_screen "台账"

# Paging the visit list: 95 visits over the month, pages after the first fetched by key (the
# row after the last one shown); every visit is seen once, in order, down and back up.
e2e_quit "screens"
sql "with recursive n(i) as (select 1 union all select i + 1 from n where i < 95)
     insert into visits (date, channel, visitor_name, people, content, category, handling, reply)
     select printf('2026-11-%02d', 1 + (i % 20)), '日常来访', printf('来访人%03d', i), 1, printf('问题%03d', i),
            '其他', '当场答复', '已答复' from n" >/dev/null
e2e_start
key 3
expect_screen "共 95 条"
# Each page is read only once the screen shows it: the first row must change after PgDn ("共 95
# 条" is on every page, so waiting for it let a slow redraw under ASan be read as the next page).
first_row() { screen | grep -o '来访人[0-9][0-9][0-9]' | head -1; }
seen=""
for i in 1 2 3 4 5 6 7; do
	seen="$seen$(screen | grep -o '来访人[0-9][0-9][0-9]' | tr '\n' ' ')"
	[ "$(printf '%s' "$seen" | wc -w)" -ge 95 ] && break
	before=$(first_row)
	key PgDn
	n=0
	while [ "$(first_row)" = "$before" ] && [ $n -lt $((E2E_TIMEOUT * 50)) ]; do
		sleep 0.02
		n=$((n + 1))
	done
	[ "$(first_row)" != "$before" ] || fail "PgDn shows the next page (page $i)"
done
want=$(sql "select visitor_name from visits where deleted = 0 order by date desc, id desc" | tr '\n' ' ')
check_eq "PgDn through the list shows every visit once, newest first" \
	"$(printf '%s' "$seen" | tr ' ' '\n' | awk 'NF && !s[$0]++' | tr '\n' ' ')" "$want"
key End
expect_screen "来访人$(sql "select substr(visitor_name, 4) from visits order by date, id limit 1")"
check "End shows the oldest visit" screen_has "$(sql "select visitor_name from visits order by date, id limit 1")"
key Home
expect_screen "$(sql "select visitor_name from visits order by date desc, id desc limit 1")"
check "Home shows the newest again" screen_has "$(sql "select visitor_name from visits order by date desc, id desc limit 1")"
key Escape
expect_screen "台账"
e2e_quit "paging"

# Columns: identifiers (dates, case numbers) are never cut; at 80 columns low-priority columns
# are hidden instead of squeezing every column to 4. On the demo station (cases with numbers).
env LANG=C.UTF-8 STATION_TODAY=$STATION_TODAY "$STATION_BIN" --config "$CONF" demo --db "$DB" --force >/dev/null 2>&1
full_case_numbers() { screen | grep -Eq 'CG01-2026-[0-9]{4}' && ! screen | grep -Eq 'CG01-20[0-9-]*~'; }
e2e_start
key 3
expect_screen "共 "
check "visit list at 100 columns: case numbers whole" full_case_numbers
tmux -L "$SOCK" resize-window -x 80 -y 24
expect_gone "接待代表"
check "visit list at 80 columns: case numbers still whole" full_case_numbers
check "visit list at 80 columns: dates whole" sh -c "tmux -L $SOCK capture-pane -p | grep -Eq '^ 2026-[0-9]{2}-[0-9]{2} '"
check "visit list at 80 columns: 反映问题 still shown" screen_has "反映问题"
key Escape
expect_screen "台账"
key 4
expect_screen "范围：全部"
check "case list at 80 columns: case numbers whole" full_case_numbers
check "case list at 80 columns: working days named" sh -c "tmux -L $SOCK capture-pane -p | grep -q '个工作日'"
check "case list at 80 columns: no column squeezed to 4 (摘要 header whole)" screen_has "摘要"
tmux -L "$SOCK" resize-window -x 100 -y 30
expect_screen "承办单位"
# A replied case: its 答复内容 line ends with the reply, not a stray "~".
type_text "垃圾清"
expect_screen "共 1 条"
key Enter
expect_screen "答复内容"
check "case screen: a short reply is not cut" sh -c "! tmux -L $SOCK capture-pane -p | grep '答复内容' | grep -q '~'"
key Escape
expect_screen "共 1 条"
key Escape Escape
expect_screen "台账"
e2e_quit "columns"
e2e_finish
