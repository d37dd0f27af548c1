/* org.c — the SQLite driver's org tree and officials (store/org.h). */
#include "store/org.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "text.h"

/* A user's record, as store_user_get and store_user_list give it. */
#define USER_COLS                                                                                                      \
	"SELECT u.id, u.username, u.name, t.code AS unit, t.name AS unit_name, t.level AS unit_level, u.roles, "      \
	"u.must_change, u.disabled, "                                                                                  \
	"(SELECT max(l.locked_until) FROM login_locks l WHERE l.username=u.username) AS locked_until "                 \
	"FROM users u JOIN units t ON t.id=u.unit_id "

/* Look up one text column by one key into out (n bytes), and an id. */
static store_rc_t s_id_text(sqlite3_stmt *st, int64_t *id, char *out, size_t n)
{
	int rc = st ? sqlite3_step(st) : SQLITE_ERROR;

	if (rc == SQLITE_ROW) {
		if (id)
			*id = sqlite3_column_int64(st, 0);
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, id ? 1 : 0));
	}
	return db_end(st, rc);
}

store_rc_t store_unit_find(store_t *s, const char *code, int64_t *id, char *path, size_t n)
{
	return s_id_text(db_q(s, "SELECT id, path FROM units WHERE code=?", "s", code), id, path, n);
}

store_rc_t store_unit_path(store_t *s, int64_t id, char *path, size_t n)
{
	return s_id_text(db_q(s, "SELECT path FROM units WHERE id=?", "i", id), NULL, path, n);
}

store_rc_t store_unit_add(store_t *s, const char *code, const char *name, const char *level, int64_t parent_id,
			  const char *ppath, bool office, int64_t now, int64_t *id, char *path, size_t n)
{
	if (db_int(s, "SELECT 1 FROM units WHERE code=?", 0, "s", code))
		return STORE_EXISTS;
	/* the path needs the new id: insert with a unique placeholder (the
	 * code: no path has letters), then fix */
	if (db_exec(s,
		    "INSERT INTO units(code, name, level, parent_id, path, created, office) VALUES(?,?,?,NULLIF(?,0),?,?,?)",
		    "sssisii", code, name, level, parent_id, code, now, (int64_t)office) != SQLITE_DONE)
		return STORE_ERROR;
	*id = db_last_id(s);
	if ((size_t)snprintf(path, n, "%s%lld/", ppath, (long long)*id) >= n)
		return STORE_ERROR;
	return db_rc(db_exec(s, "UPDATE units SET path=? WHERE id=?", "si", path, *id));
}

json_t *store_unit_list(store_t *s, const char *path)
{
	static const char sql[] =
		"SELECT u.code, u.name, u.level, p.code AS parent, "
		"length(u.path) - length(replace(u.path, '/', '')) - 2 AS depth, "
		"(SELECT count(*) FROM users x WHERE x.unit_id=u.id) AS users "
		"FROM units u LEFT JOIN units p ON p.id=u.parent_id WHERE u.path LIKE ? || '%' ORDER BY u.path";
	return db_rows(db_q(s, sql, "s", path));
}

store_rc_t store_user_exists(store_t *s, const char *username)
{
	sqlite3_stmt *st = db_q(s, "SELECT 1 FROM users WHERE username=?", "s", username);
	return db_end(st, st ? sqlite3_step(st) : SQLITE_ERROR);
}

store_rc_t store_user_find(store_t *s, const char *username, int64_t *id, char *unit_path, size_t n)
{
	return s_id_text(db_q(s, "SELECT u.id, t.path FROM users u JOIN units t ON t.id=u.unit_id WHERE username=?", "s",
			      username),
			 id, unit_path, n);
}

store_rc_t store_user_add(store_t *s, const char *username, const char *name, int64_t unit_id, int roles,
			  const char *pwhash, int64_t now, int64_t *id)
{
	char *fold = text_fold(name, strlen(name)); /* the search key */
	store_rc_t rc = STORE_ERROR;

	if (fold)
		rc = db_rc(db_exec(s,
				   "INSERT INTO users(username, name, name_fold, unit_id, roles, pwhash, must_change, created) "
				   "VALUES(?,?,?,?,?,?,1,?)",
				   "sssiisi", username, name, fold, unit_id, (int64_t)roles, pwhash, now));
	free(fold);
	if (rc == STORE_OK)
		*id = db_last_id(s);
	return rc;
}

/* SQLite's 0/1 flags of a user row as JSON booleans. */
static json_t *s_user_flags(json_t *u)
{
	json_object_set_new(u, "must_change", json_boolean(json_integer_value(json_object_get(u, "must_change"))));
	json_object_set_new(u, "disabled", json_boolean(json_integer_value(json_object_get(u, "disabled"))));
	return u;
}

json_t *store_user_get(store_t *s, int64_t uid)
{
	sqlite3_stmt *st = db_q(s, USER_COLS "WHERE u.id=?", "i", uid);
	json_t *u = db_row(st);

	if (st)
		sqlite3_reset(st);
	return u ? s_user_flags(u) : NULL;
}

json_t *store_user_list(store_t *s, const char *path)
{
	json_t *rows = db_rows(db_q(s, USER_COLS "WHERE t.path LIKE ? || '%' ORDER BY t.path, u.username", "s", path)),
	       *u;
	size_t i;

	json_array_foreach(rows, i, u) s_user_flags(u);
	return rows;
}

store_rc_t store_user_set_disabled(store_t *s, int64_t uid, bool disabled)
{
	return db_rc(db_exec(s, "UPDATE users SET disabled=? WHERE id=?", "ii", (int64_t)disabled, uid));
}

store_rc_t store_user_set_roles(store_t *s, int64_t uid, int roles)
{
	return db_rc(db_exec(s, "UPDATE users SET roles=? WHERE id=?", "ii", (int64_t)roles, uid));
}

store_rc_t store_user_set_must_change(store_t *s, const char *username, bool must_change)
{
	return db_rc(db_exec(s, "UPDATE users SET must_change=? WHERE username=?", "is", (int64_t)must_change, username));
}
