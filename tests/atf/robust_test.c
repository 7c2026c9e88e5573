/*
 * Robustness: a stream of well-framed calls with random arguments, at depth
 * 0 and depth 1.  Every call must get exactly one reply that is a complete
 * term (a getpid at the end must then get its own exact reply), and the port
 * must stay up and exit 0 at the end with nothing on stderr.  Only calls that
 * cannot harm the machine or the port's own descriptors are drawn (no kill,
 * no file system changes, no close, read or write on random descriptors).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proto/calls.h"
#include "proto/etf.h"
#include "proto/frame.h"
#include "testlib.h"

static const int safe_calls[] = {
	CALL_cap_constant, CALL_clone_constant, CALL_fcntl_constant,
	CALL_file_constant, CALL_ioctl_constant, CALL_mount_constant,
	CALL_prctl_constant, CALL_ptrace_constant, CALL_rlimit_constant,
	CALL_seccomp_constant, CALL_signal_constant, CALL_syscall_constant,
	CALL_errno_id, CALL_getopt, CALL_version, CALL_iolist_to_bin,
	CALL_getenv, CALL_setenv, CALL_unsetenv, CALL_environ, CALL_getpid,
	CALL_getpgrp, CALL_getuid, CALL_getgid, CALL_getgroups,
	CALL_getresuid, CALL_getresgid, CALL_getcwd, CALL_gethostname,
	CALL_getrlimit, CALL_getpriority, CALL_cpid, CALL_setcpid,
	CALL_readdir, CALL_getsid, CALL_setproctitle, CALL_alloc,
};

#define NSAFE	(sizeof(safe_calls) / sizeof(safe_calls[0]))

static const char *const atoms[] = {
	"ok", "sig_info", "rlimit_nofile", "o_rdonly", "sigterm", "maxchild",
	"flowcontrol", "exit_status", "prio_process", "ptr", "alcove_rlimit",
	"", "UNKNOWN_NAME", "clone_newns", "MS_RDONLY",
};

static uint32_t rng;

static uint32_t
rnd(uint32_t n)
{
	rng = rng * 1103515245 + 12345;
	return (rng >> 8) % n;
}

/* A random term of the whole external format, depth-bounded. */
static void
random_term(struct etf_enc *e, int depth)
{
	unsigned char raw[16];
	uint32_t i, n;

	switch (rnd(depth > 3 ? 7 : 11)) {
	case 0:
		etf_put_int(e, (int64_t)rnd(300) - 20);
		break;
	case 1:
		etf_put_uint(e, (uint64_t)rnd(0xffffffff) << rnd(33));
		break;
	case 2:
		etf_put_atom(e, atoms[rnd(sizeof(atoms) / sizeof(atoms[0]))]);
		break;
	case 3:
		n = rnd(40);
		for (i = 0; i < n && i < sizeof(raw); i++)
			raw[i] = (unsigned char)rnd(256);
		etf_put_binary(e, raw, n < sizeof(raw) ? n : sizeof(raw));
		break;
	case 4:
		n = rnd(8);
		for (i = 0; i < n; i++)
			raw[i] = (unsigned char)(rnd(2) ? 'a' + rnd(26) : rnd(256));
		etf_put_string(e, raw, n);
		break;
	case 5:
		etf_put_nil(e);
		break;
	case 6:
		/* a float: NEW_FLOAT_EXT */
		raw[0] = ETF_NEW_FLOAT;
		memset(raw + 1, 0x40, 8);
		etf_put_raw(e, raw, 9);
		break;
	case 7:
	case 8:
		n = rnd(5);
		if (n > 0)
			etf_put_list(e, n);
		for (i = 0; i < n; i++)
			random_term(e, depth + 1);
		if (n > 0 && rnd(8) == 0)
			etf_put_int(e, 1);	/* an improper tail */
		else
			etf_put_nil(e);
		break;
	default:
		n = rnd(4);
		etf_put_tuple(e, n);
		for (i = 0; i < n; i++)
			random_term(e, depth + 1);
		break;
	}
}

/*
 * One CALL message: a safe call with a tuple of the call's arity (usually)
 * of random terms; sometimes trailing bytes or a cut term.
 */
static size_t
random_call(unsigned char *msg)
{
	unsigned char args[8192];
	const struct call_info *ci;
	struct etf_enc e;
	int call = safe_calls[rnd(NSAFE)];
	uint32_t i, arity;

	ci = call_info((unsigned int)call);
	arity = rnd(8) == 0 ? rnd(4) : (uint32_t)ci->arity;
	etf_enc_init(&e, args, sizeof(args) - 8);
	etf_put_version(&e);
	etf_put_tuple(&e, arity);
	for (i = 0; i < arity; i++)
		random_term(&e, 0);
	if (e.overflow)
		e.len = 3;	/* {} */
	if (rnd(20) == 0)
		args[e.len++] = 0x6a;	/* a stray byte after the tuple */
	else if (rnd(20) == 0 && e.len > 3)
		e.len--;		/* a cut term */
	return raw_call(msg, call, args, e.len);
}

