/*
 * The child table: creating children, relaying their stdout and stderr,
 * feeding their stdin, flow control, and reaping
 * (alcove-protocol(5), CHILD PROCESSES).
 *
 * A child's stdout carries framed messages until it execs ("message mode")
 * and the program's raw output afterwards ("stream mode").  The boundary is
 * exact: before it execs, a child tells its parent on the control socket how
 * many bytes it has written (ctl.c), so the parent never mistakes program
 * output for a message or a message for program output, however the reads
 * fall.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"
#include "proto/constant.h"
#include "port/ctl.h"
#include "os/os.h"
#include "port/port.h"

/*
 * Stdin for children in message mode: each may hold INQ_HIGH queued bytes
 * whatever the others hold; beyond that a child is congested, and takes
 * more only while all of them together hold less than INQ_TOTAL_MAX.  A
 * message that finds no room is dropped whole and reported as PIPE(0), so
 * that the process can always go on reading its own stdin.
 */
#define INQ_HIGH	(1024 * 1024)
#define INQ_TOTAL_MAX	(16 * 1024 * 1024)
/* A drained stdin queue up to this size keeps its memory. */
#define INQ_KEEP	(64 * 1024)
/* The most a message-mode read takes from a child's stdout. */
#define MSG_READ	(128 * 1024)
/* Reads of a reaped child's pipes before its exit is reported. */
#define REAP_READS	64

/* The largest message a child may send: it must still fit in a PROXY. */
#define CHILD_MSG_MAX	(FRAME_LEN_MAX - FRAME_ENVELOPE)

static void
slot_clear(struct child *c)
{
	buf_free(&c->msgbuf);
	buf_free(&c->inq);
	memset(c, 0, sizeof(*c));
	c->fdctl = c->fdin = c->fdout = c->fderr = FD_CLOSED;
	c->flowcontrol = -1;
	c->exec_at = -1;
}

void
child_init_table(void)
{
	int i;

	port.nslots = port.maxchild > 0 ? port.maxchild : 1;
	if ((port.child = calloc((size_t)port.nslots, sizeof(*port.child))) ==
	    NULL)
		exit(ENOMEM);
	for (i = 0; i < port.nslots; i++)
		slot_clear(&port.child[i]);
}

int
child_count(void)
{
	int i, n = 0;

	for (i = 0; i < port.nslots; i++)
		if (port.child[i].pid != 0)
			n++;
	return n;
}

/*
 * Would n children fit under a descriptor limit of cur: six descriptors
 * each and six for the port (alcove-protocol(5), OPTIONS), and every
 * descriptor the table holds now below it?
 */
int
child_table_fits(rlim_t cur, int n)
{
	int max;

	if (cur == RLIM_INFINITY)
		return 1;
	max = child_fd_max();
	return (max < 0 || (rlim_t)max < cur) &&
	    (rlim_t)6 * (rlim_t)n + 6 <= cur;
}

/* The highest descriptor the table holds, or -1. */
int
child_fd_max(void)
{
	int i, max = -1;

	for (i = 0; i < port.nslots; i++) {
		struct child *c = &port.child[i];

		if (c->pid == 0)
			continue;
		if (c->fdctl > max)
			max = c->fdctl;
		if (c->fdin > max)
			max = c->fdin;
		if (c->fdout > max)
			max = c->fdout;
		if (c->fderr > max)
			max = c->fderr;
	}
	return max;
}

/*
 * Change the number of slots.  The caller has checked that no child sits
 * at or above the new size (alcove-protocol(5), OPTIONS).
 */
int
child_resize(int n)
{
	struct child *p;
	int i;

	if (n > port.nslots) {
		if ((p = reallocarray(port.child, (size_t)n, sizeof(*p))) ==
		    NULL)
			return -1;
		port.child = p;
		for (i = port.nslots; i < n; i++) {
			memset(&p[i], 0, sizeof(p[i]));
			slot_clear(&p[i]);
		}
		port.nslots = n;
	}
	port.maxchild = n;
	return 0;
}

struct child *
child_find(pid_t pid)
{
	int i;

	if (pid <= 0)
		return NULL;
	for (i = 0; i < port.nslots; i++)
		if (port.child[i].pid == pid)
			return &port.child[i];
	return NULL;
}

