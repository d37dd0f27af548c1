/* push_delta.c — task.changed as only what changed, for the clients that
 * asked for it in their hello (`deltas`, the TUI): a progress report moves
 * a card's percentage, and its title, units and names need not cross the
 * wire again. The card last sent of each task is kept here (in memory: a
 * restarted daemon sends whole cards until it has told each task once). */
#include "push_delta.h"

#include <string.h>

/* What places a card on a board (its column, its order there, the
 * filters it passes): when one of these moves the card travels whole, so a
 * board that did not hold it can place it. */
static const char *const s_placing[] = {"state", "overdue", "deadline", "priority", "source", "lead_user", "paths"};

/* code -> the card last sent; forgotten all at once past TOLD_MAX tasks
 * (their next change then goes whole) */
#define TOLD_MAX 20000
static json_t *s_told;

json_t *push_delta_task(const json_t *body)
{
	const char *code = json_string_value(json_object_get(body, "code")), *k;
	json_t *card = json_object_get(body, "card"), *prev, *d = NULL, *v;
	json_int_t base;

	if (!code || !json_is_object(card))
		return NULL;
	if (!s_told || json_object_size(s_told) >= TOLD_MAX) {
		json_decref(s_told);
		s_told = json_object();
	}
	prev = json_object_get(s_told, code);
	base = json_integer_value(json_object_get(prev, "seq"));
	for (size_t i = 0; prev && base > 0 && i < sizeof s_placing / sizeof *s_placing; i++)
		if (!json_equal(json_object_get(prev, s_placing[i]), json_object_get(card, s_placing[i])))
			prev = NULL;
	if (prev && json_object_size(prev) == json_object_size(card)) {
		d = json_object();
		json_object_foreach(card, k, v)
		{
			json_t *was = json_object_get(prev, k);
			if (!was) { /* a field the last card did not have: send it whole */
				json_decref(d);
				d = NULL;
				break;
			}
			if (strcmp(k, "seq") && !json_equal(was, v))
				json_object_set(d, k, v);
		}
	}
	json_object_set_new(s_told, code, json_deep_copy(card));
	if (!d)
		return NULL;
	return json_pack("{s:O, s:s, s:o, s:I}", "seq", json_object_get(body, "seq"), "code", code, "card", d, "base",
	                 base);
}

void push_delta_reset(void)
{
	json_decref(s_told);
	s_told = NULL;
}
