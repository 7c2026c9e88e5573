/*
 * One integration test per call of the first issue: each check runs in the
 * port itself (depth 0, path NULL,0) and in a grandchild (depth 2), through
 * the typed functions and through alcove_call with the exact reply term.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "testlib.h"

#ifndef nitems
#define nitems(a)	(sizeof(a) / sizeof((a)[0]))
#endif

/* The unprivileged user and group of the checks that need one. */
#define NOBODY		65534

/* A pid no process has: above every possible pid_max. */
#define NO_PID		INT32_MAX

/* NO_PID as INTEGER_EXT, the way Erlang encodes it, and as SMALL_BIG_EXT. */
static const unsigned char int_max[] = { 0x62, 0x7f, 0xff, 0xff, 0xff };
static const unsigned char big_max[] = { 0x6e, 4, 0, 0xff, 0xff, 0xff,
    0x7f };

/* RLIM_INFINITY on Linux, as the port encodes it. */
#define INFINITY_TEXT	"18446744073709551615"

/*
 * The process a check talks to: the port (n = 0, path NULL) or a process
 * n levels below it.  dir is a scratch directory of its own.
 */
struct ctx {
	const atf_tc_t		*tc;
	struct alcove		*h;
	pid_t			 path[8];
	size_t			 n;
	pid_t			 pid;
	char			 dir[PATH_MAX];
	struct alcove_term	*reply;
};

/*
 * Is the port run under a wrapper such as valgrind?  valgrind keeps some
 * descriptors for itself (RLIMIT_NOFILE reads lower and its hard limit
 * cannot change), accepts a SIGSTOP disposition the kernel refuses and
 * shows its own command line in /proc/PID/cmdline, so those checks only
 * hold for a port run directly (BOTH_TC_DIRECT skips them).
 */
static int
wrapped(const struct ctx *c)
{
	return t_wrapped(c->tc);
}

/* Skip when the port under test answers {error, unsupported} for call. */
static void
require_call(struct ctx *c, const char *call)
{
	if (!t_supported(T_AT(c), call))
		atf_tc_skip("this port (%s backend) answers {error, "
		    "unsupported} for %s", t_backend(), call);
}

typedef void	check_fn(struct ctx *);

/*
 * Make a call with alcove_call and require its reply, written as Erlang
 * text by t_reply_text(), to be exactly want.
 */
#define EXPECT(c, want, name, ...)					\
	expect_reply((c), __LINE__, (name), (want),			\
	    alcove_call((c)->h, T_PATH(c), (c)->n,			\
	    alcove_call_number(name), T_TIMEOUT, &(c)->reply, __VA_ARGS__))

/* Make a call that must reply; the caller frees the term. */
#define CALL(c, name, ...)						\
	call_term((c), __LINE__, (name),				\
	    alcove_call((c)->h, T_PATH(c), (c)->n,			\
	    alcove_call_number(name), T_TIMEOUT, &(c)->reply, __VA_ARGS__))

/* The integer of an {ok, Integer} reply. */
#define OK_INT(c, name, ...)						\
	ok_int((c), __LINE__, (name), CALL((c), (name), __VA_ARGS__))

static void
expect_reply(struct ctx *c, int line, const char *name, const char *want,
    int err)
{
	const char *got;

	got = t_reply_text(err, c->reply);
	alcove_term_free(c->reply);
	c->reply = NULL;
	if (strcmp(got, want) != 0)
		atf_tc_fail_nonfatal("line %d, depth %zu: %s: expected %s, "
		    "got %s", line, c->n, name, want, got);
}

static struct alcove_term *
call_term(struct ctx *c, int line, const char *name, int err)
{
	struct alcove_term *t = c->reply;

	c->reply = NULL;
	if (err != 0 || t == NULL)
		atf_tc_fail("line %d, depth %zu: %s: %s", line, c->n, name,
		    t_reply_text(err, t));
	return t;
}

static int64_t
ok_int(struct ctx *c, int line, const char *name, struct alcove_term *t)
{
	int64_t v = 0;

	if (t->type != ALCOVE_TERM_TUPLE || t->n != 2 ||
	    !alcove_term_atom(&t->e[0], "ok") ||
	    alcove_term_int(&t->e[1], &v) == -1)
		atf_tc_fail("line %d, depth %zu: %s: expected {ok,Integer}, "
		    "got %s", line, c->n, name, t_reply_text(0, t));
	alcove_term_free(t);
	return v;
}

/* A file in the context's scratch directory, for use at once. */
static const char *
fpath(const struct ctx *c, const char *name)
{
	return t_want("%s/%s", c->dir, name);
}

/* The same, kept in buf (PATH_MAX bytes) for the caller. */
static char *
in_dir(char *buf, const struct ctx *c, const char *name)
{
	if (snprintf(buf, PATH_MAX, "%s/%s", c->dir, name) >= PATH_MAX)
		atf_tc_fail("%s/%s: path too long", c->dir, name);
	return buf;
}

/* STRING_EXT: how Erlang sends a list of integers 0..255. */
static size_t
etf_string(unsigned char *b, const void *s, size_t len)
{
	b[0] = 0x6b;
	b[1] = (unsigned char)(len >> 8);
	b[2] = (unsigned char)len;
	memcpy(b + 3, s, len);
	return len + 3;
}

/* ---- files seen by the test itself ---- */

static mode_t
current_umask(void)
{
	mode_t m = umask(0);

	(void)umask(m);
	return m;
}

/* What /proc/PID/fd/FD refers to. */
static const char *
proc_fd(pid_t pid, int fd)
{
	static char link[PATH_MAX];
	ssize_t n;

	n = readlink(t_want("/proc/%d/fd/%d", (int)pid, fd), link,
	    sizeof(link) - 1);
	link[n > 0 ? n : 0] = '\0';
	return link;
}

/* The kernel's list of supplementary groups of pid, as {ok, [Gid]}. */
static const char *
proc_groups(pid_t pid)
{
	char status[8192], list[4096], *p, *end;
	size_t len = 0;
	unsigned long g;

	(void)t_slurp(t_want("/proc/%d/status", (int)pid), status,
	    sizeof(status));
	ATF_REQUIRE((p = strstr(status, "\nGroups:")) != NULL);
	p += strlen("\nGroups:");
	list[0] = '\0';
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p < '0' || *p > '9')
			break;
		g = strtoul(p, &end, 10);
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%lu",
		    len > 0 ? "," : "", g);
		p = end;
	}
	return t_want("{ok,[%s]}", list);
}

/* ---- the process under test ---- */

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
	if (snprintf(c->dir, sizeof(c->dir), "%s/d%zu.XXXXXX", cwd, depth) >=
	    (int)sizeof(c->dir))
		atf_tc_fail("%s: path too long", cwd);
	ATF_REQUIRE(mkdtemp(c->dir) != NULL);
	/* Unprivileged children work in it (ctx_fork_nobody). */
	ATF_REQUIRE(chmod(c->dir, 0755) == 0);
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

/*
 * Stop the port (unless the check replaced it) and remove the scratch
 * directory: kyua would, but a test run by hand must not leave it behind.
 */
static void
ctx_stop(struct ctx *c)
{
	if (c->h != NULL)
		t_stop(c->h);
	c->h = NULL;
	ATF_CHECK_MSG(nftw(c->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS) ==
	    0, "cannot remove %s", c->dir);
}

static void
run_at(const atf_tc_t *tc, size_t depth, check_fn *check)
{
	struct ctx c;

	ctx_start(&c, tc, depth);
	check(&c);
	ctx_stop(&c);
}

/* Each depth gets a port of its own, so no check sees the other's state. */
static void
run_both(const atf_tc_t *tc, check_fn *check)
{
	run_at(tc, 0, check);
	run_at(tc, 2, check);
}

/* A new alcove child of c, as a context one level deeper. */
static void
ctx_fork(struct ctx *c, struct ctx *q)
{
	ATF_REQUIRE(c->n + 1 < nitems(c->path));
	*q = *c;
	q->reply = NULL;
	T_OK(alcove_fork(T_AT(c), &q->path[c->n]));
	q->n = c->n + 1;
	q->pid = q->path[c->n];
}

/*
 * A child of c that gave up root for NOBODY: privileges are only ever
 * dropped in a child, so the port and the process under test stay root.
 * It works in c->dir, which it could not reach otherwise.
 */
static void
ctx_fork_nobody(struct ctx *c, struct ctx *q)
{
	ctx_fork(c, q);
	T_OK(alcove_chdir(T_AT(q), c->dir));
	T_OK(alcove_setgroups(T_AT(q), NULL, 0));
	T_OK(alcove_setgid(T_AT(q), NOBODY));
	T_OK(alcove_setuid(T_AT(q), NOBODY));
}

/*
 * What the program that replaced c's process writes on stdout, and its
 * wait(2) status.  At depth 0 that program replaced the port: its output is
 * the port's raw stdout (for path NULL,0) up to EOF, and its status is the
 * port's exit status, which alcove_stop returns.
 */
static int
collect(struct ctx *c, char **out)
{
	struct alcove_msg *m;
	char *buf = NULL;
	size_t n = 0;
	int status = -1, err;

	if (c->n > 0)
		return t_collect(c->h, T_PATH(c), c->n, (unsigned char **)out,
		    NULL);
	for (;;) {
		err = alcove_recv(c->h, NULL, 0, ALCOVE_MSG_STDOUT, T_TIMEOUT,
		    &m);
		if (err == ALCOVE_EPORT)
			break;
		T_OK(err);
		ATF_CHECK_EQ(m->npath, 0);
		ATF_REQUIRE((buf = realloc(buf, n + m->len + 1)) != NULL);
		memcpy(buf + n, m->data, m->len);
		n += m->len;
		alcove_msg_free(m);
	}
	if (buf == NULL)
		ATF_REQUIRE((buf = malloc(1)) != NULL);
	buf[n] = '\0';
	*out = buf;
	T_OK(alcove_stop(c->h, &status));
	c->h = NULL;
	return status;
}

static void
expect_exit(int status, int code)
{
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == code,
	    "expected exit status %d, got wait status 0x%x", code, status);
}

/* The next event for c's path, as text. */
static const char *
next_event(struct ctx *c)
{
	struct alcove_msg *m;
	const char *s;

	m = t_recv(c->h, T_PATH(c), c->n, ALCOVE_MSG_EVENT);
	s = t_reply_text(0, m->term);
	alcove_msg_free(m);
	return s;
}

static void
expect_event(struct ctx *c, const char *wanted)
{
	const char *got = next_event(c);

	ATF_CHECK_MSG(strcmp(got, wanted) == 0, "depth %zu: expected event "
	    "%s, got %s", c->n, wanted, got);
}

/*
 * The next event for c's path must be {signal, Name, SigInfo} for signo,
 * with this si_code and si_pid (and, for SIGCHLD, this si_status).
 */
static void
expect_signal(struct ctx *c, const char *name, int signo, int code,
    pid_t pid, int status)
{
	struct alcove_msg *m;
	const struct alcove_term *t;
	siginfo_t si;

	m = t_recv(c->h, T_PATH(c), c->n, ALCOVE_MSG_EVENT);
	t = m->term;
	ATF_REQUIRE_MSG(t->type == ALCOVE_TERM_TUPLE && t->n == 3 &&
	    alcove_term_atom(&t->e[0], "signal") &&
	    alcove_term_atom(&t->e[1], name) &&
	    t->e[2].type == ALCOVE_TERM_BINARY && t->e[2].len == sizeof(si),
	    "depth %zu: expected {signal,%s,<<%zu bytes>>}, got %s", c->n,
	    name, sizeof(si), t_reply_text(0, t));
	memcpy(&si, t->e[2].data, sizeof(si));
	ATF_CHECK_EQ(si.si_signo, signo);
	ATF_CHECK_EQ(si.si_code, code);
	ATF_CHECK_EQ(si.si_pid, pid);
	if (signo == SIGCHLD)
		ATF_CHECK_EQ(si.si_status, status);
	alcove_msg_free(m);
}

/* ---- processes ---- */

static void
check_fork(struct ctx *c)
{
	struct alcove_pid *cp;
	struct ctx q, q2;
	size_t n;
	pid_t pid;

	EXPECT(c, "badarg", "fork", "i", 1);

	ctx_fork(c, &q);
	ATF_CHECK(q.pid > 0 && q.pid != c->pid);
	/* The child is an alcove process of its own, with no children. */
	EXPECT(&q, t_want("%d", (int)q.pid), "getpid", "");
	EXPECT(&q, "[]", "cpid", "");
	T_OK(alcove_cpid(T_AT(c), &cp, &n));
	ATF_REQUIRE_EQ(n, 1);
	ATF_CHECK_EQ(cp[0].pid, q.pid);
	free(cp);

	/* The reply term itself: {ok, Pid}. */
	pid = (pid_t)OK_INT(c, "fork", "");
	q2 = q;
	q2.path[c->n] = pid;
	q2.pid = pid;
	EXPECT(&q2, t_want("%d", (int)pid), "getpid", "");

	/* A process at depth d forks only while d < maxforkdepth. */
	EXPECT(c, "true", "setopt", "ai", "maxforkdepth", (int)c->n);
	EXPECT(c, "{error,eagain}", "fork", "");
	EXPECT(c, "true", "setopt", "ai", "maxforkdepth", (int)c->n + 1);
	ctx_fork(c, &q2);
	EXPECT(&q2, "{error,eagain}", "fork", "");

	/* No free slot. */
	EXPECT(c, "true", "setopt", "ai", "maxchild", 3);
	EXPECT(c, "{error,eagain}", "fork", "");
	T_ERR(EAGAIN, alcove_fork(T_AT(c), &pid));
}

/* Exec failures leave the process as it was. */
static void
exec_errors(struct ctx *c)
{
	char *argv[] = { "prog", NULL };
	char *envp[] = { "A=1", NULL };
	unsigned char str[16];
	size_t len;

	len = etf_string(str, "hi", 2);
	EXPECT(c, "badarg", "execvp", "bA", "", (size_t)0, argv);
	EXPECT(c, "badarg", "execvp", "sr", "/bin/echo", str, len);
	EXPECT(c, "badarg", "execvp", "s[si]", "/bin/echo", "echo", 1);
	EXPECT(c, "badarg", "execvp", "sa", "/bin/echo", "echo");
	EXPECT(c, "{error,enoent}", "execvp", "sA", "/nonexistent/prog",
	    argv);
	T_ERR(ENOENT, alcove_execvp(T_AT(c), "/nonexistent/prog", argv));
	EXPECT(c, "{error,eacces}", "execvp", "sA", c->dir, argv);

	EXPECT(c, "badarg", "execve", "sAr", "/usr/bin/env", argv, str, len);
	EXPECT(c, "badarg", "execve", "sAa", "/usr/bin/env", argv, "env");
	/* execve does not search PATH. */
	EXPECT(c, "{error,enoent}", "execve", "sAA", "no-such-prog", argv,
	    envp);
	T_ERR(ENOENT, alcove_execve(T_AT(c), "/nonexistent/prog", argv, envp));
	EXPECT(c, "{error,eacces}", "execve", "sAA", c->dir, argv, envp);

	EXPECT(c, t_want("%d", (int)c->pid), "getpid", "");
}

static void
check_execvp(struct ctx *c)
{
	char *argv[] = { "/bin/echo", "hi", NULL };
	char *out;
	int status;

	exec_errors(c);
	/* execvp searches PATH, skipping what does not exist. */
	T_OK(alcove_setenv(T_AT(c), "PATH", "/nonexistent:/bin:/usr/bin", 1));
	T_OK(alcove_execvp(T_AT(c), "echo", argv));
	status = collect(c, &out);
	ATF_CHECK_STREQ(out, "hi\n");
	expect_exit(status, 0);
	free(out);
}

static void
check_execve(struct ctx *c)
{
	char *argv[] = { "env", NULL };
	char *envp[] = { "A=1", NULL };
	char *out;
	int status;

	exec_errors(c);
	T_OK(alcove_execve(T_AT(c), "/usr/bin/env", argv, envp));
	status = collect(c, &out);
	ATF_CHECK_STREQ(out, "A=1\n");
	expect_exit(status, 0);
	free(out);
}

/*
 * execve of a shell that waits for a line of input: at depth 0 nothing is
 * written on the port's stdout until the library is in raw mode, and the
 * line goes to the program as stdin data.
 */
static void
check_execve_stdin(struct ctx *c)
{
	char *argv[] = { "sh", "-c",
	    "read x; printf '%s:%s\\n' \"$A\" \"$x\"; exit 3", NULL };
	char *envp[] = { "A=1", NULL };
	char *out;
	int status;

	exec_errors(c);
	EXPECT(c, "<no reply>", "execve", "sAA", "/bin/sh", argv, envp);
	T_OK(alcove_stdin(T_AT(c), "go\n", 3));
	status = collect(c, &out);
	ATF_CHECK_STREQ(out, "1:go\n");
	expect_exit(status, 3);
	free(out);
}

static void
check_exit(struct ctx *c)
{
	struct ctx q;
	char *out;
	int status;

	EXPECT(c, "badarg", "exit", "s", "x");
	EXPECT(c, "badarg", "exit", "l", 1LL << 32);
	/* The status is reported band 255. */
	ctx_fork(c, &q);
	T_OK(alcove_exit(T_AT(&q), 259));
	status = collect(&q, &out);
	ATF_CHECK_STREQ(out, "");
	expect_exit(status, 3);
	free(out);

	EXPECT(c, "<no reply>", "exit", "i", 261);
	status = collect(c, &out);
	ATF_CHECK_STREQ(out, "");
	expect_exit(status, 5);
	free(out);
}

