/*
 * The seam between the portable port and an operating system.
 *
 * Every backend in src/os/<os>/ defines os_init(), os_name and the table
 * os_ops.  An operation a system does not have is NULL in its
 * table, and the calls that need it answer {error, unsupported}
 * (src/calls/registry.c); a backend never pretends to do what it cannot.
 * Operations take C values and return 0 (or a result) on success, -1 with
 * errno set on failure: the portable handlers in src/calls/ decode the
 * arguments and encode the reply, so no backend touches the wire format.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_OS_H
#define ALCOVE_OS_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

struct cstruct;

/*
 * The jail CStruct as alcove_cstruct:jail/1 lays out FreeBSD's struct jail
 * (alcove-protocol(5), RECORDS): version and a pad to 8 bytes, path, hostname,
 * jailname, the two 4-byte address counts, the two address arrays; 56
 * bytes with 8-byte pointers.  The handler bounds the argument by it, and
 * the backend finds the fields in it.
 */
#define OS_JAIL_SIZE	(8 + 3 * sizeof(void *) + 2 * 4 + 2 * sizeof(void *))

/* mount(2), as the protocol describes it (alcove-protocol(5), File systems). */
struct os_mount {
	const char	*source;	/* NULL when empty */
	const char	*target;
	const char	*fstype;	/* NULL when empty */
	unsigned long	 flags;
	const void	*data;		/* NULL when empty */
	size_t		 datalen;	/* bytes of data */
	const char	*options;	/* NULL when empty */
	size_t		 optlen;	/* bytes of options, as the caller gave */
	/*
	 * Where a system writes mount options back (Solaris MS_OPTIONSTR):
	 * set optout to the NUL-terminated result and the handler replies
	 * {ok, Options} instead of ok.
	 */
	char		*optout;
	size_t		 optout_size;
	int		 has_optout;
};

struct os_ops {
	/* The name ps(1) shows for this process.  Never fails. */
	void	(*setproctitle)(const char *);

	/* File systems. */
	int	(*mount)(struct os_mount *);
	int	(*umount)(const char *);
	int	(*umount2)(const char *, int);

	/* Linux: namespaces, process control, system call filters. */
	pid_t	(*clone)(unsigned long);	/* fork(2) with these flags */
	int	(*unshare)(int);
	int	(*setns)(int, int);
	int	(*pivot_root)(const char *, const char *);
	int	(*prctl)(int, unsigned long, unsigned long, unsigned long,
		    unsigned long);
	int	(*seccomp)(unsigned int, unsigned int, void *);
	long	(*ptrace)(int, pid_t, void *, void *);

	/* FreeBSD: jails, Capsicum, procctl. */
	int	(*jail)(const struct cstruct *);	/* returns the jid */
	int	(*jail_attach)(int);
	int	(*jail_remove)(int);
	int	(*cap_enter)(void);
	int	(*cap_getmode)(unsigned int *);
	int	(*cap_rights_limit)(int, const uint64_t *, size_t);
	int	(*cap_fcntls_limit)(int, uint32_t);
	int	(*cap_fcntls_get)(int, uint32_t *);
	int	(*cap_ioctls_limit)(int, const unsigned long *, size_t);
	int	(*procctl)(int, int64_t, int, void *);

	/* OpenBSD: pledge and unveil (NULL arguments mean NULL). */
	int	(*pledge)(const char *, const char *);
	int	(*unveil)(const char *, const char *);
};

extern const struct os_ops os_ops;

/* The backend's name for the manual and tests ("linux", "generic", ...). */
extern const char os_name[];

/* Called first thing in main(), with main's arguments. */
void	os_init(int, char *[]);

/*
 * Have the kernel send this process sig when its parent exits (0: send
 * nothing), and keep the setting for the program it execs.  Returns 0, or
 * an errno: ENOSYS where the system has no parent-death signal.  The
 * caller checks with getppid() that the parent did not exit before.
 */
int	os_parent_death_signal(int);

#endif
