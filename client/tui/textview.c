/* textview.c — a printed page in the window: a desk form (receipt 01,
 * supplement request 02, ... register 07) as the server lays it out,
 * wrapped to the window's width and scrolled with the list keys; the print
 * key draws it as an A4 PDF (client/pdf.c) in $CONGVU_PRINT_DIR (else the
 * home directory) and, when $PRINTER names a printer, sends it there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"
#include "i18n.h"
#include "spec_screens.h"
#include "text.h"

#define MAX_LINES 2000

typedef struct {
	char *title, *text; /* text NULL while it is fetched */
	tui_page_t page;    /* the wrapped lines at the last draw */
	/* desk: printing — the dossier and form (fetched again for a page given
	 * as text), the layout a PDF is drawn from, a print waiting for it */
	char code[64], form[3], *layout;
	bool print_pending;
	char stem[64]; /* register: a page's own PDF name, "" for a dossier's form */
	/* documents (docx): the request the page came from (NULL: a dossier's form) */
	proto_msg_t msg;
	json_t *req;
} text_t;

/* The request the page is fetched with: the dossier's form, or the one
 * given (a document, a register). */
static void s_fetch(tui_t *t, text_t *v)
{
	if (v->req)
		tui_request(t, v, v->msg, json_deep_copy(v->req));
	else
		tui_request(t, v, MSG_dossier_print, json_pack("{s:s, s:s}", "code", v->code, "form", v->form));
}

static void s_enter(tui_t *t, void *st, const void *arg)
{
	text_t *v = st;
	const tui_text_arg_t *a = arg;

	v->title = strdup(a->title ? a->title : "");
	snprintf(v->code, sizeof v->code, "%s", a->code ? a->code : "");
	snprintf(v->form, sizeof v->form, "%s", a->form ? a->form : "");
	if (a->req) { /* documents (docx): fetched with its own request */
		v->msg = a->msg;
		v->req = json_deep_copy(a->req);
	}
	if (a->layout) /* register: printable as given */
		v->layout = strdup(a->layout);
	snprintf(v->stem, sizeof v->stem, "%s", a->stem ? a->stem : "");
	if (a->text)
		v->text = text_escape(a->text, TEXT_ESC_KEEP_LF);
	else
		s_fetch(t, v);
}

static void s_leave(tui_t *t, void *st)
{
	text_t *v = st;
	(void)t;
	free(v->title);
	free(v->text);
	free(v->layout);
	json_decref(v->req);
}

static const char *s_name(void *st)
{
	return ((text_t *)st)->title;
}

typedef struct {
	size_t start, len; /* bytes of the text */
	int x;             /* column it is drawn from */
} tline_t;

/* How far a wrapped line's continuation is indented: under its own text,
 * past its indentation and a list number ("  2. "), at most half the width. */
static int s_hang(const char *line, int cols)
{
	int i = 0, k;

	while (line[i] == ' ')
		i++;
	for (k = i; line[k] >= '0' && line[k] <= '9'; k++)
		;
	if (k > i && line[k] == '.' && line[k + 1] == ' ')
		i = k + 2;
	return i < cols / 2 ? i : cols / 2;
}

/* The page as lines of at most cols columns into out[0..max); returns the
 * count. */
static int s_layout(const char *text, int cols, tline_t *out, int max)
{
	size_t starts[256], lens[256], pos = 0, total = strlen(text);
	int n = 0;

	while (n < max && pos <= total) {
		size_t end = strcspn(text + pos, "\n"), first;
		char *line = strndup(text + pos, end);
		int hang, k;

		if (!line)
			break;
		hang = s_hang(line, cols);
		k = tui_wrap(line, cols, starts, lens, 1); /* the first piece, full width */
		first = k ? lens[0] : 0;
		out[n++] = (tline_t){pos, first, 0};
		while (first < end && line[first] == ' ')
			first++;
		k = first < end ? tui_wrap(line + first, cols - hang, starts, lens, 256) : 0;
		for (int i = 0; i < k && n < max; i++)
			out[n++] = (tline_t){pos + first + starts[i], lens[i], hang};
		free(line);
		pos += end + 1;
	}
	return n;
}