static void
check_kill(struct ctx *c)
{
	struct ctx q;

	ctx_fork(c, &q);
	EXPECT(c, "ok", "kill", "ii", (int)q.pid, 0);
	/* An alcove process catches the signal and reports it. */
	EXPECT(c, "ok", "kill", "ia", (int)q.pid, "sigusr1");
	expect_signal(&q, "sigusr1", SIGUSR1, SI_USER, c->pid, 0);
	EXPECT(c, "ok", "kill", "ia", (int)q.pid, "SigUsr2");
	expect_signal(&q, "sigusr2", SIGUSR2, SI_USER, c->pid, 0);
	EXPECT(c, "ok", "kill", "ii", (int)q.pid, SIGHUP);
	expect_signal(&q, "sighup", SIGHUP, SI_USER, c->pid, 0);

	EXPECT(c, "{error,enotsup}", "kill", "ia", (int)q.pid, "sigfoo");
	EXPECT(c, "{error,esrch}", "kill", "ii", NO_PID, 0);
	T_ERR(ESRCH, alcove_kill(T_AT(c), NO_PID, SIGTERM));
	EXPECT(c, "{error,einval}", "kill", "ii", (int)q.pid, 12345);
	EXPECT(c, "badarg", "kill", "si", "1", 0);
	EXPECT(c, "badarg", "kill", "is", (int)q.pid, "sigterm");
	EXPECT(c, "badarg", "kill", "i", (int)q.pid);

	T_OK(alcove_kill(T_AT(c), q.pid, SIGKILL));
	expect_event(&q, "{termsig,sigkill}");
}

static void
check_waitpid(struct ctx *c)
{
	struct alcove_msg *m;
	struct ctx q, q2, q3;
	pid_t got;
	int status;

	EXPECT(c, "{error,echild}", "waitpid", "ii", -1, 0);
	T_ERR(ECHILD, alcove_waitpid(T_AT(c), -1, WNOHANG, &got, &status));
	EXPECT(c, "badarg", "waitpid", "ia", -1, "wnohang");
	EXPECT(c, "{error,enotsup}", "waitpid", "i[a]", -1, "wfoo");

	/* Report mode: only waitpid reaps. */
	EXPECT(c, "{ok,sig_dfl}", "sigaction", "aa", "sigchld", "sig_info");

	ctx_fork(c, &q);
	EXPECT(c, "{ok,0,0,[]}", "waitpid", "i[a]", (int)q.pid, "wnohang");
	T_OK(alcove_exit(T_AT(&q), 5));
	expect_signal(c, "sigchld", SIGCHLD, CLD_EXITED, q.pid, 5);
	EXPECT(c, t_want("{ok,%d,1280,[{exit_status,5}]}", (int)q.pid),
	    "waitpid", "ii", (int)q.pid, 0);
	/* The slot is gone at once, and no event follows for the child. */
	EXPECT(c, "[]", "cpid", "");
	ATF_CHECK_EQ(alcove_recv(c->h, q.path, q.n, ALCOVE_MSG_EVENT, 0, &m),
	    ALCOVE_ETIMEDOUT);

	ctx_fork(c, &q2);
	T_OK(alcove_kill(T_AT(c), q2.pid, SIGKILL));
	EXPECT(c, t_want("{ok,%d,9,[{termsig,sigkill}]}", (int)q2.pid),
	    "waitpid", "ii", (int)q2.pid, 0);

	ctx_fork(c, &q3);
	EXPECT(c, "ok", "kill", "ia", (int)q3.pid, "sigstop");
	EXPECT(c, t_want("{ok,%d,4991,[{stopsig,sigstop}]}", (int)q3.pid),
	    "waitpid", "i[a]", (int)q3.pid, "wuntraced");
	EXPECT(c, "ok", "kill", "ia", (int)q3.pid, "sigcont");
	EXPECT(c, t_want("{ok,%d,65535,[continued]}", (int)q3.pid),
	    "waitpid", "i[a]", (int)q3.pid, "wcontinued");
	T_OK(alcove_kill(T_AT(c), q3.pid, SIGKILL));
	T_OK(alcove_waitpid(T_AT(c), q3.pid, 0, &got, &status));
	ATF_CHECK_EQ(got, q3.pid);
	ATF_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	EXPECT(c, "[]", "cpid", "");

	EXPECT(c, "{ok,sig_info}", "sigaction", "aa", "sigchld", "sig_dfl");
}

static void
check_getpid(struct ctx *c)
{
	pid_t pid;

	EXPECT(c, t_want("%d", (int)c->pid), "getpid", "");
	T_OK(alcove_getpid(T_AT(c), &pid));
	ATF_CHECK_EQ(pid, c->pid);
	EXPECT(c, "badarg", "getpid", "i", 0);
}

static void
check_getpgrp(struct ctx *c)
{
	struct ctx q;
	pid_t pg;

	/* The port and its children are in the test's process group. */
	EXPECT(c, t_want("%d", (int)getpgrp()), "getpgrp", "");
	T_OK(alcove_getpgrp(T_AT(c), &pg));
	ATF_CHECK_EQ(pg, getpgrp());
	ctx_fork(c, &q);
	EXPECT(c, "ok", "setpgid", "ii", (int)q.pid, 0);
	EXPECT(&q, t_want("%d", (int)q.pid), "getpgrp", "");
	EXPECT(c, "badarg", "getpgrp", "i", 0);
}

static void
check_getsid(struct ctx *c)
{
	struct ctx q;
	pid_t sid;

	EXPECT(c, t_want("{ok,%d}", (int)getsid(0)), "getsid", "i", 0);
	EXPECT(c, t_want("{ok,%d}", (int)getsid(0)), "getsid", "i",
	    (int)c->pid);
	T_OK(alcove_getsid(T_AT(c), 0, &sid));
	ATF_CHECK_EQ(sid, getsid(0));
	EXPECT(c, "{error,esrch}", "getsid", "i", NO_PID);
	T_ERR(ESRCH, alcove_getsid(T_AT(c), NO_PID, &sid));
	EXPECT(c, "badarg", "getsid", "a", "self");
	EXPECT(c, "badarg", "getsid", "l", 1LL << 31);
	ctx_fork(c, &q);
	EXPECT(&q, t_want("{ok,%d}", (int)q.pid), "setsid", "");
	EXPECT(c, t_want("{ok,%d}", (int)q.pid), "getsid", "i", (int)q.pid);
}

static void
check_setsid(struct ctx *c)
{
	struct ctx q;
	pid_t sid;

	EXPECT(c, t_want("{ok,%d}", (int)c->pid), "setsid", "");
	EXPECT(c, t_want("{ok,%d}", (int)c->pid), "getsid", "i", 0);
	EXPECT(c, t_want("%d", (int)c->pid), "getpgrp", "");
	/* Now a process group leader. */
	EXPECT(c, "{error,eperm}", "setsid", "");
	T_ERR(EPERM, alcove_setsid(T_AT(c), &sid));
	ctx_fork(c, &q);
	T_OK(alcove_setsid(T_AT(&q), &sid));
	ATF_CHECK_EQ(sid, q.pid);
	EXPECT(c, "badarg", "setsid", "i", 0);
}

static void
check_setpgid(struct ctx *c)
{
	struct ctx q;

	ctx_fork(c, &q);
	EXPECT(c, "ok", "setpgid", "ii", (int)q.pid, 0);
	EXPECT(&q, t_want("%d", (int)q.pid), "getpgrp", "");
	EXPECT(c, "ok", "setpgid", "ii", (int)q.pid, (int)getpgrp());
	EXPECT(&q, t_want("%d", (int)getpgrp()), "getpgrp", "");
	T_OK(alcove_setpgid(T_AT(&q), 0, 0));
	EXPECT(&q, t_want("%d", (int)q.pid), "getpgrp", "");

	EXPECT(c, "{error,esrch}", "setpgid", "ii", NO_PID, 0);
	T_ERR(ESRCH, alcove_setpgid(T_AT(c), NO_PID, 0));
	EXPECT(c, "{error,einval}", "setpgid", "ii", 0, -1);
	/* No such process group in the session. */
	EXPECT(c, "{error,eperm}", "setpgid", "ii", 0, NO_PID);
	EXPECT(c, "badarg", "setpgid", "ai", "self", 0);
	EXPECT(c, "badarg", "setpgid", "i", 0);
}

/* ---- directories ---- */

static void
check_getcwd(struct ctx *c)
{
	char cwd[PATH_MAX], buf[PATH_MAX];
	char gone[PATH_MAX];

	in_dir(gone, c, "gone");
	ATF_REQUIRE(getcwd(cwd, sizeof(cwd)) != NULL);
	/* Inherited from the test. */
	EXPECT(c, t_want("{ok,<<\"%s\">>}", cwd), "getcwd", "");
	ATF_REQUIRE(mkdir(gone, 0755) == 0);
	T_OK(alcove_chdir(T_AT(c), gone));
	EXPECT(c, t_want("{ok,<<\"%s\">>}", gone), "getcwd", "");
	T_OK(alcove_getcwd(T_AT(c), buf, sizeof(buf)));
	ATF_CHECK_STREQ(buf, gone);
	T_ERR(ERANGE, alcove_getcwd(T_AT(c), buf, 4));
	/* The working directory is removed under the process. */
	EXPECT(c, "ok", "rmdir", "s", gone);
	EXPECT(c, "{error,enoent}", "getcwd", "");
	T_ERR(ENOENT, alcove_getcwd(T_AT(c), buf, sizeof(buf)));
	EXPECT(c, "badarg", "getcwd", "i", 0);
}

static void
check_chdir(struct ctx *c)
{
	static char slashes[4097];
	unsigned char raw[4200];
	char file[PATH_MAX];
	char buf[PATH_MAX];
	size_t len;

	in_dir(file, c, "file");
	t_write_file(file, "x", 1);
	EXPECT(c, "ok", "chdir", "s", c->dir);
	EXPECT(c, t_want("{ok,<<\"%s\">>}", c->dir), "getcwd", "");
	T_OK(alcove_chdir(T_AT(c), "/"));
	T_OK(alcove_getcwd(T_AT(c), buf, sizeof(buf)));
	ATF_CHECK_STREQ(buf, "/");

	/* A path is any non-empty iolist. */
	len = etf_string(raw, "/tmp", 4);
	EXPECT(c, "ok", "chdir", "r", raw, len);
	EXPECT(c, "{ok,<<\"/tmp\">>}", "getcwd", "");
	len = etf_string(raw, "mp", 2);
	EXPECT(c, "ok", "chdir", "[s[r]]", "/t", raw, len);
	EXPECT(c, "{ok,<<\"/tmp\">>}", "getcwd", "");

	EXPECT(c, "{error,enoent}", "chdir", "s", fpath(c, "missing"));
	T_ERR(ENOENT, alcove_chdir(T_AT(c), fpath(c, "missing")));
	EXPECT(c, "{error,enotdir}", "chdir", "s", file);
	EXPECT(c, "badarg", "chdir", "b", "", (size_t)0);
	EXPECT(c, "badarg", "chdir", "n");
	EXPECT(c, "badarg", "chdir", "a", "tmp");
	EXPECT(c, "badarg", "chdir", "i", 47);

	/* PATH_MAX - 1 bytes: "////...", which is "/". */
	memset(slashes, '/', sizeof(slashes) - 1);
	EXPECT(c, "ok", "chdir", "s", c->dir);
	EXPECT(c, "ok", "chdir", "b", slashes, (size_t)4095);
	EXPECT(c, "{ok,<<\"/\">>}", "getcwd", "");
	EXPECT(c, "ok", "chdir", "s", c->dir);
	EXPECT(c, "badarg", "chdir", "b", slashes, (size_t)4096);
	EXPECT(c, t_want("{ok,<<\"%s\">>}", c->dir), "getcwd", "");
	/* A string needs room for its terminating zero too. */
	len = etf_string(raw, slashes, 4094);
	EXPECT(c, "ok", "chdir", "r", raw, len);
	len = etf_string(raw, slashes, 4095);
	EXPECT(c, "badarg", "chdir", "r", raw, len);
}

static void
check_chroot(struct ctx *c)
{
	char jail[PATH_MAX];
	char file[PATH_MAX];
	struct ctx q, u;

	in_dir(jail, c, "jail");
	in_dir(file, c, "file");
	ATF_REQUIRE(mkdir(jail, 0755) == 0);
	ATF_REQUIRE(mkdir(fpath(c, "jail/inner"), 0755) == 0);
	t_write_file(file, "x", 1);
	EXPECT(c, "{error,enoent}", "chroot", "s", fpath(c, "missing"));
	EXPECT(c, "{error,enotdir}", "chroot", "s", file);
	T_ERR(ENOTDIR, alcove_chroot(T_AT(c), file));
	EXPECT(c, "badarg", "chroot", "b", "", (size_t)0);
	EXPECT(c, "badarg", "chroot", "i", 0);

	ctx_fork(c, &q);
	EXPECT(&q, "ok", "chroot", "s", jail);
	EXPECT(&q, "ok", "chdir", "s", "/");
	EXPECT(&q, "{ok,<<\"/\">>}", "getcwd", "");
	EXPECT(&q, "ok", "chdir", "s", "/inner");
	EXPECT(&q, "{ok,<<\"/inner\">>}", "getcwd", "");
	/* Outside the jail, nothing is reachable. */
	EXPECT(&q, "{error,enoent}", "chdir", "s", c->dir);
	/* The process under test is not affected. */
	EXPECT(c, "ok", "chdir", "s", c->dir);

	ctx_fork_nobody(c, &u);
	EXPECT(&u, "{error,eperm}", "chroot", "s", "jail");
	T_ERR(EPERM, alcove_chroot(T_AT(&u), "jail"));
}

/* ---- the environment ---- */

static void
check_environ(struct ctx *c)
{
	static char big[40001];
	char **env;

	EXPECT(c, "ok", "clearenv", "");
	EXPECT(c, "[]", "environ", "");
	T_OK(alcove_setenv(T_AT(c), "A", "1", 1));
	T_OK(alcove_setenv(T_AT(c), "B", "two", 1));
	EXPECT(c, "[<<\"A=1\">>,<<\"B=two\">>]", "environ", "");
	T_OK(alcove_environ(T_AT(c), &env));
	ATF_REQUIRE(env[0] != NULL && env[1] != NULL);
	ATF_CHECK_STREQ(env[0], "A=1");
	ATF_CHECK_STREQ(env[1], "B=two");
	ATF_CHECK(env[2] == NULL);
	alcove_strv_free(env);
	EXPECT(c, "badarg", "environ", "i", 0);

	/* More than one reply holds. */
	memset(big, 'x', sizeof(big) - 1);
	T_OK(alcove_setenv(T_AT(c), "C", big, 1));
	T_OK(alcove_setenv(T_AT(c), "D", big, 1));
	EXPECT(c, "{error,e2big}", "environ", "");
	T_ERR(E2BIG, alcove_environ(T_AT(c), &env));
	T_OK(alcove_unsetenv(T_AT(c), "C"));
	T_OK(alcove_unsetenv(T_AT(c), "D"));
	EXPECT(c, "[<<\"A=1\">>,<<\"B=two\">>]", "environ", "");
}

static void
check_getenv(struct ctx *c)
{
	unsigned char raw[16];
	char *v;
	size_t len;

	T_OK(alcove_setenv(T_AT(c), "ALCOVE_A", "1", 1));
	EXPECT(c, "<<\"1\">>", "getenv", "s", "ALCOVE_A");
	len = etf_string(raw, "ALCOVE_A", 8);
	EXPECT(c, "<<\"1\">>", "getenv", "r", raw, len);
	T_OK(alcove_getenv(T_AT(c), "ALCOVE_A", &v));
	ATF_REQUIRE(v != NULL);
	ATF_CHECK_STREQ(v, "1");
	free(v);
	EXPECT(c, "false", "getenv", "s", "ALCOVE_NONE");
	T_OK(alcove_getenv(T_AT(c), "ALCOVE_NONE", &v));
	ATF_CHECK(v == NULL);
	T_OK(alcove_setenv(T_AT(c), "ALCOVE_E", "", 1));
	EXPECT(c, "<<>>", "getenv", "s", "ALCOVE_E");
	T_OK(alcove_setenv(T_AT(c), "ALCOVE_Q", "x=y", 1));
	EXPECT(c, "<<\"x=y\">>", "getenv", "s", "ALCOVE_Q");
	EXPECT(c, "badarg", "getenv", "b", "", (size_t)0);
	EXPECT(c, "badarg", "getenv", "a", "ALCOVE_A");
}

static void
check_setenv(struct ctx *c)
{
	unsigned char raw[16];
	size_t len;

	EXPECT(c, "ok", "setenv", "ssi", "ALCOVE_A", "1", 1);
	EXPECT(c, "<<\"1\">>", "getenv", "s", "ALCOVE_A");
	/* Overwrite 0 keeps an existing value. */
	EXPECT(c, "ok", "setenv", "ssi", "ALCOVE_A", "2", 0);
	EXPECT(c, "<<\"1\">>", "getenv", "s", "ALCOVE_A");
	EXPECT(c, "ok", "setenv", "ssi", "ALCOVE_A", "3", 1);
	EXPECT(c, "<<\"3\">>", "getenv", "s", "ALCOVE_A");
	EXPECT(c, "ok", "setenv", "ssi", "ALCOVE_A", "4", -1);
	EXPECT(c, "<<\"4\">>", "getenv", "s", "ALCOVE_A");
	EXPECT(c, "ok", "setenv", "ssi", "ALCOVE_B", "new", 0);
	EXPECT(c, "<<\"new\">>", "getenv", "s", "ALCOVE_B");
	/* The value is an iolist. */
	len = etf_string(raw, "ab", 2);
	EXPECT(c, "ok", "setenv", "s[rs]i", "ALCOVE_A", raw, len, "cd", 1);
	EXPECT(c, "<<\"abcd\">>", "getenv", "s", "ALCOVE_A");

	EXPECT(c, "{error,einval}", "setenv", "ssi", "ALCOVE=A", "x", 1);
	T_ERR(EINVAL, alcove_setenv(T_AT(c), "ALCOVE=A", "x", 1));
	EXPECT(c, "badarg", "setenv", "bsi", "", (size_t)0, "x", 1);
	EXPECT(c, "badarg", "setenv", "ssa", "ALCOVE_A", "x", "true");
	EXPECT(c, "badarg", "setenv", "sai", "ALCOVE_A", "x", 1);
	EXPECT(c, "badarg", "setenv", "ss", "ALCOVE_A", "x");
}

