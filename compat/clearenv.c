/*
 * clearenv(3) for systems without it: point environ at an empty list.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <stddef.h>

#include "compat.h"

extern char **environ;

int
clearenv(void)
{
	static char *empty[1] = { NULL };

	environ = empty;
	return 0;
}
