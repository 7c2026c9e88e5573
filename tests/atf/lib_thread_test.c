/*
 * libalcove from many threads at once: every reply reaches the request it
 * answers, on shared and distinct paths at depths 0, 1 and 2, while other
 * calls time out in the middle and their late replies are dropped.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proto/calls.h"
#include "testlib.h"

#define NTHREADS	8
#define ROUNDS		60

/* What the threads share; each has its own slot for its results. */
struct hammer {
	struct alcove	*h;
	pid_t		 shared[2];	/* a child and its child */
	pid_t		 own[NTHREADS];	/* one child per thread */
	char		 dir[NTHREADS][256];
	int		 id;
	int		 calls;		/* made (per thread) */
	int		 wrong;		/* replies not the expected one */
	char		 why[256];
};

static struct hammer	slots[NTHREADS];

/* Record the first mismatch of a thread: atf may not be called here. */
static void
wrong(struct hammer *s, const char *fmt, ...)
    __attribute__((__format__(__printf__, 2, 3)));

static void
wrong(struct hammer *s, const char *fmt, ...)
{
	va_list ap;

	if (s->wrong++ == 0) {
		va_start(ap, fmt);
		(void)vsnprintf(s->why, sizeof(s->why), fmt, ap);
		va_end(ap);
	}
}

/* getenv of name at path must answer exactly value. */
static void
check_getenv(struct hammer *s, const pid_t *path, size_t npath,
    const char *name, const char *value)
{
	struct alcove_term *t = NULL;
	int err;

	err = alcove_call(s->h, path, npath, CALL_getenv, T_TIMEOUT, &t, "s",
	    name);
	s->calls++;
	if (err != 0)
		wrong(s, "getenv %s at depth %zu: %s", name, npath,
		    alcove_strerror(err));
	else if (t->type != ALCOVE_TERM_BINARY || t->len != strlen(value) ||
	    memcmp(t->data, value, t->len) != 0)
		wrong(s, "getenv %s at depth %zu: not <<\"%s\">> (type %d)",
		    name, npath, value, t->type);
	alcove_term_free(t);
}

static void
set_and_check(struct hammer *s, const pid_t *path, size_t npath, int round)
{
	char name[32], value[64];
	int err;

	(void)snprintf(name, sizeof(name), "T%d", s->id);
	(void)snprintf(value, sizeof(value), "thread %d round %d depth %zu",
	    s->id, round, npath);
	if ((err = alcove_setenv(s->h, path, npath, name, value, 1)) != 0)
		wrong(s, "setenv at depth %zu: %s", npath,
		    alcove_strerror(err));
	s->calls++;
	check_getenv(s, path, npath, name, value);
}

static void *
hammer_thread(void *arg)
{
	struct hammer *s = arg;
	char cwd[256];
	pid_t pid;
	int round, err;

	for (round = 0; round < ROUNDS; round++) {
		switch (round % 4) {
		case 0:
			set_and_check(s, NULL, 0, round);
			break;
		case 1:
			set_and_check(s, s->shared, 1, round);
			break;
		case 2:
			set_and_check(s, s->shared, 2, round);
			break;
		default:
			set_and_check(s, &s->own[s->id], 1, round);
			break;
		}
		if ((err = alcove_getpid(s->h, &s->own[s->id], 1, &pid)) != 0)
			wrong(s, "getpid: %s", alcove_strerror(err));
		else if (pid != s->own[s->id])
			wrong(s, "getpid: %ld, not %ld", (long)pid,
			    (long)s->own[s->id]);
		if ((err = alcove_getcwd(s->h, &s->own[s->id], 1, cwd,
		    sizeof(cwd))) != 0)
			wrong(s, "getcwd: %s", alcove_strerror(err));
		else if (strcmp(cwd, s->dir[s->id]) != 0)
			wrong(s, "getcwd: %s, not %s", cwd, s->dir[s->id]);
		s->calls += 2;
	}
	return NULL;
}

/* Start the port, the shared chain and one child per thread in its dir. */
static struct alcove *
setup(const atf_tc_t *tc)
{
	struct alcove *h = t_start(tc);
	char base[200];
	int i;

	T_OK(alcove_fork(h, NULL, 0, &slots[0].shared[0]));
	T_OK(alcove_fork(h, slots[0].shared, 1, &slots[0].shared[1]));
	ATF_REQUIRE(getcwd(base, sizeof(base)) != NULL);
	for (i = 0; i < NTHREADS; i++) {
		slots[i].h = h;
		slots[i].id = i;
		slots[i].shared[0] = slots[0].shared[0];
		slots[i].shared[1] = slots[0].shared[1];
		T_OK(alcove_fork(h, NULL, 0, &slots[0].own[i]));
		(void)snprintf(slots[0].dir[i], sizeof(slots[0].dir[i]),
		    "%s/d%d", base, i);
		ATF_REQUIRE(mkdir(slots[0].dir[i], 0755) == 0);
		T_OK(alcove_chdir(h, &slots[0].own[i], 1, slots[0].dir[i]));
	}
	for (i = 1; i < NTHREADS; i++) {
		memcpy(slots[i].own, slots[0].own, sizeof(slots[i].own));
		memcpy(slots[i].dir, slots[0].dir, sizeof(slots[i].dir));
	}
	return h;
}

