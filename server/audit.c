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
 * wrote, and verify says so without hashing it. The rows and the head are
 * the store's (store/audit.h). */
#include "audit.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "store/audit.h"

#define HLEN STORE_AUDIT_HASH

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

int audit_log(srv_ctx_t *c, const char *action, const char *object, json_t *detail)
{
	unsigned char prev[HLEN] = {0}, hash[HLEN];
	char *dj = json_dumps(detail ? detail : (detail = json_object()), JSON_COMPACT | JSON_SORT_KEYS);
	const char *actor = c->console ? "console" : c->user_id ? c->username : "-";
	store_rc_t last;
	int64_t id = 0;
	char head[32 + 2 * HLEN + 1];
	int rc = -1;

	if (!dj || ((last = store_audit_last(c->db, &id, prev)) != STORE_OK && last != STORE_NONE))
		goto done;
	id++;
	{
		const char *text[NTEXT] = {[T_ACTOR] = actor, [T_ACTION] = action, [T_OBJECT] = object, [T_DETAIL] = dj};
		size_t len[NTEXT];
		for (int i = 0; i < NTEXT; i++)
			len[i] = strlen(text[i]); /* what the store keeps: the C string */
		s_hash(hash, prev, id, c->now, c->device_id, text, len);
	}
	snprintf(head, sizeof head, "%lld:", (long long)id);
	sodium_bin2hex(head + strlen(head), sizeof head - strlen(head), hash, HLEN);
	{
		const store_audit_row_t r = {.id = id, .ts = c->now, .device = c->device_id, .actor = actor,
					     .action = action, .object = object, .detail = dj, .prev = prev, .hash = hash};
		rc = store_audit_append(c->db, &r, head) == STORE_OK ? 0 : -1;
	}
done:
	if (rc != 0)
		c->audit_failed = true; /* dispatch keeps nothing of the request */
	free(dj);
	json_decref(detail);
	return rc;
}

/* Where a walk of the chain is: the hash the next row must carry as prev,
 * the id it must have, how many rows were good, the first bad one. */
typedef struct {
	unsigned char prev[HLEN];
	int64_t expect, n, bad;
	bool broken; /* at row bad */
} walk_t;

/* One row of the walk: 0 to go on, 1 at a bad row. Only rows of the types
 * audit_log writes are hashed: the hash covers values, not types. */
static int s_walk(void *arg, const store_audit_row_t *r)
{
	walk_t *w = arg;
	unsigned char h[HLEN];

	if (r->typed) {
		const char *text[NTEXT] = {[T_ACTOR] = r->actor, [T_ACTION] = r->action, [T_OBJECT] = r->object,
					   [T_DETAIL] = r->detail};
		const size_t len[NTEXT] = {[T_ACTOR] = r->actor_len, [T_ACTION] = r->action_len,
					   [T_OBJECT] = r->object_len, [T_DETAIL] = r->detail_len};
		s_hash(h, w->prev, r->id, r->ts, r->device, text, len);
	}
	if (!r->typed || r->id != w->expect || r->prev_len != HLEN || memcmp(r->prev, w->prev, HLEN) != 0 ||
	    r->hash_len != HLEN || memcmp(r->hash, h, HLEN) != 0) {
		w->bad = r->id;
		w->broken = true;
		return 1;
	}
	memcpy(w->prev, h, HLEN);
	w->expect = r->id + 1;
	w->n++;
	return 0;
}

int audit_verify(store_t *db, int64_t *rows, int64_t *bad)
{
	walk_t w = {.expect = 1};
	char head[32 + 2 * HLEN + 1] = "", want[32 + 2 * HLEN + 1] = "";

	*bad = 0;
	/* a read that fails part way ends the walk there: the head then tells */
	store_audit_each(db, s_walk, &w);
	if (w.broken) {
		*bad = w.bad;
		return -1;
	}
	*rows = w.n;
	store_audit_head(db, head, sizeof head);
	if (w.n > 0) {
		snprintf(want, sizeof want, "%lld:", (long long)w.n);
		sodium_bin2hex(want + strlen(want), sizeof want - strlen(want), w.prev, HLEN);
	}
	if (strcmp(head, want) != 0) {
		int64_t head_id = head[0] ? strtoll(head, NULL, 10) : 0;
		/* the chain itself is intact, so the head tells what happened:
		 * rows cut off the end (0), rows appended past it (the first of
		 * them), or the last row rewritten together with its hash */
		*bad = head_id > w.n ? 0 : head_id < w.n ? head_id + 1 : w.n;
		return -1;
	}
	return 0;
}
