/*
 * Resource limits and scheduling priority.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/time.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>

#include "calls/call.h"
#include "proto/constant.h"
#include "calls/handlers.h"
#include "port/port.h"

int
call_getrlimit(struct etf_dec *a, struct etf_enc *r)
{
	struct rlimit rl = { 0, 0 };
	int32_t res;
	int rv;

	if ((rv = arg_const(a, CONST_RLIMIT, &res)) != CALL_OK)
		return rv;
	if (getrlimit(res, &rl) == -1)
		return reply_errno(r, errno);
	etf_put_tuple(r, 2);
	etf_put_atom(r, "ok");
	etf_put_tuple(r, 3);
	etf_put_atom(r, "alcove_rlimit");
	etf_put_uint(r, (uint64_t)rl.rlim_cur);
	etf_put_uint(r, (uint64_t)rl.rlim_max);
	return CALL_OK;
}

/* {alcove_rlimit, Cur, Max}, as a small or large tuple. */
static int
arg_rlimit(struct etf_dec *a, struct rlimit *rl)
{
	uint64_t cur, max;

	if (arg_record(a, "alcove_rlimit", 3) != CALL_OK ||
	    arg_uint64(a, &cur) != CALL_OK || arg_uint64(a, &max) != CALL_OK)
		return CALL_BADARG;
	rl->rlim_cur = (rlim_t)cur;
	rl->rlim_max = (rlim_t)max;
	return CALL_OK;
}

int
call_setrlimit(struct etf_dec *a, struct etf_enc *r)
{
	struct rlimit rl;
	int32_t res;
	int rv;

	if ((rv = arg_const(a, CONST_RLIMIT, &res)) != CALL_OK ||
	    (rv = arg_rlimit(a, &rl)) != CALL_OK)
		return rv;
	/* The child table must still fit under a new descriptor limit. */
	if (res == RLIMIT_NOFILE &&
	    !child_table_fits(rl.rlim_cur, child_count()))
		return reply_errno(r, EINVAL);
	if (setrlimit(res, &rl) == -1)
		return reply_errno(r, errno);
	if (res == RLIMIT_NOFILE && rl.rlim_cur != RLIM_INFINITY &&
	    (rl.rlim_cur - 6) / 6 < (rlim_t)port.maxchild)
		port.maxchild = (int)((rl.rlim_cur - 6) / 6);
	return reply_ok(r);
}

int
call_getpriority(struct etf_dec *a, struct etf_enc *r)
{
	int32_t which, who;
	int rv, prio;

	if ((rv = arg_const(a, CONST_PRIO, &which)) != CALL_OK ||
	    (rv = arg_const(a, CONST_PRIO, &who)) != CALL_OK)
		return rv;
	errno = 0;
	prio = getpriority(which, (id_t)who);
	if (prio == -1 && errno != 0)
		return reply_errno(r, errno);
	return reply_ok_int(r, prio);
}

int
call_setpriority(struct etf_dec *a, struct etf_enc *r)
{
	int32_t which, who, prio;
	int rv;

	if ((rv = arg_const(a, CONST_PRIO, &which)) != CALL_OK ||
	    (rv = arg_const(a, CONST_PRIO, &who)) != CALL_OK ||
	    (rv = arg_int32(a, &prio)) != CALL_OK)
		return rv;
	return reply_result(r, setpriority(which, (id_t)who, prio));
}
