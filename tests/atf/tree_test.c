/*
 * The process tree: routing by fork path, the depth and child limits,
 * unknown pids, exec in the middle of a chain and the child table (cpid).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proto/calls.h"
#include "testlib.h"


static int
is_tuple2_atoms(const struct alcove_term *t, const char *a, const char *b)
{
	return t != NULL && t->type == ALCOVE_TERM_TUPLE && t->n == 2 &&
	    alcove_term_atom(&t->e[0], a) && alcove_term_atom(&t->e[1], b);
}

/* The child table of the process at path; the caller frees it. */
static struct alcove_pid *
cpid(struct alcove *h, const pid_t *path, size_t npath, size_t *n)
{
	struct alcove_pid *list;

	T_OK(alcove_cpid(h, path, npath, &list, n));
	return list;
}

/* What descriptor fd of process pid refers to ("pipe:[123]"), or "". */
static const char *
fd_link(pid_t pid, int fd, char *buf, size_t size)
{
	char path[64];
	ssize_t n;

	(void)snprintf(path, sizeof(path), "/proc/%ld/fd/%d", (long)pid, fd);
	if ((n = readlink(path, buf, size - 1)) < 0)
		n = 0;
	buf[n] = '\0';
	return buf;
}

/* The open flags of descriptor fd of process pid, O_CLOEXEC included. */
static long
fd_flags(pid_t pid, int fd)
{
	char path[64], line[128];
	long flags = -1;
	FILE *f;

	(void)snprintf(path, sizeof(path), "/proc/%ld/fdinfo/%d", (long)pid,
	    fd);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "flags: %lo", &flags) == 1)
			break;
	(void)fclose(f);
	return flags;
}

/* The next event for path must be {exit_status, status}. */
static void
expect_exit(struct alcove *h, const pid_t *path, size_t npath, int status)
{
	struct alcove_msg *m = t_recv(h, path, npath, ALCOVE_MSG_EVENT);
	int st;

	ATF_REQUIRE_MSG(alcove_msg_exit(m, &st) == 0, "not an exit event");
	ATF_CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == status,
	    "wait status 0x%x, expected exit %d", st, status);
	alcove_msg_free(m);
}

/* The next message for path must be this CTL atom. */
static void
expect_ctl(struct alcove *h, const pid_t *path, size_t npath,
    const char *atom)
{
	struct alcove_msg *m = t_recv(h, path, npath, ALCOVE_MSG_ANY);

	ATF_REQUIRE_MSG(m->type == ALCOVE_MSG_CTL &&
	    strcmp((char *)m->data, atom) == 0, "expected CTL %s, got type %d",
	    atom, m->type);
	alcove_msg_free(m);
}

/* Nothing at all is waiting for path. */
static void
expect_nothing(struct alcove *h, const pid_t *path, size_t npath)
{
	struct alcove_msg *m = NULL;
	int err;

	err = alcove_recv(h, path, npath, ALCOVE_MSG_ANY, 0, &m);
	ATF_CHECK_MSG(err == ALCOVE_ETIMEDOUT, "unexpected message type %d",
	    m != NULL ? m->type : 0);
	alcove_msg_free(m);
}

/* ---- the byte-level port ---- */

/* CALL execvp(Argv[0], Argv), the strings as binaries, in buf (size). */
static size_t
raw_execv(unsigned char *buf, size_t size, char *const argv[])
{
	struct wb a;
	size_t argc;

	for (argc = 0; argv[argc] != NULL; argc++)
		;
	a.n = 0;
	wb_u8(&a, 0x83);
	wb_u8(&a, 0x68);
	wb_u8(&a, 2);
	wb_binary(&a, argv[0], strlen(argv[0]));
	wb_u8(&a, 0x6c);
	wb_u32(&a, (uint32_t)argc);
	for (argc = 0; argv[argc] != NULL; argc++)
		wb_binary(&a, argv[argc], strlen(argv[argc]));
	wb_u8(&a, 0x6a);
	ATF_REQUIRE_MSG(6 + a.n <= size, "a CALL of %zu bytes", 6 + a.n);
	return raw_call(buf, CALL_execvp, a.b, a.n);
}

/* CALL execvp(File, [File]) */
static size_t
raw_execvp(unsigned char *buf, size_t size, const char *file)
{
	char *argv[2];

	argv[0] = (char *)file;
	argv[1] = NULL;
	return raw_execv(buf, size, argv);
}

static pid_t
raw_fork(struct rawport *p)
{
	unsigned char msg[64];

	raw_write(p, msg, raw_call(msg, CALL_fork, "\x83\x68\x00", 3));
	return raw_ok_pid(msg, raw_msg(p, msg, sizeof(msg)));
}

/* The next whole message the port wrote; returns its size. */
static size_t
ob_msg(struct rawport *p, struct outbuf *ob, unsigned char *buf,
    size_t size)
{
	size_t len;

	ob_bytes(p, ob, buf, 2);
	len = (size_t)buf[0] << 8 | buf[1];
	ATF_REQUIRE_MSG(len + 2 <= size, "a message of %zu bytes, type %u",
	    len + 2, (unsigned)ob->data[ob->off] << 8 | ob->data[ob->off + 1]);
	ob_bytes(p, ob, buf + 2, len);
	return len + 2;
}

/* Read STDOUT(Pid, ...) messages until total bytes; nothing else may come. */
static void
ob_stdout(struct rawport *p, struct outbuf *ob, pid_t pid,
    unsigned char *data, size_t total)
{
	unsigned char hdr[8], want[4];
	size_t got = 0, n;

	(void)t_put32(want, (uint32_t)pid);
	while (got < total) {
		ob_bytes(p, ob, hdr, 8);
		n = ((size_t)hdr[0] << 8 | hdr[1]);
		ATF_REQUIRE_MSG(n > 6 && hdr[2] == 0 && hdr[3] == 1 &&
		    memcmp(hdr + 4, want, 4) == 0,
		    "not STDOUT(C, Data) after %zu bytes", got);
		n -= 6;
		ATF_REQUIRE_MSG(got + n <= total, "more output than input");
		ob_bytes(p, ob, data + got, n);
		got += n;
	}
}

