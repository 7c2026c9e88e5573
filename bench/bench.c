/*
 * bench: the instrument of issue 8.  Every workload runs on the port and on
 * a baseline doing the same work with plain system calls, interleaved in
 * rounds; it prints medians and ratios and appends them as JSON lines.  It
 * measures, it asserts nothing.  bench/README.md says what each baseline is.
 *
 *	bench [-o results.jsonl] [-u upstream-port] [port]
 *
 * Sizes come from the environment: BENCH_ROUNDS (5), BENCH_CALLS (4000),
 * BENCH_SPAWNS (100), BENCH_RELAY_MIB (128), BENCH_STDIN_MIB (256),
 * BENCH_CHILDREN (1000), BENCH_STARTS (20).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "alcove.h"
#include "compat.h"

#ifndef BENCH_PORT
#define BENCH_PORT	"alcove"
#endif

#define MAX_ROUNDS	64
#define MAX_DEPTH	8
#define PIPELINE	64
/* A request or reply of the baseline's relay chains: a small frame. */
#define MSG_LEN		16
/* stdin in flight, unacknowledged: below the port's 256 KiB queue. */
#define STDIN_CHUNK	(32 * 1024)
#define STDIN_WINDOW	(192 * 1024)

struct row {
	const char	*name;
	const char	*unit;
	const char	*baseline;	/* what the baseline is */
	double		 ours[MAX_ROUNDS];
	double		 base[MAX_ROUNDS];
	double		 up[MAX_ROUNDS];	/* upstream's port, with -u */
	double		 up_base[MAX_ROUNDS];	/* its baseline */
};

/* A baseline chain: nproc processes relaying requests to the last. */
struct chain {
	pid_t	pid;
	int	wfd;
	int	rfd;
};

static const char *progname = "bench";
static const char *port_path = BENCH_PORT;
static const char *up_path;
static long rounds, ncalls, nspawns, relay_mib, stdin_mib, nchildren,
    nstarts;
static pid_t chain_path[MAX_DEPTH], up_chain[MAX_DEPTH];
static struct chain chains[MAX_DEPTH + 1];

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
		fprintf(stderr, "%s: %s: %s\n", progname, what,
		    alcove_strerror(err));
		exit(111);
	}
}

static void
check_sys(const char *what, int rc)
{
	if (rc == -1) {
		fprintf(stderr, "%s: %s: %s\n", progname, what,
		    strerror(errno));
		exit(111);
	}
}

static long
env_number(const char *name, long def, long min, long max)
{
	const char *s = getenv(name), *errstr;
	long n;

	if (s == NULL || *s == '\0')
		return def;
	n = (long)strtonum(s, min, max, &errstr);
	if (errstr != NULL) {
		fprintf(stderr, "%s: %s: %s is %s (%ld to %ld)\n", progname,
		    name, s, errstr, min, max);
		exit(100);
	}
	return n;
}

static void
write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			_exit(111);
		}
		p += n;
		len -= (size_t)n;
	}
}

static void
read_all(int fd, void *buf, size_t len)
{
	char *p = buf;
	ssize_t n;

	while (len > 0) {
		if ((n = read(fd, p, len)) <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			fprintf(stderr, "%s: baseline chain: short read\n",
			    progname);
			exit(111);
		}
		p += n;
		len -= (size_t)n;
	}
}

/* ---- the baseline's chains of processes ---- */

static void chain_start(struct chain *, int);

/* The last process of a chain: a getpid for each request, as the port. */
static void
chain_answer(int in, int out)
{
	char buf[PIPELINE * MSG_LEN], reply[PIPELINE * MSG_LEN];
	size_t have = 0, n, i;
	ssize_t r;
	pid_t pid;

	for (;;) {
		if ((r = read(in, buf + have, sizeof(buf) - have)) <= 0) {
			if (r == -1 && errno == EINTR)
				continue;
			_exit(0);
		}
		have += (size_t)r;
		n = have / MSG_LEN;
		for (i = 0; i < n; i++) {
			pid = getpid();
			memset(reply + i * MSG_LEN, 0, MSG_LEN);
			memcpy(reply + i * MSG_LEN, &pid, sizeof(pid));
		}
		write_all(out, reply, n * MSG_LEN);
		memmove(buf, buf + n * MSG_LEN, have - n * MSG_LEN);
		have -= n * MSG_LEN;
	}
}

