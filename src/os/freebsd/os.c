/*
 * The FreeBSD backend: its table of operations.  They live in one file per
 * subject: mount.c, jail.c (with jail_params.c), capsicum.c, procctl.c, and
 * what the BSDs share in src/os/bsd/ (the process title, unmount).
 * xcheck-os: freebsd
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include "os/freebsd/freebsd.h"

const struct os_ops os_ops = {
	.setproctitle = bsd_setproctitle,
	.mount = freebsd_mount,
	.umount = bsd_umount,
	.umount2 = bsd_umount2,
	.jail = freebsd_jail,
	.jail_attach = freebsd_jail_attach,
	.jail_remove = freebsd_jail_remove,
	.cap_enter = freebsd_cap_enter,
	.cap_getmode = freebsd_cap_getmode,
	.cap_rights_limit = freebsd_cap_rights_limit,
	.cap_fcntls_limit = freebsd_cap_fcntls_limit,
	.cap_fcntls_get = freebsd_cap_fcntls_get,
	.cap_ioctls_limit = freebsd_cap_ioctls_limit,
	.procctl = freebsd_procctl,
};

const char os_name[] = "freebsd";

void
os_init(int argc, char *argv[])
{
	(void)argc;
	(void)argv;
}
