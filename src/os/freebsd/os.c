/*
 * The FreeBSD backend: its table of operations, and the process title
 * with setproctitle(3).  The operations live in one file per subject:
 * mount.c, jail.c (with jail_params.c), capsicum.c, procctl.c.
 * xcheck-os: freebsd
 */
#include <sys/types.h>

#include <stdlib.h>
#include <unistd.h>

#include "os/freebsd/freebsd.h"

/* An empty title: NULL makes setproctitle(3) show the program name. */
static void
bsd_setproctitle(const char *title)
{
	if (*title == '\0')
		setproctitle(NULL);
	else
		setproctitle("%s", title);
}

const struct os_ops os_ops = {
	.setproctitle = bsd_setproctitle,
	.mount = freebsd_mount,
	.umount = freebsd_umount,
	.umount2 = freebsd_umount2,
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
