/*
 * Starting and stopping a port the way the Erlang driver does
 * (alcove-protocol(5), START-UP): spawn it with -c FIFO and only the
 * descriptors it needs, take the boot message, open the FIFO, unlink it
 * with the first call.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <sys/resource.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proto/calls.h"
#include "proto/frame.h"
#include "lib/lib.h"
#include "compat.h"

#ifndef ALCOVE_PORT_PATH
#define ALCOVE_PORT_PATH	"/usr/local/libexec/alcove"
#endif

/* How long start waits for the boot message, and stop for the exit. */
#define START_TIMEOUT	30000
#define STOP_TIMEOUT	10000

extern char **environ;

void
alcove_options_init(struct alcove_options *o)
{
	memset(o, 0, sizeof(*o));
	o->timeout = ALCOVE_INFINITY;
	o->stderr_fd = -1;
}

pid_t
alcove_port_pid(const struct alcove *h)
{
	return h->pid;
}

int
alcove_set_timeout(struct alcove *h, int ms)
{
	if (ms < 0 && ms != ALCOVE_INFINITY)
		return ALCOVE_EINVAL;
	(void)pthread_mutex_lock(&h->mu);
	h->timeout = ms;
	(void)pthread_mutex_unlock(&h->mu);
	return 0;
}

static void
handle_free(struct alcove *h)
{
	struct outmsg *om;
	struct waiter *w;

	while ((om = TAILQ_FIRST(&h->outq)) != NULL) {
		TAILQ_REMOVE(&h->outq, om, entry);
		free(om->buf);
		free(om);
	}
	while ((w = TAILQ_FIRST(&h->waiters)) != NULL) {
		waiter_unlink(h, w);
		alcove_term_free(w->reply);
		free(w);
	}
	owners_free(h);
	if (h->wake[0] != -1)
		(void)close(h->wake[0]);
	if (h->wake[1] != -1)
		(void)close(h->wake[1]);
	(void)pthread_cond_destroy(&h->cv);
	(void)pthread_mutex_destroy(&h->mu);
	if (h->in != -1)
		(void)close(h->in);
	if (h->out != -1)
		(void)close(h->out);
	if (h->fifo != -1)
		(void)close(h->fifo);
	free(h->ibuf);
	free(h);
}

static int
kept(const struct alcove_options *o, int fd)
{
	size_t i;

	for (i = 0; i < o->nkeep_fds; i++)
		if (o->keep_fds[i] == fd)
			return 1;
	return 0;
}

/*
 * Close every descriptor but 0, 1, 2, the kept ones and the exec report
 * pipe (close-on-exec): below the highest kept one by one, above it all
 * at once.  The kept ones lose close-on-exec.
 */
static void
close_unkept(const struct alcove_options *o, int report)
{
	int fd, top = 2, flags;
	size_t i;

	for (i = 0; i < o->nkeep_fds; i++)
		if (o->keep_fds[i] > top)
			top = o->keep_fds[i];
	if (report > top)
		top = report;
	for (fd = 3; fd < top; fd++)
		if (fd != report && !kept(o, fd))
			(void)close(fd);
	if (top != report && !kept(o, top))
		(void)close(top);
	closefrom(top + 1);
	for (i = 0; i < o->nkeep_fds; i++)
		if ((flags = fcntl(o->keep_fds[i], F_GETFD)) != -1)
			(void)fcntl(o->keep_fds[i], F_SETFD,
			    flags & ~FD_CLOEXEC);
}

/*
 * In the new process: the pipes become 0 and 1 (and the caller's stderr
 * 2), everything else not asked for is closed, and the port (or the exec
 * prefix) runs.  The errno of a failure goes back through the report
 * pipe.
 */
