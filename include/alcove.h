/*
 * libalcove: start an alcove port and drive its tree of processes, one
 * system call at a time.  See alcove(3).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
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

/* ---- cgroups ---- */

/*
 * cgroup control: alcove_cgroup(3).  A cgroup is named by path components
 * ({"alcove", "guest1234"}); on cgroup v1 it is that directory in the
 * hierarchy of each controller, on v2 one directory of the unified
 * hierarchy.  The file operations run in the process at the fork path.
 * Controllers are bits of a mask; ALCOVE_CGROUP_UNIFIED is the directory of
 * the v2 hierarchy itself, whichever controllers it holds.
 */
#define ALCOVE_CGROUP_CPU		0x0001
#define ALCOVE_CGROUP_CPUACCT		0x0002
#define ALCOVE_CGROUP_CPUSET		0x0004
#define ALCOVE_CGROUP_MEMORY		0x0008
#define ALCOVE_CGROUP_PIDS		0x0010
#define ALCOVE_CGROUP_BLKIO		0x0020
#define ALCOVE_CGROUP_IO		0x0040
#define ALCOVE_CGROUP_DEVICES		0x0080
#define ALCOVE_CGROUP_FREEZER		0x0100
#define ALCOVE_CGROUP_HUGETLB		0x0200
#define ALCOVE_CGROUP_NET_CLS		0x0400
#define ALCOVE_CGROUP_NET_PRIO		0x0800
#define ALCOVE_CGROUP_PERF_EVENT	0x1000
#define ALCOVE_CGROUP_RDMA		0x2000
#define ALCOVE_CGROUP_MISC		0x4000
#define ALCOVE_CGROUP_UNIFIED		0x8000
#define ALCOVE_CGROUP_ALL		0xffffU

/* The hierarchies a process sees; NULL in the calls below: look now. */
struct alcove_cgroups;

int	alcove_cgroup_open(struct alcove *, const pid_t *, size_t,
	    const char *, struct alcove_cgroups **);
void	alcove_cgroup_free(struct alcove_cgroups *);
unsigned int alcove_cgroup_controller(const char *);
int	alcove_cgroup_supported(struct alcove *, const pid_t *, size_t,
	    const struct alcove_cgroups *, unsigned int *, unsigned int *);
int	alcove_cgroup_create(struct alcove *, const pid_t *, size_t,
	    const struct alcove_cgroups *, const char *const *, size_t,
	    unsigned int, unsigned int *);
int	alcove_cgroup_destroy(struct alcove *, const pid_t *, size_t,
	    const struct alcove_cgroups *, const char *const *, size_t,
	    unsigned int, unsigned int *);
int	alcove_cgroup_set(struct alcove *, const pid_t *, size_t,
	    const struct alcove_cgroups *, const char *const *, size_t,
	    const char *, const char *);
int	alcove_cgroup_get(struct alcove *, const pid_t *, size_t,
	    const struct alcove_cgroups *, const char *const *, size_t,
	    const char *, char *, size_t, size_t *);
int	alcove_cgroup_add(struct alcove *, const pid_t *, size_t,
	    const struct alcove_cgroups *, const char *const *, size_t,
	    unsigned int, pid_t, unsigned int *);

/* ---- typed calls ---- */

/*
 * Every call of the protocol has a typed function, declared below from
 * src/proto/calls.def: alcove_<call>(h, path, npath, arguments...) uses
 * the handle's default timeout, alcove_<call>_t(h, path, npath, timeout,
 * arguments...) its own (milliseconds, ALCOVE_INFINITY or
 * ALCOVE_DEFAULT).  Results come back through the pointer arguments.
 *
 * Arguments that the port takes as a constant or as flags (mount and
 * clone flags, signal numbers for a socket's domain, ...) are given as a
 * string, so that they mean what the port's system means by them: names
 * ("ms_bind|ms_rec", "af_inet") separated by '|', ',' or blanks, or a
 * number ("4096", "0x1000"); NULL or "" is none (0).  A '|' or ',' with
 * no name on one side of it ("ms_bind|") is ALCOVE_EINVAL.
 */

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

/*
 * A C structure argument (alloc, ioctl, prctl, procctl, ptrace): fields
 * laid out one after another.  ALCOVE_CFIELD_BYTES is len bytes inline
 * (a copy of data, or zeroes when data is NULL); ALCOVE_CFIELD_PTR is a
 * pointer to len bytes (a copy of data, or zeroes; len 0 is a NULL
 * pointer).  The port reads the structure back after the call: out, when
 * not NULL, receives the field's len bytes (for a pointer field, the
 * memory it points to).
 */
