/*
 * The reader role: one thread at a time polls the port (the lock dropped
 * while it sleeps), writes the outgoing queue as the port accepts it,
 * reads the port's messages and hands each answer to the request waiting
 * for it and everything else to the owner of the process it is from.
 * Every other thread waits on the handle's condition variable; when the
 * reader's own wait is over it gives the role up and wakes them, and one
 * of those still waiting takes it.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "proto/calls.h"
#include "proto/frame.h"
#include "lib/lib.h"

#define READ_SIZE	(128 * 1024)

static void	parse_input(struct alcove *);

static int64_t
now_ms(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The absolute time a call with this timeout gives up, or -1 (never). */
int64_t
deadline(struct alcove *h, int timeout)
{
	if (timeout == ALCOVE_DEFAULT)
		timeout = h->timeout;
	if (timeout < 0)
		return -1;
	return now_ms() + timeout;
}

/* What is left of a deadline as a poll(2) timeout, at most a minute. */
int
poll_timeout(int64_t dl)
{
	int64_t left;

	if (dl < 0)
		return -1;
	left = dl - now_ms();
	if (left <= 0)
		return 0;
	return left > 60000 ? 60000 : (int)left;
}

/* Sleep on the condition variable until woken or the deadline. */
static void
timed_wait(struct alcove *h, int64_t dl)
{
	struct timespec ts;

	if (dl < 0) {
		(void)pthread_cond_wait(&h->cv, &h->mu);
		return;
	}
	ts.tv_sec = (time_t)(dl / 1000);
	ts.tv_nsec = (long)(dl % 1000) * 1000000;
	(void)pthread_cond_timedwait(&h->cv, &h->mu, &ts);
}

/*
 * Wait until ready(h, arg), the deadline or the end of the port, reading
 * the port whenever no other thread does.  Returns 0 when ready,
 * ALCOVE_ETIMEDOUT, ALCOVE_EPORT or a system error.
 */
int
wait_for(struct alcove *h, int (*ready)(struct alcove *, void *), void *arg,
    int64_t dl)
{
	int err;

	for (;;) {
		if (ready(h, arg))
			return 0;
		if (h->dead)
			return ALCOVE_EPORT;
		if (!h->reading) {
			h->reading = 1;
			err = pump(h, dl);
			h->reading = 0;
			(void)pthread_cond_broadcast(&h->cv);
			if (ready(h, arg))
				return 0;
			if (err == ALCOVE_EPORT)
				continue;
			if (err != 0)
				return err;
		} else if (dl < 0 || poll_timeout(dl) > 0)
			timed_wait(h, dl);
		/* Even a port that never stops talking ends at the deadline. */
		if (dl >= 0 && poll_timeout(dl) == 0 && !ready(h, arg))
			return ALCOVE_ETIMEDOUT;
	}
}

/* Make a thread asleep in poll(2) look at the outgoing queue again. */
void
wake_poller(struct alcove *h)
{
	ssize_t n;

	n = write(h->wake[1], "", 1);
	(void)n;	/* full: it is awake already */
}

/*
 * A waitpid answer that reaped a child: the port sends no exit event for
 * it (alcove-protocol(5), Processes), so what waits for an answer from it
 * fails now.
 */
static void
on_reaped(struct alcove *h, const struct waiter *w,
    const struct alcove_term *t)
{
	pid_t path[ALCOVE_PATH_MAX];
	const struct alcove_term *l;
	struct waiter *x, *next;
	size_t i;
	int64_t pid;
	int gone = 0;

	if (t == NULL || t->type != ALCOVE_TERM_TUPLE || t->n != 4 ||
	    !alcove_term_atom(&t->e[0], "ok") ||
	    alcove_term_int(&t->e[1], &pid) != 0 || pid <= 0 ||
	    (l = &t->e[3])->type != ALCOVE_TERM_LIST ||
	    w->npath >= ALCOVE_PATH_MAX)
		return;
	for (i = 0; i < l->n; i++)
		if (l->e[i].type == ALCOVE_TERM_TUPLE && l->e[i].n == 2 &&
		    (alcove_term_atom(&l->e[i].e[0], "exit_status") ||
		    alcove_term_atom(&l->e[i].e[0], "termsig")))
			gone = 1;
	if (!gone)
		return;
	if (w->npath > 0)
		memcpy(path, w->path, w->npath * sizeof(*path));
	path[w->npath] = (pid_t)pid;
	for (x = TAILQ_FIRST(&h->waiters); x != NULL; x = next) {
		next = TAILQ_NEXT(x, entry);
		if (!x->done && x->npath > w->npath &&
		    memcmp(x->path, path, (w->npath + 1) * sizeof(*path)) == 0)
			waiter_resolve(h, x, NULL, ALCOVE_EEXITED);
	}
	child_reaped(h, path, w->npath + 1);
}

