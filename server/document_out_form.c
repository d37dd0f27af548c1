/* document_out_form.c — the new outgoing draft's form as field
 * definitions (document.draft_form): the TUI generates it as it does the
 * incoming registration's, so the agencies the official may draft for,
 * the types of forms/documents/types.yaml, urgency and confidentiality
 * come from the server with the code to send for each. */
#include "document.h"
#include "document_out.h"

proto_err_t srv_document_draft_form(srv_ctx_t *c, json_t *req, json_t **reply)
{
	json_t *fields, *agency;

	(void)req;
	if (!c->console && !(c->roles & (ROLE_SPECIALIST | ROLE_LEADER | ROLE_CLERK))) {
		snprintf(c->detail, sizeof c->detail, "Chỉ chuyên viên, lãnh đạo, văn thư được dự thảo văn bản");
		return E_NOT_ALLOWED;
	}
	if (!(agency = document_form_agency(c, "Cơ quan ban hành")))
		return E_INTERNAL;
	fields = json_array();
	json_array_append_new(fields, agency);
	json_array_append_new(fields, document_form_choice("type", "Loại văn bản", true, document_type_choices));
	json_array_append_new(fields, document_form_field("summary", "Trích yếu", "text", true, 1000));
	json_array_append_new(fields, document_form_field("body", "Nội dung", "text", true, 100000));
	json_array_append_new(fields, document_form_choice("urgency", "Độ khẩn", false, document_urgency_choices));
	json_array_append_new(fields, document_form_choice("secrecy", "Độ mật", false, document_secrecy_choices));
	json_array_append_new(fields, document_form_field("signer", "Người ký (tên đăng nhập; trống: lãnh đạo cơ quan)",
	                                                  "text", false, 32));
	json_array_append_new(fields, document_form_field("note", "Ghi chú", "text", false, 500));
	*reply = json_pack("{s:o}", "fields", fields);
	return E_OK;
}
