/*
 * The typed descriptor, socket, exec and BSD-only calls of libalcove
 * (fcntl, socket, connect, select, fexecve, iolist_to_bin, cap_*, pledge,
 * unveil, jail_attach, jail_remove), each in the port itself (depth 0)
 * and in a grandchild (depth 2), with exact results.  The calls this
 * system lacks are also checked on the wire: the port answers them
 * unsupported without decoding their arguments, so the test reads the
 * bytes the library sent.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proto/calls.h"
#include "testlib.h"

#ifndef nitems
#define nitems(a)	(sizeof(a) / sizeof((a)[0]))
#endif

/* A descriptor no process has open: above any descriptor limit here. */
#define NO_FD		1000000

/* A pid no process has: above every possible pid_max. */
#define NO_PID		INT32_MAX

typedef void	check_fn(const atf_tc_t *, struct t_proc *);

/* The check in the port itself, then in a grandchild of a new port. */
static void
run_both(const atf_tc_t *tc, check_fn *check)
{
	struct t_proc root, child, grandchild;

	t_proc_root(&root, tc);
	check(tc, &root);
	t_stop(root.h);

	t_proc_root(&root, tc);
	t_proc_fork(&root, &child);
	t_proc_fork(&child, &grandchild);
	check(tc, &grandchild);
	t_stop(root.h);
}

static pid_t
proc_pid(const struct t_proc *p)
{
	pid_t pid = -1;

	T_OK(alcove_getpid(T_AT(p), &pid));
	return pid;
}

/*
 * Is the descriptor close-on-exec, as the kernel shows it to the test
 * (/proc/PID/fdinfo)?  -1 where the system has no such file.
 */
static int
fdinfo_cloexec(pid_t pid, int fd)
{
	char buf[1024], *p;
	unsigned long flags;

	if (access("/proc/self/fdinfo", R_OK) == -1)
		return -1;
	(void)t_slurp(t_want("/proc/%d/fdinfo/%d", (int)pid, fd), buf,
	    sizeof(buf));
	ATF_REQUIRE_MSG((p = strstr(buf, "flags:")) != NULL,
	    "no flags in fdinfo of %d/%d: %s", (int)pid, fd, buf);
	flags = strtoul(p + strlen("flags:"), NULL, 8);
	return (flags & O_CLOEXEC) != 0;
}

/* Does the test (and so the port) run on a Linux kernel? */
static int
host_is_linux(void)
{
	struct utsname u;

	ATF_REQUIRE(uname(&u) == 0);
	return strcmp(u.sysname, "Linux") == 0;
}

/* ---- fcntl ---- */

static void
check_fcntl(const atf_tc_t *tc, struct t_proc *p)
{
	const char *file = t_here("fcntl.txt");
	pid_t pid = proc_pid(p);
	char cmd[32];
	int64_t r;
	int fd;

	(void)tc;
	t_write_file(file, "x", 1);
	T_OK(alcove_open(T_AT(p), file, O_RDONLY, 0, &fd));

	r = -1;
	T_OK(alcove_fcntl(T_AT(p), fd, "f_getfd", 0, &r));
	ATF_CHECK_EQ(r, 0);
	if (fdinfo_cloexec(pid, fd) != -1)
		ATF_CHECK_EQ(fdinfo_cloexec(pid, fd), 0);

	r = -1;
	T_OK(alcove_fcntl(T_AT(p), fd, "f_setfd", FD_CLOEXEC, &r));
	ATF_CHECK_EQ(r, 0);
	/* Names are case-insensitive; the result is optional. */
	T_OK(alcove_fcntl(T_AT(p), fd, "F_GETFD", 0, &r));
	ATF_CHECK_EQ(r, FD_CLOEXEC);
	if (fdinfo_cloexec(pid, fd) != -1)
		ATF_CHECK_EQ(fdinfo_cloexec(pid, fd), 1);

	/* A command by number: what this system's F_SETFD is. */
	(void)snprintf(cmd, sizeof(cmd), "%d", F_SETFD);
	T_OK(alcove_fcntl(T_AT(p), fd, cmd, 0, NULL));
	T_OK(alcove_fcntl(T_AT(p), fd, "f_getfd", 0, &r));
	ATF_CHECK_EQ(r, 0);
	if (fdinfo_cloexec(pid, fd) != -1)
		ATF_CHECK_EQ(fdinfo_cloexec(pid, fd), 0);

	/* The port's errors, then the library's own. */
	T_ERR(ENOTSUP, alcove_fcntl(T_AT(p), fd, "f_nosuch", 0, &r));
	T_ERR(EBADF, alcove_fcntl(T_AT(p), NO_FD, "f_getfd", 0, &r));
	T_ERR(ALCOVE_EINVAL, alcove_fcntl(T_AT(p), fd, NULL, 0, &r));
	T_ERR(ALCOVE_EINVAL, alcove_fcntl(T_AT(p), fd, "", 0, &r));
	T_ERR(ALCOVE_EINVAL, alcove_fcntl(T_AT(p), fd, " | ", 0, &r));
	T_ERR(ALCOVE_EINVAL, alcove_fcntl(T_AT(p), fd, "f_getfd|f_setfd", 0,
	    &r));
	T_ERR(ALCOVE_EINVAL, alcove_fcntl(T_AT(p), fd, "f-getfd", 0, &r));
	T_ERR(ALCOVE_EINVAL, alcove_fcntl(T_AT(p), fd, "1x", 0, &r));

	T_OK(alcove_close(T_AT(p), fd));
	T_ERR(EBADF, alcove_fcntl(T_AT(p), fd, "f_getfd", 0, &r));
	ATF_CHECK(unlink(file) == 0);
}