/* The program's input after "hello\n": bytes that encode their offset. */
static void
pattern(unsigned char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (unsigned char)((i >> 8) ^ (i * 31));
}

/* ---- the cases ---- */

ATF_TC(fork_depth);
ATF_TC_HEAD(fork_depth, tc)
{
	atf_tc_set_md_var(tc, "descr", "a chain of 16 forks is routed by "
	    "path at every depth; a fork at depth 16 answers {error, eagain}");
}
ATF_TC_BODY(fork_depth, tc)
{
	struct alcove *h = t_start(tc);
	struct alcove_term *t;
	pid_t path[17], other[16], pid, extra;
	size_t k;

	t_fork_chain(h, path, 0, 16);
	for (k = 1; k <= 16; k++) {
		T_OK(alcove_getpid(h, path, k, &pid));
		ATF_CHECK_EQ_MSG(pid, path[k - 1], "getpid at depth %zu", k);
	}
	/* Every process is distinct. */
	for (k = 1; k < 16; k++)
		ATF_CHECK(path[k] != path[k - 1] && path[k] > 0);
	T_OK(alcove_call(h, path, 16, alcove_call_number("fork"),
	    ALCOVE_DEFAULT, &t, ""));
	ATF_CHECK_MSG(is_tuple2_atoms(t, "error", "eagain"),
	    "fork at depth 16 did not answer {error, eagain}");
	alcove_term_free(t);
	T_ERR(EAGAIN, alcove_fork(h, path, 16, &extra));
	/* The depth-15 process can still fork a second child. */
	memcpy(other, path, 15 * sizeof(path[0]));
	T_OK(alcove_fork(h, path, 15, &other[15]));
	T_OK(alcove_getpid(h, other, 16, &pid));
	ATF_CHECK_EQ(pid, other[15]);
	ATF_CHECK(other[15] != path[15]);
	T_OK(alcove_getpid(h, NULL, 0, &pid));
	ATF_CHECK_EQ(pid, alcove_port_pid(h));
	t_stop(h);
}

ATF_TC(maxforkdepth);
ATF_TC_HEAD(maxforkdepth, tc)
{
	atf_tc_set_md_var(tc, "descr", "maxforkdepth is copied at fork: "
	    "raising it at the root does not let depth 16 fork, raising it in "
	    "the depth-16 process does, and depth 17 then stops");
}
ATF_TC_BODY(maxforkdepth, tc)
{
	struct alcove *h = t_start(tc);
	pid_t path[18], pid;
	int v;

	t_fork_chain(h, path, 0, 16);
	T_OK(alcove_getopt(h, path, 16, "maxforkdepth", &v));
	ATF_CHECK_EQ(v, 16);

	/* Options are copied when a child is made, not shared later. */
	T_OK(alcove_setopt(h, NULL, 0, "maxforkdepth", 17));
	T_OK(alcove_getopt(h, NULL, 0, "maxforkdepth", &v));
	ATF_CHECK_EQ(v, 17);
	T_OK(alcove_getopt(h, path, 16, "maxforkdepth", &v));
	ATF_CHECK_EQ(v, 16);
	T_ERR(EAGAIN, alcove_fork(h, path, 16, &pid));

	/* depth < maxforkdepth: 16 < 17 */
	T_OK(alcove_setopt(h, path, 16, "maxforkdepth", 17));
	T_OK(alcove_fork(h, path, 16, &path[16]));
	T_OK(alcove_getpid(h, path, 17, &pid));
	ATF_CHECK_EQ(pid, path[16]);
	T_OK(alcove_getopt(h, path, 17, "maxforkdepth", &v));
	ATF_CHECK_EQ(v, 17);
	/* 17 < 17 does not hold */
	T_ERR(EAGAIN, alcove_fork(h, path, 17, &pid));
	T_OK(alcove_getpid(h, path, 17, &pid));
	ATF_CHECK_EQ(pid, path[16]);
	t_stop(h);
}

ATF_TC(maxchild_limit);
ATF_TC_HEAD(maxchild_limit, tc)
{
	atf_tc_set_md_var(tc, "descr", "with maxchild 2 two forks succeed, "
	    "a third answers eagain, and maxchild cannot drop to 1");
}
ATF_TC_BODY(maxchild_limit, tc)
{
	struct alcove *h = t_start(tc);
	struct alcove_term *t;
	struct alcove_pid *list;
	pid_t c[3];
	size_t n;
	int v;

	T_OK(alcove_setopt(h, NULL, 0, "maxchild", 2));
	T_OK(alcove_getopt(h, NULL, 0, "maxchild", &v));
	ATF_CHECK_EQ(v, 2);
	T_OK(alcove_fork(h, NULL, 0, &c[0]));
	T_OK(alcove_fork(h, NULL, 0, &c[1]));
	T_OK(alcove_call(h, NULL, 0, alcove_call_number("fork"),
	    ALCOVE_DEFAULT, &t, ""));
	ATF_CHECK_MSG(is_tuple2_atoms(t, "error", "eagain"),
	    "a third fork did not answer {error, eagain}");
	alcove_term_free(t);
	T_ERR(EAGAIN, alcove_fork(h, NULL, 0, &c[2]));

	T_OK(alcove_call(h, NULL, 0, alcove_call_number("setopt"),
	    ALCOVE_DEFAULT, &t, "ai", "maxchild", 1));
	ATF_CHECK_MSG(alcove_term_atom(t, "false"),
	    "setopt(maxchild, 1) with two children did not answer false");
	alcove_term_free(t);
	T_OK(alcove_getopt(h, NULL, 0, "maxchild", &v));
	ATF_CHECK_EQ(v, 2);

	list = cpid(h, NULL, 0, &n);
	ATF_REQUIRE_EQ(n, 2);
	ATF_CHECK_EQ(list[0].pid, c[0]);
	ATF_CHECK_EQ(list[1].pid, c[1]);
	free(list);
	t_stop(h);
}

