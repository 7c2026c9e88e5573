/*
 * bench: measure the port through libalcove.  It reports, it asserts
 * nothing: call round trips per second at depths 0, 1 and 2, and the
 * bandwidth of a program's stdout relayed from depth 1 and 2, and of
 * stdin fed to cat at depth 1.
 *
 *	bench [port]
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alcove.h"

#ifndef BENCH_PORT
#define BENCH_PORT	"alcove"
#endif

static double
now(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
check(const char *what, int err)
{
	if (err != 0) {
		fprintf(stderr, "bench: %s: %s\n", what, alcove_strerror(err));
		exit(111);
	}
}

static void
round_trips(struct alcove *h, const pid_t *path, size_t depth)
{
	double t0, t;
	pid_t pid;
	int i, n = 20000;

	t0 = now();
	for (i = 0; i < n; i++)
		check("getpid", alcove_getpid(h, path, depth, &pid));
	t = now() - t0;
	printf("getpid round trips, depth %zu: %.0f calls/s (%.1f us each)\n",
	    depth, n / t, t / n * 1e6);
}

/* Run a command in a new child below base and count its stdout. */
static void
relay(struct alcove *h, const pid_t *base, size_t nbase, const char *cmd,
    size_t bytes)
{
	char *const argv[] = { "/bin/sh", "-c", (char *)cmd, NULL };
	struct alcove_msg *m;
	pid_t path[4];
	size_t got = 0, depth = nbase + 1;
	double t0, t;
	int status, done = 0;

	memcpy(path, base, nbase * sizeof(*base));
	check("fork", alcove_fork(h, base, nbase, &path[nbase]));
	t0 = now();
	check("execvp", alcove_execvp(h, path, depth, argv[0], argv));
	while (!done) {
		check("recv", alcove_recv(h, path, depth, ALCOVE_MSG_STDOUT |
		    ALCOVE_MSG_EVENT, ALCOVE_DEFAULT, &m));
		if (m->type == ALCOVE_MSG_STDOUT)
			got += m->len;
		else if (alcove_msg_exit(m, &status) == 0)
			done = 1;
		alcove_msg_free(m);
	}
	t = now() - t0;
	if (got != bytes)
		fprintf(stderr, "bench: relayed %zu of %zu bytes\n", got, bytes);
	printf("stdout relay, depth %zu: %.0f MiB/s (%zu MiB in %.2f s)\n",
	    depth, (double)got / t / 1048576.0, got >> 20, t);
}

static void
feed(struct alcove *h)
{
	pid_t path[1];
	char *const argv[] = { "/bin/cat", NULL };
	static char buf[60000];
	struct alcove_msg *m;
	size_t sent = 0, got = 0, total = (size_t)256 << 20;
	double t0, t;

	/* The port queues what cat's pipe cannot take at once. */
	check("setopt", alcove_setopt(h, NULL, 0, "stdin_queue", 256 * 1024));
	check("fork", alcove_fork(h, NULL, 0, &path[0]));
	check("execvp", alcove_execvp(h, path, 1, argv[0], argv));
	memset(buf, 'x', sizeof(buf));
	t0 = now();
	while (got < total) {
		/* Keep at most 4 chunks in flight: cat's pipe and our queue. */
		while (sent < total && sent - got < 4 * sizeof(buf)) {
			size_t n = total - sent < sizeof(buf) ? total - sent :
			    sizeof(buf);

			check("stdin", alcove_stdin(h, path, 1, buf, n));
			sent += n;
		}
		check("recv", alcove_recv(h, path, 1, ALCOVE_MSG_STDOUT |
		    ALCOVE_MSG_PIPE, ALCOVE_DEFAULT, &m));
		if (m->type == ALCOVE_MSG_PIPE) {
			fprintf(stderr, "bench: PIPE %ju\n", (uintmax_t)m->pipe);
			exit(1);
		}
		got += m->len;
		alcove_msg_free(m);
	}
	t = now() - t0;
	printf("stdin to cat and back, depth 1: %.0f MiB/s (%zu MiB each way "
	    "in %.2f s)\n", (double)got / t / 1048576.0, got >> 20, t);
	check("kill", alcove_kill(h, NULL, 0, path[0], 9));
}

int
main(int argc, char *argv[])
{
	struct alcove_options opt;
	struct alcove *h;
	pid_t path[3];

	alcove_options_init(&opt);
	opt.progname = argc > 1 ? argv[1] : BENCH_PORT;
	opt.timeout = 60000;
	check("start", alcove_start(&h, &opt));
	check("fork", alcove_fork(h, NULL, 0, &path[0]));
	check("fork", alcove_fork(h, path, 1, &path[1]));
	round_trips(h, NULL, 0);
	round_trips(h, path, 1);
	round_trips(h, path, 2);
	relay(h, NULL, 0, "head -c 1073741824 /dev/zero", (size_t)1 << 30);
	relay(h, path, 1, "head -c 1073741824 /dev/zero", (size_t)1 << 30);
	feed(h);
	check("stop", alcove_stop(h, NULL));
	return 0;
}
