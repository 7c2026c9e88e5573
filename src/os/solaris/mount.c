/*
 * illumos and Solaris file systems: mount(2) with the option string,
 * umount(2) and umount2(2).
 * xcheck-os: illumos
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/mount.h>

#include "os/solaris/solaris.h"

/*
 * <sys/mount.h> declares mount(2) variadic; this gives it the fixed eight
 * arguments the option string logic calls it with.
 */
static int
sys_mount(const char *spec, const char *dir, int mflag, const char *fstype,
    const void *dataptr, int datalen, char *optptr, int optlen)
{
	return mount(spec, dir, mflag, fstype, dataptr, datalen, optptr,
	    optlen);
}

int
solaris_mount(struct os_mount *m)
{
	return optionstr_mount(m, MS_OPTIONSTR, MAX_MNTOPT_STR, sys_mount);
}

int
solaris_umount(const char *path)
{
	return umount(path);
}

int
solaris_umount2(const char *path, int flags)
{
	return umount2(path, flags);
}
