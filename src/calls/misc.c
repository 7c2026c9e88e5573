/*
 * The host name, the process title, and iolist_to_bin (a testing aid).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "calls/call.h"
#include "calls/handlers.h"
#include "os/os.h"

#ifndef HOST_NAME_MAX
#define HOST_NAME_MAX	255
#endif

/* Upstream's buffer is one short of HOST_NAME_MAX; so is ours. */
int
call_gethostname(struct etf_dec *a, struct etf_enc *r)
{
	char name[HOST_NAME_MAX];

	(void)a;
	name[0] = '\0';
	if (gethostname(name, sizeof(name) - 1) == -1)
		return reply_errno(r, errno);
	name[sizeof(name) - 1] = '\0';
	return reply_ok_binary(r, name, strlen(name));
}

#ifdef HAVE_SETHOSTNAME
/* A non-empty iolist of at most HOST_NAME_MAX - 1 bytes; ends at a NUL. */
int
call_sethostname(struct etf_dec *a, struct etf_enc *r)
{
	char name[HOST_NAME_MAX];
	int rv;

	if ((rv = arg_nonempty(a, name, sizeof(name))) != CALL_OK)
		return rv;
	return reply_result(r, sethostname(name, strlen(name)));
}
#endif

int
call_setproctitle(struct etf_dec *a, struct etf_enc *r)
{
	static char title[FRAME_LEN_MAX + 1];
	int rv;

	if ((rv = arg_cstring(a, title, sizeof(title))) != CALL_OK)
		return rv;
	os_ops.setproctitle(title);
	return reply_ok(r);
}

int
call_iolist_to_bin(struct etf_dec *a, struct etf_enc *r)
{
	static unsigned char data[FRAME_LEN_MAX];
	size_t len;
	int rv;

	if ((rv = arg_iolist(a, data, sizeof(data), &len)) != CALL_OK)
		return rv;
	etf_put_binary(r, data, len);
	return r->overflow ? CALL_BADARG : CALL_OK;
}
