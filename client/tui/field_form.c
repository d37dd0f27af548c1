/* field_form.c — a form generated from field definitions sent by the server (a
 * procedure's declaration fields, an action's note and date): one labelled
 * line per field, the checks of each field type run as the field is left,
 * and the message under the field it is about, whoever found the fault. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "widgets.h"

#define LABEL_MAX 36 /* widest a label column is drawn; the full label shows on the help row */
#define FIELD_MAX 48

/* An unknown type is typed as text; the server checks it. */
static field_type_t s_type(const char *name)
{
	int t = fieldtype_by_name(name);
	return t < 0 ? FT_TEXT : (field_type_t)t;
}

int tui_field_form_init(tui_field_form_t *d, const json_t *defs)
{
	size_t i, n = json_array_size(defs);
	json_t *def;

	memset(d, 0, sizeof *d);
	if (!n || !(d->f = calloc(n, sizeof *d->f)))
		return -1;
	json_array_foreach(defs, i, def)
	{
		tui_field_form_field_t *f = &d->f[i];
		const char *name = json_string_value(json_object_get(def, "name"));
		const char *label = json_string_value(json_object_get(def, "label"));
		json_t *max = json_object_get(def, "max");

		if (!name || !(f->name = strdup(name)) || !(f->label = strdup(label ? label : name))) {
			d->n = (int)i + 1;
			tui_field_form_free(d);
			return -1;
		}
		d->n = (int)i + 1;
		f->type = s_type(json_string_value(json_object_get(def, "type")));
		f->required = json_is_true(json_object_get(def, "required"));
		f->min = json_integer_value(json_object_get(def, "min"));
		f->max = json_integer_value(max);
		f->bounded = json_is_integer(max) && (f->type == FT_NUMBER || f->type == FT_MONEY);
		if (f->type == FT_CHOICE)
			f->choices = json_incref(json_object_get(def, "choices"));
		f->not_future = f->type == FT_DATE && json_is_true(json_object_get(def, "not_future"));
		if (f->type == FT_TEXT && json_is_string(json_object_get(def, "pattern")))
			f->pattern = strdup(json_string_value(json_object_get(def, "pattern")));
		tui_edit_init(&f->ed, f->type == FT_TEXT && f->max > 0 ? (size_t)f->max : 200, false);
		if (json_is_string(json_object_get(def, "value"))) { /* prefilled by the definition */
			tui_edit_set(&f->ed, json_string_value(json_object_get(def, "value")));
			f->value0 = strdup(json_string_value(json_object_get(def, "value")));
		}
	}
	return 0;
}

void tui_field_form_free(tui_field_form_t *d)
{
	for (int i = 0; i < d->n; i++) {
		free(d->f[i].name);
		free(d->f[i].label);
		free(d->f[i].pattern);
		free(d->f[i].value0);
		json_decref(d->f[i].choices);
		tui_edit_clear(&d->f[i].ed);
	}
	free(d->f);
	memset(d, 0, sizeof *d);
}

void tui_field_form_clear(tui_field_form_t *d)
{
	for (int i = 0; i < d->n; i++) {
		tui_edit_clear(&d->f[i].ed);
		if (d->f[i].value0) /* back to what the definition prefills */
			tui_edit_set(&d->f[i].ed, d->f[i].value0);
		d->f[i].err[0] = 0;
	}
	d->focus = d->top = 0;
}

uint32_t tui_field_form_hash(const tui_field_form_t *d)
{
	uint32_t h = TUI_EDIT_HASH0;

	for (int i = 0; i < d->n; i++)
		h = tui_edit_hash(h, &d->f[i].ed);
	return h;
}

static tui_field_form_field_t *s_find(tui_field_form_t *d, const char *name)
{
	for (int i = 0; name && i < d->n; i++)
		if (!strcmp(d->f[i].name, name))
			return &d->f[i];
	return NULL;
}

bool tui_field_form_set(tui_field_form_t *d, const char *name, const char *value)
{
	tui_field_form_field_t *f = s_find(d, name);
	if (f)
		tui_edit_set(&f->ed, value);
	return f != NULL;
}

bool tui_field_form_error(tui_field_form_t *d, const char *name, const char *msg)
{
	tui_field_form_field_t *f = s_find(d, name);
	if (!f)
		return false;
	snprintf(f->err, sizeof f->err, "%s", msg);
	d->focus = (int)(f - d->f);
	return true;
}

int tui_field_form_errors(const tui_field_form_t *d)
{
	int n = 0;
	for (int i = 0; i < d->n; i++)
		n += d->f[i].err[0] != 0;
	return n;
}

