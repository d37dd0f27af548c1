/* audit.c — the hash-chained audit log. hash = BLAKE2b-256(prev ‖ id ‖ ts ‖
 * actor ‖ device ‖ action ‖ object ‖ detail), integers as 8 little-endian
 * bytes, texts as their byte count (such an integer) then every one of
 * their bytes, a NUL included. The head (last id and hash) is kept in
 * meta as well, so cutting rows off the end is caught too.
 *
 * The texts used to be hashed as C strings, up to a first NUL: two rows
 * differing only after a NUL hashed the same, so bytes appended after one
 * went unseen. No version mark is needed for the chains written then:
 * audit_log binds C strings (never a NUL inside) and an integer device, so
 * on every row it wrote the byte count is the string length and the old
 * hash is the new one. A row that is not of those types (a device NULL
 * where 0 was written, a text turned into a number) is not one audit_log
 * wrote, and verify says so without hashing it. */
#include "audit.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

#define HLEN 32

static void s_int(crypto_generichash_state *h, int64_t v)
{
	unsigned char b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)((uint64_t)v >> (8 * i));
	crypto_generichash_update(h, b, 8);
}

/* The text columns of a row, in hashing order, and their byte counts. */
enum { T_ACTOR, T_ACTION, T_OBJECT, T_DETAIL, NTEXT };

static void s_bytes(crypto_generichash_state *h, const char *s, size_t n)
{
	s_int(h, (int64_t)n);
	crypto_generichash_update(h, (const unsigned char *)s, n);
}

static void s_hash(unsigned char out[HLEN], const unsigned char prev[HLEN], int64_t id, int64_t ts, int64_t device,
		   const char *const text[NTEXT], const size_t len[NTEXT])
{
	crypto_generichash_state h;
	crypto_generichash_init(&h, NULL, 0, HLEN);
	crypto_generichash_update(&h, prev, HLEN);
	s_int(&h, id);
	s_int(&h, ts);
	s_bytes(&h, text[T_ACTOR], len[T_ACTOR]);
	s_int(&h, device);
	for (int i = T_ACTION; i < NTEXT; i++)
		s_bytes(&h, text[i], len[i]);
	crypto_generichash_final(&h, out, HLEN);
}

static const char SQL_LAST[] = "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1";
static const char SQL_INSERT[] =
	"INSERT INTO audit(id, ts, actor, device, action, object, detail, prev, hash) VALUES(?,?,?,?,?,?,?,?,?)";
static const char SQL_HEAD[] = "INSERT OR REPLACE INTO meta(key, value) VALUES('audit_head', ?)";

int audit_log(srv_ctx_t *c, const char *action, const char *object, json_t *detail)
{
	unsigned char prev[HLEN] = {0}, hash[HLEN];
	char *dj = json_dumps(detail ? detail : (detail = json_object()), JSON_COMPACT | JSON_SORT_KEYS);
	const char *actor = c->console ? "console" : c->user_id ? c->username : "-";
	sqlite3_stmt *st = db_q(c->db, SQL_LAST, "");
	int64_t id = 1;
	char head[32 + 2 * HLEN + 1];
	int rc = -1;

	if (!dj || !st)
		goto done;
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0) + 1;
		if (sqlite3_column_bytes(st, 1) == HLEN)
			memcpy(prev, sqlite3_column_blob(st, 1), HLEN);
	}
	sqlite3_reset(st);
	{
		const char *text[NTEXT] = {[T_ACTOR] = actor, [T_ACTION] = action, [T_OBJECT] = object, [T_DETAIL] = dj};
		size_t len[NTEXT];
		for (int i = 0; i < NTEXT; i++)
			len[i] = strlen(text[i]); /* what db_exec binds: the C string */
		s_hash(hash, prev, id, c->now, c->device_id, text, len);
	}
	if (db_exec(c->db, SQL_INSERT, "iisisssbb", id, c->now, actor, c->device_id, action, object, dj,
		    (const void *)prev, (size_t)HLEN, (const void *)hash, (size_t)HLEN) != SQLITE_DONE)
		goto done;
	snprintf(head, sizeof head, "%lld:", (long long)id);
	sodium_bin2hex(head + strlen(head), sizeof head - strlen(head), hash, HLEN);
	rc = db_exec(c->db, SQL_HEAD, "s", head) == SQLITE_DONE ? 0 : -1;
