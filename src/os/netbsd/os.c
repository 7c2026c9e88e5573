/*
 * The NetBSD backend: its table of operations.  The process title, unmount
 * and the mount flags are shared with the other BSDs (src/os/bsd/).
 * xcheck-os: netbsd
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <errno.h>

#include "os/netbsd/netbsd.h"

const struct os_ops os_ops = {
	.setproctitle = bsd_setproctitle,
	.mount = netbsd_mount,
	.umount = bsd_umount,
	.umount2 = bsd_umount2,
};

const char os_name[] = "netbsd";

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
