/*
 * The state of one alcove process (the root or a forked child that has not
 * exec'd) and the functions the parts of the port share.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_PORT_H
#define ALCOVE_PORT_H

#include <sys/types.h>
#include <sys/resource.h>

#include <stddef.h>
#include <stdint.h>

#include "port/ctl.h"
#include "proto/etf.h"
#include "proto/frame.h"

#define ALCOVE_VERSION_STRING	"1.0.1"

/* Descriptors every alcove process holds (alcove-protocol(5), Descriptors). */
#define FD_SIGREAD	3
#define FD_SIGWRITE	4
#define FD_CTL		5

/* Exit statuses (documented in alcove(8)). */
#define EXIT_USAGE	2	/* an invalid number on the command line */
#define EXIT_PROTOCOL	76	/* malformed input on stdin (EX_PROTOCOL) */
#define EXIT_IO		74	/* stdout could not be written (EX_IOERR) */
#define EXIT_OSERR	71	/* out of memory, poll or the signal pipe failed */

/* Process options (alcove-protocol(5), OPTIONS). */
#define OPT_EXIT_STATUS		0x01
#define OPT_TERMSIG		0x02
#define OPT_STDIN_CLOSED	0x04
#define OPT_STDOUT_CLOSED	0x08
#define OPT_STDERR_CLOSED	0x10
#define OPT_STDIN_ACK		0x20	/* {stdin_ack, N} events */

/* Signal dispositions as the protocol names them (sig_dfl, ...). */
#define SIGDISP_DFL		0
#define SIGDISP_IGN		1
#define SIGDISP_INFO		2

#define FILTER_BYTES		16
/* The largest setopt(stdin_queue, N): what an exec'd child's queue may hold. */
#define STDIN_QUEUE_MAX		(16 * 1024 * 1024)
#define MAXFORKDEPTH_DEFAULT	16
#define MAXCHILD_DEFAULT	64

/*
 * The parent-death signal of an alcove process: caught like any other, it
 * interrupts a blocking call, and the end-of-file the parent's exit left on
 * stdin then shuts the process down in order.
 */
#define SIG_PARENT_DEATH	SIGHUP

/*
 * A growable byte buffer.  Buffers grow on demand and are never
 * pre-filled, so a fork copies only what is in use.
 */
struct buf {
	unsigned char	*data;
	size_t		 len;
	size_t		 cap;
};

/* Child descriptor states beyond a real descriptor number. */
#define FD_CLOSED	(-1)
#define FD_EXECED	(-2)	/* fdctl only: the control socket reached EOF */

/* One slot of the child table (alcove-protocol(5), Process tree). */
struct child {
	pid_t		pid;		/* 0: the slot is free */
	int		flowcontrol;	/* reads left; -1 unlimited */
	int		signaloneof;
	int		fdctl;
	int		fdin;
	int		fdout;
	int		fderr;
	int		exited;		/* reaped; events sent */
	/* message mode: stdout bytes read and not yet a whole message */
	struct buf	msgbuf;
	uint64_t	out_read;	/* stdout bytes consumed in message mode */
	int64_t		exec_at;	/* stdout offset where an exec begins, or -1 */
	unsigned char	ctlrec[CTL_RECORD_MAX];	/* a partial control record */
	size_t		ctllen;
	/* bytes for the child's stdin that the pipe has not taken yet */
	struct buf	inq;
	size_t		inq_off;
	int		inq_eof;	/* closed by a call: close when drained */
};

struct port {
	int		depth;
	unsigned int	opts;
	int		flowcontrol;	/* default for new children */
	int		signaloneof;	/* default for new children */
	int		maxforkdepth;
	int		maxchild;
	int		stdin_queue;	/* bytes queued for an exec'd child */
	int		sigchld_report;	/* sigaction(sigchld, sig_info) */
	unsigned char	filter[FILTER_BYTES];
	unsigned char	subfilter[FILTER_BYTES];
	struct child	*child;
	int		nslots;		/* allocated slots, >= maxchild */
	struct buf	in;		/* bytes read from stdin */
	struct buf	out;		/* messages waiting to be written */
	uint64_t	out_total;	/* bytes ever written on stdout */
	size_t		frame_end;	/* in.data offset just past the call being run */
	int		newborn;	/* set in a child by fork: start afresh */
	pid_t		parent;		/* who forked us (0 in the root) */
	int		oneof_given;	/* the signaloneof it gave us then */
	unsigned char	*reply;		/* reply encoding buffer */
};

extern struct port port;

/* buf.c */
int	buf_reserve(struct buf *, size_t);
int	buf_append(struct buf *, const void *, size_t);
void	buf_consume(struct buf *, size_t);
void	buf_free(struct buf *);

/* loop.c */
void	loop_run(void);
void	port_flush(void);
void	port_shutdown(int) __attribute__((__noreturn__));
void	port_leak_init(void);
void	port_leak_check(void);
void	port_fatal(const char *, ...) __attribute__((__noreturn__,
	    __format__(__printf__, 1, 2)));
void	port_oserr(const char *, ...) __attribute__((__noreturn__,
	    __format__(__printf__, 1, 2)));

/* emit.c: messages this process writes on its stdout */
void	emit_call_reply(const unsigned char *, size_t);
void	emit_event(const unsigned char *, size_t);
void	emit_child_ctl(uint32_t, const char *);
void	emit_child_event(pid_t, const unsigned char *, size_t);
void	emit_child_pipe(pid_t, uint64_t);
void	emit_proxy(pid_t, const unsigned char *, size_t);
unsigned char *emit_stream_begin(size_t);
void	emit_stream_end(unsigned char *, int, pid_t, size_t);

/* child.c */
void	child_init_table(void);
int	child_resize(int);
int	child_can_fork(void);
int	child_fork(pid_t *, pid_t (*)(unsigned long), unsigned long);
int	child_watch_parent(int);
struct child *child_find(pid_t);
void	child_stdin(struct child *, const unsigned char *, size_t);
void	child_reap(void);
void	child_ctl_poll(void);
void	child_forget(struct child *);
int	child_count(void);
int	child_fd_max(void);
int	child_table_fits(rlim_t, int);
void	child_closed_fd(int);
int	child_close_stdin_drained(int);
void	child_signal_execed(void);
size_t	child_pollfds(struct pollfd *, size_t);
void	child_events(struct pollfd *, size_t);
size_t	child_pollmax(void);

/* ctl.c: records a child sends its parent on the control socket */
void	ctl_exec_begin(void);
void	ctl_exec_failed(void);
void	ctl_boot(void);

/* exec.c */
int	exec_prepare(void);
void	exec_failed(void);

/* signal.c */
void	signal_init(int);
void	signal_after_fork(void);
int	signal_pipe(int [2]);
void	signal_read(void);
void	signal_check_lost(void);
int	signal_disposition(int, int *);
int	signal_set_disposition(int, int);
void	signal_mask_all(sigset_t *);
void	signal_mask_restore(const sigset_t *);
void	signal_default_all(void);

/* dispatch.c */
void	dispatch_init(void);
void	dispatch_call(const unsigned char *, size_t);

#endif
