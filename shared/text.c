/* text.c — the single gate Vietnamese text passes through: strict UTF-8
 * validation, NFC normalisation and search folding via ICU, and terminal
 * column widths computed from ICU character properties (locale-independent). */
#include "text.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

/* Decodes one strictly well-formed UTF-8 sequence from p[0..avail).
 * Returns its byte length (1-4) and stores the code point in *cp, or returns
 * 0 when the bytes are ill-formed (overlong, surrogate, > U+10FFFF,
 * truncated, stray continuation byte). */
static size_t s_decode(const unsigned char *p, size_t avail, UChar32 *cp)
{
    unsigned char b0, lo = 0x80, hi = 0xBF;
    size_t len, i;
    UChar32 c;

    if (avail == 0)
        return 0;
    b0 = p[0];
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
        c = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        c = b0 & 0x0F;
        if (b0 == 0xE0)
            lo = 0xA0;          /* overlong */
        else if (b0 == 0xED)
            hi = 0x9F;          /* UTF-16 surrogates */
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        c = b0 & 0x07;
        if (b0 == 0xF0)
            lo = 0x90;          /* overlong */
        else if (b0 == 0xF4)
            hi = 0x8F;          /* above U+10FFFF */
    } else {
        return 0;               /* C0/C1 overlong leads, F5..FF, 80..BF */
    }
    if (avail < len)
        return 0;
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3F);
    }
    *cp = c;
    return len;
}

/* Terminal columns for one code point: 0 for non-spacing/enclosing marks,
 * format characters (incl. U+200B) and conjoining Hangul vowel/final jamo
 * (as glibc wcwidth does, so NFD Hangul matches NFC), 2 for East Asian
 * Wide/Fullwidth, else 1 (control characters included). */
static int s_cp_width(UChar32 c)
{
    int8_t cat;
    int32_t ea, hst;

    if (c < 0x80)
        return 1;
    if (c == 0x200B)
        return 0;
    cat = u_charType(c);
    if (cat == U_NON_SPACING_MARK || cat == U_ENCLOSING_MARK ||
        cat == U_FORMAT_CHAR)
        return 0;
    hst = u_getIntPropertyValue(c, UCHAR_HANGUL_SYLLABLE_TYPE);
    if (hst == U_HST_VOWEL_JAMO || hst == U_HST_TRAILING_JAMO)
        return 0;
    ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    if (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH)
        return 2;
    return 1;
}

/* True when c continues the preceding grapheme instead of starting a new
 * one (combining marks, ZWJ/ZWNJ, spacing marks, conjoining Hangul
 * vowel/final jamo); text_fit() never cuts before such a code point. */
static bool s_cp_extends(UChar32 c)
{
    int32_t gcb;

    if (c < 0x80)
        return false;
    gcb = u_getIntPropertyValue(c, UCHAR_GRAPHEME_CLUSTER_BREAK);
    return gcb == U_GCB_EXTEND || gcb == U_GCB_ZWJ ||
           gcb == U_GCB_SPACING_MARK || gcb == U_GCB_V || gcb == U_GCB_T;
}

/* Converts validated UTF-8 to a newly allocated UTF-16 buffer (NUL
 * terminated). UTF-16 never needs more code units than UTF-8 has bytes, so
 * n + 1 units always suffice. Returns false on overflow/ICU/alloc failure. */
static bool s_to_utf16(const char *s, size_t n, UChar **out, int32_t *out_len)
{
    UErrorCode st = U_ZERO_ERROR;
    UChar *buf = NULL;
    int32_t len = 0;
    bool ok = false;

    if (n >= (size_t)INT32_MAX)
        goto cleanup;
    buf = malloc((n + 1) * sizeof(*buf));
    if (buf == NULL)
        goto cleanup;
    u_strFromUTF8(buf, (int32_t)n + 1, &len, s, (int32_t)n, &st);
    if (U_FAILURE(st))
        goto cleanup;
    *out = buf;
    *out_len = len;
    buf = NULL;
    ok = true;
cleanup:
    free(buf);
    return ok;
}

/* Applies norm to src[0..len) into a newly allocated buffer. Normalisation
 * may grow the text, so a first attempt sized from the input is retried at
 * the exact size ICU reports with U_BUFFER_OVERFLOW_ERROR. */
static bool s_normalize(const UNormalizer2 *norm, const UChar *src,
                        int32_t len, UChar **out, int32_t *out_len)
{
    UErrorCode st = U_ZERO_ERROR;
    UChar *buf = NULL, *tmp;
    int32_t cap, got;
    bool ok = false;

    cap = len < INT32_MAX - 16 ? len + 16 : INT32_MAX;
    buf = malloc((size_t)cap * sizeof(*buf));
    if (buf == NULL)
        goto cleanup;
    got = unorm2_normalize(norm, src, len, buf, cap, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
        if (got >= INT32_MAX)
            goto cleanup;
        cap = got + 1;
        tmp = realloc(buf, (size_t)cap * sizeof(*buf));
        if (tmp == NULL)
            goto cleanup;
        buf = tmp;
        st = U_ZERO_ERROR;
        got = unorm2_normalize(norm, src, len, buf, cap, &st);
    }
    if (U_FAILURE(st))
        goto cleanup;
    *out = buf;
    *out_len = got;
    buf = NULL;
    ok = true;
cleanup:
    free(buf);
    return ok;
}

