/*
 * Typed calls of alcove_setopt(3): the options, call filters and version
 * of the port's processes.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>


#include "proto/calls.h"
#include "lib/typed.h"

int
alcove_getopt_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *opt, int *value)
{
	struct alcove_term *t;
	int64_t v;
	int err;

	if (opt == NULL || value == NULL)
		return ALCOVE_EINVAL;
	if ((err = alcove_call(h, path, npath, CALL_getopt, timeout, &t,
	    "a", opt)) != 0)
		return err;
	if (alcove_term_atom(t, "false"))
		err = ALCOVE_EUNKNOWN;
	else if (alcove_term_int(t, &v) == -1)
		err = ALCOVE_EPROTO;
	else
		*value = (int)v;
	alcove_term_free(t);
	return err;
}

int
alcove_setopt_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *opt, int value)
{
	if (opt == NULL)
		return ALCOVE_EINVAL;
	return call_bool(h, path, npath, timeout, CALL_setopt, "ai", opt,
	    value);
}

int
alcove_filter_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout,
    const unsigned char *own, size_t nown, const unsigned char *sub,
    size_t nsub)
{
	if ((own == NULL && nown > 0) || (sub == NULL && nsub > 0))
		return ALCOVE_EINVAL;
	return call_ok(h, path, npath, timeout, CALL_filter, "bb", own, nown,
	    sub, nsub);
}

/* Add a call to a filter bitmap (alcove-protocol(5), Call filter). */
void
alcove_filter_add(unsigned char bits[16], int call)
{
	if (bits != NULL && call >= 0 && call < 128)
		bits[call / 8] |= (unsigned char)(1u << (call % 8));
}

int
alcove_version_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, char *buf,
    size_t size)
{
	struct alcove_term *t;
	int err;

	if (buf == NULL && size > 0)
		return ALCOVE_EINVAL;
	if ((err = alcove_call(h, path, npath, CALL_version, timeout, &t,
	    "")) != 0)
		return err;
	err = copy_binary(t, buf, size);
	alcove_term_free(t);
	return err;
}

/* A call answered true | false. */
int
alcove_setcpid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, pid_t pid,
    const char *opt, int value)
{
	if (opt == NULL)
		return ALCOVE_EINVAL;
	return call_bool(h, path, npath, timeout, CALL_setcpid, "iai", (int)pid,
	    opt, value);
}
