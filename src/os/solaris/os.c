/*
 * The Solaris and illumos backend: its table of operations.
 * xcheck-os: illumos
 *
 * There is no way to change the title ps(1) shows: it prints pr_psargs, a
 * copy the kernel took at exec.  Overwriting the argument strings, as the
 * Linux backend does, is seen only by tools that read the process memory
 * (pargs(1), /usr/ucb/ps), so setproctitle is unsupported here.
 *
 * The other operations stay NULL: nothing here does what they are asked.
 * Zones take the place of Linux namespaces and FreeBSD jails, but a zone
 * is a whole system that zoneadm(8) and zoneadmd configure, boot and halt;
 * zone_create() and zone_enter() are declared in <zone.h> as private to
 * that implementation, and they take neither clone or unshare flags nor the
 * jail parameters of the protocol.  Privileges (setppriv(2),
 * privileges(7)) restrict a process by named privilege sets, which neither
 * Capsicum rights nor pledge promises and unveil paths describe.  prctl,
 * seccomp and procctl have no counterpart, and ptrace() is only in the
 * 32-bit libc, emulated over /proc.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <errno.h>
#include <stddef.h>

#include "os/solaris/solaris.h"

const struct os_ops os_ops = {
	.setproctitle = NULL,
	.mount = solaris_mount,
	.umount = solaris_umount,
	.umount2 = solaris_umount2,
};

const char os_name[] = "solaris";

void
os_init(int argc, char *argv[])
{
	(void)argc;
	(void)argv;
}

/* This system has no parent-death signal. */
int
os_parent_death_signal(int sig)
{
	(void)sig;
	return ENOSYS;
}
