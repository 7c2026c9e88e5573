/*
 * iolist_to_bin, the port's testing aid: bytes sent as iodata and
 * answered flattened, a round trip through both codecs.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <string.h>

#include "proto/calls.h"
#include "lib/typed.h"

/*
 * The answer goes to buf (size bytes); *got is its length, also when it
 * does not fit (ERANGE), so that a caller can size a buffer.
 */
int
alcove_iolist_to_bin_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const void *data, size_t len, void *buf, size_t size,
    size_t *got)
{
	struct alcove_term *t;
	int err;

	if ((data == NULL && len > 0) || (buf == NULL && size > 0) ||
	    got == NULL)
		return ALCOVE_EINVAL;
	if ((err = alcove_call(h, path, npath, CALL_iolist_to_bin, timeout,
	    &t, "b", data == NULL ? "" : data, len)) != 0)
		return err;
	if (t == NULL || t->type != ALCOVE_TERM_BINARY)
		err = ALCOVE_EPROTO;
	else {
		*got = t->len;
		if (t->len > size)
			err = ERANGE;
		else if (t->len > 0)
			memcpy(buf, t->data, t->len);
	}
	alcove_term_free(t);
	return err;
}
