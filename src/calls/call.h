/*
 * What a call handler is, and the helpers handlers share: argument
 * decoding by the types of alcove-protocol(5), ARGUMENT TYPES, and common
 * replies.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_CALL_H
#define ALCOVE_CALL_H

#include <sys/types.h>

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "proto/calls.h"
#include "proto/etf.h"
#include "proto/frame.h"

/* What a handler returns; the argument decoders return the same codes. */
#define CALL_OK		0	/* the reply is encoded */
#define CALL_BADARG	1	/* reply badarg */
#define CALL_ENOTSUP	2	/* an unknown constant: {error, enotsup} */
#define CALL_NOREPLY	3	/* nothing to send (exec, exit, a new child) */

/*
 * A handler decodes its arguments from the tuple (the cursor is past the
 * tuple header) and encodes its reply after the version byte.
 */
typedef int call_handler(struct etf_dec *, struct etf_enc *);

/* Fill the handler table for this system: NULL means unsupported. */
void	calls_register(call_handler *[CALL_COUNT]);

/* Common replies. */
int	reply_ok(struct etf_enc *);
int	reply_errno(struct etf_enc *, int);
int	reply_ok_int(struct etf_enc *, int64_t);
int	reply_ok_binary(struct etf_enc *, const void *, size_t);
int	reply_result(struct etf_enc *, int);

/*
 * Memory for a call's arguments (argmem.c): zeroed, and released without a
 * system call, so that nothing between a handler's system call and its
 * reply needs one.  Every argument buffer comes from here.
 */
void	*argmem_alloc(size_t);
void	 argmem_release(void *);

/* Argument types (alcove-protocol(5), ARGUMENT TYPES). */
int	arg_int32(struct etf_dec *, int32_t *);
int	arg_uint32(struct etf_dec *, uint32_t *);
int	arg_int64(struct etf_dec *, int64_t *);
int	arg_uint64(struct etf_dec *, uint64_t *);
int	arg_smallint(struct etf_dec *, int32_t *);
int	arg_atom(struct etf_dec *, char [ETF_ATOM_MAX + 1], size_t *);
int	atom_is(const char *, size_t, const char *);
int	arg_record(struct etf_dec *, const char *, uint32_t);
int	arg_const(struct etf_dec *, int, int32_t *);
int	arg_const64(struct etf_dec *, int, int64_t *);
int	arg_flags(struct etf_dec *, int, int32_t *);
int	arg_iolist(struct etf_dec *, unsigned char *, size_t, size_t *);
int	arg_cstring(struct etf_dec *, char *, size_t);
int	arg_cstring_len(struct etf_dec *, char *, size_t, size_t *);
int	arg_nonempty(struct etf_dec *, char *, size_t);
int	arg_path(struct etf_dec *, char *);
int	arg_name(struct etf_dec *, char *);
int	arg_argv(struct etf_dec *, char ***);
void	arg_argv_free(char **);
int	arg_bin(struct etf_dec *, size_t, const unsigned char **, size_t *);
int	arg_flags_ulong(struct etf_dec *, int, unsigned long *);

struct cstruct;
int	arg_cstruct(struct etf_dec *, size_t, struct cstruct *);
void	cstruct_put(struct etf_enc *, const struct cstruct *);
void	cstruct_put_ok(struct etf_enc *, const struct cstruct *);

/* Buffer sizes for Path and Name arguments (with the terminating NUL). */
#define ARG_PATH_SIZE	PATH_MAX
#define ARG_NAME_SIZE	65535

#endif
