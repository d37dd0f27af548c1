/* document_demo.c — demo incoming documents for `congvud admin DIR demo`:
 * forms/demo/documents.json played through the handlers the wire runs,
 * each as the official it names: a clerk registers (`register`: the
 * fields of `congvu document register`), then a leader may route it
 * (`direct`: the fields of `congvu document direct`). */
#include <stdio.h>

#include "document.h"
#include "task.h"

int document_demo(store_t *db, const srv_config_t *cfg, const char *file, int *ndocs)
{
	json_error_t je;
	json_t *demo = json_load_file(file, 0, &je), *d, *reply;
	size_t i;
	int rc = 0;

	*ndocs = 0;
	if (!demo) {
		fprintf(stderr, "congvud: %s:%d: %s\n", file, je.line, je.text);
		return -1;
	}
	json_array_foreach(json_object_get(demo, "documents"), i, d)
	{
		json_t *direct = json_object_get(d, "direct");
		if (task_demo_run(db, cfg, json_string_value(json_object_get(d, "as")), srv_document_register,
		                  json_deep_copy(json_object_get(d, "register")), &reply) != 0) {
			rc = -1;
			break;
		}
		(*ndocs)++;
		if (direct) {
			json_t *b = json_deep_copy(direct);
			json_object_set(b, "code", json_object_get(reply, "code"));
			json_object_del(b, "as");
			if (task_demo_run(db, cfg, json_string_value(json_object_get(direct, "as")), srv_document_direct, b,
			                  NULL) != 0)
				rc = -1;
		}
		json_decref(reply);
	}
	json_decref(demo);
	return rc;
}
