/* home.c — the home screen: who is logged in (name, unit, roles) and the
 * modules open to them; for a leader or supervisor, above the modules, the
 * dashboard (dashboard.c) whose lines are selected and opened like modules. The
 * modules are one table: a later module (documents, reports) is one more
 * row here and one more file. */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "documents.h"
#include "document_out.h" /* outgoing documents */
#include "dossiers.h"
#include "figures.h" /* figures */
#include "i18n.h"
#include "tasks.h"
#include "text.h"
#include "widgets.h"

typedef struct {
	tui_list_t list; /* over the dashboard's lines (if any), then the modules */
	int vis[16];     /* rows of s_modules this user sees */
	int ndash;       /* dashboard lines above the modules (0: no dashboard) */
	int mtop;        /* the module table's scroll position */
	tui_dashboard_t dash;
} home_t;

static void s_logout(tui_t *t, home_t *h);
static void s_receive(tui_t *t, home_t *h);
static void s_status(tui_t *t, home_t *h);
static void s_search(tui_t *t, home_t *h);
static void s_report(tui_t *t, home_t *h);
static void s_register(tui_t *t, home_t *h); /* register: form 07's book */
static void s_board(tui_t *t, home_t *h);
static void s_tasks(tui_t *t, home_t *h);
static void s_figures(tui_t *t, home_t *h); /* figures */

#define DOSSIER_ROLES (ROLE_CLERK | ROLE_SPECIALIST | ROLE_LEADER | ROLE_SUPERVISOR)
#define TASK_ROLES (ROLE_CLERK | ROLE_SPECIALIST | ROLE_LEADER | ROLE_SUPERVISOR)
#define DOCUMENT_ROLES TASK_ROLES /* documents (issue 15) */

static const struct {
	const char *label; /* N_() or NC_() */
	const char *desc;  /* N_() */
	int roles;         /* any of these; 0: everyone */
	const tui_screen_t *screen;
	void (*open)(tui_t *t, home_t *h); /* instead of a screen */
} s_modules[] = {
    {NC_("module", "Đơn vị"), N_("Cây tổ chức: xem, thêm đơn vị trực thuộc"), ROLE_ADMIN, &tui_units_screen, NULL},
    {N_("Cán bộ"), N_("Tài khoản cán bộ: thêm, khóa, đặt lại mật khẩu"), ROLE_ADMIN, &tui_users_screen, NULL},
    {N_("Thiết bị"), N_("Máy trạm: mời đăng ký, thu hồi"), ROLE_ADMIN, &tui_devices_screen, NULL},
    {N_("Hồ sơ"), N_("Hồ sơ chờ tôi, chờ đơn vị: xem, xử lý, in phiếu"), DOSSIER_ROLES, &tui_queue_screen, NULL},
    {N_("Tiếp nhận hồ sơ"), N_("Bộ phận một cửa: nhận hồ sơ, cấp giấy hẹn"), ROLE_CLERK, NULL, s_receive},
    {N_("Tìm hồ sơ"), N_("Theo mã, người nộp, số định danh, thủ tục"), DOSSIER_ROLES, NULL, s_search},
    {N_("Tra cứu hồ sơ"), N_("Tình trạng theo mã ngắn (261203-0002) hoặc mã đầy đủ"), 0, NULL, s_status},
    {N_("Báo cáo một cửa"), N_("Kết quả giải quyết hồ sơ trong tháng, theo đơn vị"), 0, NULL, s_report},
    /* register: form 07's book */
    {N_("Sổ theo dõi hồ sơ"), N_("Mẫu 07: hồ sơ tiếp nhận từ ngày đến ngày, in ra"), DOSSIER_ROLES, NULL, s_register},
    {N_("Bảng theo dõi nhiệm vụ"), N_("Theo trạng thái, tổng hợp theo đơn vị, cập nhật tức thì"),
     ROLE_LEADER | ROLE_SUPERVISOR, NULL, s_board},
    {NC_("module", "Nhiệm vụ"), N_("Chờ tôi, tôi giao, của đơn vị (cả cấp dưới)"), TASK_ROLES, NULL, s_tasks},
    /* figures */
    {N_("Số liệu KT-XH"), N_("Chỉ tiêu kinh tế - xã hội: kỳ này, lũy kế, % kế hoạch, cùng kỳ"),
     ROLE_LEADER | ROLE_SPECIALIST | ROLE_SUPERVISOR, NULL, s_figures},
    /* documents (issue 15) */
    {N_("Văn bản đến"), N_("Sổ văn bản đến, chờ bút phê, giao đơn vị, theo dõi giải quyết"), DOCUMENT_ROLES,
     &tui_documents_screen, NULL},
    /* outgoing documents (issue 15, second part) */
    {N_("Văn bản đi"), N_("Dự thảo, kiểm tra, ký duyệt (ký số), phát hành, gửi; sổ văn bản đi"), DOCUMENT_ROLES,
     &tui_document_out_screen, NULL},
    {N_("Đổi mật khẩu"), N_("Đặt mật khẩu mới cho tài khoản của bạn"), 0, &tui_passwd_screen, NULL},
    {N_("Đăng xuất"), N_("Kết thúc phiên làm việc trên máy này"), 0, NULL, s_logout},
};
#define NMODULES (int)(sizeof s_modules / sizeof s_modules[0])

