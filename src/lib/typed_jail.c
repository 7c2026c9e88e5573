/*
 * Typed FreeBSD jail calls that take structures: jail (struct jail,
 * version 2) and procctl.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <string.h>

#include "proto/calls.h"
#include "lib/lib.h"
#include "lib/typed.h"
#include "lib/cstruct.h"

#define JAIL_VERSION	2

/* A string field: {ptr, <<S, 0>>}; NULL is the empty string. */
static void
string_field(struct alcove_cfield *f, const char *s)
{
	f->type = ALCOVE_CFIELD_PTR;
	f->data = s != NULL ? s : "";
	f->len = strlen(f->data) + 1;
}

/* An address array: {ptr, <<Addresses>>}; none is a NULL pointer. */
static int
addr_field(struct alcove_cfield *f, const void *addrs, size_t n,
    size_t size)
{
	if (n > UINT32_MAX || n > CFIELD_BYTES_MAX / size ||
	    (n > 0 && addrs == NULL))
		return ALCOVE_EINVAL;
	f->type = ALCOVE_CFIELD_PTR;
	f->data = n > 0 ? addrs : NULL;
	f->len = n * size;
	return 0;
}

/*
 * [<<Version:32>>, <<0:32>>, {ptr, Path}, {ptr, Hostname}, {ptr,
 * Jailname}, <<IP4s:32, IP6s:32>>, {ptr, IP4}, {ptr, IP6}] in native byte
 * order: what alcove_cstruct:jail/1 builds for FreeBSD's struct jail.
 */
int
jail_layout(const struct alcove_jail *j, struct jail_layout *l)
{
	uint32_t v = JAIL_VERSION, n4, n6;
	int err;

	memset(l, 0, sizeof(*l));
	if (j == NULL)
		return ALCOVE_EINVAL;
	if ((err = addr_field(&l->field[6], j->ip4, j->nip4, 4)) != 0 ||
	    (err = addr_field(&l->field[7], j->ip6, j->nip6, 16)) != 0)
		return err;
	n4 = (uint32_t)j->nip4;
	n6 = (uint32_t)j->nip6;
	memcpy(l->version, &v, sizeof(v));
	memcpy(l->counts, &n4, sizeof(n4));
	memcpy(l->counts + 4, &n6, sizeof(n6));
	l->field[0].type = ALCOVE_CFIELD_BYTES;
	l->field[0].data = l->version;
	l->field[0].len = sizeof(l->version);
	l->field[1].type = ALCOVE_CFIELD_BYTES;	/* padding to a pointer */
	l->field[1].len = 4;
	string_field(&l->field[2], j->path);
	string_field(&l->field[3], j->hostname);
	string_field(&l->field[4], j->jailname);
	l->field[5].type = ALCOVE_CFIELD_BYTES;
	l->field[5].data = l->counts;
	l->field[5].len = sizeof(l->counts);
	return 0;
}

int
alcove_jail_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const struct alcove_jail *jail, int *jid)
{
	struct jail_layout l;
	struct cterm c;
	int64_t v;
	int err;

	if ((err = jail_layout(jail, &l)) != 0)
		return err;
	if ((err = cfield_encode(l.field, JAIL_FIELDS, &c)) != 0)
		return err;
	err = ok_int(h, path, npath, timeout, CALL_jail, &v, "r", c.buf,
	    c.len);
	cterm_free(&c);
	if (err == 0 && jid != NULL)
		*jid = (int)v;
	return err;
}

int
alcove_procctl_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *idtype, int64_t id, const char *cmd,
    struct alcove_cfield *data, size_t ndata)
{
	struct alcove_term *t;
	struct constarg it, k;
	struct cterm c = { NULL, 0 };
	int err;

	if ((err = constarg(&it, idtype, CONSTARG_ONE)) != 0 ||
	    (err = constarg(&k, cmd, CONSTARG_ONE)) != 0)
		return err;
	if (ndata == 0)
		err = call_tuple(h, path, npath, timeout, CALL_procctl, 3, &t,
		    "rlrn", it.buf, it.len, (long long)id, k.buf, k.len);
	else if ((err = cfield_encode(data, ndata, &c)) == 0) {
		err = call_tuple(h, path, npath, timeout, CALL_procctl, 3, &t,
		    "rlrr", it.buf, it.len, (long long)id, k.buf, k.len, c.buf,
		    c.len);
		cterm_free(&c);
	}
	if (err != 0)
		return err;
	/* [] comes back as {ok, <<>>, []}: an empty list. */
	if (t->e[1].type != ALCOVE_TERM_BINARY)
		err = ALCOVE_EPROTO;
	else if (ndata == 0)
		err = t->e[2].type == ALCOVE_TERM_LIST && t->e[2].n == 0 ? 0 :
		    ALCOVE_EPROTO;
	else
		err = cfield_read(&t->e[2], data, ndata);
	alcove_term_free(t);
	return err;
}
