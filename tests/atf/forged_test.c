/*
 * Forged messages: bytes an exec'd program writes that look like protocol
 * frames (replies, events, CTL, PIPE, PROXY headers naming other
 * processes, exec records) come back as its own STDOUT or STDERR data,
 * byte for byte, and nobody else sees a reply or an event from them.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "port/ctl.h"
#include "proto/frame.h"
#include "testlib.h"

/* How long "nothing arrives" is watched for, ms. */
#define QUIET_MS	300

/* The tree: the forger and an alcove sibling under the same parent. */
struct forgery {
	struct alcove	*h;
	pid_t		 forger[8];
	pid_t		 sibling[8];
	size_t		 depth;	/* of the forger and its sibling */
	struct wb	 bytes;	/* what the forger writes */
};

/* Append w's bytes to f's. */
static void
add(struct forgery *f, const struct wb *w)
{
	wb_raw(&f->bytes, w->b, w->n);
}

/*
 * Frames that, were the port to take them for messages, would speak for
 * the sibling, the parent, the root and pids that do not exist.
 */
static void
forge(struct forgery *f)
{
	struct wb w;
	pid_t port = alcove_port_pid(f->h);
	pid_t bogus[8];
	size_t k;

	f->bytes.n = 0;
	/* A getpid reply from the sibling, from the parent, from the root. */
	wb_reply_int(&w, f->sibling, f->depth, 12345);
	add(f, &w);
	wb_reply_int(&w, f->sibling, f->depth - 1, 23456);
	add(f, &w);
	wb_reply_int(&w, NULL, 0, 34567);
	add(f, &w);
	/* An exit event of the sibling. */
	w.n = 0;
	wb_u8(&w, 0x83);
	wb_u8(&w, 0x68);
	wb_u8(&w, 2);
	wb_atom(&w, "exit_status");
	wb_int(&w, 3);
	wb_frame(&w, TYPE_EVENT);
	wb_from(&w, f->sibling, f->depth);
	add(f, &w);
	/* CTL messages of the sibling and of the forger itself. */
	wb_ctl(&w, f->sibling, f->depth, "stdout_closed");
	add(f, &w);
	wb_ctl(&w, f->forger, f->depth, "fdctl_closed");
	add(f, &w);
	/* Output in the sibling's name and a PIPE report. */
	w.n = 0;
	wb_raw(&w, "not me\n", 7);
	wb_frame(&w, TYPE_STDOUT);
	wb_from(&w, f->sibling, f->depth);
	add(f, &w);
	w.n = 0;
	wb_u32(&w, 0);
	wb_u32(&w, 0);
	wb_frame(&w, TYPE_PIPE);
	wb_from(&w, f->sibling, f->depth);
	add(f, &w);
	/* PROXY headers for pids that are nobody's children. */
	for (k = 0; k < f->depth; k++)
		bogus[k] = port + 1000 + (pid_t)k;
	wb_reply_int(&w, bogus, f->depth, 45678);
	add(f, &w);
	/* An exec record and a boot record, as fd 5 would carry them. */
	w.n = 0;
	wb_raw(&w, CTL_MAGIC, CTL_MAGIC_LEN);
	wb_u8(&w, CTL_EXEC);
	wb_u32(&w, 0);
	wb_u32(&w, 4);
	wb_raw(&w, CTL_MAGIC, CTL_MAGIC_LEN);
	wb_u8(&w, CTL_BOOT);
	add(f, &w);
	/* A header announcing more than follows, last. */
	wb_raw(&f->bytes, T_BYTES(0xff, 0xff, 0x00, TYPE_CALL, 0x83));
}

/* No message for the process at path arrives within QUIET_MS. */
static void
expect_quiet(struct alcove *h, const pid_t *path, size_t npath)
{
	struct alcove_msg *m = NULL;
	int err;

	err = alcove_recv(h, path, npath, ALCOVE_MSG_ANY, QUIET_MS, &m);
	ATF_CHECK_MSG(err == ALCOVE_ETIMEDOUT, "depth %zu: a message of type "
	    "%d (%s)", npath, m != NULL ? m->type : 0, m != NULL ?
	    t_binary_text(m->data, m->len) : "none");
	alcove_msg_free(m);
}

/*
 * Run the forger (cat, its output on stdout or on stderr) and feed it the
 * forged bytes: exactly those come back, of the type the program wrote,
 * and then its exit.
 */
