/*
 * Jails and procctl: jail, jail_attach, jail_remove, procctl.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <string.h>

#include "calls/call.h"
#include "proto/constant.h"
#include "calls/cstruct.h"
#include "calls/handlers.h"
#include "os/os.h"

int
call_jail(struct etf_dec *a, struct etf_enc *r)
{
	struct cstruct cs;
	int rv, jid, e;

	if ((rv = arg_cstruct(a, OS_JAIL_SIZE, &cs)) != CALL_OK)
		return rv;
	jid = os_ops.jail(&cs);
	e = errno;
	cstruct_free(&cs);
	if (jid == -1)
		return reply_errno(r, e);
	return reply_ok_int(r, jid);
}

int
call_jail_attach(struct etf_dec *a, struct etf_enc *r)
{
	int32_t jid;
	int rv;

	if ((rv = arg_int32(a, &jid)) != CALL_OK)
		return rv;
	return reply_result(r, os_ops.jail_attach(jid));
}

int
call_jail_remove(struct etf_dec *a, struct etf_enc *r)
{
	int32_t jid;
	int rv;

	if ((rv = arg_int32(a, &jid)) != CALL_OK)
		return rv;
	return reply_result(r, os_ops.jail_remove(jid));
}

/*
 * {ok, RawBin, CStruct}: the data structure after the call, raw and read
 * back; [] passes NULL and gives {ok, <<>>, []}
 * (alcove-protocol(5), FreeBSD isolation).
 */
int
call_procctl(struct etf_dec *a, struct etf_enc *r)
{
	struct cstruct cs;
	int32_t idtype, cmd;
	int64_t id;
	int rv, e;

	if ((rv = arg_const(a, CONST_WAIT, &idtype)) != CALL_OK ||
	    (rv = arg_int64(a, &id)) != CALL_OK ||
	    (rv = arg_const(a, CONST_PROCCTL, &cmd)) != CALL_OK)
		return rv;
	if (etf_peek(a) == ETF_NIL) {
		(void)etf_get_nil(a);
		if (os_ops.procctl(idtype, id, cmd, NULL) == -1)
			return reply_errno(r, errno);
		etf_put_tuple(r, 3);
		etf_put_atom(r, "ok");
		etf_put_binary(r, "", 0);
		etf_put_nil(r);
		return CALL_OK;
	}
	if ((rv = arg_cstruct(a, CSTRUCT_BYTES_MAX, &cs)) != CALL_OK)
		return rv;
	if (os_ops.procctl(idtype, id, cmd, cs.buf) == -1) {
		e = errno;
		cstruct_free(&cs);
		return reply_errno(r, e);
	}
	cstruct_put_ok(r, &cs);
	cstruct_free(&cs);
	return CALL_OK;
}
