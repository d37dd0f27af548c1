/* fuzz_text.c — libFuzzer target for the text gate (shared/text.c): any
 * bytes go through validation, NFC, folding, width and fitting, and the
 * contracts in text.h are checked against each other (abort on a breach). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* NFC of s[0..n) must be accepted iff the input is valid, must itself be
 * valid and NFC (idempotent). */
static void s_check_nfc(const char *s, size_t n)
{
	size_t len = 0, len2 = 0;
	bool valid = text_valid_utf8(s, n);
	char *nfc = text_nfc(s, n, &len), *again;

	if (!valid != !nfc)
		abort();
	if (!nfc)
		return;
	if (strlen(nfc) != len || !text_valid_utf8(nfc, len))
		abort();
	if ((again = text_nfc(nfc, len, &len2)) == NULL || len2 != len || memcmp(again, nfc, len) != 0)
		abort();
	free(again);
	free(nfc);
}

/* A fold key exists iff the input is valid, is valid itself, has no
 * leading, trailing or doubled space and no ASCII capital. */
static void s_check_fold(const char *s, size_t n)
{
	char *key = text_fold(s, n);
	size_t len;

	if (!text_valid_utf8(s, n) != !key)
		abort();
	if (!key)
		return;
	len = strlen(key);
	if (!text_valid_utf8(key, len) || (len && (key[0] == ' ' || key[len - 1] == ' ')) || strstr(key, "  "))
		abort();
	for (size_t i = 0; i < len; i++)
		if (key[i] >= 'A' && key[i] <= 'Z')
			abort();
	free(key);
}

/* text_fit(s, cols) is a prefix no wider than cols, and cutting at full
 * width keeps the whole string. Tried for a few widths. */
static void s_check_fit(const char *s)
{
	size_t n = strlen(s);
	int w = text_width(s);
	int cols[] = {0, 1, 2, 5, 17, w / 2, w - 1, w};

	if (w < 0 || text_fit(s, w) != n || text_fit(s, -1) != 0)
		abort();
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		size_t cut;
		char *prefix;
		if (cols[i] < 0)
			continue;
		cut = text_fit(s, cols[i]);
		if (cut > n || (prefix = strndup(s, cut)) == NULL)
			abort();
		if (text_width(prefix) > cols[i])
			abort();
		free(prefix);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char *z;

	s_check_nfc(s, size);
	s_check_fold(s, size);
	/* width and fit take NUL-terminated strings: cut at the first NUL */
	if ((z = strndup(s, size)) == NULL)
		return 0;
	s_check_fit(z);
	free(z);
	return 0;
}
