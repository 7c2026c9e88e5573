/*
 * Owners, links and monitors (alcove_owner(3)): who gets a child's output
 * and events, what closing an owner does to linked and unlinked children,
 * monitors, bounded queues with flow control, and a client that dies.
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

/* Run a shell command in the process at path. */
static void
sh(struct alcove *h, const pid_t *path, size_t npath, const char *cmd)
{
	char *argv[] = { "/bin/sh", "-c", (char *)cmd, NULL };

	T_OK(alcove_execvp(h, path, npath, "/bin/sh", argv));
}

/*
 * What an owner got up to and including the exit event of pid: stdout,
 * stderr, and the event as text; every message must be from pid.
 */
struct got {
	char	out[256];
	char	err[256];
	char	event[64];
	int	nctl;
};

static void
collect(struct alcove_owner *o, pid_t pid, struct got *g)
{
	struct alcove_msg *m;
	char *dst;
	int done = 0;

	memset(g, 0, sizeof(*g));
	while (!done) {
		T_OK(alcove_owner_recv(o, ALCOVE_MSG_ANY, T_TIMEOUT, &m));
		ATF_REQUIRE_EQ(m->npath >= 1 ? m->path[m->npath - 1] : 0, pid);
		switch (m->type) {
		case ALCOVE_MSG_STDOUT:
		case ALCOVE_MSG_STDERR:
			dst = m->type == ALCOVE_MSG_STDOUT ? g->out : g->err;
			ATF_REQUIRE(strlen(dst) + m->len < sizeof(g->out));
			strncat(dst, (char *)m->data, m->len);
			break;
		case ALCOVE_MSG_CTL:
			g->nctl++;
			break;
		case ALCOVE_MSG_EVENT:
			(void)snprintf(g->event, sizeof(g->event), "%s",
			    t_term_text(m->term));
			done = 1;
			break;
		}
		alcove_msg_free(m);
	}
}

/* Nothing of these types for the owner (or the default one) right now. */
static void
expect_nothing(struct alcove_owner *o, int types, int ms)
{
	struct alcove_msg *m = NULL;
	int err;

	err = alcove_owner_recv(o, types, ms, &m);
	ATF_CHECK_MSG(err == ALCOVE_ETIMEDOUT, "got a message of type %d: %s",
	    m != NULL ? m->type : 0, err == 0 ? (m->term != NULL ?
	    t_term_text(m->term) : (char *)m->data) : alcove_strerror(err));
	alcove_msg_free(m);
}

/* The signaloneof of child pid in the port's child table. */
static int
signaloneof(struct alcove *h, pid_t pid)
{
	struct alcove_pid *list;
	size_t n, i;
	int v = -100;

	T_OK(alcove_cpid(h, NULL, 0, &list, &n));
	for (i = 0; i < n; i++)
		if (list[i].pid == pid)
			v = list[i].signaloneof;
	free(list);
	return v;
}

T_TC(owned_output, "a child forked through an owner sends its stdout, "
    "stderr and exit status to that owner and nothing to the default one");
ATF_TC_BODY(owned_output, tc)
{
	struct alcove *h = t_start(tc);
	struct alcove_owner *a;
	struct got g;
	pid_t c;

	T_OK(alcove_owner_new(h, &a));
	T_OK(alcove_owner_fork(a, NULL, 0, ALCOVE_DEFAULT, ALCOVE_LINK, &c));
	sh(h, &c, 1, "echo out; echo err >&2; exit 3");
	collect(a, c, &g);
	ATF_CHECK_STREQ(g.out, "out\n");
	ATF_CHECK_STREQ(g.err, "err\n");
	ATF_CHECK_STREQ(g.event, "{exit_status,3}");
	expect_nothing(alcove_owner_default(h), ALCOVE_MSG_ANY, 100);
	T_OK(alcove_owner_close(a));
	T_ERR(ALCOVE_EINVAL, alcove_owner_close(alcove_owner_default(h)));
	T_ERR(ALCOVE_EINVAL, alcove_owner_fork(alcove_owner_default(h), NULL,
	    0, ALCOVE_DEFAULT, 0x40, &c));
	t_stop(h);
}

