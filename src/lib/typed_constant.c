/*
 * Typed calls of alcove_constant(3): a constant's value or an errno's name
 * on the port's system.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "proto/calls.h"
#include "lib/typed.h"

int
alcove_errno_id_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int err,
    char *buf, size_t size)
{
	struct alcove_term *t;
	int rv;

	if (buf == NULL && size > 0)
		return ALCOVE_EINVAL;
	if ((rv = alcove_call(h, path, npath, CALL_errno_id, timeout,
	    &t, "i", err)) != 0)
		return rv;
	if (t->type != ALCOVE_TERM_ATOM)
		rv = ALCOVE_EPROTO;
	else if (t->len >= size)
		rv = ERANGE;
	else
		memcpy(buf, t->atom, t->len + 1);
	alcove_term_free(t);
	return rv;
}

/* table is the prefix of a *_constant call: "file", "signal", ... */
int
alcove_constant_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *table, const char *name, uint64_t *value)
{
	struct alcove_term *t;
	char call[32];
	int n, err;

	if (table == NULL || name == NULL || value == NULL)
		return ALCOVE_EINVAL;
	if ((size_t)snprintf(call, sizeof(call), "%s_constant", table) >=
	    sizeof(call) || (n = call_number(call)) == -1)
		return ALCOVE_EINVAL;
	if ((err = alcove_call(h, path, npath, n, timeout, &t, "a",
	    name)) != 0)
		return err;
	if (alcove_term_atom(t, "unknown"))
		err = ALCOVE_EUNKNOWN;
	else if (t->type != ALCOVE_TERM_INTEGER || t->neg)
		err = ALCOVE_EPROTO;
	else
		*value = t->mag;
	alcove_term_free(t);
	return err;
}

int
alcove_constant(struct alcove *h, const pid_t *path, size_t npath,
    const char *table, const char *name, uint64_t *value)
{
	return alcove_constant_t(h, path, npath, ALCOVE_DEFAULT, table, name,
	    value);
}

#define CONSTANT_CALL(table)						\
int									\
alcove_##table##_constant_t(struct alcove *h, const pid_t *path,	\
    size_t npath, int timeout, const char *name, uint64_t *value)	\
{									\
	return alcove_constant_t(h, path, npath, timeout, #table, name,	\
	    value);							\
}

CONSTANT_CALL(cap)
CONSTANT_CALL(clone)
CONSTANT_CALL(fcntl)
CONSTANT_CALL(file)
CONSTANT_CALL(ioctl)
CONSTANT_CALL(mount)
CONSTANT_CALL(prctl)
CONSTANT_CALL(ptrace)
CONSTANT_CALL(rlimit)
CONSTANT_CALL(seccomp)
CONSTANT_CALL(signal)
CONSTANT_CALL(syscall)
