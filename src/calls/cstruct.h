/*
 * C structures described by the client (alcove-protocol(5), CStructs):
 * inline binaries and pointer fields, laid out in one buffer that a system
 * call can be given, and read back after it.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_CSTRUCT_H
#define ALCOVE_CSTRUCT_H

#include <stddef.h>

#define CSTRUCT_ELEMENTS_MAX	1023
#define CSTRUCT_BYTES_MAX	65535	/* binaries plus pointed-to sizes */

struct cstruct_field {
	int		 ptr;	/* a pointer field (else an inline binary) */
	size_t		 off;	/* where it starts in the inline buffer */
	size_t		 len;	/* inline bytes, or the pointed-to size */
	unsigned char	*mem;	/* the pointed-to memory; NULL for 0 bytes */
};

struct cstruct {
	unsigned char		*buf;	/* the inline bytes */
	size_t			 len;
	struct cstruct_field	*field;
	size_t			 n;
};

/*
 * A system call writes as much as its request says, whatever size the
 * client described: PR_GET_NAME writes 16 bytes, PTRACE_GETREGS a whole
 * register set.  Every buffer the port hands to the kernel is followed by
 * this much zeroed slack, so a description that is too small loses bytes
 * instead of corrupting the port's heap.
 */
#define CSTRUCT_SLACK		CSTRUCT_BYTES_MAX

/*
 * The memory of the pointer field at this inline offset, and its size;
 * -1 if no pointer field starts there.  Lets a backend read what a
 * structure points to without trusting an address the client wrote.
 */
int	cstruct_ptr_at(const struct cstruct *, size_t, unsigned char **,
	    size_t *);
void	cstruct_free(struct cstruct *);

#endif