static int
set_nonblock(int fd)
{
	int flags;

	if ((flags = fcntl(fd, F_GETFL)) == -1)
		return -1;
	return fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

static void
close_fds(int *fds, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (fds[i] >= 0)
			(void)close(fds[i]);
}

/* Close a descriptor the table holds, if open, and mark it closed. */
static void
fd_close(int *fd)
{
	if (*fd >= 0)
		(void)close(*fd);
	*fd = FD_CLOSED;
}

/*
 * The child's side of a fork: take the new pipes as 0, 1, 2 and the control
 * socket as 5, drop everything that belongs to the parent, start with an
 * empty table (alcove-protocol(5), Creating a child).
 */
static void
child_become(int ctl, int in, int out, int err, pid_t parent)
{
	int i;

	if (dup2(in, STDIN_FILENO) == -1 || dup2(out, STDOUT_FILENO) == -1 ||
	    dup2(err, STDERR_FILENO) == -1 || dup2(ctl, FD_CTL) == -1)
		_exit(errno);
	(void)fcntl(FD_CTL, F_SETFD, FD_CLOEXEC);
	(void)close(in);
	(void)close(out);
	(void)close(err);
	(void)close(ctl);
	for (i = 0; i < port.nslots; i++)
		if (port.child[i].pid != 0)
			child_forget(&port.child[i]);
	signal_after_fork();
	port.depth++;
	port.parent = parent;
	port.oneof_given = port.signaloneof;	/* our slot's, at the fork */
	if (child_watch_parent(SIG_PARENT_DEATH) == -1)
		_exit(0);	/* nobody is left to talk to */
	memcpy(port.filter, port.subfilter, sizeof(port.filter));
	port.in.len = 0;
	port.out.len = 0;
	port.out_total = 0;
	port.newborn = 1;
}

/*
 * The slot a new child would take, or NULL
 * (alcove-protocol(5), Creating a child).
 */
static struct child *
free_slot(void)
{
	int i;

	if (port.depth >= port.maxforkdepth)
		return NULL;
	for (i = 0; i < port.maxchild; i++)
		if (port.child[i].pid == 0)
			return &port.child[i];
	return NULL;
}

/* May this process create a child now (depth and slots)? */
int
child_can_fork(void)
{
	return free_slot() != NULL;
}

static pid_t
plain_fork(unsigned long flags)
{
	(void)flags;
	return fork();
}

/*
 * Create a child (alcove-protocol(5), Creating a child) with fork(2), or with
 * forker and flags (clone).  Returns 0 or an errno; in the child *pidp is 0.
 */
int
child_fork(pid_t *pidp, pid_t (*forker)(unsigned long), unsigned long flags)
{
	int ctl[2], in[2], out[2], err[2];
	struct child *c;
	sigset_t old;
	pid_t pid, self = getpid();
	int e;

	if ((c = free_slot()) == NULL)
		return EAGAIN;
	if (forker == NULL)
		forker = plain_fork;

	ctl[0] = ctl[1] = in[0] = in[1] = out[0] = out[1] = err[0] = err[1] =
	    -1;
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, ctl) == -1 ||
	    fcntl(ctl[0], F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(ctl[1], F_SETFD, FD_CLOEXEC) == -1 ||
	    pipe2(in, O_CLOEXEC) == -1 || pipe2(out, O_CLOEXEC) == -1 ||
	    pipe2(err, O_CLOEXEC) == -1)
		goto fail;

	signal_mask_all(&old);
	if ((pid = forker(flags)) == -1) {
		e = errno;
		signal_mask_restore(&old);
		errno = e;
		goto fail;
	}
	if (pid == 0) {
		(void)close(ctl[0]);
		(void)close(in[1]);
		(void)close(out[0]);
		(void)close(err[0]);
		child_become(ctl[1], in[0], out[1], err[1], self);
		signal_mask_restore(&old);
		*pidp = 0;
		return 0;
	}
	signal_mask_restore(&old);
	(void)close(ctl[1]);
	(void)close(in[0]);
	(void)close(out[1]);
	(void)close(err[1]);
	(void)set_nonblock(ctl[0]);
	(void)set_nonblock(in[1]);
	(void)set_nonblock(out[0]);
	(void)set_nonblock(err[0]);

	slot_clear(c);
	c->pid = pid;
	c->flowcontrol = port.flowcontrol;
	c->signaloneof = port.signaloneof;
	c->fdctl = ctl[0];
	c->fdin = in[1];
	c->fdout = out[0];
	c->fderr = err[0];
	*pidp = pid;
	return 0;

fail:
	e = errno;
	close_fds(ctl, 2);
	close_fds(in, 2);
	close_fds(out, 2);
	close_fds(err, 2);
	return e;
}

