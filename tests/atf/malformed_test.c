/*
 * The port fed malformed bytes on its stdin
 * (alcove-protocol(5), Malformed input): broken framing is fatal (one
 * diagnostic line, exec'd children signalled, exit 76); a well-framed CALL with
 * bad argument bytes answers badarg.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proto/calls.h"
#include "testlib.h"

#define EXIT_PROTOCOL	76

/* The one line the port writes on stderr for each kind of malformed input. */
#define DIAG(reason)	"alcove: malformed input: " reason "\n"
#define DIAG_LEN	DIAG("message shorter than its type field")
#define DIAG_TYPE	DIAG("unknown message type")
#define DIAG_STDIN	DIAG("STDIN message without a complete pid")
#define DIAG_CALL	DIAG("CALL message without call number and arguments")
#define DIAG_EOF	DIAG("end of input inside a message")

static const unsigned char badarg[] = { 0x00, 0x0b, 0x00, 0x04, 0x83, 0x77,
    0x06, 'b', 'a', 'd', 'a', 'r', 'g' };

/* The CALL reply that getpid in the process pid writes. */
static void
wb_getpid_reply(struct wb *w, pid_t pid)
{
	w->n = 0;
	wb_u8(w, 0x83);
	wb_int(w, pid);
	wb_frame(w, 4);
}

/* ---- talking to the port ---- */

static void
send_call(struct rawport *p, int call, const unsigned char *args, size_t n)
{
	unsigned char m[1100];

	ATF_REQUIRE(n + 6 <= sizeof(m));
	raw_write(p, m, raw_call(m, call, args, n));
}

/* getpid at the root answers the port's pid: the port is alive and in step. */
static void
check_alive(struct rawport *p)
{
	struct wb w;

	send_call(p, CALL_getpid, T_BYTES(0x83, 0x68, 0x00));
	wb_getpid_reply(&w, p->pid);
	raw_expect(p, w.b, w.n);
}

/* Fork a child of the root and return its pid from the {ok, Pid} reply. */
static pid_t
root_fork(struct rawport *p)
{
	unsigned char m[64];
	size_t n;

	send_call(p, CALL_fork, T_BYTES(0x83, 0x68, 0x00));
	n = raw_msg(p, m, sizeof(m));
	return raw_ok_pid(m, n);
}

/* Whether the port's orphans are ours (t_subreaper). */
static int reaper;

/* Start the port with its future orphans ours to reap. */
static void
start(const atf_tc_t *tc, struct rawport *p)
{
	reaper = t_subreaper();
	raw_start(tc, p);
}

/*
 * A child that has exec'd `sleep 100`, the kind of child that shutdown
 * signals (alcove-protocol(5), SHUTDOWN): a child of the root, or of the root's
 * child parent when parent > 0.  Returns its pid.
 */
static pid_t
spawn_sleeper(struct rawport *p, pid_t parent)
{
	static const unsigned char args[] = { 0x83, 0x68, 0x02,
	    0x6b, 0x00, 0x05, 's', 'l', 'e', 'e', 'p',
	    0x6c, 0x00, 0x00, 0x00, 0x02,
	    0x6b, 0x00, 0x05, 's', 'l', 'e', 'e', 'p',
	    0x6b, 0x00, 0x03, '1', '0', '0', 0x6a };
	unsigned char m[256];
	struct wb w;
	size_t n;
	pid_t pid;

	n = raw_call(m, CALL_fork, "\x83\x68\x00", 3);
	if (parent > 0)
		n = raw_stdin(m, (uint32_t)parent, m, n);
	raw_write(p, m, n);
	n = raw_msg(p, m, sizeof(m));
	if (parent > 0) {
		/* PROXY(Parent, {ok, Pid}) */
		w.n = 0;
		wb_envelope(&w, 3, (uint32_t)parent);
		ATF_REQUIRE(n > 8 && memcmp(m + 2, w.b + 2, 6) == 0);
		memmove(m, m + 8, n - 8);
		n -= 8;
	}
	pid = raw_ok_pid(m, n);

	n = raw_stdin(m, (uint32_t)pid, m, raw_call(m, CALL_execvp, args,
	    sizeof(args)));
	if (parent > 0)
		n = raw_stdin(m, (uint32_t)parent, m, n);
	raw_write(p, m, n);
	/* PROXY(Pid, CTL(fdctl_closed)): the exec happened */
	w.n = 0;
	wb_u8(&w, 0x83);
	wb_atom(&w, "fdctl_closed");
	wb_frame(&w, 6);
	wb_envelope(&w, 3, (uint32_t)pid);
	if (parent > 0)
		wb_envelope(&w, 3, (uint32_t)parent);
	raw_expect(p, w.b, w.n);
	return pid;
}

