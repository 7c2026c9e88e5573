/*
 * The call table as data, for the port's dispatch and the library.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <string.h>

#include "proto/calls.h"

static const struct call_info table[CALL_COUNT] = {
#define ALCOVE_CALL(num, name, arity, page, reply, systems, args, result, \
    cargs) \
	[num] = { #name, arity, reply, systems, args, result },
#include "proto/calls.def"
#undef ALCOVE_CALL
};

const struct call_info *
call_info(unsigned int n)
{
	return n < CALL_COUNT ? &table[n] : NULL;
}

int
call_number(const char *name)
{
	int i;

	for (i = 0; i < CALL_COUNT; i++)
		if (strcmp(table[i].name, name) == 0)
			return i;
	return -1;
}