/* Which modules the user sees, and whether a dashboard (roles may change
 * after a whoami refresh). */
static void s_filter(tui_t *t, home_t *h)
{
	int n = 0;
	for (int i = 0; i < NMODULES; i++)
		if (!s_modules[i].roles || tui_me_has_role(t, s_modules[i].roles))
			h->vis[n++] = i;
	h->ndash = tui_dashboard_wanted(t) ? tui_dashboard_lines() : 0;
	tui_list_set_count(&h->list, h->ndash + n);
}

static void s_enter(tui_t *t, void *st, const void *arg)
{
	home_t *h = st;
	(void)arg;
	s_filter(t, h);
	if (h->ndash)
		tui_dashboard_refresh(t, h, &h->dash);
}

static void s_logout(tui_t *t, home_t *h)
{
	tui_cancel(t, h); /* the dashboard's counts may be on their way */
	h->dash.step = 0;
	if (tui_request(t, h, MSG_logout, NULL))
		tui_msg(t, false, "%s", _("Đang đăng xuất…"));
}

static void s_receive(tui_t *t, home_t *h)
{
	(void)h;
	tui_reception_open(t);
}

static void s_status(tui_t *t, home_t *h)
{
	(void)h;
	tui_status_open(t);
}

static void s_search(tui_t *t, home_t *h)
{
	(void)h;
	tui_search_open(t, &tui_dossier_search);
}

static void s_report(tui_t *t, home_t *h)
{
	(void)h;
	tui_report_open(t);
}

static void s_register(tui_t *t, home_t *h)
{
	(void)h;
	tui_register_open(t);
}

static void s_board(tui_t *t, home_t *h)
{
	(void)h;
	tui_board_open(t, NULL);
}

static void s_tasks(tui_t *t, home_t *h)
{
	(void)h;
	tui_tasks_open(t, TUI_TL_MINE, false);
}

/* figures */
static void s_figures(tui_t *t, home_t *h)
{
	(void)h;
	tui_figures_open(t, NULL);
}

static const char *s_cell(const void *ctx, int row, int col, char *buf, size_t n)
{
	const home_t *h = ctx;
	(void)buf;
	(void)n;
	return tui_tr(col == 0 ? s_modules[h->vis[row]].label : s_modules[h->vis[row]].desc);
}

/* Name, login, unit and roles: four labelled lines from row 1, or (with a
 * dashboard below, where rows are dear) two. Returns the next free row. */