#define ALCOVE_CFIELD_BYTES	0
#define ALCOVE_CFIELD_PTR	1

struct alcove_cfield {
	int		 type;
	const void	*data;
	size_t		 len;
	void		*out;
};

/*
 * An argument that may be a number, a constant, bytes or a C structure
 * (ioctl, prctl, ptrace).  What the call gives back for it is stored the
 * same way: the number in n (prctl only), bytes in out (len of them), a
 * structure in its fields' out.  A NULL argument is the number 0.  See
 * alcove_cstruct(3).
 */
#define ALCOVE_ARG_INT		0	/* n */
#define ALCOVE_ARG_CONST	1	/* name, as described above */
#define ALCOVE_ARG_BINARY	2	/* data, len; out */
#define ALCOVE_ARG_CSTRUCT	3	/* fields, nfields */

struct alcove_arg {
	int			 type;
	uint64_t		 n;
	const char		*name;
	const void		*data;
	size_t			 len;
	void			*out;
	struct alcove_cfield	*fields;
	size_t			 nfields;
};

/* A FreeBSD jail (jail(2)'s struct jail, version 2). */
struct alcove_jail {
	const char	*path;
	const char	*hostname;
	const char	*jailname;
	const void	*ip4;		/* nip4 struct in_addr */
	size_t		 nip4;
	const void	*ip6;		/* nip6 struct in6_addr */
	size_t		 nip6;
};

struct alcove_bpf;	/* a seccomp filter program: alcove_bpf(3) */

/*
 * Building a classic BPF program for seccomp (alcove_bpf(3)): instructions
 * are appended one at a time; a failure (no memory, more than
 * ALCOVE_BPF_MAXINSNS) is remembered in error, and alcove_seccomp() and
 * alcove_bpf_arg() refuse a program whose error is set.  An instruction
 * has struct sock_filter's layout; the program is sent in the library's
 * byte order and pointer size, which must be the port's.
 */
#define ALCOVE_BPF_MAXINSNS	4096

/* Instruction classes. */
#define ALCOVE_BPF_LD		0x00
#define ALCOVE_BPF_LDX		0x01
#define ALCOVE_BPF_ST		0x02
#define ALCOVE_BPF_STX		0x03
#define ALCOVE_BPF_ALU		0x04
#define ALCOVE_BPF_JMP		0x05
#define ALCOVE_BPF_RET		0x06
#define ALCOVE_BPF_MISC		0x07
/* ld/ldx: size and addressing mode. */
#define ALCOVE_BPF_W		0x00
#define ALCOVE_BPF_H		0x08
#define ALCOVE_BPF_B		0x10
#define ALCOVE_BPF_IMM		0x00
#define ALCOVE_BPF_ABS		0x20
#define ALCOVE_BPF_IND		0x40
#define ALCOVE_BPF_MEM		0x60
#define ALCOVE_BPF_LEN		0x80
#define ALCOVE_BPF_MSH		0xa0
/* alu and jmp: the operation; the operand is k or the X register. */
#define ALCOVE_BPF_ADD		0x00
#define ALCOVE_BPF_SUB		0x10
#define ALCOVE_BPF_MUL		0x20
#define ALCOVE_BPF_DIV		0x30
#define ALCOVE_BPF_OR		0x40
#define ALCOVE_BPF_AND		0x50
#define ALCOVE_BPF_LSH		0x60
#define ALCOVE_BPF_RSH		0x70
#define ALCOVE_BPF_NEG		0x80
#define ALCOVE_BPF_MOD		0x90
#define ALCOVE_BPF_XOR		0xa0
#define ALCOVE_BPF_JA		0x00
#define ALCOVE_BPF_JEQ		0x10
#define ALCOVE_BPF_JGT		0x20
#define ALCOVE_BPF_JGE		0x30
#define ALCOVE_BPF_JSET		0x40
#define ALCOVE_BPF_K		0x00
#define ALCOVE_BPF_X		0x08
/* ret: the value returned is k, X or the accumulator. */
#define ALCOVE_BPF_A		0x10
/* misc: copy between the accumulator and X. */
#define ALCOVE_BPF_TAX		0x00
#define ALCOVE_BPF_TXA		0x80

/* Offsets in struct seccomp_data: the call number, audit arch, argument n. */
#define ALCOVE_BPF_DATA_NR	0
#define ALCOVE_BPF_DATA_ARCH	4
#define ALCOVE_BPF_DATA_IP	8
#define ALCOVE_BPF_DATA_ARG(n)	(16 + 8 * (n))

