/* config.c — the daemon's settings: defaults, overridden by DIR/config.json
 * (written with the defaults by `congvud init` so an operator can see and
 * edit every knob). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "srv.h"

/* Integer knobs: default, and the least value allowed (most: 100 000 000). */
static const struct {
	const char *key;
	size_t off;
	int dflt, min;
} s_ints[] = {
	{"max_failed_logins", offsetof(srv_config_t, max_failed_logins), 5, 1},
	{"lockout_seconds", offsetof(srv_config_t, lockout_seconds), 15 * 60, 1},
	{"session_idle_seconds", offsetof(srv_config_t, session_idle_seconds), 8 * 3600, 1},
	{"invite_default_hours", offsetof(srv_config_t, invite_default_hours), 24, 1},
	{"max_connections", offsetof(srv_config_t, max_connections), 2000, 1},
	{"max_connections_per_address", offsetof(srv_config_t, max_connections_per_address), 200, 1},
	{"handshake_seconds", offsetof(srv_config_t, handshake_seconds), 10, 1},
	{"anon_requests_per_minute", offsetof(srv_config_t, anon_per_minute), 30, 1},
	{"anon_requests_per_minute_per_address", offsetof(srv_config_t, anon_per_minute_addr), 300, 1},
	/* -1: one per core from 4 cores, none below (serve.c); 0: none, every read on the loop's thread */
	{"read_threads", offsetof(srv_config_t, read_threads), -1, -1},
	/* desk: notices to citizens */
	{"notice_timeout_seconds", offsetof(srv_config_t, notice_timeout_seconds), 30, 1},
	{"notice_retry_seconds", offsetof(srv_config_t, notice_retry_seconds), 60, 1},
	{"notice_max_attempts", offsetof(srv_config_t, notice_max_attempts), 8, 1},
};

static const struct {
	const char *key;
	size_t off, size;
	const char *dflt;
} s_strs[] = {
	{"listen", offsetof(srv_config_t, listen), sizeof(((srv_config_t *)0)->listen), "tcp://127.0.0.1:7450"},
	{"advertise", offsetof(srv_config_t, advertise), sizeof(((srv_config_t *)0)->advertise), ""},
	{"forms", offsetof(srv_config_t, forms), sizeof(((srv_config_t *)0)->forms), NULL}, /* srv_forms_default */
	/* desk: notices to citizens (notice_gw.c) */
#define NOTICE_STR(k) {#k, offsetof(srv_config_t, k), sizeof(((srv_config_t *)0)->k), ""}
	NOTICE_STR(notice_smtp_url),
	NOTICE_STR(notice_smtp_from),
	NOTICE_STR(notice_smtp_user),
	NOTICE_STR(notice_smtp_password),
	NOTICE_STR(notice_sms_command),
	NOTICE_STR(notice_sms_url),
#undef NOTICE_STR
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* forms/ when config.json names none: $CONGVU_FORMS (the tests and the
 * demo, run from the source tree), else the province's own copy in
 * sysconfdir (/etc/congvu/forms, made at the first install), else the
 * shipped set in datadir (/usr/share/congvu/forms). Paths from meson's
 * options: an installed congvud reads nothing of the tree it was built in. */
const char *srv_forms_default(void)
{
	const char *env = getenv("CONGVU_FORMS");

	if (env && *env)
		return env;
	return access(CONGVU_SYSCONFDIR "/forms", F_OK) == 0 ? CONGVU_SYSCONFDIR "/forms" : CONGVU_DATADIR "/forms";
}

static const char *s_dflt(size_t i) { return s_strs[i].dflt ? s_strs[i].dflt : srv_forms_default(); }

int srv_config_load(srv_config_t *cfg, const char *dir, char *err, size_t n)
{
	char path[4096];
	json_error_t je;
	json_t *j;

	memset(cfg, 0, sizeof *cfg);
	for (size_t i = 0; i < N(s_ints); i++)
		*(int *)((char *)cfg + s_ints[i].off) = s_ints[i].dflt;
	for (size_t i = 0; i < N(s_strs); i++)
		snprintf((char *)cfg + s_strs[i].off, s_strs[i].size, "%s", s_dflt(i));
	snprintf(path, sizeof path, "%s/config.json", dir);
	j = json_load_file(path, 0, &je);
	if (!j)
		return 0; /* no file: defaults */
	for (size_t i = 0; i < N(s_ints); i++) {
		json_t *v = json_object_get(j, s_ints[i].key);
		if (v && (!json_is_integer(v) || json_integer_value(v) < s_ints[i].min ||
			  json_integer_value(v) > 100000000)) {
			if (s_ints[i].min == 1)
				snprintf(err, n, "%s: \"%s\" phải là số nguyên dương", path, s_ints[i].key);
			else
				snprintf(err, n, "%s: \"%s\" phải là số nguyên từ %d trở lên", path, s_ints[i].key,
					 s_ints[i].min);
			json_decref(j);
			return -1;
		}
		if (v)
			*(int *)((char *)cfg + s_ints[i].off) = (int)json_integer_value(v);
	}
	for (size_t i = 0; i < N(s_strs); i++) {
		json_t *v = json_object_get(j, s_strs[i].key);
		if (v && (!json_is_string(v) || json_string_length(v) >= s_strs[i].size)) {
			snprintf(err, n, "%s: \"%s\" phải là chuỗi ngắn hơn %zu byte", path, s_strs[i].key, s_strs[i].size);
			json_decref(j);
			return -1;
		}
		if (v)
			snprintf((char *)cfg + s_strs[i].off, s_strs[i].size, "%s", json_string_value(v));
	}
	json_decref(j);
	return 0;
}

int srv_config_write_default(const char *dir)
{
	char path[4096];
	json_t *j = json_object();
	int rc;

	for (size_t i = 0; i < N(s_ints); i++)
		json_object_set_new(j, s_ints[i].key, json_integer(s_ints[i].dflt));
	for (size_t i = 0; i < N(s_strs); i++)
		json_object_set_new(j, s_strs[i].key, json_string(s_dflt(i)));
	snprintf(path, sizeof path, "%s/config.json", dir);
	rc = json_dump_file(j, path, JSON_INDENT(2) | JSON_SORT_KEYS);
	json_decref(j);
	return rc;
}
