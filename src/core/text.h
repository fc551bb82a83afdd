/* UTF-8 text: validation, decoding, and display width (CJK = 2 columns).
 * This is the one width helper: everything that pads, truncates or aligns text uses it. */
#ifndef STATION_TEXT_H
#define STATION_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* True if s (len bytes) is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
 * On false, *bad_at (if not NULL) gets the byte offset of the first bad sequence. */
bool utf8_valid(const char *s, size_t len, size_t *bad_at);

/* Decode one code point at s; returns its byte length (1-4), or 0 at NUL, or -1 if malformed. */
int utf8_decode(const char *s, wchar_t *out);
/* Encode c into out (at least 5 bytes, NUL-terminated); returns the byte length. */
int utf8_encode(wchar_t c, char *out);

/* Number of code points in a valid UTF-8 string. */
size_t utf8_chars(const char *s);

/* Convert UTF-8 to a new wchar_t string (caller frees). Malformed bytes become U+FFFD. */
wchar_t *utf8_to_wcs(const char *s, size_t *len_out);
/* Convert n wide characters to a new UTF-8 string (caller frees). */
char *wcs_to_utf8(const wchar_t *w, size_t n);

/* Display columns of one character: 0 for combining/control, 2 for CJK and full-width. */
int text_wcwidth(wchar_t c);
/* Display columns of a UTF-8 string (control characters count 0). */
int text_width(const char *s);
/* Display columns of n wide characters. */
int text_wcswidth(const wchar_t *w, size_t n);

enum text_align { ALIGN_LEFT, ALIGN_RIGHT, ALIGN_CENTER };

/* Return a new string of exactly `cols` display columns: s cut (never inside a character; a
 * 2-column character that does not fit is replaced by a space) or padded with spaces.
 * When cut and `ellipsis` is true the last column shows '~' so the clerk sees it goes on. */
char *text_fit(const char *s, int cols, enum text_align align, bool ellipsis);

/* Byte length of the longest prefix of s whose width is <= cols. */
size_t text_prefix_bytes(const char *s, int cols);

/* True if c may be typed or stored in a field: printable, not a control character.
 * Newline is allowed only where allow_newline. */
bool text_char_ok(wchar_t c, bool allow_newline);

/* Wrap UTF-8 text into lines of at most `cols` columns, breaking between characters
 * (Chinese needs no spaces) and at newlines. Returns the number of lines; if lines is not NULL,
 * (*lines)[i] are new strings (caller frees each and the array). */
int text_wrap(const char *s, int cols, char ***lines);

#endif