ATF_TC(maxchild_slot);
ATF_TC_HEAD(maxchild_slot, tc)
{
	atf_tc_set_md_var(tc, "descr", "setopt(maxchild, 1) answers false "
	    "while a child sits in slot 1, even when slot 0 is free "
	    "(alcove-protocol(5), OPTIONS)");
}
ATF_TC_BODY(maxchild_slot, tc)
{
	struct alcove *h = t_start(tc);
	struct alcove_term *t;
	struct alcove_pid *list;
	pid_t c0, c1, c2, x;
	size_t n;
	int v;

	T_OK(alcove_setopt(h, NULL, 0, "maxchild", 2));
	T_OK(alcove_fork(h, NULL, 0, &c0));
	T_OK(alcove_fork(h, NULL, 0, &c1));

	/* The child in slot 0 exits; its slot is released. */
	T_OK(alcove_exit(h, &c0, 1, 0));
	expect_exit(h, &c0, 1, 0);
	list = cpid(h, NULL, 0, &n);
	ATF_REQUIRE_EQ_MSG(n, 1, "cpid lists %zu children", n);
	ATF_CHECK_EQ(list[0].pid, c1);
	free(list);

	T_OK(alcove_call(h, NULL, 0, alcove_call_number("setopt"),
	    ALCOVE_DEFAULT, &t, "ai", "maxchild", 1));
	ATF_CHECK_MSG(alcove_term_atom(t, "false"),
	    "setopt(maxchild, 1) with a child in slot 1 did not answer false");
	alcove_term_free(t);
	T_OK(alcove_getopt(h, NULL, 0, "maxchild", &v));
	ATF_CHECK_EQ(v, 2);
	/* The child in slot 1 is not forgotten. */
	T_OK(alcove_getpid(h, &c1, 1, &x));
	ATF_CHECK_EQ(x, c1);

	/* A new child takes the lowest free slot. */
	T_OK(alcove_fork(h, NULL, 0, &c2));
	list = cpid(h, NULL, 0, &n);
	ATF_REQUIRE_EQ(n, 2);
	ATF_CHECK_EQ(list[0].pid, c2);
	ATF_CHECK_EQ(list[1].pid, c1);
	free(list);
	T_ERR(EAGAIN, alcove_fork(h, NULL, 0, &x));

	/* Once slot 1 is free, the table can shrink. */
	T_OK(alcove_exit(h, &c1, 1, 0));
	expect_exit(h, &c1, 1, 0);
	T_OK(alcove_call(h, NULL, 0, alcove_call_number("setopt"),
	    ALCOVE_DEFAULT, &t, "ai", "maxchild", 1));
	ATF_CHECK_MSG(alcove_term_atom(t, "true"),
	    "setopt(maxchild, 1) with one child in slot 0 did not answer true");
	alcove_term_free(t);
	T_OK(alcove_getopt(h, NULL, 0, "maxchild", &v));
	ATF_CHECK_EQ(v, 1);
	T_ERR(EAGAIN, alcove_fork(h, NULL, 0, &x));
	T_OK(alcove_getpid(h, &c2, 1, &x));
	ATF_CHECK_EQ(x, c2);
	t_stop(h);
}

ATF_TC(maxchild_flag);
ATF_TC_HEAD(maxchild_flag, tc)
{
	atf_tc_set_md_var(tc, "descr", "a port started with -m 3 reports "
	    "maxchild 3, passes it to its children and forks 3 children");
}
ATF_TC_BODY(maxchild_flag, tc)
{
	struct alcove_options o;
	struct alcove *h;
	pid_t c[4];
	int v;

	alcove_options_init(&o);
	o.maxchild = 3;
	h = t_start_opts(tc, &o);
	T_OK(alcove_getopt(h, NULL, 0, "maxchild", &v));
	ATF_CHECK_EQ(v, 3);
	T_OK(alcove_fork(h, NULL, 0, &c[0]));
	T_OK(alcove_getopt(h, c, 1, "maxchild", &v));
	ATF_CHECK_EQ(v, 3);
	T_OK(alcove_fork(h, NULL, 0, &c[1]));
	T_OK(alcove_fork(h, NULL, 0, &c[2]));
	T_ERR(EAGAIN, alcove_fork(h, NULL, 0, &c[3]));
	t_stop(h);
}

ATF_TC(badpid);
ATF_TC_HEAD(badpid, tc)
{
	atf_tc_set_md_var(tc, "descr", "a call to a pid that is not a child "
	    "answers badpid at depth 1 and 3, and the port keeps working");
}
ATF_TC_BODY(badpid, tc)
{
	struct alcove *h = t_start(tc);
	pid_t path[3], pid;

	T_ERR(ALCOVE_EBADPID, alcove_getpid(h, (pid_t []){ 424242 }, 1, &pid));
	T_ERR(ALCOVE_EBADPID, alcove_getpid(h, (pid_t []){ 0 }, 1, &pid));
	T_ERR(ALCOVE_EBADPID, alcove_getpid(h, (pid_t []){ -1 }, 1, &pid));
	t_fork_chain(h, path, 0, 2);
	path[2] = 424242;
	T_ERR(ALCOVE_EBADPID, alcove_getpid(h, path, 3, &pid));
	/* A real child of the root is not a child of C1. */
	path[2] = path[0];
	T_ERR(ALCOVE_EBADPID, alcove_getpid(h, path, 3, &pid));
	/* Nothing else was left behind. */
	expect_nothing(h, NULL, 0);

	T_OK(alcove_getpid(h, NULL, 0, &pid));
	ATF_CHECK_EQ(pid, alcove_port_pid(h));
	T_OK(alcove_getpid(h, path, 2, &pid));
	ATF_CHECK_EQ(pid, path[1]);
	T_OK(alcove_fork(h, path, 2, &path[2]));
	T_OK(alcove_getpid(h, path, 3, &pid));
	ATF_CHECK_EQ(pid, path[2]);
	t_stop(h);
}