/* A relaying process: bytes down to the next one, its bytes back up. */
static void
chain_relay(int in, int out, int left)
{
	struct chain next;
	struct pollfd pf[2];
	char buf[4096];
	ssize_t r;
	int i;

	chain_start(&next, left);
	pf[0].fd = in;
	pf[1].fd = next.rfd;
	pf[0].events = pf[1].events = POLLIN;
	for (;;) {
		if (poll(pf, 2, -1) == -1) {
			if (errno == EINTR)
				continue;
			_exit(111);
		}
		for (i = 0; i < 2; i++) {
			if (pf[i].revents == 0)
				continue;
			if ((r = read(pf[i].fd, buf, sizeof(buf))) <= 0) {
				(void)close(next.wfd);
				(void)waitpid(next.pid, NULL, 0);
				_exit(0);
			}
			write_all(i == 0 ? next.wfd : out, buf, (size_t)r);
		}
	}
}

/* Start a chain of nproc processes; requests go in c->wfd. */
static void
chain_start(struct chain *c, int nproc)
{
	int req[2], resp[2];

	check_sys("pipe2", pipe2(req, O_CLOEXEC));
	check_sys("pipe2", pipe2(resp, O_CLOEXEC));
	check_sys("fork", c->pid = fork());
	if (c->pid == 0) {
		/* Only its own ends: other chains must see EOF when stopped. */
		if (dup2(req[0], 0) == -1 || dup2(resp[1], 1) == -1)
			_exit(111);
		closefrom(3);
		if (nproc > 1)
			chain_relay(0, 1, nproc - 1);
		chain_answer(0, 1);
	}
	(void)close(req[0]);
	(void)close(resp[1]);
	c->wfd = req[1];
	c->rfd = resp[0];
}

static void
chain_stop(struct chain *c)
{
	(void)close(c->wfd);
	(void)close(c->rfd);
	(void)waitpid(c->pid, NULL, 0);
}

/* ---- workloads: each returns its measure ---- */

/* Microseconds a getpid round trip, one at a time. */
static double
getpid_ours(struct alcove *h, const pid_t *path, size_t depth)
{
	double t0 = now();
	pid_t pid;
	long i;

	for (i = 0; i < ncalls; i++)
		check("getpid", alcove_getpid(h, path, depth, &pid));
	return (now() - t0) / (double)ncalls * 1e6;
}

static double
getpid_base(size_t depth)
{
	struct chain *c = &chains[depth];
	char buf[MSG_LEN];
	double t0 = now();
	long i;

	memset(buf, 0, sizeof(buf));
	for (i = 0; i < ncalls; i++) {
		write_all(c->wfd, buf, sizeof(buf));
		read_all(c->rfd, buf, sizeof(buf));
	}
	return (now() - t0) / (double)ncalls * 1e6;
}

static void
pipelined_done(int err, struct alcove_term *t, void *arg)
{
	check("getpid (async)", err);
	alcove_term_free(t);
	(*(int *)arg)++;
}

/* Microseconds a call, PIPELINE of them in flight at once. */
static double
pipelined_ours(struct alcove *h, const pid_t *path, size_t depth)
{
	struct pollfd pf[2];
	long batches = ncalls / PIPELINE > 0 ? ncalls / PIPELINE : 1, b;
	double t0 = now();
	int call = alcove_call_number("getpid"), done, i;

	for (b = 0; b < batches; b++) {
		done = 0;
		for (i = 0; i < PIPELINE; i++)
			check("call_async", alcove_call_async(h, path, depth,
			    call, pipelined_done, &done, ""));
		while (done < PIPELINE) {
			pf[0].fd = alcove_fd(h);
			pf[0].events = POLLIN;
			pf[1].fd = alcove_fd_out(h);
			pf[1].events = POLLOUT;
			if (poll(pf, 2, 1000) == -1 && errno != EINTR)
				check_sys("poll", -1);
			check("dispatch", alcove_dispatch(h));
		}
	}
	return (now() - t0) / (double)(batches * PIPELINE) * 1e6;
}

