/*
 * The stdio relay: an exec'd child's stdout and stderr reach the client
 * whole and in order, stdin reaches it whole, flow control holds output
 * back, and stdin beyond what a child's pipe (and its queue, with the
 * stdin_queue option) takes is reported with PIPE; stdin_ack events count
 * what the pipe took, and a close of a child's stdin waits for its queue.
 * What a client writes into a child's control socket does not disturb
 * the relay.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

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

/*
 * The largest data field of a stream message at depth d
 * (alcove-protocol(5), Per-hop overhead).
 */
#define CHUNK_MAX(d)	(65535 - 8 * ((size_t)(d) + 1))

/* The largest setopt(stdin_queue, N) (alcove-protocol(5), OPTIONS). */
#define STDIN_QUEUE_MAX	(16 * 1024 * 1024)

/* How long "nothing arrives" is watched for. */
#define QUIET_MS	300

/*
 * The output of `seq 1 N`, checked as it arrives: every line carries its
 * own number, so a lost, repeated or reordered byte shows.
 */
struct seqcheck {
	unsigned long	next;
	char		line[32];
	size_t		len;
	size_t		off;
	size_t		total;
};

static void
seq_init(struct seqcheck *s)
{
	memset(s, 0, sizeof(*s));
	s->next = 1;
	s->len = (size_t)snprintf(s->line, sizeof(s->line), "%lu\n", s->next);
}

static void
seq_feed(struct seqcheck *s, const unsigned char *p, size_t n)
{
	size_t k;

	while (n > 0) {
		k = s->len - s->off < n ? s->len - s->off : n;
		if (memcmp(p, s->line + s->off, k) != 0)
			atf_tc_fail("the output differs from seq's at byte %zu",
			    s->total);
		p += k;
		n -= k;
		s->off += k;
		s->total += k;
		if (s->off == s->len) {
			s->next++;
			s->len = (size_t)snprintf(s->line, sizeof(s->line),
			    "%lu\n", s->next);
			s->off = 0;
		}
	}
}

/* The size of `seq 1 n`. */
static size_t
seq_size(unsigned long n)
{
	unsigned long lo = 1, hi = 9, digits = 1;
	size_t total = 0;

	while (lo <= n) {
		total += (size_t)((n < hi ? n : hi) - lo + 1) * (digits + 1);
		lo *= 10;
		hi = hi * 10 + 9;
		digits++;
	}
	return total;
}

static void
expect_exit(struct alcove_msg *m, int status)
{
	int st;

	ATF_REQUIRE_MSG(alcove_msg_exit(m, &st) == 0, "not an exit event");
	ATF_CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == status,
	    "wait status 0x%x, expected exit %d", st, status);
}

/* No message of these types for path arrives within ms. */
static void
expect_quiet(struct alcove *h, const pid_t *path, size_t npath, int types,
    int ms)
{
	struct alcove_msg *m = NULL;
	int err;

	err = alcove_recv(h, path, npath, types, ms, &m);
	ATF_CHECK_MSG(err == ALCOVE_ETIMEDOUT, "unexpected message of type %d "
	    "(%zu bytes)", m != NULL ? m->type : 0, m != NULL ? m->len : 0);
	alcove_msg_free(m);
}

/* The table entry of child pid in the process at path. */
static struct alcove_pid
child_entry(struct alcove *h, const pid_t *path, size_t npath, pid_t pid)
{
	struct alcove_pid *list, e;
	size_t n, i;

	T_OK(alcove_cpid(h, path, npath, &list, &n));
	for (i = 0; i < n && list[i].pid != pid; i++)
		;
	ATF_REQUIRE_MSG(i < n, "pid %ld is not in the child table",
	    (long)pid);
	e = list[i];
	free(list);
	return e;
}

/*
 * Run `sh -c script` at depth `depth` and check that the stream `type`
 * carries `seq 1 ...` cut to `total` bytes and the other stream nothing,
 * in messages no larger than the depth allows, all before the exit event.
 */
static void
relay_seq(const atf_tc_t *tc, size_t depth, int type, const char *script,
    size_t total)
{
	struct alcove *h = t_start(tc);
	char *argv[] = { "/bin/sh", "-c", (char *)script, NULL };
	struct alcove_msg *m;
	struct seqcheck s;
	pid_t path[4];
	size_t msgs = 0, biggest = 0;

	t_fork_chain(h, path, 0, depth);
	T_OK(alcove_execvp(h, path, depth, "/bin/sh", argv));
	seq_init(&s);
	for (;;) {
		m = t_recv(h, path, depth, ALCOVE_MSG_ANY);
		if (m->type == ALCOVE_MSG_EVENT) {
			expect_exit(m, 0);
			alcove_msg_free(m);
			break;
		}
		ATF_REQUIRE_MSG(m->type == type, "a message of type %d",
		    m->type);
		ATF_REQUIRE_EQ(m->npath, depth);
		/* The parent, at depth - 1, reads at most this much. */
		ATF_REQUIRE_MSG(m->len > 0 && m->len <= CHUNK_MAX(depth - 1),
		    "a stream message of %zu bytes at depth %zu", m->len,
		    depth);
		if (m->len > biggest)
			biggest = m->len;
		seq_feed(&s, m->data, m->len);
		msgs++;
		alcove_msg_free(m);
	}
	ATF_CHECK_EQ_MSG(s.total, total, "%zu bytes in %zu messages (largest "
	    "%zu), expected %zu", s.total, msgs, biggest, total);
	t_stop(h);
}

ATF_TC(stdout_64m_depth1);
ATF_TC_HEAD(stdout_64m_depth1, tc)
{
	atf_tc_set_md_var(tc, "descr", "64 MiB of stdout from an exec'd "
	    "depth-1 child arrive whole, in order, in messages of at most "
	    "65527 bytes");
}
ATF_TC_BODY(stdout_64m_depth1, tc)
{
	relay_seq(tc, 1, ALCOVE_MSG_STDOUT,
	    "seq 1 10000000 | head -c 67108864", 67108864);
}

ATF_TC(stdout_64m_depth2);
ATF_TC_HEAD(stdout_64m_depth2, tc)
{
	atf_tc_set_md_var(tc, "descr", "64 MiB of stdout from an exec'd "
	    "depth-2 child arrive whole, in order, in messages of at most "
	    "65519 bytes");
}
ATF_TC_BODY(stdout_64m_depth2, tc)
{
	relay_seq(tc, 2, ALCOVE_MSG_STDOUT,
	    "seq 1 10000000 | head -c 67108864", 67108864);
}

