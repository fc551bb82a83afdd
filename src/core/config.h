/* station.ini, read once into a checked struct. Nothing else touches iniparser.
 * Every key is documented in docs/CONFIG.md; the shipped example is ./station.ini.
 *
 * Call order: cfg_load() (or cfg_defaults()) fills a struct cfg the caller owns; read its fields
 * freely; cfg_free() once at the end. Every string field is owned by the struct, never NULL after
 * a successful cfg_load()/cfg_defaults() (empty string when unset), and stays valid until
 * cfg_free(). */
#ifndef STATION_CONFIG_H
#define STATION_CONFIG_H

#include "core/points.h"

#include <stdbool.h>

/* The machine-wide station.ini (installed by the .deb as a conffile), the last place cfg_load()
 * looks when no path was given: after ./station.ini and $XDG_CONFIG_HOME/station/station.ini. */
#define CFG_SYSTEM_FILE "/etc/station/station.ini"
/* The machine-wide file cfg_load() looks for: CFG_SYSTEM_FILE; the unit tests point it into their
 * temporary folder, so that a machine with the .deb installed does not change what they see. */
extern const char *cfg_system_file;

/* The longest line iniparser 4.1 accepts, in bytes, not counting the line end. */
#define CFG_LINE_MAX 1022

/* The registers of 六簿一册, in the order of their default titles. */
enum reg_id {
	REG_DEPUTIES,    /* 代表名册 */
	REG_VISITS,      /* 接待选民登记簿 */
	REG_CASES,       /* 意见建议办理簿 */
	REG_SUGGESTIONS, /* 代表建议办理簿 */
	REG_ACTIVITIES,  /* 代表活动记录簿 */
	REG_TRAINING,    /* 学习培训记录簿 */
	REG_PERFORMANCE, /* 代表履职登记簿 */
	REG_PROJECTS,    /* 民生实事项目台账 */
	REG_COUNT
};

/* How reception days (接待日) recur: a day of each month, or a weekday of each week. */
enum reception_rule { RECEPTION_MONTHDAY, RECEPTION_WEEKDAY };
enum csv_encoding { CSV_UTF8_BOM, CSV_GB18030 };

/* A key rebinding from [keys]: action name (as in the UI key table) and key list ("F5 r").
 * Stored as written (iniparser lower-cases the action); the UI checks both. */
struct cfg_key {
	char *action; /* owned */
	char *keys;   /* owned, never empty */
	int line;     /* line in cfg->path, for the UI's warnings */
};

/* A local holiday or workday from [calendar]: date, "off" or "work", name. */
struct cfg_day {
	char date[11]; /* "YYYY-MM-DD", a real date */
	bool work;     /* true: a workday (调休上班); false: a day off */
	char *name;    /* owned; "" when the line gave no name */
	int line;      /* line in cfg->path */
};

struct cfg {
	char *path; /* file read, or NULL when defaults are in use; owned */
	/* [station] */
	char *station_name; /* 联络站名称 (default 人大代表联络站) */
	char *station_code; /* short code used in case numbers, e.g. "XH01": 1-12 ASCII letters/digits */
	char *county;       /* 县/区 */
	char *township;     /* 乡镇/街道 */
	char *address;
	bool station_name_set; /* the file gave [station] name (the first run's walk-through is offered
				* only when it did not: ui/setup.h) */
	/* [database] */
	char *db_path;        /* absolute, or relative to the working directory ("~/" expanded); owned */
	bool db_path_default; /* db_path is the default cfg_default_db_path() */
	/* [reception] */
	enum reception_rule reception_rule;
	/* 1..31 for RECEPTION_MONTHDAY (a day past the end of a shorter month means its last day);
	 * 1 (Monday)..7 (Sunday) for RECEPTION_WEEKDAY. Default: the 15th of each month. */
	int reception_day;
	char *reception_time; /* "09:00-11:30" or "09:00" (zero-padded, normalised) */
	char *reception_place;
	bool reception_keep_holiday; /* keep a reception day that falls on a non-working day
				      * (default false: move it to the next working day) */
	int notice_days;             /* 公示: at least this many days before a reception day (0..30, default 3) */
	/* [cases] */
	int case_days;     /* 办理时限 in working days (1..365, default 15); key deadline_days */
	int due_soon_days; /* 临期: due within this many working days (0..30, default 3; 0 = never) */
	int assign_days;   /* 交办及时: 交办 within this many working days after 受理 (1..30, default 3) */
	int followup_days; /* 回访适时: 回访 within this many working days after 答复 (1..30, default 5) */
	/* [activities] */
	int min_activities_per_quarter; /* home warns below this (0..99, default 1; 0 = never); key
					 * min_per_quarter */
	/* [deputies] */
	int min_receptions_per_year; /* the roster marks deputies in office below this many
				      * reception days in the year so far (0..366, default 4; 0 = no mark) */
	/* [projects] */
	bool project_pass_of_present; /* 民生实事 vote: a project passes with more than half of 实到
				       * (true) or of 应到 (false, the default); key pass_rule = 应到 | 实到 */
	/* [export] */
	enum csv_encoding csv_encoding; /* default CSV_UTF8_BOM */
	bool mask_personal;             /* mask phone, ID number, address in exports (default true) */
	char *export_dir;               /* folder of exports named by the program ("" = the working
					 * directory; "~/" expanded); key folder */
	/* [backup] (docs/BACKUP.md) */
	char *backup_dir;       /* station backup's folder when none is given ("~/" expanded); "" = the
				 * folder "backup" beside the database */
	int backup_keep;        /* keep the newest this many backups of the station there (1..1000, 10) */
	int backup_remind_days; /* on closing, offer a backup when the last is older (0..365, 7; 0 = never) */
	/* [registers] */
	char *titles[REG_COUNT]; /* owned; default cfg_default_title() */
	/* [print] (docs/PRINTING.md) */
	char *print_font;     /* pango font of printed ledgers and notices (default Noto Sans CJK SC) */
	char *print_command;  /* print command the PDF is sent to, e.g. "lp"; "" = only save it */
	char *print_folder;   /* folder PDFs are saved in ("~/" expanded); "" = the working folder */
	char *print_clerk;    /* 登记人 printed on the signature line; "" = a blank line to sign */
	char *print_reviewer; /* 审核人 likewise */
	/* [accounts] (docs/ACCOUNTS.md) */
	bool login;        /* accounts and the login screen (default true); false: one clerk, every
			    * change attributed to [user] name, no login anywhere */
	int lock_minutes;  /* how long 5 wrong passwords in a row lock an account (1..1440, 15) */
	/* [user] */
	char *user; /* clerk name written to the audit log until accounts exist
		     * (default $USER, else 联络员) */
	/* [keys] in file order; empty values are left out */
	struct cfg_key *keys;
	int nkeys;
	/* [points] (履职积分, docs/POINTS.md): file = a rules file used instead of data/points.csv
	 * ("" when unset; "~/" expanded); every other key is an item, its value "first, further,
	 * cap", checked at load (points_rule_parse_value) and kept here in file order. */
	char *points_file;
	struct points_rule *points; /* owned */
	int npoints;
	/* [calendar] in file order */
	struct cfg_day *days;
	int ndays;
	/* Non-fatal findings (unknown keys, duplicates, missing file): Chinese, one line each,
	 * naming the file and line; owned. */
	char **warnings;
	int nwarnings;
};