/* Converts UTF-16 to a newly allocated NUL-terminated UTF-8 string, sized
 * by preflighting. Returns NULL on failure. */
static char *s_to_utf8(const UChar *src, int32_t len, size_t *out_len)
{
    UErrorCode st = U_ZERO_ERROR;
    char *buf = NULL, *res = NULL;
    int32_t need = 0;

    u_strToUTF8(NULL, 0, &need, src, len, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
        goto cleanup;
    if (need >= INT32_MAX)
        goto cleanup;
    buf = malloc((size_t)need + 1);
    if (buf == NULL)
        goto cleanup;
    st = U_ZERO_ERROR;
    u_strToUTF8(buf, need + 1, &need, src, len, &st);
    if (U_FAILURE(st))
        goto cleanup;
    buf[need] = '\0';
    if (out_len != NULL)
        *out_len = (size_t)need;
    res = buf;
    buf = NULL;
cleanup:
    free(buf);
    return res;
}

bool text_valid_utf8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, len;
    UChar32 c;

    if (s == NULL)
        return n == 0;
    while (i < n) {
        if (p[i] < 0x80) {
            c = p[i];
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
                c == 0x7F)
                return false;
            i++;
            continue;
        }
        len = s_decode(p + i, n - i, &c);
        if (len == 0)
            return false;
        i += len;
    }
    return true;
}

char *text_nfc(const char *s, size_t n, size_t *out_len)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc;
    UChar *u = NULL, *norm = NULL;
    int32_t ulen = 0, nlen = 0;
    char *res = NULL;

    if (out_len != NULL)
        *out_len = 0;
    if (!text_valid_utf8(s, n))
        goto cleanup;
    nfc = unorm2_getNFCInstance(&st);
    if (U_FAILURE(st))
        goto cleanup;
    if (!s_to_utf16(s, n, &u, &ulen))
        goto cleanup;
    if (!s_normalize(nfc, u, ulen, &norm, &nlen))
        goto cleanup;
    res = s_to_utf8(norm, nlen, out_len);
cleanup:
    free(u);
    free(norm);
    return res;
}

char *text_fold(const char *s, size_t n)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfd, *nfc;
    UChar *u = NULL, *dec = NULL, *key = NULL, *out = NULL;
    int32_t ulen = 0, dlen = 0, klen = 0, olen = 0, i = 0, cap;
    bool pending_space = false;
    UChar cu;
    UChar32 c;
    char *res = NULL;

    if (!text_valid_utf8(s, n))
        goto cleanup;
    nfd = unorm2_getNFDInstance(&st);
    nfc = unorm2_getNFCInstance(&st);
    if (U_FAILURE(st))
        goto cleanup;
    if (!s_to_utf16(s, n, &u, &ulen))
        goto cleanup;
    if (!s_normalize(nfd, u, ulen, &dec, &dlen))
        goto cleanup;

    /* Each input code point (at least one unit) yields at most one output
     * code point (at most two units); the single space standing for a
     * whitespace run is paid for by that run, so 2 * dlen units suffice. */
    if (dlen > INT32_MAX / 2 - 1)
        goto cleanup;
    cap = 2 * dlen + 1;
    key = malloc((size_t)cap * sizeof(*key));
    if (key == NULL)
        goto cleanup;
    while (i < dlen) {
        cu = dec[i++];
        if (U16_IS_LEAD(cu) && i < dlen && U16_IS_TRAIL(dec[i]))
            c = U16_GET_SUPPLEMENTARY(cu, dec[i++]);
        else
            c = cu;
        if (u_charType(c) == U_NON_SPACING_MARK)
            continue;           /* tone and vowel marks */
        if (u_isUWhiteSpace(c)) {
            pending_space = klen > 0;
            continue;
        }
        if (c == 0x0110 || c == 0x0111)
            c = 'd';            /* Đ/đ have no decomposition */
        else
            c = u_tolower(c);
        if (pending_space) {
            key[klen++] = ' ';
            pending_space = false;
        }
        if (U_IS_BMP(c)) {
            key[klen++] = (UChar)c;
        } else {
            key[klen++] = U16_LEAD(c);
            key[klen++] = U16_TRAIL(c);
        }
    }

    /* Recompose what NFD split but we kept (e.g. Hangul syllables). */
    if (!s_normalize(nfc, key, klen, &out, &olen))
        goto cleanup;
    res = s_to_utf8(out, olen, NULL);
cleanup:
    free(u);
    free(dec);
    free(key);
    free(out);
    return res;
}

int text_width(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n, i = 0, len, total = 0;
    UChar32 c;

    if (s == NULL)
        return 0;
    n = strlen(s);
    while (i < n) {
        len = s_decode(p + i, n - i, &c);
        if (len == 0) {
            total += 1;         /* invalid byte */
            i += 1;
        } else {
            total += (size_t)s_cp_width(c);
            i += len;
        }
        if (total >= INT_MAX)
            return INT_MAX;
    }
    return (int)total;
}

