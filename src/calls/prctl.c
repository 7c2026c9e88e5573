/*
 * Process control calls that take buffers and structures: prctl, seccomp
 * and ptrace.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "calls/call.h"
#include "proto/constant.h"
#include "calls/cstruct.h"
#include "calls/handlers.h"
#include "os/os.h"

/* One argument passed as a machine word: a value, a buffer or a struct. */
struct word {
	int		 kind;
#define WORD_INT	0
#define WORD_BIN	1
#define WORD_STRUCT	2
	unsigned long	 value;
	unsigned char	*buf;
	size_t		 len;
	struct cstruct	 cs;
};

#define ATOM_OK		0x01	/* an atom of the prctl table */
#define NIL_OK		0x02	/* [] for 0 */

/*
 * A non-negative value: a small integer or, with ATOM_OK, a constant of the
 * prctl table (an unknown one is {error, enotsup}); [] with NIL_OK; a
 * binary; or a CStruct.
 */
static int
arg_word(struct etf_dec *a, int allow, struct word *w)
{
	const unsigned char *bin;
	int32_t n;
	size_t len;
	int rv;

	memset(w, 0, sizeof(*w));
	switch (etf_peek(a)) {
	case ETF_SMALL_INTEGER:
	case ETF_INTEGER:
		break;
	case ETF_NIL:
		if (!(allow & NIL_OK))
			return CALL_BADARG;
		(void)etf_get_nil(a);
		return CALL_OK;
	case ETF_BINARY:
		if ((rv = arg_bin(a, CSTRUCT_BYTES_MAX, &bin, &len)) != CALL_OK)
			return rv;
		w->kind = WORD_BIN;
		if ((w->buf = argmem_alloc(len + CSTRUCT_SLACK)) == NULL)
			return CALL_BADARG;
		if (len > 0)
			memcpy(w->buf, bin, len);
		w->len = len;
		w->value = (unsigned long)(uintptr_t)w->buf;
		return CALL_OK;
	case ETF_LIST:
		if ((rv = arg_cstruct(a, CSTRUCT_BYTES_MAX, &w->cs)) != CALL_OK)
			return rv;
		w->kind = WORD_STRUCT;
		w->value = (unsigned long)(uintptr_t)w->cs.buf;
		return CALL_OK;
	default:
		if (!(allow & ATOM_OK))
			return CALL_BADARG;
		break;
	}
	if ((rv = arg_const(a, CONST_PRCTL, &n)) != CALL_OK)
		return rv;
	if (n < 0)
		return CALL_BADARG;
	w->value = (unsigned long)n;
	return CALL_OK;
}

static void
word_free(struct word *w)
{
	argmem_release(w->buf);
	if (w->kind == WORD_STRUCT)
		cstruct_free(&w->cs);
}

/* The argument after the call: its value, buffer, or read-back list. */
static void
word_put(struct etf_enc *r, const struct word *w, int empty_int)
{
	switch (w->kind) {
	case WORD_BIN:
		etf_put_binary(r, w->buf, w->len);
		break;
	case WORD_STRUCT:
		cstruct_put(r, &w->cs);
		break;
	default:
		if (empty_int)
			etf_put_binary(r, "", 0);
		else
			etf_put_uint(r, w->value);
		break;
	}
}

/* {ok, Result, Arg2, Arg3, Arg4, Arg5} with each argument read back. */
int
call_prctl(struct etf_dec *a, struct etf_enc *r)
{
	struct word w[4];
	int32_t option;
	int i, k, rv, res, e;

	if ((rv = arg_const(a, CONST_PRCTL, &option)) != CALL_OK)
		return rv;
	for (i = 0; i < 4; i++) {
		if ((rv = arg_word(a, ATOM_OK | NIL_OK, &w[i])) != CALL_OK) {
			for (k = 0; k < i; k++)
				word_free(&w[k]);
			return rv;
		}
	}
	res = os_ops.prctl(option, w[0].value, w[1].value, w[2].value,
	    w[3].value);
	e = errno;
	if (res == -1)
		rv = reply_errno(r, e);
	else {
		etf_put_tuple(r, 6);
		etf_put_atom(r, "ok");
		etf_put_int(r, res);
		for (i = 0; i < 4; i++)
			word_put(r, &w[i], 0);
		rv = CALL_OK;
	}
	for (i = 0; i < 4; i++)
		word_free(&w[i]);
	return rv;
}

int
call_seccomp(struct etf_dec *a, struct etf_enc *r)
{
	struct cstruct cs;
	int32_t op, flags;
	void *args = NULL;
	int rv, res, e;

	if ((rv = arg_const(a, CONST_SECCOMP, &op)) != CALL_OK ||
	    (rv = arg_const(a, CONST_SECCOMP, &flags)) != CALL_OK)
		return rv;
	memset(&cs, 0, sizeof(cs));
	if (etf_peek(a) == ETF_NIL)
		(void)etf_get_nil(a);
	else if ((rv = arg_cstruct(a, CSTRUCT_BYTES_MAX, &cs)) != CALL_OK)
		return rv;
	else
		args = cs.buf;
	res = os_ops.seccomp((unsigned int)op, (unsigned int)flags, args);
	e = errno;
	cstruct_free(&cs);
	errno = e;
	return reply_result(r, res == -1 ? -1 : 0);
}

/*
 * {ok, Result, AddrOut, DataOut}.  Errors show only in errno (a peek may
 * return -1 as data), so errno is cleared before the call.  Addr and Data
 * are read back each from its own description
 * (alcove-protocol(5), Linux isolation).
 */
int
call_ptrace(struct etf_dec *a, struct etf_enc *r)
{
	struct word addr, data;
	int32_t req, pid;
	long res;
	int rv, e;

	if ((rv = arg_const(a, CONST_PTRACE, &req)) != CALL_OK ||
	    (rv = arg_int32(a, &pid)) != CALL_OK ||
	    (rv = arg_word(a, 0, &addr)) != CALL_OK)
		return rv;
	if ((rv = arg_word(a, 0, &data)) != CALL_OK) {
		word_free(&addr);
		return rv;
	}
	errno = 0;
	res = os_ops.ptrace(req, pid, (void *)(uintptr_t)addr.value,
	    (void *)(uintptr_t)data.value);
	e = errno;
	if (e != 0)
		rv = reply_errno(r, e);
	else {
		etf_put_tuple(r, 4);
		etf_put_atom(r, "ok");
		etf_put_int(r, res);
		word_put(r, &addr, 1);
		word_put(r, &data, 1);
		rv = CALL_OK;
	}
	word_free(&addr);
	word_free(&data);
	return rv;
}
