/*
 * The OpenBSD backend: its table of operations, and the process title with
 * setproctitle(3).
 * xcheck-os: openbsd
 */
#include <stdlib.h>

#include "os/openbsd/openbsd.h"

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
	.mount = openbsd_mount,
	.umount = openbsd_umount,
	.umount2 = openbsd_umount2,
	.pledge = openbsd_pledge,
	.unveil = openbsd_unveil,
};

const char os_name[] = "openbsd";

void
os_init(int argc, char *argv[])
{
	(void)argc;
	(void)argv;
}
