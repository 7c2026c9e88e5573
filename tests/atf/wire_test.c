/*
 * The worked examples of alcove-protocol(5), EXAMPLES, and its Encoder rules,
 * byte for byte through the raw port; only pids (and
 * descriptor numbers, checked against the system) differ from the capture.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"
#include "proto/calls.h"
#include "testlib.h"


static const unsigned char ok_reply[] = { 0x00, 0x07, 0x00, 0x04, 0x83, 0x77,
    0x02, 'o', 'k' };

/* Store a pid big-endian where a captured example has one. */
static void
put_pid(unsigned char *at, pid_t pid)
{
	at[0] = (unsigned char)((uint32_t)pid >> 24);
	at[1] = (unsigned char)((uint32_t)pid >> 16);
	at[2] = (unsigned char)((uint32_t)pid >> 8);
	at[3] = (unsigned char)pid;
}

/* ---- talking to the port ---- */

/* Start the port with its future orphans ours to reap. */
static void
start(const atf_tc_t *tc, struct rawport *p)
{
	(void)t_subreaper();
	raw_start(tc, p);
}

static void
send_call(struct rawport *p, int call, const unsigned char *args, size_t n)
{
	unsigned char m[8200];

	ATF_REQUIRE(n + 6 <= sizeof(m));
	raw_write(p, m, raw_call(m, call, args, n));
}

/* fork in the process at path; returns the new pid from {ok, Pid}. */
static pid_t
fork_at(struct rawport *p, const pid_t *path, size_t npath)
{
	unsigned char m[128];
	size_t n, k;
	pid_t pid;

	raw_send_at(p, path, npath, CALL_fork, T_BYTES(0x83, 0x68, 0x00));
	n = raw_msg(p, m, sizeof(m));
	/* strip the PROXY envelopes, checking each names the path */
	for (k = 0; k < npath; k++) {
		ATF_REQUIRE(n >= 8 + 2 && m[2] == 0 && m[3] == 3 &&
		    (size_t)(m[0] << 8 | m[1]) == n - 2);
		ATF_REQUIRE((pid_t)((uint32_t)m[4] << 24 |
		    (uint32_t)m[5] << 16 | (uint32_t)m[6] << 8 | m[7]) ==
		    path[k]);
		memmove(m, m + 8, n - 8);
		n -= 8;
	}
	pid = raw_ok_pid(m, n);
	ATF_REQUIRE(pid > 1);
	return pid;
}

/* execvp(File, [File | Args]) in the process at path; no reply. */
static void
execvp_at(struct rawport *p, const pid_t *path, size_t npath,
    const char *const *argv)
{
	struct wb a;
	size_t n, i;

	for (n = 0; argv[n] != NULL; n++)
		continue;
	a.n = 0;
	wb_raw(&a, T_BYTES(0x83, 0x68, 0x02));
	wb_string(&a, argv[0]);
	wb_u8(&a, 0x6c);
	wb_u32(&a, (uint32_t)n);
	for (i = 0; i < n; i++)
		wb_string(&a, argv[i]);
	wb_u8(&a, 0x6a);
	raw_send_at(p, path, npath, CALL_execvp, a.b, a.n);
}

static void
expect_clean_exit(struct rawport *p)
{
	char err[512];
	int status;

	status = raw_finish(p, err, sizeof(err));
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "status %#x", status);
	ATF_CHECK_STREQ_MSG(err, "", "stderr: %s", err);
	t_reap_descendants();
}

/* ---- start-up ---- */

/* Read one chunk, as the Erlang driver does at start-up. */
static size_t
read_chunk(int fd, unsigned char *buf, size_t size)
{
	struct pollfd pf = { fd, POLLIN, 0 };
	ssize_t n;

	ATF_REQUIRE_MSG(poll(&pf, 1, T_TIMEOUT) == 1, "no data from the port");
	do {
		n = read(fd, buf, size);
	} while (n == -1 && errno == EINTR);
	ATF_REQUIRE_MSG(n > 0, "read: %zd", n);
	return (size_t)n;
}

T_TC(boot_and_unlink, "the boot message and the unlink reply arrive as exact "
    "single chunks; the FIFO is created and then removed")
