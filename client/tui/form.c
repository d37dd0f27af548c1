/* form.c — a form: labelled text fields stacked one per line, focus moving
 * between them, and the request body built from them. What a field holds
 * (its byte limit, whether it is required, string, number or list) is read
 * from the message's declaration in proto_msgs.def, not repeated here. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "widgets.h"

#define FIELD_COLS 48 /* widest a field is drawn; longer text scrolls */

static const proto_field_t *s_pfield(proto_msg_t msg, const char *key)
{
	const proto_def_t *def = proto_def(msg);
	for (int i = 0; def && key && i < def->nfields; i++)
		if (!strcmp(def->fields[i].key, key))
			return &def->fields[i];
	return NULL;
}

uint32_t tui_form_hash(const tui_form_t *f)
{
	uint32_t h = TUI_EDIT_HASH0;

	for (int i = 0; i < f->n; i++)
		h = tui_edit_hash(h, &f->ed[i]);
	return h;
}

void tui_form_init(tui_form_t *f, const tui_field_t *fields, int n, proto_msg_t msg)
{
	f->fields = fields;
	f->n = n < TUI_FORM_MAX ? n : TUI_FORM_MAX;
	f->focus = 0;
	f->msg = msg;
	for (int i = 0; i < f->n; i++) {
		const proto_field_t *pf = s_pfield(msg, fields[i].key);
		size_t max = !pf ? 256 : pf->type == T_STR ? (size_t)pf->max : pf->type == T_INT ? 10 : 200;
		tui_edit_init(&f->ed[i], max, fields[i].flags & TF_SECRET);
	}
}

void tui_form_wipe(tui_form_t *f)
{
	for (int i = 0; i < f->n; i++)
		tui_edit_clear(&f->ed[i]);
}

int tui_form_key(tui_form_t *f, tui_action_t a, int key, bool *submit)
{
	*submit = false;
	switch (a) {
	case ACT_ENTER:
		if (f->focus == f->n - 1)
			*submit = true;
		else
			f->focus++;
		return TUI_R_BODY;
	case ACT_SUBMIT:
		*submit = true;
		return TUI_R_NONE;
	case ACT_NEXT:
		f->focus = (f->focus + 1) % f->n;
		return TUI_R_BODY;
	case ACT_PREV:
		f->focus = (f->focus + f->n - 1) % f->n;
		return TUI_R_BODY;
	default:
		return tui_edit_key(&f->ed[f->focus], a, key) ? TUI_R_BODY : TUI_R_NONE;
	}
}

int tui_form_draw(tui_t *t, tui_form_t *f, WINDOW *w, int y)
{
	int h, cols, lw = 0, x = 2, fx, fw, step;

	getmaxyx(w, h, cols);
	for (int i = 0; i < f->n; i++) {
		int lab = text_width(_(f->fields[i].label));
		lw = lab > lw ? lab : lw;
	}
	if (lw > cols / 2)
		lw = cols / 2;
	fx = x + lw + 2;
	fw = cols - fx - 2 < FIELD_COLS ? cols - fx - 2 : FIELD_COLS;
	step = y + 2 * f->n <= h ? 2 : 1;
	for (int i = 0; i < f->n; i++) {
		int row = y + i * step, cx;
		bool focus = i == f->focus;

		if (row >= h)
			break;
		if (focus)
			wattron(w, A_BOLD);
		tui_put(w, row, x, _(f->fields[i].label), lw, 0);
		wattroff(w, A_BOLD);
		tui_edit_draw(&f->ed[i], w, row, fx, fw, tui_attr(focus ? TA_FOCUS : TA_FIELD), &cx);
		if (focus)
			tui_cursor(t, row, cx);
	}
	return y + f->n * step;
}

int tui_form_find(const tui_form_t *f, const char *key)
{
	for (int i = 0; key && i < f->n; i++)
		if (f->fields[i].key && !strcmp(f->fields[i].key, key))
			return i;
	return -1;
}

/* Trim ASCII blanks at both ends of s, in place. */
static char *s_trim(char *s)
{
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = 0;
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

json_t *tui_form_split(const char *s)
{
	json_t *arr = json_array();
	char *dup = strdup(s), *save = NULL;
	for (char *tok = dup ? strtok_r(dup, ", \t", &save) : NULL; tok; tok = strtok_r(NULL, ", \t", &save))
		json_array_append_new(arr, json_string(tok));
	free(dup);
	return arr;
}

/* Free a field value, wiping it first (it may be a password). */
static void s_drop(char *v)
{
	if (v) {
		explicit_bzero(v, strlen(v));
		free(v);
	}
}

json_t *tui_form_body(tui_form_t *f, char *err, size_t n)
{
	json_t *body = json_object();
	char *raw = NULL;
	int i;

	for (i = 0; i < f->n; i++) {
		const tui_field_t *fd = &f->fields[i];
		const proto_field_t *pf = s_pfield(f->msg, fd->key);
		const char *label = _(fd->label);
		char *v, *end;
		long long num;

		if (!(raw = tui_edit_nfc(&f->ed[i]))) {
			snprintf(err, n, _("Ô “%s” có ký tự không hợp lệ."), label);
			goto bad;
		}
		v = fd->flags & TF_SECRET ? raw : s_trim(raw);
		if (!*v && (!pf || (pf->flags & F_REQ))) {
			snprintf(err, n, _("Hãy điền ô “%s”."), label);
			goto bad;
		}
		if (*v && pf && pf->type == T_INT) {
			num = strtoll(v, &end, 10);
			if (*end || num < 0) {
				snprintf(err, n, _("Ô “%s” phải là một số."), label);
				goto bad;
			}
			if (pf->max && num > pf->max) {
				snprintf(err, n, _("Ô “%s” không được lớn hơn %lld."), label, pf->max);
				goto bad;
			}
			json_object_set_new(body, fd->key, json_integer(num));
		} else if (*v && pf && pf->type == T_STRS)
			json_object_set_new(body, fd->key, tui_form_split(v));
		else if (*v && pf)
			json_object_set_new(body, fd->key, json_string(v));
		s_drop(raw);
		raw = NULL;
	}
	return body;
bad:
	s_drop(raw);
	f->focus = i;
	json_decref(body);
	return NULL;
}
