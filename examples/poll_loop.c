/*
 * poll_loop: three sandboxes driven from one poll(2) loop.  Each is a
 * child of the port, set up step by step with asynchronous calls (fork,
 * chdir, setrlimit, exec), owned by its own owner whose callback collects
 * its output.  When all three have exited, their output is printed in
 * order.
 *
 *	poll_loop [port]
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <err.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alcove.h"

#ifndef POLL_LOOP_PORT
#define POLL_LOOP_PORT	"/usr/local/libexec/alcove"
#endif

enum step { FORK, CHDIR, RLIMIT, EXEC, RUNNING, EXITED };

struct sandbox {
	const char		*name;
	const char		*dir;
	int			 nofile;
	int			 code;		/* its exit status */
	enum step		 step;
	pid_t			 pid;
	struct alcove_owner	*owner;
	char			 out[512];
	size_t			 len;
	int			 status;
};

static struct alcove	*h;
static int		 running;
static struct sandbox	 boxes[] = {
	{ .name = "a", .dir = "/", .nofile = 32, .code = 1 },
	{ .name = "b", .dir = "/tmp", .nofile = 48, .code = 2 },
	{ .name = "c", .dir = "/usr", .nofile = 64, .code = 3 },
};

static void	next_step(struct sandbox *);

static void
check(const char *what, int e)
{
	if (e != 0)
		errx(111, "%s: %s", what, alcove_strerror(e));
}

/* Output and the exit of a sandbox's process, from alcove_dispatch. */
static void
on_output(struct alcove_owner *o, struct alcove_msg *m, void *arg)
{
	struct sandbox *b = arg;
	size_t n;

	(void)o;
	if (m->type == ALCOVE_MSG_STDOUT || m->type == ALCOVE_MSG_STDERR) {
		n = m->len < sizeof(b->out) - b->len ? m->len :
		    sizeof(b->out) - b->len;
		memcpy(b->out + b->len, m->data, n);
		b->len += n;
	} else if (alcove_msg_exit(m, &b->status) == 0) {
		b->step = EXITED;
		running--;
	}
	alcove_msg_free(m);
}

/* One set-up call answered: go on with the next. */
static void
on_reply(int e, struct alcove_term *t, void *arg)
{
	struct sandbox *b = arg;
	int64_t pid;

	if (e == 0 && b->step != EXEC)
		e = alcove_reply_error(t);
	if (e != 0)
		errx(111, "sandbox %s, step %d: %s", b->name, (int)b->step,
		    alcove_strerror(e));
	if (b->step == FORK) {
		if (t->type != ALCOVE_TERM_TUPLE || t->n != 2 ||
		    alcove_term_int(&t->e[1], &pid) != 0)
			errx(111, "fork: an unexpected reply");
		b->pid = (pid_t)pid;
		check("give", alcove_owner_give(b->owner, &b->pid, 1));
	}
	alcove_term_free(t);
	b->step++;
	next_step(b);
}

static void
next_step(struct sandbox *b)
{
	static char cmd[] = "echo \"cwd=$(pwd) nofile=$(ulimit -n)\"; "
	    "exit $CODE";
	char *argv[] = { "/bin/sh", "-c", cmd, NULL };
	char code[32];
	char *envp[] = { code, NULL };

	switch (b->step) {
	case FORK:
		check("fork", alcove_call_async(h, NULL, 0,
		    alcove_call_number("fork"), on_reply, b, ""));
		break;
	case CHDIR:
		check("chdir", alcove_call_async(h, &b->pid, 1,
		    alcove_call_number("chdir"), on_reply, b, "s", b->dir));
		break;
	case RLIMIT:
		/* This system's RLIMIT_NOFILE: the port runs here. */
		check("setrlimit", alcove_call_async(h, &b->pid, 1,
		    alcove_call_number("setrlimit"), on_reply, b, "i{aii}",
		    RLIMIT_NOFILE, "alcove_rlimit", b->nofile, b->nofile));
		break;
	case EXEC:
		(void)snprintf(code, sizeof(code), "CODE=%d", b->code);
		check("execve", alcove_call_async(h, &b->pid, 1,
		    alcove_call_number("execve"), on_reply, b, "sAA", argv[0],
		    argv, envp));
		break;
	default:
		break;
	}
}

int
main(int argc, char *argv[])
{
	struct alcove_options opt;
	struct pollfd p[2];
	size_t i;

	alcove_options_init(&opt);
	opt.progname = argc > 1 ? argv[1] : POLL_LOOP_PORT;
	opt.timeout = 10000;
	check("start", alcove_start(&h, &opt));
	for (i = 0; i < 3; i++) {
		check("owner", alcove_owner_new(h, &boxes[i].owner));
		alcove_owner_set_callback(boxes[i].owner, on_output, &boxes[i]);
		next_step(&boxes[i]);
		running++;
	}
	while (running > 0) {
		p[0].fd = alcove_fd(h);
		p[0].events = POLLIN;
		p[1].fd = alcove_fd_out(h);	/* -1 when nothing is queued */
		p[1].events = POLLOUT;
		if (poll(p, 2, 10000) == -1)
			err(111, "poll");
		check("dispatch", alcove_dispatch(h));
	}
	for (i = 0; i < 3; i++) {
		printf("sandbox %s: %.*s", boxes[i].name, (int)boxes[i].len,
		    boxes[i].out);
		printf("sandbox %s: exit status %d\n", boxes[i].name,
		    WIFEXITED(boxes[i].status) ? WEXITSTATUS(boxes[i].status) :
		    -1);
		check("close", alcove_owner_close(boxes[i].owner));
	}
	check("stop", alcove_stop(h, NULL));
	return 0;
}
