/* attach.c — the attachments of one document (issue 15), opened with t
 * from the documents' list: the files by name, size, type and who
 * attached them; Enter fetches the selected one in chunks into the
 * downloads folder ($XDG_DOWNLOAD_DIR, else the home folder: NAME.part,
 * renamed when its BLAKE2b-256 matches; a part left by a stopped fetch is
 * continued); a asks for a file's path and sends it in chunks, resuming
 * from what the server holds; Esc during a transfer stops it (a fetch is
 * cancelled by asking no more). One chunk in flight at a time, so the
 * screen stays live and the line is never held for long. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "attach.h"
#include "i18n.h"

#define CHUNK (16 * 1024)

typedef enum { X_NONE, X_UP, X_DOWN } xfer_t;

typedef struct {
	tui_lv_t lv; /* first: the spec screens' callbacks take the state as a tui_lv_t */
	char code[32];
	bool asking;     /* the path line is open */
	tui_edit_t path; /* the file to attach */
	xfer_t x;
	char name[256], hash[65], file[4096];
	unsigned char *buf; /* upload: the whole file */
	size_t len;
	int64_t upload, held, size;
	FILE *out; /* fetch: FILE.part */
	crypto_generichash_state h;
} att_t;

static json_t *s_query(tui_t *t, tui_lv_t *lv)
{
	(void)t;
	return json_pack("{s:s}", "code", ((att_t *)lv)->code);
}

static const tui_col_t s_cols[] = {
    {N_("Tên tệp"), 16, 3}, {N_("Cỡ"), 8, 0}, {N_("Loại"), 10, 1}, {N_("Người đính kèm"), 10, 1}, {N_("Lúc"), 16, 0},
};

static const char *s_cell(const json_t *row, int col, char *buf, size_t n)
{
	int64_t size = json_integer_value(json_object_get(row, "size"));

	switch (col) {
	case 0:
		return tui_jstr(row, "name");
	case 1:
		if (size < 10240)
			snprintf(buf, n, "%lld B", (long long)size);
		else
			snprintf(buf, n, "%lld KiB", (long long)(size + 1023) / 1024);
		return buf;
	case 2:
		return tui_jstr(row, "mime");
	case 3:
		return tui_jstr(row, "by_name");
	default:
		return tui_jstr(row, "at");
	}
}

/* The stop of a transfer: what it held freed, a message. */
static void s_end(tui_t *t, att_t *s, bool error, const char *msg)
{
	free(s->buf);
	s->buf = NULL;
	if (s->out)
		fclose(s->out);
	s->out = NULL;
	s->x = X_NONE;
	if (msg)
		tui_msg(t, error, "%s", msg);
}

static int s_top(tui_t *t, tui_lv_t *lv, WINDOW *w)
{
	att_t *s = (att_t *)lv;
	char line[600];
	int cx = 0;

	if (s->asking) {
		tui_put(w, 0, 1, _("Tệp cần đính kèm (đường dẫn, Enter gửi, Esc thôi):"), getmaxx(w) - 2, 0);
		tui_edit_draw(&s->path, w, 1, 1, getmaxx(w) - 2, A_UNDERLINE, &cx);
		tui_cursor(t, 1, cx);
		return 3;
	}
	if (s->x != X_NONE)
		snprintf(line, sizeof line, "%s %s: %lld%% (%lld/%lld KiB) — %s",
		         s->x == X_UP ? _("Đang gửi") : _("Đang tải về"), s->name,
		         s->size ? (long long)(s->held * 100 / s->size) : 0, (long long)s->held / 1024,
		         (long long)s->size / 1024, _("Esc: dừng"));
	else
		snprintf(line, sizeof line, _("Văn bản %s — Enter: tải về, a: đính kèm tệp"), s->code);
	tui_put(w, 0, 1, line, getmaxx(w) - 2, 0);
	return 1;
}

/* --- upload: begin, chunks from what the server holds, finish --- */

static void s_chunk(tui_t *t, att_t *s)
{
	size_t n = s->len - (size_t)s->held < CHUNK ? s->len - (size_t)s->held : CHUNK;
	char b64[sodium_base64_ENCODED_LEN(CHUNK, sodium_base64_VARIANT_ORIGINAL)];

	sodium_bin2base64(b64, sizeof b64, s->buf + s->held, n, sodium_base64_VARIANT_ORIGINAL);
	tui_request(
	    t, s, MSG_attach_chunk,
	    json_pack("{s:I, s:I, s:s}", "upload", (json_int_t)s->upload, "offset", (json_int_t)s->held, "data", b64));
}