static void
check_unsetenv(struct ctx *c)
{
	T_OK(alcove_setenv(T_AT(c), "ALCOVE_A", "1", 1));
	EXPECT(c, "ok", "unsetenv", "s", "ALCOVE_A");
	EXPECT(c, "false", "getenv", "s", "ALCOVE_A");
	EXPECT(c, "ok", "unsetenv", "s", "ALCOVE_A");
	T_OK(alcove_setenv(T_AT(c), "ALCOVE_B", "1", 1));
	T_OK(alcove_unsetenv(T_AT(c), "ALCOVE_B"));
	EXPECT(c, "false", "getenv", "s", "ALCOVE_B");
	EXPECT(c, "{error,einval}", "unsetenv", "s", "ALCOVE=A");
	T_ERR(EINVAL, alcove_unsetenv(T_AT(c), "ALCOVE=A"));
	EXPECT(c, "badarg", "unsetenv", "b", "", (size_t)0);
	EXPECT(c, "badarg", "unsetenv", "i", 1);
}

static void
check_clearenv(struct ctx *c)
{
	T_OK(alcove_setenv(T_AT(c), "ALCOVE_A", "1", 1));
	EXPECT(c, "ok", "clearenv", "");
	EXPECT(c, "[]", "environ", "");
	EXPECT(c, "false", "getenv", "s", "ALCOVE_A");
	T_OK(alcove_setenv(T_AT(c), "ALCOVE_B", "2", 1));
	EXPECT(c, "[<<\"ALCOVE_B=2\">>]", "environ", "");
	T_OK(alcove_clearenv(T_AT(c)));
	EXPECT(c, "[]", "environ", "");
	EXPECT(c, "badarg", "clearenv", "i", 0);
}

/* ---- credentials ---- */

static void
check_getuid(struct ctx *c)
{
	uid_t uid;

	EXPECT(c, t_want("%u", (unsigned int)getuid()), "getuid", "");
	T_OK(alcove_getuid(T_AT(c), &uid));
	ATF_CHECK_EQ(uid, getuid());
	EXPECT(c, "badarg", "getuid", "i", 0);
}

static void
check_getgid(struct ctx *c)
{
	gid_t gid;

	EXPECT(c, t_want("%u", (unsigned int)getgid()), "getgid", "");
	T_OK(alcove_getgid(T_AT(c), &gid));
	ATF_CHECK_EQ(gid, getgid());
	EXPECT(c, "badarg", "getgid", "i", 0);
}

static void
check_setuid(struct ctx *c)
{
	struct ctx q;
	uid_t uid;

	EXPECT(c, "ok", "setuid", "i", 0);
	EXPECT(c, "badarg", "setuid", "i", -1);
	EXPECT(c, "badarg", "setuid", "u", 1ULL << 32);
	EXPECT(c, "badarg", "setuid", "a", "root");
	/* (uid_t)-1 is a valid UInt32 but no user. */
	EXPECT(c, "{error,einval}", "setuid", "u", 4294967295ULL);

	ctx_fork(c, &q);
	T_OK(alcove_setuid(T_AT(&q), NOBODY));
	EXPECT(&q, t_want("%d", NOBODY), "getuid", "");
	T_OK(alcove_getuid(T_AT(&q), &uid));
	ATF_CHECK_EQ(uid, NOBODY);
	if (t_supported(T_AT(&q), "getresuid"))
		EXPECT(&q, t_want("{ok,%d,%d,%d}", NOBODY, NOBODY, NOBODY),
		    "getresuid", "");
	EXPECT(&q, "{error,eperm}", "setuid", "i", 0);
	T_ERR(EPERM, alcove_setuid(T_AT(&q), 0));
	EXPECT(c, "0", "getuid", "");
}

static void
check_setgid(struct ctx *c)
{
	struct ctx q;
	gid_t gid;

	EXPECT(c, "ok", "setgid", "i", 0);
	EXPECT(c, "badarg", "setgid", "i", -1);
	EXPECT(c, "badarg", "setgid", "u", 1ULL << 32);
	EXPECT(c, "badarg", "setgid", "s", "0");
	EXPECT(c, "{error,einval}", "setgid", "u", 4294967295ULL);

	ctx_fork(c, &q);
	T_OK(alcove_setgid(T_AT(&q), NOBODY));
	EXPECT(&q, t_want("%d", NOBODY), "getgid", "");
	T_OK(alcove_getgid(T_AT(&q), &gid));
	ATF_CHECK_EQ(gid, NOBODY);
	if (t_supported(T_AT(&q), "getresgid"))
		EXPECT(&q, t_want("{ok,%d,%d,%d}", NOBODY, NOBODY, NOBODY),
		    "getresgid", "");
	T_OK(alcove_setuid(T_AT(&q), NOBODY));
	EXPECT(&q, "{error,eperm}", "setgid", "i", 0);
	T_ERR(EPERM, alcove_setgid(T_AT(&q), 0));
	EXPECT(c, "0", "getgid", "");
}

static void
check_getgroups(struct ctx *c)
{
	gid_t mine[256], gids[256];
	unsigned char raw[16];
	struct ctx q;
	size_t n, len;
	int k, i;

	/* The port's are ours, in the kernel's order. */
	EXPECT(c, proc_groups(c->pid), "getgroups", "");
	ATF_REQUIRE((k = getgroups((int)nitems(mine), mine)) >= 0);
	T_OK(alcove_getgroups(T_AT(c), gids, nitems(gids), &n));
	ATF_REQUIRE_EQ(n, (size_t)k);
	for (i = 0; i < k; i++)
		ATF_CHECK_EQ(gids[i], mine[i]);
	EXPECT(c, "badarg", "getgroups", "i", 0);

	ctx_fork(c, &q);
	len = etf_string(raw, "\x00\x01\x02", 3);
	EXPECT(&q, "ok", "setgroups", "r", raw, len);
	EXPECT(&q, "{ok,[0,1,2]}", "getgroups", "");
	len = etf_string(raw, "\x07\x03\x05", 3);
	EXPECT(&q, "ok", "setgroups", "r", raw, len);
	EXPECT(&q, proc_groups(q.pid), "getgroups", "");
	T_OK(alcove_getgroups(T_AT(&q), gids, nitems(gids), &n));
	ATF_REQUIRE_EQ(n, 3);
	T_ERR(ERANGE, alcove_getgroups(T_AT(&q), gids, 2, &n));
	EXPECT(&q, "ok", "setgroups", "n");
	EXPECT(&q, "{ok,[]}", "getgroups", "");
}

static void
check_setgroups(struct ctx *c)
{
	static const gid_t two[] = { 1000, 200 };
	gid_t gids[8];
	unsigned char raw[16];
	struct ctx q, u;
	size_t n, len;

	ctx_fork(c, &q);
	/* A string: one group per byte, every byte, each unsigned. */
	len = etf_string(raw, "\x00\x01\x02", 3);
	EXPECT(&q, "ok", "setgroups", "r", raw, len);
	EXPECT(&q, "{ok,[0,1,2]}", "getgroups", "");
	len = etf_string(raw, "\xc8", 1);
	EXPECT(&q, "ok", "setgroups", "r", raw, len);
	EXPECT(&q, "{ok,[200]}", "getgroups", "");
	len = etf_string(raw, "\x05\x00", 2);
	EXPECT(&q, "ok", "setgroups", "r", raw, len);
	EXPECT(&q, proc_groups(q.pid), "getgroups", "");
	EXPECT(&q, "{ok,[0,5]}", "getgroups", "");
	/* A list of UInt32. */
	EXPECT(&q, "ok", "setgroups", "[uu]", 70000ULL, 4000000000ULL);
	EXPECT(&q, "{ok,[70000,4000000000]}", "getgroups", "");
	T_OK(alcove_setgroups(T_AT(&q), two, nitems(two)));
	EXPECT(&q, proc_groups(q.pid), "getgroups", "");
	T_OK(alcove_getgroups(T_AT(&q), gids, nitems(gids), &n));
	ATF_CHECK_EQ(n, 2);
	EXPECT(&q, "ok", "setgroups", "n");
	EXPECT(&q, "{ok,[]}", "getgroups", "");

	EXPECT(&q, "badarg", "setgroups", "a", "wheel");
	EXPECT(&q, "badarg", "setgroups", "i", 5);
	EXPECT(&q, "badarg", "setgroups", "[i]", -1);
	EXPECT(&q, "badarg", "setgroups", "[u]", 1ULL << 32);
	EXPECT(&q, "badarg", "setgroups", "[ia]", 1, "wheel");
	EXPECT(&q, "badarg", "setgroups", "s", "\x01");
	EXPECT(&q, "{ok,[]}", "getgroups", "");

	ctx_fork_nobody(c, &u);
	EXPECT(&u, "{error,eperm}", "setgroups", "n");
	T_ERR(EPERM, alcove_setgroups(T_AT(&u), two, nitems(two)));
}

static void
check_getresuid(struct ctx *c)
{
	uid_t r, e, s, pr, pe, ps;
	struct ctx u;

	require_call(c, "getresuid");
	ATF_REQUIRE(getresuid(&r, &e, &s) == 0);
	EXPECT(c, t_want("{ok,%u,%u,%u}", (unsigned int)r, (unsigned int)e,
	    (unsigned int)s), "getresuid", "");
	T_OK(alcove_getresuid(T_AT(c), &pr, &pe, &ps));
	ATF_CHECK(pr == r && pe == e && ps == s);
	EXPECT(c, "badarg", "getresuid", "i", 0);
	ctx_fork_nobody(c, &u);
	EXPECT(&u, t_want("{ok,%d,%d,%d}", NOBODY, NOBODY, NOBODY), "getresuid",
	    "");
}

static void
check_getresgid(struct ctx *c)
{
	gid_t r, e, s, pr, pe, ps;
	struct ctx u;

	require_call(c, "getresgid");
	ATF_REQUIRE(getresgid(&r, &e, &s) == 0);
	EXPECT(c, t_want("{ok,%u,%u,%u}", (unsigned int)r, (unsigned int)e,
	    (unsigned int)s), "getresgid", "");
	T_OK(alcove_getresgid(T_AT(c), &pr, &pe, &ps));
	ATF_CHECK(pr == r && pe == e && ps == s);
	EXPECT(c, "badarg", "getresgid", "i", 0);
	ctx_fork_nobody(c, &u);
	EXPECT(&u, t_want("{ok,%d,%d,%d}", NOBODY, NOBODY, NOBODY), "getresgid",
	    "");
}

static void
check_setresuid(struct ctx *c)
{
	uid_t r, e, s;
	struct ctx q;

	require_call(c, "setresuid");
	/* (uid_t)-1 leaves an id as it is. */
	EXPECT(c, "ok", "setresuid", "uuu", 4294967295ULL, 4294967295ULL,
	    4294967295ULL);
	EXPECT(c, "{ok,0,0,0}", "getresuid", "");
	EXPECT(c, "badarg", "setresuid", "iii", 0, 0, -1);
	EXPECT(c, "badarg", "setresuid", "iia", 0, 0, "root");
	EXPECT(c, "badarg", "setresuid", "ii", 0, 0);

	ctx_fork(c, &q);
	EXPECT(&q, "ok", "setresuid", "iii", 1000, 1001, 0);
	EXPECT(&q, "{ok,1000,1001,0}", "getresuid", "");
	EXPECT(&q, "1000", "getuid", "");
	/* The saved id lets it back. */
	EXPECT(&q, "ok", "setresuid", "iii", 0, 0, 0);
	T_OK(alcove_setresuid(T_AT(&q), 1002, 1002, 1002));
	T_OK(alcove_getresuid(T_AT(&q), &r, &e, &s));
	ATF_CHECK(r == 1002 && e == 1002 && s == 1002);
	EXPECT(&q, "{error,eperm}", "setresuid", "iii", 0, 0, 0);
	T_ERR(EPERM, alcove_setresuid(T_AT(&q), 0, 0, 0));
}

static void
check_setresgid(struct ctx *c)
{
	gid_t r, e, s;
	struct ctx q;

	require_call(c, "setresgid");
	EXPECT(c, "ok", "setresgid", "uuu", 4294967295ULL, 4294967295ULL,
	    4294967295ULL);
	EXPECT(c, "{ok,0,0,0}", "getresgid", "");
	EXPECT(c, "badarg", "setresgid", "iii", -1, 0, 0);
	EXPECT(c, "badarg", "setresgid", "iis", 0, 0, "0");

	ctx_fork(c, &q);
	EXPECT(&q, "ok", "setresgid", "iii", 1000, 1001, 0);
	EXPECT(&q, "{ok,1000,1001,0}", "getresgid", "");
	EXPECT(&q, "1000", "getgid", "");
	T_OK(alcove_setresgid(T_AT(&q), 1002, 1003, 1004));
	T_OK(alcove_getresgid(T_AT(&q), &r, &e, &s));
	ATF_CHECK(r == 1002 && e == 1003 && s == 1004);
	T_OK(alcove_setresuid(T_AT(&q), NOBODY, NOBODY, NOBODY));
	EXPECT(&q, "{error,eperm}", "setresgid", "iii", 5, 5, 5);
	T_ERR(EPERM, alcove_setresgid(T_AT(&q), 0, 0, 0));
}

/* ---- limits and priority ---- */

static const char *
rlimit_text(uint64_t v)
{
	return v == (uint64_t)RLIM_INFINITY ? INFINITY_TEXT :
	    t_want("%ju", (uintmax_t)v);
}

static void
check_getrlimit(struct ctx *c)
{
	struct rlimit rl;
	uint64_t cur, max;
	const char *nofile;
	struct ctx q;

	ATF_REQUIRE(getrlimit(RLIMIT_NOFILE, &rl) == 0);
	nofile = t_want("{ok,{alcove_rlimit,%s,%s}}",
	    rlimit_text((uint64_t)rl.rlim_cur),
	    rlimit_text((uint64_t)rl.rlim_max));
	if (!wrapped(c)) {
		EXPECT(c, nofile, "getrlimit", "a", "rlimit_nofile");
		EXPECT(c, nofile, "getrlimit", "a", "RLIMIT_NoFile");
		EXPECT(c, nofile, "getrlimit", "i", RLIMIT_NOFILE);
		T_OK(alcove_getrlimit(T_AT(c), RLIMIT_NOFILE, &cur, &max));
		ATF_CHECK_EQ(cur, (uint64_t)rl.rlim_cur);
		ATF_CHECK_EQ(max, (uint64_t)rl.rlim_max);
	}
	EXPECT(c, "{error,enotsup}", "getrlimit", "a", "rlimit_foo");
	EXPECT(c, "{error,einval}", "getrlimit", "i", 999);
	T_ERR(EINVAL, alcove_getrlimit(T_AT(c), 999, &cur, &max));
	EXPECT(c, "badarg", "getrlimit", "s", "rlimit_nofile");
	EXPECT(c, "badarg", "getrlimit", "n");

	/* Raising a hard limit takes root: in a child. */
	ctx_fork(c, &q);
	EXPECT(&q, "ok", "setrlimit", "a{auu}", "rlimit_core", "alcove_rlimit",
	    (unsigned long long)RLIM_INFINITY,
	    (unsigned long long)RLIM_INFINITY);
	EXPECT(&q, "{ok,{alcove_rlimit," INFINITY_TEXT "," INFINITY_TEXT "}}",
	    "getrlimit", "a", "rlimit_core");
	T_OK(alcove_getrlimit(T_AT(&q), RLIMIT_CORE, &cur, &max));
	ATF_CHECK_EQ(cur, UINT64_MAX);
	ATF_CHECK_EQ(max, UINT64_MAX);
}

/* {alcove_rlimit, 100, 200} as LARGE_TUPLE_EXT. */
static const unsigned char large_rlimit[] = { 0x69, 0, 0, 0, 3, 0x77, 13,
    'a', 'l', 'c', 'o', 'v', 'e', '_', 'r', 'l', 'i', 'm', 'i', 't', 0x61,
    100, 0x61, 200 };

