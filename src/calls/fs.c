/*
 * File system calls: the working and root directories, directories,
 * links, modes, owners, FIFOs, and directory listings.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "calls/call.h"
#include "calls/handlers.h"

static char path1[ARG_PATH_SIZE];
static char path2[ARG_PATH_SIZE];

int
call_chdir(struct etf_dec *a, struct etf_enc *r)
{
	int rv;

	if ((rv = arg_path(a, path1)) != CALL_OK)
		return rv;
	return reply_result(r, chdir(path1));
}

int
call_chroot(struct etf_dec *a, struct etf_enc *r)
{
	int rv;

	if ((rv = arg_path(a, path1)) != CALL_OK)
		return rv;
	return reply_result(r, chroot(path1));
}

int
call_getcwd(struct etf_dec *a, struct etf_enc *r)
{
	char cwd[ARG_PATH_SIZE];

	(void)a;
	/*
	 * A fresh, empty buffer: a getcwd(2) that never wrote (a seccomp
	 * filter trapped it) must not hand back what an earlier call left.
	 */
	cwd[0] = '\0';
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		return reply_errno(r, errno);
	return reply_ok_binary(r, cwd, strnlen(cwd, sizeof(cwd)));
}

/* Path, Mode: mkdir, mkfifo, chmod. */
static int
path_mode(struct etf_dec *a, uint32_t *mode)
{
	int rv;

	if ((rv = arg_path(a, path1)) != CALL_OK)
		return rv;
	return arg_uint32(a, mode);
}

int
call_mkdir(struct etf_dec *a, struct etf_enc *r)
{
	uint32_t mode;
	int rv;

	if ((rv = path_mode(a, &mode)) != CALL_OK)
		return rv;
	return reply_result(r, mkdir(path1, (mode_t)mode));
}

int
call_mkfifo(struct etf_dec *a, struct etf_enc *r)
{
	uint32_t mode;
	int rv;

	if ((rv = path_mode(a, &mode)) != CALL_OK)
		return rv;
	return reply_result(r, mkfifo(path1, (mode_t)mode));
}

int
call_chmod(struct etf_dec *a, struct etf_enc *r)
{
	uint32_t mode;
	int rv;

	if ((rv = path_mode(a, &mode)) != CALL_OK)
		return rv;
	return reply_result(r, chmod(path1, (mode_t)mode));
}

int
call_chown(struct etf_dec *a, struct etf_enc *r)
{
	uint32_t uid, gid;
	int rv;

	if ((rv = arg_path(a, path1)) != CALL_OK ||
	    (rv = arg_uint32(a, &uid)) != CALL_OK ||
	    (rv = arg_uint32(a, &gid)) != CALL_OK)
		return rv;
	return reply_result(r, chown(path1, (uid_t)uid, (gid_t)gid));
}

int
call_rmdir(struct etf_dec *a, struct etf_enc *r)
{
	int rv;

	if ((rv = arg_path(a, path1)) != CALL_OK)
		return rv;
	return reply_result(r, rmdir(path1));
}

int
call_unlink(struct etf_dec *a, struct etf_enc *r)
{
	int rv;

	if ((rv = arg_path(a, path1)) != CALL_OK)
		return rv;
	return reply_result(r, unlink(path1));
}

int
call_symlink(struct etf_dec *a, struct etf_enc *r)
{
	int rv;

	if ((rv = arg_path(a, path1)) != CALL_OK ||
	    (rv = arg_path(a, path2)) != CALL_OK)
		return rv;
	return reply_result(r, symlink(path1, path2));
}

int
call_link(struct etf_dec *a, struct etf_enc *r)
{
	int rv;

	if ((rv = arg_path(a, path1)) != CALL_OK ||
	    (rv = arg_path(a, path2)) != CALL_OK)
		return rv;
	return reply_result(r, link(path1, path2));
}

/* {ok, [Name]} with every entry, "." and ".." included, in directory order. */
int
call_readdir(struct etf_dec *a, struct etf_enc *r)
{
	struct dirent *de;
	DIR *dir;
	int rv;

	if ((rv = arg_path(a, path1)) != CALL_OK)
		return rv;
	if ((dir = opendir(path1)) == NULL)
		return reply_errno(r, errno);
	etf_put_tuple(r, 2);
	etf_put_atom(r, "ok");
	errno = 0;
	while ((de = readdir(dir)) != NULL && !r->overflow) {
		etf_put_list(r, 1);
		etf_put_binary(r, de->d_name, strlen(de->d_name));
	}
	if (de == NULL && errno != 0) {
		int e = errno;

		(void)closedir(dir);
		return reply_errno(r, e);
	}
	(void)closedir(dir);
	etf_put_nil(r);
	return CALL_OK;
}