ATF_TC(stderr_8m_depth1);
ATF_TC_HEAD(stderr_8m_depth1, tc)
{
	atf_tc_set_md_var(tc, "descr", "8 MiB of stderr from an exec'd "
	    "depth-1 child arrive whole and in order");
}
ATF_TC_BODY(stderr_8m_depth1, tc)
{
	relay_seq(tc, 1, ALCOVE_MSG_STDERR,
	    "seq 1 2000000 | head -c 8388608 >&2", 8388608);
}

ATF_TC(stderr_8m_depth2);
ATF_TC_HEAD(stderr_8m_depth2, tc)
{
	atf_tc_set_md_var(tc, "descr", "8 MiB of stderr from an exec'd "
	    "depth-2 child arrive whole and in order");
}
ATF_TC_BODY(stderr_8m_depth2, tc)
{
	relay_seq(tc, 2, ALCOVE_MSG_STDERR,
	    "seq 1 2000000 | head -c 8388608 >&2", 8388608);
}

/*
 * Send 4 MiB to cat at depth `depth` and read it back.  At most WINDOW
 * bytes are on their way at any time, and cat's parent queues up to
 * QUEUE bytes for it (setopt stdin_queue; by default it would drop what
 * the pipe does not take at once: alcove-protocol(5), Standard input): a
 * client that outruns the program is told so with PIPE, which this client
 * must never see.
 */
static void
stdin_echo(const atf_tc_t *tc, size_t depth)
{
	enum { TOTAL = 4 * 1024 * 1024, CHUNK = 32768, WINDOW = 6 * CHUNK,
	    QUEUE = 256 * 1024 };
	struct alcove *h = t_start(tc);
	char *argv[] = { "/bin/cat", NULL };
	struct alcove_msg *m;
	struct alcove_pid e;
	unsigned char *data;
	size_t sent = 0, got = 0, i;
	pid_t path[4];

	ATF_REQUIRE((data = malloc(TOTAL)) != NULL);
	for (i = 0; i < TOTAL; i += 4) {
		data[i] = (unsigned char)(i >> 26);
		data[i + 1] = (unsigned char)(i >> 18);
		data[i + 2] = (unsigned char)(i >> 10);
		data[i + 3] = (unsigned char)(i >> 2);
	}
	t_fork_chain(h, path, 0, depth);
	T_OK(alcove_setopt(h, path, depth - 1, "stdin_queue", QUEUE));
	T_OK(alcove_execvp(h, path, depth, "/bin/cat", argv));
	while (got < TOTAL) {
		if (sent < TOTAL && sent - got + CHUNK <= WINDOW) {
			T_OK(alcove_stdin(h, path, depth, data + sent, CHUNK));
			sent += CHUNK;
			continue;
		}
		m = t_recv(h, path, depth, ALCOVE_MSG_ANY);
		ATF_REQUIRE_MSG(m->type == ALCOVE_MSG_STDOUT,
		    "a message of type %d after %zu bytes", m->type, got);
		ATF_REQUIRE(m->len > 0 && m->len <= CHUNK_MAX(depth - 1));
		ATF_REQUIRE_MSG(got + m->len <= sent, "more output than input");
		ATF_REQUIRE_MSG(memcmp(m->data, data + got, m->len) == 0,
		    "cat's output differs from its input after %zu bytes", got);
		got += m->len;
		alcove_msg_free(m);
	}
	expect_quiet(h, path, depth, ALCOVE_MSG_ANY, 0);

	/* Close cat's stdin in its parent: cat exits 0. */
	e = child_entry(h, path, depth - 1, path[depth - 1]);
	T_OK(alcove_close(h, path, depth - 1, e.fdin));
	m = t_recv(h, path, depth, ALCOVE_MSG_ANY);
	expect_exit(m, 0);
	alcove_msg_free(m);
	free(data);
	t_stop(h);
}

ATF_TC(stdin_4m_depth1);
ATF_TC_HEAD(stdin_4m_depth1, tc)
{
	atf_tc_set_md_var(tc, "descr", "4 MiB sent with alcove_stdin to cat "
	    "at depth 1 come back exactly");
}
ATF_TC_BODY(stdin_4m_depth1, tc)
{
	stdin_echo(tc, 1);
}

ATF_TC(stdin_4m_depth2);
ATF_TC_HEAD(stdin_4m_depth2, tc)
{
	atf_tc_set_md_var(tc, "descr", "4 MiB sent with alcove_stdin to cat "
	    "at depth 2 come back exactly");
}
ATF_TC_BODY(stdin_4m_depth2, tc)
{
	stdin_echo(tc, 2);
}

ATF_TC(flowcontrol_budget);
ATF_TC_HEAD(flowcontrol_budget, tc)
{
	atf_tc_set_md_var(tc, "descr", "setcpid(flowcontrol, 1) lets one "
	    "stdout message through, 2 two more, -1 the rest "
	    "(alcove-protocol(5), Flow control)");
}
ATF_TC_BODY(flowcontrol_budget, tc)
{
	struct alcove *h = t_start(tc);
	char *argv[] = { "seq", "1", "60000", NULL };
	struct alcove_msg *m;
	struct alcove_pid e;
	struct seqcheck s;
	pid_t c;
	int k;

	T_OK(alcove_fork(h, NULL, 0, &c));
	e = child_entry(h, NULL, 0, c);
	ATF_CHECK_EQ(e.flowcontrol, -1);
	T_OK(alcove_setcpid(h, NULL, 0, c, "flowcontrol", 1));
	e = child_entry(h, NULL, 0, c);
	ATF_CHECK_EQ(e.flowcontrol, 1);
	/* seq writes far more than the 3 reads allowed below can take. */
	ATF_REQUIRE(seq_size(60000) > 3 * CHUNK_MAX(0) + 65536);
	T_OK(alcove_execvp(h, &c, 1, "seq", argv));
	seq_init(&s);

	m = t_recv(h, &c, 1, ALCOVE_MSG_ANY);
	ATF_REQUIRE_EQ_MSG(m->type, ALCOVE_MSG_STDOUT, "type %d", m->type);
	seq_feed(&s, m->data, m->len);
	alcove_msg_free(m);
	expect_quiet(h, &c, 1, ALCOVE_MSG_ANY, QUIET_MS);
	e = child_entry(h, NULL, 0, c);
	ATF_CHECK_EQ(e.flowcontrol, 0);

	T_OK(alcove_setcpid(h, NULL, 0, c, "flowcontrol", 2));
	for (k = 0; k < 2; k++) {
		m = t_recv(h, &c, 1, ALCOVE_MSG_ANY);
		ATF_REQUIRE_EQ_MSG(m->type, ALCOVE_MSG_STDOUT, "type %d",
		    m->type);
		seq_feed(&s, m->data, m->len);
		alcove_msg_free(m);
	}
	expect_quiet(h, &c, 1, ALCOVE_MSG_ANY, QUIET_MS);
	e = child_entry(h, NULL, 0, c);
	ATF_CHECK_EQ(e.flowcontrol, 0);

	/* A negative budget is stored as -1: unlimited. */
	T_OK(alcove_setcpid(h, NULL, 0, c, "flowcontrol", -5));
	for (;;) {
		m = t_recv(h, &c, 1, ALCOVE_MSG_ANY);
		if (m->type == ALCOVE_MSG_EVENT) {
			expect_exit(m, 0);
			alcove_msg_free(m);
			break;
		}
		ATF_REQUIRE_EQ_MSG(m->type, ALCOVE_MSG_STDOUT, "type %d",
		    m->type);
		seq_feed(&s, m->data, m->len);
		alcove_msg_free(m);
	}
	ATF_CHECK_EQ(s.total, seq_size(60000));
	t_stop(h);
}

