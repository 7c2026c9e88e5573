/*
 * libalcove in the caller's event loop (alcove_dispatch(3)): alcove_fd,
 * alcove_fd_out, alcove_dispatch, asynchronous calls and owner callbacks,
 * and deadlines that hold while the pipe to the port is full.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proto/calls.h"
#include "testlib.h"

#define NASYNC	6

struct result {
	int	 called;
	int	 err;
	char	 text[128];
};

static struct result	results[NASYNC];
static int		order[NASYNC];
static int		norder;

static void
on_reply(int err, struct alcove_term *t, void *arg)
{
	struct result *r = arg;

	r->called++;
	r->err = err;
	(void)snprintf(r->text, sizeof(r->text), "%s", t != NULL ?
	    t_term_text(t) : "(none)");
	order[norder++] = (int)(r - results);
	alcove_term_free(t);
}

/* Poll as an event loop would, and dispatch, until *done or timeout. */
static void
loop_until(struct alcove *h, const int *done)
{
	struct pollfd p[2];
	int i;

	for (i = 0; i < 1000 && !*done; i++) {
		p[0].fd = alcove_fd(h);
		p[0].events = POLLIN;
		p[1].fd = alcove_fd_out(h);
		p[1].events = POLLOUT;
		p[0].revents = p[1].revents = 0;
		ATF_REQUIRE(poll(p, 2, 20) != -1);
		T_OK(alcove_dispatch(h));
	}
	ATF_REQUIRE_MSG(*done, "the loop never got there");
}

T_TC(async_calls, "asynchronous calls on one path and on others report "
    "their own replies through callbacks from alcove_dispatch, in order");
ATF_TC_BODY(async_calls, tc)
{
	struct alcove *h = t_start(tc);
	char name[16], want[32];
	int i, all = 0;
	pid_t c;

	memset(results, 0, sizeof(results));
	norder = 0;
	T_OK(alcove_fork(h, NULL, 0, &c));
	for (i = 0; i < NASYNC; i++) {
		(void)snprintf(name, sizeof(name), "V%d", i);
		(void)snprintf(want, sizeof(want), "value %d", i);
		T_OK(alcove_setenv(h, i % 2 ? &c : NULL, i % 2, name, want, 1));
	}
	for (i = 0; i < NASYNC; i++) {
		(void)snprintf(name, sizeof(name), "V%d", i);
		T_OK(alcove_call_async(h, i % 2 ? &c : NULL, i % 2,
		    CALL_getenv, on_reply, &results[i], "s", name));
	}
	/* Nothing is reported before a dispatch. */
	for (i = 0; i < NASYNC; i++)
		ATF_CHECK_EQ(results[i].called, 0);
	while (!all) {
		loop_until(h, &results[NASYNC - 1].called);
		for (all = 1, i = 0; i < NASYNC; i++)
			all &= results[i].called;
	}
	for (i = 0; i < NASYNC; i++) {
		ATF_CHECK_EQ(results[i].called, 1);
		ATF_CHECK_EQ(results[i].err, 0);
		ATF_CHECK_STREQ(results[i].text, t_want("<<\"value %d\">>", i));
	}
	/* One path's replies come in request order. */
	ATF_CHECK(order[0] == 0 || order[0] == 1);
	for (i = 2; i < NASYNC; i++) {
		int j, seen_before = 0;

		for (j = 0; j < NASYNC && order[j] != i; j++)
			if (order[j] == i - 2)
				seen_before = 1;
		ATF_CHECK_MSG(seen_before, "reply %d before %d", i, i - 2);
	}
	t_stop(h);
}

T_TC(async_errors, "an asynchronous call to a missing process reports "
    "EBADPID, a badarg reply EBADARG; a bad call number fails at once");
ATF_TC_BODY(async_errors, tc)
{
	struct alcove *h = t_start(tc);
	pid_t nobody = 999999;

	memset(results, 0, sizeof(results));
	norder = 0;
	T_ERR(ALCOVE_EINVAL, alcove_call_async(h, NULL, 0, -1, on_reply,
	    &results[0], ""));
	T_ERR(ALCOVE_EINVAL, alcove_call_async(h, NULL, 0, CALL_getpid, NULL,
	    NULL, ""));
	T_OK(alcove_call_async(h, &nobody, 1, CALL_getpid, on_reply,
	    &results[0], ""));
	T_OK(alcove_call_async(h, NULL, 0, CALL_getenv, on_reply, &results[1],
	    "i", 1));
	loop_until(h, &results[1].called);
	loop_until(h, &results[0].called);
	ATF_CHECK_EQ(results[0].err, ALCOVE_EBADPID);
	ATF_CHECK_STREQ(results[0].text, "(none)");
	ATF_CHECK_EQ(results[1].err, ALCOVE_EBADARG);
	t_stop(h);
}