static void
check_setrlimit(struct ctx *c)
{
	struct rlimit rl;
	unsigned long long max;
	uint64_t pcur, pmax;
	struct ctx q;
	int mc;

	/*
	 * The hard limit the process has, which it may not raise.  A wrapper
	 * (valgrind) keeps a few descriptors for itself, so the port has less
	 * than the test; run directly it has the test's.
	 */
	ATF_REQUIRE(getrlimit(RLIMIT_NOFILE, &rl) == 0);
	T_OK(alcove_getrlimit(T_AT(c), RLIMIT_NOFILE, &pcur, &pmax));
	if (wrapped(c))
		ATF_REQUIRE_MSG(pmax <= (uint64_t)rl.rlim_max, "the port's "
		    "hard limit %ju is above the test's %ju", (uintmax_t)pmax,
		    (uintmax_t)rl.rlim_max);
	else
		ATF_REQUIRE_EQ(pmax, (uint64_t)rl.rlim_max);
	ATF_REQUIRE(pmax >= 1024);
	max = (unsigned long long)pmax;
	T_OK(alcove_getopt(T_AT(c), "maxchild", &mc));
	ATF_REQUIRE(mc > 9);

	EXPECT(c, "ok", "setrlimit", "a{auu}", "rlimit_nofile",
	    "alcove_rlimit", 60ULL, max);
	EXPECT(c, t_want("{ok,{alcove_rlimit,60,%s}}", rlimit_text(max)),
	    "getrlimit", "a", "rlimit_nofile");
	/* maxchild follows a lower limit: (60 - 6) div 6. */
	EXPECT(c, "9", "getopt", "a", "maxchild");
	T_OK(alcove_setrlimit(T_AT(c), RLIMIT_NOFILE, 1024, max));
	EXPECT(c, "9", "getopt", "a", "maxchild");

	/* A child's descriptors and 6 * children + 6 must stay under it. */
	ctx_fork(c, &q);
	EXPECT(c, "{error,einval}", "setrlimit", "a{auu}", "rlimit_nofile",
	    "alcove_rlimit", 11ULL, max);
	T_ERR(EINVAL, alcove_setrlimit(T_AT(c), RLIMIT_NOFILE, 11, max));
	EXPECT(c, "{error,einval}", "setrlimit", "a{auu}", "rlimit_core",
	    "alcove_rlimit", 10ULL, 5ULL);
	EXPECT(c, "{error,enotsup}", "setrlimit", "a{auu}", "rlimit_foo",
	    "alcove_rlimit", 1ULL, 1ULL);
	EXPECT(c, "badarg", "setrlimit", "a{aii}", "rlimit_core",
	    "alcove_limit", 1, 1);
	EXPECT(c, "badarg", "setrlimit", "a{aii}", "rlimit_core",
	    "alcove_rlimit", -1, 1);
	EXPECT(c, "badarg", "setrlimit", "a{ai}", "rlimit_core",
	    "alcove_rlimit", 1);
	EXPECT(c, "badarg", "setrlimit", "a{aiii}", "rlimit_core",
	    "alcove_rlimit", 1, 1, 1);
	EXPECT(c, "badarg", "setrlimit", "a[aii]", "rlimit_core",
	    "alcove_rlimit", 1, 1);
	EXPECT(c, "ok", "setrlimit", "ar", "rlimit_core",
	    large_rlimit, sizeof(large_rlimit));
	EXPECT(c, "{ok,{alcove_rlimit,100,200}}", "getrlimit", "a",
	    "rlimit_core");
	EXPECT(c, "9", "getopt", "a", "maxchild");
}

/*
 * Lowering the hard limit of rlimit_nofile, the record given as a
 * LARGE_TUPLE_EXT.  valgrind refuses any change to that hard limit
 * (eperm), so this only holds for a port run directly.
 */
static void
check_setrlimit_hard(struct ctx *c)
{
	int mc;

	T_OK(alcove_getopt(T_AT(c), "maxchild", &mc));
	EXPECT(c, "ok", "setrlimit", "ar", "rlimit_nofile",
	    large_rlimit, sizeof(large_rlimit));
	EXPECT(c, "{ok,{alcove_rlimit,100,200}}", "getrlimit", "a",
	    "rlimit_nofile");
	/* maxchild follows the lower limit: (100 - 6) div 6. */
	EXPECT(c, t_want("%d", mc < 15 ? mc : 15), "getopt", "a", "maxchild");
}

static void
check_getpriority(struct ctx *c)
{
	int prio, p;

	errno = 0;
	prio = getpriority(PRIO_PROCESS, 0);
	ATF_REQUIRE(errno == 0);
	EXPECT(c, t_want("{ok,%d}", prio), "getpriority", "ai", "prio_process",
	    0);
	EXPECT(c, t_want("{ok,%d}", prio), "getpriority", "ii", PRIO_PROCESS,
	    (int)c->pid);
	/* Who is decoded as a constant too: prio_process is 0. */
	EXPECT(c, t_want("{ok,%d}", prio), "getpriority", "aa", "PRIO_PROCESS",
	    "prio_process");
	T_OK(alcove_getpriority(T_AT(c), PRIO_PROCESS, 0, &p));
	ATF_CHECK_EQ(p, prio);
	/*
	 * Who is a Const, so an integer must come as SMALL_INTEGER_EXT or
	 * INTEGER_EXT: Erlang sends 2^31 - 1 as INTEGER_EXT; the same value
	 * as a big integer is badarg (alcove-protocol(5), Integers).
	 */
	EXPECT(c, "{error,esrch}", "getpriority", "ar", "prio_process",
	    int_max, sizeof(int_max));
	EXPECT(c, "badarg", "getpriority", "ar", "prio_process", big_max,
	    sizeof(big_max));
	ATF_CHECK_EQ_MSG(alcove_getpriority(T_AT(c), PRIO_PROCESS, NO_PID, &p),
	    ESRCH, "depth %zu: alcove_getpriority(..., NO_PID, ...)", c->n);
	EXPECT(c, "{error,enotsup}", "getpriority", "ai", "prio_foo", 0);
	EXPECT(c, "badarg", "getpriority", "si", "prio_process", 0);
	EXPECT(c, "badarg", "getpriority", "a", "prio_process");
}

static void
check_setpriority(struct ctx *c)
{
	struct ctx q, u;
	int prio, p;

	errno = 0;
	prio = getpriority(PRIO_PROCESS, 0);
	ATF_REQUIRE(errno == 0 && prio < 18);
	/* Raising the nice value needs no privilege. */
	EXPECT(c, "ok", "setpriority", "aii", "prio_process", 0, prio + 1);
	EXPECT(c, t_want("{ok,%d}", prio + 1), "getpriority", "ai",
	    "prio_process", 0);
	T_OK(alcove_setpriority(T_AT(c), PRIO_PROCESS, 0, prio + 2));
	T_OK(alcove_getpriority(T_AT(c), PRIO_PROCESS, 0, &p));
	ATF_CHECK_EQ(p, prio + 2);
	EXPECT(c, "{error,esrch}", "setpriority", "ari", "prio_process",
	    int_max, sizeof(int_max), 0);
	ATF_CHECK_EQ_MSG(alcove_setpriority(T_AT(c), PRIO_PROCESS, NO_PID, 0),
	    ESRCH, "depth %zu: alcove_setpriority(..., NO_PID, 0)", c->n);
	EXPECT(c, "{error,enotsup}", "setpriority", "aii", "prio_foo", 0, 0);
	EXPECT(c, "badarg", "setpriority", "aia", "prio_process", 0, "low");
	EXPECT(c, "badarg", "setpriority", "aiu", "prio_process", 0,
	    1ULL << 32);

	/* Lowering it takes root: in a child. */
	ctx_fork(c, &q);
	EXPECT(&q, "ok", "setpriority", "aii", "prio_process", 0, prio);
	EXPECT(&q, t_want("{ok,%d}", prio), "getpriority", "ai",
	    "prio_process", 0);
	ctx_fork_nobody(c, &u);
	EXPECT(&u, t_want("{ok,%d}", prio + 2), "getpriority", "ai",
	    "prio_process", 0);
	EXPECT(&u, "{error,eacces}", "setpriority", "aii", "prio_process", 0,
	    prio);
	T_ERR(EACCES, alcove_setpriority(T_AT(&u), PRIO_PROCESS, 0, prio));
	EXPECT(&u, "{error,eperm}", "setpriority", "aii", "prio_process",
	    (int)c->pid, prio + 3);
}

/* ---- descriptors ---- */

static void
check_open(struct ctx *c)
{
	static char slashes[4097];
	char file[PATH_MAX];
	char made[PATH_MAX];
	unsigned char raw[16];
	struct stat sb;
	size_t len;
	int fd, fd2, fd3;

	in_dir(file, c, "file");
	in_dir(made, c, "made");
	t_write_file(file, "data", 4);
	fd = (int)OK_INT(c, "open", "s[a]i", file, "o_rdonly", 0);
	EXPECT(c, "{ok,<<\"data\">>}", "read", "ii", fd, 10);
	/* Flags are a list or an integer, never a bare atom. */
	EXPECT(c, "badarg", "open", "sai", file, "o_rdonly", 0);
	fd2 = (int)OK_INT(c, "open", "sii", file, 0, 0);
	EXPECT(c, "{ok,<<\"da\">>}", "read", "ii", fd2, 2);
	fd3 = (int)OK_INT(c, "open", "s[aa]i", file, "O_RDONLY",
	    "o_CloExec", 0);
	EXPECT(c, "{ok,<<\"d\">>}", "read", "ii", fd3, 1);
	EXPECT(c, "ok", "close", "i", fd);
	EXPECT(c, "ok", "close", "i", fd2);
	EXPECT(c, "ok", "close", "i", fd3);
	T_OK(alcove_open(T_AT(c), file, O_RDONLY, 0, &fd));
	EXPECT(c, "{ok,<<\"data\">>}", "read", "ii", fd, 10);
	T_OK(alcove_close(T_AT(c), fd));

	EXPECT(c, "{error,eisdir}", "open", "s[a]i", c->dir, "o_wronly", 0);
	T_ERR(EISDIR, alcove_open(T_AT(c), c->dir, O_WRONLY, 0, &fd));
	EXPECT(c, "{error,enoent}", "open", "s[a]i", fpath(c, "missing"),
	    "o_rdonly", 0);
	T_ERR(ENOENT, alcove_open(T_AT(c), fpath(c, "missing"), O_RDONLY, 0,
	    &fd));

	/* O_CREAT with the mode, less the umask. */
	fd = (int)OK_INT(c, "open", "s[aaa]i", made, "o_wronly", "o_creat",
	    "o_excl", 0640);
	ATF_REQUIRE(stat(made, &sb) == 0);
	ATF_CHECK_EQ(sb.st_mode & 07777, 0640 & ~current_umask());
	EXPECT(c, "ok", "close", "i", fd);
	EXPECT(c, "{error,eexist}", "open", "s[aaa]i", made, "o_wronly",
	    "o_creat", "o_excl", 0640);
	/* A string of flags: every byte counts, a zero byte included. */
	len = etf_string(raw, "\x00\x41", 2);
	fd = (int)OK_INT(c, "open", "sri", fpath(c, "made2"), raw, len, 0600);
	ATF_CHECK(stat(fpath(c, "made2"), &sb) == 0);
	EXPECT(c, "ok", "close", "i", fd);

	/* Argument errors: the first failing argument decides. */
	EXPECT(c, "{error,enotsup}", "open", "s[aa]i", file, "o_rdonly",
	    "o_foo", 0);
	EXPECT(c, "{error,enotsup}", "open", "s[a]a", file, "o_foo", "bad");
	EXPECT(c, "badarg", "open", "a[a]i", "file", "o_foo", 0);
	EXPECT(c, "badarg", "open", "s[a]i", file, "o_rdonly", -1);
	EXPECT(c, "badarg", "open", "b[a]i", "", (size_t)0, "o_rdonly", 0);
	EXPECT(c, "badarg", "open", "s[s]i", file, "o_rdonly", 0);
	EXPECT(c, "badarg", "open", "s[a]", file, "o_rdonly");

	/* PATH_MAX - 1 bytes are a path; PATH_MAX are not. */
	memset(slashes, '/', sizeof(slashes) - 1);
	fd = (int)OK_INT(c, "open", "b[a]i", slashes, (size_t)4095,
	    "o_rdonly", 0);
	EXPECT(c, "ok", "close", "i", fd);
	EXPECT(c, "badarg", "open", "b[a]i", slashes, (size_t)4096,
	    "o_rdonly", 0);
}

/*
 * A descriptor opened with [o_rdonly, o_cloexec] is gone in the program
 * the process execs, and using it fails; one opened with [o_rdonly] stays
 * and reads the file.  3, 4 and 5, the port's own descriptors, are gone
 * too (alcove-protocol(5), Descriptors).  The shell waits for a line first, as
 * in check_execve_stdin.
 */
static void
check_open_cloexec(struct ctx *c)
{
	char *argv[] = { "sh", "-c", NULL, NULL };
	char file[PATH_MAX], script[512], *out;
	int keep, gone, status;

	in_dir(file, c, "cloexec");
	t_write_file(file, "kept\n", 5);
	gone = (int)OK_INT(c, "open", "s[aa]i", file, "o_rdonly", "o_cloexec",
	    0);
	keep = (int)OK_INT(c, "open", "s[a]i", file, "o_rdonly", 0);
	(void)snprintf(script, sizeof(script), "read x; "
	    "for f in 3 4 5 %d; do "
	    "if [ -e /proc/$$/fd/$f ]; then echo $f:open; "
	    "else echo $f:closed; fi; done; "
	    "(cat <&%d) 2>/dev/null || echo %d:unusable; "
	    "cat <&%d; readlink /proc/$$/fd/%d",
	    gone, gone, gone, keep, keep);
	argv[2] = script;
	T_OK(alcove_execvp(T_AT(c), "/bin/sh", argv));
	T_OK(alcove_stdin(T_AT(c), "\n", 1));
	status = collect(c, &out);
	ATF_CHECK_STREQ(out, t_want("3:closed\n4:closed\n5:closed\n%d:closed\n"
	    "%d:unusable\nkept\n%s\n", gone, gone, file));
	expect_exit(status, 0);
	free(out);
}

static void
check_close(struct ctx *c)
{
	struct alcove_pid *cp;
	struct ctx q;
	char *argv[] = { "sleep", "60", NULL };
	size_t n;
	int fd;

	t_write_file(fpath(c, "file"), "x", 1);
	T_OK(alcove_open(T_AT(c), fpath(c, "file"), O_RDONLY, 0, &fd));
	EXPECT(c, "ok", "close", "i", fd);
	EXPECT(c, "{error,ebadf}", "close", "i", fd);
	EXPECT(c, "{error,ebadf}", "close", "i", -1);
	T_ERR(EBADF, alcove_close(T_AT(c), -1));
	EXPECT(c, "badarg", "close", "s", "3");
	EXPECT(c, "badarg", "close", "l", 1LL << 32);
	EXPECT(c, "badarg", "close", "");

	/* Closing a child's stdin marks it closed in the table. */
	ctx_fork(c, &q);
	T_OK(alcove_execvp(T_AT(&q), "/bin/sleep", argv));
	T_OK(alcove_cpid(T_AT(c), &cp, &n));
	ATF_REQUIRE_EQ(n, 1);
	ATF_CHECK_EQ(cp[0].fdctl, -2);
	ATF_REQUIRE(cp[0].fdin >= 0);
	EXPECT(c, "ok", "close", "i", cp[0].fdin);
	EXPECT(c, t_want("[{alcove_pid,%d,-1,15,-2,-1,%d,%d}]", (int)q.pid,
	    cp[0].fdout, cp[0].fderr), "cpid", "");
	free(cp);
	T_OK(alcove_kill(T_AT(c), q.pid, SIGKILL));
	expect_event(&q, "{termsig,sigkill}");
}

static void
check_read(struct ctx *c)
{
	static unsigned char data[100000], buf[100000];
	char file[PATH_MAX];
	struct alcove_term *t;
	size_t i, got, max;
	int fd, dfd;

	in_dir(file, c, "data");
	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 7 + i / 251);
	t_write_file(file, data, sizeof(data));
	/* The most that fits in {ok, Binary} at this depth. */
	max = 65535 - 8 * (c->n + 1) - 12;
	T_OK(alcove_open(T_AT(c), file, O_RDONLY, 0, &fd));
	T_OK(alcove_read(T_AT(c), fd, buf, sizeof(buf), &got));
	ATF_CHECK_EQ(got, max);
	ATF_CHECK(memcmp(buf, data, max) == 0);
	T_OK(alcove_read(T_AT(c), fd, buf, sizeof(buf), &got));
	ATF_CHECK_EQ(got, sizeof(data) - max);
	ATF_CHECK(memcmp(buf, data + max, sizeof(data) - max) == 0);
	EXPECT(c, "{ok,<<>>}", "read", "ii", fd, 100);
	T_OK(alcove_lseek(T_AT(c), fd, 0, SEEK_SET));
	EXPECT(c, t_want("{ok,<<%u,%u,%u>>}", data[0], data[1], data[2]),
	    "read", "ii", fd, 3);
	EXPECT(c, "{ok,<<>>}", "read", "ii", fd, 0);
	/* Any UInt64 count, clamped. */
	t = CALL(c, "read", "iu", fd, (unsigned long long)UINT64_MAX);
	ATF_REQUIRE(t->type == ALCOVE_TERM_TUPLE && t->n == 2 &&
	    alcove_term_atom(&t->e[0], "ok") &&
	    t->e[1].type == ALCOVE_TERM_BINARY);
	ATF_CHECK_EQ(t->e[1].len, max);
	ATF_CHECK(memcmp(t->e[1].data, data + 3, max) == 0);
	alcove_term_free(t);

	EXPECT(c, "{error,ebadf}", "read", "ii", -1, 1);
	T_ERR(EBADF, alcove_read(T_AT(c), -1, buf, 1, &got));
	T_OK(alcove_open(T_AT(c), c->dir, O_RDONLY, 0, &dfd));
	EXPECT(c, "{error,eisdir}", "read", "ii", dfd, 10);
	EXPECT(c, "badarg", "read", "ii", fd, -1);
	EXPECT(c, "badarg", "read", "ia", fd, "all");
	EXPECT(c, "badarg", "read", "i", fd);
	T_OK(alcove_close(T_AT(c), fd));
	T_OK(alcove_close(T_AT(c), dfd));
}

static void
check_write(struct ctx *c)
{
	char file[PATH_MAX];
	unsigned char raw[16];
	char buf[64];
	size_t len, w;
	int fd, ro;

	in_dir(file, c, "out");
	fd = (int)OK_INT(c, "open", "s[aaa]i", file, "o_wronly", "o_creat",
	    "o_trunc", 0644);
	/* Data is an iolist. */
	len = etf_string(raw, "ab", 2);
	EXPECT(c, "{ok,5}", "write", "i[rs[i]]", fd, raw, len, "cd", 'e');
	ATF_CHECK_EQ(t_slurp(file, buf, sizeof(buf)), 5);
	ATF_CHECK(memcmp(buf, "abcde", 5) == 0);
	T_OK(alcove_write(T_AT(c), fd, "fgh", 3, &w));
	ATF_CHECK_EQ(w, 3);
	EXPECT(c, "{ok,0}", "write", "ib", fd, "", (size_t)0);
	EXPECT(c, "{ok,0}", "write", "in", fd);
	ATF_CHECK_EQ(t_slurp(file, buf, sizeof(buf)), 8);
	ATF_CHECK(memcmp(buf, "abcdefgh", 8) == 0);

	EXPECT(c, "{error,ebadf}", "write", "is", -1, "x");
	T_ERR(EBADF, alcove_write(T_AT(c), -1, "x", 1, &w));
	T_OK(alcove_open(T_AT(c), file, O_RDONLY, 0, &ro));
	EXPECT(c, "{error,ebadf}", "write", "is", ro, "x");
	EXPECT(c, "badarg", "write", "ia", fd, "x");
	EXPECT(c, "badarg", "write", "i[i]", fd, 256);
	EXPECT(c, "badarg", "write", "si", "1", 0);
	T_OK(alcove_close(T_AT(c), fd));
	T_OK(alcove_close(T_AT(c), ro));
}

