/*
 * Starting the port (alcove_start(3)): only 0, 1, 2 and the descriptors
 * asked for reach it, $ALCOVE_PORT names the program, the environ option
 * is its environment, and a missing program and an unusable control
 * directory are different errors.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proto/calls.h"
#include "testlib.h"

/* fcntl(fd, F_GETFD) in the port, as text. */
static const char *
port_getfd(struct alcove *h, int fd)
{
	struct alcove_term *t = NULL;
	const char *s;
	int err;

	err = alcove_call(h, NULL, 0, CALL_fcntl, T_TIMEOUT, &t, "iai", fd,
	    "f_getfd", 0);
	s = t_reply_text(err, t);
	alcove_term_free(t);
	return s;
}

/* Open a file on exactly descriptor fd, close-on-exec or not. */
static void
open_at(int fd, int cloexec)
{
	int f;

	ATF_REQUIRE((f = open("/dev/null", O_RDONLY)) != -1);
	if (f != fd) {
		ATF_REQUIRE(dup2(f, fd) == fd);
		(void)close(f);
	}
	ATF_REQUIRE(fcntl(fd, F_SETFD, cloexec ? FD_CLOEXEC : 0) == 0);
}

T_TC(only_std_fds, "descriptors the program has open, close-on-exec or "
    "not, do not reach the port; the ones in keep_fds do, without "
    "close-on-exec");
ATF_TC_BODY(only_std_fds, tc)
{
	static const int keep[] = { 41, 43 };
	struct alcove_options o;
	struct alcove *h;

	open_at(40, 0);
	open_at(41, 0);
	open_at(42, 1);
	open_at(43, 1);
	alcove_options_init(&o);
	h = t_start_opts(tc, &o);
	ATF_CHECK_STREQ(port_getfd(h, 40), "{error,ebadf}");
	ATF_CHECK_STREQ(port_getfd(h, 41), "{error,ebadf}");
	ATF_CHECK_STREQ(port_getfd(h, 42), "{error,ebadf}");
	ATF_CHECK_STREQ(port_getfd(h, 43), "{error,ebadf}");
	t_stop(h);

	alcove_options_init(&o);
	o.keep_fds = keep;
	o.nkeep_fds = 2;
	h = t_start_opts(tc, &o);
	ATF_CHECK_STREQ(port_getfd(h, 40), "{error,ebadf}");
	ATF_CHECK_STREQ(port_getfd(h, 41), "{ok,0}");
	ATF_CHECK_STREQ(port_getfd(h, 42), "{error,ebadf}");
	ATF_CHECK_STREQ(port_getfd(h, 43), "{ok,0}");
	t_stop(h);
	/* Ours are as they were. */
	ATF_CHECK_EQ(fcntl(43, F_GETFD), FD_CLOEXEC);
	ATF_CHECK_EQ(fcntl(41, F_GETFD), 0);
}

T_TC(exec_child_fds, "a program the port execs sees only 0, 1 and 2 of "
    "the client's descriptors");
ATF_TC_BODY(exec_child_fds, tc)
{
	char *argv[] = { "/bin/sh", "-c", "for fd in 40 41; do "
	    "if (: <&$fd) 2>/dev/null; then echo $fd open; "
	    "else echo $fd closed; fi; done", NULL };
	struct alcove *h;
	unsigned char *out;
	size_t len;
	pid_t c;

	open_at(40, 0);
	open_at(41, 0);
	h = t_start(tc);
	T_OK(alcove_fork(h, NULL, 0, &c));
	T_OK(alcove_execvp(h, &c, 1, argv[0], argv));
	ATF_CHECK_EQ(t_collect(h, &c, 1, &out, &len), 0);
	ATF_CHECK_MSG(len == 20 && memcmp(out, "40 closed\n41 closed\n", 20) ==
	    0, "output %s", t_binary_text(out, len));
	free(out);
	t_stop(h);
}