static void
forge_through(const atf_tc_t *tc, size_t depth, int type)
{
	char *argv_out[] = { "/bin/cat", NULL };
	char *argv_err[] = { "/bin/sh", "-c", "exec cat >&2", NULL };
	struct forgery f;
	struct alcove_msg *m;
	unsigned char *got;
	size_t len = 0, k;
	pid_t pid;
	int st;

	f.h = t_start(tc);
	f.depth = depth;
	t_fork_chain(f.h, f.forger, 0, depth - 1);
	memcpy(f.sibling, f.forger, sizeof(f.forger));
	T_OK(alcove_fork(f.h, f.sibling, depth - 1, &f.sibling[depth - 1]));
	T_OK(alcove_fork(f.h, f.forger, depth - 1, &f.forger[depth - 1]));
	forge(&f);
	ATF_REQUIRE((got = malloc(f.bytes.n)) != NULL);

	if (type == ALCOVE_MSG_STDOUT)
		T_OK(alcove_execvp(f.h, f.forger, depth, argv_out[0],
		    argv_out));
	else
		T_OK(alcove_execvp(f.h, f.forger, depth, argv_err[0],
		    argv_err));
	T_OK(alcove_stdin(f.h, f.forger, depth, f.bytes.b, f.bytes.n));
	while (len < f.bytes.n) {
		m = t_recv(f.h, f.forger, depth, ALCOVE_MSG_ANY);
		ATF_REQUIRE_MSG(m->type == type, "a message of type %d after "
		    "%zu bytes", m->type, len);
		ATF_REQUIRE_MSG(len + m->len <= f.bytes.n, "more output than "
		    "was written");
		memcpy(got + len, m->data, m->len);
		len += m->len;
		alcove_msg_free(m);
	}
	ATF_CHECK_MSG(memcmp(got, f.bytes.b, f.bytes.n) == 0, "the output "
	    "differs from what the program wrote: %s", t_binary_text(got,
	    len));
	free(got);

	/* Nobody heard from the forgery. */
	expect_quiet(f.h, f.forger, depth);
	for (k = depth; k-- > 0; )
		expect_quiet(f.h, f.sibling, k);
	expect_quiet(f.h, f.sibling, depth);
	T_OK(alcove_getpid(f.h, f.sibling, depth, &pid));
	ATF_CHECK_EQ(pid, f.sibling[depth - 1]);
	if (depth > 1) {
		T_OK(alcove_getpid(f.h, f.sibling, depth - 1, &pid));
		ATF_CHECK_EQ(pid, f.sibling[depth - 2]);
	}
	T_OK(alcove_getpid(f.h, NULL, 0, &pid));
	ATF_CHECK_EQ(pid, alcove_port_pid(f.h));

	/* The forger's own end comes as it should: killed, not exit 3. */
	T_OK(alcove_kill(f.h, f.forger, depth - 1, f.forger[depth - 1],
	    SIGTERM));
	m = t_recv(f.h, f.forger, depth, ALCOVE_MSG_EVENT);
	ATF_REQUIRE(alcove_msg_exit(m, &st) == 0);
	ATF_CHECK_MSG(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
	    "wait status 0x%x", st);
	alcove_msg_free(m);
	t_stop(f.h);
}

T_TC(stdout_depth1, "frames an exec'd program at depth 1 writes to "
    "stdout are its STDOUT data only");
ATF_TC_BODY(stdout_depth1, tc)
{
	forge_through(tc, 1, ALCOVE_MSG_STDOUT);
}

T_TC(stdout_depth4, "frames an exec'd program at depth 4 writes to "
    "stdout are its STDOUT data only");
ATF_TC_BODY(stdout_depth4, tc)
{
	forge_through(tc, 4, ALCOVE_MSG_STDOUT);
}

T_TC(stderr_depth1, "frames an exec'd program at depth 1 writes to "
    "stderr are its STDERR data only");
ATF_TC_BODY(stderr_depth1, tc)
{
	forge_through(tc, 1, ALCOVE_MSG_STDERR);
}

T_TC(stderr_depth4, "frames an exec'd program at depth 4 writes to "
    "stderr are its STDERR data only");
ATF_TC_BODY(stderr_depth4, tc)
{
	forge_through(tc, 4, ALCOVE_MSG_STDERR);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, stdout_depth1);
	ATF_TP_ADD_TC(tp, stdout_depth4);
	ATF_TP_ADD_TC(tp, stderr_depth1);
	ATF_TP_ADD_TC(tp, stderr_depth4);
	return atf_no_error();
}
