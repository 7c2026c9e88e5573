/*
 * OpenBSD file systems: mount(2) with the client's bytes as the file
 * system's argument structure, and unmount(2).  Source and Options mean
 * nothing here (PROTOCOL.md section 8.1).
 * xcheck-os: openbsd
 */
#include <sys/types.h>
#include <sys/mount.h>

#include "os/openbsd/openbsd.h"

int
openbsd_mount(struct os_mount *m)
{
	int flags;

	if (openbsd_mount_flags(m->flags, &flags) == -1)
		return -1;
	/*
	 * The data is a struct tmpfs_args, ufs_args, ... laid out by the
	 * client; the kernel only copies it in, so dropping const is safe.
	 */
	return mount(m->fstype, m->target, flags, (void *)m->data);
}

int
openbsd_umount(const char *path)
{
	return unmount(path, 0);
}

int
openbsd_umount2(const char *path, int flags)
{
	return unmount(path, flags);
}