static double
pipelined_base(size_t depth)
{
	struct chain *c = &chains[depth];
	static char buf[PIPELINE * MSG_LEN];
	long batches = ncalls / PIPELINE > 0 ? ncalls / PIPELINE : 1, b;
	double t0 = now();

	for (b = 0; b < batches; b++) {
		write_all(c->wfd, buf, sizeof(buf));
		read_all(c->rfd, buf, sizeof(buf));
	}
	return (now() - t0) / (double)(batches * PIPELINE) * 1e6;
}

/* Read the messages of a child until its exit; count its stdout. */
static size_t
until_exit(struct alcove *h, const pid_t *path, size_t depth)
{
	struct alcove_msg *m;
	size_t got = 0;
	int status, done = 0;

	while (!done) {
		check("recv", alcove_recv(h, path, depth, ALCOVE_MSG_ANY,
		    ALCOVE_DEFAULT, &m));
		if (m->type == ALCOVE_MSG_STDOUT)
			got += m->len;
		else if (m->type == ALCOVE_MSG_PIPE) {
			fprintf(stderr, "%s: PIPE: stdin dropped\n", progname);
			exit(111);
		} else if (alcove_msg_exit(m, &status) == 0)
			done = 1;
		alcove_msg_free(m);
	}
	return got;
}

/* Microseconds a spawn: fork, execvp /bin/true, its exit event. */
static double
spawn_ours(struct alcove *h)
{
	char *const argv[] = { "/bin/true", NULL };
	double t0 = now();
	pid_t pid;
	long i;

	for (i = 0; i < nspawns; i++) {
		check("fork", alcove_fork(h, NULL, 0, &pid));
		check("execvp", alcove_execvp(h, &pid, 1, argv[0], argv));
		(void)until_exit(h, &pid, 1);
	}
	return (now() - t0) / (double)nspawns * 1e6;
}

static double
spawn_base(void)
{
	char *const argv[] = { "/bin/true", NULL };
	double t0 = now();
	pid_t pid;
	long i;

	for (i = 0; i < nspawns; i++) {
		check_sys("fork", pid = fork());
		if (pid == 0) {
			execvp(argv[0], argv);
			_exit(127);
		}
		check_sys("waitpid", waitpid(pid, NULL, 0));
	}
	return (now() - t0) / (double)nspawns * 1e6;
}

/* Seconds to relay head's output through 4 processes (3 children, port). */
static double
relay_ours(struct alcove *h, const pid_t *chain)
{
	char count[32];
	char *const argv[] = { "head", "-c", count, "/dev/zero", NULL };
	size_t bytes = (size_t)relay_mib << 20, got;
	pid_t path[4];
	double t0;

	(void)snprintf(count, sizeof(count), "%zu", bytes);
	memcpy(path, chain, 3 * sizeof(*path));
	check("fork", alcove_fork(h, path, 3, &path[3]));
	t0 = now();
	check("execvp", alcove_execvp(h, path, 4, argv[0], argv));
	if ((got = until_exit(h, path, 4)) != bytes)
		fprintf(stderr, "%s: relay: %zu of %zu bytes\n", progname, got,
		    bytes);
	return now() - t0;
}

static void
drain(int fd, size_t bytes)
{
	static char buf[65536];
	size_t got = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		check_sys("read", (int)n);
		got += (size_t)n;
	}
	if (got != bytes)
		fprintf(stderr, "%s: relay: %zu of %zu bytes\n", progname, got,
		    bytes);
}

/* head | cat | cat | cat | cat, read here. */
static double
relay_base(void)
{
	char count[32];
	char *const head[] = { "head", "-c", count, "/dev/zero", NULL };
	char *const cat[] = { "cat", NULL };
	size_t bytes = (size_t)relay_mib << 20;
	pid_t pids[5];
	double t0 = now(), t;
	int fd = -1, p[2], i;

	(void)snprintf(count, sizeof(count), "%zu", bytes);
	for (i = 0; i < 5; i++) {
		check_sys("pipe2", pipe2(p, O_CLOEXEC));
		check_sys("fork", pids[i] = fork());
		if (pids[i] == 0) {
			if ((fd != -1 && dup2(fd, 0) == -1) || dup2(p[1], 1) == -1)
				_exit(111);
			execvp(i == 0 ? head[0] : cat[0], i == 0 ? head : cat);
			_exit(127);
		}
		(void)close(p[1]);
		if (fd != -1)
			(void)close(fd);
		fd = p[0];
	}
	drain(fd, bytes);
	(void)close(fd);
	t = now() - t0;
	for (i = 0; i < 5; i++)
		(void)waitpid(pids[i], NULL, 0);
	return t;
}

