/*
 * Reliability of the process tree: a process keeps its own descriptors,
 * SIGCHLD reports survive a full signal pipe, nothing a client started
 * outlives it, and one congested child stalls nobody else (issue 11).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
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

/* The state letter of a process in /proc/PID/stat, or 0. */
static char
proc_state(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *f;
	char st = 0;

	(void)snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fgets(buf, sizeof(buf), f) != NULL &&
	    (p = strrchr(buf, ')')) != NULL && p[1] == ' ')
		st = p[2];
	(void)fclose(f);
	return st;
}

static void
await_state(pid_t pid, char want, const char *what)
{
	int waited;

	for (waited = 0; waited < T_GONE_TIMEOUT; waited += 5) {
		if (proc_state(pid) == want)
			return;
		(void)poll(NULL, 0, 5);
	}
	atf_tc_fail("%s (pid %ld) never reached state %c", what, (long)pid,
	    want);
}

static pid_t
pid_of(const struct t_proc *p)
{
	return p->n == 0 ? alcove_port_pid(p->h) : p->path[p->n - 1];
}

/*
 * close(3), close(4) and close(5) are refused with ebadf and the three
 * stay open, clearing O_NONBLOCK on 3 or 4 is refused with eperm; then a
 * signal still becomes an event and calls go on.
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
	/* The signal pipe stays non-blocking. */
	for (fd = 3; fd <= 4; fd++) {
		T_EXPECT("{error,eperm}", p, "fcntl", "iai", fd, "f_setfl", 0);
		ATF_CHECK(T_OK_INT(p, "fcntl", "iai", fd, "f_getfl", 0) &
		    O_NONBLOCK);
		T_EXPECT("{ok,0}", p, "fcntl", "iai", fd, "f_setfl",
		    O_NONBLOCK);
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

T_TC(sigchld_report_overflow, "with sigaction(sigchld, sig_info), a "
    "SIGCHLD that finds the signal pipe full is still reported as "
    "{signal, sigchld, Info}, nothing is reaped, and waitpid reaps the "
    "child (alcove-protocol(5), SIGCHLD modes)")
ATF_TC_BODY(sigchld_report_overflow, tc)
{
	struct t_proc root, c;
	struct alcove_msg *m;
	struct alcove_term *t;
	siginfo_t rec, si;
	char path[64];
	pid_t port;
	int fd, old, n, k, ctl, sig;
	int64_t v;
	ssize_t w;

	t_proc_root(&root, tc);
	port = alcove_port_pid(root.h);
	T_OK(alcove_sigaction(T_AT(&root), SIGCHLD, ALCOVE_SIG_INFO, &old));
	ATF_CHECK_EQ(old, ALCOVE_SIG_DFL);
	t_proc_fork(&root, &c);

	/*
	 * Fill the root's signal pipe while it is stopped, so that nothing
	 * drains it: the next SIGCHLD record cannot be written.
	 */
	(void)snprintf(path, sizeof(path), "/proc/%ld/fd/4", (long)port);
	if ((fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		t_stop(root.h);
		atf_tc_skip("cannot open another process's pipe through %s: %s",
		    path, strerror(errno));
	}
	ATF_REQUIRE(kill(port, SIGSTOP) == 0);
	await_state(port, 'T', "the stopped port");
	memset(&rec, 0, sizeof(rec));
	rec.si_signo = SIGUSR1;
	rec.si_code = SI_USER;
	rec.si_pid = getpid();
	for (n = 0; (w = write(fd, &rec, sizeof(rec))) == (ssize_t)sizeof(rec);
	    n++)
		;
	ATF_REQUIRE_MSG(w == -1 && errno == EAGAIN, "write: %s",
	    strerror(errno));
	ATF_REQUIRE(n > 0);
	(void)close(fd);
	ATF_REQUIRE(kill(c.path[0], SIGKILL) == 0);
	t_require_exited(c.path[0], "the killed child");
	ATF_REQUIRE(kill(port, SIGCONT) == 0);

	/* The records that were in the pipe, in order. */
	for (k = 0; k < n; k++) {
		expect_signal(&root, "sigusr1", &si);
		ATF_REQUIRE_EQ(si.si_pid, getpid());
	}
	/* Then the child's fdctl_closed and the SIGCHLD, in either order. */
	for (k = 0, ctl = sig = 0; k < 2; k++) {
		m = t_recv(T_AT(&root), ALCOVE_MSG_ANY);
		if (m->npath == 1 && m->path[0] == c.path[0] &&
		    m->type == ALCOVE_MSG_CTL &&
		    strcmp((char *)m->data, "fdctl_closed") == 0)
			ctl++;
		else if (m->npath == 0 && m->type == ALCOVE_MSG_EVENT &&
		    m->term->type == ALCOVE_TERM_TUPLE && m->term->n == 3 &&
		    alcove_term_atom(&m->term->e[0], "signal") &&
		    alcove_term_atom(&m->term->e[1], "sigchld") &&
		    m->term->e[2].len == sizeof(si)) {
			memcpy(&si, m->term->e[2].data, sizeof(si));
			sig++;
		} else
			atf_tc_fail("unexpected message of type %d, path "
			    "length %zu", m->type, m->npath);
		alcove_msg_free(m);
	}
	ATF_REQUIRE(ctl == 1 && sig == 1);
	ATF_CHECK_EQ(si.si_signo, SIGCHLD);
	ATF_CHECK_EQ(si.si_pid, c.path[0]);
	ATF_CHECK_EQ(si.si_code, CLD_KILLED);
	ATF_CHECK_EQ(si.si_status, SIGKILL);

	/* Nothing was reaped: no exit event, and waitpid finds the child. */
	T_EXPECT(t_want("%ld", (long)port), &root, "getpid", "");
	ATF_CHECK_EQ(alcove_recv(T_AT(&c), ALCOVE_MSG_EVENT, 0, &m),
	    ALCOVE_ETIMEDOUT);
	T_OK(alcove_call(T_AT(&root), alcove_call_number("waitpid"),
	    ALCOVE_DEFAULT, &t, "ii", (int)c.path[0], 0));
	ATF_REQUIRE_MSG(t->type == ALCOVE_TERM_TUPLE && t->n == 4 &&
	    alcove_term_atom(&t->e[0], "ok") &&
	    alcove_term_int(&t->e[1], &v) == 0, "waitpid: not {ok, Pid, _, _}");
	ATF_CHECK_EQ(v, c.path[0]);
	ATF_CHECK(alcove_term_int(&t->e[2], &v) == 0 && WIFSIGNALED((int)v) &&
	    WTERMSIG((int)v) == SIGKILL);
	alcove_term_free(t);
	t_stop(root.h);
}

/*
 * The backends whose systems have a parent-death signal (alcove(8), When a
 * process dies); elsewhere a blocked child and the programs of a killed
 * process are documented to survive.
 */
static int
has_parent_death_signal(void)
{
	return strcmp(t_backend(), "linux") == 0 ||
	    strcmp(t_backend(), "freebsd") == 0;
}

static void
require_parent_death_signal(void)
{
	if (!has_parent_death_signal())
		atf_tc_skip("the %s backend has no parent-death signal",
		    t_backend());
}

/* Exec sleep in a new child of p; its pid. */
static pid_t
sleeper(const struct t_proc *p)
{
	char *argv[] = { "sleep", "100", NULL };
	struct t_proc c;

	t_proc_fork(p, &c);
	T_OK(alcove_execvp(T_AT(&c), "sleep", argv));
	return c.path[c.n - 1];
}

/* Start select with no timeout in p: it blocks until a signal. */
static void
block_in_select(const struct t_proc *p)
{
	ATF_REQUIRE_EQ(alcove_call(T_AT(p), alcove_call_number("select"), 200,
	    NULL, "nnnn"), ALCOVE_ETIMEDOUT);
}

T_TC(orphans_midtree, "SIGKILL to a depth-1 alcove process: its exec'd "
    "sleep dies, and so do its alcove child, blocked in select, and that "
    "one's exec'd sleep; the root goes on")
ATF_TC_BODY(orphans_midtree, tc)
{
	struct t_proc root, a, b;
	struct alcove_msg *m;
	pid_t e1, e2;
	int status;

	require_parent_death_signal();
	(void)t_subreaper();
	t_proc_root(&root, tc);
	t_proc_fork(&root, &a);
	e1 = sleeper(&a);
	t_proc_fork(&a, &b);
	e2 = sleeper(&b);
	block_in_select(&b);
	ATF_REQUIRE(kill(a.path[0], SIGKILL) == 0);
	t_require_exited(e1, "the exec'd sleep of the killed process");
	t_require_exited(b.path[1], "the alcove child of the killed process");
	t_require_exited(e2, "the exec'd sleep of that child");
	for (;;) {
		m = t_recv(T_AT(&a), ALCOVE_MSG_EVENT);
		if (alcove_msg_exit(m, &status) == 0)
			break;
		alcove_msg_free(m);
	}
	alcove_msg_free(m);
	ATF_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	T_EXPECT(t_want("%ld", (long)alcove_port_pid(root.h)), &root, "getpid",
	    "");
	t_stop(root.h);
	t_reap_descendants();
}

T_TC(orphans_root_killed, "SIGKILL to the root: its exec'd sleep, its "
    "alcove child blocked in select and that one's exec'd sleep all die")
ATF_TC_BODY(orphans_root_killed, tc)
{
	struct t_proc root, a;
	pid_t e0, e1, port;
	int status;

	require_parent_death_signal();
	(void)t_subreaper();
	t_proc_root(&root, tc);
	port = alcove_port_pid(root.h);
	e0 = sleeper(&root);
	t_proc_fork(&root, &a);
	e1 = sleeper(&a);
	block_in_select(&a);
	ATF_REQUIRE(kill(port, SIGKILL) == 0);
	t_require_exited(e0, "the root's exec'd sleep");
	t_require_exited(a.path[0], "the root's alcove child");
	t_require_exited(e1, "that child's exec'd sleep");
	(void)alcove_stop(root.h, &status);
	ATF_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	t_reap_descendants();
}

T_TC(orphans_client_eof, "the client closes the port while a depth-1 and a "
    "depth-2 alcove process are blocked in select: they and their exec'd "
    "sleeps end")
ATF_TC_BODY(orphans_client_eof, tc)
{
	struct t_proc root, a, b;
	pid_t e1, e2;

	require_parent_death_signal();
	(void)t_subreaper();
	t_proc_root(&root, tc);
	t_proc_fork(&root, &a);
	e1 = sleeper(&a);
	t_proc_fork(&a, &b);
	e2 = sleeper(&b);
	block_in_select(&b);
	block_in_select(&a);
	t_stop(root.h);
	t_require_exited(a.path[0], "the blocked depth-1 process");
	t_require_exited(e1, "its exec'd sleep");
	t_require_exited(b.path[1], "the blocked depth-2 process");
	t_require_exited(e2, "its exec'd sleep");
	t_reap_descendants();
}

/* STDIN payloads of whole getpid calls, and how many are sent. */
#define CALLS_PER_PAYLOAD	6666
#define PAYLOADS		360	/* about 20 MiB: over 1 + 16 MiB */

/*
 * Fill the stdin queue of c, blocked in select, with getpid calls; return
 * how many payloads the root refused with PIPE(c, 0).
 */
static int
congest(const struct t_proc *c)
{
	static unsigned char payload[CALLS_PER_PAYLOAD * 9];
	struct alcove_msg *m;
	struct t_proc root;
	size_t n = 0;
	int k, refused = 0;

	for (k = 0; k < CALLS_PER_PAYLOAD; k++)
		n += raw_call(payload + n, CALL_getpid, "\x83\x68\x00", 3);
	for (k = 0; k < PAYLOADS; k++)
		T_OK(alcove_stdin(T_AT(c), payload, n));
	/* Every refusal is reported before a reply to a later call. */
	memset(&root, 0, sizeof(root));
	root.h = c->h;
	T_EXPECT(t_want("%ld", (long)alcove_port_pid(c->h)), &root, "getpid",
	    "");
	while (alcove_recv(T_AT(c), ALCOVE_MSG_PIPE, 0, &m) == 0) {
		ATF_CHECK_EQ(m->pipe, 0);
		refused++;
		alcove_msg_free(m);
	}
	return refused;
}

/* A congested test case: a port that stops reading stalls the test. */
#define T_TC_CONGESTED(name, text)					\
	ATF_TC(name);							\
	ATF_TC_HEAD(name, tc)						\
	{								\
		atf_tc_set_md_var(tc, "descr", text);			\
		atf_tc_set_md_var(tc, "timeout", "120");		\
	}

T_TC_CONGESTED(congested_child, "more than 1 MiB, then more than 16 MiB, "
    "of calls queued for a depth-1 child blocked in select: the root still "
    "answers getpid, so does another child, the excess is refused whole "
    "with PIPE(0), kill reaches the congested child, and the client's end "
    "ends everything")
ATF_TC_BODY(congested_child, tc)
{
	struct t_proc root, c1, c2;
	struct alcove_msg *m;
	int refused, status;

	(void)t_subreaper();
	t_proc_root(&root, tc);
	t_proc_fork(&root, &c1);
	t_proc_fork(&root, &c2);
	block_in_select(&c1);
	refused = congest(&c1);
	/* All but the last payload of the first 16 MiB were taken. */
	ATF_CHECK_MSG(refused >= 1 && refused <= PAYLOADS + 1 -
	    (16 * 1024 * 1024) / (CALLS_PER_PAYLOAD * 9), "%d of %d payloads "
	    "refused", refused, PAYLOADS);
	T_EXPECT(t_want("%ld", (long)alcove_port_pid(root.h)), &root, "getpid",
	    "");
	T_EXPECT(t_want("%ld", (long)c2.path[0]), &c2, "getpid", "");
	T_EXPECT("ok", &root, "kill", "ii", (int)c1.path[0], SIGKILL);
	for (;;) {
		m = t_recv(T_AT(&c1), ALCOVE_MSG_EVENT);
		if (alcove_msg_exit(m, &status) == 0)
			break;
		alcove_msg_free(m);
	}
	alcove_msg_free(m);
	ATF_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	T_EXPECT(t_want("%ld", (long)c2.path[0]), &c2, "getpid", "");
	t_stop(root.h);
	t_require_exited(c1.path[0], "the congested child");
	t_require_exited(c2.path[0], "the other child");
	t_reap_descendants();
}

T_TC_CONGESTED(congested_child_eof, "the client closes the port while a "
    "depth-1 child blocked in select has more than 1 MiB of calls queued: "
    "the root sees the end-of-file and exits 0, and the child ends")
ATF_TC_BODY(congested_child_eof, tc)
{
	static unsigned char payload[CALLS_PER_PAYLOAD * 9];
	struct t_proc root, c1;
	size_t n = 0;
	int k;

	(void)t_subreaper();
	t_proc_root(&root, tc);
	t_proc_fork(&root, &c1);
	block_in_select(&c1);
	for (k = 0; k < CALLS_PER_PAYLOAD; k++)
		n += raw_call(payload + n, CALL_getpid, "\x83\x68\x00", 3);
	for (k = 0; k < 40; k++)	/* 2.4 MiB */
		T_OK(alcove_stdin(T_AT(&c1), payload, n));
	t_stop(root.h);
	if (!has_parent_death_signal()) {
		/* Blocked in select, it cannot see the end (alcove(8)). */
		(void)kill(c1.path[0], SIGKILL);
	}
	t_require_exited(c1.path[0], "the congested child");
	t_reap_descendants();
}

/* p's parent-death signal as prctl(PR_GET_PDEATHSIG) answers it. */
static const char *
pdeathsig_of(const struct t_proc *p)
{
	return T_TEXT(p, "prctl", "abiii", "pr_get_pdeathsig", "\0\0\0\0",
	    (size_t)4, 0, 0, 0);
}

T_TC_ROOT(parent_death_signal_kept, "a forked child has SIGHUP as its "
    "parent-death signal (Linux), and has it again after setuid, which "
    "makes the kernel clear it")
ATF_TC_BODY(parent_death_signal_kept, tc)
{
	struct t_proc root, c;
	const char *hup;

	t_require_backend("linux");
	hup = t_want("{ok,0,%s,0,0,0}", t_binary_text((unsigned char []){
	    SIGHUP, 0, 0, 0 }, 4));
	t_proc_root(&root, tc);
	T_EXPECT("{ok,0,<<0,0,0,0>>,0,0,0}", &root, "prctl", "abiii",
	    "pr_get_pdeathsig", "\0\0\0\0", (size_t)4, 0, 0, 0);
	t_proc_fork(&root, &c);
	t_compare(__LINE__, 0, "prctl", hup, pdeathsig_of(&c));
	T_EXPECT("ok", &c, "setuid", "i", 65534);
	t_compare(__LINE__, 0, "prctl", hup, pdeathsig_of(&c));
	t_stop(root.h);
	t_require_exited(c.path[0], "the child");
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, own_fds_depth0);
	ATF_TP_ADD_TC(tp, own_fds_depth1);
	ATF_TP_ADD_TC(tp, sigchld_report_overflow);
	ATF_TP_ADD_TC(tp, orphans_midtree);
	ATF_TP_ADD_TC(tp, orphans_root_killed);
	ATF_TP_ADD_TC(tp, orphans_client_eof);
	ATF_TP_ADD_TC(tp, parent_death_signal_kept);
	ATF_TP_ADD_TC(tp, congested_child);
	ATF_TP_ADD_TC(tp, congested_child_eof);
	return atf_no_error();
}
