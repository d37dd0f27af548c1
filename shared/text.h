/* text.h — Vietnamese text at the boundary: UTF-8 validation, NFC
 * normalisation, search folding and terminal display width.
 * Every string that enters congvu (wire, CLI, TUI, forms) passes through
 * text_nfc() once; search keys come from text_fold(). */
#ifndef CONGVU_TEXT_H
#define CONGVU_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF, no truncated sequences) and contains no NUL, no
 * DEL (0x7F) and no C0 controls other than TAB, LF and CR. s may be NULL
 * only when n is 0. */
bool text_valid_utf8(const char *s, size_t n);

/* Returns a newly allocated NUL-terminated NFC copy of s[0..n), or NULL when
 * the input is not valid per text_valid_utf8() or allocation fails.
 * *out_len (may be NULL) receives the byte length. Caller frees. */
char *text_nfc(const char *s, size_t n, size_t *out_len);

/* Returns a newly allocated search key for s[0..n): NFC, lowercased, tone
 * and vowel marks (every non-spacing mark after NFD) removed, đ/Đ → d, runs
 * of Unicode whitespace (TAB, LF, CR, NBSP, ...) collapsed to one space,
 * leading/trailing whitespace trimmed. "Đăng Ký" → "dang ky".
 * NULL on invalid UTF-8 or allocation failure. Caller frees. */
char *text_fold(const char *s, size_t n);

/* Number of terminal columns the NUL-terminated UTF-8 string s occupies,
 * computed from Unicode properties independently of the locale: non-spacing
 * and enclosing marks, format characters (e.g. U+200B) and conjoining Hangul
 * vowel/final jamo take 0 columns, East Asian Wide/Fullwidth characters 2,
 * everything else (controls included) 1. Invalid bytes count 1 column each.
 * Saturates at INT_MAX. Vietnamese text has the same width in NFD and NFC. */
int text_width(const char *s);

/* Byte length of the longest prefix of the NUL-terminated s that fits in
 * cols columns (text_width() rules), never splitting a character or a base
 * character from the combining marks / joiners that follow it. 0 when cols
 * is negative. */
size_t text_fit(const char *s, int cols);

#endif