/*
 * A request is over: its answer came, or it failed.  An abandoned waiter
 * (a tombstone, or an internal request) has nobody to tell and goes, as
 * does an asynchronous one once its callback is queued.
 */
void
waiter_resolve(struct alcove *h, struct waiter *w, struct alcove_term *reply,
    int error)
{
	if (w->forking)
		child_forked(h, w, error == 0 ? reply : NULL);
	if (w->reaping && error == 0)
		on_reaped(h, w, reply);
	if (w->cb != NULL && !w->abandoned) {
		defer_call(h, w, reply, error);
		waiter_remove(h, w);
		return;
	}
	if (w->abandoned) {
		alcove_term_free(reply);
		waiter_remove(h, w);
		return;
	}
	w->done = 1;
	w->reply = reply;
	w->error = error;
}

void
fail_all(struct alcove *h, int err)
{
	struct waiter *w, *next;

	outq_fail(h, err);
	for (w = TAILQ_FIRST(&h->waiters); w != NULL; w = next) {
		next = TAILQ_NEXT(w, entry);
		if (!w->done)
			waiter_resolve(h, w, NULL, err);
	}
	(void)pthread_cond_broadcast(&h->cv);
}

/* Is p (length np) the path prefix or the whole of w's path? */
static int
path_under(const struct waiter *w, const pid_t *p, size_t np)
{
	return w->npath >= np &&
	    (np == 0 || memcmp(w->path, p, np * sizeof(*p)) == 0);
}

struct alcove_msg *
new_msg(int type, const pid_t *path, size_t npath, const void *data,
    size_t len)
{
	struct alcove_msg *m;

	if ((m = calloc(1, sizeof(*m))) == NULL)
		return NULL;
	if ((m->data = malloc(len + 1)) == NULL) {
		free(m);
		return NULL;
	}
	if (len > 0)
		memcpy(m->data, data, len);
	m->data[len] = '\0';
	m->len = len;
	m->type = type;
	m->npath = npath;
	if (npath > 0)
		memcpy(m->path, path, npath * sizeof(*path));
	return m;
}

static void
on_reply(struct alcove *h, const pid_t *path, size_t npath,
    struct alcove_term *t)
{
	struct waiter *w;

	if ((w = first_waiter(h, path, npath)) != NULL)
		waiter_resolve(h, w, t, 0);
	else
		alcove_term_free(t);	/* nobody asked: nothing to do */
}

static void
on_ctl(struct alcove *h, const pid_t *path, size_t npath, const char *atom)
{
	struct alcove_msg *m;
	struct waiter *w;

	if (strcmp(atom, "fdctl_closed") == 0) {
		/* The answer to an exec or exit, if one is waiting. */
		if ((w = first_waiter(h, path, npath)) != NULL && w->noreply) {
			waiter_resolve(h, w, NULL, 0);
			return;
		}
	} else if (strcmp(atom, "badpid") == 0) {
		/* The oldest request sent to or through the missing pid. */
		TAILQ_FOREACH(w, &h->waiters, entry) {
			if (!w->done && path_under(w, path, npath)) {
				waiter_resolve(h, w, NULL, ALCOVE_EBADPID);
				return;
			}
		}
	}
	if ((m = new_msg(ALCOVE_MSG_CTL, path, npath, atom, strlen(atom))) !=
	    NULL)
		route_msg(h, m);
}

static void
on_event(struct alcove *h, const pid_t *path, size_t npath,
    struct alcove_term *t)
{
	struct waiter *w, *next;
	struct alcove_msg *m;

	/* A process that exited answers nothing more, nor do its children. */
	if (t->type == ALCOVE_TERM_TUPLE && t->n == 2 &&
	    (alcove_term_atom(&t->e[0], "exit_status") ||
	    alcove_term_atom(&t->e[0], "termsig"))) {
		for (w = TAILQ_FIRST(&h->waiters); w != NULL; w = next) {
			next = TAILQ_NEXT(w, entry);
			if (!w->done && path_under(w, path, npath) &&
			    !(w->noreply && w->npath == npath))
				waiter_resolve(h, w, NULL, ALCOVE_EEXITED);
		}
	}
	if ((m = new_msg(ALCOVE_MSG_EVENT, path, npath, NULL, 0)) == NULL) {
		alcove_term_free(t);
		return;
	}
	m->term = t;
	route_msg(h, m);
}

