/*
 * namespace: a Linux namespace sandbox with libalcove.  Start the port,
 * clone a child into new UTS, PID, mount, network and IPC namespaces,
 * make its mounts private, give it a tmpfs on /tmp, a /proc of its own
 * PID namespace and a host name, then exec a shell command there that
 * prints what the sandbox looks like from inside (the topmost mount on a
 * directory is the last of its lines in mountinfo), and its exit status.
 *
 *	namespace [port]
 *
 * The port must run as root (or be started through sudo: see alcove(3)).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>

#include "alcove.h"

#ifndef NAMESPACE_PORT
#define NAMESPACE_PORT	"alcove"
#endif

#define FLAGS		"clone_newuts|clone_newpid|clone_newns|" \
			"clone_newnet|clone_newipc"
#define HOSTNAME	"alcove-sandbox"
#define TMPFS_DATA	"size=1m,mode=1777"

/* What the sandboxed command prints: each line names what it shows. */
static const char script[] =
    "echo \"hostname: $(uname -n)\"\n"
    "echo \"pid: $$\"\n"
    "echo \"network: $(sed -n 's/^ *\\([^:]*\\):.*/\\1/p' /proc/net/dev)\"\n"
    "mounted() { grep \" $1 \" /proc/self/mountinfo | tail -n 1 |\n"
    "    cut -d' ' -f6-; }\n"
    "echo \"/tmp: $(mounted /tmp)\"\n"
    "echo \"/proc: $(mounted /proc)\"\n";

static void
check(const char *what, int err)
{
	if (err != 0) {
		fprintf(stderr, "namespace: %s: %s\n", what,
		    alcove_strerror(err));
		exit(111);
	}
}

int
main(int argc, char *argv[])
{
	char *const cmd[] = { "/bin/sh", "-c", (char *)script, NULL };
	struct alcove_options opt;
	struct alcove_msg *m;
	struct alcove *h;
	pid_t child;
	int status = 0, done = 0;

	alcove_options_init(&opt);
	opt.progname = argc > 1 ? argv[1] : NAMESPACE_PORT;
	opt.timeout = 10000;
	check("start", alcove_start(&h, &opt));

	check("clone", alcove_clone(h, NULL, 0, FLAGS, &child));
	/*
	 * The new mount namespace is a copy of the port's: until its mounts
	 * are private, a mount could propagate back to the host.
	 */
	check("mount /", alcove_mount(h, &child, 1, "none", "/", NULL,
	    "ms_rec|ms_private", NULL, 0, NULL, NULL, 0));
	check("mount /tmp", alcove_mount(h, &child, 1, "none", "/tmp",
	    "tmpfs", "ms_nosuid|ms_nodev", TMPFS_DATA, sizeof(TMPFS_DATA) - 1,
	    NULL, NULL, 0));
	/* A /proc that shows the new PID namespace's processes only. */
	check("mount /proc", alcove_mount(h, &child, 1, "proc", "/proc",
	    "proc", "ms_nosuid|ms_nodev|ms_noexec", NULL, 0, NULL, NULL, 0));
	check("sethostname", alcove_sethostname(h, &child, 1, HOSTNAME));
	printf("child %ld: %s, hostname %s, tmpfs on /tmp, proc on /proc\n",
	    (long)child, FLAGS, HOSTNAME);
	fflush(stdout);
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
			fflush(m->type == ALCOVE_MSG_STDOUT ? stdout : stderr);
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
