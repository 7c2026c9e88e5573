/*
 * Reading and writing the files of cgroups through the port, in the
 * process at a fork path: writes are completed across partial writes.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto/calls.h"
#include "lib/typed.h"
#include "lib/cgroup.h"

/* Bytes per read or write call: well inside a reply at any depth. */
#define CGROUP_CHUNK	16384
/*
 * A descriptor that takes no byte for this many waits of a second each is
 * given up on: a cgroup file never blocks, so only a file that is not one
 * (a FIFO nobody drains) gets there.
 */
#define CGROUP_WAIT_SEC	1
#define CGROUP_STALLS	10

/* Wait in the port for fd to become writable (select). */
static int
cgroup_wait_writable(struct alcove *h, const pid_t *path, size_t npath,
    int fd)
{
	struct alcove_term *t;
	int64_t v;
	size_t i;
	int err, found, stalls;

	for (stalls = 0; stalls < CGROUP_STALLS; stalls++) {
		if ((err = call_tuple(h, path, npath, ALCOVE_DEFAULT,
		    CALL_select, 4, &t, "n[i]n{aii}", fd, "alcove_timeval",
		    CGROUP_WAIT_SEC, 0)) != 0)
			return err;
		found = 0;
		if (t->e[2].type == ALCOVE_TERM_LIST)
			for (i = 0; i < t->e[2].n; i++)
				if (alcove_term_int(&t->e[2].e[i], &v) == 0 &&
				    v == fd)
					found = 1;
		alcove_term_free(t);
		if (found)
			return 0;
	}
	return ALCOVE_ETIMEDOUT;
}

/*
 * Write len bytes to an existing file (never created: a cgroup that is
 * not there is ENOENT).  The descriptor is non-blocking, so that a write
 * the file takes only in part is finished after select says it is
 * writable again; it is closed whatever happens.
 */
int
cgroup_write(struct alcove *h, const pid_t *path, size_t npath,
    const char *file, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t off = 0, n, got;
	int fd, err, cerr;

	if ((err = alcove_open(h, path, npath, file,
	    O_WRONLY | O_TRUNC | O_NONBLOCK | O_CLOEXEC, 0, &fd)) != 0)
		return err;
	do {
		n = len - off < CGROUP_CHUNK ? len - off : CGROUP_CHUNK;
		got = 0;
		err = alcove_write(h, path, npath, fd, p + off, n, &got);
		if (err == EINTR)
			err = 0;
		else if (err == EAGAIN || err == EWOULDBLOCK ||
		    (err == 0 && got < n))
			err = cgroup_wait_writable(h, path, npath, fd);
		else if (err == 0 && got > n)
			err = ALCOVE_EPROTO;
		if (err == 0)
			off += got;
	} while (err == 0 && off < len);
	cerr = alcove_close(h, path, npath, fd);
	return err != 0 ? err : cerr;
}

/*
 * Read a whole file into a new NUL-terminated buffer: at most max bytes,
 * ERANGE if there are more.
 */
int
cgroup_slurp(struct alcove *h, const pid_t *path, size_t npath,
    const char *file, size_t max, char **bufp, size_t *lenp)
{
	char *buf, *nbuf;
	size_t len = 0, cap = 0, want, got;
	int fd, err, cerr;

	*bufp = NULL;
	*lenp = 0;
	if (max > SIZE_MAX - 2)
		return ALCOVE_EINVAL;
	if ((err = alcove_open(h, path, npath, file, O_RDONLY | O_CLOEXEC, 0,
	    &fd)) != 0)
		return err;
	buf = NULL;
	for (;;) {
		/* Room for max + 1 bytes, to see that there are more. */
		want = max + 1 - len < CGROUP_CHUNK ? max + 1 - len :
		    CGROUP_CHUNK;
		if (len + want + 1 > cap) {
			cap = len + want + 1;
			if ((nbuf = realloc(buf, cap)) == NULL) {
				err = errno;
				break;
			}
			buf = nbuf;
		}
		if ((err = alcove_read(h, path, npath, fd, buf + len, want,
		    &got)) == EINTR)
			continue;
		if (err != 0 || got == 0)
			break;
		len += got;
		if (len > max) {
			err = ERANGE;
			break;
		}
	}
	cerr = alcove_close(h, path, npath, fd);
	if (err == 0)
		err = cerr;
	if (err == 0 && buf == NULL && (buf = malloc(1)) == NULL)
		err = errno;
	if (err != 0) {
		free(buf);
		return err;
	}
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;
}