struct alcove_bpf_insn {
	uint16_t	code;
	uint8_t		jt;
	uint8_t		jf;
	uint32_t	k;
};

struct alcove_bpf {
	struct alcove_bpf_insn	*insn;
	size_t			 len;
	size_t			 cap;
	int			 error;	/* 0, ENOMEM or ALCOVE_EINVAL */
	/* struct sock_fprog as alcove_bpf_arg() describes it */
	unsigned char		 head[sizeof(void *)];
	struct alcove_cfield	 field[2];
};

void	alcove_bpf_init(struct alcove_bpf *);
void	alcove_bpf_free(struct alcove_bpf *);
int	alcove_bpf_stmt(struct alcove_bpf *, uint16_t, uint32_t);
int	alcove_bpf_jump(struct alcove_bpf *, uint16_t, uint32_t, uint8_t,
	    uint8_t);
/* Unless the audit arch is arch, return action. */
int	alcove_bpf_arch(struct alcove_bpf *, uint32_t, uint32_t);
/* For system call nr, return action. */
int	alcove_bpf_syscall(struct alcove_bpf *, uint32_t, uint32_t);
/*
 * A value on the port's system: "sys_getcwd" and "audit_arch_x86_64"
 * (syscall_constant), "seccomp_ret_errno" (prctl_constant).
 */
int	alcove_bpf_constant(struct alcove *, const pid_t *, size_t,
	    const char *, uint32_t *);
int	alcove_bpf_constant_t(struct alcove *, const pid_t *, size_t, int,
	    const char *, uint32_t *);
/* The program as alcove_prctl()'s struct sock_fprog argument. */
int	alcove_bpf_arg(struct alcove_bpf *, struct alcove_arg *);
struct timeval;

/* BEGIN GENERATED CALLS (mk/gen-calls.sh --update; do not edit) */
int	alcove_alloc(struct alcove *, const pid_t *, size_t,
	    struct alcove_cfield *fields, size_t nfields, void *raw,
	    size_t size, size_t *got);
int	alcove_alloc_t(struct alcove *, const pid_t *, size_t, int,
	    struct alcove_cfield *fields, size_t nfields, void *raw,
	    size_t size, size_t *got);
int	alcove_cap_constant(struct alcove *, const pid_t *, size_t,
	    const char *name, uint64_t *value);
int	alcove_cap_constant_t(struct alcove *, const pid_t *, size_t, int,
	    const char *name, uint64_t *value);
int	alcove_cap_enter(struct alcove *, const pid_t *, size_t);
int	alcove_cap_enter_t(struct alcove *, const pid_t *, size_t, int);
int	alcove_cap_fcntls_get(struct alcove *, const pid_t *, size_t, int fd,
	    uint64_t *rights);
int	alcove_cap_fcntls_get_t(struct alcove *, const pid_t *, size_t, int,
	    int fd, uint64_t *rights);
int	alcove_cap_fcntls_limit(struct alcove *, const pid_t *, size_t, int fd,
	    const char *rights);
int	alcove_cap_fcntls_limit_t(struct alcove *, const pid_t *, size_t, int,
	    int fd, const char *rights);
int	alcove_cap_getmode(struct alcove *, const pid_t *, size_t, int *mode);
int	alcove_cap_getmode_t(struct alcove *, const pid_t *, size_t, int,
	    int *mode);
int	alcove_cap_ioctls_limit(struct alcove *, const pid_t *, size_t, int fd,
	    const char *ioctls);
int	alcove_cap_ioctls_limit_t(struct alcove *, const pid_t *, size_t, int,
	    int fd, const char *ioctls);
int	alcove_cap_rights_limit(struct alcove *, const pid_t *, size_t, int fd,
	    const char *rights);
int	alcove_cap_rights_limit_t(struct alcove *, const pid_t *, size_t, int,
	    int fd, const char *rights);
int	alcove_chdir(struct alcove *, const pid_t *, size_t, const char *dir);
int	alcove_chdir_t(struct alcove *, const pid_t *, size_t, int,
	    const char *dir);
int	alcove_chmod(struct alcove *, const pid_t *, size_t, const char *file,
	    mode_t mode);
int	alcove_chmod_t(struct alcove *, const pid_t *, size_t, int,
	    const char *file, mode_t mode);
int	alcove_chown(struct alcove *, const pid_t *, size_t, const char *file,
	    uid_t owner, gid_t group);
int	alcove_chown_t(struct alcove *, const pid_t *, size_t, int,
	    const char *file, uid_t owner, gid_t group);
