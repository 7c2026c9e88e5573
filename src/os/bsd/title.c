/*
 * The process title with setproctitle(3), which FreeBSD declares in
 * <unistd.h> and OpenBSD and NetBSD in <stdlib.h>.
 * xcheck-os: freebsd openbsd netbsd
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <stdlib.h>
#include <unistd.h>

#include "os/bsd/bsd.h"

/* An empty title: NULL makes setproctitle(3) show the program name. */
void
bsd_setproctitle(const char *title)
{
	if (*title == '\0')
		setproctitle(NULL);
	else
		setproctitle("%s", title);
}
