/*
 * Helpers shared by the ATF test programs: start the port through
 * libalcove or raw, with exact-result assertions.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_TESTLIB_H
#define ALCOVE_TESTLIB_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <atf-c.h>

#include "alcove.h"

/* Default per-call timeout in tests, ms. */
#define T_TIMEOUT	20000
/* How long a process may take to go away, ms. */
#define T_GONE_TIMEOUT	10000

/* A test case with its one-line description. */
#define T_TC(name, text)						\
	ATF_TC(name);							\
	ATF_TC_HEAD(name, tc)						\
	{								\
		atf_tc_set_md_var(tc, "descr", text);			\
	}

/* A test case that needs root, with its one-line description. */
#define T_TC_ROOT(name, text)						\
	ATF_TC(name);							\
	T_TC_HEAD_ROOT(name, text)
/* The head of such a test case alone (for ATF_TC_WITH_CLEANUP). */
#define T_TC_HEAD_ROOT(name, text)					\
	ATF_TC_HEAD(name, tc)						\
	{								\
		atf_tc_set_md_var(tc, "descr", text);			\
		atf_tc_set_md_var(tc, "require.user", "root");		\
	}

/* A byte string given inline: pointer and size. */
#define T_BYTES(...)	(const unsigned char []){ __VA_ARGS__ },	\
			sizeof((const unsigned char []){ __VA_ARGS__ })

/*
 * The port under test: the config variable "port" (kyua test -v
 * test_suites.alcove.port=PATH), else the one the test directory's paths
 * file names (the tree's or, installed, the installed one), else the one
 * this program was built with.
 * "port_wrapper" (e.g. "valgrind -q --error-exitcode=99") is run in front.
 */
const char	*t_port(const atf_tc_t *);
/* Is the port run under a wrapper (port_wrapper), such as valgrind? */
int		 t_wrapped(const atf_tc_t *);

/* The backend the port under test was built with: "linux", "generic"... */
const char	*t_backend(void);
/* Skip the test case unless the port was built with this backend. */
void		 t_require_backend(const char *);
/*
 * Does the port have this call, or does it answer {error, unsupported}?
 * The call is sent with [] for every argument, which no supported call
 * accepts as a whole (nothing happens).
 */
int		 t_supported(struct alcove *, const pid_t *, size_t,
		    const char *);

/* Start a port through libalcove; fails the test case on error. */
struct alcove	*t_start(const atf_tc_t *);
struct alcove	*t_start_opts(const atf_tc_t *, struct alcove_options *);
/* Stop it and require a clean exit (status 0). */
void		 t_stop(struct alcove *);

/* Require err == 0, naming the call on failure. */
#define T_OK(expr)	t_ok((expr), #expr, __FILE__, __LINE__)
void	t_ok(int, const char *, const char *, int);

/* Require an exact error code. */
#define T_ERR(want, expr)	t_err((want), (expr), #expr, __FILE__, __LINE__)
void	t_err(int, int, const char *, const char *, int);

/* Fork a chain of n children below path (npath), filling path[npath..]. */
void	t_fork_chain(struct alcove *, pid_t *, size_t, size_t);

/*
 * Wait for the next message of these types for path, failing the test on
 * timeout.  The caller frees it.
 */
struct alcove_msg *t_recv(struct alcove *, const pid_t *, size_t, int);

/* Collect stdout of path until its exit event; returns the exit status. */
int	t_collect(struct alcove *, const pid_t *, size_t, unsigned char **,
	    size_t *);

/*
 * Make the port's future orphans children of the test (where the system
 * can), so that a test can see that none outlives the port.  Returns 1 if
 * it could.
 */
int	t_subreaper(void);
/*
 * After the port exited, wait (up to 10 s) until every descendant the test
 * inherited has ended; fails the test otherwise.  Does nothing when
 * t_subreaper() could not make the test a reaper.
 */
void	t_reap_descendants(void);

/*
 * Has the process ended: gone, or a zombie waiting to be collected (init
 * may collect orphans only every few seconds)?
 */
int	t_exited(pid_t);
/* Wait up to T_GONE_TIMEOUT for a process to end; fail the test if not. */
void	t_require_exited(pid_t, const char *);

/* ---- a tree of processes ---- */

/* A process of the tree: the port (n = 0) or one n levels below it. */
struct t_proc {
	struct alcove	*h;
	pid_t		 path[8];
	size_t		 n;
};

