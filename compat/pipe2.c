/*
 * pipe2(2) for systems without it: pipe(2) and then the flags.  Not atomic
 * against a concurrent fork, which is fine for the single-threaded port.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "compat.h"

int
pipe2(int fds[2], int flags)
{
	int i, e;

	if (pipe(fds) == -1)
		return -1;
	for (i = 0; i < 2; i++) {
		if (((flags & O_CLOEXEC) &&
		    fcntl(fds[i], F_SETFD, FD_CLOEXEC) == -1) ||
		    ((flags & O_NONBLOCK) &&
		    fcntl(fds[i], F_SETFL, O_NONBLOCK) == -1)) {
			e = errno;
			(void)close(fds[0]);
			(void)close(fds[1]);
			errno = e;
			return -1;
		}
	}
	return 0;
}
