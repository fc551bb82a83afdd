#!/usr/bin/env python3
"""Generate data/pinyin.txt (hanzi -> toneless pinyin) from Unihan_Readings.txt.

Usage: python3 data/gen-pinyin.py [Unihan_Readings.txt.bz2]
Default input: /usr/share/unicode/Unihan_Readings.txt.bz2 (Debian package unicode-data).
Writes pinyin.txt next to this script, then checks pinyin-surnames.txt (also next to it):
every surname syllable must be one of the character's Unihan readings (exit status 1 if not).
Standard library only. See docs/PINYIN.md for the format and the choice of readings.

Per code point, readings in this order, toneless, deduplicated, at most MAX_READINGS:
  1. the first kMandarin value (the primary reading: the one used for sorting);
  2. kTGHZ2013 and kXHC1983 readings (modern standard dictionaries: the common readings);
  3. further kMandarin values;
  4. kHanyuPinyin readings, only when neither modern dictionary lists the character
     (Hanyu Da Zidian also gives classical readings, e.g. 重 tong, that would only add noise).
A compatibility ideograph (U+F900-FAFF) with no reading of its own gets the readings of the
unified ideograph it decomposes to (U+F92C -> U+90CE 郎).
"""

import bz2
import os
import re
import sys
import unicodedata

MAX_READINGS = 3
BLOCKS = [
    (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
]
FIELDS = ("kMandarin", "kTGHZ2013", "kXHC1983", "kHanyuPinyin")
SYLLABLE = re.compile(r"^[a-z]{1,7}$")


def in_blocks(cp):
    return any(lo <= cp <= hi for lo, hi in BLOCKS)


def toneless(reading):
    """'lǜ' -> 'lv', 'Zhāng' -> 'zhang', 'ê̄' -> 'e', 'ḿ' -> 'm'."""
    s = unicodedata.normalize("NFD", reading.lower())
    s = s.replace("u\u0308", "v")
    s = "".join(c for c in s if not unicodedata.combining(c))
    if not SYLLABLE.match(s):
        raise ValueError("unexpected reading %r" % reading)
    return s


def readings_of(field, value):
    """The readings listed in one Unihan field value, in order."""
    if field == "kMandarin":
        return value.split()
    out = []
    # kTGHZ2013 / kXHC1983: "033.120:céng 461.030:zēng"; kHanyuPinyin: "21521.030:zēng,céng".
    for entry in value.split():
        out.extend(entry.split(":", 1)[1].split(","))
    return out


def load(path):
    """Return (version line, {cp: {field: [readings]}})."""
    version = "unknown"
    table = {}
    with bz2.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                m = re.match(r"#\s*(Unicode version: .*|Date: .*)", line)
                if m:
                    version = m.group(1).strip() if version == "unknown" else version + ", " + m.group(1).strip()
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3 or parts[1] not in FIELDS:
                continue
            cp = int(parts[0][2:], 16)
            if in_blocks(cp):
                table.setdefault(cp, {})[parts[1]] = readings_of(parts[1], parts[2])
    return version, table


def choose(fields):
    """The toneless readings of one character, primary first (see the module comment)."""
    mandarin = fields.get("kMandarin", [])
    modern = fields.get("kTGHZ2013", []) + fields.get("kXHC1983", [])
    ordered = mandarin[:1] + modern + mandarin[1:]
    if not modern:
        ordered += fields.get("kHanyuPinyin", [])
    out = []
    for r in ordered:
        t = toneless(r)
        if t not in out:
            out.append(t)
    return out[:MAX_READINGS]


def all_readings(fields):
    """Every toneless reading Unihan gives a character, from any field."""
    return {toneless(r) for rs in fields.values() for r in rs}


def check_surnames(path, table):
    """Report surname lines whose syllables Unihan does not know; return the number of errors."""
    errors = 0
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            name, _, syls = line.partition("\t")
            syls = syls.split()
            if not name or len(name) != len(syls) or len(name) > 2:
                sys.stderr.write("%s:%d: want 1-2 hanzi, a tab and one syllable each\n" % (path, n))
                errors += 1
                continue
            for ch, syl in zip(name, syls):
                if syl not in all_readings(table.get(ord(ch), {})):
                    sys.stderr.write("%s:%d: %s has no reading %s in Unihan\n" % (path, n, ch, syl))
                    errors += 1
    return errors


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode/Unihan_Readings.txt.bz2"
    version, table = load(path)
    for cp in range(0xF900, 0xFB00):
        unified = ord(unicodedata.normalize("NFC", chr(cp))[0])
        if unified != cp and "kMandarin" not in table.get(cp, {}) and unified in table:
            table[cp] = table[unified]
    lines = ["# Generated by data/gen-pinyin.py from Unihan_Readings.txt (%s). "
             "Code point (hex) TAB toneless readings, primary first. Do not edit.\n" % version]
    for cp in sorted(table):
        readings = choose(table[cp])
        if readings:
            lines.append("%04X\t%s\n" % (cp, " ".join(readings)))
    with open(os.path.join(here, "pinyin.txt"), "w", encoding="utf-8", newline="\n") as out:
        out.writelines(lines)
    surnames = os.path.join(here, "pinyin-surnames.txt")
    if os.path.exists(surnames) and check_surnames(surnames, table):
        sys.exit(1)


if __name__ == "__main__":
    main()
