/*
 * The library inside the caller's event loop: descriptors to poll, a
 * dispatch step that never blocks, asynchronous calls and the callbacks
 * that report them.  See alcove_dispatch(3).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>

#include "proto/calls.h"
#include "lib/lib.h"

/* How many reads one alcove_dispatch() makes at most. */
#define DISPATCH_READS	16

int
alcove_fd(struct alcove *h)
{
	return h->out;
}

int
alcove_fd_out(struct alcove *h)
{
	int fd;

	(void)pthread_mutex_lock(&h->mu);
	fd = TAILQ_EMPTY(&h->outq) || h->dead ? -1 : h->in;
	(void)pthread_mutex_unlock(&h->mu);
	return fd;
}

/* An asynchronous call is over: its callback runs at the next dispatch. */
void
defer_call(struct alcove *h, struct waiter *w, struct alcove_term *reply,
    int err)
{
	struct deferred *d;

	if (err == 0)
		err = reply_status(reply);
	if (err != 0) {
		alcove_term_free(reply);
		reply = NULL;
	}
	if ((d = calloc(1, sizeof(*d))) == NULL) {
		alcove_term_free(reply);
		return;
	}
	d->call_cb = w->cb;
	d->arg = w->arg;
	d->err = err;
	d->reply = reply;
	TAILQ_INSERT_TAIL(&h->deferred, d, entry);
}

/*
 * Run the callbacks that are due, one at a time and with the lock
 * dropped, so that a callback may call anything in the library.  Only one
 * thread runs callbacks at a time: they never run concurrently.
 */
static void
run_deferred(struct alcove *h)
{
	struct alcove_owner *o;
	struct deferred *d;
	alcove_owner_cb cb;
	void *arg;

	if (h->calling)
		return;
	h->calling = 1;
	h->cb_thread = pthread_self();
	while ((d = TAILQ_FIRST(&h->deferred)) != NULL) {
		TAILQ_REMOVE(&h->deferred, d, entry);
		if ((o = d->owner) != NULL && (cb = o->cb) == NULL) {
			/* The callback was taken away: queue it after all. */
			(void)owner_queue(o, d->msg, d->cost);
		} else if (o != NULL) {
			arg = o->arg;
			o->busy++;
			(void)pthread_mutex_unlock(&h->mu);
			cb(o, d->msg, arg);
			(void)pthread_mutex_lock(&h->mu);
			o->busy--;
			if (o->closed == 2)
				owner_free(o);	/* it closed itself */
			else
				owner_consumed(h, o, d->cost);
		} else {
			(void)pthread_mutex_unlock(&h->mu);
			d->call_cb(d->err, d->reply, d->arg);
			(void)pthread_mutex_lock(&h->mu);
		}
		free(d);
		(void)pthread_cond_broadcast(&h->cv);
	}
	h->calling = 0;
}

/*
 * Do what can be done now: write queued output the port accepts, read
 * what it said, run the callbacks.  Never blocks (beyond the lock): if
 * another thread is reading the port, what it reads is handled there and
 * its callbacks wait for the next alcove_dispatch().
 */
int
alcove_dispatch(struct alcove *h)
{
	int err = 0, i;

	(void)pthread_mutex_lock(&h->mu);
	if (!h->reading && !h->dead) {
		h->reading = 1;
		for (i = 0; i < DISPATCH_READS; i++)
			if ((err = pump(h, deadline(h, 0))) != 0)
				break;
		h->reading = 0;
		(void)pthread_cond_broadcast(&h->cv);
		if (err == ALCOVE_ETIMEDOUT)
			err = 0;
	} else
		flush_out(h);
	run_deferred(h);
	if (err == 0 && h->dead)
		err = ALCOVE_EPORT;
	(void)pthread_mutex_unlock(&h->mu);
	return err;
}

int
alcove_call_async(struct alcove *h, const pid_t *path, size_t npath, int call,
    alcove_call_cb cb, void *arg, const char *fmt, ...)
{
	unsigned char *args;
	struct waiter *w;
	va_list ap;
	size_t len;
	int err;

	if (cb == NULL)
		return ALCOVE_EINVAL;
	va_start(ap, fmt);
	err = encode_args(fmt, ap, &args, &len);
	va_end(ap);
	if (err != 0)
		return err;
	(void)pthread_mutex_lock(&h->mu);
	if (!TAILQ_EMPTY(&h->outq) && h->outbytes + len > OUTQ_MAX)
		err = EAGAIN;
	else if ((w = request(h, path, npath, call, args, len, -2, &err)) !=
	    NULL) {
		w->cb = cb;
		w->arg = arg;
		if (w->done) {
			/* It failed as it was written: report it all the same. */
			defer_call(h, w, w->reply, w->error);
			w->reply = NULL;
			waiter_remove(h, w);
		}
	}
	(void)pthread_mutex_unlock(&h->mu);
	free(args);
	return err;
}