/*
 * Have the kernel send sig (0: nothing) to this process, or the program it
 * is about to exec, when its parent exits, so that no alcove process or
 * program outlives the process that forked it, however that one ended
 * (alcove(8) says where the system cannot).  Returns -1 if the parent has
 * already gone, before the signal could be set.  A process in a new pid
 * namespace sees its parent as 0 and cannot tell.
 */
int
child_watch_parent(int sig)
{
	pid_t pp;

	if (port.parent == 0)
		return 0;	/* the root: its parent is the client */
	(void)os_parent_death_signal(sig);
	pp = getppid();
	return pp != port.parent && pp != 0 ? -1 : 0;
}

static int
child_execed(const struct child *c)
{
	return c->fdctl == FD_EXECED;
}

/* Remove a child at once, closing what the parent held for it. */
void
child_forget(struct child *c)
{
	fd_close(&c->fdctl);
	fd_close(&c->fdin);
	fd_close(&c->fdout);
	fd_close(&c->fderr);
	slot_clear(c);
}

/* A close call closed one of our descriptors: forget the number. */
void
child_closed_fd(int fd)
{
	int i;

	for (i = 0; i < port.nslots; i++) {
		struct child *c = &port.child[i];

		if (c->pid == 0)
			continue;
		if (c->fdin == fd) {
			c->fdin = FD_CLOSED;
			buf_free(&c->inq);
			c->inq_off = 0;
		}
		if (c->fdout == fd) {
			c->fdout = FD_CLOSED;
			buf_free(&c->msgbuf);
		}
		if (c->fderr == fd)
			c->fderr = FD_CLOSED;
		if (c->fdctl == fd)
			c->fdctl = FD_CLOSED;
	}
}

/*
 * A close call on a child's stdin while input is still queued for it: the
 * descriptor is closed once the queue is written, so that nothing the
 * client sent before its end of input is lost.  Returns 1 when deferred.
 */
int
child_close_stdin_drained(int fd)
{
	int i;

	for (i = 0; i < port.nslots; i++) {
		struct child *c = &port.child[i];

		if (c->pid != 0 && c->fdin == fd && c->fdin >= 0 &&
		    c->inq.len > c->inq_off) {
			c->inq_eof = 1;
			return 1;
		}
	}
	return 0;
}

static void
close_stream(struct child *c, int *fd, unsigned int opt, const char *atom)
{
	if (port.opts & opt)
		emit_child_ctl((uint32_t)c->pid, atom);
	fd_close(fd);
}

/* ---- stdin ---- */

static size_t
inq_pending(const struct child *c)
{
	return c->inq.len - c->inq_off;
}

static void
inq_drop(struct child *c)
{
	buf_free(&c->inq);
	c->inq_off = 0;
}

/* All written: keep a small queue's memory for the next burst. */
static void
inq_drained(struct child *c)
{
	if (c->inq.cap > INQ_KEEP)
		buf_free(&c->inq);
	c->inq.len = 0;
	c->inq_off = 0;
}

/* The stdin queued for all children in message mode. */
static size_t
inq_total(void)
{
	size_t n = 0;
	int i;

	for (i = 0; i < port.nslots; i++)
		if (port.child[i].pid != 0 && !child_execed(&port.child[i]))
			n += inq_pending(&port.child[i]);
	return n;
}