T_TC(fcntl, "fcntl f_getfd/f_setfd by name and by number on a descriptor "
    "opened through the port, as the kernel shows it; enotsup, ebadf and "
    "the library's einval for a missing or composite command")
ATF_TC_BODY(fcntl, tc)
{
	run_both(tc, check_fcntl);
}

/* ---- socket, connect, select ---- */

/* A listening AF_UNIX socket of the test's and its address. */
struct listener {
	int			fd;
	struct sockaddr_un	sun;
};

static void
listen_unix(struct listener *l, const char *name)
{
	const char *file = t_here(name);

	memset(&l->sun, 0, sizeof(l->sun));
	l->sun.sun_family = AF_UNIX;
	if (strlen(file) >= sizeof(l->sun.sun_path))
		atf_tc_skip("the working directory is too long for a unix "
		    "socket address: %s", file);
	(void)strcpy(l->sun.sun_path, file);
	(void)unlink(file);
	ATF_REQUIRE((l->fd = socket(AF_UNIX, SOCK_STREAM, 0)) != -1);
	ATF_REQUIRE(fcntl(l->fd, F_SETFD, FD_CLOEXEC) == 0);
	ATF_REQUIRE(bind(l->fd, (struct sockaddr *)&l->sun,
	    sizeof(l->sun)) == 0);
	ATF_REQUIRE(listen(l->fd, 4) == 0);
}

static void
listener_close(struct listener *l)
{
	ATF_CHECK(close(l->fd) == 0);
	ATF_CHECK(unlink(l->sun.sun_path) == 0);
}

/* The process at p connected to l: its descriptor; *peer the test's. */
static int
connect_unix(struct t_proc *p, struct listener *l, int *peer)
{
	int fd = -1;

	T_OK(alcove_socket(T_AT(p), "af_unix", "sock_stream", 0, &fd));
	ATF_REQUIRE(fd >= 0);
	T_OK(alcove_connect(T_AT(p), fd, &l->sun, sizeof(l->sun)));
	ATF_REQUIRE((*peer = accept(l->fd, NULL, NULL)) != -1);
	return fd;
}

