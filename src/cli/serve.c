/*
 * alcovectl serve: listen on a TCP address; every connection gets a new
 * container (serve_container.c) whose stdin, stdout and stderr are the
 * connection.  One alcove port supervises them all from one poll(2) loop;
 * each container has its own owner, linked, so that a dropped connection
 * kills it, and its output is read from that owner's bounded queue only
 * when the connection can take it: a slow reader holds back only its own
 * container (alcove_owner(3), flow control).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/queue.h>
#include <sys/wait.h>

#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/run.h"
#include "cli/serve.h"

#define SERVE_POLL_MAX	256
#define SERVE_QUEUE	(256 * 1024)	/* an owner's bound, bytes */

LIST_HEAD(containers, container);

static volatile sig_atomic_t	 stopping;
static struct containers	 live = LIST_HEAD_INITIALIZER(live);
static struct containers	 leaving = LIST_HEAD_INITIALIZER(leaving);
static size_t			 nlive;

static void
on_stop(int sig)
{
	stopping = sig;
}

static int
usage_serve(void)
{
	fprintf(stderr, "usage: %s serve [-l addr] [-p port] [--max n] "
	    "[--cgroup-parent name]\n"
	    "\t[--no-cgroups] [--pids n] [--memory bytes] [--cpu percent]\n"
	    "\t[--nproc n] [--user uid:gid] [--env k=v] [--root dir]\n"
	    "\t[--passwd file] [--group file] [--port-path path]\n"
	    "\t[-- command [argument ...]]\n",
	    cli_progname);
	return EXIT_USAGE;
}

static int
number(const char *opt, const char *arg, long long lo, long long hi,
    long long *v)
{
	const char *errstr;

	*v = strtonum(arg, lo, hi, &errstr);
	if (errstr != NULL) {
		fprintf(stderr, "%s: serve: %s %s: %s\n", cli_progname, opt,
		    arg, errstr);
		return -1;
	}
	return 0;
}

static int
parse_serve(struct serve_conf *sc, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "max", required_argument, NULL, 'm' },
		{ "cgroup-parent", required_argument, NULL, 'c' },
		{ "no-cgroups", no_argument, NULL, 'G' },
		{ "pids", required_argument, NULL, 'P' },
		{ "memory", required_argument, NULL, 'M' },
		{ "cpu", required_argument, NULL, 'C' },
		{ "nproc", required_argument, NULL, 'N' },
		{ "user", required_argument, NULL, 'u' },
		{ "env", required_argument, NULL, 'e' },
		{ "root", required_argument, NULL, 'r' },
		{ "port-path", required_argument, NULL, 'A' },
		{ "passwd", required_argument, NULL, 'W' },
		{ "group", required_argument, NULL, 'g' },
		{ NULL, 0, NULL, 0 },
	};
	long long v;
	char *colon;
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "+l:p:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			sc->addr = optarg;
			break;
		case 'p':
			if (number("-p", optarg, 0, 65535, &v) != 0)
				return EXIT_USAGE;
			sc->port = optarg;
			break;
		case 'm':
			if (number("--max", optarg, 1, SERVE_POLL_MAX - 2,
			    &sc->max) != 0)
				return EXIT_USAGE;
			break;
		case 'c':
			if (optarg[0] == '\0' || strchr(optarg, '/') != NULL ||
			    strcmp(optarg, ".") == 0 ||
			    strcmp(optarg, "..") == 0) {
				fprintf(stderr, "%s: serve: --cgroup-parent %s: "
				    "one directory name\n", cli_progname,
				    optarg);
				return EXIT_USAGE;
			}
			sc->cgroup_parent = optarg;
			break;
		case 'G':
			sc->no_cgroups = 1;
			break;
		case 'P':
			if (number("--pids", optarg, 0, 4194304, &sc->pids) != 0)
				return EXIT_USAGE;
			break;
		case 'M':
			if (number("--memory", optarg, 0, LLONG_MAX, &sc->memory)
			    != 0)
				return EXIT_USAGE;
			break;
		case 'C':
			if (number("--cpu", optarg, 0, 100000, &sc->cpu) != 0)
				return EXIT_USAGE;
			break;
		case 'N':
			if (number("--nproc", optarg, 1, 4194304, &sc->nproc) != 0)
				return EXIT_USAGE;
			break;
		case 'u':
			if ((colon = strchr(optarg, ':')) == NULL) {
				fprintf(stderr, "%s: serve: --user %s: "
				    "uid:gid\n", cli_progname, optarg);
				return EXIT_USAGE;
			}
			*colon = '\0';
			if (number("--user", optarg, 1, 0x7fffffff, &v) != 0)
				return EXIT_USAGE;
			sc->uid = (uid_t)v;
			if (number("--user", colon + 1, 1, 0x7fffffff, &v) != 0)
				return EXIT_USAGE;
			sc->gid = (gid_t)v;
			break;
		case 'e':
			if (strchr(optarg, '=') == NULL ||
			    optarg[0] == '=' || sc->nenv == SERVE_ENV_MAX) {
				fprintf(stderr, "%s: serve: --env %s: name=value"
				    "\n", cli_progname, optarg);
				return EXIT_USAGE;
			}
			sc->env[sc->nenv++] = optarg;
			break;
		case 'r':
			if (optarg[0] != '/' || strlen(optarg) > 200) {
				fprintf(stderr, "%s: serve: --root %s: an "
				    "absolute path\n", cli_progname, optarg);
				return EXIT_USAGE;
			}
			sc->root = optarg;
			break;
		case 'A':
			sc->alcove = optarg;
			break;
		case 'W':
			sc->passwd_file = optarg;
			break;
		case 'g':
			sc->group_file = optarg;
			break;
		default:
			return usage_serve();
		}
	}
	if (optind < argc)
		sc->argv = argv + optind;
	return 0;
}