static void __attribute__((__noreturn__))
spawn_child(const struct alcove_options *o, char **argv, int in, int out,
    int report)
{
	sigset_t none;
	ssize_t n;
	int e;

	(void)sigemptyset(&none);
	(void)pthread_sigmask(SIG_SETMASK, &none, NULL);
	(void)signal(SIGPIPE, SIG_DFL);
	/* Move the pipes out of the way of 0, 1 and 2 first. */
	if (in <= STDERR_FILENO || kept(o, in)) {
		if ((e = fcntl(in, F_DUPFD, 3)) == -1)
			goto fail;
		in = e;
	}
	if (out <= STDERR_FILENO || kept(o, out)) {
		if ((e = fcntl(out, F_DUPFD, 3)) == -1)
			goto fail;
		out = e;
	}
	if (dup2(in, STDIN_FILENO) == -1 || dup2(out, STDOUT_FILENO) == -1 ||
	    (o->stderr_fd >= 0 && dup2(o->stderr_fd, STDERR_FILENO) == -1))
		goto fail;
	close_unkept(o, report);
	if (o->environ != NULL)
		environ = (char **)o->environ;
	(void)execvp(argv[0], argv);
fail:
	e = errno;
	n = write(report, &e, sizeof(e));
	(void)n;
	_exit(127);
}

/* The port program: the option, else $ALCOVE_PORT, else the installed one. */
static const char *
port_path(const struct alcove_options *o)
{
	const char *p;

	if (o->progname != NULL)
		return o->progname;
	if ((p = getenv("ALCOVE_PORT")) != NULL && *p != '\0')
		return p;
	return ALCOVE_PORT_PATH;
}

/* The command line: the exec words, the port, -c FIFO, -m N. */
static char **
port_argv(const struct alcove_options *o, const char *fifo, char *maxchild)
{
	const char *prog = port_path(o);
	size_t n = 0, k = 0;
	char **argv;

	while (o->exec != NULL && o->exec[n] != NULL)
		n++;
	if ((argv = calloc(n + 6, sizeof(*argv))) == NULL)
		return NULL;
	for (; k < n; k++)
		argv[k] = (char *)o->exec[k];
	argv[k++] = (char *)prog;
	argv[k++] = "-c";
	argv[k++] = (char *)fifo;
	if (o->maxchild > 0) {
		(void)snprintf(maxchild, 16, "%d", o->maxchild);
		argv[k++] = "-m";
		argv[k++] = maxchild;
	}
	return argv;
}

static int
spawn(struct alcove *h, const struct alcove_options *o, const char *fifo)
{
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, rep[2] = { -1, -1 };
	char maxchild[16], **argv;
	int e = 0, flags;
	ssize_t n;

	if ((argv = port_argv(o, fifo, maxchild)) == NULL)
		return ENOMEM;
	/* All close-on-exec: another thread's fork and exec must not
	 * inherit them; the new process dup2()s its ends onto 0 and 1. */
	if (pipe2(in, O_CLOEXEC) == -1 || pipe2(out, O_CLOEXEC) == -1 ||
	    pipe2(rep, O_CLOEXEC) == -1) {
		e = errno;
		goto done;
	}
	if ((h->pid = fork()) == -1) {
		e = errno;
		goto done;
	}
	if (h->pid == 0)
		spawn_child(o, argv, in[0], out[1], rep[1]);
	(void)close(rep[1]);
	rep[1] = -1;
	/* EOF: the exec succeeded.  Data: the errno it failed with. */
	while ((n = read(rep[0], &e, sizeof(e))) == -1 && errno == EINTR)
		;
	if (n == (ssize_t)sizeof(e)) {
		while (waitpid(h->pid, NULL, 0) == -1 && errno == EINTR)
			;
		h->pid = -1;
		/* The program (or the exec prefix) could not be run. */
		e = ALCOVE_ENOPORT;
		goto done;
	}
	e = 0;
	h->in = in[1];
	h->out = out[0];
	in[1] = out[0] = -1;
	if ((flags = fcntl(h->in, F_GETFL)) != -1)
		(void)fcntl(h->in, F_SETFL, flags | O_NONBLOCK);
	if ((flags = fcntl(h->out, F_GETFL)) != -1)
		(void)fcntl(h->out, F_SETFL, flags | O_NONBLOCK);
done:
	free(argv);
	for (n = 0; n < 2; n++) {
		if (in[n] != -1)
			(void)close(in[n]);
		if (out[n] != -1)
			(void)close(out[n]);
		if (rep[n] != -1)
			(void)close(rep[n]);
	}
	return e;
}