/* Write what the pipe takes now.  Returns bytes written, -1 on error. */
static ssize_t
stdin_write(struct child *c, const unsigned char *data, size_t n)
{
	size_t off = 0;
	ssize_t w;

	while (off < n) {
		w = write(c->fdin, data + off, n - off);
		if (w > 0) {
			off += (size_t)w;
			continue;
		}
		if (w == -1 && errno == EINTR)
			continue;
		if (w == -1 && errno == EAGAIN)
			break;
		return -1;
	}
	return (ssize_t)off;
}

/*
 * With the stdin_ack option, an exec'd child's parent says how many bytes
 * of its input went into the pipe: a client that keeps what it has sent
 * and not seen acknowledged within the queue's bound (setopt stdin_queue)
 * never has input dropped, and never sends anything twice.
 */
static void
stdin_acked(const struct child *c, ssize_t n)
{
	unsigned char etf[32];
	struct etf_enc e;

	if (n <= 0 || !(port.opts & OPT_STDIN_ACK) || !child_execed(c))
		return;
	etf_enc_init(&e, etf, sizeof(etf));
	etf_put_version(&e);
	etf_put_tuple(&e, 2);
	etf_put_atom(&e, "stdin_ack");
	etf_put_int(&e, (int64_t)n);
	emit_child_event(c->pid, etf, e.len);
}

/*
 * Data from a STDIN message.  A child in message mode gets everything, in
 * order, however long it takes the pipe to drain: a message is never cut.
 * Only a congested one (see INQ_HIGH) may have a whole payload refused,
 * reported as PIPE(0).  An exec'd child gets what its pipe takes now and
 * what fits in its queue, which holds port.stdin_queue bytes (0 unless set:
 * upstream's behaviour, no queue); the rest of the payload is dropped and
 * reported as PIPE(bytes accepted) (alcove-protocol(5), Standard input).
 */
void
child_stdin(struct child *c, const unsigned char *data, size_t n)
{
	ssize_t w = 0;
	size_t room;

	/* Input after a close call is discarded, as if it were closed. */
	if (c->fdin < 0 || c->inq_eof || n == 0)
		return;
	if (!child_execed(c) && inq_pending(c) > INQ_HIGH &&
	    inq_total() + n > INQ_TOTAL_MAX) {
		emit_child_pipe(c->pid, 0);
		return;
	}
	if (inq_pending(c) == 0) {
		if ((w = stdin_write(c, data, n)) == -1) {
			/* The reader is gone: upstream drops silently too. */
			return;
		}
		stdin_acked(c, w);
		data += w;
		n -= (size_t)w;
		if (n == 0)
			return;
	}
	if (child_execed(c)) {
		room = (size_t)port.stdin_queue > inq_pending(c) ?
		    (size_t)port.stdin_queue - inq_pending(c) : 0;
		if (n > room) {
			if (room > 0 && buf_append(&c->inq, data, room) == -1)
				room = 0;
			emit_child_pipe(c->pid, (uint64_t)w + room);
			return;
		}
	}
	if (buf_append(&c->inq, data, n) == -1) {
		if (child_execed(c))
			emit_child_pipe(c->pid, (uint64_t)w);
		else
			port_oserr("out of memory for stdin of %d", (int)c->pid);
	}
}

static void
stdin_drain(struct child *c)
{
	ssize_t w;

	w = stdin_write(c, c->inq.data + c->inq_off, inq_pending(c));
	if (w == -1) {
		inq_drop(c);
		if (c->inq_eof)
			fd_close(&c->fdin);
		return;
	}
	c->inq_off += (size_t)w;
	stdin_acked(c, w);
	if (inq_pending(c) == 0) {
		inq_drained(c);
		if (c->inq_eof)
			fd_close(&c->fdin);
	}
	else if (c->inq_off >= 64 * 1024 && c->inq_off * 2 >= c->inq.len) {
		buf_consume(&c->inq, c->inq_off);
		c->inq_off = 0;
	}
}

/* ---- stdout and stderr ---- */

/*
 * The largest stream read at this depth (alcove-protocol(5), Per-hop overhead).
 */
static size_t
stream_chunk(void)
{
	return FRAME_BUDGET(port.depth);
}

