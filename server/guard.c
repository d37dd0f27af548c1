/* guard.c — token buckets for peers not enrolled, and the failures they
 * cause summed per minute (see guard.h). Fixed memory: a table of buckets
 * where a new key takes the slot idle longest, so a flood of fresh keys
 * cannot grow it; the address bucket still holds them back. */
#include "guard.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "clock.h"
#include "log.h"

#define SLOTS 4096 /* power of two */
#define PROBE 8
#define WINDOW 60 /* seconds a summary row covers */

typedef struct {
	char key[72]; /* "k:" and a key, or "a:" and an address (guard_admit's akey) */
	double tokens;
	int64_t last_ms;
} s_bucket_t;

static s_bucket_t s_buckets[SLOTS];

static uint32_t s_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The bucket of key: found, or made in the free or longest idle of its
 * probe window (full: a minute's worth). */
static s_bucket_t *s_bucket(const char *key, double per_minute, int64_t now_ms)
{
	uint32_t h = s_hash(key);
	s_bucket_t *victim = NULL;

	for (int i = 0; i < PROBE; i++) {
		s_bucket_t *b = &s_buckets[(h + (uint32_t)i) & (SLOTS - 1)];
		if (strcmp(b->key, key) == 0)
			return b;
		if (!victim || b->last_ms < victim->last_ms)
			victim = b;
	}
	snprintf(victim->key, sizeof victim->key, "%s", key);
	victim->tokens = per_minute;
	victim->last_ms = now_ms;
	return victim;
}

/* Refill b for the time since it was last used; is a token there? */
static bool s_has_token(s_bucket_t *b, double per_minute, int64_t now_ms)
{
	if (now_ms > b->last_ms)
		b->tokens += (double)(now_ms - b->last_ms) * per_minute / 60000.0;
	if (b->tokens > per_minute)
		b->tokens = per_minute;
	b->last_ms = now_ms;
	return b->tokens >= 1.0;
}

/* --- failures summed per window --- */

#define ACTIONS 4
#define ADDRS 8

static struct {
	const char *action;
	long count;
	struct {
		char addr[64];
		long count;
	} by[ADDRS];
	long others; /* from addresses past the ADDRS first */
} s_fails[ACTIONS];
static int64_t s_window_start; /* 0: nothing counted */

void guard_failed(const char *action, const char *addr)
{
	int a = 0, k = 0;

	while (a < ACTIONS && s_fails[a].action && strcmp(s_fails[a].action, action) != 0)
		a++;
	if (a == ACTIONS)
		a = ACTIONS - 1; /* more kinds than slots: the last one sums the rest */
	if (!s_fails[a].action)
		s_fails[a].action = action;
	if (!s_window_start)
		s_window_start = clock_now();
	s_fails[a].count++;
	while (k < ADDRS && s_fails[a].by[k].count && strcmp(s_fails[a].by[k].addr, addr) != 0)
		k++;
	if (k == ADDRS) {
		s_fails[a].others++;
		return;
	}
	snprintf(s_fails[a].by[k].addr, sizeof s_fails[a].by[k].addr, "%s", addr && *addr ? addr : "?");
	s_fails[a].by[k].count++;
}

bool guard_admit(const srv_config_t *cfg, const char *principal, const char *addr, int64_t now_ms)
{
	char akey[72];
	s_bucket_t *kb = s_bucket(principal, cfg->anon_per_minute, now_ms), *ab;

	snprintf(akey, sizeof akey, "a:%s", addr);
	ab = s_bucket(akey, cfg->anon_per_minute_addr, now_ms);
	/* both must have a token; only then are both spent */
	if (!s_has_token(kb, cfg->anon_per_minute, now_ms) || !s_has_token(ab, cfg->anon_per_minute_addr, now_ms)) {
		guard_failed("anon.limited", addr);
		return false;
	}
	kb->tokens -= 1;
	ab->tokens -= 1;
	return true;
}

int64_t guard_next_flush(void)
{
	return s_window_start ? s_window_start + WINDOW : 0;
}

int guard_flush(srv_ctx_t *c, bool force)
{
	int rows = 0;

	if (!s_window_start || (!force && c->now < s_window_start + WINDOW))
		return 0;
	for (int a = 0; a < ACTIONS && s_fails[a].action; a++) {
		json_t *by = json_object();
		for (int k = 0; k < ADDRS && s_fails[a].by[k].count; k++)
			json_object_set_new(by, s_fails[a].by[k].addr, json_integer(s_fails[a].by[k].count));
		if (audit_log(c, s_fails[a].action, "*",
			      json_pack("{s:I, s:I, s:o, s:I}", "count", (json_int_t)s_fails[a].count, "since",
					(json_int_t)s_window_start, "addresses", by, "other_addresses",
					(json_int_t)s_fails[a].others)) != 0)
			return -1;
		log_warn("%s: %ld from peers not enrolled since %lds ago (one audit row)", s_fails[a].action,
			 s_fails[a].count, (long)(c->now - s_window_start));
		rows++;
	}
	memset(s_fails, 0, sizeof s_fails);
	s_window_start = 0;
	return rows;
}