ATF_TC_BODY(boot_and_unlink, tc)
{
	/* CALL 93 unlink, args {"<27 bytes>"} (alcove-protocol(5), EXAMPLES) */
	static const unsigned char head[] = { 0x00, 0x25, 0x00, 0x04, 0x00,
	    0x5d, 0x83, 0x68, 0x01, 0x6b, 0x00, 0x1b };
	char dir[] = "/tmp/awXXXXXX", fifo[64], err[256], wrap[256];
	char *argv[36], *save = NULL, *word;
	const char *port = t_port(tc);
	unsigned char m[128];
	size_t argc = 0;
	int in[2], out[2], errp[2], status;
	struct stat st;
	size_t n;
	ssize_t r;
	pid_t pid;

	/* the same command line raw_start builds, wrapper included */
	(void)snprintf(wrap, sizeof(wrap), "%s",
	    atf_tc_get_config_var_wd(tc, "port_wrapper", ""));
	for (word = strtok_r(wrap, " ", &save); word != NULL && argc < 32;
	    word = strtok_r(NULL, " ", &save))
		argv[argc++] = word;

	ATF_REQUIRE(mkdtemp(dir) != NULL);
	(void)snprintf(fifo, sizeof(fifo), "%s/fdctl.%07ld", dir,
	    (long)getpid() % 10000000);
	ATF_REQUIRE_EQ(strlen(fifo), 27);
	ATF_REQUIRE(pipe(in) == 0 && pipe(out) == 0 && pipe(errp) == 0);
	ATF_REQUIRE((pid = fork()) != -1);
	if (pid == 0) {
		(void)dup2(in[0], 0);
		(void)dup2(out[1], 1);
		(void)dup2(errp[1], 2);
		closefrom(3);
		argv[argc++] = (char *)port;
		argv[argc++] = "-c";
		argv[argc++] = fifo;
		argv[argc] = NULL;
		execvp(argv[0], argv);
		_exit(127);
	}
	(void)close(in[0]);
	(void)close(out[1]);
	(void)close(errp[1]);
	(void)signal(SIGPIPE, SIG_IGN);

	n = read_chunk(out[0], m, sizeof(m));
	ATF_CHECK_MSG(n == sizeof(ok_reply) &&
	    memcmp(m, ok_reply, n) == 0, "boot: %zu bytes, first %02x", n,
	    m[0]);
	ATF_CHECK_MSG(stat(fifo, &st) == 0 && S_ISFIFO(st.st_mode),
	    "no FIFO at %s", fifo);

	memcpy(m, head, sizeof(head));
	memcpy(m + sizeof(head), fifo, 27);
	ATF_REQUIRE(write(in[1], m, sizeof(head) + 27) ==
	    (ssize_t)(sizeof(head) + 27));
	n = read_chunk(out[0], m, sizeof(m));
	ATF_CHECK_MSG(n == sizeof(ok_reply) &&
	    memcmp(m, ok_reply, n) == 0, "unlink: %zu bytes, first %02x", n,
	    m[0]);
	ATF_CHECK_MSG(stat(fifo, &st) == -1 && errno == ENOENT,
	    "the FIFO is still there");

	(void)close(in[1]);
	ATF_REQUIRE(waitpid(pid, &status, 0) == pid);
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "status %#x", status);
	r = read(out[0], m, sizeof(m));
	ATF_CHECK_EQ_MSG(r, 0, "%zd more bytes on stdout", r);
	r = read(errp[0], err, sizeof(err) - 1);
	ATF_CHECK_EQ_MSG(r, 0, "%zd bytes on stderr", r);
	(void)close(out[0]);
	(void)close(errp[0]);
	(void)unlink(fifo);
	ATF_CHECK(rmdir(dir) == 0);
}

/* ---- the process tree ---- */

/* The CALL reply {ok, Pid}. */
static void
wb_ok_pid(struct wb *w, pid_t pid)
{
	w->n = 0;
	wb_raw(w, T_BYTES(0x83, 0x68, 0x02));
	wb_atom(w, "ok");
	wb_int(w, pid);
	wb_frame(w, 4);
}

T_TC(fork_depth0, "example 1: fork at the root replies {ok, Pid} with the "
    "child's real pid")
ATF_TC_BODY(fork_depth0, tc)
{
	unsigned char m[64];
	struct rawport p;
	struct wb w;
	size_t n;
	pid_t pid;

	start(tc, &p);
	raw_write(&p, T_BYTES(0x00, 0x07, 0x00, 0x04, 0x00, 0x1c, 0x83, 0x68,
	    0x00));
	n = raw_msg(&p, m, sizeof(m));
	pid = raw_ok_pid(m, n);
	/* 00 0e 00 04 83 68 02 77 02 6f 6b 62 <pid> (61 <pid> below 256) */
	wb_ok_pid(&w, pid);
	ATF_CHECK(n == w.n && memcmp(m, w.b, n) == 0);
	ATF_CHECK(pid != p.pid && kill(pid, 0) == 0);
	/* the pid reaches a process whose getpid is that pid */
	raw_expect_getpid(&p, &pid, 1, pid);
	expect_clean_exit(&p);
}

T_TC(getpid_depth1, "example 2: getpid at depth 1, sent in a STDIN envelope, "
    "comes back in a PROXY")
ATF_TC_BODY(getpid_depth1, tc)
{
	unsigned char req[17] = { 0x00, 0x0f, 0x00, 0x00, 0, 0, 0, 0, 0x00,
	    0x07, 0x00, 0x04, 0x00, 0x24, 0x83, 0x68, 0x00 };
	struct rawport p;
	struct wb w;
	pid_t pid;

	start(tc, &p);
	pid = fork_at(&p, NULL, 0);
	put_pid(req + 4, pid);
	raw_write(&p, req, sizeof(req));
	/* 00 10 00 03 <pid> 00 08 00 04 83 62 <pid> */
	w.n = 0;
	wb_u8(&w, 0x83);
	wb_int(&w, pid);
	wb_frame(&w, 4);
	wb_envelope(&w, 3, (uint32_t)pid);
	raw_expect(&p, w.b, w.n);
	expect_clean_exit(&p);
}

