/*
 * The FreeBSD backend's operations, for its table in os.c, and the jail
 * parameter list that jail_params.c builds without any FreeBSD header (so
 * that tests/atf/freebsd_jail_test.c can check it on any system).
 * xcheck-os: freebsd
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_FREEBSD_H
#define ALCOVE_FREEBSD_H

#include <stddef.h>
#include <stdint.h>

#include "os/bsd/bsd.h"
#include "os/os.h"

/* mount.c */
int	freebsd_mount(struct os_mount *);

/* jail.c */
int	freebsd_jail(const struct cstruct *);
int	freebsd_jail_attach(int);
int	freebsd_jail_remove(int);

/* capsicum.c */
int	freebsd_cap_enter(void);
int	freebsd_cap_getmode(unsigned int *);
int	freebsd_cap_rights_limit(int, const uint64_t *, size_t);
int	freebsd_cap_fcntls_limit(int, uint32_t);
int	freebsd_cap_fcntls_get(int, uint32_t *);
int	freebsd_cap_ioctls_limit(int, const unsigned long *, size_t);

/* procctl.c */
int	freebsd_procctl(int, int64_t, int, void *);

/*
 * jail_params.c: one jail_set(2) parameter.  The name and a string value
 * include their terminating NUL in what jail_set(2) is given, as the
 * kernel requires; value points into the CStruct's own memory.
 */
struct jail_param {
	const char	*name;
	const void	*value;
	size_t		 len;	/* a string's length counts its NUL */
};

/* path, host.hostname, name, ip4.addr, ip6.addr. */
#define JAIL_PARAMS_MAX	5

/*
 * The jail CStruct (alcove-protocol(5), RECORDS) as jail_set(2) parameters:
 * returns how many were filled in, or -1 with errno EINVAL.
 */
int	jail_params(const struct cstruct *, struct jail_param *);

#endif
