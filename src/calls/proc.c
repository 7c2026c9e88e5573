/*
 * Process calls: fork, exec, exit, kill, waitpid, process ids and groups,
 * and the child table as the client sees it (cpid, setcpid).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "calls/call.h"
#include "calls/handlers.h"
#include "proto/constant.h"
#include "port/port.h"

int
call_fork(struct etf_dec *a, struct etf_enc *r)
{
	pid_t pid;
	int err;

	(void)a;
	if ((err = child_fork(&pid, NULL, 0)) != 0)
		return reply_errno(r, err);
	if (pid == 0)
		return CALL_NOREPLY;	/* the new child says nothing */
	return reply_ok_int(r, pid);
}

#define EXEC_PATH	0
#define EXEC_SEARCH	1
#define EXEC_FD		2

/* Run an exec; only a failure comes back here. */
static int
exec_reply(struct etf_enc *r, int how, const char *file, int fd, char **argv,
    char **envp)
{
	int err;

	(void)fd;	/* unused where there is no fexecve */
	if ((err = exec_prepare()) != 0)
		return reply_errno(r, err);
	switch (how) {
	case EXEC_SEARCH:
		(void)execvp(file, argv);
		break;
	case EXEC_PATH:
		(void)execve(file, argv, envp);
		break;
#ifdef HAVE_FEXECVE
	case EXEC_FD:
		(void)fexecve(fd, argv, envp);
		break;
#endif
	}
	err = errno;
	exec_failed();
	return reply_errno(r, err);
}

int
call_execvp(struct etf_dec *a, struct etf_enc *r)
{
	static char file[ARG_PATH_SIZE];
	char **argv;
	int rv;

	if ((rv = arg_path(a, file)) != CALL_OK ||
	    (rv = arg_argv(a, &argv)) != CALL_OK)
		return rv;
	rv = exec_reply(r, EXEC_SEARCH, file, -1, argv, NULL);
	arg_argv_free(argv);
	return rv;
}

int
call_execve(struct etf_dec *a, struct etf_enc *r)
{
	static char file[ARG_PATH_SIZE];
	char **argv, **envp;
	int rv;

	if ((rv = arg_path(a, file)) != CALL_OK ||
	    (rv = arg_argv(a, &argv)) != CALL_OK)
		return rv;
	if ((rv = arg_argv(a, &envp)) != CALL_OK) {
		arg_argv_free(argv);
		return rv;
	}
	rv = exec_reply(r, EXEC_PATH, file, -1, argv, envp);
	arg_argv_free(argv);
	arg_argv_free(envp);
	return rv;
}

#ifdef HAVE_FEXECVE
int
call_fexecve(struct etf_dec *a, struct etf_enc *r)
{
	char **argv, **envp;
	int32_t fd;
	int rv;

	if ((rv = arg_int32(a, &fd)) != CALL_OK ||
	    (rv = arg_argv(a, &argv)) != CALL_OK)
		return rv;
	if ((rv = arg_argv(a, &envp)) != CALL_OK) {
		arg_argv_free(argv);
		return rv;
	}
	rv = exec_reply(r, EXEC_FD, NULL, fd, argv, envp);
	arg_argv_free(argv);
	arg_argv_free(envp);
	return rv;
}
#endif

int
call_exit(struct etf_dec *a, struct etf_enc *r)
{
	int32_t status;
	int rv;

	(void)r;
	if ((rv = arg_int32(a, &status)) != CALL_OK)
		return rv;
	port_flush();
	port_leak_check();
	_exit(status);
}

int
call_kill(struct etf_dec *a, struct etf_enc *r)
{
	int32_t pid, sig;
	int rv;

	if ((rv = arg_int32(a, &pid)) != CALL_OK ||
	    (rv = arg_const(a, CONST_SIGNAL, &sig)) != CALL_OK)
		return rv;
	return reply_result(r, kill(pid, sig));
}

/*
 * A list written as a chain of one-element lists
 * (alcove-protocol(5), Encoder rules).
 */
static void
put_chain_cell(struct etf_enc *r)
{
	etf_put_list(r, 1);
}

