/*
 * umount and umount2 with unmount(2), whose flags are the MNT_ constants
 * of the mount table.
 * xcheck-os: freebsd openbsd netbsd
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/param.h>
#include <sys/mount.h>

#include "os/bsd/bsd.h"

int
bsd_umount(const char *path)
{
	return unmount(path, 0);
}

int
bsd_umount2(const char *path, int flags)
{
	return unmount(path, flags);
}
