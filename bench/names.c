/* names.c — the name lists behind names.h: common family names, middle
 * names and given names, all NFC. */
#include "names.h"

#include <stdio.h>
#include <stdlib.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char *const s_family[] = {"Nguyễn", "Trần", "Lê",  "Phạm", "Hoàng", "Huỳnh", "Phan",  "Vũ",
                                       "Võ",     "Đặng", "Bùi", "Đỗ",   "Hồ",    "Ngô",   "Dương", "Lý"};
static const char *const s_middle[] = {"Văn", "Thị", "Minh", "Thanh", "Ngọc", "Quốc", "Hữu", "Thu", "Kim", "Đức"};
static const char *const s_given[] = {"An",  "Bình", "Cường", "Dũng", "Hà",    "Hải",  "Lan",  "Mai",
                                      "Nam", "Sơn",  "Tâm",   "Thảo", "Trang", "Tuấn", "Vinh", "Yến"};

static const char *s_pick(const char *const *list, size_t n, unsigned *seed)
{
	return list[(size_t)rand_r(seed) % n];
}

void names_person(char *out, size_t n, unsigned *seed)
{
	const char *f = s_pick(s_family, N_OF(s_family), seed), *m = s_pick(s_middle, N_OF(s_middle), seed);
	snprintf(out, n, "%s %s %s", f, m, s_pick(s_given, N_OF(s_given), seed));
}

const char *names_given(unsigned *seed)
{
	return s_pick(s_given, N_OF(s_given), seed);
}
