/*
 * The outgoing queue: requests and stdin data wait here, whole frames in
 * sending order, until the port's stdin accepts them.  Writing never
 * blocks (the descriptor is non-blocking), so a full pipe holds nobody
 * past a deadline.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "lib/lib.h"

static int
outq_has_room(struct alcove *h, void *arg)
{
	size_t len = *(size_t *)arg;

	return TAILQ_EMPTY(&h->outq) || h->outbytes + len <= OUTQ_MAX;
}

/* Wait (h->mu held) until len more bytes fit the queue. */
int
outq_wait_room(struct alcove *h, size_t len, int64_t dl)
{
	return wait_for(h, outq_has_room, &len, dl);
}

/*
 * Append a frame (the queue takes buf) for waiter w, or held by the caller
 * (stdin), and try to write it at once.  A frame that is not held is
 * freed once written, and w->out then is NULL again.
 */
struct outmsg *
outq_add(struct alcove *h, unsigned char *buf, size_t len, struct waiter *w,
    int held)
{
	struct outmsg *om;

	if ((om = calloc(1, sizeof(*om))) == NULL) {
		free(buf);
		return NULL;
	}
	om->buf = buf;
	om->len = len;
	om->queued = 1;
	om->held = held;
	if ((om->w = w) != NULL)
		w->out = om;
	TAILQ_INSERT_TAIL(&h->outq, om, entry);
	h->outbytes += len;
	if (h->polling)
		wake_poller(h);
	else
		flush_out(h);
	return om;
}

static void
outq_unlink(struct alcove *h, struct outmsg *om)
{
	TAILQ_REMOVE(&h->outq, om, entry);
	om->queued = 0;
	h->outbytes -= om->len;
	if (om->w != NULL) {
		om->w->out = NULL;
		om->w = NULL;
	}
	free(om->buf);
	om->buf = NULL;
	if (!om->held)
		free(om);
	(void)pthread_cond_broadcast(&h->cv);
}

/* Take a frame nothing of which was written out of the queue. */
void
outq_drop(struct alcove *h, struct outmsg *om)
{
	if (om->queued)
		outq_unlink(h, om);
}

/* Every queued frame fails: the port is gone. */
void
outq_fail(struct alcove *h, int err)
{
	struct outmsg *om;

	struct waiter *w;

	while ((om = TAILQ_FIRST(&h->outq)) != NULL) {
		om->error = err;
		w = om->w;
		outq_unlink(h, om);
		if (w != NULL && !w->done)
			waiter_resolve(h, w, NULL, err);
	}
}

/*
 * Write what the port accepts now.  SIGPIPE is blocked in this thread
 * only, and one this write raised is taken back, so that a dead port is
 * an error and not the end of the program.
 */
void
flush_out(struct alcove *h)
{
	sigset_t pipeset, old, pending;
	struct outmsg *om;
	int was_pending, sig, err = 0;
	ssize_t n;

	if (TAILQ_EMPTY(&h->outq) || h->in == -1)
		return;
	(void)sigemptyset(&pipeset);
	(void)sigaddset(&pipeset, SIGPIPE);
	(void)pthread_sigmask(SIG_BLOCK, &pipeset, &old);
	(void)sigpending(&pending);
	was_pending = sigismember(&pending, SIGPIPE);
	while ((om = TAILQ_FIRST(&h->outq)) != NULL) {
		n = write(h->in, om->buf + om->off, om->len - om->off);
		if (n > 0) {
			om->off += (size_t)n;
			if (om->off == om->len)
				outq_unlink(h, om);
			continue;
		}
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno != EAGAIN && errno != EWOULDBLOCK)
			err = errno;
		break;
	}
	if (!was_pending) {
		(void)sigpending(&pending);
		if (sigismember(&pending, SIGPIPE))
			(void)sigwait(&pipeset, &sig);
	}
	(void)pthread_sigmask(SIG_SETMASK, &old, NULL);
	/* EPIPE: the port (or the program the root exec'd) closed its
	 * stdin; what it still writes is read as usual. */
	if (err != 0)
		outq_fail(h, ALCOVE_EPORT);
}