ATF_TC(flowcontrol_zero);
ATF_TC_HEAD(flowcontrol_zero, tc)
{
	atf_tc_set_md_var(tc, "descr", "with setopt(flowcontrol, 0) before "
	    "the fork, output appears only after the child is killed");
}
ATF_TC_BODY(flowcontrol_zero, tc)
{
	struct alcove *h = t_start(tc);
	char *argv[] = { "seq", "1", "60000", NULL };
	struct alcove_msg *m;
	struct alcove_pid e;
	struct seqcheck s;
	pid_t c;

	T_OK(alcove_setopt(h, NULL, 0, "flowcontrol", 0));
	T_OK(alcove_fork(h, NULL, 0, &c));
	T_OK(alcove_execvp(h, &c, 1, "seq", argv));
	expect_quiet(h, &c, 1, ALCOVE_MSG_ANY, QUIET_MS);
	e = child_entry(h, NULL, 0, c);
	ATF_CHECK_EQ(e.flowcontrol, 0);
	expect_quiet(h, &c, 1, ALCOVE_MSG_ANY, 0);

	T_OK(alcove_kill(h, NULL, 0, c, SIGKILL));
	seq_init(&s);
	for (;;) {
		m = t_recv(h, &c, 1, ALCOVE_MSG_ANY);
		if (m->type == ALCOVE_MSG_EVENT)
			break;
		ATF_REQUIRE_EQ_MSG(m->type, ALCOVE_MSG_STDOUT, "type %d",
		    m->type);
		seq_feed(&s, m->data, m->len);
		alcove_msg_free(m);
	}
	ATF_CHECK_MSG(m->term->type == ALCOVE_TERM_TUPLE && m->term->n == 2 &&
	    alcove_term_atom(&m->term->e[0], "termsig") &&
	    alcove_term_atom(&m->term->e[1], "sigkill"),
	    "expected {termsig, sigkill}");
	alcove_msg_free(m);
	/* What seq had written before it blocked on the full pipe. */
	ATF_CHECK_MSG(s.total > 0 && s.total < seq_size(60000),
	    "%zu bytes after the kill", s.total);
	t_stop(h);
}

ATF_TC(flowcontrol_stderr);
ATF_TC_HEAD(flowcontrol_stderr, tc)
{
	atf_tc_set_md_var(tc, "descr", "the budget counts stderr reads too: "
	    "with setopt(flowcontrol, 1) one stderr message arrives until "
	    "setcpid releases the rest");
}
ATF_TC_BODY(flowcontrol_stderr, tc)
{
	struct alcove *h = t_start(tc);
	char *argv[] = { "/bin/sh", "-c", "seq 1 60000 >&2", NULL };
	struct alcove_msg *m;
	struct alcove_pid e;
	struct seqcheck s;
	pid_t c;
	int v;

	/* New children start with the process's default budget. */
	T_OK(alcove_setopt(h, NULL, 0, "flowcontrol", 1));
	T_OK(alcove_getopt(h, NULL, 0, "flowcontrol", &v));
	ATF_CHECK_EQ(v, 1);
	T_OK(alcove_fork(h, NULL, 0, &c));
	e = child_entry(h, NULL, 0, c);
	ATF_CHECK_EQ(e.flowcontrol, 1);
	T_OK(alcove_execvp(h, &c, 1, "/bin/sh", argv));
	seq_init(&s);
	m = t_recv(h, &c, 1, ALCOVE_MSG_ANY);
	ATF_REQUIRE_EQ_MSG(m->type, ALCOVE_MSG_STDERR, "type %d", m->type);
	seq_feed(&s, m->data, m->len);
	alcove_msg_free(m);
	expect_quiet(h, &c, 1, ALCOVE_MSG_ANY, QUIET_MS);
	e = child_entry(h, NULL, 0, c);
	ATF_CHECK_EQ(e.flowcontrol, 0);

	T_OK(alcove_setcpid(h, NULL, 0, c, "flowcontrol", -1));
	for (;;) {
		m = t_recv(h, &c, 1, ALCOVE_MSG_ANY);
		if (m->type == ALCOVE_MSG_EVENT) {
			expect_exit(m, 0);
			alcove_msg_free(m);
			break;
		}
		ATF_REQUIRE_EQ_MSG(m->type, ALCOVE_MSG_STDERR, "type %d",
		    m->type);
		seq_feed(&s, m->data, m->len);
		alcove_msg_free(m);
	}
	ATF_CHECK_EQ(s.total, seq_size(60000));
	t_stop(h);
}