T_TC(give, "ownership handed to another owner, and to the default owner "
    "(alcove_recv): the new owner gets everything, the old one nothing");
ATF_TC_BODY(give, tc)
{
	struct alcove *h = t_start(tc);
	struct alcove_owner *a, *b;
	struct alcove_msg *m;
	struct got g;
	pid_t c, d;

	T_OK(alcove_owner_new(h, &a));
	T_OK(alcove_owner_new(h, &b));
	T_OK(alcove_owner_fork(a, NULL, 0, ALCOVE_DEFAULT, ALCOVE_UNLINK, &c));
	T_OK(alcove_owner_give(b, &c, 1));
	sh(h, &c, 1, "echo given");
	collect(b, c, &g);
	ATF_CHECK_STREQ(g.out, "given\n");
	ATF_CHECK_STREQ(g.event, "{exit_status,0}");
	expect_nothing(a, ALCOVE_MSG_ANY, 100);

	T_OK(alcove_owner_fork(a, NULL, 0, ALCOVE_DEFAULT, ALCOVE_UNLINK, &d));
	T_OK(alcove_owner_give(alcove_owner_default(h), &d, 1));
	sh(h, &d, 1, "echo back");
	m = t_recv(h, &d, 1, ALCOVE_MSG_STDOUT);
	ATF_CHECK_EQ(m->len, 5);
	ATF_CHECK(memcmp(m->data, "back\n", 5) == 0);
	alcove_msg_free(m);
	m = t_recv(h, &d, 1, ALCOVE_MSG_EVENT);
	ATF_CHECK_STREQ(t_term_text(m->term), "{exit_status,0}");
	alcove_msg_free(m);
	expect_nothing(a, ALCOVE_MSG_ANY, 100);
	T_ERR(ALCOVE_EINVAL, alcove_owner_give(b, NULL, 0));
	T_OK(alcove_owner_close(a));
	T_OK(alcove_owner_close(b));
	t_stop(h);
}

T_TC(unlinked_close, "closing the owner of an unlinked child: it keeps "
    "running, its output is dropped, its exit still reaches a monitor");
ATF_TC_BODY(unlinked_close, tc)
{
	struct alcove *h = t_start(tc);
	struct alcove_owner *a, *b;
	struct alcove_msg *m;
	pid_t c;
	int i;

	T_OK(alcove_owner_new(h, &a));
	T_OK(alcove_owner_new(h, &b));
	T_OK(alcove_owner_fork(a, NULL, 0, ALCOVE_DEFAULT, ALCOVE_UNLINK, &c));
	ATF_CHECK_EQ(signaloneof(h, c), 15);
	T_OK(alcove_owner_monitor(b, &c, 1));
	T_OK(alcove_execvp(h, &c, 1, "cat", (char *[]){ "cat", NULL }));
	T_OK(alcove_owner_close(a));
	for (i = 0; i < 3; i++) {
		T_OK(alcove_stdin(h, &c, 1, "dropped\n", 8));
		ATF_CHECK(!t_exited(c));
	}
	expect_nothing(alcove_owner_default(h), ALCOVE_MSG_ANY, 300);
	expect_nothing(b, ALCOVE_MSG_ANY, 0);
	T_OK(alcove_kill(h, NULL, 0, c, SIGTERM));
	m = NULL;
	T_OK(alcove_owner_recv(b, ALCOVE_MSG_ANY, T_TIMEOUT, &m));
	ATF_CHECK_EQ(m->type, ALCOVE_MSG_EVENT);
	ATF_CHECK_EQ(m->npath, 1);
	ATF_CHECK_EQ(m->path[0], c);
	ATF_CHECK_STREQ(t_term_text(m->term), "{termsig,sigterm}");
	alcove_msg_free(m);
	t_require_exited(c, "the unlinked child");
	expect_nothing(b, ALCOVE_MSG_ANY, 100);
	expect_nothing(alcove_owner_default(h), ALCOVE_MSG_ANY, 0);
	T_OK(alcove_owner_close(b));
	t_stop(h);
}

