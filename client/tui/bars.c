/* bars.c — the four lines around every screen: the title bar (where you
 * are), the message line (what just happened), the hint line (keys, from
 * the keymap) and the status line (who, where, whether the server is
 * reachable, how many requests wait). */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "widgets.h"

void tui_bar_title(WINDOW *w, const char *const *titles, int n)
{
	char buf[512] = " congvu";
	int cols = getmaxx(w);

	for (int i = 0; i < n; i++) {
		size_t len = strlen(buf);
		snprintf(buf + len, sizeof buf - len, " › %s", titles[i]);
	}
	wbkgdset(w, ' ' | tui_attr(TA_BAR));
	werase(w);
	wattron(w, tui_attr(TA_BAR));
	tui_put(w, 0, 0, buf, cols, TUI_PAD);
	wattroff(w, tui_attr(TA_BAR));
}

void tui_bar_msg(WINDOW *w, const char *msg, bool error)
{
	werase(w);
	if (!msg || !*msg)
		return;
	wattron(w, error ? tui_attr(TA_ERR) : A_NORMAL);
	tui_put(w, 0, 1, msg, getmaxx(w) - 2, 0);
	wattroff(w, error ? tui_attr(TA_ERR) : A_NORMAL);
}

void tui_bar_hint(WINDOW *w, unsigned ctx)
{
	char hints[512];

	tui_keymap_hints(ctx, hints, sizeof hints);
	werase(w);
	tui_put(w, 0, 1, hints, getmaxx(w) - 2, 0);
}

static const char *s_state_text(conn_state_t st)
{
	switch (st) {
	case CONN_ONLINE:
		return _("Trực tuyến");
	case CONN_CONNECTING:
	case CONN_RECONNECTING:
		return _("Đang kết nối lại…");
	case CONN_OFFLINE:
		return _("Ngoại tuyến — đang thử kết nối lại");
	case CONN_REFUSED:
		return _("Máy chủ từ chối thiết bị");
	case CONN_KEY_MISMATCH:
		return _("Khóa máy chủ không khớp");
	}
	return "?";
}

void tui_bar_status(WINDOW *w, const json_t *me, conn_state_t st, int pending)
{
	char right[160], left[400] = "";
	int cols = getmaxx(w), rw;

	if (pending > 0) {
		char pend[64];
		snprintf(pend, sizeof pend, _("%d yêu cầu đang chờ"), pending);
		snprintf(right, sizeof right, "%s · %s ", s_state_text(st), pend);
	} else
		snprintf(right, sizeof right, "%s ", s_state_text(st));
	if (me) {
		const char *user = json_string_value(json_object_get(me, "username"));
		const char *unit = json_string_value(json_object_get(me, "unit_name"));
		snprintf(left, sizeof left, " %s · %s", user ? user : "?", unit ? unit : "?");
	} else
		snprintf(left, sizeof left, " %s", _("Chưa đăng nhập"));
	wbkgdset(w, ' ' | tui_attr(TA_BAR));
	werase(w);
	wattron(w, tui_attr(TA_BAR));
	rw = text_width(right);
	if (rw > cols)
		rw = cols;
	/* the link state matters more than the unit's full name: it wins the space */
	tui_put(w, 0, 0, left, cols - rw - 1, TUI_PAD);
	tui_put(w, 0, cols - rw, right, rw, TUI_PAD);
	wattroff(w, tui_attr(TA_BAR));
}
