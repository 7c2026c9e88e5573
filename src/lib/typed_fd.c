/*
 * Typed descriptor and socket calls: fcntl, socket, connect and select.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/time.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "proto/calls.h"
#include "proto/etf.h"
#include "proto/frame.h"
#include "lib/typed.h"

/*
 * A constant the call cannot do without (a command, a domain, a type):
 * NULL or a string of no names would silently mean 0, which names a real
 * command or domain, so it is refused.
 */
static int
required_const(struct constarg *c, const char *s)
{
	if (s == NULL || s[strspn(s, "|, \t")] == '\0')
		return ALCOVE_EINVAL;
	return constarg(c, s, CONSTARG_ONE);
}

int
alcove_fcntl_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int fd, const char *cmd, int arg, int64_t *result)
{
	struct constarg c;
	int64_t v;
	int err;

	if ((err = required_const(&c, cmd)) != 0)
		return err;
	if ((err = ok_int(h, path, npath, timeout, CALL_fcntl, &v, "iri", fd,
	    c.buf, c.len, arg)) != 0)
		return err;
	if (v < INT_MIN || v > INT_MAX)
		return ALCOVE_EPROTO;
	if (result != NULL)
		*result = v;
	return 0;
}

int
alcove_socket_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *domain, const char *type, int protocol, int *fd)
{
	struct constarg d, t;
	int64_t v;
	int err;

	if (fd == NULL)
		return ALCOVE_EINVAL;
	if ((err = required_const(&d, domain)) != 0 ||
	    (err = required_const(&t, type)) != 0)
		return err;
	if ((err = ok_int(h, path, npath, timeout, CALL_socket, &v, "rri",
	    d.buf, d.len, t.buf, t.len, protocol)) != 0)
		return err;
	if (v < 0 || v > INT_MAX)
		return ALCOVE_EPROTO;
	*fd = (int)v;
	return 0;
}

/*
 * NULL is connect(fd, NULL, 0) (the port's []); an address goes as a
 * CStruct of one binary, copied into the port's struct sockaddr_storage.
 */
int
alcove_connect_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int fd, const void *addr, size_t addrlen)
{
	if (addr == NULL) {
		if (addrlen != 0)
			return ALCOVE_EINVAL;
		return call_ok(h, path, npath, timeout, CALL_connect, "in", fd);
	}
	return call_ok(h, path, npath, timeout, CALL_connect, "i[b]", fd, addr,
	    addrlen);
}

/* ---- select ---- */

/* The most bytes one descriptor takes in a list: INTEGER_EXT. */
#define FD_TERM_MAX	5

/* One of select's descriptor sets: the caller's array and its count. */
struct fdset {
	int	*fds;
	size_t	*count;
	size_t	 n;		/* what the caller asked about */
};

static int
fdset_init(struct fdset *s, int *fds, size_t *count)
{
	s->fds = fds;
	s->count = count;
	s->n = count != NULL ? *count : 0;
	if (s->n > 0 && fds == NULL)
		return ALCOVE_EINVAL;
	/* No frame holds more descriptors than this. */
	if (s->n > FRAME_LEN_MAX / 2)
		return ALCOVE_ETOOBIG;
	return 0;
}

/* The set as the port's FdSet: [] or a proper list of Int32. */
static void
fdset_put(struct etf_enc *e, const struct fdset *s)
{
	size_t i;

	if (s->n > 0)
		etf_put_list(e, (uint32_t)s->n);
	for (i = 0; i < s->n; i++)
		etf_put_int_arg(e, s->fds[i]);
	etf_put_nil(e);
}

/*
 * Is a reply list the ready part of the set?  Every element must be one
 * of the descriptors asked about, so it also fits the caller's array.
 */
static int
fdset_check(const struct fdset *s, const struct alcove_term *l)
{
	int64_t v;
	size_t i, k;

	if (l->type != ALCOVE_TERM_LIST || l->n > s->n)
		return ALCOVE_EPROTO;
	for (i = 0; i < l->n; i++) {
		if (alcove_term_int(&l->e[i], &v) == -1)
			return ALCOVE_EPROTO;
		for (k = 0; k < s->n && s->fds[k] != v; k++)
			;
		if (k == s->n)
			return ALCOVE_EPROTO;
	}
	return 0;
}

static void
fdset_store(struct fdset *s, const struct alcove_term *l)
{
	int64_t v;
	size_t i;

	if (s->count == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		(void)alcove_term_int(&l->e[i], &v);
		s->fds[i] = (int)v;
	}
	*s->count = l->n;
}

/*
 * Each array holds *count descriptors on entry and the ready ones on
 * return (in ascending order), *count updated; a NULL count is an empty
 * set.  tv NULL blocks until a descriptor is ready.
 */
int
alcove_select_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int *readfds, size_t *nread, int *writefds, size_t *nwrite,
    int *exceptfds, size_t *nexcept, const struct timeval *tv)
{
	struct fdset set[3];
	struct alcove_term *t;
	struct etf_enc e;
	unsigned char *buf;
	size_t off[4], size, k;
	int err;

	if ((err = fdset_init(&set[0], readfds, nread)) != 0 ||
	    (err = fdset_init(&set[1], writefds, nwrite)) != 0 ||
	    (err = fdset_init(&set[2], exceptfds, nexcept)) != 0)
		return err;
	size = 3 * (5 + 1) + (set[0].n + set[1].n + set[2].n) * FD_TERM_MAX;
	if ((buf = malloc(size)) == NULL)
		return ENOMEM;
	etf_enc_init(&e, buf, size);
	for (k = 0; k < 3; k++) {
		off[k] = e.len;
		fdset_put(&e, &set[k]);
	}
	off[3] = e.len;
	if (e.overflow)
		err = ALCOVE_ETOOBIG;
	else if (tv == NULL)
		err = call_tuple(h, path, npath, timeout, CALL_select, 4, &t,
		    "rrrn", buf, off[1], buf + off[1], off[2] - off[1],
		    buf + off[2], off[3] - off[2]);
	else
		err = call_tuple(h, path, npath, timeout, CALL_select, 4, &t,
		    "rrr{all}", buf, off[1], buf + off[1], off[2] - off[1],
		    buf + off[2], off[3] - off[2], "alcove_timeval",
		    (long long)tv->tv_sec, (long long)tv->tv_usec);
	free(buf);
	if (err != 0)
		return err;
	for (k = 0; k < 3 && err == 0; k++)
		err = fdset_check(&set[k], &t->e[k + 1]);
	for (k = 0; k < 3 && err == 0; k++)
		fdset_store(&set[k], &t->e[k + 1]);
	alcove_term_free(t);
	return err;
}
