/* Hanzi to pinyin, for sorting names and filtering by initials (zs finds 张三).
 * The table is data/pinyin.txt, generated from Unihan kMandarin by data/gen-pinyin.py and
 * compiled into the binary, with surname readings from data/pinyin-surnames.txt (docs/PINYIN.md).
 * It covers CJK Unified Ideographs, Extension A and the compatibility ideographs; other
 * characters have no reading. The table is parsed once, on first use (thread-safe), into static
 * storage: there is nothing to initialise or free. Input may be NULL (treated as "") or
 * malformed UTF-8 (bad bytes are skipped). Full-width ASCII (Ａ１，) counts as ASCII and the
 * ideographic space as a space. */
#ifndef STATION_PINYIN_H
#define STATION_PINYIN_H

/* Sort key of a name: each hanzi's pinyin (no tones, lower case, ü as v; a surname reading for
 * the first character where it differs, e.g. 曾 zeng, 单 shan, 万俟 mo qi), other characters
 * lower-cased, syllables separated by a space ("A组王" -> "a zu wang"). Leading spaces are
 * skipped and runs of spaces become one. Byte order of keys = pinyin order of names
 * (李 "li" < 李四 "li si" < 林 "lin"). New string, caller frees. */
char *pinyin_sortkey(const char *utf8);

/* Initials of a name, e.g. "zs" for 张三. Characters with several readings give several
 * variants, space-separated, primary first ("zs cs" style), at most 8 variants, no duplicates;
 * variants that change fewer characters come first (曾祥 -> "zx cx", 单雄 -> "sx dx cx").
 * ASCII letters and digits are kept (lower case); other characters are skipped.
 * New string, caller frees. */
char *pinyin_initials(const char *utf8);

/* The pinyin syllable (no tone) of one character's primary reading (not the surname reading),
 * or NULL. Borrowed, valid for the life of the program. */
const char *pinyin_of(unsigned codepoint);

#endif