/* Read the port's stdout until it closes it; how many bytes came. */
static size_t
stdout_rest(struct rawport *p)
{
	struct pollfd pf = { p->out, POLLIN, 0 };
	unsigned char chunk[4096];
	size_t got = 0;
	ssize_t n;

	for (;;) {
		ATF_REQUIRE_MSG(poll(&pf, 1, T_TIMEOUT) == 1,
		    "the port did not close its stdout after EOF");
		n = read(p->out, chunk, sizeof(chunk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return got;
		got += (size_t)n;
	}
}

static void
flood(const atf_tc_t *tc, int depth, uint32_t seed, int count)
{
	unsigned char msg[16384], reply[65540];
	struct alcove_term *t;
	struct rawport p;
	struct wb w;
	char err[1024];
	pid_t child = 0;
	size_t len, n, off;
	int k, status;

	rng = seed;
	raw_start(tc, &p);
	if (depth == 1) {
		/* fork: 00 07 00 04 00 1c 83 68 00 */
		static const unsigned char fork_call[] = { 0x00, 0x07, 0x00,
		    0x04, 0x00, 0x1c, 0x83, 0x68, 0x00 };

		raw_write(&p, fork_call, sizeof(fork_call));
		len = raw_msg(&p, reply, sizeof(reply));
		child = raw_ok_pid(reply, len);
	}
	for (k = 0; k < count; k++) {
		len = random_call(msg);
		if (depth == 1)
			len = raw_stdin(msg, (uint32_t)child, msg, len);
		raw_write(&p, msg, len);
		n = raw_msg(&p, reply, sizeof(reply));
		off = 4;
		if (depth == 1) {
			/* PROXY(child, CALL reply) */
			ATF_REQUIRE_MSG(reply[3] == TYPE_PROXY,
			    "message %d: type %d", k, reply[3]);
			ATF_REQUIRE_MSG(n >= 12 &&
			    frame_get32(reply + 4) == (uint32_t)child &&
			    frame_get16(reply + 8) == n - 10,
			    "message %d: not PROXY(%d, one message)", k,
			    (int)child);
			off = 12;
		}
		ATF_REQUIRE_MSG(reply[off - 1] == TYPE_CALL,
		    "message %d: not a reply (type %d)", k, reply[off - 1]);
		ATF_REQUIRE_MSG(alcove_term_decode(reply + off, n - off, &t) ==
		    0, "message %d: reply is not one complete term", k);
		alcove_term_free(t);
	}
	/*
	 * A getpid after the flood must get its own exact reply: a call that
	 * got two replies, or none, puts the stream out of step by one, and
	 * this read then sees a flood reply or times out.
	 */
	w.n = 0;
	wb_u8(&w, 0x83);
	wb_int(&w, depth == 1 ? child : p.pid);
	wb_frame(&w, TYPE_CALL);
	len = raw_call(msg, CALL_getpid, "\x83\x68\x00", 3);
	if (depth == 1) {
		len = raw_stdin(msg, (uint32_t)child, msg, len);
		wb_envelope(&w, TYPE_PROXY, (uint32_t)child);
	}
	raw_write(&p, msg, len);
	raw_expect(&p, w.b, w.n);
	/* At EOF nothing more comes: the port exits 0 and says nothing. */
	(void)close(p.in);
	p.in = -1;
	n = stdout_rest(&p);
	ATF_CHECK_EQ_MSG(n, 0, "%zu bytes on stdout after the last reply", n);
	status = raw_finish(&p, err, sizeof(err));
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "port status 0x%x", status);
	ATF_CHECK_STREQ_MSG(err, "", "the port's stderr: %s", err);
}

ATF_TC(random_calls_depth0);
ATF_TC_HEAD(random_calls_depth0, tc)
{
	atf_tc_set_md_var(tc, "descr", "20000 calls with random arguments at "
	    "depth 0: one complete reply each (a getpid after them gets its "
	    "own), the port exits 0 with nothing on stderr");
}
ATF_TC_BODY(random_calls_depth0, tc)
{
	flood(tc, 0, 1, 20000);
}

ATF_TC(random_calls_depth1);
ATF_TC_HEAD(random_calls_depth1, tc)
{
	atf_tc_set_md_var(tc, "descr", "20000 calls with random arguments in a "
	    "child: one complete PROXY-wrapped reply each (a getpid after them "
	    "gets its own), the port exits 0 with nothing on stderr");
}
ATF_TC_BODY(random_calls_depth1, tc)
{
	flood(tc, 1, 7, 20000);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, random_calls_depth0);
	ATF_TP_ADD_TC(tp, random_calls_depth1);
	return atf_no_error();
}
