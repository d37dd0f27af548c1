/* test_text.c — unit tests for shared/text.c: UTF-8 validation, NFC,
 * search folding, display width and width-bounded truncation.
 * Expected bytes are written as \x escapes so the file's own encoding and
 * the editor's normalisation cannot change what is being tested. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define N_ELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- text_valid_utf8 ---------------------------------------------------- */

struct valid_case {
    const char *s;
    size_t n;
    bool ok;
};

#define VC(lit, ok) { lit, sizeof(lit) - 1, ok }

static const struct valid_case s_valid_cases[] = {
    VC("", true),
    VC("abc", true),
    VC("\xC4\x90\xC4\x83ng k\xC3\xBD", true),          /* Đăng ký */
    VC("a\tb", true),                                  /* TAB allowed */
    VC("a\nb\r\n", true),                              /* LF, CR allowed */
    VC("\xF0\x9F\x98\x80", true),                      /* U+1F600 */
    VC("\xED\x9F\xBF", true),                          /* U+D7FF */
    VC("\xEE\x80\x80", true),                          /* U+E000 */
    VC("\xEF\xBF\xBF", true),                          /* U+FFFF */
    VC("\xF4\x8F\xBF\xBF", true),                      /* U+10FFFF */
    VC("\xC2\x80", true),                              /* U+0080 */
    VC("\xC0\xAF", false),                             /* overlong '/' */
    VC("\xC1\xBF", false),                             /* overlong */
    VC("\xE0\x80\xAF", false),                         /* overlong 3-byte */
    VC("\xE0\x9F\xBF", false),                         /* overlong 3-byte */
    VC("\xF0\x80\x80\xAF", false),                     /* overlong 4-byte */
    VC("\xF0\x8F\xBF\xBF", false),                     /* overlong 4-byte */
    VC("\xED\xA0\x80", false),                         /* U+D800 surrogate */
    VC("\xED\xBF\xBF", false),                         /* U+DFFF surrogate */
    VC("\xE1\xBA", false),                             /* truncated */
    VC("a\xC3", false),                                /* truncated at end */
    VC("\xF0\x9F\x98", false),                         /* truncated 4-byte */
    VC("\xF4\x90\x80\x80", false),                     /* U+110000 */
    VC("\xF5\x80\x80\x80", false),                     /* lead F5 */
    VC("\xFF", false),
    VC("\xFE", false),
    VC("\x80", false),                                 /* stray continuation */
    VC("a\xBF" "b", false),
    VC("\xE1\x41\x80", false),                         /* bad continuation */
    VC("a\x01" "b", false),                            /* embedded C0 */
    VC("\x1B[0m", false),                              /* ESC */
    VC("\x7F", false),                                 /* DEL */
    VC("a\0b", false),                                 /* embedded NUL */
};

static void test_valid_utf8_table(void **state)
{
    size_t i;
    char *r;

    (void)state;
    for (i = 0; i < N_ELEM(s_valid_cases); i++) {
        const struct valid_case *c = &s_valid_cases[i];

        if (text_valid_utf8(c->s, c->n) != c->ok)
            fail_msg("case %zu: text_valid_utf8 expected %d", i, c->ok);
        /* text_nfc and text_fold must agree with the validator. */
        r = text_nfc(c->s, c->n, NULL);
        if ((r != NULL) != c->ok)
            fail_msg("case %zu: text_nfc returned %p", i, (void *)r);
        free(r);
        r = text_fold(c->s, c->n);
        if ((r != NULL) != c->ok)
            fail_msg("case %zu: text_fold returned %p", i, (void *)r);
        free(r);
    }
}

static void test_valid_utf8_null(void **state)
{
    (void)state;
    assert_true(text_valid_utf8(NULL, 0));
    assert_false(text_valid_utf8(NULL, 1));
}

/* ---- text_nfc ----------------------------------------------------------- */

struct map_case {
    const char *in;
    const char *want;
};

