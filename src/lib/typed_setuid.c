/*
 * Typed calls of alcove_setuid(3): user and group ids, supplementary
 * groups.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <stdlib.h>

#include "proto/calls.h"
#include "proto/etf.h"
#include "proto/frame.h"
#include "lib/typed.h"

int
alcove_getuid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, uid_t *uid)
{
	int64_t v;
	int err;

	if (uid == NULL)
		return ALCOVE_EINVAL;
	if ((err = bare_int(h, path, npath, timeout, CALL_getuid, &v)) == 0)
		*uid = (uid_t)v;
	return err;
}

int
alcove_getgid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, gid_t *gid)
{
	int64_t v;
	int err;

	if (gid == NULL)
		return ALCOVE_EINVAL;
	if ((err = bare_int(h, path, npath, timeout, CALL_getgid, &v)) == 0)
		*gid = (gid_t)v;
	return err;
}

int
alcove_setuid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, uid_t uid)
{
	return call_ok(h, path, npath, timeout, CALL_setuid, "u",
	    (unsigned long long)uid);
}

int
alcove_setgid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, gid_t gid)
{
	return call_ok(h, path, npath, timeout, CALL_setgid, "u",
	    (unsigned long long)gid);
}

int
alcove_getgroups_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, gid_t *gids, size_t max, size_t *n)
{
	struct alcove_term *t;
	const struct alcove_term *l;
	int64_t v;
	size_t i;
	int err;

	if ((gids == NULL && max > 0) || n == NULL)
		return ALCOVE_EINVAL;
	if ((err = call_tuple(h, path, npath, timeout, CALL_getgroups, 2, &t,
	    "")) != 0)
		return err;
	l = &t->e[1];
	if (l->type != ALCOVE_TERM_LIST)
		err = ALCOVE_EPROTO;
	else if (l->n > max)
		err = ERANGE;
	for (i = 0; err == 0 && i < l->n; i++) {
		if (alcove_term_int(&l->e[i], &v) == -1)
			err = ALCOVE_EPROTO;
		else
			gids[i] = (gid_t)v;
	}
	if (err == 0)
		*n = l->n;
	alcove_term_free(t);
	return err;
}

int
alcove_setgroups_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const gid_t *gids, size_t n)
{
	struct alcove_term *t;
	unsigned char *buf;
	struct etf_enc e;
	size_t i;
	int err;

	if (gids == NULL && n > 0)
		return ALCOVE_EINVAL;
	if (n > FRAME_LEN_MAX / 9)
		return ALCOVE_ETOOBIG;
	if ((buf = malloc(16 + n * 9)) == NULL)
		return ENOMEM;
	etf_enc_init(&e, buf, 16 + n * 9);
	if (n > 0)
		etf_put_list(&e, (uint32_t)n);
	for (i = 0; i < n; i++)
		etf_put_uint(&e, gids[i]);
	etf_put_nil(&e);
	err = alcove_call(h, path, npath, CALL_setgroups, timeout, &t,
	    "r", buf, e.len);
	free(buf);
	return err != 0 ? err : ok_reply(t);
}

static int
get_ids(struct alcove *h, const pid_t *path, size_t npath, int timeout,
    int call, uint64_t ids[3])
{
	struct alcove_term *t;
	int64_t v;
	int err, i;

	if ((err = call_tuple(h, path, npath, timeout, call, 4, &t, "")) != 0)
		return err;
	for (i = 0; i < 3 && err == 0; i++) {
		if (alcove_term_int(&t->e[i + 1], &v) == -1)
			err = ALCOVE_EPROTO;
		else
			ids[i] = (uint64_t)v;
	}
	alcove_term_free(t);
	return err;
}

int
alcove_getresuid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, uid_t *r, uid_t *e, uid_t *s)
{
	uint64_t id[3];
	int err;

	if (r == NULL || e == NULL || s == NULL)
		return ALCOVE_EINVAL;
	if ((err = get_ids(h, path, npath, timeout, CALL_getresuid, id)) == 0) {
		*r = (uid_t)id[0];
		*e = (uid_t)id[1];
		*s = (uid_t)id[2];
	}
	return err;
}

int
alcove_getresgid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, gid_t *r, gid_t *e, gid_t *s)
{
	uint64_t id[3];
	int err;

	if (r == NULL || e == NULL || s == NULL)
		return ALCOVE_EINVAL;
	if ((err = get_ids(h, path, npath, timeout, CALL_getresgid, id)) == 0) {
		*r = (gid_t)id[0];
		*e = (gid_t)id[1];
		*s = (gid_t)id[2];
	}
	return err;
}

int
alcove_setresuid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, uid_t r,
    uid_t e, uid_t s)
{
	return call_ok(h, path, npath, timeout, CALL_setresuid, "uuu",
	    (unsigned long long)r, (unsigned long long)e,
	    (unsigned long long)s);
}

int
alcove_setresgid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, gid_t r,
    gid_t e, gid_t s)
{
	return call_ok(h, path, npath, timeout, CALL_setresgid, "uuu",
	    (unsigned long long)r, (unsigned long long)e,
	    (unsigned long long)s);
}