T_TC(fork_depth1, "example 3: {ok, Pid} from a fork at depth 1")
ATF_TC_BODY(fork_depth1, tc)
{
	unsigned char req[17] = { 0x00, 0x0f, 0x00, 0x00, 0, 0, 0, 0, 0x00,
	    0x07, 0x00, 0x04, 0x00, 0x1c, 0x83, 0x68, 0x00 };
	unsigned char m[64];
	struct rawport p;
	pid_t path[2];
	struct wb w;
	size_t n;

	start(tc, &p);
	path[0] = fork_at(&p, NULL, 0);
	put_pid(req + 4, path[0]);
	raw_write(&p, req, sizeof(req));
	n = raw_msg(&p, m, sizeof(m));
	ATF_REQUIRE(n > 8);
	path[1] = raw_ok_pid(m + 8, n - 8);
	/* 00 16 00 03 <pid1> 00 0e 00 04 83 68 02 77 02 6f 6b 62 <pid2> */
	wb_ok_pid(&w, path[1]);
	wb_envelope(&w, 3, (uint32_t)path[0]);
	ATF_CHECK(n == w.n && memcmp(m, w.b, n) == 0);
	ATF_CHECK(path[1] != path[0] && kill(path[1], 0) == 0);
	raw_expect_getpid(&p, path, 2, path[1]);
	expect_clean_exit(&p);
}

T_TC(exec_depth2, "example 4: execvp at depth 2 gives fdctl_closed, STDOUT and "
    "exit_status, each inside a PROXY")
ATF_TC_BODY(exec_depth2, tc)
{
	unsigned char req[60] = { 0x00, 0x3a, 0x00, 0x00, 0, 0, 0, 0,
	    0x00, 0x32, 0x00, 0x00, 0, 0, 0, 0,
	    0x00, 0x2a, 0x00, 0x04, 0x00, 0x15, 0x83, 0x68, 0x02,
	    0x6b, 0x00, 0x09, '/', 'b', 'i', 'n', '/', 'e', 'c', 'h', 'o',
	    0x6c, 0x00, 0x00, 0x00, 0x02,
	    0x6b, 0x00, 0x09, '/', 'b', 'i', 'n', '/', 'e', 'c', 'h', 'o',
	    0x6b, 0x00, 0x02, 'h', 'i', 0x6a };
	unsigned char ctl[35] = { 0x00, 0x21, 0x00, 0x03, 0, 0, 0, 0,
	    0x00, 0x19, 0x00, 0x03, 0, 0, 0, 0, 0x00, 0x11, 0x00, 0x06,
	    0x83, 0x77, 0x0c, 'f', 'd', 'c', 't', 'l', '_', 'c', 'l', 'o', 's',
	    'e', 'd' };
	unsigned char out[19] = { 0x00, 0x11, 0x00, 0x03, 0, 0, 0, 0,
	    0x00, 0x09, 0x00, 0x01, 0, 0, 0, 0, 'h', 'i', '\n' };
	unsigned char ev[38] = { 0x00, 0x24, 0x00, 0x03, 0, 0, 0, 0,
	    0x00, 0x1c, 0x00, 0x03, 0, 0, 0, 0, 0x00, 0x14, 0x00, 0x05,
	    0x83, 0x68, 0x02, 0x77, 0x0b, 'e', 'x', 'i', 't', '_', 's', 't',
	    'a', 't', 'u', 's', 0x61, 0x00 };
	struct rawport p;
	pid_t path[2];

	start(tc, &p);
	path[0] = fork_at(&p, NULL, 0);
	path[1] = fork_at(&p, path, 1);
	put_pid(req + 4, path[0]);
	put_pid(req + 12, path[1]);
	put_pid(ctl + 4, path[0]);
	put_pid(ctl + 12, path[1]);
	put_pid(out + 4, path[0]);
	put_pid(out + 12, path[1]);
	put_pid(ev + 4, path[0]);
	put_pid(ev + 12, path[1]);
	raw_write(&p, req, sizeof(req));
	raw_expect(&p, ctl, sizeof(ctl));
	raw_expect(&p, out, sizeof(out));
	raw_expect(&p, ev, sizeof(ev));
	/* the depth-1 process is still there */
	raw_expect_getpid(&p, path, 1, path[0]);
	expect_clean_exit(&p);
}

T_TC(exit_status_depth1, "example 5: an exec'd child's stdout unwrapped and "
    "its exit_status in a PROXY")
ATF_TC_BODY(exit_status_depth1, tc)
{
	static const char *const argv[] = { "/bin/sh", "-c",
	    "echo out; exit 7", NULL };
	unsigned char out[12] = { 0x00, 0x0a, 0x00, 0x01, 0, 0, 0, 0, 'o',
	    'u', 't', '\n' };
	unsigned char ev[30] = { 0x00, 0x1c, 0x00, 0x03, 0, 0, 0, 0, 0x00,
	    0x14, 0x00, 0x05, 0x83, 0x68, 0x02, 0x77, 0x0b, 'e', 'x', 'i', 't',
	    '_', 's', 't', 'a', 't', 'u', 's', 0x61, 0x07 };
	struct rawport p;
	pid_t pid;

	start(tc, &p);
	pid = fork_at(&p, NULL, 0);
	execvp_at(&p, &pid, 1, argv);
	raw_expect_ctl(&p, &pid, 1, "fdctl_closed");
	put_pid(out + 4, pid);
	put_pid(ev + 4, pid);
	raw_expect(&p, out, sizeof(out));
	raw_expect(&p, ev, sizeof(ev));
	expect_clean_exit(&p);
}