/* Read the port's stdout until it closes it; returns how many bytes came. */
static size_t
drain_stdout(struct rawport *p, unsigned char *buf, size_t size)
{
	struct pollfd pf = { p->out, POLLIN, 0 };
	unsigned char chunk[4096];
	size_t got = 0;
	ssize_t n;

	for (;;) {
		ATF_REQUIRE_MSG(poll(&pf, 1, 10000) == 1,
		    "the port did not close its stdout within 10 s");
		n = read(p->out, chunk, sizeof(chunk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (got < size)
			memcpy(buf + got, chunk,
			    (size_t)n < size - got ? (size_t)n : size - got);
		got += (size_t)n;
	}
	return got;
}

/*
 * Wait until pid, an exec'd child of the port that exited, is gone, and
 * require that signal sig ended it.
 */
static void
check_signalled(pid_t pid, int sig)
{
	int i, status = 0;
	pid_t r = 0;

	for (i = 0; i < 1000; i++) {
		if (reaper) {
			r = waitpid(pid, &status, WNOHANG);
			ATF_REQUIRE_MSG(r != -1, "waitpid(%d): %s", (int)pid,
			    strerror(errno));
			if (r == pid)
				break;
		} else if (kill(pid, 0) == -1 && errno == ESRCH)
			break;
		(void)usleep(10000);
	}
	if (i == 1000) {
		(void)kill(pid, SIGKILL);
		atf_tc_fail("the exec'd child %d still runs after the port "
		    "exited", (int)pid);
	}
	if (reaper)
		ATF_CHECK_MSG(WIFSIGNALED(status) && WTERMSIG(status) == sig,
		    "the exec'd child ended with status %#x, not signal %d",
		    status, sig);
	ATF_CHECK_MSG(kill(pid, 0) == -1 && errno == ESRCH,
	    "the exec'd child %d still exists", (int)pid);
}

/*
 * The port must now die of malformed input on its own: its stdout ends
 * with nothing more on it, it exits 76 with exactly the diagnostic line
 * diag on stderr, and its exec'd child was sent SIGTERM.
 */
static void
expect_fatal(struct rawport *p, pid_t sleeper, const char *diag)
{
	unsigned char rest[64];
	char err[1024];
	size_t n;
	int status;

	n = drain_stdout(p, rest, sizeof(rest));
	ATF_CHECK_MSG(n == 0, "%zu more bytes on stdout, first %02x", n,
	    n > 0 ? rest[0] : 0);
	status = raw_finish(p, err, sizeof(err));
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == EXIT_PROTOCOL,
	    "the port ended with status %#x, not exit %d", status,
	    EXIT_PROTOCOL);
	ATF_CHECK_STREQ_MSG(err, diag, "stderr: \"%s\"", err);
	if (sleeper > 0)
		check_signalled(sleeper, SIGTERM);
	t_reap_descendants();
}

/* The port must then stop cleanly on EOF: exit 0, nothing on stderr. */
static void
expect_clean_exit(struct rawport *p)
{
	char err[512];
	int status;

	status = raw_finish(p, err, sizeof(err));
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "status %#x", status);
	ATF_CHECK_STREQ_MSG(err, "", "stderr: %s", err);
}

/* A clean stop that leaves nothing behind. */
static void
stop(struct rawport *p)
{
	expect_clean_exit(p);
	t_reap_descendants();
}

/*
 * Start a port with an exec'd child, write bytes, optionally end stdin;
 * the port must die with the diagnostic line diag.
 */
static void
fatal_case(const atf_tc_t *tc, const char *diag, const unsigned char *bytes,
    size_t n, int eof)
{
	struct rawport p;
	pid_t sleeper;

	start(tc, &p);
	sleeper = spawn_sleeper(&p, 0);
	raw_write(&p, bytes, n);
	if (eof) {
		(void)close(p.in);
		p.in = -1;
	}
	expect_fatal(&p, sleeper, diag);
}

/*
 * The same with the malformed input split across two reads: the first
 * byte travels behind a getpid, so it has been read once the reply is
 * here, and the rest (if any) follows.
 */
