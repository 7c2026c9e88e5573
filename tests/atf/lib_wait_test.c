/*
 * alcove_waitpid and exit events together (alcove_owner(3), EXIT EVENTS
 * AND WAITPID): in the default reap mode the port reaps and sends the
 * event, waitpid finds nothing; in sig_info mode waitpid gets the status
 * and no event comes; calls waiting on the reaped child fail instead of
 * hanging.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proto/calls.h"
#include "testlib.h"

T_TC(reap_mode, "default SIGCHLD mode: the exit event comes, and a later "
    "waitpid answers ECHILD");
ATF_TC_BODY(reap_mode, tc)
{
	char *argv[] = { "/bin/sh", "-c", "exit 5", NULL };
	struct alcove *h = t_start(tc);
	struct alcove_msg *m;
	pid_t c, got = -1;
	int status = -1;

	T_OK(alcove_fork(h, NULL, 0, &c));
	T_OK(alcove_execvp(h, &c, 1, argv[0], argv));
	m = t_recv(h, &c, 1, ALCOVE_MSG_EVENT);
	ATF_CHECK_STREQ(t_term_text(m->term), "{exit_status,5}");
	ATF_CHECK_EQ(alcove_msg_exit(m, &status), 0);
	ATF_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5);
	alcove_msg_free(m);
	T_ERR(ECHILD, alcove_waitpid(h, NULL, 0, c, 0, &got, &status));
	t_stop(h);
}

static int	async_err = 1;
static int	async_called;

static void
on_reply(int err, struct alcove_term *t, void *arg)
{
	(void)arg;
	async_err = err;
	async_called++;
	alcove_term_free(t);
}

T_TC(siginfo_mode, "sig_info mode: waitpid gets the status, no exit event "
    "follows, the root reports SIGCHLD, and a call left waiting on the "
    "reaped child fails with EEXITED instead of hanging");
ATF_TC_BODY(siginfo_mode, tc)
{
	struct alcove *h = t_start(tc);
	struct alcove_msg *m;
	pid_t c, got = -1, root = 0;
	int old = -1, status = -1, i;

	T_OK(alcove_sigaction(h, NULL, 0, SIGCHLD, ALCOVE_SIG_INFO, &old));
	ATF_CHECK_EQ(old, ALCOVE_SIG_DFL);
	T_OK(alcove_fork(h, NULL, 0, &c));
	/* A call that never answers: select without a timeout. */
	T_OK(alcove_call_async(h, &c, 1, CALL_select, on_reply, NULL, "nnnn"));
	T_OK(alcove_dispatch(h));
	ATF_CHECK_EQ(async_called, 0);
	ATF_REQUIRE(kill(c, SIGKILL) == 0);
	T_OK(alcove_waitpid(h, NULL, 0, c, 0, &got, &status));
	ATF_CHECK_EQ(got, c);
	ATF_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	for (i = 0; i < 100 && async_called == 0; i++)
		T_OK(alcove_dispatch(h));
	ATF_CHECK_EQ(async_called, 1);
	ATF_CHECK_EQ(async_err, ALCOVE_EEXITED);
	/* The root's own event: {signal, sigchld, Info}. */
	m = t_recv(h, &root, 0, ALCOVE_MSG_EVENT);
	ATF_CHECK_EQ(m->npath, 0);
	ATF_REQUIRE(m->term->type == ALCOVE_TERM_TUPLE && m->term->n == 3);
	ATF_CHECK(alcove_term_atom(&m->term->e[0], "signal"));
	ATF_CHECK(alcove_term_atom(&m->term->e[1], "sigchld"));
	alcove_msg_free(m);
	m = NULL;
	T_ERR(ALCOVE_ETIMEDOUT, alcove_recv(h, &c, 1, ALCOVE_MSG_EVENT, 200,
	    &m));
	ATF_CHECK(m == NULL);
	T_OK(alcove_sigaction(h, NULL, 0, SIGCHLD, ALCOVE_SIG_DFL, &old));
	ATF_CHECK_EQ(old, ALCOVE_SIG_INFO);
	t_stop(h);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, reap_mode);
	ATF_TP_ADD_TC(tp, siginfo_mode);
	return atf_no_error();
}
