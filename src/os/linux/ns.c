/*
 * Linux namespaces and process control: clone, unshare, setns, pivot_root,
 * prctl, seccomp, ptrace, and the parent-death signal.
 * xcheck-os: linux
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include "os/linux/linux.h"

/* The flags clone may be given: new namespaces, nothing shared. */
static const unsigned long clone_allowed = 0
#ifdef CLONE_NEWNS
    | CLONE_NEWNS
#endif
#ifdef CLONE_NEWCGROUP
    | CLONE_NEWCGROUP
#endif
#ifdef CLONE_NEWUTS
    | CLONE_NEWUTS
#endif
#ifdef CLONE_NEWIPC
    | CLONE_NEWIPC
#endif
#ifdef CLONE_NEWUSER
    | CLONE_NEWUSER
#endif
#ifdef CLONE_NEWPID
    | CLONE_NEWPID
#endif
#ifdef CLONE_NEWNET
    | CLONE_NEWNET
#endif
#ifdef CLONE_NEWTIME
    | CLONE_NEWTIME
#endif
    ;

/*
 * fork(2) with namespace flags: the raw system call with no new stack, so
 * the child returns here on a copy of ours, exactly as from fork.  Sharing
 * memory, descriptors or a thread group with the port (CLONE_VM,
 * CLONE_FILES, CLONE_THREAD, ...) would corrupt it, and the low byte is the
 * exit signal, which must stay SIGCHLD: both are refused.
 */
pid_t
linux_clone(unsigned long flags)
{
	if (flags & ~clone_allowed) {
		errno = EINVAL;
		return -1;
	}
	return (pid_t)syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
}

int
linux_unshare(int flags)
{
	return unshare(flags);
}

int
linux_setns(int fd, int nstype)
{
	return setns(fd, nstype);
}

int
linux_pivot_root(const char *newroot, const char *putold)
{
	return (int)syscall(SYS_pivot_root, newroot, putold);
}

int
linux_prctl(int option, unsigned long a2, unsigned long a3, unsigned long a4,
    unsigned long a5)
{
	return prctl(option, a2, a3, a4, a5);
}

int
linux_seccomp(unsigned int op, unsigned int flags, void *args)
{
	return (int)syscall(SYS_seccomp, op, flags, args);
}

long
linux_ptrace(int request, pid_t pid, void *addr, void *data)
{
	return ptrace(request, pid, addr, data);
}

int
os_parent_death_signal(int sig)
{
	return prctl(PR_SET_PDEATHSIG, (unsigned long)sig, 0, 0, 0) == -1 ?
	    errno : 0;
}
