/*
 * Mount flags from the protocol's unsigned long to the int mount(2) and
 * unmount(2) take on OpenBSD and NetBSD.  Kept free of system headers so
 * that tests/atf/bsd_mount_test.c can check it on any system.
 * xcheck-os: freebsd openbsd netbsd
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <errno.h>
#include <limits.h>

#include "os/bsd/bsd.h"

/*
 * The kernel reads the flags as the 32 bits of an int, so every value up
 * to UINT_MAX is a set of flags it can see, the top bit included; a bit
 * above that would be lost, and the call is refused rather than made with
 * other flags than the client sent.  The top bit becomes the sign bit by
 * arithmetic, not by a cast, whose result C leaves to the implementation.
 */
int
bsd_mount_flags(unsigned long flags, int *out)
{
	unsigned int bits;

	if (flags > UINT_MAX) {
		errno = EINVAL;
		return -1;
	}
	bits = (unsigned int)flags;
	if (bits <= INT_MAX)
		*out = (int)bits;
	else
		*out = -(int)(UINT_MAX - bits) - 1;
	return 0;
}
