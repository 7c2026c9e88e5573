/*
 * Events and control messages: exit_status, termsig, caught signals,
 * SIGCHLD report mode, fdctl_closed and the *_closed messages in their
 * order, and what shutdown does to exec'd children (signaloneof).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proto/calls.h"
#include "testlib.h"

/* How long a process may take to go away, or a slot to be released. */

#define MAXMSG		64

/* {Atom, Int} */
static int
is_atom_int(const struct alcove_term *t, const char *atom, int64_t n)
{
	int64_t v;

	return t != NULL && t->type == ALCOVE_TERM_TUPLE && t->n == 2 &&
	    alcove_term_atom(&t->e[0], atom) &&
	    alcove_term_int(&t->e[1], &v) == 0 && v == n;
}

/* {A, B} */
static int
is_atoms(const struct alcove_term *t, const char *a, const char *b)
{
	return t != NULL && t->type == ALCOVE_TERM_TUPLE && t->n == 2 &&
	    alcove_term_atom(&t->e[0], a) && alcove_term_atom(&t->e[1], b);
}

static int
is_ctl(const struct alcove_msg *m, const char *atom)
{
	return m->type == ALCOVE_MSG_CTL && strcmp((char *)m->data, atom) == 0;
}

static int
is_data(const struct alcove_msg *m, int type, const char *s)
{
	return m->type == type && m->len == strlen(s) &&
	    memcmp(m->data, s, m->len) == 0;
}

/* The next message for path must be the event {Atom, N}. */
static void
expect_event_int(struct alcove *h, const pid_t *path, size_t npath,
    const char *atom, int64_t n)
{
	struct alcove_msg *m = t_recv(h, path, npath, ALCOVE_MSG_ANY);

	ATF_CHECK_MSG(m->type == ALCOVE_MSG_EVENT &&
	    is_atom_int(m->term, atom, n), "expected the event {%s, %jd}, got "
	    "a message of type %d", atom, (intmax_t)n, m->type);
	alcove_msg_free(m);
}

/* The next message for path must be the event {A, B}. */
static void
expect_event_atoms(struct alcove *h, const pid_t *path, size_t npath,
    const char *a, const char *b)
{
	struct alcove_msg *m = t_recv(h, path, npath, ALCOVE_MSG_ANY);

	ATF_CHECK_MSG(m->type == ALCOVE_MSG_EVENT && is_atoms(m->term, a, b),
	    "expected the event {%s, %s}, got a message of type %d", a, b,
	    m->type);
	alcove_msg_free(m);
}

static void
expect_ctl(struct alcove *h, const pid_t *path, size_t npath,
    const char *atom)
{
	struct alcove_msg *m = t_recv(h, path, npath, ALCOVE_MSG_ANY);

	ATF_CHECK_MSG(is_ctl(m, atom), "expected CTL %s, got a message of "
	    "type %d (%s)", atom, m->type, m->type == ALCOVE_MSG_CTL ?
	    (char *)m->data : "");
	alcove_msg_free(m);
}

/* Nothing of these types is waiting for path. */
static void
expect_none(struct alcove *h, const pid_t *path, size_t npath, int types)
{
	struct alcove_msg *m = NULL;
	int err;

	err = alcove_recv(h, path, npath, types, 0, &m);
	ATF_CHECK_MSG(err == ALCOVE_ETIMEDOUT, "unexpected message of type %d",
	    m != NULL ? m->type : 0);
	alcove_msg_free(m);
}

/*
 * Two calls to the root and back: whatever the tree said before them is
 * in the library's queue now.
 */
static void
round_trip(struct alcove *h)
{
	pid_t pid;

	T_OK(alcove_getpid(h, NULL, 0, &pid));
	T_OK(alcove_getpid(h, NULL, 0, &pid));
}

/* Wait until pid has left the child table of the process at path. */
static void
await_released(struct alcove *h, const pid_t *path, size_t npath, pid_t pid)
{
	struct alcove_pid *list;
	size_t n, i;
	int waited;

	for (waited = 0; waited < T_GONE_TIMEOUT; waited += 10) {
		T_OK(alcove_cpid(h, path, npath, &list, &n));
		for (i = 0; i < n && list[i].pid != pid; i++)
			;
		free(list);
		if (i == n)
			return;
		(void)poll(NULL, 0, 10);
	}
	atf_tc_fail("pid %ld stays in the child table", (long)pid);
}

/*
 * Send a CALL built by hand as stdin data for the process at path.  No
 * library waiter is then resolved by its fdctl_closed, so that message
 * shows among the others, in its place.
 */
static void
send_call(struct alcove *h, const pid_t *path, size_t npath, int call,
    const unsigned char *args, size_t len)
{
	unsigned char msg[4096];

	ATF_REQUIRE(len + 6 <= sizeof(msg));
	msg[0] = (unsigned char)((len + 4) >> 8);
	msg[1] = (unsigned char)(len + 4);
	msg[2] = 0x00;
	msg[3] = 0x04;
	msg[4] = (unsigned char)(call >> 8);
	msg[5] = (unsigned char)call;
	memcpy(msg + 6, args, len);
	T_OK(alcove_stdin(h, path, npath, msg, len + 6));
}

