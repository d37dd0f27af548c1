/* passwd.c — changing one's password: current, new, new again. Checked
 * here first (the two new ones match, at least 8 characters, not the old
 * one) so the common mistakes get a precise message without a round trip.
 * At first login (or after an admin reset) it is forced: the only way
 * out is logging out. */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "widgets.h"

#define MIN_CHARS 8 /* as the server demands (server/auth.c) */

static const tui_field_t s_fields[] = {
    {"old", N_("Mật khẩu hiện tại"), TF_SECRET},
    {"new", N_("Mật khẩu mới"), TF_SECRET},
    {NULL, N_("Nhập lại mật khẩu mới"), TF_SECRET},
};
enum { F_OLD, F_NEW, F_AGAIN };

typedef struct {
	tui_form_t form;
	bool first;
} passwd_t;

static void s_enter(tui_t *t, void *st, const void *arg)
{
	passwd_t *p = st;
	const tui_passwd_arg_t *a = arg;

	(void)t;
	tui_form_init(&p->form, s_fields, 3, MSG_passwd);
	p->first = a && a->first;
}

static void s_leave(tui_t *t, void *st)
{
	passwd_t *p = st;
	(void)t;
	tui_form_wipe(&p->form);
}

static void s_draw(tui_t *t, void *st, WINDOW *w)
{
	passwd_t *p = st;
	int cols = getmaxx(w), y = 1;

	wattron(w, tui_attr(TA_TITLE));
	tui_put(w, y++, 2, _("Đổi mật khẩu"), cols - 4, 0);
	wattroff(w, tui_attr(TA_TITLE));
	if (p->first)
		y += tui_put_wrapped(w, y, 2,
		                     _("Lần đăng nhập đầu (hoặc mật khẩu vừa được đặt lại): hãy đặt mật khẩu mới."),
		                     cols - 4, 2);
	y += tui_put_wrapped(w, y, 2, _("Mật khẩu mới: ít nhất 8 ký tự, khác mật khẩu hiện tại."), cols - 4, 2);
	tui_form_draw(t, &p->form, w, y + 1);
}

static size_t s_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The local checks; on failure a message, and the new password typed
 * again from the start (both fields: which one was mistyped is unknown). */
static bool s_check(tui_t *t, passwd_t *p, const json_t *body)
{
	const char *old = json_string_value(json_object_get(body, "old"));
	const char *nw = json_string_value(json_object_get(body, "new"));
	char *again = tui_edit_nfc(&p->form.ed[F_AGAIN]);
	bool same = again && !strcmp(again, nw);
	const char *why = NULL;

	if (again) {
		explicit_bzero(again, strlen(again));
		free(again);
	}
	if (s_chars(nw) < MIN_CHARS)
		why = _("Mật khẩu mới phải có ít nhất 8 ký tự.");
	else if (!strcmp(nw, old))
		why = _("Mật khẩu mới phải khác mật khẩu hiện tại.");
	else if (!same)
		why = _("Hai lần nhập mật khẩu mới không khớp.");
	if (!why)
		return true;
	tui_msg(t, true, "%s", why);
	tui_edit_clear(&p->form.ed[F_NEW]);
	tui_edit_clear(&p->form.ed[F_AGAIN]);
	p->form.focus = F_NEW;
	return false;
}

static void s_submit(tui_t *t, passwd_t *p)
{
	char err[256];
	json_t *body;

	if (tui_busy(t, p))
		return;
	if (!(body = tui_form_body(&p->form, err, sizeof err))) {
		tui_msg(t, true, "%s", err);
		return;
	}
	if (!s_check(t, p, body)) {
		json_decref(body);
		return;
	}
	if (tui_request(t, p, MSG_passwd, body))
		tui_msg(t, false, "%s", _("Đang đổi mật khẩu…"));
}

static int s_key(tui_t *t, void *st, tui_action_t a, int key)
{
	passwd_t *p = st;
	bool submit;
	int r;

	if (a == ACT_BACK) {
		if (p->first) { /* no way around the change but out */
			tui_send_detached(t, MSG_logout, NULL);
			tui_to_login(t, _("Đã đăng xuất."));
		} else
			tui_pop(t);
		return TUI_R_NONE;
	}
	r = tui_form_key(&p->form, a, key, &submit);
	if (submit)
		s_submit(t, p);
	return r;
}

static int s_reply(tui_t *t, void *st, proto_msg_t type, proto_err_t e, json_t *body)
{
	passwd_t *p = st;

	(void)type;
	if (e == E_OK) {
		json_t *me = json_deep_copy(tui_me(t));
		json_object_set_new(me, "must_change", json_false());
		tui_set_me(t, me);
		if (p->first)
			tui_go_home(t);
		else
			tui_pop(t);
		tui_msg(t, false, "%s", _("Đã đổi mật khẩu."));
		return TUI_R_ALL;
	}
	if (e == E_BAD_LOGIN) { /* only the current password can be wrong here */
		tui_msg(t, true, "%s", _("Mật khẩu hiện tại không đúng."));
		tui_edit_clear(&p->form.ed[F_OLD]);
		p->form.focus = F_OLD;
	} else {
		const char *field = tui_err_field(body);
		int i = tui_form_find(&p->form, field);
		if (i >= 0)
			p->form.focus = i;
		tui_error(t, e, NULL);
	}
	return TUI_R_BODY;
}

const tui_screen_t tui_passwd_screen = {
    .title = N_("Đổi mật khẩu"),
    .ctx = TC_FORM,
    .size = sizeof(passwd_t),
    .enter = s_enter,
    .leave = s_leave,
    .draw = s_draw,
    .key = s_key,
    .reply = s_reply,
};
