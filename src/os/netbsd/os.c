/*
 * The NetBSD backend: its table of operations, and the process title with
 * setproctitle(3).
 * xcheck-os: netbsd
 */
#include <stdlib.h>

#include "os/netbsd/netbsd.h"

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
	.mount = netbsd_mount,
	.umount = netbsd_umount,
	.umount2 = netbsd_umount2,
};

const char os_name[] = "netbsd";

void
os_init(int argc, char *argv[])
{
	(void)argc;
	(void)argv;
}