static void
check_lseek(struct ctx *c)
{
	char file[PATH_MAX];
	int fd;

	in_dir(file, c, "digits");
	t_write_file(file, "0123456789", 10);
	T_OK(alcove_open(T_AT(c), file, O_RDONLY, 0, &fd));
	/* The reply is ok: the new offset is not returned. */
	EXPECT(c, "ok", "lseek", "iii", fd, 5, SEEK_SET);
	EXPECT(c, "{ok,<<\"567\">>}", "read", "ii", fd, 3);
	EXPECT(c, "ok", "lseek", "iii", fd, -2, SEEK_CUR);
	EXPECT(c, "{ok,<<\"67\">>}", "read", "ii", fd, 2);
	T_OK(alcove_lseek(T_AT(c), fd, -1, SEEK_END));
	EXPECT(c, "{ok,<<\"9\">>}", "read", "ii", fd, 5);
	EXPECT(c, "ok", "lseek", "ili", fd, 1LL << 40, SEEK_SET);
	EXPECT(c, "{ok,<<>>}", "read", "ii", fd, 5);

	EXPECT(c, "{error,einval}", "lseek", "iii", fd, -100, SEEK_SET);
	T_ERR(EINVAL, alcove_lseek(T_AT(c), fd, -100, SEEK_SET));
	EXPECT(c, "{error,einval}", "lseek", "iii", fd, 0, 99);
	/* stdin is a pipe at every depth. */
	EXPECT(c, "{error,espipe}", "lseek", "iii", 0, 0, SEEK_CUR);
	EXPECT(c, "{error,ebadf}", "lseek", "iii", -1, 0, SEEK_SET);
	/* Whence is a plain integer. */
	EXPECT(c, "badarg", "lseek", "iia", fd, 0, "seek_set");
	EXPECT(c, "badarg", "lseek", "iai", fd, "zero", 0);
	EXPECT(c, "badarg", "lseek", "ii", fd, 0);
	T_OK(alcove_close(T_AT(c), fd));
}

/* ---- the file system ---- */

static void
check_mkdir(struct ctx *c)
{
	char d[PATH_MAX];
	struct stat sb;

	in_dir(d, c, "d");
	EXPECT(c, "ok", "mkdir", "si", d, 0750);
	ATF_REQUIRE(stat(d, &sb) == 0);
	ATF_CHECK(S_ISDIR(sb.st_mode));
	ATF_CHECK_EQ(sb.st_mode & 07777, 0750 & ~current_umask());
	EXPECT(c, "{error,eexist}", "mkdir", "si", d, 0750);
	T_ERR(EEXIST, alcove_mkdir(T_AT(c), d, 0700));
	EXPECT(c, "{error,enoent}", "mkdir", "si", fpath(c, "no/d"), 0700);
	T_OK(alcove_mkdir(T_AT(c), fpath(c, "d2"), 0700));
	ATF_REQUIRE(stat(fpath(c, "d2"), &sb) == 0);
	ATF_CHECK_EQ(sb.st_mode & 07777, 0700);
	EXPECT(c, "badarg", "mkdir", "si", fpath(c, "d3"), -1);
	EXPECT(c, "badarg", "mkdir", "su", fpath(c, "d3"), 1ULL << 32);
	EXPECT(c, "badarg", "mkdir", "bi", "", (size_t)0, 0700);
	EXPECT(c, "badarg", "mkdir", "s", fpath(c, "d3"));
}

static void
check_rmdir(struct ctx *c)
{
	char d[PATH_MAX];
	struct stat sb;

	in_dir(d, c, "d");
	ATF_REQUIRE(mkdir(d, 0755) == 0);
	ATF_REQUIRE(mkdir(fpath(c, "full"), 0755) == 0);
	t_write_file(fpath(c, "full/f"), "x", 1);
	t_write_file(fpath(c, "file"), "x", 1);
	EXPECT(c, "ok", "rmdir", "s", d);
	ATF_CHECK(stat(d, &sb) == -1 && errno == ENOENT);
	EXPECT(c, "{error,enoent}", "rmdir", "s", d);
	T_ERR(ENOENT, alcove_rmdir(T_AT(c), d));
	EXPECT(c, "{error,enotempty}", "rmdir", "s", fpath(c, "full"));
	T_ERR(ENOTEMPTY, alcove_rmdir(T_AT(c), fpath(c, "full")));
	EXPECT(c, "{error,enotdir}", "rmdir", "s", fpath(c, "file"));
	EXPECT(c, "{error,einval}", "rmdir", "s", fpath(c, "full/."));
	T_OK(alcove_unlink(T_AT(c), fpath(c, "full/f")));
	T_OK(alcove_rmdir(T_AT(c), fpath(c, "full")));
	EXPECT(c, "badarg", "rmdir", "b", "", (size_t)0);
	EXPECT(c, "badarg", "rmdir", "a", "d");
}

static void
check_unlink(struct ctx *c)
{
	char file[PATH_MAX];
	struct stat sb;

	in_dir(file, c, "file");
	t_write_file(file, "x", 1);
	ATF_REQUIRE(mkdir(fpath(c, "d"), 0755) == 0);
	EXPECT(c, "ok", "unlink", "s", file);
	ATF_CHECK(stat(file, &sb) == -1 && errno == ENOENT);
	EXPECT(c, "{error,enoent}", "unlink", "s", file);
	T_ERR(ENOENT, alcove_unlink(T_AT(c), file));
	EXPECT(c, "{error,eisdir}", "unlink", "s", fpath(c, "d"));
	t_write_file(file, "x", 1);
	T_OK(alcove_unlink(T_AT(c), file));
	ATF_CHECK(stat(file, &sb) == -1 && errno == ENOENT);
	EXPECT(c, "badarg", "unlink", "b", "", (size_t)0);
	EXPECT(c, "badarg", "unlink", "i", 0);
}

static void
check_symlink(struct ctx *c)
{
	char l[PATH_MAX];
	char buf[PATH_MAX];
	ssize_t n;

	in_dir(l, c, "link");
	EXPECT(c, "ok", "symlink", "ss", "some/target", l);
	ATF_REQUIRE((n = readlink(l, buf, sizeof(buf) - 1)) > 0);
	buf[n] = '\0';
	ATF_CHECK_STREQ(buf, "some/target");
	EXPECT(c, "{error,eexist}", "symlink", "ss", "other", l);
	T_ERR(EEXIST, alcove_symlink(T_AT(c), "other", l));
	EXPECT(c, "{error,enoent}", "symlink", "ss", "t", fpath(c, "no/l"));
	T_OK(alcove_symlink(T_AT(c), "/", fpath(c, "root")));
	ATF_REQUIRE((n = readlink(fpath(c, "root"), buf, sizeof(buf) - 1)) >
	    0);
	buf[n] = '\0';
	ATF_CHECK_STREQ(buf, "/");
	EXPECT(c, "badarg", "symlink", "bs", "", (size_t)0, fpath(c, "l2"));
	EXPECT(c, "badarg", "symlink", "sb", "t", "", (size_t)0);
	EXPECT(c, "badarg", "symlink", "s", "t");
}

static void
check_link(struct ctx *c)
{
	char file[PATH_MAX];
	char l[PATH_MAX];
	struct stat a, b;

	in_dir(file, c, "file");
	in_dir(l, c, "hard");
	t_write_file(file, "x", 1);
	ATF_REQUIRE(mkdir(fpath(c, "d"), 0755) == 0);
	EXPECT(c, "ok", "link", "ss", file, l);
	ATF_REQUIRE(stat(file, &a) == 0 && stat(l, &b) == 0);
	ATF_CHECK_EQ(a.st_ino, b.st_ino);
	ATF_CHECK_EQ(a.st_nlink, 2);
	EXPECT(c, "{error,eexist}", "link", "ss", file, l);
	T_ERR(EEXIST, alcove_link(T_AT(c), file, l));
	EXPECT(c, "{error,enoent}", "link", "ss", fpath(c, "missing"),
	    fpath(c, "x"));
	EXPECT(c, "{error,eperm}", "link", "ss", fpath(c, "d"), fpath(c, "x"));
	T_OK(alcove_link(T_AT(c), file, fpath(c, "hard2")));
	ATF_REQUIRE(stat(file, &a) == 0);
	ATF_CHECK_EQ(a.st_nlink, 3);
	EXPECT(c, "badarg", "link", "sb", file, "", (size_t)0);
	EXPECT(c, "badarg", "link", "s", file);
}

static void
check_chmod(struct ctx *c)
{
	char file[PATH_MAX];
	struct stat sb;

	in_dir(file, c, "file");
	t_write_file(file, "x", 1);
	EXPECT(c, "ok", "chmod", "si", file, 0604);
	ATF_REQUIRE(stat(file, &sb) == 0);
	ATF_CHECK_EQ(sb.st_mode & 07777, 0604);
	T_OK(alcove_chmod(T_AT(c), file, 04750));
	ATF_REQUIRE(stat(file, &sb) == 0);
	ATF_CHECK_EQ(sb.st_mode & 07777, 04750);
	EXPECT(c, "{error,enoent}", "chmod", "si", fpath(c, "missing"), 0600);
	T_ERR(ENOENT, alcove_chmod(T_AT(c), fpath(c, "missing"), 0600));
	EXPECT(c, "badarg", "chmod", "si", file, -1);
	EXPECT(c, "badarg", "chmod", "su", file, 1ULL << 32);
	EXPECT(c, "badarg", "chmod", "sa", file, "rwx");
	EXPECT(c, "badarg", "chmod", "bi", "", (size_t)0, 0600);
}

static void
check_chown(struct ctx *c)
{
	char file[PATH_MAX];
	struct stat sb;
	struct ctx u;

	in_dir(file, c, "file");
	t_write_file(file, "x", 1);
	EXPECT(c, "ok", "chown", "sii", file, 1234, 5678);
	ATF_REQUIRE(stat(file, &sb) == 0);
	ATF_CHECK_EQ(sb.st_uid, 1234);
	ATF_CHECK_EQ(sb.st_gid, 5678);
	/* (uid_t)-1 and (gid_t)-1 leave the owner as it is. */
	EXPECT(c, "ok", "chown", "suu", file, 4294967295ULL, 4294967295ULL);
	ATF_REQUIRE(stat(file, &sb) == 0);
	ATF_CHECK_EQ(sb.st_uid, 1234);
	ATF_CHECK_EQ(sb.st_gid, 5678);
	T_OK(alcove_chown(T_AT(c), file, 0, 0));
	ATF_REQUIRE(stat(file, &sb) == 0);
	ATF_CHECK(sb.st_uid == 0 && sb.st_gid == 0);
	EXPECT(c, "{error,enoent}", "chown", "sii", fpath(c, "missing"), 0,
	    0);
	EXPECT(c, "badarg", "chown", "sii", file, -1, 0);
	EXPECT(c, "badarg", "chown", "sia", file, 0, "root");
	EXPECT(c, "badarg", "chown", "si", file, 0);

	ctx_fork_nobody(c, &u);
	EXPECT(&u, "{error,eperm}", "chown", "sii", "file", NOBODY, NOBODY);
	T_ERR(EPERM, alcove_chown(T_AT(&u), "file", NOBODY, NOBODY));
	EXPECT(&u, "{error,eperm}", "chmod", "si", "file", 0777);
}

static void
check_mkfifo(struct ctx *c)
{
	char f[PATH_MAX];
	struct stat sb;

	in_dir(f, c, "fifo");
	EXPECT(c, "ok", "mkfifo", "si", f, 0640);
	ATF_REQUIRE(stat(f, &sb) == 0);
	ATF_CHECK(S_ISFIFO(sb.st_mode));
	ATF_CHECK_EQ(sb.st_mode & 07777, 0640 & ~current_umask());
	EXPECT(c, "{error,eexist}", "mkfifo", "si", f, 0640);
	T_ERR(EEXIST, alcove_mkfifo(T_AT(c), f, 0600));
	EXPECT(c, "{error,enoent}", "mkfifo", "si", fpath(c, "no/f"), 0600);
	T_OK(alcove_mkfifo(T_AT(c), fpath(c, "fifo2"), 0600));
	ATF_REQUIRE(stat(fpath(c, "fifo2"), &sb) == 0);
	ATF_CHECK(S_ISFIFO(sb.st_mode) && (sb.st_mode & 07777) == 0600);
	EXPECT(c, "badarg", "mkfifo", "si", fpath(c, "f3"), -1);
	EXPECT(c, "badarg", "mkfifo", "bi", "", (size_t)0, 0600);
}

/* readdir(3) of the test itself: the order the port must keep. */
static const char *
dir_listing(const char *path)
{
	static char text[8192];
	struct dirent *de;
	size_t len;
	DIR *d;

	ATF_REQUIRE((d = opendir(path)) != NULL);
	len = (size_t)snprintf(text, sizeof(text), "{ok,[");
	while ((de = readdir(d)) != NULL)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
		    "%s<<\"%s\">>", text[len - 1] == '[' ? "" : ",",
		    de->d_name);
	(void)closedir(d);
	(void)snprintf(text + len, sizeof(text) - len, "]}");
	return text;
}

static void
check_readdir(struct ctx *c)
{
	char d[PATH_MAX];
	char many[PATH_MAX];
	char name[PATH_MAX], **names;
	size_t i;
	int k;

	in_dir(d, c, "d");
	in_dir(many, c, "many");
	ATF_REQUIRE(mkdir(d, 0755) == 0);
	t_write_file(fpath(c, "d/a"), "", 0);
	t_write_file(fpath(c, "d/b"), "", 0);
	ATF_REQUIRE(mkdir(fpath(c, "d/c"), 0755) == 0);
	EXPECT(c, dir_listing(d), "readdir", "s", d);
	T_OK(alcove_readdir(T_AT(c), d, &names));
	for (i = 0; names[i] != NULL; i++)
		;
	ATF_CHECK_EQ(i, 5);
	alcove_strv_free(names);
	EXPECT(c, "{error,enoent}", "readdir", "s", fpath(c, "missing"));
	T_ERR(ENOENT, alcove_readdir(T_AT(c), fpath(c, "missing"), &names));
	EXPECT(c, "{error,enotdir}", "readdir", "s", fpath(c, "d/a"));
	EXPECT(c, "badarg", "readdir", "b", "", (size_t)0);
	EXPECT(c, "badarg", "readdir", "a", "d");

	/* 250 names of 255 bytes do not fit in one reply. */
	ATF_REQUIRE(mkdir(many, 0755) == 0);
	for (k = 0; k < 250; k++) {
		if (snprintf(name, sizeof(name), "%s/%0255d", many, k) >=
		    (int)sizeof(name))
			atf_tc_fail("%s: path too long", many);
		t_write_file(name, "", 0);
	}
	EXPECT(c, "{error,e2big}", "readdir", "s", many);
	T_ERR(E2BIG, alcove_readdir(T_AT(c), many, &names));
}

/* ---- the host, signals, the title ---- */

static void
check_gethostname(struct ctx *c)
{
	char host[256], buf[256];

	ATF_REQUIRE(gethostname(host, sizeof(host)) == 0);
	EXPECT(c, t_want("{ok,<<\"%s\">>}", host), "gethostname", "");
	T_OK(alcove_gethostname(T_AT(c), buf, sizeof(buf)));
	ATF_CHECK_STREQ(buf, host);
	EXPECT(c, "badarg", "gethostname", "i", 0);
}

static void
check_sigaction(struct ctx *c)
{
	int old;

	/* At boot every catchable signal is caught; SIGCHLD reaps. */
	EXPECT(c, "{ok,sig_info}", "sigaction", "an", "sigterm");
	EXPECT(c, "{ok,sig_info}", "sigaction", "an", "SIGTERM");
	EXPECT(c, "{ok,sig_info}", "sigaction", "in", SIGTERM);
	EXPECT(c, "{ok,sig_dfl}", "sigaction", "an", "sigchld");
	EXPECT(c, "{ok,sig_dfl}", "sigaction", "an", "sigkill");
	EXPECT(c, "{ok,sig_dfl}", "sigaction", "ab", "sigkill", "", (size_t)0);
	EXPECT(c, "{error,einval}", "sigaction", "aa", "sigkill", "sig_ign");
	if (!wrapped(c))
		EXPECT(c, "{error,einval}", "sigaction", "aa", "sigstop",
		    "sig_dfl");
	T_ERR(EINVAL, alcove_sigaction(T_AT(c), SIGKILL, ALCOVE_SIG_IGN, &old));
	T_OK(alcove_sigaction(T_AT(c), SIGKILL, ALCOVE_SIG_QUERY, &old));
	ATF_CHECK_EQ(old, ALCOVE_SIG_DFL);

	EXPECT(c, "{ok,sig_info}", "sigaction", "aa", "sigusr1", "sig_ign");
	EXPECT(c, "{ok,sig_ign}", "sigaction", "an", "sigusr1");
	T_OK(alcove_sigaction(T_AT(c), SIGUSR1, ALCOVE_SIG_INFO, &old));
	ATF_CHECK_EQ(old, ALCOVE_SIG_IGN);
	EXPECT(c, "ok", "kill", "ia", (int)c->pid, "sigusr1");
	expect_signal(c, "sigusr1", SIGUSR1, SI_USER, c->pid, 0);
	EXPECT(c, "{ok,sig_info}", "sigaction", "aa", "sigusr2", "sig_dfl");
	EXPECT(c, "{ok,sig_dfl}", "sigaction", "ab", "sigusr2", "", (size_t)0);

	/* SIGCHLD only switches between reaping and reporting. */
	EXPECT(c, "{ok,sig_dfl}", "sigaction", "aa", "sigchld", "sig_info");
	EXPECT(c, "{ok,sig_info}", "sigaction", "an", "sigchld");
	EXPECT(c, "{ok,sig_info}", "sigaction", "aa", "sigchld", "sig_ign");
	EXPECT(c, "{ok,sig_dfl}", "sigaction", "an", "sigchld");

	EXPECT(c, "{error,enotsup}", "sigaction", "an", "sigfoo");
	EXPECT(c, "badarg", "sigaction", "aa", "sigterm", "sig_foo");
	EXPECT(c, "badarg", "sigaction", "ab", "sigterm", "x", (size_t)1);
	EXPECT(c, "badarg", "sigaction", "ai", "sigterm", 1);
	EXPECT(c, "badarg", "sigaction", "sn", "sigterm");
	EXPECT(c, "badarg", "sigaction", "a", "sigterm");
}

