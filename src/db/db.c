/* The ledger file: opening it safely (permissions, locks, versions), transactions, the audit
 * user, and the one place where SQLite errors become messages for the clerk. */
#include "db/audit.h"
#include "db/internal.h"
#include "db/migrate.h"

#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- errors ---- */

/* Column names of a constraint failure ("UNIQUE constraint failed: deputies.card_no, ..." or
 * the CHECK expression), turned into labels of def where they are fields. New string. */
static char *db_constraint_cols(const char *detail, const struct record_def *def)
{
	const char *p = detail ? strstr(detail, ": ") : NULL;
	if (!p)
		return xstrdup("");
	p += 2;
	struct strbuf sb;
	sb_init(&sb);
	while (*p) {
		/* One identifier, possibly table-qualified. */
		const char *start = p;
		while (*p &&
		       (*p == '_' || *p == '.' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			(*p >= '0' && *p <= '9')))
			p++;
		if (p == start) {
			/* Not an identifier: an expression of a CHECK; keep the first column only. */
			break;
		}
		char *ident = xstrndup(start, (size_t)(p - start));
		const char *dot = strrchr(ident, '.');
		const char *col = dot ? dot + 1 : ident;
		int i = def ? record_field_index(def, col) : -1;
		sb_addf(&sb, "%s%s", sb.len ? "、" : "", i >= 0 ? def->fields[i].label : col);
		free(ident);
		if (strncmp(p, ", ", 2) != 0)
			break;
		p += 2;
	}
	return sb_take(&sb);
}

char *db_error_text(int rc, const char *detail, const struct record_def *def)
{
	char *cols, *msg;
	switch (rc & 0xff) {
	case SQLITE_FULL:
		return xstrdup("磁盘已满，刚才的修改没有保存");
	case SQLITE_IOERR:
		return xstrdup("读写数据库文件出错（磁盘或U盘可能有故障），刚才的修改没有保存");
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return xstrdup("数据库正忙（另一个程序正在写入），刚才的修改没有保存，请稍后再试");
	case SQLITE_READONLY:
		return xstrdup("数据库是只读的（只读方式打开或文件不可写），不能保存修改");
	case SQLITE_CORRUPT:
		return xstrdup("数据库文件已损坏：请运行 station check 检查，并从备份恢复");
	case SQLITE_NOTADB:
		return xstrdup("不是 station 数据库文件（也不是 SQLite 文件）");
	case SQLITE_CANTOPEN:
		return xstrdup("无法打开数据库文件");
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return xstrdup("没有访问数据库文件的权限");
	case SQLITE_NOMEM:
		return xstrdup("内存不足，刚才的修改没有保存");
	case SQLITE_TOOBIG:
		return xstrdup("内容太长，无法保存");
	case SQLITE_CONSTRAINT:
		break;
	default:
		return xasprintf("数据库出错：%s", detail ? detail : sqlite3_errstr(rc));
	}
	switch (rc) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		cols = db_constraint_cols(detail, def);
		msg = xasprintf("与已有记录重复：%s", cols);
		break;
	case SQLITE_CONSTRAINT_NOTNULL:
		cols = db_constraint_cols(detail, def);
		msg = xasprintf("必填项为空：%s", cols);
		break;
	case SQLITE_CONSTRAINT_CHECK:
		cols = db_constraint_cols(detail, def);
		msg = xasprintf("取值不符合规定：%s", cols);
		break;
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return xstrdup("关联的记录不存在，或这条记录仍被其他记录引用");
	case SQLITE_CONSTRAINT_TRIGGER:
		return xstrdup(detail ? detail : "数据不符合规定");
	default:
		return xasprintf("数据不符合规定：%s", detail ? detail : sqlite3_errstr(rc));
	}
	free(cols);
	return msg;
}

