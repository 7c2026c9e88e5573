/*
 * Helpers shared by the ATF test programs: start the port through
 * libalcove or raw, with exact-result assertions.
 */
#ifndef ALCOVE_TESTLIB_H
#define ALCOVE_TESTLIB_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

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

/* A byte string given inline: pointer and size. */
#define T_BYTES(...)	(const unsigned char []){ __VA_ARGS__ },	\
			sizeof((const unsigned char []){ __VA_ARGS__ })

/*
 * The port under test: the config variable "port" (kyua test -v
 * test_suites.alcove.port=PATH), else the one this program was built with.
 * "port_wrapper" (e.g. "valgrind -q --error-exitcode=99") is run in front.
 */
const char	*t_port(const atf_tc_t *);

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

/* ---- expected messages, built byte by byte ---- */

struct wb {
	unsigned char	b[8192];
	size_t		n;
};

/* Store v big-endian at p; returns 4. */
size_t	t_put32(unsigned char *, uint32_t);

void	wb_raw(struct wb *, const void *, size_t);
void	wb_u8(struct wb *, unsigned int);
void	wb_u32(struct wb *, uint32_t);
/* An integer as section 13.3 encodes it (for values below 2^27). */
void	wb_int(struct wb *, int64_t);
void	wb_atom(struct wb *, const char *);
void	wb_binary(struct wb *, const void *, size_t);
/* A string as Erlang sends a short list of bytes: STRING_EXT. */
void	wb_string(struct wb *, const char *);
/* Put a header in front of what w holds: Len, Type. */
void	wb_frame(struct wb *, int);
/* Put an envelope in front of what w holds: Len, Type, Pid. */
void	wb_envelope(struct wb *, int, uint32_t);

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
