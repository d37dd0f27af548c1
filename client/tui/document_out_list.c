/* document_out_list.c — outgoing documents' queues: drafts waiting for my
 * review (the drafting unit's head), waiting for my approval and signature
 * (the signer), reviewed and waiting for the check of their form and the
 * signature (the clerk, or who checks the form), waiting for their issue
 * (the agency's clerk), issued
 * today, my own drafts, and the outgoing register of the year; m cycles
 * through them, Enter opens one draft (document_out_view.c), n starts a
 * new one. The list reloads by itself on document.changed, so a signer
 * sees a draft sent up to him without pressing a key. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "document_out.h"
#include "i18n.h"

typedef enum { DO_REVIEW, DO_APPROVE, DO_FORM, DO_ISSUE, DO_TODAY, DO_MINE, DO_REGISTER, DO_N } do_mode_t;

static const struct {
	const char *name;  /* tui_document_out_queue's name */
	const char *queue; /* the server's */
	const char *label;
} s_modes[DO_N] = {
    [DO_REVIEW] = {"review", "review", N_("m: Dự thảo chờ tôi kiểm tra nội dung")},
    [DO_APPROVE] = {"approve", "approve", N_("m: Chờ tôi ký duyệt")},
    [DO_FORM] = {"form", "all", N_("m: Chờ kiểm tra thể thức, ký duyệt")},
    [DO_ISSUE] = {"issue", "issue", N_("m: Chờ phát hành, cấp số")},
    [DO_TODAY] = {"today", "register", N_("m: Phát hành hôm nay")},
    [DO_MINE] = {"mine", "all", N_("m: Dự thảo của tôi")},
    [DO_REGISTER] = {"register", "register", N_("m: Sổ văn bản đi")},
};

typedef struct {
	tui_lv_t lv; /* first: the spec screens' callbacks take the state as a tui_lv_t */
	do_mode_t mode;
	char me[64];    /* my username: my drafts */
	char today[16]; /* dd/mm/yyyy: issued today */
} dout_t;

static json_t *s_query(tui_t *t, tui_lv_t *lv)
{
	(void)t;
	return json_pack("{s:s, s:i}", "queue", s_modes[((dout_t *)lv)->mode].queue, "limit", 400);
}

static bool s_keep(tui_lv_t *lv, const json_t *row)
{
	dout_t *s = (dout_t *)lv;
	char day[64];

	if (s->mode == DO_MINE)
		return !strcmp(tui_jstr(row, "drafter"), s->me);
	if (s->mode == DO_FORM)
		return !strcmp(tui_jstr(row, "state"), "reviewed");
	if (s->mode == DO_TODAY)
		return !strncmp(tui_date(tui_jstr(row, "issued"), day, sizeof day), s->today, 10);
	return true;
}

static const tui_col_t s_cols[] = {
    {N_("Số, ký hiệu"), 12, 1}, {N_("Loại"), 10, 1}, {N_("Trích yếu"), 20, 4},
    {N_("Soạn thảo"), 10, 1},   {N_("Tình trạng"), 12, 1},
};

static const char *s_cell(const json_t *row, int col, char *buf, size_t n)
{
	switch (col) {
	case 0:
		return *tui_jstr(row, "notation") ? tui_jstr(row, "notation") : tui_jstr(row, "code");
	case 1:
		return tui_jstr(row, "type_name");
	case 2:
		snprintf(buf, n, "%s%s", *tui_jstr(row, "urgency") ? "! " : "", tui_jstr(row, "summary"));
		return buf;
	case 3:
		return tui_jstr(row, "drafter_name");
	default:
		return tui_jstr(row, "state_name");
	}
}

static attr_t s_attr(const json_t *row)
{
	return *tui_jstr(row, "urgency") ? A_BOLD : A_NORMAL;
}

static int s_top(tui_t *t, tui_lv_t *lv, WINDOW *w)
{
	dout_t *s = (dout_t *)lv;
	char line[512], count[64] = "";

	(void)t;
	if (lv->rows)
		snprintf(count, sizeof count, _(" — %d văn bản"), lv->list.n);
	snprintf(line, sizeof line, "%s%s", _(s_modes[s->mode].label), count);
	wattron(w, A_BOLD);
	tui_put(w, 0, 1, line, getmaxx(w) - 2, 0);
	wattroff(w, A_BOLD);
	return 1;
}

static void s_details(tui_t *t, const json_t *row)
{
	tui_document_out_open(t, tui_jstr(row, "code"));
}

static const tui_search_spec_t s_search;

static int s_action(tui_t *t, tui_lv_t *lv, tui_action_t a, const json_t *row)
{
	dout_t *s = (dout_t *)lv;

	(void)row;
	switch (a) {
	case ACT_MINE:
		s->mode = (s->mode + 1) % DO_N;
		tui_lv_reload(t, lv);
		return TUI_R_BODY;
	case ACT_ADD:
		tui_document_out_new(t);
		return TUI_R_ALL;
	case ACT_SEARCH:
		tui_search_open(t, &s_search);
		return TUI_R_ALL;
	case ACT_DOUT_DELEGATIONS:
		tui_push(t, &tui_delegations_screen, NULL);
		return TUI_R_ALL;
	default:
		return TUI_R_NONE;
	}
}

static const tui_lvspec_t s_spec = {
    .msg = MSG_document_outgoing,
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
    .keep = s_keep,
};

/* "/": drafts and issued documents the viewer may see, by code, number
 * and notation or summary, typed without diacritics (document.outgoing
 * with text). */
static const tui_search_spec_t s_search = {
    .title = N_("Tìm văn bản đi"),
    .msg = MSG_document_outgoing,
    .list = &s_spec,
    .hint = N_("Mã dự thảo, số ký hiệu, trích yếu — có dấu hay không dấu đều được."),
    .found = N_("Tìm thấy %d văn bản. Enter để xem văn bản đã chọn."),
    .none = N_("Không tìm thấy văn bản nào."),
};

/* The queue an official opens on: the one his roles work from. */
static do_mode_t s_first(tui_t *t)
{
	if (tui_me_has_role(t, ROLE_LEADER))
		return DO_REVIEW;
	if (tui_me_has_role(t, ROLE_CLERK))
		return DO_FORM;
	return DO_MINE;
}

static void s_enter(tui_t *t, void *st, const void *arg)
{
	dout_t *s = st;
	char now[64];

	s->mode = s_first(t);
	for (int i = 0; arg && i < DO_N; i++)
		if (!strcmp(s_modes[i].name, arg))
			s->mode = (do_mode_t)i;
	snprintf(s->me, sizeof s->me, "%s", tui_me_str(t, "username"));
	snprintf(s->today, sizeof s->today, "%.10s", tui_time(tui_now(), now, sizeof now));
	tui_lv_init(t, &s->lv, &s_spec);
}

const tui_screen_t tui_document_out_screen = TUI_LIST_SCREEN_OF(dout_t, N_("Văn bản đi"), TC_DOUT, s_enter);

void tui_document_out_queue(tui_t *t, const char *queue)
{
	tui_push(t, &tui_document_out_screen, queue);
}
