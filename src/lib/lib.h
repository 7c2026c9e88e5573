/*
 * libalcove's internals: the handle and its lock, the outgoing queue, the
 * waiters for replies, the owners and the children the library tracks.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_LIB_H
#define ALCOVE_LIB_H

#include <sys/types.h>
#include <sys/queue.h>

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "alcove.h"

/* Bytes of requests and stdin data queued for the port before callers wait. */
#define OUTQ_MAX		(1024 * 1024)
/* An owner's queue limit unless alcove_owner_set_limit says otherwise. */
#define OWNER_LIMIT_DEFAULT	(1024 * 1024)

struct waiter;
struct pathq;

/* Buckets of the hash that finds a path's waiters. */
#define PATHQ_BUCKETS		64

/* A request or stdin payload on its way to the port, never cut. */
struct outmsg {
	TAILQ_ENTRY(outmsg)	 entry;
	unsigned char		*buf;
	size_t			 len;
	size_t			 off;		/* bytes already written */
	struct waiter		*w;		/* the call, NULL for stdin */
	int			 held;		/* a caller frees it */
	int			 queued;	/* still in the outgoing queue */
	int			 error;		/* set when dropped */
};

/*
 * A request waiting for its answer.  Requests to one path are answered in
 * the order they were sent, and waiters are kept in one list in sending
 * order, so the first unresolved waiter of a path is the one an answer
 * from that path is for.  A waiter whose caller gave up after (part of)
 * its request was written stays in the list, abandoned, so that its late
 * answer is dropped and never handed to the next caller.
 */
struct waiter {
	TAILQ_ENTRY(waiter)	 entry;		/* the handle's, sending order */
	TAILQ_ENTRY(waiter)	 pathentry;	/* its path's FIFO */
	struct pathq		*pathq;
	pid_t			 path[ALCOVE_PATH_MAX];
	size_t			 npath;
	int			 noreply;	/* exec, exit: fdctl_closed is ok */
	int			 abandoned;	/* nobody waits: drop the answer */
	int			 done;
	int			 error;		/* set when done without a reply */
	struct alcove_term	*reply;
	struct outmsg		*out;		/* the request while unsent */
	alcove_call_cb		 cb;		/* asynchronous: tell this */
	void			*arg;
	int			 forking;	/* fork, clone: a child may come */
	int			 reaping;	/* waitpid: a child may go */
	struct alcove_owner	*fork_owner;	/* a fork made by an owner */
	int			 fork_flags;	/* ALCOVE_UNLINK, FORK_ORPHAN */
};

/* A fork whose owner closed before the answer: drop (or kill) the child. */
#define FORK_ORPHAN		0x100

/* Something to hand to a callback once the lock is dropped. */
struct deferred {
	TAILQ_ENTRY(deferred)	 entry;
	alcove_call_cb		 call_cb;	/* an asynchronous call ended */
	void			*arg;
	int			 err;
	struct alcove_term	*reply;
	struct alcove_owner	*owner;		/* or a message for an owner */
	struct alcove_msg	*msg;
	size_t			 cost;
};

struct queued {
	TAILQ_ENTRY(queued)	 entry;
	struct alcove_msg	*msg;
	size_t			 cost;
};

/* A child this owner stopped with flowcontrol 0, to be resumed. */
struct stopped {
	TAILQ_ENTRY(stopped)	 entry;
	pid_t			*path;
	size_t			 npath;
};

struct alcove_owner {
	TAILQ_ENTRY(alcove_owner) entry;
	struct alcove		*h;
	TAILQ_HEAD(, queued)	 queue;
	size_t			 qbytes;
	size_t			 limit;		/* high-water mark; low: half */
	TAILQ_HEAD(, stopped)	 stopped;
	alcove_owner_cb		 cb;
	void			*arg;
	int			 busy;		/* its callback runs now */
	int			 closed;
};

/* An owner watching a child's exit. */
struct monitor {
	TAILQ_ENTRY(monitor)	 entry;
	struct alcove_owner	*owner;
};

/* A process the library keeps track of: owned, linked or monitored. */
struct child {
	TAILQ_ENTRY(child)	 entry;
	pid_t			*path;
	size_t			 npath;
	struct alcove_owner	*owner;		/* NULL: its owner is gone */
	int			 linked;
	int			 exited;
	TAILQ_HEAD(, monitor)	 monitors;
};