/*
 * One read of a stream (an exec'd child's stdout, or any child's stderr).
 * Returns 1 if data was relayed, 0 if none was waiting, -1 once the stream
 * is closed.
 */
static int
stream_read(struct child *c, int *fd, int type)
{
	size_t chunk = stream_chunk();
	unsigned char *p;
	ssize_t n;

	p = emit_stream_begin(chunk);
	do {
		n = read(*fd, p, chunk);
	} while (n == -1 && errno == EINTR);
	if (n > 0) {
		emit_stream_end(p, type, c->pid, (size_t)n);
		return 1;
	}
	if (n == -1 && errno == EAGAIN)
		return 0;
	if (n == 0) {
		if (type == TYPE_STDOUT)
			close_stream(c, fd, OPT_STDOUT_CLOSED, "stdout_closed");
		else
			close_stream(c, fd, OPT_STDERR_CLOSED, "stderr_closed");
	} else {
		fd_close(fd);
	}
	return -1;
}

static void
msg_close_silently(struct child *c)
{
	fd_close(&c->fdout);
	buf_free(&c->msgbuf);
}

/* Where the exec boundary falls inside the message buffer. */
static size_t
msg_limit(const struct child *c)
{
	uint64_t start = c->out_read - c->msgbuf.len;

	if (c->exec_at >= 0 && (uint64_t)c->exec_at < c->out_read)
		return (uint64_t)c->exec_at < start ? 0 :
		    (size_t)((uint64_t)c->exec_at - start);
	return c->msgbuf.len;
}

/*
 * Relay every whole message before the exec boundary.  Returns -1 if the
 * child sent something that cannot be a message: the channel is then closed
 * without a word, as upstream does.
 */
static int
msg_relay(struct child *c)
{
	size_t off = 0, limit = msg_limit(c);
	const unsigned char *p;
	const char *why;
	struct frame f;
	int rv;

	for (;;) {
		p = c->msgbuf.data + off;
		/* What a PROXY cannot carry is refused before it is whole. */
		if (limit - off >= 2 && frame_get16(p) > CHILD_MSG_MAX)
			rv = -1;
		else
			rv = frame_parse(p, limit - off, FRAME_UP, &f, &why);
		if (rv == -1) {
			msg_close_silently(c);
			return -1;
		}
		if (rv == 0)
			break;
		emit_proxy(c->pid, p, f.size);
		off += f.size;
	}
	buf_consume(&c->msgbuf, off);
	return 0;
}

#define FILL_DATA	1
#define FILL_NONE	0
#define FILL_EOF	(-1)
#define FILL_ERROR	(-2)

/* Read what a message-mode stdout holds, never past an exec boundary. */
static int
msg_fill(struct child *c)
{
	size_t want = MSG_READ;
	ssize_t n;

	if (c->exec_at >= 0) {
		if ((uint64_t)c->exec_at <= c->out_read)
			return FILL_NONE;
		if ((uint64_t)c->exec_at - c->out_read < want)
			want = (size_t)((uint64_t)c->exec_at - c->out_read);
	}
	if (buf_reserve(&c->msgbuf, want) == -1)
		port_oserr("out of memory for messages of %d", (int)c->pid);
	do {
		n = read(c->fdout, c->msgbuf.data + c->msgbuf.len, want);
	} while (n == -1 && errno == EINTR);
	if (n == -1 && errno == EAGAIN)
		return FILL_NONE;
	if (n == 0)
		return FILL_EOF;
	if (n < 0)
		return FILL_ERROR;
	c->msgbuf.len += (size_t)n;
	c->out_read += (uint64_t)n;
	return FILL_DATA;
}

/* The end of a message-mode stdout (alcove-protocol(5), Message mode). */
static void
msg_end(struct child *c, int rv)
{
	if (rv == FILL_EOF && c->msgbuf.len == 0) {
		buf_free(&c->msgbuf);
		close_stream(c, &c->fdout, OPT_STDOUT_CLOSED, "stdout_closed");
	} else {
		msg_close_silently(c);
	}
}

/*
 * The control socket reached EOF: the child exec'd, exited or closed it.
 * Relay the messages it wrote before that, report fdctl_closed, and treat
 * the rest of its stdout as a stream (alcove-protocol(5), Exec boundary).
 */
