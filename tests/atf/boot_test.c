/*
 * Start-up (alcove-protocol(5), START-UP): the command line, the exit statuses
 * of a failed boot, descriptors 3, 4 and 5, and re-exec mode (-d).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"
#include "testlib.h"

static const unsigned char boot_ok[] = {
	0x00, 0x07, 0x00, 0x04, 0x83, 0x77, 0x02, 0x6f, 0x6b
};

/* What the port writes on stderr after any usage error (src/port/main.c). */
#define USAGE	"alcove 1.0.1\n"					\
		"usage: alcove -c fifo [-d depth] [-m maxchild]\n"	\
		"       alcove -d depth [-m maxchild]\n"

/*
 * Run the port with these arguments and stdin from /dev/null; return its
 * wait status, what it wrote on stdout (out) and on stderr (err).
 */
static int
run_port(const atf_tc_t *tc, char *const args[], char *out, size_t outsize,
    char *err, size_t errsize)
{
	int o[2], e[2], status;
	char *argv[16];
	size_t n = 0, k;
	ssize_t r;
	pid_t pid;

	argv[n++] = (char *)t_port(tc);
	for (k = 0; args[k] != NULL; k++)
		argv[n++] = args[k];
	argv[n] = NULL;
	ATF_REQUIRE(pipe(o) == 0 && pipe(e) == 0);
	ATF_REQUIRE((pid = fork()) != -1);
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		(void)dup2(null, 0);
		(void)dup2(o[1], 1);
		(void)dup2(e[1], 2);
		closefrom(3);
		execv(argv[0], argv);
		_exit(127);
	}
	(void)close(o[1]);
	(void)close(e[1]);
	r = read(o[0], out, outsize - 1);
	out[r > 0 ? r : 0] = '\0';
	ATF_REQUIRE(waitpid(pid, &status, 0) == pid);
	r = read(e[0], err, errsize - 1);
	err[r > 0 ? r : 0] = '\0';
	(void)close(o[0]);
	(void)close(e[0]);
	return status;
}

/*
 * Run the port with these arguments: it must exit with code, write nothing
 * on stdout and exactly errtext (NULL: nothing) on stderr.
 */
static void
expect_exit(const atf_tc_t *tc, char *const args[], int code,
    const char *errtext)
{
	const char *want = errtext != NULL ? errtext : "";
	char out[256], err[1024];
	int status;

	status = run_port(tc, args, out, sizeof(out), err, sizeof(err));
	ATF_REQUIRE_MSG(WIFEXITED(status), "status 0x%x", status);
	ATF_CHECK_EQ_MSG(WEXITSTATUS(status), code, "exit %d, stderr: %s",
	    WEXITSTATUS(status), err);
	ATF_CHECK_STREQ_MSG(out, "", "nothing may reach stdout: %s", out);
	ATF_CHECK_STREQ_MSG(err, want, "stderr: %s", err);
}

/*
 * What getopt(3) writes on stderr when the port's option string "c:d:m:h"
 * (alcove-protocol(5), Command line) meets this one argument: the diagnostic
 * for an unknown flag or a missing argument, in the words of this system's
 * libc, which differ from one libc to the next.  getopt runs in a child of the
 * test, linked with the same libc as the port, with the port's path as
 * argv[0].  A libc that names the program by getprogname(3) instead of
 * argv[0] (the BSDs) would name this test program: that name is replaced
 * by the port's base name, which its getprogname returns.
 */
