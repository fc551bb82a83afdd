#!/bin/sh
# The program's own strings carry no ambiguous-width characters (“ ” ‘ ’ … — · ① ※ ℃ ×): glibc
# counts them 1 column, terminals set to "ambiguous = wide" draw 2, and every column after them
# shifts. Looks at string literals in src/ (comments are free to use them).
cd "$(dirname "$0")/../.." || exit 1
bad=$(python3 - <<'PY'
import re, pathlib
amb = set("“”‘’…—·①②③※℃×")
lit = re.compile(r'"(?:[^"\\\n]|\\.)*"')
for p in sorted(pathlib.Path("src").rglob("*.[ch]")):
    text = p.read_text(encoding="utf-8")
    # drop comments so prose in them is allowed
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    for n, line in enumerate(text.splitlines(), 1):
        for m in lit.finditer(line):
            hit = sorted(set(m.group(0)) & amb)
            # config.c maps typed dashes to ASCII: input, not output
            if hit and not (p.name == "config.c" and m.group(0) in ('"—"', '"–"')):
                print(f"{p}:{n}: {''.join(hit)} in {m.group(0)[:60]}")
PY
)
if [ -z "$bad" ]; then
	echo "PASS no ambiguous-width characters in the program's strings"
else
	echo "$bad"
	echo "FAIL no ambiguous-width characters in the program's strings"
fi
# The check itself can fail: a planted string is found.
planted=$(printf 'x = "请按“保存”";\n' | python3 -c '
import re,sys
amb=set("“”‘’…—·")
print(any(set(m.group(0)) & amb for m in re.finditer(r"\"(?:[^\"\\\\\n]|\\\\.)*\"", sys.stdin.read())))')
if [ "$planted" = True ]; then echo "PASS the check finds a planted ambiguous character"; else echo "FAIL the check finds a planted ambiguous character"; fi
