/* i18n.h — the client speaks Vietnamese by default; other languages come
 * from gettext catalogs (po/<lang>.po) whose msgids are the Vietnamese
 * texts. */
#ifndef CONGVU_I18N_H
#define CONGVU_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Set up the locale (forcing a UTF-8 one when the environment has none, so
 * ncursesw and text widths work) and select lang ("vi", "en"; NULL means
 * $CONGVU_LANG, else Vietnamese). */
void i18n_init(const char *lang);

#endif
