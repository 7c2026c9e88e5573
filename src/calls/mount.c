/*
 * mount, umount, umount2: decoded here the same way everywhere
 * (alcove-protocol(5), File systems), done by the backend in its system's way.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "calls/call.h"
#include "proto/constant.h"
#include "calls/handlers.h"
#include "os/os.h"

/* An iolist argument as a C string; an empty one is NULL. */
static int
arg_optional(struct etf_dec *a, char *buf, size_t size, const char **out,
    size_t *len)
{
	int rv;

	if ((rv = arg_cstring_len(a, buf, size, len)) != CALL_OK)
		return rv;
	*out = *len > 0 ? buf : NULL;
	return CALL_OK;
}

int
call_mount(struct etf_dec *a, struct etf_enc *r)
{
	static char source[ARG_PATH_SIZE], target[ARG_PATH_SIZE];
	static char fstype[ARG_PATH_SIZE];
	static char data[FRAME_LEN_MAX + 1], options[FRAME_LEN_MAX + 1];
	static char optout[FRAME_LEN_MAX + 1];
	struct os_mount m;
	const char *d;
	size_t len;
	int rv;

	memset(&m, 0, sizeof(m));
	if ((rv = arg_optional(a, source, sizeof(source), &m.source,
	    &len)) != CALL_OK ||
	    (rv = arg_path(a, target)) != CALL_OK ||
	    (rv = arg_optional(a, fstype, sizeof(fstype), &m.fstype,
	    &len)) != CALL_OK ||
	    (rv = arg_flags_ulong(a, CONST_MOUNT, &m.flags)) != CALL_OK ||
	    (rv = arg_optional(a, data, sizeof(data), &d, &m.datalen)) !=
	    CALL_OK ||
	    (rv = arg_optional(a, options, sizeof(options), &m.options,
	    &m.optlen)) != CALL_OK)
		return rv;
	m.target = target;
	m.data = d;
	m.optout = optout;
	m.optout_size = sizeof(optout);
	if (os_ops.mount(&m) == -1)
		return reply_errno(r, errno);
	if (!m.has_optout)
		return reply_ok(r);
	/* A backend that writes options back: {ok, Options}
	 * (alcove-protocol(5), File systems). */
	return reply_ok_binary(r, m.optout, strnlen(m.optout, m.optout_size));
}

int
call_umount(struct etf_dec *a, struct etf_enc *r)
{
	static char path[ARG_PATH_SIZE];
	int rv;

	if ((rv = arg_path(a, path)) != CALL_OK)
		return rv;
	return reply_result(r, os_ops.umount(path));
}

int
call_umount2(struct etf_dec *a, struct etf_enc *r)
{
	static char path[ARG_PATH_SIZE];
	int32_t flags;
	int rv;

	if ((rv = arg_path(a, path)) != CALL_OK ||
	    (rv = arg_flags(a, CONST_MOUNT, &flags)) != CALL_OK)
		return rv;
	if (flags < 0)
		return CALL_BADARG;
	return reply_result(r, os_ops.umount2(path, flags));
}
