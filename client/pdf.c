/* pdf.c — draw a desk document's layout (shared/layout.h) on A4 with cairo
 * and pango, and hand a file to the print queue (lp). One item of the
 * layout at a time, top to bottom, a new page when the next does not fit. */
#include "pdf.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "i18n.h"
#include "layout.h"

#define MM 2.834645669 /* points */
#define PAGE_W (210 * MM)
#define PAGE_H (297 * MM)
#define TOP (20 * MM)
#define BOTTOM (20 * MM)
#define LEFT (30 * MM)
#define RIGHT (15 * MM)
#define WIDTH (PAGE_W - LEFT - RIGHT)
#define FONT "Liberation Serif, DejaVu Serif, serif"

extern char **environ;

typedef struct {
	cairo_t *cr;
	PangoContext *ctx; /* at 72 dpi: a font's points are the page's */
	double y;
	int widths[LAY_MAXCOLS], ncols;
} page_t;

static PangoLayout *s_layout(page_t *pg, const char *text, size_t len, double width, double size, unsigned style,
			     PangoAlignment align)
{
	PangoLayout *l = pango_layout_new(pg->ctx);
	PangoFontDescription *fd = pango_font_description_from_string(FONT);

	pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
	if (style & LAY_BOLD)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	if (style & LAY_ITALIC)
		pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, len ? text : " ", len ? (int)len : 1);
	return l;
}