/* The capacity of the pipe behind descriptor fd of process pid. */
static long
pipe_capacity(pid_t pid, int fd)
{
#ifdef F_GETPIPE_SZ
	char path[64];
	long size;
	int p;

	(void)snprintf(path, sizeof(path), "/proc/%ld/fd/%d", (long)pid, fd);
	if ((p = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return -1;
	size = fcntl(p, F_GETPIPE_SZ);
	(void)close(p);
	return size;
#else
	(void)pid;
	(void)fd;
	return -1;
#endif
}

/* Is m {stdin_ack, N}?  Adds N to *acked. */
static int
stdin_ack(const struct alcove_msg *m, size_t *acked)
{
	int64_t n;

	if (m->type != ALCOVE_MSG_EVENT || m->term == NULL ||
	    m->term->type != ALCOVE_TERM_TUPLE || m->term->n != 2 ||
	    !alcove_term_atom(&m->term->e[0], "stdin_ack"))
		return 0;
	ATF_REQUIRE_MSG(alcove_term_int(&m->term->e[1], &n) == 0 && n > 0,
	    "{stdin_ack, N} without a positive N");
	*acked += (size_t)n;
	return 1;
}

/*
 * Everything the port has said about path until now: two round trips to
 * the root, then what has arrived.  Adds the stdin_ack counts to *acked,
 * stores the PIPE counts in pipes[] (at most npipes), and fails on
 * anything else.  Returns the number of PIPE messages.
 */
static size_t
drain_acks(struct alcove *h, const pid_t *path, size_t npath, size_t *acked,
    uint64_t *pipes, size_t npipes)
{
	struct alcove_msg *m;
	size_t n = 0;
	pid_t pid;

	T_OK(alcove_getpid(h, NULL, 0, &pid));
	T_OK(alcove_getpid(h, NULL, 0, &pid));
	while (alcove_recv(h, path, npath, ALCOVE_MSG_ANY, 0, &m) == 0) {
		if (m->type == ALCOVE_MSG_PIPE) {
			ATF_REQUIRE_MSG(n < npipes, "PIPE(%ju): more PIPE "
			    "messages than payloads", (uintmax_t)m->pipe);
			pipes[n++] = m->pipe;
		} else
			ATF_REQUIRE_MSG(stdin_ack(m, acked), "a message of "
			    "type %d", m->type);
		alcove_msg_free(m);
	}
	return n;
}

/*
 * Payloads of whole pages into a program that never reads, its parent
 * queueing `queue` bytes for it (-1: the option is left at its default)
 * and acknowledging what the pipe takes.  The pipe fills to exactly its
 * capacity (the kernel takes what fits, page by page), then the queue;
 * the payload that does not fit is cut at that point and reported with
 * PIPE(accepted), and every later one is dropped whole, PIPE(0).  The
 * stdin_ack events add up to what the pipe took: its capacity.
 */
static void
stdin_pipe(const atf_tc_t *tc, int queue)
{
	struct alcove *h = t_start(tc);
	char *argv[] = { "sleep", "30", NULL };
	struct alcove_msg *m;
	struct alcove_pid e;
	unsigned char *data;
	uint64_t pipes[16], want[16];
	size_t payload, total, sent, accepted, k, npayload, nwant = 0, npipe;
	size_t acked = 0;
	long cap, page = sysconf(_SC_PAGESIZE);
	pid_t c;
	int v;

	if (queue >= 0)
		T_OK(alcove_setopt(h, NULL, 0, "stdin_queue", queue));
	T_OK(alcove_getopt(h, NULL, 0, "stdin_queue", &v));
	ATF_REQUIRE_EQ(v, queue >= 0 ? queue : 0);
	T_OK(alcove_setopt(h, NULL, 0, "stdin_ack", 1));
	T_OK(alcove_fork(h, NULL, 0, &c));
	T_OK(alcove_execvp(h, &c, 1, "sleep", argv));
	e = child_entry(h, NULL, 0, c);
	ATF_REQUIRE(e.fdin >= 0);
	if ((cap = pipe_capacity(alcove_port_pid(h), e.fdin)) <= 0)
		atf_tc_skip("cannot learn the capacity of the child's pipe");

	payload = (size_t)(65529 / page * page);
	total = (size_t)cap + (size_t)v;
	npayload = total / payload + 3;
	ATF_REQUIRE(npayload <= sizeof(pipes) / sizeof(pipes[0]));
	ATF_REQUIRE((data = malloc(payload)) != NULL);
	memset(data, 'x', payload);
	for (k = 0, sent = 0; k < npayload; k++, sent += payload) {
		T_OK(alcove_stdin(h, &c, 1, data, payload));
		accepted = total > sent ? total - sent : 0;
		if (accepted < payload)
			want[nwant++] = accepted;
	}
	npipe = drain_acks(h, &c, 1, &acked, pipes, npayload);
	ATF_CHECK_EQ_MSG(npipe, nwant, "%zu PIPE messages, expected %zu",
	    npipe, nwant);
	for (k = 0; k < npipe && k < nwant; k++)
		ATF_CHECK_EQ_MSG(pipes[k], want[k], "PIPE %zu: PIPE(%ju), "
		    "expected PIPE(%ju) (pipe %ld, queue %d, payload %zu)", k,
		    (uintmax_t)pipes[k], (uintmax_t)want[k], cap, v, payload);
	ATF_CHECK_EQ_MSG(acked, (size_t)cap, "stdin_ack events for %zu "
	    "bytes, the pipe holds %ld", acked, cap);

	T_OK(alcove_kill(h, NULL, 0, c, SIGKILL));
	m = t_recv(h, &c, 1, ALCOVE_MSG_ANY);
	ATF_CHECK_MSG(m->type == ALCOVE_MSG_EVENT && m->term != NULL &&
	    m->term->type == ALCOVE_TERM_TUPLE && m->term->n == 2 &&
	    alcove_term_atom(&m->term->e[1], "sigkill"),
	    "expected {termsig, sigkill}");
	alcove_msg_free(m);
	free(data);
	t_stop(h);
}

ATF_TC(stdin_pipe_default);
ATF_TC_HEAD(stdin_pipe_default, tc)
{
	atf_tc_set_md_var(tc, "descr", "by default (upstream's behaviour) "
	    "an exec'd child takes what its pipe takes: the payload that "
	    "fills it is reported as PIPE(bytes the pipe took), each later "
	    "one as PIPE(0)");
}
ATF_TC_BODY(stdin_pipe_default, tc)
{
	stdin_pipe(tc, -1);
}

ATF_TC(stdin_pipe_queue0);
ATF_TC_HEAD(stdin_pipe_queue0, tc)
{
	atf_tc_set_md_var(tc, "descr", "setopt(stdin_queue, 0) is the "
	    "default: PIPE once the pipe is full");
}
ATF_TC_BODY(stdin_pipe_queue0, tc)
{
	stdin_pipe(tc, 0);
}

ATF_TC(stdin_pipe_queue);
ATF_TC_HEAD(stdin_pipe_queue, tc)
{
	atf_tc_set_md_var(tc, "descr", "with setopt(stdin_queue, 256 KiB) "
	    "the pipe and then the queue fill; the payload that overflows "
	    "the queue is reported as PIPE(bytes accepted), each later one "
	    "as PIPE(0)");
}
ATF_TC_BODY(stdin_pipe_queue, tc)
{
	stdin_pipe(tc, 256 * 1024);
}

ATF_TC(stdin_queue_option);
ATF_TC_HEAD(stdin_queue_option, tc)
{
	atf_tc_set_md_var(tc, "descr", "stdin_queue and stdin_ack are 0 by "
	    "default, stdin_queue is stored as at most 16 MiB, a negative "
	    "value is badarg, and a forked child copies both");
}
ATF_TC_BODY(stdin_queue_option, tc)
{
	struct alcove *h = t_start(tc);
	pid_t c;
	int v;

	T_OK(alcove_getopt(h, NULL, 0, "stdin_queue", &v));
	ATF_CHECK_EQ(v, 0);
	T_OK(alcove_getopt(h, NULL, 0, "stdin_ack", &v));
	ATF_CHECK_EQ(v, 0);
	T_OK(alcove_setopt(h, NULL, 0, "stdin_queue", 4097));
	T_OK(alcove_getopt(h, NULL, 0, "stdin_queue", &v));
	ATF_CHECK_EQ(v, 4097);
	T_OK(alcove_setopt(h, NULL, 0, "stdin_queue", STDIN_QUEUE_MAX + 1));
	T_OK(alcove_getopt(h, NULL, 0, "stdin_queue", &v));
	ATF_CHECK_EQ(v, STDIN_QUEUE_MAX);
	T_ERR(ALCOVE_EBADARG, alcove_setopt(h, NULL, 0, "stdin_queue", -1));
	T_OK(alcove_getopt(h, NULL, 0, "stdin_queue", &v));
	ATF_CHECK_EQ(v, STDIN_QUEUE_MAX);
	T_OK(alcove_setopt(h, NULL, 0, "stdin_queue", 65536));
	T_OK(alcove_setopt(h, NULL, 0, "stdin_ack", 7));
	T_OK(alcove_getopt(h, NULL, 0, "stdin_ack", &v));
	ATF_CHECK_EQ(v, 1);
	T_OK(alcove_fork(h, NULL, 0, &c));
	T_OK(alcove_getopt(h, &c, 1, "stdin_queue", &v));
	ATF_CHECK_EQ(v, 65536);
	T_OK(alcove_getopt(h, &c, 1, "stdin_ack", &v));
	ATF_CHECK_EQ(v, 1);
	T_OK(alcove_setopt(h, &c, 1, "stdin_queue", 0));
	T_OK(alcove_setopt(h, NULL, 0, "stdin_ack", 0));
	T_OK(alcove_getopt(h, NULL, 0, "stdin_queue", &v));
	ATF_CHECK_EQ(v, 65536);
	T_OK(alcove_getopt(h, &c, 1, "stdin_ack", &v));
	ATF_CHECK_EQ(v, 1);
	t_stop(h);
}

/* Bytes that name their own offset, so a lost or moved byte shows. */
static unsigned char *
stdin_pattern(size_t n)
{
	unsigned char *data;
	size_t i;

	ATF_REQUIRE((data = malloc(n)) != NULL);
	for (i = 0; i < n; i++)
		data[i] = (unsigned char)(i % 251 + (i / 251) % 3);
	return data;
}

/*
 * 8 MiB to cat at depth `depth` in payloads of CHUNK bytes, never more
 * than QUEUE of them unacknowledged: cat's parent queues QUEUE bytes and
 * acknowledges what the pipe takes, so nothing is dropped (no PIPE), the
 * stdin_ack events add up to exactly the bytes sent, and cat gives back
 * exactly its input.  The parent says what it wrote before it can read
 * what cat made of it, so once all that was sent has come back, all of it
 * has been acknowledged.
 */
static void
stdin_ack_stream(const atf_tc_t *tc, size_t depth)
{
	enum { TOTAL = 8 * 1024 * 1024, CHUNK = 10000, QUEUE = 65536 };
	struct alcove *h = t_start(tc);
	char *argv[] = { "cat", NULL };
	struct alcove_msg *m;
	struct alcove_pid e;
	unsigned char *data;
	size_t sent = 0, acked = 0, got = 0, n, npipe;
	uint64_t pipes[1];
	pid_t path[4];

	data = stdin_pattern(TOTAL);
	t_fork_chain(h, path, 0, depth);
	T_OK(alcove_setopt(h, path, depth - 1, "stdin_queue", QUEUE));
	T_OK(alcove_setopt(h, path, depth - 1, "stdin_ack", 1));
	T_OK(alcove_execvp(h, path, depth, "cat", argv));
	while (got < TOTAL) {
		n = TOTAL - sent < CHUNK ? TOTAL - sent : CHUNK;
		if (n > 0 && sent - acked + n <= QUEUE) {
			T_OK(alcove_stdin(h, path, depth, data + sent, n));
			sent += n;
			continue;
		}
		m = t_recv(h, path, depth, ALCOVE_MSG_ANY);
		if (m->type == ALCOVE_MSG_STDOUT) {
			ATF_REQUIRE_MSG(got + m->len <= sent,
			    "more output than input");
			ATF_REQUIRE_MSG(memcmp(m->data, data + got, m->len) == 0,
			    "cat's output differs from its input after %zu "
			    "bytes", got);
			got += m->len;
			ATF_REQUIRE_MSG(got < sent || acked == sent, "all %zu "
			    "bytes sent came back, %zu were acknowledged", sent,
			    acked);
		} else {
			ATF_REQUIRE_MSG(m->type != ALCOVE_MSG_PIPE, "PIPE(%ju) "
			    "after %zu bytes sent, %zu acknowledged",
			    (uintmax_t)m->pipe, sent, acked);
			ATF_REQUIRE_MSG(stdin_ack(m, &acked), "a message of "
			    "type %d", m->type);
			ATF_REQUIRE_MSG(acked <= sent, "%zu bytes acknowledged, "
			    "%zu sent", acked, sent);
		}
		alcove_msg_free(m);
	}
	/* Nothing more: no late or extra acknowledgement. */
	npipe = drain_acks(h, path, depth, &acked, pipes, 0);
	ATF_CHECK_EQ(npipe, 0);
	ATF_CHECK_EQ_MSG(acked, (size_t)TOTAL, "stdin_ack events for %zu "
	    "bytes, %d sent", acked, TOTAL);

	e = child_entry(h, path, depth - 1, path[depth - 1]);
	T_OK(alcove_close(h, path, depth - 1, e.fdin));
	m = t_recv(h, path, depth, ALCOVE_MSG_ANY);
	expect_exit(m, 0);
	alcove_msg_free(m);
	free(data);
	t_stop(h);
}

ATF_TC(stdin_ack_depth1);
ATF_TC_HEAD(stdin_ack_depth1, tc)
{
	atf_tc_set_md_var(tc, "descr", "8 MiB streamed to cat at depth 1 "
	    "within the stdin_queue bound: no PIPE, stdin_ack events sum to "
	    "exactly the bytes sent, the output is the input");
}
ATF_TC_BODY(stdin_ack_depth1, tc)
{
	stdin_ack_stream(tc, 1);
}

ATF_TC(stdin_ack_depth2);
ATF_TC_HEAD(stdin_ack_depth2, tc)
{
	atf_tc_set_md_var(tc, "descr", "8 MiB streamed to cat at depth 2 "
	    "within the stdin_queue bound of its parent: no PIPE, stdin_ack "
	    "events sum to exactly the bytes sent, the output is the input");
}
ATF_TC_BODY(stdin_ack_depth2, tc)
{
	stdin_ack_stream(tc, 2);
}

ATF_TC(stdin_close_deferred);
ATF_TC_HEAD(stdin_close_deferred, tc)
{
	atf_tc_set_md_var(tc, "descr", "a program that does not read yet is "
	    "sent its pipe's capacity plus the whole stdin_queue (no PIPE), "
	    "then its stdin is closed: close answers ok, later data is "
	    "discarded, and the program reads every queued byte before its "
	    "end-of-file");
}
ATF_TC_BODY(stdin_close_deferred, tc)
{
	enum { QUEUE = 128 * 1024, CHUNK = 32768 };
	struct alcove *h = t_start(tc);
	char dir[1024], gate[1100], script[1200];
	char *argv[] = { "/bin/sh", "-c", script, NULL };
	struct alcove_msg *m;
	struct alcove_pid e;
	unsigned char *data, *out;
	size_t total, sent, acked = 0, got = 0, n, npipe;
	uint64_t pipes[1];
	long cap;
	pid_t c;
	int fd;

	/* The program starts reading once the test opens the gate. */
	ATF_REQUIRE(getcwd(dir, sizeof(dir)) != NULL);
	(void)snprintf(gate, sizeof(gate), "%s/gate", dir);
	ATF_REQUIRE(mkfifo(gate, 0600) == 0);
	(void)snprintf(script, sizeof(script), "read x <'%s' && exec cat",
	    gate);
	T_OK(alcove_setopt(h, NULL, 0, "stdin_queue", QUEUE));
	T_OK(alcove_setopt(h, NULL, 0, "stdin_ack", 1));
	T_OK(alcove_fork(h, NULL, 0, &c));
	T_OK(alcove_execvp(h, &c, 1, "/bin/sh", argv));
	e = child_entry(h, NULL, 0, c);
	ATF_REQUIRE(e.fdin >= 0);
	if ((cap = pipe_capacity(alcove_port_pid(h), e.fdin)) <= 0)
		atf_tc_skip("cannot learn the capacity of the child's pipe");

	total = (size_t)cap + QUEUE;
	data = stdin_pattern(total);
	for (sent = 0; sent < total; sent += n) {
		n = total - sent < CHUNK ? total - sent : CHUNK;
		T_OK(alcove_stdin(h, &c, 1, data + sent, n));
	}
	npipe = drain_acks(h, &c, 1, &acked, pipes, 0);
	ATF_CHECK_EQ(npipe, 0);
	ATF_CHECK_EQ_MSG(acked, (size_t)cap, "stdin_ack events for %zu "
	    "bytes before the program reads, the pipe holds %ld", acked, cap);

	/* QUEUE bytes wait in the parent: the close waits for them. */
	T_OK(alcove_close(h, NULL, 0, e.fdin));
	T_OK(alcove_stdin(h, &c, 1, "late", 4));
	npipe = drain_acks(h, &c, 1, &acked, pipes, 0);
	ATF_CHECK_EQ(npipe, 0);

	ATF_REQUIRE((fd = open(gate, O_WRONLY | O_CLOEXEC)) != -1);
	ATF_REQUIRE(write(fd, "go\n", 3) == 3);
	(void)close(fd);
	ATF_REQUIRE((out = malloc(total)) != NULL);
	for (;;) {
		m = t_recv(h, &c, 1, ALCOVE_MSG_ANY);
		if (m->type == ALCOVE_MSG_STDOUT) {
			ATF_REQUIRE_MSG(got + m->len <= total, "%zu bytes of "
			    "output, %zu sent before the close", got + m->len,
			    total);
			memcpy(out + got, m->data, m->len);
			got += m->len;
		} else if (!stdin_ack(m, &acked)) {
			/* cat saw its end-of-file and exited. */
			expect_exit(m, 0);
			alcove_msg_free(m);
			break;
		}
		alcove_msg_free(m);
	}
	ATF_CHECK_EQ_MSG(got, total, "%zu bytes of output, %zu sent", got,
	    total);
	ATF_CHECK_MSG(got == total && memcmp(out, data, total) == 0,
	    "cat's output differs from its input");
	ATF_CHECK_EQ_MSG(acked, total, "stdin_ack events for %zu bytes, %zu "
	    "sent", acked, total);
	free(out);
	free(data);
	t_stop(h);
}

/* ---- many calls in one burst, byte by byte ---- */

/* The argument of request k: 40 bytes that name it. */
static void
burst_arg(unsigned char *b, size_t k)
{
	size_t i;

	(void)snprintf((char *)b, 16, "request %06zu", k);
	for (i = 14; i < 40; i++)
		b[i] = (unsigned char)(k * 7 + i);
}

/*
 * NREQ iolist_to_bin calls to the process at depth `depth`, written as one
 * burst larger than a pipe holds: every request reaches it whole (a message
 * is never cut: alcove-protocol(5), Standard input) and every answer comes
 * back, in order.
 */
static void
burst(const atf_tc_t *tc, size_t depth)
{
	enum { NREQ = 2000, ARG = 40 };
	unsigned char *buf, msg[256], want[256], arg[ARG + 16];
	struct outbuf ob = { NULL, 0, 0 };
	struct rawport p;
	size_t len = 0, n, k, d, wn;
	pid_t path[2];
	int status;

	raw_start(tc, &p);
	for (d = 0; d < depth; d++) {
		/* fork, sent through the processes forked so far */
		n = raw_call(msg, CALL_fork, "\x83\x68\x00", 3);
		for (k = d; k > 0; k--)
			n = raw_stdin(msg, (uint32_t)path[k - 1], msg, n);
		raw_write(&p, msg, n);
		n = raw_msg(&p, msg, sizeof(msg));
		/* strip the PROXY envelopes of the reply */
		path[d] = raw_ok_pid(msg + 8 * d, n - 8 * d);
	}
	ATF_REQUIRE((buf = malloc(NREQ * (ARG + 64))) != NULL);
	for (k = 0; k < NREQ; k++) {
		unsigned char *m = buf + len;

		/* {<<Arg/binary>>} */
		arg[0] = 0x83;
		arg[1] = 0x68;
		arg[2] = 1;
		arg[3] = 0x6d;
		(void)t_put32(arg + 4, ARG);
		burst_arg(arg + 8, k);
		n = raw_call(m, CALL_iolist_to_bin, arg, 8 + ARG);
		for (d = depth; d > 0; d--)
			n = raw_stdin(m, (uint32_t)path[d - 1], m, n);
		len += n;
	}
	ATF_REQUIRE(len > 65536);	/* more than a pipe holds */
	ob_write(&p, &ob, buf, len);

	for (k = 0; k < NREQ; k++) {
		/* PROXY(P1, ... CALL reply <<Arg>>) */
		wn = 8 * depth + 4 + 6 + ARG;
		for (d = 0; d < depth; d++) {
			size_t inner = wn - 8 * d - 2;

			want[8 * d] = (unsigned char)(inner >> 8);
			want[8 * d + 1] = (unsigned char)inner;
			want[8 * d + 2] = 0x00;
			want[8 * d + 3] = 0x03;
			(void)t_put32(want + 8 * d + 4, (uint32_t)path[d]);
		}
		want[8 * depth] = 0x00;
		want[8 * depth + 1] = 2 + 6 + ARG;
		want[8 * depth + 2] = 0x00;
		want[8 * depth + 3] = 0x04;
		want[8 * depth + 4] = 0x83;
		want[8 * depth + 5] = 0x6d;
		(void)t_put32(want + 8 * depth + 6, ARG);
		burst_arg(want + 8 * depth + 10, k);
		ob_bytes(&p, &ob, msg, wn);
		ATF_REQUIRE_MSG(memcmp(msg, want, wn) == 0,
		    "reply %zu is not the echo of request %zu", k, k);
	}
	ATF_CHECK_EQ_MSG(ob.len - ob.off, 0, "%zu bytes more",
	    ob.len - ob.off);
	status = raw_finish(&p, NULL, 0);
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "port exit status 0x%x", status);
	free(ob.data);
	free(buf);
}

ATF_TC(burst_depth1);
ATF_TC_HEAD(burst_depth1, tc)
{
	atf_tc_set_md_var(tc, "descr", "2000 calls to a depth-1 child in one "
	    "burst of 124000 bytes get 2000 replies, in order");
}
ATF_TC_BODY(burst_depth1, tc)
{
	burst(tc, 1);
}

ATF_TC(burst_depth2);
ATF_TC_HEAD(burst_depth2, tc)
{
	atf_tc_set_md_var(tc, "descr", "2000 calls to a depth-2 child in one "
	    "burst of 140000 bytes get 2000 replies, in order");
}
ATF_TC_BODY(burst_depth2, tc)
{
	burst(tc, 2);
}

/*
 * A client writes bytes into its child's fd 5, the control socket: data
 * there is garbage (alcove-protocol(5), Exec boundary).  The parent closes its
 * end (fdctl -1 in cpid) and relays the child's replies as before.
 */
static void
ctl_write(const struct t_proc *root, const void *bytes, size_t len)
{
	struct alcove_pid *cp;
	struct t_proc c;
	size_t n;

	t_proc_fork(root, &c);
	/* A reply first: an exec offset of 0 is then behind the relay. */
	T_EXPECT(t_want("%d", (int)c.path[c.n - 1]), &c, "getpid", "");
	T_EXPECT(t_want("{ok,%zu}", len), &c, "write", "ib", 5, bytes, len);
	ATF_REQUIRE_EQ(alcove_cpid(T_AT(root), &cp, &n), 0);
	ATF_REQUIRE_EQ(n, 1);
	ATF_CHECK_EQ(cp[0].pid, c.path[c.n - 1]);
	ATF_CHECK_EQ(cp[0].fdctl, -1);
	free(cp);
	T_EXPECT(t_want("%d", (int)c.path[c.n - 1]), &c, "getpid", "");
	/* exit would not be answered: without the socket, no fdctl_closed. */
	T_EXPECT("ok", root, "kill", "ii", (int)c.path[c.n - 1], SIGKILL);
	t_require_exited(c.path[c.n - 1], "the child");
}

ATF_TC(ctl_written_by_client);
ATF_TC_HEAD(ctl_written_by_client, tc)
{
	atf_tc_set_md_var(tc, "descr", "a byte, an exec record without its "
	    "header, and a whole exec record with an offset behind what was "
	    "relayed, written into a child's fd 5: each closes the control "
	    "socket (fdctl -1) and the child's replies arrive whole");
}
ATF_TC_BODY(ctl_written_by_client, tc)
{
	static const unsigned char bare[9] = { 'E' };
	static const unsigned char whole[16] = { 0, 'a', 'l', 'c', 'o', 'v',
	    'e', 'E' };
	struct t_proc root;

	t_proc_root(&root, tc);
	ctl_write(&root, "x", 1);
	ctl_write(&root, bare, sizeof(bare));
	ctl_write(&root, whole, sizeof(whole));
	t_stop(root.h);
}

/*
 * Calls whose replies the port writes after the client closed its end of
 * the port's stdout; then the client closes the port's stdin, or not.
 */
static int
replies_to_nobody(const atf_tc_t *tc, int close_stdin)
{
	unsigned char all[64 * 20];
	struct rawport p;
	size_t n = 0, k;
	int status;

	raw_start(tc, &p);
	for (k = 0; k < 20; k++)
		n += raw_call(all + n, CALL_getpid, "\x83\x68\x00", 3);
	(void)close(p.out);
	p.out = -1;
	raw_write(&p, all, n);
	if (close_stdin) {
		(void)close(p.in);
		p.in = -1;
	} else {
		/* The port gives up on its own; then stdin is closed. */
		while (waitpid(p.pid, &status, 0) == -1)
			ATF_REQUIRE(errno == EINTR);
		(void)close(p.in);
		p.in = -1;
		(void)close(p.err);
		(void)close(p.fifo);
		return status;
	}
	return raw_finish(&p, NULL, 0);
}

ATF_TC(stdout_closed_then_stdin);
ATF_TC_HEAD(stdout_closed_then_stdin, tc)
{
	atf_tc_set_md_var(tc, "descr", "the client closes the port's stdout, "
	    "then its stdin, with replies on their way (as Erlang's port_close "
	    "does): the port exits 0 (alcove-protocol(5), SHUTDOWN)");
}
ATF_TC_BODY(stdout_closed_then_stdin, tc)
{
	int status = replies_to_nobody(tc, 1);

	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "status %#x", status);
}