T_TC(linked_close, "closing the owner of a linked child kills it and the "
    "grandchild it forked through the owner with SIGKILL; a monitor is told");
ATF_TC_BODY(linked_close, tc)
{
	struct alcove *h = t_start(tc);
	struct alcove_owner *a, *b;
	struct alcove_msg *m;
	pid_t c[2];

	T_OK(alcove_owner_new(h, &a));
	T_OK(alcove_owner_new(h, &b));
	T_OK(alcove_owner_fork(a, NULL, 0, ALCOVE_DEFAULT, ALCOVE_LINK, &c[0]));
	T_OK(alcove_owner_fork(a, c, 1, ALCOVE_DEFAULT, ALCOVE_LINK, &c[1]));
	/* Linked: killed with SIGKILL if its parent shuts down, too. */
	ATF_CHECK_EQ(signaloneof(h, c[0]), 9);
	T_OK(alcove_owner_monitor(b, c, 1));
	T_OK(alcove_execvp(h, c, 2, "sleep", (char *[]){ "sleep", "1000",
	    NULL }));
	T_OK(alcove_owner_close(a));
	t_require_exited(c[1], "the linked grandchild");
	t_require_exited(c[0], "the linked child");
	m = NULL;
	T_OK(alcove_owner_recv(b, ALCOVE_MSG_EVENT, T_TIMEOUT, &m));
	ATF_CHECK_EQ(m->npath, 1);
	ATF_CHECK_EQ(m->path[0], c[0]);
	ATF_CHECK_STREQ(t_term_text(m->term), "{termsig,sigkill}");
	alcove_msg_free(m);
	expect_nothing(alcove_owner_default(h), ALCOVE_MSG_EVENT, 100);
	T_OK(alcove_owner_close(b));
	t_stop(h);
}

T_TC(linked_untracked, "closing the owner of a linked child also kills, "
    "with SIGKILL, a program its untracked child (plain alcove_fork) "
    "exec'd, where the system has a parent-death signal");
ATF_TC_BODY(linked_untracked, tc)
{
	struct alcove *h;
	struct alcove_owner *a;
	pid_t c[2];
	int status, waited;

	if (strcmp(t_backend(), "linux") != 0 &&
	    strcmp(t_backend(), "freebsd") != 0)
		atf_tc_skip("the %s backend has no parent-death signal",
		    t_backend());
	/* The orphaned program comes back to us, with its status. */
	if (!t_subreaper())
		atf_tc_skip("no subreaper here to see how the program died");
	h = t_start(tc);
	T_OK(alcove_owner_new(h, &a));
	T_OK(alcove_owner_fork(a, NULL, 0, ALCOVE_DEFAULT, ALCOVE_LINK, &c[0]));
	T_OK(alcove_fork(h, c, 1, &c[1]));
	T_OK(alcove_execvp(h, c, 2, "sleep", (char *[]){ "sleep", "1000",
	    NULL }));
	T_OK(alcove_owner_close(a));
	for (waited = 0; waited < T_GONE_TIMEOUT; waited += 20) {
		if (waitpid(c[1], &status, WNOHANG) == c[1])
			break;
		(void)poll(NULL, 0, 20);
	}
	ATF_REQUIRE_MSG(waited < T_GONE_TIMEOUT, "the program still runs");
	ATF_CHECK_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	    "status %#x", status);
	t_stop(h);
}

T_TC(link_unlink, "alcove_owner_link and _unlink switch a child between "
    "killed and left running on close; only its owner may");