json_t *tui_field_form_values(tui_field_form_t *d)
{
	json_t *out = json_object();
	int first_bad = -1;

	for (int i = 0; i < d->n; i++) {
		char *v;
		int rc = tui_field_form_field_check(&d->f[i], &v);
		if (rc < 0 && first_bad < 0)
			first_bad = i;
		if (rc > 0)
			json_object_set_new(out, d->f[i].name, json_string(v));
		free(v);
	}
	if (first_bad >= 0) {
		d->focus = first_bad;
		json_decref(out);
		return NULL;
	}
	return out;
}

/* --- keys --- */

/* The index of f's current value among its choices, or -1. */
static int s_choice_index(const tui_field_form_field_t *f)
{
	size_t i;
	json_t *c;
	json_array_foreach(f->choices, i, c)
	{
		if (!strcmp(json_string_value(c), f->ed.buf))
			return (int)i;
	}
	return -1;
}

static void s_choose(tui_field_form_field_t *f, int i)
{
	const char *v = json_string_value(json_array_get(f->choices, (size_t)i));
	tui_edit_set(&f->ed, v ? v : "");
}

/* The next choice (after the current one, wrapping) whose first letter,
 * folded, is the folded key. */
static bool s_choice_letter(tui_field_form_field_t *f, int key)
{
	int n = (int)json_array_size(f->choices), cur = s_choice_index(f);
	char typed[8] = {0};
	char *want;
	bool found = false;

	if (key < 0x20 || key >= 0x110000 || n == 0)
		return false;
	if (key < 0x80)
		typed[0] = (char)key;
	else { /* the key is a code point: encode it through the line editor */
		tui_edit_t e;
		tui_edit_init(&e, 8, false);
		tui_edit_key(&e, ACT_NONE, key);
		memcpy(typed, e.buf, e.len < 7 ? e.len : 7);
	}
	if (!(want = text_fold(typed, strlen(typed))) || !*want) {
		free(want);
		return false;
	}
	for (int k = 1; k <= n && !found; k++) {
		int i = (cur + k + n) % n;
		const char *c = json_string_value(json_array_get(f->choices, (size_t)i));
		char *fc = c ? text_fold(c, strlen(c)) : NULL;
		if (fc && !strncmp(fc, want, strlen(want))) {
			s_choose(f, i);
			found = true;
		}
		free(fc);
	}
	free(want);
	return found;
}

/* Choice fields are not typed into: arrows, space and first letters pick. */
static int s_choice_key(tui_field_form_field_t *f, tui_action_t a, int key)
{
	int n = (int)json_array_size(f->choices), cur = s_choice_index(f);

	switch (a) {
	case ACT_RIGHT:
		s_choose(f, n ? (cur + 1) % n : 0);
		break;
	case ACT_LEFT:
		s_choose(f, n ? (cur < 0 ? n - 1 : (cur + n - 1) % n) : 0);
		break;
	case ACT_BKSP:
	case ACT_DEL:
	case ACT_KILL:
		tui_edit_clear(&f->ed);
		break;
	case ACT_NONE:
		if (key == ' ')
			s_choose(f, n ? (cur + 1) % n : 0);
		else if (!s_choice_letter(f, key))
			return TUI_R_NONE;
		break;
	default:
		return TUI_R_NONE;
	}
	f->err[0] = 0;
	return TUI_R_BODY;
}

/* Leave the focused field for field to: check what was typed there. */
static void s_move(tui_field_form_t *d, int to)
{
	tui_field_form_field_t *f = &d->f[d->focus];
	char *v;

	if (f->ed.len || f->err[0]) { /* an empty field is only a fault when sending */
		tui_field_form_field_check(f, &v);
		free(v);
	}
	d->focus = to;
}

int tui_field_form_key(tui_field_form_t *d, tui_action_t a, int key, bool *submit)
{
	tui_field_form_field_t *f;

	*submit = false;
	if (!d->n)
		return TUI_R_NONE;
	f = &d->f[d->focus];
	switch (a) {
	case ACT_ENTER:
		if (d->focus == d->n - 1)
			*submit = true;
		else
			s_move(d, d->focus + 1);
		return TUI_R_BODY;
	case ACT_SUBMIT:
		*submit = true;
		return TUI_R_NONE;
	case ACT_NEXT:
		s_move(d, (d->focus + 1) % d->n);
		return TUI_R_BODY;
	case ACT_PREV:
		s_move(d, (d->focus + d->n - 1) % d->n);
		return TUI_R_BODY;
	default:
		if (f->type == FT_CHOICE)
			return s_choice_key(f, a, key);
		if (!tui_edit_key(&f->ed, a, key))
			return TUI_R_NONE;
		f->err[0] = 0; /* typing again: the old message no longer applies */
		return TUI_R_BODY;
	}
}

/* --- drawing --- */

static int s_rows(const tui_field_form_field_t *f)
{
	return f->err[0] ? 2 : 1;
}

