/*
 * Sockets and waiting on descriptors: socket, connect, select.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "calls/call.h"
#include "proto/constant.h"
#include "calls/cstruct.h"
#include "calls/handlers.h"

int
call_socket(struct etf_dec *a, struct etf_enc *r)
{
	int32_t domain, type, protocol;
	int rv, fd;

	if ((rv = arg_const(a, CONST_SOCKET, &domain)) != CALL_OK ||
	    (rv = arg_const(a, CONST_SOCKET, &type)) != CALL_OK ||
	    (rv = arg_int32(a, &protocol)) != CALL_OK)
		return rv;
	if ((fd = socket(domain, type, protocol)) == -1)
		return reply_errno(r, errno);
	return reply_ok_int(r, fd);
}

/* [] connects to a NULL address of length 0; a binary must be in a list. */
int
call_connect(struct etf_dec *a, struct etf_enc *r)
{
	struct cstruct cs;
	int32_t fd;
	int rv, e;

	if ((rv = arg_int32(a, &fd)) != CALL_OK)
		return rv;
	if (etf_peek(a) == ETF_NIL) {
		(void)etf_get_nil(a);
		return reply_result(r, connect(fd, NULL, 0));
	}
	if ((rv = arg_cstruct(a, sizeof(struct sockaddr_storage), &cs)) !=
	    CALL_OK)
		return rv;
	rv = connect(fd, (struct sockaddr *)(void *)cs.buf, (socklen_t)cs.len);
	e = errno;
	cstruct_free(&cs);
	errno = e;
	return reply_result(r, rv);
}

/*
 * A descriptor set: [], a string (one descriptor per byte, each unsigned:
 * alcove-protocol(5), Atoms and constants) or a proper list of Int32.  Any
 * problem with it is EBADF, not badarg (alcove-protocol(5), Descriptor calls).
 */
static int
arg_fdset(struct etf_dec *a, fd_set *set, int *maxfd)
{
	const unsigned char *s;
	uint32_t n, i;
	int32_t fd;
	size_t len;

	FD_ZERO(set);
	switch (etf_peek(a)) {
	case ETF_NIL:
		(void)etf_get_nil(a);
		return 0;
	case ETF_STRING:
		(void)etf_get_string(a, &s, &len);
		if (len >= FD_SETSIZE)
			return -1;
		for (i = 0; i < len; i++) {
			fd = s[i];
			if (fd >= FD_SETSIZE || fcntl(fd, F_GETFD) == -1)
				return -1;
			FD_SET(fd, set);
			if (fd > *maxfd)
				*maxfd = fd;
		}
		return 0;
	case ETF_LIST:
		(void)etf_get_list(a, &n);
		if (n >= FD_SETSIZE)
			return -1;
		for (i = 0; i < n; i++) {
			if (arg_int32(a, &fd) != CALL_OK || fd < 0 ||
			    fd >= FD_SETSIZE || fcntl(fd, F_GETFD) == -1)
				return -1;
			FD_SET(fd, set);
			if (fd > *maxfd)
				*maxfd = fd;
		}
		return etf_get_nil(a);
	default:
		return -1;
	}
}

/* [] (block) or {alcove_timeval, Sec, Usec}. */
static int
arg_timeval(struct etf_dec *a, struct timeval *tv, struct timeval **tvp)
{
	int64_t sec, usec;

	if (etf_peek(a) == ETF_NIL) {
		(void)etf_get_nil(a);
		*tvp = NULL;
		return CALL_OK;
	}
	if (arg_record(a, "alcove_timeval", 3) != CALL_OK ||
	    arg_int64(a, &sec) != CALL_OK || arg_int64(a, &usec) != CALL_OK)
		return CALL_BADARG;
	tv->tv_sec = (time_t)sec;
	tv->tv_usec = (suseconds_t)usec;
	*tvp = tv;
	return CALL_OK;
}

static void
put_fdset(struct etf_enc *r, const fd_set *set, int maxfd)
{
	int fd;

	for (fd = 0; fd <= maxfd; fd++) {
		if (FD_ISSET(fd, set)) {
			etf_put_list(r, 1);
			etf_put_int(r, fd);
		}
	}
	etf_put_nil(r);
}

/* {ok, Readable, Writable, Exceptional}, each in ascending order. */
int
call_select(struct etf_dec *a, struct etf_enc *r)
{
	fd_set set[3];
	struct timeval tv, *tvp;
	int maxfd = -1, k, rv;

	for (k = 0; k < 3; k++)
		if (arg_fdset(a, &set[k], &maxfd) == -1)
			return reply_errno(r, EBADF);
	if ((rv = arg_timeval(a, &tv, &tvp)) != CALL_OK)
		return rv;
	if (select(maxfd + 1, &set[0], &set[1], &set[2], tvp) == -1)
		return reply_errno(r, errno);	/* see alcove-protocol(5) */
	etf_put_tuple(r, 4);
	etf_put_atom(r, "ok");
	for (k = 0; k < 3; k++)
		put_fdset(r, &set[k], maxfd);
	return CALL_OK;
}
