/*
 * The Linux backend: its table of operations, and the process title by
 * rewriting the argument area.
 * xcheck-os: linux
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <stdlib.h>
#include <string.h>

#include "os/linux/linux.h"

extern char **environ;

static char	*title_area;	/* argv[0] onwards */
static size_t	 title_size;	/* the contiguous argv and environ strings */
static char	 progname[64];
/*
 * The copy of environ, reachable from here too: leak checkers do not look
 * through libc's environ, and volatile keeps the compiler from dropping a
 * pointer that is only stored.
 */
static char	**volatile saved_env;

/* A copy of environ's strings, or NULL with nothing left allocated. */
static char **
env_copy(size_t n)
{
	char **env;
	size_t i;

	if ((env = calloc(n + 1, sizeof(*env))) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		if ((env[i] = strdup(environ[i])) == NULL) {
			while (i > 0)
				free(env[--i]);
			free(env);
			return NULL;
		}
	}
	return env;
}

/*
 * The strings of argv and then environ usually lie back to back; all of
 * that space can hold a title once environ is copied elsewhere.  Without
 * memory for the copy, environ stays where it is and the title has only
 * the argv strings: shorter, but setproctitle still sets it.
 */
static void
title_init(int argc, char *argv[])
{
	char *end, *argv_end, **newenv;
	size_t i;
	int k;

	if (argc == 0 || argv[0] == NULL)
		return;
	end = argv[0];
	for (k = 0; k < argc && argv[k] != NULL; k++)
		if (argv[k] == end)
			end += strlen(argv[k]) + 1;
	argv_end = end;
	for (i = 0; environ != NULL && environ[i] != NULL; i++)
		if (environ[i] == end)
			end += strlen(environ[i]) + 1;
	if (end > argv_end) {
		if ((newenv = env_copy(i)) != NULL)
			environ = saved_env = newenv;
		else
			end = argv_end;
	}
	title_area = argv[0];
	title_size = (size_t)(end - argv[0]);
	(void)strncpy(progname, argv[0], sizeof(progname) - 1);
}

static void
linux_setproctitle(const char *title)
{
	size_t n;

	if (title_area == NULL || title_size == 0)
		return;
	if (*title == '\0')
		title = progname;
	n = strlen(title);
	if (n > title_size - 1)
		n = title_size - 1;
	memcpy(title_area, title, n);
	memset(title_area + n, '\0', title_size - n);
}

const struct os_ops os_ops = {
	.setproctitle = linux_setproctitle,
	.mount = linux_mount,
	.umount = linux_umount,
	.umount2 = linux_umount2,
	.clone = linux_clone,
	.unshare = linux_unshare,
	.setns = linux_setns,
	.pivot_root = linux_pivot_root,
	.prctl = linux_prctl,
	.seccomp = linux_seccomp,
	.ptrace = linux_ptrace,
};

const char os_name[] = "linux";

void
os_init(int argc, char *argv[])
{
	title_init(argc, argv);
}
