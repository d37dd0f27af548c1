/* i18n.h — the client speaks Vietnamese by default; other languages come
 * from gettext catalogs (po/<lang>.po) whose msgids are the Vietnamese
 * texts. What the server sends stays Vietnamese on the wire (with codes);
 * the client translates what it shows of it (i18n_reply, i18n_detail). */
#ifndef CONGVU_I18N_H
#define CONGVU_I18N_H

#include <jansson.h>
#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Set up the locale (forcing a UTF-8 one when the environment has none, so
 * ncursesw and text widths work) and select lang ("vi", "en"; NULL means
 * $CONGVU_LANG, else Vietnamese). */
void i18n_init(const char *lang);

/* True when the client speaks Vietnamese, the server's language. */
bool i18n_vietnamese(void);

/* Translate in place what a reply or event body shows from the server, at
 * any depth: the names of states (state_name, to_state_name, the compact
 * rows' states), actions' labels and priorities when the catalog knows
 * them, the remaining time the server words in Vietnamese ("còn 2 ngày 3
 * giờ", "quá hạn 1 ngày") and a report's total. Codes, numbers and what
 * people typed are left alone. Nothing changes in Vietnamese. */
void i18n_reply(json_t *body);

/* The remaining time as the server words it ("còn 2 ngày 3 giờ", "quá hạn
 * 45 phút", "đến hạn") in the UI's language, into buf; text in another
 * shape is copied as it is. */
const char *i18n_remaining(const char *vi, char *buf, size_t n);

/* A Vietnamese explanation from the server (an error's detail) in the UI's
 * language when the catalog has it, else as it came. */
const char *i18n_detail(const char *detail);

#endif
