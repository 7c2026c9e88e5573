/*
 * Stress: fork storms from several threads through one handle, many
 * asynchronous calls in flight on many paths, and SIGTERM/SIGCHLD storms
 * while a child streams output, each with exact results.  Counts are small
 * by default (the whole program well under a minute); ALCOVE_STRESS_LONG=1
 * in the environment (make stress) multiplies them by ten.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proto/calls.h"
#include "testlib.h"

#define NTHREADS	4
#define NPATHS		8

/* The short or the long form's count. */
static int
count(int n)
{
	const char *s = getenv("ALCOVE_STRESS_LONG");

	return s != NULL && strcmp(s, "1") == 0 ? n * 10 : n;
}

/*
 * One thread's work and its outcome: atf is not thread-safe, so a thread
 * only records the first thing that went wrong, and the main thread checks.
 */
struct slot {
	struct alcove	*h;
	int		 id;
	int		 rounds;
	int		 done;		/* rounds completed exactly */
	int		 sig;		/* 0: exit with a status, else kill */
	char		 fail[160];
};

/* Wait for path's end and return its wait(2) status, or -1. */
static int
await_exit(struct alcove *h, pid_t pid, char *fail, size_t len)
{
	struct alcove_msg *m;
	int err, status;

	for (;;) {
		if ((err = alcove_recv(h, &pid, 1, ALCOVE_MSG_EVENT, T_TIMEOUT,
		    &m)) != 0) {
			(void)snprintf(fail, len, "recv %ld: %d", (long)pid,
			    err);
			return -1;
		}
		if (alcove_msg_exit(m, &status) == 0) {
			alcove_msg_free(m);
			return status;
		}
		alcove_msg_free(m);
	}
}

/*
 * Make the child a program that says "ready" then sleeps: an alcove
 * process reports signals as events, an exec'd program dies of them.
 */
static int
become_sleeper(struct alcove *h, pid_t pid)
{
	struct alcove_msg *m;
	int err, ready;

	if ((err = alcove_execvp(h, &pid, 1, "/bin/sh", (char *[]){ "sh",
	    "-c", "echo ready; exec sleep 100", NULL })) != 0)
		return err;
	if ((err = alcove_recv(h, &pid, 1, ALCOVE_MSG_STDOUT, T_TIMEOUT,
	    &m)) != 0)
		return err;
	ready = m->len == 6 && memcmp(m->data, "ready\n", 6) == 0;
	alcove_msg_free(m);
	return ready ? 0 : EPROTO;
}

/*
 * Fork a child of the port, ask it its pid, then end it: by exit with the
 * round's status, or (exec'd first) by SIGTERM from the port: a SIGCHLD at
 * the port each time.
 */
static void *
storm_thread(void *arg)
{
	struct slot *s = arg;
	pid_t pid, got;
	int err, i, status, want;

	for (i = 0; i < s->rounds; i++) {
		if ((err = alcove_fork(s->h, NULL, 0, &pid)) != 0) {
			(void)snprintf(s->fail, sizeof(s->fail), "fork: %d",
			    err);
			return NULL;
		}
		if ((err = alcove_getpid(s->h, &pid, 1, &got)) != 0 ||
		    got != pid) {
			(void)snprintf(s->fail, sizeof(s->fail),
			    "getpid %ld: %d, %ld", (long)pid, err, (long)got);
			return NULL;
		}
		want = (s->id * 37 + i) % 256;
		if (s->sig != 0 && (err = become_sleeper(s->h, pid)) != 0) {
			(void)snprintf(s->fail, sizeof(s->fail),
			    "exec %ld: %d", (long)pid, err);
			return NULL;
		}
		if (s->sig != 0)
			err = alcove_kill(s->h, NULL, 0, pid, s->sig);
		else
			err = alcove_exit(s->h, &pid, 1, want);
		if (err != 0) {
			(void)snprintf(s->fail, sizeof(s->fail), "end %ld: %d",
			    (long)pid, err);
			return NULL;
		}
		if ((status = await_exit(s->h, pid, s->fail,
		    sizeof(s->fail))) == -1)
			return NULL;
		if (s->sig != 0 ? !WIFSIGNALED(status) ||
		    WTERMSIG(status) != s->sig : !WIFEXITED(status) ||
		    WEXITSTATUS(status) != want) {
			(void)snprintf(s->fail, sizeof(s->fail),
			    "%ld ended with status %#x", (long)pid, status);
			return NULL;
		}
		s->done++;
	}
	return NULL;
}

static void
start_threads(pthread_t *tid, struct slot *slots, struct alcove *h,
    int rounds, int sig)
{
	int i;

	memset(slots, 0, sizeof(*slots) * NTHREADS);
	for (i = 0; i < NTHREADS; i++) {
		slots[i].h = h;
		slots[i].id = i;
		slots[i].rounds = rounds;
		slots[i].sig = sig;
		ATF_REQUIRE(pthread_create(&tid[i], NULL, storm_thread,
		    &slots[i]) == 0);
	}
}

static void
join_threads(pthread_t *tid, struct slot *slots)
{
	int i, total = 0;

	for (i = 0; i < NTHREADS; i++) {
		ATF_REQUIRE(pthread_join(tid[i], NULL) == 0);
		ATF_CHECK_MSG(slots[i].fail[0] == '\0', "thread %d: %s", i,
		    slots[i].fail);
		ATF_CHECK_EQ(slots[i].done, slots[i].rounds);
		total += slots[i].done;
	}
	printf("%d threads, %d children forked and ended\n", NTHREADS, total);
}

