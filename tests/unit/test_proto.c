/* test_proto.c — unit tests for shared/proto.c and shared/args.c: the
 * MessagePack codec (round trips, NFC on arrival, rejection of malformed
 * frames, size limits, a mutation fuzz loop), schema checks, the message,
 * error and role tables, and command-line parsing driven by the real
 * message definitions.
 * Non-ASCII text is written as \x escapes (C) or \u escapes (JSON) so the
 * file's own encoding cannot change what is being tested. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <msgpack.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "proto.h"
#include "text.h"

#define N_ELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- allocation watch --------------------------------------------------- */

/* The decoder must not ask for memory out of proportion to the frame it is
 * given. malloc is interposed for this test binary (the executable's
 * definition wins over libc's for every library, msgpack-c included) and
 * forwards to the real allocator: ASan's interceptor in sanitizer builds,
 * glibc's __libc_malloc otherwise. While s_watch is set, the largest request
 * is recorded and requests above WATCH_CAP are refused (NULL, exactly as a
 * failed malloc), so an oversized request shows up as a test failure
 * instead of reserving gigabytes or aborting the whole binary under ASan. */
#define WATCH_CAP ((size_t)64 << 20)

extern void *__libc_malloc(size_t n);
extern void *__interceptor_malloc(size_t n) __attribute__((weak));

static int s_watch;
static size_t s_watch_max;
static unsigned long s_watch_refused;

void *malloc(size_t n)
{
    if (s_watch) {
        if (n > s_watch_max)
            s_watch_max = n;
        if (n > WATCH_CAP) {
            s_watch_refused++;
            return NULL;
        }
    }
    return __interceptor_malloc ? __interceptor_malloc(n) : __libc_malloc(n);
}

/* proto_decode under the watch. */
static proto_err_t s_decode_watched(const void *buf, size_t len, proto_frame_t *f, size_t *max_request)
{
    proto_err_t rc;

    s_watch_max = 0;
    s_watch = 1;
    rc = proto_decode(buf, len, f);
    s_watch = 0;
    if (max_request)
        *max_request = s_watch_max;
    return rc;
}

/* ---- helpers ------------------------------------------------------------ */

/* Parse JSON text (test fixture) or fail the test. Templates of the form
 * <UNIT*N> are expanded first to N copies of UNIT, e.g. "<x*65>" or
 * "<\u1ec5*43>", so long strings can be written inline. */
static json_t *s_json(const char *tmpl)
{
    size_t cap = strlen(tmpl) + 1, n = 0;
    char *out = malloc(cap);
    json_error_t jerr;
    json_t *j;

    assert_non_null(out);
    for (const char *p = tmpl; *p;) {
        const char *star, *close;
        if (*p == '<' && (star = strchr(p, '*')) && (close = strchr(star, '>'))) {
            size_t ul = (size_t)(star - p - 1);
            long reps = strtol(star + 1, NULL, 10);
            cap += ul * (size_t)reps;
            out = realloc(out, cap);
            assert_non_null(out);
            for (long r = 0; r < reps; r++) {
                memcpy(out + n, p + 1, ul);
                n += ul;
            }
            p = close + 1;
        } else {
            out[n++] = *p++;
        }
    }
    out[n] = '\0';
    j = json_loads(out, JSON_DECODE_ANY, &jerr);
    if (!j)
        fail_msg("bad fixture JSON %s: %s", out, jerr.text);
    free(out);
    return j;
}

static void s_assert_json_equal(const json_t *got, const json_t *want, const char *what)
{
    if (!json_equal(got, want)) {
        char *g = got ? json_dumps(got, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
        char *w = json_dumps(want, JSON_COMPACT | JSON_ENCODE_ANY);
        fprintf(stderr, "%s:\n  got  %s\n  want %s\n", what, g ? g : "(null)", w ? w : "(null)");
        free(g);
        free(w);
        fail_msg("%s: JSON differs", what);
    }
}

/* A msgpack buffer to craft frames by hand. */
typedef struct {
    msgpack_sbuffer sb;
    msgpack_packer pk;
} mp_t;

static void mp_init(mp_t *m)
{
    msgpack_sbuffer_init(&m->sb);
    msgpack_packer_init(&m->pk, &m->sb, msgpack_sbuffer_write);
}

static void mp_strn(msgpack_packer *pk, const char *s, size_t n)
{
    msgpack_pack_str(pk, n);
    msgpack_pack_str_body(pk, s, n);
}

static void mp_str(msgpack_packer *pk, const char *s) { mp_strn(pk, s, strlen(s)); }

/* [kind, type, id, ...] — the caller packs the body. */
static void mp_head(msgpack_packer *pk, int kind, int type, uint64_t id)
{
    msgpack_pack_array(pk, 4);
    msgpack_pack_int(pk, kind);
    msgpack_pack_int(pk, type);
    msgpack_pack_uint64(pk, id);
}

/* `levels` nested containers (arrays or single-key maps) around the int 1. */
static void mp_nest(msgpack_packer *pk, int levels, int maps)
{
    for (int i = 0; i < levels; i++) {
        if (maps) {
            msgpack_pack_map(pk, 1);
            mp_str(pk, "k");
        } else {
            msgpack_pack_array(pk, 1);
        }
    }
    msgpack_pack_int(pk, 1);
}

/* The same nesting as a jansson value. */
static json_t *s_nest_json(int levels, int maps)
{
    json_t *v = json_integer(1);
    for (int i = 0; i < levels; i++) {
        json_t *c = maps ? json_object() : json_array();
        if (maps)
            json_object_set_new(c, "k", v);
        else
            json_array_append_new(c, v);
        v = c;
    }
    return v;
}

/* Every string (values and keys) in v is valid UTF-8 and already NFC;
 * nesting below the body is at most PROTO_MAX_DEPTH. */
static void s_assert_clean(const json_t *v, int depth)
{
    const char *k;
    json_t *x;
    size_t i, len;
    char *nfc;

    assert_true(depth <= PROTO_MAX_DEPTH);
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        json_object_foreach((json_t *)v, k, x)
        {
            nfc = text_nfc(k, strlen(k), NULL);
            assert_non_null(nfc);
            assert_string_equal(nfc, k);
            free(nfc);
            s_assert_clean(x, depth + 1);
        }
        break;
    case JSON_ARRAY:
        json_array_foreach(v, i, x) s_assert_clean(x, depth + 1);
        break;
    case JSON_STRING:
        nfc = text_nfc(json_string_value(v), json_string_length(v), &len);
        assert_non_null(nfc);
        assert_int_equal(len, json_string_length(v));
        assert_memory_equal(nfc, json_string_value(v), len);
        free(nfc);
        break;
    default: break;
    }
}

/* ---- round trips -------------------------------------------------------- */

/* Every JSON scalar and container type, integers at every msgpack width
 * boundary (both signs), UTF-8 from 1 to 4 bytes, empty containers. */
#define RICH_BODY                                                                       \
    "{\"a\":{\"b\":{\"c\":[0,1,-1,127,128,-32,-33,255,256,-128,-129,65535,65536,"       \
    "-32768,-32769,4294967295,4294967296,-2147483648,-2147483649,"                      \
    "9223372036854775807,-9223372036854775808]}},"                                      \
    "\"t\":true,\"f\":false,\"n\":null,\"e\":\"\",\"r\":1.5,\"neg\":-0.25,"            \
    "\"s\":\"\\u0110\\u00e0 N\\u1eb5ng\",\"emoji\":\"\\ud83d\\ude00\","                \
    "\"arr\":[[],{},[null,true,false,\"x\",{\"k\":[1,2,{\"z\":\"\\u4e2d\\u6587\"}]}]]," \
    "\"T\\u00ean\":\"Nguy\\u1ec5n V\\u0103n An\"}"

/* Decomposed Vietnamese in keys, values and nested arrays; the second and
 * third strings have their marks in non-canonical order. */
#define NFD_BODY                                                                        \
    "{\"name\":\"Nguye\\u0302\\u0303n Va\\u0306n An\","                                 \
    "\"list\":[\"Vie\\u0302\\u0323t Nam\",{\"q\":\"QUYE\\u0302\\u0301T \\u0110I\\u0323NH\"}]," \
    "\"Thu\\u0309 tu\\u031bo\\u031b\\u0301ng\":1}"
#define NFD_BODY_NFC                                                                    \
    "{\"name\":\"Nguy\\u1ec5n V\\u0103n An\","                                          \
    "\"list\":[\"Vi\\u1ec7t Nam\",{\"q\":\"QUY\\u1ebeT \\u0110\\u1ecaNH\"}],"            \
    "\"Th\\u1ee7 t\\u01b0\\u1edbng\":1}"

struct rt_case {
    proto_kind_t kind;
    int type;
    uint64_t id;
    const char *body; /* NULL: encode a NULL body */
    const char *want; /* NULL: same as body ("{}" when body is NULL) */
};

static const struct rt_case s_rt_cases[] = {
    { K_REQUEST, MSG_login, 1, "{\"user\":\"lan.nt\",\"password\":\"m\\u1eadt kh\\u1ea9u\"}", NULL },
    { K_REQUEST, MSG_ping, 0, NULL, "{}" },
    { K_REQUEST, MSG_user_add, UINT64_MAX, RICH_BODY, NULL },
    { K_REQUEST, MSG_user_add, 77, NFD_BODY, NFD_BODY_NFC },
    { K_REPLY, MSG_whoami, 42, RICH_BODY, NULL },
    { K_REPLY, MSG_logout, 43, "{}", NULL },
    { K_REPLY, MSG_unit_list, (uint64_t)UINT32_MAX + 1,
      "{\"units\":[{\"code\":\"000.00.00.H12\",\"name\":\"S\\u1edf\",\"path\":\"/1/\",\"parent\":null}]}", NULL },
    { K_REPLY, MSG_user_add, 5, NFD_BODY, NFD_BODY_NFC },
    { K_ERROR, MSG_login, 44, "{\"code\":\"bad_login\",\"message\":\"Sai t\\u00ean\"}", NULL },
    { K_ERROR, MSG_user_add, 45, "{\"code\":\"invalid\",\"message\":\"x\",\"field\":\"roles\"}", NULL },
    { K_ERROR, MSG_device_revoke, 46, NFD_BODY, NFD_BODY_NFC },
    { K_EVENT, EV_org_changed, 0, "{}", NULL },
    { K_EVENT, EV_notice, 0, "{\"text\":\"H\\u1ecdp l\\u00fac 14h\",\"n\":[1,-2,3]}", NULL },
    { K_EVENT, EV_session_ended, 0, RICH_BODY, NULL },
    { K_EVENT, 65535, 9, NFD_BODY, NFD_BODY_NFC },
};

