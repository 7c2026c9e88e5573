/*
 * Namespaces and the host name: clone, unshare, setns, pivot_root,
 * sethostname.
 */
#include <sys/types.h>

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "calls/call.h"
#include "proto/constant.h"
#include "calls/handlers.h"
#include "os/os.h"
#include "port/port.h"

#ifndef HOST_NAME_MAX
#define HOST_NAME_MAX	255
#endif

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

#ifdef HAVE_SETHOSTNAME
/* A non-empty iolist of at most HOST_NAME_MAX - 1 bytes; ends at a NUL. */
int
call_sethostname(struct etf_dec *a, struct etf_enc *r)
{
	char name[HOST_NAME_MAX];
	size_t len;
	int rv;

	if ((rv = arg_iolist(a, (unsigned char *)name, sizeof(name) - 1,
	    &len)) != CALL_OK)
		return rv;
	if (len == 0)
		return CALL_BADARG;
	name[len] = '\0';
	return reply_result(r, sethostname(name, strlen(name)));
}
#endif