int	alcove_chroot(struct alcove *, const pid_t *, size_t, const char *dir);
int	alcove_chroot_t(struct alcove *, const pid_t *, size_t, int,
	    const char *dir);
int	alcove_clearenv(struct alcove *, const pid_t *, size_t);
int	alcove_clearenv_t(struct alcove *, const pid_t *, size_t, int);
int	alcove_clone(struct alcove *, const pid_t *, size_t, const char *flags,
	    pid_t *pid);
int	alcove_clone_t(struct alcove *, const pid_t *, size_t, int,
	    const char *flags, pid_t *pid);
int	alcove_clone_constant(struct alcove *, const pid_t *, size_t,
	    const char *name, uint64_t *value);
int	alcove_clone_constant_t(struct alcove *, const pid_t *, size_t, int,
	    const char *name, uint64_t *value);
int	alcove_close(struct alcove *, const pid_t *, size_t, int fd);
int	alcove_close_t(struct alcove *, const pid_t *, size_t, int, int fd);
int	alcove_connect(struct alcove *, const pid_t *, size_t, int fd,
	    const void *addr, size_t addrlen);
int	alcove_connect_t(struct alcove *, const pid_t *, size_t, int, int fd,
	    const void *addr, size_t addrlen);
int	alcove_cpid(struct alcove *, const pid_t *, size_t,
	    struct alcove_pid **pids, size_t *npids);
int	alcove_cpid_t(struct alcove *, const pid_t *, size_t, int,
	    struct alcove_pid **pids, size_t *npids);
int	alcove_environ(struct alcove *, const pid_t *, size_t, char ***envp);
int	alcove_environ_t(struct alcove *, const pid_t *, size_t, int,
	    char ***envp);
int	alcove_errno_id(struct alcove *, const pid_t *, size_t, int err,
	    char *buf, size_t size);
int	alcove_errno_id_t(struct alcove *, const pid_t *, size_t, int, int err,
	    char *buf, size_t size);
int	alcove_execve(struct alcove *, const pid_t *, size_t, const char *file,
	    char *const argv[], char *const envp[]);
int	alcove_execve_t(struct alcove *, const pid_t *, size_t, int,
	    const char *file, char *const argv[], char *const envp[]);
int	alcove_execvp(struct alcove *, const pid_t *, size_t, const char *file,
	    char *const argv[]);
int	alcove_execvp_t(struct alcove *, const pid_t *, size_t, int,
	    const char *file, char *const argv[]);
int	alcove_exit(struct alcove *, const pid_t *, size_t, int status);
int	alcove_exit_t(struct alcove *, const pid_t *, size_t, int, int status);
int	alcove_fcntl(struct alcove *, const pid_t *, size_t, int fd,
	    const char *cmd, int arg, int64_t *result);
int	alcove_fcntl_t(struct alcove *, const pid_t *, size_t, int, int fd,
	    const char *cmd, int arg, int64_t *result);
int	alcove_fcntl_constant(struct alcove *, const pid_t *, size_t,
	    const char *name, uint64_t *value);
int	alcove_fcntl_constant_t(struct alcove *, const pid_t *, size_t, int,
	    const char *name, uint64_t *value);
int	alcove_fexecve(struct alcove *, const pid_t *, size_t, int fd,
	    char *const argv[], char *const envp[]);
int	alcove_fexecve_t(struct alcove *, const pid_t *, size_t, int, int fd,
	    char *const argv[], char *const envp[]);
int	alcove_file_constant(struct alcove *, const pid_t *, size_t,
	    const char *name, uint64_t *value);
int	alcove_file_constant_t(struct alcove *, const pid_t *, size_t, int,
	    const char *name, uint64_t *value);
int	alcove_filter(struct alcove *, const pid_t *, size_t,
	    const unsigned char *own, size_t nown, const unsigned char *sub,
	    size_t nsub);
int	alcove_filter_t(struct alcove *, const pid_t *, size_t, int,
	    const unsigned char *own, size_t nown, const unsigned char *sub,
	    size_t nsub);
int	alcove_fork(struct alcove *, const pid_t *, size_t, pid_t *pid);
int	alcove_fork_t(struct alcove *, const pid_t *, size_t, int, pid_t *pid);
int	alcove_getcwd(struct alcove *, const pid_t *, size_t, char *buf,
	    size_t size);
int	alcove_getcwd_t(struct alcove *, const pid_t *, size_t, int, char *buf,
	    size_t size);
int	alcove_getenv(struct alcove *, const pid_t *, size_t, const char *name,
	    char **value);
