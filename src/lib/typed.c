/*
 * Typed calls: one C function per call, with C arguments and results.
 * Each encodes its arguments with vcall() and reads the reply term.
 */
#include <sys/types.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto/calls.h"
#include "proto/etf.h"
#include "proto/frame.h"
#include "lib/lib.h"
#include "lib/typed.h"

/* ---- processes ---- */

int
alcove_fork_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, pid_t *pid)
{
	int64_t v;
	int err;

	if ((err = ok_int(h, path, npath, timeout, CALL_fork, &v, "")) == 0)
		*pid = (pid_t)v;
	return err;
}

/* No answer means success: the process is running the new program. */
static int
exec_result(int err, struct alcove_term *t)
{
	if (err == 0 && t != NULL)
		err = alcove_reply_error(t);
	alcove_term_free(t);
	return err;
}

int
alcove_execvp_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *file, char *const argv[])
{
	struct alcove_term *t;
	int err;

	err = alcove_call(h, path, npath, CALL_execvp, timeout, &t,
	    "sA", file, argv);
	return exec_result(err, t);
}

int
alcove_execve_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *file, char *const argv[], char *const envp[])
{
	struct alcove_term *t;
	int err;

	err = alcove_call(h, path, npath, CALL_execve, timeout, &t,
	    "sAA", file, argv, envp);
	return exec_result(err, t);
}

int
alcove_exit_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int status)
{
	struct alcove_term *t;
	int err;

	err = alcove_call(h, path, npath, CALL_exit, timeout, &t, "i",
	    status);
	return exec_result(err, t);
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

	if ((err = call_tuple(h, path, npath, timeout, CALL_waitpid, 4, &t, "ii",
	    (int)pid, options)) != 0)
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

	if ((err = ok_int(h, path, npath, timeout, CALL_getsid, &v, "i", (int)pid)) ==
	    0)
		*sid = (pid_t)v;
	return err;
}

int
alcove_setsid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, pid_t *sid)
{
	int64_t v;
	int err;

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

/* A call answered true | false. */
int
alcove_setcpid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, pid_t pid,
    const char *opt, int value)
{
	return call_bool(h, path, npath, timeout, CALL_setcpid, "iai", (int)pid, opt,
	    value);
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
		err = call_tuple(h, path, npath, timeout, CALL_sigaction, 2, &t, "in",
		    sig);
	else
		err = call_tuple(h, path, npath, timeout, CALL_sigaction, 2, &t, "ia",
		    sig, disposition[handler]);
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

/* ---- credentials ---- */

int
alcove_getuid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, uid_t *uid)
{
	int64_t v;
	int err;

	if ((err = bare_int(h, path, npath, timeout, CALL_getuid, &v)) == 0)
		*uid = (uid_t)v;
	return err;
}

int
alcove_getgid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, gid_t *gid)
{
	int64_t v;
	int err;

	if ((err = bare_int(h, path, npath, timeout, CALL_getgid, &v)) == 0)
		*gid = (gid_t)v;
	return err;
}

int
alcove_setuid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, uid_t uid)
{
	return call_ok(h, path, npath, timeout, CALL_setuid, "u",
	    (unsigned long long)uid);
}

int
alcove_setgid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, gid_t gid)
{
	return call_ok(h, path, npath, timeout, CALL_setgid, "u",
	    (unsigned long long)gid);
}

int
alcove_getgroups_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, gid_t *gids, size_t max, size_t *n)
{
	struct alcove_term *t;
	const struct alcove_term *l;
	int64_t v;
	size_t i;
	int err;

	if ((err = call_tuple(h, path, npath, timeout, CALL_getgroups, 2, &t, "")) != 0)
		return err;
	l = &t->e[1];
	if (l->type != ALCOVE_TERM_LIST)
		err = ALCOVE_EPROTO;
	else if (l->n > max)
		err = ERANGE;
	for (i = 0; err == 0 && i < l->n; i++) {
		if (alcove_term_int(&l->e[i], &v) == -1)
			err = ALCOVE_EPROTO;
		else
			gids[i] = (gid_t)v;
	}
	if (err == 0)
		*n = l->n;
	alcove_term_free(t);
	return err;
}

