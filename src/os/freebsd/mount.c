/*
 * FreeBSD file systems: the old 4-argument mount(2).  umount and umount2
 * are src/os/bsd/unmount.c.
 *
 * mount(2) takes the file system type, the mount point, an int of MNT_
 * flags and a file-system-specific argument structure; it has no source
 * or option string, so those arguments are decoded but ignored
 * (alcove-protocol(5), File systems).  The flags arrive as an unsigned long: a
 * value that does not fit the int (bit 31, MNT_NOCLUSTERW, or any of the
 * 64-bit MNT_ flags) cannot be expressed through mount(2) and is refused
 * rather than truncated; nmount(2) is FreeBSD's interface for those.
 * xcheck-os: freebsd
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/param.h>
#include <sys/mount.h>

#include <errno.h>
#include <limits.h>

#include "os/freebsd/freebsd.h"

int
freebsd_mount(struct os_mount *m)
{
	if (m->flags > INT_MAX) {
		errno = EINVAL;
		return -1;
	}
	/* The kernel only reads data; mount(2) predates const. */
	return mount(m->fstype, m->target, (int)m->flags,
	    __DECONST(void *, m->data));
}