static void test_roundtrip_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEM(s_rt_cases); i++) {
        const struct rt_case *c = &s_rt_cases[i];
        json_t *body = c->body ? s_json(c->body) : NULL;
        json_t *want = s_json(c->want ? c->want : c->body ? c->body : "{}");
        proto_frame_t f;
        size_t len = 0;
        void *buf = proto_encode(c->kind, c->type, c->id, body, &len);
        char what[64];

        snprintf(what, sizeof what, "round trip case %zu", i);
        if (!buf)
            fail_msg("%s: encode failed", what);
        assert_true(len > 0 && len <= PROTO_MAX_FRAME);
        if (proto_decode(buf, len, &f) != E_OK)
            fail_msg("%s: decode failed", what);
        assert_int_equal(f.kind, c->kind);
        assert_int_equal(f.type, c->type);
        assert_true(f.id == c->id);
        assert_non_null(f.body);
        assert_true(json_is_object(f.body));
        s_assert_json_equal(f.body, want, what);
        s_assert_clean(f.body, 0);
        proto_frame_clear(&f);
        assert_null(f.body);
        free(buf);
        json_decref(body);
        json_decref(want);
    }
}

/* The error body built by proto_error_body survives the wire. */
static void test_roundtrip_error_body(void **state)
{
    (void)state;
    for (int e = 0; e < E__COUNT; e++) {
        json_t *b = proto_error_body((proto_err_t)e, e % 2 ? "user" : NULL);
        proto_frame_t f;
        size_t len;
        void *buf;

        assert_non_null(b);
        assert_string_equal(json_string_value(json_object_get(b, "code")), proto_err_code((proto_err_t)e));
        assert_string_equal(json_string_value(json_object_get(b, "message")), proto_err_msg((proto_err_t)e));
        if (e % 2)
            assert_string_equal(json_string_value(json_object_get(b, "field")), "user");
        else
            assert_null(json_object_get(b, "field"));
        buf = proto_encode(K_ERROR, MSG_login, (uint64_t)e, b, &len);
        assert_non_null(buf);
        assert_int_equal(proto_decode(buf, len, &f), E_OK);
        assert_int_equal(f.kind, K_ERROR);
        s_assert_json_equal(f.body, b, "error body");
        assert_int_equal(proto_err_from_code(json_string_value(json_object_get(f.body, "code"))), e);
        proto_frame_clear(&f);
        free(buf);
        json_decref(b);
    }
}

/* Nesting exactly PROTO_MAX_DEPTH below the body is accepted by both sides;
 * one level more is refused by both. */
static void test_depth_limit(void **state)
{
    (void)state;
    for (int maps = 0; maps <= 1; maps++) {
        for (int levels = PROTO_MAX_DEPTH - 2; levels <= PROTO_MAX_DEPTH + 3; levels++) {
            /* body {"a": <levels containers> 1}: the innermost 1 sits at
             * depth levels + 1 below the body. */
            json_t *body = json_object();
            bool ok = levels + 1 <= PROTO_MAX_DEPTH;
            proto_frame_t f;
            size_t len;
            void *buf;
            mp_t m;

            json_object_set_new(body, "a", s_nest_json(levels, maps));
            buf = proto_encode(K_REQUEST, MSG_ping, 3, body, &len);
            if ((buf != NULL) != ok)
                fail_msg("maps=%d levels=%d: encode %s", maps, levels, buf ? "accepted" : "refused");
            if (buf) {
                assert_int_equal(proto_decode(buf, len, &f), E_OK);
                s_assert_json_equal(f.body, body, "deep body");
                proto_frame_clear(&f);
                free(buf);
            }

            mp_init(&m);
            mp_head(&m.pk, K_REQUEST, MSG_ping, 3);
            msgpack_pack_map(&m.pk, 1);
            mp_str(&m.pk, "a");
            mp_nest(&m.pk, levels, maps);
            if ((proto_decode(m.sb.data, m.sb.size, &f) == E_OK) != ok)
                fail_msg("maps=%d levels=%d: decode disagrees (want %s)", maps, levels, ok ? "ok" : "malformed");
            if (ok)
                s_assert_json_equal(f.body, body, "deep body (hand-made)");
            else {
                assert_null(f.body);
                assert_true(f.id == 3);
            }
            proto_frame_clear(&f);
            msgpack_sbuffer_destroy(&m.sb);
            json_decref(body);
        }
    }
}

/* ---- malformed frames, table-driven ------------------------------------- */

#define ID_ANY UINT64_MAX

typedef void (*build_fn)(msgpack_packer *pk);

static void b_ok_min(msgpack_packer *pk) { mp_head(pk, K_REQUEST, MSG_ping, 42); msgpack_pack_map(pk, 0); }
static void b_ok_kind_event(msgpack_packer *pk) { mp_head(pk, K_EVENT, 65535, 42); msgpack_pack_map(pk, 0); }
static void b_ok_depth(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_str(pk, "a");
    mp_nest(pk, PROTO_MAX_DEPTH - 1, 0);
}
static void b_ok_nfc_distinct(msgpack_packer *pk)
{
    /* "e" + acute and "e" alone are different keys even after NFC */
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 2);
    mp_str(pk, "e\xCC\x81");
    msgpack_pack_int(pk, 1);
    mp_str(pk, "e");
    msgpack_pack_int(pk, 2);
}
static void b_top_map(msgpack_packer *pk) { msgpack_pack_map(pk, 0); }
static void b_top_int(msgpack_packer *pk) { msgpack_pack_int(pk, 5); }
static void b_top_str(msgpack_packer *pk) { mp_str(pk, "hello"); }
static void b_top_nil(msgpack_packer *pk) { msgpack_pack_nil(pk); }
static void b_top_bin(msgpack_packer *pk) { msgpack_pack_bin(pk, 4); msgpack_pack_bin_body(pk, "\x94\x00\x01\x2a", 4); }
static void b_top_ext(msgpack_packer *pk) { msgpack_pack_ext(pk, 4, 1); msgpack_pack_ext_body(pk, "abcd", 4); }
static void b_arr0(msgpack_packer *pk) { msgpack_pack_array(pk, 0); }
static void b_arr3(msgpack_packer *pk)
{
    msgpack_pack_array(pk, 3);
    msgpack_pack_int(pk, 0);
    msgpack_pack_int(pk, 1);
    msgpack_pack_int(pk, 42);
}
static void b_arr5(msgpack_packer *pk)
{
    msgpack_pack_array(pk, 5);
    msgpack_pack_int(pk, 0);
    msgpack_pack_int(pk, 1);
    msgpack_pack_int(pk, 42);
    msgpack_pack_map(pk, 0);
    msgpack_pack_int(pk, 0);
}
static void b_kind4(msgpack_packer *pk) { mp_head(pk, 4, MSG_ping, 42); msgpack_pack_map(pk, 0); }
static void b_kind255(msgpack_packer *pk) { mp_head(pk, 255, MSG_ping, 42); msgpack_pack_map(pk, 0); }
static void b_kind_neg(msgpack_packer *pk) { mp_head(pk, -1, MSG_ping, 42); msgpack_pack_map(pk, 0); }
static void b_kind_str(msgpack_packer *pk)
{
    msgpack_pack_array(pk, 4);
    mp_str(pk, "0");
    msgpack_pack_int(pk, 1);
    msgpack_pack_int(pk, 42);
    msgpack_pack_map(pk, 0);
}
static void b_kind_bool(msgpack_packer *pk)
{
    msgpack_pack_array(pk, 4);
    msgpack_pack_false(pk);
    msgpack_pack_int(pk, 1);
    msgpack_pack_int(pk, 42);
    msgpack_pack_map(pk, 0);
}
static void b_type_big(msgpack_packer *pk) { mp_head(pk, K_REQUEST, 65536, 42); msgpack_pack_map(pk, 0); }
static void b_type_neg(msgpack_packer *pk) { mp_head(pk, K_REQUEST, -1, 42); msgpack_pack_map(pk, 0); }
static void b_type_float(msgpack_packer *pk)
{
    msgpack_pack_array(pk, 4);
    msgpack_pack_int(pk, 0);
    msgpack_pack_double(pk, 1.0);
    msgpack_pack_int(pk, 42);
    msgpack_pack_map(pk, 0);
}
static void b_id_neg(msgpack_packer *pk)
{
    msgpack_pack_array(pk, 4);
    msgpack_pack_int(pk, 0);
    msgpack_pack_int(pk, 1);
    msgpack_pack_int(pk, -42);
    msgpack_pack_map(pk, 0);
}
static void b_id_str(msgpack_packer *pk)
{
    msgpack_pack_array(pk, 4);
    msgpack_pack_int(pk, 0);
    msgpack_pack_int(pk, 1);
    mp_str(pk, "42");
    msgpack_pack_map(pk, 0);
}
static void b_id_bin(msgpack_packer *pk)
{
    msgpack_pack_array(pk, 4);
    msgpack_pack_int(pk, 0);
    msgpack_pack_int(pk, 1);
    msgpack_pack_bin(pk, 1);
    msgpack_pack_bin_body(pk, "\x2a", 1);
    msgpack_pack_map(pk, 0);
}
static void b_body_arr(msgpack_packer *pk) { mp_head(pk, K_REQUEST, MSG_ping, 42); msgpack_pack_array(pk, 0); }
static void b_body_nil(msgpack_packer *pk) { mp_head(pk, K_REQUEST, MSG_ping, 42); msgpack_pack_nil(pk); }
static void b_body_str(msgpack_packer *pk) { mp_head(pk, K_REQUEST, MSG_ping, 42); mp_str(pk, "{}"); }
static void b_body_int(msgpack_packer *pk) { mp_head(pk, K_REQUEST, MSG_ping, 42); msgpack_pack_int(pk, 0); }
static void b_body_bin(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_bin(pk, 1);
    msgpack_pack_bin_body(pk, "\x80", 1);
}
static void b_key_int(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    msgpack_pack_int(pk, 1);
    mp_str(pk, "x");
}
static void b_key_nil(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    msgpack_pack_nil(pk);
    mp_str(pk, "x");
}
static void b_key_bin(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    msgpack_pack_bin(pk, 4);
    msgpack_pack_bin_body(pk, "user", 4);
    mp_str(pk, "x");
}
static void b_key_map(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    msgpack_pack_map(pk, 0);
    mp_str(pk, "x");
}
static void b_key_int_nested(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_str(pk, "a");
    msgpack_pack_array(pk, 1);
    msgpack_pack_map(pk, 2);
    mp_str(pk, "ok");
    msgpack_pack_int(pk, 1);
    msgpack_pack_true(pk);
    msgpack_pack_int(pk, 2);
}
static void b_dup(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 2);
    mp_str(pk, "a");
    msgpack_pack_int(pk, 1);
    mp_str(pk, "a");
    msgpack_pack_int(pk, 2);
}
static void b_dup_same_value(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 3);
    mp_str(pk, "payload");
    mp_str(pk, "x");
    mp_str(pk, "b");
    msgpack_pack_nil(pk);
    mp_str(pk, "payload");
    mp_str(pk, "x");
}
static void b_dup_nested(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_str(pk, "a");
    msgpack_pack_map(pk, 2);
    mp_str(pk, "k");
    msgpack_pack_nil(pk);
    mp_str(pk, "k");
    msgpack_pack_nil(pk);
}
static void b_dup_after_nfc(msgpack_packer *pk)
{
    /* U+00E9 and e + U+0301 are the same key once normalised */
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 2);
    mp_str(pk, "\xC3\xA9");
    msgpack_pack_int(pk, 1);
    mp_str(pk, "e\xCC\x81");
    msgpack_pack_int(pk, 2);
}
static void b_dup_empty(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 2);
    mp_str(pk, "");
    msgpack_pack_int(pk, 1);
    mp_str(pk, "");
    msgpack_pack_int(pk, 2);
}
static void s_body_str(msgpack_packer *pk, const char *s, size_t n)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_str(pk, "payload");
    mp_strn(pk, s, n);
}
static void b_utf8_trunc(msgpack_packer *pk) { s_body_str(pk, "a\xC3", 2); }
static void b_utf8_ff(msgpack_packer *pk) { s_body_str(pk, "\xFF", 1); }
static void b_utf8_overlong(msgpack_packer *pk) { s_body_str(pk, "\xC0\xAF", 2); }
static void b_utf8_surrogate(msgpack_packer *pk) { s_body_str(pk, "\xED\xA0\x80", 3); }
static void b_utf8_above(msgpack_packer *pk) { s_body_str(pk, "\xF4\x90\x80\x80", 4); }
static void b_utf8_cont(msgpack_packer *pk) { s_body_str(pk, "a\x80" "b", 3); }
static void b_utf8_nul(msgpack_packer *pk) { s_body_str(pk, "a\0b", 3); }
static void b_utf8_ctrl(msgpack_packer *pk) { s_body_str(pk, "\x1B[2J", 4); }
static void b_utf8_key(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_strn(pk, "us\xFF" "er", 5);
    mp_str(pk, "x");
}
static void b_utf8_nested(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_str(pk, "a");
    msgpack_pack_array(pk, 3);
    msgpack_pack_int(pk, 1);
    mp_str(pk, "ok");
    msgpack_pack_map(pk, 1);
    mp_str(pk, "b");
    mp_strn(pk, "\xE1\xBA", 2);
}
static void b_deep_arrays(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_str(pk, "a");
    mp_nest(pk, PROTO_MAX_DEPTH, 0);
}
static void b_deep_maps(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_str(pk, "a");
    mp_nest(pk, PROTO_MAX_DEPTH, 1);
}
static void b_deep_empty(msgpack_packer *pk)
{
    /* the deepest level is an empty container one level too deep */
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_str(pk, "a");
    for (int i = 0; i < PROTO_MAX_DEPTH; i++)
        msgpack_pack_array(pk, 1);
    msgpack_pack_map(pk, 0);
}
static void b_deep_100(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_str(pk, "a");
    mp_nest(pk, 100, 0);
}
static void b_deep_1000(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_str(pk, "a");
    mp_nest(pk, 1000, 1);
}
static void b_bin_value(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_str(pk, "payload");
    msgpack_pack_bin(pk, 3);
    msgpack_pack_bin_body(pk, "abc", 3);
}
static void b_bin_empty(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_str(pk, "payload");
    msgpack_pack_bin(pk, 0);
}
static void b_bin_in_array(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_str(pk, "a");
    msgpack_pack_array(pk, 2);
    mp_str(pk, "ok");
    msgpack_pack_bin(pk, 2);
    msgpack_pack_bin_body(pk, "\x00\x01", 2);
}
static void b_ext_value(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_str(pk, "payload");
    msgpack_pack_ext(pk, 3, 7);
    msgpack_pack_ext_body(pk, "abc", 3);
}
static void b_ext_fix(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_str(pk, "payload");
    msgpack_pack_ext(pk, 16, 1); /* fixext 16 */
    msgpack_pack_ext_body(pk, "0123456789abcdef", 16);
}
static void b_ext_timestamp(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_str(pk, "when");
    msgpack_pack_ext(pk, 4, -1); /* timestamp 32 */
    msgpack_pack_ext_body(pk, "\x65\x00\x00\x00", 4);
}
static void b_ext_in_array(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_str(pk, "a");
    msgpack_pack_array(pk, 1);
    msgpack_pack_ext(pk, 1, 2);
    msgpack_pack_ext_body(pk, "z", 1);
}
static void b_u64_big(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_str(pk, "n");
    msgpack_pack_uint64(pk, (uint64_t)INT64_MAX + 1);
}
static void b_nan(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_str(pk, "r");
    msgpack_pack_double(pk, NAN);
}
static void b_inf(msgpack_packer *pk)
{
    mp_head(pk, K_REQUEST, MSG_ping, 42);
    msgpack_pack_map(pk, 1);
    mp_str(pk, "r");
    msgpack_pack_float(pk, -INFINITY);
}

