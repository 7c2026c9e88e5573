/*
 * Argument decoding by the types of alcove-protocol(5), ARGUMENT TYPES, and the
 * replies every handler shares.  Each decoder consumes exactly one term or
 * fails with CALL_BADARG (or CALL_ENOTSUP for an unknown constant).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calls/call.h"
#include "proto/constant.h"
#include "proto/errno_id.h"

int
reply_ok(struct etf_enc *e)
{
	etf_put_atom(e, "ok");
	return CALL_OK;
}

/*
 * {error, Posix} is the whole reply: whatever the handler had encoded
 * (a partial {ok, ...}, even one that overflowed) is dropped, leaving the
 * version byte that dispatch put first.
 */
int
reply_errno(struct etf_enc *e, int err)
{
	const char *name = errno_name(err);

	etf_enc_init(e, e->buf, e->limit);
	etf_put_version(e);
	etf_put_tuple(e, 2);
	etf_put_atom(e, "error");
	etf_put_atom(e, name != NULL ? name : "unknown");
	return CALL_OK;
}

int
reply_ok_int(struct etf_enc *e, int64_t v)
{
	etf_put_tuple(e, 2);
	etf_put_atom(e, "ok");
	etf_put_int(e, v);
	return CALL_OK;
}

int
reply_ok_binary(struct etf_enc *e, const void *p, size_t len)
{
	etf_put_tuple(e, 2);
	etf_put_atom(e, "ok");
	etf_put_binary(e, p, len);
	return CALL_OK;
}

/* ok, or {error, errno} when a system call returned -1. */
int
reply_result(struct etf_enc *e, int rv)
{
	return rv == -1 ? reply_errno(e, errno) : reply_ok(e);
}

int
arg_int32(struct etf_dec *d, int32_t *v)
{
	int64_t n;

	if (etf_get_int64(d, ETF_INT_ANY, &n) == -1 || n < INT32_MIN ||
	    n > INT32_MAX)
		return CALL_BADARG;
	*v = (int32_t)n;
	return CALL_OK;
}

int
arg_uint32(struct etf_dec *d, uint32_t *v)
{
	uint64_t n;

	if (etf_get_uint64(d, ETF_INT_ANY, &n) == -1 || n > UINT32_MAX)
		return CALL_BADARG;
	*v = (uint32_t)n;
	return CALL_OK;
}

int
arg_int64(struct etf_dec *d, int64_t *v)
{
	return etf_get_int64(d, ETF_INT_ANY, v) == -1 ? CALL_BADARG : CALL_OK;
}

int
arg_uint64(struct etf_dec *d, uint64_t *v)
{
	return etf_get_uint64(d, ETF_INT_ANY, v) == -1 ? CALL_BADARG : CALL_OK;
}

/* SMALL_INTEGER_EXT or INTEGER_EXT only: a big-integer encoding is badarg. */
int
arg_smallint(struct etf_dec *d, int32_t *v)
{
	int64_t n;

	if (etf_get_int64(d, ETF_INT_SMALL, &n) == -1)
		return CALL_BADARG;
	*v = (int32_t)n;
	return CALL_OK;
}

int
arg_atom(struct etf_dec *d, char name[ETF_ATOM_MAX + 1], size_t *len)
{
	return etf_get_atom(d, name, len) == -1 ? CALL_BADARG : CALL_OK;
}

/* Is the atom of len bytes that arg_atom decoded this name? */
int
atom_is(const char *atom, size_t len, const char *name)
{
	return len == strlen(name) && memcmp(atom, name, len) == 0;
}

/*
 * A record: a tuple (small or large) of arity elements, the first the
 * atom name.  The cursor is left at the second element.
 */
int
arg_record(struct etf_dec *d, const char *name, uint32_t arity)
{
	char atom[ETF_ATOM_MAX + 1];
	uint32_t n;
	size_t len;

	if (etf_get_tuple(d, &n) == -1 || n != arity ||
	    etf_get_atom(d, atom, &len) == -1 || !atom_is(atom, len, name))
		return CALL_BADARG;
	return CALL_OK;
}

static int
is_atom(const struct etf_dec *d)
{
	switch (etf_peek(d)) {
	case ETF_ATOM:
	case ETF_SMALL_ATOM:
	case ETF_ATOM_UTF8:
	case ETF_SMALL_ATOM_UTF8:
		return 1;
	default:
		return 0;
	}
}

int
arg_const(struct etf_dec *d, int table, int32_t *v)
{
	char name[ETF_ATOM_MAX + 1];
	uint64_t value;
	int64_t s;
	size_t len;

	if (!is_atom(d))
		return arg_smallint(d, v);
	if (etf_get_atom(d, name, &len) == -1)
		return CALL_BADARG;
	if (constant_lookup(table, name, len, &value) == -1)
		return CALL_ENOTSUP;
	s = (int64_t)value;
	if (s < INT32_MIN || s > INT32_MAX)
		return CALL_BADARG;
	*v = (int32_t)s;
	return CALL_OK;
}