ATF_TC_BODY(link_unlink, tc)
{
	struct alcove *h = t_start(tc);
	struct alcove_owner *a, *b;
	pid_t c, d;

	T_OK(alcove_owner_new(h, &a));
	T_OK(alcove_owner_new(h, &b));
	T_OK(alcove_owner_fork(a, NULL, 0, ALCOVE_DEFAULT, ALCOVE_LINK, &c));
	T_OK(alcove_owner_fork(a, NULL, 0, ALCOVE_DEFAULT, ALCOVE_UNLINK, &d));
	T_ERR(EPERM, alcove_owner_link(b, &d, 1));
	T_OK(alcove_owner_unlink(a, &c, 1));
	T_OK(alcove_owner_link(a, &d, 1));
	ATF_CHECK_EQ(signaloneof(h, c), 15);
	ATF_CHECK_EQ(signaloneof(h, d), 9);
	T_OK(alcove_owner_close(a));
	t_require_exited(d, "the child linked afterwards");
	ATF_CHECK(!t_exited(c));
	T_OK(alcove_getpid(h, &c, 1, &d));
	ATF_CHECK_EQ(d, c);
	T_OK(alcove_owner_close(b));
	t_stop(h);
}

T_TC(monitors, "every monitor and the owner are told of an exit once; a "
    "demonitored owner is not; monitoring an exited child is EEXITED");
ATF_TC_BODY(monitors, tc)
{
	struct alcove *h = t_start(tc);
	struct alcove_owner *o[4];
	struct alcove_msg *m;
	pid_t c;
	int i;

	for (i = 0; i < 4; i++)
		T_OK(alcove_owner_new(h, &o[i]));
	T_OK(alcove_owner_fork(o[0], NULL, 0, ALCOVE_DEFAULT, ALCOVE_LINK, &c));
	for (i = 1; i < 4; i++)
		T_OK(alcove_owner_monitor(o[i], &c, 1));
	T_OK(alcove_owner_monitor(o[1], &c, 1));	/* once is enough */
	T_OK(alcove_owner_demonitor(o[3], &c, 1));
	T_ERR(ALCOVE_EINVAL, alcove_owner_demonitor(o[3], &c, 1));
	sh(h, &c, 1, "exit 5");
	for (i = 0; i < 3; i++) {
		m = NULL;
		T_OK(alcove_owner_recv(o[i], ALCOVE_MSG_EVENT, T_TIMEOUT, &m));
		ATF_CHECK_EQ(m->path[0], c);
		ATF_CHECK_STREQ(t_term_text(m->term), "{exit_status,5}");
		alcove_msg_free(m);
		expect_nothing(o[i], ALCOVE_MSG_EVENT, 0);
	}
	expect_nothing(o[3], ALCOVE_MSG_ANY, 100);
	T_ERR(ALCOVE_EEXITED, alcove_owner_monitor(o[3], &c, 1));
	for (i = 0; i < 4; i++)
		T_OK(alcove_owner_close(o[i]));
	t_stop(h);
}

/* The flowcontrol of child pid in the port's child table; -100: gone. */
static int
flowcontrol(struct alcove *h, pid_t pid)
{
	struct alcove_pid *list;
	size_t n, i;
	int v = -100;

	T_OK(alcove_cpid(h, NULL, 0, &list, &n));
	for (i = 0; i < n; i++)
		if (list[i].pid == pid)
			v = list[i].flowcontrol;
	free(list);
	return v;
}

T_TC(bounded_queue, "an owner over its limit stops its child's output with "
    "flowcontrol 0 while other owners' children run; drained, it resumes");