static void s_put(tui_t *t, att_t *s)
{
	char *path = tui_edit_nfc(&s->path), *slash;
	FILE *f = path ? fopen(path, "rb") : NULL;
	struct stat st;
	unsigned char sum[32];

	s->asking = false;
	if (!f || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
	    !(s->buf = malloc(st.st_size ? st.st_size : 1)) ||
	    fread(s->buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
		tui_msg(t, true, "%s %s", _("Không đọc được tệp"), path ? path : "");
		free(s->buf);
		s->buf = NULL;
	} else {
		s->len = (size_t)st.st_size;
		slash = strrchr(path, '/');
		snprintf(s->name, sizeof s->name, "%s", slash ? slash + 1 : path);
		crypto_generichash(sum, sizeof sum, s->buf, s->len, NULL, 0);
		sodium_bin2hex(s->hash, sizeof s->hash, sum, sizeof sum);
		s->x = X_UP;
		s->held = 0;
		s->size = (int64_t)s->len;
		if (!tui_request(t, s, MSG_attach_begin,
		                 json_pack("{s:s, s:s, s:I, s:s}", "code", s->code, "name", s->name, "size",
		                           (json_int_t)s->len, "hash", s->hash)))
			s_end(t, s, true, _("Đang chờ máy chủ trả lời; thử lại sau giây lát."));
	}
	if (f)
		fclose(f);
	free(path);
}

/* --- fetch: chunks by offset into FILE.part --- */

/* Ask for the chunk at what is held: its request id, 0 when the screen
 * still waits for another reply. */
static uint64_t s_next_get(tui_t *t, att_t *s)
{
	return tui_request(t, s, MSG_attach_get,
	                   json_pack("{s:s, s:s, s:I, s:i}", "code", s->code, "file", s->hash, "offset",
	                             (json_int_t)s->held, "max", CHUNK * 2));
}

static void s_get(tui_t *t, att_t *s, const json_t *row)
{
	const char *dir = getenv("XDG_DOWNLOAD_DIR"), *name = tui_jstr(row, "name");
	char part[4200];
	unsigned char buf[CHUNK];
	size_t n;
	FILE *old;

	if (!dir || !*dir)
		dir = getenv("HOME") ? getenv("HOME") : ".";
	snprintf(s->file, sizeof s->file, "%s/%s", dir, name);
	snprintf(s->name, sizeof s->name, "%s", name);
	snprintf(s->hash, sizeof s->hash, "%s", tui_jstr(row, "hash"));
	snprintf(part, sizeof part, "%s.part", s->file);
	s->size = json_integer_value(json_object_get(row, "size"));
	s->held = 0;
	crypto_generichash_init(&s->h, NULL, 0, 32);
	if ((old = fopen(part, "rb"))) { /* a stopped fetch: hash what it holds, go on */
		while ((n = fread(buf, 1, sizeof buf, old)) > 0) {
			crypto_generichash_update(&s->h, buf, n);
			s->held += (int64_t)n;
		}
		fclose(old);
	}
	if (!(s->out = fopen(part, "ab"))) {
		tui_msg(t, true, "%s %s: %s", _("Không ghi được tệp"), part, strerror(errno));
		return;
	}
	fchmod(fileno(s->out), 0600);
	s->x = X_DOWN;
	if (!s_next_get(t, s))
		s_end(t, s, true, _("Đang chờ máy chủ trả lời; thử lại sau giây lát."));
}

/* The fetch's chunk arrived: written, hashed; the next asked, or the end. */
static void s_got(tui_t *t, att_t *s, const json_t *body)
{
	const char *b64 = tui_jstr(body, "data");
	unsigned char buf[CHUNK * 2], sum[32];
	char hex[65], part[4200], msg[4400];
	size_t n = 0;

	if (sodium_base642bin(buf, sizeof buf, b64, strlen(b64), NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    fwrite(buf, 1, n, s->out) != n || fflush(s->out) != 0) {
		s_end(t, s, true, _("Không ghi được tệp tải về"));
		return;
	}
	crypto_generichash_update(&s->h, buf, n);
	s->held += (int64_t)n;
	if (s->held < s->size && n > 0) {
		s_next_get(t, s);
		return;
	}
	crypto_generichash_final(&s->h, sum, sizeof sum);
	sodium_bin2hex(hex, sizeof hex, sum, sizeof sum);
	snprintf(part, sizeof part, "%s.part", s->file);
	fclose(s->out);
	s->out = NULL;
	if (strcmp(hex, s->hash) != 0) {
		unlink(part);
		s_end(t, s, true, _("Tệp tải về không khớp mã băm; đã xóa, hãy tải lại"));
	} else if (rename(part, s->file) != 0)
		s_end(t, s, true, _("Không ghi được tệp tải về"));
	else {
		snprintf(msg, sizeof msg, "%s %s", _("Đã lưu vào"), s->file);
		s_end(t, s, false, msg);
	}
}

static int s_reply(tui_t *t, void *st, proto_msg_t type, proto_err_t e, json_t *body)
{
	att_t *s = st;

	if (type != MSG_attach_begin && type != MSG_attach_chunk && type != MSG_attach_finish && type != MSG_attach_get)
		return tui_lv_reply(t, st, type, e, body);
	if (s->x == X_NONE)
		return TUI_R_NONE; /* stopped meanwhile */
	if (e != E_OK) {
		s_end(t, s, false, NULL);
		tui_error_body(t, e, body, NULL);
		return TUI_R_ALL;
	}
	switch (type) {
	case MSG_attach_begin:
		s->upload = json_integer_value(json_object_get(body, "upload"));
		s->held = json_integer_value(json_object_get(body, "held"));
		if (!s->upload) {
			s_end(t, s, false, _("Máy chủ đã có tệp này: đã đính kèm, không phải gửi"));
			tui_lv_reload(t, &s->lv);
		} else
			s_chunk(t, s);
		break;
	case MSG_attach_chunk:
		s->held = json_integer_value(json_object_get(body, "held"));
		if (s->held < s->size)
			s_chunk(t, s);
		else
			tui_request(t, s, MSG_attach_finish, json_pack("{s:I}", "upload", (json_int_t)s->upload));
		break;
	case MSG_attach_finish:
		s_end(t, s, false, _("Đã đính kèm tệp vào văn bản"));
		tui_lv_reload(t, &s->lv);
		break;
	default:
		s_got(t, s, body);
		break;
	}
	return TUI_R_ALL;
}

static int s_key(tui_t *t, void *st, tui_action_t a, int key)
{
	att_t *s = st;

	if (s->asking) { /* the path line takes every key but Enter and Esc */
		if (key == '\n')
			s_put(t, s);
		else if (key == TK_ESC)
			s->asking = false;
		else if (key == TK_FN(KEY_BACKSPACE) || key == 127)
			tui_edit_key(&s->path, ACT_BKSP, key);
		else if (key == TK_FN(KEY_LEFT) || key == TK_FN(KEY_RIGHT))
			tui_edit_key(&s->path, key == TK_FN(KEY_LEFT) ? ACT_LEFT : ACT_RIGHT, key);
		else if (key >= ' ' && key < TK_FN(0))
			tui_edit_key(&s->path, ACT_NONE, key);
		return TUI_R_ALL;
	}
	if (s->x != X_NONE) {
		if (a == ACT_BACK) {
			tui_cancel(t, s);
			s_end(t, s, false,
			      s->x == X_UP ? _("Đã dừng gửi; gửi lại tệp đó sẽ tiếp tục từ chỗ dừng")
			                   : _("Đã dừng tải về; tải lại sẽ tiếp tục từ chỗ dừng"));
			return TUI_R_ALL;
		}
		if (a == ACT_ADD || a == ACT_OPEN) {
			tui_msg(t, true, "%s", _("Đang gửi hoặc tải một tệp; Esc để dừng"));
			return TUI_R_MSG;
		}
	}
	if (a == ACT_ADD) {
		s->asking = true;
		tui_edit_init(&s->path, TUI_EDIT_MAX, false);
		return TUI_R_ALL;
	}
	if (a == ACT_OPEN) {
		const json_t *row =
		    s->lv.rows && s->lv.list.n ? json_array_get(s->lv.rows, (size_t)s->lv.list.sel) : NULL;
		if (row)
			s_get(t, s, row);
		return TUI_R_ALL;
	}
	return tui_lv_key(t, st, a, key);
}

static void s_leave(tui_t *t, void *st)
{
	s_end(t, st, false, NULL);
	tui_lv_leave(t, st);
}

static const tui_lvspec_t s_spec = {
    .msg = MSG_attach_list,
    .key = "attachments",
    .cols = s_cols,
    .ncols = (int)(sizeof s_cols / sizeof *s_cols),
    .cell = s_cell,
    .query = s_query,
    .id_key = "name",
    .top = s_top,
};

static void s_enter(tui_t *t, void *st, const void *arg)
{
	att_t *s = st;

	snprintf(s->code, sizeof s->code, "%s", (const char *)arg);
	tui_lv_init(t, &s->lv, &s_spec);
}

static const char *s_name(void *st)
{
	static char title[96];

	snprintf(title, sizeof title, "%s %s", _("Tệp đính kèm"), ((att_t *)st)->code);
	return title;
}

const tui_screen_t tui_attach_screen = {
    .title = N_("Tệp đính kèm"),
    .name = s_name,
    .ctx = TC_ATTACH | TC_LIST,
    .size = sizeof(att_t),
    .enter = s_enter,
    .leave = s_leave,
    .draw = tui_lv_draw,
    .key = s_key,
    .reply = s_reply,
    .event = tui_lv_event,
};
