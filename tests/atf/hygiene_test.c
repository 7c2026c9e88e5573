/*
 * Descriptor hygiene: a program exec'd anywhere in the tree holds only 0,
 * 1, 2 and what the client deliberately left open, and no descriptor of
 * the host program or of libalcove reaches the port or its children.
 * Checked with fcntl(F_GETFD) over the descriptor range, not /proc, so
 * that every system keeps the check.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"

/*
 * This program, re-exec'd with SCAN_ENV set in its environment, prints its
 * open descriptors instead of running test cases.
 */
#define SCAN_ENV	"ALCOVE_TEST_FD_SCAN"

/* Descriptors the host program opens before it starts the port. */
#define HOST_FD_FIRST	40
#define HOST_FD_COUNT	4

/* The deepest chain the tests walk. */
#define DEPTH_MAX	8

static char self[PATH_MAX];

/* An alcove process: the port (n = 0) or one n levels below it. */
struct node {
	struct alcove	*h;
	pid_t		 path[DEPTH_MAX];
	size_t		 n;
};

/* Print every open descriptor as "N " on stdout, then a newline. */
static int
scan_fds(void)
{
	char line[8192];
	size_t len = 0;
	int fd, max, k;

	max = getdtablesize();
	for (fd = 0; fd < max; fd++) {
		if (fcntl(fd, F_GETFD) == -1)
			continue;
		k = snprintf(line + len, sizeof(line) - len, "%d ", fd);
		if (k < 0 || (size_t)k >= sizeof(line) - len)
			return 1;
		len += (size_t)k;
	}
	line[len++] = '\n';
	return write(STDOUT_FILENO, line, len) == (ssize_t)len ? 0 : 1;
}

/* Open HOST_FD_COUNT descriptors from HOST_FD_FIRST, inheritable. */
static void
open_host_fds(void)
{
	int fd, i;

	for (i = 0; i < HOST_FD_COUNT; i++) {
		ATF_REQUIRE((fd = open("/dev/null", O_RDONLY)) != -1);
		ATF_REQUIRE(dup2(fd, HOST_FD_FIRST + i) == HOST_FD_FIRST + i);
		ATF_REQUIRE(close(fd) == 0);
		ATF_REQUIRE(fcntl(HOST_FD_FIRST + i, F_GETFD) == 0);
	}
}

/*
 * The open descriptors of process p below 64, as "N N ... \n", kept; a
 * close-on-exec one above 5 is written "Nc".
 */
static const char *
alcove_fds(const struct node *p)
{
	char line[512];
	size_t len = 0;
	int64_t flags;
	int fd, err;

	for (fd = 0; fd < 64; fd++) {
		err = alcove_fcntl(T_AT(p), fd, "f_getfd", 0, &flags);
		if (err == EBADF)
			continue;
		T_OK(err);
		len += (size_t)snprintf(line + len, sizeof(line) - len, "%d%s ",
		    fd, fd > 5 && (flags & FD_CLOEXEC) ? "c" : "");
	}
	line[len] = '\0';
	return t_want("%s\n", line);
}

/*
 * The descriptors a process with one child holds: its own 0 to 5, then
 * the child's stdin, stdout, stderr and control socket, all close-on-exec
 * (the lowest numbers free when the child was forked).
 */
static void
expect_parent_fds(const struct node *p)
{
	struct alcove_pid *pids;
	size_t npids;
	const char *got;
	int fds[4], fd, k, n;

	T_OK(alcove_cpid(T_AT(p), &pids, &npids));
	ATF_REQUIRE_EQ(npids, 1);
	fds[0] = pids[0].fdctl;
	fds[1] = pids[0].fdin;
	fds[2] = pids[0].fdout;
	fds[3] = pids[0].fderr;
	free(pids);
	got = alcove_fds(p);
	ATF_CHECK_MSG(strncmp(got, "0 1 2 3 4 5 ", 12) == 0, "%s", got);
	for (k = 0; k < 4; k++)
		ATF_CHECK_MSG(strstr(got, t_want(" %dc ", fds[k])) != NULL,
		    "the child's descriptor %d is not in %s", fds[k], got);
	for (n = 0, got += 12; sscanf(got, "%d%n", &fd, &k) == 1; got += k) {
		ATF_CHECK_MSG(fd < HOST_FD_FIRST, "%d is open", fd);
		ATF_CHECK_MSG(got[k] == 'c', "%d is not close-on-exec", fd);
		got += got[k] == 'c';
		n++;
	}
	ATF_CHECK_EQ(n, 4);
}

/* Exec this program as a scanner in p; what it printed, and its status. */
static const char *
exec_scan(const struct node *p)
{
	char *argv[] = { self, NULL };
	char *envp[] = { SCAN_ENV "=1", NULL };
	unsigned char *out;
	size_t len;
	int status;

	if (self[0] != '/')
		atf_tc_skip("the test program's own path is unknown");
	T_OK(alcove_execve(T_AT(p), self, argv, envp));
	status = t_collect(T_AT(p), &out, &len);
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "scanner status 0x%x", status);
	ATF_REQUIRE((out = realloc(out, len + 1)) != NULL);
	out[len] = '\0';
	return t_keep((char *)out);
}

