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
ok demo_no_temp_left [ "$(ls)" = demo.db ]

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
