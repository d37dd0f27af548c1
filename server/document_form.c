/* document_form.c — the registration form of an incoming document as
 * field definitions (document.form): the TUI generates its form from them
 * as it does a procedure's, so the choices (the agencies the clerk may
 * register for, the types of forms/documents/types.yaml, urgency,
 * confidentiality) come from the server with the code to send for each. */
#include <string.h>

#include "document.h"
#include "store/org.h"
#include "wf.h"

json_t *document_form_field(const char *name, const char *label, const char *type, bool req, int max)
{
	json_t *f = json_pack("{s:s, s:s, s:s, s:b}", "name", name, "label", label, "type", type, "required", req);
	if (max)
		json_object_set_new(f, "max", json_integer(max));
	return f;
}

json_t *document_form_choice(const char *name, const char *label, bool req, void (*fill)(json_t *, json_t *))
{
	json_t *f = document_form_field(name, label, "choice", req, 0), *names = json_array(), *codes = json_array();

	fill(names, codes);
	json_object_set_new(f, "choices", names);
	json_object_set_new(f, "codes", codes);
	return f;
}

json_t *document_form_agency(srv_ctx_t *c, const char *label)
{
	json_t *f = document_form_field("agency", label, "choice", true, 0);
	json_t *names = json_array(), *codes = json_array(), *own = store_unit_list(c->db, c->unit_path), *up, *u0, *u1;
	char ppath[512];
	char *slash;

	snprintf(ppath, sizeof ppath, "%s", c->unit_path);
	if (strlen(ppath) > 1) {
		ppath[strlen(ppath) - 1] = 0; /* "/1/4/" → "/1/4" → "/1/" */
		slash = strrchr(ppath, '/');
		slash[1] = 0;
	}
	up = strcmp(ppath, c->unit_path) && strlen(ppath) > 1 ? store_unit_list(c->db, ppath) : json_array();
	u0 = json_array_get(own, 0);
	u1 = json_array_get(up, 0);
	if (u0) {
		json_array_append(names, json_object_get(u0, "name"));
		json_array_append(codes, json_object_get(u0, "code"));
		json_object_set(f, "value", json_object_get(u0, "name"));
	}
	if (u1) {
		json_array_append(names, json_object_get(u1, "name"));
		json_array_append(codes, json_object_get(u1, "code"));
	}
	json_object_set_new(f, "choices", names);
	json_object_set_new(f, "codes", codes);
	json_decref(own);
	json_decref(up);
	if (!u0) {
		json_decref(f);
		return NULL;
	}
	return f;
}

proto_err_t srv_document_form(srv_ctx_t *c, json_t *req, json_t **reply)
{
	json_t *fields = json_array(), *agency, *date, *pages;
	char today[32];

	(void)req;
	if (!c->console && !(c->roles & ROLE_CLERK)) {
		json_decref(fields);
		snprintf(c->detail, sizeof c->detail, "Chỉ văn thư được vào sổ văn bản đến");
		return E_NOT_ALLOWED;
	}
	if (!(agency = document_form_agency(c, "Cơ quan nhận (sổ của)"))) {
		json_decref(fields);
		return E_INTERNAL;
	}
	wf_time(c->now, today, sizeof today);
	today[10] = 0;
	json_array_append_new(fields, agency);
	json_array_append_new(fields, document_form_field("sender", "Nơi gửi", "text", true, 250));
	json_array_append_new(fields, document_form_field("number", "Số, ký hiệu (05/UBND-VP)", "text", true, 60));
	date = document_form_field("date", "Ngày văn bản", "date", true, 0);
	json_object_set_new(date, "value", json_string(today));
	json_array_append_new(fields, date);
	json_array_append_new(fields, document_form_choice("type", "Loại văn bản", true, document_type_choices));
	json_array_append_new(fields, document_form_field("summary", "Trích yếu", "text", true, 1000));
	json_array_append_new(fields, document_form_choice("urgency", "Độ khẩn", false, document_urgency_choices));
	json_array_append_new(fields, document_form_choice("secrecy", "Độ mật", false, document_secrecy_choices));
	json_array_append_new(fields, document_form_field("readers", "Người được đọc (văn bản mật; tên đăng nhập, dấu phẩy)",
	                                      "text", false, 400));
	pages = document_form_field("pages", "Số trang", "number", false, 0);
	json_object_set_new(pages, "min", json_integer(1));
	json_object_set_new(pages, "max", json_integer(100000));
	json_object_set_new(pages, "value", json_string("1"));
	json_array_append_new(fields, pages);
	*reply = json_pack("{s:o}", "fields", fields);
	return E_OK;
}
