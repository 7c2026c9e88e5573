/*
 * Owners, links and monitors: who gets a child's output and events, what
 * happens to a child when its owner goes, and how a slow owner holds back
 * its own children's output (the protocol's per-child flow control) and
 * nobody else's.  See alcove_owner(3).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "proto/calls.h"
#include "lib/lib.h"

/* What a queued message costs its owner's limit. */
static size_t
msg_cost(const struct alcove_msg *m)
{
	return sizeof(*m) + m->len;
}

static int
path_prefix(const pid_t *p, size_t np, const pid_t *of, size_t nof)
{
	return np <= nof && (np == 0 || memcmp(p, of, np * sizeof(*p)) == 0);
}

static struct child *
child_exact(struct alcove *h, const pid_t *path, size_t npath)
{
	struct child *c;

	TAILQ_FOREACH(c, &h->children, entry)
		if (c->npath == npath && path_prefix(c->path, c->npath, path,
		    npath))
			return c;
	return NULL;
}

/* The tracked process nearest to path: itself or its closest ancestor. */
static struct child *
child_nearest(struct alcove *h, const pid_t *path, size_t npath)
{
	struct child *c, *best = NULL;

	TAILQ_FOREACH(c, &h->children, entry)
		if (path_prefix(c->path, c->npath, path, npath) &&
		    (best == NULL || c->npath > best->npath))
			best = c;
	return best;
}

static struct alcove_owner *
owner_of(struct alcove *h, const pid_t *path, size_t npath)
{
	struct child *c;

	if ((c = child_nearest(h, path, npath)) == NULL)
		return h->owner0;
	return c->owner;
}

static struct child *
child_new(struct alcove *h, const pid_t *path, size_t npath,
    struct alcove_owner *o)
{
	struct child *c;

