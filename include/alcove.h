/*
 * libalcove: start an alcove port and drive its tree of processes, one
 * system call at a time.  See alcove(3).
 */
#ifndef ALCOVE_H
#define ALCOVE_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

#define ALCOVE_LIB_VERSION	"0.1.0"

/*
 * Every function returns 0 on success, a positive errno value (an error the
 * port reported, mapped by name to this system's number, or a local system
 * error), or one of these negative codes.
 */
#define ALCOVE_EUNSUPPORTED	(-1)	/* the port's system lacks this call */
#define ALCOVE_EBADARG		(-2)	/* the port answered badarg */
#define ALCOVE_EUNDEF		(-3)	/* the call is blocked by a filter */
#define ALCOVE_ETIMEDOUT	(-4)	/* no answer within the timeout */
#define ALCOVE_EPORT		(-5)	/* the port is gone */
#define ALCOVE_EBADPID		(-6)	/* no such process on the path */
#define ALCOVE_EPROTO		(-7)	/* an answer of an unexpected form */
#define ALCOVE_EPIPE		(-8)	/* stdin data was dropped (PIPE) */
#define ALCOVE_EEXITED		(-9)	/* the process exited, no answer */
#define ALCOVE_ETOOBIG		(-10)	/* the request does not fit a message */
#define ALCOVE_EUNKNOWN		(-11)	/* no such name (errno, option, ...) */
#define ALCOVE_EINVAL		(-12)	/* an invalid argument to the library */
#define ALCOVE_ENOPORT		(-13)	/* the port program cannot be run */
#define ALCOVE_ECTLDIR		(-14)	/* the control directory is unusable */

/* The deepest fork path: the port's maxforkdepth cannot exceed 255. */
#define ALCOVE_PATH_MAX		255

/* No timeout. */
#define ALCOVE_INFINITY		(-1)
/* Use the handle's default timeout. */
#define ALCOVE_DEFAULT		(-2)

const char	*alcove_strerror(int);

struct alcove;

/*
 * How to start the port: see alcove_start(3).  Everything here is read at
 * start only; the port's runtime options are set with alcove_setopt().
 */
struct alcove_options {
	const char	 *progname;	/* the port; NULL: $ALCOVE_PORT or the
					 * installed one */
	const char *const *exec;	/* words run before it: "sudo", "-n" */
	const char	 *ctldir;	/* FIFO directory; NULL: a new one */
	int		  maxchild;	/* -m; 0: the port's default */
	int		  timeout;	/* default timeout, ms; ALCOVE_INFINITY */
	char *const	 *environ;	/* the port's environment; NULL: ours */
	int		  stderr_fd;	/* the port's stderr; -1: ours */
	const int	 *keep_fds;	/* descriptors the port inherits, */
	size_t		  nkeep_fds;	/* besides 0, 1 and 2 */
};

void	alcove_options_init(struct alcove_options *);
int	alcove_start(struct alcove **, const struct alcove_options *);
int	alcove_stop(struct alcove *, int *);
pid_t	alcove_port_pid(const struct alcove *);
/* The handle's default timeout (ms or ALCOVE_INFINITY), for ALCOVE_DEFAULT. */
int	alcove_set_timeout(struct alcove *, int);

/* ---- terms: replies and events as the port sends them ---- */

#define ALCOVE_TERM_INTEGER	1
#define ALCOVE_TERM_ATOM	2
#define ALCOVE_TERM_BINARY	3
#define ALCOVE_TERM_TUPLE	4
#define ALCOVE_TERM_LIST	5	/* [] is a list of no elements */

struct alcove_term {
	int			 type;
	int			 neg;	/* INTEGER: below zero */
	uint64_t		 mag;	/* INTEGER: magnitude */
	const char		*atom;	/* ATOM: NUL-terminated Latin-1 */
	const unsigned char	*data;	/* BINARY */
	size_t			 len;	/* ATOM, BINARY: bytes */
	size_t			 n;	/* TUPLE, LIST: elements */
	struct alcove_term	*e;
};

void	alcove_term_free(struct alcove_term *);
int	alcove_term_atom(const struct alcove_term *, const char *);
int	alcove_term_int(const struct alcove_term *, int64_t *);
int	alcove_term_decode(const void *, size_t, struct alcove_term **);

/* ---- calls ---- */

/*
 * Make call number `call` (alcove_call_number("getpid")) in the process at
 * path[0..npath).  The arguments are given by a format, one character per
 * element of the argument tuple:
 *	i int	l long long	u unsigned long long	a atom (const char *)
 *	s C string, sent as a binary	b binary (const void *, size_t)
 *	n []	A argv (char *const *; NULL sends [])	r raw term bytes
 *	(const void *, size_t)	{ } a tuple	[ ] a proper list
 * The reply term is stored in *reply (free it with alcove_term_free) unless
 * reply is NULL.  The return value is 0 for any reply, or an error:
 * ALCOVE_EBADARG, ALCOVE_EUNDEF, ALCOVE_EUNSUPPORTED and the other codes.
 */