struct bad_case {
    const char *name;
    build_fn build;
    proto_err_t want;
    uint64_t want_id; /* ID_ANY: not checked */
};

static const struct bad_case s_bad_cases[] = {
    /* controls: well-formed frames next to the malformed ones */
    { "minimal request", b_ok_min, E_OK, 42 },
    { "event, largest type", b_ok_kind_event, E_OK, 42 },
    { "nesting at the limit", b_ok_depth, E_OK, 42 },
    { "NFD key next to a different key", b_ok_nfc_distinct, E_OK, 42 },
    /* envelope */
    { "top-level map", b_top_map, E_MALFORMED, 0 },
    { "top-level int", b_top_int, E_MALFORMED, 0 },
    { "top-level string", b_top_str, E_MALFORMED, 0 },
    { "top-level nil", b_top_nil, E_MALFORMED, 0 },
    { "top-level BIN", b_top_bin, E_MALFORMED, 0 },
    { "top-level EXT", b_top_ext, E_MALFORMED, 0 },
    { "empty array", b_arr0, E_MALFORMED, 0 },
    { "array of 3", b_arr3, E_MALFORMED, ID_ANY },
    { "array of 5", b_arr5, E_MALFORMED, ID_ANY },
    { "kind 4", b_kind4, E_MALFORMED, 42 },
    { "kind 255", b_kind255, E_MALFORMED, 42 },
    { "kind -1", b_kind_neg, E_MALFORMED, 42 },
    { "kind a string", b_kind_str, E_MALFORMED, 42 },
    { "kind a bool", b_kind_bool, E_MALFORMED, 42 },
    { "type 65536", b_type_big, E_MALFORMED, 42 },
    { "type -1", b_type_neg, E_MALFORMED, 42 },
    { "type a float", b_type_float, E_MALFORMED, 42 },
    { "id negative", b_id_neg, E_MALFORMED, 0 },
    { "id a string", b_id_str, E_MALFORMED, 0 },
    { "id BIN", b_id_bin, E_MALFORMED, 0 },
    /* body */
    { "body an array", b_body_arr, E_MALFORMED, 42 },
    { "body nil", b_body_nil, E_MALFORMED, 42 },
    { "body a string", b_body_str, E_MALFORMED, 42 },
    { "body an int", b_body_int, E_MALFORMED, 42 },
    { "body BIN", b_body_bin, E_MALFORMED, 42 },
    { "int key", b_key_int, E_MALFORMED, 42 },
    { "nil key", b_key_nil, E_MALFORMED, 42 },
    { "BIN key", b_key_bin, E_MALFORMED, 42 },
    { "map key", b_key_map, E_MALFORMED, 42 },
    { "bool key in a nested map", b_key_int_nested, E_MALFORMED, 42 },
    { "duplicate keys", b_dup, E_MALFORMED, 42 },
    { "duplicate keys, same value", b_dup_same_value, E_MALFORMED, 42 },
    { "duplicate keys, nested map", b_dup_nested, E_MALFORMED, 42 },
    { "duplicate keys after NFC", b_dup_after_nfc, E_MALFORMED, 42 },
    { "duplicate empty keys", b_dup_empty, E_MALFORMED, 42 },
    { "UTF-8 truncated", b_utf8_trunc, E_MALFORMED, 42 },
    { "UTF-8 0xFF", b_utf8_ff, E_MALFORMED, 42 },
    { "UTF-8 overlong", b_utf8_overlong, E_MALFORMED, 42 },
    { "UTF-8 surrogate", b_utf8_surrogate, E_MALFORMED, 42 },
    { "UTF-8 above U+10FFFF", b_utf8_above, E_MALFORMED, 42 },
    { "UTF-8 stray continuation", b_utf8_cont, E_MALFORMED, 42 },
    { "embedded NUL", b_utf8_nul, E_MALFORMED, 42 },
    { "ESC control", b_utf8_ctrl, E_MALFORMED, 42 },
    { "invalid UTF-8 key", b_utf8_key, E_MALFORMED, 42 },
    { "invalid UTF-8 nested", b_utf8_nested, E_MALFORMED, 42 },
    { "arrays one too deep", b_deep_arrays, E_MALFORMED, 42 },
    { "maps one too deep", b_deep_maps, E_MALFORMED, 42 },
    { "empty container one too deep", b_deep_empty, E_MALFORMED, 42 },
    { "100 levels", b_deep_100, E_MALFORMED, ID_ANY },
    { "1000 levels", b_deep_1000, E_MALFORMED, ID_ANY },
    { "BIN value", b_bin_value, E_MALFORMED, 42 },
    { "empty BIN value", b_bin_empty, E_MALFORMED, 42 },
    { "BIN in array", b_bin_in_array, E_MALFORMED, 42 },
    { "EXT value", b_ext_value, E_MALFORMED, 42 },
    { "fixext 16", b_ext_fix, E_MALFORMED, 42 },
    { "timestamp EXT", b_ext_timestamp, E_MALFORMED, 42 },
    { "EXT in array", b_ext_in_array, E_MALFORMED, 42 },
    { "uint64 above INT64_MAX", b_u64_big, E_MALFORMED, 42 },
    { "NaN", b_nan, E_MALFORMED, 42 },
    { "-inf", b_inf, E_MALFORMED, 42 },
};