/* The path of p (any struct with h, path, n) for libalcove. */
#define T_PATH(p)	((p)->n > 0 ? (p)->path : NULL)
/* The first three arguments of every libalcove call for p. */
#define T_AT(p)		(p)->h, T_PATH(p), (p)->n

/* Start the port as the root of a tree. */
void		 t_proc_root(struct t_proc *, const atf_tc_t *);
/* Make c name pid, a child of p. */
void		 t_proc_child(const struct t_proc *, struct t_proc *, pid_t);
/* Fork a child of p and make c name it. */
void		 t_proc_fork(const struct t_proc *, struct t_proc *);
/* Stdout and stderr (kept) of an exec'd p until it exits; its status. */
int		 t_proc_collect(const struct t_proc *, const char **,
		    const char **);
/* A file as process p reads it (its /proc/self/...), kept. */
const char	*t_proc_slurp(const struct t_proc *, const char *);
/* A readdir reply of p sorted, as text: [".","..","a"]; kept. */
const char	*t_dir_sorted(const struct t_proc *, const char *);

/* ---- replies as Erlang text ---- */

/* Keep a malloc'd string until 64 newer ones are kept; returns it. */
const char	*t_keep(char *);
/* printf into a kept string: an expected reply, a path. */
const char	*t_want(const char *, ...)
		    __attribute__((__format__(__printf__, 1, 2)));
/* Write a term as Erlang prints it: 'A', <<"text">>, <<1,2>>, {a,[1]}. */
void		 t_put_term(FILE *, const struct alcove_term *);
/* Write a binary as t_put_term writes it. */
void		 t_put_binary(FILE *, const void *, size_t);
/* A term as t_put_term writes it, kept. */
const char	*t_term_text(const struct alcove_term *);
/* A binary as t_put_term writes it, kept. */
const char	*t_binary_text(const void *, size_t);
/* A call's outcome, kept: the reply, badarg, undef... or <local error>. */
const char	*t_reply_text(int, const struct alcove_term *);

/* The number of a call; fails the test case for an unknown name. */
int		 t_call_no(const char *);
/* Where T_TEXT has alcove_call leave the reply for t_outcome. */
extern struct alcove_term *t_reply;
/* t_reply_text of err and t_reply, freeing t_reply. */
const char	*t_outcome(int);

/* Make a call in p (a struct t_proc): its outcome as text. */
#define T_TEXT(p, name, ...)						\
	t_outcome(alcove_call(T_AT(p), t_call_no(name), T_TIMEOUT,	\
	    &t_reply, __VA_ARGS__))
/* Require an exact outcome; T_EXPECT goes on after a mismatch. */
#define T_EXPECT(w, p, name, ...)					\
	t_compare(__LINE__, 0, (name), (w), T_TEXT((p), (name), __VA_ARGS__))
#define T_REQUIRE(w, p, name, ...)					\
	t_compare(__LINE__, 1, (name), (w), T_TEXT((p), (name), __VA_ARGS__))
/* Fail the test case (fatal or not) unless got is want. */
void		 t_compare(int, int, const char *, const char *,
		    const char *);
/* The integer of an {ok, Integer} reply; anything else fails the test. */
#define T_OK_INT(p, name, ...)						\
	t_ok_int(__LINE__, (name), T_TEXT((p), (name), __VA_ARGS__))
long long	 t_ok_int(int, const char *, const char *);

/* ---- the system: files, namespaces, mount tables ---- */

/* Read up to size - 1 bytes of a file into buf, add a NUL; the count. */
size_t		 t_slurp(const char *, char *, size_t);
/* Create or replace a file with these bytes. */
void		 t_write_file(const char *, const void *, size_t);
/* A path in the test's working directory, kept. */
const char	*t_here(const char *);
/* The namespace a process (0: the test) is in: "uts:[4026531838]". */
const char	*t_ns_of(pid_t, const char *);

/* What t_mount_line says of a directory that is no mount point. */
#define T_NOT_MOUNTED	"(not mounted)"
/* The mount point of a mountinfo line (line to end) and its length. */
const char	*t_mount_point(const char *, const char *, size_t *);
/* The test's own /proc/self/mountinfo, read anew into a static buffer. */
const char	*t_host_mountinfo(void);
/* The line of the topmost mount on dir, from its options on; kept. */
const char	*t_mount_line(const char *, const char *);
/* The same line in the test's mount table. */
const char	*t_host_mount_line(const char *);
/* The same line in the mount table of process p. */
const char	*t_proc_mount_line(const struct t_proc *, const char *);