static size_t
put_binary(unsigned char *p, const char *s)
{
	size_t len = strlen(s);

	p[0] = 0x6d;
	(void)t_put32(p + 1, (uint32_t)len);
	memcpy(p + 5, s, len);
	return 5 + len;
}

/* execvp(Argv[0], Argv) */
static void
send_execvp(struct alcove *h, const pid_t *path, size_t npath,
    char *const argv[])
{
	unsigned char args[2048];
	size_t n = 0, k, argc;

	for (argc = 0; argv[argc] != NULL; argc++)
		;
	args[n++] = 0x83;
	args[n++] = 0x68;
	args[n++] = 2;
	n += put_binary(args + n, argv[0]);
	args[n++] = 0x6c;
	n += t_put32(args + n, (uint32_t)argc);
	for (k = 0; k < argc; k++)
		n += put_binary(args + n, argv[k]);
	args[n++] = 0x6a;
	send_call(h, path, npath, CALL_execvp, args, n);
}

/* exit(Status) */
static void
send_exit(struct alcove *h, const pid_t *path, size_t npath, int status)
{
	unsigned char args[8] = { 0x83, 0x68, 0x01, 0x62 };

	(void)t_put32(args + 4, (uint32_t)status);
	send_call(h, path, npath, CALL_exit, args, 8);
}

/* Every message for path up to and including its exit event. */
static size_t
collect(struct alcove *h, const pid_t *path, size_t npath,
    struct alcove_msg **m)
{
	size_t n = 0;
	int st;

	do {
		ATF_REQUIRE_MSG(n < MAXMSG, "too many messages");
		m[n] = t_recv(h, path, npath, ALCOVE_MSG_ANY);
	} while (alcove_msg_exit(m[n++], &st) != 0);
	return n;
}

/* Where the first message matching the test is, or -1. */
static int
find(struct alcove_msg **m, size_t n, int type, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (type == ALCOVE_MSG_CTL ? is_ctl(m[i], s) :
		    is_data(m[i], type, s))
			return (int)i;
	}
	return -1;
}

static void
free_msgs(struct alcove_msg **m, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		alcove_msg_free(m[i]);
}

/* The siginfo_t of a {signal, Name, Info} event, checked for shape. */
static void
signal_info(const struct alcove_msg *m, const char *name, siginfo_t *si)
{
	const struct alcove_term *t = m->term;

	ATF_REQUIRE_MSG(m->type == ALCOVE_MSG_EVENT && t != NULL &&
	    t->type == ALCOVE_TERM_TUPLE && t->n == 3 &&
	    alcove_term_atom(&t->e[0], "signal") &&
	    alcove_term_atom(&t->e[1], name) &&
	    t->e[2].type == ALCOVE_TERM_BINARY, "expected {signal, %s, Info}",
	    name);
	ATF_REQUIRE_EQ_MSG(t->e[2].len, sizeof(*si), "siginfo of %zu bytes",
	    t->e[2].len);
	memcpy(si, t->e[2].data, sizeof(*si));
}

/* ---- the cases ---- */

ATF_TC(exit_status);
ATF_TC_HEAD(exit_status, tc)
{
	atf_tc_set_md_var(tc, "descr", "exit(0), exit(7), exit(255) and "
	    "exit(263) give {exit_status, 0 | 7 | 255 | 7}");
}
ATF_TC_BODY(exit_status, tc)
{
	static const int code[] = { 0, 7, 255, 263 };
	struct alcove *h = t_start(tc);
	size_t i;
	pid_t c;

	for (i = 0; i < sizeof(code) / sizeof(code[0]); i++) {
		T_OK(alcove_fork(h, NULL, 0, &c));
		T_OK(alcove_exit(h, &c, 1, code[i]));
		expect_event_int(h, &c, 1, "exit_status", code[i] & 0xff);
	}
	t_stop(h);
}

ATF_TC(termsig);
ATF_TC_HEAD(termsig, tc)
{
	atf_tc_set_md_var(tc, "descr", "kill of exec'd children with SIGKILL, "
	    "SIGTERM and a real-time signal gives {termsig, sigkill}, "
	    "{termsig, sigterm} and {termsig, unknown}");
}
ATF_TC_BODY(termsig, tc)
{
	struct alcove *h = t_start(tc);
	char *argv[] = { "sleep", "30", NULL };
	pid_t c[2];

	T_OK(alcove_fork(h, NULL, 0, &c[0]));
	T_OK(alcove_execvp(h, &c[0], 1, "sleep", argv));
	T_OK(alcove_fork(h, NULL, 0, &c[1]));
	T_OK(alcove_execvp(h, &c[1], 1, "sleep", argv));
	T_OK(alcove_kill(h, NULL, 0, c[0], SIGKILL));
	expect_event_atoms(h, &c[0], 1, "termsig", "sigkill");
	T_OK(alcove_kill(h, NULL, 0, c[1], SIGTERM));
	expect_event_atoms(h, &c[1], 1, "termsig", "sigterm");
#ifdef SIGRTMIN
	/*
	 * A signal with no name in the table is "unknown"
	 * (alcove-protocol(5), Signal names).
	 */
	T_OK(alcove_fork(h, NULL, 0, &c[0]));
	T_OK(alcove_execvp(h, &c[0], 1, "sleep", argv));
	T_OK(alcove_kill(h, NULL, 0, c[0], SIGRTMIN + 6));
	expect_event_atoms(h, &c[0], 1, "termsig", "unknown");
#endif
	t_stop(h);
}

