/*
 * NetBSD file systems: mount(2) with the client's bytes as the file
 * system's argument structure and their count.  Source and Options mean
 * nothing here (alcove-protocol(5), File systems).  umount and umount2 are
 * src/os/bsd/unmount.c.
 * xcheck-os: netbsd
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/mount.h>

#include "os/netbsd/netbsd.h"

int
netbsd_mount(struct os_mount *m)
{
	int flags;

	if (bsd_mount_flags(m->flags, &flags) == -1)
		return -1;
	/*
	 * The data is a struct tmpfs_args, ufs_args, ... laid out by the
	 * client.  The kernel copies it in; only MNT_GETARGS writes back, at
	 * most datalen bytes, into the handler's own buffer (the reply is
	 * still just ok).  So dropping const harms nothing.
	 */
	return mount(m->fstype, m->target, flags, (void *)m->data,
	    m->datalen);
}
