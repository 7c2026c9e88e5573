/*
 * The freebsd backend: the process title with setproctitle(3).
 * xcheck-os: freebsd
 */
#include <sys/types.h>

#include <stdlib.h>
#include <unistd.h>

#include "os.h"

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
};

const char os_name[] = "freebsd";

void
os_init(int argc, char *argv[])
{
	(void)argc;
	(void)argv;
}

void
os_after_fork(void)
{
}