ATF_TC(stdout_closed_only);
ATF_TC_HEAD(stdout_closed_only, tc)
{
	atf_tc_set_md_var(tc, "descr", "the client closes the port's stdout "
	    "and keeps its stdin open: the replies cannot be written and the "
	    "port exits 74 (EX_IOERR) on its own");
}
ATF_TC_BODY(stdout_closed_only, tc)
{
	int status = replies_to_nobody(tc, 0);

	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 74,
	    "status %#x", status);
}

/*
 * What an alcove process may hold in memory while its client does not
 * read: a process writes its messages blocking (port_flush in
 * src/port/loop.c), so a program's output waits in the pipes, not in the
 * port; 64 MiB is the resident size the port and every alcove process
 * below it stay under, whatever the stalled stream's length (SECURITY.md).
 */
#define STALL_RSS_MAX	(64 * 1024)	/* KiB */

/* How long the client stops reading, in seconds. */
#define STALL_SECONDS	2

/*
 * A build with AddressSanitizer (the port too, then) keeps freed memory in
 * quarantine: its resident size is no measure of the port's.
 */
#if defined(__SANITIZE_ADDRESS__)
#define RSS_MEANINGFUL	0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RSS_MEANINGFUL	0
#endif
#endif
#ifndef RSS_MEANINGFUL
#define RSS_MEANINGFUL	1
#endif