static void
ctl_eof(struct child *c)
{
	int rv = FILL_NONE, k;

	if (c->fdout >= 0 && !child_execed(c)) {
		/* Without an announced boundary, take what was written. */
		for (k = 0; k < REAP_READS; k++)
			if ((rv = msg_fill(c)) != FILL_DATA)
				break;
		if (msg_relay(c) == -1)
			rv = FILL_NONE;
	}
	(void)close(c->fdctl);
	c->fdctl = FD_EXECED;
	c->exec_at = -1;
	c->ctllen = 0;
	emit_child_ctl((uint32_t)c->pid, "fdctl_closed");
	if (c->fdout < 0)
		return;
	if (c->msgbuf.len > 0) {
		/* Bytes after the last whole message are program output. */
		size_t off = 0, chunk = stream_chunk();

		while (off < c->msgbuf.len) {
			size_t n = c->msgbuf.len - off < chunk ?
			    c->msgbuf.len - off : chunk;
			unsigned char *p = emit_stream_begin(n);

			memcpy(p, c->msgbuf.data + off, n);
			emit_stream_end(p, TYPE_STDOUT, c->pid, n);
			off += n;
		}
	}
	buf_free(&c->msgbuf);
	if (rv == FILL_EOF)
		close_stream(c, &c->fdout, OPT_STDOUT_CLOSED, "stdout_closed");
	else if (rv == FILL_ERROR)
		msg_close_silently(c);
}

/* Data on the control socket that is not one of our records. */
static void
ctl_garbage(struct child *c)
{
	fd_close(&c->fdctl);
	c->exec_at = -1;
	c->ctllen = 0;
}

static void
ctl_record(struct child *c, const unsigned char *r)
{
	uint64_t at;

	switch (r[CTL_MAGIC_LEN]) {
	case CTL_EXEC:
		/* Not before what was already taken as messages, nor
		 * beyond what a signed offset holds. */
		at = ctl_get_offset(r);
		if (at > INT64_MAX || at < c->out_read - c->msgbuf.len) {
			ctl_garbage(c);
			break;
		}
		c->exec_at = (int64_t)at;
		break;
	case CTL_EXEC_FAILED:
		c->exec_at = -1;
		break;
	case CTL_BOOT:
		/* A re-exec'd port counts its output from zero again: relay
		 * the old image's messages, keep the new image's bytes. */
		if (c->exec_at >= 0 && c->fdout >= 0) {
			while ((uint64_t)c->exec_at > c->out_read &&
			    msg_fill(c) == FILL_DATA)
				;
			if (msg_relay(c) == -1)
				break;
			/* Counted from the boundary now; the old image's
			 * unfinished message before it is dropped. */
			c->out_read = c->out_read > (uint64_t)c->exec_at ?
			    c->out_read - (uint64_t)c->exec_at : 0;
			if (c->msgbuf.len > c->out_read)
				buf_consume(&c->msgbuf,
				    c->msgbuf.len - (size_t)c->out_read);
		} else {
			c->out_read = c->msgbuf.len;
		}
		c->exec_at = -1;
		break;
	}
}

/* Read every record waiting on the control socket; never blocks. */
static void
ctl_read(struct child *c)
{
	unsigned char buf[256];
	ssize_t n;
	size_t i, need;

	while (c->fdctl >= 0) {
		n = read(c->fdctl, buf, sizeof(buf));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == EAGAIN)
			return;
		if (n == 0) {
			ctl_eof(c);
			return;
		}
		if (n < 0) {
			ctl_garbage(c);
			return;
		}
		for (i = 0; i < (size_t)n; i++) {
			c->ctlrec[c->ctllen++] = buf[i];
			if ((need = ctl_record_size(c->ctlrec,
			    c->ctllen)) == 0) {
				ctl_garbage(c);
				return;
			}
			if (c->ctllen == need) {
				ctl_record(c, c->ctlrec);
				c->ctllen = 0;
			}
		}
	}
}

/*
 * Read every child's control socket now.  Before a SIGCHLD is reported
 * (report mode), this puts the fdctl_closed of a child that exited first:
 * its socket reached end-of-file before the signal was sent.
 */
