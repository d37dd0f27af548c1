/* batch.h — the serve loop's request handling: read what waits on the
 * ROUTER socket and answer it, the writes made durable by one commit. */
#ifndef CONGVU_BATCH_H
#define CONGVU_BATCH_H

#include "srv.h"

/* Read every request waiting on router (blocking for the first, at most a
 * batch), identify and dispatch them in order in one transaction, commit,
 * then send each reply and the events the requests queued. Returns the
 * number of requests answered. */
int batch_serve(void *router, store_t *db, const srv_config_t *cfg);

/* Requests with slow work (today the password work of login, passwd,
 * user.add and user.reset) wait off the loop while the worker does it
 * (worker.c): batch_start starts the worker (without it they are answered
 * busy; the loop never does slow work), the loop polls batch_fd and calls
 * batch_resume when it is readable, which answers the requests whose work
 * is done and what their connections sent after them; batch_stop ends the
 * worker and drops what is still parked. */
int batch_start(void);
int batch_fd(void);
int batch_resume(void *router, store_t *db, const srv_config_t *cfg);
void batch_stop(void);

/* Reads off the loop: with the read pool started (readpool.h), a read that
 * is the first of its connection's requests still to answer is identified
 * here and served by a pool thread; the loop polls readpool_fd and calls
 * batch_resume when it is readable, which answers the reads done and
 * serves what their connections sent after them. Stopping, batch_drain
 * sends no more reads to the pool and answers every one it was given
 * (and what waited behind them) before it returns: the number answered. */
int batch_drain(void *router, store_t *db, const srv_config_t *cfg);

/* What a kind of slow work is told of a request when the loop asks whether
 * its work is due: an enrolled device's request whose body passed
 * proto_check. */
typedef struct {
	const proto_def_t *def;
	const json_t *body;
	int64_t device; /* the device that sent it */
	int64_t now;
} batch_req_t;

/* A kind of slow work, one entry of batch.c's table: a request of message
 * msg is parked in its connection's lane while run does its work on the
 * worker's thread, then resumed (dispatched) with the results.
 * - due (loop's thread, inside no transaction of its own; may read the
 *   database): may r's work be done now? When it may, a new job (its
 *   input, room for its results) the request then owns; NULL when it
 *   may not or on no memory (the request is then dispatched at once
 *   without results: its handler refuses it or answers busy). param is
 *   the entry's.
 * - run (worker's thread): computes, from the job and into it; it never
 *   touches the database, a ctx or anything else of the loop's.
 * - free: frees a job, on whichever thread owns it then.
 * - resume (loop's thread, just before dispatch, after every refusal
 *   check): the continuation, giving the handler the results by filling
 *   c; pointers into the job stay valid until the request is answered. It
 *   is called for every request that holds a job, run or not (the worker
 *   gone: the job says so, and the handler answers busy). */
typedef struct {
	proto_msg_t msg;
	const void *param;
	void *(*due)(const batch_req_t *r, store_t *db, const srv_config_t *cfg, const void *param);
	void (*run)(void *job);
	void (*free)(void *job);
	void (*resume)(srv_ctx_t *c, const void *job);
} batch_slow_t;

#endif