char *db_open_error_text(int rc, int sys_errno, bool readonly)
{
	const char *unchanged = readonly ? "只是查看，文件没有改动" : "文件没有改动";
	if ((rc & 0xff) == SQLITE_FULL || sys_errno == ENOSPC || sys_errno == EDQUOT)
		return xasprintf("磁盘已满，无法打开数据库（%s）。请先在数据库所在的磁盘上腾出空间", unchanged);
	switch (rc & 0xff) {
	case SQLITE_IOERR:
		return xasprintf("读取数据库文件出错（磁盘或U盘可能有故障），无法打开（%s）", unchanged);
	case SQLITE_NOMEM:
		return xasprintf("内存不足，无法打开数据库（%s）", unchanged);
	case SQLITE_CORRUPT:
		return xasprintf("数据库文件已损坏，无法打开（%s）。请用最近的备份恢复；没有备份时，可用 "
				 "sqlite3 文件 \".recover\" | sqlite3 新文件.db 尽量救出数据",
				 unchanged);
	default:
		return db_error_text(rc, NULL, NULL);
	}
}

void db_mark_damaged(struct db *db)
{
	if (!db || db->damaged)
		return;
	db->damaged = true;
	if (db->h)
		sqlite3_exec(db->h, "PRAGMA query_only = ON", NULL, NULL, NULL);
}

int db_fail(struct db *db, int rc, const struct record_def *def, char **err)
{
	char *msg;
	bool corrupt = (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
	/* The text first: sqlite3_errmsg is overwritten by the next call on the connection. */
	int sys_errno = db && db->h ? sqlite3_system_errno(db->h) : 0;
	int prim = rc & 0xff;
	if (db && db->opening &&
	    (prim == SQLITE_FULL || prim == SQLITE_IOERR || prim == SQLITE_NOMEM || prim == SQLITE_CORRUPT ||
	     sys_errno == ENOSPC))
		msg = db_open_error_text(rc, sys_errno, db->flags & DB_OPEN_READONLY);
	else if (corrupt && db && (db->flags & DB_OPEN_INTERACTIVE))
		msg = xstrdup("数据库已损坏，这部分内容无法读出或保存"); /* the banner says what to do */
	else
		msg = db_error_text(rc, db && db->h ? sqlite3_errmsg(db->h) : NULL, def);
	if (corrupt && db && !db->opening)
		db_mark_damaged(db);
	if (err)
		*err = msg;
	else
		free(msg);
	return -1;
}

int db_fail_msg(char **err, const char *msg)
{
	if (err)
		*err = xstrdup(msg);
	return -1;
}

int db_failf(char **err, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		*err = xvasprintf(fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* ---- statement helpers ---- */

sqlite3 *db_handle(struct db *db) { return db->h; }

int db_prepare(struct db *db, const char *sql, sqlite3_stmt **st, char **err)
{
	int rc = sqlite3_prepare_v2(db->h, sql, -1, st, NULL);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, NULL, err);
		sqlite3_finalize(*st);
		*st = NULL;
		return -1;
	}
	return 0;
}

int db_exec(struct db *db, const char *sql, char **err)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : db_fail(db, rc, NULL, err);
}

int db_query_int(struct db *db, const char *sql, int64_t *out, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = db_prepare(db, sql, &st, err);
	if (rc < 0)
		return -1;
	*out = 0;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = 0;
	} else {
		rc = db_fail(db, rc, NULL, err);
	}
	sqlite3_finalize(st);
	return rc;
}

int db_day_sums(struct db *db, const char *table, const char *a, const char *b, const char *from, const char *to,
		int64_t *sum_a, int64_t *sum_b, char **err)
{
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("SELECT coalesce(sum(%s), 0), coalesce(sum(%s), 0) FROM %s"
			      " WHERE (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= ?2)",
			      a, b, table);
	int rc = db_prepare(db, sql, &st, err);
	free(sql);
	if (rc < 0)
		return -1;
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (sum_a)
			*sum_a = sqlite3_column_int64(st, 0);
		if (sum_b)
			*sum_b = sqlite3_column_int64(st, 1);
		rc = 0;
	} else {
		rc = db_fail(db, rc, NULL, err);
	}
	sqlite3_finalize(st);
	return rc;
}

int db_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
	if (str_empty(s))
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

const char *db_column_text(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return s ? s : "";
}

