/* edit.c — the line editor behind every text field: insert, delete,
 * cursor movement and horizontal scrolling over a UTF-8 buffer. The cursor
 * moves by character, a base letter and the combining marks after it
 * (NFD Vietnamese) counting as one; widths come from text_width(). */
#include <string.h>

#include "text.h"
#include "widgets.h"

/* Bytes of the UTF-8 sequence starting at s[0] (1 for a stray byte). */
static size_t s_cp_len(const char *s, size_t avail)
{
	unsigned char b = (unsigned char)s[0];
	size_t n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
	return n > avail ? avail : n;
}

/* Does the code point at s take no column (a combining mark)? */
static bool s_zero_width(const char *s, size_t avail)
{
	char tmp[5] = "";
	size_t n = s_cp_len(s, avail);
	memcpy(tmp, s, n);
	return text_width(tmp) == 0;
}

/* Start of the character after the one at pos in s[0..len). */
static size_t s_next(const char *s, size_t len, size_t pos)
{
	if (pos >= len)
		return len;
	pos += s_cp_len(s + pos, len - pos);
	while (pos < len && s_zero_width(s + pos, len - pos))
		pos += s_cp_len(s + pos, len - pos);
	return pos;
}

/* Start of the character before pos. */
static size_t s_prev(const char *s, size_t len, size_t pos)
{
	while (pos > 0) {
		do
			pos--;
		while (pos > 0 && ((unsigned char)s[pos] & 0xC0) == 0x80);
		if (!s_zero_width(s + pos, len - pos))
			break;
	}
	return pos;
}

/* Columns taken by s[a..b). */
static int s_cols(const char *s, size_t a, size_t b)
{
	char tmp[TUI_EDIT_MAX + 1];
	memcpy(tmp, s + a, b - a);
	tmp[b - a] = 0;
	return text_width(tmp);
}

void tui_edit_init(tui_edit_t *e, size_t max, bool secret)
{
	tui_edit_clear(e);
	e->max = max && max < TUI_EDIT_MAX ? max : TUI_EDIT_MAX;
	e->secret = secret;
}

void tui_edit_clear(tui_edit_t *e)
{
	explicit_bzero(e->buf, sizeof e->buf);
	e->len = e->cur = e->off = 0;
}

void tui_edit_set(tui_edit_t *e, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	tui_edit_clear(e);
	if (n > e->max) { /* cut at a character boundary */
		n = e->max;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(e->buf, s ? s : "", n);
	e->len = e->cur = n;
}

/* UTF-8 of code point c into out; 0 for what may not be typed. */
static size_t s_encode(int c, char *out)
{
	if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		return 0;
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | c >> 12);
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | c >> 18);
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* Remove bytes [a, b) of the text. */
static void s_cut(tui_edit_t *e, size_t a, size_t b)
{
	memmove(e->buf + a, e->buf + b, e->len - b + 1);
	e->len -= b - a;
	explicit_bzero(e->buf + e->len, b - a);
}

int tui_edit_key(tui_edit_t *e, tui_action_t a, int key)
{
	size_t old = e->cur, n;
	char u[4];

	switch (a) {
	case ACT_LEFT:
		e->cur = s_prev(e->buf, e->len, e->cur);
		break;
	case ACT_RIGHT:
		e->cur = s_next(e->buf, e->len, e->cur);
		break;
	case ACT_HOME:
		e->cur = 0;
		break;
	case ACT_END:
		e->cur = e->len;
		break;
	case ACT_BKSP:
		if (e->cur == 0)
			return 0;
		e->cur = s_prev(e->buf, e->len, e->cur);
		s_cut(e, e->cur, old);
		return 1;
	case ACT_DEL:
		if (e->cur == e->len)
			return 0;
		s_cut(e, e->cur, s_next(e->buf, e->len, e->cur));
		return 1;
	case ACT_KILL:
		if (!e->len)
			return 0;
		tui_edit_clear(e);
		return 1;
	case ACT_NONE:
		if ((key & TK_FN(0)) || !(n = s_encode(key, u)) || e->len + n > e->max)
			return 0;
		memmove(e->buf + e->cur + n, e->buf + e->cur, e->len - e->cur + 1);
		memcpy(e->buf + e->cur, u, n);
		e->len += n;
		e->cur += n;
		return 1;
	default:
		return 0;
	}
	return e->cur != old;
}

void tui_edit_draw(tui_edit_t *e, WINDOW *w, int y, int x, int cols, attr_t attr, int *cx)
{
	char shown[TUI_EDIT_MAX + 1];
	size_t len, cur = 0;

	if (cols < 1)
		return;
	if (e->secret) { /* one star per character; the cursor keeps its place */
		size_t k = 0;
		for (size_t p = 0; p < e->len; p = s_next(e->buf, e->len, p)) {
			if (p == e->cur)
				cur = k;
			shown[k++] = '*';
		}
		if (e->cur == e->len)
			cur = k;
		shown[len = k] = 0;
	} else {
		memcpy(shown, e->buf, e->len + 1);
		len = e->len;
		cur = e->cur;
	}
	/* scroll so that the cursor cell is inside the field */
	if (s_cols(shown, 0, len) < cols)
		e->off = 0;
	if (cur < e->off)
		e->off = cur;
	while (e->off < cur && s_cols(shown, e->off, cur) > cols - 1)
		e->off = s_next(shown, len, e->off);
	wattron(w, attr);
	tui_put(w, y, x, shown + e->off, cols, TUI_PAD | TUI_CUT);
	wattroff(w, attr);
	*cx = x + s_cols(shown, e->off, cur);
	explicit_bzero(shown, sizeof shown);
}

char *tui_edit_nfc(const tui_edit_t *e)
{
	return text_nfc(e->buf, e->len, NULL);
}

uint32_t tui_edit_hash(uint32_t h, const tui_edit_t *e)
{
	for (size_t k = 0; k <= e->len; k++)
		h = (h ^ (unsigned char)(k < e->len ? e->buf[k] : 0)) * 16777619u;
	return h;
}