T_TC(stdin_to_cat, "stdin data for an exec'd cat at depth 1 is echoed back "
    "as STDOUT")
ATF_TC_BODY(stdin_to_cat, tc)
{
	static const char *const argv[] = { "cat", NULL };
	unsigned char req[14] = { 0x00, 0x0c, 0x00, 0x00, 0, 0, 0, 0, 'h', 'e',
	    'l', 'l', 'o', '\n' };
	unsigned char want[14] = { 0x00, 0x0c, 0x00, 0x01, 0, 0, 0, 0, 'h',
	    'e', 'l', 'l', 'o', '\n' };
	struct rawport p;
	pid_t pid;

	start(tc, &p);
	pid = fork_at(&p, NULL, 0);
	execvp_at(&p, &pid, 1, argv);
	raw_expect_ctl(&p, &pid, 1, "fdctl_closed");
	put_pid(req + 4, pid);
	put_pid(want + 4, pid);
	raw_write(&p, req, sizeof(req));
	raw_expect(&p, want, sizeof(want));
	/* shutdown sends cat SIGTERM (alcove-protocol(5), SHUTDOWN) */
	expect_clean_exit(&p);
}

T_TC(badpid_unknown, "the unknown-pid example: STDIN to 12345678 answers "
    "PROXY(12345678, CTL(badpid))")
ATF_TC_BODY(badpid_unknown, tc)
{
	struct rawport p;

	start(tc, &p);
	raw_write(&p, T_BYTES(0x00, 0x0f, 0x00, 0x00, 0x00, 0xbc, 0x61, 0x4e,
	    0x00, 0x07, 0x00, 0x04, 0x00, 0x24, 0x83, 0x68, 0x00));
	raw_expect(&p, T_BYTES(0x00, 0x13, 0x00, 0x03, 0x00, 0xbc, 0x61, 0x4e,
	    0x00, 0x0b, 0x00, 0x06, 0x83, 0x77, 0x06, 'b', 'a', 'd', 'p', 'i',
	    'd'));
	expect_clean_exit(&p);
}

/* ---- error replies ---- */

T_TC(error_ebadf, "close(-1) replies {error, ebadf} with the captured bytes")
ATF_TC_BODY(error_ebadf, tc)
{
	struct rawport p;

	start(tc, &p);
	send_call(&p, CALL_close, T_BYTES(0x83, 0x68, 0x01, 0x62, 0xff, 0xff,
	    0xff, 0xff));
	raw_expect(&p, T_BYTES(0x00, 0x13, 0x00, 0x04, 0x83, 0x68, 0x02, 0x77,
	    0x05, 'e', 'r', 'r', 'o', 'r', 0x77, 0x05, 'e', 'b', 'a', 'd',
	    'f'));
	expect_clean_exit(&p);
}

T_TC(badarg_bytes, "a bad argument replies the captured badarg bytes")
ATF_TC_BODY(badarg_bytes, tc)
{
	struct rawport p;

	start(tc, &p);
	/* getpid({[]}): wrong arity */
	send_call(&p, CALL_getpid, T_BYTES(0x83, 0x68, 0x01, 0x6a));
	raw_expect(&p, T_BYTES(0x00, 0x0b, 0x00, 0x04, 0x83, 0x77, 0x06, 'b',
	    'a', 'd', 'a', 'r', 'g'));
	/* close(ok): wrong type */
	send_call(&p, CALL_close, T_BYTES(0x83, 0x68, 0x01, 0x77, 0x02, 'o',
	    'k'));
	raw_expect(&p, T_BYTES(0x00, 0x0b, 0x00, 0x04, 0x83, 0x77, 0x06, 'b',
	    'a', 'd', 'a', 'r', 'g'));
	expect_clean_exit(&p);
}

T_TC(unsupported_call, "jail, which this system lacks, replies {error, "
    "unsupported} after the arity check (alcove-protocol(5), Order of "
    "checks)")