int	alcove_getenv_t(struct alcove *, const pid_t *, size_t, int,
	    const char *name, char **value);
int	alcove_getgid(struct alcove *, const pid_t *, size_t, gid_t *gid);
int	alcove_getgid_t(struct alcove *, const pid_t *, size_t, int,
	    gid_t *gid);
int	alcove_getgroups(struct alcove *, const pid_t *, size_t, gid_t *groups,
	    size_t size, size_t *ngroups);
int	alcove_getgroups_t(struct alcove *, const pid_t *, size_t, int,
	    gid_t *groups, size_t size, size_t *ngroups);
int	alcove_gethostname(struct alcove *, const pid_t *, size_t, char *buf,
	    size_t size);
int	alcove_gethostname_t(struct alcove *, const pid_t *, size_t, int,
	    char *buf, size_t size);
int	alcove_getopt(struct alcove *, const pid_t *, size_t, const char *opt,
	    int *value);
int	alcove_getopt_t(struct alcove *, const pid_t *, size_t, int,
	    const char *opt, int *value);
int	alcove_getpgrp(struct alcove *, const pid_t *, size_t, pid_t *pgrp);
int	alcove_getpgrp_t(struct alcove *, const pid_t *, size_t, int,
	    pid_t *pgrp);
int	alcove_getpid(struct alcove *, const pid_t *, size_t, pid_t *pid);
int	alcove_getpid_t(struct alcove *, const pid_t *, size_t, int,
	    pid_t *pid);
int	alcove_getpriority(struct alcove *, const pid_t *, size_t, int which,
	    int who, int *prio);
int	alcove_getpriority_t(struct alcove *, const pid_t *, size_t, int,
	    int which, int who, int *prio);
int	alcove_getresgid(struct alcove *, const pid_t *, size_t, gid_t *rgid,
	    gid_t *egid, gid_t *sgid);
int	alcove_getresgid_t(struct alcove *, const pid_t *, size_t, int,
	    gid_t *rgid, gid_t *egid, gid_t *sgid);
int	alcove_getresuid(struct alcove *, const pid_t *, size_t, uid_t *ruid,
	    uid_t *euid, uid_t *suid);
int	alcove_getresuid_t(struct alcove *, const pid_t *, size_t, int,
	    uid_t *ruid, uid_t *euid, uid_t *suid);
int	alcove_getrlimit(struct alcove *, const pid_t *, size_t, int resource,
	    uint64_t *cur, uint64_t *max);
int	alcove_getrlimit_t(struct alcove *, const pid_t *, size_t, int,
	    int resource, uint64_t *cur, uint64_t *max);
int	alcove_getsid(struct alcove *, const pid_t *, size_t, pid_t pid,
	    pid_t *sid);
int	alcove_getsid_t(struct alcove *, const pid_t *, size_t, int, pid_t pid,
	    pid_t *sid);
int	alcove_getuid(struct alcove *, const pid_t *, size_t, uid_t *uid);
int	alcove_getuid_t(struct alcove *, const pid_t *, size_t, int,
	    uid_t *uid);
int	alcove_ioctl(struct alcove *, const pid_t *, size_t, int fd,
	    const char *request, struct alcove_arg *arg, int64_t *result);
int	alcove_ioctl_t(struct alcove *, const pid_t *, size_t, int, int fd,
	    const char *request, struct alcove_arg *arg, int64_t *result);
int	alcove_ioctl_constant(struct alcove *, const pid_t *, size_t,
	    const char *name, uint64_t *value);
int	alcove_ioctl_constant_t(struct alcove *, const pid_t *, size_t, int,
	    const char *name, uint64_t *value);
int	alcove_iolist_to_bin(struct alcove *, const pid_t *, size_t,
	    const void *data, size_t len, void *buf, size_t size, size_t *got);
int	alcove_iolist_to_bin_t(struct alcove *, const pid_t *, size_t, int,
	    const void *data, size_t len, void *buf, size_t size, size_t *got);
int	alcove_jail(struct alcove *, const pid_t *, size_t,
	    const struct alcove_jail *jail, int *jid);
int	alcove_jail_t(struct alcove *, const pid_t *, size_t, int,
	    const struct alcove_jail *jail, int *jid);
int	alcove_jail_attach(struct alcove *, const pid_t *, size_t, int jid);
int	alcove_jail_attach_t(struct alcove *, const pid_t *, size_t, int,
	    int jid);
int	alcove_jail_remove(struct alcove *, const pid_t *, size_t, int jid);
int	alcove_jail_remove_t(struct alcove *, const pid_t *, size_t, int,
	    int jid);
