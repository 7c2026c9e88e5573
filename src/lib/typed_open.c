/*
 * Typed calls of alcove_open(3): opening, reading, writing, seeking and
 * closing descriptors.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <string.h>

#include "proto/calls.h"
#include "lib/typed.h"

int
alcove_open_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *file, int flags, mode_t mode, int *fd)
{
	int64_t v;
	int err;

	if (file == NULL || fd == NULL)
		return ALCOVE_EINVAL;
	if ((err = ok_int(h, path, npath, timeout, CALL_open, &v, "siu", file,
	    flags, (unsigned long long)mode)) == 0)
		*fd = (int)v;
	return err;
}

int
alcove_close_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int fd)
{
	return call_ok(h, path, npath, timeout, CALL_close, "i", fd);
}

int
alcove_read_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int fd,
    void *buf, size_t count, size_t *got)
{
	struct alcove_term *t;
	int err;

	if ((buf == NULL && count > 0) || got == NULL)
		return ALCOVE_EINVAL;
	if ((err = call_tuple(h, path, npath, timeout, CALL_read, 2, &t, "iu",
	    fd, (unsigned long long)count)) != 0)
		return err;
	if (t->e[1].type != ALCOVE_TERM_BINARY || t->e[1].len > count)
		err = ALCOVE_EPROTO;
	else {
		if (t->e[1].len > 0)
			memcpy(buf, t->e[1].data, t->e[1].len);
		*got = t->e[1].len;
	}
	alcove_term_free(t);
	return err;
}

int
alcove_write_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int fd,
    const void *buf, size_t len, size_t *written)
{
	int64_t v;
	int err;

	if (buf == NULL && len > 0)
		return ALCOVE_EINVAL;
	if ((err = ok_int(h, path, npath, timeout, CALL_write, &v, "ib", fd,
	    buf, len)) == 0 && written != NULL)
		*written = (size_t)v;
	return err;
}

int
alcove_lseek_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int fd,
    off_t off, int whence)
{
	return call_ok(h, path, npath, timeout, CALL_lseek, "ili", fd,
	    (long long)off, whence);
}
