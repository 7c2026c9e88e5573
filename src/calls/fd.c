/*
 * Descriptor calls: open, close, read, write, lseek, fcntl, ioctl.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/ioctl.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "calls/call.h"
#include "proto/constant.h"
#include "calls/cstruct.h"
#include "calls/handlers.h"
#include "port/port.h"

int
call_open(struct etf_dec *a, struct etf_enc *r)
{
	static char path[ARG_PATH_SIZE];
	int32_t flags;
	uint32_t mode;
	int rv, fd;

	if ((rv = arg_path(a, path)) != CALL_OK ||
	    (rv = arg_flags(a, CONST_FILE, &flags)) != CALL_OK ||
	    (rv = arg_uint32(a, &mode)) != CALL_OK)
		return rv;
	if ((fd = open(path, flags, (mode_t)mode)) == -1)
		return reply_errno(r, errno);
	return reply_ok_int(r, fd);
}

/*
 * The signal pipe (3, 4) and the control descriptor (5) are the process's
 * own (alcove-protocol(5), Descriptors): without them it could neither see a
 * signal nor tell its parent about an exec.  They are refused as if they
 * were not open, which is also what a client that closes every descriptor
 * before an exec expects to be told about a number it does not hold; they
 * are close-on-exec, so no program inherits them anyway.
 */
static int
fd_is_ours(int32_t fd)
{
	return fd == FD_SIGREAD || fd == FD_SIGWRITE || fd == FD_CTL;
}

int
call_close(struct etf_dec *a, struct etf_enc *r)
{
	int32_t fd;
	int rv;

	if ((rv = arg_int32(a, &fd)) != CALL_OK)
		return rv;
	if (fd_is_ours(fd))
		return reply_errno(r, EBADF);
	if (child_close_stdin_drained(fd))
		return reply_ok(r);
	if (close(fd) == -1)
		return reply_errno(r, errno);
	child_closed_fd(fd);	/* alcove-protocol(5), Stream mode */
	return reply_ok(r);
}

/*
 * {ok, Data}: the count is clamped to what fits in one reply at this depth
 * (alcove-protocol(5), Per-hop overhead); the data is read straight into the
 * reply.
 */
int
call_read(struct etf_dec *a, struct etf_enc *r)
{
	size_t room, want, hdr;
	unsigned char *p;
	uint64_t count;
	int32_t fd;
	ssize_t n;
	int rv;

	if ((rv = arg_int32(a, &fd)) != CALL_OK ||
	    (rv = arg_uint64(a, &count)) != CALL_OK)
		return rv;
	etf_put_tuple(r, 2);
	etf_put_atom(r, "ok");
	hdr = r->len;
	room = r->limit - hdr - 5;
	want = count < room ? (size_t)count : room;
	if ((p = etf_put_reserve(r, 5 + want)) == NULL)
		return CALL_BADARG;
	if ((n = read(fd, p + 5, want)) == -1)
		return reply_errno(r, errno);
	p[0] = ETF_BINARY;
	frame_put32(p + 1, (uint32_t)n);
	r->len = hdr + 5 + (size_t)n;
	return CALL_OK;
}

int
call_write(struct etf_dec *a, struct etf_enc *r)
{
	static unsigned char data[FRAME_LEN_MAX];
	size_t len;
	int32_t fd;
	ssize_t n;
	int rv;

	if ((rv = arg_int32(a, &fd)) != CALL_OK ||
	    (rv = arg_iolist(a, data, sizeof(data), &len)) != CALL_OK)
		return rv;
	if (fd == STDOUT_FILENO)
		port_flush();	/* our own messages go first */
	if ((n = write(fd, data, len)) == -1)
		return reply_errno(r, errno);
	if (fd == STDOUT_FILENO)
		port.out_total += (uint64_t)n;	/* keep the exec offset true */
	return reply_ok_int(r, n);
}

/*
 * The reply is ok: the new offset is not returned
 * (alcove-protocol(5), Descriptor calls).
 */
int
call_lseek(struct etf_dec *a, struct etf_enc *r)
{
	int32_t fd, whence;
	int64_t off;
	int rv;

	if ((rv = arg_int32(a, &fd)) != CALL_OK ||
	    (rv = arg_int64(a, &off)) != CALL_OK ||
	    (rv = arg_int32(a, &whence)) != CALL_OK)
		return rv;
	return reply_result(r, lseek(fd, (off_t)off, whence) == -1 ? -1 : 0);
}

/* {ok, Result}: the raw return value (alcove-protocol(5), Descriptor calls). */
int
call_fcntl(struct etf_dec *a, struct etf_enc *r)
{
	int32_t fd, cmd, arg;
	int rv, res;

	if ((rv = arg_int32(a, &fd)) != CALL_OK ||
	    (rv = arg_const(a, CONST_FCNTL, &cmd)) != CALL_OK ||
	    (rv = arg_smallint(a, &arg)) != CALL_OK)
		return rv;
	/* A blocking signal pipe would hang the handler once it is full. */
	if ((fd == FD_SIGREAD || fd == FD_SIGWRITE) && cmd == F_SETFL &&
	    !(arg & O_NONBLOCK))
		return reply_errno(r, EPERM);
	if ((res = fcntl(fd, cmd, arg)) == -1)
		return reply_errno(r, errno);
	return reply_ok_int(r, res);
}

/*
 * {ok, Result, Out}: Argp is an integer (Out is <<>>), a binary (Out is the
 * buffer after the call) or a CStruct (Out is its read-back list).
 */
int
call_ioctl(struct etf_dec *a, struct etf_enc *r)
{
	static unsigned char buf[FRAME_LEN_MAX];
	const unsigned char *bin;
	struct cstruct cs;
	int64_t req;
	int32_t fd, n;
	size_t len;
	int rv, res, e;

	if ((rv = arg_int32(a, &fd)) != CALL_OK ||
	    (rv = arg_const64(a, CONST_IOCTL, &req)) != CALL_OK)
		return rv;
	switch (etf_peek(a)) {
	case ETF_SMALL_INTEGER:
	case ETF_INTEGER:
		if ((rv = arg_smallint(a, &n)) != CALL_OK)
			return rv;
		if ((res = ioctl(fd, (unsigned long)req, (long)n)) == -1)
			return reply_errno(r, errno);
		etf_put_tuple(r, 3);
		etf_put_atom(r, "ok");
		etf_put_int(r, res);
		etf_put_binary(r, "", 0);
		return CALL_OK;
	case ETF_BINARY:
		if ((rv = arg_bin(a, sizeof(buf), &bin, &len)) != CALL_OK)
			return rv;
		memcpy(buf, bin, len);
		if ((res = ioctl(fd, (unsigned long)req, buf)) == -1)
			return reply_errno(r, errno);
		etf_put_tuple(r, 3);
		etf_put_atom(r, "ok");
		etf_put_int(r, res);
		etf_put_binary(r, buf, len);
		return CALL_OK;
	case ETF_LIST:
		if ((rv = arg_cstruct(a, CSTRUCT_BYTES_MAX, &cs)) != CALL_OK)
			return rv;
		res = ioctl(fd, (unsigned long)req, cs.buf);
		e = errno;
		if (res == -1)
			rv = reply_errno(r, e);
		else {
			etf_put_tuple(r, 3);
			etf_put_atom(r, "ok");
			etf_put_int(r, res);
			cstruct_put(r, &cs);
			rv = CALL_OK;
		}
		cstruct_free(&cs);
		return rv;
	default:
		return CALL_BADARG;
	}
}
