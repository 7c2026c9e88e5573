/*
 * The NetBSD backend's operations, for its table in os.c.
 * xcheck-os: netbsd
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_NETBSD_H
#define ALCOVE_NETBSD_H

#include "os/bsd/bsd.h"
#include "os/os.h"

int	netbsd_mount(struct os_mount *);

#endif
