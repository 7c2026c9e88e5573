/*
 * Capsicum: capability mode and per-descriptor limits on rights, fcntl(2)
 * commands and ioctl(2) commands.
 *
 * A cap_rights_t is not a plain bit mask: each right is a 64-bit value
 * whose top two bits give the rights version and whose next five bits
 * select one word of the structure.  cap_rights_set(3) is a variadic macro
 * ending its list with 0, so a list known only at run time is added one
 * value per call.  libc assert(3)s that every value is well formed, and a
 * client's bad value must not abort the port, so the values are checked
 * first and a malformed one fails with EINVAL.
 * xcheck-os: freebsd
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/capsicum.h>

#include <errno.h>
#include <stdlib.h>

#include "os/freebsd/freebsd.h"

int
freebsd_cap_enter(void)
{
	return cap_enter();
}

int
freebsd_cap_getmode(unsigned int *mode)
{
	return cap_getmode(mode);
}

/*
 * A right of this rights version that selects exactly one of the words
 * of an initialised cap_rights_t (0 selects none, so it is no right).
 */
static int
right_valid(const cap_rights_t *rights, uint64_t right)
{
	int idx;

	if (CAPRVER(right) != CAP_RIGHTS_VERSION)
		return 0;
	for (idx = 0; idx < CAPARSIZE(rights); idx++)
		if (CAPIDXBIT(right) == 1 << idx)
			return 1;
	return 0;
}

int
freebsd_cap_rights_limit(int fd, const uint64_t *v, size_t n)
{
	cap_rights_t rights;
	size_t i;

	cap_rights_init(&rights);
	for (i = 0; i < n; i++) {
		if (!right_valid(&rights, v[i])) {
			errno = EINVAL;
			return -1;
		}
		/* libc reads each value as an unsigned long long. */
		cap_rights_set(&rights, (unsigned long long)v[i]);
	}
	return cap_rights_limit(fd, &rights);
}

int
freebsd_cap_fcntls_limit(int fd, uint32_t rights)
{
	return cap_fcntls_limit(fd, rights);
}

int
freebsd_cap_fcntls_get(int fd, uint32_t *rights)
{
	return cap_fcntls_get(fd, rights);
}

/*
 * The commands arrive as unsigned longs; cap_ioctls_limit(2) takes its
 * own cap_ioctl_t, so they are copied into an array of that type.  No
 * commands (n = 0) allows no ioctl at all.
 */
int
freebsd_cap_ioctls_limit(int fd, const unsigned long *cmds, size_t n)
{
	cap_ioctl_t *c = NULL;
	size_t i;
	int rv, e;

	if (n > 0 && (c = reallocarray(NULL, n, sizeof(*c))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		c[i] = (cap_ioctl_t)cmds[i];
	rv = cap_ioctls_limit(fd, c, n);
	e = errno;
	free(c);
	errno = e;
	return rv;
}