static int
listen_on(const struct serve_conf *sc)
{
	struct addrinfo hints, *res, *ai;
	int fd = -1, one = 1, e;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	if ((e = getaddrinfo(sc->addr, sc->port, &hints, &res)) != 0) {
		fprintf(stderr, "%s: serve: %s port %s: %s\n", cli_progname,
		    sc->addr, sc->port, gai_strerror(e));
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC |
		    SOCK_NONBLOCK, ai->ai_protocol);
		if (fd == -1)
			continue;
		(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
		    sizeof(one));
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 &&
		    listen(fd, 16) == 0)
			break;
		e = errno;
		(void)close(fd);
		fd = -1;
		errno = e;
	}
	if (fd == -1)
		fprintf(stderr, "%s: serve: %s port %s: %s\n", cli_progname,
		    sc->addr, sc->port, strerror(errno));
	freeaddrinfo(res);
	return fd;
}

/* The port listened on: port 0 asks the system for one. */
static unsigned int
bound_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == -1)
		return 0;
	if (ss.ss_family == AF_INET)
		return ntohs(((struct sockaddr_in *)&ss)->sin_port);
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return 0;
}

/* What the port's system cannot give, said once at start-up. */
static int
probe(struct alcove *h, struct serve_conf *sc)
{
	/* each with a file only its v1 hierarchy has */
	static const struct {
		unsigned int	 bit;
		const char	*name;
		const char	*file;
	} ctl[] = {
		{ ALCOVE_CGROUP_PIDS, "pids", "pids.max" },
		{ ALCOVE_CGROUP_MEMORY, "memory", "memory.limit_in_bytes" },
		{ ALCOVE_CGROUP_CPU, "cpu", "cpu.shares" },
	};
	const char *parent[1];
	char buf[64];
	size_t i, got;
	int err;

	if (sc->no_cgroups) {
		fprintf(stderr, "%s: serve: --no-cgroups: limits are rlimits "
		    "only (RLIMIT_NPROC %lld, RLIMIT_AS)\n", cli_progname,
		    sc->nproc);
		return 0;
	}
	if ((err = alcove_cgroup_open(h, NULL, 0, NULL, &sc->cg)) == 0)
		err = alcove_cgroup_supported(h, NULL, 0, sc->cg, &sc->v1,
		    &sc->v2);
	if (err != 0) {
		fprintf(stderr, "%s: serve: no cgroups (%s): limits are "
		    "rlimits only (RLIMIT_NPROC %lld, RLIMIT_AS)\n",
		    cli_progname, alcove_strerror(err), sc->nproc);
		alcove_cgroup_free(sc->cg);
		sc->cg = NULL;
		return 0;
	}
	/* A parent made by us is removed at the end; one that was there
	 * (and may hold others' cgroups) is left. */
	parent[0] = sc->cgroup_parent;
	sc->own_parent = 0;
	for (i = 0; i < sizeof(ctl) / sizeof(ctl[0]); i++)
		if ((sc->v1 & ctl[i].bit) && alcove_cgroup_get(h, NULL, 0,
		    sc->cg, parent, 1, ctl[i].file, buf, sizeof(buf), &got) ==
		    ENOENT)
			sc->own_parent |= ctl[i].bit;
	if (sc->v2 != 0 && alcove_cgroup_get(h, NULL, 0, sc->cg, parent, 1,
	    "cgroup.procs", buf, sizeof(buf), &got) == ENOENT)
		sc->own_parent |= ALCOVE_CGROUP_UNIFIED;
	for (i = 0; i < sizeof(ctl) / sizeof(ctl[0]); i++)
		if (!((sc->v1 | sc->v2) & ctl[i].bit))
			fprintf(stderr, "%s: serve: no %s cgroup controller: "
			    "its limit is skipped%s\n", cli_progname,
			    ctl[i].name, ctl[i].bit == ALCOVE_CGROUP_PIDS ?
			    " (RLIMIT_NPROC instead)" : ctl[i].bit ==
			    ALCOVE_CGROUP_MEMORY ? " (RLIMIT_AS instead)" : "");
	return 0;
}

