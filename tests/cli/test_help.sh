#!/bin/sh
# station --help / help / --version, usage errors and the message language.
. "$(dirname "$0")/lib.sh"

st --help
ok help_exit_0 rc_is 0
ok help_mentions_usage out_has "用法：station"
ok help_lists_commands out_has "import deputies 文件.csv"
ok help_lists_exit_codes out_has "无法打开数据库"
ok help_says_where_data_lives out_has "$XDG_DATA_HOME/station/station.db"
st help
ok help_command_exit_0 rc_is 0
ok help_command_mentions_usage out_has "用法"
st -h
ok help_short_option out_has "用法"

LANG=C st --help
ok help_chinese_with_lang_c out_has "用法：station"
ok help_chinese_with_lang_c_no_english out_lacks "usage: station"
LANG=en_GB.UTF-8 st --help
ok help_english_with_lang_en_gb out_has "usage: station"
ok help_english_has_no_chinese out_lacks "用法"
LANG=en_US.UTF-8 st --help
ok help_english_with_lang_en out_has "Exit codes:"
LC_ALL=en_US.UTF-8 LANG=zh_CN.UTF-8 st --help
ok lc_all_wins_over_lang out_has "usage: station"
LC_ALL=C.UTF-8 LANG=en_US.UTF-8 st --help
ok lc_all_c_utf8_wins_chinese out_has "用法：station"

st --version
ok version_exit_0 rc_is 0
ok version_from_file out_has "station $(cat "$REPO/VERSION")"
st -V
ok version_short out_has "station $(cat "$REPO/VERSION")"

st --no-such-option
ok unknown_option_exit_2 rc_is 2
ok unknown_option_named err_has "station: 未知选项 --no-such-option"
st -hq
ok unknown_short_option_exit_2 rc_is 2
ok unknown_short_option_named err_has "未知选项 -q"
LANG=en_US.UTF-8 st --no-such-option
ok unknown_option_english err_has "unknown option --no-such-option"
st frobnicate
ok unknown_command_exit_2 rc_is 2
ok unknown_command_named err_has "未知命令 frobnicate"
st --db
ok option_without_argument_exit_2 rc_is 2
ok option_without_argument_named err_has "--db"
st check --force --db x.db
ok force_only_for_demo rc_is 2
st check extra --db x.db
ok extra_argument_exit_2 rc_is 2
st import
ok import_without_kind_exit_2 rc_is 2
st import suggestions a.csv --db x.db
ok import_unknown_kind_exit_2 rc_is 2
ok import_unknown_kind_says_what err_has "deputies"
st import deputies --db x.db
ok import_without_file_exit_2 rc_is 2
ok usage_error_touches_nothing [ ! -e x.db ]
