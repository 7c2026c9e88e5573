/*
 * Call numbers, names and arities, derived from calls.def.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_CALLS_H
#define ALCOVE_CALLS_H

enum {
#define ALCOVE_CALL(num, name, arity, ...)	CALL_##name = num,
#include "proto/calls.def"
#undef ALCOVE_CALL
	CALL_COUNT
};

/* Does a call answer when it succeeds (calls.def's reply column)? */
#define REPLY	1
#define NOREPLY	0

struct call_info {
	const char	*name;
	int		 arity;
	int		 reply;
	const char	*systems;	/* "all", or backends by name */
	const char	*args;		/* the wire arguments */
	const char	*result;	/* the reply terms */
};

/* The name and arity of a call number, or NULL past the table. */
const struct call_info *call_info(unsigned int);
/* The number of a call by name, or -1. */
int	call_number(const char *);

#endif