/* The default owner got nothing. */
static void
expect_quiet(struct alcove *h)
{
	struct alcove_msg *m = NULL;

	ATF_CHECK_EQ(alcove_recv(h, NULL, 0, ALCOVE_MSG_ANY, 0, &m),
	    ALCOVE_ETIMEDOUT);
	alcove_msg_free(m);
}

static void
join_and_check(pthread_t *tid, int n)
{
	int i;

	for (i = 0; i < n; i++)
		ATF_REQUIRE(pthread_join(tid[i], NULL) == 0);
	for (i = 0; i < n; i++) {
		ATF_CHECK_MSG(slots[i].wrong == 0, "thread %d: %d of %d "
		    "replies wrong, the first: %s", i, slots[i].wrong,
		    slots[i].calls, slots[i].why);
	}
}

T_TC(hammer, "8 threads call the root, a shared child and grandchild "
    "and their own child at once: every reply is the one for its request");
ATF_TC_BODY(hammer, tc)
{
	pthread_t tid[NTHREADS];
	struct alcove *h;
	int i;

	memset(slots, 0, sizeof(slots));
	h = setup(tc);
	for (i = 0; i < NTHREADS; i++)
		ATF_REQUIRE(pthread_create(&tid[i], NULL, hammer_thread,
		    &slots[i]) == 0);
	join_and_check(tid, NTHREADS);
	for (i = 0; i < NTHREADS; i++)
		ATF_CHECK_EQ(slots[i].calls, ROUNDS * 4);
	t_stop(h);
}

/*
 * A thread whose calls time out in the middle: select sleeps 200 ms in
 * the shared child, the call gives up after 20; the very next call on the
 * same path (its own getenv) must get its own answer, not the select's.
 */
static void *
timeout_thread(void *arg)
{
	struct hammer *s = arg;
	struct alcove_term *t = NULL;
	int round, err;

	for (round = 0; round < 5; round++) {
		err = alcove_call(s->h, s->shared, 1, CALL_select, 20, &t,
		    "nnn{aii}", "alcove_timeval", 0, 200000);
		s->calls++;
		if (err != ALCOVE_ETIMEDOUT)
			wrong(s, "select: %s, not timed out",
			    alcove_strerror(err));
		alcove_term_free(t);
		t = NULL;
		check_getenv(s, s->shared, 1, "MARK", "mark");
	}
	return NULL;
}

static void *
shared_thread(void *arg)
{
	struct hammer *s = arg;
	int round;

	for (round = 0; round < 20; round++)
		set_and_check(s, s->shared, 1 + round % 2, round);
	return NULL;
}

T_TC(timeouts_mid_call, "calls that time out mid-call while 7 threads use "
    "the same path: the late replies are dropped, every caller gets its own");
ATF_TC_BODY(timeouts_mid_call, tc)
{
	pthread_t tid[NTHREADS];
	struct alcove *h;
	int i;

	memset(slots, 0, sizeof(slots));
	h = setup(tc);
	T_OK(alcove_setenv(h, slots[0].shared, 1, "MARK", "mark", 1));
	ATF_REQUIRE(pthread_create(&tid[0], NULL, timeout_thread,
	    &slots[0]) == 0);
	for (i = 1; i < NTHREADS; i++)
		ATF_REQUIRE(pthread_create(&tid[i], NULL, shared_thread,
		    &slots[i]) == 0);
	join_and_check(tid, NTHREADS);
	ATF_CHECK_EQ(slots[0].calls, 10);
	t_stop(h);
}

T_TC(stopped_child, "calls to a SIGSTOPped child time out; once it "
    "continues, the next call gets its own reply, not the earlier ones'");
ATF_TC_BODY(stopped_child, tc)
{
	struct alcove_term *t = NULL;
	struct alcove *h = t_start(tc);
	char cwd[256];
	pid_t c, pid;

	ATF_REQUIRE(getcwd(cwd, sizeof(cwd)) != NULL);
	T_OK(alcove_fork(h, NULL, 0, &c));
	T_OK(alcove_setenv(h, &c, 1, "A", "first", 1));
	ATF_REQUIRE(kill(c, SIGSTOP) == 0);
	T_ERR(ALCOVE_ETIMEDOUT, alcove_call(h, &c, 1, CALL_getpid, 50, &t, ""));
	T_ERR(ALCOVE_ETIMEDOUT, alcove_call(h, &c, 1, CALL_getenv, 50, &t, "s",
	    "A"));
	/* Not through the port: nothing reads it until the next call. */
	ATF_REQUIRE(kill(c, SIGCONT) == 0);
	T_OK(alcove_call(h, &c, 1, CALL_getcwd, T_TIMEOUT, &t, ""));
	ATF_CHECK_STREQ(t_term_text(t), t_want("{ok,<<\"%s\">>}", cwd));
	alcove_term_free(t);
	T_OK(alcove_getpid(h, &c, 1, &pid));
	ATF_CHECK_EQ(pid, c);
	t_stop(h);
}