static void
fatal_case_split(const atf_tc_t *tc, const char *diag, unsigned int first,
    const unsigned char *rest, size_t n, int eof)
{
	struct rawport p;
	unsigned char m[32];
	struct wb w;
	pid_t sleeper;
	size_t len;

	start(tc, &p);
	sleeper = spawn_sleeper(&p, 0);
	len = raw_call(m, CALL_getpid, "\x83\x68\x00", 3);
	m[len++] = (unsigned char)first;
	raw_write(&p, m, len);
	wb_getpid_reply(&w, p.pid);
	raw_expect(&p, w.b, w.n);
	if (n > 0)
		raw_write(&p, rest, n);
	if (eof) {
		(void)close(p.in);
		p.in = -1;
	}
	expect_fatal(&p, sleeper, diag);
}

/* ---- fatal: broken framing ---- */

T_TC(len_zero, "Len 0 is fatal, whole or split across reads: diagnostic, "
    "exec'd child signalled, exit 76")
ATF_TC_BODY(len_zero, tc)
{
	fatal_case(tc, DIAG_LEN, T_BYTES(0x00, 0x00), 0);
	fatal_case_split(tc, DIAG_LEN, 0x00, T_BYTES(0x00), 0);
}

T_TC(len_one_zero_byte, "Len 1 holding 00 (upstream: STDIN to pid 0) is fatal")
ATF_TC_BODY(len_one_zero_byte, tc)
{
	fatal_case(tc, DIAG_LEN, T_BYTES(0x00, 0x01, 0x00), 0);
}

T_TC(len_one_nonzero_byte, "Len 1 holding a non-zero byte is fatal")
ATF_TC_BODY(len_one_nonzero_byte, tc)
{
	fatal_case(tc, DIAG_LEN, T_BYTES(0x00, 0x01, 0x05), 0);
}

T_TC(unknown_type, "every message type other than STDIN and CALL is fatal")
ATF_TC_BODY(unknown_type, tc)
{
	static const unsigned int types[] = { 1, 2, 3, 5, 6, 7, 8, 0x100,
	    0xffff };
	unsigned char m[10];
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		/* Len 8: a pid and an inner Len, complete */
		memset(m, 0, sizeof(m));
		m[1] = 8;
		m[2] = types[i] >> 8;
		m[3] = types[i] & 0xff;
		m[7] = 1;
		fatal_case(tc, DIAG_TYPE, m, sizeof(m), 0);
	}
}

T_TC(stdin_short_pid, "a STDIN message with Len 2 to 5 (no whole pid) is fatal")
ATF_TC_BODY(stdin_short_pid, tc)
{
	unsigned char m[8];
	size_t len;

	for (len = 2; len <= 5; len++) {
		memset(m, 0, sizeof(m));
		m[1] = (unsigned char)len;
		fatal_case(tc, DIAG_STDIN, m, 2 + len, 0);
	}
	fatal_case_split(tc, DIAG_STDIN, 0x00, T_BYTES(0x05, 0x00, 0x00, 0x00,
	    0x00, 0x01), 0);
}

T_TC(call_short, "a CALL message with Len 2 to 4 (no call number and "
    "argument byte) is fatal")
ATF_TC_BODY(call_short, tc)
{
	fatal_case(tc, DIAG_CALL, T_BYTES(0x00, 0x02, 0x00, 0x04), 0);
	fatal_case(tc, DIAG_CALL, T_BYTES(0x00, 0x03, 0x00, 0x04, 0x00), 0);
	fatal_case(tc, DIAG_CALL, T_BYTES(0x00, 0x04, 0x00, 0x04, 0x00, 0x24),
	    0);
	fatal_case_split(tc, DIAG_CALL, 0x00, T_BYTES(0x04, 0x00, 0x04, 0x00,
	    0x24), 0);
}

T_TC(eof_inside_message, "EOF inside a message header, CALL body or STDIN "
    "payload is fatal")
ATF_TC_BODY(eof_inside_message, tc)
{
	/* after the length, inside the type */
	fatal_case(tc, DIAG_EOF, T_BYTES(0x00, 0x07, 0x00), 1);
	/* after the header */
	fatal_case(tc, DIAG_EOF, T_BYTES(0x00, 0x07, 0x00, 0x04), 1);
	/* inside the argument bytes */
	fatal_case(tc, DIAG_EOF, T_BYTES(0x00, 0x07, 0x00, 0x04, 0x00, 0x24,
	    0x83, 0x68), 1);
	/* inside a STDIN payload to an unknown pid */
	fatal_case(tc, DIAG_EOF, T_BYTES(0x00, 0x0f, 0x00, 0x00, 0x00, 0x00,
	    0x30, 0x39, 0x00, 0x07, 0x00), 1);
}