/* Require /proc/PID/cmdline to show title and nothing else. */
static void
expect_title(struct ctx *c, const char *title)
{
	char buf[65536];
	size_t n, len, i;

	n = t_slurp(t_want("/proc/%d/cmdline", (int)c->pid), buf,
	    sizeof(buf));
	len = strnlen(buf, n);
	ATF_CHECK_MSG(len == strlen(title) && memcmp(buf, title, len) == 0,
	    "depth %zu: cmdline is \"%.*s\", expected \"%s\"", c->n,
	    (int)len, buf, title);
	for (i = len; i < n; i++)
		ATF_CHECK_MSG(buf[i] == '\0', "cmdline has byte %d at %zu",
		    buf[i], i);
}

/*
 * setproctitle's replies; with cmdline, also the title each call leaves in
 * /proc/PID/cmdline.  Under a wrapper (valgrind) that file shows the
 * wrapper's command line whatever the title, so only the replies hold.
 */
static void
setproctitle_steps(struct ctx *c, int cmdline)
{
	char progname[64];
	unsigned char raw[16];
	size_t len;

	require_call(c, "setproctitle");
	EXPECT(c, "ok", "setproctitle", "s", "alcove-calls-test");
	if (cmdline)
		expect_title(c, "alcove-calls-test");
	len = etf_string(raw, "ab", 2);
	EXPECT(c, "ok", "setproctitle", "[rs]", raw, len, "cd");
	if (cmdline)
		expect_title(c, "abcd");
	T_OK(alcove_setproctitle(T_AT(c), "typed title"));
	if (cmdline)
		expect_title(c, "typed title");
	/* Empty: back to the program name. */
	EXPECT(c, "ok", "setproctitle", "b", "", (size_t)0);
	(void)snprintf(progname, sizeof(progname), "%s", t_port(c->tc));
	if (cmdline)
		expect_title(c, progname);
	EXPECT(c, "badarg", "setproctitle", "a", "title");
	EXPECT(c, "badarg", "setproctitle", "i", 1);
}

static void
check_setproctitle(struct ctx *c)
{
	setproctitle_steps(c, 0);
}

static void
check_setproctitle_cmdline(struct ctx *c)
{
	setproctitle_steps(c, 1);
}

/* ---- pure calls ---- */

static void
check_iolist_to_bin(struct ctx *c)
{
	/* [<<"a">> | <<"b">>]: not a proper list. */
	static const unsigned char improper[] = { 0x6c, 0, 0, 0, 1, 0x6d, 0,
	    0, 0, 1, 'a', 0x6d, 0, 0, 0, 1, 'b' };
	static unsigned char big[65000];
	unsigned char raw[256];
	struct alcove_term *t;
	size_t len, i;

	EXPECT(c, "<<\"abc\">>", "iolist_to_bin", "s", "abc");
	len = etf_string(raw, "abc", 3);
	EXPECT(c, "<<\"abc\">>", "iolist_to_bin", "r", raw, len);
	EXPECT(c, "<<>>", "iolist_to_bin", "n");
	EXPECT(c, "<<>>", "iolist_to_bin", "[nn[]]");
	len = etf_string(raw, "bc", 2);
	EXPECT(c, "<<\"abcde\">>", "iolist_to_bin", "[srin[[s]]]", "a", raw,
	    len, 'd', "e");
	EXPECT(c, "<<0,1,255>>", "iolist_to_bin", "[iii]", 0, 1, 255);
	/* Nesting: 16 levels are accepted, 17 are not. */
	len = t_etf_nested(raw, 16);
	EXPECT(c, "<<\"a\">>", "iolist_to_bin", "r", raw, len);
	len = t_etf_nested(raw, 17);
	EXPECT(c, "badarg", "iolist_to_bin", "r", raw, len);

	EXPECT(c, "badarg", "iolist_to_bin", "[i]", 256);
	EXPECT(c, "badarg", "iolist_to_bin", "[i]", -1);
	EXPECT(c, "badarg", "iolist_to_bin", "a", "abc");
	EXPECT(c, "badarg", "iolist_to_bin", "i", 1);
	EXPECT(c, "badarg", "iolist_to_bin", "[sa]", "a", "b");
	EXPECT(c, "badarg", "iolist_to_bin", "[{s}]", "a");
	EXPECT(c, "badarg", "iolist_to_bin", "r", improper, sizeof(improper));
	EXPECT(c, "badarg", "iolist_to_bin", "ss", "a", "b");

	for (i = 0; i < sizeof(big); i++)
		big[i] = (unsigned char)(i % 253);
	t = CALL(c, "iolist_to_bin", "[bb]", big, (size_t)40000, big + 40000,
	    sizeof(big) - 40000);
	ATF_REQUIRE(t->type == ALCOVE_TERM_BINARY);
	ATF_CHECK_EQ(t->len, sizeof(big));
	ATF_CHECK(memcmp(t->data, big, sizeof(big)) == 0);
	alcove_term_free(t);
}

/* errno_id on Linux, as upstream answers it; NULL is unknown. */
static const char *const errno_atoms[] = {
	NULL, "eperm", "enoent", "esrch", "eintr", "eio", "enxio", "e2big",
	"enoexec", "ebadf", "echild", "eagain", "enomem", "eacces", "efault",
	"enotblk", "ebusy", "eexist", "exdev", "enodev", "enotdir", "eisdir",
	"einval", "enfile", "emfile", "enotty", "etxtbsy", "efbig", "enospc",
	"espipe", "erofs", "emlink", "epipe", "edom", "erange", "edeadlk",
	"enametoolong", "enolck", "enosys", "enotempty", "eloop", NULL,
	"enomsg", "eidrm", "echrng", "el2nsync", "el3hlt", "el3rst", "elnrng",
	"eunatch", "enocsi", "el2hlt", "ebade", "ebadr", "exfull", "enoano",
	"ebadrqc", "ebadslt", NULL, "ebfont", "enostr", "enodata", "etime",
	"enosr", "enonet", "enopkg", "eremote", "enolink", "eadv", "esrmnt",
	"ecomm", "eproto", "emultihop", "edotdot", "ebadmsg", "eoverflow",
	"enotuniq", "ebadfd", "eremchg", "elibacc", "elibbad", "elibscn",
	"elibmax", "elibexec", NULL, NULL, NULL, "eusers", "enotsock",
	"edestaddrreq", "emsgsize", "eprototype", "enoprotoopt",
	"eprotonosupport", "esocktnosupport", "enotsup", "epfnosupport",
	"eafnosupport", "eaddrinuse", "eaddrnotavail", "enetdown",
	"enetunreach", "enetreset", "econnaborted", "econnreset", "enobufs",
	"eisconn", "enotconn", "eshutdown", "etoomanyrefs", "etimedout",
	"econnrefused", "ehostdown", "ehostunreach", "ealready",
	"einprogress", "estale", "euclean", "enotnam", "enavail", NULL,
	"eremoteio", "edquot", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	"eownerdead", "enotrecoverable", NULL, NULL, NULL
};

static void
check_errno_id(struct ctx *c)
{
	char buf[32];
	size_t i;

	ATF_REQUIRE_EQ(nitems(errno_atoms), 135);
	EXPECT(c, "enoent", "errno_id", "i", 2);
	EXPECT(c, "unknown", "errno_id", "i", 0);
	EXPECT(c, "unknown", "errno_id", "i", 120);
	for (i = 0; i < nitems(errno_atoms); i++)
		EXPECT(c, errno_atoms[i] != NULL ? errno_atoms[i] : "unknown",
		    "errno_id", "i", (int)i);
	EXPECT(c, "unknown", "errno_id", "i", -1);
	EXPECT(c, "unknown", "errno_id", "i", INT32_MAX);
	T_OK(alcove_errno_id(T_AT(c), EPERM, buf, sizeof(buf)));
	ATF_CHECK_STREQ(buf, "eperm");
	T_OK(alcove_errno_id(T_AT(c), 0, buf, sizeof(buf)));
	ATF_CHECK_STREQ(buf, "unknown");
	EXPECT(c, "badarg", "errno_id", "a", "enoent");
	EXPECT(c, "badarg", "errno_id", "l", 1LL << 31);
	EXPECT(c, "badarg", "errno_id", "");
}

/* A child's parent-side descriptors are the parent's real ones. */
static void
expect_child_fds(struct ctx *c, const struct alcove_pid *p)
{
	ATF_CHECK_MSG(strncmp(proc_fd(c->pid, p->fdctl), "socket:[", 8) == 0,
	    "fdctl %d is %s", p->fdctl, proc_fd(c->pid, p->fdctl));
	ATF_CHECK_MSG(strncmp(proc_fd(c->pid, p->fdin), "pipe:[", 6) == 0,
	    "stdin %d is %s", p->fdin, proc_fd(c->pid, p->fdin));
	ATF_CHECK_MSG(strncmp(proc_fd(c->pid, p->fdout), "pipe:[", 6) == 0,
	    "stdout %d is %s", p->fdout, proc_fd(c->pid, p->fdout));
	ATF_CHECK_MSG(strncmp(proc_fd(c->pid, p->fderr), "pipe:[", 6) == 0,
	    "stderr %d is %s", p->fderr, proc_fd(c->pid, p->fderr));
}

static void
check_cpid(struct ctx *c)
{
	char *argv[] = { "cat", NULL };
	struct alcove_pid *cp, *cp2;
	struct ctx q1, q2;
	size_t n, i;

	EXPECT(c, "[]", "cpid", "");
	ctx_fork(c, &q1);
	ctx_fork(c, &q2);
	T_OK(alcove_cpid(T_AT(c), &cp, &n));
	ATF_REQUIRE_EQ(n, 2);
	ATF_CHECK_EQ(cp[0].pid, q1.pid);
	ATF_CHECK_EQ(cp[1].pid, q2.pid);
	for (i = 0; i < n; i++) {
		ATF_CHECK_EQ(cp[i].flowcontrol, -1);
		ATF_CHECK_EQ(cp[i].signaloneof, 15);
		ATF_CHECK(cp[i].fdctl >= 6 && cp[i].fdin >= 6 &&
		    cp[i].fdout >= 6 && cp[i].fderr >= 6);
		expect_child_fds(c, &cp[i]);
	}
	EXPECT(c, t_want("[{alcove_pid,%d,-1,15,%d,%d,%d,%d},"
	    "{alcove_pid,%d,-1,15,%d,%d,%d,%d}]",
	    (int)q1.pid, cp[0].fdctl, cp[0].fdin, cp[0].fdout, cp[0].fderr,
	    (int)q2.pid, cp[1].fdctl, cp[1].fdin, cp[1].fdout, cp[1].fderr),
	    "cpid", "");

	/* After an exec the control descriptor reads -2. */
	T_OK(alcove_execvp(T_AT(&q1), "/bin/cat", argv));
	T_OK(alcove_cpid(T_AT(c), &cp2, &n));
	ATF_REQUIRE_EQ(n, 2);
	ATF_CHECK_EQ(cp2[0].pid, q1.pid);
	ATF_CHECK_EQ(cp2[0].fdctl, -2);
	ATF_CHECK_EQ(cp2[0].fdin, cp[0].fdin);
	ATF_CHECK_EQ(cp2[0].fdout, cp[0].fdout);
	ATF_CHECK_EQ(cp2[0].fderr, cp[0].fderr);
	ATF_CHECK_EQ(cp2[1].fdctl, cp[1].fdctl);
	free(cp);
	free(cp2);
	EXPECT(c, "badarg", "cpid", "i", 0);
	T_OK(alcove_kill(T_AT(c), q1.pid, SIGKILL));
	expect_event(&q1, "{termsig,sigkill}");
}

/* One child's entry in the parent's cpid. */
static struct alcove_pid
cpid_of(struct ctx *c, pid_t pid)
{
	struct alcove_pid *cp, one;
	size_t n, i;

	memset(&one, 0, sizeof(one));
	T_OK(alcove_cpid(T_AT(c), &cp, &n));
	for (i = 0; i < n; i++)
		if (cp[i].pid == pid)
			one = cp[i];
	free(cp);
	ATF_REQUIRE_EQ(one.pid, pid);
	return one;
}

static void
check_setcpid(struct ctx *c)
{
	struct ctx q;

	ctx_fork(c, &q);
	EXPECT(c, "true", "setcpid", "iai", (int)q.pid, "flowcontrol", 5);
	ATF_CHECK_EQ(cpid_of(c, q.pid).flowcontrol, 5);
	EXPECT(c, "true", "setcpid", "iai", (int)q.pid, "flowcontrol", -7);
	ATF_CHECK_EQ(cpid_of(c, q.pid).flowcontrol, -1);
	T_OK(alcove_setcpid(T_AT(c), q.pid, "flowcontrol", 0));
	ATF_CHECK_EQ(cpid_of(c, q.pid).flowcontrol, 0);
	EXPECT(c, "true", "setcpid", "iai", (int)q.pid, "signaloneof", 300);
	ATF_CHECK_EQ(cpid_of(c, q.pid).signaloneof, 255);
	T_OK(alcove_setcpid(T_AT(c), q.pid, "signaloneof", 9));
	ATF_CHECK_EQ(cpid_of(c, q.pid).signaloneof, 9);
	EXPECT(c, "badarg", "setcpid", "iai", (int)q.pid, "signaloneof", -1);
	ATF_CHECK_EQ(cpid_of(c, q.pid).signaloneof, 9);

	/* Unknown options are false; negative values are checked first. */
	EXPECT(c, "false", "setcpid", "iai", (int)q.pid, "foo", 1);
	EXPECT(c, "badarg", "setcpid", "iai", (int)q.pid, "foo", -1);
	EXPECT(c, "false", "setcpid", "iai", (int)q.pid, "FlowControl", 1);
	T_ERR(ALCOVE_EUNKNOWN, alcove_setcpid(T_AT(c), q.pid, "foo", 1));
	/* No such child: true all the same. */
	EXPECT(c, "true", "setcpid", "iai", NO_PID, "flowcontrol", 1);
	EXPECT(c, "true", "setcpid", "iai", NO_PID, "signaloneof", 1);
	EXPECT(c, "true", "setcpid", "uai", 4294967295ULL, "flowcontrol", 1);
	EXPECT(c, "badarg", "setcpid", "iai", -1, "flowcontrol", 1);
	EXPECT(c, "badarg", "setcpid", "isi", (int)q.pid, "flowcontrol", 1);
	EXPECT(c, "badarg", "setcpid", "iaa", (int)q.pid, "flowcontrol", "x");
	EXPECT(c, "badarg", "setcpid", "ia", (int)q.pid, "flowcontrol");
}

static int
default_maxchild(void)
{
	struct rlimit rl;
	rlim_t n;

	ATF_REQUIRE(getrlimit(RLIMIT_NOFILE, &rl) == 0);
	if (rl.rlim_cur == RLIM_INFINITY)
		return 64;
	n = (rl.rlim_cur - 6) / 6;
	return n < 64 ? (int)n : 64;
}

static void
check_getopt(struct ctx *c)
{
	struct ctx q;
	int v;

	EXPECT(c, "1", "getopt", "a", "exit_status");
	EXPECT(c, "1", "getopt", "a", "termsig");
	EXPECT(c, "0", "getopt", "a", "stdin_closed");
	EXPECT(c, "0", "getopt", "a", "stdout_closed");
	EXPECT(c, "0", "getopt", "a", "stderr_closed");
	EXPECT(c, "-1", "getopt", "a", "flowcontrol");
	EXPECT(c, "15", "getopt", "a", "signaloneof");
	EXPECT(c, "16", "getopt", "a", "maxforkdepth");
	EXPECT(c, t_want("%d", default_maxchild()), "getopt", "a", "maxchild");
	T_OK(alcove_getopt(T_AT(c), "maxforkdepth", &v));
	ATF_CHECK_EQ(v, 16);
	/* Names are matched exactly. */
	EXPECT(c, "false", "getopt", "a", "MAXCHILD");
	EXPECT(c, "false", "getopt", "a", "foo");
	T_ERR(ALCOVE_EUNKNOWN, alcove_getopt(T_AT(c), "foo", &v));
	EXPECT(c, "badarg", "getopt", "s", "maxchild");
	EXPECT(c, "badarg", "getopt", "i", 1);

	/* Copied to new children. */
	EXPECT(c, "true", "setopt", "ai", "signaloneof", 9);
	EXPECT(c, "true", "setopt", "ai", "stdout_closed", 1);
	ctx_fork(c, &q);
	EXPECT(&q, "9", "getopt", "a", "signaloneof");
	EXPECT(&q, "1", "getopt", "a", "stdout_closed");
	ATF_CHECK_EQ(cpid_of(c, q.pid).signaloneof, 9);
}

/*
 * The control messages and events for c's path up to its exit event, as
 * text separated by commas.  fdctl_closed went to alcove_exit.
 */