static void
check_socket(const atf_tc_t *tc, struct t_proc *p)
{
	struct listener l;
	struct sockaddr_un nowhere;
	unsigned char big[129];
	char buf[16], type[32];
	pid_t pid = proc_pid(p);
	int64_t r;
	int fd, fd2, peer;
	size_t n;

	listen_unix(&l, "connect.sock");
	fd = connect_unix(p, &l, &peer);
#ifdef SO_PEERCRED
	{
		struct ucred cred;
		socklen_t len = sizeof(cred);

		/* The process at p is the one that connected. */
		ATF_REQUIRE(getsockopt(peer, SOL_SOCKET, SO_PEERCRED, &cred,
		    &len) == 0);
		ATF_CHECK_EQ(cred.pid, pid);
	}
#endif
	/* Without a type flag the socket is inherited across exec. */
	T_OK(alcove_fcntl(T_AT(p), fd, "f_getfd", 0, &r));
	ATF_CHECK_EQ(r, 0);
	T_OK(alcove_write(T_AT(p), fd, "ping", 4, &n));
	ATF_CHECK_EQ(n, 4);
	ATF_REQUIRE_EQ(read(peer, buf, sizeof(buf)), 4);
	ATF_CHECK(memcmp(buf, "ping", 4) == 0);
	T_ERR(EISCONN, alcove_connect(T_AT(p), fd, &l.sun, sizeof(l.sun)));
	ATF_CHECK(close(peer) == 0);
	T_OK(alcove_close(T_AT(p), fd));

	/* A type with flags goes as a number, the port's own value. */
#ifdef SOCK_CLOEXEC
	(void)snprintf(type, sizeof(type), "%d", SOCK_STREAM | SOCK_CLOEXEC);
	T_OK(alcove_socket(T_AT(p), "AF_UNIX", type, 0, &fd));
	T_OK(alcove_fcntl(T_AT(p), fd, "f_getfd", 0, &r));
	ATF_CHECK_EQ(r, FD_CLOEXEC);
	if (fdinfo_cloexec(pid, fd) != -1)
		ATF_CHECK_EQ(fdinfo_cloexec(pid, fd), 1);
	T_OK(alcove_close(T_AT(p), fd));
#else
	(void)type;
#endif

	T_OK(alcove_socket(T_AT(p), "af_unix", "sock_stream", 0, &fd));
	/* The port's errors (the kernel's answer to a NULL address)... */
	if (host_is_linux())
		T_ERR(EINVAL, alcove_connect(T_AT(p), fd, NULL, 0));
	else
		ATF_CHECK(alcove_connect(T_AT(p), fd, NULL, 0) > 0);
	memset(&nowhere, 0, sizeof(nowhere));
	nowhere.sun_family = AF_UNIX;
	(void)strcpy(nowhere.sun_path, "/nonexistent/alcove-test.sock");
	T_ERR(ENOENT, alcove_connect(T_AT(p), fd, &nowhere,
	    sizeof(nowhere)));
	/* ... an address longer than a struct sockaddr_storage ... */
	memset(big, 0, sizeof(big));
	T_ERR(ALCOVE_EBADARG, alcove_connect(T_AT(p), fd, big, sizeof(big)));
	T_ERR(EBADF, alcove_connect(T_AT(p), NO_FD, &l.sun, sizeof(l.sun)));
	T_ERR(ENOTSUP, alcove_socket(T_AT(p), "af_nosuch", "sock_stream", 0,
	    &fd2));
	T_ERR(ENOTSUP, alcove_socket(T_AT(p), "af_unix", "sock_nosuch", 0,
	    &fd2));
	/* ... and the library's, before anything is sent. */
	T_ERR(ALCOVE_EINVAL, alcove_connect(T_AT(p), fd, NULL, 1));
	T_ERR(ALCOVE_EINVAL, alcove_socket(T_AT(p), "af_unix",
	    "sock_stream|sock_cloexec", 0, &fd2));
	T_ERR(ALCOVE_EINVAL, alcove_socket(T_AT(p), NULL, "sock_stream", 0,
	    &fd2));
	T_ERR(ALCOVE_EINVAL, alcove_socket(T_AT(p), "af_unix", "", 0, &fd2));
	T_ERR(ALCOVE_EINVAL, alcove_socket(T_AT(p), "af_unix", "sock_stream",
	    0, NULL));
	/* The socket still connects after all that. */
	T_OK(alcove_connect(T_AT(p), fd, &l.sun, sizeof(l.sun)));
	ATF_REQUIRE((peer = accept(l.fd, NULL, NULL)) != -1);
	ATF_CHECK(close(peer) == 0);
	T_OK(alcove_close(T_AT(p), fd));
	listener_close(&l);
	(void)tc;
}

T_TC(socket, "socket af_unix/sock_stream and connect to a unix socket the "
    "test listens on (the peer is the process, data arrives); a type "
    "with sock_cloexec as a number; connect with NULL, to nowhere, too "
    "long an address; the library's einval cases")
ATF_TC_BODY(socket, tc)
{
	run_both(tc, check_socket);
}

/* An int array as text, for messages: [3,5]. */
static const char *
fds_text(const int *fds, size_t n)
{
	char buf[256];
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n && len < sizeof(buf); i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%d",
		    i > 0 ? "," : "", fds[i]);
	return t_want("[%s]", buf);
}

#define CHECK_FDS(fds, n, ...) do {					\
	const int want_[] = { __VA_ARGS__ };				\
	const char *got_ = fds_text((fds), (n));			\
	const char *w_ = fds_text(want_, nitems(want_));		\
	ATF_CHECK_MSG(strcmp(got_, w_) == 0, "%s: expected %s, got %s",	\
	    #fds, w_, got_);						\
} while (0)

#define CHECK_NONE(fds, n) \
	ATF_CHECK_MSG((n) == 0, "%s: expected [], got %s", #fds,	\
	    fds_text((fds), (n)))