ATF_TC_BODY(unsupported_call, tc)
{
	struct rawport p;

	if (strcmp(t_backend(), "freebsd") == 0)
		atf_tc_skip("the freebsd backend implements jail");
	start(tc, &p);
	/* jail([<<2:32/native>>]): a one-element tuple */
	send_call(&p, CALL_jail, T_BYTES(0x83, 0x68, 0x01, 0x6c, 0x00, 0x00,
	    0x00, 0x01, 0x6d, 0x00, 0x00, 0x00, 0x04, 0x02, 0x00, 0x00, 0x00,
	    0x6a));
	raw_expect(&p, T_BYTES(0x00, 0x19, 0x00, 0x04, 0x83, 0x68, 0x02, 0x77,
	    0x05, 'e', 'r', 'r', 'o', 'r', 0x77, 0x0b, 'u', 'n', 's', 'u', 'p',
	    'p', 'o', 'r', 't', 'e', 'd'));
	/* the argument is not examined: an atom does as well */
	send_call(&p, CALL_jail, T_BYTES(0x83, 0x68, 0x01, 0x77, 0x02, 'o',
	    'k'));
	raw_expect(&p, T_BYTES(0x00, 0x19, 0x00, 0x04, 0x83, 0x68, 0x02, 0x77,
	    0x05, 'e', 'r', 'r', 'o', 'r', 0x77, 0x0b, 'u', 'n', 's', 'u', 'p',
	    'p', 'o', 'r', 't', 'e', 'd'));
	/* but the arity is */
	send_call(&p, CALL_jail, T_BYTES(0x83, 0x68, 0x00));
	raw_expect(&p, T_BYTES(0x00, 0x0b, 0x00, 0x04, 0x83, 0x77, 0x06, 'b',
	    'a', 'd', 'a', 'r', 'g'));
	expect_clean_exit(&p);
}

T_TC(filter_undef, "the filter example: after filter(<<0,0,0,0,16>>, <<>>) "
    "in a child, getpid there replies undef")
ATF_TC_BODY(filter_undef, tc)
{
	unsigned char req[32] = { 0x00, 0x1e, 0x00, 0x00, 0, 0, 0, 0,
	    0x00, 0x16, 0x00, 0x04, 0x00, 0x1b, 0x83, 0x68, 0x02,
	    0x6d, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x10,
	    0x6d, 0x00, 0x00, 0x00, 0x00 };
	unsigned char ok[17] = { 0x00, 0x0f, 0x00, 0x03, 0, 0, 0, 0, 0x00,
	    0x07, 0x00, 0x04, 0x83, 0x77, 0x02, 'o', 'k' };
	unsigned char undef[20] = { 0x00, 0x12, 0x00, 0x03, 0, 0, 0, 0, 0x00,
	    0x0a, 0x00, 0x04, 0x83, 0x77, 0x05, 'u', 'n', 'd', 'e', 'f' };
	struct rawport p;
	pid_t path[2];

	start(tc, &p);
	path[0] = fork_at(&p, NULL, 0);
	put_pid(req + 4, path[0]);
	put_pid(ok + 4, path[0]);
	put_pid(undef + 4, path[0]);
	raw_write(&p, req, sizeof(req));
	raw_expect(&p, ok, sizeof(ok));

	raw_send_at(&p, path, 1, CALL_getpid, T_BYTES(0x83, 0x68, 0x00));
	raw_expect(&p, undef, sizeof(undef));
	/*
	 * the filter is checked before the arguments
	 * (alcove-protocol(5), Order of checks)
	 */
	raw_send_at(&p, path, 1, CALL_getpid, T_BYTES(0x83, 0x68, 0x01, 0x6a));
	raw_expect(&p, undef, sizeof(undef));
	/* the root is not filtered, nor is a child of the filtered process */
	raw_expect_getpid(&p, NULL, 0, p.pid);
	path[1] = fork_at(&p, path, 1);
	raw_expect_getpid(&p, path, 2, path[1]);
	expect_clean_exit(&p);
}

/* ---- events ---- */

T_TC(termsig_sigterm, "an exec'd child killed with SIGTERM: ok, then "
    "PROXY(Pid, EVENT({termsig, sigterm}))")
ATF_TC_BODY(termsig_sigterm, tc)
{
	static const char *const argv[] = { "sleep", "100", NULL };
	unsigned char ev[33] = { 0x00, 0x1f, 0x00, 0x03, 0, 0, 0, 0, 0x00,
	    0x17, 0x00, 0x05, 0x83, 0x68, 0x02, 0x77, 0x07, 't', 'e', 'r', 'm',
	    's', 'i', 'g', 0x77, 0x07, 's', 'i', 'g', 't', 'e', 'r', 'm' };
	struct rawport p;
	struct wb a;
	pid_t pid;

	start(tc, &p);
	pid = fork_at(&p, NULL, 0);
	execvp_at(&p, &pid, 1, argv);
	raw_expect_ctl(&p, &pid, 1, "fdctl_closed");
	/* kill(Pid, sigterm) */
	a.n = 0;
	wb_raw(&a, T_BYTES(0x83, 0x68, 0x02));
	wb_int(&a, pid);
	wb_atom(&a, "sigterm");
	send_call(&p, CALL_kill, a.b, a.n);
	raw_expect(&p, ok_reply, sizeof(ok_reply));
	put_pid(ev + 4, pid);
	raw_expect(&p, ev, sizeof(ev));
	expect_clean_exit(&p);
}

T_TC(signal_sigusr1, "SIGUSR1 sent to the port gives {signal, sigusr1, "
    "SigInfo} with the raw siginfo_t")
