/*
 * The environment: environ, getenv, setenv, unsetenv, clearenv.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "calls/call.h"
#include "compat.h"
#include "calls/handlers.h"

extern char **environ;

static char name[ARG_NAME_SIZE];
static char value[ARG_NAME_SIZE];

/* [Binary], one "NAME=value" per entry, in environment order. */
int
call_environ(struct etf_dec *a, struct etf_enc *r)
{
	char **ep;

	(void)a;
	for (ep = environ; ep != NULL && *ep != NULL && !r->overflow; ep++) {
		etf_put_list(r, 1);
		etf_put_binary(r, *ep, strlen(*ep));
	}
	etf_put_nil(r);
	return CALL_OK;
}

int
call_getenv(struct etf_dec *a, struct etf_enc *r)
{
	const char *v;
	int rv;

	if ((rv = arg_name(a, name)) != CALL_OK)
		return rv;
	if ((v = getenv(name)) == NULL)
		etf_put_atom(r, "false");
	else
		etf_put_binary(r, v, strlen(v));
	/* Upstream answers an oversized value with badarg. */
	return r->overflow ? CALL_BADARG : CALL_OK;
}

int
call_setenv(struct etf_dec *a, struct etf_enc *r)
{
	int32_t overwrite;
	int rv;

	if ((rv = arg_name(a, name)) != CALL_OK ||
	    (rv = arg_cstring(a, value, sizeof(value))) != CALL_OK ||
	    (rv = arg_int32(a, &overwrite)) != CALL_OK)
		return rv;
	if (strchr(name, '=') != NULL)
		return reply_errno(r, EINVAL);
	return reply_result(r, setenv(name, value, overwrite));
}

int
call_unsetenv(struct etf_dec *a, struct etf_enc *r)
{
	int rv;

	if ((rv = arg_name(a, name)) != CALL_OK)
		return rv;
	return reply_result(r, unsetenv(name));
}

int
call_clearenv(struct etf_dec *a, struct etf_enc *r)
{
	(void)a;
	return reply_result(r, clearenv());
}
