/* document_edxml.c — what an issued outgoing document carries to another
 * system in the national e-document exchange package (edXML, QCVN
 * 102:2016/BTTTT, the header's subset congvu produces: forms/documents/
 * edxml.xsd): document.exchange gives it as data, and `congvu document
 * export` writes the XML (client/edxml.c); the package comes back in
 * through `congvu document import`, which registers it as an incoming
 * document with document.register. */
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "document_out.h"
#include "print.h"
#include "store/dossier.h"

/* Urgency to the package's priority (0 thường, 1 khẩn, 2 thượng khẩn,
 * 3 hỏa tốc); client/edxml.c maps it back. */
static int s_priority(const char *urgency)
{
	static const char *const codes[] = {"khan", "thuong_khan", "hoa_toc"};

	for (int i = 0; i < 3; i++)
		if (!strcmp(urgency, codes[i]))
			return i + 1;
	return 0;
}

/* The place in the date line: the province of the agency's tree ("Cà
 * Mau"), "" when unknown. */
static const char *s_place(store_t *db, const char *agency_path, char *buf, size_t n)
{
	store_dossier_unit_t root;
	long long rid = atoll(agency_path + (agency_path[0] == '/'));

	buf[0] = 0;
	if (store_dossier_unit(db, rid, &root) == STORE_OK)
		print_place(root.name, buf, n);
	return buf;
}

proto_err_t srv_document_exchange(srv_ctx_t *c, json_t *req, json_t **reply)
{
	draft_t d;
	json_t *to = json_array(), *dl, *r;
	char place[256], day[32], id[256];
	const char *slash;
	size_t i;
	proto_err_t e = draft_load_visible(c, req, &d);

	if (e != E_OK) {
		json_decref(to);
		return e;
	}
	if (*d.secrecy) { /* state secrets never travel on the electronic axis (DOMAIN.md §2) */
		draft_clear(&d);
		json_decref(to);
		c->bad_field = "code";
		snprintf(c->detail, sizeof c->detail, "Văn bản mật không trao đổi qua trục văn bản điện tử (edXML)");
		return E_INVALID;
	}
	if (strcmp(d.state, "issued") != 0) { /* not yet, or recalled: nothing to send out */
		bool recalled = d.issued != 0;
		draft_clear(&d);
		json_decref(to);
		c->bad_field = "code";
		snprintf(c->detail, sizeof c->detail, "%s",
		         recalled ? "Văn bản đã bị thu hồi, không xuất gói edXML"
		                  : "Chỉ xuất gói edXML của văn bản đã phát hành");
		return E_INVALID;
	}
	dl = store_draft_deliveries(c->db, d.id);
	json_array_foreach(dl, i, r) json_array_append_new(
	    to, json_pack("{s:O, s:O}", "id", json_object_get(r, "unit"), "name", json_object_get(r, "name")));
	json_decref(dl);
	wf_time(d.issued, day, sizeof day);
	day[10] = 0;
	snprintf(id, sizeof id, "%s,%s,%s", d.agency_code, day, d.notation);
	slash = strchr(d.notation, '/');
	*reply =
	    json_pack("{s:s, s:s, s:{s:s, s:s}, s:o, s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:{s:s}, s:i, s:i}",
	              "code", d.code, "document_id", id, "from", "id", d.agency_code, "name", d.agency_name, "to", to,
	              "number", (json_int_t)d.number, "notation", d.notation, "code_notation", slash ? slash + 1 : "",
	              "place", s_place(c->db, d.agency_path, place, sizeof place), "date", day, "type", d.type,
	              "type_name", document_type_name(d.type) ? json_string(document_type_name(d.type)) : json_null(),
	              "subject", d.summary, "content", d.body ? d.body : "", "signer", "name", d.approver_name,
	              "priority", s_priority(d.urgency), "steering", 0);
	{ /* SignerInfo: in what right, with what title (NĐ 30 Điều 13) */
		draft_signer_t sg;
		json_t *signer = json_object_get(*reply, "signer");
		draft_signer(c, &d, &sg);
		if (*sg.prefix)
			json_object_set_new(signer, "competence", json_string(sg.prefix));
		if (*sg.position)
			json_object_set_new(signer, "position", json_string(sg.position));
	}
	draft_clear(&d);
	return E_OK;
}