static const struct map_case s_nfc_cases[] = {
    /* Đà Nẵng, NFD → NFC */
    { "\xC4\x90" "a\xCC\x80 Na\xCC\x86\xCC\x83ng",
      "\xC4\x90\xC3\xA0 N\xE1\xBA\xB5ng" },
    /* Nguyễn Văn An */
    { "Nguye\xCC\x82\xCC\x83n Va\xCC\x86n An",
      "Nguy\xE1\xBB\x85n V\xC4\x83n An" },
    /* Việt Nam, canonical mark order (dot below, circumflex) */
    { "Vie\xCC\xA3\xCC\x82t Nam", "Vi\xE1\xBB\x87t Nam" },
    /* Việt Nam, marks typed in the other order */
    { "Vie\xCC\x82\xCC\xA3t Nam", "Vi\xE1\xBB\x87t Nam" },
    /* QUYẾT ĐỊNH */
    { "QUYE\xCC\x82\xCC\x81T \xC4\x90I\xCC\xA3NH",
      "QUY\xE1\xBA\xBET \xC4\x90\xE1\xBB\x8ANH" },
    /* Thủ tướng (horn + acute on o) */
    { "Thu\xCC\x89 tu\xCC\x9Bo\xCC\x9B\xCC\x81ng",
      "Th\xE1\xBB\xA7 t\xC6\xB0\xE1\xBB\x9Bng" },
    /* Already NFC: unchanged */
    { "\xC4\x90\xC4\x83ng k\xC3\xBD", "\xC4\x90\xC4\x83ng k\xC3\xBD" },
    /* Hangul jamo compose to a syllable */
    { "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", "\xED\x95\x9C" },
    /* ASCII, whitespace and controls TAB/LF/CR pass through */
    { "a\tb\r\nc ", "a\tb\r\nc " },
    { "", "" },
};

static void test_nfc_table(void **state)
{
    size_t i, len;
    char *r;

    (void)state;
    for (i = 0; i < N_ELEM(s_nfc_cases); i++) {
        const struct map_case *c = &s_nfc_cases[i];

        len = (size_t)-1;
        r = text_nfc(c->in, strlen(c->in), &len);
        assert_non_null(r);
        if (strcmp(r, c->want) != 0)
            fail_msg("nfc case %zu: got \"%s\" want \"%s\"", i, r, c->want);
        assert_int_equal(len, strlen(c->want));
        assert_true(text_valid_utf8(r, len));
        free(r);
    }
}

/* Input is a length-delimited slice: bytes after n are not read. */
static void test_nfc_slice(void **state)
{
    const char *s = "abc\xC3\xA0xyz";
    size_t len;
    char *r;

    (void)state;
    r = text_nfc(s, 5, &len);
    assert_non_null(r);
    assert_string_equal(r, "abc\xC3\xA0");
    assert_int_equal(len, 5);
    free(r);
    /* Cutting inside a multibyte character is invalid input. */
    assert_null(text_nfc(s, 4, NULL));
}

/* U+0958 is a composition exclusion: NFC turns each one (1 UTF-16 unit)
 * into U+0915 U+093C (2 units), so the output outgrows the first buffer. */
static void test_nfc_grows(void **state)
{
    enum { REPS = 1000 };
    static const char in1[] = "\xE0\xA5\x98";
    static const char out1[] = "\xE0\xA4\x95\xE0\xA4\xBC";
    char *in, *want, *r;
    size_t i, len;

    (void)state;
    in = malloc(REPS * 3 + 1);
    want = malloc(REPS * 6 + 1);
    assert_non_null(in);
    assert_non_null(want);
    for (i = 0; i < REPS; i++) {
        memcpy(in + i * 3, in1, 3);
        memcpy(want + i * 6, out1, 6);
    }
    in[REPS * 3] = '\0';
    want[REPS * 6] = '\0';
    r = text_nfc(in, REPS * 3, &len);
    assert_non_null(r);
    assert_int_equal(len, REPS * 6);
    assert_memory_equal(r, want, REPS * 6 + 1);
    free(r);
    free(in);
    free(want);
}