static void
on_pipe(struct alcove *h, const pid_t *path, size_t npath, uint64_t n)
{
	struct alcove_msg *m;
	struct waiter *w;

	if ((w = first_waiter(h, path, npath)) != NULL)
		waiter_resolve(h, w, NULL, ALCOVE_EPIPE);
	if ((m = new_msg(ALCOVE_MSG_PIPE, path, npath, NULL, 0)) != NULL) {
		m->pipe = n;
		route_msg(h, m);
	}
}

static void
on_stream(struct alcove *h, int type, const pid_t *path, size_t npath,
    const unsigned char *data, size_t len)
{
	struct alcove_msg *m;

	if ((m = new_msg(type, path, npath, data, len)) != NULL)
		route_msg(h, m);
}

/*
 * One message from the port: unwrap its PROXY envelopes into a path, then
 * act on what is inside.  Returns -1 if it is not a valid message.
 */
static int
on_message(struct alcove *h, const unsigned char *p, size_t len)
{
	pid_t path[ALCOVE_PATH_MAX + 1];
	struct alcove_term *t;
	size_t npath = 0;
	unsigned int type;

	for (;;) {
		if (len < FRAME_HDR || frame_get16(p) + 2 != len)
			return -1;
		type = frame_get16(p + 2);
		if (type == TYPE_PROXY || type == TYPE_STDOUT ||
		    type == TYPE_STDERR) {
			if (len < FRAME_ENVELOPE || npath == ALCOVE_PATH_MAX)
				return -1;
			path[npath++] = (pid_t)frame_get32(p + 4);
			if (type != TYPE_PROXY) {
				on_stream(h, type == TYPE_STDOUT ?
				    ALCOVE_MSG_STDOUT : ALCOVE_MSG_STDERR,
				    path, npath, p + FRAME_ENVELOPE,
				    len - FRAME_ENVELOPE);
				return 0;
			}
			p += FRAME_ENVELOPE;
			len -= FRAME_ENVELOPE;
			continue;
		}
		break;
	}
	if (alcove_term_decode(p + FRAME_HDR, len - FRAME_HDR, &t) != 0)
		return -1;
	switch (type) {
	case TYPE_CALL:
		on_reply(h, path, npath, t);
		return 0;
	case TYPE_EVENT:
		on_event(h, path, npath, t);
		return 0;
	case TYPE_CTL:
		if (t->type == ALCOVE_TERM_ATOM)
			on_ctl(h, path, npath, t->atom);
		alcove_term_free(t);
		return 0;
	case TYPE_PIPE:
		if (t->type == ALCOVE_TERM_INTEGER && !t->neg)
			on_pipe(h, path, npath, t->mag);
		alcove_term_free(t);
		return 0;
	default:
		alcove_term_free(t);
		return -1;
	}
}

/* Has the FIFO reached end-of-file: is the root gone or exec'd? */
static int
fifo_at_eof(struct alcove *h)
{
	char c;

	return h->fifo != -1 && read(h->fifo, &c, 1) == 0;
}

/* The root exec'd: its stdout is now the program's, raw. */
static void
root_execed(struct alcove *h)
{
	(void)close(h->fifo);
	h->fifo = -1;
	h->raw = 1;
	on_ctl(h, NULL, 0, "fdctl_closed");
	parse_input(h);
}

static void
port_dead(struct alcove *h)
{
	/*
	 * A root that exits closes its stdout and the FIFO together; the
	 * FIFO's end-of-file answers an exit or exec of the root, so it
	 * counts before everything still waiting fails.
	 */
	if (fifo_at_eof(h)) {
		(void)close(h->fifo);
		h->fifo = -1;
		on_ctl(h, NULL, 0, "fdctl_closed");
	}
	h->dead = 1;
	fail_all(h, ALCOVE_EPORT);
}