static void
log_exit(const struct container *c, const char *why)
{
	if (why != NULL)
		fprintf(stderr, "%s: serve: container %lu exit: %s\n",
		    cli_progname, c->id, why);
	else if (WIFSIGNALED(c->status))
		fprintf(stderr, "%s: serve: container %lu exit: signal %d\n",
		    cli_progname, c->id, WTERMSIG(c->status));
	else
		fprintf(stderr, "%s: serve: container %lu exit: status %d\n",
		    cli_progname, c->id, WEXITSTATUS(c->status));
}

/* The container is done or is to go: kill it (the linked owner's close),
 * close the connection; its cgroup goes when its tasks have. */
static void
finish(struct alcove *h, struct serve_conf *sc, struct container *c,
    const char *why)
{
	log_exit(c, why);
	alcove_msg_free(c->pend);
	c->pend = NULL;
	if (c->owner != NULL)
		(void)alcove_owner_close(c->owner);
	c->owner = NULL;
	if (c->fd != -1)
		(void)close(c->fd);
	c->fd = -1;
	LIST_REMOVE(c, entry);
	nlive--;
	if (serve_cgroup_remove(h, sc, c) == EBUSY) {
		LIST_INSERT_HEAD(&leaving, c, entry);
		return;
	}
	free(c);
}

static void
reap_cgroups(struct alcove *h, struct serve_conf *sc)
{
	struct container *c, *next;

	for (c = LIST_FIRST(&leaving); c != NULL; c = next) {
		next = LIST_NEXT(c, entry);
		if (serve_cgroup_remove(h, sc, c) == 0) {
			LIST_REMOVE(c, entry);
			free(c);
		}
	}
}

