/*
 * The OpenBSD backend: its table of operations.  The process title, unmount
 * and the mount flags are shared with the other BSDs (src/os/bsd/).
 * xcheck-os: openbsd
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <errno.h>

#include "os/openbsd/openbsd.h"

const struct os_ops os_ops = {
	.setproctitle = bsd_setproctitle,
	.mount = openbsd_mount,
	.umount = bsd_umount,
	.umount2 = bsd_umount2,
	.pledge = openbsd_pledge,
	.unveil = openbsd_unveil,
};

const char os_name[] = "openbsd";

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
