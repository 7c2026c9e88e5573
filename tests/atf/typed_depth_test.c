/*
 * The typed calls of alcove_fork(3), alcove_setuid(3), alcove_chdir(3),
 * alcove_open(3), alcove_environ(3), alcove_setrlimit(3), alcove_setopt(3)
 * and alcove_constant(3), through both forms (alcove_<call> and
 * alcove_<call>_t), in the port itself (depth 0) and in a grandchild
 * (depth 2), with the exact C results; calls_test checks the reply terms.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"

#ifndef nitems
#define nitems(a)	(sizeof(a) / sizeof((a)[0]))
#endif

/* The unprivileged user and group of the checks that need one. */
#define NOBODY		65534

/* A pid no process has: above every possible pid_max. */
#define NO_PID		INT32_MAX

extern char **environ;

/*
 * The process under test: the port (n = 0, path NULL) or a process n
 * levels below it, with a scratch directory of its own.
 */
struct ctx {
	const atf_tc_t	*tc;
	struct alcove	*h;
	pid_t		 path[8];
	size_t		 n;
	pid_t		 pid;
	char		 dir[PATH_MAX];
};

typedef void	check_fn(struct ctx *);

/* Require an exact return value of a typed call; RC_REQ stops the case. */
#define RC(c, want, expr)						\
	rc_check((c), __LINE__, #expr, (want), (expr), 0)
#define RC_REQ(c, want, expr)						\
	rc_check((c), __LINE__, #expr, (want), (expr), 1)

static void
rc_check(const struct ctx *c, int line, const char *expr, int want, int got,
    int fatal)
{
	if (got == want)
		return;
	if (fatal)
		atf_tc_fail("line %d, depth %zu: %s: expected %d (%s), got "
		    "%d (%s)", line, c->n, expr, want, alcove_strerror(want),
		    got, alcove_strerror(got));
	atf_tc_fail_nonfatal("line %d, depth %zu: %s: expected %d (%s), got "
	    "%d (%s)", line, c->n, expr, want, alcove_strerror(want), got,
	    alcove_strerror(got));
}

/* Require an integer result; the depth is part of the message. */
#define EQ(c, want, got)						\
	ATF_CHECK_MSG((long long)(want) == (long long)(got),		\
	    "line %d, depth %zu: %s is %lld, expected %s = %lld", __LINE__,\
	    (c)->n, #got, (long long)(got), #want, (long long)(want))

#define STREQ(c, want, got)						\
	ATF_CHECK_MSG(strcmp((want), (got)) == 0,			\
	    "line %d, depth %zu: %s is \"%s\", expected \"%s\"", __LINE__,\
	    (c)->n, #got, (got), (want))

static void
ctx_start(struct ctx *c, const atf_tc_t *tc, size_t depth)
{
	char cwd[PATH_MAX];

	memset(c, 0, sizeof(*c));
	c->tc = tc;
	c->h = t_start(tc);
	c->pid = alcove_port_pid(c->h);
	if (depth > 0) {
		t_fork_chain(c->h, c->path, 0, depth);
		c->n = depth;
		c->pid = c->path[depth - 1];
	}
	ATF_REQUIRE(getcwd(cwd, sizeof(cwd)) != NULL);
	if (snprintf(c->dir, sizeof(c->dir), "%s/typed%zu.XXXXXX", cwd,
	    depth) >= (int)sizeof(c->dir))
		atf_tc_fail("%s: path too long", cwd);
	ATF_REQUIRE(mkdtemp(c->dir) != NULL);
}

static int
remove_entry(const char *path, const struct stat *sb, int type,
    struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	return remove(path) == -1 ? errno : 0;
}

/* Stop the port (unless a check replaced it) and remove the directory. */
static void
ctx_stop(struct ctx *c)
{
	if (c->h != NULL)
		t_stop(c->h);
	c->h = NULL;
	ATF_CHECK_MSG(nftw(c->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS) ==
	    0, "cannot remove %s", c->dir);
}

/* Each depth gets a port of its own, so no check sees the other's state. */
static void
run_both(const atf_tc_t *tc, check_fn *check)
{
	static const size_t depths[] = { 0, 2 };
	struct ctx c;
	size_t i;

	for (i = 0; i < nitems(depths); i++) {
		ctx_start(&c, tc, depths[i]);
		check(&c);
		ctx_stop(&c);
	}
}

/* The child pid of c, as a context one level deeper. */
static void
ctx_child(const struct ctx *c, struct ctx *q, pid_t pid)
{
	ATF_REQUIRE(c->n + 1 < nitems(c->path));
	*q = *c;
	q->path[c->n] = pid;
	q->n = c->n + 1;
	q->pid = pid;
}

/* A new child of c, forked with alcove_fork_t. */
static void
ctx_fork(const struct ctx *c, struct ctx *q)
{
	pid_t pid = -1;

	RC_REQ(c, 0, alcove_fork_t(T_AT(c), T_TIMEOUT, &pid));
	ctx_child(c, q, pid);
}

/* A file of c's scratch directory, for use at once. */
static const char *
in_dir(const struct ctx *c, const char *name)
{
	return t_want("%s/%s", c->dir, name);
}

static mode_t
current_umask(void)
{
	mode_t m = umask(0);

	(void)umask(m);
	return m;
}

/* The next event of q, which must be its exit; its wait status. */
static int
exit_status(const struct ctx *q)
{
	struct alcove_msg *m;
	int status = -1;

	m = t_recv(T_AT(q), ALCOVE_MSG_EVENT);
	ATF_CHECK_MSG(alcove_msg_exit(m, &status) == 0, "depth %zu: expected "
	    "an exit event, got %s", q->n, t_term_text(m->term));
	alcove_msg_free(m);
	return status;
}

/*
 * What the program that replaced c writes on stdout, and its wait status.
 * At depth 0 it replaced the port: its output is the port's raw stdout up
 * to EOF, and its status the port's, which alcove_stop returns.
 */
static int
collect(struct ctx *c, char **out)
{
	struct alcove_msg *m;
	char *buf = NULL;
	size_t n = 0;
	int status = -1, err;

	if (c->n > 0)
		return t_collect(T_AT(c), (unsigned char **)out, NULL);
	for (;;) {
		err = alcove_recv(c->h, NULL, 0, ALCOVE_MSG_STDOUT, T_TIMEOUT,
		    &m);
		if (err == ALCOVE_EPORT)
			break;
		RC_REQ(c, 0, err);
		ATF_REQUIRE((buf = realloc(buf, n + m->len + 1)) != NULL);
		memcpy(buf + n, m->data, m->len);
		n += m->len;
		alcove_msg_free(m);
	}
	if (buf == NULL)
		ATF_REQUIRE((buf = malloc(1)) != NULL);
	buf[n] = '\0';
	*out = buf;
	RC(c, 0, alcove_stop(c->h, &status));
	c->h = NULL;
	return status;
}

/* A string vector as text, sorted: ".,..,a"; kept. */
static const char *
sorted_text(char **v)
{
	char buf[4096];
	size_t i, j, n, len = 0;
	char *t;

	for (n = 0; v[n] != NULL; n++)
		continue;
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
			t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	buf[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
		    i > 0 ? "," : "", v[i]);
	return t_want("%s", buf);
}

/* ---- alcove_fork(3) ---- */

/*
 * fork's pid is the child's getpid; children are listed by cpid; the
 * process ids and groups match what the test sees.
 */
static void
check_fork(struct ctx *c)
{
	struct alcove_pid *list = NULL;
	struct ctx q, g;
	size_t count = 99;
	pid_t pid = -1, sid = -1, pg = -1;

	RC(c, 0, alcove_getpid(T_AT(c), &pid));
	EQ(c, c->pid, pid);
	RC(c, 0, alcove_getpid_t(T_AT(c), T_TIMEOUT, &pid));
	EQ(c, c->pid, pid);

	RC_REQ(c, 0, alcove_fork(T_AT(c), &pid));
	ATF_CHECK(pid > 0 && pid != c->pid);
	ctx_child(c, &q, pid);
	RC(&q, 0, alcove_getpid(T_AT(&q), &pid));
	EQ(&q, q.pid, pid);
	ctx_fork(&q, &g);
	RC(&g, 0, alcove_getpid_t(T_AT(&g), T_TIMEOUT, &pid));
	EQ(&g, g.pid, pid);

	/* One slot in use at each level, none below. */
	RC(c, 0, alcove_cpid(T_AT(c), &list, &count));
	ATF_REQUIRE_EQ(count, 1);
	EQ(c, q.pid, list[0].pid);
	free(list);
	RC(&q, 0, alcove_cpid_t(T_AT(&q), T_TIMEOUT, &list, &count));
	ATF_REQUIRE_EQ(count, 1);
	EQ(&q, g.pid, list[0].pid);
	EQ(&q, -1, list[0].flowcontrol);
	EQ(&q, 15, list[0].signaloneof);
	ATF_CHECK(list[0].fdctl >= 0 && list[0].fdin >= 0 &&
	    list[0].fdout >= 0 && list[0].fderr >= 0);
	free(list);
	RC(&g, 0, alcove_cpid(T_AT(&g), &list, &count));
	EQ(&g, 0, count);
	free(list);

	/* Process groups and sessions are the test's until changed. */
	RC(c, 0, alcove_getpgrp(T_AT(c), &pg));
	EQ(c, getpgrp(), pg);
	RC(&g, 0, alcove_getpgrp_t(T_AT(&g), T_TIMEOUT, &pg));
	EQ(&g, getpgrp(), pg);
	RC(c, 0, alcove_getsid(T_AT(c), 0, &sid));
	EQ(c, getsid(0), sid);
	RC(c, 0, alcove_getsid_t(T_AT(c), T_TIMEOUT, q.pid, &sid));
	EQ(c, getsid(0), sid);
	RC(c, ESRCH, alcove_getsid(T_AT(c), NO_PID, &sid));

	/* g leads a group of its own, then q a session of its own. */
	RC(&q, 0, alcove_setpgid(T_AT(&q), g.pid, 0));
	RC(&g, 0, alcove_getpgrp(T_AT(&g), &pg));
	EQ(&g, g.pid, pg);
	RC(&g, 0, alcove_setpgid_t(T_AT(&g), T_TIMEOUT, 0, getpgrp()));
	RC(&g, 0, alcove_getpgrp(T_AT(&g), &pg));
	EQ(&g, getpgrp(), pg);
	RC(c, ESRCH, alcove_setpgid(T_AT(c), NO_PID, 0));
	RC(&q, 0, alcove_setsid(T_AT(&q), &sid));
	EQ(&q, q.pid, sid);
	RC(c, 0, alcove_getsid(T_AT(c), q.pid, &sid));
	EQ(c, q.pid, sid);
	RC(&q, EPERM, alcove_setsid_t(T_AT(&q), T_TIMEOUT, &sid));

	/* Forks stop at maxforkdepth and at maxchild. */
	RC(&g, 0, alcove_setopt(T_AT(&g), "maxforkdepth", (int)g.n));
	RC(&g, EAGAIN, alcove_fork(T_AT(&g), &pid));
	RC(c, 0, alcove_setopt(T_AT(c), "maxchild", 1));
	RC(c, EAGAIN, alcove_fork_t(T_AT(c), T_TIMEOUT, &pid));
}

/* kill reaches a grandchild by pid; an alcove process reports signals. */
static void
check_kill(struct ctx *c)
{
	struct alcove_msg *m;
	struct ctx q, g;
	int status;

	ctx_fork(c, &q);
	ctx_fork(&q, &g);
	RC(c, 0, alcove_kill(T_AT(c), q.pid, 0));
	/* Caught and reported, not fatal. */
	RC(c, 0, alcove_kill_t(T_AT(c), T_TIMEOUT, q.pid, SIGUSR1));
	m = t_recv(T_AT(&q), ALCOVE_MSG_EVENT);
	ATF_CHECK_MSG(m->term->type == ALCOVE_TERM_TUPLE && m->term->n == 3 &&
	    alcove_term_atom(&m->term->e[0], "signal") &&
	    alcove_term_atom(&m->term->e[1], "sigusr1"), "depth %zu: got %s",
	    q.n, t_term_text(m->term));
	alcove_msg_free(m);

	/* The child kills its own child: the grandchild of c. */
	RC(&q, 0, alcove_kill_t(T_AT(&q), T_TIMEOUT, g.pid, SIGKILL));
	status = exit_status(&g);
	ATF_CHECK_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	    "depth %zu: status 0x%x", g.n, status);
	RC(&q, ESRCH, alcove_kill(T_AT(&q), NO_PID, SIGTERM));
	RC(&q, EINVAL, alcove_kill(T_AT(&q), q.pid, 12345));
	RC(&q, 0, alcove_getpid(T_AT(&q), &g.pid));
	EQ(&q, q.pid, g.pid);
}

/*
 * sigaction sets and reports dispositions; SIGCHLD chooses between exit
 * events (reap mode) and waitpid (report mode).
 */
static void
check_waitpid(struct ctx *c)
{
	struct alcove_msg *m;
	struct ctx q, q2;
	pid_t got = -1;
	int old = -1, status = -1;

	/* An alcove process catches every signal it can. */
	RC(c, 0, alcove_sigaction(T_AT(c), SIGUSR1, ALCOVE_SIG_QUERY, &old));
	EQ(c, ALCOVE_SIG_INFO, old);
	RC(c, 0, alcove_sigaction_t(T_AT(c), T_TIMEOUT, SIGUSR1,
	    ALCOVE_SIG_IGN, &old));
	EQ(c, ALCOVE_SIG_INFO, old);
	RC(c, 0, alcove_sigaction(T_AT(c), SIGUSR1, ALCOVE_SIG_INFO, NULL));
	RC(c, 0, alcove_sigaction(T_AT(c), SIGUSR1, ALCOVE_SIG_QUERY, &old));
	EQ(c, ALCOVE_SIG_INFO, old);
	RC(c, EINVAL, alcove_sigaction(T_AT(c), SIGKILL, ALCOVE_SIG_IGN,
	    &old));
	RC(c, ALCOVE_EINVAL, alcove_sigaction(T_AT(c), SIGUSR1, 7, &old));
	RC(c, ALCOVE_EINVAL, alcove_sigaction(T_AT(c), SIGUSR1, -1, &old));

	/* Reap mode: the exit is an event, waitpid finds nothing. */
	RC(c, ECHILD, alcove_waitpid(T_AT(c), -1, WNOHANG, &got, &status));
	ctx_fork(c, &q);
	RC(&q, 0, alcove_exit(T_AT(&q), 3));
	status = exit_status(&q);
	ATF_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3);
	RC(c, ECHILD, alcove_waitpid(T_AT(c), q.pid, 0, &got, &status));

	/* Report mode: waitpid collects, no exit event follows. */
	RC(c, 0, alcove_sigaction(T_AT(c), SIGCHLD, ALCOVE_SIG_INFO, &old));
	EQ(c, ALCOVE_SIG_DFL, old);
	ctx_fork(c, &q2);
	RC(c, 0, alcove_waitpid_t(T_AT(c), T_TIMEOUT, q2.pid, WNOHANG, &got,
	    &status));
	EQ(c, 0, got);
	RC(&q2, 0, alcove_exit_t(T_AT(&q2), T_TIMEOUT, 7));
	RC(c, 0, alcove_waitpid(T_AT(c), q2.pid, 0, &got, &status));
	EQ(c, q2.pid, got);
	ATF_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	RC(c, ECHILD, alcove_waitpid(T_AT(c), -1, WNOHANG, &got, &status));
	ATF_CHECK_EQ(alcove_recv(T_AT(&q2), ALCOVE_MSG_EVENT, 0, &m),
	    ALCOVE_ETIMEDOUT);
	RC(c, 0, alcove_sigaction(T_AT(c), SIGCHLD, ALCOVE_SIG_DFL, &old));
	EQ(c, ALCOVE_SIG_INFO, old);
	RC(c, 0, alcove_sigaction(T_AT(c), SIGCHLD, ALCOVE_SIG_QUERY, &old));
	EQ(c, ALCOVE_SIG_DFL, old);
}

/*
 * A failed exec leaves the process as it was; a child execs a shell
 * with exactly the environment given; then the process itself execs.
 */
static void
check_exec(struct ctx *c)
{
	char *argv[] = { "prog", NULL };
	char *envp[] = { "A=typed", NULL };
	char *sh[] = { "sh", "-c", "echo \"$A:$#\"; exit 3", NULL };
	char *echo[] = { "echo", "hi", NULL };
	struct ctx q;
	pid_t pid = -1;
	char *out;
	int status;

	RC(c, ENOENT, alcove_execvp(T_AT(c), "/nonexistent/prog", argv));
	RC(c, ENOENT, alcove_execvp_t(T_AT(c), T_TIMEOUT, "no-such-program",
	    argv));
	RC(c, EACCES, alcove_execve(T_AT(c), c->dir, argv, envp));
	RC(c, ENOENT, alcove_execve_t(T_AT(c), T_TIMEOUT, "/nonexistent/prog",
	    argv, envp));
	RC(c, 0, alcove_getpid(T_AT(c), &pid));
	EQ(c, c->pid, pid);

	ctx_fork(c, &q);
	RC(&q, 0, alcove_execve_t(T_AT(&q), T_TIMEOUT, "/bin/sh", sh, envp));
	status = t_collect(T_AT(&q), (unsigned char **)&out, NULL);
	STREQ(&q, "typed:0\n", out);
	ATF_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3);
	free(out);

	RC(c, 0, alcove_setenv(T_AT(c), "PATH", "/nonexistent:/bin:/usr/bin",
	    1));
	RC_REQ(c, 0, alcove_execvp(T_AT(c), "echo", echo));
	status = collect(c, &out);
	STREQ(c, "hi\n", out);
	ATF_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	free(out);
}

/* exit's status, modulo 256, in a child and in the process itself. */
static void
check_exit(struct ctx *c)
{
	struct ctx q;
	char *out;
	int status;

	ctx_fork(c, &q);
	RC(&q, 0, alcove_exit_t(T_AT(&q), T_TIMEOUT, 300));
	status = exit_status(&q);
	ATF_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 44);
	RC(c, 0, alcove_exit(T_AT(c), 7));
	status = collect(c, &out);
	STREQ(c, "", out);
	ATF_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	free(out);
}