T_TC(port_env, "$ALCOVE_PORT names the port when progname is NULL");
ATF_TC_BODY(port_env, tc)
{
	struct alcove_options o;
	struct alcove *h;
	char buf[64];
	int status;

	if (t_wrapped(tc))
		atf_tc_skip("the port runs under a wrapper");
	alcove_options_init(&o);
	o.timeout = T_TIMEOUT;
	ATF_REQUIRE(setenv("ALCOVE_PORT", "/nonexistent/alcove", 1) == 0);
	T_ERR(ALCOVE_ENOPORT, alcove_start(&h, &o));
	ATF_REQUIRE(setenv("ALCOVE_PORT", t_port(tc), 1) == 0);
	T_OK(alcove_start(&h, &o));
	T_OK(alcove_version(h, NULL, 0, buf, sizeof(buf)));
	ATF_CHECK_STREQ(buf, "1.0.1");
	T_OK(alcove_stop(h, &status));
	ATF_CHECK_EQ(status, 0);
	ATF_REQUIRE(unsetenv("ALCOVE_PORT") == 0);
}

T_TC(no_port, "a port program that cannot be run is ALCOVE_ENOPORT, also "
    "behind an exec prefix that reports 127");
ATF_TC_BODY(no_port, tc)
{
	static const char *const env[] = { "env", NULL };
	struct alcove_options o;
	struct alcove *h = NULL;

	(void)tc;
	alcove_options_init(&o);
	o.progname = "/nonexistent/alcove";
	T_ERR(ALCOVE_ENOPORT, alcove_start(&h, &o));
	ATF_CHECK(h == NULL);
	ATF_CHECK_STREQ(alcove_strerror(ALCOVE_ENOPORT),
	    "cannot run the port program");
	o.exec = env;
	T_ERR(ALCOVE_ENOPORT, alcove_start(&h, &o));
	o.exec = NULL;
	o.progname = "/";
	T_ERR(ALCOVE_ENOPORT, alcove_start(&h, &o));
}

T_TC(bad_ctldir, "a missing control directory, one that is a file and an "
    "unusable TMPDIR are ALCOVE_ECTLDIR, not a port error");
ATF_TC_BODY(bad_ctldir, tc)
{
	struct alcove_options o;
	struct alcove *h = NULL;

	alcove_options_init(&o);
	o.progname = t_port(tc);
	o.timeout = T_TIMEOUT;
	o.ctldir = "/nonexistent/dir";
	T_ERR(ALCOVE_ECTLDIR, alcove_start(&h, &o));
	t_write_file("plain", "x", 1);
	o.ctldir = "plain";
	T_ERR(ALCOVE_ECTLDIR, alcove_start(&h, &o));
	o.ctldir = NULL;
	ATF_REQUIRE(setenv("TMPDIR", "/nonexistent/tmp", 1) == 0);
	T_ERR(ALCOVE_ECTLDIR, alcove_start(&h, &o));
	ATF_REQUIRE(unsetenv("TMPDIR") == 0);
	ATF_CHECK(h == NULL);
	ATF_CHECK_STREQ(alcove_strerror(ALCOVE_ECTLDIR),
	    "control directory missing or unusable");
	/* A usable one works. */
	ATF_REQUIRE(mkdir("ctl", 0700) == 0);
	o.ctldir = "ctl";
	T_OK(alcove_start(&h, &o));
	t_stop(h);
}

T_TC(environ_option, "the environ option is the port's whole environment");
ATF_TC_BODY(environ_option, tc)
{
	char *const env[] = { "ALCOVE_TEST_A=1", "B=two", NULL };
	struct alcove_options o;
	struct alcove *h;
	char **v;

	if (t_wrapped(tc))
		atf_tc_skip("a port wrapper adds to the environment");
	alcove_options_init(&o);
	o.environ = env;
	h = t_start_opts(tc, &o);
	T_OK(alcove_environ(h, NULL, 0, &v));
	ATF_REQUIRE(v[0] != NULL && v[1] != NULL);
	ATF_CHECK_STREQ(v[0], "ALCOVE_TEST_A=1");
	ATF_CHECK_STREQ(v[1], "B=two");
	ATF_CHECK(v[2] == NULL);
	alcove_strv_free(v);
	t_stop(h);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, only_std_fds);
	ATF_TP_ADD_TC(tp, exec_child_fds);
	ATF_TP_ADD_TC(tp, port_env);
	ATF_TP_ADD_TC(tp, no_port);
	ATF_TP_ADD_TC(tp, bad_ctldir);
	ATF_TP_ADD_TC(tp, environ_option);
	return atf_no_error();
}