done:
	if (rc != 0)
		c->audit_failed = true; /* dispatch keeps nothing of the request */
	free(dj);
	json_decref(detail);
	return rc;
}

/* Columns of the verify query: id, ts, actor, device, action, object,
 * detail, then prev and hash. */
static const int s_text_col[NTEXT] = {[T_ACTOR] = 2, [T_ACTION] = 4, [T_OBJECT] = 5, [T_DETAIL] = 6};

/* Are the row's columns of the types audit_log writes (integers and
 * texts)? The hash covers values, not types, so only such rows may be
 * compared by it. */
static bool s_row_typed(sqlite3_stmt *st)
{
	static const int ints[] = {0, 1, 3};
	for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
		if (sqlite3_column_type(st, ints[i]) != SQLITE_INTEGER)
			return false;
	for (int i = 0; i < NTEXT; i++)
		if (sqlite3_column_type(st, s_text_col[i]) != SQLITE_TEXT)
			return false;
	return true;
}

/* The hash of the row st is on, chained to prev: every byte of each text. */
static void s_row_hash(sqlite3_stmt *st, const unsigned char prev[HLEN], unsigned char out[HLEN])
{
	const char *text[NTEXT];
	size_t len[NTEXT];

	for (int i = 0; i < NTEXT; i++) {
		text[i] = (const char *)sqlite3_column_text(st, s_text_col[i]);
		len[i] = (size_t)sqlite3_column_bytes(st, s_text_col[i]); /* after _text: its byte count */
	}
	s_hash(out, prev, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 3), text,
	       len);
}

int audit_verify(store_t *db, int64_t *rows, int64_t *bad)
{
	static const char sql[] =
		"SELECT id, ts, actor, device, action, object, detail, prev, hash FROM audit ORDER BY id";
	unsigned char prev[HLEN] = {0}, h[HLEN];
	sqlite3_stmt *st = db_stmt(db, sql);
	int64_t expect = 1, n = 0;
	char head[32 + 2 * HLEN + 1] = "", want[32 + 2 * HLEN + 1] = "";
	sqlite3_stmt *hs;

	*bad = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		bool typed = s_row_typed(st);
		if (typed)
			s_row_hash(st, prev, h);
		if (!typed || id != expect || sqlite3_column_bytes(st, 7) != HLEN ||
		    memcmp(sqlite3_column_blob(st, 7), prev, HLEN) != 0 || sqlite3_column_bytes(st, 8) != HLEN ||
		    memcmp(sqlite3_column_blob(st, 8), h, HLEN) != 0) {
			*bad = id;
			sqlite3_reset(st);
			return -1;
		}
		memcpy(prev, h, HLEN);
		expect = id + 1;
		n++;
	}
	sqlite3_reset(st);
	*rows = n;
	hs = db_q(db, "SELECT value FROM meta WHERE key='audit_head'", "");
	if (hs && sqlite3_step(hs) == SQLITE_ROW)
		snprintf(head, sizeof head, "%s", (const char *)sqlite3_column_text(hs, 0));
	if (hs)
		sqlite3_reset(hs);
	if (n > 0) {
		snprintf(want, sizeof want, "%lld:", (long long)n);
		sodium_bin2hex(want + strlen(want), sizeof want - strlen(want), prev, HLEN);
	}
	if (strcmp(head, want) != 0) {
		int64_t head_id = head[0] ? strtoll(head, NULL, 10) : 0;
		/* the chain itself is intact, so the head tells what happened:
		 * rows cut off the end (0), rows appended past it (the first of
		 * them), or the last row rewritten together with its hash */
		*bad = head_id > n ? 0 : head_id < n ? head_id + 1 : n;
		return -1;
	}
	return 0;
}