static void
check_select(const atf_tc_t *tc, struct t_proc *p)
{
	const char *file = t_here("select.txt");
	struct timeval zero = { 0, 0 };
	struct listener l;
	int rd[4], wr[4], ex[4];
	size_t nr, nw, ne;
	int s, f, lo, hi, peer;

	(void)tc;
	t_write_file(file, "x", 1);
	T_OK(alcove_open(T_AT(p), file, O_RDONLY, 0, &f));
	listen_unix(&l, "select.sock");
	s = connect_unix(p, &l, &peer);
	lo = s < f ? s : f;
	hi = s < f ? f : s;

	/* A regular file is readable; the socket has nothing to read yet. */
	rd[0] = hi;
	rd[1] = lo;
	nr = 2;
	wr[0] = s;
	nw = 1;
	ex[0] = s;
	ex[1] = f;
	ne = 2;
	T_OK(alcove_select(T_AT(p), rd, &nr, wr, &nw, ex, &ne, &zero));
	CHECK_FDS(rd, nr, f);
	CHECK_FDS(wr, nw, s);
	CHECK_NONE(ex, ne);

	/* Now it has: both are readable, in ascending order. */
	ATF_REQUIRE_EQ(write(peer, "x", 1), 1);
	rd[0] = hi;
	rd[1] = lo;
	nr = 2;
	T_OK(alcove_select(T_AT(p), rd, &nr, NULL, NULL, NULL, NULL, &zero));
	CHECK_FDS(rd, nr, lo, hi);

	/* No timeout: select waits, here not at all. */
	rd[0] = s;
	nr = 1;
	nw = 0;
	T_OK(alcove_select(T_AT(p), rd, &nr, wr, &nw, NULL, NULL, NULL));
	CHECK_FDS(rd, nr, s);
	CHECK_NONE(wr, nw);

	/* No descriptors at all. */
	nr = 0;
	T_OK(alcove_select(T_AT(p), rd, &nr, NULL, NULL, NULL, NULL, &zero));
	CHECK_NONE(rd, nr);

	/* A descriptor that is not open is ebadf, in any set. */
	rd[0] = s;
	rd[1] = NO_FD;
	nr = 2;
	T_ERR(EBADF, alcove_select(T_AT(p), rd, &nr, NULL, NULL, NULL, NULL,
	    &zero));
	ATF_CHECK_EQ(nr, 2);
	T_OK(alcove_close(T_AT(p), f));
	ex[0] = f;
	ne = 1;
	T_ERR(EBADF, alcove_select(T_AT(p), NULL, NULL, NULL, NULL, ex, &ne,
	    &zero));
	/* A count without an array. */
	nw = 1;
	T_ERR(ALCOVE_EINVAL, alcove_select(T_AT(p), NULL, NULL, NULL, &nw,
	    NULL, NULL, &zero));

	ATF_CHECK(close(peer) == 0);
	T_OK(alcove_close(T_AT(p), s));
	listener_close(&l);
	ATF_CHECK(unlink(file) == 0);
}

T_TC(select, "select with a zero timeout on a file and a connected unix "
    "socket (readable once the test writes): exact ready lists in "
    "ascending order; no timeout; ebadf; a count without an array")
ATF_TC_BODY(select, tc)
{
	run_both(tc, check_select);
}

/* ---- fexecve ---- */

static void
require_fexecve(struct t_proc *p)
{
	if (!t_supported(T_AT(p), "fexecve"))
		atf_tc_skip("this port (%s backend) answers {error, "
		    "unsupported} for fexecve", t_backend());
}

/*
 * Errors that leave the process as it was, then fexecve of /bin/echo:
 * what it printed and its status.  At depth 0 the program replaced the
 * port: its output is the port's raw stdout, its status the port's.
 */
static int
fexecve_echo(const atf_tc_t *tc, struct t_proc *p, char **out)
{
	char *const argv[] = { "echo", "hello", "world", NULL };
	char *const envp[] = { "A=1", NULL };
	struct alcove_msg *m;
	char *buf = NULL;
	size_t n = 0;
	int fd, dir, status = -1, err;
	pid_t pid;

	require_fexecve(p);
	pid = proc_pid(p);
	/* A wrapper's emulation (valgrind's) answers enoent here. */
	if (!t_wrapped(tc))
		T_ERR(EBADF, alcove_fexecve(T_AT(p), NO_FD, argv, envp));
	T_OK(alcove_open(T_AT(p), "/", O_RDONLY | O_CLOEXEC, 0, &dir));
	T_ERR(EACCES, alcove_fexecve(T_AT(p), dir, argv, envp));
	T_OK(alcove_close(T_AT(p), dir));
	T_OK(alcove_open(T_AT(p), "/bin/echo", O_RDONLY | O_CLOEXEC, 0, &fd));
	/* The errors left the process as it was. */
	ATF_CHECK_EQ(proc_pid(p), pid);
	T_OK(alcove_fexecve(T_AT(p), fd, argv, envp));
	if (p->n > 0) {
		status = t_collect(T_AT(p), (unsigned char **)out, NULL);
		return status;
	}
	for (;;) {
		err = alcove_recv(p->h, NULL, 0, ALCOVE_MSG_STDOUT, T_TIMEOUT,
		    &m);
		if (err == ALCOVE_EPORT)
			break;
		T_OK(err);
		ATF_REQUIRE((buf = realloc(buf, n + m->len + 1)) != NULL);
		memcpy(buf + n, m->data, m->len);
		n += m->len;
		alcove_msg_free(m);
	}
	if (buf == NULL)
		ATF_REQUIRE((buf = malloc(1)) != NULL);
	buf[n] = '\0';
	*out = buf;
	T_OK(alcove_stop(p->h, &status));
	return status;
}

static void
expect_echo(int status, char *out)
{
	ATF_CHECK_STREQ(out, "hello world\n");
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "echo: wait status 0x%x", status);
	free(out);
}

T_TC(fexecve_root, "fexecve of a descriptor of /bin/echo in the port "
    "itself: ebadf and eacces first; then its output is the port's raw "
    "stdout and alcove_stop returns its exit status 0")