int	alcove_kill(struct alcove *, const pid_t *, size_t, pid_t pid,
	    int sig);
int	alcove_kill_t(struct alcove *, const pid_t *, size_t, int, pid_t pid,
	    int sig);
int	alcove_link(struct alcove *, const pid_t *, size_t, const char *oldpath,
	    const char *newpath);
int	alcove_link_t(struct alcove *, const pid_t *, size_t, int,
	    const char *oldpath, const char *newpath);
int	alcove_lseek(struct alcove *, const pid_t *, size_t, int fd,
	    off_t offset, int whence);
int	alcove_lseek_t(struct alcove *, const pid_t *, size_t, int, int fd,
	    off_t offset, int whence);
int	alcove_mkdir(struct alcove *, const pid_t *, size_t, const char *dir,
	    mode_t mode);
int	alcove_mkdir_t(struct alcove *, const pid_t *, size_t, int,
	    const char *dir, mode_t mode);
int	alcove_mkfifo(struct alcove *, const pid_t *, size_t, const char *file,
	    mode_t mode);
int	alcove_mkfifo_t(struct alcove *, const pid_t *, size_t, int,
	    const char *file, mode_t mode);
int	alcove_mount(struct alcove *, const pid_t *, size_t, const char *source,
	    const char *target, const char *fstype, const char *flags,
	    const void *data, size_t datalen, const char *options, char *optbuf,
	    size_t optsize);
int	alcove_mount_t(struct alcove *, const pid_t *, size_t, int,
	    const char *source, const char *target, const char *fstype,
	    const char *flags, const void *data, size_t datalen,
	    const char *options, char *optbuf, size_t optsize);
int	alcove_mount_constant(struct alcove *, const pid_t *, size_t,
	    const char *name, uint64_t *value);
int	alcove_mount_constant_t(struct alcove *, const pid_t *, size_t, int,
	    const char *name, uint64_t *value);
int	alcove_open(struct alcove *, const pid_t *, size_t, const char *file,
	    int flags, mode_t mode, int *fd);
int	alcove_open_t(struct alcove *, const pid_t *, size_t, int,
	    const char *file, int flags, mode_t mode, int *fd);
int	alcove_pivot_root(struct alcove *, const pid_t *, size_t,
	    const char *new_root, const char *put_old);
int	alcove_pivot_root_t(struct alcove *, const pid_t *, size_t, int,
	    const char *new_root, const char *put_old);
int	alcove_pledge(struct alcove *, const pid_t *, size_t,
	    const char *promises, const char *execpromises);
int	alcove_pledge_t(struct alcove *, const pid_t *, size_t, int,
	    const char *promises, const char *execpromises);
int	alcove_prctl(struct alcove *, const pid_t *, size_t, const char *option,
	    struct alcove_arg args[4], int64_t *result);
int	alcove_prctl_t(struct alcove *, const pid_t *, size_t, int,
	    const char *option, struct alcove_arg args[4], int64_t *result);
int	alcove_prctl_constant(struct alcove *, const pid_t *, size_t,
	    const char *name, uint64_t *value);
int	alcove_prctl_constant_t(struct alcove *, const pid_t *, size_t, int,
	    const char *name, uint64_t *value);
int	alcove_procctl(struct alcove *, const pid_t *, size_t,
	    const char *idtype, int64_t id, const char *cmd,
	    struct alcove_cfield *data, size_t ndata);
int	alcove_procctl_t(struct alcove *, const pid_t *, size_t, int,
	    const char *idtype, int64_t id, const char *cmd,
	    struct alcove_cfield *data, size_t ndata);
int	alcove_ptrace(struct alcove *, const pid_t *, size_t,
	    const char *request, pid_t pid, struct alcove_arg *addr,
	    struct alcove_arg *data, int64_t *result);
int	alcove_ptrace_t(struct alcove *, const pid_t *, size_t, int,
	    const char *request, pid_t pid, struct alcove_arg *addr,
	    struct alcove_arg *data, int64_t *result);
int	alcove_ptrace_constant(struct alcove *, const pid_t *, size_t,
	    const char *name, uint64_t *value);
int	alcove_ptrace_constant_t(struct alcove *, const pid_t *, size_t, int,
	    const char *name, uint64_t *value);
int	alcove_read(struct alcove *, const pid_t *, size_t, int fd, void *buf,
	    size_t count, size_t *got);
int	alcove_read_t(struct alcove *, const pid_t *, size_t, int, int fd,
	    void *buf, size_t count, size_t *got);