/* {stdin_ack, N}: N more bytes reached the child's pipe. */
static int
stdin_acked(const struct alcove_msg *m, size_t *unacked)
{
	int64_t n;

	if (m->type != ALCOVE_MSG_EVENT || m->term == NULL ||
	    m->term->type != ALCOVE_TERM_TUPLE || m->term->n != 2 ||
	    !alcove_term_atom(&m->term->e[0], "stdin_ack") ||
	    alcove_term_int(&m->term->e[1], &n) == -1 || n < 0)
		return 0;
	*unacked = (size_t)n > *unacked ? 0 : *unacked - (size_t)n;
	return 1;
}

static char *const cat_null[] = { "/bin/sh", "-c", "exec cat >/dev/null",
    NULL };

/*
 * Seconds to stream stdin_mib MiB into cat at depth 1 and see it exit,
 * each byte sent once: the stdin_ack window keeps the port's queue from
 * overflowing, so PIPE never comes (it would end the bench).
 */
static double
stdin_ours(struct alcove *h)
{
	static char buf[STDIN_CHUNK];
	struct alcove_pid *pids;
	struct alcove_msg *m;
	size_t total = (size_t)stdin_mib << 20, sent = 0, unacked = 0, n, i;
	pid_t pid;
	double t0;
	int fdin = -1, status;

	check("fork", alcove_fork(h, NULL, 0, &pid));
	check("cpid", alcove_cpid(h, NULL, 0, &pids, &n));
	for (i = 0; i < n; i++)
		if (pids[i].pid == pid)
			fdin = pids[i].fdin;
	free(pids);
	t0 = now();
	check("execvp", alcove_execvp(h, &pid, 1, cat_null[0], cat_null));
	while (sent < total) {
		if (unacked + STDIN_CHUNK <= STDIN_WINDOW) {
			n = total - sent < sizeof(buf) ? total - sent :
			    sizeof(buf);
			check("stdin", alcove_stdin(h, &pid, 1, buf, n));
			sent += n;
			unacked += n;
			continue;
		}
		check("recv", alcove_recv(h, &pid, 1, ALCOVE_MSG_ANY,
		    ALCOVE_DEFAULT, &m));
		if (m->type == ALCOVE_MSG_PIPE) {
			fprintf(stderr, "%s: PIPE: stdin dropped\n", progname);
			exit(111);
		}
		if (!stdin_acked(m, &unacked) &&
		    alcove_msg_exit(m, &status) == 0) {
			fprintf(stderr, "%s: cat exited early\n", progname);
			exit(111);
		}
		alcove_msg_free(m);
	}
	check("close", alcove_close(h, NULL, 0, fdin));
	(void)until_exit(h, &pid, 1);
	return now() - t0;
}

static double
stdin_base(void)
{
	static char buf[65536];
	size_t total = (size_t)stdin_mib << 20, sent = 0, n;
	double t0 = now();
	pid_t pid;
	int p[2];

	check_sys("pipe2", pipe2(p, O_CLOEXEC));
	check_sys("fork", pid = fork());
	if (pid == 0) {
		if (dup2(p[0], 0) == -1)
			_exit(111);
		execvp(cat_null[0], cat_null);
		_exit(127);
	}
	(void)close(p[0]);
	while (sent < total) {
		n = total - sent < sizeof(buf) ? total - sent : sizeof(buf);
		write_all(p[1], buf, n);
		sent += n;
	}
	(void)close(p[1]);
	check_sys("waitpid", waitpid(pid, NULL, 0));
	return now() - t0;
}

/* A process's Pss in kB from smaps_rollup, or -1 where there is none. */
static double
pss_kb(pid_t pid)
{
	char path[64], line[256];
	FILE *f;
	double kb = -1;

	(void)snprintf(path, sizeof(path), "/proc/%ld/smaps_rollup",
	    (long)pid);
	if ((f = fopen(path, "re")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "Pss:", 4) == 0) {
			kb = strtod(line + 4, NULL);
			break;
		}
	(void)fclose(f);
	return kb;
}