static double s_height(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* Room for h more points on this page, else a new one. */
static void s_room(page_t *pg, double h)
{
	if (pg->y + h > PAGE_H - BOTTOM && pg->y > TOP) {
		cairo_show_page(pg->cr);
		pg->y = TOP;
	}
}

static void s_draw(page_t *pg, PangoLayout *l, double x)
{
	cairo_move_to(pg->cr, x, pg->y);
	pango_cairo_show_layout(pg->cr, l);
}

/* Cells side by side at x[k] with widths w[k]; boxed when `box`. */
static void s_cells(page_t *pg, lay_line_t *ln, const char **cell, const size_t *len, const double *x,
		    const double *w, int ncells, double size, PangoAlignment align, bool box)
{
	PangoLayout *ls[LAY_MAXCOLS];
	double h = 0, pad = box ? 2 : 0;

	for (int k = 0; k < ncells; k++) {
		ls[k] = s_layout(pg, cell[k], len[k], w[k] - 2 * pad, size, ln->style, align);
		if (s_height(ls[k]) > h)
			h = s_height(ls[k]);
	}
	h += 2 * pad;
	s_room(pg, h);
	for (int k = 0; k < ncells; k++) {
		cairo_move_to(pg->cr, x[k] + pad, pg->y + pad);
		pango_cairo_show_layout(pg->cr, ls[k]);
		if (box) {
			cairo_rectangle(pg->cr, x[k], pg->y, w[k], h);
			cairo_set_line_width(pg->cr, 0.5);
			cairo_stroke(pg->cr);
		}
		g_object_unref(ls[k]);
	}
	pg->y += h;
}

static void s_item(page_t *pg, lay_line_t *ln)
{
	PangoLayout *l;

	switch (ln->kind) {
	case LAY_CENTER:
		l = s_layout(pg, ln->text, ln->len, WIDTH, 13, ln->style, PANGO_ALIGN_CENTER);
		s_room(pg, s_height(l));
		s_draw(pg, l, LEFT);
		pg->y += s_height(l);
		g_object_unref(l);
		break;
	case LAY_TWO: {
		const char *cell[2] = {ln->text, ln->text + (ln->split < ln->len ? ln->split + 1 : ln->len)};
		size_t len[2] = {ln->split, ln->split < ln->len ? ln->len - ln->split - 1 : 0};
		double x[2] = {LEFT, LEFT + WIDTH * 0.4}, w[2] = {WIDTH * 0.4, WIDTH * 0.6};
		s_cells(pg, ln, cell, len, x, w, 2, 12.5, PANGO_ALIGN_CENTER, false);
		break;
	}
	case LAY_COLS:
		pg->ncols = ln->ncols;
		memcpy(pg->widths, ln->widths, sizeof pg->widths);
		break;
	case LAY_ROW: {
		const char *cell[LAY_MAXCOLS], *p = ln->text, *end = ln->text + ln->len;
		size_t len[LAY_MAXCOLS];
		double x[LAY_MAXCOLS], w[LAY_MAXCOLS], total = 0, at = LEFT;
		for (int k = 0; k < pg->ncols; k++)
			total += pg->widths[k] > 0 ? pg->widths[k] : 1;
		for (int k = 0; k < pg->ncols; k++) {
			const char *tab = memchr(p, '\t', (size_t)(end - p));
			cell[k] = p;
			len[k] = (size_t)((tab ? tab : end) - p);
			p = tab ? tab + 1 : end;
			w[k] = WIDTH * (pg->widths[k] > 0 ? pg->widths[k] : 1) / total;
			x[k] = at;
			at += w[k];
		}
		s_cells(pg, ln, cell, len, x, w, pg->ncols, 11, PANGO_ALIGN_LEFT, true);
		break;
	}
	case LAY_RULE:
		cairo_move_to(pg->cr, LEFT + WIDTH / 2 - 30, pg->y + 2);
		cairo_line_to(pg->cr, LEFT + WIDTH / 2 + 30, pg->y + 2);
		cairo_set_line_width(pg->cr, 0.5);
		cairo_stroke(pg->cr);
		pg->y += 6;
		break;
	case LAY_PAGE:
		cairo_show_page(pg->cr);
		pg->y = TOP;
		break;
	case LAY_BODY: {
		size_t indent = 0;
		if (ln->len == 0) { /* a blank line: a smaller gap */
			pg->y += 10;
			break;
		}
		while (indent < ln->len && ln->text[indent] == ' ')
			indent++;
		{
			double dx = WIDTH * (double)indent / 80;
			l = s_layout(pg, ln->text + indent, ln->len - indent, WIDTH - dx, 13, ln->style, PANGO_ALIGN_LEFT);
			pango_layout_set_justify(l, true);
			s_room(pg, s_height(l));
			s_draw(pg, l, LEFT + dx);
			pg->y += s_height(l);
			g_object_unref(l);
		}
		break;
	}
	}
}

int pdf_write(const char *layout, const char *path, char *err, size_t n)
{
	cairo_surface_t *surface = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
	cairo_status_t st = cairo_surface_status(surface);
	page_t pg = {.y = TOP};
	lay_line_t ln;

	if (st != CAIRO_STATUS_SUCCESS) {
		snprintf(err, n, "%s: %s", path, _("không ghi được tệp PDF"));
		cairo_surface_destroy(surface);
		return -1;
	}
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "congvu");
	pg.cr = cairo_create(surface);
	pg.ctx = pango_cairo_create_context(pg.cr);
	pango_cairo_context_set_resolution(pg.ctx, 72);
	cairo_set_source_rgb(pg.cr, 0, 0, 0);
	for (const char *s = layout; (s = layout_next(s, &ln));)
		s_item(&pg, &ln);
	cairo_show_page(pg.cr);
	g_object_unref(pg.ctx);
	cairo_destroy(pg.cr);
	cairo_surface_finish(surface);
	st = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	/* the font caches go with the document: a terminal prints now and then */
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
	if (st != CAIRO_STATUS_SUCCESS) {
		snprintf(err, n, "%s: %s", path, _("không ghi được tệp PDF"));
		return -1;
	}
	return 0;
}

int pdf_lp(const char *path, const char *printer, char *err, size_t n)
{
	char *argv[] = {"lp", "-d", (char *)printer, "--", (char *)path, NULL};
	pid_t pid;
	int status, rc = posix_spawnp(&pid, "lp", NULL, NULL, argv, environ);

	if (rc != 0) {
		snprintf(err, n, "lp: %s (%s)", _("không chạy được lệnh in"), strerror(rc));
		return -1;
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		snprintf(err, n, "lp -d %s: %s", printer, _("hàng đợi in không nhận tệp"));
		return -1;
	}
	return 0;
}
