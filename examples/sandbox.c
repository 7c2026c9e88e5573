/*
 * sandbox: the classic Unix sandbox built one call at a time.  A child of
 * the port is shut in a directory (chroot), loses its privileges (no
 * supplementary groups, then the gid and uid of nobody) and gets small
 * resource limits; the program then asks the child what it can see and
 * be, and finally execs a program inside the new root.
 *
 *	sandbox [-p port] [-u uid:gid] root [program [argument ...]]
 *
 * program is a path inside root; it runs with an empty environment.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alcove.h"

#define NOFILE_MAX	32
#define FSIZE_MAX	(1024 * 1024)

static void
check(const char *what, int err)
{
	if (err != 0) {
		fprintf(stderr, "sandbox: %s: %s\n", what, alcove_strerror(err));
		exit(111);
	}
}

static void __attribute__((__noreturn__))
usage(void)
{
	fprintf(stderr, "usage: sandbox [-p port] [-u uid:gid] root "
	    "[program [argument ...]]\n");
	exit(100);
}

/* Relay the program's output until it exits; print how it ended. */
static void
relay(struct alcove *h, const pid_t *child)
{
	struct alcove_msg *m;
	int status = 0, done = 0;

	while (!done) {
		check("recv", alcove_recv(h, child, 1, ALCOVE_MSG_STDOUT |
		    ALCOVE_MSG_STDERR | ALCOVE_MSG_EVENT, ALCOVE_DEFAULT, &m));
		if (m->type == ALCOVE_MSG_EVENT)
			done = alcove_msg_exit(m, &status) == 0;
		else
			fwrite(m->data, 1, m->len, m->type == ALCOVE_MSG_STDOUT ?
			    stdout : stderr);
		alcove_msg_free(m);
	}
	if (WIFEXITED(status))
		printf("exit status: %d\n", WEXITSTATUS(status));
	else
		printf("killed by signal %d\n", WTERMSIG(status));
}

int
main(int argc, char *argv[])
{
	char *const noenv[] = { NULL };
	struct alcove_options opt;
	struct alcove *h;
	const char *port = "alcove", *errstr;
	char cwd[256];
	uid_t r, e, s;
	gid_t rg, eg, sg, groups[1];
	uint64_t cur, max;
	size_t ngroups;
	unsigned long uid = 65534, gid = 65534;
	pid_t child;
	int c, fd, err;

	while ((c = getopt(argc, argv, "p:u:")) != -1) {
		switch (c) {
		case 'p':
			port = optarg;
			break;
		case 'u':
			if (sscanf(optarg, "%lu:%lu", &uid, &gid) != 2)
				usage();
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();

	alcove_options_init(&opt);
	opt.progname = port;
	opt.timeout = 10000;
	check("start", alcove_start(&h, &opt));
	check("fork", alcove_fork(h, NULL, 0, &child));
	printf("sandbox: child %ld in %s\n", (long)child, argv[0]);

	/* The order matters: chroot while still root, limits, then drop
	 * the groups, the gid and last the uid. */
	check("chroot", alcove_chroot(h, &child, 1, argv[0]));
	check("chdir", alcove_chdir(h, &child, 1, "/"));
	check("setrlimit nofile", alcove_setrlimit(h, &child, 1, RLIMIT_NOFILE,
	    NOFILE_MAX, NOFILE_MAX));
	check("setrlimit fsize", alcove_setrlimit(h, &child, 1, RLIMIT_FSIZE,
	    FSIZE_MAX, FSIZE_MAX));
	check("setrlimit core", alcove_setrlimit(h, &child, 1, RLIMIT_CORE,
	    0, 0));
	check("setgroups", alcove_setgroups(h, &child, 1, NULL, 0));
	check("setresgid", alcove_setresgid(h, &child, 1, (gid_t)gid,
	    (gid_t)gid, (gid_t)gid));
	check("setresuid", alcove_setresuid(h, &child, 1, (uid_t)uid,
	    (uid_t)uid, (uid_t)uid));

	/* What the child is now, as the child itself reports it. */
	check("getcwd", alcove_getcwd(h, &child, 1, cwd, sizeof(cwd)));
	printf("cwd %s\n", cwd);
	check("getresuid", alcove_getresuid(h, &child, 1, &r, &e, &s));
	printf("uid %lu %lu %lu\n", (unsigned long)r, (unsigned long)e,
	    (unsigned long)s);
	check("getresgid", alcove_getresgid(h, &child, 1, &rg, &eg, &sg));
	printf("gid %lu %lu %lu\n", (unsigned long)rg, (unsigned long)eg,
	    (unsigned long)sg);
	check("getgroups", alcove_getgroups(h, &child, 1, groups, 1,
	    &ngroups));
	printf("groups %zu\n", ngroups);
	check("getrlimit", alcove_getrlimit(h, &child, 1, RLIMIT_NOFILE, &cur,
	    &max));
	printf("nofile %llu %llu\n", (unsigned long long)cur,
	    (unsigned long long)max);
	err = alcove_open(h, &child, 1, "/etc/passwd", O_RDONLY, 0, &fd);
	errstr = err == 0 ? "opened" : alcove_strerror(err);
	printf("/etc/passwd: %s\n", errstr);
	err = alcove_setuid(h, &child, 1, 0);
	printf("setuid 0: %s\n", err == 0 ? "done" : alcove_strerror(err));

	if (argc > 1) {
		printf("exec %s\n", argv[1]);
		fflush(stdout);
		check("execve", alcove_execve(h, &child, 1, argv[1], argv + 1,
		    noenv));
		relay(h, &child);
	}
	check("stop", alcove_stop(h, NULL));
	return 0;
}