static void
accept_one(struct alcove *h, struct serve_conf *sc, int lfd)
{
	static const char busy[] = "alcovectl: serve: too many containers, "
	    "try again later\n";
	static unsigned long next_id = 1;
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	struct container *c;
	char host[48], serv[16], junk[512];
	int fd, err;

	if ((fd = accept4(lfd, (struct sockaddr *)&ss, &sl, SOCK_CLOEXEC |
	    SOCK_NONBLOCK)) == -1)
		return;
	if (getnameinfo((struct sockaddr *)&ss, sl, host, sizeof(host), serv,
	    sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV) != 0)
		(void)strlcpy(host, "?", sizeof(host)), serv[0] = '\0';
	if (nlive >= (size_t)sc->max) {
		fprintf(stderr, "%s: serve: %s port %s refused: %zu containers "
		    "running\n", cli_progname, host, serv, nlive);
		/* What the client sent already is read, so that closing
		 * does not reset the connection under our line. */
		while (recv(fd, junk, sizeof(junk), 0) > 0)
			;
		(void)send(fd, busy, sizeof(busy) - 1, MSG_NOSIGNAL);
		(void)shutdown(fd, SHUT_WR);
		(void)close(fd);
		return;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		(void)close(fd);
		return;
	}
	c->fd = fd;
	c->id = next_id++;
	/* A long name is cut: it is only for the log. */
	if (snprintf(c->peer, sizeof(c->peer), "%s port %s", host, serv) < 0)
		c->peer[0] = '\0';
	LIST_INSERT_HEAD(&live, c, entry);
	nlive++;
	if ((err = alcove_owner_new(h, &c->owner)) != 0) {
		fprintf(stderr, "%s: serve: owner: %s\n", cli_progname,
		    alcove_strerror(err));
		finish(h, sc, c, "not started");
		return;
	}
	(void)alcove_owner_set_limit(c->owner, SERVE_QUEUE);
	if (serve_container_start(h, sc, c) != 0) {
		finish(h, sc, c, "not started");
		return;
	}
	fprintf(stderr, "%s: serve: container %lu start: %s, pid %ld, "
	    "hostname %s%s\n", cli_progname, c->id, c->peer, (long)c->pid,
	    c->hostname, c->cgmade != 0 ? ", cgroup" : ", no cgroup");
}

/*
 * The container's queue to its connection, as much as the connection
 * takes now.  Returns 1 when the container is finished with.
 */
static int
drain(struct alcove *h, struct serve_conf *sc, struct container *c,
    int *want_out)
{
	struct alcove_msg *m;
	ssize_t n;
	int err;

	*want_out = 0;
	for (;;) {
		if (c->pend == NULL) {
			err = alcove_owner_recv(c->owner, ALCOVE_MSG_ANY, 0, &m);
			if (err == ALCOVE_ETIMEDOUT)
				break;
			if (err != 0) {
				finish(h, sc, c, alcove_strerror(err));
				return 1;
			}
			if (m->type == ALCOVE_MSG_STDOUT ||
			    m->type == ALCOVE_MSG_STDERR) {
				c->pend = m;
				c->pendoff = 0;
				continue;
			}
			if (!run_stdin_ack(m, &c->unacked) &&
			    alcove_msg_exit(m, &c->status) == 0)
				c->exited = 1;
			alcove_msg_free(m);
			continue;
		}
		n = send(c->fd, c->pend->data + c->pendoff, c->pend->len -
		    c->pendoff, MSG_NOSIGNAL);
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK ||
		    errno == EINTR)) {
			*want_out = 1;
			return 0;
		}
		if (n == -1) {
			finish(h, sc, c, "connection lost");
			return 1;
		}
		c->pendoff += (size_t)n;
		if (c->pendoff == c->pend->len) {
			alcove_msg_free(c->pend);
			c->pend = NULL;
		}
	}
	if (c->exited) {
		finish(h, sc, c, NULL);
		return 1;
	}
	return 0;
}

/* What the connection sent, to the container's stdin. */
static void
feed(struct alcove *h, struct serve_conf *sc, struct container *c)
{
	unsigned char buf[16384];
	ssize_t n;

	n = recv(c->fd, buf, sizeof(buf), 0);
	if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK ||
	    errno == EINTR))
		return;
	if (n <= 0) {
		finish(h, sc, c, "connection closed");
		return;
	}
	if (alcove_stdin(h, &c->pid, 1, buf, (size_t)n) == 0)
		c->unacked += (size_t)n;
}