struct seen {
	char	out[64];
	char	event[64];
	int	done;
	int	calls;
};

static void
on_msg(struct alcove_owner *o, struct alcove_msg *m, void *arg)
{
	struct seen *s = arg;

	(void)o;
	s->calls++;
	if (m->type == ALCOVE_MSG_STDOUT &&
	    strlen(s->out) + m->len < sizeof(s->out))
		strncat(s->out, (char *)m->data, m->len);
	if (m->type == ALCOVE_MSG_EVENT) {
		(void)snprintf(s->event, sizeof(s->event), "%s",
		    t_term_text(m->term));
		s->done = 1;
	}
	alcove_msg_free(m);
}

T_TC(owner_callback, "an owner with a callback gets its child's output "
    "and exit from alcove_dispatch, its queue stays empty");
ATF_TC_BODY(owner_callback, tc)
{
	char *argv[] = { "/bin/sh", "-c", "echo called back; exit 4", NULL };
	struct alcove *h = t_start(tc);
	struct alcove_owner *o;
	struct alcove_msg *m = NULL;
	struct seen s;
	pid_t c;

	memset(&s, 0, sizeof(s));
	T_OK(alcove_owner_new(h, &o));
	alcove_owner_set_callback(o, on_msg, &s);
	T_OK(alcove_owner_fork(o, NULL, 0, ALCOVE_DEFAULT, ALCOVE_LINK, &c));
	T_OK(alcove_execvp(h, &c, 1, argv[0], argv));
	loop_until(h, &s.done);
	ATF_CHECK_STREQ(s.out, "called back\n");
	ATF_CHECK_STREQ(s.event, "{exit_status,4}");
	T_ERR(ALCOVE_ETIMEDOUT, alcove_owner_recv(o, ALCOVE_MSG_ANY, 0, &m));
	T_OK(alcove_owner_close(o));
	t_stop(h);
}

static void
on_msg_close(struct alcove_owner *o, struct alcove_msg *m, void *arg)
{
	struct seen *s = arg;

	s->calls++;
	if (m->type == ALCOVE_MSG_EVENT) {
		(void)snprintf(s->event, sizeof(s->event), "%s",
		    t_term_text(m->term));
		s->done = alcove_owner_close(o) == 0 ? 1 : -1;
	}
	alcove_msg_free(m);
}

T_TC(callback_closes_owner, "an owner's callback may close the owner: the "
    "exit is its last message and the next dispatch is fine");
ATF_TC_BODY(callback_closes_owner, tc)
{
	char *argv[] = { "/bin/sh", "-c", "exit 9", NULL };
	struct alcove *h = t_start(tc);
	struct alcove_owner *o;
	struct seen s;
	pid_t c;

	memset(&s, 0, sizeof(s));
	T_OK(alcove_owner_new(h, &o));
	alcove_owner_set_callback(o, on_msg_close, &s);
	T_OK(alcove_owner_fork(o, NULL, 0, ALCOVE_DEFAULT, ALCOVE_UNLINK, &c));
	T_OK(alcove_execvp(h, &c, 1, argv[0], argv));
	loop_until(h, &s.done);
	ATF_CHECK_EQ(s.done, 1);
	ATF_CHECK_STREQ(s.event, "{exit_status,9}");
	T_OK(alcove_dispatch(h));
	t_stop(h);
}

/* A value of n bytes, all c. */
static char *
big(size_t n, int c)
{
	char *v;

	ATF_REQUIRE((v = malloc(n + 1)) != NULL);
	memset(v, c, n);
	v[n] = '\0';
	return v;
}

/* The sizes below are for pipes of 64 KiB. */
static void
require_pipe_64k(void)
{
#ifdef F_GETPIPE_SZ
	int p[2], size;

	ATF_REQUIRE(pipe(p) == 0);
	size = fcntl(p[0], F_GETPIPE_SZ);
	(void)close(p[0]);
	(void)close(p[1]);
	if (size != 65536)
		atf_tc_skip("pipes hold %d bytes here, not 65536", size);
#else
	atf_tc_skip("no F_GETPIPE_SZ to learn the size of a pipe");
#endif
}

T_TC(full_pipe, "with the port stopped and its stdin pipe full, calls end "
    "with ETIMEDOUT; the unsent one is taken back, the partly sent one is "
    "finished, and the next reply is the next caller's");