/* Handle every complete message in the input buffer. */
static void
parse_input(struct alcove *h)
{
	struct frame f;
	const char *why;
	size_t off = 0;
	int r;

	if (h->raw) {
		if (h->ilen > 0)
			on_stream(h, ALCOVE_MSG_STDOUT, NULL, 0, h->ibuf,
			    h->ilen);
		h->ilen = 0;
		return;
	}
	while ((r = frame_parse(h->ibuf + off, h->ilen - off, FRAME_UP, &f,
	    &why)) == 1) {
		if (on_message(h, h->ibuf + off, f.size) == -1) {
			r = -1;
			break;
		}
		off += f.size;
	}
	if (r == -1 && fifo_at_eof(h)) {
		/*
		 * The root exec'd and its program wrote before we noticed the
		 * FIFO's end-of-file: from here on the bytes are the
		 * program's.  (Program output that happens to look like
		 * messages cannot be told apart; the Erlang driver has the
		 * same limit.)
		 */
		memmove(h->ibuf, h->ibuf + off, h->ilen - off);
		h->ilen -= off;
		root_execed(h);
		return;
	}
	if (r == -1) {
		/* We cannot find the next message boundary: give up. */
		h->ilen = 0;
		port_dead(h);
		return;
	}
	memmove(h->ibuf, h->ibuf + off, h->ilen - off);
	h->ilen -= off;
}

static int
read_port(struct alcove *h)
{
	unsigned char *p;
	ssize_t n;

	if (h->icap - h->ilen < READ_SIZE) {
		if ((p = realloc(h->ibuf, h->ilen + READ_SIZE)) == NULL)
			return ENOMEM;
		h->ibuf = p;
		h->icap = h->ilen + READ_SIZE;
	}
	n = read(h->out, h->ibuf + h->ilen, READ_SIZE);
	if (n == -1)
		return errno == EINTR || errno == EAGAIN ? 0 : errno;
	if (n == 0) {
		port_dead(h);
		return ALCOVE_EPORT;
	}
	h->ilen += (size_t)n;
	parse_input(h);
	return 0;
}

/*
 * The FIFO reached EOF: the root exited or exec'd.  Its last messages are
 * already in our pipe; after them the root's stdout is a program's output.
 */
static void
root_gone(struct alcove *h)
{
	struct pollfd p = { h->out, POLLIN, 0 };

	while (!h->dead && poll(&p, 1, 0) == 1 && (p.revents & POLLIN))
		if (read_port(h) != 0)
			break;
	if (h->fifo != -1)
		root_execed(h);
}

/*
 * As the reader (h->reading set by the caller, h->mu held): wait until the
 * deadline (-1: forever) for the port to say something or to take more of
 * the outgoing queue, and handle all of it.  The lock is dropped while in
 * poll(2).  Returns 0 when something happened, ALCOVE_ETIMEDOUT, or
 * ALCOVE_EPORT.
 */
int
pump(struct alcove *h, int64_t dl)
{
	struct pollfd p[4];
	char junk[64];
	int n, err = 0;

	if (h->dead)
		return ALCOVE_EPORT;
	flush_out(h);
	p[0].fd = h->out;
	p[0].events = POLLIN;
	p[1].fd = h->fifo;
	p[1].events = POLLIN;
	p[2].fd = TAILQ_EMPTY(&h->outq) ? -1 : h->in;
	p[2].events = POLLOUT;
	p[3].fd = h->wake[0];
	p[3].events = POLLIN;
	p[0].revents = p[1].revents = p[2].revents = p[3].revents = 0;
	h->polling = 1;
	(void)pthread_mutex_unlock(&h->mu);
	n = poll(p, 4, poll_timeout(dl));
	(void)pthread_mutex_lock(&h->mu);
	h->polling = 0;
	if (n == -1)
		return errno == EINTR ? 0 : errno;
	if (p[3].revents & POLLIN)
		while (read(h->wake[0], junk, sizeof(junk)) > 0)
			;
	if (p[2].revents & (POLLOUT | POLLHUP | POLLERR))
		flush_out(h);
	if (p[0].revents & (POLLIN | POLLHUP | POLLERR))
		err = read_port(h);
	if (err == 0 && h->fifo != -1 &&
	    (p[1].revents & (POLLIN | POLLHUP | POLLERR))) {
		char c;

		if (read(h->fifo, &c, 1) <= 0)
			root_gone(h);
	}
	if (h->dead)
		return ALCOVE_EPORT;
	if (err != 0)
		return err;
	return n == 0 ? ALCOVE_ETIMEDOUT : 0;
}
