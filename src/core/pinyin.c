/* Hanzi to pinyin: sort keys and initials for names.
 * The embedded data/pinyin.txt (code point, toneless readings, primary first) is parsed once, on
 * first use, into a static table with one slot per code point of the three CJK blocks it covers;
 * each slot holds up to PINYIN_MAX_READINGS syllable ids into a static pool of syllables.
 * data/pinyin-surnames.txt gives the readings of surnames (曾 zeng, 万俟 mo qi) that replace the
 * primary reading of the first character(s) of a name. Nothing is allocated, so nothing to free. */
#include "core/pinyin.h"

#include "core/embed.h"
#include "core/text.h"
#include "core/util.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#define PINYIN_MAX_READINGS  3    /* readings kept per code point (as data/gen-pinyin.py writes) */
#define PINYIN_MAX_SYLLABLES 1024 /* distinct toneless syllables (Unihan 15 has 444) */
#define PINYIN_SYLLABLE_LEN  8    /* longest syllable + NUL ("zhuang" needs 7) */
#define PINYIN_HASH_SLOTS    2048 /* open addressing while interning; a power of two */
#define PINYIN_MAX_SURNAMES  256
#define PINYIN_MAX_VARIANTS  8 /* variants returned by pinyin_initials */

/* The code point ranges the table covers; slots are numbered block after block. */
static const struct {
	unsigned lo, hi;
} pinyin_blocks[] = {
	{ 0x3400, 0x4DBF }, /* CJK Unified Ideographs Extension A */
	{ 0x4E00, 0x9FFF }, /* CJK Unified Ideographs */
	{ 0xF900, 0xFAFF }, /* CJK Compatibility Ideographs */
};
#define PINYIN_SLOTS ((0x4DBF - 0x3400 + 1) + (0x9FFF - 0x4E00 + 1) + (0xFAFF - 0xF900 + 1))

/* Syllable ids per slot, primary first; 0 = no (further) reading. */
static uint16_t pinyin_table[PINYIN_SLOTS][PINYIN_MAX_READINGS];
/* Syllable id -> text; id 0 is unused. */
static char pinyin_syllables[PINYIN_MAX_SYLLABLES][PINYIN_SYLLABLE_LEN];
static int pinyin_nsyllables = 1;
/* Interning: syllable text hash -> id (0 = empty). Only used while loading. */
static uint16_t pinyin_hash[PINYIN_HASH_SLOTS];

/* A surname of one or two hanzi and the syllable id of each. */
struct pinyin_surname {
	unsigned cp[2];
	uint16_t syl[2];
	int n;
};
static struct pinyin_surname pinyin_surnames[PINYIN_MAX_SURNAMES];
static int pinyin_nsurnames;

static pthread_once_t pinyin_once = PTHREAD_ONCE_INIT;

/* Slot of code point cp in pinyin_table, or -1 if no block covers it. */
static int pinyin_slot(unsigned cp)
{
	int base = 0;
	for (size_t i = 0; i < ARRAY_LEN(pinyin_blocks); i++) {
		if (cp >= pinyin_blocks[i].lo && cp <= pinyin_blocks[i].hi)
			return base + (int)(cp - pinyin_blocks[i].lo);
		base += (int)(pinyin_blocks[i].hi - pinyin_blocks[i].lo + 1);
	}
	return -1;
}

/* Id of the syllable s[0..n) (lower-case ASCII letters), added if new; 0 if malformed or full. */
static uint16_t pinyin_intern(const char *s, size_t n)
{
	if (n == 0 || n >= PINYIN_SYLLABLE_LEN)
		return 0;
	unsigned h = 5381;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
		h = h * 33 + (unsigned char)s[i];
	}
	for (unsigned i = h & (PINYIN_HASH_SLOTS - 1);; i = (i + 1) & (PINYIN_HASH_SLOTS - 1)) {
		uint16_t id = pinyin_hash[i];
		if (id == 0) {
			if (pinyin_nsyllables >= PINYIN_MAX_SYLLABLES)
				return 0;
			id = (uint16_t)pinyin_nsyllables++;
			memcpy(pinyin_syllables[id], s, n);
			pinyin_syllables[id][n] = 0;
			pinyin_hash[i] = id;
			return id;
		}
		if (strncmp(pinyin_syllables[id], s, n) == 0 && pinyin_syllables[id][n] == 0)
			return id;
	}
}