ATF_TC(badpid_bytes);
ATF_TC_HEAD(badpid_bytes, tc)
{
	atf_tc_set_md_var(tc, "descr", "badpid from a depth-1 child is "
	    "PROXY(C1, PROXY(424242, CTL(badpid))) on the wire");
}
ATF_TC_BODY(badpid_bytes, tc)
{
	struct rawport p;
	pid_t path[2];
	int status;

	raw_start(tc, &p);
	path[0] = raw_fork(&p);
	path[1] = 424242;
	/*
	 * A pid above 255 is encoded as INTEGER_EXT
	 * (alcove-protocol(5), Encoder rules).
	 */
	ATF_REQUIRE(path[0] > 255);
	/* STDIN(C, STDIN(424242, CALL getpid)) */
	raw_send_at(&p, path, 2, CALL_getpid, "\x83\x68\x00", 3);
	/* PROXY(C, PROXY(424242, CTL(badpid))) */
	raw_expect_ctl(&p, path, 2, "badpid");
	/* The child still answers: PROXY(C, CALL reply C). */
	raw_expect_getpid(&p, path, 1, path[0]);
	status = raw_finish(&p, NULL, 0);
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "port exit status 0x%x", status);
}

ATF_TC(exec_mid_chain);
ATF_TC_HEAD(exec_mid_chain, tc)
{
	atf_tc_set_md_var(tc, "descr", "exec of cat in B of [A, B, C]: A "
	    "reports fdctl_closed for [A, B], C exits, stdin to [A, B] is "
	    "echoed as its stdout");
}
ATF_TC_BODY(exec_mid_chain, tc)
{
	struct alcove *h = t_start(tc);
	char *argv[] = { "/bin/cat", NULL };
	struct alcove_pid *list;
	struct alcove_msg *m;
	pid_t path[3], pid;
	size_t n;

	t_fork_chain(h, path, 0, 3);
	list = cpid(h, path, 1, &n);
	ATF_REQUIRE_EQ(n, 1);
	ATF_CHECK_EQ(list[0].pid, path[1]);
	ATF_CHECK(list[0].fdctl >= 0);
	free(list);

	T_OK(alcove_execvp(h, path, 2, "/bin/cat", argv));
	/* B no longer relays for C, which sees EOF on its stdin and exits. */
	t_require_exited(path[2], "the child of the exec'd process");
	list = cpid(h, path, 1, &n);
	ATF_REQUIRE_EQ(n, 1);
	ATF_CHECK_EQ(list[0].pid, path[1]);
	ATF_CHECK_EQ(list[0].fdctl, -2);
	free(list);

	T_OK(alcove_stdin(h, path, 2, "hello\n", 6));
	m = t_recv(h, path, 2, ALCOVE_MSG_ANY);
	ATF_REQUIRE_EQ_MSG(m->type, ALCOVE_MSG_STDOUT, "type %d", m->type);
	ATF_CHECK_EQ(m->npath, 2);
	ATF_CHECK(m->len == 6 && memcmp(m->data, "hello\n", 6) == 0);
	alcove_msg_free(m);
	/* A still answers, B is a program now. */
	T_OK(alcove_getpid(h, path, 1, &pid));
	ATF_CHECK_EQ(pid, path[0]);
	t_stop(h);
	/* A signalled cat when its stdin closed. */
	t_require_exited(path[1], "the exec'd cat");
	t_require_exited(path[0], "the depth-1 process");
}

ATF_TC(exec_pipelined_depth1);
ATF_TC_HEAD(exec_pipelined_depth1, tc)
{
	atf_tc_set_md_var(tc, "descr", "STDIN(C, execvp cat) and STDIN(C, "
	    "\"hello\\n\") in one write: fdctl_closed, then cat echoes "
	    "exactly hello; later input is echoed whole");
}
ATF_TC_BODY(exec_pipelined_depth1, tc)
{
	enum { BULK = 100000 };
	/* setopt(stdin_queue, 262144), and its reply true */
	static const unsigned char setq[] = { 0x83, 0x68, 0x02, 0x77, 0x0b,
	    's', 't', 'd', 'i', 'n', '_', 'q', 'u', 'e', 'u', 'e', 0x62, 0x00,
	    0x04, 0x00, 0x00 };
	static const unsigned char true_reply[] = { 0x00, 0x09, 0x00, 0x04,
	    0x83, 0x77, 0x04, 't', 'r', 'u', 'e' };
	unsigned char buf[1024], *data, *echo;
	struct outbuf ob = { NULL, 0, 0 };
	struct rawport p;
	size_t n, len, off;
	struct wb w;
	pid_t c;
	int status;

	raw_start(tc, &p);
	/*
	 * BULK is more than cat's pipe holds: the port queues it rather
	 * than dropping what the pipe cannot take at once (the default).
	 */
	raw_write(&p, buf, raw_call(buf, CALL_setopt, setq, sizeof(setq)));
	raw_expect(&p, true_reply, sizeof(true_reply));
	c = raw_fork(&p);
	n = raw_execvp(buf, sizeof(buf), "/bin/cat");
	len = raw_stdin(buf, (uint32_t)c, buf, n);
	len += raw_stdin(buf + len, (uint32_t)c, "hello\n", 6);
	raw_write(&p, buf, len);

	raw_expect_ctl(&p, &c, 1, "fdctl_closed");
	/* One write of 6 bytes: one read for cat, one for the port. */
	w.n = 0;
	wb_raw(&w, "hello\n", 6);
	wb_envelope(&w, 1, (uint32_t)c);		/* STDOUT(C, "hello\n") */
	raw_expect(&p, w.b, w.n);

	/* More input, in messages of up to 8000 bytes, written at once. */
	ATF_REQUIRE((data = malloc(BULK)) != NULL);
	ATF_REQUIRE((echo = malloc(BULK + (BULK / 8000 + 1) * 8)) != NULL);
	pattern(data, BULK);
	for (off = len = 0; off < BULK; off += n) {
		n = BULK - off < 8000 ? BULK - off : 8000;
		len += raw_stdin(echo + len, (uint32_t)c, data + off, n);
	}
	ob_write(&p, &ob, echo, len);
	ob_stdout(&p, &ob, c, echo, BULK);
	ATF_CHECK_MSG(memcmp(echo, data, BULK) == 0,
	    "cat's output differs from its input");
	ATF_CHECK_EQ(ob.off, ob.len);

	status = raw_finish(&p, NULL, 0);
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "port exit status 0x%x", status);
	t_require_exited(c, "the exec'd cat");
	free(ob.data);
	free(data);
	free(echo);
}

