#!/bin/sh
# The manual's key reference (docs/manual/keys.md) is written by the program from its key table
# (src/ui/keys.c) and every screen's help page (src/ui/help.h): `station --keys-md`. This test
# writes it again and compares: a difference fails with the diff, so the manual cannot drift
# from the keys. MANUAL_UPDATE=1 rewrites the file instead (then review and commit it).
. "$(dirname "$0")/lib.sh"
DOC=$REPO/docs/manual/keys.md
st --keys-md
ok keys_md_runs rc_is 0
ok keys_md_says_nothing_on_stderr [ ! -s "$T/err" ]
if [ -n "${MANUAL_UPDATE:-}" ]; then
	cp "$T/out" "$DOC"
	echo "PASS keys_md_updated (docs/manual/keys.md rewritten)"
fi
if diff -u "$DOC" "$T/out" >"$T/diff"; then
	echo "PASS keys_md_matches_the_program"
else
	echo "FAIL keys_md_matches_the_program (run MANUAL_UPDATE=1 sh tests/cli/test_manual_keys.sh and commit docs/manual/keys.md)"
	head -40 "$T/diff" | sed 's/^/    /'
fi

# Every action of the key table is in it, by its station.ini name.
grep -o '\.name = "[a-z_]*"' "$REPO/src/ui/keys.c" | sed 's/.*"\(.*\)"/\1/' >"$T/names"
ok key_table_read [ "$(wc -l <"$T/names")" -ge 40 ]
missing=
while read -r n; do grep -qF "| \`$n\` |" "$T/out" || missing="$missing $n"; done <"$T/names"
ok every_action_listed [ -z "$missing" ] || echo "    missing:$missing"

# Every help page defined in a screen's file is in the registry (a section of its own).
grep -ho '^const struct help_page [a-z_]*_help' "$REPO"/src/ui/*.c | sed 's/.* \([a-z_]*\)_help/\1/' | sort >"$T/pages"
grep -o '^<a id="[a-z_]*">' "$T/out" | sed 's/.*"\(.*\)".*/\1/' | sort >"$T/sections"
ok pages_found [ "$(wc -l <"$T/pages")" -ge 25 ]
ok every_page_has_a_section diff "$T/pages" "$T/sections"
# Each screen's table lists F1 (the table of every action lists it once more).
n=$(grep -c '^| F1 / Ctrl-G | 帮助 |' "$T/out")
if [ "$n" -eq $(($(wc -l <"$T/sections") + 1)) ]; then echo "PASS every_section_has_keys"; else echo "FAIL every_section_has_keys ($n F1 rows)"; fi

# The reference shows the default keys: a station.ini that rebinds save changes nothing in it.
printf '[keys]\nsave = F2 ^W\n' >"$T/station.ini"
cp "$T/out" "$T/default.md"
STATION_CONFIG="$T/station.ini" st --keys-md
ok keys_md_ignores_station_ini cmp -s "$T/default.md" "$T/out"
# A write error is an error, not a short file with status 0.
timeout 20 "$BIN" --keys-md >/dev/full 2>/dev/null
rc=$?
ok keys_md_write_error_fails [ "$rc" -ne 0 ]

# Every relative link of the manual's pages (and of the old docs/MANUAL.md, now a pointer) names a
# file that exists, and an anchor into a page of the manual names one of its headings.
bad=
for page in "$REPO"/docs/manual/*.md "$REPO"/docs/MANUAL.md; do
	dir=$(dirname "$page")
	for link in $(grep -o '](\([^)#:]*\.md\)\(#[^)]*\)\{0,1\})' "$page" | sed 's/^](//; s/)$//'); do
		file=${link%%#*}
		[ -f "$dir/$file" ] || { bad="$bad $page:$link"; continue; }
		case $link in *'#'*) ;; *) continue ;; esac
		anchor=${link#*#}
		# GitHub's anchors: the heading's text, lower case, spaces to -, punctuation dropped.
		grep '^#' "$dir/$file" | sed 's/^#* *//' | tr 'A-Z ' 'a-z-' |
			LC_ALL=C.UTF-8 sed 's/[][（）：，、。()“”:,.`!?？！*]//g' | grep -qxF -- "$anchor" || bad="$bad $page:$link"
	done
done
if [ -z "$bad" ]; then echo "PASS manual_links_resolve"; else echo "FAIL manual_links_resolve:$bad"; fi