ATF_TC_BODY(signal_sigusr1, tc)
{
	static const unsigned char head[] = { 0x00, 0x05, 0x83, 0x68, 0x03,
	    0x77, 0x06, 's', 'i', 'g', 'n', 'a', 'l', 0x77, 0x07, 's', 'i',
	    'g', 'u', 's', 'r', '1', 0x6d };
	unsigned char m[1024];
	struct rawport p;
	siginfo_t si;
	size_t n, want;
	int32_t signo;

	start(tc, &p);
	ATF_REQUIRE(kill(p.pid, SIGUSR1) == 0);
	n = raw_msg(&p, m, sizeof(m));
	want = 2 + sizeof(head) + 4 + sizeof(siginfo_t);
	ATF_REQUIRE_EQ_MSG(n, want, "event of %zu bytes", n);
	ATF_CHECK(m[0] == (want - 2) >> 8 && m[1] == ((want - 2) & 0xff));
	ATF_CHECK(memcmp(m + 2, head, sizeof(head)) == 0);
	ATF_CHECK(m[2 + sizeof(head)] == 0 && m[3 + sizeof(head)] == 0 &&
	    m[4 + sizeof(head)] == sizeof(siginfo_t) >> 8 &&
	    m[5 + sizeof(head)] == (sizeof(siginfo_t) & 0xff));
	/* the native siginfo_t of the delivery: from us, by kill(2) */
	memcpy(&signo, m + 6 + sizeof(head), sizeof(signo));
	ATF_CHECK_EQ(signo, SIGUSR1);
	memcpy(&si, m + 6 + sizeof(head), sizeof(si));
	ATF_CHECK_EQ(si.si_signo, SIGUSR1);
	ATF_CHECK_EQ(si.si_code, SI_USER);
	ATF_CHECK_EQ(si.si_pid, getpid());
	ATF_CHECK_EQ(si.si_uid, getuid());
	/* caught, not fatal */
	raw_expect_getpid(&p, NULL, 0, p.pid);
	expect_clean_exit(&p);
}

/* ---- the list encodings of alcove-protocol(5), Encoder rules ---- */

/* Can a process's descriptors be looked at through /proc/PID/fd? */
static int
proc_fds(void)
{
	return access("/proc/self/fd/0", F_OK) == 0;
}

