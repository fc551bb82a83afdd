#!/usr/bin/env python3
"""Print the display column (CJK = 2) where TEXT starts on the screen line containing ROWKEY.
Usage: colcheck.py ROWKEY TEXT < screen"""
import sys
import unicodedata


def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


rowkey, text = sys.argv[1], sys.argv[2]
for line in sys.stdin.read().splitlines():
    if rowkey in line:
        i = line.find(text, line.find(rowkey) + len(rowkey) if rowkey != text else 0)
        if i < 0:
            i = line.find(text)
        print(width(line[:i]) if i >= 0 else -1)
        break
else:
    print(-1)