ATF_TC(exit_status_off);
ATF_TC_HEAD(exit_status_off, tc)
{
	atf_tc_set_md_var(tc, "descr", "with setopt(exit_status, 0) a child "
	    "that exits is released without an event; 1 brings it back");
}
ATF_TC_BODY(exit_status_off, tc)
{
	struct alcove *h = t_start(tc);
	pid_t c;
	int v;

	T_OK(alcove_setopt(h, NULL, 0, "exit_status", 0));
	T_OK(alcove_getopt(h, NULL, 0, "exit_status", &v));
	ATF_CHECK_EQ(v, 0);
	T_OK(alcove_fork(h, NULL, 0, &c));
	T_OK(alcove_exit(h, &c, 1, 7));
	await_released(h, NULL, 0, c);
	expect_none(h, &c, 1, ALCOVE_MSG_ANY);

	T_OK(alcove_setopt(h, NULL, 0, "exit_status", 1));
	T_OK(alcove_fork(h, NULL, 0, &c));
	T_OK(alcove_exit(h, &c, 1, 7));
	expect_event_int(h, &c, 1, "exit_status", 7);
	t_stop(h);
}

ATF_TC(termsig_off);
ATF_TC_HEAD(termsig_off, tc)
{
	atf_tc_set_md_var(tc, "descr", "with setopt(termsig, 0) a killed "
	    "child is released without an event; 1 brings it back");
}
ATF_TC_BODY(termsig_off, tc)
{
	struct alcove *h = t_start(tc);
	char *argv[] = { "sleep", "30", NULL };
	pid_t c;
	int v;

	T_OK(alcove_setopt(h, NULL, 0, "termsig", 0));
	T_OK(alcove_getopt(h, NULL, 0, "termsig", &v));
	ATF_CHECK_EQ(v, 0);
	T_OK(alcove_fork(h, NULL, 0, &c));
	T_OK(alcove_execvp(h, &c, 1, "sleep", argv));
	T_OK(alcove_kill(h, NULL, 0, c, SIGKILL));
	await_released(h, NULL, 0, c);
	expect_none(h, &c, 1, ALCOVE_MSG_ANY);

	T_OK(alcove_setopt(h, NULL, 0, "termsig", 1));
	T_OK(alcove_fork(h, NULL, 0, &c));
	T_OK(alcove_execvp(h, &c, 1, "sleep", argv));
	T_OK(alcove_kill(h, NULL, 0, c, SIGKILL));
	expect_event_atoms(h, &c, 1, "termsig", "sigkill");
	t_stop(h);
}

ATF_TC(signal_caught);
ATF_TC_HEAD(signal_caught, tc)
{
	atf_tc_set_md_var(tc, "descr", "SIGUSR1 to an alcove child and to "
	    "the root gives {signal, sigusr1, Info} with the raw siginfo_t, "
	    "and the process lives on");
}
ATF_TC_BODY(signal_caught, tc)
{
	struct alcove *h = t_start(tc);
	struct alcove_msg *m;
	siginfo_t si;
	pid_t c, pid;

	T_OK(alcove_fork(h, NULL, 0, &c));
	T_OK(alcove_kill(h, NULL, 0, c, SIGUSR1));
	m = t_recv(h, &c, 1, ALCOVE_MSG_ANY);
	signal_info(m, "sigusr1", &si);
	alcove_msg_free(m);
	ATF_CHECK_EQ(si.si_signo, SIGUSR1);
	ATF_CHECK_EQ(si.si_code, SI_USER);
	ATF_CHECK_EQ(si.si_pid, alcove_port_pid(h));
	T_OK(alcove_getpid(h, &c, 1, &pid));
	ATF_CHECK_EQ(pid, c);

	/* The root reports its own signals on the empty path. */
	ATF_REQUIRE(kill(alcove_port_pid(h), SIGUSR1) == 0);
	m = t_recv(h, NULL, 0, ALCOVE_MSG_ANY);
	signal_info(m, "sigusr1", &si);
	alcove_msg_free(m);
	ATF_CHECK_EQ(si.si_signo, SIGUSR1);
	ATF_CHECK_EQ(si.si_code, SI_USER);
	ATF_CHECK_EQ(si.si_pid, getpid());
	T_OK(alcove_getpid(h, NULL, 0, &pid));
	ATF_CHECK_EQ(pid, alcove_port_pid(h));

#ifdef SIGRTMIN
	/* A real-time signal is caught too, and named unknown. */
	T_OK(alcove_kill(h, NULL, 0, c, SIGRTMIN + 6));
	m = t_recv(h, &c, 1, ALCOVE_MSG_ANY);
	signal_info(m, "unknown", &si);
	alcove_msg_free(m);
	ATF_CHECK_EQ(si.si_signo, SIGRTMIN + 6);
#endif

	/* An alcove process survives SIGTERM too. */
	T_OK(alcove_kill(h, NULL, 0, c, SIGTERM));
	m = t_recv(h, &c, 1, ALCOVE_MSG_ANY);
	signal_info(m, "sigterm", &si);
	alcove_msg_free(m);
	ATF_CHECK_EQ(si.si_signo, SIGTERM);
	T_OK(alcove_getpid(h, &c, 1, &pid));
	ATF_CHECK_EQ(pid, c);
	t_stop(h);
}