T_TC(eof_after_one_length_byte, "EOF after the first of the two length "
    "bytes is fatal")
ATF_TC_BODY(eof_after_one_length_byte, tc)
{
	fatal_case(tc, DIAG_EOF, T_BYTES(0x00), 1);
	fatal_case_split(tc, DIAG_EOF, 0x00, NULL, 0, 1);
}

T_TC(malformed_after_call, "a call, a malformed frame and a call in one write: "
    "one reply, then nothing more, exit 76")
ATF_TC_BODY(malformed_after_call, tc)
{
	struct rawport p;
	unsigned char m[32];
	struct wb w;
	pid_t sleeper;
	size_t n;

	start(tc, &p);
	sleeper = spawn_sleeper(&p, 0);
	n = raw_call(m, CALL_getpid, "\x83\x68\x00", 3);
	m[n++] = 0x00;
	m[n++] = 0x00;
	/* a call after the malformed frame must not be answered */
	n += raw_call(m + n, CALL_getpid, "\x83\x68\x00", 3);
	raw_write(&p, m, n);
	wb_getpid_reply(&w, p.pid);
	raw_expect(&p, w.b, w.n);
	expect_fatal(&p, sleeper, DIAG_LEN);
}

T_TC(malformed_in_child, "malformed input to a forked child ends that child "
    "(exit 76, diagnostic, its exec'd child signalled); the root goes on")
ATF_TC_BODY(malformed_in_child, tc)
{
	struct rawport p;
	unsigned char m[512], ctl[64], ev[64];
	char err[512];
	size_t n, errlen = 0, ctllen, evlen;
	struct wb w;
	pid_t child, sleeper;
	int fdctl = 0;

	start(tc, &p);
	child = root_fork(&p);
	sleeper = spawn_sleeper(&p, child);
	raw_write(&p, m, raw_stdin(m, (uint32_t)child, "\x00\x00", 2));

	/* the messages the root writes about the child */
	w.n = 0;
	wb_u8(&w, 0x83);
	wb_atom(&w, "fdctl_closed");
	wb_frame(&w, 6);
	wb_envelope(&w, 3, (uint32_t)child);
	memcpy(ctl, w.b, w.n);
	ctllen = w.n;
	w.n = 0;
	wb_raw(&w, T_BYTES(0x83, 0x68, 0x02));
	wb_atom(&w, "exit_status");
	wb_int(&w, EXIT_PROTOCOL);
	wb_frame(&w, 5);
	wb_envelope(&w, 3, (uint32_t)child);
	memcpy(ev, w.b, w.n);
	evlen = w.n;

	/* stderr data and fdctl_closed in either order, then exit_status */
	for (;;) {
		n = raw_msg(&p, m, sizeof(m));
		if (n == evlen && memcmp(m, ev, n) == 0)
			break;
		if (n == ctllen && memcmp(m, ctl, n) == 0) {
			fdctl++;
			continue;
		}
		ATF_REQUIRE_MSG(n >= 8 && m[2] == 0 && m[3] == 2 &&
		    m[4] == (uint32_t)child >> 24 &&
		    m[5] == (((uint32_t)child >> 16) & 0xff) &&
		    m[6] == (((uint32_t)child >> 8) & 0xff) &&
		    m[7] == ((uint32_t)child & 0xff),
		    "unexpected message of type %u, %zu bytes", m[3], n);
		ATF_REQUIRE(errlen + n - 8 < sizeof(err));
		memcpy(err + errlen, m + 8, n - 8);
		errlen += n - 8;
	}
	err[errlen] = '\0';
	ATF_CHECK_EQ_MSG(fdctl, 1, "%d fdctl_closed before exit_status", fdctl);
	ATF_CHECK_STREQ_MSG(err, DIAG_LEN, "the child's stderr: \"%s\"", err);

	check_signalled(sleeper, SIGTERM);
	check_alive(&p);
	/* the child is gone from the table: STDIN to it is badpid */
	raw_write(&p, m, raw_stdin(m, (uint32_t)child, m,
	    raw_call(m, CALL_getpid, "\x83\x68\x00", 3)));
	w.n = 0;
	wb_u8(&w, 0x83);
	wb_atom(&w, "badpid");
	wb_frame(&w, 6);
	wb_envelope(&w, 3, (uint32_t)child);
	raw_expect(&p, w.b, w.n);
	stop(&p);
}