ATF_TC_BODY(fexecve_root, tc)
{
	struct t_proc root;
	char *out = NULL;
	int status;

	t_proc_root(&root, tc);
	status = fexecve_echo(tc, &root, &out);
	expect_echo(status, out);
}

T_TC(fexecve, "fexecve of a descriptor of /bin/echo at depth 2: ebadf "
    "and eacces first; then its output through alcove_recv and its exit "
    "event; /usr/bin/env sees exactly the environment given")
ATF_TC_BODY(fexecve, tc)
{
	char *const argv[] = { "env", NULL };
	char *const envp[] = { "A=1", "B=two words", NULL };
	struct t_proc root, child, grandchild, sibling;
	char *out = NULL;
	int fd, status;

	t_proc_root(&root, tc);
	t_proc_fork(&root, &child);
	t_proc_fork(&child, &grandchild);
	status = fexecve_echo(tc, &grandchild, &out);
	expect_echo(status, out);

	t_proc_fork(&child, &sibling);
	T_OK(alcove_open(T_AT(&sibling), "/usr/bin/env", O_RDONLY | O_CLOEXEC,
	    0, &fd));
	T_OK(alcove_fexecve(T_AT(&sibling), fd, argv, envp));
	status = t_collect(T_AT(&sibling), (unsigned char **)&out, NULL);
	ATF_CHECK_STREQ(out, "A=1\nB=two words\n");
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "env: wait status 0x%x", status);
	free(out);
	t_stop(root.h);
}

/* ---- iolist_to_bin ---- */

static void
check_iolist(const atf_tc_t *tc, struct t_proc *p)
{
	static unsigned char data[70000], back[70000];
	unsigned char small[4];
	size_t got, i, max;

	(void)tc;
	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 7 + i / 256);

	/* Every byte value, and a larger block. */
	got = 0;
	T_OK(alcove_iolist_to_bin(T_AT(p), data, 256, back, sizeof(back),
	    &got));
	ATF_CHECK_EQ(got, 256);
	ATF_CHECK(memcmp(back, data, 256) == 0);
	T_OK(alcove_iolist_to_bin(T_AT(p), data, 40000, back, sizeof(back),
	    &got));
	ATF_CHECK_EQ(got, 40000);
	ATF_CHECK(memcmp(back, data, 40000) == 0);

	/* Nothing. */
	got = 1;
	T_OK(alcove_iolist_to_bin(T_AT(p), NULL, 0, NULL, 0, &got));
	ATF_CHECK_EQ(got, 0);

	/* A buffer of exactly the size, then one too small: *got says. */
	T_OK(alcove_iolist_to_bin(T_AT(p), "abcd", 4, small, sizeof(small),
	    &got));
	ATF_CHECK_EQ(got, 4);
	ATF_CHECK(memcmp(small, "abcd", 4) == 0);
	memset(small, 0, sizeof(small));
	T_ERR(ERANGE, alcove_iolist_to_bin(T_AT(p), "abcde", 5, small,
	    sizeof(small), &got));
	ATF_CHECK_EQ(got, 5);
	T_ERR(ERANGE, alcove_iolist_to_bin(T_AT(p), "a", 1, NULL, 0, &got));
	ATF_CHECK_EQ(got, 1);

	/*
	 * The longest answer that fits in one reply: 65535 bytes less the
	 * reply's own 14 and 8 for each level of PROXY envelope.  Longer
	 * ones the port answers badarg.
	 */
	max = 65521 - 8 * p->n;
	T_OK(alcove_iolist_to_bin(T_AT(p), data, max, back, sizeof(back),
	    &got));
	ATF_CHECK_EQ(got, max);
	ATF_CHECK(memcmp(back, data, max) == 0);
	T_ERR(ALCOVE_EBADARG, alcove_iolist_to_bin(T_AT(p), data, max + 1,
	    back, sizeof(back), &got));

	/* What no message can carry, and the library's own checks. */
	T_ERR(ALCOVE_ETOOBIG, alcove_iolist_to_bin(T_AT(p), data,
	    sizeof(data), back, sizeof(back), &got));
	T_ERR(ALCOVE_EINVAL, alcove_iolist_to_bin(T_AT(p), NULL, 3, back,
	    sizeof(back), &got));
	T_ERR(ALCOVE_EINVAL, alcove_iolist_to_bin(T_AT(p), "a", 1, NULL, 4,
	    &got));
	T_ERR(ALCOVE_EINVAL, alcove_iolist_to_bin(T_AT(p), "a", 1, back,
	    sizeof(back), NULL));
}

T_TC(iolist_to_bin, "iolist_to_bin gives back every byte sent (256 values, "
    "40000 bytes, none, the longest answer that fits: badarg beyond); "
    "erange with the size needed; etoobig; einval")
ATF_TC_BODY(iolist_to_bin, tc)
{
	run_both(tc, check_iolist);
}

/* ---- the calls of FreeBSD and OpenBSD ---- */

