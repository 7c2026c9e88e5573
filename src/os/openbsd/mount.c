/*
 * OpenBSD file systems: mount(2) with the client's bytes as the file
 * system's argument structure.  Source and Options mean nothing here
 * (alcove-protocol(5), File systems).  umount and umount2 are
 * src/os/bsd/unmount.c. xcheck-os: openbsd
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/mount.h>

#include "os/openbsd/openbsd.h"

int
openbsd_mount(struct os_mount *m)
{
	int flags;

	if (bsd_mount_flags(m->flags, &flags) == -1)
		return -1;
	/*
	 * The data is a struct tmpfs_args, ufs_args, ... laid out by the
	 * client; the kernel only copies it in, so dropping const is safe.
	 */
	return mount(m->fstype, m->target, flags, (void *)m->data);
}