/*
 * The resident size of a process in KiB (its VmRSS line), or -1 where the
 * system has no /proc/<pid>/status.
 */
static long
rss_kib(pid_t pid)
{
	char path[64], text[4096];
	const char *p;

	(void)snprintf(path, sizeof(path), "/proc/%ld/status", (long)pid);
	if (access(path, R_OK) == -1)
		return -1;
	(void)t_slurp(path, text, sizeof(text));
	ATF_REQUIRE_MSG((p = strstr(text, "VmRSS:")) != NULL, "no VmRSS in "
	    "%s", path);
	return strtol(p + 6, NULL, 10);
}

/* Require every alcove process on the way to path to be within the bound. */
static void
check_rss(const atf_tc_t *tc, struct alcove *h, const pid_t *path,
    size_t depth, const char *when)
{
	long kib;
	size_t k;

	if (t_wrapped(tc) || !RSS_MEANINGFUL)
		return;		/* valgrind's own memory is no measure */
	for (k = 0; k < depth; k++) {
		kib = rss_kib(k == 0 ? alcove_port_pid(h) : path[k - 1]);
		if (kib == -1)
			return;
		ATF_CHECK_MSG(kib > 0 && kib < STALL_RSS_MAX, "%s: the alcove "
		    "process at depth %zu holds %ld KiB", when, k, kib);
	}
}

