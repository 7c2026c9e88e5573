/*
 * strtonum(3) for systems without it: a decimal number within bounds, or 0
 * with *errstr set to "invalid", "too small" or "too large".
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#include "compat.h"

long long
strtonum(const char *s, long long min, long long max, const char **errstr)
{
	long long n = 0;
	char *end;

	*errstr = NULL;
	if (min > max) {
		*errstr = "invalid";
		errno = EINVAL;
		return 0;
	}
	errno = 0;
	n = strtoll(s, &end, 10);
	if (end == s || *end != '\0') {
		*errstr = "invalid";
		errno = EINVAL;
		return 0;
	}
	if ((n == LLONG_MIN && errno == ERANGE) || n < min) {
		*errstr = "too small";
		errno = ERANGE;
		return 0;
	}
	if ((n == LLONG_MAX && errno == ERANGE) || n > max) {
		*errstr = "too large";
		errno = ERANGE;
		return 0;
	}
	return n;
}