/* ---- alcove_setuid(3) ---- */

/*
 * Ids and groups round trip; privileges are dropped step by step in the
 * process under test itself, last.
 */
static void
check_identity(struct ctx *c)
{
	static gid_t many[7282];
	gid_t groups[16], mine[NGROUPS_MAX + 1], three[] = { 1, 2, 3 };
	gid_t gid = 99, rg = 99, eg = 99, sg = 99;
	uid_t uid = 99, ru = 99, eu = 99, su = 99;
	size_t n = 99, i;
	int nmine, res;

	res = t_supported(T_AT(c), "getresuid");
	RC(c, 0, alcove_getuid(T_AT(c), &uid));
	EQ(c, getuid(), uid);
	RC(c, 0, alcove_getgid_t(T_AT(c), T_TIMEOUT, &gid));
	EQ(c, getgid(), gid);

	/* The test's own groups, in the kernel's order. */
	ATF_REQUIRE((nmine = getgroups((int)nitems(mine), mine)) >= 0);
	RC(c, 0, alcove_getgroups(T_AT(c), groups, nitems(groups), &n));
	ATF_REQUIRE_EQ(n, (size_t)nmine);
	for (i = 0; i < n; i++)
		EQ(c, mine[i], groups[i]);

	RC(c, 0, alcove_setgroups(T_AT(c), three, nitems(three)));
	RC(c, 0, alcove_getgroups_t(T_AT(c), T_TIMEOUT, groups,
	    nitems(groups), &n));
	ATF_REQUIRE_EQ(n, 3);
	for (i = 0; i < n; i++)
		EQ(c, three[i], groups[i]);
	RC(c, ERANGE, alcove_getgroups(T_AT(c), groups, 2, &n));
	RC(c, ALCOVE_ETOOBIG, alcove_setgroups_t(T_AT(c), T_TIMEOUT, many,
	    nitems(many)));

	if (res) {
		RC(c, 0, alcove_setresgid(T_AT(c), 10, 20, 30));
		RC(c, 0, alcove_getresgid(T_AT(c), &rg, &eg, &sg));
		EQ(c, 10, rg);
		EQ(c, 20, eg);
		EQ(c, 30, sg);
		RC(c, 0, alcove_setresgid_t(T_AT(c), T_TIMEOUT, (gid_t)-1, 25,
		    (gid_t)-1));
		RC(c, 0, alcove_getresgid_t(T_AT(c), T_TIMEOUT, &rg, &eg,
		    &sg));
		EQ(c, 10, rg);
		EQ(c, 25, eg);
		EQ(c, 30, sg);
	} else {
		RC(c, ALCOVE_EUNSUPPORTED, alcove_setresgid(T_AT(c), 10, 20,
		    30));
		RC(c, ALCOVE_EUNSUPPORTED, alcove_getresgid_t(T_AT(c),
		    T_TIMEOUT, &rg, &eg, &sg));
	}
	/* Root sets all three. */
	RC(c, 0, alcove_setgid(T_AT(c), 40));
	RC(c, 0, alcove_getgid(T_AT(c), &gid));
	EQ(c, 40, gid);
	RC(c, 0, alcove_setgid_t(T_AT(c), T_TIMEOUT, NOBODY));
	RC(c, 0, alcove_getgid(T_AT(c), &gid));
	EQ(c, NOBODY, gid);
	if (res) {
		RC(c, 0, alcove_getresgid(T_AT(c), &rg, &eg, &sg));
		EQ(c, NOBODY, rg);
		EQ(c, NOBODY, eg);
		EQ(c, NOBODY, sg);
		/* The effective uid stays root: the change can be undone. */
		RC(c, 0, alcove_setresuid(T_AT(c), 100, 0, 300));
		RC(c, 0, alcove_getresuid_t(T_AT(c), T_TIMEOUT, &ru, &eu,
		    &su));
		EQ(c, 100, ru);
		EQ(c, 0, eu);
		EQ(c, 300, su);
		RC(c, 0, alcove_setresuid_t(T_AT(c), T_TIMEOUT, 0, 0, 0));
		RC(c, 0, alcove_getresuid(T_AT(c), &ru, &eu, &su));
		EQ(c, 0, ru);
		EQ(c, 0, eu);
		EQ(c, 0, su);
	} else {
		RC(c, ALCOVE_EUNSUPPORTED, alcove_getresuid(T_AT(c), &ru, &eu,
		    &su));
		RC(c, ALCOVE_EUNSUPPORTED, alcove_setresuid_t(T_AT(c),
		    T_TIMEOUT, 100, 0, 300));
	}
	RC(c, 0, alcove_setuid_t(T_AT(c), T_TIMEOUT, NOBODY));
	RC(c, 0, alcove_getuid_t(T_AT(c), T_TIMEOUT, &uid));
	EQ(c, NOBODY, uid);
	if (res) {
		RC(c, 0, alcove_getresuid(T_AT(c), &ru, &eu, &su));
		EQ(c, NOBODY, ru);
		EQ(c, NOBODY, eu);
		EQ(c, NOBODY, su);
	}
	/* For good. */
	RC(c, EPERM, alcove_setuid(T_AT(c), 0));
	RC(c, EPERM, alcove_setgid(T_AT(c), 0));
	RC(c, EPERM, alcove_setgroups(T_AT(c), NULL, 0));
	if (res)
		RC(c, EPERM, alcove_setresuid(T_AT(c), 0, 0, 0));
}

