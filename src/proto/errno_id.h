/*
 * The posix atoms that name errno values on the wire
 * (alcove-protocol(5), Errno atoms), as Erlang/OTP's erl_errno_id() spells
 * them.
 *
 * Not called errno.h: with src/proto on the include path that name would
 * hide the system's <errno.h> from every file.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_ERRNO_ID_H
#define ALCOVE_ERRNO_ID_H

#include <stddef.h>

/*
 * The atom for an errno value, or NULL when it has none (the caller then
 * sends "unknown").
 */
const char	*errno_name(int);

/*
 * This system's errno value for a posix atom of len bytes (an exact,
 * lowercase match), or -1 if this system has no such errno.  Lets the client
 * library map the atoms a remote port sends to local numbers.
 */
int	errno_value(const char *, size_t);

#endif
