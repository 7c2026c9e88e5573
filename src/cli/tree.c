/*
 * The process trees of running sh sessions: each session keeps its tree
 * in a file of a directory of the user's own, which alcovectl tree reads.
 *	${TMPDIR:-/tmp}/alcovectl-<uid>/<session pid>
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

/* The directory, made if needed; it must be ours and private. */
static int
tree_dir(char *buf, size_t size, int create)
{
	const char *tmp = getenv("TMPDIR");
	struct stat sb;

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	if (snprintf(buf, size, "%s/alcovectl-%lu", tmp,
	    (unsigned long)getuid()) >= (int)size)
		return ENAMETOOLONG;
	if (create && mkdir(buf, 0700) == -1 && errno != EEXIST)
		return errno;
	if (lstat(buf, &sb) == -1)
		return errno;
	if (!S_ISDIR(sb.st_mode) || sb.st_uid != getuid() ||
	    (sb.st_mode & 077) != 0)
		return EPERM;
	return 0;
}

/* Write the session's tree: the text made by print, replaced whole. */
int
cli_tree_save(void (*print)(void *, FILE *), void *arg)
{
	char dir[512], path[600], tmp[620];
	FILE *f;
	int err, fd;

	if ((err = tree_dir(dir, sizeof(dir), 1)) != 0)
		return err;
	(void)snprintf(path, sizeof(path), "%s/%ld", dir, (long)getpid());
	(void)snprintf(tmp, sizeof(tmp), "%s.new", path);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
	    O_NOFOLLOW, 0600)) == -1)
		return errno;
	if ((f = fdopen(fd, "w")) == NULL) {
		err = errno;
		(void)close(fd);
		return err;
	}
	print(arg, f);
	if (fclose(f) != 0 || rename(tmp, path) == -1) {
		err = errno;
		(void)unlink(tmp);
		return err;
	}
	return 0;
}

void
cli_tree_remove(void)
{
	char dir[512], path[600];

	if (tree_dir(dir, sizeof(dir), 0) != 0)
		return;
	(void)snprintf(path, sizeof(path), "%s/%ld", dir, (long)getpid());
	(void)unlink(path);
}

static int
show(const char *dir, const char *name)
{
	char path[1024], line[1024];
	FILE *f;

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    (int)sizeof(path))
		return ENAMETOOLONG;
	if ((f = fopen(path, "re")) == NULL)
		return errno;
	printf("session %s\n", name);
	while (fgets(line, sizeof(line), f) != NULL)
		printf("  %s", line);
	(void)fclose(f);
	return 0;
}

/* alcovectl tree [session]: the trees of the running sessions. */
int
cmd_tree(int argc, char **argv)
{
	char dir[512], *end;
	struct dirent *de;
	DIR *d;
	long pid;
	int err, found = 0;

	if (argc > 2) {
		fprintf(stderr, "usage: %s tree [session]\n", cli_progname);
		return EXIT_USAGE;
	}
	if (argc == 2) {
		pid = strtol(argv[1], &end, 10);
		if (*end != '\0' || pid <= 0) {
			fprintf(stderr, "%s: tree: %s: not a session's pid\n",
			    cli_progname, argv[1]);
			return EXIT_USAGE;
		}
	}
	if ((err = tree_dir(dir, sizeof(dir), 0)) != 0 ||
	    (d = opendir(dir)) == NULL) {
		if (err == 0)
			err = errno;
		if (err == ENOENT)
			goto none;
		fprintf(stderr, "%s: tree: %s: %s\n", cli_progname, dir,
		    strerror(err));
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		pid = strtol(de->d_name, &end, 10);
		if (*end != '\0' || pid <= 0)
			continue;
		if (argc == 2 && strcmp(de->d_name, argv[1]) != 0)
			continue;
		/* A session that died without cleaning up. */
		if (kill((pid_t)pid, 0) == -1 && errno == ESRCH)
			continue;
		if (show(dir, de->d_name) == 0)
			found = 1;
	}
	(void)closedir(d);
	if (found)
		return 0;
none:
	fprintf(stderr, "%s: tree: no running sh session%s%s\n", cli_progname,
	    argc == 2 ? " " : "", argc == 2 ? argv[1] : "");
	return 1;
}
