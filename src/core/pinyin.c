/* Placeholder until the generated table lands: keys are the lower-cased text itself. */
#include "core/pinyin.h"

#include "core/util.h"

#include <ctype.h>

char *pinyin_sortkey(const char *utf8)
{
	char *s = xstrdup(utf8);
	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

char *pinyin_initials(const char *utf8) { return pinyin_sortkey(utf8); }

const char *pinyin_of(unsigned codepoint)
{
	(void)codepoint;
	return NULL;
}