int
alcove_setgroups_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const gid_t *gids, size_t n)
{
	struct alcove_term *t;
	unsigned char *buf;
	struct etf_enc e;
	size_t i;
	int err;

	if (n > FRAME_LEN_MAX / 9)
		return ALCOVE_ETOOBIG;
	if ((buf = malloc(16 + n * 9)) == NULL)
		return ENOMEM;
	etf_enc_init(&e, buf, 16 + n * 9);
	if (n > 0)
		etf_put_list(&e, (uint32_t)n);
	for (i = 0; i < n; i++)
		etf_put_uint(&e, gids[i]);
	etf_put_nil(&e);
	err = alcove_call(h, path, npath, CALL_setgroups, timeout, &t,
	    "r", buf, e.len);
	free(buf);
	return err != 0 ? err : ok_reply(t);
}

static int
get_ids(struct alcove *h, const pid_t *path, size_t npath, int timeout,
    int call, uint64_t ids[3])
{
	struct alcove_term *t;
	int64_t v;
	int err, i;

	if ((err = call_tuple(h, path, npath, timeout, call, 4, &t, "")) != 0)
		return err;
	for (i = 0; i < 3 && err == 0; i++) {
		if (alcove_term_int(&t->e[i + 1], &v) == -1)
			err = ALCOVE_EPROTO;
		else
			ids[i] = (uint64_t)v;
	}
	alcove_term_free(t);
	return err;
}

int
alcove_getresuid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, uid_t *r, uid_t *e, uid_t *s)
{
	uint64_t id[3];
	int err;

	if ((err = get_ids(h, path, npath, timeout, CALL_getresuid, id)) == 0) {
		*r = (uid_t)id[0];
		*e = (uid_t)id[1];
		*s = (uid_t)id[2];
	}
	return err;
}

int
alcove_getresgid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, gid_t *r, gid_t *e, gid_t *s)
{
	uint64_t id[3];
	int err;

	if ((err = get_ids(h, path, npath, timeout, CALL_getresgid, id)) == 0) {
		*r = (gid_t)id[0];
		*e = (gid_t)id[1];
		*s = (gid_t)id[2];
	}
	return err;
}

int
alcove_setresuid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, uid_t r,
    uid_t e, uid_t s)
{
	return call_ok(h, path, npath, timeout, CALL_setresuid, "uuu",
	    (unsigned long long)r, (unsigned long long)e,
	    (unsigned long long)s);
}

int
alcove_setresgid_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, gid_t r,
    gid_t e, gid_t s)
{
	return call_ok(h, path, npath, timeout, CALL_setresgid, "uuu",
	    (unsigned long long)r, (unsigned long long)e,
	    (unsigned long long)s);
}

/* ---- files ---- */

int
alcove_chdir_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *dir)
{
	return call_ok(h, path, npath, timeout, CALL_chdir, "s", dir);
}

int
alcove_chroot_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *dir)
{
	return call_ok(h, path, npath, timeout, CALL_chroot, "s", dir);
}

int
alcove_getcwd_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, char *buf,
    size_t size)
{
	struct alcove_term *t;
	int err;

	if ((err = call_tuple(h, path, npath, timeout, CALL_getcwd, 2, &t, "")) != 0)
		return err;
	err = copy_binary(&t->e[1], buf, size);
	alcove_term_free(t);
	return err;
}

int
alcove_mkdir_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *dir, mode_t mode)
{
	return call_ok(h, path, npath, timeout, CALL_mkdir, "su", dir,
	    (unsigned long long)mode);
}

int
alcove_rmdir_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *dir)
{
	return call_ok(h, path, npath, timeout, CALL_rmdir, "s", dir);
}

int
alcove_unlink_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *file)
{
	return call_ok(h, path, npath, timeout, CALL_unlink, "s", file);
}

int
alcove_symlink_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *target, const char *linkpath)
{
	return call_ok(h, path, npath, timeout, CALL_symlink, "ss", target, linkpath);
}

int
alcove_link_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *oldpath, const char *newpath)
{
	return call_ok(h, path, npath, timeout, CALL_link, "ss", oldpath, newpath);
}