ATF_TC(exec_pipelined_bulk);
ATF_TC_HEAD(exec_pipelined_bulk, tc)
{
	atf_tc_set_md_var(tc, "descr", "execvp of cat in a depth-1 child and "
	    "48000 bytes of its input in 13 messages of the same write: "
	    "fdctl_closed first, then every byte in order");
}
ATF_TC_BODY(exec_pipelined_bulk, tc)
{
	enum { CHUNK = 4000, NCHUNK = 12 };
	unsigned char msg[128], *buf, *data, *echo;
	struct outbuf ob = { NULL, 0, 0 };
	struct rawport p;
	struct wb w;
	size_t n, len = 0, total = 6 + CHUNK * NCHUNK;
	pid_t c;
	int k, status;

	raw_start(tc, &p);
	c = raw_fork(&p);
	ATF_REQUIRE((data = malloc(total)) != NULL);
	ATF_REQUIRE((echo = malloc(total)) != NULL);
	ATF_REQUIRE((buf = malloc(total + 1024)) != NULL);
	memcpy(data, "hello\n", 6);
	pattern(data + 6, total - 6);

	n = raw_execvp(buf, total + 1024, "/bin/cat");
	len = raw_stdin(buf, (uint32_t)c, buf, n);
	len += raw_stdin(buf + len, (uint32_t)c, data, 6);
	for (k = 0; k < NCHUNK; k++)
		len += raw_stdin(buf + len, (uint32_t)c,
		    data + 6 + (size_t)k * CHUNK, CHUNK);
	ob_write(&p, &ob, buf, len);

	n = ob_msg(&p, &ob, msg, sizeof(msg));
	wb_ctl(&w, &c, 1, "fdctl_closed");
	ATF_REQUIRE_MSG(n == w.n && memcmp(msg, w.b, n) == 0, "the first "
	    "message is not PROXY(C, CTL(fdctl_closed))");
	ob_stdout(&p, &ob, c, echo, total);
	ATF_CHECK_MSG(memcmp(echo, data, total) == 0,
	    "cat's output differs from its input");
	ATF_CHECK_EQ(ob.off, ob.len);
	status = raw_finish(&p, NULL, 0);
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "port exit status 0x%x", status);
	t_require_exited(c, "the exec'd cat");
	free(ob.data);
	free(buf);
	free(data);
	free(echo);
}

ATF_TC(exec_boundary);
ATF_TC_HEAD(exec_boundary, tc)
{
	atf_tc_set_md_var(tc, "descr", "20 calls and an exec in one write: "
	    "the 20 replies come as messages, then fdctl_closed, then the "
	    "program's output as STDOUT even when it looks like a message "
	    "(alcove-protocol(5), Exec boundary)");
}
ATF_TC_BODY(exec_boundary, tc)
{
	/* A shell that prints the bytes of a CALL reply ok. */
	char *argv[] = { "/bin/sh", "-c",
	    "printf '\\000\\007\\000\\004\\203w\\002ok'", NULL };
	static const unsigned char ok[] = { 0x00, 0x07, 0x00, 0x04, 0x83, 0x77,
	    0x02, 'o', 'k' };
	static const unsigned char exit0[] = { 0x00, 0x14, 0x00, 0x05, 0x83,
	    0x68, 0x02, 0x77, 0x0b, 'e', 'x', 'i', 't', '_', 's', 't', 'a',
	    't', 'u', 's', 0x61, 0x00 };
	unsigned char buf[2048], msg[256];
	struct rawport p;
	size_t n, len = 0;
	struct wb w;
	pid_t c;
	int k, status;

	raw_start(tc, &p);
	c = raw_fork(&p);
	ATF_REQUIRE(c > 255);
	for (k = 0; k < 20; k++) {
		n = raw_call(msg, CALL_getpid, "\x83\x68\x00", 3);
		len += raw_stdin(buf + len, (uint32_t)c, msg, n);
	}
	n = raw_execv(msg, sizeof(msg), argv);
	len += raw_stdin(buf + len, (uint32_t)c, msg, n);
	raw_write(&p, buf, len);

	/* PROXY(C, CALL reply C), C as INTEGER_EXT */
	wb_reply_int(&w, &c, 1, c);
	for (k = 0; k < 20; k++)
		raw_expect(&p, w.b, w.n);
	raw_expect_ctl(&p, &c, 1, "fdctl_closed");
	/* STDOUT(C, the printed bytes) */
	w.n = 0;
	wb_raw(&w, ok, sizeof(ok));
	wb_envelope(&w, 1, (uint32_t)c);
	raw_expect(&p, w.b, w.n);
	/* PROXY(C, EVENT({exit_status, 0})) */
	w.n = 0;
	wb_raw(&w, exit0, sizeof(exit0));
	wb_from(&w, &c, 1);
	raw_expect(&p, w.b, w.n);
	status = raw_finish(&p, NULL, 0);
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "port exit status 0x%x", status);
}

