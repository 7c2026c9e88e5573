/*
 * Reading the reply terms of typed calls: the shapes most calls answer
 * with (ok, {ok, Int}, {ok, ...}, a bare integer, true | false) and the
 * conversions of binaries and lists to C strings.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lib/lib.h"
#include "lib/typed.h"

/* The reply ok | {error, Posix}, freed: 0, the error, or ALCOVE_EPROTO. */
int
ok_reply(struct alcove_term *t)
{
	int err;

	if (alcove_term_atom(t, "ok"))
		err = 0;
	else if ((err = alcove_reply_error(t)) == 0)
		err = ALCOVE_EPROTO;
	alcove_term_free(t);
	return err;
}

/* A call answered ok | {error, Posix}. */
int
call_ok(struct alcove *h, const pid_t *path, size_t npath, int timeout,
    int call, const char *fmt, ...)
{
	struct alcove_term *t;
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = vcall(h, path, npath, call, timeout, &t, fmt, ap);
	va_end(ap);
	return err != 0 ? err : ok_reply(t);
}

/*
 * A call answered {ok, ...} | {error, Posix}: the term is kept for the
 * caller to read (and free) when the answer is ok, with n elements.
 */
int
call_tuple(struct alcove *h, const pid_t *path, size_t npath, int timeout,
    int call, size_t n, struct alcove_term **tp, const char *fmt, ...)
{
	struct alcove_term *t;
	va_list ap;
	int err;

	*tp = NULL;
	va_start(ap, fmt);
	err = vcall(h, path, npath, call, timeout, &t, fmt, ap);
	va_end(ap);
	if (err != 0)
		return err;
	if ((err = alcove_reply_error(t)) == 0 &&
	    (t->type != ALCOVE_TERM_TUPLE || t->n != n))
		err = ALCOVE_EPROTO;
	if (err != 0) {
		alcove_term_free(t);
		return err;
	}
	*tp = t;
	return 0;
}

/* The integer answer of {ok, Int}. */
int
ok_int(struct alcove *h, const pid_t *path, size_t npath, int timeout,
    int call, int64_t *v, const char *fmt, ...)
{
	struct alcove_term *t;
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = vcall(h, path, npath, call, timeout, &t, fmt, ap);
	va_end(ap);
	if (err != 0)
		return err;
	if ((err = alcove_reply_error(t)) == 0 &&
	    (t->type != ALCOVE_TERM_TUPLE || t->n != 2 ||
	    alcove_term_int(&t->e[1], v) == -1))
		err = ALCOVE_EPROTO;
	alcove_term_free(t);
	return err;
}

/* A bare integer answer (getpid, getuid, ...). */
int
bare_int(struct alcove *h, const pid_t *path, size_t npath, int timeout,
    int call, int64_t *v)
{
	struct alcove_term *t;
	int err;

	if ((err = alcove_call(h, path, npath, call, timeout, &t, "")) !=
	    0)
		return err;
	if (alcove_term_int(t, v) == -1)
		err = ALCOVE_EPROTO;
	alcove_term_free(t);
	return err;
}

/* A binary as a NUL-terminated string in buf. */
int
copy_binary(const struct alcove_term *t, char *buf, size_t size)
{
	if (t->type != ALCOVE_TERM_BINARY)
		return ALCOVE_EPROTO;
	if (t->len >= size)
		return ERANGE;
	memcpy(buf, t->data, t->len);
	buf[t->len] = '\0';
	return 0;
}

/* A list of binaries as a NULL-terminated vector of strings. */
int
strv(const struct alcove_term *t, char ***out)
{
	char **v;
	size_t i;

	if (t->type != ALCOVE_TERM_LIST)
		return ALCOVE_EPROTO;
	if ((v = calloc(t->n + 1, sizeof(*v))) == NULL)
		return ENOMEM;
	for (i = 0; i < t->n; i++) {
		if (t->e[i].type != ALCOVE_TERM_BINARY ||
		    (v[i] = malloc(t->e[i].len + 1)) == NULL) {
			alcove_strv_free(v);
			return t->e[i].type != ALCOVE_TERM_BINARY ?
			    ALCOVE_EPROTO : ENOMEM;
		}
		memcpy(v[i], t->e[i].data, t->e[i].len);
		v[i][t->e[i].len] = '\0';
	}
	*out = v;
	return 0;
}

void
alcove_strv_free(char **v)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

/*
 * A call that answers nothing when it succeeds (execve, execvp, fexecve,
 * exit: the process runs a new program or is gone), freed: 0, or the
 * error it answered instead.
 */
int
noreply_result(int err, struct alcove_term *t)
{
	if (err == 0 && t != NULL)
		err = alcove_reply_error(t);
	alcove_term_free(t);
	return err;
}

/* A call answered true | false (setopt, setcpid): false is ALCOVE_EUNKNOWN. */
int
call_bool(struct alcove *h, const pid_t *path, size_t npath, int timeout,
    int call, const char *fmt, ...)
{
	struct alcove_term *t;
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = vcall(h, path, npath, call, timeout, &t, fmt, ap);
	va_end(ap);
	if (err != 0)
		return err;
	if (alcove_term_atom(t, "true"))
		err = 0;
	else if (alcove_term_atom(t, "false"))
		err = ALCOVE_EUNKNOWN;
	else
		err = ALCOVE_EPROTO;
	alcove_term_free(t);
	return err;
}

