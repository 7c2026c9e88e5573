/*
 * Linux file systems: mount(2) with the data string, umount(2), umount2(2).
 * The options argument means nothing here (alcove-protocol(5), File systems).
 * xcheck-os: linux
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/mount.h>

#include "os/linux/linux.h"

int
linux_mount(struct os_mount *m)
{
	return mount(m->source, m->target, m->fstype, m->flags, m->data);
}

int
linux_umount(const char *path)
{
	return umount(path);
}

int
linux_umount2(const char *path, int flags)
{
	return umount2(path, flags);
}
