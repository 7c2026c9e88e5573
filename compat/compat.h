/*
 * Declarations of the libc functions alcove uses that some systems lack;
 * mk/configure.sh defines HAVE_<NAME> for each one the system has and
 * builds compat/<name>.c for the others.
 */
#ifndef ALCOVE_COMPAT_H
#define ALCOVE_COMPAT_H

#include <stddef.h>

#ifndef HAVE_STRLCPY
size_t	strlcpy(char *, const char *, size_t);
#endif
#ifndef HAVE_STRTONUM
long long strtonum(const char *, long long, long long, const char **);
#endif
#ifndef HAVE_REALLOCARRAY
void	*reallocarray(void *, size_t, size_t);
#endif
#ifndef HAVE_CLOSEFROM
void	closefrom(int);
#endif
#ifndef HAVE_PIPE2
int	pipe2(int [2], int);
#endif
#ifndef HAVE_CLEARENV
int	clearenv(void);
#endif

#endif