/* Start the port with a chain of depth alcove processes below it. */
static void
chain(const atf_tc_t *tc, struct node *c, size_t depth)
{
	c->h = t_start(tc);
	c->n = 0;
	t_fork_chain(c->h, c->path, 0, depth);
	c->n = depth;
}

static void
exec_clean_at(const atf_tc_t *tc, size_t depth)
{
	struct node c;

	open_host_fds();
	chain(tc, &c, depth);
	ATF_CHECK_STREQ(exec_scan(&c), "0 1 2 \n");
	t_stop(c.h);
}

T_TC(exec_depth1, "an exec'd program at depth 1 holds only 0, 1 and 2");
ATF_TC_BODY(exec_depth1, tc)
{
	exec_clean_at(tc, 1);
}

T_TC(exec_depth8, "an exec'd program at depth 8 holds only 0, 1 and 2");
ATF_TC_BODY(exec_depth8, tc)
{
	exec_clean_at(tc, DEPTH_MAX);
}

static void
exec_passed_at(const atf_tc_t *tc, size_t depth)
{
	struct node c;
	int fd;

	open_host_fds();
	chain(tc, &c, depth);
	/* Opened without O_CLOEXEC: the client means the program to have it. */
	T_OK(alcove_open(T_AT(&c), "/dev/null", O_RDONLY, 0, &fd));
	ATF_REQUIRE_MSG(fd > 5, "open returned %d", fd);
	ATF_CHECK_STREQ(exec_scan(&c), t_want("0 1 2 %d \n", fd));
	t_stop(c.h);
}

T_TC(passed_depth1, "an exec'd program at depth 1 keeps the descriptor "
    "its client opened for it without close-on-exec");
ATF_TC_BODY(passed_depth1, tc)
{
	exec_passed_at(tc, 1);
}

T_TC(passed_depth8, "an exec'd program at depth 8 keeps the descriptor "
    "its client opened for it without close-on-exec");
ATF_TC_BODY(passed_depth8, tc)
{
	exec_passed_at(tc, DEPTH_MAX);
}

T_TC(port_fds, "the port and its forked children hold 0 to 5 only: "
    "none of the host program's or the library's descriptors");
ATF_TC_BODY(port_fds, tc)
{
	struct node c;

	open_host_fds();
	chain(tc, &c, DEPTH_MAX);
	ATF_CHECK_STREQ(alcove_fds(&c), "0 1 2 3 4 5 \n");
	while (c.n-- > 0)
		expect_parent_fds(&c);
	t_stop(c.h);
}

T_TC(scan_sees, "the scanner sees a descriptor it inherits (the check "
    "can fail)");
ATF_TC_BODY(scan_sees, tc)
{
	char *argv[] = { self, NULL };
	char *envp[] = { SCAN_ENV "=1", NULL };
	char buf[256];
	ssize_t n;
	size_t len = 0;
	int out[2], status, fd;
	pid_t pid;

	(void)tc;
	if (self[0] != '/')
		atf_tc_skip("the test program's own path is unknown");
	open_host_fds();
	ATF_REQUIRE(pipe(out) == 0);
	ATF_REQUIRE((pid = fork()) != -1);
	if (pid == 0) {
		if (dup2(out[1], STDOUT_FILENO) == -1)
			_exit(127);
		(void)close(out[0]);
		(void)close(out[1]);
		for (fd = 3; fd < getdtablesize(); fd++)
			if (fd != HOST_FD_FIRST)
				(void)close(fd);
		execve(self, argv, envp);
		_exit(127);
	}
	ATF_REQUIRE(close(out[1]) == 0);
	while ((n = read(out[0], buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	ATF_REQUIRE(waitpid(pid, &status, 0) == pid);
	ATF_CHECK_EQ(status, 0);
	ATF_CHECK_STREQ(buf, t_want("0 1 2 %d \n", HOST_FD_FIRST));
}

int	atf_tp_main(int, char **, atf_error_t (*)(atf_tp_t *));

static atf_error_t
add_tcs(atf_tp_t *tp)
{
	ATF_TP_ADD_TC(tp, exec_depth1);
	ATF_TP_ADD_TC(tp, exec_depth8);
	ATF_TP_ADD_TC(tp, passed_depth1);
	ATF_TP_ADD_TC(tp, passed_depth8);
	ATF_TP_ADD_TC(tp, port_fds);
	ATF_TP_ADD_TC(tp, scan_sees);
	return atf_no_error();
}

int
main(int argc, char **argv)
{
	if (getenv(SCAN_ENV) != NULL)
		return scan_fds();
	if (realpath(argv[0], self) == NULL)
		self[0] = '\0';
	return atf_tp_main(argc, argv, add_tcs);
}