/* ---- alcove_chdir(3) ---- */

/* Names made by the process, seen by the test; chroot last. */
static void
check_files(struct ctx *c)
{
	char buf[PATH_MAX], link[64];
	struct stat sb, sb2;
	char **names = NULL;
	mode_t um = current_umask();
	ssize_t len;

	RC_REQ(c, 0, alcove_chdir(T_AT(c), c->dir));
	RC(c, 0, alcove_getcwd(T_AT(c), buf, sizeof(buf)));
	STREQ(c, c->dir, buf);
	RC(c, ERANGE, alcove_getcwd_t(T_AT(c), T_TIMEOUT, buf,
	    strlen(c->dir)));
	RC(c, 0, alcove_getcwd_t(T_AT(c), T_TIMEOUT, buf,
	    strlen(c->dir) + 1));
	STREQ(c, c->dir, buf);
	RC(c, ENOENT, alcove_chdir_t(T_AT(c), T_TIMEOUT, "missing"));
	RC(c, ALCOVE_EBADARG, alcove_chdir(T_AT(c), ""));
	RC(c, ALCOVE_EBADARG, alcove_mkdir(T_AT(c), "", 0700));

	/* Relative names are the working directory's. */
	RC(c, 0, alcove_mkdir(T_AT(c), "sub", 0750));
	ATF_REQUIRE(stat(in_dir(c, "sub"), &sb) == 0);
	ATF_CHECK(S_ISDIR(sb.st_mode));
	EQ(c, 0750 & ~um, sb.st_mode & 07777);
	RC(c, EEXIST, alcove_mkdir_t(T_AT(c), T_TIMEOUT, "sub", 0700));
	RC(c, 0, alcove_mkfifo_t(T_AT(c), T_TIMEOUT, "fifo", 0640));
	ATF_REQUIRE(stat(in_dir(c, "fifo"), &sb) == 0);
	ATF_CHECK(S_ISFIFO(sb.st_mode));
	EQ(c, 0640 & ~um, sb.st_mode & 07777);
	RC(c, EEXIST, alcove_mkfifo(T_AT(c), "fifo", 0640));

	t_write_file(in_dir(c, "file"), "abc", 3);
	RC(c, 0, alcove_chmod(T_AT(c), "file", 0604));
	RC(c, 0, alcove_chown(T_AT(c), "file", NOBODY, NOBODY));
	ATF_REQUIRE(stat(in_dir(c, "file"), &sb) == 0);
	EQ(c, 0604, sb.st_mode & 07777);
	EQ(c, NOBODY, sb.st_uid);
	EQ(c, NOBODY, sb.st_gid);
	RC(c, 0, alcove_chmod_t(T_AT(c), T_TIMEOUT, "file", 0640));
	RC(c, 0, alcove_chown_t(T_AT(c), T_TIMEOUT, "file", (uid_t)-1, 0));
	ATF_REQUIRE(stat(in_dir(c, "file"), &sb) == 0);
	EQ(c, 0640, sb.st_mode & 07777);
	EQ(c, NOBODY, sb.st_uid);
	EQ(c, 0, sb.st_gid);
	RC(c, ENOENT, alcove_chmod(T_AT(c), "missing", 0600));

	RC(c, 0, alcove_link(T_AT(c), "file", "hard"));
	ATF_REQUIRE(stat(in_dir(c, "hard"), &sb2) == 0);
	EQ(c, sb.st_ino, sb2.st_ino);
	EQ(c, 2, sb2.st_nlink);
	RC(c, EEXIST, alcove_link_t(T_AT(c), T_TIMEOUT, "file", "hard"));
	RC(c, 0, alcove_symlink(T_AT(c), "file", "soft"));
	len = readlink(in_dir(c, "soft"), link, sizeof(link) - 1);
	ATF_REQUIRE(len >= 0);
	link[len] = '\0';
	STREQ(c, "file", link);
	RC(c, EEXIST, alcove_symlink_t(T_AT(c), T_TIMEOUT, "x", "soft"));

	RC(c, 0, alcove_readdir(T_AT(c), ".", &names));
	ATF_REQUIRE(names != NULL);
	STREQ(c, ".,..,fifo,file,hard,soft,sub", sorted_text(names));
	alcove_strv_free(names);
	RC(c, 0, alcove_readdir_t(T_AT(c), T_TIMEOUT, "sub", &names));
	ATF_REQUIRE(names != NULL);
	STREQ(c, ".,..", sorted_text(names));
	alcove_strv_free(names);
	RC(c, ENOTDIR, alcove_readdir(T_AT(c), "file", &names));

	RC(c, 0, alcove_unlink(T_AT(c), "hard"));
	ATF_REQUIRE(stat(in_dir(c, "file"), &sb) == 0);
	EQ(c, 1, sb.st_nlink);
	RC(c, 0, alcove_unlink_t(T_AT(c), T_TIMEOUT, "soft"));
	ATF_CHECK(lstat(in_dir(c, "soft"), &sb) == -1 && errno == ENOENT);
	RC(c, ENOENT, alcove_unlink(T_AT(c), "soft"));
	RC(c, ENOTDIR, alcove_rmdir(T_AT(c), "file"));
	RC(c, 0, alcove_rmdir_t(T_AT(c), T_TIMEOUT, "sub"));
	ATF_CHECK(stat(in_dir(c, "sub"), &sb) == -1 && errno == ENOENT);
	RC(c, ENOENT, alcove_rmdir(T_AT(c), "sub"));

	/* Confined: "/" is the scratch directory. */
	RC(c, ENOENT, alcove_chroot(T_AT(c), "/nonexistent"));
	RC_REQ(c, 0, alcove_chroot_t(T_AT(c), T_TIMEOUT, c->dir));
	RC(c, 0, alcove_chdir(T_AT(c), "/"));
	RC(c, 0, alcove_getcwd(T_AT(c), buf, sizeof(buf)));
	STREQ(c, "/", buf);
	RC(c, 0, alcove_readdir(T_AT(c), "/", &names));
	ATF_REQUIRE(names != NULL);
	STREQ(c, ".,..,fifo,file", sorted_text(names));
	alcove_strv_free(names);
}