ATF_TC_BODY(full_pipe, tc)
{
	struct alcove *h;
	char *v[3], *got;
	pid_t port;
	int i;

	require_pipe_64k();
	h = t_start(tc);
	port = alcove_port_pid(h);
	for (i = 0; i < 3; i++)
		v[i] = big(40000, 'a' + i);
	ATF_CHECK_EQ(alcove_fd_out(h), -1);
	ATF_REQUIRE(kill(port, SIGSTOP) == 0);
	/* 40000 bytes fit the pipe; 80000 do not; the third waits. */
	T_ERR(ALCOVE_ETIMEDOUT, alcove_call(h, NULL, 0, CALL_setenv, 100, NULL,
	    "ssi", "X0", v[0], 1));
	T_ERR(ALCOVE_ETIMEDOUT, alcove_call(h, NULL, 0, CALL_setenv, 100, NULL,
	    "ssi", "X1", v[1], 1));
	ATF_CHECK(alcove_fd_out(h) != -1);
	T_ERR(ALCOVE_ETIMEDOUT, alcove_call(h, NULL, 0, CALL_setenv, 100, NULL,
	    "ssi", "X2", v[2], 1));
	ATF_CHECK(alcove_fd_out(h) != -1);
	ATF_REQUIRE(kill(port, SIGCONT) == 0);
	T_OK(alcove_getenv(h, NULL, 0, "X0", &got));
	ATF_CHECK(got != NULL && strcmp(got, v[0]) == 0);
	free(got);
	T_OK(alcove_getenv(h, NULL, 0, "X1", &got));
	ATF_CHECK(got != NULL && strcmp(got, v[1]) == 0);
	free(got);
	T_OK(alcove_getenv(h, NULL, 0, "X2", &got));
	ATF_CHECK_MSG(got == NULL, "the request taken back was sent");
	free(got);
	ATF_CHECK_EQ(alcove_fd_out(h), -1);
	for (i = 0; i < 3; i++)
		free(v[i]);
	t_stop(h);
}

T_TC(full_pipe_stdin, "stdin data waits for the pipe up to the handle's "
    "default timeout: data partly written is finished, data none of which "
    "went out is ETIMEDOUT and never arrives");
ATF_TC_BODY(full_pipe_stdin, tc)
{
	struct alcove *h;
	struct alcove_msg *m;
	char *want, *got;
	size_t nwant = 0, ngot = 0;
	pid_t port, c;
	int i, err = 0;

	h = t_start(tc);
	port = alcove_port_pid(h);
	/*
	 * This is about the library's side: the port queues what cat's pipe
	 * cannot take at once, rather than dropping it as by default.
	 */
	T_OK(alcove_setopt(h, NULL, 0, "stdin_queue", 1024 * 1024));
	T_OK(alcove_fork(h, NULL, 0, &c));
	T_OK(alcove_execvp(h, &c, 1, "cat", (char *[]){ "cat", NULL }));
	ATF_REQUIRE((want = malloc(1024 * 1024)) != NULL);
	ATF_REQUIRE((got = malloc(1024 * 1024)) != NULL);
	T_OK(alcove_set_timeout(h, 100));
	ATF_REQUIRE(kill(port, SIGSTOP) == 0);
	/* Chunks of 1000 bytes, each its own letter, until the pipe is
	 * full: the last one is the one that timed out. */
	for (i = 0; i < 900; i++) {
		memset(want + nwant, 'a' + i % 26, 1000);
		if ((err = alcove_stdin(h, &c, 1, want + nwant, 1000)) != 0)
			break;
		nwant += 1000;
	}
	T_ERR(ALCOVE_ETIMEDOUT, err);
	ATF_REQUIRE(kill(port, SIGCONT) == 0);
	T_OK(alcove_set_timeout(h, T_TIMEOUT));
	T_OK(alcove_stdin(h, &c, 1, "after\n", 6));
	memcpy(want + nwant, "after\n", 6);
	nwant += 6;
	while (ngot < nwant) {
		m = t_recv(h, &c, 1, ALCOVE_MSG_STDOUT);
		ATF_REQUIRE(ngot + m->len <= nwant);
		memcpy(got + ngot, m->data, m->len);
		ngot += m->len;
		alcove_msg_free(m);
	}
	ATF_CHECK(memcmp(got, want, nwant) == 0);
	free(want);
	free(got);
	t_stop(h);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, async_calls);
	ATF_TP_ADD_TC(tp, async_errors);
	ATF_TP_ADD_TC(tp, owner_callback);
	ATF_TP_ADD_TC(tp, callback_closes_owner);
	ATF_TP_ADD_TC(tp, full_pipe);
	ATF_TP_ADD_TC(tp, full_pipe_stdin);
	return atf_no_error();
}
