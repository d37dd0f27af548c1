/* document_list.c — incoming documents: the queues (waiting for my
 * directive, assigned to my unit, the follow-up register, overdue) and
 * the register of the year, m cycling through them; urgent documents
 * marked (and bold) in every row, confidential ones marked; Enter shows
 * one document; n opens the clerk's registration form, b the leader's
 * directive on the selected document, g the unit leader's naming of its
 * handler (document_form.c). The list reloads by itself when a document it may hold
 * changes (document.changed), so a leader sees an urgent document the
 * clerk has just registered without pressing a key. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "attach.h"
#include "documents.h"
#include "i18n.h"

typedef enum { DL_DIRECTIVE, DL_UNIT, DL_FOLLOWUP, DL_OVERDUE, DL_ALL, DL_N } dl_mode_t;

static const struct {
	const char *queue, *label;
} s_modes[DL_N] = {
    [DL_DIRECTIVE] = {"directive", N_("m: Văn bản chờ tôi bút phê")},
    [DL_UNIT] = {"unit", N_("m: Văn bản giao đơn vị tôi")},
    [DL_FOLLOWUP] = {"followup", N_("m: Sổ theo dõi giải quyết văn bản đến")},
    [DL_OVERDUE] = {"overdue", N_("m: Văn bản quá hạn giải quyết")},
    [DL_ALL] = {"all", N_("m: Sổ văn bản đến")},
};

typedef struct {
	tui_lv_t lv; /* first: the spec screens' callbacks take the state as a tui_lv_t */
	dl_mode_t mode;
} docs_t;

static json_t *s_query(tui_t *t, tui_lv_t *lv)
{
	(void)t;
	return json_pack("{s:s, s:i}", "queue", s_modes[((docs_t *)lv)->mode].queue, "limit", 400);
}

static const tui_col_t s_cols[] = {
    {N_("Số đến"), 6, 0}, {N_("Độ khẩn, mật"), 10, 0}, {N_("Số, ký hiệu"), 12, 0},
    {N_("Nơi gửi"), 12, 1}, {N_("Trích yếu"), 16, 3},    {N_("Tình trạng"), 10, 1},
};

/* "HỎA TỐC", "KHẨN · MẬT": what must catch the eye first. */
static const char *s_mark(const json_t *row, char *buf, size_t n)
{
	const char *u = tui_jstr(row, "urgency_name"), *s = tui_jstr(row, "secrecy_name");
	snprintf(buf, n, "%s%s%s", u, *u && *s ? " · " : "", s);
	return buf;
}

static const char *s_cell(const json_t *row, int col, char *buf, size_t n)
{
	switch (col) {
	case 0:
		return tui_jstr(row, "arrival");
	case 1:
		return s_mark(row, buf, n);
	case 2:
		return tui_jstr(row, "number");
	case 3:
		return tui_jstr(row, "sender");
	case 4:
		return tui_jstr(row, "summary");
	default:
		if (json_is_true(json_object_get(row, "overdue")))
			snprintf(buf, n, "%s", _("! quá hạn"));
		else
			snprintf(buf, n, "%s", tui_jstr(row, "state_name"));
		return buf;
	}
}

static attr_t s_attr(const json_t *row)
{
	return *tui_jstr(row, "urgency") || json_is_true(json_object_get(row, "overdue")) ? A_BOLD : A_NORMAL;
}

static int s_top(tui_t *t, tui_lv_t *lv, WINDOW *w)
{
	docs_t *s = (docs_t *)lv;
	char line[512], count[64] = "";
	int cols = getmaxx(w);

	(void)t;
	if (lv->rows)
		snprintf(count, sizeof count, _(" — %d văn bản"), lv->list.n);
	snprintf(line, sizeof line, "%s%s", _(s_modes[s->mode].label), count);
	wattron(w, A_BOLD);
	tui_put(w, 0, 1, line, cols - 2, 0);
	wattroff(w, A_BOLD);
	return 1;
}

/* One document: who sent it, what, the directive and where it went. */
static void s_details(tui_t *t, const json_t *row)
{
	char text[2048], mark[64];
	const json_t *task = json_object_get(row, "task");

	snprintf(text, sizeof text,
	         _("Số đến: %s (sổ %s)   Đến: %s\nNơi gửi: %s\nSố, ký hiệu: %s   Ngày: %s   Loại: %s\n%s\n"
	           "Trích yếu: %s\nTình trạng: %s\nBút phê: %s\nChủ trì: %s   Hạn: %s\nNhiệm vụ: %s %s"),
	         tui_jstr(row, "arrival"), tui_jstr(row, "year"), tui_jstr(row, "arrived"), tui_jstr(row, "sender"),
	         tui_jstr(row, "number"), tui_jstr(row, "date"), tui_jstr(row, "type_name"), s_mark(row, mark, sizeof mark),
	         tui_jstr(row, "summary"), tui_jstr(row, "state_name"), tui_jstr(row, "directive"),
	         tui_jstr(row, "lead_unit_name"), tui_jstr(row, "deadline"), tui_jstr(task, "code"),
	         tui_jstr(task, "state_name"));
	tui_popup(t, tui_jstr(row, "code"), text);
}