/* Load the configuration. path NULL means: $STATION_CONFIG (if set and not empty, treated like an
 * explicit path), else ./station.ini, else $XDG_CONFIG_HOME/station/station.ini (XDG_CONFIG_HOME
 * defaults to ~/.config); if none exists, defaults and the one warning
 * "未找到 station.ini，使用默认设置".
 * An explicit path that does not exist, cannot be read or is a folder is an error. Every bad line
 * and bad value is an error; all of them are reported, one per line of *err, each naming the file,
 * line, section and key, the value and what is allowed, e.g.
 * "station.ini 第 12 行 [cases] deadline_days = abc：应为 1 到 365 之间的整数".
 * out is overwritten (not freed first). On error returns -1, *err gets the message (caller frees)
 * and out is left freed (all zero; cfg_free() on it is harmless). On success returns 0, *err NULL. */
int cfg_load(const char *path, struct cfg *out, char **err);
/* Fill out with the documented defaults only (out is overwritten, not freed first). */
void cfg_defaults(struct cfg *out);
/* Free everything c owns and zero it. */
void cfg_free(struct cfg *c);

/* The default database file: $XDG_DATA_HOME/station/station.db, XDG_DATA_HOME defaulting to
 * ~/.local/share (a relative XDG_DATA_HOME is ignored, as the XDG spec says). Caller frees.
 * The folder may not exist yet; whoever opens the database creates it. */
char *cfg_default_db_path(void);
/* The [registers] key of a register ("deputies", "visits", ...) and its default title. */
const char *cfg_reg_key(enum reg_id r);
const char *cfg_default_title(enum reg_id r);
/* The register whose key is name (case-insensitive), or -1. */
int cfg_reg_find(const char *name);
/* The reception rule for people: "每月15日" or "每周三". Caller frees. */
char *cfg_rule_text(const struct cfg *c);

/* Settings the clerk changes in the program (the first run's walk-through, the 设置 screen) are
 * kept in the database (db/settings.h) under keys "section.key" of station.ini: station.name,
 * reception.rule, cases.deadline_days ... A value there wins over station.ini, which wins over
 * the default. Only the sections station, reception, cases, activities, deputies and projects
 * may be kept there. */
/* True if key may be kept in the database. */
bool cfg_settable(const char *key);
/* Check value for key with the same parser as station.ini and store it in c. Returns NULL, or a
 * new message saying what is allowed (c unchanged), e.g. "应为 1 到 12 个英文字母或数字..." */
char *cfg_set(struct cfg *c, const char *key, const char *value);
/* The value of key in c as it would be written (cfg_set gives it back unchanged): "每月15日",
 * "15", "是". New string; "" for an unknown key. */
char *cfg_value_text(const struct cfg *c, const char *key);

/* The folder backups of the database at db_path go to when none is named: [backup] dir, else
 * the folder "backup" beside the database. New string. */
char *cfg_backup_dir(const struct cfg *c, const char *db_path);

#endif
