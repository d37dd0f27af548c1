/* notice.c — queueing the citizen's notices of a dossier (notice.h): the
 * text from forms/notices/KIND.txt with the dossier's values (those of the
 * printed forms, print.c), one per channel the declaration and the gateway
 * both have, in the transaction of the move that causes it. */
#include "notice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "print.h"
#include "store/notice.h"

/* The kinds, the form whose note they carry, and what causes them after
 * reception: an action, or entering a state. */
static const struct {
	const char *kind, *form, *action, *state;
} s_kinds[] = {
	{"appointment", "01", NULL, NULL},
	{"supplement", "02", "supplement", NULL},
	{"apology", "04", "apologize", NULL},
	{"ready", NULL, NULL, "result"},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The template's header line "key: value" (before the first blank line)
 * into a new string; NULL when absent. */
static char *s_header(const char *t, const char *key, const char **body)
{
	size_t klen = strlen(key);
	char *v = NULL;

	for (const char *l = t; *l && *l != '\n';) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);
		if (len > klen && !strncmp(l, key, klen) && l[klen] == ':') {
			const char *s = l + klen + 1;
			while (*s == ' ')
				s++;
			free(v);
			v = strndup(s, len - (size_t)(s - l));
		}
		l += len + (e != NULL);
		*body = l;
	}
	if (**body == '\n')
		(*body)++;
	return v;
}

static const char *s_field(json_t *fields, const char *name)
{
	const char *v = json_string_value(json_object_get(fields, name));
	return v && *v ? v : NULL;
}

/* One notice on channel to `to`, its texts from the template's parts. */
static int s_add(srv_ctx_t *c, dossier_t *d, const char *kind, const char *form, const char *channel,
		 const char *to, const char *subject_tpl, const char *body_tpl)
{
	store_notice_t n = {.dossier = d->id};
	int64_t id = 0;
	int rc = -1;

	snprintf(n.kind, sizeof n.kind, "%s", kind);
	snprintf(n.channel, sizeof n.channel, "%s", channel);
	snprintf(n.recipient, sizeof n.recipient, "%s", to);
	n.subject = dossier_print_expand(c->db, d, subject_tpl, form);
	n.body = dossier_print_expand(c->db, d, body_tpl, form);
	if (n.subject && n.body && store_notice_add(c->db, &n, c->now, &id) == STORE_OK) {
		audit_log(c, "notice.queue", d->code,
			  json_pack("{s:I, s:s, s:s, s:s}", "notice", (json_int_t)id, "kind", kind, "channel", channel,
				    "to", to));
		rc = 0;
	}
	store_notice_free(&n);
	return rc;
}

int notice_queue(srv_ctx_t *c, dossier_t *d, const char *kind)
{
	notice_gw_t gw;
	json_t *fields = dossier_fields(c->db, d);
	const char *email = s_field(fields, "email"), *phone = s_field(fields, "phone"), *form = NULL, *body = "";
	char *t, *subject, *sms;
	int rc = 0;

	notice_gw_from(&gw, c->cfg);
	if ((!email || !notice_gw_has(&gw, "email")) && (!phone || !notice_gw_has(&gw, "sms")))
		return 0;
	for (size_t i = 0; i < N(s_kinds); i++)
		if (!strcmp(s_kinds[i].kind, kind))
			form = s_kinds[i].form;
	if (!(t = print_file("notices", kind)))
		return 0; /* a province without this template sends none */
	subject = s_header(t, "subject", &body);
	sms = s_header(t, "sms", &body);
	if (email && notice_gw_has(&gw, "email") && subject)
		rc |= s_add(c, d, kind, form, "email", email, subject, body);
	if (phone && notice_gw_has(&gw, "sms") && sms)
		rc |= s_add(c, d, kind, form, "sms", phone, "", sms);
	free(subject);
	free(sms);
	free(t);
	return rc;
}

int notice_on_move(srv_ctx_t *c, dossier_t *d, const char *action)
{
	for (size_t i = 0; i < N(s_kinds); i++)
		if ((s_kinds[i].action && !strcmp(s_kinds[i].action, action)) ||
		    (s_kinds[i].state && !strcmp(s_kinds[i].state, d->state)))
			return notice_queue(c, d, s_kinds[i].kind);
	return 0;
}

json_t *notice_json(srv_ctx_t *c, const dossier_t *d)
{
	json_t *rows = store_notice_list(c->db, d->id), *out, *r;
	size_t i;

	if (!rows || !json_array_size(rows)) {
		json_decref(rows);
		return NULL;
	}
	out = json_array();
	json_array_foreach(rows, i, r)
	{
		const char *status = json_string_value(json_object_get(r, "status"));
		json_int_t at = json_integer_value(json_object_get(r, !strcmp(status, "retrying") ? "next_at" : "done_at"));
		char buf[32];
		json_array_append_new(out, json_pack("{s:O, s:O, s:O, s:O, s:O, s:s, s:O}", "kind", json_object_get(r, "kind"),
						     "channel", json_object_get(r, "channel"), "to",
						     json_object_get(r, "recipient"), "status", json_object_get(r, "status"),
						     "attempts", json_object_get(r, "attempts"), "at",
						     at ? dossier_time(at, buf, sizeof buf) : "", "error",
						     json_object_get(r, "error")));
	}
	json_decref(rows);
	return out;
}
