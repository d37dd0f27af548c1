/* audit.c — the hash-chained audit log. hash = BLAKE2b-256(prev ‖ id ‖ ts ‖
 * actor ‖ device ‖ action ‖ object ‖ detail), integers as 8 little-endian
 * bytes, strings length-prefixed. The head (last id and hash) is kept in
 * meta as well, so cutting rows off the end is caught too. */
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

static void s_str(crypto_generichash_state *h, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	s_int(h, (int64_t)n);
	crypto_generichash_update(h, (const unsigned char *)s, n);
}

static void s_hash(unsigned char out[HLEN], const unsigned char prev[HLEN], int64_t id, int64_t ts,
		   const char *actor, int64_t device, const char *action, const char *object, const char *detail)
{
	crypto_generichash_state h;
	crypto_generichash_init(&h, NULL, 0, HLEN);
	crypto_generichash_update(&h, prev, HLEN);
	s_int(&h, id);
	s_int(&h, ts);
	s_str(&h, actor);
	s_int(&h, device);
	s_str(&h, action);
	s_str(&h, object);
	s_str(&h, detail);
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
	s_hash(hash, prev, id, c->now, actor, c->device_id, action, object, dj);
	if (db_exec(c->db, SQL_INSERT, "iisisssbb", id, c->now, actor, c->device_id, action, object, dj,
		    (const void *)prev, (size_t)HLEN, (const void *)hash, (size_t)HLEN) != SQLITE_DONE)
		goto done;
	snprintf(head, sizeof head, "%lld:", (long long)id);
	sodium_bin2hex(head + strlen(head), sizeof head - strlen(head), hash, HLEN);
	rc = db_exec(c->db, SQL_HEAD, "s", head) == SQLITE_DONE ? 0 : -1;
done:
	free(dj);
	json_decref(detail);
	return rc;
}

int audit_verify(sqlite3 *db, int64_t *rows, int64_t *bad)
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
		s_hash(h, prev, id, sqlite3_column_int64(st, 1), (const char *)sqlite3_column_text(st, 2),
		       sqlite3_column_int64(st, 3), (const char *)sqlite3_column_text(st, 4),
		       (const char *)sqlite3_column_text(st, 5), (const char *)sqlite3_column_text(st, 6));
		if (id != expect || sqlite3_column_bytes(st, 7) != HLEN ||
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
