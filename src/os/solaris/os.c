/*
 * The Solaris and illumos backend.  There is no way to change the title
 * ps(1) shows (it reads a copy the kernel took at exec), so setproctitle is
 * unsupported here.
 * xcheck-os: illumos
 */
#include <stddef.h>

#include "os.h"

const struct os_ops os_ops = {
	.setproctitle = NULL,
};

const char os_name[] = "solaris";

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