/*
 * A client that stops reading for a while: seq writes 20 MiB meanwhile,
 * and every byte arrives in order once it reads again.
 */
static void
stall_stdout(const atf_tc_t *tc, size_t depth)
{
	struct alcove *h = t_start(tc);
	char *argv[] = { "seq", "1", "3000000", NULL };
	struct alcove_msg *m;
	struct seqcheck s;
	pid_t path[4];

	ATF_REQUIRE(seq_size(3000000) > 20 * 1024 * 1024);
	t_fork_chain(h, path, 0, depth);
	check_rss(tc, h, path, depth, "before");
	T_OK(alcove_execvp(h, path, depth, "seq", argv));
	(void)sleep(STALL_SECONDS);
	check_rss(tc, h, path, depth, "while the client does not read");
	seq_init(&s);
	for (;;) {
		m = t_recv(h, path, depth, ALCOVE_MSG_ANY);
		if (m->type == ALCOVE_MSG_EVENT) {
			expect_exit(m, 0);
			alcove_msg_free(m);
			break;
		}
		ATF_REQUIRE_EQ_MSG(m->type, ALCOVE_MSG_STDOUT, "type %d",
		    m->type);
		seq_feed(&s, m->data, m->len);
		alcove_msg_free(m);
	}
	ATF_CHECK_EQ(s.total, seq_size(3000000));
	check_rss(tc, h, path, depth, "after");
	t_stop(h);
}

