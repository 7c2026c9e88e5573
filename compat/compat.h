/*
 * Declarations of the libc functions alcove uses that some systems lack;
 * mk/configure.sh defines HAVE_<NAME> for each one the system has and
 * builds compat/<name>.c for the others.
 *
 * A replacement is named compat_<name> and the usual name is a macro for
 * it, so it never clashes with a system declaration whose type differs
 * (closefrom is void on some systems, int on others) and never interposes
 * on the C library's own symbol.  Include this after the system headers.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_COMPAT_H
#define ALCOVE_COMPAT_H

#include <stddef.h>

#ifndef HAVE_STRLCPY
#define strlcpy compat_strlcpy
size_t	strlcpy(char *, const char *, size_t);
#endif
#ifndef HAVE_STRTONUM
#define strtonum compat_strtonum
long long strtonum(const char *, long long, long long, const char **);
#endif
#ifndef HAVE_REALLOCARRAY
#define reallocarray compat_reallocarray
void	*reallocarray(void *, size_t, size_t);
#endif
#ifndef HAVE_CLOSEFROM
#define closefrom compat_closefrom
void	closefrom(int);
#endif
#ifndef HAVE_PIPE2
#define pipe2 compat_pipe2
int	pipe2(int [2], int);
#endif
#ifndef HAVE_CLEARENV
#define clearenv compat_clearenv
int	clearenv(void);
#endif

#endif
