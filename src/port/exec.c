/*
 * What an alcove process does around an exec: write out pending messages,
 * announce the exec to its parent, and hand any input it already read past
 * the exec request to the new program.
 *
 * The loop reads stdin in large chunks, so bytes a client sent after an
 * exec request (the program's first input) may already sit in our buffer
 * when the exec runs; the kernel cannot take them back.  In that case a
 * small feeder process, detached from us, writes those bytes and then
 * everything else that arrives on our stdin into a fresh pipe that becomes
 * the program's stdin.  The feeder waits on a close-on-exec pipe and starts
 * only once the exec has succeeded; if it fails, stdin is put back and the
 * feeder leaves without reading anything.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "compat.h"
#include "port/port.h"

static int saved_stdin = -1;	/* our stdin while the feeder's is on 0 */
static int feeder_go = -1;	/* closing it (exec) starts the feeder */

static int
write_all(int fd, const unsigned char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void __attribute__((__noreturn__))
feeder_run(const unsigned char *early, size_t n, int out, int go)
{
	unsigned char buf[65536];
	ssize_t r;
	char c;

	signal_default_all();
	(void)signal(SIGPIPE, SIG_IGN);
	/* Keep only stdin (0), the program's pipe (1) and the go pipe (2). */
	if (dup2(out, STDOUT_FILENO) == -1 || dup2(go, STDERR_FILENO) == -1)
		_exit(1);
	closefrom(3);
	do {
		r = read(STDERR_FILENO, &c, 1);
	} while (r == -1 && errno == EINTR);
	if (r != 0)
		_exit(0);	/* the exec failed */
	if (write_all(STDOUT_FILENO, early, n) == -1)
		_exit(0);
	for (;;) {
		r = read(STDIN_FILENO, buf, sizeof(buf));
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0 || write_all(STDOUT_FILENO, buf, (size_t)r) == -1)
			_exit(0);
	}
}

static int
feeder_start(const unsigned char *early, size_t n)
{
	int prog[2] = { -1, -1 }, go[2] = { -1, -1 }, status, e;
	sigset_t old;
	pid_t pid;

	if (pipe2(prog, O_CLOEXEC) == -1 || pipe2(go, O_CLOEXEC) == -1 ||
	    (saved_stdin = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 6)) == -1)
		goto fail;
	signal_mask_all(&old);
	if ((pid = fork()) == -1) {
		signal_mask_restore(&old);
		goto fail;
	}
	if (pid == 0) {
		/* Fork again so the feeder is nobody's child here. */
		if ((pid = fork()) != 0)
			_exit(pid == -1);
		feeder_run(early, n, prog[1], go[0]);
	}
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	signal_mask_restore(&old);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		errno = EAGAIN;
		goto fail;
	}
	if (dup2(prog[0], STDIN_FILENO) == -1)
		goto fail;
	(void)close(prog[0]);
	(void)close(prog[1]);
	(void)close(go[0]);
	feeder_go = go[1];
	return 0;

fail:
	e = errno;
	if (prog[0] != -1) {
		(void)close(prog[0]);
		(void)close(prog[1]);
	}
	if (go[0] != -1) {
		(void)close(go[0]);
		(void)close(go[1]);
	}
	if (saved_stdin != -1) {
		(void)close(saved_stdin);
		saved_stdin = -1;
	}
	errno = e;
	return -1;
}

/*
 * Called by an exec handler right before the exec.  Returns 0, or an errno
 * if the program's early input could not be handed over.
 */
int
exec_prepare(void)
{
	size_t early = port.in.len - port.frame_end;
	int e;

	port_flush();
	/*
	 * The program gets, as its parent-death signal, what its parent's
	 * shutdown would send it: the signaloneof it was forked with.
	 */
	if (child_watch_parent(port.oneof_given) == -1) {
		(void)child_watch_parent(SIG_PARENT_DEATH);
		return ESRCH;	/* the parent is gone: so are we, soon */
	}
	if (early > 0 && feeder_start(port.in.data + port.frame_end,
	    early) == -1) {
		e = errno;
		(void)child_watch_parent(SIG_PARENT_DEATH);
		return e;
	}
	ctl_exec_begin();
	return 0;
}

/* The exec failed: we are still the alcove process and keep our input. */
void
exec_failed(void)
{
	int e = errno;

	if (saved_stdin != -1) {
		(void)dup2(saved_stdin, STDIN_FILENO);
		(void)close(saved_stdin);
		saved_stdin = -1;
		(void)write_all(feeder_go, (const unsigned char *)"x", 1);
		(void)close(feeder_go);
		feeder_go = -1;
	}
	ctl_exec_failed();
	(void)child_watch_parent(SIG_PARENT_DEATH);
	errno = e;
}
