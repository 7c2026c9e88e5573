/*
 * The NetBSD backend's operations, for its table in os.c.
 * xcheck-os: netbsd
 */
#ifndef ALCOVE_NETBSD_H
#define ALCOVE_NETBSD_H

#include "os/os.h"

int	netbsd_mount(struct os_mount *);
int	netbsd_umount(const char *);
int	netbsd_umount2(const char *, int);
int	netbsd_mount_flags(unsigned long, int *);

#endif