ATF_TC(signal_ign_dfl);
ATF_TC_HEAD(signal_ign_dfl, tc)
{
	atf_tc_set_md_var(tc, "descr", "after sigaction(sigusr1, sig_ign) "
	    "SIGUSR1 gives no event and the child lives; after sig_dfl it "
	    "dies with {termsig, sigusr1}");
}
ATF_TC_BODY(signal_ign_dfl, tc)
{
	struct alcove *h = t_start(tc);
	pid_t c, pid;
	int old;

	T_OK(alcove_fork(h, NULL, 0, &c));
	T_OK(alcove_sigaction(h, &c, 1, SIGUSR1, ALCOVE_SIG_IGN, &old));
	ATF_CHECK_EQ(old, ALCOVE_SIG_INFO);
	T_OK(alcove_kill(h, NULL, 0, c, SIGUSR1));
	/* The signal is pending before the kill call answers: two round
	 * trips through the child and any event it made has arrived. */
	T_OK(alcove_getpid(h, &c, 1, &pid));
	T_OK(alcove_getpid(h, &c, 1, &pid));
	ATF_CHECK_EQ(pid, c);
	expect_none(h, &c, 1, ALCOVE_MSG_ANY);

	T_OK(alcove_sigaction(h, &c, 1, SIGUSR1, ALCOVE_SIG_DFL, &old));
	ATF_CHECK_EQ(old, ALCOVE_SIG_IGN);
	T_OK(alcove_kill(h, NULL, 0, c, SIGUSR1));
	expect_ctl(h, &c, 1, "fdctl_closed");
	expect_event_atoms(h, &c, 1, "termsig", "sigusr1");
	t_stop(h);
}

ATF_TC(sigchld_report);
ATF_TC_HEAD(sigchld_report, tc)
{
	atf_tc_set_md_var(tc, "descr", "with sigaction(sigchld, sig_info) a "
	    "child's exit gives fdctl_closed and {signal, sigchld, Info}, no "
	    "exit_status, and waitpid(-1, 0) reaps it (alcove-protocol(5), "
	    "SIGCHLD modes)");
}
ATF_TC_BODY(sigchld_report, tc)
{
	struct alcove *h = t_start(tc);
	struct alcove_term *t;
	struct alcove_pid *list;
	struct alcove_msg *m;
	const struct alcove_term *info;
	siginfo_t si;
	int64_t v;
	size_t n;
	pid_t c;
	int old, k, ctl, sig;

	T_OK(alcove_sigaction(h, NULL, 0, SIGCHLD, ALCOVE_SIG_INFO, &old));
	ATF_CHECK_EQ(old, ALCOVE_SIG_DFL);
	T_OK(alcove_fork(h, NULL, 0, &c));
	send_exit(h, &c, 1, 5);

	/*
	 * The next two messages, whatever their path: fdctl_closed for the
	 * child and {signal, sigchld, Info} from the root.  Upstream was
	 * observed to send them in this order, but the loop reads the signal
	 * pipe before the children's descriptors
	 * (alcove-protocol(5), Event loop), so when both are
	 * ready in one iteration the event comes first: either order.
	 */
	for (k = 0, ctl = sig = 0; k < 2; k++) {
		m = t_recv(h, NULL, 0, ALCOVE_MSG_ANY);
		if (m->npath == 1 && m->path[0] == c &&
		    is_ctl(m, "fdctl_closed"))
			ctl++;
		else if (m->npath == 0) {
			signal_info(m, "sigchld", &si);
			sig++;
		} else
			atf_tc_fail("unexpected message of type %d", m->type);
		alcove_msg_free(m);
	}
	ATF_REQUIRE(ctl == 1 && sig == 1);
	ATF_CHECK_EQ(si.si_signo, SIGCHLD);
	ATF_CHECK_EQ(si.si_code, CLD_EXITED);
	ATF_CHECK_EQ(si.si_pid, c);
	ATF_CHECK_EQ(si.si_status, 5);

	/* Nothing is reaped: no exit event, the slot stays. */
	round_trip(h);
	expect_none(h, &c, 1, ALCOVE_MSG_EVENT);
	T_OK(alcove_cpid(h, NULL, 0, &list, &n));
	ATF_CHECK_EQ(n, 1);
	free(list);

	/* {ok, Pid, 1280, [{exit_status, 5}]} */
	T_OK(alcove_call(h, NULL, 0, alcove_call_number("waitpid"),
	    ALCOVE_DEFAULT, &t, "ii", -1, 0));
	ATF_REQUIRE_MSG(t->type == ALCOVE_TERM_TUPLE && t->n == 4 &&
	    alcove_term_atom(&t->e[0], "ok"), "waitpid: not {ok, _, _, _}");
	ATF_CHECK(alcove_term_int(&t->e[1], &v) == 0 && v == c);
	ATF_CHECK(alcove_term_int(&t->e[2], &v) == 0 && v == 5 << 8);
	info = &t->e[3];
	ATF_CHECK_MSG(info->type == ALCOVE_TERM_LIST && info->n == 1 &&
	    is_atom_int(&info->e[0], "exit_status", 5),
	    "waitpid info is not [{exit_status, 5}]");
	alcove_term_free(t);
	/* waitpid cleared the slot; still no event. */
	T_OK(alcove_cpid(h, NULL, 0, &list, &n));
	ATF_CHECK_EQ(n, 0);
	free(list);
	expect_none(h, &c, 1, ALCOVE_MSG_ANY);

	/* Back to reaping. */
	T_OK(alcove_sigaction(h, NULL, 0, SIGCHLD, ALCOVE_SIG_DFL, &old));
	ATF_CHECK_EQ(old, ALCOVE_SIG_INFO);
	T_OK(alcove_fork(h, NULL, 0, &c));
	T_OK(alcove_exit(h, &c, 1, 3));
	expect_event_int(h, &c, 1, "exit_status", 3);
	round_trip(h);
	expect_none(h, NULL, 0, ALCOVE_MSG_ANY);
	t_stop(h);
}