int	alcove_readdir(struct alcove *, const pid_t *, size_t, const char *dir,
	    char ***names);
int	alcove_readdir_t(struct alcove *, const pid_t *, size_t, int,
	    const char *dir, char ***names);
int	alcove_rlimit_constant(struct alcove *, const pid_t *, size_t,
	    const char *name, uint64_t *value);
int	alcove_rlimit_constant_t(struct alcove *, const pid_t *, size_t, int,
	    const char *name, uint64_t *value);
int	alcove_rmdir(struct alcove *, const pid_t *, size_t, const char *dir);
int	alcove_rmdir_t(struct alcove *, const pid_t *, size_t, int,
	    const char *dir);
int	alcove_seccomp(struct alcove *, const pid_t *, size_t,
	    const char *operation, const char *flags,
	    const struct alcove_bpf *prog);
int	alcove_seccomp_t(struct alcove *, const pid_t *, size_t, int,
	    const char *operation, const char *flags,
	    const struct alcove_bpf *prog);
int	alcove_seccomp_constant(struct alcove *, const pid_t *, size_t,
	    const char *name, uint64_t *value);
int	alcove_seccomp_constant_t(struct alcove *, const pid_t *, size_t, int,
	    const char *name, uint64_t *value);
int	alcove_select(struct alcove *, const pid_t *, size_t, int *readfds,
	    size_t *nread, int *writefds, size_t *nwrite, int *exceptfds,
	    size_t *nexcept, const struct timeval *tv);
int	alcove_select_t(struct alcove *, const pid_t *, size_t, int,
	    int *readfds, size_t *nread, int *writefds, size_t *nwrite,
	    int *exceptfds, size_t *nexcept, const struct timeval *tv);
int	alcove_setcpid(struct alcove *, const pid_t *, size_t, pid_t pid,
	    const char *opt, int value);
int	alcove_setcpid_t(struct alcove *, const pid_t *, size_t, int, pid_t pid,
	    const char *opt, int value);
int	alcove_setenv(struct alcove *, const pid_t *, size_t, const char *name,
	    const char *value, int overwrite);
int	alcove_setenv_t(struct alcove *, const pid_t *, size_t, int,
	    const char *name, const char *value, int overwrite);
int	alcove_setgid(struct alcove *, const pid_t *, size_t, gid_t gid);
int	alcove_setgid_t(struct alcove *, const pid_t *, size_t, int,
	    gid_t gid);
int	alcove_setgroups(struct alcove *, const pid_t *, size_t,
	    const gid_t *groups, size_t ngroups);
int	alcove_setgroups_t(struct alcove *, const pid_t *, size_t, int,
	    const gid_t *groups, size_t ngroups);
int	alcove_sethostname(struct alcove *, const pid_t *, size_t,
	    const char *name);
int	alcove_sethostname_t(struct alcove *, const pid_t *, size_t, int,
	    const char *name);
int	alcove_setns(struct alcove *, const pid_t *, size_t, int fd,
	    const char *nstype);
int	alcove_setns_t(struct alcove *, const pid_t *, size_t, int, int fd,
	    const char *nstype);
int	alcove_setopt(struct alcove *, const pid_t *, size_t, const char *opt,
	    int value);
int	alcove_setopt_t(struct alcove *, const pid_t *, size_t, int,
	    const char *opt, int value);
int	alcove_setpgid(struct alcove *, const pid_t *, size_t, pid_t pid,
	    pid_t pgid);
int	alcove_setpgid_t(struct alcove *, const pid_t *, size_t, int, pid_t pid,
	    pid_t pgid);
int	alcove_setpriority(struct alcove *, const pid_t *, size_t, int which,
	    int who, int prio);
int	alcove_setpriority_t(struct alcove *, const pid_t *, size_t, int,
	    int which, int who, int prio);
int	alcove_setproctitle(struct alcove *, const pid_t *, size_t,
	    const char *title);
int	alcove_setproctitle_t(struct alcove *, const pid_t *, size_t, int,
	    const char *title);
int	alcove_setresgid(struct alcove *, const pid_t *, size_t, gid_t rgid,
	    gid_t egid, gid_t sgid);
int	alcove_setresgid_t(struct alcove *, const pid_t *, size_t, int,
	    gid_t rgid, gid_t egid, gid_t sgid);
int	alcove_setresuid(struct alcove *, const pid_t *, size_t, uid_t ruid,
	    uid_t euid, uid_t suid);
int	alcove_setresuid_t(struct alcove *, const pid_t *, size_t, int,
	    uid_t ruid, uid_t euid, uid_t suid);