ATF_TC(stall_20m_depth1);
ATF_TC_HEAD(stall_20m_depth1, tc)
{
	atf_tc_set_md_var(tc, "descr", "a client that stops reading for 2 s "
	    "while seq at depth 1 writes 20 MiB gets every byte in order; "
	    "the port stays under 64 MiB resident");
}
ATF_TC_BODY(stall_20m_depth1, tc)
{
	stall_stdout(tc, 1);
}

ATF_TC(stall_20m_depth3);
ATF_TC_HEAD(stall_20m_depth3, tc)
{
	atf_tc_set_md_var(tc, "descr", "a client that stops reading for 2 s "
	    "while seq at depth 3 writes 20 MiB gets every byte in order; "
	    "each alcove process stays under 64 MiB resident");
}
ATF_TC_BODY(stall_20m_depth3, tc)
{
	stall_stdout(tc, 3);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, stdout_closed_then_stdin);
	ATF_TP_ADD_TC(tp, stdout_closed_only);
	ATF_TP_ADD_TC(tp, ctl_written_by_client);
	ATF_TP_ADD_TC(tp, stdout_64m_depth1);
	ATF_TP_ADD_TC(tp, stdout_64m_depth2);
	ATF_TP_ADD_TC(tp, stderr_8m_depth1);
	ATF_TP_ADD_TC(tp, stderr_8m_depth2);
	ATF_TP_ADD_TC(tp, stdin_4m_depth1);
	ATF_TP_ADD_TC(tp, stdin_4m_depth2);
	ATF_TP_ADD_TC(tp, flowcontrol_budget);
	ATF_TP_ADD_TC(tp, flowcontrol_zero);
	ATF_TP_ADD_TC(tp, flowcontrol_stderr);
	ATF_TP_ADD_TC(tp, stdin_pipe_default);
	ATF_TP_ADD_TC(tp, stdin_pipe_queue0);
	ATF_TP_ADD_TC(tp, stdin_pipe_queue);
	ATF_TP_ADD_TC(tp, stdin_queue_option);
	ATF_TP_ADD_TC(tp, stdin_ack_depth1);
	ATF_TP_ADD_TC(tp, stdin_ack_depth2);
	ATF_TP_ADD_TC(tp, stdin_close_deferred);
	ATF_TP_ADD_TC(tp, burst_depth1);
	ATF_TP_ADD_TC(tp, burst_depth2);
	ATF_TP_ADD_TC(tp, stall_20m_depth1);
	ATF_TP_ADD_TC(tp, stall_20m_depth3);
	return atf_no_error();
}