/* Several megabytes of NFD Vietnamese: no fixed buffers, exact result. */
static void test_nfc_fold_large(void **state)
{
    enum { REPS = 200000 };
    static const char unit[] = "\xC4\x90" "a\xCC\x80 Na\xCC\x86\xCC\x83ng ";
    static const char nfc_unit[] = "\xC4\x90\xC3\xA0 N\xE1\xBA\xB5ng ";
    static const char fold_unit[] = "da nang ";
    size_t ul = sizeof(unit) - 1, nl = sizeof(nfc_unit) - 1;
    size_t fl = sizeof(fold_unit) - 1, i, len;
    char *in, *r;

    (void)state;
    in = malloc(ul * REPS + 1);
    assert_non_null(in);
    for (i = 0; i < REPS; i++)
        memcpy(in + i * ul, unit, ul);
    in[ul * REPS] = '\0';

    r = text_nfc(in, ul * REPS, &len);
    assert_non_null(r);
    assert_int_equal(len, nl * REPS);
    for (i = 0; i < REPS; i++)
        assert_memory_equal(r + i * nl, nfc_unit, nl);
    free(r);

    r = text_fold(in, ul * REPS);
    assert_non_null(r);
    assert_int_equal(strlen(r), fl * REPS - 1);   /* trailing space trimmed */
    for (i = 0; i + 1 < REPS; i++)
        assert_memory_equal(r + i * fl, fold_unit, fl);
    assert_string_equal(r + (REPS - 1) * fl, "da nang");
    free(r);
    free(in);
}

/* ---- text_fold ---------------------------------------------------------- */

static const struct map_case s_fold_cases[] = {
    { "\xC4\x90\xC4\x83ng k\xC3\xBD", "dang ky" },             /* Đăng ký */
    { "\xC4\x90\xC4\x83ng K\xC3\xBD", "dang ky" },             /* Đăng Ký */
    { "Nguy\xE1\xBB\x85n V\xC4\x83n An", "nguyen van an" },    /* NFC */
    { "Nguye\xCC\x82\xCC\x83n Va\xCC\x86n An", "nguyen van an" }, /* NFD */
    { "QUY\xE1\xBA\xBET \xC4\x90\xE1\xBB\x8ANH", "quyet dinh" },
    { "QUYE\xCC\x82\xCC\x81T \xC4\x90I\xCC\xA3NH", "quyet dinh" },
    { "\xC4\x91\xC6\xB0\xE1\xBB\x9Dng", "duong" },             /* đường */
    { "\xC4\x90\xC6\xAF\xE1\xBB\x9CNG", "duong" },             /* ĐƯỜNG */
    { "Th\xE1\xBB\xA7 t\xC6\xB0\xE1\xBB\x9Bng", "thu tuong" },
    { "Thu\xCC\x89 tu\xCC\x9Bo\xCC\x9B\xCC\x81ng", "thu tuong" },
    /* whitespace: collapse runs, trim both ends, TAB/LF/CR/NBSP count */
    { "  S\xE1\xBB\x9F\t T\xC3\xA0i   ch\xC3\xADnh \r\n", "so tai chinh" },
    { "H\xC3\xA0\xC2\xA0N\xE1\xBB\x99i", "ha noi" },           /* NBSP */
    { "a\n\n\nb", "a b" },
    { "   ", "" },
    { "", "" },
    { "ABC 123", "abc 123" },
    /* a stray leading combining mark is dropped, not left dangling */
    { "\xCC\x81" "a", "a" },
    /* scripts without marks survive; NFD Hangul is recomposed */
    { "\xE4\xB8\xAD\xE6\x96\x87", "\xE4\xB8\xAD\xE6\x96\x87" },
    { "\xED\x95\x9C", "\xED\x95\x9C" },
};

static void test_fold_table(void **state)
{
    size_t i;
    char *r;

    (void)state;
    for (i = 0; i < N_ELEM(s_fold_cases); i++) {
        const struct map_case *c = &s_fold_cases[i];

        r = text_fold(c->in, strlen(c->in));
        assert_non_null(r);
        if (strcmp(r, c->want) != 0)
            fail_msg("fold case %zu: got \"%s\" want \"%s\"", i, r, c->want);
        free(r);
    }
}

