/*
 * The jail calls that take a jail by its id: jail_attach and jail_remove.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include "proto/calls.h"
#include "lib/typed.h"

int
alcove_jail_attach_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int jid)
{
	return call_ok(h, path, npath, timeout, CALL_jail_attach, "i", jid);
}

int
alcove_jail_remove_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int jid)
{
	return call_ok(h, path, npath, timeout, CALL_jail_remove, "i", jid);
}