struct alcove {
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;		/* something changed: look again */
	int			 reading;	/* a thread holds the reader role */
	int			 polling;	/* ... and sleeps in poll(2) */
	int			 wake[2];	/* wakes the poller: more output */
	pid_t			 pid;		/* the port (or the exec prefix) */
	int			 in;		/* the port's stdin */
	int			 out;		/* the port's stdout */
	int			 fifo;		/* EOF: the root exited or exec'd */
	int			 raw;		/* the root exec'd: bytes, not messages */
	int			 dead;		/* the port's stdout reached EOF */
	int			 timeout;
	unsigned char		*ibuf;
	size_t			 ilen;
	size_t			 icap;
	TAILQ_HEAD(, outmsg)	 outq;
	size_t			 outbytes;
	TAILQ_HEAD(, waiter)	 waiters;
	LIST_HEAD(, pathq)	 pathqs[PATHQ_BUCKETS];
	TAILQ_HEAD(, deferred)	 deferred;	/* callbacks to run */
	int			 calling;	/* a thread runs them */
	pthread_t		 cb_thread;	/* ... this one */
	TAILQ_HEAD(, alcove_owner) owners;
	struct alcove_owner	*owner0;	/* the default owner */
	TAILQ_HEAD(, child)	 children;
};

/* pump.c: the reader role; everything here runs with h->mu held */
int64_t	deadline(struct alcove *, int);
int	poll_timeout(int64_t);
int	wait_for(struct alcove *, int (*)(struct alcove *, void *), void *,
	    int64_t);
int	pump(struct alcove *, int64_t);
void	fail_all(struct alcove *, int);
void	wake_poller(struct alcove *);
void	waiter_resolve(struct alcove *, struct waiter *, struct alcove_term *,
	    int);
struct alcove_msg *new_msg(int, const pid_t *, size_t, const void *,
	    size_t);

/* pathq.c */
int	waiter_add(struct alcove *, struct waiter *);
void	waiter_unlink(struct alcove *, struct waiter *);
struct waiter *first_waiter(struct alcove *, const pid_t *, size_t);

/* outq.c */
int	outq_wait_room(struct alcove *, size_t, int64_t);
struct outmsg *outq_add(struct alcove *, unsigned char *, size_t,
	    struct waiter *, int);
void	outq_drop(struct alcove *, struct outmsg *);
void	outq_fail(struct alcove *, int);
void	flush_out(struct alcove *);

/* dispatch.c */
void	defer_call(struct alcove *, struct waiter *, struct alcove_term *,
	    int);

/* call.c */
int	reply_status(const struct alcove_term *);
struct waiter *request(struct alcove *, const pid_t *, size_t, int,
	    const void *, size_t, int64_t, int *);
int	await(struct alcove *, struct waiter *, int64_t,
	    struct alcove_term **);
int	encode_args(const char *, va_list, unsigned char **, size_t *);
int	call_raw(struct alcove *, const pid_t *, size_t, int, const void *,
	    size_t, int, struct alcove_term **);
int	vcall(struct alcove *, const pid_t *, size_t, int, int,
	    struct alcove_term **, const char *, va_list);
int	envelope(const pid_t *, size_t, const void *, size_t, int,
	    unsigned char **, size_t *);
int	encode_fmt(unsigned char **, size_t *, const char *, ...);
int	internal_call(struct alcove *, const pid_t *, size_t, int,
	    const char *, ...);
int	internal_call_waiter(struct alcove *, const pid_t *, size_t, int,
	    struct waiter **, const char *, ...);
void	waiter_remove(struct alcove *, struct waiter *);

/* owner.c: routing what the port says, with h->mu held */
int	owners_init(struct alcove *);
void	owners_free(struct alcove *);
void	route_msg(struct alcove *, struct alcove_msg *);
void	child_forked(struct alcove *, struct waiter *,
	    const struct alcove_term *);
void	owner_consumed(struct alcove *, struct alcove_owner *, size_t);
void	child_reaped(struct alcove *, const pid_t *, size_t);
void	owner_free(struct alcove_owner *);
int	owner_queue(struct alcove_owner *, struct alcove_msg *, size_t);

/* term.c */
struct alcove_term *term_copy(const struct alcove_term *);

#endif