static int s_who(tui_t *t, home_t *h, WINDOW *w)
{
	const char *labels[] = {N_("Họ và tên"), N_("Tên đăng nhập"), N_("Đơn vị"), N_("Vai trò")};
	char unit[400], roles[256], line[800];
	const char *values[4];
	int lw = 0, width = getmaxx(w) - 4;

	snprintf(unit, sizeof unit, "%s (%s)", tui_me_str(t, "unit_name"), tui_me_str(t, "unit"));
	tui_roles_text(json_object_get(tui_me(t), "roles"), roles, sizeof roles);
	if (h->ndash) {
		snprintf(line, sizeof line, "%s (%s) — %s", tui_me_str(t, "name"), tui_me_str(t, "username"), roles);
		wattron(w, A_BOLD);
		tui_put(w, 1, 2, line, width, 0);
		wattroff(w, A_BOLD);
		tui_put(w, 2, 2, unit, width, 0);
		return 4;
	}
	values[0] = tui_me_str(t, "name");
	values[1] = tui_me_str(t, "username");
	values[2] = unit;
	values[3] = roles;
	for (int i = 0; i < 4; i++)
		lw = text_width(_(labels[i])) > lw ? text_width(_(labels[i])) : lw;
	for (int i = 0; i < 4; i++) {
		tui_put(w, 1 + i, 2, _(labels[i]), lw, 0);
		if (i == 0)
			wattron(w, A_BOLD);
		tui_put(w, 1 + i, 4 + lw, values[i], width - lw - 2, 0);
		wattroff(w, A_BOLD);
	}
	return 6;
}

static void s_draw(tui_t *t, void *st, WINDOW *w)
{
	tui_col_t cols[] = {{N_("Chức năng"), 0, 0}, {N_("Mô tả"), 20, 1}};
	home_t *h = st;
	tui_list_t mods;
	int y;

	s_filter(t, h);
	y = s_who(t, h, w);
	if (h->ndash) {
		if (h->dash.stale)
			tui_dashboard_refresh(t, h, &h->dash);
		y += tui_dashboard_draw(t, &h->dash, w, y, h->list.sel < h->ndash ? h->list.sel : -1) + 1;
	}
	/* the modules: selected only when the selection is below the dashboard */
	mods = (tui_list_t){.n = h->list.n - h->ndash, .sel = h->list.sel - h->ndash, .top = h->mtop};
	cols[0].min = text_width(_(cols[0].head)) + 2;
	for (int i = 0; i < mods.n; i++) { /* the labels are short: never cut them */
		int lab = text_width(tui_tr(s_modules[h->vis[i]].label)) + 2;
		cols[0].min = lab > cols[0].min ? lab : cols[0].min;
	}
	tui_table_draw(w, y, getmaxy(w) - y, cols, 2, &mods, s_cell, NULL, h);
	h->mtop = mods.top;
	h->list.rows = mods.rows;
}

static int s_key(tui_t *t, void *st, tui_action_t a, int key)
{
	home_t *h = st;
	int r = tui_list_key(&h->list, a), m;

	(void)key;
	if (r)
		return r;
	if (a == ACT_BACK) /* q/Esc: asked, since an official at the desk may press it by mistake */
		tui_confirm(t, _("Thoát chương trình? (y/n)"));
	if (a == ACT_YES)
		tui_quit(t, EX_OK);
	if (a != ACT_OPEN || h->list.n == 0)
		return TUI_R_NONE;
	if (h->list.sel < h->ndash) {
		tui_dashboard_open(t, h->list.sel);
		return TUI_R_NONE;
	}
	m = h->vis[h->list.sel - h->ndash];
	if (s_modules[m].open)
		s_modules[m].open(t, h);
	else
		tui_push(t, s_modules[m].screen, NULL);
	return TUI_R_NONE;
}

static int s_reply(tui_t *t, void *st, proto_msg_t type, proto_err_t e, json_t *body)
{
	home_t *h = st;

	if (tui_dashboard_reply(t, h, &h->dash, type, e, body))
		return TUI_R_BODY;
	if (type == MSG_logout && e == E_OK)
		tui_to_login(t, _("Đã đăng xuất."));
	else
		tui_error(t, e, NULL);
	return TUI_R_NONE;
}

static int s_event(tui_t *t, void *st, int ev, json_t *body)
{
	home_t *h = st;

	(void)t;
	(void)body;
	/* counted again when next drawn: only while the home screen shows */
	return h->ndash && tui_dashboard_event(&h->dash, ev) ? TUI_R_SOON : TUI_R_NONE;
}

const tui_screen_t tui_home_screen = {
    .title = N_("Trang chính"),
    .ctx = TC_LIST | TC_HOME,
    .size = sizeof(home_t),
    .enter = s_enter,
    .draw = s_draw,
    .key = s_key,
    .reply = s_reply,
    .event = s_event,
};
