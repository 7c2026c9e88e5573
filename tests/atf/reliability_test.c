/*
 * Reliability of the process tree: a process keeps its own descriptors,
 * SIGCHLD reports survive a full signal pipe, nothing a client started
 * outlives it, and one congested child stalls nobody else (issue 11).
 */
#include <sys/types.h>
#include <sys/wait.h>

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

/* The next message for p must be {signal, Name, Info}; Info in *si. */
static void
expect_signal(const struct t_proc *p, const char *name, siginfo_t *si)
{
	struct alcove_msg *m = t_recv(T_AT(p), ALCOVE_MSG_ANY);
	const struct alcove_term *t = m->term;

	ATF_REQUIRE_MSG(m->type == ALCOVE_MSG_EVENT && t != NULL &&
	    t->type == ALCOVE_TERM_TUPLE && t->n == 3 &&
	    alcove_term_atom(&t->e[0], "signal") &&
	    alcove_term_atom(&t->e[1], name) &&
	    t->e[2].type == ALCOVE_TERM_BINARY && t->e[2].len == sizeof(*si),
	    "expected {signal, %s, Info}, got a message of type %d", name,
	    m->type);
	memcpy(si, t->e[2].data, sizeof(*si));
	alcove_msg_free(m);
}

static pid_t
pid_of(const struct t_proc *p)
{
	return p->n == 0 ? alcove_port_pid(p->h) : p->path[p->n - 1];
}

/*
 * close(3), close(4) and close(5) are refused with ebadf and the three
 * stay open; then a signal still becomes an event and calls go on.
 */
static void
own_fds_kept(const struct t_proc *p)
{
	siginfo_t si;
	int fd;

	for (fd = 3; fd <= 5; fd++) {
		T_EXPECT("{error,ebadf}", p, "close", "i", fd);
		/* Still open, still close-on-exec (FD_CLOEXEC is 1). */
		T_EXPECT("{ok,1}", p, "fcntl", "iai", fd, "f_getfd", 0);
	}
	ATF_REQUIRE(kill(pid_of(p), SIGUSR1) == 0);
	expect_signal(p, "sigusr1", &si);
	ATF_CHECK_EQ(si.si_signo, SIGUSR1);
	ATF_CHECK_EQ(si.si_pid, getpid());
	T_EXPECT(t_want("%ld", (long)pid_of(p)), p, "getpid", "");
	/* A descriptor that is not the process's own still closes. */
	T_EXPECT("{ok,6}", p, "open", "s[a]i", "/dev/null", "o_rdonly", 0);
	T_EXPECT("ok", p, "close", "i", 6);
	T_EXPECT("{error,ebadf}", p, "close", "i", 6);
}

T_TC(own_fds_depth0, "close(3), close(4) and close(5) in the root answer "
    "{error, ebadf} and leave them open; a signal after them is still an "
    "event and getpid still answers")
ATF_TC_BODY(own_fds_depth0, tc)
{
	struct t_proc root;

	t_proc_root(&root, tc);
	own_fds_kept(&root);
	t_stop(root.h);
}

T_TC(own_fds_depth1, "close(3), close(4) and close(5) in a child answer "
    "{error, ebadf} and leave them open; a signal after them is still an "
    "event, getpid still answers, and the child exits at shutdown")
ATF_TC_BODY(own_fds_depth1, tc)
{
	struct t_proc root, c;

	t_proc_root(&root, tc);
	t_proc_fork(&root, &c);
	own_fds_kept(&c);
	t_stop(root.h);
	t_require_exited(c.path[0], "the child");
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, own_fds_depth0);
	ATF_TP_ADD_TC(tp, own_fds_depth1);
	return atf_no_error();
}
