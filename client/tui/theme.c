/* theme.c — screen attributes by role. Colours only when the terminal has
 * them and NO_COLOR (https://no-color.org) is unset or empty; otherwise
 * bold and reverse video carry every distinction. */
#include <stdlib.h>

#include "widgets.h"

static attr_t s_attr[TA__COUNT];

void tui_theme_init(void)
{
	static const attr_t mono[TA__COUNT] = {
	    [TA_BAR] = A_REVERSE, [TA_SEL] = A_REVERSE,   [TA_HEAD] = A_BOLD,
	    [TA_ERR] = A_BOLD,    [TA_FIELD] = A_REVERSE, [TA_FOCUS] = A_REVERSE | A_BOLD,
	    [TA_TITLE] = A_BOLD,  [TA_DIM] = A_NORMAL,    [TA_POPUP] = A_NORMAL, /* its frame sets it apart */
	};
	const char *nc = getenv("NO_COLOR");

	for (int i = 0; i < TA__COUNT; i++)
		s_attr[i] = mono[i];
	if ((nc && *nc) || !has_colors() || start_color() != OK)
		return;
	use_default_colors();
	init_pair(1, COLOR_WHITE, COLOR_BLUE);  /* bars */
	init_pair(2, COLOR_BLACK, COLOR_CYAN);  /* selection */
	init_pair(3, COLOR_RED, -1);            /* errors */
	init_pair(4, COLOR_BLACK, COLOR_WHITE); /* fields */
	init_pair(5, COLOR_BLUE, -1);           /* dimmed rows (blue reads on light and dark) */
	init_pair(6, COLOR_BLACK, COLOR_WHITE); /* dialogs: a background of their own */
	s_attr[TA_BAR] = COLOR_PAIR(1) | A_BOLD;
	s_attr[TA_SEL] = COLOR_PAIR(2);
	s_attr[TA_ERR] = COLOR_PAIR(3) | A_BOLD;
	s_attr[TA_FIELD] = COLOR_PAIR(4);
	s_attr[TA_FOCUS] = COLOR_PAIR(2) | A_BOLD;
	s_attr[TA_DIM] = COLOR_PAIR(5);
	s_attr[TA_POPUP] = COLOR_PAIR(6);
}

attr_t tui_attr(tui_attr_role_t r)
{
	return s_attr[r];
}