int	alcove_call(struct alcove *, const pid_t *, size_t, int, int,
	    struct alcove_term **, const char *, ...);
int	alcove_call_number(const char *);

/* Read an {ok, ...} | {error, Posix} | ok reply as 0 or an error code. */
int	alcove_reply_error(const struct alcove_term *);

/* ---- stdin, stdout, stderr and events ---- */

#define ALCOVE_MSG_STDOUT	0x01
#define ALCOVE_MSG_STDERR	0x02
#define ALCOVE_MSG_EVENT	0x04	/* {exit_status, N}, {termsig, S}, ... */
#define ALCOVE_MSG_CTL		0x08	/* fdctl_closed, stdout_closed, ... */
#define ALCOVE_MSG_PIPE		0x10
#define ALCOVE_MSG_ANY		0x1f

struct alcove_msg {
	int			 type;
	pid_t			 path[ALCOVE_PATH_MAX];
	size_t			 npath;
	unsigned char		*data;	/* STDOUT, STDERR data; CTL atom */
	size_t			 len;
	struct alcove_term	*term;	/* EVENT */
	uint64_t		 pipe;	/* PIPE: bytes accepted */
};

int	alcove_stdin(struct alcove *, const pid_t *, size_t, const void *,
	    size_t);
int	alcove_recv(struct alcove *, const pid_t *, size_t, int, int,
	    struct alcove_msg **);
void	alcove_msg_free(struct alcove_msg *);

/* An exit event as a wait(2)-style status; -1 if it is not one. */
int	alcove_msg_exit(const struct alcove_msg *, int *);

/* ---- your event loop: see alcove_dispatch(3) ---- */

/* An asynchronous call ended: 0 and its reply (the callback frees it),
 * or an error and NULL. */
typedef void	(*alcove_call_cb)(int, struct alcove_term *, void *);

int	alcove_fd(struct alcove *);
int	alcove_fd_out(struct alcove *);
int	alcove_dispatch(struct alcove *);
int	alcove_call_async(struct alcove *, const pid_t *, size_t, int,
	    alcove_call_cb, void *, const char *, ...);

/* ---- owners, links and monitors: see alcove_owner(3) ---- */

struct alcove_owner;

#define ALCOVE_LINK		0x00	/* closing the owner kills the child */
#define ALCOVE_UNLINK		0x01	/* ... or leaves it running */

/* A message for an owner; the callback frees it (alcove_msg_free). */
typedef void	(*alcove_owner_cb)(struct alcove_owner *, struct alcove_msg *,
		    void *);

int	alcove_owner_new(struct alcove *, struct alcove_owner **);
struct alcove_owner *alcove_owner_default(struct alcove *);
int	alcove_owner_close(struct alcove_owner *);
int	alcove_owner_fork(struct alcove_owner *, const pid_t *, size_t, int,
	    int, pid_t *);
int	alcove_owner_give(struct alcove_owner *, const pid_t *, size_t);
int	alcove_owner_link(struct alcove_owner *, const pid_t *, size_t);
int	alcove_owner_unlink(struct alcove_owner *, const pid_t *, size_t);
int	alcove_owner_monitor(struct alcove_owner *, const pid_t *, size_t);
int	alcove_owner_demonitor(struct alcove_owner *, const pid_t *, size_t);
int	alcove_owner_recv(struct alcove_owner *, int, int,
	    struct alcove_msg **);
void	alcove_owner_set_callback(struct alcove_owner *, alcove_owner_cb,
	    void *);
int	alcove_owner_set_limit(struct alcove_owner *, size_t);

/* ---- typed calls ---- */

#define ALCOVE_SIG_DFL		0
#define ALCOVE_SIG_IGN		1
#define ALCOVE_SIG_INFO		2
#define ALCOVE_SIG_QUERY	3

struct alcove_pid {
	pid_t	pid;
	int	flowcontrol;
	int	signaloneof;
	int	fdctl;
	int	fdin;
	int	fdout;
	int	fderr;
};

#define ALCOVE_PATH	const pid_t *, size_t

int	alcove_fork(struct alcove *, ALCOVE_PATH, pid_t *);
int	alcove_execvp(struct alcove *, ALCOVE_PATH, const char *,
	    char *const []);
int	alcove_execve(struct alcove *, ALCOVE_PATH, const char *,
	    char *const [], char *const []);
int	alcove_exit(struct alcove *, ALCOVE_PATH, int);
int	alcove_kill(struct alcove *, ALCOVE_PATH, pid_t, int);
int	alcove_waitpid(struct alcove *, ALCOVE_PATH, pid_t, int, pid_t *,
	    int *);
int	alcove_getpid(struct alcove *, ALCOVE_PATH, pid_t *);
int	alcove_getpgrp(struct alcove *, ALCOVE_PATH, pid_t *);
int	alcove_getsid(struct alcove *, ALCOVE_PATH, pid_t, pid_t *);
int	alcove_setsid(struct alcove *, ALCOVE_PATH, pid_t *);
int	alcove_setpgid(struct alcove *, ALCOVE_PATH, pid_t, pid_t);
int	alcove_cpid(struct alcove *, ALCOVE_PATH, struct alcove_pid **,
	    size_t *);