/* ---- not fatal: a CALL that frames but has bad arguments ---- */

/* Send a CALL, require exactly badarg, then require the port in step. */
static void
expect_badarg(struct rawport *p, int call, const unsigned char *args,
    size_t n)
{
	send_call(p, call, args, n);
	raw_expect(p, badarg, sizeof(badarg));
	check_alive(p);
}

T_TC(badarg_bad_version, "argument bytes not starting with 131 reply badarg")
ATF_TC_BODY(badarg_bad_version, tc)
{
	struct rawport p;

	start(tc, &p);
	expect_badarg(&p, CALL_getpid, T_BYTES(0x82, 0x68, 0x00));
	expect_badarg(&p, CALL_getpid, T_BYTES(0x00, 0x68, 0x00));
	expect_badarg(&p, CALL_getpid, T_BYTES(0x68, 0x00));
	stop(&p);
}

T_TC(badarg_compressed, "a compressed term (83 50 ...) replies badarg")
ATF_TC_BODY(badarg_compressed, tc)
{
	struct rawport p;

	start(tc, &p);
	/* {} compressed with zlib */
	expect_badarg(&p, CALL_getpid, T_BYTES(0x83, 0x50, 0x00, 0x00, 0x00,
	    0x02, 0x78, 0x9c, 0xcb, 0x60, 0x00, 0x00, 0x00, 0xd2, 0x00,
	    0x69));
	expect_badarg(&p, CALL_getpid, T_BYTES(0x83, 0x50));
	stop(&p);
}

T_TC(badarg_not_a_tuple, "an argument term that is not a tuple replies badarg")
ATF_TC_BODY(badarg_not_a_tuple, tc)
{
	struct rawport p;

	start(tc, &p);
	expect_badarg(&p, CALL_getpid, T_BYTES(0x83, 0x6a));
	expect_badarg(&p, CALL_getpid, T_BYTES(0x83, 0x61, 0x00));
	expect_badarg(&p, CALL_getpid, T_BYTES(0x83, 0x77, 0x02, 'o', 'k'));
	expect_badarg(&p, CALL_close, T_BYTES(0x83, 0x6c, 0x00, 0x00, 0x00,
	    0x01, 0x61, 0x01, 0x6a));
	expect_badarg(&p, CALL_close, T_BYTES(0x83, 0x6d, 0x00, 0x00, 0x00,
	    0x00));
	stop(&p);
}

T_TC(badarg_truncated, "a term cut short inside the frame (83 68, 83, an "
    "element cut) replies badarg")
ATF_TC_BODY(badarg_truncated, tc)
{
	struct rawport p;

	start(tc, &p);
	/* upstream read the missing arity as 0 and answered getpid */
	expect_badarg(&p, CALL_getpid, T_BYTES(0x83, 0x68));
	/* Len 5: the version byte alone */
	expect_badarg(&p, CALL_getpid, T_BYTES(0x83));
	expect_badarg(&p, CALL_getpid, T_BYTES(0x83, 0x69, 0x00, 0x00));
	expect_badarg(&p, CALL_close, T_BYTES(0x83, 0x68, 0x01));
	expect_badarg(&p, CALL_close, T_BYTES(0x83, 0x68, 0x01, 0x62, 0xff,
	    0xff));
	/* upstream answered <<65,0>> for this one */
	expect_badarg(&p, 45, T_BYTES(0x83, 0x68, 0x01, 0x6d, 0x00, 0x00, 0x00,
	    0x02, 0x41));
	stop(&p);
}

T_TC(badarg_trailing_bytes, "bytes after the argument tuple reply badarg")
ATF_TC_BODY(badarg_trailing_bytes, tc)
{
	struct rawport p;

	start(tc, &p);
	expect_badarg(&p, CALL_getpid, T_BYTES(0x83, 0x68, 0x00, 0x00));
	expect_badarg(&p, CALL_getpid, T_BYTES(0x83, 0x68, 0x00, 0x83, 0x68,
	    0x00));
	expect_badarg(&p, CALL_close, T_BYTES(0x83, 0x68, 0x01, 0x62, 0xff,
	    0xff, 0xff, 0xff, 0x6a));
	stop(&p);
}

