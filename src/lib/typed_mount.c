/*
 * Typed calls of alcove_mount(3): mount, umount, umount2 and pivot_root,
 * and the option string a Solaris or illumos port writes back.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <string.h>

#include "proto/calls.h"
#include "lib/typed.h"

/* The most Data or Options bytes a mount request carries (IoList(65535)). */
#define MOUNT_ARG_MAX	65535

/* A path the port needs: a C string of at least one byte. */
static int
is_path(const char *s)
{
	return s != NULL && *s != '\0';
}

/*
 * The reply of mount, freed: ok, or {ok, Options} from a system that
 * writes its mount options back.  optbuf (optsize bytes, or NULL and 0
 * when the caller does not want them) gets the options as a C string, ""
 * for ok; options that do not fit are cut to optsize - 1 bytes and the
 * answer is ERANGE, although the file system was mounted.
 */
int
mount_reply(struct alcove_term *t, char *optbuf, size_t optsize)
{
	const struct alcove_term *o;
	size_t n;
	int err;

	if (t == NULL)
		return ALCOVE_EPROTO;
	if (optsize == 0)
		optbuf = NULL;
	if (alcove_term_atom(t, "ok")) {
		if (optbuf != NULL)
			optbuf[0] = '\0';
		alcove_term_free(t);
		return 0;
	}
	if ((err = alcove_reply_error(t)) == 0 &&
	    (t->type != ALCOVE_TERM_TUPLE || t->n != 2 ||
	    t->e[1].type != ALCOVE_TERM_BINARY))
		err = ALCOVE_EPROTO;
	if (err != 0) {
		alcove_term_free(t);
		return err;
	}
	o = &t->e[1];
	err = 0;
	if (optbuf != NULL) {
		n = o->len;
		if (n >= optsize) {
			n = optsize - 1;
			err = ERANGE;
		}
		if (n > 0)
			memcpy(optbuf, o->data, n);
		optbuf[n] = '\0';
	}
	alcove_term_free(t);
	return err;
}

int
alcove_mount_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *source, const char *target, const char *fstype,
    const char *flags, const void *data, size_t datalen,
    const char *options, char *optbuf, size_t optsize)
{
	struct alcove_term *t;
	struct constarg c;
	size_t optlen;
	int err;

	if (!is_path(target) || (data == NULL && datalen > 0) ||
	    datalen > MOUNT_ARG_MAX || (optbuf == NULL) != (optsize == 0))
		return ALCOVE_EINVAL;
	/*
	 * Options go with their terminating NUL, the way Solaris mount(2)
	 * takes its option string (alcove-protocol(5), File systems).
	 */
	optlen = options != NULL && *options != '\0' ? strlen(options) + 1 :
	    0;
	if (optlen > MOUNT_ARG_MAX)
		return ALCOVE_EINVAL;
	if ((err = constarg(&c, flags, CONSTARG_LIST)) != 0)
		return err;
	if ((err = alcove_call(h, path, npath, CALL_mount, timeout, &t,
	    "sssrbb", source != NULL ? source : "", target,
	    fstype != NULL ? fstype : "", c.buf, c.len,
	    datalen > 0 ? data : "", datalen, optlen > 0 ? options : "",
	    optlen)) != 0)
		return err;
	return mount_reply(t, optbuf, optsize);
}

int
alcove_umount_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *dir)
{
	if (!is_path(dir))
		return ALCOVE_EINVAL;
	return call_ok(h, path, npath, timeout, CALL_umount, "s", dir);
}

int
alcove_umount2_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *dir, const char *flags)
{
	struct constarg c;
	int err;

	if (!is_path(dir))
		return ALCOVE_EINVAL;
	if ((err = constarg(&c, flags, CONSTARG_LIST)) != 0)
		return err;
	return call_ok(h, path, npath, timeout, CALL_umount2, "sr", dir, c.buf,
	    c.len);
}

int
alcove_pivot_root_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *new_root, const char *put_old)
{
	if (!is_path(new_root) || !is_path(put_old))
		return ALCOVE_EINVAL;
	return call_ok(h, path, npath, timeout, CALL_pivot_root, "ss",
	    new_root, put_old);
}