/* Read up to max space-separated syllables from *p up to the end of the line into ids (the rest
 * zeroed); leaves *p at the start of the next line. Returns how many were read, -1 if malformed. */
static int pinyin_read_syllables(const char **p, uint16_t *ids, int max)
{
	const char *s = *p;
	int n = 0, bad = 0;
	memset(ids, 0, sizeof(*ids) * (size_t)max);
	while (*s && *s != '\n') {
		if (*s == ' ' || *s == '\r') {
			s++;
			continue;
		}
		size_t len = strcspn(s, " \r\n");
		uint16_t id = pinyin_intern(s, len);
		if (!id)
			bad = 1;
		else if (n < max)
			ids[n++] = id;
		s += len;
	}
	*p = *s ? s + 1 : s;
	return bad ? -1 : n;
}

/* Skip to the start of the next line. */
static const char *pinyin_next_line(const char *s)
{
	const char *nl = strchr(s, '\n');
	return nl ? nl + 1 : s + strlen(s);
}

/* Parse pinyin.txt: "5F20\tzhang" or "66FE\tceng zeng". Malformed lines are skipped. */
static void pinyin_load_table(const char *s)
{
	while (*s) {
		unsigned cp = 0;
		int digits = 0;
		for (; digits < 6; digits++, s++) {
			int d = *s >= '0' && *s <= '9'   ? *s - '0'
				: *s >= 'A' && *s <= 'F' ? *s - 'A' + 10
				: *s >= 'a' && *s <= 'f' ? *s - 'a' + 10
							 : -1;
			if (d < 0)
				break;
			cp = cp * 16 + (unsigned)d;
		}
		int slot = pinyin_slot(cp);
		if (digits == 0 || *s != '\t' || slot < 0) {
			s = pinyin_next_line(s);
			continue;
		}
		s++;
		uint16_t ids[PINYIN_MAX_READINGS];
		if (pinyin_read_syllables(&s, ids, PINYIN_MAX_READINGS) > 0)
			memcpy(pinyin_table[slot], ids, sizeof(ids));
	}
}

/* Parse pinyin-surnames.txt: "曾\tzeng" or "万俟\tmo qi"; '#' starts a comment line. */
static void pinyin_load_surnames(const char *s)
{
	while (*s) {
		struct pinyin_surname sn = { .n = 0 };
		wchar_t c;
		int k;
		while (*s != '#' && (k = utf8_decode(s, &c)) > 0 && c != '\t' && c != '\n' && sn.n < 3) {
			if (sn.n < 2)
				sn.cp[sn.n] = (unsigned)c;
			sn.n++;
			s += k;
		}
		if (*s != '\t' || sn.n < 1 || sn.n > 2 || pinyin_nsurnames >= PINYIN_MAX_SURNAMES) {
			s = pinyin_next_line(s);
			continue;
		}
		s++;
		if (pinyin_read_syllables(&s, sn.syl, 2) == sn.n)
			pinyin_surnames[pinyin_nsurnames++] = sn;
	}
}

static void pinyin_load(void)
{
	const char *table = embed_get("pinyin.txt");
	const char *surnames = embed_get("pinyin-surnames.txt");
	if (table)
		pinyin_load_table(table);
	if (surnames)
		pinyin_load_surnames(surnames);
}

static void pinyin_init(void) { pthread_once(&pinyin_once, pinyin_load); }

const char *pinyin_of(unsigned codepoint)
{
	pinyin_init();
	int slot = pinyin_slot(codepoint);
	if (slot < 0 || !pinyin_table[slot][0])
		return NULL;
	return pinyin_syllables[pinyin_table[slot][0]];
}