static double
pss_mean(const pid_t *pids, long n)
{
	double sum = 0, kb;
	long i;

	for (i = 0; i < n; i++) {
		if ((kb = pss_kb(pids[i])) < 0)
			return -1;
		sum += kb;
	}
	return sum / (double)n;
}

/*
 * nchildren children at depth 0 of a port of their own: microseconds to
 * create each, their mean Pss, getpid latency idle and with them alive.
 */
static void
children_ours(const char *port, double *create, double *pss, double *idle,
    double *alive)
{
	struct alcove_options opt;
	struct alcove *h;
	pid_t *pids, pid;
	double t0;
	long i;

	if ((pids = calloc((size_t)nchildren, sizeof(*pids))) == NULL)
		check_sys("calloc", -1);
	alcove_options_init(&opt);
	opt.progname = port;
	opt.maxchild = (int)nchildren + 16;
	opt.timeout = 60000;
	check("start", alcove_start(&h, &opt));
	check("getpid", alcove_getpid(h, NULL, 0, &pid));
	*idle = getpid_ours(h, NULL, 0);
	t0 = now();
	for (i = 0; i < nchildren; i++)
		check("fork", alcove_fork(h, NULL, 0, &pids[i]));
	*create = (now() - t0) / (double)nchildren * 1e6;
	*pss = pss_mean(pids, nchildren);
	*alive = getpid_ours(h, NULL, 0);
	check("stop", alcove_stop(h, NULL));
	free(pids);
}

/* The baseline's children wait on a pipe until it closes. */
static void
children_base(double *create, double *pss)
{
	pid_t *pids;
	double t0;
	long i;
	int p[2];
	char c;

	if ((pids = calloc((size_t)nchildren, sizeof(*pids))) == NULL)
		check_sys("calloc", -1);
	check_sys("pipe2", pipe2(p, O_CLOEXEC));
	t0 = now();
	for (i = 0; i < nchildren; i++) {
		check_sys("fork", pids[i] = fork());
		if (pids[i] == 0) {
			(void)close(p[1]);
			while (read(p[0], &c, 1) == -1 && errno == EINTR)
				;
			_exit(0);
		}
	}
	*create = (now() - t0) / (double)nchildren * 1e6;
	*pss = pss_mean(pids, nchildren);
	(void)close(p[0]);
	(void)close(p[1]);
	for (i = 0; i < nchildren; i++)
		(void)waitpid(pids[i], NULL, 0);
	free(pids);
}

/* Microseconds from starting the port to its first reply. */
static double
startup_ours(const char *port)
{
	struct alcove_options opt;
	struct alcove *h;
	double t = 0, t0;
	pid_t pid;
	long i;

	alcove_options_init(&opt);
	opt.progname = port;
	opt.timeout = 60000;
	for (i = 0; i < nstarts; i++) {
		t0 = now();
		check("start", alcove_start(&h, &opt));
		check("getpid", alcove_getpid(h, NULL, 0, &pid));
		t += now() - t0;
		check("stop", alcove_stop(h, NULL));
	}
	return t / (double)nstarts * 1e6;
}

static double
startup_base(void)
{
	char *const argv[] = { "/bin/true", NULL };
	double t = 0, t0;
	pid_t pid;
	long i;

	for (i = 0; i < nstarts; i++) {
		t0 = now();
		check_sys("fork", pid = fork());
		if (pid == 0) {
			execvp(argv[0], argv);
			_exit(127);
		}
		check_sys("waitpid", waitpid(pid, NULL, 0));
		t += now() - t0;
	}
	return t / (double)nstarts * 1e6;
}

/* ---- the table ---- */

enum {
	R_GETPID0, R_GETPID1, R_GETPID4, R_GETPID8,
	R_PIPE1, R_PIPE8,
	R_SPAWN, R_RELAY, R_STDIN,
	R_CREATE, R_PSS, R_ALIVE,
	R_STARTUP,
	NROWS
};

