/* i18n.c — locale and message catalog set-up. */
#include "i18n.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

void i18n_init(const char *lang)
{
	const char *dir = getenv("CONGVU_LOCALEDIR");

	if (!setlocale(LC_ALL, "") || strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_ALL, "C.UTF-8");
	if (!lang)
		lang = getenv("CONGVU_LANG");
	/* Vietnamese is the source language: no catalog needed. */
	setenv("LANGUAGE", lang && strcmp(lang, "vi") != 0 ? lang : "vi", 1);
	bindtextdomain("congvu", dir ? dir : LOCALEDIR);
	bind_textdomain_codeset("congvu", "UTF-8");
	textdomain("congvu");
}