static char *
exit_sequence(struct ctx *c)
{
	struct alcove_msg *m;
	char *s = NULL;
	size_t len = 0;
	int status;
	FILE *f;

	ATF_REQUIRE((f = open_memstream(&s, &len)) != NULL);
	for (;;) {
		m = t_recv(c->h, T_PATH(c), c->n, ALCOVE_MSG_CTL |
		    ALCOVE_MSG_EVENT);
		if (ftell(f) > 0)
			(void)fputc(',', f);
		if (m->type == ALCOVE_MSG_CTL) {
			(void)fputs((char *)m->data, f);
		} else
			(void)fputs(t_reply_text(0, m->term), f);
		if (alcove_msg_exit(m, &status) == 0) {
			alcove_msg_free(m);
			break;
		}
		alcove_msg_free(m);
	}
	(void)fclose(f);
	return s;
}

static void
check_setopt(struct ctx *c)
{
	static const char *const flags[] = { "exit_status", "termsig",
	    "stdin_closed", "stdout_closed", "stderr_closed" };
	struct rlimit rl;
	struct ctx q1, q2;
	size_t i;
	char *seq;
	pid_t pid;

	EXPECT(c, "true", "setopt", "ai", "maxforkdepth", 300);
	EXPECT(c, "255", "getopt", "a", "maxforkdepth");
	EXPECT(c, "true", "setopt", "ai", "exit_status", 5);
	EXPECT(c, "1", "getopt", "a", "exit_status");
	for (i = 0; i < nitems(flags); i++) {
		EXPECT(c, "true", "setopt", "ai", flags[i], 0);
		EXPECT(c, "0", "getopt", "a", flags[i]);
		EXPECT(c, "true", "setopt", "ai", flags[i], 1);
		EXPECT(c, "1", "getopt", "a", flags[i]);
		EXPECT(c, "badarg", "setopt", "ai", flags[i], -1);
	}
	EXPECT(c, "true", "setopt", "ai", "flowcontrol", -5);
	EXPECT(c, "-1", "getopt", "a", "flowcontrol");
	EXPECT(c, "true", "setopt", "ai", "flowcontrol", 7);
	EXPECT(c, "7", "getopt", "a", "flowcontrol");
	T_OK(alcove_setopt(T_AT(c), "flowcontrol", -1));
	EXPECT(c, "true", "setopt", "ai", "signaloneof", 300);
	EXPECT(c, "255", "getopt", "a", "signaloneof");
	EXPECT(c, "true", "setopt", "ai", "signaloneof", 0);
	EXPECT(c, "0", "getopt", "a", "signaloneof");
	EXPECT(c, "badarg", "setopt", "ai", "signaloneof", -1);
	EXPECT(c, "badarg", "setopt", "ai", "maxforkdepth", -1);
	EXPECT(c, "badarg", "setopt", "ai", "maxchild", -1);
	EXPECT(c, "false", "setopt", "ai", "foo", 1);
	EXPECT(c, "badarg", "setopt", "ai", "foo", -1);
	EXPECT(c, "false", "setopt", "ai", "MAXCHILD", 1);
	T_ERR(ALCOVE_EUNKNOWN, alcove_setopt(T_AT(c), "foo", 1));
	EXPECT(c, "badarg", "setopt", "si", "maxchild", 1);
	EXPECT(c, "badarg", "setopt", "aa", "maxchild", "one");
	EXPECT(c, t_want("%d", default_maxchild()), "getopt", "a", "maxchild");
	/* 6 * maxchild + 6 descriptors must be allowed. */
	ATF_REQUIRE(getrlimit(RLIMIT_NOFILE, &rl) == 0);
	EXPECT(c, rl.rlim_cur == RLIM_INFINITY ||
	    rl.rlim_cur >= (rlim_t)6 * 65535 + 6 ? "true" : "false",
	    "setopt", "ai", "maxchild", 65535);

	/* maxchild against the children that exist. */
	EXPECT(c, "true", "setopt", "ai", "maxchild", 2);
	EXPECT(c, "2", "getopt", "a", "maxchild");
	ctx_fork(c, &q1);
	ctx_fork(c, &q2);
	EXPECT(c, "{error,eagain}", "fork", "");
	EXPECT(c, "false", "setopt", "ai", "maxchild", 1);
	EXPECT(c, "2", "getopt", "a", "maxchild");
	EXPECT(c, "true", "setopt", "ai", "maxchild", 3);
	EXPECT(c, "3", "getopt", "a", "maxchild");
	T_OK(alcove_fork(T_AT(c), &pid));
	EXPECT(c, "{error,eagain}", "fork", "");

	/*
	 * The *_closed options, all on (above), announce the end of each
	 * stream; stdin_closed comes right before the exit status.
	 */
	T_OK(alcove_exit(T_AT(&q1), 4));
	seq = exit_sequence(&q1);
	ATF_CHECK_MSG(strcmp(seq, "stdout_closed,stderr_closed,stdin_closed,"
	    "{exit_status,4}") == 0 || strcmp(seq, "stderr_closed,"
	    "stdout_closed,stdin_closed,{exit_status,4}") == 0,
	    "depth %zu: %s", c->n, seq);
	free(seq);
	/* Off: nothing but the exit status. */
	for (i = 0; i < nitems(flags); i++)
		if (strcmp(flags[i], "exit_status") != 0)
			T_OK(alcove_setopt(T_AT(c), flags[i], 0));
	T_OK(alcove_exit(T_AT(&q2), 6));
	seq = exit_sequence(&q2);
	ATF_CHECK_STREQ(seq, "{exit_status,6}");
	free(seq);
}

static void
check_filter(struct ctx *c)
{
	unsigned char own[16], sub[16], none[16], big[17];
	struct ctx q, q2, q3;
	pid_t pid;

	memset(own, 0, sizeof(own));
	memset(sub, 0, sizeof(sub));
	memset(none, 0, sizeof(none));
	memset(big, 0, sizeof(big));
	alcove_filter_add(own, alcove_call_number("getpid"));
	ATF_CHECK(own[4] == 16);
	T_OK(alcove_filter(T_AT(c), own, 5, none, 0));
	EXPECT(c, "undef", "getpid", "");
	T_ERR(ALCOVE_EUNDEF, alcove_getpid(T_AT(c), &pid));
	EXPECT(c, t_want("%d", (int)getpgrp()), "getpgrp", "");
	/* A new child's filter is the subprocess filter: empty. */
	ctx_fork(c, &q);
	EXPECT(&q, t_want("%d", (int)q.pid), "getpid", "");

	alcove_filter_add(sub, alcove_call_number("getpgrp"));
	EXPECT(c, "ok", "filter", "bb", "", (size_t)0, sub, (size_t)16);
	EXPECT(c, t_want("%d", (int)getpgrp()), "getpgrp", "");
	ctx_fork(c, &q2);
	EXPECT(&q2, "undef", "getpgrp", "");
	EXPECT(&q2, t_want("%d", (int)q2.pid), "getpid", "");
	/* It is both filters of that child: its children inherit it. */
	ctx_fork(&q2, &q3);
	EXPECT(&q3, "undef", "getpgrp", "");
	EXPECT(&q3, t_want("%d", (int)q3.pid), "getpid", "");
	/* Bits are only ever added. */
	EXPECT(c, "ok", "filter", "bb", none, (size_t)16, none, (size_t)16);
	EXPECT(c, "undef", "getpid", "");
	EXPECT(c, "badarg", "filter", "bb", big, sizeof(big), "", (size_t)0);
	EXPECT(c, "badarg", "filter", "bb", "", (size_t)0, big, sizeof(big));
	EXPECT(c, "badarg", "filter", "ab", "getpid", "", (size_t)0);
	EXPECT(c, "badarg", "filter", "b", "", (size_t)0);
	/* Once filter is blocked, so is changing it. */
	memset(own, 0, sizeof(own));
	alcove_filter_add(own, alcove_call_number("filter"));
	ATF_CHECK(own[3] == 8);
	EXPECT(c, "ok", "filter", "bb", own, (size_t)4, "", (size_t)0);
	EXPECT(c, "undef", "filter", "bb", "", (size_t)0, "", (size_t)0);
	T_ERR(ALCOVE_EUNDEF, alcove_filter(T_AT(c), none, 1, none, 1));
}

static void
check_version(struct ctx *c)
{
	char buf[32];

	EXPECT(c, "<<\"1.0.1\">>", "version", "");
	T_OK(alcove_version(T_AT(c), buf, sizeof(buf)));
	ATF_CHECK_STREQ(buf, "1.0.1");
	EXPECT(c, "badarg", "version", "i", 0);
}

/* ---- the *_constant calls ---- */

struct constant {
	const char	*atom;
	const char	*value;	/* "unknown" when the table lacks it */
};

static void
check_constants(struct ctx *c, const char *table, const struct constant *k,
    size_t n)
{
	char call[32];
	uint64_t v;
	size_t i;

	(void)snprintf(call, sizeof(call), "%s_constant", table);

	for (i = 0; i < n; i++)
		EXPECT(c, k[i].value, call, "a", k[i].atom);
	EXPECT(c, "unknown", call, "a", "no_such_constant");
	EXPECT(c, "unknown", call, "a", "");
	EXPECT(c, "badarg", call, "s", k[0].atom);
	EXPECT(c, "badarg", call, "i", 1);
	EXPECT(c, "badarg", call, "n");
	EXPECT(c, "badarg", call, "aa", k[0].atom, k[0].atom);
	T_ERR(ALCOVE_EUNKNOWN, alcove_constant(T_AT(c), table, "no_such", &v));
	for (i = 0; i < n; i++) {
		if (strcmp(k[i].value, "unknown") == 0) {
			T_ERR(ALCOVE_EUNKNOWN, alcove_constant(T_AT(c), table,
			    k[i].atom, &v));
			continue;
		}
		T_OK(alcove_constant(T_AT(c), table, k[i].atom, &v));
		ATF_CHECK_STREQ(t_want("%ju", (uintmax_t)v), k[i].value);
	}
}

static void
check_cap_constant(struct ctx *c)
{
	/* Capsicum is FreeBSD's: the table is empty on Linux. */
	static const struct constant k[] = {
		{ "cap_read", "unknown" },
		{ "CAP_WRITE", "unknown" },
		{ "cap_fcntl_getfl", "unknown" },
		{ "cap_ioctls_all", "unknown" },
	};

	check_constants(c, "cap", k, nitems(k));
}

static void
check_clone_constant(struct ctx *c)
{
	static const struct constant k[] = {
		{ "clone_newns", "131072" },
		{ "clone_newcgroup", "33554432" },
		{ "clone_newuts", "67108864" },
		{ "clone_newipc", "134217728" },
		{ "clone_newuser", "268435456" },
		{ "clone_newpid", "536870912" },
		{ "clone_newnet", "1073741824" },
		{ "CLONE_NEWPID", "536870912" },
		{ "Clone_NewNs", "131072" },
		{ "clone_vm", "unknown" },
	};
	uint64_t ns, pid;

	/* The values are those of a Linux build (with _GNU_SOURCE). */
	t_require_backend("linux");
	check_constants(c, "clone", k, nitems(k));
	T_OK(alcove_constant(T_AT(c), "clone", "clone_newns", &ns));
	T_OK(alcove_constant(T_AT(c), "clone", "clone_newpid", &pid));
	ATF_CHECK_EQ(ns ^ pid, 537001984);
}

static void
check_fcntl_constant(struct ctx *c)
{
	static const struct constant k[] = {
		{ "f_getfd", "1" },
		{ "f_setfd", "2" },
		{ "f_getfl", "3" },
		{ "f_setfl", "4" },
		{ "fd_cloexec", "1" },
		{ "f_setpipe_sz", "1031" },
		{ "F_GETPIPE_SZ", "1032" },
		{ "f_dupfd", "unknown" },
	};

	/* The values are those of a Linux build (with _GNU_SOURCE). */
	t_require_backend("linux");
	check_constants(c, "fcntl", k, nitems(k));
}

static void
check_file_constant(struct ctx *c)
{
	static const struct constant k[] = {
		{ "o_cloexec", "524288" },
		{ "O_CLOEXEC", "524288" },
		{ "o_rdonly", "0" },
		{ "o_RdOnLy", "0" },
		{ "o_wronly", "1" },
		{ "o_rdwr", "2" },
		{ "o_accmode", "3" },
		{ "o_creat", "64" },
		{ "o_excl", "128" },
		{ "o_noctty", "256" },
		{ "o_trunc", "512" },
		{ "o_append", "1024" },
		{ "o_nonblock", "2048" },
		{ "o_ndelay", "2048" },
		{ "o_dsync", "4096" },
		{ "o_nofollow", "131072" },
		{ "o_noatime", "262144" },
		{ "o_sync", "1052672" },
		{ "o_path", "2097152" },
		{ "o_tmpfile", "unknown" },
	};
	char dir[16], direct[16];
	struct constant arch[] = {
		{ "o_directory", dir },
		{ "o_direct", direct },
	};

	/* The values are those of a Linux build (with _GNU_SOURCE). */
	t_require_backend("linux");
	check_constants(c, "file", k, nitems(k));
	/* These two differ between architectures. */
	(void)snprintf(dir, sizeof(dir), "%d", O_DIRECTORY);
	(void)snprintf(direct, sizeof(direct), "%d", O_DIRECT);
	check_constants(c, "file", arch, nitems(arch));
}

static void
check_ioctl_constant(struct ctx *c)
{
	static const struct constant k[] = {
		{ "tiocgwinsz", "21523" },
		{ "TIOCSWINSZ", "21524" },
		{ "fionread", "21531" },
		{ "fionbio", "21537" },
		{ "siocgifflags", "35091" },
		{ "siocsifflags", "35092" },
		{ "siocgifindex", "35123" },
		{ "tunsetiff", "1074025674" },
		{ "tiocnotty", "21538" },
		{ "tiocfoo", "unknown" },
	};

	/* The values are those of a Linux build (with _GNU_SOURCE). */
	t_require_backend("linux");
	check_constants(c, "ioctl", k, nitems(k));
}

static void
check_mount_constant(struct ctx *c)
{
	static const struct constant k[] = {
		{ "ms_rdonly", "1" },
		{ "rdonly", "1" },
		{ "nosuid", "2" },
		{ "ms_nodev", "4" },
		{ "noexec", "8" },
		{ "ms_remount", "32" },
		{ "noatime", "1024" },
		{ "ms_bind", "4096" },
		{ "ms_rec", "16384" },
		{ "ms_private", "262144" },
		{ "MS_MGC_VAL", "3236757504" },
		{ "mnt_force", "1" },
		{ "mnt_detach", "2" },
		{ "mnt_expire", "4" },
		{ "umount_nofollow", "8" },
		{ "ms_optionstr", "unknown" },
	};

	/* The values are those of a Linux build (with _GNU_SOURCE). */
	t_require_backend("linux");
	check_constants(c, "mount", k, nitems(k));
}

static void
check_prctl_constant(struct ctx *c)
{
	static const struct constant k[] = {
		{ "pr_set_pdeathsig", "1" },
		{ "pr_get_dumpable", "3" },
		{ "pr_set_name", "15" },
		{ "pr_get_name", "16" },
		{ "pr_set_seccomp", "22" },
		{ "pr_set_no_new_privs", "38" },
		{ "pr_cap_ambient", "47" },
		{ "seccomp_mode_filter", "2" },
		{ "SECCOMP_RET_ALLOW", "2147418112" },
		{ "pr_foo", "unknown" },
	};

	/* The values are those of a Linux build (with _GNU_SOURCE). */
	t_require_backend("linux");
	check_constants(c, "prctl", k, nitems(k));
}

static void
check_ptrace_constant(struct ctx *c)
{
	static const struct constant k[] = {
		{ "ptrace_traceme", "0" },
		{ "ptrace_peekdata", "2" },
		{ "ptrace_cont", "7" },
		{ "ptrace_attach", "16" },
		{ "ptrace_seize", "16902" },
		{ "ptrace_event_exit", "6" },
		{ "ptrace_o_exitkill", "1048576" },
		{ "PTRACE_O_TRACESYSGOOD", "1" },
		{ "ptrace_foo", "unknown" },
	};

	/* The values are those of a Linux build (with _GNU_SOURCE). */
	t_require_backend("linux");
	check_constants(c, "ptrace", k, nitems(k));
}

static void
check_rlimit_constant(struct ctx *c)
{
	static const struct constant k[] = {
		{ "rlimit_cpu", "0" },
		{ "rlimit_fsize", "1" },
		{ "rlimit_stack", "3" },
		{ "rlimit_core", "4" },
		{ "rlimit_nproc", "6" },
		{ "rlimit_nofile", "7" },
		{ "RLIMIT_NOFILE", "7" },
		{ "rlimit_as", "9" },
		{ "rlimit_rttime", "15" },
		{ "rlimit_nlimits", "16" },
		{ "rlimit_foo", "unknown" },
	};

	/* The values are those of a Linux build (with _GNU_SOURCE). */
	t_require_backend("linux");
	check_constants(c, "rlimit", k, nitems(k));
}

static void
check_seccomp_constant(struct ctx *c)
{
	static const struct constant k[] = {
		{ "seccomp_set_mode_strict", "0" },
		{ "seccomp_set_mode_filter", "1" },
		{ "seccomp_filter_flag_tsync", "1" },
		{ "SECCOMP_SET_MODE_FILTER", "1" },
		{ "seccomp_ret_allow", "unknown" },
	};

	/* The values are those of a Linux build (with _GNU_SOURCE). */
	t_require_backend("linux");
	check_constants(c, "seccomp", k, nitems(k));
}

