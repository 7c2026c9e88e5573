/*
 * OpenBSD's pledge and unveil: two strings, each of which may be NULL.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include "proto/calls.h"
#include "lib/typed.h"

/* NULL goes as [] (the only encoding the port reads as NULL), else bytes. */
static int
two_nullable(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int call, const char *x, const char *y)
{
	if (x != NULL && y != NULL)
		return call_ok(h, path, npath, timeout, call, "ss", x, y);
	if (x != NULL)
		return call_ok(h, path, npath, timeout, call, "sn", x);
	if (y != NULL)
		return call_ok(h, path, npath, timeout, call, "ns", y);
	return call_ok(h, path, npath, timeout, call, "nn");
}

int
alcove_pledge_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *promises, const char *execpromises)
{
	return two_nullable(h, path, npath, timeout, CALL_pledge, promises,
	    execpromises);
}

int
alcove_unveil_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *file, const char *permissions)
{
	return two_nullable(h, path, npath, timeout, CALL_unveil, file,
	    permissions);
}