static void
getopt_says(const char *port, const char *arg, char *buf, size_t size)
{
	char *argv[] = { (char *)port, (char *)arg, NULL };
	const char *base = strrchr(port, '/') != NULL ? strrchr(port, '/') + 1 :
	    port;
	char said[512], *colon;
	size_t got = 0;
	ssize_t r;
	int e[2], status;
	pid_t pid;

	ATF_REQUIRE(pipe(e) == 0);
	ATF_REQUIRE((pid = fork()) != -1);
	if (pid == 0) {
		(void)dup2(e[1], 2);
		optind = 1;
		opterr = 1;
		while (getopt(2, argv, "c:d:m:h") != -1)
			continue;
		_exit(0);
	}
	(void)close(e[1]);
	while (got + 1 < sizeof(said) &&
	    (r = read(e[0], said + got, sizeof(said) - 1 - got)) > 0)
		got += (size_t)r;
	said[got] = '\0';
	(void)close(e[0]);
	ATF_REQUIRE(waitpid(pid, &status, 0) == pid);
	ATF_REQUIRE_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "getopt in a child: status %#x", status);
	colon = strstr(said, ": ");
	ATF_REQUIRE_MSG(colon != NULL && strchr(said, '\n') ==
	    said + got - 1, "getopt said \"%s\" for %s", said, arg);
	if (strncmp(said, port, strlen(port)) == 0 &&
	    said + strlen(port) == colon)
		(void)snprintf(buf, size, "%s", said);
	else
		(void)snprintf(buf, size, "%s%s", base, colon);
}

ATF_TC(fifo_exists);
ATF_TC_HEAD(fifo_exists, tc)
{
	atf_tc_set_md_var(tc, "descr", "-c naming an existing path exits "
	    "with EEXIST and writes nothing");
}
ATF_TC_BODY(fifo_exists, tc)
{
	char *args[] = { "-c", "taken", NULL };

	ATF_REQUIRE(close(open("taken", O_CREAT | O_WRONLY, 0644)) == 0);
	expect_exit(tc, args, EEXIST, NULL);
}

ATF_TC(no_fifo_no_depth);
ATF_TC_HEAD(no_fifo_no_depth, tc)
{
	atf_tc_set_md_var(tc, "descr", "without -c and -d the port exits "
	    "with EINVAL and writes nothing");
}
ATF_TC_BODY(no_fifo_no_depth, tc)
{
	char *args[] = { NULL };

	expect_exit(tc, args, EINVAL, NULL);
}

ATF_TC(help);
ATF_TC_HEAD(help, tc)
{
	atf_tc_set_md_var(tc, "descr", "-h, an unknown flag and a missing "
	    "argument exit with ENOTSUP, writing on stderr getopt's diagnostic "
	    "(not for -h), the version and usage, and nothing on stdout");
}
ATF_TC_BODY(help, tc)
{
	char *h[] = { "-h", NULL };
	char *x[] = { "-x", NULL };
	char *missing[] = { "-c", NULL };
	char said[512], want[1024];

	expect_exit(tc, h, ENOTSUP, USAGE);
	/* getopt(3) names the bad flag first, in its own words. */
	getopt_says(t_port(tc), "-x", said, sizeof(said));
	(void)snprintf(want, sizeof(want), "%s%s", said, USAGE);
	expect_exit(tc, x, ENOTSUP, want);
	getopt_says(t_port(tc), "-c", said, sizeof(said));
	(void)snprintf(want, sizeof(want), "%s%s", said, USAGE);
	expect_exit(tc, missing, ENOTSUP, want);
}

ATF_TC(bad_numbers);
ATF_TC_HEAD(bad_numbers, tc)
{
	atf_tc_set_md_var(tc, "descr", "an invalid -d or -m number is a usage "
	    "error: exit 2, the reason and the usage on stderr "
	    "(alcove-protocol(5), Command line; alcove(8), EXIT STATUS)");
}
ATF_TC_BODY(bad_numbers, tc)
{
	char *d[] = { "-d", "abc", NULL };
	char *m[] = { "-c", "fifo", "-m", "12x", NULL };
	char *neg[] = { "-d", "-1", NULL };

	expect_exit(tc, d, 2, "alcove: depth invalid: abc\n" USAGE);
	expect_exit(tc, m, 2, "alcove: maxchild invalid: 12x\n" USAGE);
	expect_exit(tc, neg, 2, "alcove: depth too small: -1\n" USAGE);
	ATF_CHECK_ERRNO(ENOENT, access("fifo", F_OK) == -1);
}

ATF_TC(depth_limits);
ATF_TC_HEAD(depth_limits, tc)
{
	atf_tc_set_md_var(tc, "descr", "-d 256 exits with EAGAIN; -d 65536 "
	    "is truncated to 16 bits and boots with depth 0: the boot message "
	    "and no 'B' record on descriptor 5");
}
static pid_t	spawn_reexec(const atf_tc_t *, const char *, int *, int *,
		    int *);
