/* tui.c — the core of the full-screen UI: the main loop (zmq_poll over the
 * connection and the terminal), the screen stack, routing of replies and
 * events to screens, popups, and redrawing only what changed. Screens live
 * in their own files and reach the core through screen.h. */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "dossiers.h"
#include "i18n.h"
#include "tui.h"
#include "widgets.h"

#define MAX_DEPTH 16
#define MAX_DEAD (4 * MAX_DEPTH)
#define SPIN_LIMIT 100
#define SOON_MS 250 /* TUI_R_SOON: at most four such redraws a second */

typedef struct {
	const tui_screen_t *scr;
	void *st;
	uint64_t req; /* the request in flight, 0 if none */
	proto_msg_t req_type;
} frame_t;

struct tui {
	conn_t *conn;
	frame_t stack[MAX_DEPTH];
	int depth;
	unsigned gen;         /* bumped on every stack change */
	void *dead[MAX_DEAD]; /* states of popped screens, freed between callbacks */
	int ndead;
	json_t *me;
	char last_user[65];
	char msg[512];
	bool msg_err;
	unsigned popup; /* 0, TC_POPUP or TC_CONFIRM */
	char *popup_title, *popup_text;
	WINDOW *wtitle, *wbody, *wmsg, *whint, *wstatus;
	bool small;     /* terminal too small to draw in */
	unsigned dirty; /* TUI_R_* */
	bool cur_on;
	int cur_y, cur_x;
	bool soon;              /* a TUI_R_SOON redraw is waiting for its turn */
	long long next_body_ms; /* when the body may be drawn again for one */
	conn_state_t shown_state;
	int shown_pending;
	bool was_online;
	uint64_t whoami_req; /* the core's own refresh after a reconnection */
	bool quit;
	int status;
};

static volatile sig_atomic_t s_signal;

static void s_on_signal(int sig)
{
	s_signal = sig;
}

/* --- the stack --- */

static frame_t *s_frame(const tui_t *t, const void *st)
{
	for (int i = 0; i < t->depth; i++)
		if (t->stack[i].st == st)
			return (frame_t *)&t->stack[i];
	return NULL;
}

static frame_t *s_top(tui_t *t)
{
	return t->depth ? &t->stack[t->depth - 1] : NULL;
}

static void s_bury(tui_t *t)
{
	while (t->ndead)
		free(t->dead[--t->ndead]);
}

/* Take the top frame off: stop its request, let it free what it owns,
 * keep its state until the running callback has returned. */
static void s_drop_top(tui_t *t)
{
	frame_t *f = &t->stack[--t->depth];

	if (f->req)
		conn_forget(t->conn, f->req);
	if (f->scr->leave)
		f->scr->leave(t, f->st);
	if (t->ndead < MAX_DEAD)
		t->dead[t->ndead++] = f->st;
	else
		free(f->st); /* cannot happen with MAX_DEAD > MAX_DEPTH per callback */
	t->gen++;
}

void tui_push(tui_t *t, const tui_screen_t *s, const void *arg)
{
	frame_t *f;

	if (t->depth == MAX_DEPTH)
		return;
	f = &t->stack[t->depth];
	*f = (frame_t){.scr = s, .st = calloc(1, s->size ? s->size : 1)};
	if (!f->st)
		return;
	t->depth++;
	t->gen++;
	t->msg[0] = 0;
	t->dirty = TUI_R_ALL;
	if (s->enter)
		s->enter(t, f->st, arg);
}

void tui_pop(tui_t *t)
{
	if (t->depth <= 1) {
		tui_quit(t, EX_OK);
		return;
	}
	s_drop_top(t);
	t->msg[0] = 0;
	t->dirty = TUI_R_ALL;
}

void tui_reset(tui_t *t, const tui_screen_t *s, const void *arg)
{
	while (t->depth)
		s_drop_top(t);
	tui_push(t, s, arg);
}

void tui_go_home(tui_t *t)
{
	tui_reset(t, &tui_home_screen, NULL);
}

void tui_to_login(tui_t *t, const char *notice)
{
	tui_login_arg_t arg = {.user = t->last_user[0] ? t->last_user : NULL, .notice = notice};

	json_decref(t->me);
	t->me = NULL;
	t->popup = 0;
	tui_reset(t, &tui_login_screen, &arg);
}

void tui_quit(tui_t *t, int status)
{
	t->quit = true;
	t->status = status;
}

/* --- requests --- */