T_TC(badarg_wrong_arity, "a complete tuple of the wrong arity replies badarg")
ATF_TC_BODY(badarg_wrong_arity, tc)
{
	struct rawport p;

	start(tc, &p);
	expect_badarg(&p, CALL_getpid, T_BYTES(0x83, 0x68, 0x01, 0x6a));
	expect_badarg(&p, CALL_close, T_BYTES(0x83, 0x68, 0x00));
	expect_badarg(&p, CALL_close, T_BYTES(0x83, 0x68, 0x02, 0x61, 0x01,
	    0x61, 0x02));
	expect_badarg(&p, CALL_close, T_BYTES(0x83, 0x69, 0x00, 0x00, 0x00,
	    0x02, 0x61, 0x01, 0x61, 0x02));
	stop(&p);
}

T_TC(badarg_call_number, "call numbers 100 and above reply badarg")
ATF_TC_BODY(badarg_call_number, tc)
{
	struct rawport p;

	start(tc, &p);
	expect_badarg(&p, 100, T_BYTES(0x83, 0x68, 0x00));
	expect_badarg(&p, 255, T_BYTES(0x83, 0x68, 0x00));
	expect_badarg(&p, 0x1024, T_BYTES(0x83, 0x68, 0x00));
	expect_badarg(&p, 0xffff, T_BYTES(0x83, 0x68, 0x00));
	stop(&p);
}

T_TC(badarg_element_type, "a well-formed element of the wrong type (float, "
    "map, pid, atom, binary) replies badarg")
ATF_TC_BODY(badarg_element_type, tc)
{
	struct rawport p;

	start(tc, &p);
	/* close(1.0) */
	expect_badarg(&p, CALL_close, T_BYTES(0x83, 0x68, 0x01, 0x46, 0x3f,
	    0xf0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00));
	/* close(#{}) */
	expect_badarg(&p, CALL_close, T_BYTES(0x83, 0x68, 0x01, 0x74, 0x00,
	    0x00, 0x00, 0x00));
	/* close(<0.42.0>) */
	expect_badarg(&p, CALL_close, T_BYTES(0x83, 0x68, 0x01, 0x58, 0x77,
	    0x01, 'n', 0x00, 0x00, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x00, 0x00,
	    0x00, 0x00, 0x00));
	/* close(ok), close(<<1>>), close(2^32) */
	expect_badarg(&p, CALL_close, T_BYTES(0x83, 0x68, 0x01, 0x77, 0x02,
	    'o', 'k'));
	expect_badarg(&p, CALL_close, T_BYTES(0x83, 0x68, 0x01, 0x6d, 0x00,
	    0x00, 0x00, 0x01, 0x01));
	expect_badarg(&p, CALL_close, T_BYTES(0x83, 0x68, 0x01, 0x6e, 0x05,
	    0x00, 0x00, 0x00, 0x00, 0x00, 0x01));
	stop(&p);
}

/* The largest argument bytes a CALL frame holds: Len 65535. */
#define ARGS_MAX	(65535 - 4)

/* Like expect_badarg, for argument bytes up to ARGS_MAX. */
static void
expect_badarg_big(struct rawport *p, int call, const unsigned char *args,
    size_t n)
{
	unsigned char *m;

	ATF_REQUIRE(n <= ARGS_MAX);
	ATF_REQUIRE((m = malloc(n + 6)) != NULL);
	raw_write(p, m, raw_call(m, call, args, n));
	free(m);
	raw_expect(p, badarg, sizeof(badarg));
	check_alive(p);
}

T_TC(badarg_nested_deep, "arguments nested thousands of levels deep (lists "
    "in iolist_to_bin and close, tuples in getpid) reply badarg")
ATF_TC_BODY(badarg_nested_deep, tc)
{
	struct rawport p;
	unsigned char *a;
	size_t n;
	int i;

	ATF_REQUIRE((a = malloc(ARGS_MAX)) != NULL);
	start(tc, &p);
	/* iolist_to_bin({[[...[<<"a">>]...]]}), 10000 levels */
	n = 0;
	a[n++] = 0x83;
	a[n++] = 0x68;
	a[n++] = 0x01;
	n += t_etf_nested(a + n, 10000);
	expect_badarg_big(&p, CALL_iolist_to_bin, a, n);
	/* close([[...[<<"a">>]...]]) */
	expect_badarg_big(&p, CALL_close, a, n);
	/* getpid({{...{}...}}), as deep as the frame allows */
	n = 0;
	a[n++] = 0x83;
	a[n++] = 0x68;
	a[n++] = 0x01;
	for (i = 0; n + 4 <= ARGS_MAX; i++) {
		a[n++] = 0x68;
		a[n++] = 0x01;
	}
	a[n++] = 0x68;
	a[n++] = 0x00;
	ATF_REQUIRE(i > 30000);
	expect_badarg_big(&p, CALL_getpid, a, n);
	stop(&p);
	free(a);
}