static void test_malformed_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEM(s_bad_cases); i++) {
        const struct bad_case *c = &s_bad_cases[i];
        proto_frame_t f;
        proto_err_t rc;
        mp_t m;

        mp_init(&m);
        c->build(&m.pk);
        memset(&f, 0xA5, sizeof f); /* decode must initialise everything */
        rc = proto_decode(m.sb.data, m.sb.size, &f);
        if (rc != c->want)
            fail_msg("\"%s\": got %s want %s", c->name, proto_err_code(rc), proto_err_code(c->want));
        if (c->want_id != ID_ANY && f.id != c->want_id)
            fail_msg("\"%s\": id %llu want %llu", c->name, (unsigned long long)f.id,
                     (unsigned long long)c->want_id);
        if (rc == E_OK) {
            assert_true(json_is_object(f.body));
            s_assert_clean(f.body, 0);
        } else {
            if (f.body)
                fail_msg("\"%s\": body left set after failure", c->name);
            assert_int_equal(f.kind, 0);
            assert_int_equal(f.type, 0);
        }
        proto_frame_clear(&f);
        msgpack_sbuffer_destroy(&m.sb);
    }
}

static void test_decode_empty(void **state)
{
    proto_frame_t f;
    char one = 0;

    (void)state;
    assert_int_equal(proto_decode(&one, 0, &f), E_MALFORMED);
    assert_null(f.body);
    assert_true(f.id == 0);
    assert_int_equal(proto_decode(NULL, 0, &f), E_MALFORMED);
    assert_null(f.body);
}

/* A frame used by the truncation and fuzz tests: every type, nested. */
static void *s_rich_frame(size_t *len)
{
    json_t *body = s_json(RICH_BODY);
    void *buf = proto_encode(K_REQUEST, MSG_user_add, 0x1122334455667788ULL, body, len);
    assert_non_null(buf);
    json_decref(body);
    return buf;
}

/* Every proper prefix of a valid frame is malformed, never a crash. */
static void test_truncated_prefixes(void **state)
{
    size_t len;
    unsigned char *full = s_rich_frame(&len);
    proto_frame_t f;

    (void)state;
    assert_int_equal(proto_decode(full, len, &f), E_OK);
    proto_frame_clear(&f);
    for (size_t n = 0; n < len; n++) {
        /* copy to an exact-size heap buffer so ASan sees any over-read */
        unsigned char *p = malloc(n ? n : 1);
        proto_err_t rc;

        assert_non_null(p);
        memcpy(p, full, n);
        rc = proto_decode(p, n, &f);
        if (rc != E_MALFORMED)
            fail_msg("prefix of %zu/%zu bytes: got %s", n, len, proto_err_code(rc));
        assert_null(f.body);
        proto_frame_clear(&f);
        free(p);
    }
    free(full);
}

static void test_trailing_garbage(void **state)
{
    static const struct {
        const char *bytes;
        size_t n;
    } tails[] = {
        { "\x00", 1 }, { "\xC0", 1 }, { "\xC1", 1 }, { "\x80", 1 }, { "\x90", 1 },
        { "\xFF\xFF\xFF\xFF", 4 }, { "\x94\x00\x02\x01\x80", 5 }, /* a second frame */
        { "\xDB\xFF\xFF\xFF\xFF", 5 }, /* a truncated huge string */
    };
    size_t len;
    unsigned char *frame = s_rich_frame(&len);

    (void)state;
    for (size_t i = 0; i < N_ELEM(tails); i++) {
        unsigned char *p = malloc(len + tails[i].n);
        proto_frame_t f;
        proto_err_t rc;

        assert_non_null(p);
        memcpy(p, frame, len);
        memcpy(p + len, tails[i].bytes, tails[i].n);
        rc = proto_decode(p, len + tails[i].n, &f);
        if (rc != E_MALFORMED)
            fail_msg("tail %zu: got %s", i, proto_err_code(rc));
        assert_null(f.body);
        free(p);
    }
    /* the frame twice in a row */
    {
        unsigned char *p = malloc(2 * len);
        proto_frame_t f;

        assert_non_null(p);
        memcpy(p, frame, len);
        memcpy(p + len, frame, len);
        assert_int_equal(proto_decode(p, 2 * len, &f), E_MALFORMED);
        assert_null(f.body);
        free(p);
    }
    free(frame);
}

/* The id of a frame whose envelope is readable but whose body is not is
 * recovered so the error can be answered. */
static void test_id_recovered(void **state)
{
    static const uint64_t ids[] = { 1, 42, 0xFFFF, 0x100000000ULL, UINT64_MAX };

    (void)state;
    for (size_t i = 0; i < N_ELEM(ids); i++) {
        proto_frame_t f;
        mp_t m;

        /* invalid UTF-8 in the body */
        mp_init(&m);
        mp_head(&m.pk, K_REQUEST, MSG_login, ids[i]);
        msgpack_pack_map(&m.pk, 1);
        mp_str(&m.pk, "user");
        mp_strn(&m.pk, "\xC3\x28", 2);
        assert_int_equal(proto_decode(m.sb.data, m.sb.size, &f), E_MALFORMED);
        assert_true(f.id == ids[i]);
        assert_null(f.body);
        msgpack_sbuffer_destroy(&m.sb);

        /* an unknown kind */
        mp_init(&m);
        mp_head(&m.pk, 9, MSG_login, ids[i]);
        msgpack_pack_map(&m.pk, 0);
        assert_int_equal(proto_decode(m.sb.data, m.sb.size, &f), E_MALFORMED);
        assert_true(f.id == ids[i]);
        msgpack_sbuffer_destroy(&m.sb);

        /* a body that is not a map */
        mp_init(&m);
        mp_head(&m.pk, K_REQUEST, MSG_login, ids[i]);
        msgpack_pack_array(&m.pk, 0);
        assert_int_equal(proto_decode(m.sb.data, m.sb.size, &f), E_MALFORMED);
        assert_true(f.id == ids[i]);
        msgpack_sbuffer_destroy(&m.sb);
    }
}

/* ---- size limits -------------------------------------------------------- */

/* Body {"p": "xxx..."} of n bytes of string. */
static json_t *s_big_body(size_t n)
{
    char *s = malloc(n + 1);
    json_t *b;

    assert_non_null(s);
    memset(s, 'x', n);
    s[n] = '\0';
    b = json_pack("{s:s}", "p", s);
    free(s);
    assert_non_null(b);
    return b;
}

static void test_too_large(void **state)
{
    const size_t probe = 100000; /* str32 header, like the boundary sizes */
    size_t len = 0, overhead, n;
    json_t *body;
    void *buf;
    unsigned char *big;
    proto_frame_t f;

    (void)state;
    /* what the envelope costs around a str32 payload */
    body = s_big_body(probe);
    buf = proto_encode(K_REQUEST, MSG_ping, 7, body, &len);
    assert_non_null(buf);
    overhead = len - probe;
    free(buf);
    json_decref(body);

    /* exactly PROTO_MAX_FRAME bytes: encoded and decoded */
    n = PROTO_MAX_FRAME - overhead;
    body = s_big_body(n);
    buf = proto_encode(K_REQUEST, MSG_ping, 7, body, &len);
    assert_non_null(buf);
    assert_int_equal(len, PROTO_MAX_FRAME);
    assert_int_equal(proto_decode(buf, len, &f), E_OK);
    assert_int_equal(json_string_length(json_object_get(f.body, "p")), n);
    proto_frame_clear(&f);
    free(buf);
    json_decref(body);

    /* one byte more: refused by the encoder */
    body = s_big_body(n + 1);
    len = 0;
    assert_null(proto_encode(K_REQUEST, MSG_ping, 7, body, &len));
    json_decref(body);
    /* far more */
    body = s_big_body(2 * PROTO_MAX_FRAME);
    assert_null(proto_encode(K_REPLY, MSG_ping, 7, body, &len));
    json_decref(body);
    /* many small values adding up */
    body = json_array();
    for (int i = 0; i < PROTO_MAX_FRAME / 4; i++)
        json_array_append_new(body, json_string("abc"));
    {
        json_t *o = json_object();
        json_object_set_new(o, "a", body);
        assert_null(proto_encode(K_REPLY, MSG_ping, 7, o, &len));
        json_decref(o);
    }

    /* the decoder refuses anything longer than PROTO_MAX_FRAME, whatever
     * the bytes: a valid frame padded, and zeros */
    body = s_big_body(16);
    buf = proto_encode(K_REQUEST, MSG_ping, 7, body, &len);
    assert_non_null(buf);
    big = calloc(1, PROTO_MAX_FRAME + 4096);
    assert_non_null(big);
    memcpy(big, buf, len);
    assert_int_equal(proto_decode(big, PROTO_MAX_FRAME + 1, &f), E_TOO_LARGE);
    assert_null(f.body);
    assert_int_equal(proto_decode(big, PROTO_MAX_FRAME + 4096, &f), E_TOO_LARGE);
    assert_null(f.body);
    /* and at the limit the padding is ordinary trailing garbage */
    assert_int_equal(proto_decode(big, PROTO_MAX_FRAME, &f), E_MALFORMED);
    free(big);
    free(buf);
    json_decref(body);
}

/* ---- mutation fuzz ------------------------------------------------------ */

static unsigned long s_fuzz_decodes, s_fuzz_ok;

static void s_fuzz_one(const unsigned char *p, size_t n)
{
    /* exact-size copy so ASan catches any over-read */
    unsigned char *copy = malloc(n ? n : 1);
    proto_frame_t f;
    proto_err_t rc;

    assert_non_null(copy);
    memcpy(copy, p, n);
    rc = s_decode_watched(copy, n, &f, NULL);
    s_fuzz_decodes++;
    if (rc == E_OK) {
        proto_frame_t g;
        size_t len2;
        void *again;

        s_fuzz_ok++;
        assert_true(f.kind <= K_EVENT);
        assert_true(f.type >= 0 && f.type <= 65535);
        assert_true(json_is_object(f.body));
        s_assert_clean(f.body, 0);
        /* whatever decodes re-encodes and decodes to the same value */
        again = proto_encode(f.kind, f.type, f.id, f.body, &len2);
        assert_non_null(again);
        assert_int_equal(proto_decode(again, len2, &g), E_OK);
        assert_int_equal(g.kind, f.kind);
        assert_int_equal(g.type, f.type);
        assert_true(g.id == f.id);
        assert_true(json_equal(g.body, f.body));
        proto_frame_clear(&g);
        free(again);
    } else {
        if (rc != E_MALFORMED && rc != E_TOO_LARGE)
            fail_msg("mutant of %zu bytes: unexpected %s", n, proto_err_code(rc));
        assert_null(f.body);
    }
    proto_frame_clear(&f);
    free(copy);
}

static uint64_t s_rng = 0x9E3779B97F4A7C15ULL;
static uint64_t s_rand(void)
{
    s_rng ^= s_rng << 13;
    s_rng ^= s_rng >> 7;
    s_rng ^= s_rng << 17;
    return s_rng;
}