/* ---- alcove_open(3) ---- */

/* open, write, lseek, read and close round trip on a file of the test. */
static void
check_descriptors(struct ctx *c)
{
	static unsigned char big[65536];
	char file[PATH_MAX], buf[128], link[PATH_MAX];
	struct stat sb;
	size_t got = 99, w = 99;
	ssize_t len;
	int fd = -1, fd2 = -1;

	(void)snprintf(file, sizeof(file), "%s", in_dir(c, "data"));
	RC_REQ(c, 0, alcove_open(T_AT(c), file,
	    O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600, &fd));
	ATF_CHECK(fd >= 0);
	ATF_REQUIRE(stat(file, &sb) == 0);
	EQ(c, 0600 & ~current_umask(), sb.st_mode & 07777);
	/* The descriptor is the process's own. */
	len = readlink(t_want("/proc/%d/fd/%d", (int)c->pid, fd), link,
	    sizeof(link) - 1);
	if (len >= 0) {
		link[len] = '\0';
		STREQ(c, file, link);
	}
	RC(c, EEXIST, alcove_open_t(T_AT(c), T_TIMEOUT, file,
	    O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600, &fd2));
	RC(c, ENOENT, alcove_open(T_AT(c), in_dir(c, "missing"),
	    O_RDONLY | O_CLOEXEC, 0, &fd2));
	RC(c, ALCOVE_EBADARG, alcove_open(T_AT(c), "", O_RDONLY, 0, &fd2));

	RC(c, 0, alcove_write(T_AT(c), fd, "hello world", 11, &w));
	EQ(c, 11, w);
	RC(c, 0, alcove_write_t(T_AT(c), T_TIMEOUT, fd, "!", 1, NULL));
	EQ(c, 12, t_slurp(file, buf, sizeof(buf)));
	STREQ(c, "hello world!", buf);
	RC(c, ALCOVE_ETOOBIG, alcove_write(T_AT(c), fd, big, sizeof(big),
	    &w));

	RC(c, 0, alcove_lseek(T_AT(c), fd, 6, SEEK_SET));
	RC(c, 0, alcove_read(T_AT(c), fd, buf, 5, &got));
	EQ(c, 5, got);
	ATF_CHECK(memcmp(buf, "world", 5) == 0);
	RC(c, 0, alcove_read_t(T_AT(c), T_TIMEOUT, fd, buf, sizeof(buf),
	    &got));
	EQ(c, 1, got);
	ATF_CHECK(buf[0] == '!');
	RC(c, 0, alcove_read(T_AT(c), fd, buf, sizeof(buf), &got));
	EQ(c, 0, got);
	RC(c, 0, alcove_lseek_t(T_AT(c), T_TIMEOUT, fd, -6, SEEK_END));
	RC(c, 0, alcove_read(T_AT(c), fd, buf, sizeof(buf), &got));
	EQ(c, 6, got);
	ATF_CHECK(memcmp(buf, "world!", 6) == 0);
	RC(c, EINVAL, alcove_lseek(T_AT(c), fd, -100, SEEK_SET));

	RC(c, 0, alcove_close(T_AT(c), fd));
	RC(c, EBADF, alcove_close_t(T_AT(c), T_TIMEOUT, fd));
	RC(c, EBADF, alcove_read(T_AT(c), fd, buf, 1, &got));
	RC(c, EBADF, alcove_write(T_AT(c), fd, "x", 1, &w));
	RC(c, EBADF, alcove_lseek(T_AT(c), fd, 0, SEEK_SET));

	/* Read only: writing fails, reading starts at 0. */
	RC_REQ(c, 0, alcove_open_t(T_AT(c), T_TIMEOUT, file,
	    O_RDONLY | O_CLOEXEC, 0, &fd));
	RC(c, EBADF, alcove_write_t(T_AT(c), T_TIMEOUT, fd, "x", 1, &w));
	RC(c, 0, alcove_read(T_AT(c), fd, buf, 5, &got));
	EQ(c, 5, got);
	ATF_CHECK(memcmp(buf, "hello", 5) == 0);
	RC(c, 0, alcove_close_t(T_AT(c), T_TIMEOUT, fd));
}