T_TC(badarg_oversized, "a CALL of the largest Len with trailing bytes, and "
    "elements claiming 2^32-1 bytes or elements, reply badarg")
ATF_TC_BODY(badarg_oversized, tc)
{
	struct rawport p;
	unsigned char *a;

	ATF_REQUIRE((a = calloc(1, ARGS_MAX)) != NULL);
	start(tc, &p);
	/* getpid({}) and 65528 zero bytes after it, in a frame of Len 65535 */
	memcpy(a, "\x83\x68\x00", 3);
	expect_badarg_big(&p, CALL_getpid, a, ARGS_MAX);
	/* close(<<...>>) of 2^32-1 bytes; close([...]) of 2^32-1 elements */
	expect_badarg(&p, CALL_close, T_BYTES(0x83, 0x68, 0x01, 0x6d, 0xff,
	    0xff, 0xff, 0xff, 0x01));
	expect_badarg(&p, CALL_close, T_BYTES(0x83, 0x68, 0x01, 0x6c, 0xff,
	    0xff, 0xff, 0xff, 0x61, 0x01, 0x6a));
	/* a tuple of 2^32-1 elements; a string of 65535 bytes */
	expect_badarg(&p, CALL_getpid, T_BYTES(0x83, 0x69, 0xff, 0xff, 0xff,
	    0xff, 0x6a));
	expect_badarg(&p, CALL_close, T_BYTES(0x83, 0x68, 0x01, 0x6b, 0xff,
	    0xff, 'a'));
	stop(&p);
	free(a);
}

T_TC(large_tuple_arguments, "an argument tuple encoded as LARGE_TUPLE_EXT is "
    "accepted")
ATF_TC_BODY(large_tuple_arguments, tc)
{
	struct rawport p;
	struct wb w;

	start(tc, &p);
	send_call(&p, CALL_getpid, T_BYTES(0x83, 0x69, 0x00, 0x00, 0x00, 0x00));
	wb_getpid_reply(&w, p.pid);
	raw_expect(&p, w.b, w.n);
	stop(&p);
}

/* ---- badpid ---- */

/* STDIN(pid, getpid) must come back as PROXY(pid, CTL(badpid)). */
static void
expect_badpid(struct rawport *p, uint32_t pid)
{
	unsigned char m[64];
	struct wb w;

	raw_write(p, m, raw_stdin(m, pid, m,
	    raw_call(m, CALL_getpid, "\x83\x68\x00", 3)));
	w.n = 0;
	wb_raw(&w, T_BYTES(0x83, 0x77, 0x06, 'b', 'a', 'd', 'p', 'i', 'd'));
	wb_frame(&w, 6);
	wb_envelope(&w, 3, pid);
	raw_expect(p, w.b, w.n);
}

T_TC(badpid_pid_zero, "STDIN to pid 0 answers PROXY(0, CTL(badpid)), an "
    "empty payload too")
ATF_TC_BODY(badpid_pid_zero, tc)
{
	static const unsigned char want[] = { 0x00, 0x13, 0x00, 0x03, 0x00,
	    0x00, 0x00, 0x00, 0x00, 0x0b, 0x00, 0x06, 0x83, 0x77, 0x06, 'b',
	    'a', 'd', 'p', 'i', 'd' };
	struct rawport p;

	start(tc, &p);
	expect_badpid(&p, 0);
	raw_write(&p, T_BYTES(0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00));
	raw_expect(&p, want, sizeof(want));
	check_alive(&p);
	stop(&p);
}

T_TC(badpid_negative, "STDIN to a negative pid answers badpid with the pid "
    "as sent")
ATF_TC_BODY(badpid_negative, tc)
{
	static const unsigned char want[] = { 0x00, 0x13, 0x00, 0x03, 0xff,
	    0xff, 0xff, 0xff, 0x00, 0x0b, 0x00, 0x06, 0x83, 0x77, 0x06, 'b',
	    'a', 'd', 'p', 'i', 'd' };
	struct rawport p;
	unsigned char m[64];

	start(tc, &p);
	raw_write(&p, m, raw_stdin(m, 0xffffffffu, m,
	    raw_call(m, CALL_getpid, "\x83\x68\x00", 3)));
	raw_expect(&p, want, sizeof(want));
	expect_badpid(&p, 0x80000000u);
	/* the negative of the port's own pid names no child either */
	expect_badpid(&p, (uint32_t)-p.pid);
	check_alive(&p);
	stop(&p);
}