/* Folding NFD input gives the same key as folding its NFC form. */
static void test_fold_nfd_equals_nfc(void **state)
{
    size_t i;
    char *a, *b;

    (void)state;
    for (i = 0; i < N_ELEM(s_nfc_cases); i++) {
        const struct map_case *c = &s_nfc_cases[i];

        a = text_fold(c->in, strlen(c->in));
        b = text_fold(c->want, strlen(c->want));
        assert_non_null(a);
        assert_non_null(b);
        if (strcmp(a, b) != 0)
            fail_msg("case %zu: fold(NFD) \"%s\" != fold(NFC) \"%s\"",
                     i, a, b);
        free(a);
        free(b);
    }
}

/* ---- text_width --------------------------------------------------------- */

struct width_case {
    const char *s;
    int w;
};

static const struct width_case s_width_cases[] = {
    { "", 0 },
    { "abc", 3 },
    { "\xC4\x90\xC4\x83ng k\xC3\xBD", 7 },                 /* Đăng ký */
    { "\xC4\x90" "a\xCC\x86ng ky\xCC\x81", 7 },            /* same, NFD */
    { "\xE4\xB8\xAD\xE6\x96\x87", 4 },                     /* 中文 */
    { "\xEF\xBC\xA1", 2 },                                 /* fullwidth A */
    { "\xF0\x9F\x98\x80", 2 },                             /* emoji */
    { "a\xCC\x81", 1 },                                    /* a + acute */
    { "a\xE2\x80\x8B" "b", 2 },                            /* ZWSP */
    { "a\tb", 3 },                                         /* control = 1 */
    { "\xFF", 1 },                                         /* invalid byte */
    { "\xE1\xBA", 2 },                                     /* truncated: 2 */
    { "\xED\xA0\x80", 3 },                                 /* surrogate */
    { "\xED\x95\x9C", 2 },                                 /* 한 NFC */
    { "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", 2 },         /* 한 NFD */
};

static void test_width_table(void **state)
{
    size_t i;

    (void)state;
    assert_int_equal(text_width(NULL), 0);
    for (i = 0; i < N_ELEM(s_width_cases); i++) {
        int w = text_width(s_width_cases[i].s);

        if (w != s_width_cases[i].w)
            fail_msg("width case %zu: got %d want %d", i, w,
                     s_width_cases[i].w);
    }
}

static void test_width_nfd_equals_nfc(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < N_ELEM(s_nfc_cases); i++) {
        const struct map_case *c = &s_nfc_cases[i];

        if (text_width(c->in) != text_width(c->want))
            fail_msg("case %zu: width(NFD) %d != width(NFC) %d", i,
                     text_width(c->in), text_width(c->want));
    }
}

/* ---- text_fit ----------------------------------------------------------- */

struct fit_case {
    const char *s;
    int cols;
    size_t want;
};

static const struct fit_case s_fit_cases[] = {
    { "abc", 2, 2 },
    { "abc", 3, 3 },
    { "abc", 10, 3 },
    { "abc", 0, 0 },
    { "abc", -1, 0 },
    { "", 5, 0 },
    { "\xC4\x90\xC4\x83ng", 1, 2 },                        /* Đ */
    { "\xC4\x90\xC4\x83ng", 2, 4 },                        /* Đă */
    { "\xC4\x90" "a\xCC\x86ng", 2, 5 },                    /* Đ a+breve */
    { "a\xCC\x86\xCC\x83" "b", 1, 5 },                     /* a + 2 marks */
    { "a\xCC\x86\xCC\x83" "b", 0, 0 },
    { "\xE4\xB8\xAD\xE6\x96\x87", 1, 0 },                  /* 中 needs 2 */
    { "\xE4\xB8\xAD\xE6\x96\x87", 3, 3 },
    { "\xE4\xB8\xAD\xE6\x96\x87", 4, 6 },
    { "a\xE4\xB8\xAD", 2, 1 },
    { "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB" "x", 2, 9 },  /* NFD 한 whole */
    { "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB" "x", 1, 0 },
    { "\xFF" "a", 1, 1 },                                  /* invalid byte */
};