/* ---- alcove_environ(3) ---- */

static int
count_entry(char **v, const char *entry)
{
	int n = 0;

	for (; *v != NULL; v++)
		if (strcmp(*v, entry) == 0)
			n++;
	return n;
}

/* The environment round trips; the host name is the test's. */
static void
check_environment(struct ctx *c)
{
	char **env = NULL, host[256], mine[256];
	char *value = NULL;
	size_t i;
	int title;

	/* Inherited from the test, in order (a wrapper adds its own). */
	RC_REQ(c, 0, alcove_environ(T_AT(c), &env));
	if (!t_wrapped(c->tc)) {
		for (i = 0; environ[i] != NULL && env[i] != NULL; i++)
			STREQ(c, environ[i], env[i]);
		ATF_CHECK(environ[i] == NULL && env[i] == NULL);
	}
	alcove_strv_free(env);

	RC(c, 0, alcove_getenv(T_AT(c), "ALCOVE_TYPED_A", &value));
	ATF_CHECK(value == NULL);
	RC(c, 0, alcove_setenv(T_AT(c), "ALCOVE_TYPED_A", "one", 1));
	RC(c, 0, alcove_getenv_t(T_AT(c), T_TIMEOUT, "ALCOVE_TYPED_A",
	    &value));
	ATF_REQUIRE(value != NULL);
	STREQ(c, "one", value);
	free(value);
	RC(c, 0, alcove_setenv_t(T_AT(c), T_TIMEOUT, "ALCOVE_TYPED_A", "two",
	    0));
	RC(c, 0, alcove_getenv(T_AT(c), "ALCOVE_TYPED_A", &value));
	ATF_REQUIRE(value != NULL);
	STREQ(c, "one", value);
	free(value);
	RC(c, 0, alcove_setenv(T_AT(c), "ALCOVE_TYPED_A", "two", 1));
	RC(c, 0, alcove_setenv(T_AT(c), "ALCOVE_TYPED_B", "", 1));
	RC(c, 0, alcove_environ_t(T_AT(c), T_TIMEOUT, &env));
	ATF_REQUIRE(env != NULL);
	EQ(c, 1, count_entry(env, "ALCOVE_TYPED_A=two"));
	EQ(c, 1, count_entry(env, "ALCOVE_TYPED_B="));
	alcove_strv_free(env);
	RC(c, EINVAL, alcove_setenv(T_AT(c), "A=B", "x", 1));
	/* An empty name is no name: the port refuses the argument. */
	RC(c, ALCOVE_EBADARG, alcove_setenv(T_AT(c), "", "x", 1));

	RC(c, 0, alcove_unsetenv(T_AT(c), "ALCOVE_TYPED_A"));
	RC(c, 0, alcove_getenv(T_AT(c), "ALCOVE_TYPED_A", &value));
	ATF_CHECK(value == NULL);
	RC(c, 0, alcove_unsetenv_t(T_AT(c), T_TIMEOUT, "ALCOVE_TYPED_A"));
	RC(c, EINVAL, alcove_unsetenv(T_AT(c), "A=B"));
	RC(c, ALCOVE_EBADARG, alcove_unsetenv_t(T_AT(c), T_TIMEOUT, ""));

	RC(c, 0, alcove_clearenv(T_AT(c)));
	RC(c, 0, alcove_environ(T_AT(c), &env));
	ATF_REQUIRE(env != NULL);
	ATF_CHECK_MSG(env[0] == NULL, "depth %zu: %s left", c->n, env[0]);
	alcove_strv_free(env);
	RC(c, 0, alcove_getenv(T_AT(c), "ALCOVE_TYPED_B", &value));
	ATF_CHECK(value == NULL);
	RC(c, 0, alcove_clearenv_t(T_AT(c), T_TIMEOUT));

	ATF_REQUIRE(gethostname(mine, sizeof(mine)) == 0);
	RC(c, 0, alcove_gethostname(T_AT(c), host, sizeof(host)));
	STREQ(c, mine, host);
	RC(c, ERANGE, alcove_gethostname_t(T_AT(c), T_TIMEOUT, host,
	    strlen(mine)));
	RC(c, 0, alcove_gethostname_t(T_AT(c), T_TIMEOUT, host,
	    strlen(mine) + 1));
	STREQ(c, mine, host);

	title = t_supported(T_AT(c), "setproctitle");
	RC(c, title ? 0 : ALCOVE_EUNSUPPORTED, alcove_setproctitle(T_AT(c),
	    "alcove-typed-title"));
	RC(c, title ? 0 : ALCOVE_EUNSUPPORTED, alcove_setproctitle_t(T_AT(c),
	    T_TIMEOUT, "alcove-typed-t"));
	if (title && !t_wrapped(c->tc) && strcmp(t_backend(), "linux") == 0) {
		char cmdline[256];
		size_t n;

		n = t_slurp(t_want("/proc/%d/cmdline", (int)c->pid), cmdline,
		    sizeof(cmdline));
		ATF_CHECK(n >= strlen("alcove-typed-t"));
		STREQ(c, "alcove-typed-t", cmdline);
	}
}

/* ---- alcove_setrlimit(3) ---- */

