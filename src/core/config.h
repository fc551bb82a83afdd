/* station.ini, read once into a checked struct. Nothing else touches iniparser.
 * Every key is documented in docs/CONFIG.md. */
#ifndef STATION_CONFIG_H
#define STATION_CONFIG_H

#include <stdbool.h>

/* The registers of 六簿一册, in the order of their default titles. */
enum reg_id {
	REG_DEPUTIES,    /* 代表名册 */
	REG_VISITS,      /* 接待选民登记簿 */
	REG_CASES,       /* 意见建议办理簿 */
	REG_SUGGESTIONS, /* 代表建议办理簿 */
	REG_ACTIVITIES,  /* 代表活动记录簿 */
	REG_TRAINING,    /* 学习培训记录簿 */
	REG_PERFORMANCE, /* 代表履职登记簿 */
	REG_COUNT
};

enum reception_rule { RECEPTION_MONTHDAY, RECEPTION_WEEKDAY };
enum csv_encoding { CSV_UTF8_BOM, CSV_GB18030 };

/* A key rebinding from [keys]: action name (as in the UI key table) and key list ("F5 r"). */
struct cfg_key {
	char *action; /* owned */
	char *keys;   /* owned */
};

/* A local holiday or workday from [calendar]: date, "off" or "work", name. */
struct cfg_day {
	char date[11];
	bool work;  /* true: a workday (调休上班); false: a day off */
	char *name; /* owned */
};

struct cfg {
	char *path;          /* file read, or NULL when defaults are in use; owned */
	/* [station] */
	char *station_name;  /* 联络站名称 */
	char *station_code;  /* short code used in case numbers, e.g. "XH01" (ASCII letters/digits) */
	char *county;        /* 县/区 */
	char *township;      /* 乡镇/街道 */
	char *address;
	/* [database] */
	char *db_path;       /* absolute or relative to the working directory; owned */
	bool db_path_default; /* db_path is the default under $XDG_DATA_HOME/station/ */
	/* [reception] */
	enum reception_rule reception_rule;
	int reception_day;   /* 1..31 for RECEPTION_MONTHDAY; 1 (Monday)..7 for RECEPTION_WEEKDAY */
	char *reception_time;  /* "09:00-11:30" */
	char *reception_place;
	bool reception_keep_holiday; /* keep a reception day that falls on a non-working day */
	int notice_days;     /* 公示: at least this many days before a reception day */
	/* [cases] */
	int case_days;       /* 办理时限 in working days (default 15) */
	int due_soon_days;   /* 临期: due within this many working days (default 3) */
	/* [export] */
	enum csv_encoding csv_encoding;
	bool mask_personal;  /* mask phone, ID number, address in exports (default true) */
	/* [registers] */
	char *titles[REG_COUNT];
	/* [user] */
	char *user;          /* clerk name written to the audit log until accounts exist */
	/* [keys] */
	struct cfg_key *keys;
	int nkeys;
	/* [calendar] */
	struct cfg_day *days;
	int ndays;
	/* Non-fatal findings (unknown keys, missing file): Chinese, one line each; owned. */
	char **warnings;
	int nwarnings;
};

/* Load the configuration. path NULL means: $STATION_CONFIG, else ./station.ini, else
 * $XDG_CONFIG_HOME/station/station.ini; if none exists, defaults and a warning.
 * An explicit path that does not exist is an error. On error returns -1 and *err gets a
 * Chinese message naming the file, line, section and key and what is allowed (caller frees);
 * out is then left freed. On success returns 0. */
int cfg_load(const char *path, struct cfg *out, char **err);
/* Fill out with the documented defaults only. */
void cfg_defaults(struct cfg *out);
void cfg_free(struct cfg *c);

#endif