ATF_TC(exec_pipelined_depth0);
ATF_TC_HEAD(exec_pipelined_depth0, tc)
{
	atf_tc_set_md_var(tc, "descr", "execvp of cat at the root followed "
	    "by raw input in the same write: the port's stdout carries "
	    "exactly cat's output, and the FIFO reaches EOF");
}
ATF_TC_BODY(exec_pipelined_depth0, tc)
{
	enum { BULK = 200000 };
	unsigned char buf[1024], *data, *echo;
	struct outbuf ob = { NULL, 0, 0 };
	struct rawport p;
	ssize_t r;
	size_t n;
	char c;
	int status;

	raw_start(tc, &p);
	/* The port holds the FIFO's only writer. */
	r = read(p.fifo, &c, 1);
	ATF_REQUIRE_MSG(r == -1 && errno == EAGAIN, "FIFO read: %zd", r);

	n = raw_execvp(buf, sizeof(buf), "/bin/cat");
	memcpy(buf + n, "hello\n", 6);
	raw_write(&p, buf, n + 6);
	raw_read(&p, buf, 6);
	ATF_CHECK_MSG(memcmp(buf, "hello\n", 6) == 0, "got %.6s", buf);
	/* The exec closed the FIFO's writer (close-on-exec). */
	ATF_CHECK_EQ(read(p.fifo, &c, 1), 0);

	/* Later input still reaches cat whole and in order. */
	ATF_REQUIRE((data = malloc(BULK)) != NULL);
	ATF_REQUIRE((echo = malloc(BULK)) != NULL);
	pattern(data, BULK);
	ob_write(&p, &ob, data, BULK);
	ob_bytes(&p, &ob, echo, BULK);
	ATF_CHECK_MSG(memcmp(echo, data, BULK) == 0,
	    "cat's output differs from its input");

	/* EOF on cat's input: it exits 0 and writes nothing more. */
	(void)close(p.in);
	p.in = -1;
	for (;;) {
		struct pollfd pf = { p.out, POLLIN, 0 };

		ATF_REQUIRE(poll(&pf, 1, T_TIMEOUT) == 1);
		r = read(p.out, buf, sizeof(buf));
		if (r == -1 && errno == EINTR)
			continue;
		ATF_CHECK_EQ_MSG(r, 0, "%zd more bytes after the input", r);
		if (r <= 0)
			break;
	}
	status = raw_finish(&p, NULL, 0);
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "cat exit status 0x%x", status);
	free(ob.data);
	free(data);
	free(echo);
}

ATF_TC(exec_with_children);
ATF_TC_HEAD(exec_with_children, tc)
{
	atf_tc_set_md_var(tc, "descr", "a child that execs while it has "
	    "children and a grandchild: they lose their relay and exit");
}
ATF_TC_BODY(exec_with_children, tc)
{
	struct alcove *h = t_start(tc);
	char *argv[] = { "/bin/cat", NULL };
	pid_t a, b1[2], b2[2], d[3], pid;
	struct alcove_msg *m;

	T_OK(alcove_fork(h, NULL, 0, &a));
	b1[0] = b2[0] = d[0] = a;
	T_OK(alcove_fork(h, &a, 1, &b1[1]));
	T_OK(alcove_fork(h, &a, 1, &b2[1]));
	d[1] = b1[1];
	T_OK(alcove_fork(h, d, 2, &d[2]));
	T_OK(alcove_getpid(h, d, 3, &pid));
	ATF_CHECK_EQ(pid, d[2]);

	T_OK(alcove_execvp(h, &a, 1, "/bin/cat", argv));
	t_require_exited(b1[1], "the first child");
	t_require_exited(b2[1], "the second child");
	t_require_exited(d[2], "the grandchild");

	/* Calls through the exec'd process are its input now. */
	T_OK(alcove_stdin(h, &a, 1, "x\n", 2));
	m = t_recv(h, &a, 1, ALCOVE_MSG_ANY);
	ATF_CHECK(m->type == ALCOVE_MSG_STDOUT && m->len == 2 &&
	    memcmp(m->data, "x\n", 2) == 0);
	alcove_msg_free(m);
	t_stop(h);
	t_require_exited(a, "the exec'd cat");
}

/*
 * Is target (a /proc fd link) one that the test program itself hands down
 * to the programs it runs: held by a descriptor without close-on-exec?
 */
static int
inherited_from_us(const char *target)
{
	struct dirent *d;
	char buf[128];
	DIR *dir;
	int fd, found = 0;

	ATF_REQUIRE((dir = opendir("/proc/self/fd")) != NULL);
	while (!found && (d = readdir(dir)) != NULL) {
		if ((fd = atoi(d->d_name)) < 3 || fd == dirfd(dir) ||
		    (fcntl(fd, F_GETFD) & FD_CLOEXEC))
			continue;
		found = strcmp(fd_link(getpid(), fd, buf, sizeof(buf)),
		    target) == 0;
	}
	(void)closedir(dir);
	return found;
}

/* The descriptors of an exec'd program other than 0, 1, 2. */
static void
check_exec_fds(pid_t root, pid_t pid)
{
	char path[64], target[128], in[128], out[128], fifo[128];
	struct dirent *d;
	DIR *dir;
	int fd;

	(void)fd_link(root, 0, in, sizeof(in));
	(void)fd_link(root, 1, out, sizeof(out));
	(void)fd_link(root, 5, fifo, sizeof(fifo));
	(void)snprintf(path, sizeof(path), "/proc/%ld/fd", (long)pid);
	ATF_REQUIRE((dir = opendir(path)) != NULL);
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.' || (fd = atoi(d->d_name)) < 3)
			continue;
		(void)fd_link(pid, fd, target, sizeof(target));
		ATF_CHECK_MSG(strcmp(target, in) != 0, "pid %ld holds the "
		    "port's stdin (%s) as descriptor %d", (long)pid, in, fd);
		ATF_CHECK_MSG(strcmp(target, out) != 0, "pid %ld holds the "
		    "port's stdout (%s) as descriptor %d", (long)pid, out, fd);
		ATF_CHECK_MSG(strcmp(target, fifo) != 0, "pid %ld holds the "
		    "FIFO as descriptor %d", (long)pid, fd);
		ATF_CHECK_MSG(inherited_from_us(target), "pid %ld holds "
		    "descriptor %d (%s) that nobody left open for it",
		    (long)pid, fd, target);
	}
	(void)closedir(dir);
}