static void s_draw(tui_t *t, void *st, WINDOW *w)
{
	text_t *v = st;
	int h = getmaxy(w), cols = getmaxx(w) - 2;
	tline_t *lines;

	(void)t;
	if (!v->text) {
		mvwaddstr(w, 1, 2, _("Đang tải…"));
		return;
	}
	if (!(lines = calloc(MAX_LINES, sizeof *lines)))
		return;
	tui_page_fit(&v->page, h, s_layout(v->text, cols, lines, MAX_LINES));
	for (int r = 0; r < h && v->page.top + r < v->page.n; r++) {
		const tline_t *l = &lines[v->page.top + r];
		char *line = strndup(v->text + l->start, l->len);
		if (line)
			tui_put(w, r, 1 + l->x, line, cols - l->x, 0);
		free(line);
	}
	tui_page_marks(&v->page, w, cols + 1);
	free(lines);
}

void tui_print_layout(tui_t *t, const char *layout, const char *stem)
{
	const char *dir = getenv("CONGVU_PRINT_DIR"), *printer = getenv("PRINTER");
	char path[1024], err[512];

	if (!dir || !*dir)
		dir = getenv("HOME");
	snprintf(path, sizeof path, "%s/congvu-%s.pdf", dir && *dir ? dir : "/tmp", stem);
	if (pdf_write(layout, path, err, sizeof err) != 0)
		tui_msg(t, true, "%s", err);
	else if (printer && *printer && pdf_lp(path, printer, err, sizeof err) != 0)
		tui_msg(t, true, "%s", err);
	else if (printer && *printer)
		tui_msg(t, false, _("Đã gửi đến máy in %s (tệp %s)."), printer, path);
	else
		tui_msg(t, false, _("Đã ghi tệp PDF: %s"), path);
}

/* The page as an A4 PDF, to the printer when $PRINTER names one. */
static void s_print(tui_t *t, text_t *v)
{
	char stem[80];

	if (*v->stem)
		snprintf(stem, sizeof stem, "%s", v->stem);
	else
		snprintf(stem, sizeof stem, "%s-%s", v->code, v->form);
	tui_print_layout(t, v->layout, stem);
}

static int s_key(tui_t *t, void *st, tui_action_t a, int key)
{
	text_t *v = st;

	(void)key;
	if (a == ACT_BACK) {
		tui_pop(t);
		return TUI_R_NONE;
	}
	if (a == ACT_PRINT) {
		if (v->layout)
			s_print(t, v);
		else if ((*v->code && *v->form) || v->req) { /* a page given as text: its layout first */
			v->print_pending = true;
			s_fetch(t, v);
		} else
			tui_msg(t, true, "%s", _("Phiếu này không in ra PDF được."));
		return TUI_R_MSG;
	}
	return tui_page_key(&v->page, a);
}

static int s_reply(tui_t *t, void *st, proto_msg_t type, proto_err_t e, json_t *body)
{
	text_t *v = st;
	const char *text = json_string_value(json_object_get(body, "text"));

	(void)type;
	free(v->text);
	if (e != E_OK || !text) {
		tui_error(t, e, NULL);
		v->text = strdup(_("(không in được phiếu này)"));
		return TUI_R_BODY | TUI_R_MSG;
	}
	v->text = text_escape(text, TEXT_ESC_KEEP_LF); /* laid out as it will be shown */
	free(v->layout);
	v->layout = json_string_value(json_object_get(body, "layout"))
	                    ? strdup(json_string_value(json_object_get(body, "layout")))
	                    : NULL;
	if (v->print_pending && v->layout) {
		v->print_pending = false;
		s_print(t, v);
		return TUI_R_BODY | TUI_R_MSG;
	}
	return TUI_R_BODY;
}

const tui_screen_t tui_text_screen = {
    .title = N_("Phiếu"),
    .name = s_name,
    .ctx = TC_LIST | TC_TEXT,
    .size = sizeof(text_t),
    .enter = s_enter,
    .leave = s_leave,
    .draw = s_draw,
    .key = s_key,
    .reply = s_reply,
};