static void test_fuzz_mutations(void **state)
{
    /* interesting msgpack markers: fix types, nil/bool, bin/ext, float,
     * ints of every width, str/array/map of every width, negative fixint */
    static const unsigned char vals[] = {
        0x00, 0x01, 0x03, 0x04, 0x7f, 0x80, 0x81, 0x8f, 0x90, 0x91, 0x9f, 0xa0, 0xa1, 0xbf,
        0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd,
        0xce, 0xcf, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xdb,
        0xdc, 0xdd, 0xde, 0xdf, 0xe0, 0xff,
    };
    size_t len;
    unsigned char *frame = s_rich_frame(&len);
    unsigned char *m = malloc(len + 8);
    json_t *small = s_json("{\"user\":\"lan.nt\",\"password\":\"m\\u1eadt\",\"n\":[1,-1,true,null]}");
    size_t slen;
    unsigned char *sframe = proto_encode(K_REQUEST, MSG_login, 42, small, &slen);

    (void)state;
    assert_non_null(m);
    assert_non_null(sframe);
    s_fuzz_decodes = s_fuzz_ok = 0;
    s_watch_refused = 0;

    /* every byte to every interesting value and to its neighbours; every bit */
    for (int which = 0; which < 2; which++) {
        const unsigned char *src = which ? sframe : frame;
        size_t n = which ? slen : len;
        for (size_t i = 0; i < n; i++) {
            memcpy(m, src, n);
            for (size_t v = 0; v < N_ELEM(vals); v++) {
                m[i] = vals[v];
                s_fuzz_one(m, n);
            }
            m[i] = (unsigned char)(src[i] + 1);
            s_fuzz_one(m, n);
            m[i] = (unsigned char)(src[i] - 1);
            s_fuzz_one(m, n);
            m[i] = (unsigned char)~src[i];
            s_fuzz_one(m, n);
            for (int b = 0; b < 8; b++) {
                m[i] = (unsigned char)(src[i] ^ (1u << b));
                s_fuzz_one(m, n);
            }
            /* byte deleted, byte duplicated */
            memcpy(m, src, i);
            memcpy(m + i, src + i + 1, n - i - 1);
            s_fuzz_one(m, n - 1);
            memcpy(m, src, i + 1);
            memcpy(m + i + 1, src + i, n - i);
            s_fuzz_one(m, n + 1);
        }
    }
    /* random multi-byte mutations of the small frame, fixed seed */
    for (int it = 0; it < 20000; it++) {
        int k = 1 + (int)(s_rand() % 4);
        memcpy(m, sframe, slen);
        for (int j = 0; j < k; j++) {
            size_t pos = (size_t)(s_rand() % slen);
            m[pos] = (s_rand() & 1) ? vals[s_rand() % N_ELEM(vals)] : (unsigned char)s_rand();
        }
        s_fuzz_one(m, slen - (size_t)(s_rand() % 3 == 0 ? s_rand() % slen : 0));
    }
    print_message("fuzz: %lu mutants decoded, %lu accepted, %lu allocations over %zu MiB refused "
                  "(see test_decode_alloc_bounded)\n",
                  s_fuzz_decodes, s_fuzz_ok, s_watch_refused, WATCH_CAP >> 20);
    /* the mutants are not all rejected: the loop does exercise success */
    assert_true(s_fuzz_ok > 0);
    assert_true(s_fuzz_ok < s_fuzz_decodes);
    free(sframe);
    json_decref(small);
    free(m);
    free(frame);
}

/* A frame may claim up to 2^32-1 array or map elements in a 5-byte header.
 * Decoding must not allocate for elements the frame cannot contain: no
 * single request beyond 64 bytes per byte of input plus 16 MiB slack. */
static void test_decode_alloc_bounded(void **state)
{
    static const struct {
        const char *name;
        const char *bytes;
        size_t n;
    } cases[] = {
        { "top-level array32 of 2^32-1", "\xDD\xFF\xFF\xFF\xFF", 5 },
        { "top-level map32 of 2^32-1", "\xDF\xFF\xFF\xFF\xFF", 5 },
        { "body map32 of 2^32-1", "\x94\x00\x01\x2A\xDF\xFF\xFF\xFF\xFF", 9 },
        { "body map32 of 2^28", "\x94\x00\x01\x2A\xDF\x10\x00\x00\x00", 9 },
        { "nested array32 of 2^28", "\x94\x00\x01\x2A\x81\xA1" "a" "\xDD\x10\x00\x00\x00", 12 },
        { "frame array32 of 2^24", "\xDD\x01\x00\x00\x00\x00\x01\x2A\x80", 9 },
        /* controls: a real frame, and a full-size one with 65536 elements */
        { "small valid frame", "\x94\x00\x02\x2A\x81\xA1" "a" "\x92\x01\x02", 10 },
    };
    int failures = 0;

    (void)state;
    for (size_t i = 0; i < N_ELEM(cases); i++) {
        size_t max = 0, bound = 64 * cases[i].n + ((size_t)16 << 20);
        proto_frame_t f;
        proto_err_t rc;

        rc = s_decode_watched(cases[i].bytes, cases[i].n, &f, &max);
        if (max > bound) {
            print_error("\"%s\" (%zu bytes): decoder asked for %zu bytes at once (bound %zu), -> %s\n",
                        cases[i].name, cases[i].n, max, bound, proto_err_code(rc));
            failures++;
        }
        if (rc != E_MALFORMED && rc != E_OK)
            fail_msg("\"%s\": %s", cases[i].name, proto_err_code(rc));
        proto_frame_clear(&f);
    }
    {
        json_t *arr = json_array(), *body = json_object();
        size_t len, max = 0;
        void *buf;
        proto_frame_t f;

        for (int i = 0; i < 65536; i++)
            json_array_append_new(arr, json_integer(i & 0x7F));
        json_object_set_new(body, "a", arr);
        buf = proto_encode(K_REPLY, MSG_user_list, 1, body, &len);
        assert_non_null(buf);
        assert_int_equal(s_decode_watched(buf, len, &f, &max), E_OK);
        assert_int_equal(json_array_size(json_object_get(f.body, "a")), 65536);
        assert_true(max <= 64 * len + ((size_t)16 << 20));
        proto_frame_clear(&f);
        free(buf);
        json_decref(body);
    }
    if (failures)
        fail_msg("%d frame(s) made the decoder allocate out of proportion to their size", failures);
}

/* ---- schema checks ------------------------------------------------------ */

#define FIELD_ANY ((const char *)1) /* some field must be named */

/* A definition using every field type, T_BOOL included (no real message
 * has one yet). */
static const proto_def_t s_synth = {
    .id = (proto_msg_t)0,
    .name = "test.synth",
    .flags = 0,
    .doc = "synthetic",
    .fields = {
        { "flag", T_BOOL, F_OPT, 0, "" },
        { "n", T_INT, F_REQ, 10, "" },
        { "any", T_INT, F_OPT, 0, "" },
        { "s", T_STR, F_OPT, 3, "" },
        { "l", T_STRS, F_OPT, 2, "" },
    },
    .nfields = 5,
};

struct check_case {
    const char *msg; /* NULL: s_synth */
    const char *body;
    proto_err_t want;
    const char *field; /* expected bad field on E_INVALID */
};

