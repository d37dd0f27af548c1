/* catalog.c — loading and swapping the forms set and the calendar. */
#include "catalog.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "store/catalog.h"

static forms_t *s_forms;
static wt_calendar_t *s_cal;
static char s_dir[4096];
static int64_t s_gen; /* the catalog generation loaded */
/* The read pool's threads hold it for reading while they serve a request
 * (catalog_read_lock); the loop, the one thread that changes the catalog,
 * holds it for writing only while it swaps the set or changes the
 * calendar in place, never while it parses files. Writers first: a reload
 * waits for the reads in flight (a few ms), not for a stream of them. */
static pthread_rwlock_t s_lock = PTHREAD_RWLOCK_WRITER_NONRECURSIVE_INITIALIZER_NP;

void catalog_read_lock(void) { pthread_rwlock_rdlock(&s_lock); }
void catalog_read_unlock(void) { pthread_rwlock_unlock(&s_lock); }

/* One holiday administrators changed at run time, replayed over cal. */
static void s_replay(void *cal, const char *date, bool remove, const char *name)
{
	if (remove)
		wt_remove_holiday(cal, date);
	else
		wt_add_holiday(cal, date, name);
}

int catalog_load(const char *dir, store_t *db, char **errors)
{
	char path[4096], err[1024] = "";
	forms_t *f;
	wt_calendar_t *cal;

	*errors = NULL;
	snprintf(path, sizeof path, "%s/calendar", dir);
	if (!(cal = wt_load(path, err, sizeof err))) {
		*errors = strdup(err);
		return -1;
	}
	if (!(f = forms_load(dir, errors))) {
		wt_free(&cal);
		return -1;
	}
	if (db) {
		store_calendar_changes(db, s_replay, cal);
		s_gen = store_catalog_generation(db);
	}
	pthread_rwlock_wrlock(&s_lock);
	forms_free(&s_forms);
	wt_free(&s_cal);
	s_forms = f;
	s_cal = cal;
	snprintf(s_dir, sizeof s_dir, "%s", dir); /* dossier.print reads its templates there */
	pthread_rwlock_unlock(&s_lock);
	return 0;
}

void catalog_free(void)
{
	pthread_rwlock_wrlock(&s_lock);
	forms_free(&s_forms);
	wt_free(&s_cal);
	pthread_rwlock_unlock(&s_lock);
}

int catalog_bump(store_t *db)
{
	int64_t next = store_catalog_generation(db) + 1;
	if (store_catalog_generation_set(db, next) != STORE_OK)
		return -1;
	s_gen = next; /* this process applies its own change itself */
	return 0;
}

int catalog_follow(store_t *db)
{
	char *errors = NULL;
	char dir[sizeof s_dir];

	if (!s_dir[0] || store_catalog_generation(db) == s_gen)
		return 0;
	snprintf(dir, sizeof dir, "%s", s_dir);
	if (catalog_load(dir, db, &errors) != 0) {
		log_warn("forms changed from the console, reload refused (the set in use stays): %s", errors ? errors : "?");
		free(errors);
		s_gen = store_catalog_generation(db); /* not again until the next change */
		return -1;
	}
	log_info("forms and calendar reloaded: changed from the console");
	return 1;
}

const forms_t *catalog_forms(void) { return s_forms; }
const wt_calendar_t *catalog_calendar(void) { return s_cal; }
const char *catalog_dir(void) { return s_dir; }

/* --- administration of the catalog over the wire --- */

#include "audit.h"
#include "figures.h"
#include "figures_roll.h"
#include "srv.h"
#include "text.h"

/* After the commit: the calendar in memory follows the database. */
static void s_holiday_apply(srv_ctx_t *c, const json_t *req)
{
	const char *date = json_string_value(json_object_get(req, "date"));
	(void)c;
	pthread_rwlock_wrlock(&s_lock); /* changed in place: no pool read sees it half done */
	if (json_is_true(json_object_get(req, "remove")))
		wt_remove_holiday(s_cal, date);
	else
		wt_add_holiday(s_cal, date, json_string_value(json_object_get(req, "name")));
	pthread_rwlock_unlock(&s_lock);
}

proto_err_t srv_calendar_holiday(srv_ctx_t *c, json_t *req, json_t **reply)
{
	const char *date = json_string_value(json_object_get(req, "date"));
	const char *name = json_string_value(json_object_get(req, "name"));
	bool remove = json_is_true(json_object_get(req, "remove"));
	int is = wt_holiday(s_cal, date);

	(void)reply;
	if (!remove && (!name || !*name)) {
		c->bad_field = "name";
		snprintf(c->detail, sizeof c->detail, "Cần tên ngày nghỉ");
		return E_INVALID;
	}
	if (is < 0 || (remove && is == 0) || (!remove && is == 1)) {
		c->bad_field = "date";
		snprintf(c->detail, sizeof c->detail,
			 is < 0 ? "%s không phải ngày hợp lệ (YYYY-MM-DD)"
			 : remove ? "%s không phải ngày nghỉ trong lịch"
				  : "%s đã là ngày nghỉ",
			 date);
		return E_INVALID;
	}
	if (store_calendar_change(c->db, date, remove, name ? name : "", c->now) != STORE_OK)
		return E_INTERNAL;
	if (catalog_bump(c->db) != 0)
		return E_INTERNAL;
	c->after_commit = s_holiday_apply;
	audit_log(c, remove ? "calendar.holiday.remove" : "calendar.holiday.add", date,
		  json_pack("{s:s?}", "name", name));
	return E_OK;
}

proto_err_t srv_forms_reload(srv_ctx_t *c, json_t *req, json_t **reply)
{
	char *errors = NULL;
	char dir[4096];

	(void)req;
	snprintf(dir, sizeof dir, "%s", s_dir);
	if (catalog_load(dir, c->db, &errors) != 0) {
		snprintf(c->detail, sizeof c->detail, "Giữ bộ thủ tục đang dùng. Lỗi:\n%.*s", TEXT_CLIP(errors ? errors : "", 400));
		log_warn("forms reload refused: %s", errors ? errors : "?");
		free(errors);
		return E_INVALID;
	}
	if (catalog_bump(c->db) != 0)
		return E_INTERNAL;
	/* figures: the roll-ups follow forms/indicators' rules */
	if (figures_roll_sync(c->db, figures_set()) < 0)
		return E_INTERNAL;
	audit_log(c, "forms.reload", dir, NULL);
	log_info("forms reloaded from %s", dir);
	*reply = json_pack("{s:s}", "forms", dir);
	return E_OK;
}