static void	read_exact(int, void *, size_t);

ATF_TC_BODY(depth_limits, tc)
{
	char *d256[] = { "-d", "256", NULL };
	unsigned char buf[sizeof(boot_ok)];
	int in, out, ctl, status;
	pid_t pid;
	char c;

	expect_exit(tc, d256, EAGAIN, NULL);
	/* 65536 & 0xffff = 0: a root in re-exec mode. */
	pid = spawn_reexec(tc, "65536", &in, &out, &ctl);
	read_exact(out, buf, sizeof(buf));
	ATF_CHECK(memcmp(buf, boot_ok, sizeof(boot_ok)) == 0);
	/*
	 * Depth 0: no 'B' record on descriptor 5, which any depth above 0
	 * writes before the boot message (reexec_child_announces_boot).
	 */
	ATF_REQUIRE(fcntl(ctl, F_SETFL, O_NONBLOCK) == 0);
	ATF_CHECK_ERRNO(EAGAIN, read(ctl, &c, 1) == -1);
	(void)close(in);
	ATF_REQUIRE(waitpid(pid, &status, 0) == pid);
	ATF_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

ATF_TC(maxchild_limit);
ATF_TC_HEAD(maxchild_limit, tc)
{
	atf_tc_set_md_var(tc, "descr", "-m N with 6N+6 above RLIMIT_NOFILE "
	    "exits with EAGAIN before creating the FIFO");
}
ATF_TC_BODY(maxchild_limit, tc)
{
	char *args[] = { "-c", "fifo", "-m", "60000", NULL };
	struct rlimit rl = { 1024, 1024 };

	ATF_REQUIRE(setrlimit(RLIMIT_NOFILE, &rl) == 0);
	expect_exit(tc, args, EAGAIN, NULL);
	ATF_CHECK_ERRNO(ENOENT, access("fifo", F_OK) == -1);
}

ATF_TC(maxchild_option);
ATF_TC_HEAD(maxchild_option, tc)
{
	atf_tc_set_md_var(tc, "descr", "-m sets maxchild, as getopt reports");
}
ATF_TC_BODY(maxchild_option, tc)
{
	struct alcove_options o;
	struct alcove *h;
	int v;

	alcove_options_init(&o);
	o.maxchild = 7;
	h = t_start_opts(tc, &o);
	T_OK(alcove_getopt(h, NULL, 0, "maxchild", &v));
	ATF_CHECK_EQ(v, 7);
	t_stop(h);
}

/* The target of /proc/PID/fd/N, or "" when it is not open. */
static void
fd_target(pid_t pid, int fd, char *buf, size_t size)
{
	char path[64];
	ssize_t n;

	(void)snprintf(path, sizeof(path), "/proc/%ld/fd/%d", (long)pid, fd);
	n = readlink(path, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
}

/*
 * The access mode, O_NONBLOCK and O_CLOEXEC of descriptor fd of pid, from
 * the flags line of /proc/PID/fdinfo/N (octal; the kernel adds O_CLOEXEC
 * when the descriptor is close-on-exec).  Other bits, such as the
 * O_LARGEFILE a 64-bit kernel gives every open(2), are left out.
 */
static int
fd_flags(pid_t pid, int fd)
{
	char path[64], text[1024], *line;
	unsigned long flags;

	(void)snprintf(path, sizeof(path), "/proc/%ld/fdinfo/%d", (long)pid,
	    fd);
	(void)t_slurp(path, text, sizeof(text));
	line = strstr(text, "\nflags:\t");
	ATF_REQUIRE_MSG(line != NULL && sscanf(line, "\nflags:\t%lo",
	    &flags) == 1, "%s: no flags line: %s", path, text);
	return (int)(flags & (O_ACCMODE | O_NONBLOCK | O_CLOEXEC));
}

ATF_TC(descriptors);
ATF_TC_HEAD(descriptors, tc)
{
	atf_tc_set_md_var(tc, "descr", "descriptors 3 and 4 are the signal "
	    "pipe and 5 the FIFO, all O_NONBLOCK and close-on-exec; a "
	    "descriptor the caller passed on 3 is kept at 8 or above, as it "
	    "was passed: not close-on-exec (alcove-protocol(5), "
	    "Descriptors)");
	/* Linux /proc: the targets and flags of another process's fds */
	atf_tc_set_md_var(tc, "require.files", "/proc/self/fd "
	    "/proc/self/fdinfo");
}
ATF_TC_BODY(descriptors, tc)
{
	char t3[256], t4[256], t5[256], t[256], cwd[200], want[256];
	static const int keep3[] = { 3 };
	struct alcove_options o;
	struct alcove *h;
	int fd, kept = -1;
	pid_t pid;

	/* A descriptor on 3 that the port must not lose. */
	ATF_REQUIRE((fd = open("keep", O_CREAT | O_RDWR, 0644)) != -1);
	if (fd != 3) {
		ATF_REQUIRE(dup2(fd, 3) == 3);
		(void)close(fd);
	}
	/* The library passes on only what it is asked to. */
	alcove_options_init(&o);
	o.keep_fds = keep3;
	o.nkeep_fds = 1;
	h = t_start_opts(tc, &o);
	(void)close(3);
	pid = alcove_port_pid(h);
	fd_target(pid, 3, t3, sizeof(t3));
	fd_target(pid, 4, t4, sizeof(t4));
	fd_target(pid, 5, t5, sizeof(t5));
	ATF_CHECK_MSG(strncmp(t3, "pipe:", 5) == 0, "fd 3: %s", t3);
	ATF_CHECK_STREQ(t3, t4);
	ATF_CHECK_MSG(strstr(t5, "/fdctl.") != NULL &&
	    strstr(t5, "(deleted)") != NULL, "fd 5: %s", t5);
	ATF_CHECK_EQ_MSG(fd_flags(pid, 3), O_RDONLY | O_NONBLOCK | O_CLOEXEC,
	    "fd 3 flags %#o", fd_flags(pid, 3));
	ATF_CHECK_EQ_MSG(fd_flags(pid, 4), O_WRONLY | O_NONBLOCK | O_CLOEXEC,
	    "fd 4 flags %#o", fd_flags(pid, 4));
	ATF_CHECK_EQ_MSG(fd_flags(pid, 5), O_RDWR | O_NONBLOCK | O_CLOEXEC,
	    "fd 5 flags %#o", fd_flags(pid, 5));
	ATF_REQUIRE(getcwd(cwd, sizeof(cwd)) != NULL);
	(void)snprintf(want, sizeof(want), "%s/keep", cwd);
	for (fd = 8; fd < 64 && kept == -1; fd++) {
		fd_target(pid, fd, t, sizeof(t));
		if (strcmp(t, want) == 0)
			kept = fd;
	}
	ATF_CHECK_MSG(kept >= 8, "the descriptor passed on 3 is gone");
	/* F_DUPFD: the copy is not close-on-exec, as the original was not */
	if (kept >= 8)
		ATF_CHECK_EQ_MSG(fd_flags(pid, kept), O_RDWR,
		    "fd %d flags %#o", kept, fd_flags(pid, kept));
	t_stop(h);
}

/*
 * Re-exec mode: descriptors 3, 4 (a signal pipe) and 5 come from the
 * caller.  At depth 0 the port writes the boot message; at depth 1 it first
 * tells its parent on 5 that a new image started (the 'B' record).
 */
static pid_t
spawn_reexec(const atf_tc_t *tc, const char *depth, int *in, int *out,
    int *ctl)
{
	int i[2], o[2], sp[2], sig[2];
	char *argv[] = { (char *)t_port(tc), "-d", (char *)depth, NULL };
	pid_t pid;

	ATF_REQUIRE(pipe(i) == 0 && pipe(o) == 0 && pipe(sig) == 0);
	ATF_REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, sp) == 0);
	ATF_REQUIRE((pid = fork()) != -1);
	if (pid == 0) {
		int fds[6] = { i[0], o[1], 2, sig[0], sig[1], sp[1] }, k;

		/* Move everything above 5 first, then into place. */
		for (k = 0; k < 6; k++)
			fds[k] = fcntl(fds[k], F_DUPFD, 10);
		for (k = 0; k < 6; k++)
			(void)dup2(fds[k], k);
		(void)fcntl(3, F_SETFL, O_NONBLOCK);
		(void)fcntl(4, F_SETFL, O_NONBLOCK);
		closefrom(6);
		execv(argv[0], argv);
		_exit(127);
	}
	(void)close(i[0]);
	(void)close(o[1]);
	(void)close(sp[1]);
	(void)close(sig[0]);
	(void)close(sig[1]);
	*in = i[1];
	*out = o[0];
	*ctl = sp[0];
	return pid;
}

