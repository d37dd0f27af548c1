/* attach.c — the SQLite driver of document attachments (store/attach.h):
 * files by hash, their bytes as pieces, uploads in progress and links to
 * documents (migration 0021). */
#include "store/attach.h"

#include <stdio.h>
#include <string.h>

#include "db.h"

#define TXT(i) ((const char *)sqlite3_column_text(st, i) ? (const char *)sqlite3_column_text(st, i) : "")
#define COPY(dst, i) snprintf(dst, sizeof dst, "%s", TXT(i))

/* The owner of an upload's pieces: "u:<id>". */
static void s_owner(int64_t id, char out[32])
{
	snprintf(out, 32, "u:%lld", (long long)id);
}

static const char *s_kind(char k)
{
	return k == 'o' ? "out" : "in";
}

#define SQL_UPLOAD                                                                                                     \
	"SELECT id, user_id, unit_id, doc_kind, doc_id, doc_code, name, size, hash, held, created, touched "           \
	"FROM attach_uploads "

static store_rc_t s_upload(sqlite3_stmt *st, store_upload_t *u)
{
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		u->id = sqlite3_column_int64(st, 0);
		u->user_id = sqlite3_column_int64(st, 1);
		u->unit_id = sqlite3_column_int64(st, 2);
		u->doc_kind = strcmp(TXT(3), "out") == 0 ? 'o' : 'i';
		u->doc_id = sqlite3_column_int64(st, 4);
		COPY(u->doc_code, 5);
		COPY(u->name, 6);
		u->size = sqlite3_column_int64(st, 7);
		COPY(u->hash, 8);
		u->held = sqlite3_column_int64(st, 9);
		u->created = sqlite3_column_int64(st, 10);
		u->touched = sqlite3_column_int64(st, 11);
	}
	return db_end(st, rc);
}

store_rc_t store_upload_find(store_t *s, int64_t user_id, char doc_kind, int64_t doc_id, const char *hash,
                             store_upload_t *u)
{
	return s_upload(db_q(s, SQL_UPLOAD "WHERE user_id=? AND doc_kind=? AND doc_id=? AND hash=?", "isis", user_id,
	                     s_kind(doc_kind), doc_id, hash),
	                u);
}

store_rc_t store_upload_get(store_t *s, int64_t id, store_upload_t *u)
{
	return s_upload(db_q(s, SQL_UPLOAD "WHERE id=?", "i", id), u);
}

store_rc_t store_upload_add(store_t *s, store_upload_t *u)
{
	store_rc_t rc = db_rc(db_exec(s,
	                              "INSERT INTO attach_uploads(user_id, unit_id, doc_kind, doc_id, doc_code, name, "
	                              "size, hash, held, created, touched) VALUES(?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
	                              "iisissisii", u->user_id, u->unit_id, s_kind(u->doc_kind), u->doc_id, u->doc_code,
	                              u->name, u->size, u->hash, u->created, u->created));
	if (rc == STORE_OK) {
		u->id = db_last_id(s);
		u->held = 0;
		u->touched = u->created;
	}
	return rc;
}

store_rc_t store_upload_append(store_t *s, store_upload_t *u, const void *data, size_t len, int64_t now)
{
	char owner[32];
	store_rc_t rc;

	s_owner(u->id, owner);
	rc = db_rc(db_exec(s, "INSERT INTO attach_pieces(owner, off, data) VALUES(?, ?, ?)", "sib", owner, u->held,
	                   data, len));
	if (rc == STORE_OK)
		rc = db_rc(db_exec(s, "UPDATE attach_uploads SET held=held+?, touched=? WHERE id=?", "iii",
		                   (int64_t)len, now, u->id));
	if (rc == STORE_OK) {
		u->held += (int64_t)len;
		u->touched = now;
	}
	return rc;
}

store_rc_t store_attach_walk(store_t *s, const char *hash, int64_t upload_id,
                             int (*fn)(void *ctx, const void *data, size_t len), void *ctx)
{
	char owner[32];
	sqlite3_stmt *st;
	int rc;

	if (upload_id > 0)
		s_owner(upload_id, owner);
	st = db_q(s, "SELECT data FROM attach_pieces WHERE owner=? ORDER BY off", "s", upload_id > 0 ? owner : hash);
	if (!st)
		return STORE_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(ctx, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0)) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	sqlite3_reset(st);
	return db_rc(rc);
}

store_rc_t store_upload_drop(store_t *s, int64_t id)
{
	char owner[32];
	store_rc_t rc;

	s_owner(id, owner);
	rc = db_rc(db_exec(s, "DELETE FROM attach_pieces WHERE owner=?", "s", owner));
	return rc == STORE_OK ? db_rc(db_exec(s, "DELETE FROM attach_uploads WHERE id=?", "i", id)) : rc;
}

int store_upload_expire(store_t *s, int64_t before)
{
	sqlite3_stmt *st = db_q(s, "SELECT id FROM attach_uploads WHERE touched < ? LIMIT 100", "i", before);
	int64_t ids[100];
	int n = 0, rc;

	if (!st)
		return -1;
	while (n < 100 && (rc = sqlite3_step(st)) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	for (int i = 0; i < n; i++)
		if (store_upload_drop(s, ids[i]) != STORE_OK)
			return -1;
	return n;
}

store_rc_t store_attach_file(store_t *s, const char *hash, int64_t *size, char *mime, size_t n)
{
	sqlite3_stmt *st = db_q(s, "SELECT size, mime FROM attach_files WHERE hash=?", "s", hash);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		*size = sqlite3_column_int64(st, 0);
		snprintf(mime, n, "%s", TXT(1));
	}
	return db_end(st, rc);
}

