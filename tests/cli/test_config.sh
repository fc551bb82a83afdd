#!/bin/sh
# Configuration errors (exit 3) and where the database is looked for (exit 4 messages).
. "$(dirname "$0")/lib.sh"

printf '[station]\nname = 西河镇人大代表联络站\nthis line is not ini\n' > bad.ini
st --config bad.ini check
ok bad_config_exit_3 rc_is 3
ok bad_config_names_file err_has "bad.ini"
ok bad_config_names_line err_has "第 3 行"
ok bad_config_prefixed err_has "station: "

st --config missing.ini check
ok missing_config_exit_3 rc_is 3
ok missing_config_named err_has "missing.ini"

STATION_CONFIG=bad.ini st check
ok station_config_env_used rc_is 3

# A database in a folder that does not exist: exit 4, naming the folder.
st --db "$T/no/such/folder/x.db" import deputies "$FIX/good.csv"
ok db_in_missing_folder_exit_4 rc_is 4
ok db_in_missing_folder_named err_has "$T/no/such/folder"
st --db "$T/no/such/folder/x.db"
ok tui_db_in_missing_folder_exit_4 rc_is 4
ok tui_db_in_missing_folder_named err_has "数据库所在的文件夹不存在：$T/no/such/folder"
LANG=en_US.UTF-8 st --db "$T/no/such/folder/x.db" check
ok missing_folder_english err_has "the database folder does not exist"

# [database] path from the file, and --db over it.
printf '[database]\npath = %s\n' "$T/work/from-ini.db" > good.ini
st --config good.ini check
ok db_path_from_config rc_is 4
ok db_path_from_config_named err_has "from-ini.db"
st --config good.ini --db other.db import deputies "$FIX/good.csv"
ok db_option_overrides_config rc_is 0
ok db_option_overrides_config_file [ -f other.db ] && [ ! -e from-ini.db ]

# The default place: $XDG_DATA_HOME/station/, made on first use, private.
st import deputies "$FIX/good.csv"
ok default_db_created rc_is 0
ok default_db_in_xdg_data [ -f "$XDG_DATA_HOME/station/station.db" ]
ok default_folder_private [ "$(stat -c %a "$XDG_DATA_HOME/station")" = 700 ]
ok default_db_private [ "$(stat -c %a "$XDG_DATA_HOME/station/station.db")" = 600 ]

# The configuration is read without a temporary file: a TMPDIR that does not exist changes nothing.
printf '[station]\nname = 城关镇人大代表联络站\n' > plain.ini
TMPDIR=/nonexistent st --config plain.ini --db other.db check
ok tmpdir_missing_check_works rc_is 0
ok tmpdir_missing_no_config_error err_lacks "临时文件"
TMPDIR=/nonexistent st --config plain.ini --db other.db visits --month 2026-03
ok tmpdir_missing_visits_works rc_is 0
ok tmpdir_missing_visits_uses_config out_has "城关镇人大代表联络站"

# --config naming a FIFO, a device or a folder: exit 3 at once (never waiting for a writer),
# with a Chinese message naming the path.
mkfifo fifo.ini
for c in "$T/work/fifo.ini" /dev/zero /dev/null "$T/work"; do
	n=$(basename "$c")
	timeout 5 "$BIN" --config "$c" --db other.db check </dev/null >"$T/out" 2>"$T/err"
	rc=$?
	ok "config_${n}_not_hung" [ "$rc" -ne 124 ]
	ok "config_${n}_exit_3" rc_is 3
	ok "config_${n}_named" err_has "无法读取配置文件 $c："
done
timeout 5 env STATION_CONFIG="$T/work/fifo.ini" "$BIN" --db other.db check </dev/null >"$T/out" 2>"$T/err"
rc=$?
ok config_env_fifo_exit_3 rc_is 3
