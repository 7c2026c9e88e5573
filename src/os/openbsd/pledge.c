/*
 * pledge(2) and unveil(2).  A NULL argument reaches the kernel as NULL,
 * where it means "leave this as it is" (pledge) or "lock the list"
 * (unveil with both NULL), so it must not become an empty string.
 * xcheck-os: openbsd
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <unistd.h>

#include "os/openbsd/openbsd.h"

int
openbsd_pledge(const char *promises, const char *execpromises)
{
	return pledge(promises, execpromises);
}

int
openbsd_unveil(const char *path, const char *permissions)
{
	return unveil(path, permissions);
}
