/*
 * Process options (getopt, setopt), the call filter, and the version
 * (alcove-protocol(5), Call filter and OPTIONS).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/resource.h>

#include <poll.h>
#include <signal.h>
#include <string.h>

#include "calls/call.h"
#include "calls/handlers.h"
#include "port/port.h"

static const struct {
	const char	*name;
	unsigned int	 bit;
} flag_opts[] = {
	{ "exit_status", OPT_EXIT_STATUS },
	{ "termsig", OPT_TERMSIG },
	{ "stdin_closed", OPT_STDIN_CLOSED },
	{ "stdout_closed", OPT_STDOUT_CLOSED },
	{ "stderr_closed", OPT_STDERR_CLOSED },
	{ "stdin_ack", OPT_STDIN_ACK },
};

#define NFLAG_OPTS	(sizeof(flag_opts) / sizeof(flag_opts[0]))

int
call_getopt(struct etf_dec *a, struct etf_enc *r)
{
	char opt[ETF_ATOM_MAX + 1];
	size_t len, i;
	int rv;

	if ((rv = arg_atom(a, opt, &len)) != CALL_OK)
		return rv;
	for (i = 0; i < NFLAG_OPTS; i++) {
		if (atom_is(opt, len, flag_opts[i].name)) {
			etf_put_int(r, (port.opts & flag_opts[i].bit) != 0);
			return CALL_OK;
		}
	}
	if (atom_is(opt, len, "flowcontrol"))
		etf_put_int(r, port.flowcontrol);
	else if (atom_is(opt, len, "signaloneof"))
		etf_put_int(r, port.signaloneof);
	else if (atom_is(opt, len, "maxforkdepth"))
		etf_put_int(r, port.maxforkdepth);
	else if (atom_is(opt, len, "maxchild"))
		etf_put_int(r, port.maxchild);
	else if (atom_is(opt, len, "stdin_queue"))
		etf_put_int(r, port.stdin_queue);
	else
		etf_put_atom(r, "false");
	return CALL_OK;
}

/*
 * Can the table shrink or grow to n slots?  Not if a child would not fit,
 * or a child sits in a slot at or above n (alcove-protocol(5), OPTIONS), or the
 * descriptor limit is too low for n children.
 */
static int
maxchild_allowed(int n)
{
	struct rlimit rl;
	int i;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
		return 0;
	if (!child_table_fits(rl.rlim_cur, n))
		return 0;
	if (child_count() > n)
		return 0;
	for (i = n; i < port.nslots; i++)
		if (port.child[i].pid != 0)
			return 0;
	return 1;
}

int
call_setopt(struct etf_dec *a, struct etf_enc *r)
{
	char opt[ETF_ATOM_MAX + 1];
	int32_t value;
	size_t len, i;
	int rv, ok = 1;

	if ((rv = arg_atom(a, opt, &len)) != CALL_OK ||
	    (rv = arg_int32(a, &value)) != CALL_OK)
		return rv;
	if (atom_is(opt, len, "flowcontrol")) {
		port.flowcontrol = value < 0 ? -1 : value;
		etf_put_atom(r, "true");
		return CALL_OK;
	}
	if (value < 0)
		return CALL_BADARG;
	for (i = 0; i < NFLAG_OPTS; i++) {
		if (atom_is(opt, len, flag_opts[i].name)) {
			if (value)
				port.opts |= flag_opts[i].bit;
			else
				port.opts &= ~flag_opts[i].bit;
			etf_put_atom(r, "true");
			return CALL_OK;
		}
	}
	if (atom_is(opt, len, "signaloneof"))
		port.signaloneof = value > 255 ? 255 : value;
	else if (atom_is(opt, len, "maxforkdepth"))
		port.maxforkdepth = value > 255 ? 255 : value;
	else if (atom_is(opt, len, "maxchild")) {
		if (value > 65535)
			value = 65535;
		ok = maxchild_allowed(value) && child_resize(value) == 0;
	} else if (atom_is(opt, len, "stdin_queue"))
		port.stdin_queue = value > STDIN_QUEUE_MAX ?
		    STDIN_QUEUE_MAX : value;
	else
		ok = 0;
	etf_put_atom(r, ok ? "true" : "false");
	return CALL_OK;
}

/* Bits can only be added; a shorter binary leaves the rest unchanged. */
int
call_filter(struct etf_dec *a, struct etf_enc *r)
{
	const unsigned char *own, *sub;
	size_t nown, nsub, i;
	int rv;

	if ((rv = arg_bin(a, FILTER_BYTES, &own, &nown)) != CALL_OK ||
	    (rv = arg_bin(a, FILTER_BYTES, &sub, &nsub)) != CALL_OK)
		return rv;
	for (i = 0; i < nown; i++)
		port.filter[i] |= own[i];
	for (i = 0; i < nsub; i++)
		port.subfilter[i] |= sub[i];
	return reply_ok(r);
}

int
call_version(struct etf_dec *a, struct etf_enc *r)
{
	(void)a;
	etf_put_binary(r, ALCOVE_VERSION_STRING,
	    strlen(ALCOVE_VERSION_STRING));
	return CALL_OK;
}
