/* form_screen.c — a form that sends one request: the fields of a spec
 * (spec_screens.h), local checks from the message's declaration, the server's
 * error shown against the field it names, and on success the form closes
 * and the spec says what happened (a popup with a temporary password, an
 * invite to copy, ...). */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "spec_screens.h"

typedef struct {
	const tui_formspec_t *spec;
	tui_form_t form;
	char *note;
	json_t *sent; /* the body in flight, for spec->done */
	uint32_t clean;   /* the form's hash as it opened */
	bool discarding;  /* "leave and lose what was typed?" is asked */
} form_scr_t;

static void s_enter(tui_t *t, void *st, const void *arg)
{
	form_scr_t *fs = st;
	const tui_form_arg_t *a = arg;

	(void)t;
	fs->spec = a->spec;
	tui_form_init(&fs->form, a->spec->fields, a->spec->nfields, a->spec->msg);
	for (int i = 0; i < fs->form.n; i++)
		if (a->value[i])
			tui_edit_set(&fs->form.ed[i], a->value[i]);
	fs->note = a->note ? strdup(a->note) : NULL;
	fs->clean = tui_form_hash(&fs->form);
}

static void s_leave(tui_t *t, void *st)
{
	form_scr_t *fs = st;
	(void)t;
	tui_form_wipe(&fs->form);
	free(fs->note);
	json_decref(fs->sent);
}

static const char *s_name(void *st)
{
	form_scr_t *fs = st;
	return _(fs->spec->title);
}

static void s_draw(tui_t *t, void *st, WINDOW *w)
{
	form_scr_t *fs = st;
	int y = 1, cols = getmaxx(w);

	wattron(w, tui_attr(TA_TITLE));
	tui_put(w, y, 2, _(fs->spec->title), cols - 4, 0);
	wattroff(w, tui_attr(TA_TITLE));
	y += 2;
	y = tui_form_draw(t, &fs->form, w, y);
	if (fs->note)
		tui_put_wrapped(w, y, 2, fs->note, cols - 4, getmaxy(w) - y);
}

static void s_submit(tui_t *t, form_scr_t *fs)
{
	char err[256];
	json_t *body;

	if (tui_busy(t, fs))
		return;
	if (!(body = tui_form_body(&fs->form, err, sizeof err))) {
		tui_msg(t, true, "%s", err);
		return;
	}
	json_decref(fs->sent);
	fs->sent = json_incref(body);
	if (tui_request(t, fs, fs->spec->msg, body))
		tui_msg(t, false, "%s", _("Đang gửi…"));
}

static int s_key(tui_t *t, void *st, tui_action_t a, int key)
{
	form_scr_t *fs = st;
	bool submit;
	int r;

	if (a == ACT_BACK && tui_form_hash(&fs->form) != fs->clean) { /* not lost without a yes */
		fs->discarding = true;
		tui_confirm(t, _("Bỏ các nội dung đã nhập và rời biểu mẫu? (y/n)"));
		return TUI_R_ALL;
	}
	if (a == ACT_BACK || (a == ACT_YES && fs->discarding)) {
		tui_pop(t);
		return TUI_R_NONE;
	}
	fs->discarding = false; /* a "no" closed the question: typing goes on */
	r = tui_form_key(&fs->form, a, key, &submit);
	if (submit)
		s_submit(t, fs);
	return r;
}

static int s_reply(tui_t *t, void *st, proto_msg_t type, proto_err_t e, json_t *body)
{
	form_scr_t *fs = st;
	const char *field = tui_err_field(body);
	int i = tui_form_find(&fs->form, field);

	(void)type;
	if (e == E_OK) {
		const tui_formspec_t *spec = fs->spec;
		json_t *sent = json_incref(fs->sent);
		tui_pop(t); /* fs stays readable until we return, but is no longer ours */
		if (spec->done)
			spec->done(t, sent, body);
		json_decref(sent);
		return TUI_R_ALL;
	}
	if (i >= 0)
		fs->form.focus = i;
	tui_error(t, e, i >= 0 ? _(fs->form.fields[i].label) : field);
	return TUI_R_BODY;
}

const tui_screen_t tui_form_screen = {
    .title = N_("Biểu mẫu"),
    .name = s_name,
    .ctx = TC_FORM,
    .size = sizeof(form_scr_t),
    .enter = s_enter,
    .leave = s_leave,
    .draw = s_draw,
    .key = s_key,
    .reply = s_reply,
};