void
child_ctl_poll(void)
{
	int i;

	for (i = 0; i < port.nslots; i++)
		if (port.child[i].pid != 0 && port.child[i].fdctl >= 0)
			ctl_read(&port.child[i]);
}

/*
 * One read of a message-mode stdout.  The control socket is read after the
 * data, never before: a child announces an exec before it execs, so if no
 * announcement is there after the read, everything read was messages; if
 * there is one, its offset says where the messages end.
 */
static int
msg_read(struct child *c)
{
	int rv;

	rv = msg_fill(c);
	if (c->fdctl >= 0)
		ctl_read(c);
	if (c->fdout < 0 || child_execed(c))
		return rv;
	if (msg_relay(c) == -1)
		return FILL_ERROR;
	if (rv == FILL_EOF || rv == FILL_ERROR)
		msg_end(c, rv);
	return rv;
}

static int
stream_blocked(const struct child *c)
{
	return c->flowcontrol == 0 && !c->exited;
}

static void
stream_counted(struct child *c, int rv)
{
	if (rv == 1 && c->flowcontrol > 0)
		c->flowcontrol--;
}

static void
stdout_ready(struct child *c)
{
	if (!child_execed(c)) {
		(void)msg_read(c);
		return;
	}
	if (stream_blocked(c))
		return;
	stream_counted(c, stream_read(c, &c->fdout, TYPE_STDOUT));
}

static void
stderr_ready(struct child *c)
{
	int rv;

	if (child_execed(c) && stream_blocked(c))
		return;
	rv = stream_read(c, &c->fderr, TYPE_STDERR);
	if (child_execed(c))
		stream_counted(c, rv);
}

/*
 * Which slot, and which child in it, each group of poll entries belongs
 * to: input handled between poll and child_events() may create or remove
 * children, and a group must never be applied to another child.
 */
struct poll_group {
	int	slot;
	pid_t	pid;
};

static struct poll_group	*groups;
static size_t			 ngroups;

size_t
child_pollmax(void)
{
	return (size_t)port.nslots * 4;
}

static void
poll_add(struct pollfd *p, size_t *n, int fd, short events)
{
	p[*n].fd = fd;
	p[*n].events = events;
	p[*n].revents = 0;
	(*n)++;
}

/*
 * The descriptors to poll, four per child, in slot order: control socket,
 * stdout, stderr, stdin.  A stream whose flow-control budget is 0 is not
 * polled at all (polling it would only report hang-ups, again and again).
 * On the way, the slot of a child that is gone and whose pipes are closed
 * is freed.
 */
size_t
child_pollfds(struct pollfd *p, size_t max)
{
	struct poll_group *g;
	size_t n = 0, k = 0;
	int i;

	if (ngroups < (size_t)port.nslots) {
		if ((g = reallocarray(groups, (size_t)port.nslots,
		    sizeof(*g))) == NULL)
			port_oserr("out of memory for poll");
		groups = g;
		ngroups = (size_t)port.nslots;
	}
	for (i = 0; i < port.nslots && n + 4 <= max; i++) {
		struct child *c = &port.child[i];
		int execed = child_execed(c);

		if (c->pid != 0 && c->exited && c->fdctl < 0 &&
		    c->fdout < 0 && c->fderr < 0)
			slot_clear(c);
		if (c->pid == 0)
			continue;
		groups[k].slot = i;
		groups[k].pid = c->pid;
		k++;
		poll_add(p, &n, c->fdctl >= 0 ? c->fdctl : -1, POLLIN);
		if (c->fdout >= 0 && (execed ? !stream_blocked(c) :
		    c->exec_at < 0 || (uint64_t)c->exec_at > c->out_read))
			poll_add(p, &n, c->fdout, POLLIN);
		else
			poll_add(p, &n, -1, 0);
		if (c->fderr >= 0 && !(execed && stream_blocked(c)))
			poll_add(p, &n, c->fderr, POLLIN);
		else
			poll_add(p, &n, -1, 0);
		poll_add(p, &n, c->fdin >= 0 && inq_pending(c) > 0 ? c->fdin :
		    -1, POLLOUT);
	}
	return n;
}