int
call_waitpid(struct etf_dec *a, struct etf_enc *r)
{
	int32_t pid, opts;
	struct child *c;
	int rv, status = 0;
	pid_t got;

	if ((rv = arg_int32(a, &pid)) != CALL_OK ||
	    (rv = arg_flags(a, CONST_WAIT, &opts)) != CALL_OK)
		return rv;
	if ((got = waitpid(pid, &status, opts)) == -1)
		return reply_errno(r, errno);
	if (got > 0 && (WIFEXITED(status) || WIFSIGNALED(status)) &&
	    (c = child_find(got)) != NULL)
		child_forget(c);	/* no events (alcove-protocol(5)) */

	etf_put_tuple(r, 4);
	etf_put_atom(r, "ok");
	etf_put_int(r, got);
	etf_put_int(r, status);
	if (got > 0) {
		if (WIFEXITED(status)) {
			put_chain_cell(r);
			etf_put_tuple(r, 2);
			etf_put_atom(r, "exit_status");
			etf_put_int(r, WEXITSTATUS(status));
		}
		if (WIFSIGNALED(status)) {
			put_chain_cell(r);
			etf_put_tuple(r, 2);
			etf_put_atom(r, "termsig");
			etf_put_atom(r, signal_name(WTERMSIG(status)));
		}
		if (WIFSTOPPED(status)) {
			put_chain_cell(r);
			etf_put_tuple(r, 2);
			etf_put_atom(r, "stopsig");
			etf_put_atom(r, signal_name(WSTOPSIG(status)));
		}
		if (WIFCONTINUED(status)) {
			put_chain_cell(r);
			etf_put_atom(r, "continued");
		}
	}
	etf_put_nil(r);
	return CALL_OK;
}

int
call_getpid(struct etf_dec *a, struct etf_enc *r)
{
	(void)a;
	etf_put_int(r, getpid());
	return CALL_OK;
}

int
call_getpgrp(struct etf_dec *a, struct etf_enc *r)
{
	(void)a;
	etf_put_int(r, getpgrp());
	return CALL_OK;
}

int
call_getsid(struct etf_dec *a, struct etf_enc *r)
{
	int32_t pid;
	pid_t sid;
	int rv;

	if ((rv = arg_int32(a, &pid)) != CALL_OK)
		return rv;
	if ((sid = getsid(pid)) == -1)
		return reply_errno(r, errno);
	return reply_ok_int(r, sid);
}

int
call_setsid(struct etf_dec *a, struct etf_enc *r)
{
	pid_t sid;

	(void)a;
	if ((sid = setsid()) == -1)
		return reply_errno(r, errno);
	return reply_ok_int(r, sid);
}

int
call_setpgid(struct etf_dec *a, struct etf_enc *r)
{
	int32_t pid, pgid;
	int rv;

	if ((rv = arg_int32(a, &pid)) != CALL_OK ||
	    (rv = arg_int32(a, &pgid)) != CALL_OK)
		return rv;
	return reply_result(r, setpgid(pid, pgid));
}

/* [#alcove_pid{}] for every occupied slot, in slot order. */
int
call_cpid(struct etf_dec *a, struct etf_enc *r)
{
	int i;

	(void)a;
	for (i = 0; i < port.nslots; i++) {
		const struct child *c = &port.child[i];

		if (c->pid == 0)
			continue;
		put_chain_cell(r);
		etf_put_tuple(r, 8);
		etf_put_atom(r, "alcove_pid");
		etf_put_int(r, c->pid);
		etf_put_int(r, c->flowcontrol);
		etf_put_int(r, c->signaloneof);
		etf_put_int(r, c->fdctl);
		etf_put_int(r, c->fdin);
		etf_put_int(r, c->fdout);
		etf_put_int(r, c->fderr);
	}
	etf_put_nil(r);
	return r->overflow ? CALL_BADARG : CALL_OK;
}

int
call_setcpid(struct etf_dec *a, struct etf_enc *r)
{
	char opt[ETF_ATOM_MAX + 1];
	struct child *c;
	uint32_t pid;
	int32_t value;
	size_t len;
	int rv;

	if ((rv = arg_uint32(a, &pid)) != CALL_OK ||
	    (rv = arg_atom(a, opt, &len)) != CALL_OK ||
	    (rv = arg_int32(a, &value)) != CALL_OK)
		return rv;
	c = pid <= INT32_MAX ? child_find((pid_t)pid) : NULL;
	if (atom_is(opt, len, "flowcontrol")) {
		if (c != NULL)
			c->flowcontrol = value < 0 ? -1 : value;
		etf_put_atom(r, "true");
		return CALL_OK;
	}
	if (value < 0)
		return CALL_BADARG;
	if (atom_is(opt, len, "signaloneof")) {
		if (c != NULL)
			c->signaloneof = value > 255 ? 255 : value;
		etf_put_atom(r, "true");
		return CALL_OK;
	}
	etf_put_atom(r, "false");
	return CALL_OK;
}