int	alcove_setrlimit(struct alcove *, const pid_t *, size_t, int resource,
	    uint64_t cur, uint64_t max);
int	alcove_setrlimit_t(struct alcove *, const pid_t *, size_t, int,
	    int resource, uint64_t cur, uint64_t max);
int	alcove_setsid(struct alcove *, const pid_t *, size_t, pid_t *sid);
int	alcove_setsid_t(struct alcove *, const pid_t *, size_t, int,
	    pid_t *sid);
int	alcove_setuid(struct alcove *, const pid_t *, size_t, uid_t uid);
int	alcove_setuid_t(struct alcove *, const pid_t *, size_t, int,
	    uid_t uid);
int	alcove_sigaction(struct alcove *, const pid_t *, size_t, int sig,
	    int handler, int *old);
int	alcove_sigaction_t(struct alcove *, const pid_t *, size_t, int, int sig,
	    int handler, int *old);
int	alcove_signal_constant(struct alcove *, const pid_t *, size_t,
	    const char *name, uint64_t *value);
int	alcove_signal_constant_t(struct alcove *, const pid_t *, size_t, int,
	    const char *name, uint64_t *value);
int	alcove_socket(struct alcove *, const pid_t *, size_t,
	    const char *domain, const char *type, int protocol, int *fd);
int	alcove_socket_t(struct alcove *, const pid_t *, size_t, int,
	    const char *domain, const char *type, int protocol, int *fd);
int	alcove_symlink(struct alcove *, const pid_t *, size_t,
	    const char *target, const char *linkpath);
int	alcove_symlink_t(struct alcove *, const pid_t *, size_t, int,
	    const char *target, const char *linkpath);
int	alcove_syscall_constant(struct alcove *, const pid_t *, size_t,
	    const char *name, uint64_t *value);
int	alcove_syscall_constant_t(struct alcove *, const pid_t *, size_t, int,
	    const char *name, uint64_t *value);
int	alcove_umount(struct alcove *, const pid_t *, size_t, const char *dir);
int	alcove_umount_t(struct alcove *, const pid_t *, size_t, int,
	    const char *dir);
int	alcove_umount2(struct alcove *, const pid_t *, size_t, const char *dir,
	    const char *flags);
int	alcove_umount2_t(struct alcove *, const pid_t *, size_t, int,
	    const char *dir, const char *flags);
int	alcove_unlink(struct alcove *, const pid_t *, size_t,
	    const char *file);
int	alcove_unlink_t(struct alcove *, const pid_t *, size_t, int,
	    const char *file);
int	alcove_unsetenv(struct alcove *, const pid_t *, size_t,
	    const char *name);
int	alcove_unsetenv_t(struct alcove *, const pid_t *, size_t, int,
	    const char *name);
int	alcove_unshare(struct alcove *, const pid_t *, size_t,
	    const char *flags);
int	alcove_unshare_t(struct alcove *, const pid_t *, size_t, int,
	    const char *flags);
int	alcove_unveil(struct alcove *, const pid_t *, size_t, const char *file,
	    const char *permissions);
int	alcove_unveil_t(struct alcove *, const pid_t *, size_t, int,
	    const char *file, const char *permissions);
int	alcove_version(struct alcove *, const pid_t *, size_t, char *buf,
	    size_t size);
int	alcove_version_t(struct alcove *, const pid_t *, size_t, int, char *buf,
	    size_t size);
int	alcove_waitpid(struct alcove *, const pid_t *, size_t, pid_t pid,
	    int options, pid_t *got, int *status);
int	alcove_waitpid_t(struct alcove *, const pid_t *, size_t, int, pid_t pid,
	    int options, pid_t *got, int *status);
int	alcove_write(struct alcove *, const pid_t *, size_t, int fd,
	    const void *buf, size_t len, size_t *written);
int	alcove_write_t(struct alcove *, const pid_t *, size_t, int, int fd,
	    const void *buf, size_t len, size_t *written);
/* END GENERATED CALLS */

/* table is the prefix of a *_constant call: "file", "signal", ... */
int	alcove_constant(struct alcove *, const pid_t *, size_t, const char *,
	    const char *, uint64_t *);
int	alcove_constant_t(struct alcove *, const pid_t *, size_t, int,
	    const char *, const char *, uint64_t *);

/* Add a call to a filter bitmap. */
void	alcove_filter_add(unsigned char [16], int);

/* Free a NULL-terminated string vector (environ, readdir). */
void	alcove_strv_free(char **);

#endif
