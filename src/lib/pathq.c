/*
 * The waiters of each path in request order: a hash of the path finds its
 * FIFO, whose first unresolved waiter is the one an answer from that path
 * is for.  (Every waiter is also on the handle's list in sending order,
 * for what concerns a whole subtree: badpid, an exit.)
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <stdlib.h>
#include <string.h>

#include "lib/lib.h"

struct pathq {
	LIST_ENTRY(pathq)	 entry;
	TAILQ_HEAD(, waiter)	 fifo;
	size_t			 npath;
	pid_t			 path[];
};

static unsigned int
path_hash(const pid_t *path, size_t npath)
{
	unsigned int x = 2166136261u;
	size_t i;

	for (i = 0; i < npath; i++)
		x = (x ^ (unsigned int)path[i]) * 16777619u;
	return x % PATHQ_BUCKETS;
}

static struct pathq *
pathq_find(struct alcove *h, const pid_t *path, size_t npath)
{
	struct pathq *q;

	LIST_FOREACH(q, &h->pathqs[path_hash(path, npath)], entry)
		if (q->npath == npath && (npath == 0 ||
		    memcmp(q->path, path, npath * sizeof(*path)) == 0))
			return q;
	return NULL;
}

/* Add a waiter at the end of both its path's FIFO and the handle's list. */
int
waiter_add(struct alcove *h, struct waiter *w)
{
	struct pathq *q;

	if ((q = pathq_find(h, w->path, w->npath)) == NULL) {
		if ((q = calloc(1, sizeof(*q) + w->npath * sizeof(pid_t))) ==
		    NULL)
			return -1;
		TAILQ_INIT(&q->fifo);
		q->npath = w->npath;
		if (w->npath > 0)
			memcpy(q->path, w->path, w->npath * sizeof(pid_t));
		LIST_INSERT_HEAD(&h->pathqs[path_hash(w->path, w->npath)], q,
		    entry);
	}
	TAILQ_INSERT_TAIL(&q->fifo, w, pathentry);
	w->pathq = q;
	TAILQ_INSERT_TAIL(&h->waiters, w, entry);
	return 0;
}

/* Take a waiter off both lists; a path without waiters goes. */
void
waiter_unlink(struct alcove *h, struct waiter *w)
{
	struct pathq *q = w->pathq;

	TAILQ_REMOVE(&h->waiters, w, entry);
	TAILQ_REMOVE(&q->fifo, w, pathentry);
	if (TAILQ_EMPTY(&q->fifo)) {
		LIST_REMOVE(q, entry);
		free(q);
	}
}

/* The waiter an answer from this path is for, or NULL. */
struct waiter *
first_waiter(struct alcove *h, const pid_t *path, size_t npath)
{
	struct pathq *q;
	struct waiter *w;

	if ((q = pathq_find(h, path, npath)) == NULL)
		return NULL;
	TAILQ_FOREACH(w, &q->fifo, pathentry)
		if (!w->done)
			return w;
	return NULL;
}