static void
check_signal_constant(struct ctx *c)
{
	static const struct constant k[] = {
		{ "sighup", "1" },
		{ "sigint", "2" },
		{ "sigabrt", "6" },
		{ "sigiot", "6" },
		{ "sigkill", "9" },
		{ "sigusr1", "10" },
		{ "sigsegv", "11" },
		{ "sigpipe", "13" },
		{ "sigterm", "15" },
		{ "SIGCHLD", "17" },
		{ "sigcont", "18" },
		{ "sigstop", "19" },
		{ "sigio", "29" },
		{ "sigpoll", "29" },
		{ "sigsys", "31" },
		{ "siglost", "unknown" },
		{ "sigemt", "unknown" },
		{ "sigrtmin", "unknown" },
	};

	/* The values are those of a Linux build (with _GNU_SOURCE). */
	t_require_backend("linux");
	check_constants(c, "signal", k, nitems(k));
}

static void
check_syscall_constant(struct ctx *c)
{
	static const struct constant k[] = {
		{ "audit_arch_x86_64", "3221225534" },
		{ "AUDIT_ARCH_AARCH64", "3221225655" },
		{ "audit_arch_i386", "1073741827" },
		/* Newer than upstream's list. */
		{ "sys_seccomp", "unknown" },
		{ "sys_foo", "unknown" },
	};
	char getpid_nr[16], exit_nr[16], setns_nr[16];
	struct constant arch[] = {
		{ "sys_getpid", getpid_nr },
		{ "SYS_EXIT", exit_nr },
		{ "sys_setns", setns_nr },
	};

	/* The values are those of a Linux build (with _GNU_SOURCE). */
	t_require_backend("linux");
	check_constants(c, "syscall", k, nitems(k));
	/* System call numbers are the architecture's. */
	(void)snprintf(getpid_nr, sizeof(getpid_nr), "%d", SYS_getpid);
	(void)snprintf(exit_nr, sizeof(exit_nr), "%d", SYS_exit);
	(void)snprintf(setns_nr, sizeof(setns_nr), "%d", SYS_setns);
	check_constants(c, "syscall", arch, nitems(arch));
}

/* ---- test cases ---- */

/* A test case that runs check_NAME at depth 0 and at depth 2. */
#define BOTH_TC(name, text)						\
ATF_TC(name);								\
ATF_TC_HEAD(name, tc)							\
{									\
	atf_tc_set_md_var(tc, "descr", text);				\
}									\
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

/*
 * The same for a check that only holds for a port run directly: under a
 * port wrapper the test case is skipped, saying why, before anything is
 * checked (a skip after a failed check would hide the failure).
 */
#define BOTH_TC_DIRECT(name, why, text)					\
ATF_TC(name);								\
ATF_TC_HEAD(name, tc)							\
{									\
	atf_tc_set_md_var(tc, "descr", text);				\
}									\
ATF_TC_BODY(name, tc)							\
{									\
	if (t_wrapped(tc))						\
		atf_tc_skip("under a port wrapper %s", why);		\
	run_both(tc, check_##name);					\
}

/* A check that replaces the process: at one depth only. */
#define DEPTH_TC(name, check, depth, text)				\
ATF_TC(name);								\
ATF_TC_HEAD(name, tc)							\
{									\
	atf_tc_set_md_var(tc, "descr", text);				\
}									\
ATF_TC_BODY(name, tc)							\
{									\
	run_at(tc, depth, check);					\
}

BOTH_TC(fork, "fork replies {ok, Pid} for a new alcove process, and "
    "{error, eagain} at maxforkdepth or without a free slot")
DEPTH_TC(execvp, check_execvp, 2, "execvp at depth 2: errors reply "
    "exactly and leave the process usable; success replies nothing, then "
    "the program's output and exit status arrive")
DEPTH_TC(execvp_root, check_execvp, 0, "execvp in the port itself: "
    "errors reply exactly; /bin/echo then writes the port's raw stdout and "
    "alcove_stop returns its exit status")
DEPTH_TC(execve, check_execve, 2, "execve at depth 2 runs /usr/bin/env "
    "with exactly the environment given")
DEPTH_TC(execve_stdin, check_execve_stdin, 2, "execve at depth 2 of a "
    "shell that reads stdin data, then exits 3")
DEPTH_TC(execve_root, check_execve_stdin, 0, "execve in the port itself: "
    "stdin data reaches the program, its output is the port's, alcove_stop "
    "returns its status 3")
DEPTH_TC(exit, check_exit, 2, "exit at depth 2 (and at depth 3) is "
    "reported as fdctl_closed and {exit_status, Status band 255}")
DEPTH_TC(exit_root, check_exit, 0, "exit in the port itself (and in a "
    "child) ends it with that status band 255")
BOTH_TC(kill, "kill delivers signals by number or by atom in any case; "
    "esrch, einval, enotsup and badarg errors")
BOTH_TC(waitpid, "waitpid reports exit, kill, stop and continue with the "
    "raw status and info, and a reaped child leaves cpid with no event")
BOTH_TC(getpid, "getpid replies the process's own pid as an integer")
BOTH_TC(getpgrp, "getpgrp replies the process group as an integer")
BOTH_TC(getsid, "getsid replies {ok, Sid} or {error, esrch}")
BOTH_TC(setsid, "setsid makes a new session once, then replies "
    "{error, eperm}")
BOTH_TC(setpgid, "setpgid moves a child between process groups; esrch, "
    "einval and eperm errors")
BOTH_TC(getcwd, "getcwd replies {ok, Path}, and {error, enoent} once the "
    "directory is removed")
BOTH_TC(chdir, "chdir accepts any non-empty iolist path up to "
    "PATH_MAX - 1 bytes; enoent, enotdir and badarg errors")
BOTH_TC_ROOT(chroot, "chroot in a child confines it; errors, and eperm "
    "without root")
BOTH_TC(environ, "environ replies NAME=value binaries in order, "
    "{error, e2big} when they do not fit")
BOTH_TC(getenv, "getenv replies the value as a binary or false")
BOTH_TC(setenv, "setenv honours overwrite, takes iolist values and "
    "rejects a name with '=' with {error, einval}")
BOTH_TC(unsetenv, "unsetenv removes a variable; einval and badarg errors")
BOTH_TC(clearenv, "clearenv empties the environment")
BOTH_TC(getuid, "getuid replies the real user id as an integer")
BOTH_TC(getgid, "getgid replies the real group id as an integer")
BOTH_TC_ROOT(setuid, "setuid in a child drops root for good; eperm, "
    "einval and badarg errors")
BOTH_TC_ROOT(setgid, "setgid in a child changes all group ids; eperm, "
    "einval and badarg errors")
BOTH_TC_ROOT(getgroups, "getgroups replies the supplementary groups in "
    "the kernel's order")
BOTH_TC_ROOT(setgroups, "setgroups takes [], a string (every byte, "
    "unsigned) or a list of UInt32; eperm without root")
BOTH_TC_ROOT(getresuid, "getresuid replies {ok, Ruid, Euid, Suid}")
BOTH_TC_ROOT(getresgid, "getresgid replies {ok, Rgid, Egid, Sgid}")
BOTH_TC_ROOT(setresuid, "setresuid sets the three user ids, -1 keeping "
    "one; eperm once root is gone")
BOTH_TC_ROOT(setresgid, "setresgid sets the three group ids; eperm "
    "without root")
BOTH_TC_ROOT(getrlimit, "getrlimit replies {ok, {alcove_rlimit, Cur, Max}} "
    "with RLIM_INFINITY as 2^64 - 1")
BOTH_TC(setrlimit, "setrlimit takes the record as a small or large tuple "
    "and lowers maxchild with rlimit_nofile")
BOTH_TC_DIRECT(setrlimit_hard, "(valgrind) the hard limit of rlimit_nofile "
    "cannot be changed", "setrlimit lowers the hard limit of rlimit_nofile, "
    "the record a large tuple, and maxchild follows")
BOTH_TC(getpriority, "getpriority with prio_process and who 0 replies "
    "{ok, Prio}")
BOTH_TC_ROOT(setpriority, "setpriority raises the nice value freely, "
    "lowers it only as root")
BOTH_TC(open, "open takes flags as a list, an integer or a string, never "
    "a bare atom; exact errors")
DEPTH_TC(open_cloexec, check_open_cloexec, 2, "open [o_rdonly, o_cloexec] "
    "at depth 2: the descriptor is gone in an exec'd program, the others "
    "stay")
DEPTH_TC(open_cloexec_root, check_open_cloexec, 0, "open [o_rdonly, "
    "o_cloexec] in the port: the descriptor is gone in an exec'd program")
BOTH_TC(close, "close replies ok, then {error, ebadf}; closing a child's "
    "stdin marks it -1 in cpid")
BOTH_TC(read, "read clamps its count to what one reply holds at the "
    "depth, and replies {ok, <<>>} at end of file")
BOTH_TC(write, "write takes an iolist and replies {ok, Written}")
BOTH_TC(lseek, "lseek replies ok and moves the offset; einval, espipe, "
    "ebadf and badarg errors")
BOTH_TC(mkdir, "mkdir creates a directory with the mode less the umask")
BOTH_TC(rmdir, "rmdir removes an empty directory; enotempty, enoent, "
    "enotdir, einval errors")
BOTH_TC(unlink, "unlink removes a file; enoent and eisdir errors")
BOTH_TC(symlink, "symlink creates a symbolic link to the target as given")
BOTH_TC(link, "link creates a hard link; eexist, enoent and eperm errors")
BOTH_TC(chmod, "chmod sets the mode bits exactly")
BOTH_TC_ROOT(chown, "chown sets owner and group, -1 keeping them; eperm "
    "without root")
BOTH_TC(mkfifo, "mkfifo creates a FIFO with the mode less the umask")
BOTH_TC(readdir, "readdir lists every entry in directory order, "
    "{error, e2big} when they do not fit")
BOTH_TC(gethostname, "gethostname replies {ok, Name}")
BOTH_TC(sigaction, "sigaction queries and sets dispositions; sigkill "
    "cannot change, sigchld switches the reaping mode")
BOTH_TC(setproctitle, "setproctitle replies ok for a string, an iolist, "
    "the typed call and an empty title; badarg for an atom or an integer")
BOTH_TC_DIRECT(setproctitle_cmdline, "(valgrind) /proc/PID/cmdline shows the "
    "wrapper's command line", "setproctitle sets /proc/PID/cmdline of the "
    "process to exactly the title; an empty one restores the program name")
BOTH_TC(iolist_to_bin, "iolist_to_bin flattens iolists nested up to 16 "
    "levels")
BOTH_TC(errno_id, "errno_id names every Linux errno as alcove-protocol(5), "
    "Errno atoms, says")
BOTH_TC(cpid, "cpid lists the children in slot order with their real "
    "descriptors")
BOTH_TC(setcpid, "setcpid sets a child's flowcontrol and signaloneof as "
    "alcove-protocol(5), Per-child options, says")
BOTH_TC(getopt, "getopt replies every option's default, false for "
    "unknown names")
BOTH_TC(setopt, "setopt follows alcove-protocol(5), OPTIONS: caps, "
    "negative values, unknown names and maxchild against the children")
BOTH_TC(filter, "filter blocks calls with undef in the process and, "
    "through the subprocess filter, in new children")
BOTH_TC(version, "version replies <<\"1.0.1\">>")
BOTH_TC(cap_constant, "cap_constant is unknown for every name on Linux")
BOTH_TC(clone_constant, "clone_constant replies the CLONE_NEW* values")
BOTH_TC(fcntl_constant, "fcntl_constant replies the fcntl values")
BOTH_TC(file_constant, "file_constant replies the O_* values, "
    "o_cloexec = 524288")
BOTH_TC(ioctl_constant, "ioctl_constant replies the request values")
BOTH_TC(mount_constant, "mount_constant replies MS_* and MNT_* values and "
    "the aliases")
BOTH_TC(prctl_constant, "prctl_constant replies the PR_* and seccomp "
    "values")
BOTH_TC(ptrace_constant, "ptrace_constant replies the PTRACE_* values")
BOTH_TC(rlimit_constant, "rlimit_constant replies the RLIMIT_* values")
BOTH_TC(seccomp_constant, "seccomp_constant replies the SECCOMP_* values")
BOTH_TC(signal_constant, "signal_constant replies the signal numbers")
BOTH_TC(syscall_constant, "syscall_constant replies SYS_* and "
    "AUDIT_ARCH_* values as unsigned integers")


ATF_TC(stop_deadline);
ATF_TC_HEAD(stop_deadline, tc)
{
	atf_tc_set_md_var(tc, "descr", "alcove_stop kills a port that has "
	    "become a program writing without end: ALCOVE_ETIMEDOUT and "
	    "SIGKILL within its 10 s deadline, not a read loop forever");
	atf_tc_set_md_var(tc, "timeout", "60");
}
ATF_TC_BODY(stop_deadline, tc)
{
	char *argv[] = { "yes", NULL };
	struct timespec t0, t1;
	struct alcove *h;
	int status = 0;
	double secs;

	h = t_start(tc);
	T_OK(alcove_execvp(h, NULL, 0, "yes", argv));
	ATF_REQUIRE(clock_gettime(CLOCK_MONOTONIC, &t0) == 0);
	ATF_CHECK_EQ(alcove_stop(h, &status), ALCOVE_ETIMEDOUT);
	ATF_REQUIRE(clock_gettime(CLOCK_MONOTONIC, &t1) == 0);
	ATF_CHECK_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	    "status %#x", status);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	/* 10 s, and some slack for a loaded machine. */
	ATF_CHECK_MSG(secs >= 9.9 && secs < 20, "alcove_stop took %.1f s",
	    secs);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, stop_deadline);
	ATF_TP_ADD_TC(tp, fork);
	ATF_TP_ADD_TC(tp, execvp);
	ATF_TP_ADD_TC(tp, execvp_root);
	ATF_TP_ADD_TC(tp, execve);
	ATF_TP_ADD_TC(tp, execve_stdin);
	ATF_TP_ADD_TC(tp, execve_root);
	ATF_TP_ADD_TC(tp, exit);
	ATF_TP_ADD_TC(tp, exit_root);
	ATF_TP_ADD_TC(tp, kill);
	ATF_TP_ADD_TC(tp, waitpid);
	ATF_TP_ADD_TC(tp, getpid);
	ATF_TP_ADD_TC(tp, getpgrp);
	ATF_TP_ADD_TC(tp, getsid);
	ATF_TP_ADD_TC(tp, setsid);
	ATF_TP_ADD_TC(tp, setpgid);
	ATF_TP_ADD_TC(tp, getcwd);
	ATF_TP_ADD_TC(tp, chdir);
	ATF_TP_ADD_TC(tp, chroot);
	ATF_TP_ADD_TC(tp, environ);
	ATF_TP_ADD_TC(tp, getenv);
	ATF_TP_ADD_TC(tp, setenv);
	ATF_TP_ADD_TC(tp, unsetenv);
	ATF_TP_ADD_TC(tp, clearenv);
	ATF_TP_ADD_TC(tp, getuid);
	ATF_TP_ADD_TC(tp, getgid);
	ATF_TP_ADD_TC(tp, setuid);
	ATF_TP_ADD_TC(tp, setgid);
	ATF_TP_ADD_TC(tp, getgroups);
	ATF_TP_ADD_TC(tp, setgroups);
	ATF_TP_ADD_TC(tp, getresuid);
	ATF_TP_ADD_TC(tp, getresgid);
	ATF_TP_ADD_TC(tp, setresuid);
	ATF_TP_ADD_TC(tp, setresgid);
	ATF_TP_ADD_TC(tp, getrlimit);
	ATF_TP_ADD_TC(tp, setrlimit);
	ATF_TP_ADD_TC(tp, setrlimit_hard);
	ATF_TP_ADD_TC(tp, getpriority);
	ATF_TP_ADD_TC(tp, setpriority);
	ATF_TP_ADD_TC(tp, open);
	ATF_TP_ADD_TC(tp, open_cloexec);
	ATF_TP_ADD_TC(tp, open_cloexec_root);
	ATF_TP_ADD_TC(tp, close);
	ATF_TP_ADD_TC(tp, read);
	ATF_TP_ADD_TC(tp, write);
	ATF_TP_ADD_TC(tp, lseek);
	ATF_TP_ADD_TC(tp, mkdir);
	ATF_TP_ADD_TC(tp, rmdir);
	ATF_TP_ADD_TC(tp, unlink);
	ATF_TP_ADD_TC(tp, symlink);
	ATF_TP_ADD_TC(tp, link);
	ATF_TP_ADD_TC(tp, chmod);
	ATF_TP_ADD_TC(tp, chown);
	ATF_TP_ADD_TC(tp, mkfifo);
	ATF_TP_ADD_TC(tp, readdir);
	ATF_TP_ADD_TC(tp, gethostname);
	ATF_TP_ADD_TC(tp, sigaction);
	ATF_TP_ADD_TC(tp, setproctitle);
	ATF_TP_ADD_TC(tp, setproctitle_cmdline);
	ATF_TP_ADD_TC(tp, iolist_to_bin);
	ATF_TP_ADD_TC(tp, errno_id);
	ATF_TP_ADD_TC(tp, cpid);
	ATF_TP_ADD_TC(tp, setcpid);
	ATF_TP_ADD_TC(tp, getopt);
	ATF_TP_ADD_TC(tp, setopt);
	ATF_TP_ADD_TC(tp, filter);
	ATF_TP_ADD_TC(tp, version);
	ATF_TP_ADD_TC(tp, cap_constant);
	ATF_TP_ADD_TC(tp, clone_constant);
	ATF_TP_ADD_TC(tp, fcntl_constant);
	ATF_TP_ADD_TC(tp, file_constant);
	ATF_TP_ADD_TC(tp, ioctl_constant);
	ATF_TP_ADD_TC(tp, mount_constant);
	ATF_TP_ADD_TC(tp, prctl_constant);
	ATF_TP_ADD_TC(tp, ptrace_constant);
	ATF_TP_ADD_TC(tp, rlimit_constant);
	ATF_TP_ADD_TC(tp, seccomp_constant);
	ATF_TP_ADD_TC(tp, signal_constant);
	ATF_TP_ADD_TC(tp, syscall_constant);
	return atf_no_error();
}
