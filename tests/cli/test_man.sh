#!/bin/sh
# docs/station.1 against the program: every command and option of `station --help`, every long
# option of the program's option tables (main.c, cli/print.c), and exactly the exit codes of
# --help are in the man page, so neither can drift from the other.
. "$(dirname "$0")/lib.sh"
MAN=$REPO/docs/station.1
ok man_page_exists [ -s "$MAN" ]
# The man page as plain text of one section: "\-" is "-", font escapes dropped.
section() {
	sed -n "/^\.SH $1\$/,/^\.SH /p" "$MAN" | sed 's/\\-/-/g; s/\\f[BIRP]//g; s/\\(en/–/g'
}
st --help
ok help_runs rc_is 0
cp "$T/out" help.txt
section COMMANDS >commands.txt
section OPTIONS >options.txt
section "EXIT STATUS" >exits.txt
ok man_has_sections [ -s commands.txt ] && [ -s options.txt ] && [ -s exits.txt ]

# Commands: the first word of each line of --help's 命令 section (after the no-command line).
sed -n '/^命令：/,/^$/p' help.txt | sed '1d;/^$/d' | awk '{print $1}' | grep -v '（无命令）' >cmds.txt
ok help_lists_commands [ "$(wc -l <cmds.txt)" -ge 10 ]
while read -r c; do
	ok "man_command_$c" grep -qE -- "(^|[^a-z])$c([^a-z]|\$)" commands.txt
done <cmds.txt

# Options of --help (each token that starts with -), and every long option the program parses.
sed -n '/^选项：/,/^$/p' help.txt | grep -o -- ' -[-a-zA-Z]*' | tr -d ' ' | sort -u >opts.txt
sed -n 's/.*{ *"\([a-z-]*\)", *\(required\|no\)_argument.*/--\1/p; s/.*}, *{ *"\([a-z-]*\)", *\(required\|no\)_argument.*/--\1/p' \
	"$REPO/src/main.c" "$REPO/src/cli/print.c" >>opts.txt
grep -ho '{ "[a-z-]*", \(required\|no\)_argument' "$REPO/src/main.c" "$REPO/src/cli/print.c" |
	sed 's/{ "\([a-z-]*\)".*/--\1/' >>opts.txt
sort -u opts.txt -o opts.txt
ok options_found [ "$(wc -l <opts.txt)" -ge 15 ]
while read -r o; do
	ok "man_option_$o" grep -qE -- "$o([^-a-zA-Z]|\$)" options.txt
done <opts.txt

# Exit codes: the same set in both.
sed -n '/^退出码：/,/^$/p' help.txt | awk 'NR > 1 && $1 ~ /^[0-9]+$/ {print $1}' | sort -n >help_codes.txt
grep -A1 '^\.TP' exits.txt | grep -o '^\.B [0-9]*' | awk '{print $2}' | sort -n >man_codes.txt
ok exit_codes_listed [ -s help_codes.txt ]
ok exit_codes_same sh -c "diff help_codes.txt man_codes.txt >&2"