bool db_table_exists(struct db *db, const char *table)
{
	sqlite3_stmt *st = NULL;
	bool found = false;
	if (sqlite3_prepare_v2(db->h, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", -1, &st,
			       NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
		found = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	return found;
}

/* ---- opening ---- */

/* The folder holding path ("." for a bare file name). New string. */
static char *db_parent_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* True if a file of that name exists beside the database (suffix "-wal", "-journal"). */
static bool db_companion_exists(const char *path, const char *suffix, off_t *size)
{
	struct stat st;
	char *p = xasprintf("%s%s", path, suffix);
	bool found = stat(p, &st) == 0;
	if (size)
		*size = found ? st.st_size : 0;
	free(p);
	return found;
}

/* What db_open_prepare_file found out about the file and its folder. */
struct db_open_facts {
	int fd;            /* descriptor of the file created here, or -1 */
	bool immutable;    /* a read-only open must read the file as immutable (no -shm possible) */
	bool dir_writable; /* the folder can take new files (-wal, -shm) */
	bool wal;          /* a -wal file is beside the database */
};

/* Check the folder and the file before SQLite sees them; create a missing file with mode 0600
 * when allowed. */
static int db_open_prepare_file(const char *path, int flags, struct db_open_facts *f, char **err)
{
	bool ro = flags & DB_OPEN_READONLY;
	char *dir = db_parent_dir(path);
	struct stat st;
	int rc = -1;

	*f = (struct db_open_facts){ .fd = -1 };
	if (stat(dir, &st) < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			db_failf(err, "数据库所在文件夹不存在：%s", dir);
		else
			db_failf(err, "无法访问数据库所在文件夹：%s（%s）", dir, strerror(errno));
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		db_failf(err, "数据库所在的路径不是文件夹：%s", dir);
		goto out;
	}
	f->dir_writable = access(dir, W_OK) == 0;
	if (stat(path, &st) < 0) {
		if (errno != ENOENT) {
			db_failf(err, "无法访问数据库文件：%s（%s）", path, strerror(errno));
			goto out;
		}
		if (ro || !(flags & DB_OPEN_CREATE)) {
			db_failf(err, "数据库文件不存在：%s", path);
			goto out;
		}
		if (!f->dir_writable) {
			db_failf(err, "数据库所在文件夹不可写，无法建立数据库：%s", dir);
			goto out;
		}
		/* Created here with 0600 so it is never readable by others, not even briefly. */
		f->fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (f->fd < 0 && errno != EEXIST) {
			db_failf(err, "无法建立数据库文件：%s（%s）", path, strerror(errno));
			goto out;
		}
		rc = 0;
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		db_failf(err, "数据库路径是一个文件夹，不是文件：%s", path);
		goto out;
	}
	if (access(path, R_OK) < 0) {
		db_failf(err, "没有读取数据库文件的权限：%s", path);
		goto out;
	}
	f->wal = db_companion_exists(path, "-wal", NULL);
	if (ro) {
		f->immutable = !f->dir_writable && !f->wal;
	} else if (access(path, W_OK) < 0) {
		db_failf(err, "数据库文件是只读的，不能修改：%s（只能以只读方式打开）", path);
		goto out;
	} else if (!f->dir_writable) {
		db_failf(err, "数据库所在文件夹是只读的，不能修改数据库：%s（只能以只读方式打开）", dir);
		goto out;
	}
	rc = 0;
out:
	free(dir);
	return rc;
}

/* At an open for writing: the file and its companions are the clerk's alone. Any of them that
 * group or others may read or write is set to 0600. Returns a new notice for the clerk (what
 * was done, with the old mode of the first file changed), or NULL if nothing needed doing. */
static char *db_tighten_modes(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	char *notice = NULL;
	for (size_t i = 0; i < ARRAY_LEN(sfx); i++) {
		char *p = xasprintf("%s%s", path, sfx[i]);
		struct stat st;
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 077)) {
			unsigned was = (unsigned)(st.st_mode & 07777);
			if (chmod(p, 0600) < 0 && !notice)
				notice = xasprintf("数据库文件别人也能读取（权限 %04o），但无法改为仅本人可读写：%s（%s）", was,
						   p, strerror(errno));
			else if (!notice)
				notice = xasprintf("数据库文件权限已改为仅本人可读写（原为 %04o）", was);
		}
		free(p);
	}
	return notice;
}