static void test_fit_table(void **state)
{
    size_t i, got;

    (void)state;
    assert_int_equal(text_fit(NULL, 5), 0);
    for (i = 0; i < N_ELEM(s_fit_cases); i++) {
        const struct fit_case *c = &s_fit_cases[i];

        got = text_fit(c->s, c->cols);
        if (got != c->want)
            fail_msg("fit case %zu: got %zu want %zu", i, got, c->want);
    }
}

/* True when the bytes at p start a U+0300..U+036F combining mark. */
static bool s_starts_mark(const unsigned char *p)
{
    return (p[0] == 0xCC && p[1] >= 0x80) || (p[0] == 0xCD && p[1] <= 0xAF);
}

/* For every string and every budget: the prefix fits, never ends inside a
 * character or before a combining mark, and is maximal. */
static void test_fit_never_splits(void **state)
{
    static const char *const strs[] = {
        "\xC4\x90\xC3\xA0 N\xE1\xBA\xB5ng",
        ("\xC4\x90" "a\xCC\x80 Na\xCC\x86\xCC\x83ng"),
        "Nguye\xCC\x82\xCC\x83n Va\xCC\x86n An",
        "Thu\xCC\x89 tu\xCC\x9Bo\xCC\x9B\xCC\x81ng",
        "QUY\xE1\xBA\xBET \xC4\x90\xE1\xBB\x8ANH",
        "\xE4\xB8\xAD\xE6\x96\x87 a\xE4\xB8\xAD",
    };
    size_t i, got;
    int cols, total, pw;
    char *prefix;

    (void)state;
    for (i = 0; i < N_ELEM(strs); i++) {
        const unsigned char *s = (const unsigned char *)strs[i];

        total = text_width(strs[i]);
        for (cols = 0; cols <= total + 1; cols++) {
            got = text_fit(strs[i], cols);
            assert_true(got <= strlen(strs[i]));
            /* not inside a UTF-8 sequence */
            if ((s[got] & 0xC0) == 0x80)
                fail_msg("str %zu cols %d: cut inside a character", i, cols);
            /* not between a base and its combining mark */
            if (s[got] != '\0' && s_starts_mark(s + got))
                fail_msg("str %zu cols %d: cut before a mark", i, cols);
            prefix = strndup(strs[i], got);
            assert_non_null(prefix);
            pw = text_width(prefix);
            free(prefix);
            assert_true(pw <= cols);
            if (cols >= total)
                assert_int_equal(got, strlen(strs[i]));
            else
                /* maximal: the next cluster would not have fitted */
                assert_true(text_fit(strs[i] + got, cols - pw) == 0);
        }
    }
}

/* ---- text_clip ---------------------------------------------------------- */

/* For every string and every byte budget: the prefix is within the budget,
 * never ends inside a character or before a combining mark, and is
 * maximal (the next cluster would have passed the budget). */
static void test_clip_never_splits(void **state)
{
    static const char *const strs[] = {
        "\xC4\x90\xC3\xA0 N\xE1\xBA\xB5ng",
        "Nguye\xCC\x82\xCC\x83n Va\xCC\x86n An",
        "\xE1\xBB\x87\xE1\xBB\x87\xE1\xBB\x87",
        "\xE4\xB8\xAD\xE6\x96\x87 a\xE4\xB8\xAD",
        "abc",
    };
    size_t i, max, got, next;

    (void)state;
    assert_int_equal(text_clip(NULL, 5), 0);
    for (i = 0; i < N_ELEM(strs); i++) {
        const unsigned char *s = (const unsigned char *)strs[i];
        size_t len = strlen(strs[i]);

        for (max = 0; max <= len + 1; max++) {
            got = text_clip(strs[i], max);
            assert_true(got <= max && got <= len);
            if ((s[got] & 0xC0) == 0x80)
                fail_msg("str %zu max %zu: cut inside a character", i, max);
            if (s[got] != '\0' && s_starts_mark(s + got))
                fail_msg("str %zu max %zu: cut before a mark", i, max);
            if (max >= len)
                assert_int_equal(got, len);
            else {
                next = text_clip(strs[i] + got, len) ? got + 1 : got;
                while (next < len && ((s[next] & 0xC0) == 0x80 || s_starts_mark(s + next)))
                    next++;
                assert_true(next > max);
            }
        }
    }
    /* "ệệệ" (3 bytes each) in 7 bytes: two whole letters, not 7 bytes */
    assert_int_equal(text_clip(strs[2], 7), 6);
}