/* One decoded character of the input. */
struct pinyin_char {
	unsigned cp;      /* code point; full-width ASCII folded to ASCII, U+3000 to ' ' */
	int len;          /* bytes consumed */
	uint16_t surname; /* surname syllable id that replaces the primary reading, or 0 */
};

/* Decode the character at s (never past the NUL). A malformed byte gives cp 0 and len 1. */
static struct pinyin_char pinyin_decode(const char *s)
{
	wchar_t c;
	int k = utf8_decode(s, &c);
	struct pinyin_char pc = { .cp = k > 0 ? (unsigned)c : 0, .len = k > 0 ? k : 1 };
	if (pc.cp >= 0xFF01 && pc.cp <= 0xFF5E)
		pc.cp -= 0xFEE0;
	else if (pc.cp == 0x3000)
		pc.cp = ' ';
	if (pc.cp >= 'A' && pc.cp <= 'Z')
		pc.cp += 'a' - 'A';
	return pc;
}

static int pinyin_is_space(unsigned cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r'; }

/* The surname syllables for the name starting at s (leading spaces already skipped): fills
 * syl[0..2) and returns how many leading characters they cover (0, 1 or 2). A two-character
 * surname wins over a one-character one. */
static int pinyin_surname_at(const char *s, uint16_t syl[2])
{
	struct pinyin_char a = pinyin_decode(s);
	if (!a.cp)
		return 0;
	struct pinyin_char b = pinyin_decode(s + a.len);
	const struct pinyin_surname *single = NULL;
	for (int i = 0; i < pinyin_nsurnames; i++) {
		const struct pinyin_surname *sn = &pinyin_surnames[i];
		if (sn->cp[0] != a.cp)
			continue;
		if (sn->n == 2 && b.cp && sn->cp[1] == b.cp) {
			syl[0] = sn->syl[0];
			syl[1] = sn->syl[1];
			return 2;
		}
		if (sn->n == 1)
			single = sn;
	}
	if (!single)
		return 0;
	syl[0] = single->syl[0];
	return 1;
}

/* A cursor over the input that knows the surname readings of the first characters. */
struct pinyin_iter {
	const char *s;
	uint16_t surname[2];
	int nsurname; /* characters still to take from surname[] */
	int taken;
};

static void pinyin_iter_init(struct pinyin_iter *it, const char *s)
{
	while (pinyin_is_space(pinyin_decode(s).cp))
		s += pinyin_decode(s).len;
	it->s = s;
	it->taken = 0;
	it->nsurname = pinyin_surname_at(s, it->surname);
}

/* Next character, or one with cp 0 and len 0 at the end. */
static struct pinyin_char pinyin_iter_next(struct pinyin_iter *it)
{
	struct pinyin_char pc = { 0, 0, 0 };
	if (!*it->s)
		return pc;
	pc = pinyin_decode(it->s);
	it->s += pc.len;
	if (it->taken < it->nsurname)
		pc.surname = it->surname[it->taken];
	it->taken++;
	return pc;
}

/* Readings of pc, primary first (the surname reading if any), deduplicated; returns how many. */
static int pinyin_readings(const struct pinyin_char *pc, uint16_t out[PINYIN_MAX_READINGS + 1])
{
	int n = 0;
	if (pc->surname)
		out[n++] = pc->surname;
	int slot = pinyin_slot(pc->cp);
	if (slot < 0)
		return n;
	for (int i = 0; i < PINYIN_MAX_READINGS && pinyin_table[slot][i]; i++) {
		if (n == 1 && out[0] == pinyin_table[slot][i])
			continue;
		out[n++] = pinyin_table[slot][i];
	}
	return n;
}

char *pinyin_sortkey(const char *utf8)
{
	struct strbuf sb;
	struct pinyin_iter it;
	int sep = 0; /* a space is due before the next output */
	pinyin_init();
	sb_init(&sb);
	sb_add(&sb, "");
	pinyin_iter_init(&it, utf8 ? utf8 : "");
	for (struct pinyin_char pc; (pc = pinyin_iter_next(&it)).len;) {
		uint16_t r[PINYIN_MAX_READINGS + 1];
		if (!pc.cp)
			continue; /* malformed byte */
		if (pinyin_is_space(pc.cp)) {
			sep = 1;
			continue;
		}
		int hanzi = pinyin_readings(&pc, r) > 0;
		if (sb.len && (sep || hanzi))
			sb_addc(&sb, ' ');
		if (hanzi) {
			sb_add(&sb, pinyin_syllables[r[0]]);
		} else {
			char tmp[5];
			utf8_encode((wchar_t)pc.cp, tmp);
			sb_add(&sb, tmp);
		}
		sep = hanzi;
	}
	return sb_take(&sb);
}

/* An alternative initial: letter c instead of the primary one at position pos of the initials. */
struct pinyin_alt {
	size_t pos;
	char c;
};

/* Append variant number mask (bit i = use alts[i]) of the primary initials to sb. Returns 0 if
 * the mask picks two alternatives for one position (not a variant). */
static int pinyin_add_variant(struct strbuf *sb, const char *primary, const struct pinyin_alt *alts, int nalts,
			      unsigned mask)
{
	size_t start = sb->len;
	if (start)
		sb_addc(sb, ' ');
	size_t base = sb->len;
	sb_add(sb, primary);
	for (int i = 0; i < nalts; i++) {
		if (!(mask & (1u << i)))
			continue;
		for (int j = 0; j < i; j++) {
			if ((mask & (1u << j)) && alts[j].pos == alts[i].pos) {
				sb->len = start;
				sb->buf[start] = 0;
				return 0;
			}
		}
		sb->buf[base + alts[i].pos] = alts[i].c;
	}
	return 1;
}

static int pinyin_popcount(unsigned m)
{
	int n = 0;
	for (; m; m &= m - 1)
		n++;
	return n;
}

/* Variants are ordered by how many characters use a non-primary reading, so the primary comes
 * first, then every single change, then pairs, ... up to PINYIN_MAX_VARIANTS. Only the first
 * PINYIN_MAX_VARIANTS - 1 alternatives can matter: with that many, single changes fill the list. */
char *pinyin_initials(const char *utf8)
{
	struct strbuf primary, out;
	struct pinyin_alt alts[PINYIN_MAX_VARIANTS - 1];
	int nalts = 0;
	struct pinyin_iter it;
	pinyin_init();
	sb_init(&primary);
	sb_add(&primary, "");
	pinyin_iter_init(&it, utf8 ? utf8 : "");
	for (struct pinyin_char pc; (pc = pinyin_iter_next(&it)).len;) {
		uint16_t r[PINYIN_MAX_READINGS + 1];
		int n = pinyin_readings(&pc, r);
		if (n == 0) {
			if ((pc.cp >= 'a' && pc.cp <= 'z') || (pc.cp >= '0' && pc.cp <= '9'))
				sb_addc(&primary, (char)pc.cp);
			continue;
		}
		char first = pinyin_syllables[r[0]][0];
		for (int i = 1; i < n; i++) {
			char c = pinyin_syllables[r[i]][0];
			int seen = c == first;
			for (int j = 0; j < nalts && !seen; j++)
				seen = alts[j].pos == primary.len && alts[j].c == c;
			if (!seen && nalts < (int)ARRAY_LEN(alts))
				alts[nalts++] = (struct pinyin_alt){ primary.len, c };
		}
		sb_addc(&primary, first);
	}
	sb_init(&out);
	sb_add(&out, "");
	int count = 0;
	for (int d = 0; d <= nalts && count < PINYIN_MAX_VARIANTS; d++)
		for (unsigned m = 0; m < (1u << nalts) && count < PINYIN_MAX_VARIANTS; m++)
			if (pinyin_popcount(m) == d)
				count += pinyin_add_variant(&out, primary.buf, alts, nalts, m);
	sb_free(&primary);
	return sb_take(&out);
}