int	alcove_setcpid(struct alcove *, ALCOVE_PATH, pid_t, const char *,
	    int);
int	alcove_sigaction(struct alcove *, ALCOVE_PATH, int, int, int *);

int	alcove_getuid(struct alcove *, ALCOVE_PATH, uid_t *);
int	alcove_getgid(struct alcove *, ALCOVE_PATH, gid_t *);
int	alcove_setuid(struct alcove *, ALCOVE_PATH, uid_t);
int	alcove_setgid(struct alcove *, ALCOVE_PATH, gid_t);
int	alcove_getgroups(struct alcove *, ALCOVE_PATH, gid_t *, size_t,
	    size_t *);
int	alcove_setgroups(struct alcove *, ALCOVE_PATH, const gid_t *, size_t);
int	alcove_getresuid(struct alcove *, ALCOVE_PATH, uid_t *, uid_t *,
	    uid_t *);
int	alcove_getresgid(struct alcove *, ALCOVE_PATH, gid_t *, gid_t *,
	    gid_t *);
int	alcove_setresuid(struct alcove *, ALCOVE_PATH, uid_t, uid_t, uid_t);
int	alcove_setresgid(struct alcove *, ALCOVE_PATH, gid_t, gid_t, gid_t);

int	alcove_chdir(struct alcove *, ALCOVE_PATH, const char *);
int	alcove_chroot(struct alcove *, ALCOVE_PATH, const char *);
int	alcove_getcwd(struct alcove *, ALCOVE_PATH, char *, size_t);
int	alcove_mkdir(struct alcove *, ALCOVE_PATH, const char *, mode_t);
int	alcove_rmdir(struct alcove *, ALCOVE_PATH, const char *);
int	alcove_unlink(struct alcove *, ALCOVE_PATH, const char *);
int	alcove_symlink(struct alcove *, ALCOVE_PATH, const char *,
	    const char *);
int	alcove_link(struct alcove *, ALCOVE_PATH, const char *, const char *);
int	alcove_chmod(struct alcove *, ALCOVE_PATH, const char *, mode_t);
int	alcove_chown(struct alcove *, ALCOVE_PATH, const char *, uid_t, gid_t);
int	alcove_mkfifo(struct alcove *, ALCOVE_PATH, const char *, mode_t);
int	alcove_readdir(struct alcove *, ALCOVE_PATH, const char *, char ***);

int	alcove_open(struct alcove *, ALCOVE_PATH, const char *, int, mode_t,
	    int *);
int	alcove_close(struct alcove *, ALCOVE_PATH, int);
int	alcove_read(struct alcove *, ALCOVE_PATH, int, void *, size_t,
	    size_t *);
int	alcove_write(struct alcove *, ALCOVE_PATH, int, const void *, size_t,
	    size_t *);
int	alcove_lseek(struct alcove *, ALCOVE_PATH, int, off_t, int);

int	alcove_environ(struct alcove *, ALCOVE_PATH, char ***);
int	alcove_getenv(struct alcove *, ALCOVE_PATH, const char *, char **);
int	alcove_setenv(struct alcove *, ALCOVE_PATH, const char *,
	    const char *, int);
int	alcove_unsetenv(struct alcove *, ALCOVE_PATH, const char *);
int	alcove_clearenv(struct alcove *, ALCOVE_PATH);

int	alcove_getrlimit(struct alcove *, ALCOVE_PATH, int, uint64_t *,
	    uint64_t *);
int	alcove_setrlimit(struct alcove *, ALCOVE_PATH, int, uint64_t,
	    uint64_t);
int	alcove_getpriority(struct alcove *, ALCOVE_PATH, int, int, int *);
int	alcove_setpriority(struct alcove *, ALCOVE_PATH, int, int, int);
int	alcove_gethostname(struct alcove *, ALCOVE_PATH, char *, size_t);
int	alcove_setproctitle(struct alcove *, ALCOVE_PATH, const char *);

int	alcove_getopt(struct alcove *, ALCOVE_PATH, const char *, int *);
int	alcove_setopt(struct alcove *, ALCOVE_PATH, const char *, int);
int	alcove_filter(struct alcove *, ALCOVE_PATH, const unsigned char *,
	    size_t, const unsigned char *, size_t);
void	alcove_filter_add(unsigned char [16], int);
int	alcove_version(struct alcove *, ALCOVE_PATH, char *, size_t);
int	alcove_errno_id(struct alcove *, ALCOVE_PATH, int, char *, size_t);
int	alcove_constant(struct alcove *, ALCOVE_PATH, const char *,
	    const char *, uint64_t *);

/* Free a NULL-terminated string vector (environ, readdir). */
void	alcove_strv_free(char **);

#undef ALCOVE_PATH

#endif
