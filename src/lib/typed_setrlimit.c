/*
 * Typed calls of alcove_setrlimit(3): resource limits and scheduling
 * priorities.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>


#include "proto/calls.h"
#include "lib/typed.h"

int
alcove_getrlimit_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int resource, uint64_t *cur, uint64_t *max)
{
	struct alcove_term *t;
	const struct alcove_term *r;
	int err;

	if (cur == NULL || max == NULL)
		return ALCOVE_EINVAL;
	if ((err = call_tuple(h, path, npath, timeout, CALL_getrlimit, 2, &t,
	    "i", resource)) != 0)
		return err;
	r = &t->e[1];
	if (r->type != ALCOVE_TERM_TUPLE || r->n != 3 ||
	    !alcove_term_atom(&r->e[0], "alcove_rlimit") ||
	    r->e[1].type != ALCOVE_TERM_INTEGER || r->e[1].neg ||
	    r->e[2].type != ALCOVE_TERM_INTEGER || r->e[2].neg)
		err = ALCOVE_EPROTO;
	else {
		*cur = r->e[1].mag;
		*max = r->e[2].mag;
	}
	alcove_term_free(t);
	return err;
}

int
alcove_setrlimit_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int resource, uint64_t cur, uint64_t max)
{
	return call_ok(h, path, npath, timeout, CALL_setrlimit, "i{auu}",
	    resource, "alcove_rlimit", (unsigned long long)cur,
	    (unsigned long long)max);
}

int
alcove_getpriority_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int which, int who, int *prio)
{
	int64_t v;
	int err;

	if (prio == NULL)
		return ALCOVE_EINVAL;
	if ((err = ok_int(h, path, npath, timeout, CALL_getpriority, &v, "ii",
	    which, who)) == 0)
		*prio = (int)v;
	return err;
}

int
alcove_setpriority_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int which, int who, int prio)
{
	return call_ok(h, path, npath, timeout, CALL_setpriority, "iii", which,
	    who, prio);
}