#define READY(p)	((p).revents & (POLLIN | POLLHUP | POLLERR))

void
child_events(struct pollfd *p, size_t n)
{
	size_t k;

	for (k = 0; k * 4 + 4 <= n; k++) {
		struct child *c = &port.child[groups[k].slot];
		struct pollfd *e = &p[k * 4];

		if (c->pid != groups[k].pid)
			continue;	/* gone, or another child now */
		if (e[0].fd >= 0 && e[0].fd == c->fdctl && READY(e[0]))
			ctl_read(c);
		if (e[1].fd >= 0 && e[1].fd == c->fdout && READY(e[1]))
			stdout_ready(c);
		if (e[2].fd >= 0 && e[2].fd == c->fderr && READY(e[2]))
			stderr_ready(c);
		if (e[3].fd >= 0 && e[3].fd == c->fdin &&
		    (e[3].revents & (POLLOUT | POLLHUP | POLLERR))) {
			if (e[3].revents & POLLOUT)
				stdin_drain(c);
			else
				inq_drop(c);	/* the reader is gone */
		}
	}
}

/* ---- exit ---- */

static void
reap_streams(struct child *c)
{
	int k;

	/* Everything already in the pipes goes out before the exit event;
	 * a stream closes only at its real end
	 * (alcove-protocol(5), Child exit). */
	for (k = 0; k < REAP_READS && c->fdout >= 0; k++) {
		if (child_execed(c)) {
			if (stream_read(c, &c->fdout, TYPE_STDOUT) != 1)
				break;
		} else if (msg_read(c) != 1)
			break;
	}
	for (k = 0; k < REAP_READS && c->fderr >= 0; k++)
		if (stream_read(c, &c->fderr, TYPE_STDERR) != 1)
			break;
}

static void
exit_event(struct child *c, int status)
{
	unsigned char etf[64];
	struct etf_enc e;

	etf_enc_init(&e, etf, sizeof(etf));
	etf_put_version(&e);
	etf_put_tuple(&e, 2);
	if (WIFEXITED(status)) {
		if (!(port.opts & OPT_EXIT_STATUS))
			return;
		etf_put_atom(&e, "exit_status");
		etf_put_int(&e, WEXITSTATUS(status));
	} else if (WIFSIGNALED(status)) {
		if (!(port.opts & OPT_TERMSIG))
			return;
		etf_put_atom(&e, "termsig");
		etf_put_atom(&e, signal_name(WTERMSIG(status)));
	} else {
		return;
	}
	emit_child_event(c->pid, etf, e.len);
}

static void
child_exited(struct child *c, int status)
{
	c->exited = 1;
	if (c->fdctl >= 0)
		ctl_read(c);
	reap_streams(c);
	/* Open, or closed by a close call: either way it ends now. */
	if (port.opts & OPT_STDIN_CLOSED)
		emit_child_ctl((uint32_t)c->pid, "stdin_closed");
	fd_close(&c->fdin);
	inq_drop(c);
	exit_event(c, status);
}

/* Collect every child that exited (alcove-protocol(5), Child exit). */
void
child_reap(void)
{
	struct child *c;
	pid_t pid;
	int status;

	for (;;) {
		pid = waitpid(-1, &status, WNOHANG);
		if (pid == -1 && errno == EINTR)
			continue;
		if (pid <= 0)
			break;
		if ((c = child_find(pid)) != NULL && !c->exited)
			child_exited(c, status);
	}
}

/*
 * On shutdown, signal every child that exec'd (alcove-protocol(5), SHUTDOWN):
 * its process group first, else the process, then SIGCONT.
 */
void
child_signal_execed(void)
{
	int i;

	if (port.signaloneof <= 0)
		return;
	for (i = 0; i < port.nslots; i++) {
		struct child *c = &port.child[i];

		if (c->pid == 0 || !child_execed(c))
			continue;
		if (kill(-c->pid, c->signaloneof) == 0 ||
		    kill(c->pid, c->signaloneof) == 0)
			(void)kill(c->pid, SIGCONT);
	}
}