static void
shut_down(struct alcove *h, struct serve_conf *sc)
{
	struct container *c;
	const char *parent[1];
	unsigned int removed;
	int tries;

	while ((c = LIST_FIRST(&live)) != NULL)
		finish(h, sc, c, "service stopping");
	for (tries = 0; tries < 100 && !LIST_EMPTY(&leaving); tries++) {
		(void)poll(NULL, 0, 50);
		reap_cgroups(h, sc);
	}
	while ((c = LIST_FIRST(&leaving)) != NULL) {
		fprintf(stderr, "%s: serve: container %lu: its cgroup is still "
		    "busy: left\n", cli_progname, c->id);
		LIST_REMOVE(c, entry);
		free(c);
	}
	if (sc->cg != NULL) {
		parent[0] = sc->cgroup_parent;
		if (sc->own_parent != 0)
			(void)alcove_cgroup_destroy(h, NULL, 0, sc->cg, parent,
			    1, sc->own_parent, &removed);
		alcove_cgroup_free(sc->cg);
	}
}

static int
serve_loop(struct alcove *h, struct serve_conf *sc, int lfd)
{
	struct pollfd pf[SERVE_POLL_MAX];
	struct container *c, *next, *slot[SERVE_POLL_MAX];
	size_t n, i;
	int want_out, err;

	while (!stopping) {
		n = 0;
		pf[n].fd = alcove_fd(h);
		pf[n++].events = POLLIN;
		/* The listener also when full: the extra get their line. */
		pf[n].fd = lfd;
		pf[n++].events = POLLIN;
		/* stdin queued for the port: -1, which poll skips, if none */
		pf[n].fd = alcove_fd_out(h);
		pf[n++].events = POLLOUT;
		for (c = LIST_FIRST(&live); c != NULL; c = next) {
			next = LIST_NEXT(c, entry);
			if (drain(h, sc, c, &want_out))
				continue;
			pf[n].fd = c->fd;
			pf[n].events = (want_out ? POLLOUT : 0) |
			    (c->unacked + 16384 <= RUN_STDIN_WINDOW ? POLLIN :
			    0);
			slot[n++] = c;
		}
		if (poll(pf, (nfds_t)n, LIST_EMPTY(&leaving) ? 1000 : 100) ==
		    -1) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "%s: serve: poll: %s\n", cli_progname,
			    strerror(errno));
			return 1;
		}
		reap_cgroups(h, sc);
		/* It never waits: also for what the port took from the
		 * queue, and after a timeout. */
		if ((err = alcove_dispatch(h)) != 0) {
			fprintf(stderr, "%s: serve: the port: %s\n",
			    cli_progname, alcove_strerror(err));
			return 1;
		}
		/* Input first, for the containers still there. */
		for (i = 3; i < n; i++) {
			LIST_FOREACH(c, &live, entry)
				if (c == slot[i])
					break;
			if (c != NULL && (pf[i].revents & (POLLIN | POLLHUP |
			    POLLERR)))
				feed(h, sc, c);
		}
		if (pf[1].revents & POLLIN)
			accept_one(h, sc, lfd);
	}
	fprintf(stderr, "%s: serve: signal %d: stopping\n", cli_progname,
	    (int)stopping);
	return 0;
}

/* An operator's /etc file, whole: at most 64 KiB, as the /etc tmpfs. */
static char *
read_etc(const char *opt, const char *file)
{
	char *text;
	ssize_t n;
	size_t len = 0, max = 60 * 1024;
	int fd;

	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) == -1 ||
	    (text = malloc(max + 1)) == NULL) {
		fprintf(stderr, "%s: serve: %s %s: %s\n", cli_progname, opt,
		    file, strerror(errno));
		if (fd != -1)
			(void)close(fd);
		return NULL;
	}
	while ((n = read(fd, text + len, max + 1 - len)) > 0 &&
	    (len += (size_t)n) <= max)
		;
	(void)close(fd);
	if (n == -1 || len > max) {
		fprintf(stderr, "%s: serve: %s %s: %s\n", cli_progname, opt,
		    file, n == -1 ? strerror(errno) : "larger than 60 KiB");
		free(text);
		return NULL;
	}
	text[len] = '\0';
	return text;
}