/* documents (docx): p — this year's incoming register (the follow-up
 * register from its queue) in the text view, which prints it. */
static void s_register(tui_t *t, dl_mode_t mode)
{
	struct tm tm = {0};
	char year[8], file[32];
	bool follow = mode == DL_FOLLOWUP;
	json_t *req;

	tui_today(&tm);
	strftime(year, sizeof year, "%Y", &tm);
	snprintf(file, sizeof file, "so-%s-%s", follow ? "theo-doi" : "den", year);
	req = json_pack("{s:s, s:s}", "kind", follow ? "follow" : "in", "year", year);
	tui_push(t, &tui_text_screen,
	         &(tui_text_arg_t){.title = follow ? _("Sổ theo dõi giải quyết văn bản đến") : _("Sổ văn bản đến"),
	                           .msg = MSG_document_register_print,
	                           .req = req,
	                           .stem = file});
	json_decref(req);
}

static const tui_search_spec_t s_search;

static int s_action(tui_t *t, tui_lv_t *lv, tui_action_t a, const json_t *row)
{
	docs_t *s = (docs_t *)lv;

	switch (a) {
	case ACT_MINE:
		s->mode = (s->mode + 1) % DL_N;
		tui_lv_reload(t, lv);
		return TUI_R_BODY;
	case ACT_RECEIVE:
		if (!tui_me_has_role(t, ROLE_CLERK)) {
			tui_msg(t, true, "%s", _("Chỉ văn thư được vào sổ văn bản đến."));
			return TUI_R_ALL;
		}
		tui_document_register(t);
		return TUI_R_ALL;
	case ACT_DO: /* the server says whether this official may */
		if (row)
			tui_document_direct(t, row);
		return TUI_R_ALL;
	case ACT_ASSIGN:
		if (row)
			tui_document_assign(t, row);
		return TUI_R_ALL;
	case ACT_ATTACH: /* attachments (issue 15; attach.c) */
		if (row)
			tui_push(t, &tui_attach_screen, tui_jstr(row, "code"));
		return TUI_R_ALL;
	case ACT_PRINT: /* documents: the registers (docx) */
		s_register(t, s->mode);
		return TUI_R_ALL;
	case ACT_SEARCH:
		tui_search_open(t, &s_search);
		return TUI_R_ALL;
	default:
		return TUI_R_NONE;
	}
}

static const tui_lvspec_t s_spec = {
    .msg = MSG_document_list,
    .key = "documents",
    .cols = s_cols,
    .ncols = (int)(sizeof s_cols / sizeof *s_cols),
    .cell = s_cell,
    .details = s_details,
    .action = s_action,
    .query = s_query,
    .event = EV_document_changed,
    .id_key = "code",
    .attr = s_attr,
    .top = s_top,
};

/* "/": the incoming documents the viewer may read, by number and
 * notation, sender, summary or the text of their text attachments, typed
 * without diacritics (document.search); confidential ones only for their
 * readers. */
static const tui_search_spec_t s_search = {
    .title = N_("Tìm văn bản đến"),
    .msg = MSG_document_search,
    .list = &s_spec,
    .hint = N_("Số, ký hiệu, nơi gửi, trích yếu, nội dung tệp đính kèm — có dấu hay không dấu đều được."),
    .found = N_("Tìm thấy %d văn bản. Enter để xem văn bản đã chọn."),
    .none = N_("Không tìm thấy văn bản nào."),
};

static void s_enter(tui_t *t, void *st, const void *arg)
{
	docs_t *s = st;

	s->mode = tui_me_has_role(t, ROLE_LEADER) ? DL_DIRECTIVE : DL_ALL;
	for (int i = 0; arg && i < DL_N; i++) /* a queue asked for by name (the dashboard) */
		if (!strcmp(s_modes[i].queue, arg))
			s->mode = (dl_mode_t)i;
	tui_lv_init(t, &s->lv, &s_spec);
}

const tui_screen_t tui_documents_screen = TUI_LIST_SCREEN_OF(docs_t, N_("Văn bản đến"), TC_DOCS, s_enter);

void tui_documents_open(tui_t *t, const char *queue)
{
	tui_push(t, &tui_documents_screen, queue);
}
