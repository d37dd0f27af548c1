/* field_form_screen.c — a screen around a generated form (field_form.c): the field
 * definitions given or loaded (procedure.show), the whole form sent as one
 * request, the server's complaint shown under the field it names, and on
 * success the spec says what follows (a receipt offered, a popup, the
 * form closed). A warning the spec names (spec->confirm) is asked, and
 * sent again on a yes. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "spec_screens.h"

typedef struct {
	const tui_field_form_spec_t *spec;
	char *title, *note;
	json_t *fixed;   /* the rest of the body */
	json_t *prefill; /* values to put in once the fields are known */
	json_t *reply;   /* the last success, for spec->yes */
	json_t *sent;    /* the body in flight, or the one a warning asks about */
	/* The question on screen whose yes comes back as ACT_YES: none of the
	 * form's own (a yes goes to spec->yes, asked by spec->done), the
	 * server's warning (spec->confirm: send anyway?), or leaving with
	 * what was typed. One at a time: asking one forgets the other. */
	enum { ASK_NONE, ASK_WARNING, ASK_DISCARD } asked;
	json_t *more;    /* definitions after the given or loaded ones, or NULL */
	void *owner;
	proto_msg_t load; /* waiting for the definitions, 0 once they came */
	tui_field_form_t form;
	uint32_t clean;   /* the form's hash when nothing was typed in it yet */
} dfs_t;

static void s_fill(dfs_t *s)
{
	const char *k;
	json_t *v;

	json_object_foreach(s->prefill, k, v) tui_field_form_set(&s->form, k, json_string_value(v));
	s->clean = tui_field_form_hash(&s->form);
}

/* fields followed by s->more, for tui_field_form_init. New reference. */
static json_t *s_defs(const dfs_t *s, const json_t *fields)
{
	json_t *all = json_is_array(fields) ? json_deep_copy(fields) : json_array();

	if (s->more)
		json_array_extend(all, s->more);
	return all;
}

static void s_enter(tui_t *t, void *st, const void *arg)
{
	dfs_t *s = st;
	const tui_field_form_arg_t *a = arg;

	s->spec = a->spec;
	s->title = strdup(a->title ? a->title : "");
	s->note = a->note ? strdup(a->note) : NULL;
	s->fixed = a->fixed ? json_deep_copy(a->fixed) : json_object();
	s->prefill = a->values ? json_deep_copy(a->values) : NULL;
	s->owner = a->owner;
	s->more = a->more ? json_deep_copy(a->more) : NULL;
	if (a->fields) {
		json_t *defs = s_defs(s, a->fields);
		if (tui_field_form_init(&s->form, defs) == 0)
			s_fill(s);
		json_decref(defs);
	} else {
		s->load = a->load;
		tui_request(t, s, a->load, a->load_body ? json_deep_copy(a->load_body) : NULL);
	}
	s->clean = tui_field_form_hash(&s->form);
}

static void s_leave(tui_t *t, void *st)
{
	dfs_t *s = st;
	(void)t;
	tui_field_form_free(&s->form);
	free(s->title);
	free(s->note);
	json_decref(s->fixed);
	json_decref(s->prefill);
	json_decref(s->reply);
	json_decref(s->sent);
	json_decref(s->more);
}

static const char *s_name(void *st)
{
	return ((dfs_t *)st)->title;
}

static void s_draw(tui_t *t, void *st, WINDOW *w)
{
	dfs_t *s = st;
	int y = 1, h = getmaxy(w), cols = getmaxx(w);

	wattron(w, tui_attr(TA_TITLE));
	tui_put(w, y++, 2, s->title, cols - 4, 0);
	wattroff(w, tui_attr(TA_TITLE));
	if (s->note)
		y += tui_put_wrapped(w, y, 2, s->note, cols - 4, 3);
	if (s->spec->live && !s->load) { /* running totals, checks */
		char line[512] = "";
		s->spec->live(s->owner, &s->form, line, sizeof line);
		if (line[0]) {
			wattron(w, A_BOLD);
			tui_put(w, y++, 2, line, cols - 4, 0);
			wattroff(w, A_BOLD);
		}
	}
	y++;
	if (s->load)
		mvwaddstr(w, y, 2, _("Đang tải…"));
	else
		tui_field_form_draw(t, &s->form, w, y, h - y);
}

/* Send body (stolen), keeping a copy for a warning's yes. */
static void s_send(tui_t *t, dfs_t *s, json_t *body)
{
	s->asked = ASK_NONE;
	json_decref(s->sent);
	s->sent = json_deep_copy(body);
	if (tui_request(t, s, s->spec->msg, body))
		tui_msg(t, false, "%s", _("Đang gửi…"));
}

static void s_submit(tui_t *t, dfs_t *s)
{
	json_t *values, *body;
	int bad;

	if (s->load || tui_busy(t, s))
		return;
	if (!(values = tui_field_form_values(&s->form))) {
		bad = tui_field_form_errors(&s->form);
		tui_msg(t, true, _("Số ô chưa đúng: %d — xem dòng báo dưới ô."), bad);
		return;
	}
	body = json_deep_copy(s->fixed);
	if (s->spec->nest)
		json_object_set_new(body, s->spec->nest, values);
	else {
		json_object_update(body, values);
		json_decref(values);
	}
	if (s->spec->shape)
		s->spec->shape(body);
	s_send(t, s, body);
}

