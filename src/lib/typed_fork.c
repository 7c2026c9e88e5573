/*
 * Typed calls of alcove_fork(3): creating, replacing, signalling and
 * waiting for processes, and their ids.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <stdlib.h>

#include "proto/calls.h"
#include "lib/typed.h"

int
alcove_fork_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, pid_t *pid)
{
	int64_t v;
	int err;

	if (pid == NULL)
		return ALCOVE_EINVAL;
	if ((err = ok_int(h, path, npath, timeout, CALL_fork, &v, "")) == 0)
		*pid = (pid_t)v;
	return err;
}

int
alcove_execvp_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *file, char *const argv[])
{
	struct alcove_term *t;
	int err;

	if (file == NULL)
		return ALCOVE_EINVAL;
	err = alcove_call(h, path, npath, CALL_execvp, timeout, &t,
	    "sA", file, argv);
	return noreply_result(err, t);
}

int
alcove_execve_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *file, char *const argv[], char *const envp[])
{
	struct alcove_term *t;
	int err;

	if (file == NULL)
		return ALCOVE_EINVAL;
	err = alcove_call(h, path, npath, CALL_execve, timeout, &t,
	    "sAA", file, argv, envp);
	return noreply_result(err, t);
}

int
alcove_exit_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int status)
{
	struct alcove_term *t;
	int err;

	err = alcove_call(h, path, npath, CALL_exit, timeout, &t, "i",
	    status);
	return noreply_result(err, t);
}

int
alcove_kill_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, pid_t pid,
    int sig)
{
	return call_ok(h, path, npath, timeout, CALL_kill, "ii", (int)pid, sig);
}

int
alcove_waitpid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, pid_t pid,
    int options, pid_t *got, int *status)
{
	struct alcove_term *t;
	int64_t p, s;
	int err;

	if (got == NULL || status == NULL)
		return ALCOVE_EINVAL;
	if ((err = call_tuple(h, path, npath, timeout, CALL_waitpid, 4, &t,
	    "ii", (int)pid, options)) != 0)
		return err;
	if (alcove_term_int(&t->e[1], &p) == -1 ||
	    alcove_term_int(&t->e[2], &s) == -1)
		err = ALCOVE_EPROTO;
	else {
		*got = (pid_t)p;
		*status = (int)s;
	}
	alcove_term_free(t);
	return err;
}

int
alcove_getpid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, pid_t *pid)
{
	int64_t v;
	int err;

	if (pid == NULL)
		return ALCOVE_EINVAL;
	if ((err = bare_int(h, path, npath, timeout, CALL_getpid, &v)) == 0)
		*pid = (pid_t)v;
	return err;
}

int
alcove_getpgrp_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, pid_t *pg)
{
	int64_t v;
	int err;

	if (pg == NULL)
		return ALCOVE_EINVAL;
	if ((err = bare_int(h, path, npath, timeout, CALL_getpgrp, &v)) == 0)
		*pg = (pid_t)v;
	return err;
}

int
alcove_getsid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, pid_t pid,
    pid_t *sid)
{
	int64_t v;
	int err;

	if (sid == NULL)
		return ALCOVE_EINVAL;
	if ((err = ok_int(h, path, npath, timeout, CALL_getsid, &v, "i",
	    (int)pid)) == 0)
		*sid = (pid_t)v;
	return err;
}

int
alcove_setsid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, pid_t *sid)
{
	int64_t v;
	int err;

	if (sid == NULL)
		return ALCOVE_EINVAL;
	if ((err = ok_int(h, path, npath, timeout, CALL_setsid, &v, "")) == 0)
		*sid = (pid_t)v;
	return err;
}

int
alcove_setpgid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, pid_t pid,
    pid_t pgid)
{
	return call_ok(h, path, npath, timeout, CALL_setpgid, "ii", (int)pid,
	    (int)pgid);
}

int
alcove_cpid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, struct alcove_pid **list, size_t *count)
{
	struct alcove_term *t;
	struct alcove_pid *p;
	int64_t v[7];
	size_t i, k;
	int err;

	if (list == NULL || count == NULL)
		return ALCOVE_EINVAL;
	*list = NULL;
	*count = 0;
	if ((err = alcove_call(h, path, npath, CALL_cpid, timeout, &t,
	    "")) != 0)
		return err;
	if (t->type != ALCOVE_TERM_LIST) {
		alcove_term_free(t);
		return ALCOVE_EPROTO;
	}
	if ((p = calloc(t->n > 0 ? t->n : 1, sizeof(*p))) == NULL) {
		alcove_term_free(t);
		return ENOMEM;
	}
	for (i = 0; i < t->n; i++) {
		const struct alcove_term *e = &t->e[i];

		if (e->type != ALCOVE_TERM_TUPLE || e->n != 8 ||
		    !alcove_term_atom(&e->e[0], "alcove_pid"))
			err = ALCOVE_EPROTO;
		for (k = 0; err == 0 && k < 7; k++)
			if (alcove_term_int(&e->e[k + 1], &v[k]) == -1)
				err = ALCOVE_EPROTO;
		if (err != 0)
			break;
		p[i].pid = (pid_t)v[0];
		p[i].flowcontrol = (int)v[1];
		p[i].signaloneof = (int)v[2];
		p[i].fdctl = (int)v[3];
		p[i].fdin = (int)v[4];
		p[i].fdout = (int)v[5];
		p[i].fderr = (int)v[6];
	}
	if (err == 0) {
		*list = p;
		*count = t->n;
	} else
		free(p);
	alcove_term_free(t);
	return err;
}

static const char *const disposition[] = {
	[ALCOVE_SIG_DFL] = "sig_dfl",
	[ALCOVE_SIG_IGN] = "sig_ign",
	[ALCOVE_SIG_INFO] = "sig_info",
};

int
alcove_sigaction_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int sig,
    int handler, int *old)
{
	struct alcove_term *t;
	int err, i;

	if (handler < ALCOVE_SIG_DFL || handler > ALCOVE_SIG_QUERY)
		return ALCOVE_EINVAL;
	if (handler == ALCOVE_SIG_QUERY)
		err = call_tuple(h, path, npath, timeout, CALL_sigaction, 2, &t,
		    "in", sig);
	else
		err = call_tuple(h, path, npath, timeout, CALL_sigaction, 2, &t,
		    "ia", sig, disposition[handler]);
	if (err != 0)
		return err;
	err = ALCOVE_EPROTO;
	for (i = ALCOVE_SIG_DFL; i <= ALCOVE_SIG_INFO; i++) {
		if (alcove_term_atom(&t->e[1], disposition[i])) {
			if (old != NULL)
				*old = i;
			err = 0;
		}
	}
	alcove_term_free(t);
	return err;
}