T_TC(badpid_unknown, "STDIN to a pid not in the child table answers badpid, "
    "at the root and below a child")
ATF_TC_BODY(badpid_unknown, tc)
{
	/* alcove-protocol(5), EXAMPLES: a pid the root does not know */
	static const unsigned char want[] = { 0x00, 0x13, 0x00, 0x03, 0x00,
	    0xbc, 0x61, 0x4e, 0x00, 0x0b, 0x00, 0x06, 0x83, 0x77, 0x06, 'b',
	    'a', 'd', 'p', 'i', 'd' };
	struct rawport p;
	unsigned char m[64];
	struct wb w;
	pid_t child;

	start(tc, &p);
	raw_write(&p, T_BYTES(0x00, 0x0f, 0x00, 0x00, 0x00, 0xbc, 0x61, 0x4e,
	    0x00, 0x07, 0x00, 0x04, 0x00, 0x24, 0x83, 0x68, 0x00));
	raw_expect(&p, want, sizeof(want));
	/* the port itself and its parent are not its children */
	expect_badpid(&p, (uint32_t)p.pid);
	expect_badpid(&p, (uint32_t)getpid());

	/* [Child, 424242]: the CTL comes from the child */
	child = root_fork(&p);
	raw_write(&p, m, raw_stdin(m, (uint32_t)child, m, raw_stdin(m,
	    424242, m, raw_call(m, CALL_getpid, "\x83\x68\x00", 3))));
	w.n = 0;
	wb_raw(&w, T_BYTES(0x83, 0x77, 0x06, 'b', 'a', 'd', 'p', 'i', 'd'));
	wb_frame(&w, 6);
	wb_envelope(&w, 3, 424242);
	wb_envelope(&w, 3, (uint32_t)child);
	raw_expect(&p, w.b, w.n);
	check_alive(&p);
	stop(&p);
}

/* ---- the end of input ---- */

T_TC(eof_at_boundary, "EOF at a message boundary: exit 0, nothing on stderr "
    "or stdout, exec'd child signalled")
ATF_TC_BODY(eof_at_boundary, tc)
{
	struct rawport p;
	unsigned char rest[64];
	pid_t sleeper;
	size_t n;

	start(tc, &p);
	sleeper = spawn_sleeper(&p, 0);
	check_alive(&p);
	(void)close(p.in);
	p.in = -1;
	n = drain_stdout(&p, rest, sizeof(rest));
	ATF_CHECK_EQ_MSG(n, 0, "%zu bytes on stdout after EOF", n);
	expect_clean_exit(&p);
	check_signalled(sleeper, SIGTERM);
	t_reap_descendants();
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, len_zero);
	ATF_TP_ADD_TC(tp, len_one_zero_byte);
	ATF_TP_ADD_TC(tp, len_one_nonzero_byte);
	ATF_TP_ADD_TC(tp, unknown_type);
	ATF_TP_ADD_TC(tp, stdin_short_pid);
	ATF_TP_ADD_TC(tp, call_short);
	ATF_TP_ADD_TC(tp, eof_inside_message);
	ATF_TP_ADD_TC(tp, eof_after_one_length_byte);
	ATF_TP_ADD_TC(tp, malformed_after_call);
	ATF_TP_ADD_TC(tp, malformed_in_child);
	ATF_TP_ADD_TC(tp, badarg_bad_version);
	ATF_TP_ADD_TC(tp, badarg_compressed);
	ATF_TP_ADD_TC(tp, badarg_not_a_tuple);
	ATF_TP_ADD_TC(tp, badarg_truncated);
	ATF_TP_ADD_TC(tp, badarg_trailing_bytes);
	ATF_TP_ADD_TC(tp, badarg_wrong_arity);
	ATF_TP_ADD_TC(tp, badarg_call_number);
	ATF_TP_ADD_TC(tp, badarg_element_type);
	ATF_TP_ADD_TC(tp, badarg_nested_deep);
	ATF_TP_ADD_TC(tp, badarg_oversized);
	ATF_TP_ADD_TC(tp, large_tuple_arguments);
	ATF_TP_ADD_TC(tp, badpid_pid_zero);
	ATF_TP_ADD_TC(tp, badpid_negative);
	ATF_TP_ADD_TC(tp, badpid_unknown);
	ATF_TP_ADD_TC(tp, eof_at_boundary);
	return atf_no_error();
}