static int s_key(tui_t *t, void *st, tui_action_t a, int key)
{
	dfs_t *s = st;
	bool submit;
	int r;

	if (a == ACT_BACK) { /* what was typed is not lost without a yes */
		if (s->load || tui_field_form_hash(&s->form) == s->clean) {
			tui_pop(t);
			return TUI_R_NONE;
		}
		s->asked = ASK_DISCARD;
		tui_confirm(t, _("Bỏ các nội dung đã nhập và rời biểu mẫu? (y/n)"));
		return TUI_R_ALL;
	}
	if (a == ACT_YES) { /* the yes of the question asked */
		if (s->asked == ASK_DISCARD)
			tui_pop(t);
		else if (s->asked == ASK_WARNING) { /* the warning was read: send it anyway */
			json_object_set_new(s->sent, s->spec->confirm, json_true());
			s_send(t, s, json_incref(s->sent));
		} else if (s->spec->yes)
			s->spec->yes(t, s->owner, s->reply);
		return TUI_R_ALL;
	}
	s->asked = ASK_NONE; /* a "no" closed the question: typing goes on */
	if (s->load)
		return TUI_R_NONE;
	r = tui_field_form_key(&s->form, a, key, &submit);
	if (submit) {
		s_submit(t, s);
		r |= TUI_R_BODY; /* the messages under the fields */
	}
	return r;
}

/* The definitions came (or did not). */
static int s_loaded(tui_t *t, dfs_t *s, proto_err_t e, const json_t *body)
{
	const json_t *fields = json_object_get(body, "fields");
	json_t *defs = json_is_array(fields) ? s_defs(s, fields) : NULL, *extra;
	int bad;

	if (defs && e == E_OK && s->spec->more_of && (extra = s->spec->more_of(body))) {
		json_array_extend(defs, extra);
		json_decref(extra);
	}
	bad = e != E_OK || !defs || tui_field_form_init(&s->form, defs) != 0;

	json_decref(defs);
	s->load = 0;
	if (bad) {
		tui_pop(t);
		if (e != E_OK)
			tui_error(t, e, NULL);
		else
			tui_msg(t, true, "%s", _("Máy chủ không gửi danh sách trường của biểu mẫu."));
		return TUI_R_ALL;
	}
	if (s->spec->loaded)
		s->spec->loaded(t, s->owner, body);
	s_fill(s);
	return TUI_R_BODY;
}

static void s_success(tui_t *t, dfs_t *s, const json_t *body)
{
	const tui_field_form_spec_t *spec = s->spec;
	void *owner = s->owner;

	json_decref(s->reply);
	s->reply = json_incref((json_t *)body);
	tui_msg_clear(t);
	if (spec->after == TUI_DF_CLOSE)
		tui_pop(t); /* s is no longer ours */
	else {
		if (spec->after == TUI_DF_CLEAR)
			tui_field_form_clear(&s->form);
		s->clean = tui_field_form_hash(&s->form); /* sent: nothing to lose */
		s->asked = ASK_NONE;
	}
	if (spec->done)
		spec->done(t, owner, body);
}

static int s_reply(tui_t *t, void *st, proto_msg_t type, proto_err_t e, json_t *body)
{
	dfs_t *s = st;
	const char *field = tui_err_field(body);
	const char *detail = json_string_value(json_object_get(body, "detail"));
	const char *why = detail ? detail : _(proto_err_msg(e));

	if (s->load && type == s->load)
		return s_loaded(t, s, e, body);
	if (e == E_OK) {
		s_success(t, s, body);
		return TUI_R_ALL;
	}
	if (e == E_EXISTS && s->spec->confirm && field && !strcmp(field, s->spec->confirm) && s->sent) {
		char q[1200];
		snprintf(q, sizeof q, _("%s\n\nVẫn gửi?"), why);
		s->asked = ASK_WARNING;
		tui_msg_clear(t);
		tui_confirm(t, q);
		return TUI_R_ALL;
	}
	if (field && tui_field_form_error(&s->form, field, why)) {
		tui_msg(t, true, "%s", _(proto_err_msg(e)));
		return TUI_R_BODY;
	}
	if (s->spec->fail && s->spec->fail(t, s->owner, e, body))
		tui_pop(t);
	tui_error_body(t, e, body, field);
	return TUI_R_ALL;
}

const tui_screen_t tui_field_form_screen = {
    .title = N_("Biểu mẫu"),
    .name = s_name,
    .ctx = TC_FORM | TC_DFORM,
    .size = sizeof(dfs_t),
    .enter = s_enter,
    .leave = s_leave,
    .draw = s_draw,
    .key = s_key,
    .reply = s_reply,
};

void tui_field_form_push(tui_t *t, tui_field_form_arg_t arg, json_t *fields, json_t *fixed, json_t *values)
{
	arg.fields = fields;
	arg.fixed = fixed;
	arg.values = values;
	tui_push(t, &tui_field_form_screen, &arg);
	json_decref(fields);
	json_decref(fixed);
	json_decref(values);
}