	if (npath == 0 || npath > ALCOVE_PATH_MAX ||
	    (c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	if ((c->path = calloc(npath, sizeof(*path))) == NULL) {
		free(c);
		return NULL;
	}
	memcpy(c->path, path, npath * sizeof(*path));
	c->npath = npath;
	c->owner = o;
	TAILQ_INIT(&c->monitors);
	TAILQ_INSERT_TAIL(&h->children, c, entry);
	return c;
}

static void
child_free(struct alcove *h, struct child *c)
{
	struct monitor *m;

	while ((m = TAILQ_FIRST(&c->monitors)) != NULL) {
		TAILQ_REMOVE(&c->monitors, m, entry);
		free(m);
	}
	TAILQ_REMOVE(&h->children, c, entry);
	free(c->path);
	free(c);
}

/* Ask the parent of the process at path to set one of its cpid fields. */
static void
set_child(struct alcove *h, const pid_t *path, size_t npath, const char *opt,
    int value)
{
	(void)internal_call(h, path, npath - 1, CALL_setcpid, "iai",
	    (int)path[npath - 1], opt, value);
}

/* Resume every child this owner stopped, once its queue is low enough. */
static void
owner_release(struct alcove *h, struct alcove_owner *o, int all)
{
	struct stopped *s;

	if (!all && o->qbytes > o->limit / 2)
		return;
	while ((s = TAILQ_FIRST(&o->stopped)) != NULL) {
		TAILQ_REMOVE(&o->stopped, s, entry);
		set_child(h, s->path, s->npath, "flowcontrol", -1);
		free(s->path);
		free(s);
	}
}

/* The owner's queue is above its limit: stop reading this child. */
static void
owner_throttle(struct alcove *h, struct alcove_owner *o, const pid_t *path,
    size_t npath)
{
	struct stopped *s;

	TAILQ_FOREACH(s, &o->stopped, entry)
		if (s->npath == npath && path_prefix(s->path, npath, path,
		    npath))
			return;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return;
	if ((s->path = calloc(npath, sizeof(*path))) == NULL) {
		free(s);
		return;
	}
	memcpy(s->path, path, npath * sizeof(*path));
	s->npath = npath;
	TAILQ_INSERT_TAIL(&o->stopped, s, entry);
	set_child(h, path, npath, "flowcontrol", 0);
}

/*
 * Put a message in an owner's queue; cost is what it already counts
 * against the owner's limit (0: count it now).
 */
int
owner_queue(struct alcove_owner *o, struct alcove_msg *m, size_t cost)
{
	struct queued *q;

	if ((q = calloc(1, sizeof(*q))) == NULL) {
		alcove_msg_free(m);
		if (cost > 0)
			owner_consumed(o->h, o, cost);
		return ENOMEM;
	}
	q->msg = m;
	q->cost = msg_cost(m);
	TAILQ_INSERT_TAIL(&o->queue, q, entry);
	return 0;
}

static void
deliver(struct alcove *h, struct alcove_owner *o, struct alcove_msg *m)
{
	struct deferred *d;
	size_t cost = msg_cost(m);

	if (o->cb != NULL) {
		if ((d = calloc(1, sizeof(*d))) == NULL) {
			alcove_msg_free(m);
			return;
		}
		d->owner = o;
		d->msg = m;
		d->cost = cost;
		TAILQ_INSERT_TAIL(&h->deferred, d, entry);
	} else if (owner_queue(o, m, 0) != 0)
		return;
	o->qbytes += cost;
	if ((m->type & (ALCOVE_MSG_STDOUT | ALCOVE_MSG_STDERR)) &&
	    m->npath > 0 && o->qbytes > o->limit)
		owner_throttle(h, o, m->path, m->npath);
}

static int
exit_event(const struct alcove_msg *m)
{
	const struct alcove_term *t = m->term;

	return m->type == ALCOVE_MSG_EVENT && t != NULL &&
	    t->type == ALCOVE_TERM_TUPLE && t->n == 2 &&
	    (alcove_term_atom(&t->e[0], "exit_status") ||
	    alcove_term_atom(&t->e[0], "termsig"));
}

static struct alcove_msg *
msg_copy(const struct alcove_msg *m)
{
	struct alcove_msg *c;

	if ((c = new_msg(m->type, m->path, m->npath, m->data, m->len)) ==
	    NULL)
		return NULL;
	c->pipe = m->pipe;
	if (m->term != NULL && (c->term = term_copy(m->term)) == NULL) {
		alcove_msg_free(c);
		return NULL;
	}
	return c;
}

/*
 * A message from the port that is not an answer: to the owner of the
 * process it is from (the default owner for untracked ones), dropped if
 * that owner is gone; an exit also goes to every monitor.
 */
void
route_msg(struct alcove *h, struct alcove_msg *m)
{
	struct alcove_owner *o = h->owner0;
	struct alcove_msg *copy;
	struct monitor *mon;
	struct child *c;

	if ((c = child_nearest(h, m->path, m->npath)) != NULL)
		o = c->owner;
	if (c != NULL && c->npath == m->npath && exit_event(m)) {
		c->exited = 1;
		while ((mon = TAILQ_FIRST(&c->monitors)) != NULL) {
			TAILQ_REMOVE(&c->monitors, mon, entry);
			if ((copy = msg_copy(m)) != NULL)
				deliver(h, mon->owner, copy);
			free(mon);
		}
	}
	if (o == NULL)
		alcove_msg_free(m);
	else
		deliver(h, o, m);
	(void)pthread_cond_broadcast(&h->cv);
}

/*
 * A fork answered: remember the child if an owner made it (and link it),
 * or forget a stale entry whose pid was reused.  An owner closed while
 * its linked fork was under way gets the child killed at once.
 */
void
child_forked(struct alcove *h, struct waiter *w, const struct alcove_term *t)
{
	pid_t path[ALCOVE_PATH_MAX];
	struct child *c;
	int64_t pid;

	if (t == NULL || t->type != ALCOVE_TERM_TUPLE || t->n != 2 ||
	    !alcove_term_atom(&t->e[0], "ok") ||
	    alcove_term_int(&t->e[1], &pid) != 0 ||
	    w->npath >= ALCOVE_PATH_MAX)
		return;
	if (w->npath > 0)
		memcpy(path, w->path, w->npath * sizeof(*path));
	path[w->npath] = (pid_t)pid;
	if ((c = child_exact(h, path, w->npath + 1)) != NULL)
		child_free(h, c);
	if (w->fork_owner == NULL && !(w->fork_flags & FORK_ORPHAN))
		return;
	if ((c = child_new(h, path, w->npath + 1, w->fork_owner)) == NULL)
		return;
	c->linked = !(w->fork_flags & ALCOVE_UNLINK);
	if (c->linked) {
		set_child(h, path, c->npath, "signaloneof", 9);
		/*
		 * Its own children, which the library may never hear of, get
		 * SIGKILL from the port when it dies, where the system has a
		 * parent-death signal (alcove(8), When a process dies).
		 */
		(void)internal_call(h, path, c->npath, CALL_setopt, "ai",
		    "signaloneof", 9);
	}
	if (c->linked && c->owner == NULL)
		(void)internal_call(h, w->path, w->npath, CALL_kill, "ia",
		    (int)pid, "sigkill");
}

/* A child reaped by waitpid: no exit event will come for it. */
void
child_reaped(struct alcove *h, const pid_t *path, size_t npath)
{
	struct child *c;

	if ((c = child_exact(h, path, npath)) != NULL)
		c->exited = 1;
}

int
owners_init(struct alcove *h)
{
	TAILQ_INIT(&h->owners);
	TAILQ_INIT(&h->children);
	TAILQ_INIT(&h->deferred);
	return alcove_owner_new(h, &h->owner0);
}

void
owner_free(struct alcove_owner *o)
{
	struct stopped *s;
	struct queued *q;

	while ((q = TAILQ_FIRST(&o->queue)) != NULL) {
		TAILQ_REMOVE(&o->queue, q, entry);
		alcove_msg_free(q->msg);
		free(q);
	}
	while ((s = TAILQ_FIRST(&o->stopped)) != NULL) {
		TAILQ_REMOVE(&o->stopped, s, entry);
		free(s->path);
		free(s);
	}
	free(o);
}

/* The handle goes: every owner, child and pending callback with it. */
void
owners_free(struct alcove *h)
{
	struct alcove_owner *o;
	struct deferred *d;
	struct child *c;

	while ((d = TAILQ_FIRST(&h->deferred)) != NULL) {
		TAILQ_REMOVE(&h->deferred, d, entry);
		alcove_msg_free(d->msg);
		alcove_term_free(d->reply);
		free(d);
	}
	while ((c = TAILQ_FIRST(&h->children)) != NULL)
		child_free(h, c);
	while ((o = TAILQ_FIRST(&h->owners)) != NULL) {
		TAILQ_REMOVE(&h->owners, o, entry);
		owner_free(o);
	}
}

int
alcove_owner_new(struct alcove *h, struct alcove_owner **op)
{
	struct alcove_owner *o;

	*op = NULL;
	if ((o = calloc(1, sizeof(*o))) == NULL)
		return ENOMEM;
	o->h = h;
	o->limit = OWNER_LIMIT_DEFAULT;
	TAILQ_INIT(&o->queue);
	TAILQ_INIT(&o->stopped);
	if (h->owner0 != NULL)
		(void)pthread_mutex_lock(&h->mu);
	TAILQ_INSERT_TAIL(&h->owners, o, entry);
	if (h->owner0 != NULL)
		(void)pthread_mutex_unlock(&h->mu);
	*op = o;
	return 0;
}

struct alcove_owner *
alcove_owner_default(struct alcove *h)
{
	return h->owner0;
}

static int
by_depth(const void *a, const void *b)
{
	const struct child *ca = *(struct child *const *)a;
	const struct child *cb = *(struct child *const *)b;

	return ca->npath < cb->npath ? 1 : ca->npath > cb->npath ? -1 : 0;
}

/*
 * The processes to kill when o goes: its linked children that are alive
 * and every tracked process below them, deepest first.
 */
static struct child **
doomed(struct alcove *h, struct alcove_owner *o, size_t *np)
{
	struct child *c, *d, **v;
	size_t n = 0;

	TAILQ_FOREACH(c, &h->children, entry)
		n++;
	*np = 0;
	if (n == 0 || (v = calloc(n, sizeof(*v))) == NULL)
		return NULL;
	n = 0;
	TAILQ_FOREACH(c, &h->children, entry) {
		if (c->exited)
			continue;
		TAILQ_FOREACH(d, &h->children, entry)
			if (d->owner == o && d->linked && !d->exited &&
			    path_prefix(d->path, d->npath, c->path, c->npath))
				break;
		if (d != NULL)
			v[n++] = c;
	}
	qsort(v, n, sizeof(*v), by_depth);
	*np = n;
	return v;
}

static int
owner_idle(struct alcove *h, void *arg)
{
	(void)h;
	return ((struct alcove_owner *)arg)->busy == 0;
}

/*
 * Close an owner: its linked children and their subtrees are killed
 * (SIGKILL, deepest first; this waits for the kills' answers up to the
 * handle's default timeout), its unlinked ones run on with their output
 * dropped, what it had queued is freed.
 */
int
alcove_owner_close(struct alcove_owner *o)
{
	struct alcove *h;
	struct child *c, *next, **v;
	struct deferred *d, *dnext;
	struct monitor *mon, *mnext;
	struct waiter *w;
	struct {
		pid_t	path[ALCOVE_PATH_MAX];
		size_t	npath;
	} *doom = NULL;
	size_t n, i;
	int64_t dl;
	int err;

	if (o == NULL)
		return ALCOVE_EINVAL;
	h = o->h;
	if (o == h->owner0)
		return ALCOVE_EINVAL;
	(void)pthread_mutex_lock(&h->mu);
	dl = deadline(h, ALCOVE_DEFAULT);
	/*
	 * One kill at a time, each answered before the next is sent: a
	 * process must not die before it has passed on the kill of its
	 * child (requests to different paths may overtake each other).
	 */
	v = doomed(h, o, &n);
	/* Copies of the paths: entries may go while we wait. */
	if (n > 0 && (doom = calloc(n, sizeof(*doom))) != NULL) {
		for (i = 0; i < n; i++) {
			memcpy(doom[i].path, v[i]->path,
			    v[i]->npath * sizeof(*doom[i].path));
			doom[i].npath = v[i]->npath;
		}
		for (i = 0; i < n; i++) {
			if (internal_call_waiter(h, doom[i].path,
			    doom[i].npath - 1, CALL_kill, &w, "ia",
			    (int)doom[i].path[doom[i].npath - 1],
			    "sigkill") == 0)
				(void)await(h, w, dl, NULL);
		}
		free(doom);
	}
	free(v);
	TAILQ_FOREACH(w, &h->waiters, entry) {
		if (w->fork_owner == o) {
			w->fork_owner = NULL;
			w->fork_flags |= FORK_ORPHAN;
		}
	}
	for (c = TAILQ_FIRST(&h->children); c != NULL; c = next) {
		next = TAILQ_NEXT(c, entry);
		for (mon = TAILQ_FIRST(&c->monitors); mon != NULL; mon = mnext) {
			mnext = TAILQ_NEXT(mon, entry);
			if (mon->owner == o) {
				TAILQ_REMOVE(&c->monitors, mon, entry);
				free(mon);
			}
		}
		if (c->owner == o) {
			c->owner = NULL;
			c->linked = 0;
		}
		if (c->owner == NULL && c->exited &&
		    TAILQ_EMPTY(&c->monitors))
			child_free(h, c);
	}
	for (d = TAILQ_FIRST(&h->deferred); d != NULL; d = dnext) {
		dnext = TAILQ_NEXT(d, entry);
		if (d->owner == o) {
			TAILQ_REMOVE(&h->deferred, d, entry);
			alcove_msg_free(d->msg);
			free(d);
		}
	}
	owner_release(h, o, 1);
	TAILQ_REMOVE(&h->owners, o, entry);
	o->closed = 1;
	/* A callback of this owner runs in another thread: let it end. */
	err = 0;
	if (o->busy > 0 && pthread_equal(h->cb_thread, pthread_self())) {
		o->closed = 2;	/* its own callback: freed when it returns */
		o = NULL;
	} else if (o->busy > 0)
		err = wait_for(h, owner_idle, o, -1);
	if (o != NULL)
		owner_free(o);
	(void)pthread_mutex_unlock(&h->mu);
	return err;
}

int
alcove_owner_fork(struct alcove_owner *o, const pid_t *path, size_t npath,
    int timeout, int flags, pid_t *pid)
{
	struct alcove *h = o->h;
	struct alcove_term *t = NULL;
	unsigned char *args;
	struct waiter *w;
	size_t len;
	int64_t dl, v;
	int err;

	if ((flags & ~ALCOVE_UNLINK) != 0)
		return ALCOVE_EINVAL;
	if ((err = encode_fmt(&args, &len, "")) != 0)
		return err;
	(void)pthread_mutex_lock(&h->mu);
	dl = deadline(h, timeout);
	if ((w = request(h, path, npath, CALL_fork, args, len, dl, &err)) !=
	    NULL) {
		if (!w->done) {
			w->fork_owner = o;
			w->fork_flags = flags;
		}
		err = await(h, w, dl, &t);
	}
	(void)pthread_mutex_unlock(&h->mu);
	free(args);
	if (err == 0 && (err = alcove_reply_error(t)) == 0) {
		if (t->type != ALCOVE_TERM_TUPLE || t->n != 2 ||
		    alcove_term_int(&t->e[1], &v) != 0)
			err = ALCOVE_EPROTO;
		else
			*pid = (pid_t)v;
	}
	alcove_term_free(t);
	return err;
}

/* The entry of a process, made for it if the library did not track it. */
static struct child *
child_get(struct alcove *h, const pid_t *path, size_t npath)
{
	struct child *c;

	if ((c = child_exact(h, path, npath)) != NULL)
		return c;
	return child_new(h, path, npath, owner_of(h, path, npath));
}

/* Forget that an owner stopped this child, resuming it. */
static void
unstop(struct alcove *h, const pid_t *path, size_t npath)
{
	struct alcove_owner *o;
	struct stopped *s;

	TAILQ_FOREACH(o, &h->owners, entry) {
		TAILQ_FOREACH(s, &o->stopped, entry) {
			if (s->npath == npath &&
			    path_prefix(s->path, npath, path, npath)) {
				TAILQ_REMOVE(&o->stopped, s, entry);
				set_child(h, s->path, s->npath, "flowcontrol",
				    -1);
				free(s->path);
				free(s);
				break;
			}
		}
	}
}

int
alcove_owner_give(struct alcove_owner *to, const pid_t *path, size_t npath)
{
	struct alcove *h = to->h;
	struct child *c;
	int err = 0;

	if (npath == 0 || npath > ALCOVE_PATH_MAX)
		return ALCOVE_EINVAL;
	(void)pthread_mutex_lock(&h->mu);
	if ((c = child_get(h, path, npath)) == NULL)
		err = ENOMEM;
	else if (c->owner != to) {
		unstop(h, path, npath);
		c->owner = to;
	}
	(void)pthread_mutex_unlock(&h->mu);
	return err;
}

/* Link or unlink a child o owns. */
static int
set_link(struct alcove_owner *o, const pid_t *path, size_t npath, int link)
{
	struct alcove *h = o->h;
	struct child *c;
	int err = 0;

	if (npath == 0 || npath > ALCOVE_PATH_MAX)
		return ALCOVE_EINVAL;
	(void)pthread_mutex_lock(&h->mu);
	if (owner_of(h, path, npath) != o)
		err = EPERM;
	else if ((c = child_get(h, path, npath)) == NULL)
		err = ENOMEM;
	else if (c->exited)
		err = ALCOVE_EEXITED;
	else if (c->linked != link) {
		c->linked = link;
		set_child(h, path, npath, "signaloneof", link ? 9 : 15);
	}
	(void)pthread_mutex_unlock(&h->mu);
	return err;
}

int
alcove_owner_link(struct alcove_owner *o, const pid_t *path, size_t npath)
{
	return set_link(o, path, npath, 1);
}

int
alcove_owner_unlink(struct alcove_owner *o, const pid_t *path, size_t npath)
{
	return set_link(o, path, npath, 0);
}

int
alcove_owner_monitor(struct alcove_owner *o, const pid_t *path, size_t npath)
{
	struct alcove *h = o->h;
	struct monitor *m;
	struct child *c;
	int err = 0;

	if (npath == 0 || npath > ALCOVE_PATH_MAX)
		return ALCOVE_EINVAL;
	(void)pthread_mutex_lock(&h->mu);
	if ((c = child_get(h, path, npath)) == NULL)
		err = ENOMEM;
	else if (c->exited)
		err = ALCOVE_EEXITED;
	else {
		TAILQ_FOREACH(m, &c->monitors, entry)
			if (m->owner == o)
				break;
		if (m == NULL) {
			if ((m = calloc(1, sizeof(*m))) == NULL)
				err = ENOMEM;
			else {
				m->owner = o;
				TAILQ_INSERT_TAIL(&c->monitors, m, entry);
			}
		}
	}
	(void)pthread_mutex_unlock(&h->mu);
	return err;
}

int
alcove_owner_demonitor(struct alcove_owner *o, const pid_t *path,
    size_t npath)
{
	struct alcove *h = o->h;
	struct monitor *m;
	struct child *c;
	int err = ALCOVE_EINVAL;

	(void)pthread_mutex_lock(&h->mu);
	if ((c = child_exact(h, path, npath)) != NULL) {
		TAILQ_FOREACH(m, &c->monitors, entry) {
			if (m->owner == o) {
				TAILQ_REMOVE(&c->monitors, m, entry);
				free(m);
				err = 0;
				break;
			}
		}
	}
	(void)pthread_mutex_unlock(&h->mu);
	return err;
}

void
alcove_owner_set_callback(struct alcove_owner *o, alcove_owner_cb cb,
    void *arg)
{
	(void)pthread_mutex_lock(&o->h->mu);
	o->cb = cb;
	o->arg = arg;
	(void)pthread_mutex_unlock(&o->h->mu);
}

int
alcove_owner_set_limit(struct alcove_owner *o, size_t bytes)
{
	if (bytes == 0)
		return ALCOVE_EINVAL;
	(void)pthread_mutex_lock(&o->h->mu);
	o->limit = bytes;
	owner_release(o->h, o, 0);
	(void)pthread_mutex_unlock(&o->h->mu);
	return 0;
}

/* A owner's callback was given a message: it no longer counts. */
void
owner_consumed(struct alcove *h, struct alcove_owner *o, size_t cost)
{
	o->qbytes -= cost;
	owner_release(h, o, 0);
}

struct recv_want {
	struct alcove_owner	*owner;
	const pid_t		*path;	/* NULL: any */
	size_t			 npath;
	int			 types;
	struct queued		*found;
};

static int
msg_matches(const struct alcove_msg *m, const struct recv_want *rw)
{
	if (!(m->type & rw->types))
		return 0;
	if (rw->path == NULL)
		return 1;
	return m->npath == rw->npath && (rw->npath == 0 ||
	    memcmp(m->path, rw->path, rw->npath * sizeof(*rw->path)) == 0);
}

static int
recv_ready(struct alcove *h, void *arg)
{
	struct recv_want *rw = arg;
	struct queued *q;

	(void)h;
	TAILQ_FOREACH(q, &rw->owner->queue, entry) {
		if (msg_matches(q->msg, rw)) {
			rw->found = q;
			return 1;
		}
	}
	return 0;
}

static int
recv_from(struct alcove_owner *o, const pid_t *path, size_t npath, int types,
    int timeout, struct alcove_msg **mp)
{
	struct alcove *h = o->h;
	struct recv_want rw;
	int err;

	*mp = NULL;
	rw.owner = o;
	rw.path = path;
	rw.npath = npath;
	rw.types = types;
	rw.found = NULL;
	(void)pthread_mutex_lock(&h->mu);
	err = wait_for(h, recv_ready, &rw, deadline(h, timeout));
	if (err == 0) {
		TAILQ_REMOVE(&o->queue, rw.found, entry);
		*mp = rw.found->msg;
		owner_consumed(h, o, rw.found->cost);
		free(rw.found);
	}
	(void)pthread_mutex_unlock(&h->mu);
	return err;
}

/*
 * The oldest message of these types in the default owner's queue for
 * this path (any path when path is NULL), waiting up to the timeout.
 */
int
alcove_recv(struct alcove *h, const pid_t *path, size_t npath, int types,
    int timeout, struct alcove_msg **mp)
{
	return recv_from(h->owner0, path, npath, types, timeout, mp);
}

int
alcove_owner_recv(struct alcove_owner *o, int types, int timeout,
    struct alcove_msg **mp)
{
	return recv_from(o, NULL, 0, types, timeout, mp);
}
