/*
 * pledge and unveil: each argument [] (NULL) or a string.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <limits.h>

#include "calls/call.h"
#include "calls/handlers.h"
#include "os/os.h"

/*
 * Only NIL_EXT means NULL; <<>> is the empty string
 * (alcove-protocol(5), OpenBSD isolation).
 */
static int
arg_nullable(struct etf_dec *a, char *buf, const char **out)
{
	int rv;

	if (etf_peek(a) == ETF_NIL) {
		(void)etf_get_nil(a);
		*out = NULL;
		return CALL_OK;
	}
	if ((rv = arg_cstring(a, buf, ARG_PATH_SIZE)) != CALL_OK)
		return rv;
	*out = buf;
	return CALL_OK;
}

static int
two_strings(struct etf_dec *a, const char **x, const char **y)
{
	static char bx[ARG_PATH_SIZE], by[ARG_PATH_SIZE];
	int rv;

	if ((rv = arg_nullable(a, bx, x)) != CALL_OK)
		return rv;
	return arg_nullable(a, by, y);
}

int
call_pledge(struct etf_dec *a, struct etf_enc *r)
{
	const char *promises, *execpromises;
	int rv;

	if ((rv = two_strings(a, &promises, &execpromises)) != CALL_OK)
		return rv;
	return reply_result(r, os_ops.pledge(promises, execpromises));
}

int
call_unveil(struct etf_dec *a, struct etf_enc *r)
{
	const char *path, *permissions;
	int rv;

	if ((rv = two_strings(a, &path, &permissions)) != CALL_OK)
		return rv;
	return reply_result(r, os_ops.unveil(path, permissions));
}