/* ---- control and bidi characters --------------------------------------- */

static void test_is_control(void **state)
{
    static const uint32_t yes[] = {
        0x00, 0x09, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9B, 0x9F,
        0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C,
        0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
    };
    static const uint32_t no[] = {
        0x20, 0x41, 0x7E, 0xA0, 0xC3, 0xE0, 0x0110, 0x1EA1, 0x200B, 0x200D,
        0x2027, 0x202F, 0x2065, 0x206A, 0x21B5, 0xFEFF, 0x1F600,
    };
    size_t i;

    (void)state;
    for (i = 0; i < N_ELEM(yes); i++)
        if (!text_is_control(yes[i]))
            fail_msg("U+%04X should be a control", (unsigned)yes[i]);
    for (i = 0; i < N_ELEM(no); i++)
        if (text_is_control(no[i]))
            fail_msg("U+%04X should not be a control", (unsigned)no[i]);
}

struct clean_case {
    const char *s;
    size_t n;
    bool one_line, multi_line;
};

#define CC(lit, one, multi) { lit, sizeof(lit) - 1, one, multi }

static const struct clean_case s_clean_cases[] = {
    CC("", true, true),
    CC("Nguy\xE1\xBB\x85n V\xC4\x83n An", true, true),
    CC("a\nb", false, true),                        /* LF: notes only */
    CC("a\rb", false, false),                       /* CR overwrites */
    CC("a\r\nb", false, false),                     /* normalise first */
    CC("a\tb", false, false),
    CC("\x1B[2J", false, false),
    CC("a\x7F", false, false),
    CC("a\xC2\x85" "b", false, false),              /* NEL (C1) */
    CC("a\xC2\x9B" "2J", false, false),             /* CSI (C1) */
    CC("\xE2\x80\xAE" "fdp.exe", false, false),     /* RLO */
    CC("a\xE2\x81\xA6" "b\xE2\x81\xA9", false, false), /* LRI .. PDI */
    CC("a\xE2\x80\x8F" "b", false, false),          /* RLM */
    CC("a\xD8\x9C" "b", false, false),              /* ALM */
    CC("a\xE2\x80\xA8" "b", false, false),          /* LINE SEPARATOR */
    CC("a\xE2\x80\x8B" "b", true, true),            /* ZWSP is not bidi */
    CC("a\xC2\xA0" "b", true, true),                /* NBSP */
    CC("a\0b", false, false),
    CC("a\xC3", false, false),                      /* invalid UTF-8 */
};

static void test_clean_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < N_ELEM(s_clean_cases); i++) {
        const struct clean_case *c = &s_clean_cases[i];

        if (text_clean(c->s, c->n, false) != c->one_line)
            fail_msg("clean case %zu: one line expected %d", i, c->one_line);
        if (text_clean(c->s, c->n, true) != c->multi_line)
            fail_msg("clean case %zu: multi-line expected %d", i,
                     c->multi_line);
    }
    assert_true(text_clean(NULL, 0, false));
}

static void test_crlf_to_lf(void **state)
{
    static const struct map_case cases[] = {
        { "a\r\nb\r\n", "a\nb\n" },
        { "a\rb", "a\rb" },                 /* a lone CR stays (refused) */
        { "\r\r\n\n", "\r\n\n" },
        { "", "" },
    };
    char buf[32];
    size_t i, n;

    (void)state;
    for (i = 0; i < N_ELEM(cases); i++) {
        snprintf(buf, sizeof buf, "%s", cases[i].in);
        n = text_crlf_to_lf(buf);
        assert_string_equal(buf, cases[i].want);
        assert_int_equal(n, strlen(cases[i].want));
    }
}