/* The audit arch a seccomp filter checks; skips all but x86_64 machines. */
uint32_t	 t_audit_arch(const struct t_proc *);

/* ---- expected messages, built byte by byte ---- */

struct wb {
	unsigned char	b[8192];
	size_t		n;
};

/* Store v big-endian at p; returns 4. */
size_t	t_put32(unsigned char *, uint32_t);
/* levels proper lists, one inside the other, around the binary <<"a">>. */
size_t	t_etf_nested(unsigned char *, int);

void	wb_raw(struct wb *, const void *, size_t);
void	wb_u8(struct wb *, unsigned int);
void	wb_u32(struct wb *, uint32_t);
/* An integer as alcove-protocol(5), Encoder rules, encodes it (below 2^27). */
void	wb_int(struct wb *, int64_t);
void	wb_atom(struct wb *, const char *);
void	wb_binary(struct wb *, const void *, size_t);
/* A string as Erlang sends a short list of bytes: STRING_EXT. */
void	wb_string(struct wb *, const char *);
/* Put a header in front of what w holds: Len, Type. */
void	wb_frame(struct wb *, int);
/* Put an envelope in front of what w holds: Len, Type, Pid. */
void	wb_envelope(struct wb *, int, uint32_t);
/*
 * Put the PROXY envelopes the root sends a message of the process at path
 * (npath pids; none for the root itself) in, around what w holds.
 */
void	wb_from(struct wb *, const pid_t *, size_t);
/* w becomes CTL(Atom) of the process at path, as the root relays it. */
void	wb_ctl(struct wb *, const pid_t *, size_t, const char *);
/*
 * w becomes a CALL reply that is one integer (getpid's pid) from the
 * process at path, as the root relays it.
 */
void	wb_reply_int(struct wb *, const pid_t *, size_t, int64_t);

/* ---- the port without the library, byte by byte ---- */

struct rawport {
	pid_t	pid;
	int	in;		/* the port's stdin */
	int	out;		/* the port's stdout */
	int	err;		/* the port's stderr */
	int	fifo;
};

/* Start the port, check the boot message, unlink the FIFO (as Erlang). */
void	raw_start(const atf_tc_t *, struct rawport *);
void	raw_write(struct rawport *, const void *, size_t);
/* Read exactly n bytes within the timeout; fails the test otherwise. */
void	raw_read(struct rawport *, void *, size_t);
/* Read one whole message (Len included) into buf; returns its size. */
size_t	raw_msg(struct rawport *, unsigned char *, size_t);
/* Require the next message to be exactly these bytes. */
void	raw_expect(struct rawport *, const void *, size_t);
/* Close stdin and wait; returns the wait status. stderr text in errbuf. */
int	raw_finish(struct rawport *, char *, size_t);
/* Is the port's stdout at EOF (it exited) within the timeout? */
int	raw_eof(struct rawport *, int);

/* Build a CALL message: Len, 4, call number, then the argument bytes
 * exactly as given (the version byte included). */
size_t	raw_call(unsigned char *, int, const void *, size_t);
/* Wrap a message in a STDIN envelope to pid. */
size_t	raw_stdin(unsigned char *, uint32_t, const void *, size_t);
/*
 * Write a CALL (call number, argument bytes as for raw_call) for the
 * process at path (npath pids), in its STDIN envelopes.
 */
void	raw_send_at(struct rawport *, const pid_t *, size_t, int,
	    const void *, size_t);
/* Call getpid in the process at path; require exactly the reply pid. */
void	raw_expect_getpid(struct rawport *, const pid_t *, size_t, pid_t);
/* Require the next message to be CTL(Atom) of the process at path. */
void	raw_expect_ctl(struct rawport *, const pid_t *, size_t, const char *);

/*
 * What the port wrote and the test has not looked at yet.  Writing a large
 * request while the port answers needs both directions at once: the port
 * stops reading while nobody reads its output.
 */
struct outbuf {
	unsigned char	*data;
	size_t		 len;
	size_t		 off;
};

void	ob_read(struct rawport *, struct outbuf *);
/* Write all of data, keeping whatever the port says meanwhile. */
void	ob_write(struct rawport *, struct outbuf *, const unsigned char *,
	    size_t);
/* The next n bytes the port wrote. */
void	ob_bytes(struct rawport *, struct outbuf *, unsigned char *, size_t);

/* Parse a decimal pid out of an {ok, Pid} reply message. */
pid_t	raw_ok_pid(const unsigned char *, size_t);

#endif
