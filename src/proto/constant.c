/*
 * Lookup of atoms in the symbolic constant tables
 * (alcove-protocol(5), CONSTANTS), compiled against whatever headers this
 * platform has.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>

/*
 * Many ioctl requests encode the size of their argument's structure, so the
 * headers defining struct ifreq, struct arpreq (illumos' SIOCGARP) and
 * struct ortentry (NetBSD's SIOCADDRT) are needed for the values alone.
 */
#include <net/if.h>
#include <net/if_arp.h>
#include <net/route.h>

/*
 * Linux builds define _GNU_SOURCE, without which glibc hides O_DIRECT,
 * F_SETPIPE_SZ and the CLONE_NEW* flags.  An illumos build that selects a
 * POSIX level must define __EXTENSIONS__ too, or half the ioctl requests
 * and some open flags disappear.
 */
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <termios.h>

/*
 * Optional headers, each included only where it exists.  Names the headers
 * do not define fall out of the tables, so no OS needs to be named here.
 */
#if defined(__has_include)
#if __has_include(<sys/sockio.h>)
#include <sys/sockio.h>
#endif
#if __has_include(<sys/filio.h>)
#include <sys/filio.h>
#endif
#if __has_include(<net/if_tun.h>)
#include <net/if_tun.h>
#endif
#if __has_include(<linux/if_tun.h>)
#include <linux/if_tun.h>
#endif
#if __has_include(<linux/serial.h>)
#include <linux/serial.h>
#endif
#if __has_include(<sys/prctl.h>)
#include <sys/prctl.h>
#endif
#if __has_include(<linux/seccomp.h>)
#include <linux/seccomp.h>
#endif
/*
 * The ptrace table holds Linux requests.  glibc's <sys/ptrace.h> declares
 * them as enumerators, which #ifdef cannot see, and the BSDs'
 * <sys/ptrace.h> has a PTRACE_SYSCALL that is an event mask rather than a
 * request, so only the kernel's header is read.
 */
#if __has_include(<linux/ptrace.h>)
#include <linux/ptrace.h>
#endif
/*
 * The syscall table is Linux's alone (constants.txt).  The BSDs' and illumos'
 * <sys/syscall.h> number other system calls, so it is read only where the
 * Linux audit header that names the matching architectures exists.
 */
#if __has_include(<linux/audit.h>)
#include <linux/audit.h>
#include <sys/syscall.h>
#endif
#if __has_include(<sys/capsicum.h>)
#include <sys/capsicum.h>
#endif
#if __has_include(<sys/procctl.h>)
#include <sys/procctl.h>
/*
 * procctl(2) names its process by an idtype_t, whose P_PID and P_PGID are
 * enumerators, not macros.  constants.txt puts them in the wait table wherever
 * procctl exists, since that table supplies procctl's id type, so let the
 * #ifdef see them.  The procctl table lists them too and gains them as well.
 */
#ifndef P_PID
#define P_PID	P_PID
#endif
#ifndef P_PGID
#define P_PGID	P_PGID
#endif
#endif
#endif

#include "proto/constant.h"
#include "proto/constant_tables.inc"

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * Every generated table ends with a { NULL, 0 } entry, because C has no
 * empty arrays and most tables are empty somewhere; it is not counted.
 */
#define TABLE(a)	{ (a), NITEMS(a) - 1 }

static const struct {
	const struct constant	*entries;
	size_t			 n;
} tables[CONST_NTABLES] = {
	[CONST_CAP] = TABLE(constant_cap),
	[CONST_CLONE] = TABLE(constant_clone),
	[CONST_FCNTL] = TABLE(constant_fcntl),
	[CONST_FILE] = TABLE(constant_file),
	[CONST_IOCTL] = TABLE(constant_ioctl),
	[CONST_MOUNT] = TABLE(constant_mount),
	[CONST_PRCTL] = TABLE(constant_prctl),
	[CONST_PRIO] = TABLE(constant_prio),
	[CONST_PROCCTL] = TABLE(constant_procctl),
	[CONST_PTRACE] = TABLE(constant_ptrace),
	[CONST_RLIMIT] = TABLE(constant_rlimit),
	[CONST_SECCOMP] = TABLE(constant_seccomp),
	[CONST_SIGNAL] = TABLE(constant_signal),
	[CONST_SOCKET] = TABLE(constant_socket),
	[CONST_SYSCALL] = TABLE(constant_syscall),
	[CONST_WAIT] = TABLE(constant_wait),
};

/* Longer than any signal name in the table, terminator included. */
#define SIGNAME_SIZE	16

/*
 * Lowercase signal names, one slot per signal table entry, filled on first
 * use so that the pointers handed out stay valid.
 */
static char signal_names[NITEMS(constant_signal)][SIGNAME_SIZE];

/* Case folding must not depend on the locale: atoms are Latin-1 bytes. */
static unsigned char
ascii_lower(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 'a';
	return c;
}

/* Whether an atom of len bytes, which may include NUL, spells name. */
static int
name_matches(const char *name, const char *atom, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (name[i] == '\0' || ascii_lower((unsigned char)name[i]) !=
		    ascii_lower((unsigned char)atom[i]))
			return 0;
	}
	return name[len] == '\0';
}

const struct constant *
constant_table(int table, size_t *n)
{
	if (table < 0 || table >= CONST_NTABLES) {
		*n = 0;
		return NULL;
	}
	*n = tables[table].n;
	return tables[table].entries;
}

int
constant_lookup(int table, const char *atom, size_t len, uint64_t *value)
{
	const struct constant *c;
	size_t i, n;

	c = constant_table(table, &n);
	for (i = 0; i < n; i++) {
		if (name_matches(c[i].name, atom, len)) {
			*value = c[i].value;
			return 0;
		}
	}
	return -1;
}

const char *
signal_name(int signo)
{
	const struct constant *c;
	char *lower;
	size_t i, j, n;

	if (signo <= 0)
		return "unknown";
	c = constant_table(CONST_SIGNAL, &n);
	for (i = 0; i < n; i++) {
		if (c[i].value != (uint64_t)signo)
			continue;
		lower = signal_names[i];
		if (lower[0] == '\0') {
			for (j = 0; c[i].name[j] != '\0' &&
			    j < SIGNAME_SIZE - 1; j++)
				lower[j] = (char)ascii_lower(
				    (unsigned char)c[i].name[j]);
		}
		return lower;
	}
	return "unknown";
}