/* Do these two descriptors (through /proc links) name the same object? */
static int
same_file(pid_t a, int fda, pid_t b, int fdb)
{
	char pa[64], pb[64];
	struct stat sa, sb;

	(void)snprintf(pa, sizeof(pa), "/proc/%ld/fd/%d", (long)a, fda);
	(void)snprintf(pb, sizeof(pb), "/proc/%ld/fd/%d", (long)b, fdb);
	if (stat(pa, &sa) == -1 || stat(pb, &sb) == -1)
		return 0;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int
is_socket(pid_t a, int fd)
{
	char pa[64];
	struct stat sa;

	(void)snprintf(pa, sizeof(pa), "/proc/%ld/fd/%d", (long)a, fd);
	return stat(pa, &sa) == 0 && S_ISSOCK(sa.st_mode);
}

/*
 * One #alcove_pid{} record as the port encodes it: the descriptor numbers
 * are read from the reply (as SMALL_INTEGER_EXT) and checked against the
 * system; the returned offset is past the record.
 */
static size_t
check_pid_record(const unsigned char *m, size_t n, size_t off, pid_t port,
    pid_t child, int execed)
{
	int fd[4] = { -1, -1, -1, -1 }, i;
	struct wb w;
	size_t at;

	w.n = 0;
	wb_raw(&w, T_BYTES(0x68, 0x08));
	wb_atom(&w, "alcove_pid");
	wb_int(&w, child);
	wb_int(&w, -1);		/* flowcontrol */
	wb_int(&w, 15);		/* signaloneof */
	if (execed)
		wb_int(&w, -2);	/* fdctl */
	at = w.n;
	ATF_REQUIRE_MSG(off + w.n <= n && memcmp(m + off, w.b, w.n) == 0,
	    "record at %zu does not start as expected", off);
	/* the descriptors: small non-negative integers */
	for (i = execed ? 1 : 0; i < 4; i++) {
		ATF_REQUIRE(off + at + 2 <= n && m[off + at] == 0x61);
		fd[i] = m[off + at + 1];
		ATF_CHECK_MSG(fd[i] > 5, "descriptor %d", fd[i]);
		at += 2;
	}
	if (proc_fds()) {
		if (!execed)
			ATF_CHECK_MSG(is_socket(port, fd[0]), "fdctl %d",
			    fd[0]);
		ATF_CHECK_MSG(same_file(port, fd[1], child, 0), "stdin %d",
		    fd[1]);
		ATF_CHECK_MSG(same_file(port, fd[2], child, 1), "stdout %d",
		    fd[2]);
		ATF_CHECK_MSG(same_file(port, fd[3], child, 2), "stderr %d",
		    fd[3]);
	}
	return off + at;
}

/* A CALL reply whose term starts with a one-element list header. */
static void
cpid_head(const unsigned char *m, size_t n)
{
	ATF_REQUIRE_MSG(n >= 10 && memcmp(m + 2, "\x00\x04\x83\x6c\x00\x00"
	    "\x00\x01", 8) == 0, "not a CALL reply with a one-element list");
}

T_TC(cpid_chain, "cpid replies a chain of one-element lists of #alcove_pid{} "
    "records, before and after exec")
ATF_TC_BODY(cpid_chain, tc)
{
	static const char *const argv[] = { "sleep", "100", NULL };
	static const unsigned char one[] = { 0x6c, 0x00, 0x00, 0x00, 0x01 };
	unsigned char m[512];
	struct rawport p;
	pid_t a, b;
	size_t n, off;

	start(tc, &p);
	send_call(&p, CALL_cpid, T_BYTES(0x83, 0x68, 0x00));
	raw_expect(&p, T_BYTES(0x00, 0x04, 0x00, 0x04, 0x83, 0x6a));

	a = fork_at(&p, NULL, 0);
	/* a reply from the child: it has set up its descriptors */
	raw_expect_getpid(&p, &a, 1, a);
	send_call(&p, CALL_cpid, T_BYTES(0x83, 0x68, 0x00));
	n = raw_msg(&p, m, sizeof(m));
	/* 00 2b 00 04 83 6c 00 00 00 01 68 08 77 0a "alcove_pid" ... 6a
	 * (Len 2b when the pid is above 255) */
	cpid_head(m, n);
	off = check_pid_record(m, n, 10, p.pid, a, 0);
	ATF_CHECK(off + 1 == n && m[off] == 0x6a);

	/* after exec: fdctl -2 (62 ff ff ff fe) */
	execvp_at(&p, &a, 1, argv);
	raw_expect_ctl(&p, &a, 1, "fdctl_closed");
	send_call(&p, CALL_cpid, T_BYTES(0x83, 0x68, 0x00));
	n = raw_msg(&p, m, sizeof(m));
	cpid_head(m, n);
	off = check_pid_record(m, n, 10, p.pid, a, 1);
	ATF_CHECK(off + 1 == n && m[off] == 0x6a);

	/* two children: two one-element list headers, in slot order */
	b = fork_at(&p, NULL, 0);
	raw_expect_getpid(&p, &b, 1, b);
	send_call(&p, CALL_cpid, T_BYTES(0x83, 0x68, 0x00));
	n = raw_msg(&p, m, sizeof(m));
	cpid_head(m, n);
	off = check_pid_record(m, n, 10, p.pid, a, 1);
	ATF_REQUIRE(off + 5 <= n && memcmp(m + off, one, sizeof(one)) == 0);
	off = check_pid_record(m, n, off + 5, p.pid, b, 0);
	ATF_CHECK(off + 1 == n && m[off] == 0x6a);
	expect_clean_exit(&p);
}

ATF_TC(getgroups_chain);
ATF_TC_HEAD(getgroups_chain, tc)
{
	atf_tc_set_md_var(tc, "descr", "getgroups replies {ok, [Gid]} as a "
	    "chain of one-element lists, in the kernel's order: Linux sorts "
	    "the [300, 1, 0] given to setgroups, the reply lists 0, 1, 300");
	atf_tc_set_md_var(tc, "require.user", "root");
}
ATF_TC_BODY(getgroups_chain, tc)
{
	struct rawport p;

	start(tc, &p);
#ifdef __linux__
	/*
	 * setgroups([300, 1, 0]): Linux keeps the groups sorted, so the
	 * reply below is the kernel's order, not the order given.
	 */
	send_call(&p, CALL_setgroups, T_BYTES(0x83, 0x68, 0x01, 0x6c, 0x00,
	    0x00, 0x00, 0x03, 0x62, 0x00, 0x00, 0x01, 0x2c, 0x61, 0x01, 0x61,
	    0x00, 0x6a));
#else
	/*
	 * setgroups([0, 1, 300]): other systems keep the order given or sort
	 * (and BSDs take the first as the effective group).
	 */
	send_call(&p, CALL_setgroups, T_BYTES(0x83, 0x68, 0x01, 0x6c, 0x00,
	    0x00, 0x00, 0x03, 0x61, 0x00, 0x61, 0x01, 0x62, 0x00, 0x00, 0x01,
	    0x2c, 0x6a));
#endif
	raw_expect(&p, ok_reply, sizeof(ok_reply));
	send_call(&p, CALL_getgroups, T_BYTES(0x83, 0x68, 0x00));
	raw_expect(&p, T_BYTES(0x00, 0x22, 0x00, 0x04, 0x83, 0x68, 0x02, 0x77,
	    0x02, 'o', 'k',
	    0x6c, 0x00, 0x00, 0x00, 0x01, 0x61, 0x00,
	    0x6c, 0x00, 0x00, 0x00, 0x01, 0x61, 0x01,
	    0x6c, 0x00, 0x00, 0x00, 0x01, 0x62, 0x00, 0x00, 0x01, 0x2c,
	    0x6a));
	/* no groups: {ok, []} */
	send_call(&p, CALL_setgroups, T_BYTES(0x83, 0x68, 0x01, 0x6a));
	raw_expect(&p, ok_reply, sizeof(ok_reply));
	send_call(&p, CALL_getgroups, T_BYTES(0x83, 0x68, 0x00));
	raw_expect(&p, T_BYTES(0x00, 0x0a, 0x00, 0x04, 0x83, 0x68, 0x02, 0x77,
	    0x02, 'o', 'k', 0x6a));
	expect_clean_exit(&p);
}

T_TC(readdir_chain, "readdir replies {ok, [Name]} as a chain of one-element "
    "lists, in directory order")
ATF_TC_BODY(readdir_chain, tc)
{
	static const char *const names[] = { "a", "bb", "file.txt" };
	char cwd[1024], dir[1100];
	struct dirent *de;
	struct rawport p;
	struct wb a, w;
	size_t i;
	DIR *d;
	int fd;

	ATF_REQUIRE(getcwd(cwd, sizeof(cwd)) != NULL);
	(void)snprintf(dir, sizeof(dir), "%s/rdXXXXXX", cwd);
	ATF_REQUIRE(mkdtemp(dir) != NULL);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char f[1200];

		(void)snprintf(f, sizeof(f), "%s/%s", dir, names[i]);
		ATF_REQUIRE((fd = open(f, O_CREAT | O_WRONLY, 0644)) != -1);
		(void)close(fd);
	}

	/* what the port must list, in the order the system lists it */
	w.n = 0;
	wb_raw(&w, T_BYTES(0x83, 0x68, 0x02, 0x77, 0x02, 'o', 'k'));
	ATF_REQUIRE((d = opendir(dir)) != NULL);
	i = 0;
	while ((de = readdir(d)) != NULL) {
		wb_raw(&w, T_BYTES(0x6c, 0x00, 0x00, 0x00, 0x01));
		wb_binary(&w, de->d_name, strlen(de->d_name));
		i++;
	}
	(void)closedir(d);
	ATF_REQUIRE_EQ(i, 5);
	wb_u8(&w, 0x6a);
	wb_frame(&w, 4);

	start(tc, &p);
	a.n = 0;
	wb_raw(&a, T_BYTES(0x83, 0x68, 0x01));
	wb_binary(&a, dir, strlen(dir));
	send_call(&p, CALL_readdir, a.b, a.n);
	raw_expect(&p, w.b, w.n);
	expect_clean_exit(&p);
}

