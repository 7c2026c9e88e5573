/*
 * sigaction: catch a signal as events (sig_info), ignore it, default it,
 * or ask what it does (alcove-protocol(5), Dispositions).
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
#include "port/port.h"

static const char *disp_name[] = {
	[SIGDISP_DFL] = "sig_dfl",
	[SIGDISP_IGN] = "sig_ign",
	[SIGDISP_INFO] = "sig_info",
};

/* The handler argument: a disposition, or -1 for a query. */
static int
arg_disposition(struct etf_dec *a, int *kind)
{
	char atom[ETF_ATOM_MAX + 1];
	const unsigned char *p;
	size_t len;
	int i;

	switch (etf_peek(a)) {
	case ETF_NIL:
		(void)etf_get_nil(a);
		*kind = -1;
		return CALL_OK;
	case ETF_BINARY:
		if (etf_get_binary(a, &p, &len) == -1 || len != 0)
			return CALL_BADARG;
		*kind = -1;
		return CALL_OK;
	}
	if (etf_get_atom(a, atom, &len) == -1)
		return CALL_BADARG;
	for (i = 0; i < (int)(sizeof(disp_name) / sizeof(disp_name[0])); i++) {
		if (atom_is(atom, len, disp_name[i])) {
			*kind = i;
			return CALL_OK;
		}
	}
	return CALL_BADARG;
}

int
call_sigaction(struct etf_dec *a, struct etf_enc *r)
{
	int32_t sig;
	int rv, kind, old;

	if ((rv = arg_const(a, CONST_SIGNAL, &sig)) != CALL_OK ||
	    (rv = arg_disposition(a, &kind)) != CALL_OK)
		return rv;
	if (signal_disposition(sig, &old) == -1)
		return reply_errno(r, errno);
	if (kind >= 0 && signal_set_disposition(sig, kind) == -1)
		return reply_errno(r, errno);
	etf_put_tuple(r, 2);
	etf_put_atom(r, "ok");
	etf_put_atom(r, disp_name[old]);
	return CALL_OK;
}
