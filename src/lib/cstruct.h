/*
 * C structures and mixed arguments of the typed calls (struct
 * alcove_cfield, struct alcove_arg) as the port's terms, and their
 * read-back replies.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_LIB_CSTRUCT_H
#define ALCOVE_LIB_CSTRUCT_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

#include "alcove.h"

/* What a CStruct and a Bin(65535) may hold (alcove-protocol(5), CStructs). */
#define CFIELD_MAX		1023
#define CFIELD_BYTES_MAX	65535

/* An encoded argument term, for vcall's "r" format; free with cterm_free. */
struct cterm {
	unsigned char	*buf;
	size_t		 len;
};

void	cterm_free(struct cterm *);

/* A list of fields as a CStruct term: 0, ALCOVE_EINVAL or ENOMEM. */
int	cfield_encode(const struct alcove_cfield *, size_t, struct cterm *);
/* An argument as its term; NULL is the integer 0. */
int	carg_encode(const struct alcove_arg *, struct cterm *);

/*
 * The read-back list of a CStruct into the fields' out buffers:
 * 0, or ALCOVE_EPROTO (nothing copied) when it does not match them.
 */
int	cfield_read(const struct alcove_term *, struct alcove_cfield *,
	    size_t);

/*
 * What a call gives back for an argument.  An integer argument is echoed
 * as its value (CARG_ECHO_INT: prctl) or as <<>> (CARG_ECHO_EMPTY: ioctl,
 * ptrace).  With CARG_CHECK nothing is stored, so that a caller can check
 * every argument of a reply before it stores any.
 */
#define CARG_ECHO_INT	0x01
#define CARG_ECHO_EMPTY	0x02
#define CARG_CHECK	0x04

int	carg_read(const struct alcove_term *, struct alcove_arg *, int);

/* bpf.c: struct sock_fprog of a program, in head and two fields. */
void	bpf_fprog(const struct alcove_bpf *, unsigned char [sizeof(void *)],
	    struct alcove_cfield [2]);

/*
 * typed_jail.c: struct jail, version 2, laid out as alcove-protocol(5)
 * describes it under RECORDS.
 */
#define JAIL_FIELDS	8

struct jail_layout {
	unsigned char		version[4];
	unsigned char		counts[8];
	struct alcove_cfield	field[JAIL_FIELDS];
};

int	jail_layout(const struct alcove_jail *, struct jail_layout *);

#endif
