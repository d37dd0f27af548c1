/* login.c — the first screen: user name and hidden password, sent with
 * MSG_login while the UI stays live. Opened with probe set at start-up, it
 * first asks whoami: the server keeps a device's session across client
 * restarts, so a logged-in user goes straight on. */
#include <string.h>
#include <sysexits.h>

#include "config.h"
#include "i18n.h"
#include "widgets.h"

static const tui_field_t s_fields[] = {
    {"user", N_("Tên đăng nhập"), 0},
    {"password", N_("Mật khẩu"), TF_SECRET},
};

typedef struct {
	tui_form_t form;
	char user[65]; /* the name in the login request in flight */
} login_t;

static void s_enter(tui_t *t, void *st, const void *arg)
{
	login_t *l = st;
	const tui_login_arg_t *a = arg;

	tui_form_init(&l->form, s_fields, 2, MSG_login);
	if (a && a->user && *a->user) {
		tui_edit_set(&l->form.ed[0], a->user);
		l->form.focus = 1;
	}
	if (a && a->notice)
		tui_msg(t, false, "%s", a->notice);
	if (a && a->probe) {
		tui_request(t, l, MSG_whoami, NULL);
		tui_msg(t, false, "%s", _("Đang kiểm tra phiên làm việc…"));
	}
}

static void s_leave(tui_t *t, void *st)
{
	login_t *l = st;
	(void)t;
	tui_form_wipe(&l->form);
}

static void s_draw(tui_t *t, void *st, WINDOW *w)
{
	login_t *l = st;
	int cols = getmaxx(w);

	wattron(w, tui_attr(TA_TITLE));
	tui_put(w, 1, 2, _("congvu — Hệ thống điều hành công vụ"), cols - 4, 0);
	wattroff(w, tui_attr(TA_TITLE));
	tui_put(w, 2, 2, _("Đăng nhập bằng tài khoản cán bộ của bạn."), cols - 4, 0);
	tui_form_draw(t, &l->form, w, 4);
}

/* A session is open (login or whoami reply): home, or the forced password
 * change first. */
static void s_session(tui_t *t, json_t *me)
{
	bool must_change = json_is_true(json_object_get(me, "must_change"));
	tui_passwd_arg_t arg = {.first = true};

	tui_set_me(t, json_incref(me));
	if (must_change)
		tui_reset(t, &tui_passwd_screen, &arg);
	else
		tui_go_home(t);
}

static void s_submit(tui_t *t, login_t *l)
{
	char err[256];
	json_t *body = tui_form_body(&l->form, err, sizeof err);

	if (!body) {
		tui_msg(t, true, "%s", err);
		return;
	}
	if (tui_busy(t, l)) {
		if (l->user[0]) { /* a login is already in flight */
			json_decref(body);
			return;
		}
		tui_cancel(t, l); /* the whoami probe is moot now */
	}
	snprintf(l->user, sizeof l->user, "%s", json_string_value(json_object_get(body, "user")));
	if (tui_request(t, l, MSG_login, body))
		tui_msg(t, false, "%s", _("Đang đăng nhập…"));
}

static int s_key(tui_t *t, void *st, tui_action_t a, int key)
{
	login_t *l = st;
	bool submit;
	int r;

	if (a == ACT_BACK) {
		tui_quit(t, EX_OK);
		return TUI_R_NONE;
	}
	r = tui_form_key(&l->form, a, key, &submit);
	if (submit)
		s_submit(t, l);
	return r;
}

static int s_reply(tui_t *t, void *st, proto_msg_t type, proto_err_t e, json_t *body)
{
	login_t *l = st;

	if (type == MSG_whoami) {
		if (e == E_OK)
			s_session(t, body);
		else if (e == E_NOT_LOGGED_IN)
			tui_msg_clear(t);
		else
			tui_error(t, e, NULL);
		return TUI_R_BODY;
	}
	if (e == E_OK) {
		state_set_last_user(l->user);
		s_session(t, body);
		return TUI_R_ALL;
	}
	l->user[0] = 0;
	tui_error(t, e, NULL);
	tui_edit_clear(&l->form.ed[1]);
	l->form.focus = 1;
	return TUI_R_BODY;
}

const tui_screen_t tui_login_screen = {
    .title = N_("Đăng nhập"),
    .ctx = TC_FORM | TC_LOGIN,
    .size = sizeof(login_t),
    .enter = s_enter,
    .leave = s_leave,
    .draw = s_draw,
    .key = s_key,
    .reply = s_reply,
};