/* The systems column of every call (calls.def). */
static const struct {
	const char	*name;
	const char	*systems;
} call_systems[] = {
#define ALCOVE_CALL(num, name, arity, page, reply, systems, ...) \
	{ #name, systems },
#include "proto/calls.def"
#undef ALCOVE_CALL
};

/* Does the table say this port's backend has the call? */
static int
backend_has(const char *call)
{
	const char *s, *b = t_backend();
	size_t i, k, blen = strlen(b);

	for (i = 0; i < nitems(call_systems); i++) {
		if (strcmp(call_systems[i].name, call) != 0)
			continue;
		for (s = call_systems[i].systems; *s != '\0'; s += k) {
			s += strspn(s, " ");
			k = strcspn(s, " ");
			if ((k == 3 && strncmp(s, "all", 3) == 0) ||
			    (k >= blen && strncmp(s, b, blen) == 0 &&
			    (k == blen || s[blen] == ':')))
				return 1;
		}
		return 0;
	}
	atf_tc_fail("%s is not in calls.def", call);
	return 0;
}

static const char *const bsd_calls[] = {
	"cap_enter", "cap_fcntls_get", "cap_fcntls_limit", "cap_getmode",
	"cap_ioctls_limit", "cap_rights_limit", "jail_attach", "jail_remove",
	"pledge", "unveil",
};

/* Skip unless the backend lacks every one of them. */
static void
require_bsd_calls_missing(void)
{
	size_t i;

	for (i = 0; i < nitems(bsd_calls); i++)
		if (backend_has(bsd_calls[i]))
			atf_tc_skip("the %s backend has %s; these checks are "
			    "for a port that lacks it", t_backend(),
			    bsd_calls[i]);
}

/*
 * Every typed call answers ALCOVE_EUNSUPPORTED.  The port checks the
 * arity of a call before it finds the call unsupported, so this also says
 * that each sends the argument count the port expects: a wrong one is
 * badarg (checked for one of them).
 */
static void
check_bsd_unsupported(const atf_tc_t *tc, struct t_proc *p)
{
	uint64_t rights = 7;
	int mode = 7;

	(void)tc;
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_enter(T_AT(p)));
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_getmode(T_AT(p), &mode));
	ATF_CHECK_EQ(mode, 7);
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_fcntls_get(T_AT(p), 0,
	    &rights));
	ATF_CHECK_EQ(rights, 7);
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_fcntls_limit(T_AT(p), 0,
	    "cap_fcntl_getfl|cap_fcntl_setfl"));
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_fcntls_limit(T_AT(p), 0, NULL));
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_ioctls_limit(T_AT(p), 0,
	    "fioclex, 0xc0105a00"));
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_ioctls_limit(T_AT(p), 0,
	    "3221510656"));
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_ioctls_limit(T_AT(p), 0, ""));
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_rights_limit(T_AT(p), 0,
	    "cap_read cap_write cap_seek"));
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_rights_limit(T_AT(p), 0,
	    "0x200000000000001"));
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_jail_attach(T_AT(p), 1));
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_jail_remove(T_AT(p), 1));
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_pledge(T_AT(p), "stdio", "stdio"));
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_pledge(T_AT(p), "stdio", NULL));
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_pledge(T_AT(p), NULL, ""));
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_pledge(T_AT(p), NULL, NULL));
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_unveil(T_AT(p), "/tmp", "rwc"));
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_unveil(T_AT(p), NULL, NULL));
	T_ERR(ALCOVE_EBADARG, alcove_call(T_AT(p),
	    alcove_call_number("cap_rights_limit"), T_TIMEOUT, NULL, "i", 0));
	T_ERR(ALCOVE_EBADARG, alcove_call(T_AT(p),
	    alcove_call_number("pledge"), T_TIMEOUT, NULL, "nnn"));
	/* The process still answers. */
	ATF_CHECK(proc_pid(p) > 0);
}

T_TC(bsd_unsupported, "on a backend without them, cap_*, jail_attach, "
    "jail_remove, pledge and unveil return ALCOVE_EUNSUPPORTED, with every "
    "argument form; the wrong arity is badarg instead")
ATF_TC_BODY(bsd_unsupported, tc)
{
	require_bsd_calls_missing();
	run_both(tc, check_bsd_unsupported);
}

/*
 * Arguments the library refuses before it sends anything: the request
 * goes to a pid that does not exist, which the port would answer with
 * ALCOVE_EBADPID.
 */
static void
check_bsd_arguments(const atf_tc_t *tc, struct t_proc *p)
{
	struct t_proc none;

	(void)tc;
	t_proc_child(p, &none, NO_PID);
	T_ERR(ALCOVE_EBADPID, alcove_cap_enter(T_AT(&none)));
	T_ERR(ALCOVE_EBADPID, alcove_cap_rights_limit(T_AT(&none), 0,
	    "cap_read"));

	T_ERR(ALCOVE_EINVAL, alcove_cap_rights_limit(T_AT(&none), 0,
	    "cap_read|cap-write"));
	T_ERR(ALCOVE_EINVAL, alcove_cap_rights_limit(T_AT(&none), 0,
	    "99999999999999999999"));
	T_ERR(ALCOVE_EINVAL, alcove_cap_ioctls_limit(T_AT(&none), 0,
	    "fioclex 0x"));
	T_ERR(ALCOVE_EINVAL, alcove_cap_fcntls_limit(T_AT(&none), 0,
	    "cap_fcntl_getfl;"));
	T_ERR(ALCOVE_EINVAL, alcove_cap_getmode(T_AT(&none), NULL));
	T_ERR(ALCOVE_EINVAL, alcove_cap_fcntls_get(T_AT(&none), 0, NULL));
	/* The next call is answered as if nothing had happened. */
	ATF_CHECK(proc_pid(p) > 0);
}