static void
read_exact(int fd, void *buf, size_t n)
{
	struct pollfd p = { fd, POLLIN, 0 };
	unsigned char *b = buf;
	ssize_t r;

	while (n > 0) {
		ATF_REQUIRE(poll(&p, 1, T_TIMEOUT) == 1);
		r = read(fd, b, n);
		ATF_REQUIRE_MSG(r > 0, "read: %zd", r);
		b += r;
		n -= (size_t)r;
	}
}

/* Require the next message on fd to be exactly want (Len included). */
static void
expect_msg(int fd, const unsigned char *want, size_t n)
{
	unsigned char got[1024];
	size_t len, i;

	read_exact(fd, got, 2);
	len = 2 + ((size_t)got[0] << 8 | got[1]);
	ATF_REQUIRE_MSG(len <= sizeof(got), "a message of %zu bytes", len);
	read_exact(fd, got + 2, len - 2);
	ATF_CHECK_EQ_MSG(len, n, "a message of %zu bytes, not %zu", len, n);
	for (i = 0; i < len && i < n; i++)
		ATF_CHECK_MSG(got[i] == want[i], "byte %zu: %02x, not %02x", i,
		    got[i], want[i]);
}

ATF_TC(reexec_depth0);
ATF_TC_HEAD(reexec_depth0, tc)
{
	atf_tc_set_md_var(tc, "descr", "-d 0 boots on the inherited "
	    "descriptors, answers calls, leaves SIGUSR1 alone (it kills the "
	    "port) and writes nothing on descriptor 5");
}
ATF_TC_BODY(reexec_depth0, tc)
{
	/* getpid: 00 07 00 04 00 24 83 68 00 */
	static const unsigned char getpid_call[] = { 0x00, 0x07, 0x00, 0x04,
	    0x00, 0x24, 0x83, 0x68, 0x00 };
	unsigned char buf[64];
	struct wb w;
	int in, out, ctl, status;
	pid_t pid;
	char c;

	pid = spawn_reexec(tc, "0", &in, &out, &ctl);
	read_exact(out, buf, sizeof(boot_ok));
	ATF_CHECK(memcmp(buf, boot_ok, sizeof(boot_ok)) == 0);
	ATF_REQUIRE(write(in, getpid_call, sizeof(getpid_call)) ==
	    (ssize_t)sizeof(getpid_call));
	/*
	 * The CALL reply, the pid as alcove-protocol(5), Encoder rules, encodes
	 * it: 00 08 00 04 83 62 P P P P (00 05 00 04 83 61 P below 256).
	 */
	w.n = 0;
	wb_u8(&w, 0x83);
	wb_int(&w, pid);
	wb_frame(&w, 4);
	expect_msg(out, w.b, w.n);
	(void)fcntl(ctl, F_SETFL, O_NONBLOCK);
	ATF_CHECK_ERRNO(EAGAIN, read(ctl, &c, 1) == -1);
	ATF_REQUIRE(kill(pid, SIGUSR1) == 0);
	ATF_REQUIRE(waitpid(pid, &status, 0) == pid);
	ATF_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1);
}

