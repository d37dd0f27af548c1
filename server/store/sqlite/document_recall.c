/* document_recall.c — the SQLite driver's reads for the recall and the
 * correction of outgoing documents (store/document_recall.h), over the
 * deliveries and the workflow log. */
#include "store/document_recall.h"

#include <stdio.h>

#include "db.h"

int64_t store_draft_of_document(store_t *s, int64_t document)
{
	return db_int(s, "SELECT draft_id FROM document_deliveries WHERE document_id = ?", 0, "i", document);
}

store_rc_t store_draft_recall_get(store_t *s, int64_t draft, char *note, size_t n, int64_t *at)
{
	json_t *rows = db_rows(db_q(s,
	                            "SELECT note, at FROM wf_log WHERE kind = 'document_out' AND object_id = ? "
	                            "AND action = 'recall' ORDER BY id DESC LIMIT 1",
	                            "i", draft));
	json_t *r = json_array_get(rows, 0);
	store_rc_t rc = r ? STORE_OK : STORE_NONE;

	if (r) {
		snprintf(note, n, "%s", json_string_value(json_object_get(r, "note")));
		*at = json_integer_value(json_object_get(r, "at"));
	}
	json_decref(rows);
	return rows ? rc : STORE_ERROR;
}

json_t *store_draft_link_get(store_t *s, int64_t draft)
{
	json_t *rows =
	    db_rows(db_q(s,
	                 "SELECT json_extract(extra, '$.corrects') AS code, json_extract(extra, '$.link') AS link "
	                 "FROM wf_log WHERE kind = 'document_out' AND object_id = ? AND action = 'draft' "
	                 "AND json_extract(extra, '$.corrects') IS NOT NULL LIMIT 1",
	                 "i", draft));
	json_t *r = json_incref(json_array_get(rows, 0));

	json_decref(rows);
	return r;
}

json_t *store_draft_links_to(store_t *s, const char *code)
{
	return db_rows(db_q(s,
	                    "SELECT g.code, json_extract(l.extra, '$.link') AS link FROM wf_log l "
	                    "JOIN document_drafts g ON g.id = l.object_id "
	                    "WHERE l.kind = 'document_out' AND l.action = 'draft' "
	                    "AND json_extract(l.extra, '$.corrects') = ? ORDER BY l.id",
	                    "s", code));
}