/*
 * The order of one child's messages (alcove-protocol(5), Child exit):
 * fdctl_closed first; each stream's data before its *_closed; stdin_closed
 * immediately before the exit event.  The streams reach end-of-file when the
 * shell exits, so here their data and *_closed also come before stdin_closed
 * (step 2 before step 3 there).
 */
ATF_TC(ctl_order);
ATF_TC_HEAD(ctl_order, tc)
{
	atf_tc_set_md_var(tc, "descr", "with the *_closed options on, a shell "
	    "writing err, out and exiting 7 gives 7 messages: fdctl_closed "
	    "first, then each stream's data before its *_closed (the two "
	    "streams in either order), then stdin_closed, {exit_status, 7}");
}
ATF_TC_BODY(ctl_order, tc)
{
	struct alcove *h = t_start(tc);
	char *argv[] = { "/bin/sh", "-c", "echo err >&2; echo out; exit 7",
	    NULL };
	struct alcove_msg *m[MAXMSG];
	int err, out, errc, outc, inc;
	size_t n;
	pid_t c;

	T_OK(alcove_setopt(h, NULL, 0, "stdin_closed", 1));
	T_OK(alcove_setopt(h, NULL, 0, "stdout_closed", 1));
	T_OK(alcove_setopt(h, NULL, 0, "stderr_closed", 1));
	T_OK(alcove_fork(h, NULL, 0, &c));
	send_execvp(h, &c, 1, argv);
	n = collect(h, &c, 1, m);

	ATF_REQUIRE_EQ_MSG(n, 7, "%zu messages", n);
	ATF_CHECK(is_ctl(m[0], "fdctl_closed"));
	err = find(m, n, ALCOVE_MSG_STDERR, "err\n");
	out = find(m, n, ALCOVE_MSG_STDOUT, "out\n");
	errc = find(m, n, ALCOVE_MSG_CTL, "stderr_closed");
	outc = find(m, n, ALCOVE_MSG_CTL, "stdout_closed");
	inc = find(m, n, ALCOVE_MSG_CTL, "stdin_closed");
	ATF_CHECK_MSG(err > 0 && errc > err, "stderr: data at %d, closed "
	    "at %d", err, errc);
	ATF_CHECK_MSG(out > 0 && outc > out, "stdout: data at %d, closed "
	    "at %d", out, outc);
	ATF_CHECK_EQ(inc, 5);
	ATF_CHECK(is_atom_int(m[6]->term, "exit_status", 7));
	free_msgs(m, n);

	await_released(h, NULL, 0, c);
	expect_none(h, &c, 1, ALCOVE_MSG_ANY);
	t_stop(h);
}