int
arg_const64(struct etf_dec *d, int table, int64_t *v)
{
	char name[ETF_ATOM_MAX + 1];
	uint64_t value;
	size_t len;

	if (!is_atom(d))
		return etf_get_int64(d, ETF_INT_SMALL | ETF_INT_BIG, v) == -1 ?
		    CALL_BADARG : CALL_OK;
	if (etf_get_atom(d, name, &len) == -1)
		return CALL_BADARG;
	if (constant_lookup(table, name, len, &value) == -1)
		return CALL_ENOTSUP;
	*v = (int64_t)value;
	return CALL_OK;
}

/*
 * Flags: [], an integer, a string (each byte an unsigned value, every byte
 * used: alcove-protocol(5), Atoms and constants), or a proper list of
 * constants, OR-ed together.  A bare atom is not flags.
 */
int
arg_flags(struct etf_dec *d, int table, int32_t *v)
{
	const unsigned char *s;
	uint32_t n, i;
	int32_t one, acc = 0;
	size_t len, k;
	int rv;

	switch (etf_peek(d)) {
	case ETF_NIL:
		(void)etf_get_nil(d);
		*v = 0;
		return CALL_OK;
	case ETF_SMALL_INTEGER:
	case ETF_INTEGER:
		return arg_smallint(d, v);
	case ETF_STRING:
		if (etf_get_string(d, &s, &len) == -1)
			return CALL_BADARG;
		for (k = 0; k < len; k++)
			acc |= s[k];
		*v = acc;
		return CALL_OK;
	case ETF_LIST:
		if (etf_get_list(d, &n) == -1)
			return CALL_BADARG;
		for (i = 0; i < n; i++) {
			if ((rv = arg_const(d, table, &one)) != CALL_OK)
				return rv;
			acc |= one;
		}
		if (etf_get_nil(d) == -1)
			return CALL_BADARG;
		*v = acc;
		return CALL_OK;
	default:
		return CALL_BADARG;
	}
}

/*
 * Flags as an unsigned long, end to end (mount flags:
 * alcove-protocol(5), File systems): [], a non-negative integer of any size
 * that fits, a string (every byte, unsigned), or a proper list of constants
 * and non-negative integers, OR-ed together.
 */
int
arg_flags_ulong(struct etf_dec *d, int table, unsigned long *v)
{
	char name[ETF_ATOM_MAX + 1];
	const unsigned char *s;
	unsigned long acc = 0;
	uint64_t one;
	uint32_t n, i;
	size_t len, k;

	switch (etf_peek(d)) {
	case ETF_NIL:
		(void)etf_get_nil(d);
		*v = 0;
		return CALL_OK;
	case ETF_STRING:
		if (etf_get_string(d, &s, &len) == -1)
			return CALL_BADARG;
		for (k = 0; k < len; k++)
			acc |= s[k];
		*v = acc;
		return CALL_OK;
	case ETF_LIST:
		if (etf_get_list(d, &n) == -1)
			return CALL_BADARG;
		for (i = 0; i < n; i++) {
			if (is_atom(d)) {
				if (etf_get_atom(d, name, &len) == -1)
					return CALL_BADARG;
				if (constant_lookup(table, name, len, &one) == -1)
					return CALL_ENOTSUP;
			} else if (etf_get_uint64(d, ETF_INT_ANY, &one) == -1)
				return CALL_BADARG;
			if (one > ULONG_MAX)
				return CALL_BADARG;
			acc |= (unsigned long)one;
		}
		if (etf_get_nil(d) == -1)
			return CALL_BADARG;
		*v = acc;
		return CALL_OK;
	default:
		if (etf_get_uint64(d, ETF_INT_ANY, &one) == -1 ||
		    one > ULONG_MAX)
			return CALL_BADARG;
		*v = (unsigned long)one;
		return CALL_OK;
	}
}

#define IOLIST_DEPTH_MAX	16

/*
 * Append an iolist to buf (capacity cap) with upstream's accounting: a
 * string needs room for a terminating zero it does not count, and no list
 * element may start once the buffer is full.
 */
