/* scalegen.h — what the parts of congvu-scalegen share: a request run
 * through srv_dispatch as an official at a given moment, the officials by
 * (unit, role), the generated units, working hours and one random stream
 * (scalegen.c); the province's tasks (scaletasks.c). */
#ifndef CONGVU_BENCH_SCALEGEN_H
#define CONGVU_BENCH_SCALEGEN_H

#include <stddef.h>
#include <stdint.h>

#include "srv.h"

typedef struct {
	int64_t user_id;
	char username[64];
	int roles;
	int64_t unit_id;
	char path[128];
} gen_actor_t;

typedef struct {
	char code[32];
	int64_t id, parent;
} gen_unit_t;

typedef struct {
	gen_unit_t *u;
	size_t n;
} gen_units_t;

/* Run one request as actor a (NULL: the console) at time now, as from the
 * wire. The body is stolen; the reply is returned (caller decrefs) or
 * NULL on an error, which is counted and, for the first few, printed. */
json_t *gen_run(const gen_actor_t *a, int64_t now, proto_msg_t msg, json_t *body);

/* The first official of the unit with this role (ROLE_CLERK, _SPECIALIST
 * or _LEADER), or NULL. */
const gen_actor_t *gen_actor(int64_t unit, int role);

/* The next working-hours instant at or after t (Mon–Fri 07:30–17:00 in
 * Vietnam; holidays are the calendar's business, not the generator's). */
int64_t gen_working(int64_t t);

/* 0..n-1 from the generator's one seeded stream (0 when n is 0). */
unsigned gen_rand(unsigned n);

/* Assign n tasks (sub-tasks included) over start..end, in order, and carry
 * each through its life up to end: the province's leader to districts,
 * some split into sub-tasks for their communes, the districts' leaders to
 * their communes. Returns how many were assigned. */
size_t gen_tasks(long n, int64_t start, int64_t end, const gen_units_t *districts, const gen_units_t *communes);

#endif
