#!/bin/sh
# station demo: a fictional station, refusing to overwrite without --force.
. "$(dirname "$0")/lib.sh"

st demo --db demo.db
ok demo_exit_0 rc_is 0
ok demo_says_ready out_has "station --db demo.db"
ok demo_deputies_count sql_is demo.db "select count(*) from deputies" 12
ok demo_levels_varied sql_is demo.db "select count(distinct level) from deputies" 5
ok demo_genders_both sql_is demo.db "select count(distinct gender) from deputies" 2
ok demo_polyphonic_surnames sql_is demo.db "select count(*) from deputies where name like '曾%' or name like '单%'" 3
ok demo_phones_fictional sql_is demo.db "select count(*) from deputies where phone not like '139000001%' and phone not like '0771-555%'" 0
ok demo_file_private [ "$(stat -c %a demo.db)" = 600 ]
ok demo_no_temp_left [ "$(ls | tr '\n' ' ')" = "demo.db demo.db.chain " ]

# Cases at every point of the loop, with real timelines, dated back from today (2026-03-15).
ok demo_says_cases out_has "意见建议：4"
ok demo_says_suggestions out_has "代表建议：4"
ok demo_case_overdue sql_is demo.db \
	"select status, due_date < '2026-03-15' from cases where summary = '石桥村至镇区村道坑洼多处'" "办理中|1"
ok demo_case_due_soon sql_is demo.db \
	"select status, due_date between '2026-03-15' and '2026-03-20' from cases where summary like '镇中心学校门口%'" "办理中|1"
ok demo_case_awaiting_followup sql_is demo.db \
	"select status, followup_date is null from cases where summary = '柳塘社区垃圾清运不及时'" "已答复|1"
ok demo_case_closed sql_is demo.db \
	"select status, satisfaction from cases where summary = '镇卫生院周末没有儿科门诊'" "办结|满意"
ok demo_case_timeline sql_is demo.db \
	"select group_concat(type, ',') from (select e.type from case_events e join cases c on c.id = e.case_id where c.summary = '镇卫生院周末没有儿科门诊' order by e.id)" \
	"受理,交办,答复,回访,办结"
ok demo_default_station_code sql_is demo.db "select count(*) from cases where case_no not like 'ST01-2026-%'" 0
# Suggestions at each status; the ones being handled and closed grew out of demo cases.
ok demo_suggestion_statuses sql_is demo.db \
	"select group_concat(status, ',') from (select status from suggestions order by id)" "办结,办理中,办理中,已提出"
ok demo_suggestions_linked sql_is demo.db \
	"select group_concat(s.status || ':' || c.status, ',') from (select * from suggestion_cases order by id) sc join suggestions s on s.id = sc.suggestion_id join cases c on c.id = sc.case_id where s.status in ('办理中', '办结')" \
	"办结:办结,办理中:办理中"
ok demo_suggestion_due_3_months sql_is demo.db \
	"select assigned_date, due_date from suggestions where title like '%交通安全设施%'" "2026-03-05|2026-06-05"
ok demo_suggestion_overdue sql_is demo.db \
	"select count(*) from suggestions where status = '办理中' and due_date < '2026-03-15'" 1
ok demo_suggestion_cosponsors sql_is demo.db "select count(*) from suggestion_deputies" 7
ok demo_check_clean sh -c "'$BIN' check --db demo.db >/dev/null 2>&1"

# With a station.ini, the demo numbers its cases with that station's code.
printf '[station]\nname = 城关镇人大代表联络站\ncode = CG01\n' >cg.ini
st --config cg.ini demo --db cg.db
ok demo_config_exit_0 rc_is 0
ok demo_config_station_code sql_is cg.db "select count(*) = count(case when case_no like 'CG01-2026-%' then 1 end) and count(*) >= 10 from cases" 1
rm -f cg.ini cg.db

sqlite3 demo.db "update deputies set note = 'marker' where name = '曾国华'"
st demo --db demo.db
ok demo_refuses_existing_exit_1 rc_is 1
ok demo_refuses_existing_message err_has "demo.db 已存在"
ok demo_refuses_existing_mentions_force err_has "--force"
ok demo_refuses_leaves_file sql_is demo.db "select note from deputies where name = '曾国华'" marker

st demo --db demo.db --force
ok demo_force_exit_0 rc_is 0
ok demo_force_replaced sql_is demo.db "select count(*) from deputies where note = 'marker'" 0
ok demo_force_count sql_is demo.db "select count(*) from deputies" 12
bak=$(ls demo.db.bak-* 2>/dev/null | grep -v -e '-wal$' -e '-shm$' | head -1)
ok demo_force_keeps_old_file_as_bak test -n "$bak"
ok demo_force_bak_has_the_old_rows sql_is "${bak:-missing}" "select note from deputies where name = '曾国华'" marker
ok demo_force_says_where_the_old_file_went out_has "demo.db.bak-"

echo "not a database" > old.db
st --force demo --db old.db
ok demo_force_over_other_file rc_is 0
ok demo_force_over_other_file_count sql_is old.db "select count(*) from deputies" 12

