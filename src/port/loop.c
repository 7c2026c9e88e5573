/*
 * The event loop of an alcove process: poll stdin, the signal pipe and the
 * children's descriptors; handle every complete message that arrived; write
 * the replies and relayed output in one batch per wakeup.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#if defined(ALCOVE_HAVE_LSAN)
#include <sanitizer/lsan_interface.h>
#endif

#include "compat.h"
#include "port/port.h"

struct port port;

/* How much stdin is read per wakeup at most, and the output batch size. */
#define IN_READ		(128 * 1024)
#define OUT_BATCH	(256 * 1024)

/* How long a process whose output failed waits for end-of-file, ms. */
#define OUTPUT_LOST_WAIT	5000

static struct pollfd	*pfd;
static size_t		 npfd;
/* The status of a shutdown under way: 0 at end-of-file. */
static int		 shutdown_status;

static void	port_output_lost(void) __attribute__((__noreturn__));

/*
 * Write everything in the output buffer.  The write blocks (through poll
 * when stdout is non-blocking): a client that does not read its messages
 * stops the port rather than losing them.
 */
void
port_flush(void)
{
	size_t off = 0;
	ssize_t n;

	while (off < port.out.len) {
		n = write(STDOUT_FILENO, port.out.data + off, port.out.len - off);
		if (n > 0) {
			off += (size_t)n;
			port.out_total += (uint64_t)n;
			continue;
		}
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == EAGAIN) {
			struct pollfd w = { STDOUT_FILENO, POLLOUT, 0 };

			(void)poll(&w, 1, -1);
			continue;
		}
		/* Nobody reads our messages any more. */
		port.out.len = 0;
		port_output_lost();
	}
	port.out.len = 0;
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Standard output cannot be written any more.  A client that has gone
 * away closes its end of our stdin as well, at once or a moment after
 * its end of our stdout (Erlang's port_close closes one, then the other):
 * that is the orderly end of the conversation, whatever the order and
 * the timing, and the process exits as at end-of-file.  Input that arrives
 * meanwhile is discarded unread, since nobody would see its replies.  A
 * client that keeps our stdin open for OUTPUT_LOST_WAIT has merely stopped
 * reading, and that is an I/O error (EX_IOERR).
 */
static void __attribute__((__noreturn__))
port_output_lost(void)
{
	unsigned char junk[4096];
	int64_t deadline = now_ms() + OUTPUT_LOST_WAIT;
	struct pollfd p;
	ssize_t n;
	int64_t left;

	port.in.len = 0;
	for (;;) {
		if ((left = deadline - now_ms()) <= 0)
			port_shutdown(EXIT_IO);
		p.fd = STDIN_FILENO;
		p.events = POLLIN;
		p.revents = 0;
		if (poll(&p, 1, (int)left) == -1) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			port_shutdown(EXIT_IO);
		}
		if (p.revents & POLLNVAL)
			port_shutdown(shutdown_status);
		if (!(p.revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		n = read(STDIN_FILENO, junk, sizeof(junk));
		if (n == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			port_shutdown(shutdown_status);
	}
}

/*
 * Leave the loop (alcove-protocol(5), SHUTDOWN): flush what is pending, signal
 * the children that exec'd, exit.
 */
void
port_shutdown(int status)
{
	if (shutdown_status == 0)
		shutdown_status = status;	/* kept if the flush fails */
	if (port.out.len > 0 && status != EXIT_IO)
		port_flush();
	child_signal_execed();
	port_leak_check();
	_exit(status);
}

/*
 * A port built with AddressSanitizer (make sanitize) ends with _exit, which
 * skips LeakSanitizer's check at exit: port_leak_check runs it, so that a
 * leak in any alcove process fails that process (the check exits with its
 * status).  A process whose root or credentials have changed (chroot,
 * pivot_root, setuid) is not checked: the sanitizer could no longer reach
 * its log or the process's own maps, or stop its own threads, and would
 * hang or fail for that alone.
 */
#if defined(ALCOVE_HAVE_LSAN)
static struct stat leak_root;
static uid_t leak_uid, leak_euid;
static gid_t leak_gid, leak_egid;
#endif

void
port_leak_init(void)
{
#if defined(ALCOVE_HAVE_LSAN)
	(void)stat("/", &leak_root);
	leak_uid = getuid();
	leak_euid = geteuid();
	leak_gid = getgid();
	leak_egid = getegid();
#endif
}

void
port_leak_check(void)
{
#if defined(ALCOVE_HAVE_LSAN)
	struct stat st;

	if (stat("/", &st) == 0 && st.st_dev == leak_root.st_dev &&
	    st.st_ino == leak_root.st_ino && getuid() == leak_uid &&
	    geteuid() == leak_euid && getgid() == leak_gid &&
	    getegid() == leak_egid)
		__lsan_do_leak_check();
#endif
}

/* Write "alcove: <reason>" as one line, then shut down with status. */
static void __attribute__((__noreturn__))
port_die(int status, const char *fmt, va_list ap)
{
	char msg[256];
	size_t len;
	ssize_t n;

	memcpy(msg, "alcove: ", 8);
	(void)vsnprintf(msg + 8, sizeof(msg) - 9, fmt, ap);
	len = strlen(msg);
	msg[len++] = '\n';
	n = write(STDERR_FILENO, msg, len);
	(void)n;
	port_shutdown(status);
}

/*
 * Malformed input: the stream is out of step
 * (alcove-protocol(5), Malformed input).
 */
void
port_fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	port_die(EXIT_PROTOCOL, fmt, ap);
}

/* The system failed us: out of memory, poll, the signal pipe. */
void
port_oserr(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	port_die(EXIT_OSERR, fmt, ap);
}

static void
handle_stdin_message(const struct frame *f)
{
	uint32_t raw = frame_get32(f->body);
	int32_t pid = (int32_t)raw;
	struct child *c;

	if (pid <= 0 || (c = child_find(pid)) == NULL) {
		emit_child_ctl(raw, "badpid");
		return;
	}
	child_stdin(c, f->body + 4, f->bodylen - 4);
}

/*
 * Handle every complete message in the input buffer.  A call that forks
 * returns here in the child with port.in emptied: the rest of the batch
 * belongs to the parent, so the child stops at once.
 */
static void
handle_input(void)
{
	struct frame f;
	const char *why = NULL;
	size_t off = 0;
	int r;

	while ((r = frame_parse(port.in.data + off, port.in.len - off,
	    FRAME_DOWN, &f, &why)) == 1) {
		port.frame_end = off + f.size;
		if (f.type == TYPE_STDIN)
			handle_stdin_message(&f);
		else
			dispatch_call(f.body, f.bodylen);
		if (port.newborn)
			return;		/* a new child: nothing here is ours */
		off += f.size;
		if (port.out.len >= OUT_BATCH)
			port_flush();
	}
	if (r == -1)
		port_fatal("malformed input: %s", why);
	buf_consume(&port.in, off);
}

static void
read_stdin(void)
{
	ssize_t n;

	if (buf_reserve(&port.in, IN_READ) == -1)
		port_oserr("out of memory for input");
	n = read(STDIN_FILENO, port.in.data + port.in.len, IN_READ);
	if (n == -1) {
		if (errno == EINTR || errno == EAGAIN)
			return;
		n = 0;		/* a broken stdin ends the conversation */
	}
	if (n == 0) {
		if (port.in.len > 0)
			port_fatal("malformed input: end of input inside a "
			    "message");
		port_shutdown(0);
	}
	port.in.len += (size_t)n;
	handle_input();
}

static void
pollfd_reserve(size_t n)
{
	struct pollfd *p;

	if (n <= npfd)
		return;
	if ((p = reallocarray(pfd, n, sizeof(*p))) == NULL)
		port_oserr("out of memory for poll");
	pfd = p;
	npfd = n;
}

void
loop_run(void)
{
	size_t n;
	int rv;

	for (;;) {
		pollfd_reserve(2 + child_pollmax());
		n = child_pollfds(pfd + 2, npfd - 2);
		/* Always: back-pressure stays with the child that is full. */
		pfd[0].fd = STDIN_FILENO;
		pfd[0].events = POLLIN;
		pfd[1].fd = FD_SIGREAD;
		pfd[1].events = POLLIN;
		pfd[0].revents = pfd[1].revents = 0;
		rv = poll(pfd, 2 + n, -1);
		if (rv == -1) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			port_oserr("poll: %s", strerror(errno));
		}
		if (pfd[0].revents & (POLLIN | POLLHUP | POLLERR))
			read_stdin();
		else if (pfd[0].revents & POLLNVAL)
			port_shutdown(0);	/* the client closed our stdin */
		if (port.newborn) {
			/* This poll's results are the parent's. */
			port.newborn = 0;
			continue;
		}
		if (pfd[1].revents & POLLIN)
			signal_read();
		else if (pfd[1].revents & (POLLHUP | POLLERR | POLLNVAL))
			port_oserr("signal pipe: %s", pfd[1].revents &
			    POLLNVAL ? strerror(EBADF) : "hang-up");
		signal_check_lost();
		child_events(pfd + 2, n);
		port_flush();
	}
}