/* Limits and priorities round trip and are inherited. */
static void
check_limits(struct ctx *c)
{
	struct rlimit rl;
	struct ctx q;
	uint64_t cur = 1, max = 1;
	int prio = 99, maxchild = -1;

	/* The test's limits and nice value, inherited. */
	ATF_REQUIRE(getrlimit(RLIMIT_NOFILE, &rl) == 0);
	RC(c, 0, alcove_getrlimit(T_AT(c), RLIMIT_NOFILE, &cur, &max));
	if (!t_wrapped(c->tc)) {
		EQ(c, rl.rlim_cur, cur);
		EQ(c, rl.rlim_max, max);
	}
	errno = 0;
	prio = getpriority(PRIO_PROCESS, 0);
	ATF_REQUIRE(errno == 0);
	RC(c, 0, alcove_getpriority(T_AT(c), PRIO_PROCESS, 0, &prio));
	EQ(c, getpriority(PRIO_PROCESS, 0), prio);

	RC(c, 0, alcove_setrlimit(T_AT(c), RLIMIT_CORE, 0, 4096));
	RC(c, 0, alcove_getrlimit_t(T_AT(c), T_TIMEOUT, RLIMIT_CORE, &cur,
	    &max));
	EQ(c, 0, cur);
	EQ(c, 4096, max);
	RC(c, EINVAL, alcove_setrlimit_t(T_AT(c), T_TIMEOUT, RLIMIT_CORE,
	    8192, 4096));
	RC(c, 0, alcove_setrlimit_t(T_AT(c), T_TIMEOUT, RLIMIT_CORE, 1024,
	    4096));
	RC(c, 0, alcove_getrlimit(T_AT(c), RLIMIT_CORE, &cur, &max));
	EQ(c, 1024, cur);
	EQ(c, 4096, max);

	/* A child inherits them; descriptors bound its maxchild. */
	ctx_fork(c, &q);
	RC(&q, 0, alcove_getrlimit(T_AT(&q), RLIMIT_CORE, &cur, &max));
	EQ(&q, 1024, cur);
	/* valgrind keeps RLIMIT_NOFILE for itself. */
	if (!t_wrapped(c->tc)) {
		RC(&q, 0, alcove_setrlimit(T_AT(&q), RLIMIT_NOFILE, 64, 64));
		RC(&q, 0, alcove_getrlimit(T_AT(&q), RLIMIT_NOFILE, &cur,
		    &max));
		EQ(&q, 64, cur);
		EQ(&q, 64, max);
		RC(&q, 0, alcove_getopt(T_AT(&q), "maxchild", &maxchild));
		EQ(&q, (64 - 6) / 6, maxchild);
	}

	RC(&q, 0, alcove_setpriority(T_AT(&q), PRIO_PROCESS, 0, 5));
	RC(&q, 0, alcove_getpriority_t(T_AT(&q), T_TIMEOUT, PRIO_PROCESS, 0,
	    &prio));
	EQ(&q, 5, prio);
	RC(c, 0, alcove_getpriority(T_AT(c), PRIO_PROCESS, q.pid, &prio));
	EQ(c, 5, prio);
	RC(c, 0, alcove_setpriority_t(T_AT(c), T_TIMEOUT, PRIO_PROCESS,
	    q.pid, 7));
	RC(&q, 0, alcove_getpriority(T_AT(&q), PRIO_PROCESS, 0, &prio));
	EQ(&q, 7, prio);
	RC(c, ESRCH, alcove_getpriority(T_AT(c), PRIO_PROCESS, NO_PID,
	    &prio));
	RC(c, ESRCH, alcove_setpriority(T_AT(c), PRIO_PROCESS, NO_PID, 1));

	/* Without privilege the hard limit only goes down. */
	RC(&q, 0, alcove_setuid(T_AT(&q), NOBODY));
	RC(&q, EPERM, alcove_setrlimit(T_AT(&q), RLIMIT_CORE, 1024, 4097));
	RC(&q, 0, alcove_setrlimit(T_AT(&q), RLIMIT_CORE, 512, 2048));
	RC(&q, 0, alcove_getrlimit(T_AT(&q), RLIMIT_CORE, &cur, &max));
	EQ(&q, 512, cur);
	EQ(&q, 2048, max);
}

/* ---- alcove_setopt(3) ---- */

/* Options and child settings round trip; filters block calls. */
static void
check_options(struct ctx *c)
{
	unsigned char own[16], sub[16], bits[16], big[17];
	struct alcove_pid *list = NULL;
	struct ctx q, g;
	size_t count = 0;
	char version[32];
	pid_t pid = -1;
	int v = -1, i;

	RC(c, 0, alcove_getopt(T_AT(c), "maxforkdepth", &v));
	EQ(c, 16, v);
	RC(c, 0, alcove_setopt_t(T_AT(c), T_TIMEOUT, "maxforkdepth", 300));
	RC(c, 0, alcove_getopt_t(T_AT(c), T_TIMEOUT, "maxforkdepth", &v));
	EQ(c, 255, v);
	RC(c, 0, alcove_getopt(T_AT(c), "exit_status", &v));
	EQ(c, 1, v);
	RC(c, 0, alcove_setopt(T_AT(c), "stdout_closed", 5));
	RC(c, 0, alcove_getopt(T_AT(c), "stdout_closed", &v));
	EQ(c, 1, v);
	RC(c, 0, alcove_setopt(T_AT(c), "flowcontrol", -5));
	RC(c, 0, alcove_getopt(T_AT(c), "flowcontrol", &v));
	EQ(c, -1, v);
	RC(c, ALCOVE_EBADARG, alcove_setopt(T_AT(c), "termsig", -1));
	RC(c, ALCOVE_EUNKNOWN, alcove_getopt(T_AT(c), "no_such_option", &v));
	RC(c, ALCOVE_EUNKNOWN, alcove_getopt(T_AT(c), "MAXCHILD", &v));
	RC(c, ALCOVE_EUNKNOWN, alcove_setopt(T_AT(c), "no_such_option", 1));

	/* Children copy the options at fork. */
	RC(c, 0, alcove_setopt(T_AT(c), "signaloneof", 9));
	ctx_fork(c, &q);
	RC(&q, 0, alcove_getopt(T_AT(&q), "signaloneof", &v));
	EQ(&q, 9, v);
	RC(&q, 0, alcove_getopt(T_AT(&q), "stdout_closed", &v));
	EQ(&q, 1, v);

	/* setcpid changes one child's settings, which cpid shows. */
	RC(c, 0, alcove_setcpid(T_AT(c), q.pid, "flowcontrol", 5));
	RC(c, 0, alcove_setcpid_t(T_AT(c), T_TIMEOUT, q.pid, "signaloneof",
	    300));
	RC(c, 0, alcove_cpid(T_AT(c), &list, &count));
	ATF_REQUIRE_EQ(count, 1);
	EQ(c, q.pid, list[0].pid);
	EQ(c, 5, list[0].flowcontrol);
	EQ(c, 255, list[0].signaloneof);
	free(list);
	RC(c, 0, alcove_setcpid(T_AT(c), NO_PID, "signaloneof", 1));
	RC(c, ALCOVE_EUNKNOWN, alcove_setcpid(T_AT(c), q.pid, "bogus", 1));
	RC(c, ALCOVE_EBADARG, alcove_setcpid(T_AT(c), q.pid, "signaloneof",
	    -1));

	/* The bit of a call is bit n mod 8 of byte n / 8. */
	memset(bits, 0, sizeof(bits));
	alcove_filter_add(bits, 36);
	alcove_filter_add(bits, 128);
	alcove_filter_add(bits, -1);
	for (i = 0; i < 16; i++)
		EQ(c, i == 4 ? 0x10 : 0, bits[i]);

	/* getpid is blocked in q; fork only in the children q makes next. */
	memset(own, 0, sizeof(own));
	memset(sub, 0, sizeof(sub));
	alcove_filter_add(own, alcove_call_number("getpid"));
	alcove_filter_add(sub, alcove_call_number("fork"));
	RC(&q, 0, alcove_filter(T_AT(&q), own, sizeof(own), sub,
	    sizeof(sub)));
	RC(&q, ALCOVE_EUNDEF, alcove_getpid(T_AT(&q), &pid));
	RC(&q, 0, alcove_getpgrp(T_AT(&q), &pid));
	ctx_fork(&q, &g);
	RC(&g, ALCOVE_EUNDEF, alcove_fork(T_AT(&g), &pid));
	RC(&g, 0, alcove_getpid(T_AT(&g), &pid));
	EQ(&g, g.pid, pid);
	/* Bits are never removed. */
	memset(own, 0, sizeof(own));
	RC(&q, 0, alcove_filter_t(T_AT(&q), T_TIMEOUT, own, sizeof(own), own,
	    0));
	RC(&q, ALCOVE_EUNDEF, alcove_getpid(T_AT(&q), &pid));
	memset(big, 0, sizeof(big));
	RC(&q, ALCOVE_EBADARG, alcove_filter(T_AT(&q), big, sizeof(big), own,
	    0));
	RC(c, 0, alcove_getpid(T_AT(c), &pid));
	EQ(c, c->pid, pid);

	RC(c, 0, alcove_version(T_AT(c), version, sizeof(version)));
	STREQ(c, "1.0.1", version);
	RC(c, ERANGE, alcove_version_t(T_AT(c), T_TIMEOUT, version, 5));
	RC(c, 0, alcove_version_t(T_AT(c), T_TIMEOUT, version, 6));
	STREQ(c, "1.0.1", version);
}

/* ---- alcove_constant(3) ---- */

typedef int	constant_fn(struct alcove *, const pid_t *, size_t,
		    const char *, uint64_t *);
typedef int	constant_t_fn(struct alcove *, const pid_t *, size_t, int,
		    const char *, uint64_t *);

/*
 * One name of each table and its value in a Linux build (the test's own
 * headers; 0 where they lack it, when the port must say unknown too).
 */