store_rc_t store_attach_keep(store_t *s, const store_upload_t *u, const char *mime, int64_t now)
{
	char owner[32], m[64];
	int64_t size;
	store_rc_t rc = store_attach_file(s, u->hash, &size, m, sizeof m);

	s_owner(u->id, owner);
	if (rc == STORE_OK) /* held already (another upload finished first): keep one copy */
		return store_upload_drop(s, u->id);
	if (rc != STORE_NONE)
		return rc;
	rc = db_rc(db_exec(s, "INSERT INTO attach_files(hash, size, mime, unit_id, created) VALUES(?, ?, ?, ?, ?)",
	                   "sisii", u->hash, u->size, mime, u->unit_id, now));
	if (rc == STORE_OK)
		rc = db_rc(db_exec(s, "UPDATE attach_pieces SET owner=? WHERE owner=?", "ss", u->hash, owner));
	if (rc == STORE_OK)
		rc = db_rc(db_exec(s, "DELETE FROM attach_uploads WHERE id=?", "i", u->id));
	return rc;
}

int64_t store_attach_usage(store_t *s, int64_t unit_id)
{
	return db_int(s,
	              "SELECT (SELECT coalesce(sum(size), 0) FROM attach_files WHERE unit_id=?1) + "
	              "(SELECT coalesce(sum(size), 0) FROM attach_uploads WHERE unit_id=?1)",
	              -1, "i", unit_id);
}

store_rc_t store_attach_link(store_t *s, char doc_kind, int64_t doc_id, const char *name, const char *hash,
                             int64_t user_id, int64_t now)
{
	int64_t same = db_int(s, "SELECT hash=? FROM attach_links WHERE doc_kind=? AND doc_id=? AND name=?", -1, "ssis",
	                      hash, s_kind(doc_kind), doc_id, name);

	if (same >= 0)
		return same ? STORE_NONE : STORE_EXISTS;
	return db_rc(db_exec(s,
	                     "INSERT INTO attach_links(doc_kind, doc_id, name, hash, user_id, created) "
	                     "VALUES(?, ?, ?, ?, ?, ?)",
	                     "sissii", s_kind(doc_kind), doc_id, name, hash, user_id, now));
}

json_t *store_attach_list(store_t *s, char doc_kind, int64_t doc_id)
{
	sqlite3_stmt *st = db_q(s,
	                        "SELECT l.name, l.hash, f.size, f.mime, u.username AS by, u.name AS by_name, "
	                        "l.created AS at FROM attach_links l JOIN attach_files f ON f.hash=l.hash "
	                        "JOIN users u ON u.id=l.user_id WHERE l.doc_kind=? AND l.doc_id=? ORDER BY l.name",
	                        "si", s_kind(doc_kind), doc_id);
	return st ? db_rows(st) : NULL;
}

store_rc_t store_attach_find(store_t *s, char doc_kind, int64_t doc_id, const char *which, char hash[65], char *name,
                             size_t nname, int64_t *size, char *mime, size_t nmime)
{
	sqlite3_stmt *st = db_q(s,
	                        "SELECT l.hash, l.name, f.size, f.mime FROM attach_links l "
	                        "JOIN attach_files f ON f.hash=l.hash WHERE l.doc_kind=? AND l.doc_id=? "
	                        "AND (l.name=?3 OR l.hash=?3) ORDER BY l.name=?3 DESC LIMIT 1",
	                        "sis", s_kind(doc_kind), doc_id, which);
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		snprintf(hash, 65, "%s", TXT(0));
		snprintf(name, nname, "%s", TXT(1));
		*size = sqlite3_column_int64(st, 2);
		snprintf(mime, nmime, "%s", TXT(3));
	}
	return db_end(st, rc);
}

long store_attach_read(store_t *s, const char *hash, int64_t off, void *buf, size_t max)
{
	sqlite3_stmt *st =
	    db_q(s,
	         "SELECT off, data FROM attach_pieces WHERE owner=?1 AND off > ?2 - 65536 AND off + length(data) > ?2 "
	         "ORDER BY off LIMIT 4",
	         "si", hash, off);
	size_t got = 0;
	int rc;

	if (!st)
		return -1;
	while (got < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t at = sqlite3_column_int64(st, 0);
		const char *d = sqlite3_column_blob(st, 1);
		int64_t len = sqlite3_column_bytes(st, 1), from = off + (int64_t)got - at;
		size_t n;

		if (from < 0 || from >= len)
			break; /* a gap: never in a kept file */
		n = (size_t)(len - from) < max - got ? (size_t)(len - from) : max - got;
		memcpy((char *)buf + got, d + from, n);
		got += n;
	}
	sqlite3_reset(st);
	return (long)got;
}

store_rc_t store_attach_index_text(store_t *s, int64_t doc_id, const char *folded)
{
	return db_rc(db_exec(s, "UPDATE documents SET folded = folded || ' ' || ? WHERE id=?", "si", folded, doc_id));
}