static int
iolist_add(struct etf_dec *d, unsigned char *buf, size_t cap, size_t *used,
    int depth)
{
	const unsigned char *p;
	uint32_t n, i;
	size_t len;
	int rv;

	switch (etf_peek(d)) {
	case ETF_BINARY:
		if (etf_get_binary(d, &p, &len) == -1 || len > cap - *used)
			return CALL_BADARG;
		break;
	case ETF_STRING:
		if (etf_get_string(d, &p, &len) == -1 || len >= cap - *used)
			return CALL_BADARG;
		break;
	case ETF_NIL:
		(void)etf_get_nil(d);
		return CALL_OK;
	case ETF_LIST:
		if (etf_get_list(d, &n) == -1)
			return CALL_BADARG;
		for (i = 0; i < n; i++) {
			if (depth + 1 > IOLIST_DEPTH_MAX || *used == cap)
				return CALL_BADARG;
			if (etf_peek(d) == ETF_SMALL_INTEGER) {
				uint64_t byte;

				(void)etf_get_uint64(d, ETF_INT_SMALL, &byte);
				buf[(*used)++] = (unsigned char)byte;
				continue;
			}
			if ((rv = iolist_add(d, buf, cap, used, depth + 1)) !=
			    CALL_OK)
				return rv;
		}
		return etf_get_nil(d) == -1 ? CALL_BADARG : CALL_OK;
	default:
		return CALL_BADARG;
	}
	if (len > 0)
		memcpy(buf + *used, p, len);
	*used += len;
	return CALL_OK;
}

int
arg_iolist(struct etf_dec *d, unsigned char *buf, size_t cap, size_t *len)
{
	*len = 0;
	return iolist_add(d, buf, cap, len, 0);
}

/*
 * An iolist used as a C string: it ends at its first zero byte.  *len is
 * the iolist's size, zero bytes and all; buf holds size - 1 of them and
 * the terminating NUL.
 */
int
arg_cstring_len(struct etf_dec *d, char *buf, size_t size, size_t *len)
{
	int rv;

	if ((rv = arg_iolist(d, (unsigned char *)buf, size - 1, len)) !=
	    CALL_OK)
		return rv;
	buf[*len] = '\0';
	return CALL_OK;
}

int
arg_cstring(struct etf_dec *d, char *buf, size_t size)
{
	size_t len;

	return arg_cstring_len(d, buf, size, &len);
}

/* Path, Name and the like: a C string of at least one byte. */
int
arg_nonempty(struct etf_dec *d, char *buf, size_t size)
{
	size_t len;
	int rv;

	if ((rv = arg_cstring_len(d, buf, size, &len)) != CALL_OK)
		return rv;
	return len == 0 ? CALL_BADARG : CALL_OK;
}

int
arg_path(struct etf_dec *d, char *buf)
{
	return arg_nonempty(d, buf, ARG_PATH_SIZE);
}

int
arg_name(struct etf_dec *d, char *buf)
{
	return arg_nonempty(d, buf, ARG_NAME_SIZE);
}

void
arg_argv_free(char **argv)
{
	char **p;

	if (argv == NULL)
		return;
	for (p = argv; *p != NULL; p++)
		argmem_release(*p);
	argmem_release(argv);
}

/*
 * Argv: [] (a NULL vector) or a proper list of iolists, each used as a C
 * string.  A string in place of the list is not an argv.
 */
int
arg_argv(struct etf_dec *d, char ***argvp)
{
	static unsigned char elem[ARG_NAME_SIZE];
	char **argv;
	uint32_t n, i;
	size_t len;
	long argmax;
	int rv;

	*argvp = NULL;
	if (etf_peek(d) == ETF_NIL) {
		(void)etf_get_nil(d);
		return CALL_OK;
	}
	if (etf_get_list(d, &n) == -1 || n > etf_remaining(d))
		return CALL_BADARG;
	argmax = sysconf(_SC_ARG_MAX);
	if (argmax > 0 && (long)n >= argmax)
		return CALL_BADARG;
	/* n is at most the bytes left in the message: no overflow. */
	if ((argv = argmem_alloc(((size_t)n + 1) * sizeof(*argv))) == NULL)
		return CALL_BADARG;
	for (i = 0; i < n; i++) {
		switch (etf_peek(d)) {
		case ETF_BINARY:
		case ETF_STRING:
		case ETF_LIST:
		case ETF_NIL:
			break;
		default:
			arg_argv_free(argv);
			return CALL_BADARG;
		}
		if ((rv = arg_iolist(d, elem, sizeof(elem) - 1, &len)) !=
		    CALL_OK) {
			arg_argv_free(argv);
			return rv;
		}
		if ((argv[i] = argmem_alloc(len + 1)) == NULL) {
			arg_argv_free(argv);
			return CALL_BADARG;
		}
		memcpy(argv[i], elem, len);	/* argmem_alloc zeroes */
	}
	if (etf_get_nil(d) == -1) {
		arg_argv_free(argv);
		return CALL_BADARG;
	}
	*argvp = argv;
	return CALL_OK;
}

int
arg_bin(struct etf_dec *d, size_t max, const unsigned char **p, size_t *len)
{
	if (etf_get_binary(d, p, len) == -1 || *len > max)
		return CALL_BADARG;
	return CALL_OK;
}