T_TC(bsd_arguments, "cap_rights_limit, cap_ioctls_limit and "
    "cap_fcntls_limit refuse bad names and numbers, cap_getmode and "
    "cap_fcntls_get a NULL result, with ALCOVE_EINVAL before sending")
ATF_TC_BODY(bsd_arguments, tc)
{
	run_both(tc, check_bsd_arguments);
}

/* ---- the requests on the wire ---- */

/* Where the test keeps the bytes the library writes to the port. */
struct capture {
	struct alcove	*h;
	const char	*file;
	struct wb	 want;	/* the requests expected, in order */
};

/*
 * Start the port behind a tee(1) that copies everything the library
 * writes to it into a file.  (The port wrapper is left out: this is about
 * the library's bytes.)
 */
static void
capture_start(const atf_tc_t *tc, struct capture *c)
{
	struct alcove_options o;
	const char *words[4];
	int err;

	memset(c, 0, sizeof(*c));
	c->file = t_here("requests.bin");
	(void)unlink(c->file);
	words[0] = "/bin/sh";
	words[1] = "-c";
	words[2] = t_want("tee '%s' | \"$0\" \"$@\"", c->file);
	words[3] = NULL;
	alcove_options_init(&o);
	o.progname = t_port(tc);
	o.exec = words;
	o.timeout = T_TIMEOUT;
	if ((err = alcove_start(&c->h, &o)) != 0)
		atf_tc_fail("alcove_start: %s", alcove_strerror(err));
}

/* One request expected: a CALL to the port with these argument bytes. */
static void
capture_expect(struct capture *c, const char *call, const struct wb *args)
{
	unsigned char msg[sizeof(args->b) + 8];
	size_t n;

	n = raw_call(msg, alcove_call_number(call), args->b, args->n);
	wb_raw(&c->want, msg, n);
}

/*
 * Stop the port (the shell waits for tee, so the file is complete) and
 * require the file to end with exactly the requests expected.
 */
static void
capture_check(struct capture *c)
{
	static unsigned char got[65536];
	size_t n;
	FILE *f;

	t_stop(c->h);
	ATF_REQUIRE((f = fopen(c->file, "rb")) != NULL);
	n = fread(got, 1, sizeof(got), f);
	ATF_REQUIRE(fclose(f) == 0);
	ATF_REQUIRE_MSG(n >= c->want.n, "%zu bytes sent, %zu expected", n,
	    c->want.n);
	if (memcmp(got + n - c->want.n, c->want.b, c->want.n) != 0)
		atf_tc_fail("sent %s, expected %s",
		    t_binary_text(got + n - c->want.n, c->want.n),
		    t_binary_text(c->want.b, c->want.n));
	ATF_CHECK(unlink(c->file) == 0);
}

/* An argument tuple of n elements: the version byte and the header. */
static void
args_start(struct wb *w, unsigned int n)
{
	w->n = 0;
	wb_u8(w, 131);
	wb_u8(w, 0x68);
	wb_u8(w, n);
}

static void
wb_list(struct wb *w, uint32_t n)
{
	wb_u8(w, 0x6c);
	wb_u32(w, n);
}

/* SMALL_BIG_EXT of a non-negative value: its bytes, least first. */
static void
wb_big(struct wb *w, uint64_t v)
{
	unsigned int n = 0;
	uint64_t x;

	for (x = v; x != 0; x >>= 8)
		n++;
	wb_u8(w, 0x6e);
	wb_u8(w, n);
	wb_u8(w, 0);
	for (x = v; x != 0; x >>= 8)
		wb_u8(w, (unsigned int)(x & 0xff));
}

#define NIL(w)	wb_u8((w), 0x6a)

T_TC(bsd_wire, "on a backend without them, the exact request each "
    "Capsicum, jail id, pledge and unveil call sends: constants as "
    "atoms, numbers as integers (big ones too), rights and ioctls always "
    "in a list, NULL strings as []")