ATF_TC_BODY(bounded_queue, tc)
{
	struct alcove *h = t_start(tc);
	struct alcove_owner *a, *b;
	struct alcove_msg *m;
	struct got g;
	char line[32];
	unsigned long next = 1, total = 0;
	size_t have = 0, k;
	pid_t c, d;
	int i, fc = -1, done = 0;

	T_OK(alcove_owner_new(h, &a));
	T_OK(alcove_owner_new(h, &b));
	T_ERR(ALCOVE_EINVAL, alcove_owner_set_limit(a, 0));
	T_OK(alcove_owner_set_limit(a, 32768));
	T_OK(alcove_owner_fork(a, NULL, 0, ALCOVE_DEFAULT, ALCOVE_LINK, &c));
	T_OK(alcove_execvp(h, &c, 1, "seq", (char *[]){ "seq", "1", "100000",
	    NULL }));
	/* Each call reads the port, and a's queue fills up. */
	for (i = 0; i < 500 && (fc = flowcontrol(h, c)) != 0; i++)
		(void)poll(NULL, 0, 10);
	ATF_REQUIRE_EQ_MSG(fc, 0, "flowcontrol %d", fc);
	/* Another owner's child is not held back. */
	T_OK(alcove_owner_fork(b, NULL, 0, ALCOVE_DEFAULT, ALCOVE_LINK, &d));
	sh(h, &d, 1, "echo unhindered");
	collect(b, d, &g);
	ATF_CHECK_STREQ(g.out, "unhindered\n");
	ATF_CHECK_STREQ(g.event, "{exit_status,0}");
	ATF_CHECK_EQ(flowcontrol(h, c), 0);
	/* Drain a: every line, in order, then the exit. */
	line[0] = '\0';
	while (!done) {
		T_OK(alcove_owner_recv(a, ALCOVE_MSG_ANY, T_TIMEOUT, &m));
		if (m->type == ALCOVE_MSG_EVENT) {
			ATF_CHECK_STREQ(t_term_text(m->term),
			    "{exit_status,0}");
			done = 1;
		}
		for (k = 0; m->type == ALCOVE_MSG_STDOUT && k < m->len; k++) {
			ATF_REQUIRE(have < sizeof(line) - 1);
			line[have++] = (char)m->data[k];
			if (m->data[k] != '\n')
				continue;
			line[have] = '\0';
			ATF_REQUIRE_EQ_MSG(strtoul(line, NULL, 10), next,
			    "line %s", line);
			next++;
			have = 0;
		}
		if (m->type == ALCOVE_MSG_STDOUT)
			total += m->len;
		alcove_msg_free(m);
	}
	ATF_CHECK_EQ(next, 100001);
	ATF_CHECK_EQ(total, 588895);
	T_OK(alcove_owner_close(a));
	T_OK(alcove_owner_close(b));
	t_stop(h);
}