size_t text_fit(const char *s, int cols)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n, i = 0, j, len, used = 0, width;
    UChar32 c;

    if (s == NULL || cols < 0)
        return 0;
    n = strlen(s);
    while (i < n) {
        /* One cluster: a base (or one invalid byte) plus any marks after it. */
        j = i;
        len = s_decode(p + j, n - j, &c);
        if (len == 0) {
            width = 1;
            j += 1;
        } else {
            width = (size_t)s_cp_width(c);
            j += len;
        }
        while (j < n) {
            len = s_decode(p + j, n - j, &c);
            if (len == 0 || !s_cp_extends(c))
                break;
            width += (size_t)s_cp_width(c);
            j += len;
        }
        if (used + width > (size_t)cols)
            break;
        used += width;
        i = j;
    }
    return i;
}

size_t text_clip(const char *s, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n, i = 0, j, len;
    UChar32 c;

    if (s == NULL)
        return 0;
    n = strlen(s);
    if (n <= max)
        return n;
    while (i < n) {
        /* One cluster, as text_fit reads it, taken whole or not at all. */
        len = s_decode(p + i, n - i, &c);
        j = i + (len ? len : 1);
        while (j < n && (len = s_decode(p + j, n - j, &c)) != 0 && s_cp_extends(c))
            j += len;
        if (j > max)
            break;
        i = j;
    }
    return i;
}

bool text_is_control(uint32_t c)
{
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
        return true;            /* C0, DEL, C1 */
    switch (c) {
    case 0x061C:                /* Arabic letter mark */
    case 0x200E: case 0x200F:   /* LRM, RLM */
    case 0x2028: case 0x2029:   /* line, paragraph separator */
        return true;
    default:
        return (c >= 0x202A && c <= 0x202E) ||  /* LRE RLE PDF LRO RLO */
               (c >= 0x2066 && c <= 0x2069);    /* LRI RLI FSI PDI */
    }
}

bool text_clean(const char *s, size_t n, bool multiline)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, len;
    UChar32 c;

    if (s == NULL)
        return n == 0;
    while (i < n) {
        len = s_decode(p + i, n - i, &c);
        if (len == 0)
            return false;
        if (text_is_control((uint32_t)c) && !(multiline && c == '\n'))
            return false;
        i += len;
    }
    return true;
}

size_t text_crlf_to_lf(char *s)
{
    size_t i, j = 0;

    for (i = 0; s[i]; i++)
        if (!(s[i] == '\r' && s[i + 1] == '\n'))
            s[j++] = s[i];
    s[j] = '\0';
    return j;
}

/* Appends the escape for code point c (or, when c < 0, for the stray byte
 * -c) at out, which has room for 7 bytes. Returns the bytes written. */
static size_t s_escape_one(char *out, int32_t c, unsigned flags)
{
    static const char hex[] = "0123456789abcdef";
    uint32_t v = (uint32_t)(c < 0 ? -c : c);

    if (flags & TEXT_ESC_JSON) {
        if (c < 0)
            v = 0xFFFD;
        out[0] = '\\';
        out[1] = 'u';
        out[2] = hex[(v >> 12) & 0xF];
        out[3] = hex[(v >> 8) & 0xF];
        out[4] = hex[(v >> 4) & 0xF];
        out[5] = hex[v & 0xF];
        return 6;
    }
    out[0] = '\\';
    switch (c) {
    case '\t': out[1] = 't'; return 2;
    case '\n': out[1] = 'n'; return 2;
    case '\r': out[1] = 'r'; return 2;
    default: break;
    }
    if (v < 0x100) {
        out[1] = 'x';
        out[2] = hex[v >> 4];
        out[3] = hex[v & 0xF];
        return 4;
    }
    out[1] = 'u';
    out[2] = hex[(v >> 12) & 0xF];
    out[3] = hex[(v >> 8) & 0xF];
    out[4] = hex[(v >> 4) & 0xF];
    out[5] = hex[v & 0xF];
    return 6;
}

char *text_escape(const char *s, unsigned flags)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, o = 0, len;
    char *out;
    UChar32 c;

    /* An escape is at most 6 bytes and replaces at least 1. */
    if (n > (SIZE_MAX - 1) / 6)
        return NULL;
    out = malloc(6 * n + 1);
    if (out == NULL)
        return NULL;
    while (i < n) {
        len = s_decode(p + i, n - i, &c);
        if (len == 0) {
            o += s_escape_one(out + o, -(int32_t)p[i], flags);
            i++;
            continue;
        }
        if (text_is_control((uint32_t)c) &&
            !(c == '\n' && (flags & TEXT_ESC_KEEP_LF)))
            o += s_escape_one(out + o, c, flags);
        else {
            memcpy(out + o, p + i, len);
            o += len;
        }
        i += len;
    }
    out[o] = '\0';
    return out;
}