/* Send a line to an exec'd cat and read it back. */
static void
echo_once(struct alcove *h, const pid_t *path, size_t npath)
{
	struct alcove_msg *m;

	T_OK(alcove_stdin(h, path, npath, "ping\n", 5));
	m = t_recv(h, path, npath, ALCOVE_MSG_ANY);
	ATF_REQUIRE_MSG(m->type == ALCOVE_MSG_STDOUT && m->len == 5 &&
	    memcmp(m->data, "ping\n", 5) == 0, "cat did not echo");
	alcove_msg_free(m);
}

ATF_TC(exec_fds);
ATF_TC_HEAD(exec_fds, tc)
{
	atf_tc_set_md_var(tc, "descr", "programs exec'd at depth 1 and 2 hold "
	    "only 0, 1, 2 and what the client left open, never the port's "
	    "stdin, stdout or FIFO (alcove-protocol(5), Descriptors and FIFO "
	    "handshake)");
}
ATF_TC_BODY(exec_fds, tc)
{
	struct alcove *h;
	char *argv[] = { "/bin/cat", NULL };
	pid_t c, path[2];

	if (access("/proc/self/fd", R_OK) != 0)
		atf_tc_skip("no /proc/self/fd");
	h = t_start(tc);
	T_OK(alcove_fork(h, NULL, 0, &c));
	T_OK(alcove_execvp(h, &c, 1, "/bin/cat", argv));
	t_fork_chain(h, path, 0, 2);
	T_OK(alcove_execvp(h, path, 2, "/bin/cat", argv));
	/* Once cat echoes, the dynamic linker has closed what it opened. */
	echo_once(h, &c, 1);
	echo_once(h, path, 2);
	check_exec_fds(alcove_port_pid(h), c);
	check_exec_fds(alcove_port_pid(h), path[1]);
	t_stop(h);
}