/* The children of pid as the kernel lists them; -1 if it cannot say. */
static int
children_of(pid_t pid, pid_t *v, int max)
{
	char path[64];
	long c;
	FILE *f;
	int n = 0;

	(void)snprintf(path, sizeof(path), "/proc/%ld/task/%ld/children",
	    (long)pid, (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (n < max && fscanf(f, "%ld", &c) == 1)
		v[n++] = (pid_t)c;
	(void)fclose(f);
	return n;
}

/*
 * Fork through an owner from a stopped parent, give up, close the owner,
 * let the parent go on: the child it then makes has no owner.
 */
static void
orphan_fork(struct alcove *h, pid_t parent, int flags)
{
	struct alcove_owner *o;
	pid_t c;

	T_OK(alcove_owner_new(h, &o));
	ATF_REQUIRE(kill(parent, SIGSTOP) == 0);
	T_ERR(ALCOVE_ETIMEDOUT, alcove_owner_fork(o, &parent, 1, 50, flags,
	    &c));
	T_OK(alcove_owner_close(o));
	ATF_REQUIRE(kill(parent, SIGCONT) == 0);
	/* In order: the fork's answer, then this one. */
	T_OK(alcove_getpid(h, &parent, 1, &c));
	ATF_REQUIRE_EQ(c, parent);
}

T_TC(close_during_fork, "an owner closed while its fork is under way: "
    "the linked child is killed when it comes, an unlinked one runs with "
    "its output and exit dropped");
ATF_TC_BODY(close_during_fork, tc)
{
	struct alcove *h = t_start(tc);
	struct alcove_msg *m = NULL;
	pid_t p, g, kids[4];
	int n, i;

	T_OK(alcove_fork(h, NULL, 0, &p));
	if (children_of(p, kids, 4) != 0)
		atf_tc_skip("no /proc/PID/task/PID/children here");
	orphan_fork(h, p, ALCOVE_UNLINK);
	ATF_REQUIRE_EQ_MSG(n = children_of(p, kids, 4), 1,
	    "the parent has %d children", n);
	g = kids[0];
	T_OK(alcove_execvp(h, (pid_t []){ p, g }, 2, "/bin/sh",
	    (char *[]){ "/bin/sh", "-c", "echo dropped; exec sleep 1000",
	    NULL }));
	ATF_CHECK(!t_exited(g));
	T_OK(alcove_kill(h, &p, 1, g, SIGKILL));
	t_require_exited(g, "the unlinked orphan");
	/* (The parent itself reports SIGCONT: only the orphan's count.) */
	T_ERR(ALCOVE_ETIMEDOUT, alcove_recv(h, (pid_t []){ p, g }, 2,
	    ALCOVE_MSG_ANY, 300, &m));
	ATF_CHECK(m == NULL);

	/* The linked one is killed (and reaped) as soon as it comes. */
	orphan_fork(h, p, ALCOVE_LINK);
	for (i = 0; i < T_GONE_TIMEOUT / 20; i++) {
		T_OK(alcove_getpid(h, &p, 1, &g));
		if ((n = children_of(p, kids, 4)) == 0)
			break;
		(void)poll(NULL, 0, 20);
	}
	ATF_CHECK_EQ_MSG(n, 0, "the linked orphan %ld still runs",
	    (long)kids[0]);
	t_stop(h);
}

T_TC(client_dies, "a client killed with SIGKILL leaves no exec'd child "
    "behind: the port signals them on its stdin's EOF");
ATF_TC_BODY(client_dies, tc)
{
	struct alcove_options o;
	struct alcove *h;
	int p[2], status;
	pid_t client, c, sleeper = 0;
	ssize_t n;

	(void)t_subreaper();
	ATF_REQUIRE(pipe(p) == 0);
	if ((client = fork()) == 0) {
		(void)close(p[0]);
		alcove_options_init(&o);
		o.progname = t_port(tc);
		o.timeout = T_TIMEOUT;
		if (alcove_start(&h, &o) != 0 ||
		    alcove_fork(h, NULL, 0, &c) != 0 ||
		    alcove_execvp(h, &c, 1, "sleep", (char *[]){ "sleep",
		    "1000", NULL }) != 0)
			_exit(1);
		if (write(p[1], &c, sizeof(c)) != (ssize_t)sizeof(c))
			_exit(1);
		for (;;)
			(void)pause();
	}
	ATF_REQUIRE(client > 0);
	(void)close(p[1]);
	n = read(p[0], &sleeper, sizeof(sleeper));
	ATF_REQUIRE_EQ(n, (ssize_t)sizeof(sleeper));
	ATF_REQUIRE(!t_exited(sleeper));
	ATF_REQUIRE(kill(client, SIGKILL) == 0);
	ATF_REQUIRE(waitpid(client, &status, 0) == client);
	ATF_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	t_require_exited(sleeper, "the exec'd child of a dead client");
	t_reap_descendants();
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, owned_output);
	ATF_TP_ADD_TC(tp, give);
	ATF_TP_ADD_TC(tp, unlinked_close);
	ATF_TP_ADD_TC(tp, linked_close);
	ATF_TP_ADD_TC(tp, linked_untracked);
	ATF_TP_ADD_TC(tp, link_unlink);
	ATF_TP_ADD_TC(tp, monitors);
	ATF_TP_ADD_TC(tp, bounded_queue);
	ATF_TP_ADD_TC(tp, close_during_fork);
	ATF_TP_ADD_TC(tp, client_dies);
	return atf_no_error();
}