int
alcove_chmod_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *file, mode_t mode)
{
	return call_ok(h, path, npath, timeout, CALL_chmod, "su", file,
	    (unsigned long long)mode);
}

int
alcove_chown_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *file, uid_t uid, gid_t gid)
{
	return call_ok(h, path, npath, timeout, CALL_chown, "suu", file,
	    (unsigned long long)uid, (unsigned long long)gid);
}

int
alcove_mkfifo_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *file, mode_t mode)
{
	return call_ok(h, path, npath, timeout, CALL_mkfifo, "su", file,
	    (unsigned long long)mode);
}

int
alcove_readdir_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *dir, char ***names)
{
	struct alcove_term *t;
	int err;

	*names = NULL;
	if ((err = call_tuple(h, path, npath, timeout, CALL_readdir, 2, &t, "s",
	    dir)) != 0)
		return err;
	err = strv(&t->e[1], names);
	alcove_term_free(t);
	return err;
}

int
alcove_open_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *file, int flags, mode_t mode, int *fd)
{
	int64_t v;
	int err;

	if ((err = ok_int(h, path, npath, timeout, CALL_open, &v, "siu", file, flags,
	    (unsigned long long)mode)) == 0)
		*fd = (int)v;
	return err;
}

int
alcove_close_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int fd)
{
	return call_ok(h, path, npath, timeout, CALL_close, "i", fd);
}

int
alcove_read_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int fd,
    void *buf, size_t count, size_t *got)
{
	struct alcove_term *t;
	int err;

	if ((err = call_tuple(h, path, npath, timeout, CALL_read, 2, &t, "iu", fd,
	    (unsigned long long)count)) != 0)
		return err;
	if (t->e[1].type != ALCOVE_TERM_BINARY || t->e[1].len > count)
		err = ALCOVE_EPROTO;
	else {
		if (t->e[1].len > 0)
			memcpy(buf, t->e[1].data, t->e[1].len);
		*got = t->e[1].len;
	}
	alcove_term_free(t);
	return err;
}

int
alcove_write_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int fd,
    const void *buf, size_t len, size_t *written)
{
	int64_t v;
	int err;

	if ((err = ok_int(h, path, npath, timeout, CALL_write, &v, "ib", fd, buf,
	    len)) == 0 && written != NULL)
		*written = (size_t)v;
	return err;
}

int
alcove_lseek_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int fd,
    off_t off, int whence)
{
	return call_ok(h, path, npath, timeout, CALL_lseek, "ili", fd, (long long)off,
	    whence);
}

/* ---- environment, limits, host ---- */

int
alcove_environ_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, char ***envp)
{
	struct alcove_term *t;
	int err;

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
	return call_ok(h, path, npath, timeout, CALL_setenv, "ssi", name, value,
	    overwrite);
}

int
alcove_unsetenv_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *name)
{
	return call_ok(h, path, npath, timeout, CALL_unsetenv, "s", name);
}

int
alcove_clearenv_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout)
{
	return call_ok(h, path, npath, timeout, CALL_clearenv, "");
}

int
alcove_getrlimit_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int resource, uint64_t *cur, uint64_t *max)
{
	struct alcove_term *t;
	const struct alcove_term *r;
	int err;

	if ((err = call_tuple(h, path, npath, timeout, CALL_getrlimit, 2, &t, "i",
	    resource)) != 0)
		return err;
	r = &t->e[1];
	if (r->type != ALCOVE_TERM_TUPLE || r->n != 3 ||
	    !alcove_term_atom(&r->e[0], "alcove_rlimit") ||
	    r->e[1].type != ALCOVE_TERM_INTEGER || r->e[1].neg ||
	    r->e[2].type != ALCOVE_TERM_INTEGER || r->e[2].neg)
		err = ALCOVE_EPROTO;
	else {
		*cur = r->e[1].mag;
		*max = r->e[2].mag;
	}
	alcove_term_free(t);
	return err;
}

int
alcove_setrlimit_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int resource, uint64_t cur, uint64_t max)
{
	return call_ok(h, path, npath, timeout, CALL_setrlimit, "i{auu}", resource,
	    "alcove_rlimit", (unsigned long long)cur, (unsigned long long)max);
}