uint64_t tui_request(tui_t *t, void *st, proto_msg_t type, json_t *body)
{
	frame_t *f = s_frame(t, st);

	if (!f || f->req) {
		json_decref(body);
		return 0;
	}
	f->req = conn_send(t->conn, type, body);
	f->req_type = type;
	t->dirty |= TUI_R_STATUS;
	if (!f->req) /* could not even be encoded */
		tui_error(t, E_TOO_LARGE, NULL);
	return f->req;
}

bool tui_busy(const tui_t *t, const void *st)
{
	const frame_t *f = s_frame(t, st);
	return f && f->req;
}

void tui_cancel(tui_t *t, void *st)
{
	frame_t *f = s_frame(t, st);
	if (f && f->req) {
		conn_forget(t->conn, f->req);
		f->req = 0;
	}
}

void tui_send_detached(tui_t *t, proto_msg_t type, json_t *body)
{
	conn_send(t->conn, type, body);
}

/* --- the session --- */

const json_t *tui_me(const tui_t *t)
{
	return t->me;
}

json_t *tui_me_take(tui_t *t, const char *key)
{
	json_t *v = json_incref(json_object_get(t->me, key));
	if (v)
		json_object_del(t->me, key);
	return v;
}

void tui_set_me(tui_t *t, json_t *me)
{
	const char *user = json_string_value(json_object_get(me, "username"));

	json_decref(t->me);
	t->me = me;
	tui_time_zone(me);
	if (user)
		snprintf(t->last_user, sizeof t->last_user, "%s", user);
	t->dirty = TUI_R_ALL;
}

bool tui_me_has_role(const tui_t *t, int role_mask)
{
	int roles = proto_roles_parse(json_object_get(t->me, "roles"));
	return roles > 0 && (roles & role_mask);
}

const char *tui_me_str(const tui_t *t, const char *key)
{
	return tui_jstr(t->me, key);
}

/* --- messages and popups --- */

void tui_msg(tui_t *t, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
	t->msg_err = error;
	t->dirty |= TUI_R_MSG;
}

void tui_repaint(tui_t *t)
{
	clearok(curscr, TRUE);
	t->dirty = TUI_R_ALL;
}

void tui_msg_clear(tui_t *t)
{
	t->msg[0] = 0;
	t->dirty |= TUI_R_MSG;
}

void tui_error(tui_t *t, proto_err_t e, const char *field)
{
	if (field)
		tui_msg(t, true, "%s: %s", _(proto_err_msg(e)), field);
	else
		tui_msg(t, true, "%s", _(proto_err_msg(e)));
}

void tui_error_body(tui_t *t, proto_err_t e, const json_t *body, const char *field)
{
	const char *detail = json_string_value(json_object_get(body, "detail"));
	if (detail)
		tui_msg(t, true, "%s: %s", _(proto_err_msg(e)), i18n_detail(detail)); /* lang */
	else
		tui_error(t, e, field);
}

const char *tui_err_field(const json_t *body)
{
	return json_string_value(json_object_get(body, "field"));
}

static void s_popup_set(tui_t *t, unsigned kind, const char *title, const char *text)
{
	free(t->popup_title);
	free(t->popup_text);
	t->popup_title = strdup(title);
	t->popup_text = strdup(text);
	t->popup = t->popup_title && t->popup_text ? kind : 0;
	t->dirty = TUI_R_ALL;
}

void tui_popup(tui_t *t, const char *title, const char *text)
{
	s_popup_set(t, TC_POPUP, title, text);
}

void tui_confirm(tui_t *t, const char *question)
{
	s_popup_set(t, TC_CONFIRM, _("Xác nhận"), question);
}

void tui_cursor(tui_t *t, int y, int x)
{
	t->cur_on = true;
	t->cur_y = y;
	t->cur_x = x;
}

/* --- drawing --- */

static void s_delwins(tui_t *t)
{
	WINDOW **ws[] = {&t->wtitle, &t->wbody, &t->wmsg, &t->whint, &t->wstatus};
	for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++)
		if (*ws[i]) {
			delwin(*ws[i]);
			*ws[i] = NULL;
		}
}

/* (Re)create the windows for the terminal's current size. */
static void s_layout(tui_t *t)
{
	WINDOW **ws[] = {&t->wtitle, &t->wmsg, &t->whint, &t->wstatus};
	int rows, cols;

	s_delwins(t);
	getmaxyx(stdscr, rows, cols);
	t->small = rows < 8 || cols < 30;
	t->dirty = TUI_R_ALL;
	if (t->small)
		return;
	t->wtitle = newwin(1, cols, 0, 0);
	t->wbody = newwin(rows - 4, cols, 1, 0);
	t->wmsg = newwin(1, cols, rows - 3, 0);
	t->whint = newwin(1, cols, rows - 2, 0);
	t->wstatus = newwin(1, cols, rows - 1, 0);
	for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++)
		leaveok(*ws[i], TRUE);
}

