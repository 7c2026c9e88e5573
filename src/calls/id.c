/*
 * Credentials: user and group ids and the supplementary groups.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <unistd.h>

#include "calls/call.h"
#include "calls/handlers.h"

int
call_getuid(struct etf_dec *a, struct etf_enc *r)
{
	(void)a;
	etf_put_uint(r, getuid());
	return CALL_OK;
}

int
call_getgid(struct etf_dec *a, struct etf_enc *r)
{
	(void)a;
	etf_put_uint(r, getgid());
	return CALL_OK;
}

int
call_setuid(struct etf_dec *a, struct etf_enc *r)
{
	uint32_t id;
	int rv;

	if ((rv = arg_uint32(a, &id)) != CALL_OK)
		return rv;
	return reply_result(r, setuid(id));
}

int
call_setgid(struct etf_dec *a, struct etf_enc *r)
{
	uint32_t id;
	int rv;

	if ((rv = arg_uint32(a, &id)) != CALL_OK)
		return rv;
	return reply_result(r, setgid(id));
}

/* {ok, [Gid]} in the kernel's order (alcove-protocol(5), Credentials). */
int
call_getgroups(struct etf_dec *a, struct etf_enc *r)
{
	gid_t *gids;
	int n, i;

	(void)a;
	if ((n = getgroups(0, NULL)) == -1)
		return reply_errno(r, errno);
	if ((gids = argmem_alloc((n > 0 ? (size_t)n : 1) *
	    sizeof(*gids))) == NULL)
		return reply_errno(r, ENOMEM);
	if ((n = getgroups(n, gids)) == -1) {
		argmem_release(gids);
		return reply_errno(r, errno);
	}
	etf_put_tuple(r, 2);
	etf_put_atom(r, "ok");
	for (i = 0; i < n; i++) {
		etf_put_list(r, 1);
		etf_put_uint(r, gids[i]);
	}
	etf_put_nil(r);
	argmem_release(gids);
	return CALL_OK;
}

/*
 * [] | a string (one group per byte, each unsigned:
 * alcove-protocol(5), Atoms and constants) | a proper list of UInt32.
 */
int
call_setgroups(struct etf_dec *a, struct etf_enc *r)
{
	const unsigned char *s;
	gid_t *gids = NULL;
	uint32_t n = 0, i, id;
	size_t len;
	int rv, e;

	switch (etf_peek(a)) {
	case ETF_NIL:
		(void)etf_get_nil(a);
		break;
	case ETF_STRING:
		(void)etf_get_string(a, &s, &len);
		n = (uint32_t)len;
		if ((gids = argmem_alloc((len > 0 ? len : 1) *
		    sizeof(*gids))) == NULL)
			return reply_errno(r, ENOMEM);
		for (i = 0; i < n; i++)
			gids[i] = s[i];
		break;
	case ETF_LIST:
		(void)etf_get_list(a, &n);
		if (n > etf_remaining(a))
			return CALL_BADARG;
		if ((gids = argmem_alloc((size_t)n * sizeof(*gids))) == NULL)
			return reply_errno(r, ENOMEM);
		for (i = 0; i < n; i++) {
			if ((rv = arg_uint32(a, &id)) != CALL_OK) {
				argmem_release(gids);
				return rv;
			}
			gids[i] = id;
		}
		if (etf_get_nil(a) == -1) {
			argmem_release(gids);
			return CALL_BADARG;
		}
		break;
	default:
		return CALL_BADARG;
	}
	rv = setgroups(n, gids);
	e = errno;
	argmem_release(gids);
	errno = e;
	return reply_result(r, rv);
}

#ifdef HAVE_GETRESUID
static int
reply_ids(struct etf_enc *r, uint64_t x, uint64_t y, uint64_t z)
{
	etf_put_tuple(r, 4);
	etf_put_atom(r, "ok");
	etf_put_uint(r, x);
	etf_put_uint(r, y);
	etf_put_uint(r, z);
	return CALL_OK;
}

int
call_getresuid(struct etf_dec *a, struct etf_enc *r)
{
	uid_t ru = 0, eu = 0, su = 0;

	(void)a;
	if (getresuid(&ru, &eu, &su) == -1)
		return reply_errno(r, errno);
	return reply_ids(r, ru, eu, su);
}

int
call_getresgid(struct etf_dec *a, struct etf_enc *r)
{
	gid_t rg = 0, eg = 0, sg = 0;

	(void)a;
	if (getresgid(&rg, &eg, &sg) == -1)
		return reply_errno(r, errno);
	return reply_ids(r, rg, eg, sg);
}
#endif

#ifdef HAVE_SETRESUID
static int
arg_ids(struct etf_dec *a, uint32_t ids[3])
{
	int i, rv;

	for (i = 0; i < 3; i++)
		if ((rv = arg_uint32(a, &ids[i])) != CALL_OK)
			return rv;
	return CALL_OK;
}

int
call_setresuid(struct etf_dec *a, struct etf_enc *r)
{
	uint32_t id[3];
	int rv;

	if ((rv = arg_ids(a, id)) != CALL_OK)
		return rv;
	return reply_result(r, setresuid(id[0], id[1], id[2]));
}

int
call_setresgid(struct etf_dec *a, struct etf_enc *r)
{
	uint32_t id[3];
	int rv;

	if ((rv = arg_ids(a, id)) != CALL_OK)
		return rv;
	return reply_result(r, setresgid(id[0], id[1], id[2]));
}
#endif
