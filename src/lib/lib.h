/*
 * libalcove's internals: the handle, the waiters for replies, the queue of
 * messages nobody has asked for yet.
 */
#ifndef ALCOVE_LIB_H
#define ALCOVE_LIB_H

#include <sys/types.h>
#include <sys/queue.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "alcove.h"

/*
 * A request waiting for its answer.  Requests to one path are answered in
 * the order they were sent, so each path's waiters form a FIFO (kept in
 * one list in sending order); a waiter whose caller gave up stays in the
 * list, abandoned, so that its late answer is dropped and never handed to
 * the next caller.
 */
struct waiter {
	TAILQ_ENTRY(waiter)	 entry;
	pid_t			 path[ALCOVE_PATH_MAX];
	size_t			 npath;
	int			 noreply;	/* exec, exit: fdctl_closed is ok */
	int			 abandoned;
	int			 done;
	int			 error;		/* set when done without a reply */
	struct alcove_term	*reply;
};

struct queued {
	TAILQ_ENTRY(queued)	 entry;
	struct alcove_msg	*msg;
};

struct alcove {
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
	TAILQ_HEAD(, waiter)	 waiters;
	TAILQ_HEAD(, queued)	 queue;
};

/* pump.c */
int	pump(struct alcove *, int64_t);
int	send_bytes(struct alcove *, const void *, size_t);
int64_t	deadline(struct alcove *, int);
int	poll_timeout(int64_t);
void	fail_all(struct alcove *, int);

/* call.c */
int	call_raw(struct alcove *, const pid_t *, size_t, int, const void *,
	    size_t, int, struct alcove_term **);
int	vcall(struct alcove *, const pid_t *, size_t, int, int,
	    struct alcove_term **, const char *, va_list);
int	envelope(const pid_t *, size_t, const void *, size_t, int,
	    unsigned char **, size_t *);

#endif