static void s_draw_body(tui_t *t)
{
	frame_t *top = s_top(t);
	const char *titles[MAX_DEPTH];

	for (int i = 0; i < t->depth; i++) {
		const frame_t *f = &t->stack[i];
		titles[i] = f->scr->name ? f->scr->name(f->st) : tui_tr(f->scr->title);
	}
	tui_bar_title(t->wtitle, titles, t->depth);
	werase(t->wbody);
	t->cur_on = false;
	if (top)
		top->scr->draw(t, top->st, t->wbody);
	if (t->popup) {
		tui_popup_draw(t->wbody, t->popup_title, t->popup_text);
		t->cur_on = false;
	}
	tui_bar_hint(t->whint, t->popup ? t->popup : top ? top->scr->ctx : 0);
	wnoutrefresh(t->wtitle);
	wnoutrefresh(t->whint);
}

static void s_draw(tui_t *t)
{
	if (t->small) {
		werase(stdscr);
		mvwaddstr(stdscr, 0, 0, _("Cửa sổ quá nhỏ"));
		wnoutrefresh(stdscr);
		doupdate();
		t->dirty = 0;
		return;
	}
	if (t->dirty == TUI_R_ALL)
		wnoutrefresh(stdscr); /* stdscr stays untouched, so get_wch never repaints it over us */
	if (t->dirty & TUI_R_BODY)
		s_draw_body(t);
	if (t->dirty & TUI_R_MSG) {
		tui_bar_msg(t->wmsg, t->msg, t->msg_err);
		wnoutrefresh(t->wmsg);
	}
	if (t->dirty & TUI_R_STATUS) {
		tui_bar_status(t->wstatus, t->me, conn_state(t->conn), conn_pending(t->conn));
		wnoutrefresh(t->wstatus);
	}
	/* the body goes last: the terminal cursor is where it says */
	if (t->cur_on)
		wmove(t->wbody, t->cur_y, t->cur_x);
	wnoutrefresh(t->wbody);
	curs_set(t->cur_on ? 1 : 0);
	doupdate();
	t->dirty = 0;
}

static long long s_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Turn TUI_R_SOON into a body redraw now, or later (shortening *wait so the
 * loop wakes for it) when the body was drawn less than SOON_MS ago. */
static void s_pace(tui_t *t, int *wait)
{
	long long now = s_now_ms();

	if ((t->dirty & TUI_R_SOON) && t->dirty != TUI_R_ALL) {
		t->dirty &= ~(unsigned)TUI_R_SOON;
		t->soon = true;
	}
	if (t->soon && !(t->dirty & TUI_R_BODY) && now >= t->next_body_ms)
		t->dirty |= TUI_R_BODY;
	if (t->dirty & TUI_R_BODY) {
		t->soon = false;
		t->next_body_ms = now + SOON_MS;
	} else if (t->soon && (*wait < 0 || t->next_body_ms - now < *wait))
		*wait = (int)(t->next_body_ms - now);
}

/* --- replies and events --- */

static const struct {
	const char *reason; /* as the server sends it */
	const char *text;
} s_ended[] = {
    {"disabled", N_("Phiên đăng nhập đã kết thúc: tài khoản đã bị khóa.")},
    {"password reset", N_("Phiên đăng nhập đã kết thúc: mật khẩu đã được đặt lại, hãy đăng nhập bằng mật khẩu tạm.")},
    {"device revoked", N_("Phiên đăng nhập đã kết thúc: thiết bị này đã bị thu hồi.")},
};

static const char *s_ended_text(const json_t *body)
{
	const char *why = json_string_value(json_object_get(body, "reason"));
	for (size_t i = 0; why && i < sizeof s_ended / sizeof s_ended[0]; i++)
		if (!strcmp(why, s_ended[i].reason))
			return _(s_ended[i].text);
	return _("Phiên đăng nhập đã kết thúc.");
}

/* Give ev to every screen, top first, until one of them changes the stack. */
static void s_broadcast(tui_t *t, int ev, json_t *body)
{
	unsigned gen = t->gen;
	for (int i = t->depth - 1; i >= 0 && gen == t->gen; i--)
		if (t->stack[i].scr->event)
			t->dirty |= t->stack[i].scr->event(t, t->stack[i].st, ev, body);
}