ATF_TC(ctl_order_off);
ATF_TC_HEAD(ctl_order_off, tc)
{
	atf_tc_set_md_var(tc, "descr", "with the *_closed options off (the "
	    "default) the same shell gives fdctl_closed, the data and "
	    "{exit_status, 7} only");
}
ATF_TC_BODY(ctl_order_off, tc)
{
	struct alcove *h = t_start(tc);
	char *argv[] = { "/bin/sh", "-c", "echo err >&2; echo out; exit 7",
	    NULL };
	struct alcove_msg *m[MAXMSG];
	size_t n;
	pid_t c;
	int v;

	T_OK(alcove_getopt(h, NULL, 0, "stdin_closed", &v));
	ATF_CHECK_EQ(v, 0);
	T_OK(alcove_getopt(h, NULL, 0, "stdout_closed", &v));
	ATF_CHECK_EQ(v, 0);
	T_OK(alcove_getopt(h, NULL, 0, "stderr_closed", &v));
	ATF_CHECK_EQ(v, 0);
	T_OK(alcove_fork(h, NULL, 0, &c));
	send_execvp(h, &c, 1, argv);
	n = collect(h, &c, 1, m);

	ATF_REQUIRE_EQ_MSG(n, 4, "%zu messages", n);
	ATF_CHECK(is_ctl(m[0], "fdctl_closed"));
	ATF_CHECK(find(m, n, ALCOVE_MSG_STDERR, "err\n") > 0);
	ATF_CHECK(find(m, n, ALCOVE_MSG_STDOUT, "out\n") > 0);
	ATF_CHECK(is_atom_int(m[3]->term, "exit_status", 7));
	free_msgs(m, n);

	await_released(h, NULL, 0, c);
	expect_none(h, &c, 1, ALCOVE_MSG_ANY);
	t_stop(h);
}

ATF_TC(ctl_exit);
ATF_TC_HEAD(ctl_exit, tc)
{
	atf_tc_set_md_var(tc, "descr", "an alcove child that calls exit(3), "
	    "with the *_closed options on: fdctl_closed first, stdin_closed "
	    "then {exit_status, 3} last");
}
ATF_TC_BODY(ctl_exit, tc)
{
	struct alcove *h = t_start(tc);
	struct alcove_msg *m[MAXMSG];
	size_t n;
	pid_t c;

	T_OK(alcove_setopt(h, NULL, 0, "stdin_closed", 1));
	T_OK(alcove_setopt(h, NULL, 0, "stdout_closed", 1));
	T_OK(alcove_setopt(h, NULL, 0, "stderr_closed", 1));
	T_OK(alcove_fork(h, NULL, 0, &c));
	send_exit(h, &c, 1, 3);
	n = collect(h, &c, 1, m);

	ATF_REQUIRE_EQ_MSG(n, 5, "%zu messages", n);
	ATF_CHECK(is_ctl(m[0], "fdctl_closed"));
	ATF_CHECK(find(m, n, ALCOVE_MSG_CTL, "stdout_closed") > 0);
	ATF_CHECK(find(m, n, ALCOVE_MSG_CTL, "stderr_closed") > 0);
	ATF_CHECK_EQ(find(m, n, ALCOVE_MSG_CTL, "stdin_closed"), 3);
	ATF_CHECK(is_atom_int(m[4]->term, "exit_status", 3));
	free_msgs(m, n);
	t_stop(h);
}