static const struct check_case s_check_cases[] = {
    /* login */
    { "login", "{\"user\":\"lan.nt\",\"password\":\"secret\"}", E_OK, NULL },
    { "login", "{\"password\":\"secret\",\"user\":\"lan.nt\"}", E_OK, NULL },
    { "login", "{\"user\":\"lan.nt\"}", E_INVALID, "password" },
    { "login", "{\"password\":\"x\"}", E_INVALID, "user" },
    { "login", "{\"user\":5,\"password\":\"x\"}", E_INVALID, "user" },
    { "login", "{\"user\":[\"a\"],\"password\":\"x\"}", E_INVALID, "user" },
    { "login", "{\"user\":\"a\",\"password\":null}", E_INVALID, "password" },
    { "login", "{\"user\":\"a\",\"password\":true}", E_INVALID, "password" },
    { "login", "{\"user\":\"<x*64>\",\"password\":\"x\"}", E_OK, NULL },
    { "login", "{\"user\":\"<x*65>\",\"password\":\"x\"}", E_INVALID, "user" },
    /* limits are bytes: 21 x 3-byte characters = 63, 22 = 66 > 64 */
    { "login", "{\"user\":\"<\\u1ec5*21>\",\"password\":\"x\"}", E_OK, NULL },
    { "login", "{\"user\":\"<\\u1ec5*22>\",\"password\":\"x\"}", E_INVALID, "user" },
    { "login", "{\"user\":\"a\",\"password\":\"<p*256>\"}", E_OK, NULL },
    { "login", "{\"user\":\"a\",\"password\":\"<p*257>\"}", E_INVALID, "password" },
    { "login", "{\"user\":\"a\",\"password\":\"x\",\"extra\":1}", E_INVALID, FIELD_ANY },
    { "login", "{\"user\":\"a\",\"password\":\"x\",\"User\":\"a\"}", E_INVALID, FIELD_ANY },
    /* no fields at all */
    { "logout", "{}", E_OK, NULL },
    { "logout", "{\"x\":null}", E_INVALID, FIELD_ANY },
    /* hello: T_INT without bound, optional string */
    { "hello", "{\"version\":1}", E_OK, NULL },
    { "hello", "{\"version\":0}", E_OK, NULL },
    { "hello", "{\"version\":9223372036854775807}", E_OK, NULL },
    { "hello", "{\"version\":-1}", E_INVALID, "version" },
    { "hello", "{\"version\":\"1\"}", E_INVALID, "version" },
    { "hello", "{\"version\":1.0}", E_INVALID, "version" },
    { "hello", "{\"version\":1,\"client\":\"<c*64>\"}", E_OK, NULL },
    { "hello", "{\"version\":1,\"client\":\"<c*65>\"}", E_INVALID, "client" },
    { "hello", "{}", E_INVALID, "version" },
    /* ping: a single optional field */
    { "ping", "{}", E_OK, NULL },
    { "ping", "{\"payload\":\"<z*256>\"}", E_OK, NULL },
    { "ping", "{\"payload\":\"<z*257>\"}", E_INVALID, "payload" },
    /* device.invite: T_INT bounded 0..720 */
    { "device.invite", "{\"unit\":\"U\",\"expires\":720}", E_OK, NULL },
    { "device.invite", "{\"unit\":\"U\",\"expires\":0}", E_OK, NULL },
    { "device.invite", "{\"unit\":\"U\",\"expires\":721}", E_INVALID, "expires" },
    { "device.invite", "{\"unit\":\"U\",\"expires\":-1}", E_INVALID, "expires" },
    { "device.invite", "{\"unit\":\"U\",\"expires\":24.5}", E_INVALID, "expires" },
    { "device.invite", "{\"unit\":\"U\",\"expires\":true}", E_INVALID, "expires" },
    { "device.invite", "{\"expires\":24}", E_INVALID, "unit" },
    /* device.revoke: T_INT, max 0 = unbounded, still not negative */
    { "device.revoke", "{\"id\":7}", E_OK, NULL },
    { "device.revoke", "{\"id\":9223372036854775807}", E_OK, NULL },
    { "device.revoke", "{\"id\":-7}", E_INVALID, "id" },
    { "device.revoke", "{\"id\":\"7\"}", E_INVALID, "id" },
    { "device.revoke", "{}", E_INVALID, "id" },
    /* user.add: T_STRS with at most 5 items of at most 256 bytes */
    { "user.add", "{\"username\":\"nam.nv\",\"name\":\"Nam\",\"unit\":\"U\",\"roles\":[\"admin\"]}", E_OK, NULL },
    { "user.add",
      "{\"username\":\"nam.nv\",\"name\":\"Nam\",\"unit\":\"U\","
      "\"roles\":[\"admin\",\"leader\",\"specialist\",\"clerk\",\"supervisor\"]}",
      E_OK, NULL },
    { "user.add",
      "{\"username\":\"nam.nv\",\"name\":\"Nam\",\"unit\":\"U\","
      "\"roles\":[\"admin\",\"leader\",\"specialist\",\"clerk\",\"supervisor\",\"admin\"]}",
      E_INVALID, "roles" },
    { "user.add", "{\"username\":\"nam.nv\",\"name\":\"Nam\",\"unit\":\"U\",\"roles\":\"admin\"}", E_INVALID, "roles" },
    { "user.add", "{\"username\":\"nam.nv\",\"name\":\"Nam\",\"unit\":\"U\",\"roles\":[1]}", E_INVALID, "roles" },
    { "user.add", "{\"username\":\"nam.nv\",\"name\":\"Nam\",\"unit\":\"U\",\"roles\":[\"a\",null]}", E_INVALID, "roles" },
    { "user.add", "{\"username\":\"nam.nv\",\"name\":\"Nam\",\"unit\":\"U\",\"roles\":[\"<r*256>\"]}", E_OK, NULL },
    { "user.add", "{\"username\":\"nam.nv\",\"name\":\"Nam\",\"unit\":\"U\",\"roles\":[\"<r*257>\"]}", E_INVALID, "roles" },
    { "user.add", "{\"username\":\"nam.nv\",\"name\":\"Nam\",\"unit\":\"U\"}", E_INVALID, "roles" },
    { "user.add", "{\"username\":\"nam.nv\",\"name\":\"<\\u1ec5*42>\",\"unit\":\"U\",\"roles\":[\"admin\"]}", E_OK, NULL },
    { "user.add", "{\"username\":\"nam.nv\",\"name\":\"<\\u1ec5*43>\",\"unit\":\"U\",\"roles\":[\"admin\"]}", E_INVALID, "name" },
    { "user.add",
      "{\"username\":\"nam.nv\",\"name\":\"Nam\",\"unit\":\"U\",\"roles\":[\"admin\"],\"password\":\"<p*257>\"}",
      E_INVALID, "password" },
    { "user.add",
      "{\"username\":\"nam.nv\",\"name\":\"Nam\",\"unit\":\"U\",\"roles\":[\"admin\"],\"bogus\":\"x\"}",
      E_INVALID, FIELD_ANY },
    /* text a terminal would obey: refused in one-line fields, LF only in
     * multi-line ones, secrets exempt */
    { "user.add", "{\"username\":\"a\",\"name\":\"Nam\\rX\",\"unit\":\"U\",\"roles\":[\"admin\"]}",
      E_INVALID, "name" },
    { "user.add", "{\"username\":\"a\",\"name\":\"Nam\\nX\",\"unit\":\"U\",\"roles\":[\"admin\"]}",
      E_INVALID, "name" },
    { "user.add", "{\"username\":\"a\",\"name\":\"Nam\\tX\",\"unit\":\"U\",\"roles\":[\"admin\"]}",
      E_INVALID, "name" },
    { "user.add", "{\"username\":\"a\",\"name\":\"\\u202eNam\",\"unit\":\"U\",\"roles\":[\"admin\"]}",
      E_INVALID, "name" },
    { "user.add", "{\"username\":\"a\",\"name\":\"N\\u2067am\",\"unit\":\"U\",\"roles\":[\"admin\"]}",
      E_INVALID, "name" },
    { "user.add", "{\"username\":\"a\",\"name\":\"Nam\\u009b2J\",\"unit\":\"U\",\"roles\":[\"admin\"]}",
      E_INVALID, "name" },
    { "user.add", "{\"username\":\"a\",\"name\":\"Nam\",\"unit\":\"U\",\"roles\":[\"ad\\u200fmin\"]}",
      E_INVALID, "roles" },
    { "user.add", "{\"username\":\"a\",\"name\":\"Nam\",\"unit\":\"U\",\"roles\":[\"admin\"],\"password\":\"a\\tb\"}",
      E_OK, NULL },
    { "dossier.act", "{\"code\":\"X\",\"action\":\"submit\",\"note\":\"one\\ntwo\"}", E_OK, NULL },
    { "dossier.act", "{\"code\":\"X\",\"action\":\"submit\",\"note\":\"one\\r\\ntwo\"}", E_OK, NULL },
    { "dossier.act", "{\"code\":\"X\",\"action\":\"submit\",\"note\":\"one\\rtwo\"}", E_INVALID, "note" },
    { "dossier.act", "{\"code\":\"X\",\"action\":\"submit\",\"note\":\"one\\ttwo\"}", E_INVALID, "note" },
    { "dossier.act", "{\"code\":\"X\",\"action\":\"submit\",\"note\":\"\\u202eone\"}", E_INVALID, "note" },
    { "dossier.act", "{\"code\":\"X\\n\",\"action\":\"submit\"}", E_INVALID, "code" },
    { "task.comment", "{\"code\":\"T\",\"text\":\"a\\nb\\u001b[2J\"}", E_INVALID, "text" },
    /* synthetic: T_BOOL and a bounded T_INT */
    { NULL, "{\"n\":10}", E_OK, NULL },
    { NULL, "{\"n\":11}", E_INVALID, "n" },
    { NULL, "{\"n\":0,\"flag\":true}", E_OK, NULL },
    { NULL, "{\"n\":0,\"flag\":false}", E_OK, NULL },
    { NULL, "{\"n\":0,\"flag\":1}", E_INVALID, "flag" },
    { NULL, "{\"n\":0,\"flag\":\"true\"}", E_INVALID, "flag" },
    { NULL, "{\"n\":0,\"flag\":null}", E_INVALID, "flag" },
    { NULL, "{\"n\":0,\"any\":123456789012}", E_OK, NULL },
    { NULL, "{\"n\":0,\"s\":\"abc\"}", E_OK, NULL },
    { NULL, "{\"n\":0,\"s\":\"abcd\"}", E_INVALID, "s" },
    { NULL, "{\"n\":0,\"l\":[]}", E_OK, NULL },
    { NULL, "{\"n\":0,\"l\":[\"a\",\"b\"]}", E_OK, NULL },
    { NULL, "{\"n\":0,\"l\":[\"a\",\"b\",\"c\"]}", E_INVALID, "l" },
    { NULL, "{\"n\":0,\"l\":[[\"a\"]]}", E_INVALID, "l" },
    { NULL, "{\"flag\":true}", E_INVALID, "n" },
};

static void test_check_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEM(s_check_cases); i++) {
        const struct check_case *c = &s_check_cases[i];
        const proto_def_t *def = c->msg ? proto_def_by_name(c->msg) : &s_synth;
        json_t *body = s_json(c->body);
        const char *bad = (const char *)"sentinel";
        proto_err_t rc;

        if (!def)
            fail_msg("check case %zu: no message %s", i, c->msg);
        rc = proto_check(def, body, &bad);
        if (rc != c->want)
            fail_msg("check case %zu (%s %s): got %s want %s (field %s)", i, def->name, c->body,
                     proto_err_code(rc), proto_err_code(c->want), bad ? bad : "-");
        if (c->want == E_OK) {
            if (bad != NULL)
                fail_msg("check case %zu: bad_field \"%s\" on success", i, bad);
        } else if (c->field == FIELD_ANY) {
            if (!bad || !*bad)
                fail_msg("check case %zu: no field named", i);
        } else if (!bad || strcmp(bad, c->field) != 0) {
            fail_msg("check case %zu (%s %s): bad_field \"%s\" want \"%s\"", i, def->name, c->body,
                     bad ? bad : "(null)", c->field);
        }
        json_decref(body);
    }
}

/* A multi-line field's CR LF pairs arrive as LF; other fields are left
 * as they came. */
static void test_check_crlf(void **state)
{
    const proto_def_t *def = proto_def(MSG_dossier_act);
    json_t *body = s_json("{\"code\":\"X\",\"action\":\"submit\",\"note\":\"a\\r\\nb\\r\\n\"}");
    const char *bad;

    (void)state;
    assert_int_equal(proto_check(def, body, &bad), E_OK);
    assert_string_equal(json_string_value(json_object_get(body, "note")), "a\nb\n");
    assert_int_equal(json_string_length(json_object_get(body, "note")), 4);
    json_decref(body);
}

/* A non-object body is never accepted. */
static void test_check_not_object(void **state)
{
    const proto_def_t *def = proto_def(MSG_logout);
    const char *bad;
    json_t *v[] = { json_array(), json_null(), json_string("{}"), json_integer(0) };

    (void)state;
    assert_non_null(def);
    for (size_t i = 0; i < N_ELEM(v); i++) {
        assert_int_not_equal(proto_check(def, v[i], &bad), E_OK);
        json_decref(v[i]);
    }
}

/* ---- tables ------------------------------------------------------------- */

