/* text.h — Vietnamese text at the boundary: UTF-8 validation, NFC
 * normalisation, search folding and terminal display width.
 * Every string that enters congvu (wire, CLI, TUI, forms) passes through
 * text_nfc() once; search keys come from text_fold(). */
#ifndef CONGVU_TEXT_H
#define CONGVU_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* Byte length of the longest prefix of the NUL-terminated s that is at
 * most max bytes, never splitting a character or a base character from
 * the combining marks / joiners that follow it (for a field cut to fit a
 * stored column or a title). */
size_t text_clip(const char *s, size_t max);

/* The two printf arguments of "%.*s" for s cut by text_clip to max bytes:
 * printf("%.*s", TEXT_CLIP(s, 40)). s is evaluated twice. */
#define TEXT_CLIP(s, max) (int)text_clip((s), (max)), (s)

/* True for the code points that must never reach a terminal raw, because
 * they move the cursor, start escape sequences or reorder what follows:
 * C0 controls (TAB, LF and CR included), DEL, C1 controls (U+0080-U+009F),
 * the bidi embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069), the marks U+200E, U+200F and U+061C, and the line and
 * paragraph separators U+2028, U+2029. */
bool text_is_control(uint32_t c);

/* True when s[0..n) is valid UTF-8 holding no text_is_control() character,
 * except LF when multiline: what a one-line (or multi-line) field accepts. */
bool text_clean(const char *s, size_t n, bool multiline);

/* In place: every CR LF pair of the NUL-terminated s becomes LF. Returns
 * the new length. */
size_t text_crlf_to_lf(char *s);

enum {
    TEXT_ESC_KEEP_LF = 1, /* LF stays a line break (documents, notes) */
    TEXT_ESC_JSON = 2,    /* every escape as \uXXXX, for JSON strings */
};
/* A newly allocated copy of the NUL-terminated s in which every
 * text_is_control() character (LF too, unless TEXT_ESC_KEEP_LF) and every
 * byte that is not valid UTF-8 is written as a visible ASCII escape: \t,
 * \n, \r, \xHH below U+0100 (and for a stray byte), \uHHHH above; with
 * TEXT_ESC_JSON always \uHHHH (U+FFFD for a stray byte). Everything else
 * is copied as is, so the result is safe to print on any terminal,
 * TERM=linux included. NULL only when allocation fails. Caller frees. */
char *text_escape(const char *s, unsigned flags);

#endif
