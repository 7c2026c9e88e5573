/*
 * The Solaris and illumos backend's operations, and the mount(2) option
 * string logic, which is kept free of illumos headers so that the unit tests
 * can run it on any system.
 * xcheck-os: illumos
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_SOLARIS_H
#define ALCOVE_SOLARIS_H

#include "os/os.h"

/*
 * Do mount as alcove-protocol(5), File systems, says, given the system's
 * MS_OPTIONSTR and MAX_MNTOPT_STR and its mount(2) with the eight arguments
 * the system documents: spec, dir, mflag, fstype, dataptr, datalen, optptr,
 * optlen.
 */
int	optionstr_mount(struct os_mount *, unsigned long, size_t,
	    int (*)(const char *, const char *, int, const char *,
	    const void *, int, char *, int));

int	solaris_mount(struct os_mount *);
int	solaris_umount(const char *);
int	solaris_umount2(const char *, int);

#endif