/* "file:" URI of path with immutable=1, every byte outside a safe set percent-encoded. */
static char *db_immutable_uri(const char *path)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/._-~", *p))
			sb_addc(&sb, (char)*p);
		else
			sb_addf(&sb, "%%%02X", *p);
	}
	sb_add(&sb, "?immutable=1");
	return sb_take(&sb);
}

/* Triggers dropped or changed behind the program's back (another tool) are put back, so no
 * change goes unlogged. Costs a few pragma reads per open. */
static int db_open_repair_audit(struct db *db, char **err)
{
	int bad = db_audit_verify(db, NULL, NULL, err);
	if (bad <= 0)
		return bad;
	if (db_exec(db, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	if (db_audit_install(db, err) < 0 || db_exec(db, "COMMIT", err) < 0) {
		if (!sqlite3_get_autocommit(db->h))
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

int64_t db_startup_check_max_bytes = 16 << 20;

/* PRAGMA quick_check, stopping at the first problem: 1 if the file is sound, 0 if damaged, -1
 * (with *err) if the check itself could not run (disk fault). */
static int db_open_quick_check(struct db *db, char **err)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->h, "PRAGMA quick_check(1)", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	int sound = rc == SQLITE_ROW ? !strcmp(db_column_text(st, 0), "ok") : 0;
	if (rc != SQLITE_ROW && (rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB)
		sound = db_fail(db, rc, NULL, err);
	sqlite3_finalize(st);
	return sound;
}

/* Before anything is written: is the file sound? Checked after an unclean end (unclean) and
 * on small files. A damaged file is refused, or opened damaged for the full-screen program. */
static int db_open_check_damage(struct db *db, bool unclean, int64_t uv, char **err)
{
	struct stat st;
	if (!unclean && (stat(db->path, &st) < 0 || st.st_size > db_startup_check_max_bytes))
		return 0;
	int sound = db_open_quick_check(db, err);
	if (sound != 0)
		return sound < 0 ? -1 : 0;
	if (!(db->flags & DB_OPEN_INTERACTIVE))
		return db_failf(err,
				"数据库文件已损坏，不能修改（文件没有改动）。请运行 station check 查看损坏的位置，"
				"并用最近的备份恢复：%s",
				db->path);
	if (uv < db_schema_version())
		return db_failf(err,
				"数据库文件已损坏，而且版本 %d 比程序旧，无法升级，也就无法打开（文件没有改动）。"
				"请运行 station check 查看损坏的位置，并用最近的备份恢复：%s",
				(int)uv, db->path);
	db_mark_damaged(db);
	return 0;
}

/* Read the header values that tell whose file this is, refuse strangers and newer versions,
 * check for damage (writing opens), set the pragmas and migrate. */
static int db_open_setup(struct db *db, bool unclean, char **err)
{
	bool ro = db->flags & DB_OPEN_READONLY;
	int64_t nobj = 0, uv = 0, appid = 0;
	char *msg = NULL;
	int rc;

	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, DB_BUSY_TIMEOUT_MS);
	db_audit_functions(db);
	/* The first read of the file: this is where "not a database" shows. */
	if (db_query_int(db, "SELECT count(*) FROM sqlite_master", &nobj, &msg) < 0 ||
	    db_query_int(db, "PRAGMA user_version", &uv, &msg) < 0 ||
	    db_query_int(db, "PRAGMA application_id", &appid, &msg) < 0) {
		rc = sqlite3_extended_errcode(db->h);
		if ((rc & 0xff) == SQLITE_NOTADB)
			db_failf(err, "不是 station 数据库文件（也不是 SQLite 文件）：%s", db->path);
		else
			db_failf(err, "%s：%s", msg, db->path);
		free(msg);
		return -1;
	}
	if ((uv == 0 && nobj > 0) || (uv > 0 && appid != DB_APPLICATION_ID))
		return db_failf(err, "不是 station 数据库文件（里面是其他程序的数据，未作任何改动）：%s", db->path);
	if (uv > db_schema_version())
		return db_failf(err, "数据库版本 %d 比程序新，请升级 station（本程序支持到版本 %d）：%s", (int)uv,
				db_schema_version(), db->path);
	if (!ro && nobj > 0 && db_open_check_damage(db, unclean, uv, err) < 0)
		return -1;
	if (db->damaged)
		return db_exec(db, "PRAGMA foreign_keys = ON", err); /* viewing only: nothing written */
	if (!ro &&
	    (db_exec(db, "PRAGMA journal_mode = WAL", err) < 0 || db_exec(db, "PRAGMA synchronous = FULL", err) < 0))
		return -1;
	/* Sorts and temporary tables in memory, never in $TMPDIR: a full or missing /tmp must not
	 * stop a save (the ledger is small; the largest sort is a few MB). */
	if (db_exec(db, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY", err) < 0)
		return -1;
	if (uv < db_schema_version() && !(db->flags & DB_OPEN_NO_MIGRATE)) {
		if (ro)
			return db_failf(err,
					"数据库版本 %d 比程序旧（程序为版本 %d），只读方式不能升级；"
					"请先用 station 正常打开一次：%s",
					(int)uv, db_schema_version(), db->path);
		if (db_migrate_to(db, db_schema_version(), err) < 0)
			return -1;
	}
	if (ro)
		return 0;
	if (db_open_repair_audit(db, err) < 0)
		return -1;
	return db_audit_open(db, err);
}

/* Take the exclusive flock for DB_OPEN_EXCLUSIVE (writing): db->lock_fd. *fd is the file's
 * descriptor if db_open_prepare_file created it (taken over), else -1. */
static int db_open_lock(struct db *db, int *fd, char **err)
{
	if (*fd < 0)
		*fd = open(db->path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return db_failf(err, "无法打开数据库文件：%s（%s）", db->path, strerror(errno));
	if (flock(*fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno == EWOULDBLOCK)
			return db_failf(err, "数据库正被另一个 station 程序使用：%s（请先关闭另一个窗口）", db->path);
		return db_failf(err, "无法锁定数据库文件：%s（%s）", db->path, strerror(errno));
	}
	db->lock_fd = *fd;
	*fd = -1;
	return 0;
}

int db_open(const char *path, int flags, struct db **out, char **err)
{
	struct db *db = NULL;
	struct db_open_facts f;
	bool ro = flags & DB_OPEN_READONLY;
	int rc;
	char *uri = NULL;

	*out = NULL;
	if (err)
		*err = NULL;
	if (str_empty(path))
		return db_fail_msg(err, "没有指定数据库文件");
	if (db_open_prepare_file(path, flags, &f, err) < 0)
		return -1;
	if (f.fd >= 0)
		db_audit_head_move(NULL, path); /* a new file: a head left by a removed one is not its */
	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	db->flags = flags;
	db->lock_fd = -1;
	db->chain = -1;
	db->wal_pages = -1;
	db->user = xstrdup("");
	/* Before SQLite opens the file: new -wal/-shm files copy the file's mode. */
	if (!ro)
		db->notice = db_tighten_modes(path);
	if ((flags & DB_OPEN_EXCLUSIVE) && !ro) {
		if (db_open_lock(db, &f.fd, err) < 0)
			goto fail;
	} else if (f.fd >= 0) {
		close(f.fd); /* no SQLite connection yet, so no POSIX lock is lost */
		f.fd = -1;
	}
	/* Holding the lock (if any), before SQLite has opened the file: a -wal or -journal with
	 * content now means the last session did not end cleanly (SQLite removes the -wal at the
	 * last clean close), or another program has the file open. An empty -wal is left by
	 * read-only connections (station check) and by sessions that never wrote. */
	off_t wal_size = 0, journal_size = 0;
	db_companion_exists(path, "-wal", &wal_size);
	db_companion_exists(path, "-journal", &journal_size);
	bool unclean = !ro && (wal_size > 0 || journal_size > 0);
	db->opening = true;
	/* Never SQLITE_OPEN_CREATE: the file exists by now, created above with the right mode. */
	if (f.immutable) {
		uri = db_immutable_uri(path);
		rc = sqlite3_open_v2(uri, &db->h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	} else {
		rc = sqlite3_open_v2(path, &db->h, ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE, NULL);
	}
	if (rc != SQLITE_OK) {
		char *m = db_open_error_text(rc, db->h ? sqlite3_system_errno(db->h) : 0, ro);
		db_failf(err, "%s：%s", m, path);
		free(m);
		goto fail;
	}
	if (db_open_setup(db, unclean, err) < 0)
		goto fail;
	db->opening = false;
	free(uri);
	*out = db;
	return 0;
fail:
	if (ro && f.wal && !f.dir_writable && err) {
		/* SQLite needs a -shm file to read a -wal, and cannot make one here. */
		free(*err);
		*err = xstrdup("文件夹只读，且上次没有正常关闭（留下了 -wal 文件），无法打开。"
			       "请把数据库复制到可写的文件夹后再打开。");
	}
	if (f.fd >= 0)
		close(f.fd);
	free(uri);
	db_close(db); /* SQLite first, then the lock fd */
	return -1;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	if (db->h) {
		if (!sqlite3_get_autocommit(db->h))
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		off_t wal_size = 0;
		if (db->damaged && db_companion_exists(db->path, "-wal", &wal_size) && wal_size > 0)
			/* Keep the -wal as it is: no checkpoint copies pages into a damaged file. */
			sqlite3_db_config(db->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
		if (sqlite3_close(db->h) != SQLITE_OK)
			die("数据库未能关闭（有语句未结束）：%s", sqlite3_errmsg(db->h));
	}
	/* Only now: closing an fd of the file would drop SQLite's POSIX locks. */
	if (db->lock_fd >= 0)
		close(db->lock_fd);
	search_db_free(db);
	free(db->found_key);
	free(db->found_ids);
	free(db->path);
	free(db->user);
	free(db->notice);
	free(db);
}

int db_schema_version(void) { return db_migrate_count(); }

int db_user_version(struct db *db)
{
	int64_t v;
	return db_query_int(db, "PRAGMA user_version", &v, NULL) < 0 ? -1 : (int)v;
}

const char *db_path(struct db *db) { return db->path; }

bool db_readonly(struct db *db) { return db->flags & DB_OPEN_READONLY; }

static int db_wal_hook(void *ud, sqlite3 *h, const char *name, int pages)
{
	struct db *db = ud;
	db->wal_pages = pages;
	if (pages >= DB_WAL_LIMIT) {
		sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		db->wal_pages = 0;
	}
	return SQLITE_OK;
}

void db_defer_checkpoints(struct db *db)
{
	db->wal_pages = 0;
	sqlite3_wal_hook(db->h, db_wal_hook, db);
}

bool db_idle_checkpoint(struct db *db)
{
	if (db->wal_pages <= 0 || db->depth)
		return false;
	sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	db->wal_pages = 0;
	return true;
}

uint64_t db_change_stamp(struct db *db)
{
	static uint64_t failed; /* counts down from the top: never equal to a real stamp */
	sqlite3_stmt *st = NULL;
	int64_t version = -1;
	if (sqlite3_prepare_v2(db->h, "PRAGMA data_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (version < 0)
		return UINT64_MAX - failed++;
	/* data_version is small (it counts other connections' commits); total_changes is this
	 * connection's rows. Both only grow while the connection is open. */
	return ((uint64_t)version << 40) ^ (uint64_t)sqlite3_total_changes64(db->h);
}

bool db_damaged(struct db *db) { return db->damaged; }

const char *db_damage_text(struct db *db) { return db->damaged ? DB_DAMAGE_TEXT : NULL; }

const char *db_notice(struct db *db) { return db->notice; }

/* ---- the audit user ---- */

int db_set_user(struct db *db, const char *user, char **err)
{
	(void)err;
	str_set(&db->user, user);
	return 0;
}

const char *db_user(struct db *db) { return db->user; }

/* Write this connection's user into app_session inside the write transaction just begun. */
static int db_session_write(struct db *db, char **err)
{
	sqlite3_stmt *st = NULL;
	if (!db_table_exists(db, "app_session"))
		return 0; /* before the first migration */
	if (db_prepare(db,
		       "UPDATE app_session SET user = ?1, updated_at = " DB_NOW_SQL " WHERE id = 1 AND user IS NOT ?1",
		       &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, db->user, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	rc = rc == SQLITE_DONE ? 0 : db_fail(db, rc, NULL, err);
	sqlite3_finalize(st);
	return rc;
}

/* ---- transactions ---- */

int db_begin(struct db *db, char **err)
{
	if (db->damaged)
		return db_fail_msg(err, DB_DAMAGE_TEXT);
	if (db->depth == 0) {
		int rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			return db_fail(db, rc, NULL, err);
		db->depth = 1;
		db->lost = false;
		if (db_session_write(db, err) < 0) {
			db_rollback(db);
			return -1;
		}
		return 0;
	}
	if (db->lost || sqlite3_get_autocommit(db->h)) {
		db->lost = true;
		return db_fail_msg(err, "数据库出错，这次事务已被撤销，刚才的修改没有保存");
	}
	char *sql = xasprintf("SAVEPOINT station_%d", db->depth);
	int rc = db_exec(db, sql, err);
	free(sql);
	if (rc < 0)
		return -1;
	db->depth++;
	return 0;
}

int db_commit(struct db *db, char **err)
{
	int rc;
	if (db->depth == 0)
		return db_fail_msg(err, "程序错误：没有进行中的事务");
	if (!db->lost && sqlite3_get_autocommit(db->h))
		db->lost = true; /* SQLite abandoned it after an error */
	if (db->lost) {
		db->depth--;
		if (db->depth == 0)
			db->lost = false;
		return db_fail_msg(err, "数据库出错，这次事务已被撤销，刚才的修改没有保存");
	}
	if (db->depth > 1) {
		char *sql = xasprintf("RELEASE station_%d", db->depth - 1);
		rc = db_exec(db, sql, err);
		free(sql);
		if (rc < 0) {
			db_rollback(db);
			return -1;
		}
		db->depth--;
		return 0;
	}
	/* The audit rows of this transaction join the hash chain in it. */
	if (db_audit_seal(db, err) < 0) {
		db_rollback(db);
		return -1;
	}
	rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		db_fail(db, rc, NULL, err);
		if (!sqlite3_get_autocommit(db->h))
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	}
	db->depth = 0;
	db->lost = false;
	if (rc == SQLITE_OK)
		db_audit_after_commit(db);
	return rc == SQLITE_OK ? 0 : -1;
}

void db_rollback(struct db *db)
{
	if (db->depth == 0)
		return;
	if (sqlite3_get_autocommit(db->h))
		db->lost = true;
	if (db->depth > 1 && !db->lost) {
		char *sql = xasprintf("ROLLBACK TO station_%d; RELEASE station_%d", db->depth - 1, db->depth - 1);
		sqlite3_exec(db->h, sql, NULL, NULL, NULL);
		free(sql);
	} else if (db->depth == 1 && !db->lost) {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	}
	db->depth--;
	if (db->depth == 0)
		db->lost = false;
}

int db_depth(struct db *db) { return db->depth; }

int db_step_id_rows(struct db *db, sqlite3_stmt *st, int n, int (*cb)(void *ud, int64_t id, const char *const *vals),
		    void *ud, const struct record_def *def, char **err)
{
	const char **vals = xcalloc((size_t)n + 1, sizeof *vals);
	int src;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < n; i++)
			vals[i] = db_column_text(st, i + 1);
		if (cb(ud, sqlite3_column_int64(st, 0), vals))
			break;
	}
	free(vals);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return db_fail(db, src, def, err);
	return 0;
}
