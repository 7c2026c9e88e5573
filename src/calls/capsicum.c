/*
 * Capability mode and rights: cap_enter, cap_getmode, cap_rights_limit,
 * cap_fcntls_limit, cap_fcntls_get, cap_ioctls_limit.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <stdint.h>

#include "calls/call.h"
#include "proto/constant.h"
#include "calls/handlers.h"
#include "os/os.h"

/*
 * The most commands cap_ioctls_limit takes
 * (alcove-protocol(5), FreeBSD isolation).
 */
#define CAP_IOCTLS_MAX	256

/* Upper bounds for lists of rights. */
#define CAP_RIGHTS_MAX	256

int
call_cap_enter(struct etf_dec *a, struct etf_enc *r)
{
	(void)a;
	return reply_result(r, os_ops.cap_enter());
}

/* {ok, Mode}, or {error, Posix} (alcove-protocol(5), FreeBSD isolation). */
int
call_cap_getmode(struct etf_dec *a, struct etf_enc *r)
{
	unsigned int mode = 0;

	(void)a;
	if (os_ops.cap_getmode(&mode) == -1)
		return reply_errno(r, errno);
	return reply_ok_int(r, mode);
}

/*
 * A list of values: [], one integer, a string (every byte, unsigned:
 * alcove-protocol(5), Atoms and constants) or a proper list of Const64 values
 * within [0, max].  At most n values.
 */
static int
arg_values(struct etf_dec *a, int table, uint64_t max, uint64_t *v,
    size_t n, size_t *count)
{
	const unsigned char *s;
	uint32_t len, i;
	size_t slen;
	int32_t one;
	int64_t val;
	int rv;

	*count = 0;
	switch (etf_peek(a)) {
	case ETF_NIL:
		(void)etf_get_nil(a);
		return CALL_OK;
	case ETF_SMALL_INTEGER:
	case ETF_INTEGER:
		if ((rv = arg_smallint(a, &one)) != CALL_OK)
			return rv;
		v[0] = (uint64_t)(uint32_t)one;
		*count = 1;
		return CALL_OK;
	case ETF_STRING:
		(void)etf_get_string(a, &s, &slen);
		if (slen > n)
			return CALL_BADARG;
		for (i = 0; i < slen; i++)
			v[i] = s[i];
		*count = slen;
		return CALL_OK;
	case ETF_LIST:
		(void)etf_get_list(a, &len);
		if (len > n)
			return CALL_BADARG;
		for (i = 0; i < len; i++) {
			if ((rv = arg_const64(a, table, &val)) != CALL_OK)
				return rv;
			if (val < 0 || (uint64_t)val > max)
				return CALL_BADARG;
			v[i] = (uint64_t)val;
		}
		*count = len;
		return etf_get_nil(a) == -1 ? CALL_BADARG : CALL_OK;
	default:
		return CALL_BADARG;
	}
}

int
call_cap_rights_limit(struct etf_dec *a, struct etf_enc *r)
{
	uint64_t rights[CAP_RIGHTS_MAX];
	size_t n;
	int32_t fd;
	int rv;

	if ((rv = arg_int32(a, &fd)) != CALL_OK ||
	    (rv = arg_values(a, CONST_CAP, INT64_MAX, rights, CAP_RIGHTS_MAX,
	    &n)) != CALL_OK)
		return rv;
	return reply_result(r, os_ops.cap_rights_limit(fd, rights, n));
}

int
call_cap_ioctls_limit(struct etf_dec *a, struct etf_enc *r)
{
	uint64_t v[CAP_IOCTLS_MAX];
	unsigned long cmds[CAP_IOCTLS_MAX];
	size_t n, i;
	int32_t fd;
	int rv;

	if ((rv = arg_int32(a, &fd)) != CALL_OK ||
	    (rv = arg_values(a, CONST_IOCTL, UINT32_MAX, v, CAP_IOCTLS_MAX,
	    &n)) != CALL_OK)
		return rv;
	for (i = 0; i < n; i++)
		cmds[i] = (unsigned long)v[i];
	return reply_result(r, os_ops.cap_ioctls_limit(fd, cmds, n));
}

int
call_cap_fcntls_limit(struct etf_dec *a, struct etf_enc *r)
{
	int32_t fd, rights;
	int rv;

	if ((rv = arg_int32(a, &fd)) != CALL_OK ||
	    (rv = arg_flags(a, CONST_CAP, &rights)) != CALL_OK)
		return rv;
	if (rights < 0)
		return CALL_BADARG;
	return reply_result(r, os_ops.cap_fcntls_limit(fd, (uint32_t)rights));
}

int
call_cap_fcntls_get(struct etf_dec *a, struct etf_enc *r)
{
	uint32_t rights = 0;
	int32_t fd;
	int rv;

	if ((rv = arg_int32(a, &fd)) != CALL_OK)
		return rv;
	if (os_ops.cap_fcntls_get(fd, &rights) == -1)
		return reply_errno(r, errno);
	return reply_ok_int(r, rights);
}
