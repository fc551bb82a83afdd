/* Hanzi to pinyin, for sorting names and filtering by initials (zs finds 张三).
 * The table is data/pinyin.txt, generated from Unihan kMandarin by data/gen-pinyin.py and
 * compiled into the binary. */
#ifndef STATION_PINYIN_H
#define STATION_PINYIN_H

/* Sort key of a name: each hanzi's pinyin (no tones, lower case; a surname reading for the first
 * character where it differs, e.g. 曾 zeng, 单 shan), other characters lower-cased, syllables
 * separated by a space. Byte order of keys = pinyin order of names. New string, caller frees. */
char *pinyin_sortkey(const char *utf8);

/* Initials of a name, e.g. "zs" for 张三. Characters with several readings give several
 * variants, space-separated, primary first ("zs cs" style), at most 8 variants.
 * ASCII letters and digits are kept (lower case); other characters are skipped.
 * New string, caller frees. */
char *pinyin_initials(const char *utf8);

/* The pinyin syllable (no tone) of one character's primary reading, or NULL. Borrowed. */
const char *pinyin_of(unsigned codepoint);

#endif
