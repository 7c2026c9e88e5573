/*
 * What the typed calls share: reading the common reply shapes, and
 * encoding the constant-or-flags strings of alcove.h.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_TYPED_H
#define ALCOVE_TYPED_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

#include "alcove.h"

/* reply.c */
int	ok_reply(struct alcove_term *);
int	call_ok(struct alcove *, const pid_t *, size_t, int, int,
	    const char *, ...);
int	call_tuple(struct alcove *, const pid_t *, size_t, int, int, size_t,
	    struct alcove_term **, const char *, ...);
int	ok_int(struct alcove *, const pid_t *, size_t, int, int, int64_t *,
	    const char *, ...);
int	bare_int(struct alcove *, const pid_t *, size_t, int, int, int64_t *);
int	call_bool(struct alcove *, const pid_t *, size_t, int, int,
	    const char *, ...);
int	noreply_result(int, struct alcove_term *);
int	copy_binary(const struct alcove_term *, char *, size_t);
int	strv(const struct alcove_term *, char ***);

/* typed_mount.c: the reply of mount, freed (alcove_mount(3)). */
int	mount_reply(struct alcove_term *, char *, size_t);

/*
 * constarg.c: a string of constant names or a number as the term the
 * port takes (CONSTARG_ONE: an atom or an integer, for a Const argument;
 * CONSTARG_LIST: a list of them or an integer, for Flags), written to buf
 * for vcall's "r" format.  The buffer of CONSTARG_SIZE bytes holds any
 * string the port could accept.
 */
#define CONSTARG_ONE	0
#define CONSTARG_LIST	1
#define CONSTARG_SIZE	4096

struct constarg {
	unsigned char	buf[CONSTARG_SIZE];
	size_t		len;
};

int	constarg(struct constarg *, const char *, int);

#endif
