/*
 * Typed calls whose argument is a C structure that the port reads back:
 * alloc (the layout itself) and ioctl.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <string.h>

#include "proto/calls.h"
#include "lib/lib.h"
#include "lib/typed.h"
#include "lib/cstruct.h"

int
alcove_alloc_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, struct alcove_cfield *fields, size_t nfields, void *raw,
    size_t size, size_t *got)
{
	const struct alcove_term *r;
	struct alcove_term *t;
	struct cterm c;
	int err;

	if (raw == NULL && size > 0)
		return ALCOVE_EINVAL;
	if ((err = cfield_encode(fields, nfields, &c)) != 0)
		return err;
	err = call_tuple(h, path, npath, timeout, CALL_alloc, 3, &t, "r",
	    c.buf, c.len);
	cterm_free(&c);
	if (err != 0)
		return err;
	r = &t->e[1];
	if (r->type != ALCOVE_TERM_BINARY)
		err = ALCOVE_EPROTO;
	else if ((err = cfield_read(&t->e[2], fields, nfields)) == 0) {
		/* As much of the layout as fits; got says how long it is. */
		if (r->len > 0 && size > 0)
			memcpy(raw, r->data, r->len < size ? r->len : size);
		if (got != NULL)
			*got = r->len;
	}
	alcove_term_free(t);
	return err;
}

int
alcove_ioctl_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int fd, const char *request, struct alcove_arg *arg,
    int64_t *result)
{
	struct alcove_term *t;
	struct constarg req;
	struct cterm c;
	int64_t v;
	int err;

	if ((err = constarg(&req, request, CONSTARG_ONE)) != 0)
		return err;
	if ((err = carg_encode(arg, &c)) != 0)
		return err;
	err = call_tuple(h, path, npath, timeout, CALL_ioctl, 3, &t, "irr",
	    fd, req.buf, req.len, c.buf, c.len);
	cterm_free(&c);
	if (err != 0)
		return err;
	if (alcove_term_int(&t->e[1], &v) == -1)
		err = ALCOVE_EPROTO;
	else if ((err = carg_read(&t->e[2], arg, CARG_ECHO_EMPTY)) == 0 &&
	    result != NULL)
		*result = v;
	alcove_term_free(t);
	return err;
}