static void s_event(tui_t *t, int ev, json_t *body)
{
	i18n_reply(body); /* lang: the server's words in the UI's language */
	if (ev == EV_session_ended) {
		if (t->me)
			tui_to_login(t, s_ended_text(body));
		return;
	}
	if (ev == EV_notice) {
		const char *text = json_string_value(json_object_get(body, "text"));
		if (!text)
			text = json_string_value(json_object_get(body, "message"));
		if (text)
			tui_msg(t, false, "%s", text);
	}
	s_broadcast(t, ev, body);
}

static void s_reply(tui_t *t, proto_frame_t *f)
{
	proto_err_t e =
	    f->kind == K_ERROR ? proto_err_from_code(json_string_value(json_object_get(f->body, "code"))) : E_OK;

	i18n_reply(f->body); /* lang: the server's words in the UI's language */

	if (f->id == t->whoami_req) { /* the refresh after a reconnection */
		t->whoami_req = 0;
		if (e == E_OK && t->me)
			tui_set_me(t, json_incref(f->body));
		else if (e == E_NOT_LOGGED_IN && t->me)
			tui_to_login(t, _("Phiên đăng nhập đã kết thúc."));
		return;
	}
	for (int i = t->depth - 1; i >= 0; i--) {
		frame_t *fr = &t->stack[i];
		if (!fr->req || fr->req != f->id)
			continue;
		fr->req = 0;
		t->dirty |= TUI_R_STATUS;
		if (e == E_NOT_LOGGED_IN && t->me) { /* the session expired under us */
			tui_to_login(t, _("Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại."));
			return;
		}
		if (fr->scr->reply)
			t->dirty |= fr->scr->reply(t, fr->st, fr->req_type, e, f->body);
		return;
	}
	/* not ours any more (a screen that was left) or the connection's hello */
	if (f->kind == K_ERROR && f->type == MSG_hello && e == E_VERSION)
		tui_error(t, e, NULL);
}

static void s_drain(tui_t *t)
{
	proto_frame_t f;

	while (conn_next(t->conn, &f)) {
		if (f.kind == K_EVENT)
			s_event(t, f.type, f.body);
		else
			s_reply(t, &f);
		proto_frame_clear(&f);
		s_bury(t);
	}
}

/* Notice link changes and the pending count; after an outage refresh the
 * session (it may have ended meanwhile) and tell screens they may have
 * missed events. */
static void s_watch_link(tui_t *t)
{
	conn_state_t st = conn_state(t->conn);
	int pending = conn_pending(t->conn);

	if (st != t->shown_state) {
		if (st == CONN_ONLINE && t->was_online) {
			if (t->me && !t->whoami_req)
				t->whoami_req = conn_send(t->conn, MSG_whoami, NULL);
			s_broadcast(t, TUI_EV_RECONNECTED, NULL);
		}
		if (st == CONN_REFUSED)
			tui_msg(t, true, "%s",
			        _("Máy chủ từ chối thiết bị này (đã bị thu hồi?). Hãy liên hệ quản trị viên."));
		if (st == CONN_KEY_MISMATCH)
			tui_msg(t, true, "%s. %s", _(proto_err_msg(E_KEY_MISMATCH)),
			        _("Máy chủ có thể đã được cài lại, hoặc đây không phải máy chủ thật. Hãy liên hệ quản trị viên."));
		t->was_online |= st == CONN_ONLINE;
		t->shown_state = st;
		t->dirty |= TUI_R_STATUS;
	}
	if (pending != t->shown_pending) {
		t->shown_pending = pending;
		t->dirty |= TUI_R_STATUS;
	}
}

/* --- keys --- */

/* get_wch's result as a key of keymap.h; -1 when nothing is waiting. */
static int s_read_key(void)
{
	wint_t wc;
	int r = get_wch(&wc);

	if (r == ERR)
		return -1;
	if (r == KEY_CODE_YES)
		return wc == KEY_ENTER ? '\n' : TK_FN((int)wc);
	if (wc == '\r')
		return '\n';
	if (wc == 127 || wc == 8)
		return TK_FN(KEY_BACKSPACE);
	return (int)wc;
}