T_TC(set_timeout, "alcove_set_timeout changes what ALCOVE_DEFAULT means "
    "after start; ALCOVE_INFINITY is allowed, other negatives are not");
ATF_TC_BODY(set_timeout, tc)
{
	struct alcove_term *t = NULL;
	struct alcove *h = t_start(tc);
	pid_t c;

	T_OK(alcove_fork(h, NULL, 0, &c));
	T_OK(alcove_set_timeout(h, 30));
	T_ERR(ALCOVE_ETIMEDOUT, alcove_call(h, &c, 1, CALL_select,
	    ALCOVE_DEFAULT, &t, "nnn{aii}", "alcove_timeval", 0, 300000));
	T_ERR(ALCOVE_EINVAL, alcove_set_timeout(h, -7));
	T_OK(alcove_set_timeout(h, ALCOVE_INFINITY));
	T_OK(alcove_call(h, &c, 1, CALL_select, ALCOVE_DEFAULT, &t,
	    "nnn{aii}", "alcove_timeval", 0, 1000));
	ATF_CHECK_STREQ(t_term_text(t), "{ok,[],[],[]}");
	alcove_term_free(t);
	T_OK(alcove_set_timeout(h, T_TIMEOUT));
	t_stop(h);
}

/* Each thread: its own owner, a child that echoes, exactly its output. */
static void *
owner_thread(void *arg)
{
	struct hammer *s = arg;
	char cmd[64], want[64], out[256];
	char *argv[] = { "/bin/sh", "-c", cmd, NULL };
	struct alcove_owner *o;
	struct alcove_msg *m;
	size_t len;
	pid_t c;
	int round, err, done;

	for (round = 0; round < 5; round++) {
		(void)snprintf(cmd, sizeof(cmd), "echo thread %d round %d",
		    s->id, round);
		(void)snprintf(want, sizeof(want), "thread %d round %d\n",
		    s->id, round);
		if ((err = alcove_owner_new(s->h, &o)) != 0 ||
		    (err = alcove_owner_fork(o, NULL, 0, T_TIMEOUT,
		    ALCOVE_LINK, &c)) != 0 ||
		    (err = alcove_execvp(s->h, &c, 1, argv[0], argv)) != 0) {
			wrong(s, "start: %s", alcove_strerror(err));
			return NULL;
		}
		len = 0;
		for (done = 0; !done; ) {
			if ((err = alcove_owner_recv(o, ALCOVE_MSG_ANY,
			    T_TIMEOUT, &m)) != 0) {
				wrong(s, "recv: %s", alcove_strerror(err));
				break;
			}
			if (m->npath != 1 || m->path[0] != c)
				wrong(s, "a message of another process");
			if (m->type == ALCOVE_MSG_STDOUT &&
			    len + m->len < sizeof(out)) {
				memcpy(out + len, m->data, m->len);
				len += m->len;
			}
			done = m->type == ALCOVE_MSG_EVENT;
			alcove_msg_free(m);
		}
		if (len != strlen(want) || memcmp(out, want, len) != 0)
			wrong(s, "output %.*s, not %s", (int)len, out, want);
		if ((err = alcove_owner_close(o)) != 0)
			wrong(s, "close: %s", alcove_strerror(err));
		s->calls++;
	}
	return NULL;
}

T_TC(owners_per_thread, "8 threads, each with its own owners and children "
    "at once: each owner gets exactly its own child's output and exit");
ATF_TC_BODY(owners_per_thread, tc)
{
	pthread_t tid[NTHREADS];
	struct alcove *h;
	int i;

	memset(slots, 0, sizeof(slots));
	h = t_start(tc);
	for (i = 0; i < NTHREADS; i++) {
		slots[i].h = h;
		slots[i].id = i;
		ATF_REQUIRE(pthread_create(&tid[i], NULL, owner_thread,
		    &slots[i]) == 0);
	}
	join_and_check(tid, NTHREADS);
	for (i = 0; i < NTHREADS; i++)
		ATF_CHECK_EQ(slots[i].calls, 5);
	expect_quiet(h);
	t_stop(h);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, hammer);
	ATF_TP_ADD_TC(tp, timeouts_mid_call);
	ATF_TP_ADD_TC(tp, stopped_child);
	ATF_TP_ADD_TC(tp, set_timeout);
	ATF_TP_ADD_TC(tp, owners_per_thread);
	return atf_no_error();
}