static const struct {
	const char	*table;
	constant_fn	*fn;
	constant_t_fn	*fn_t;
	const char	*name;
	uint64_t	 linux_value;
} constants[] = {
	{ "cap", alcove_cap_constant, alcove_cap_constant_t, "cap_read",
	    0 },
	{ "clone", alcove_clone_constant, alcove_clone_constant_t,
	    "clone_newns", 0x00020000 },
	{ "fcntl", alcove_fcntl_constant, alcove_fcntl_constant_t,
	    "f_getfd", F_GETFD },
	{ "file", alcove_file_constant, alcove_file_constant_t, "o_cloexec",
	    O_CLOEXEC },
	{ "ioctl", alcove_ioctl_constant, alcove_ioctl_constant_t,
	    "tiocgwinsz", TIOCGWINSZ },
	{ "mount", alcove_mount_constant, alcove_mount_constant_t, "ms_bind",
	    4096 },
	{ "prctl", alcove_prctl_constant, alcove_prctl_constant_t,
	    "pr_set_name", 15 },
	{ "ptrace", alcove_ptrace_constant, alcove_ptrace_constant_t,
	    "ptrace_traceme", 0 },
	{ "rlimit", alcove_rlimit_constant, alcove_rlimit_constant_t,
	    "rlimit_nofile", RLIMIT_NOFILE },
	{ "seccomp", alcove_seccomp_constant, alcove_seccomp_constant_t,
	    "seccomp_set_mode_filter", 1 },
	{ "signal", alcove_signal_constant, alcove_signal_constant_t,
	    "sigterm", SIGTERM },
	{ "syscall", alcove_syscall_constant, alcove_syscall_constant_t,
	    "sys_getpid", SYS_getpid },
};

/*
 * Every *_constant call, by both forms and through alcove_constant: the
 * same value, in any case; unknown names.
 */
static void
check_constants(struct ctx *c)
{
	char upper[64];
	uint64_t v, v2, v3;
	size_t i, k;
	int lnx, err;

	lnx = strcmp(t_backend(), "linux") == 0;
	for (i = 0; i < nitems(constants); i++) {
		v = v2 = v3 = 12345;
		err = constants[i].fn(T_AT(c), constants[i].name, &v);
		/* cap_read is FreeBSD's; ptrace_traceme is 0. */
		if (lnx && strcmp(constants[i].table, "cap") == 0)
			RC(c, ALCOVE_EUNKNOWN, err);
		else if (lnx) {
			RC(c, 0, err);
			ATF_CHECK_MSG(v == constants[i].linux_value,
			    "depth %zu: %s %s is %llu, expected %llu", c->n,
			    constants[i].table, constants[i].name,
			    (unsigned long long)v,
			    (unsigned long long)constants[i].linux_value);
		} else
			ATF_CHECK(err == 0 || err == ALCOVE_EUNKNOWN);
		for (k = 0; constants[i].name[k] != '\0'; k++)
			upper[k] = (char)toupper(
			    (unsigned char)constants[i].name[k]);
		upper[k] = '\0';
		RC(c, err, constants[i].fn_t(T_AT(c), T_TIMEOUT, upper, &v2));
		RC(c, err, alcove_constant(T_AT(c), constants[i].table,
		    constants[i].name, &v3));
		if (err == 0) {
			EQ(c, v, v2);
			EQ(c, v, v3);
		}
		RC(c, ALCOVE_EUNKNOWN, constants[i].fn(T_AT(c),
		    "alcove_no_such_name", &v));
		RC(c, ALCOVE_EUNKNOWN, alcove_constant_t(T_AT(c), T_TIMEOUT,
		    constants[i].table, "alcove_no_such_name", &v));
	}
	RC(c, ALCOVE_EINVAL, alcove_constant(T_AT(c), "nosuch", "x", &v));
	RC(c, ALCOVE_EINVAL, alcove_constant(T_AT(c), NULL, "x", &v));
	RC(c, ALCOVE_EINVAL, alcove_constant(T_AT(c),
	    "a_table_name_longer_than_any_call_name", "x", &v));
}

/* errno_id names errno values as the port's system does. */
static void
check_errno_id(struct ctx *c)
{
	char buf[32];

	RC(c, 0, alcove_errno_id(T_AT(c), ENOENT, buf, sizeof(buf)));
	STREQ(c, "enoent", buf);
	RC(c, 0, alcove_errno_id_t(T_AT(c), T_TIMEOUT, EPERM, buf,
	    sizeof(buf)));
	STREQ(c, "eperm", buf);
	RC(c, 0, alcove_errno_id(T_AT(c), EAGAIN, buf, sizeof(buf)));
	STREQ(c, "eagain", buf);
	RC(c, 0, alcove_errno_id(T_AT(c), 0, buf, sizeof(buf)));
	STREQ(c, "unknown", buf);
	RC(c, 0, alcove_errno_id(T_AT(c), 100000, buf, sizeof(buf)));
	STREQ(c, "unknown", buf);
	RC(c, ERANGE, alcove_errno_id_t(T_AT(c), T_TIMEOUT, ENOENT, buf, 6));
	RC(c, 0, alcove_errno_id_t(T_AT(c), T_TIMEOUT, ENOENT, buf, 7));
	STREQ(c, "enoent", buf);
}

/* ---- arguments the library refuses ---- */

/*
 * A NULL pointer where a call needs one is ALCOVE_EINVAL, before anything
 * is sent; the process answers the next call as before.
 */
