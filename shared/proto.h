/* proto.h — the congvu wire protocol: message and error tables expanded
 * from proto_msgs.def / errors.def, the envelope, and schema checks.
 * A frame is a MessagePack array [kind, type, request id, body]; the body is
 * a map. In memory every body is a jansson json_t, so the same value feeds
 * handlers, the TUI and `--json` output. */
#ifndef CONGVU_PROTO_H
#define CONGVU_PROTO_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* 2: declared keys of bodies travel as integers (proto_shape_t) */
#define PROTO_VERSION 2
#define PROTO_MAX_FRAME (256 * 1024) /* ZMQ_MAXMSGSIZE on both ends */
#define PROTO_MAX_DEPTH 8
#define PROTO_MAX_FIELDS 16

enum proto_flag {
	P_ANON = 1 << 0,
	P_DEVICE = 1 << 1,
	P_USER = 1 << 2,
	P_PWOK = 1 << 3,
	P_ADMIN = 1 << 4,
	P_WRITE = 1 << 5,
	P_ROOT = 1 << 6,
	P_LOOP = 1 << 7, /* a read served on the serve loop's thread, never by the read pool */
};

/* T_LIST, T_NUM and T_ANY appear only in replies and events. */
typedef enum { T_STR, T_INT, T_BOOL, T_STRS, T_OBJ, T_LIST, T_NUM, T_ANY } proto_type_t;

/* F_NULL: a reply or event field that may be null (F_OPT there: may be
 * absent). */
enum proto_field_flag { F_REQ = 1, F_OPT = 2, F_POS = 4, F_SECRET = 8, F_MULTILINE = 16, F_NULL = 32 };

typedef struct proto_shape proto_shape_t;

typedef struct {
	const char *key;
	proto_type_t type;
	int flags;
	long long max; /* bytes for T_STR, items for T_STRS, value for T_INT */
	const char *help;
	/* replies and events: the fields of a T_OBJ value or of each object
	 * of a T_LIST (NULL: any keys, not compacted) */
	const proto_shape_t *shape;
} proto_field_t;

/* The declared fields of an object: a reply's or an event's body
 * (shared/proto_replies.def), or one nested in it. On the wire a shaped
 * object's declared keys travel as their index in fields (a msgpack
 * integer key); keys not declared keep their name. */
struct proto_shape {
	const char *name; /* "reply task.show", "event task.changed", or the SHAPE's name */
	const char *doc;
	const proto_field_t *fields;
	int nfields;
};

typedef enum {
#define MSG(id, num, name, flags, doc, fields) MSG_##id = num,
#include "proto_msgs.def"
#undef MSG
} proto_msg_t;

typedef struct {
	proto_msg_t id;
	const char *name;
	int flags;
	const char *doc;
	proto_field_t fields[PROTO_MAX_FIELDS];
	int nfields;
} proto_def_t;

typedef enum {
#define PERR(id, code, ex, msg) E_##id,
#include "errors.def"
#undef PERR
	E__COUNT
} proto_err_t;

typedef enum { K_REQUEST = 0, K_REPLY = 1, K_ERROR = 2, K_EVENT = 3 } proto_kind_t;

/* One decoded frame. body is owned by the frame (proto_frame_clear). */
typedef struct {
	proto_kind_t kind;
	int type; /* proto_msg_t for requests/replies, event number for events */
	uint64_t id;
	json_t *body;
} proto_frame_t;

/* The table of all messages, and lookups. NULL when unknown. */
extern const proto_def_t proto_defs[];
extern const size_t proto_ndefs;
const proto_def_t *proto_def(int id);
const proto_def_t *proto_def_by_name(const char *name);

/* Errors: stable code string, sysexits status, Vietnamese message. */
const char *proto_err_code(proto_err_t e);
int proto_err_exit(proto_err_t e);
const char *proto_err_msg(proto_err_t e);
proto_err_t proto_err_from_code(const char *code); /* E_INTERNAL if unknown */

/* Encode a frame. Returns a malloc'd buffer (caller frees) and its size in
 * *len, or NULL on failure (unencodable value, or larger than
 * PROTO_MAX_FRAME). The body is borrowed; NULL encodes an empty map. */
void *proto_encode(proto_kind_t kind, int type, uint64_t id, const json_t *body, size_t *len);

