/*
 * closefrom(3) for systems without it: close every descriptor from lowfd
 * up to the descriptor limit.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/resource.h>

#include <unistd.h>

#include "compat.h"

void
closefrom(int lowfd)
{
	struct rlimit rl;
	long max, fd;

	max = sysconf(_SC_OPEN_MAX);
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    (long)rl.rlim_cur > max)
		max = (long)rl.rlim_cur;
	if (max < 0)
		max = 1024;
	for (fd = lowfd < 0 ? 0 : lowfd; fd < max; fd++)
		(void)close((int)fd);
}
