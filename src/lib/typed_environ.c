/*
 * Typed calls of alcove_environ(3): environment variables, the host name
 * and the process title.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "proto/calls.h"
#include "lib/typed.h"

int
alcove_environ_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, char ***envp)
{
	struct alcove_term *t;
	int err;

	if (envp == NULL)
		return ALCOVE_EINVAL;
	*envp = NULL;
	if ((err = alcove_call(h, path, npath, CALL_environ, timeout,
	    &t, "")) != 0)
		return err;
	if ((err = alcove_reply_error(t)) == 0 || t->type == ALCOVE_TERM_LIST)
		err = strv(t, envp);
	alcove_term_free(t);
	return err;
}

int
alcove_getenv_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *name, char **value)
{
	struct alcove_term *t;
	int err;

	if (name == NULL || value == NULL)
		return ALCOVE_EINVAL;
	*value = NULL;
	if ((err = alcove_call(h, path, npath, CALL_getenv, timeout, &t,
	    "s", name)) != 0)
		return err;
	if (alcove_term_atom(t, "false"))
		err = 0;
	else if (t->type != ALCOVE_TERM_BINARY)
		err = ALCOVE_EPROTO;
	else if ((*value = malloc(t->len + 1)) == NULL)
		err = ENOMEM;
	else {
		memcpy(*value, t->data, t->len);
		(*value)[t->len] = '\0';
	}
	alcove_term_free(t);
	return err;
}

int
alcove_setenv_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *name, const char *value, int overwrite)
{
	if (name == NULL || value == NULL)
		return ALCOVE_EINVAL;
	return call_ok(h, path, npath, timeout, CALL_setenv, "ssi", name, value,
	    overwrite);
}

int
alcove_unsetenv_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *name)
{
	if (name == NULL)
		return ALCOVE_EINVAL;
	return call_ok(h, path, npath, timeout, CALL_unsetenv, "s", name);
}

int
alcove_clearenv_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout)
{
	return call_ok(h, path, npath, timeout, CALL_clearenv, "");
}

int
alcove_gethostname_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, char *buf, size_t size)
{
	struct alcove_term *t;
	int err;

	if (buf == NULL && size > 0)
		return ALCOVE_EINVAL;
	if ((err = call_tuple(h, path, npath, timeout, CALL_gethostname, 2, &t,
	    "")) != 0)
		return err;
	err = copy_binary(&t->e[1], buf, size);
	alcove_term_free(t);
	return err;
}

int
alcove_setproctitle_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *title)
{
	if (title == NULL)
		return ALCOVE_EINVAL;
	return call_ok(h, path, npath, timeout, CALL_setproctitle, "s", title);
}