static struct row rows[NROWS] = {
	[R_GETPID0] = { .name = "getpid round trip, depth 0", .unit = "us",
	    .baseline = "chain of 1 process" },
	[R_GETPID1] = { .name = "getpid round trip, depth 1", .unit = "us",
	    .baseline = "chain of 2 processes" },
	[R_GETPID4] = { .name = "getpid round trip, depth 4", .unit = "us",
	    .baseline = "chain of 5 processes" },
	[R_GETPID8] = { .name = "getpid round trip, depth 8", .unit = "us",
	    .baseline = "chain of 9 processes" },
	[R_PIPE1] = { .name = "64 calls pipelined, depth 1", .unit = "us/call",
	    .baseline = "chain of 2 processes" },
	[R_PIPE8] = { .name = "64 calls pipelined, depth 8", .unit = "us/call",
	    .baseline = "chain of 9 processes" },
	[R_SPAWN] = { .name = "spawn /bin/true", .unit = "us",
	    .baseline = "fork+execvp+waitpid" },
	[R_RELAY] = { .name = "stdout relay through 4 processes", .unit = "s",
	    .baseline = "head | cat x4" },
	[R_STDIN] = { .name = "stdin into cat", .unit = "s",
	    .baseline = "write into a pipe to cat" },
	[R_CREATE] = { .name = "children at depth 0: create", .unit = "us/child",
	    .baseline = "fork, child reads a pipe" },
	[R_PSS] = { .name = "children at depth 0: Pss", .unit = "kB/child",
	    .baseline = "fork, child reads a pipe" },
	[R_ALIVE] = { .name = "getpid depth 0, children alive", .unit = "us",
	    .baseline = "the same port idle" },
	[R_STARTUP] = { .name = "startup to first reply", .unit = "us",
	    .baseline = "fork+execvp /bin/true+waitpid" },
};

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(const double *v, long n)
{
	double s[MAX_ROUNDS];

	memcpy(s, v, (size_t)n * sizeof(*s));
	qsort(s, (size_t)n, sizeof(*s), cmp_double);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/* The median of the per-round ratios, or -1 if a round has no measure. */
static double
ratio(const double *v, const double *base)
{
	double q[MAX_ROUNDS];
	long i;

	for (i = 0; i < rounds; i++) {
		if (v[i] < 0 || base[i] <= 0)
			return -1;
		q[i] = v[i] / base[i];
	}
	return median(q, rounds);
}

static void
print_value(double v, const char *end)
{
	if (v < 0)
		printf("n/a%s", end);
	else
		printf("%.2f%s", v, end);
}

static void
json_value(FILE *f, const char *key, double v)
{
	if (v < 0)
		fprintf(f, ",\"%s\":null", key);
	else
		fprintf(f, ",\"%s\":%.3f", key, v);
}

/* A JSON string: quotes, backslashes and control characters escaped. */
static void
json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", (unsigned char)*s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static void
json_list(FILE *f, const double *v)
{
	long i;

	fputc('[', f);
	for (i = 0; i < rounds; i++)
		fprintf(f, "%s%.3f", i ? "," : "", v[i]);
	fputc(']', f);
}

static void
report(const char *out, const char *stamp)
{
	struct utsname u;
	char machine[4 * sizeof(u.sysname)];
	FILE *f;
	int i;

	if (uname(&u) == -1)
		memset(&u, 0, sizeof(u));
	printf("\n%s %s %s %s, %ld CPUs, %s, %ld rounds\n\n", u.sysname,
	    u.nodename, u.release, u.machine, sysconf(_SC_NPROCESSORS_ONLN),
	    stamp, rounds);
	if (up_path != NULL) {
		printf("| workload | unit | ours | upstream | baseline | ratio "
		    "| upstream ratio |\n");
		printf("|---|---|---|---|---|---|---|\n");
	} else {
		printf("| workload | unit | ours | baseline | ratio |\n");
		printf("|---|---|---|---|---|\n");
	}
	for (i = 0; i < NROWS; i++) {
		printf("| %s | %s | ", rows[i].name, rows[i].unit);
		print_value(median(rows[i].ours, rounds), " | ");
		if (up_path != NULL)
			print_value(median(rows[i].up, rounds), " | ");
		print_value(median(rows[i].base, rounds), " | ");
		print_value(ratio(rows[i].ours, rows[i].base),
		    up_path != NULL ? " | " : " |");
		if (up_path != NULL)
			print_value(ratio(rows[i].up, rows[i].up_base), " |");
		printf("\n");
	}
	if ((f = fopen(out, "ae")) == NULL) {
		fprintf(stderr, "%s: %s: %s\n", progname, out, strerror(errno));
		exit(111);
	}
	(void)snprintf(machine, sizeof(machine), "%s %s %s %s", u.sysname,
	    u.nodename, u.release, u.machine);
	for (i = 0; i < NROWS; i++) {
		fprintf(f, "{\"date\":\"%s\",\"uname\":", stamp);
		json_str(f, machine);
		fprintf(f, ",\"nproc\":%ld,\"rounds\":%ld,\"workload\":",
		    sysconf(_SC_NPROCESSORS_ONLN), rounds);
		json_str(f, rows[i].name);
		fprintf(f, ",\"unit\":");
		json_str(f, rows[i].unit);
		fprintf(f, ",\"baseline_is\":");
		json_str(f, rows[i].baseline);
		fprintf(f, ",\"ours\":");
		json_list(f, rows[i].ours);
		fprintf(f, ",\"baseline\":");
		json_list(f, rows[i].base);
		json_value(f, "ours_median", median(rows[i].ours, rounds));
		json_value(f, "baseline_median", median(rows[i].base, rounds));
		json_value(f, "ratio", ratio(rows[i].ours, rows[i].base));
		if (up_path != NULL) {
			fprintf(f, ",\"upstream_port\":");
			json_str(f, up_path);
			fprintf(f, ",\"upstream\":");
			json_list(f, rows[i].up);
			json_value(f, "upstream_median", median(rows[i].up,
			    rounds));
			json_value(f, "upstream_ratio", ratio(rows[i].up,
			    rows[i].up_base));
		}
		fprintf(f, "}\n");
	}
	if (fclose(f) != 0) {
		fprintf(stderr, "%s: %s: %s\n", progname, out, strerror(errno));
		exit(111);
	}
	printf("\nappended to %s\n", out);
}

/*
 * One round: each workload on the port and on its baseline back to back,
 * so that a change in the machine's load falls on both; the port first on
 * even rounds, the baseline first on odd ones.  Upstream's port (-u), when
 * given, runs third.  Rows upstream cannot run (stdin without stdin_ack)
 * are -1 there.
 */
static void
round_run(struct alcove *h, struct alcove *hup, long r)
{
	static const size_t depth[] = { 0, 1, 4, 8 };
	double create, pss, idle, alive;
	int flip = (int)(r % 2), side;
	size_t i;

	for (i = 0; i < 4; i++) {
		for (side = 0; side < 2; side++)
			if ((side ^ flip) == 0)
				rows[R_GETPID0 + i].ours[r] =
				    getpid_ours(h, chain_path, depth[i]);
			else
				rows[R_GETPID0 + i].base[r] =
				    getpid_base(depth[i]);
		if (hup != NULL)
			rows[R_GETPID0 + i].up[r] = getpid_ours(hup, up_chain,
			    depth[i]);
	}
	for (side = 0; side < 2; side++)
		if ((side ^ flip) == 0) {
			rows[R_PIPE1].ours[r] = pipelined_ours(h, chain_path, 1);
			rows[R_PIPE8].ours[r] = pipelined_ours(h, chain_path, 8);
		} else {
			rows[R_PIPE1].base[r] = pipelined_base(1);
			rows[R_PIPE8].base[r] = pipelined_base(8);
		}
	if (hup != NULL) {
		rows[R_PIPE1].up[r] = pipelined_ours(hup, up_chain, 1);
		rows[R_PIPE8].up[r] = pipelined_ours(hup, up_chain, 8);
	}
	for (side = 0; side < 2; side++)
		if ((side ^ flip) == 0)
			rows[R_SPAWN].ours[r] = spawn_ours(h);
		else
			rows[R_SPAWN].base[r] = spawn_base();
	if (hup != NULL)
		rows[R_SPAWN].up[r] = spawn_ours(hup);
	for (side = 0; side < 2; side++)
		if ((side ^ flip) == 0)
			rows[R_RELAY].ours[r] = relay_ours(h, chain_path);
		else
			rows[R_RELAY].base[r] = relay_base();
	if (hup != NULL)
		rows[R_RELAY].up[r] = relay_ours(hup, up_chain);
	for (side = 0; side < 2; side++)
		if ((side ^ flip) == 0)
			rows[R_STDIN].ours[r] = stdin_ours(h);
		else
			rows[R_STDIN].base[r] = stdin_base();
	rows[R_STDIN].up[r] = -1;
	for (side = 0; side < 2; side++)
		if ((side ^ flip) == 0) {
			children_ours(port_path, &create, &pss, &idle, &alive);
			rows[R_CREATE].ours[r] = create;
			rows[R_PSS].ours[r] = pss;
			rows[R_ALIVE].ours[r] = alive;
			rows[R_ALIVE].base[r] = idle;
		} else {
			children_base(&create, &pss);
			rows[R_CREATE].base[r] = create;
			rows[R_PSS].base[r] = pss;
		}
	if (hup != NULL) {
		/* Its alive latency against its own idle one. */
		children_ours(up_path, &create, &pss, &idle, &alive);
		rows[R_CREATE].up[r] = create;
		rows[R_PSS].up[r] = pss;
		rows[R_ALIVE].up[r] = alive;
		rows[R_ALIVE].up_base[r] = idle;
	}
	for (side = 0; side < 2; side++)
		if ((side ^ flip) == 0)
			rows[R_STARTUP].ours[r] = startup_ours(port_path);
		else
			rows[R_STARTUP].base[r] = startup_base();
	if (hup != NULL)
		rows[R_STARTUP].up[r] = startup_ours(up_path);
	for (i = 0; i < NROWS; i++)
		if (i != R_ALIVE)
			rows[i].up_base[r] = rows[i].base[r];
	fprintf(stderr, "%s: round %ld of %ld done\n", progname, r + 1,
	    rounds);
}

static void
usage(void)
{
	fprintf(stderr, "usage: %s [-o results.jsonl] [-u upstream-port] [port]\n",
	    progname);
	exit(100);
}

int
main(int argc, char *argv[])
{
	struct alcove_options opt;
	struct alcove *h, *hup = NULL;
	const char *out = "bench/results.jsonl";
	char stamp[32];
	time_t t = time(NULL);
	int ch, i;
	long r;

	while ((ch = getopt(argc, argv, "o:u:")) != -1) {
		if (ch == 'o')
			out = optarg;
		else if (ch == 'u')
			up_path = optarg;
		else
			usage();
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		usage();
	if (argc == 1)
		port_path = argv[0];
	rounds = env_number("BENCH_ROUNDS", 5, 1, MAX_ROUNDS);
	ncalls = env_number("BENCH_CALLS", 4000, 1, 100000000);
	nspawns = env_number("BENCH_SPAWNS", 100, 1, 1000000);
	relay_mib = env_number("BENCH_RELAY_MIB", 128, 1, 1 << 20);
	stdin_mib = env_number("BENCH_STDIN_MIB", 256, 1, 1 << 20);
	nchildren = env_number("BENCH_CHILDREN", 1000, 1, 60000);
	nstarts = env_number("BENCH_STARTS", 20, 1, 100000);
	(void)strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	(void)signal(SIGPIPE, SIG_IGN);

	/* The chains exist before the library starts its threads. */
	for (i = 0; i <= MAX_DEPTH; i++)
		if (i == 0 || i == 1 || i == 4 || i == 8)
			chain_start(&chains[i], i + 1);

	alcove_options_init(&opt);
	opt.progname = port_path;
	opt.timeout = 60000;
	check("start", alcove_start(&h, &opt));
	check("setopt stdin_ack", alcove_setopt(h, NULL, 0, "stdin_ack", 1));
	/* Queued as the window needs: the default is upstream's, no queue. */
	check("setopt stdin_queue", alcove_setopt(h, NULL, 0, "stdin_queue",
	    256 * 1024));
	for (i = 0; i < MAX_DEPTH; i++)
		check("fork", alcove_fork(h, chain_path, (size_t)i,
		    &chain_path[i]));

	if (up_path != NULL) {
		opt.progname = up_path;
		check("start upstream", alcove_start(&hup, &opt));
		for (i = 0; i < MAX_DEPTH; i++)
			check("fork upstream", alcove_fork(hup, up_chain,
			    (size_t)i, &up_chain[i]));
	}

	for (r = 0; r < rounds; r++)
		round_run(h, hup, r);

	check("stop", alcove_stop(h, NULL));
	if (hup != NULL)
		check("stop upstream", alcove_stop(hup, NULL));
	for (i = 0; i <= MAX_DEPTH; i++)
		if (i == 0 || i == 1 || i == 4 || i == 8)
			chain_stop(&chains[i]);
	report(out, stamp);
	return 0;
}