int
alcove_getpriority_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int which, int who, int *prio)
{
	int64_t v;
	int err;

	if ((err = ok_int(h, path, npath, timeout, CALL_getpriority, &v, "ii", which,
	    who)) == 0)
		*prio = (int)v;
	return err;
}

int
alcove_setpriority_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int which, int who, int prio)
{
	return call_ok(h, path, npath, timeout, CALL_setpriority, "iii", which, who,
	    prio);
}

int
alcove_gethostname_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, char *buf, size_t size)
{
	struct alcove_term *t;
	int err;

	if ((err = call_tuple(h, path, npath, timeout, CALL_gethostname, 2, &t, "")) !=
	    0)
		return err;
	err = copy_binary(&t->e[1], buf, size);
	alcove_term_free(t);
	return err;
}

int
alcove_setproctitle_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *title)
{
	return call_ok(h, path, npath, timeout, CALL_setproctitle, "s", title);
}

/* ---- the port itself ---- */

int
alcove_getopt_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *opt, int *value)
{
	struct alcove_term *t;
	int64_t v;
	int err;

	if ((err = alcove_call(h, path, npath, CALL_getopt, timeout, &t,
	    "a", opt)) != 0)
		return err;
	if (alcove_term_atom(t, "false"))
		err = ALCOVE_EUNKNOWN;
	else if (alcove_term_int(t, &v) == -1)
		err = ALCOVE_EPROTO;
	else
		*value = (int)v;
	alcove_term_free(t);
	return err;
}

int
alcove_setopt_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *opt, int value)
{
	return call_bool(h, path, npath, timeout, CALL_setopt, "ai", opt, value);
}

int
alcove_filter_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout,
    const unsigned char *own, size_t nown, const unsigned char *sub,
    size_t nsub)
{
	return call_ok(h, path, npath, timeout, CALL_filter, "bb", own, nown, sub,
	    nsub);
}

/* Add a call to a filter bitmap (alcove-protocol(5), Call filter). */
void
alcove_filter_add(unsigned char bits[16], int call)
{
	if (call >= 0 && call < 128)
		bits[call / 8] |= (unsigned char)(1u << (call % 8));
}

int
alcove_version_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, char *buf,
    size_t size)
{
	struct alcove_term *t;
	int err;

	if ((err = alcove_call(h, path, npath, CALL_version, timeout, &t,
	    "")) != 0)
		return err;
	err = copy_binary(t, buf, size);
	alcove_term_free(t);
	return err;
}

int
alcove_errno_id_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, int err,
    char *buf, size_t size)
{
	struct alcove_term *t;
	int rv;

	if ((rv = alcove_call(h, path, npath, CALL_errno_id, timeout,
	    &t, "i", err)) != 0)
		return rv;
	if (t->type != ALCOVE_TERM_ATOM)
		rv = ALCOVE_EPROTO;
	else if (t->len >= size)
		rv = ERANGE;
	else
		memcpy(buf, t->atom, t->len + 1);
	alcove_term_free(t);
	return rv;
}

/* table is the prefix of a *_constant call: "file", "signal", ... */
int
alcove_constant_t(struct alcove *h, const pid_t *path, size_t npath,
    int timeout, const char *table, const char *name, uint64_t *value)
{
	struct alcove_term *t;
	char call[32];
	int n, err;

	if ((size_t)snprintf(call, sizeof(call), "%s_constant", table) >=
	    sizeof(call) || (n = call_number(call)) == -1)
		return ALCOVE_EINVAL;
	if ((err = alcove_call(h, path, npath, n, timeout, &t, "a",
	    name)) != 0)
		return err;
	if (alcove_term_atom(t, "unknown"))
		err = ALCOVE_EUNKNOWN;
	else if (t->type != ALCOVE_TERM_INTEGER || t->neg)
		err = ALCOVE_EPROTO;
	else
		*value = t->mag;
	alcove_term_free(t);
	return err;
}

int
alcove_constant(struct alcove *h, const pid_t *path, size_t npath,
    const char *table, const char *name, uint64_t *value)
{
	return alcove_constant_t(h, path, npath, ALCOVE_DEFAULT, table, name,
	    value);
}
