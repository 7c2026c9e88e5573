/*
 * The OpenBSD backend's operations, for its table in os.c.
 * xcheck-os: openbsd
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_OPENBSD_H
#define ALCOVE_OPENBSD_H

#include "os/bsd/bsd.h"
#include "os/os.h"

int	openbsd_mount(struct os_mount *);
int	openbsd_pledge(const char *, const char *);
int	openbsd_unveil(const char *, const char *);

#endif