ATF_TC(background_output);
ATF_TC_HEAD(background_output, tc)
{
	atf_tc_set_md_var(tc, "descr", "sh -c \"(sleep 1; echo late) & echo "
	    "early; exit 4\": early, {exit_status, 4}, then late, and "
	    "stdout_closed only after late; stdin to the child is dropped "
	    "until its slot is released, then badpid (alcove-protocol(5), "
	    "Child exit)");
}
ATF_TC_BODY(background_output, tc)
{
	struct alcove *h = t_start(tc);
	char *argv[] = { "/bin/sh", "-c",
	    "(sleep 1; echo late) & echo early; exit 4", NULL };
	struct alcove_msg *m[MAXMSG];
	struct alcove_pid *list;
	size_t n, k;
	int early, in, late, outc, errc;
	pid_t c;

	T_OK(alcove_setopt(h, NULL, 0, "stdin_closed", 1));
	T_OK(alcove_setopt(h, NULL, 0, "stdout_closed", 1));
	T_OK(alcove_setopt(h, NULL, 0, "stderr_closed", 1));
	T_OK(alcove_fork(h, NULL, 0, &c));
	send_execvp(h, &c, 1, argv);
	n = collect(h, &c, 1, m);
	early = find(m, n, ALCOVE_MSG_STDOUT, "early\n");
	in = find(m, n, ALCOVE_MSG_CTL, "stdin_closed");
	ATF_CHECK(is_ctl(m[0], "fdctl_closed"));
	ATF_CHECK_MSG(early > 0, "early did not come before the exit");
	ATF_CHECK_MSG(in >= 0 && (size_t)in == n - 2,
	    "stdin_closed is not right before the exit event");
	ATF_CHECK(is_atom_int(m[n - 1]->term, "exit_status", 4));
	ATF_CHECK_EQ(find(m, n, ALCOVE_MSG_CTL, "stdout_closed"), -1);
	free_msgs(m, n);

	/* The background shell still holds stdout: the slot stays. */
	T_OK(alcove_cpid(h, NULL, 0, &list, &n));
	ATF_CHECK_MSG(n == 1 && list[0].pid == c, "the child left the table "
	    "before its output ended");
	free(list);
	/* Until the slot is released, stdin to it is dropped silently. */
	T_OK(alcove_stdin(h, &c, 1, "x\n", 2));
	round_trip(h);
	expect_none(h, &c, 1, ALCOVE_MSG_CTL | ALCOVE_MSG_PIPE);

	/* late, then both streams close; in any order but late first. */
	for (n = 0, outc = errc = late = -1; outc < 0 || errc < 0; n++) {
		ATF_REQUIRE(n < MAXMSG);
		m[n] = t_recv(h, &c, 1, ALCOVE_MSG_ANY);
		if (is_data(m[n], ALCOVE_MSG_STDOUT, "late\n"))
			late = (int)n;
		else if (is_ctl(m[n], "stdout_closed"))
			outc = (int)n;
		else if (is_ctl(m[n], "stderr_closed"))
			errc = (int)n;
		else
			atf_tc_fail("unexpected message of type %d",
			    m[n]->type);
	}
	ATF_CHECK_MSG(late >= 0 && outc > late, "late at %d, stdout_closed "
	    "at %d", late, outc);
	for (k = 0; k < n; k++)
		alcove_msg_free(m[k]);
	await_released(h, NULL, 0, c);
	expect_none(h, &c, 1, ALCOVE_MSG_ANY);
	/* After the release, stdin to it is answered badpid. */
	T_OK(alcove_stdin(h, &c, 1, "x\n", 2));
	expect_ctl(h, &c, 1, "badpid");
	t_stop(h);
}

/* Read the child's stdout up to a newline. */
static void
read_line(struct alcove *h, const pid_t *path, size_t npath, char *buf,
    size_t size)
{
	struct alcove_msg *m;
	size_t len = 0;

	while (len == 0 || buf[len - 1] != '\n') {
		m = t_recv(h, path, npath, ALCOVE_MSG_STDOUT);
		ATF_REQUIRE(len + m->len < size);
		memcpy(buf + len, m->data, m->len);
		len += m->len;
		alcove_msg_free(m);
	}
	buf[len] = '\0';
}

ATF_TC(signaloneof);
ATF_TC_HEAD(signaloneof, tc)
{
	atf_tc_set_md_var(tc, "descr", "when the port's stdin closes, exec'd "
	    "children of the root and of a depth-1 child get their "
	    "signaloneof signal (15, 9, none), a new session as a group, and "
	    "nothing else is left running (alcove-protocol(5), SHUTDOWN)");
}
ATF_TC_BODY(signaloneof, tc)
{
	struct alcove *h = t_start(tc);
	char *sleeper[] = { "sleep", "30", NULL };
	char *stubborn[] = { "/bin/sh", "-c",
	    "trap '' TERM; echo ready; exec sleep 30", NULL };
	char *group[] = { "/bin/sh", "-c", "sleep 30 & echo $!; wait", NULL };
	struct alcove_pid *list;
	pid_t e1, e2, e3, e4, a[2], g, s, sid;
	char line[64];
	size_t n, i;

	/* Default signal 15. */
	T_OK(alcove_fork(h, NULL, 0, &e1));
	T_OK(alcove_execvp(h, &e1, 1, "sleep", sleeper));
	/* 9 kills a program that ignores SIGTERM. */
	T_OK(alcove_fork(h, NULL, 0, &e2));
	T_OK(alcove_setcpid(h, NULL, 0, e2, "signaloneof", 9));
	T_OK(alcove_execvp(h, &e2, 1, "/bin/sh", stubborn));
	read_line(h, &e2, 1, line, sizeof(line));
	ATF_CHECK_STREQ(line, "ready\n");
	/* 0 sends nothing: a plain sleep survives.  It is 0 from the fork
	 * on, so the program has no parent-death signal either. */
	T_OK(alcove_setopt(h, NULL, 0, "signaloneof", 0));
	T_OK(alcove_fork(h, NULL, 0, &e3));
	T_OK(alcove_setopt(h, NULL, 0, "signaloneof", 15));
	T_OK(alcove_execvp(h, &e3, 1, "sleep", sleeper));
	/* 15 does not kill a program that ignores it. */
	T_OK(alcove_fork(h, NULL, 0, &e4));
	T_OK(alcove_execvp(h, &e4, 1, "/bin/sh", stubborn));
	read_line(h, &e4, 1, line, sizeof(line));
	ATF_CHECK_STREQ(line, "ready\n");
	/* An exec'd child of a depth-1 alcove process. */
	T_OK(alcove_fork(h, NULL, 0, &a[0]));
	T_OK(alcove_fork(h, a, 1, &a[1]));
	T_OK(alcove_execvp(h, a, 2, "sleep", sleeper));
	/* A session leader: the signal goes to its whole group. */
	T_OK(alcove_fork(h, NULL, 0, &g));
	T_OK(alcove_setsid(h, &g, 1, &sid));
	ATF_CHECK_EQ(sid, g);
	T_OK(alcove_execvp(h, &g, 1, "/bin/sh", group));
	read_line(h, &g, 1, line, sizeof(line));
	s = (pid_t)strtol(line, NULL, 10);
	ATF_REQUIRE_MSG(s > 0, "no pid from the shell: %s", line);

	T_OK(alcove_cpid(h, NULL, 0, &list, &n));
	for (i = 0; i < n; i++) {
		if (list[i].pid == e2)
			ATF_CHECK_EQ(list[i].signaloneof, 9);
		else if (list[i].pid == e3)
			ATF_CHECK_EQ(list[i].signaloneof, 0);
		else
			ATF_CHECK_EQ(list[i].signaloneof, 15);
	}
	ATF_CHECK_EQ(n, 6);
	free(list);

	t_stop(h);
	t_require_exited(e1, "the child with signaloneof 15");
	t_require_exited(e2, "the child with signaloneof 9");
	t_require_exited(a[1], "the exec'd child of the depth-1 process");
	t_require_exited(a[0], "the depth-1 process");
	t_require_exited(g, "the session leader");
	t_require_exited(s, "the session leader's background sleep");
	/* By now a signal sent to the survivors would have arrived. */
	ATF_CHECK_MSG(!t_exited(e3), "the child with signaloneof 0 died");
	ATF_CHECK_MSG(!t_exited(e4), "the child ignoring SIGTERM died");
	(void)kill(e3, SIGKILL);
	(void)kill(e4, SIGKILL);
	t_require_exited(e3, "the child with signaloneof 0, killed");
	t_require_exited(e4, "the child ignoring SIGTERM, killed");
}