st demo
ok demo_needs_db_exit_2 rc_is 2
ok demo_needs_db_message err_has "--db"
st demo --db "$T/nowhere/demo.db"
ok demo_missing_folder_exit_4 rc_is 4
ok demo_missing_folder_named err_has "$T/nowhere"
mkdir adir
st demo --db adir --force
ok demo_on_folder_refused rc_is 2

# --force never replaces a database another station is editing (it holds the file's lock).
if command -v flock >/dev/null; then
	# One process that takes the lock and then becomes the sleep, so killing $! releases it.
	sh -c 'exec 9<demo.db; flock 9; : > locked; exec sleep 30' </dev/null >/dev/null 2>&1 &
	locker=$!
	i=0
	while [ ! -e locked ] && [ $i -lt 250 ]; do
		sleep 0.02
		i=$((i + 1))
	done
	st demo --db demo.db --force
	ok demo_force_refuses_file_in_use rc_is 4
	ok demo_force_in_use_message err_has "正被另一个 station 程序使用"
	kill "$locker"
	wait "$locker" 2>/dev/null
	st demo --db demo.db --force
	ok demo_force_after_release rc_is 0
fi

# --force never overwrites a backup and never splits one from its -wal: run it three times in one
# second on a file with data (retried until the three runs fall in one second; a build too slow for
# that, such as ASan's, says SKIP for that part only), then with the backup names of the next
# seconds already taken, which makes every run collide. Every backup is one self-contained file
# that passes integrity_check and holds the rows of the file it replaced.
# bak_ok FILE NOTE: FILE passes integrity_check and its 曾国华 has note NOTE.
bak_ok() {
	[ "$(sqlite3 "$1" 'pragma integrity_check')" = ok ] || { echo "    $1: integrity_check failed"; return 1; }
	sql_is "$1" "select note from deputies where name = '曾国华'" "$2"
}
# baks RE: the backups of same.db (not -wal/-shm/-journal files) whose names match RE.
baks() { ls same.db.bak-* 2>/dev/null | grep -v -e '-wal$' -e '-shm$' -e '-journal$' | grep -e "$1"; }
# force_runs N: N runs of demo --force on same.db, each after a note runI that is in the -wal only
# (no checkpoint on close), so the backup must carry it. Stops at the first failed run.
force_runs() {
	for i in $(seq "$1"); do
		sqlite3 same.db ".dbconfig no_ckpt_on_close on" "pragma journal_mode=wal" \
			"update deputies set note = 'run$i' where name = '曾国华'" >/dev/null
		[ -s same.db-wal ] || echo "    (no -wal kept: the test is weaker)"
		st demo --db same.db --force
		[ "$rc" -eq 0 ] || return 1
	done
}
# sound_runs N RE: one backup per run among those matching RE, each sound and holding its run's note.
sound_runs() {
	[ "$(baks "$2" | wc -l)" -eq "$1" ] || { echo "    backups: $(baks "$2" | tr '\n' ' ')"; return 1; }
	for i in $(seq "$1"); do
		b=$(for f in $(baks "$2"); do [ "$(sqlite3 "$f" "select note from deputies where name = '曾国华'" 2>/dev/null)" = run$i ] && echo "$f"; done | head -1)
		bak_ok "${b:-missing}" run$i || return 1
	done
}
rm -f same.db same.db.bak-*
st demo --db same.db
tries=0
while :; do
	rm -f same.db.bak-*
	# Start just after a second begins, to give the three runs the whole second.
	s0=$(date +%s)
	while [ "$(date +%s)" = "$s0" ]; do sleep 0.01; done
	s0=$(date +%s)
	force_runs 3
	frc=$?
	s1=$(date +%s)
	tries=$((tries + 1))
	[ "$s0" = "$s1" ] || [ $tries -ge 5 ] || continue
	break
done
ok demo_force_3_runs_exit_0 [ "$frc" -eq 0 ]
ok demo_force_3_backups_sound sound_runs 3 .
ok demo_force_no_backup_wal [ -z "$(ls same.db.bak-*-wal same.db.bak-*-shm same.db.bak-*-journal 2>/dev/null)" ]
ok demo_force_backup_private [ "$(stat -c %a "$(baks . | head -1)")" = 600 ]
if [ "$s0" = "$s1" ]; then
	ok demo_force_3_in_one_second_names sh -c "ls same.db.bak-*-2 same.db.bak-*-3 >/dev/null"
else
	echo "SKIP demo_force_3_in_one_second_names: three runs take more than a second on this build (the taken-names runs below collide anyway)"
fi

# Names already taken for the next ten seconds (by files that are not backups): every run collides,
# takes the next free name, and leaves those files alone.
rm -f same.db.bak-*
now=$(date +%s)
for d in $(seq 0 9); do
	echo "not mine" >"same.db.bak-$(date -d "@$((now + d))" +%Y%m%d-%H%M%S)"
done
force_runs 2
ok demo_force_taken_names_exit_0 rc_is 0
ok demo_force_taken_names_untouched [ "$(cat $(ls same.db.bak-* | grep -v -- '-[0-9]$') | grep -c 'not mine')" -eq 10 ]
ok demo_force_taken_names_sound sound_runs 2 '-[0-9]$'
