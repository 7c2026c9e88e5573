/*
 * Typed calls of alcove_chdir(3): the working and root directories and
 * the file system.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>


#include "proto/calls.h"
#include "lib/typed.h"

int
alcove_chdir_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *dir)
{
	if (dir == NULL)
		return ALCOVE_EINVAL;
	return call_ok(h, path, npath, timeout, CALL_chdir, "s", dir);
}

int
alcove_chroot_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *dir)
{
	if (dir == NULL)
		return ALCOVE_EINVAL;
	return call_ok(h, path, npath, timeout, CALL_chroot, "s", dir);
}

int
alcove_getcwd_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, char *buf,
    size_t size)
{
	struct alcove_term *t;
	int err;

	if (buf == NULL && size > 0)
		return ALCOVE_EINVAL;
	if ((err = call_tuple(h, path, npath, timeout, CALL_getcwd, 2, &t,
	    "")) != 0)
		return err;
	err = copy_binary(&t->e[1], buf, size);
	alcove_term_free(t);
	return err;
}

int
alcove_mkdir_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *dir, mode_t mode)
{
	if (dir == NULL)
		return ALCOVE_EINVAL;
	return call_ok(h, path, npath, timeout, CALL_mkdir, "su", dir,
	    (unsigned long long)mode);
}

int
alcove_rmdir_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *dir)
{
	if (dir == NULL)
		return ALCOVE_EINVAL;
	return call_ok(h, path, npath, timeout, CALL_rmdir, "s", dir);
}

int
alcove_unlink_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *file)
{
	if (file == NULL)
		return ALCOVE_EINVAL;
	return call_ok(h, path, npath, timeout, CALL_unlink, "s", file);
}

int
alcove_symlink_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *target, const char *linkpath)
{
	if (target == NULL || linkpath == NULL)
		return ALCOVE_EINVAL;
	return call_ok(h, path, npath, timeout, CALL_symlink, "ss", target,
	    linkpath);
}

int
alcove_link_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *oldpath, const char *newpath)
{
	if (oldpath == NULL || newpath == NULL)
		return ALCOVE_EINVAL;
	return call_ok(h, path, npath, timeout, CALL_link, "ss", oldpath,
	    newpath);
}

int
alcove_chmod_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *file, mode_t mode)
{
	if (file == NULL)
		return ALCOVE_EINVAL;
	return call_ok(h, path, npath, timeout, CALL_chmod, "su", file,
	    (unsigned long long)mode);
}

int
alcove_chown_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *file, uid_t uid, gid_t gid)
{
	if (file == NULL)
		return ALCOVE_EINVAL;
	return call_ok(h, path, npath, timeout, CALL_chown, "suu", file,
	    (unsigned long long)uid, (unsigned long long)gid);
}

int
alcove_mkfifo_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *file, mode_t mode)
{
	if (file == NULL)
		return ALCOVE_EINVAL;
	return call_ok(h, path, npath, timeout, CALL_mkfifo, "su", file,
	    (unsigned long long)mode);
}

int
alcove_readdir_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *dir, char ***names)
{
	struct alcove_term *t;
	int err;

	if (dir == NULL || names == NULL)
		return ALCOVE_EINVAL;
	*names = NULL;
	if ((err = call_tuple(h, path, npath, timeout, CALL_readdir, 2, &t, "s",
	    dir)) != 0)
		return err;
	err = strv(&t->e[1], names);
	alcove_term_free(t);
	return err;
}