ATF_TC(signaloneof_default_zero);
ATF_TC_HEAD(signaloneof_default_zero, tc)
{
	atf_tc_set_md_var(tc, "descr", "with the process default "
	    "setopt(signaloneof, 0), shutdown signals no child, not even one "
	    "whose own value is 15; a depth-1 process forked before keeps "
	    "15 and signals its own (alcove-protocol(5), SHUTDOWN)");
}
ATF_TC_BODY(signaloneof_default_zero, tc)
{
	struct alcove *h = t_start(tc);
	char *argv[] = { "sleep", "30", NULL };
	struct alcove_pid *list;
	pid_t e, a[2];
	size_t n;
	int v;

	/* Forked with 0, so that the program has no parent-death signal,
	 * then given 15 of its own. */
	T_OK(alcove_setopt(h, NULL, 0, "signaloneof", 0));
	T_OK(alcove_fork(h, NULL, 0, &e));
	T_OK(alcove_setcpid(h, NULL, 0, e, "signaloneof", 15));
	T_OK(alcove_execvp(h, &e, 1, "sleep", argv));
	T_OK(alcove_setopt(h, NULL, 0, "signaloneof", 15));
	t_fork_chain(h, a, 0, 2);
	T_OK(alcove_execvp(h, a, 2, "sleep", argv));
	T_OK(alcove_setopt(h, NULL, 0, "signaloneof", 0));
	T_OK(alcove_getopt(h, a, 1, "signaloneof", &v));
	ATF_CHECK_EQ(v, 15);
	T_OK(alcove_cpid(h, NULL, 0, &list, &n));
	ATF_REQUIRE_EQ(n, 2);
	ATF_CHECK_EQ(list[0].pid, e);
	ATF_CHECK_EQ(list[0].signaloneof, 15);
	free(list);
	t_stop(h);
	/* The root exited first, then the depth-1 process signalled. */
	t_require_exited(a[1], "the exec'd child of the depth-1 process");
	ATF_CHECK_MSG(!t_exited(e), "the root's child was signalled");
	(void)kill(e, SIGKILL);
	t_require_exited(e, "the surviving child, killed");
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, exit_status);
	ATF_TP_ADD_TC(tp, termsig);
	ATF_TP_ADD_TC(tp, exit_status_off);
	ATF_TP_ADD_TC(tp, termsig_off);
	ATF_TP_ADD_TC(tp, signal_caught);
	ATF_TP_ADD_TC(tp, signal_ign_dfl);
	ATF_TP_ADD_TC(tp, sigchld_report);
	ATF_TP_ADD_TC(tp, ctl_order);
	ATF_TP_ADD_TC(tp, ctl_order_off);
	ATF_TP_ADD_TC(tp, ctl_exit);
	ATF_TP_ADD_TC(tp, background_output);
	ATF_TP_ADD_TC(tp, signaloneof);
	ATF_TP_ADD_TC(tp, signaloneof_default_zero);
	return atf_no_error();
}