/* Decode buf[0..len) into *f. Every string is checked as UTF-8 and
 * normalised to NFC; nesting is bounded by PROTO_MAX_DEPTH. Returns E_OK,
 * E_TOO_LARGE or E_MALFORMED (then *f is cleared and may be partially
 * filled: f->id is set if it could be read, so the error can be answered). */
proto_err_t proto_decode(const void *buf, size_t len, proto_frame_t *f);
void proto_frame_clear(proto_frame_t *f);

/* Check a request body against its definition: required fields present,
 * types, bounds, no unknown keys, and text a terminal shows as it is: no
 * control or bidi character (text_is_control) in a string or a list's
 * strings, except LF in an F_MULTILINE field, whose CR LF pairs become LF
 * here (the only change made to body). Secrets are exempt: never shown.
 * T_OBJ values are left to their handler (dossier fields: server/fields.c).
 * On failure returns E_INVALID and sets *bad_field to the offending key
 * (valid while body lives). */
proto_err_t proto_check(const proto_def_t *def, json_t *body, const char **bad_field);

/* The declared body of message id's reply, of event ev, and the named
 * shapes (for protodoc and tests). NULL when undeclared. */
const proto_shape_t *proto_reply_shape(int id);
const proto_shape_t *proto_event_shape(int ev);
extern const proto_shape_t *const proto_shapes[];
extern const size_t proto_nshapes;

/* Does body match shape s: an object, every key declared, every value of
 * its declared type (nested shapes checked too), every field not F_OPT
 * present, null only where F_NULL? 0 when it does; otherwise -1 and where
 * it does not in err ("cards[3].seq: int expected"). */
int proto_shape_check(const proto_shape_t *s, const json_t *body, char *err, size_t errlen);

/* Debug builds (PROTO_CHECK_SHAPES): abort, saying where, when a reply or
 * event body does not match its declaration or has none; the server
 * calls it on everything it sends. Elsewhere nothing. */
void proto_shape_assert(proto_kind_t kind, int type, const json_t *body);

/* Build an error body {code, message[, field]}. New reference. */
json_t *proto_error_body(proto_err_t e, const char *field);

/* Events the server pushes, declared once: EV(id, number, name, summary). */
#define PROTO_EVENTS(EV)                                                        \
	EV(org_changed, 1, "org.changed", "Cây tổ chức, cán bộ hoặc thiết bị thay đổi") \
	EV(session_ended, 2, "session.ended", "Phiên đăng nhập đã kết thúc")        \
	EV(notice, 3, "notice", "Thông báo cho người dùng")                          \
	EV(dossier_changed, 4, "dossier.changed", "Hồ sơ được tiếp nhận hoặc chuyển bước")                    \
	EV(task_changed, 5, "task.changed", "Nhiệm vụ được giao, chuyển trạng thái hoặc có trao đổi: thẻ mới của bảng") \
	/* figures: numbered in its messages' range (110-129) */                  \
	EV(figures_changed, 120, "figures.changed", "Số liệu kinh tế - xã hội của một đơn vị được nhập, gửi, tiếp nhận hoặc trả lại") \
	/* documents (issue 15) */ \
	EV(document_changed, 130, "document.changed", "Văn bản đến được vào sổ, bút phê hoặc giải quyết")

typedef enum {
#define EV(id, num, name, doc) EV_##id = num,
	PROTO_EVENTS(EV)
#undef EV
} proto_event_t;
const char *proto_event_name(int ev); /* "?" when unknown */

/* Roles, declared once: bit, name, Vietnamese label. */
#define PROTO_ROLES(R)                              \
	R(ADMIN, 1, "admin", "Quản trị")            \
	R(LEADER, 2, "leader", "Lãnh đạo")          \
	R(SPECIALIST, 4, "specialist", "Chuyên viên") \
	R(CLERK, 8, "clerk", "Văn thư / một cửa")     \
	R(SUPERVISOR, 16, "supervisor", "Giám sát")

enum {
#define R(id, bit, name, label) ROLE_##id = bit,
	PROTO_ROLES(R)
#undef R
};
/* Parse a JSON array of role names into a mask; -1 when a name is unknown
 * or the list is empty. */
int proto_roles_parse(const json_t *arr);
/* New JSON array of role names for mask. */
json_t *proto_roles_json(int mask);
const char *proto_role_label(const char *name);

#endif