static void
check_null_arguments(struct ctx *c)
{
	unsigned char bits[16];
	struct alcove_pid *list;
	char *argv[] = { "prog", NULL };
	char buf[16], **v, *value;
	gid_t g;
	uid_t u;
	uint64_t x;
	size_t n;
	pid_t pid;
	int i;

	RC(c, ALCOVE_EINVAL, alcove_fork(T_AT(c), NULL));
	RC(c, ALCOVE_EINVAL, alcove_execvp(T_AT(c), NULL, argv));
	RC(c, ALCOVE_EINVAL, alcove_execve_t(T_AT(c), T_TIMEOUT, NULL, argv,
	    argv));
	RC(c, ALCOVE_EINVAL, alcove_waitpid(T_AT(c), -1, 0, NULL, &i));
	RC(c, ALCOVE_EINVAL, alcove_waitpid(T_AT(c), -1, 0, &pid, NULL));
	RC(c, ALCOVE_EINVAL, alcove_getpid(T_AT(c), NULL));
	RC(c, ALCOVE_EINVAL, alcove_getpgrp(T_AT(c), NULL));
	RC(c, ALCOVE_EINVAL, alcove_getsid(T_AT(c), 0, NULL));
	RC(c, ALCOVE_EINVAL, alcove_setsid(T_AT(c), NULL));
	RC(c, ALCOVE_EINVAL, alcove_cpid(T_AT(c), NULL, &n));
	RC(c, ALCOVE_EINVAL, alcove_cpid(T_AT(c), &list, NULL));

	RC(c, ALCOVE_EINVAL, alcove_getuid(T_AT(c), NULL));
	RC(c, ALCOVE_EINVAL, alcove_getgid(T_AT(c), NULL));
	RC(c, ALCOVE_EINVAL, alcove_getgroups(T_AT(c), NULL, 4, &n));
	RC(c, ALCOVE_EINVAL, alcove_getgroups(T_AT(c), &g, 1, NULL));
	RC(c, ALCOVE_EINVAL, alcove_setgroups(T_AT(c), NULL, 1));
	RC(c, ALCOVE_EINVAL, alcove_getresuid(T_AT(c), &u, NULL, &u));
	RC(c, ALCOVE_EINVAL, alcove_getresgid(T_AT(c), NULL, &g, &g));

	RC(c, ALCOVE_EINVAL, alcove_chdir(T_AT(c), NULL));
	RC(c, ALCOVE_EINVAL, alcove_chroot(T_AT(c), NULL));
	RC(c, ALCOVE_EINVAL, alcove_getcwd(T_AT(c), NULL, 16));
	RC(c, ALCOVE_EINVAL, alcove_mkdir(T_AT(c), NULL, 0700));
	RC(c, ALCOVE_EINVAL, alcove_rmdir(T_AT(c), NULL));
	RC(c, ALCOVE_EINVAL, alcove_unlink(T_AT(c), NULL));
	RC(c, ALCOVE_EINVAL, alcove_symlink(T_AT(c), NULL, "x"));
	RC(c, ALCOVE_EINVAL, alcove_symlink(T_AT(c), "x", NULL));
	RC(c, ALCOVE_EINVAL, alcove_link(T_AT(c), "x", NULL));
	RC(c, ALCOVE_EINVAL, alcove_chmod(T_AT(c), NULL, 0600));
	RC(c, ALCOVE_EINVAL, alcove_chown(T_AT(c), NULL, 0, 0));
	RC(c, ALCOVE_EINVAL, alcove_mkfifo(T_AT(c), NULL, 0600));
	RC(c, ALCOVE_EINVAL, alcove_readdir(T_AT(c), NULL, &v));
	RC(c, ALCOVE_EINVAL, alcove_readdir(T_AT(c), ".", NULL));

	RC(c, ALCOVE_EINVAL, alcove_open(T_AT(c), NULL, O_RDONLY, 0, &i));
	RC(c, ALCOVE_EINVAL, alcove_open(T_AT(c), ".", O_RDONLY, 0, NULL));
	RC(c, ALCOVE_EINVAL, alcove_read(T_AT(c), 0, NULL, 1, &n));
	RC(c, ALCOVE_EINVAL, alcove_read(T_AT(c), 0, buf, 1, NULL));
	RC(c, ALCOVE_EINVAL, alcove_write(T_AT(c), 1, NULL, 1, &n));

	RC(c, ALCOVE_EINVAL, alcove_environ(T_AT(c), NULL));
	RC(c, ALCOVE_EINVAL, alcove_getenv(T_AT(c), NULL, &value));
	RC(c, ALCOVE_EINVAL, alcove_getenv(T_AT(c), "HOME", NULL));
	RC(c, ALCOVE_EINVAL, alcove_setenv(T_AT(c), NULL, "x", 1));
	RC(c, ALCOVE_EINVAL, alcove_setenv(T_AT(c), "X", NULL, 1));
	RC(c, ALCOVE_EINVAL, alcove_unsetenv(T_AT(c), NULL));
	RC(c, ALCOVE_EINVAL, alcove_gethostname(T_AT(c), NULL, 16));
	RC(c, ALCOVE_EINVAL, alcove_setproctitle(T_AT(c), NULL));

	RC(c, ALCOVE_EINVAL, alcove_getrlimit(T_AT(c), RLIMIT_CORE, NULL,
	    &x));
	RC(c, ALCOVE_EINVAL, alcove_getrlimit(T_AT(c), RLIMIT_CORE, &x,
	    NULL));
	RC(c, ALCOVE_EINVAL, alcove_getpriority(T_AT(c), PRIO_PROCESS, 0,
	    NULL));

	RC(c, ALCOVE_EINVAL, alcove_getopt(T_AT(c), NULL, &i));
	RC(c, ALCOVE_EINVAL, alcove_getopt(T_AT(c), "maxchild", NULL));
	RC(c, ALCOVE_EINVAL, alcove_setopt(T_AT(c), NULL, 1));
	RC(c, ALCOVE_EINVAL, alcove_setcpid(T_AT(c), 1, NULL, 1));
	RC(c, ALCOVE_EINVAL, alcove_filter(T_AT(c), NULL, 16, bits, 0));
	RC(c, ALCOVE_EINVAL, alcove_filter(T_AT(c), bits, 0, NULL, 16));
	alcove_filter_add(NULL, 1);
	RC(c, ALCOVE_EINVAL, alcove_version(T_AT(c), NULL, 16));
	RC(c, ALCOVE_EINVAL, alcove_errno_id(T_AT(c), ENOENT, NULL, 16));
	RC(c, ALCOVE_EINVAL, alcove_constant(T_AT(c), "file", NULL, &x));
	RC(c, ALCOVE_EINVAL, alcove_constant(T_AT(c), "file", "o_rdonly",
	    NULL));
	RC(c, ALCOVE_EINVAL, alcove_file_constant(T_AT(c), NULL, &x));

	/* What may be NULL (or empty) is. */
	RC(c, 0, alcove_sigaction(T_AT(c), SIGUSR1, ALCOVE_SIG_QUERY, NULL));
	RC(c, 0, alcove_filter(T_AT(c), NULL, 0, NULL, 0));
	RC(c, ERANGE, alcove_version(T_AT(c), NULL, 0));
	RC(c, 0, alcove_getpid(T_AT(c), &pid));
	EQ(c, c->pid, pid);
}

/* ---- test cases ---- */

/* A test case that runs check_NAME at depth 0 and at depth 2. */
#define BOTH_TC(name, text)						\
T_TC(name, text)							\
ATF_TC_BODY(name, tc)							\
{									\
	run_both(tc, check_##name);					\
}

/* The same for a check that needs root. */
#define BOTH_TC_ROOT(name, text)					\
T_TC_ROOT(name, text)							\
ATF_TC_BODY(name, tc)							\
{									\
	run_both(tc, check_##name);					\
}

BOTH_TC(fork, "fork_t and fork: the pid is the child's getpid; cpid, "
    "getpgrp, getsid, setpgid and setsid in both forms; EAGAIN at "
    "maxforkdepth and maxchild")
BOTH_TC(kill, "kill and kill_t: signal 0, a caught SIGUSR1 reported as an "
    "event, a grandchild killed by its parent; ESRCH and EINVAL")
BOTH_TC(waitpid, "sigaction and sigaction_t set and report dispositions; "
    "ALCOVE_EINVAL for a bad handler; exit events in reap mode, waitpid "
    "and waitpid_t in report mode")
BOTH_TC(exec, "execvp, execvp_t, execve, execve_t: errors leave the "
    "process as it was; a child execs a shell with exactly envp; the "
    "process itself execs echo found in PATH")
BOTH_TC(exit, "exit_t in a child and exit in the process itself: the "
    "status modulo 256")
BOTH_TC_ROOT(identity, "getuid, getgid, getgroups, setgroups, setresgid, "
    "getresgid, setgid, setresuid, getresuid, setuid in both forms: round "
    "trips, ERANGE, ALCOVE_ETOOBIG, EPERM once dropped")
BOTH_TC_ROOT(files, "chdir, getcwd, mkdir, mkfifo, chmod, chown, link, "
    "symlink, readdir, unlink, rmdir, chroot in both forms, as the test "
    "sees the files")
BOTH_TC(descriptors, "open, write, lseek, read, close in both forms round "
    "trip on a file; EEXIST, ENOENT, EBADF, EINVAL, ALCOVE_ETOOBIG")
BOTH_TC(environment, "environ is the test's; getenv, setenv, unsetenv, "
    "clearenv round trip in both forms; gethostname is the test's; "
    "setproctitle")
BOTH_TC_ROOT(limits, "getrlimit, setrlimit, getpriority, setpriority in "
    "both forms round trip and are inherited; EINVAL, ESRCH, EPERM")
BOTH_TC(options, "getopt, setopt, setcpid, filter, filter_add, version in "
    "both forms: values as stored, ALCOVE_EUNKNOWN, ALCOVE_EBADARG, "
    "ALCOVE_EUNDEF, ERANGE")
BOTH_TC(constants, "the 12 *_constant calls in both forms and "
    "alcove_constant agree, in any case; ALCOVE_EUNKNOWN, ALCOVE_EINVAL")
BOTH_TC(errno_id, "errno_id and errno_id_t name ENOENT, EPERM, EAGAIN; "
    "unknown; ERANGE")
BOTH_TC(null_arguments, "a NULL pointer where a call needs one is "
    "ALCOVE_EINVAL, and the process still answers")

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, fork);
	ATF_TP_ADD_TC(tp, kill);
	ATF_TP_ADD_TC(tp, waitpid);
	ATF_TP_ADD_TC(tp, exec);
	ATF_TP_ADD_TC(tp, exit);
	ATF_TP_ADD_TC(tp, identity);
	ATF_TP_ADD_TC(tp, files);
	ATF_TP_ADD_TC(tp, descriptors);
	ATF_TP_ADD_TC(tp, environment);
	ATF_TP_ADD_TC(tp, limits);
	ATF_TP_ADD_TC(tp, options);
	ATF_TP_ADD_TC(tp, constants);
	ATF_TP_ADD_TC(tp, errno_id);
	ATF_TP_ADD_TC(tp, null_arguments);
	return atf_no_error();
}