T_TC(environ_chain, "environ replies [Binary] as a chain of one-element "
    "lists, [] when empty")
ATF_TC_BODY(environ_chain, tc)
{
	struct rawport p;

	start(tc, &p);
	send_call(&p, CALL_clearenv, T_BYTES(0x83, 0x68, 0x00));
	raw_expect(&p, ok_reply, sizeof(ok_reply));
	send_call(&p, CALL_environ, T_BYTES(0x83, 0x68, 0x00));
	raw_expect(&p, T_BYTES(0x00, 0x04, 0x00, 0x04, 0x83, 0x6a));
	/* setenv(<<"A">>, <<"1">>, 1), setenv(<<"BB">>, <<"22">>, 1) */
	send_call(&p, CALL_setenv, T_BYTES(0x83, 0x68, 0x03, 0x6d, 0x00, 0x00,
	    0x00, 0x01, 'A', 0x6d, 0x00, 0x00, 0x00, 0x01, '1', 0x61, 0x01));
	raw_expect(&p, ok_reply, sizeof(ok_reply));
	send_call(&p, CALL_setenv, T_BYTES(0x83, 0x68, 0x03, 0x6d, 0x00, 0x00,
	    0x00, 0x02, 'B', 'B', 0x6d, 0x00, 0x00, 0x00, 0x02, '2', '2',
	    0x61, 0x01));
	raw_expect(&p, ok_reply, sizeof(ok_reply));
	send_call(&p, CALL_environ, T_BYTES(0x83, 0x68, 0x00));
	raw_expect(&p, T_BYTES(0x00, 0x20, 0x00, 0x04, 0x83,
	    0x6c, 0x00, 0x00, 0x00, 0x01, 0x6d, 0x00, 0x00, 0x00, 0x03,
	    'A', '=', '1',
	    0x6c, 0x00, 0x00, 0x00, 0x01, 0x6d, 0x00, 0x00, 0x00, 0x05,
	    'B', 'B', '=', '2', '2',
	    0x6a));
	expect_clean_exit(&p);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, boot_and_unlink);
	ATF_TP_ADD_TC(tp, fork_depth0);
	ATF_TP_ADD_TC(tp, getpid_depth1);
	ATF_TP_ADD_TC(tp, fork_depth1);
	ATF_TP_ADD_TC(tp, exec_depth2);
	ATF_TP_ADD_TC(tp, exit_status_depth1);
	ATF_TP_ADD_TC(tp, stdin_to_cat);
	ATF_TP_ADD_TC(tp, badpid_unknown);
	ATF_TP_ADD_TC(tp, error_ebadf);
	ATF_TP_ADD_TC(tp, badarg_bytes);
	ATF_TP_ADD_TC(tp, unsupported_call);
	ATF_TP_ADD_TC(tp, filter_undef);
	ATF_TP_ADD_TC(tp, termsig_sigterm);
	ATF_TP_ADD_TC(tp, signal_sigusr1);
	ATF_TP_ADD_TC(tp, cpid_chain);
	ATF_TP_ADD_TC(tp, getgroups_chain);
	ATF_TP_ADD_TC(tp, readdir_chain);
	ATF_TP_ADD_TC(tp, environ_chain);
	return atf_no_error();
}