/* What the focused field wants, for the help row. */
static void s_help(const tui_field_form_field_t *f, char *buf, size_t n)
{
	char lo[32], hi[32], choices[256] = "";
	const char *what = "";
	size_t i;
	json_t *c;

	switch (f->type) {
	case FT_NUMBER:
		what = _("số nguyên");
		break;
	case FT_MONEY:
		what = _("số tiền (đồng), ví dụ 1.500.000");
		break;
	case FT_DATE:
		what = _("ngày/tháng/năm, ví dụ 15/03/2026");
		break;
	case FT_MONTH:
		what = _("tháng/năm, ví dụ 11/2026");
		break;
	case FT_CITIZEN_ID:
		what = _("12 chữ số");
		break;
	case FT_PHONE:
		what = _("ví dụ 0912345678");
		break;
	case FT_EMAIL:
		what = _("ví dụ ten@donvi.gov.vn");
		break;
	case FT_CHOICE:
		json_array_foreach(f->choices, i, c)
		{
			size_t len = strlen(choices);
			snprintf(choices + len, sizeof choices - len, "%s%s", i ? ", " : "", json_string_value(c));
		}
		what = choices;
		break;
	case FT_TEXT:
		break;
	}
	snprintf(buf, n, "%s%s%s%s", f->label, f->required ? _(" (bắt buộc)") : "", *what ? ": " : "", what);
	if (f->bounded && f->type == FT_NUMBER) {
		size_t len = strlen(buf);
		snprintf(buf + len, n - len, _(", từ %s đến %s"), tui_grouped(f->min, lo, sizeof lo),
		         tui_grouped(f->max, hi, sizeof hi));
	}
	if (f->type == FT_CHOICE) {
		size_t len = strlen(buf);
		snprintf(buf + len, n - len, "%s", _(" — chọn bằng ← →"));
	}
}

/* Keep the focused field (and its message) inside rows rows, using the
 * rows to show as many fields as fit. */
static void s_scroll(tui_field_form_t *d, int rows)
{
	int used = 0, below = 0;

	if (d->focus < d->top)
		d->top = d->focus;
	for (int i = d->top; i <= d->focus; i++)
		used += s_rows(&d->f[i]);
	while (used > rows && d->top < d->focus)
		used -= s_rows(&d->f[d->top++]);
	/* room to spare (the window grew, a message went): show more above */
	for (int i = d->focus + 1; i < d->n; i++)
		below += s_rows(&d->f[i]);
	while (d->top > 0 && used + below + s_rows(&d->f[d->top - 1]) <= rows)
		used += s_rows(&d->f[--d->top]);
}

void tui_field_form_draw(tui_t *t, tui_field_form_t *d, WINDOW *w, int y, int h)
{
	int cols = getmaxx(w), lw = 0, fx, fw, row = y, rows = h - 2; /* a blank and the help row below */
	char help[512];

	if (rows < 1 || !d->n)
		return;
	for (int i = 0; i < d->n; i++) {
		int lab = text_width(d->f[i].label) + (d->f[i].required ? 2 : 0);
		lw = lab > lw ? lab : lw;
	}
	lw = lw > LABEL_MAX ? LABEL_MAX : lw;
	lw = lw > cols / 2 ? cols / 2 : lw;
	fx = 2 + lw + 2;
	fw = cols - fx - 2 < FIELD_MAX ? cols - fx - 2 : FIELD_MAX;
	s_scroll(d, rows);
	if (d->top > 0)
		mvwaddch(w, y, 0, ACS_UARROW);
	for (int i = d->top; i < d->n; i++) {
		tui_field_form_field_t *f = &d->f[i];
		bool focus = i == d->focus;
		int cx, used;

		if (row + s_rows(f) > y + rows) { /* more below */
			mvwaddch(w, y + rows - 1, 0, ACS_DARROW);
			break;
		}
		if (focus)
			wattron(w, A_BOLD);
		used = tui_put(w, row, 2, f->label, f->required ? lw - 2 : lw, 0);
		if (f->required)
			mvwaddstr(w, row, 2 + used, " *");
		wattroff(w, A_BOLD);
		tui_edit_draw(&f->ed, w, row, fx, fw, tui_attr(focus ? TA_FOCUS : TA_FIELD), &cx);
		if (focus && f->type != FT_CHOICE)
			tui_cursor(t, row, cx);
		if (f->err[0]) {
			wattron(w, tui_attr(TA_ERR));
			mvwaddstr(w, row + 1, 4, "! ");
			tui_put(w, row + 1, 6, f->err, cols - 8, 0);
			wattroff(w, tui_attr(TA_ERR));
		}
		row += s_rows(f);
	}
	s_help(&d->f[d->focus], help, sizeof help);
	wattron(w, tui_attr(TA_DIM));
	tui_put(w, y + h - 1, 2, help, cols - 4, 0);
	wattroff(w, tui_attr(TA_DIM));
}