ATF_TC_BODY(bsd_wire, tc)
{
	struct capture c;
	struct wb a;
	uint64_t rights;
	int mode;

	require_bsd_calls_missing();
	capture_start(tc, &c);

	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_enter(c.h, NULL, 0));
	args_start(&a, 0);
	capture_expect(&c, "cap_enter", &a);

	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_getmode(c.h, NULL, 0, &mode));
	capture_expect(&c, "cap_getmode", &a);

	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_fcntls_get(c.h, NULL, 0, 3,
	    &rights));
	args_start(&a, 1);
	wb_int(&a, 3);
	capture_expect(&c, "cap_fcntls_get", &a);

	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_fcntls_limit(c.h, NULL, 0, 3,
	    "CAP_FCNTL_GETFL|cap_fcntl_setfl"));
	args_start(&a, 2);
	wb_int(&a, 3);
	wb_list(&a, 2);
	wb_atom(&a, "cap_fcntl_getfl");
	wb_atom(&a, "cap_fcntl_setfl");
	NIL(&a);
	capture_expect(&c, "cap_fcntls_limit", &a);

	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_fcntls_limit(c.h, NULL, 0, 3,
	    NULL));
	args_start(&a, 2);
	wb_int(&a, 3);
	NIL(&a);
	capture_expect(&c, "cap_fcntls_limit", &a);

	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_fcntls_limit(c.h, NULL, 0, 3,
	    "8"));
	args_start(&a, 2);
	wb_int(&a, 3);
	wb_int(&a, 8);
	capture_expect(&c, "cap_fcntls_limit", &a);

	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_ioctls_limit(c.h, NULL, 0, 4,
	    "fioclex, 0xc0105a00"));
	args_start(&a, 2);
	wb_int(&a, 4);
	wb_list(&a, 2);
	wb_atom(&a, "fioclex");
	wb_big(&a, 0xc0105a00);
	NIL(&a);
	capture_expect(&c, "cap_ioctls_limit", &a);

	/* One number is still a list. */
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_ioctls_limit(c.h, NULL, 0, 4,
	    "21537"));
	args_start(&a, 2);
	wb_int(&a, 4);
	wb_list(&a, 1);
	wb_int(&a, 21537);
	NIL(&a);
	capture_expect(&c, "cap_ioctls_limit", &a);

	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_ioctls_limit(c.h, NULL, 0, 4,
	    ""));
	args_start(&a, 2);
	wb_int(&a, 4);
	NIL(&a);
	capture_expect(&c, "cap_ioctls_limit", &a);

	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_rights_limit(c.h, NULL, 0, 5,
	    "cap_read cap_write"));
	args_start(&a, 2);
	wb_int(&a, 5);
	wb_list(&a, 2);
	wb_atom(&a, "cap_read");
	wb_atom(&a, "cap_write");
	NIL(&a);
	capture_expect(&c, "cap_rights_limit", &a);

	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cap_rights_limit(c.h, NULL, 0, 5,
	    "0x200000000000001"));
	args_start(&a, 2);
	wb_int(&a, 5);
	wb_list(&a, 1);
	wb_big(&a, 0x200000000000001ULL);
	NIL(&a);
	capture_expect(&c, "cap_rights_limit", &a);

	T_ERR(ALCOVE_EUNSUPPORTED, alcove_jail_attach(c.h, NULL, 0, 300));
	args_start(&a, 1);
	wb_int(&a, 300);
	capture_expect(&c, "jail_attach", &a);

	T_ERR(ALCOVE_EUNSUPPORTED, alcove_jail_remove(c.h, NULL, 0, -1));
	args_start(&a, 1);
	wb_int(&a, -1);
	capture_expect(&c, "jail_remove", &a);

	T_ERR(ALCOVE_EUNSUPPORTED, alcove_pledge(c.h, NULL, 0, "stdio",
	    NULL));
	args_start(&a, 2);
	wb_binary(&a, "stdio", 5);
	NIL(&a);
	capture_expect(&c, "pledge", &a);

	T_ERR(ALCOVE_EUNSUPPORTED, alcove_pledge(c.h, NULL, 0, NULL, ""));
	args_start(&a, 2);
	NIL(&a);
	wb_binary(&a, "", 0);
	capture_expect(&c, "pledge", &a);

	T_ERR(ALCOVE_EUNSUPPORTED, alcove_unveil(c.h, NULL, 0, "/tmp",
	    "rwc"));
	args_start(&a, 2);
	wb_binary(&a, "/tmp", 4);
	wb_binary(&a, "rwc", 3);
	capture_expect(&c, "unveil", &a);

	T_ERR(ALCOVE_EUNSUPPORTED, alcove_unveil(c.h, NULL, 0, NULL, NULL));
	args_start(&a, 2);
	NIL(&a);
	NIL(&a);
	capture_expect(&c, "unveil", &a);

	capture_check(&c);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, fcntl);
	ATF_TP_ADD_TC(tp, socket);
	ATF_TP_ADD_TC(tp, select);
	ATF_TP_ADD_TC(tp, fexecve_root);
	ATF_TP_ADD_TC(tp, fexecve);
	ATF_TP_ADD_TC(tp, iolist_to_bin);
	ATF_TP_ADD_TC(tp, bsd_unsupported);
	ATF_TP_ADD_TC(tp, bsd_arguments);
	ATF_TP_ADD_TC(tp, bsd_wire);
	return atf_no_error();
}
