/*
 * The generic backend: for a Unix nobody has ported alcove to yet.  It
 * uses only POSIX, and every system-specific operation is absent, so the
 * calls that need one answer {error, unsupported}.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <errno.h>
#include <stddef.h>

#include "os/os.h"

const struct os_ops os_ops = {
	.setproctitle = NULL,
};

const char os_name[] = "generic";

void
os_init(int argc, char *argv[])
{
	(void)argc;
	(void)argv;
}

/* This system has no parent-death signal. */
int
os_parent_death_signal(int sig)
{
	(void)sig;
	return ENOSYS;
}
