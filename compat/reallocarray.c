/*
 * reallocarray(3) for systems without it: realloc(p, n * size) that fails
 * with ENOMEM instead of overflowing.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "compat.h"

void *
reallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(p, n * size);
}