ATF_TC(cpid_fields);
ATF_TC_HEAD(cpid_fields, tc)
{
	atf_tc_set_md_var(tc, "descr", "cpid shows pid, flowcontrol -1, "
	    "signaloneof 15, the parent's real descriptors, and fdctl -2 "
	    "after exec");
}
ATF_TC_BODY(cpid_fields, tc)
{
	struct alcove *h = t_start(tc);
	char *argv[] = { "/bin/cat", NULL };
	struct alcove_pid *list, before;
	pid_t c[2];
	size_t n;

	T_OK(alcove_fork(h, NULL, 0, &c[0]));
	T_OK(alcove_fork(h, NULL, 0, &c[1]));
	list = cpid(h, NULL, 0, &n);
	ATF_REQUIRE_EQ(n, 2);
	ATF_CHECK_EQ(list[0].pid, c[0]);
	ATF_CHECK_EQ(list[1].pid, c[1]);
	before = list[0];
	free(list);
	ATF_CHECK_EQ(before.flowcontrol, -1);
	ATF_CHECK_EQ(before.signaloneof, 15);
	/* Above 5: 0-2 are stdio, 3-4 the signal pipe, 5 the FIFO. */
	ATF_CHECK(before.fdctl > 5);
	ATF_CHECK(before.fdin > 5);
	ATF_CHECK(before.fdout > 5);
	ATF_CHECK(before.fderr > 5);
	ATF_CHECK(before.fdctl != before.fdin && before.fdctl !=
	    before.fdout && before.fdctl != before.fderr &&
	    before.fdin != before.fdout && before.fdin != before.fderr &&
	    before.fdout != before.fderr);

	/*
	 * They are the root's own descriptors, the other ends of the child's
	 * 0, 1, 2 and 5, all close-on-exec (alcove-protocol(5),
	 * Descriptors).  Linux shows both
	 * sides in /proc.
	 */
	if (access("/proc/self/fdinfo/0", R_OK) == 0) {
		const long mask = O_ACCMODE | O_NONBLOCK | O_CLOEXEC;
		pid_t root = alcove_port_pid(h), x;
		char a[128], b[128];

		/* The child has set up its descriptors once it answers. */
		T_OK(alcove_getpid(h, c, 1, &x));
		ATF_CHECK_MSG(strncmp(fd_link(root, before.fdin, a, sizeof(a)),
		    "pipe:", 5) == 0 && strcmp(a, fd_link(c[0], 0, b,
		    sizeof(b))) == 0, "stdin: %s and %s", a, b);
		ATF_CHECK_MSG(strncmp(fd_link(root, before.fdout, a,
		    sizeof(a)), "pipe:", 5) == 0 && strcmp(a, fd_link(c[0], 1,
		    b, sizeof(b))) == 0, "stdout: %s and %s", a, b);
		ATF_CHECK_MSG(strncmp(fd_link(root, before.fderr, a,
		    sizeof(a)), "pipe:", 5) == 0 && strcmp(a, fd_link(c[0], 2,
		    b, sizeof(b))) == 0, "stderr: %s and %s", a, b);
		ATF_CHECK_MSG(strncmp(fd_link(root, before.fdctl, a,
		    sizeof(a)), "socket:", 7) == 0 && strncmp(fd_link(c[0], 5,
		    b, sizeof(b)), "socket:", 7) == 0, "control: %s and %s", a,
		    b);
		ATF_CHECK_EQ(fd_flags(root, before.fdin) & mask,
		    O_WRONLY | O_NONBLOCK | O_CLOEXEC);
		ATF_CHECK_EQ(fd_flags(root, before.fdout) & mask,
		    O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		ATF_CHECK_EQ(fd_flags(root, before.fderr) & mask,
		    O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		ATF_CHECK_EQ(fd_flags(root, before.fdctl) & mask,
		    O_RDWR | O_NONBLOCK | O_CLOEXEC);
		ATF_CHECK_EQ(fd_flags(c[0], 5) & O_CLOEXEC, O_CLOEXEC);
	}

	T_OK(alcove_execvp(h, c, 1, "/bin/cat", argv));
	list = cpid(h, NULL, 0, &n);
	ATF_REQUIRE_EQ(n, 2);
	ATF_CHECK_EQ(list[0].pid, c[0]);
	ATF_CHECK_EQ(list[0].flowcontrol, -1);
	ATF_CHECK_EQ(list[0].signaloneof, 15);
	ATF_CHECK_EQ(list[0].fdctl, -2);
	ATF_CHECK_EQ(list[0].fdin, before.fdin);
	ATF_CHECK_EQ(list[0].fdout, before.fdout);
	ATF_CHECK_EQ(list[0].fderr, before.fderr);
	/* The other child is still an alcove process. */
	ATF_CHECK(list[1].fdctl >= 0);
	free(list);
	t_stop(h);
	t_require_exited(c[0], "the exec'd cat");
}

ATF_TC(cpid_close_stdin);
ATF_TC_HEAD(cpid_close_stdin, tc)
{
	atf_tc_set_md_var(tc, "descr", "close() of a child's stdin in the "
	    "parent shows -1 in cpid, drops later stdin silently, still "
	    "reports stdin_closed, and cat then sees EOF and exits 0");
}
ATF_TC_BODY(cpid_close_stdin, tc)
{
	struct alcove *h = t_start(tc);
	char *sleeper[] = { "sleep", "30", NULL };
	char *cat[] = { "/bin/cat", NULL };
	struct alcove_pid *list;
	struct alcove_msg *m;
	pid_t s, c, pid;
	size_t n;

	T_OK(alcove_setopt(h, NULL, 0, "stdin_closed", 1));

	/* A program that never reads: the slot lives on after the close. */
	T_OK(alcove_fork(h, NULL, 0, &s));
	T_OK(alcove_execvp(h, &s, 1, "sleep", sleeper));
	list = cpid(h, NULL, 0, &n);
	ATF_REQUIRE_EQ(n, 1);
	ATF_REQUIRE(list[0].fdin >= 0);
	T_OK(alcove_close(h, NULL, 0, list[0].fdin));
	free(list);
	list = cpid(h, NULL, 0, &n);
	ATF_REQUIRE_EQ(n, 1);
	ATF_CHECK_EQ(list[0].pid, s);
	ATF_CHECK_EQ(list[0].fdin, -1);
	ATF_CHECK_EQ(list[0].fdctl, -2);
	ATF_CHECK(list[0].fdout >= 0 && list[0].fderr >= 0);
	free(list);
	/* Stdin to it goes nowhere and nothing is said about it. */
	T_OK(alcove_stdin(h, &s, 1, "dropped\n", 8));
	T_OK(alcove_getpid(h, NULL, 0, &pid));
	T_OK(alcove_getpid(h, NULL, 0, &pid));
	expect_nothing(h, &s, 1);
	T_OK(alcove_kill(h, NULL, 0, s, SIGKILL));
	/*
	 * stdin_closed although the close call closed it
	 * (alcove-protocol(5), Child exit).
	 */
	expect_ctl(h, &s, 1, "stdin_closed");
	m = t_recv(h, &s, 1, ALCOVE_MSG_ANY);
	ATF_CHECK_MSG(m->type == ALCOVE_MSG_EVENT && m->term != NULL &&
	    is_tuple2_atoms(m->term, "termsig", "sigkill"),
	    "expected {termsig, sigkill}");
	alcove_msg_free(m);

	/* cat sees EOF when its stdin is closed. */
	T_OK(alcove_fork(h, NULL, 0, &c));
	T_OK(alcove_execvp(h, &c, 1, "/bin/cat", cat));
	list = cpid(h, NULL, 0, &n);
	ATF_REQUIRE_EQ(n, 1);
	ATF_CHECK_EQ(list[0].pid, c);
	T_OK(alcove_close(h, NULL, 0, list[0].fdin));
	free(list);
	expect_ctl(h, &c, 1, "stdin_closed");
	expect_exit(h, &c, 1, 0);
	list = cpid(h, NULL, 0, &n);
	ATF_CHECK_EQ(n, 0);
	free(list);
	t_stop(h);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, fork_depth);
	ATF_TP_ADD_TC(tp, maxforkdepth);
	ATF_TP_ADD_TC(tp, maxchild_limit);
	ATF_TP_ADD_TC(tp, maxchild_slot);
	ATF_TP_ADD_TC(tp, maxchild_flag);
	ATF_TP_ADD_TC(tp, badpid);
	ATF_TP_ADD_TC(tp, badpid_bytes);
	ATF_TP_ADD_TC(tp, exec_mid_chain);
	ATF_TP_ADD_TC(tp, exec_pipelined_depth1);
	ATF_TP_ADD_TC(tp, exec_pipelined_bulk);
	ATF_TP_ADD_TC(tp, exec_boundary);
	ATF_TP_ADD_TC(tp, exec_pipelined_depth0);
	ATF_TP_ADD_TC(tp, exec_with_children);
	ATF_TP_ADD_TC(tp, exec_fds);
	ATF_TP_ADD_TC(tp, cpid_fields);
	ATF_TP_ADD_TC(tp, cpid_close_stdin);
	return atf_no_error();
}
