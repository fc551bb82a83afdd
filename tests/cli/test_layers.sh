#!/bin/sh
# Layering rules of the UI that a compiler does not check: a screen's draw function only reads
# state (no db_ call: queries run in prepare/reload), and nothing outside src/ui includes curses.
cd "$(dirname "$0")/../.." || exit 1
draw_queries() { # files...: print "file: function: line" for a db_ call inside a *draw( function
	awk '/^(static )?void [a-z_]*draw\(/ { fn = $0; inside = 1 }
	     inside && /[^a-z_]db_[a-z_]+\(/ { print FILENAME ": " fn ": " $0 }
	     /^}/ { inside = 0 }' "$@"
}
bad=$(draw_queries src/ui/*.c)
if [ -z "$bad" ]; then echo "PASS no draw function queries the database"; else echo "$bad"; echo "FAIL no draw function queries the database"; fi
t=$(mktemp)
printf 'static void x_draw(struct screen *s, int top)\n{\n\tdb_cases_get(app->db, 1, &ci, NULL);\n}\n' >"$t"
if [ -n "$(draw_queries "$t")" ]; then echo "PASS the draw check finds a planted query"; else echo "FAIL the draw check finds a planted query"; fi
rm -f "$t"
curses=$(grep -lE '#include *[<"](n?curses|ncursesw/curses|form|panel|menu)\.h' $(find src -name '*.[ch]' ! -path 'src/ui/*'))
if [ -z "$curses" ]; then echo "PASS only src/ui includes curses"; else echo "$curses"; echo "FAIL only src/ui includes curses"; fi
