/* The audit log's hash chain and its SHA-256 (db/audit.c, core/sha256.c): the NIST example
 * vectors; a sealed log passes; a row changed, deleted in the middle or at the end, and a
 * chain recomputed after an edit are each found; clearing personal values keeps the chain. */
#include "tdb.h"

#include "core/sha256.h"
#include "db/audit.h"

#include <stdio.h>

/* FIPS 180-4 examples (NIST CSRC "SHA256.pdf") and the million-'a' vector. */
TEST(sha256_nist_vectors)
{
	char hex[65];
	sha256_hex("abc", 3, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha256_hex("", 0, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_hex(m, strlen(m), hex);
	CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	struct sha256 c;
	char a[1001];
	memset(a, 'a', sizeof a);
	sha256_init(&c);
	for (int i = 0; i < 1000; i++)
		sha256_update(&c, a, i % 2 ? 999 : 1001); /* odd pieces: the block buffer is crossed */
	sha256_final_hex(&c, hex);
	CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static int nfound;
static char last_finding[512];
static void finding(void *ud, const char *f)
{
	(void)ud;
	nfound++;
	snprintf(last_finding, sizeof last_finding, "%s", f);
	fprintf(stderr, "    finding: %s\n", f);
}

static int verify(void)
{
	char *err = NULL;
	nfound = 0;
	last_finding[0] = '\0';
	int n = db_audit_chain_verify(db, finding, NULL, &err);
	if (n < 0)
		fprintf(stderr, "  verify: %s\n", err);
	free(err);
	return n;
}

/* Three deputies, one of them edited: 4+ audit rows, all sealed at commit. */
static void three_deputies(void)
{
	tdb_deputy("张三", NULL, NULL, NULL);
	int64_t id = tdb_deputy("李四", NULL, NULL, NULL);
	tdb_deputy("王五", NULL, NULL, NULL);
	char **v = NULL;
	char *err = NULL;
	CHECK(db_deputies_get(db, id, &v, &err) == 0);
	str_set(&v[DEP_PHONE], "13912341111");
	CHECK(db_deputies_update(db, id, v, &err) == 0);
	record_free_values(&deputy_def, v);
	free(err);
}

TEST(chain_sealed_at_commit_and_head_written)
{
	tdb_open("audit");
	three_deputies();
	CHECK_INT(q_int("SELECT count(*) FROM audit_log WHERE hash IS NULL"), 0);
	CHECK(q_int("SELECT count(*) FROM audit_log") >= 4);
	CHECK_INT(verify(), 0);
	char *head = db_audit_head_path(db_path(db));
	FILE *f = fopen(head, "r");
	CHECK(f != NULL);
	long long id = 0;
	char magic[64] = "";
	if (f) {
		CHECK(fgets(magic, sizeof magic, f) != NULL);
		CHECK(fscanf(f, "%lld", &id) == 1);
		fclose(f);
	}
	CHECK_INT(id, q_int("SELECT max(id) FROM audit_log"));
	free(head);
	tdb_close();
}

TEST(chain_finds_changed_row)
{
	tdb_open("audit");
	three_deputies();
	exec("UPDATE audit_log SET user = '别人' WHERE id = 2");
	CHECK_INT(verify(), 1);
	CHECK(strstr(last_finding, "第 2 条") != NULL);
	tdb_close();
}

TEST(chain_finds_changed_personal_value)
{
	tdb_open("audit");
	three_deputies();
	exec("UPDATE audit_log SET new_values = json_set(new_values, '$.phone', '13900000000') "
	     "WHERE table_name = 'deputies' AND json_extract(new_values, '$.phone') IS NOT NULL");
	CHECK_INT(verify(), 1);
	CHECK(strstr(last_finding, "被改动过") != NULL);
	tdb_close();
}

TEST(chain_finds_deleted_rows)
{
	tdb_open("audit");
	three_deputies();
	exec("DELETE FROM audit_log WHERE id = 2");
	CHECK_INT(verify(), 1);
	CHECK(strstr(last_finding, "第 2 条被删除") != NULL);
	tdb_close();
}

TEST(chain_finds_tail_deleted_by_head_file)
{
	tdb_open("audit");
	three_deputies();
	exec("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)");
	CHECK_INT(verify(), 1);
	CHECK(strstr(last_finding, "末尾的修改记录被删除") != NULL);
	tdb_close();
}

TEST(chain_finds_rewritten_chain_by_head_file)
{
	tdb_open("audit");
	three_deputies();
	/* Change a row and recompute every hash from there: consistent in itself, but not with the
	 * head file. */
	exec("UPDATE audit_log SET user = '别人' WHERE id = 2; UPDATE audit_log SET hash = NULL WHERE id >= 2");
	char *err = NULL;
	CHECK(db_begin(db, &err) == 0);
	CHECK(db_audit_seal(db, &err) == 0);
	db_rollback(db); /* the test only needs the hashes, not the head file */
	exec("UPDATE audit_log SET user = '别人' WHERE id = 2; UPDATE audit_log SET hash = NULL WHERE id >= 2");
	CHECK(db_exec(db, "BEGIN", &err) == 0);
	CHECK(db_audit_seal(db, &err) == 0);
	CHECK(db_exec(db, "COMMIT", &err) == 0);
	free(err);
	CHECK_INT(q_int("SELECT count(*) FROM audit_log WHERE hash IS NULL"), 0);
	CHECK_INT(verify(), 1);
	CHECK(strstr(last_finding, "链头文件") != NULL);
	tdb_close();
}

TEST(chain_reports_rows_written_outside)
{
	tdb_open("audit");
	three_deputies();
	exec("INSERT INTO audit_log (user, table_name, row_id, action) VALUES ('x', 'deputies', 1, 'DELETE')");
	CHECK_INT(verify(), 1);
	CHECK(strstr(last_finding, "还没有纳入记录链") != NULL);
	tdb_close();
}

TEST(clearing_personal_values_keeps_the_chain)
{
	tdb_open("audit");
	three_deputies();
	int64_t n = 0;
	char *err = NULL;
	/* A value with characters JSON escapes (written behind the form's checks, logged). */
	CHECK(db_begin(db, &err) == 0);
	CHECK(db_exec(db, "UPDATE deputies SET phone = '0771\"5\\55' || char(10) || '1' WHERE name = '张三'", &err) ==
	      0);
	CHECK(db_commit(db, &err) == 0);
	CHECK_INT(verify(), 0);
	CHECK(db_begin(db, &err) == 0);
	CHECK(db_audit_clear_personal(db, "9999-01-01", &n, &err) == 0);
	CHECK(db_commit(db, &err) == 0);
	free(err);
	CHECK_INT(n, 2); /* the phones in the two updates' new values (both were empty before) */
	CHECK_INT(q_int("SELECT count(*) FROM audit_log WHERE new_values LIKE '%13912341111%' OR old_values LIKE "
			"'%13912341111%'"),
		  0);
	CHECK_INT(q_int("SELECT count(*) FROM audit_log WHERE json_extract(new_values, '$.phone') LIKE '已清除:%'"), 2);
	CHECK_INT(verify(), 0);
	/* Once cleared, the date is remembered: nothing to do again. */
	CHECK(db_begin(db, &err) == 0);
	CHECK(db_audit_clear_personal(db, "9999-01-01", &n, &err) == 0);
	CHECK(db_commit(db, &err) == 0);
	CHECK_INT(n, 0);
	tdb_close();
}

TEST(personal_values_older_than_three_years_cleared_at_open)
{
	tdb_open("audit");
	three_deputies();
	char *path = xstrdup(db_path(db)), *err = NULL;
	CHECK_INT(q_int("SELECT count(*) FROM audit_log WHERE new_values LIKE '%13912341111%'"), 1);
	db_close(db);
	/* Three years and more after the change (the log's own times are the real clock's). */
	const char *was = getenv("STATION_TODAY");
	char *saved = was ? xstrdup(was) : NULL;
	setenv("STATION_TODAY", "2099-01-01", 1);
	CHECK(db_open(path, DB_OPEN_EXCLUSIVE, &db, &err) == 0);
	CHECK_INT(q_int("SELECT count(*) FROM audit_log WHERE new_values LIKE '%13912341111%'"), 0);
	/* The register keeps it (archive rules); only the log forgets. */
	CHECK_INT(q_int("SELECT count(*) FROM deputies WHERE phone = '13912341111'"), 1);
	CHECK(db_notice(db) == NULL);
	CHECK_INT(verify(), 0);
	if (saved)
		setenv("STATION_TODAY", saved, 1);
	else
		unsetenv("STATION_TODAY");
	free(saved);
	free(path);
	free(err);
	tdb_close();
}

TEST(head_file_disagreeing_at_open_is_kept)
{
	tdb_open("audit");
	three_deputies();
	char *path = xstrdup(db_path(db)), *err = NULL;
	char *head = db_audit_head_path(path);
	exec("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)");
	db_close(db);
	FILE *f = fopen(head, "r");
	char before[200] = "", after[200] = "";
	if (f) {
		CHECK(fread(before, 1, sizeof before - 1, f) > 0);
		fclose(f);
	}
	CHECK(db_open(path, DB_OPEN_EXCLUSIVE, &db, &err) == 0);
	db_set_user(db, "测试", NULL);
	CHECK(db_notice(db) != NULL);
	tdb_deputy("赵六", NULL, NULL, NULL);
	f = fopen(head, "r");
	if (f) {
		CHECK(fread(after, 1, sizeof after - 1, f) > 0);
		fclose(f);
	}
	CHECK_STR(after, before);
	CHECK(verify() >= 1);
	free(head);
	free(path);
	free(err);
	tdb_close();
}

int main(void)
{
	RUN(sha256_nist_vectors);
	RUN(chain_sealed_at_commit_and_head_written);
	RUN(chain_finds_changed_row);
	RUN(chain_finds_changed_personal_value);
	RUN(chain_finds_deleted_rows);
	RUN(chain_finds_tail_deleted_by_head_file);
	RUN(chain_finds_rewritten_chain_by_head_file);
	RUN(chain_reports_rows_written_outside);
	RUN(clearing_personal_values_keeps_the_chain);
	RUN(personal_values_older_than_three_years_cleared_at_open);
	RUN(head_file_disagreeing_at_open_is_kept);
	return t_done();
}
