/*
 * The Linux backend's operations, for its table in os.c.
 * xcheck-os: linux
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_LINUX_H
#define ALCOVE_LINUX_H

#include "os/os.h"

int	linux_mount(struct os_mount *);
int	linux_umount(const char *);
int	linux_umount2(const char *, int);
pid_t	linux_clone(unsigned long);
int	linux_unshare(int);
int	linux_setns(int, int);
int	linux_pivot_root(const char *, const char *);
int	linux_prctl(int, unsigned long, unsigned long, unsigned long,
	    unsigned long);
int	linux_seccomp(unsigned int, unsigned int, void *);
long	linux_ptrace(int, pid_t, void *, void *);

#endif