static void test_defs_unique(void **state)
{
    (void)state;
    assert_true(proto_ndefs > 0);
    for (size_t i = 0; i < proto_ndefs; i++) {
        const proto_def_t *d = &proto_defs[i];

        assert_non_null(d->name);
        assert_true(*d->name);
        assert_non_null(d->doc);
        assert_true((int)d->id > 0 && (int)d->id <= 65535); /* fits the wire's type */
        assert_true(d->nfields >= 0 && d->nfields <= PROTO_MAX_FIELDS);
        if (proto_def((int)d->id) != d)
            fail_msg("proto_def(%d) does not find %s", (int)d->id, d->name);
        if (proto_def_by_name(d->name) != d)
            fail_msg("proto_def_by_name(%s) does not find it", d->name);
        for (size_t j = i + 1; j < proto_ndefs; j++) {
            if (proto_defs[j].id == d->id)
                fail_msg("wire number %d used by %s and %s", (int)d->id, d->name, proto_defs[j].name);
            if (strcmp(proto_defs[j].name, d->name) == 0)
                fail_msg("name %s used twice", d->name);
        }
        for (int k = 0; k < d->nfields; k++) {
            const proto_field_t *fd = &d->fields[k];
            assert_non_null(fd->key);
            assert_true(*fd->key);
            /* exactly one of required / optional */
            if (!(fd->flags & F_REQ) == !(fd->flags & F_OPT))
                fail_msg("%s.%s: neither or both of F_REQ and F_OPT", d->name, fd->key);
            assert_true(fd->type == T_STR || fd->type == T_INT || fd->type == T_BOOL || fd->type == T_STRS || fd->type == T_OBJ);
            for (int l = k + 1; l < d->nfields; l++)
                if (strcmp(d->fields[l].key, fd->key) == 0)
                    fail_msg("%s: field %s twice", d->name, fd->key);
        }
        /* nfields counts exactly the declared fields */
        if (d->nfields < PROTO_MAX_FIELDS)
            assert_null(d->fields[d->nfields].key);
    }
    /* known shapes */
    assert_int_equal(proto_def(MSG_login)->nfields, 2);
    assert_string_equal(proto_def(MSG_login)->name, "login");
    assert_int_equal(proto_def(MSG_logout)->nfields, 0);
    assert_int_equal(proto_def(MSG_user_add)->nfields, 5);
    assert_int_equal(proto_def_by_name("device.revoke")->id, MSG_device_revoke);
    assert_int_equal(MSG_device_revoke, 42);
    assert_null(proto_def(0));
    assert_null(proto_def(-1));
    assert_null(proto_def(65535));
    assert_null(proto_def_by_name("nope"));
    assert_null(proto_def_by_name(""));
    assert_null(proto_def_by_name("user"));
    assert_null(proto_def_by_name("user.add "));
}

static void test_errors_table(void **state)
{
    (void)state;
    assert_int_equal(E_OK, 0);
    assert_string_equal(proto_err_code(E_OK), "ok");
    assert_string_equal(proto_err_code(E_MALFORMED), "malformed");
    for (int i = 0; i < E__COUNT; i++) {
        const char *code = proto_err_code((proto_err_t)i);
        int ex = proto_err_exit((proto_err_t)i);

        assert_non_null(code);
        assert_true(*code);
        assert_non_null(proto_err_msg((proto_err_t)i));
        assert_true(*proto_err_msg((proto_err_t)i));
        /* sysexits(3): 0 for success, EX__BASE..EX__MAX otherwise */
        if (i == E_OK)
            assert_int_equal(ex, 0);
        else if (ex < 64 || ex > 78)
            fail_msg("%s: exit status %d outside sysexits", code, ex);
        if (proto_err_from_code(code) != (proto_err_t)i)
            fail_msg("proto_err_from_code(%s) = %d, want %d", code, proto_err_from_code(code), i);
        for (int j = i + 1; j < E__COUNT; j++)
            if (strcmp(code, proto_err_code((proto_err_t)j)) == 0)
                fail_msg("error code \"%s\" used twice", code);
    }
    assert_int_equal(proto_err_from_code("nope"), E_INTERNAL);
    assert_int_equal(proto_err_from_code(""), E_INTERNAL);
    assert_int_equal(proto_err_from_code(NULL), E_INTERNAL);
    assert_int_equal(proto_err_from_code("OK"), E_INTERNAL); /* case matters */
    /* out-of-range values fall back to "internal" rather than reading past */
    assert_string_equal(proto_err_code(E__COUNT), "internal");
    assert_string_equal(proto_err_code((proto_err_t)(E__COUNT + 100)), "internal");
    assert_int_equal(proto_err_exit(E__COUNT), proto_err_exit(E_INTERNAL));
}

static void test_events(void **state)
{
    (void)state;
    assert_string_equal(proto_event_name(EV_org_changed), "org.changed");
    assert_string_equal(proto_event_name(EV_session_ended), "session.ended");
    assert_string_equal(proto_event_name(EV_notice), "notice");
    assert_string_equal(proto_event_name(0), "?");
    assert_string_equal(proto_event_name(99), "?");
    assert_string_equal(proto_event_name(-1), "?");
}

/* ---- roles -------------------------------------------------------------- */

struct role_case {
    const char *json;
    int want;
};

static const struct role_case s_role_cases[] = {
    { "[\"admin\"]", ROLE_ADMIN },
    { "[\"leader\"]", ROLE_LEADER },
    { "[\"specialist\"]", ROLE_SPECIALIST },
    { "[\"clerk\"]", ROLE_CLERK },
    { "[\"supervisor\"]", ROLE_SUPERVISOR },
    { "[\"clerk\",\"admin\"]", ROLE_CLERK | ROLE_ADMIN },
    { "[\"admin\",\"admin\"]", ROLE_ADMIN },
    { "[\"admin\",\"leader\",\"specialist\",\"clerk\",\"supervisor\"]", 31 },
    { "[]", -1 },
    { "[\"root\"]", -1 },
    { "[\"admin\",\"root\"]", -1 },
    { "[\"Admin\"]", -1 },
    { "[\"admin \"]", -1 },
    { "[\"\"]", -1 },
    { "[1]", -1 },
    { "[null]", -1 },
    { "[[\"admin\"]]", -1 },
    { "\"admin\"", -1 },
    { "{\"admin\":true}", -1 },
    { "null", -1 },
};

static void test_roles(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEM(s_role_cases); i++) {
        json_t *a = s_json(s_role_cases[i].json);
        int got = proto_roles_parse(a);
        if (got != s_role_cases[i].want)
            fail_msg("roles %s: got %d want %d", s_role_cases[i].json, got, s_role_cases[i].want);
        json_decref(a);
    }
    assert_int_equal(proto_roles_parse(NULL), -1);
    /* every mask survives names and back */
    for (int mask = 1; mask <= 31; mask++) {
        json_t *a = proto_roles_json(mask);
        int bits = 0;
        assert_true(json_is_array(a));
        for (int m = mask; m; m &= m - 1)
            bits++;
        assert_int_equal(json_array_size(a), bits);
        assert_int_equal(proto_roles_parse(a), mask);
        json_decref(a);
    }
    {
        json_t *a = proto_roles_json(0);
        assert_int_equal(json_array_size(a), 0);
        assert_int_equal(proto_roles_parse(a), -1); /* the empty list is refused */
        json_decref(a);
        a = proto_roles_json(ROLE_ADMIN | 64 | 128); /* unknown bits dropped */
        assert_int_equal(json_array_size(a), 1);
        assert_string_equal(json_string_value(json_array_get(a, 0)), "admin");
        json_decref(a);
    }
    assert_string_equal(proto_role_label("admin"), "Qu\xE1\xBA\xA3n tr\xE1\xBB\x8B");
    assert_string_equal(proto_role_label("nope"), "nope");
}

/* ---- args_parse --------------------------------------------------------- */

struct args_case {
    const char *msg;
    const char *argv[8]; /* NULL-terminated */
    const char *want;    /* JSON on success, NULL when parsing must fail */
    const char *err_has; /* substring of the error message */
};

static const struct args_case s_args_cases[] = {
    /* options, --key=value, positional, comma lists */
    { "user.add",
      { "nam.nv", "--name", "Nguy\xE1\xBB\x85n V\xC4\x83n Nam", "--unit=000.00.00.H12", "--roles", "admin,clerk", NULL },
      "{\"username\":\"nam.nv\",\"name\":\"Nguy\\u1ec5n V\\u0103n Nam\",\"unit\":\"000.00.00.H12\","
      "\"roles\":[\"admin\",\"clerk\"]}",
      NULL },
    { "user.add", { "--roles=clerk", "--username=a.b", "--name=X", "--unit", "U", NULL },
      "{\"username\":\"a.b\",\"name\":\"X\",\"unit\":\"U\",\"roles\":[\"clerk\"]}", NULL },
    /* NFD on the command line arrives as NFC */
    { "user.add", { "--name", "Nguye\xCC\x82\xCC\x83n Va\xCC\x86n An", NULL },
      "{\"name\":\"Nguy\\u1ec5n V\\u0103n An\"}", NULL },
    { "user.add", { "--roles", "admin,,clerk,", NULL }, "{\"roles\":[\"admin\",\"clerk\"]}", NULL },
    { "user.add", { "--roles", ",", NULL }, "{\"roles\":[]}", NULL },
    { "user.add", { "--roles=", NULL }, "{\"roles\":[]}", NULL },
    { "user.add", { "--roles", "l\xC3\xA3nh,x", NULL }, "{\"roles\":[\"l\\u00e3nh\",\"x\"]}", NULL },
    { "user.add", { "--name=a=b", NULL }, "{\"name\":\"a=b\"}", NULL },
    { "user.add", { "--name=", NULL }, "{\"name\":\"\"}", NULL },
    { "user.add", { "--name", "--unit", NULL }, "{\"name\":\"--unit\"}", NULL }, /* a value, not an option */
    { "user.add", { "--name", "A", "--name", "B", NULL }, "{\"name\":\"B\"}", NULL },
    { "user.add", { NULL }, "{}", NULL },
    { "unit.add", { "000.01.00.H12", "--name", "S\xE1\xBB\x9F", "--level", "s\xE1\xBB\x9F", NULL },
      "{\"code\":\"000.01.00.H12\",\"name\":\"S\\u1edf\",\"level\":\"s\\u1edf\"}", NULL },
    { "unit.list", { "000.00.00.H12", NULL }, "{\"root\":\"000.00.00.H12\"}", NULL },
    { "enroll", { "tok3n", "--name", "pc-1", NULL }, "{\"token\":\"tok3n\",\"name\":\"pc-1\"}", NULL },
    { "device.invite", { "--expires", "24", "--unit", "U", NULL }, "{\"expires\":24,\"unit\":\"U\"}", NULL },
    { "device.revoke", { "42", NULL }, "{\"id\":42}", NULL },
    { "device.revoke", { "--id=7", NULL }, "{\"id\":7}", NULL },
    { "device.revoke", { "--id", "-3", NULL }, "{\"id\":-3}", NULL },
    { "device.revoke", { "9223372036854775807", NULL }, "{\"id\":9223372036854775807}", NULL },
    { "logout", { NULL }, "{}", NULL },
    /* integer parse errors name the option */
    { "device.revoke", { "abc", NULL }, NULL, "--id" },
    { "device.revoke", { "12abc", NULL }, NULL, "--id" },
    { "device.revoke", { "", NULL }, NULL, "--id" },
    { "device.revoke", { "--id=", NULL }, NULL, "--id" },
    { "device.revoke", { "1.5", NULL }, NULL, "--id" },
    { "device.revoke", { "0x10", NULL }, NULL, "--id" },
    { "device.revoke", { "99999999999999999999", NULL }, NULL, "--id" },
    { "device.revoke", { "-99999999999999999999", NULL }, NULL, "--id" },
    { "device.invite", { "--expires", "soon", NULL }, NULL, "--expires" },
    /* unknown options, and option names are matched whole */
    { "user.add", { "--bogus", "x", NULL }, NULL, "--bogus" },
    { "user.add", { "--user=x", NULL }, NULL, "--user=x" },
    { "user.add", { "--user", "x", NULL }, NULL, "--user" },
    { "user.add", { "--usernamex", "x", NULL }, NULL, "--usernamex" },
    { "user.add", { "--NAME", "x", NULL }, NULL, "--NAME" },
    { "user.add", { "--", NULL }, NULL, "--" },
    { "device.revoke", { "--force", NULL }, NULL, "--force" },
    { "logout", { "--x=1", NULL }, NULL, "--x" },
    /* a missing value */
    { "user.add", { "--name", NULL }, NULL, "--name" },
    { "device.revoke", { "--id", NULL }, NULL, "--id" },
    /* too many positionals */
    { "user.add", { "nam.nv", "extra.arg", NULL }, NULL, "extra.arg" },
    { "device.revoke", { "1", "2", NULL }, NULL, "2" },
    { "logout", { "now", NULL }, NULL, "now" },
    { "login", { "lan.nt", NULL }, NULL, "lan.nt" }, /* login has no F_POS field */
    /* invalid UTF-8 */
    { "user.add", { "--name", "\xC3\x28", NULL }, NULL, "--name" },
    { "user.add", { "ab\xFF", NULL }, NULL, "--username" },
};