static int
read_secret(struct serve_conf *sc)
{
	ssize_t n;
	int fd;

	if ((fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	n = read(fd, sc->secret, sizeof(sc->secret));
	(void)close(fd);
	return n == (ssize_t)sizeof(sc->secret) ? 0 : -1;
}

int
cmd_serve(int argc, char **argv)
{
	struct alcove_options opt;
	struct serve_conf sc;
	struct sigaction sa;
	struct alcove *h;
	int lfd, err, rc, status;

	memset(&sc, 0, sizeof(sc));
	sc.addr = "127.0.0.1";
	sc.port = "31337";
	sc.max = 16;
	sc.cgroup_parent = "alcove";
	sc.pids = 128;
	sc.memory = 256LL * 1024 * 1024;
	sc.cpu = 50;
	sc.nproc = 64;
	sc.uid = 65534;
	sc.gid = 65534;
	sc.root = "/tmp";
	if ((rc = parse_serve(&sc, argc, argv)) != 0)
		return rc;
	if (!run_have_call("clone") || !run_have_call("sethostname")) {
		fprintf(stderr, "%s: serve: containers need Linux namespaces; "
		    "this build's port is for %s: refused\n", cli_progname,
		    ALCOVE_OS);
		return 1;
	}
	if ((sc.passwd_file != NULL && (sc.passwd = read_etc("--passwd",
	    sc.passwd_file)) == NULL) || (sc.group_file != NULL &&
	    (sc.group = read_etc("--group", sc.group_file)) == NULL)) {
		rc = 1;
		goto out;
	}
	if (read_secret(&sc) != 0) {
		fprintf(stderr, "%s: serve: /dev/urandom: %s\n", cli_progname,
		    strerror(errno));
		rc = 1;
		goto out;
	}
	if ((lfd = listen_on(&sc)) == -1) {
		rc = 1;
		goto out;
	}
	alcove_options_init(&opt);
	opt.progname = sc.alcove != NULL ? sc.alcove : getenv("ALCOVE_PORT");
	opt.timeout = 10000;
	opt.maxchild = (int)sc.max + 8;
	if ((err = alcove_start(&h, &opt)) != 0) {
		fprintf(stderr, "%s: serve: starting the port: %s\n",
		    cli_progname, alcove_strerror(err));
		(void)close(lfd);
		rc = 1;
		goto out;
	}
	/* A connection's input is streamed within the acknowledged window. */
	if ((err = alcove_setopt(h, NULL, 0, "stdin_ack", 1)) != 0 ||
	    (err = alcove_setopt(h, NULL, 0, "stdin_queue", 256 * 1024)) !=
	    0) {
		fprintf(stderr, "%s: serve: stdin_ack: %s\n", cli_progname,
		    alcove_strerror(err));
		(void)alcove_stop(h, &status);
		(void)close(lfd);
		rc = 1;
		goto out;
	}
	(void)probe(h, &sc);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	(void)sigemptyset(&sa.sa_mask);
	(void)sigaction(SIGTERM, &sa, NULL);
	(void)sigaction(SIGINT, &sa, NULL);
	(void)sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	(void)sigaction(SIGPIPE, &sa, NULL);
	fprintf(stderr, "%s: serve: listening on %s port %u, at most %lld "
	    "containers\n", cli_progname, sc.addr, bound_port(lfd), sc.max);
	rc = serve_loop(h, &sc, lfd);
	(void)close(lfd);
	shut_down(h, &sc);
	(void)alcove_stop(h, &status);
out:
	free(sc.passwd);
	free(sc.group);
	return rc;
}