static void s_key(tui_t *t, int key)
{
	frame_t *top = s_top(t);
	unsigned ctx = t->popup ? t->popup : top ? top->scr->ctx : 0;
	tui_action_t a = tui_keymap_lookup(key, ctx);

	if (!top)
		return;
	switch (a) {
	case ACT_QUIT:
		tui_quit(t, EX_OK);
		return;
	case ACT_REDRAW:
		tui_repaint(t);
		return;
	case ACT_HELP:
		if (top->scr != &tui_help_screen) {
			tui_help_arg_t arg = {top->scr->ctx,
			                      top->scr->name ? top->scr->name(top->st) : tui_tr(top->scr->title)};
			tui_push(t, &tui_help_screen, &arg);
		}
		return;
	default:
		break;
	}
	if (t->popup) {
		if (a == ACT_BACK || a == ACT_NO || a == ACT_YES) {
			t->popup = 0;
			t->dirty = TUI_R_ALL;
			if (a == ACT_YES)
				t->dirty |= top->scr->key(t, top->st, ACT_YES, key);
		}
		return;
	}
	t->dirty |= top->scr->key(t, top->st, a, key);
}

/* Read every key waiting. Returns how many. */
static int s_keys(tui_t *t)
{
	int key, n = 0;

	while (!t->quit && (key = s_read_key()) >= 0) {
		n++;
		if (key == TK_FN(KEY_RESIZE))
			s_layout(t);
		else if (t->small) {
			if (key == TK_FN(KEY_F(10)))
				tui_quit(t, EX_OK);
		} else
			s_key(t, key);
		s_bury(t);
	}
	return n;
}

/* --- set-up and the loop --- */

static void s_signals(void)
{
	struct sigaction sa = {.sa_handler = s_on_signal}; /* no SA_RESTART: wake zmq_poll */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static void s_loop(tui_t *t)
{
	int spins = 0;
	bool readable = false;

	while (!t->quit) {
		zmq_pollitem_t items[CONN_POLLITEMS + 1];
		int wait = conn_process(t->conn), n, rc;

		s_drain(t);
		s_watch_link(t);
		s_bury(t);
		if (!t->quit && s_keys(t) == 0 && readable) {
			if (++spins > SPIN_LIMIT)
				tui_quit(t, EX_IOERR); /* readable but never a key: the terminal is gone */
		} else
			spins = 0;
		if (s_signal)
			tui_quit(t, s_signal == SIGHUP ? EX_IOERR : EX_OK);
		if (t->quit)
			break;
		s_pace(t, &wait);
		if (t->dirty)
			s_draw(t);
		n = conn_pollitems(t->conn, items);
		items[n] = (zmq_pollitem_t){NULL, STDIN_FILENO, ZMQ_POLLIN, 0};
		rc = zmq_poll(items, n + 1, wait);
		if (rc < 0 && errno != EINTR)
			tui_quit(t, EX_OSERR);
		else if (rc > 0 && (items[n].revents & ZMQ_POLLERR))
			tui_quit(t, EX_IOERR); /* the terminal hung up */
		readable = rc > 0 && (items[n].revents & ZMQ_POLLIN);
	}
}

int tui_main(conn_t *conn, const tui_opts_t *o)
{
	tui_t *t;
	SCREEN *scr;
	const char *last_user = o->last_user;
	tui_login_arg_t arg = {.user = last_user, .probe = true};
	char defs[4200];
	int status;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "congvu: %s\n", _("giao diện toàn màn hình cần một terminal; xem: congvu --help"));
		return EX_USAGE;
	}
	if (!(t = calloc(1, sizeof *t)))
		return EX_OSERR;
	if (!(scr = newterm(NULL, stdout, stdin))) {
		fprintf(stderr, "congvu: %s (TERM=%s)\n", _("không mở được terminal"),
		        getenv("TERM") ? getenv("TERM") : "");
		free(t);
		return EX_CONFIG;
	}
	s_signals();
	if (o->cache_dir)
		snprintf(defs, sizeof defs, "%s/procedures.json", o->cache_dir);
	tui_procedure_defs_open(o->cache_dir ? defs : NULL, o->server_pub);
	t->conn = conn;
	t->shown_state = conn_state(conn);
	t->shown_pending = -1;
	if (last_user)
		snprintf(t->last_user, sizeof t->last_user, "%s", last_user);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	tui_theme_init();
	s_layout(t);
	tui_push(t, &tui_login_screen, &arg);

	s_loop(t);

	while (t->depth)
		s_drop_top(t);
	s_bury(t);
	s_delwins(t);
	endwin();
	delscreen(scr);
	json_decref(t->me);
	free(t->popup_title);
	free(t->popup_text);
	status = t->status;
	free(t);
	return status;
}