/*
 * The port's exit status as an error.  Boot failures exit with an errno;
 * the ones of mkfifo(2) and open(2) mean the FIFO could not be made in
 * the control directory.  126 and 127 are an exec prefix's (env, a shell)
 * "cannot run" and "not found": the port program.
 */
static int
reap_failed(struct alcove *h)
{
	int status, e;

	while (waitpid(h->pid, &status, 0) == -1)
		if (errno != EINTR)
			return ALCOVE_EPORT;
	h->pid = -1;
	if (!WIFEXITED(status) || (e = WEXITSTATUS(status)) == 0)
		return ALCOVE_EPORT;
	if (e == 126 || e == 127)
		return ALCOVE_ENOPORT;
	switch (e) {
	case ENOENT:
	case ENOTDIR:
	case EACCES:
	case EPERM:
	case EROFS:
	case EEXIST:
	case ENAMETOOLONG:
	case ENOSPC:
	case ELOOP:
		return ALCOVE_ECTLDIR;
	}
	return e < 126 ? e : ALCOVE_EPORT;
}

/* The first message must be exactly the boot message. */
static int
await_boot(struct alcove *h, int timeout)
{
	static const unsigned char boot[] = {
		0x00, 0x07, 0x00, 0x04, 0x83, 0x77, 0x02, 0x6f, 0x6b
	};
	unsigned char buf[sizeof(boot)];
	struct pollfd p = { h->out, POLLIN, 0 };
	size_t got = 0;
	ssize_t n;

	while (got < sizeof(buf)) {
		if (poll(&p, 1, timeout) == 0)
			return ALCOVE_ETIMEDOUT;
		n = read(h->out, buf + got, sizeof(buf) - got);
		if (n == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			return reap_failed(h);
		got += (size_t)n;
	}
	return memcmp(buf, boot, sizeof(boot)) == 0 ? 0 : ALCOVE_EPROTO;
}

int
alcove_start(struct alcove **hp, const struct alcove_options *opt)
{
	static pthread_mutex_t seq_mu = PTHREAD_MUTEX_INITIALIZER;
	static unsigned int seq;
	struct alcove_options defaults;
	pthread_condattr_t ca;
	struct stat st;
	unsigned int n;
	char dir[PATH_MAX], fifo[PATH_MAX];
	struct alcove_term *reply = NULL;
	struct alcove *h;
	int made_dir = 0, err;
	const char *tmp;

	*hp = NULL;
	if (opt == NULL) {
		alcove_options_init(&defaults);
		opt = &defaults;
	}
	if (opt->nkeep_fds > 0 && opt->keep_fds == NULL)
		return ALCOVE_EINVAL;
	if ((h = calloc(1, sizeof(*h))) == NULL)
		return ENOMEM;
	h->in = h->out = h->fifo = -1;
	h->wake[0] = h->wake[1] = -1;
	h->pid = -1;
	h->timeout = opt->timeout;
	TAILQ_INIT(&h->waiters);
	for (n = 0; n < PATHQ_BUCKETS; n++)
		LIST_INIT(&h->pathqs[n]);
	TAILQ_INIT(&h->outq);
	/* Deadlines are on the monotonic clock, the condition's too. */
	if ((err = pthread_condattr_init(&ca)) != 0) {
		free(h);
		return err;
	}
	(void)pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	err = pthread_cond_init(&h->cv, &ca);
	(void)pthread_condattr_destroy(&ca);
	if (err != 0) {
		free(h);
		return err;
	}
	if ((err = pthread_mutex_init(&h->mu, NULL)) != 0) {
		(void)pthread_cond_destroy(&h->cv);
		free(h);
		return err;
	}
	if ((err = owners_init(h)) != 0)
		goto fail;
	if (pipe2(h->wake, O_CLOEXEC | O_NONBLOCK) == -1) {
		err = errno;
		goto fail;
	}

	if (opt->ctldir != NULL) {
		if (strlen(opt->ctldir) >= sizeof(dir)) {
			err = ENAMETOOLONG;
			goto fail;
		}
		(void)strcpy(dir, opt->ctldir);
		if (stat(dir, &st) == -1 || !S_ISDIR(st.st_mode)) {
			err = ALCOVE_ECTLDIR;
			goto fail;
		}
	} else {
		if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
			tmp = "/tmp";
		if (snprintf(dir, sizeof(dir), "%s/alcove.XXXXXX", tmp) >=
		    (int)sizeof(dir)) {
			err = ENAMETOOLONG;
			goto fail;
		}
		if (mkdtemp(dir) == NULL) {
			err = ALCOVE_ECTLDIR;
			goto fail;
		}
		made_dir = 1;
	}
	(void)pthread_mutex_lock(&seq_mu);
	n = seq++;
	(void)pthread_mutex_unlock(&seq_mu);
	if (snprintf(fifo, sizeof(fifo), "%s/fdctl.%ld.%u", dir,
	    (long)getpid(), n) >= (int)sizeof(fifo)) {
		err = ENAMETOOLONG;
		goto fail;
	}

	if ((err = spawn(h, opt, fifo)) != 0)
		goto fail;
	if ((err = await_boot(h, opt->timeout >= 0 ? opt->timeout :
	    START_TIMEOUT)) != 0)
		goto fail;
	/* The port holds the FIFO open for writing: this cannot block. */
	if ((h->fifo = open(fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		err = errno;
		goto fail;
	}
	err = alcove_call(h, NULL, 0, CALL_unlink, opt->timeout >= 0 ?
	    opt->timeout : START_TIMEOUT, &reply, "s", fifo);
	if (err == 0 && !alcove_term_atom(reply, "ok"))
		err = reply != NULL ? alcove_reply_error(reply) : ALCOVE_EPROTO;
	alcove_term_free(reply);
	if (err != 0)
		goto fail;
	if (made_dir)
		(void)rmdir(dir);
	*hp = h;
	return 0;

fail:
	if (h->pid > 0) {
		(void)kill(h->pid, SIGKILL);
		while (waitpid(h->pid, NULL, 0) == -1 && errno == EINTR)
			;
	}
	if (made_dir) {
		(void)unlink(fifo);
		(void)rmdir(dir);
	}
	handle_free(h);
	return err;
}

static int
outq_empty(struct alcove *h, void *arg)
{
	(void)arg;
	return TAILQ_EMPTY(&h->outq);
}

/*
 * Write what is still queued, then close the port's stdin: it signals its
 * exec'd children and exits (alcove-protocol(5), SHUTDOWN).  Whatever it
 * still says is discarded.  A port that has not exited
 * STOP_TIMEOUT after this began, whether silent or still writing, is
 * killed.  *status gets its wait(2) status.
 */
int
alcove_stop(struct alcove *h, int *status)
{
	struct pollfd p;
	unsigned char buf[8192];
	int st = 0, err = 0;
	int64_t dl;
	ssize_t n;
	pid_t r;

	if (h == NULL)
		return ALCOVE_EINVAL;
	(void)pthread_mutex_lock(&h->mu);
	dl = deadline(h, STOP_TIMEOUT);
	/* What is queued goes first (within the same deadline). */
	if (!h->dead)
		(void)wait_for(h, outq_empty, NULL, dl);
	(void)pthread_mutex_unlock(&h->mu);
	(void)close(h->in);
	h->in = -1;
	p.fd = h->out;
	p.events = POLLIN;
	for (;;) {
		p.revents = 0;
		if ((n = poll(&p, 1, poll_timeout(dl))) == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		n = read(h->out, buf, sizeof(buf));
		if (n == 0 || (n == -1 && errno != EINTR && errno != EAGAIN))
			break;
	}
	while (h->pid > 0) {
		r = waitpid(h->pid, &st, WNOHANG);
		if (r == h->pid || (r == -1 && errno != EINTR))
			break;
		if (poll_timeout(dl) == 0) {
			(void)kill(h->pid, SIGKILL);
			while (waitpid(h->pid, &st, 0) == -1 && errno == EINTR)
				;
			err = ALCOVE_ETIMEDOUT;
			break;
		}
		(void)poll(NULL, 0, 10);
	}
	if (status != NULL)
		*status = st;
	handle_free(h);
	return err;
}