static void test_args_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEM(s_args_cases); i++) {
        const struct args_case *c = &s_args_cases[i];
        const proto_def_t *def = proto_def_by_name(c->msg);
        char err[256] = "";
        json_t *out = NULL;
        int argc = 0, rc;

        if (!def)
            fail_msg("args case %zu: no message %s", i, c->msg);
        while (c->argv[argc])
            argc++;
        rc = args_parse(def, argc, (char **)c->argv, &out, err, sizeof err);
        if (c->want) {
            json_t *want = s_json(c->want);
            char what[64];
            if (rc != 0)
                fail_msg("args case %zu (%s): failed: %s", i, c->msg, err);
            snprintf(what, sizeof what, "args case %zu", i);
            s_assert_json_equal(out, want, what);
            json_decref(want);
            json_decref(out);
        } else {
            if (rc != -1)
                fail_msg("args case %zu (%s): accepted", i, c->msg);
            if (!strstr(err, c->err_has))
                fail_msg("args case %zu: error \"%s\" does not mention \"%s\"", i, err, c->err_has);
        }
    }
}

/* A required option left out is a usage error named as the user types it. */
static void test_args_complete(void **state)
{
    static const struct {
        const char *msg, *body, *err_has; /* err_has NULL: complete */
    } cases[] = {
        {"user.add", "{}", "thiếu username"},
        {"user.add", "{\"username\":\"a\"}", "thiếu --name"},
        {"unit.add", "{\"name\":\"X\"}", "thiếu code"},
        {"dossier.receive", "{\"procedure\":\"khai-tu\"}", "thiếu --field"},
        {"report.onestop", "{}", "thiếu --month"},
        {"report.onestop", "{\"month\":\"2026-03\"}", NULL},
        {"logout", "{}", NULL},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const proto_def_t *def = proto_def_by_name(cases[i].msg);
        json_t *body = s_json(cases[i].body);
        char err[256] = "";
        int rc = args_complete(def, body, err, sizeof err);
        if (cases[i].err_has ? rc != -1 || !strstr(err, cases[i].err_has) : rc != 0)
            fail_msg("complete case %zu (%s): rc %d, \"%s\"", i, cases[i].msg, rc, err);
        json_decref(body);
    }
}

/* What args_parse builds passes proto_check for a complete command. */
static void test_args_then_check(void **state)
{
    static const char *argv[] = { "nam.nv", "--name", "Nam", "--unit", "U", "--roles", "admin,leader" };
    const proto_def_t *def = proto_def(MSG_user_add);
    char err[128];
    json_t *out;
    const char *bad;

    (void)state;
    assert_int_equal(args_parse(def, (int)N_ELEM(argv), (char **)argv, &out, err, sizeof err), 0);
    assert_int_equal(proto_check(def, out, &bad), E_OK);
    assert_int_equal(proto_roles_parse(json_object_get(out, "roles")), ROLE_ADMIN | ROLE_LEADER);
    json_decref(out);
    /* a negative id parses but the schema refuses it */
    {
        static const char *a2[] = { "-1" };
        def = proto_def(MSG_device_revoke);
        assert_int_equal(args_parse(def, 1, (char **)a2, &out, err, sizeof err), 0);
        assert_int_equal(proto_check(def, out, &bad), E_INVALID);
        assert_string_equal(bad, "id");
        json_decref(out);
    }
}

static void test_args_lookup(void **state)
{
    static const struct {
        const char *argv[3];
        int argc;
        const char *want;
        int used;
    } cases[] = {
        { { "user", "add", "x" }, 3, "user.add", 2 },
        { { "device", "revoke" }, 2, "device.revoke", 2 },
        { { "ping", "x" }, 2, "ping", 1 },
        { { "whoami" }, 1, "whoami", 1 },
        { { "user" }, 1, NULL, 0 },
        { { "user", "nope" }, 2, NULL, 0 },
        { { "nope" }, 1, NULL, 0 },
        { { "" }, 1, NULL, 0 },
        { { NULL }, 0, NULL, 0 },
    };
    char words[64];

    (void)state;
    for (size_t i = 0; i < N_ELEM(cases); i++) {
        int used = -1;
        const proto_def_t *d = args_lookup(cases[i].argc, (char **)cases[i].argv, &used);
        if (!cases[i].want) {
            if (d)
                fail_msg("lookup case %zu: found %s", i, d->name);
            continue;
        }
        if (!d || strcmp(d->name, cases[i].want) != 0)
            fail_msg("lookup case %zu: got %s want %s", i, d ? d->name : "(null)", cases[i].want);
        assert_int_equal(used, cases[i].used);
    }
    assert_string_equal(args_words(proto_def(MSG_user_add), words, sizeof words), "user add");
    assert_string_equal(args_words(proto_def(MSG_ping), words, sizeof words), "ping");
    /* every message's words look it up again */
    for (size_t i = 0; i < proto_ndefs; i++) {
        char buf[64], *argv[2];
        int argc = 0, used = 0;
        args_words(&proto_defs[i], buf, sizeof buf);
        argv[argc++] = buf;
        char *sp = strchr(buf, ' ');
        if (sp) {
            *sp = '\0';
            argv[argc++] = sp + 1;
        }
        assert_ptr_equal(args_lookup(argc, argv, &used), &proto_defs[i]);
        assert_int_equal(used, argc);
    }
}

/* Every message has its reply declared and every event its body; a
 * body is checked against its declaration, nested shapes too. */
static void test_replies_declared(void **state)
{
	char err[256];
	json_t *b;

	(void)state;
	for (size_t i = 0; i < proto_ndefs; i++)
		if (!proto_reply_shape(proto_defs[i].id))
			fail_msg("reply of %s not declared in proto_replies.def", proto_defs[i].name);
#define EV(id, num, name, doc) assert_non_null(proto_event_shape(num));
	PROTO_EVENTS(EV)
#undef EV
	b = json_pack("{s:i, s:s, s:{s:s, s:i}, s:n}", "seq", 7, "code", "NV-2026-0001", "card", "code", "NV-2026-0001",
	              "percent", 40, "was");
	assert_int_equal(proto_shape_check(proto_event_shape(EV_task_changed), b, err, sizeof err), 0);
	json_object_set_new(json_object_get(b, "card"), "percent", json_string("40"));
	assert_int_equal(proto_shape_check(proto_event_shape(EV_task_changed), b, err, sizeof err), -1);
	assert_string_equal(err, "card.percent: int expected");
	json_object_set_new(json_object_get(b, "card"), "percent", json_integer(40));
	json_object_set_new(b, "colour", json_string("red"));
	assert_int_equal(proto_shape_check(proto_event_shape(EV_task_changed), b, err, sizeof err), -1);
	assert_string_equal(err, "colour: not declared");
	json_object_del(b, "colour");
	json_object_del(b, "code");
	assert_int_equal(proto_shape_check(proto_event_shape(EV_task_changed), b, err, sizeof err), -1);
	assert_string_equal(err, "code: missing");
	json_decref(b);
}

/* Declared keys travel as their numbers, nested shapes too, and come back
 * as names; keys not declared keep their names; a number that names no
 * field is malformed. */
static void test_declared_keys_compact(void **state)
{
	json_t *b = json_pack("{s:i, s:s, s:{s:i}, s:i, s:s}", "seq", 300, "code", "NV-2026-0001", "card", "percent", 40,
	                      "base", 299, "extra", "x");
	proto_frame_t f;
	size_t len;
	char *buf = proto_encode(K_EVENT, EV_task_changed, 0, b, &len);
	static const unsigned char bad[] = {0x94, 0x03, 0x05, 0x00, 0x81, 0x63, 0x01};

	(void)state;
	assert_non_null(buf);
	assert_null(memmem(buf, len, "percent", 7));
	assert_null(memmem(buf, len, "seq", 3));
	assert_non_null(memmem(buf, len, "extra", 5));
	assert_int_equal(proto_decode(buf, len, &f), E_OK);
	assert_true(json_equal(f.body, b));
	proto_frame_clear(&f);
	free(buf);
	json_decref(b);
	assert_int_equal(proto_decode(bad, sizeof bad, &f), E_MALFORMED); /* key 99 of task.changed */
	/* a request's declared fields too */
	b = json_pack("{s:s, s:i}", "code", "NV-2026-0001", "percent", 40);
	buf = proto_encode(K_REQUEST, MSG_task_report, 1, b, &len);
	assert_null(memmem(buf, len, "percent", 7));
	assert_int_equal(proto_decode(buf, len, &f), E_OK);
	assert_true(json_equal(f.body, b));
	proto_frame_clear(&f);
	free(buf);
	json_decref(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip_table),
        cmocka_unit_test(test_roundtrip_error_body),
        cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_malformed_table),
        cmocka_unit_test(test_decode_empty),
        cmocka_unit_test(test_truncated_prefixes),
        cmocka_unit_test(test_trailing_garbage),
        cmocka_unit_test(test_id_recovered),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_fuzz_mutations),
        cmocka_unit_test(test_decode_alloc_bounded),
        cmocka_unit_test(test_check_table),
        cmocka_unit_test(test_check_not_object),
        cmocka_unit_test(test_check_crlf),
        cmocka_unit_test(test_defs_unique),
        cmocka_unit_test(test_errors_table),
        cmocka_unit_test(test_events),
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_args_table),
        cmocka_unit_test(test_args_complete),
        cmocka_unit_test(test_args_then_check),
        cmocka_unit_test(test_args_lookup),
        cmocka_unit_test(test_replies_declared),
        cmocka_unit_test(test_declared_keys_compact),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
