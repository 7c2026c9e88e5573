/*
 * alcove: the port.  Parse the command line, claim descriptors 3, 4 and 5,
 * write the boot message and run the event loop (alcove-protocol(5), START-UP).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"
#include "os/os.h"
#include "port/port.h"

static void __attribute__((__noreturn__))
usage(int status)
{
	(void)fprintf(stderr, "alcove %s\n"
	    "usage: alcove -c fifo [-d depth] [-m maxchild]\n"
	    "       alcove -d depth [-m maxchild]\n", ALCOVE_VERSION_STRING);
	exit(status);
}

static long long
number(const char *s, const char *what)
{
	const char *errstr;
	long long n;

	n = strtonum(s, 0, INT_MAX, &errstr);
	if (errstr != NULL) {
		(void)fprintf(stderr, "alcove: %s %s: %s\n", what, errstr, s);
		usage(EXIT_USAGE);
	}
	return n;
}

static rlim_t
nofile_soft(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
		return 0;
	return rl.rlim_cur;
}

/* The default number of child slots: six descriptors per child. */
static int
maxchild_default(void)
{
	rlim_t cur = nofile_soft();

	if (cur == RLIM_INFINITY || cur >= (rlim_t)MAXCHILD_DEFAULT * 6 + 6)
		return MAXCHILD_DEFAULT;
	if (cur <= 6)
		return 0;
	return (int)((cur - 6) / 6);
}

/*
 * Move an open descriptor out of the way (to the lowest free number >= 8) so
 * that claiming 3, 4 or 5 does not lose what the caller passed there.
 */
static void
preserve_fd(int fd)
{
	int flags;

	if ((flags = fcntl(fd, F_GETFD)) == -1)
		return;
	if (fcntl(fd, flags & FD_CLOEXEC ? F_DUPFD_CLOEXEC : F_DUPFD, 8) == -1)
		exit(errno);
	(void)close(fd);
}

static void
claim_fd(int from, int to)
{
	if (from == to)
		return;
	if (dup2(from, to) == -1)
		exit(errno);
	(void)close(from);
	if (fcntl(to, F_SETFD, FD_CLOEXEC) == -1)
		exit(errno);
}

static void
boot_fifo(const char *path)
{
	int fd;

	if (mkfifo(path, 0644) == -1)
		exit(errno);
	if ((fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC)) == -1)
		exit(errno);
	claim_fd(fd, FD_CTL);
}

static void
boot_stack_limit(void)
{
	struct rlimit rl;

	/* Upstream sizes clone stacks from this limit; keep it finite. */
	if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur == RLIM_INFINITY) {
		rl.rlim_cur = 8 * 1024 * 1024;
		if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < rl.rlim_cur)
			rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_STACK, &rl);
	}
}

/* Descriptors 3 and 4: the signal self-pipe. */
static void
boot_signal_pipe(void)
{
	int fds[2];

	if (signal_pipe(fds) == -1)
		exit(errno);
	claim_fd(fds[0], FD_SIGREAD);
	claim_fd(fds[1], FD_SIGWRITE);
}

/* In re-exec mode the descriptors come from the image we replace. */
static void
boot_inherited(void)
{
	int fd;

	if (fcntl(FD_SIGREAD, F_GETFD) == -1)
		exit(EBADF);
	for (fd = FD_SIGREAD; fd <= FD_CTL; fd++)
		(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
}

static void
boot_message(void)
{
	static const unsigned char ok[] = {
		0x00, 0x07, 0x00, 0x04, 0x83, 0x77, 0x02, 0x6f, 0x6b
	};

	/* The Erlang driver decodes it from one read: one write. */
	if (buf_append(&port.out, ok, sizeof(ok)) == -1)
		exit(ENOMEM);
	port_flush();
}

int
main(int argc, char *argv[])
{
	const char *fifo = NULL;
	long long depth = -1, maxchild = -1;
	int ch;

	while ((ch = getopt(argc, argv, "c:d:m:h")) != -1) {
		switch (ch) {
		case 'c':
			fifo = optarg;
			break;
		case 'd':
			depth = number(optarg, "depth") & 0xffff;
			break;
		case 'm':
			maxchild = number(optarg, "maxchild") & 0xffff;
			break;
		default:
			usage(ENOTSUP);
		}
	}
	if (argc != optind)
		usage(ENOTSUP);
	if (fifo == NULL && depth < 0)
		exit(EINVAL);
	/* The backend may reuse the argument area for the process title. */
	if (fifo != NULL && (fifo = strdup(fifo)) == NULL)
		exit(ENOMEM);
	os_init(argc, argv);
	port_leak_init();

	port.depth = depth >= 0 ? (int)depth : 0;
	if (port.depth > 255)
		exit(EAGAIN);
	port.opts = OPT_EXIT_STATUS | OPT_TERMSIG;
	port.flowcontrol = -1;
	port.signaloneof = SIGTERM;
	port.maxforkdepth = MAXFORKDEPTH_DEFAULT;
	port.stdin_queue = 0;	/* upstream's: what the pipe takes, or PIPE */
	port.maxchild = maxchild_default();
	if (maxchild >= 0) {
		if (!child_table_fits(nofile_soft(), (int)maxchild))
			exit(EAGAIN);
		port.maxchild = (int)maxchild;
	}
	if ((port.reply = malloc(FRAME_LEN_MAX)) == NULL)
		exit(ENOMEM);
	child_init_table();

	signal_init(depth >= 0);
	if (depth >= 0) {		/* re-exec'd with -d */
		boot_inherited();
		if (port.depth > 0) {
			ctl_boot();
			/* Our parent is the alcove process we replaced's. */
			port.parent = getppid();
			port.oneof_given = port.signaloneof;
			(void)child_watch_parent(SIG_PARENT_DEATH);
		}
	} else {
		int fd;

		boot_stack_limit();
		for (fd = FD_SIGREAD; fd <= FD_CTL; fd++)
			preserve_fd(fd);
		boot_signal_pipe();
		boot_fifo(fifo);
	}
	dispatch_init();
	boot_message();
	loop_run();
	return 0;
}