/*
 * The signals process pid (0: the test) catches, from the SigCgt line of
 * Linux's /proc/PID/status (hex, bit N-1 for signal N), into *mask.
 * Returns 0 when there is no such line.
 */
static int
sigcgt(pid_t pid, unsigned long long *mask)
{
	char path[64], text[4096], *line, *end;

	if (pid == 0)
		(void)snprintf(path, sizeof(path), "/proc/self/status");
	else
		(void)snprintf(path, sizeof(path), "/proc/%ld/status",
		    (long)pid);
	if (access(path, R_OK) == -1)
		return 0;
	(void)t_slurp(path, text, sizeof(text));
	if ((line = strstr(text, "\nSigCgt:\t")) == NULL)
		return 0;
	line += strlen("\nSigCgt:\t");
	errno = 0;
	*mask = strtoull(line, &end, 16);
	ATF_REQUIRE_MSG(errno == 0 && end > line && *end == '\n',
	    "%s: SigCgt line %.40s", path, line);
	return 1;
}

ATF_TC(reexec_catches_sigchld_only);
ATF_TC_HEAD(reexec_catches_sigchld_only, tc)
{
	atf_tc_set_md_var(tc, "descr", "-d 0 catches SIGCHLD and no other "
	    "signal (alcove-protocol(5), Re-exec mode), as the SigCgt line "
	    "of Linux's "
	    "/proc/PID/status shows");
}
ATF_TC_BODY(reexec_catches_sigchld_only, tc)
{
	unsigned char buf[sizeof(boot_ok)];
	unsigned long long mask;
	int in, out, ctl, status;
	pid_t pid;

	if (!sigcgt(0, &mask))
		atf_tc_skip("no SigCgt line in /proc/self/status: this needs "
		    "Linux /proc to see which signals a process catches");
	pid = spawn_reexec(tc, "0", &in, &out, &ctl);
	/* the handlers are in place before the boot message is written */
	read_exact(out, buf, sizeof(boot_ok));
	ATF_CHECK(memcmp(buf, boot_ok, sizeof(boot_ok)) == 0);
	ATF_REQUIRE(sigcgt(pid, &mask));
	ATF_CHECK_EQ_MSG(mask, 1ULL << (SIGCHLD - 1), "SigCgt %016llx, not "
	    "%016llx", mask, 1ULL << (SIGCHLD - 1));
	(void)close(in);
	ATF_REQUIRE(waitpid(pid, &status, 0) == pid);
	ATF_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

ATF_TC(reexec_child_announces_boot);
ATF_TC_HEAD(reexec_child_announces_boot, tc)
{
	atf_tc_set_md_var(tc, "descr", "-d 1 sends the boot control record "
	    "(\\0alcove then B) on descriptor 5 before its boot message, and "
	    "exits 0 at EOF");
}
ATF_TC_BODY(reexec_child_announces_boot, tc)
{
	unsigned char buf[16];
	int in, out, ctl, status;
	pid_t pid;

	pid = spawn_reexec(tc, "1", &in, &out, &ctl);
	read_exact(ctl, buf, 8);
	ATF_CHECK(memcmp(buf, "\0alcoveB", 8) == 0);
	read_exact(out, buf, sizeof(boot_ok));
	ATF_CHECK(memcmp(buf, boot_ok, sizeof(boot_ok)) == 0);
	(void)close(in);
	ATF_REQUIRE(waitpid(pid, &status, 0) == pid);
	ATF_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

ATF_TC(reexec_without_fd3);
ATF_TC_HEAD(reexec_without_fd3, tc)
{
	atf_tc_set_md_var(tc, "descr", "-d without descriptor 3 exits with "
	    "EBADF");
}
ATF_TC_BODY(reexec_without_fd3, tc)
{
	char *args[] = { "-d", "0", NULL };
	char out[64], err[64];
	int status;

	(void)close(3);
	status = run_port(tc, args, out, sizeof(out), err, sizeof(err));
	ATF_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == EBADF);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, fifo_exists);
	ATF_TP_ADD_TC(tp, no_fifo_no_depth);
	ATF_TP_ADD_TC(tp, help);
	ATF_TP_ADD_TC(tp, bad_numbers);
	ATF_TP_ADD_TC(tp, depth_limits);
	ATF_TP_ADD_TC(tp, maxchild_limit);
	ATF_TP_ADD_TC(tp, maxchild_option);
	ATF_TP_ADD_TC(tp, descriptors);
	ATF_TP_ADD_TC(tp, reexec_depth0);
	ATF_TP_ADD_TC(tp, reexec_catches_sigchld_only);
	ATF_TP_ADD_TC(tp, reexec_child_announces_boot);
	ATF_TP_ADD_TC(tp, reexec_without_fd3);
	return atf_no_error();
}