/* The port has no child left, not even a zombie: waitpid says ECHILD. */
static void
require_no_children(struct alcove *h)
{
	pid_t got = 0;
	int status = 0;

	T_ERR(ECHILD, alcove_waitpid(h, NULL, 0, -1, WNOHANG, &got, &status));
}

T_TC(fork_storm, "threads fork, query and end children of the port "
    "through one handle; every child gives its exact exit status and "
    "none is left");
ATF_TC_BODY(fork_storm, tc)
{
	struct alcove *h = t_start(tc);
	struct slot slots[NTHREADS];
	pthread_t tid[NTHREADS];

	start_threads(tid, slots, h, count(500), 0);
	join_threads(tid, slots);
	require_no_children(h);
	t_stop(h);
}

/* ---- many asynchronous calls on many paths ---- */

struct reply {
	int	called;
	int	err;
	char	text[64];
};

static void
on_reply(int err, struct alcove_term *t, void *arg)
{
	struct reply *r = arg;

	r->called++;
	r->err = err;
	(void)snprintf(r->text, sizeof(r->text), "%s",
	    t != NULL ? t_term_text(t) : "(none)");
	alcove_term_free(t);
}

T_TC(async_flood, "hundreds of getpid calls in flight at once on the "
    "port and on several children; each reply is that process's pid");
ATF_TC_BODY(async_flood, tc)
{
	struct alcove *h = t_start(tc);
	pid_t kids[NPATHS], root;
	struct reply *r;
	struct pollfd p[2];
	int i, n, left, spins;
	char want[32];

	n = count(2000);
	ATF_REQUIRE((r = calloc((size_t)n, sizeof(*r))) != NULL);
	T_OK(alcove_getpid(h, NULL, 0, &root));
	for (i = 0; i < NPATHS; i++)
		T_OK(alcove_fork(h, NULL, 0, &kids[i]));
	/* Path i % (NPATHS + 1): the port itself, or child i % (NPATHS + 1). */
	for (i = 0; i < n; i++) {
		int k = i % (NPATHS + 1);

		T_OK(alcove_call_async(h, k == NPATHS ? NULL : &kids[k],
		    k == NPATHS ? 0 : 1, CALL_getpid, on_reply, &r[i], ""));
	}
	for (spins = 0, left = n; left > 0 && spins < 20000; spins++) {
		p[0].fd = alcove_fd(h);
		p[0].events = POLLIN;
		p[1].fd = alcove_fd_out(h);
		p[1].events = POLLOUT;
		p[0].revents = p[1].revents = 0;
		ATF_REQUIRE(poll(p, 2, 50) != -1);
		T_OK(alcove_dispatch(h));
		for (left = 0, i = 0; i < n; i++)
			left += r[i].called == 0;
	}
	ATF_REQUIRE_EQ_MSG(left, 0, "%d replies missing", left);
	for (i = 0; i < n; i++) {
		int k = i % (NPATHS + 1);

		(void)snprintf(want, sizeof(want), "%ld",
		    (long)(k == NPATHS ? root : kids[k]));
		ATF_CHECK_EQ(r[i].called, 1);
		ATF_CHECK_EQ(r[i].err, 0);
		ATF_CHECK_STREQ_MSG(r[i].text, want, "call %d", i);
	}
	printf("%d calls in flight on %d paths, all answered\n", n,
	    NPATHS + 1);
	free(r);
	for (i = 0; i < NPATHS; i++) {
		T_OK(alcove_exit(h, &kids[i], 1, 0));
		ATF_CHECK_EQ(await_exit(h, kids[i], want, sizeof(want)), 0);
	}
	require_no_children(h);
	t_stop(h);
}

/* ---- signal storms while a child streams ---- */

T_TC(stream_under_signals, "a child streams numbered lines while threads "
    "fork children and kill them with SIGTERM (a SIGCHLD storm at the "
    "port): every byte arrives in order, every child is reported killed");
ATF_TC_BODY(stream_under_signals, tc)
{
	struct alcove *h = t_start(tc);
	struct slot slots[NTHREADS];
	pthread_t tid[NTHREADS];
	unsigned char *out;
	char *want, script[160];
	size_t len, wlen, cap;
	int i, lines, status;
	pid_t c;

	lines = count(50000);
	(void)snprintf(script, sizeof(script),
	    "i=0; while [ $i -lt %d ]; do echo \"line $i\"; "
	    "i=$((i + 1)); done", lines);
	cap = (size_t)lines * 16 + 1;
	ATF_REQUIRE((want = malloc(cap)) != NULL);
	for (wlen = 0, i = 0; i < lines; i++)
		wlen += (size_t)snprintf(want + wlen, cap - wlen, "line %d\n",
		    i);
	T_OK(alcove_fork(h, NULL, 0, &c));
	start_threads(tid, slots, h, count(100), SIGTERM);
	T_OK(alcove_execvp(h, &c, 1, "/bin/sh",
	    (char *[]){ "sh", "-c", script, NULL }));
	status = t_collect(h, &c, 1, &out, &len);
	join_threads(tid, slots);
	ATF_CHECK_EQ(status, 0);
	ATF_CHECK_EQ(len, wlen);
	ATF_CHECK_MSG(len == wlen && memcmp(out, want, len) == 0,
	    "the output differs from what the child wrote");
	printf("%zu bytes in %d lines received in order\n", len, lines);
	free(out);
	free(want);
	require_no_children(h);
	t_stop(h);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, fork_storm);
	ATF_TP_ADD_TC(tp, async_flood);
	ATF_TP_ADD_TC(tp, stream_under_signals);
	return atf_no_error();
}
