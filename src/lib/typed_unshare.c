/*
 * Typed calls of alcove_unshare(3): clone, unshare, setns and
 * sethostname, the calls that put a process into namespaces of its own.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <stdint.h>

#include "proto/calls.h"
#include "lib/typed.h"

int
alcove_clone_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *flags, pid_t *pid)
{
	struct constarg c;
	int64_t v;
	int err;

	/* Without somewhere to put its pid the child could not be named. */
	if (pid == NULL)
		return ALCOVE_EINVAL;
	if ((err = constarg(&c, flags, CONSTARG_LIST)) != 0)
		return err;
	if ((err = ok_int(h, path, npath, timeout, CALL_clone, &v, "r",
	    c.buf, c.len)) != 0)
		return err;
	if (v <= 0 || v > INT32_MAX)
		return ALCOVE_EPROTO;
	*pid = (pid_t)v;
	return 0;
}

int
alcove_unshare_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *flags)
{
	struct constarg c;
	int err;

	if ((err = constarg(&c, flags, CONSTARG_LIST)) != 0)
		return err;
	return call_ok(h, path, npath, timeout, CALL_unshare, "r", c.buf,
	    c.len);
}

int
alcove_setns_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int fd, const char *nstype)
{
	struct constarg c;
	int err;

	if ((err = constarg(&c, nstype, CONSTARG_ONE)) != 0)
		return err;
	return call_ok(h, path, npath, timeout, CALL_setns, "ir", fd, c.buf,
	    c.len);
}

/* The port refuses an empty name; how long one may be is its system's. */
int
alcove_sethostname_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *name)
{
	if (name == NULL || *name == '\0')
		return ALCOVE_EINVAL;
	return call_ok(h, path, npath, timeout, CALL_sethostname, "s", name);
}
