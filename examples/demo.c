/*
 * demo: the smallest useful alcove program.  Start the port through
 * libalcove, fork a child, change its directory, lower a resource limit,
 * exec a shell command in it and print what the command writes and how it
 * exits.
 *
 *	demo [port]
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alcove.h"

#ifndef DEMO_PORT
#define DEMO_PORT	"alcove"
#endif

static void
check(const char *what, int err)
{
	if (err != 0) {
		fprintf(stderr, "demo: %s: %s\n", what, alcove_strerror(err));
		exit(111);
	}
}

int
main(int argc, char *argv[])
{
	char *const cmd[] = { "/bin/sh", "-c",
	    "echo \"cwd=$(pwd) nofile=$(ulimit -n)\"", NULL };
	struct alcove_options opt;
	struct alcove_msg *m;
	struct alcove *h;
	pid_t child;
	int status, done = 0;

	alcove_options_init(&opt);
	opt.progname = argc > 1 ? argv[1] : DEMO_PORT;
	opt.timeout = 10000;
	check("start", alcove_start(&h, &opt));

	check("fork", alcove_fork(h, NULL, 0, &child));
	check("chdir", alcove_chdir(h, &child, 1, "/tmp"));
	check("setrlimit", alcove_setrlimit(h, &child, 1, RLIMIT_NOFILE, 64,
	    64));
	printf("child %ld: chdir /tmp, RLIMIT_NOFILE 64, exec %s\n",
	    (long)child, cmd[2]);
	check("execvp", alcove_execvp(h, &child, 1, cmd[0], cmd));

	/* Output until the exit event. */
	while (!done) {
		check("recv", alcove_recv(h, &child, 1, ALCOVE_MSG_STDOUT |
		    ALCOVE_MSG_STDERR | ALCOVE_MSG_EVENT, ALCOVE_DEFAULT, &m));
		if (m->type == ALCOVE_MSG_EVENT) {
			if (alcove_msg_exit(m, &status) == 0)
				done = 1;
		} else {
			fwrite(m->data, 1, m->len, m->type == ALCOVE_MSG_STDOUT ?
			    stdout : stderr);
		}
		alcove_msg_free(m);
	}
	if (WIFEXITED(status))
		printf("exit status: %d\n", WEXITSTATUS(status));
	else
		printf("killed by signal %d\n", WTERMSIG(status));
	check("stop", alcove_stop(h, NULL));
	return 0;
}
