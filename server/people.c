/* people.c — user.people: the officials a form may name, for any official
 * within their scope (the administrator's user.list is the accounts): a
 * unit's people (the lead of a task, the handler of a document) or a
 * subtree's, each with name, unit and roles in Vietnamese, paged. */
#include <stdio.h>
#include <string.h>

#include "org.h"
#include "store/people.h"

enum { PAGE = 50, MAX_PAGE = 200 };

proto_err_t srv_user_people(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *unit = json_string_value(json_object_get(req, "unit"));
	const char *role = json_string_value(json_object_get(req, "role"));
	json_t *lim = json_object_get(req, "limit"), *rows, *r;
	int limit = lim ? (int)json_integer_value(lim) : PAGE;
	int offset = (int)json_integer_value(json_object_get(req, "offset")), mask = 0;
	bool below = json_is_true(json_object_get(req, "below"));
	char path[512];
	proto_err_t e;
	size_t i;

	if (role) {
		json_t *one = json_pack("[s]", role);
		mask = proto_roles_parse(one);
		json_decref(one);
		if (mask < 0) {
			c->bad_field = "role";
			snprintf(c->detail, sizeof c->detail,
				 "Vai trò là admin, leader, specialist, clerk hoặc supervisor");
			return E_INVALID;
		}
	}
	if (limit <= 0 || limit > MAX_PAGE)
		limit = limit <= 0 ? PAGE : MAX_PAGE;
	if ((e = org_scope(c, unit, path, sizeof path)) != E_OK)
		return e;
	/* one more than the page: is there a next one */
	rows = store_people(c->db, path, unit && !below, mask, offset, limit + 1);
	*reply = json_pack("{s:b}", "more", json_array_size(rows) > (size_t)limit);
	if (json_array_size(rows) > (size_t)limit)
		json_array_remove(rows, (size_t)limit);
	json_array_foreach(rows, i, r)
	{
		int m = (int)json_integer_value(json_object_get(r, "roles"));
		json_t *codes = proto_roles_json(m), *code;
		char names[160] = "";
		size_t k;
		json_array_foreach(codes, k, code)
		{
			const char *label = proto_role_label(json_string_value(code));
			snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", k ? ", " : "",
				 label ? label : json_string_value(code));
		}
		json_object_set_new(r, "roles", codes);
		json_object_set_new(r, "role_names", json_string(names));
	}
	json_object_set_new(*reply, "people", rows);
	return E_OK;
}
