/*
 * FreeBSD's Capsicum: capability mode (cap_enter, cap_getmode) and the
 * rights of a descriptor (cap_rights_limit, cap_fcntls_limit,
 * cap_fcntls_get, cap_ioctls_limit).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <limits.h>
#include <string.h>

#include "proto/calls.h"
#include "proto/etf.h"
#include "lib/typed.h"

int
alcove_cap_enter_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout)
{
	return call_ok(h, path, npath, timeout, CALL_cap_enter, "");
}

int
alcove_cap_getmode_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int *mode)
{
	int64_t v;
	int err;

	if (mode == NULL)
		return ALCOVE_EINVAL;
	if ((err = ok_int(h, path, npath, timeout, CALL_cap_getmode, &v,
	    "")) != 0)
		return err;
	if (v < 0 || v > INT_MAX)
		return ALCOVE_EPROTO;
	*mode = (int)v;
	return 0;
}

/*
 * A list of constants for cap_rights_limit and cap_ioctls_limit, always
 * as a list: the port reads a bare integer there only in the SmallInt
 * range, and rights and ioctl commands are often larger.
 */
static int
value_list(struct constarg *c, const char *s)
{
	int err;

	if ((err = constarg(c, s, CONSTARG_LIST)) != 0)
		return err;
	if (c->buf[0] == ETF_LIST || c->buf[0] == ETF_NIL)
		return 0;
	/* One number: [N], a list header of 5 bytes and a tail of 1. */
	if (c->len + 6 > sizeof(c->buf))
		return ALCOVE_ETOOBIG;
	memmove(c->buf + 5, c->buf, c->len);
	c->buf[0] = ETF_LIST;
	c->buf[1] = c->buf[2] = c->buf[3] = 0;
	c->buf[4] = 1;
	c->buf[5 + c->len] = ETF_NIL;
	c->len += 6;
	return 0;
}

int
alcove_cap_rights_limit_t(struct alcove *h, const pid_t *path,
    size_t npath, int timeout, int fd, const char *rights)
{
	struct constarg c;
	int err;

	if ((err = value_list(&c, rights)) != 0)
		return err;
	return call_ok(h, path, npath, timeout, CALL_cap_rights_limit, "ir",
	    fd, c.buf, c.len);
}

int
alcove_cap_ioctls_limit_t(struct alcove *h, const pid_t *path,
    size_t npath, int timeout, int fd, const char *ioctls)
{
	struct constarg c;
	int err;

	if ((err = value_list(&c, ioctls)) != 0)
		return err;
	return call_ok(h, path, npath, timeout, CALL_cap_ioctls_limit, "ir",
	    fd, c.buf, c.len);
}

/* The CAP_FCNTL_* rights fit the port's Flags: names OR'ed there. */
int
alcove_cap_fcntls_limit_t(struct alcove *h, const pid_t *path,
    size_t npath, int timeout, int fd, const char *rights)
{
	struct constarg c;
	int err;

	if ((err = constarg(&c, rights, CONSTARG_LIST)) != 0)
		return err;
	return call_ok(h, path, npath, timeout, CALL_cap_fcntls_limit, "ir",
	    fd, c.buf, c.len);
}

int
alcove_cap_fcntls_get_t(struct alcove *h, const pid_t *path,
    size_t npath, int timeout, int fd, uint64_t *rights)
{
	int64_t v;
	int err;

	if (rights == NULL)
		return ALCOVE_EINVAL;
	if ((err = ok_int(h, path, npath, timeout, CALL_cap_fcntls_get, &v,
	    "i", fd)) != 0)
		return err;
	if (v < 0)
		return ALCOVE_EPROTO;
	*rights = (uint64_t)v;
	return 0;
}