struct esc_case {
    const char *in;
    unsigned flags;
    const char *want;
};

static const struct esc_case s_esc_cases[] = {
    { "", 0, "" },
    { "\xC4\x90\xC3\xA0 N\xE1\xBA\xB5ng", 0, "\xC4\x90\xC3\xA0 N\xE1\xBA\xB5ng" },
    { "a\tb\rc\nd", 0, "a\\tb\\rc\\nd" },
    { "a\tb\rc\nd", TEXT_ESC_KEEP_LF, "a\\tb\\rc\nd" },
    { "\x1B[2J\x7F", 0, "\\x1b[2J\\x7f" },
    { "a\xC2\x9B" "b\xC2\x85", 0, "a\\x9bb\\x85" },
    { "\xE2\x80\xAE" "gpj.exe", 0, "\\u202egpj.exe" },
    { "x\xE2\x81\xA6y\xE2\x81\xA9", 0, "x\\u2066y\\u2069" },
    { "\xD8\x9C\xE2\x80\x8E\xE2\x80\x8F\xE2\x80\xA8", 0,
      "\\u061c\\u200e\\u200f\\u2028" },
    { "a\xFF" "b\xC3", 0, "a\\xffb\\xc3" },        /* stray bytes */
    { "a\xE2\x80\x8B" "b", 0, "a\xE2\x80\x8B" "b" }, /* ZWSP kept */
    /* JSON: the characters jansson leaves raw, as \uXXXX */
    { "\xE2\x80\xAE\xE2\x80\xA8\xC2\x85\x7F", TEXT_ESC_JSON,
      "\\u202e\\u2028\\u0085\\u007f" },
    { "a\xFF", TEXT_ESC_JSON, "a\\ufffd" },
};

static void test_escape_table(void **state)
{
    size_t i;
    char *r;

    (void)state;
    for (i = 0; i < N_ELEM(s_esc_cases); i++) {
        const struct esc_case *c = &s_esc_cases[i];

        r = text_escape(c->in, c->flags);
        assert_non_null(r);
        if (strcmp(r, c->want) != 0)
            fail_msg("escape case %zu: got \"%s\" want \"%s\"", i, r,
                     c->want);
        free(r);
    }
}

/* Whatever goes in, what comes out is clean one-line text (clean
 * multi-line with TEXT_ESC_KEEP_LF), as wide as it prints. */
static void test_escape_always_clean(void **state)
{
    char in[4], *r;
    unsigned b0, b1;

    (void)state;
    for (b0 = 1; b0 < 256; b0++)
        for (b1 = 0; b1 < 256; b1 += 5) {
            in[0] = (char)b0;
            in[1] = (char)b1;
            in[2] = 'z';
            in[3] = '\0';
            r = text_escape(in, 0);
            assert_non_null(r);
            if (!text_clean(r, strlen(r), false))
                fail_msg("bytes %02x %02x escaped to unclean text", b0, b1);
            free(r);
            r = text_escape(in, TEXT_ESC_KEEP_LF);
            assert_non_null(r);
            assert_true(text_clean(r, strlen(r), true));
            free(r);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_utf8_table),
        cmocka_unit_test(test_valid_utf8_null),
        cmocka_unit_test(test_nfc_table),
        cmocka_unit_test(test_nfc_slice),
        cmocka_unit_test(test_nfc_grows),
        cmocka_unit_test(test_nfc_fold_large),
        cmocka_unit_test(test_fold_table),
        cmocka_unit_test(test_fold_nfd_equals_nfc),
        cmocka_unit_test(test_width_table),
        cmocka_unit_test(test_width_nfd_equals_nfc),
        cmocka_unit_test(test_fit_table),
        cmocka_unit_test(test_fit_never_splits),
        cmocka_unit_test(test_clip_never_splits),
        cmocka_unit_test(test_is_control),
        cmocka_unit_test(test_clean_table),
        cmocka_unit_test(test_crlf_to_lf),
        cmocka_unit_test(test_escape_table),
        cmocka_unit_test(test_escape_always_clean),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
