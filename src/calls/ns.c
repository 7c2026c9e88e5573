/*
 * Namespaces: clone, unshare, setns, pivot_root.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>

#include "calls/call.h"
#include "proto/constant.h"
#include "calls/handlers.h"
#include "os/os.h"
#include "port/port.h"

/* fork with flags: the limits are checked before the flags are decoded. */
int
call_clone(struct etf_dec *a, struct etf_enc *r)
{
	int32_t flags;
	pid_t pid;
	int rv, err;

	if (!child_can_fork())
		return reply_errno(r, EAGAIN);
	if ((rv = arg_flags(a, CONST_CLONE, &flags)) != CALL_OK)
		return rv;
	if ((err = child_fork(&pid, os_ops.clone,
	    (unsigned long)(uint32_t)flags)) != 0)
		return reply_errno(r, err);
	if (pid == 0)
		return CALL_NOREPLY;
	return reply_ok_int(r, pid);
}

int
call_unshare(struct etf_dec *a, struct etf_enc *r)
{
	int32_t flags;
	int rv;

	if ((rv = arg_flags(a, CONST_CLONE, &flags)) != CALL_OK)
		return rv;
	return reply_result(r, os_ops.unshare(flags));
}

int
call_setns(struct etf_dec *a, struct etf_enc *r)
{
	int32_t fd, type;
	int rv;

	if ((rv = arg_int32(a, &fd)) != CALL_OK ||
	    (rv = arg_const(a, CONST_CLONE, &type)) != CALL_OK)
		return rv;
	return reply_result(r, os_ops.setns(fd, type));
}

int
call_pivot_root(struct etf_dec *a, struct etf_enc *r)
{
	static char newroot[ARG_PATH_SIZE], putold[ARG_PATH_SIZE];
	int rv;

	if ((rv = arg_path(a, newroot)) != CALL_OK ||
	    (rv = arg_path(a, putold)) != CALL_OK)
		return rv;
	return reply_result(r, os_ops.pivot_root(newroot, putold));
}
