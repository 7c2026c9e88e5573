/*
 * Jails: jail with jail_set(2), jail_attach(2), jail_remove(2).
 *
 * jail(2) takes a fixed struct jail; inside the kernel it is only a front
 * end that turns the structure into name/value parameters for jail_set(2).
 * The port does the same translation itself (jail_params.c), so the record
 * keeps working and new parameters can be added without a new structure.
 * JAIL_CREATE | JAIL_ATTACH is what jail(2) asks for: make the jail and
 * put the calling process in it, returning the jid.  One difference:
 * jail(2) also copies the legacy security.jail.*_allowed sysctls into the
 * allow.* parameters of a top-level jail; here the kernel's defaults for
 * jail_set(2) apply.
 * xcheck-os: freebsd
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/param.h>
#include <sys/jail.h>
#include <sys/uio.h>

#include <string.h>

#include "os/freebsd/freebsd.h"

int
freebsd_jail(const struct cstruct *cs)
{
	struct jail_param p[JAIL_PARAMS_MAX];
	struct iovec iov[2 * JAIL_PARAMS_MAX];
	int n, i;

	if ((n = jail_params(cs, p)) == -1)
		return -1;
	/* jail_set(2) only reads the parameters: __DECONST is safe. */
	for (i = 0; i < n; i++) {
		iov[2 * i].iov_base = __DECONST(char *, p[i].name);
		iov[2 * i].iov_len = strlen(p[i].name) + 1;
		iov[2 * i + 1].iov_base = __DECONST(void *, p[i].value);
		iov[2 * i + 1].iov_len = p[i].len;
	}
	return jail_set(iov, (unsigned int)(2 * n), JAIL_CREATE | JAIL_ATTACH);
}

int
freebsd_jail_attach(int jid)
{
	return jail_attach(jid);
}

int
freebsd_jail_remove(int jid)
{
	return jail_remove(jid);
}
