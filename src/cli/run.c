/*
 * alcovectl run: fork a child of the port, make it a sandbox with one call
 * after another in a fixed order, exec the command and relay its stdio.
 * The order (alcovectl(1), SANDBOX ORDER):
 *
 *	clone (--unshare) or fork; the cgroup of --cgroup and --limit
 *	(made before the child, joined by it first); uid and gid maps;
 *	--private-mounts; --hostname; --bind, --tmpfs, --proc (inside the
 *	--chroot directory when there is one); --chroot; --chdir;
 *	--rlimit; --clearenv, --env; --groups; --unveil; --pledge (the
 *	promises of the exec'd command); --user (gid, then uid);
 *	--seccomp-deny; exec.  --jail takes the place of --chroot.
 *
 * Options this system cannot honour are refused before anything runs.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "proto/calls.h"
#include "proto/etf.h"
#include "cli/cli.h"
#include "cli/run.h"

#define LIST_MAX	64	/* repeated options of one kind */
#define GROUPS_MAX	64

struct mountopt {
	int		 kind;		/* MOUNT_* */
	char		*src;
	char		*dst;
	char		*opts;
	int		 ro;
};

#define MOUNT_BIND	0
#define MOUNT_TMPFS	1
#define MOUNT_PROC	2

struct rlimitopt {
	char		 name[32];	/* rlimit_nofile */
	uint64_t	 cur;
	uint64_t	 max;
};

struct runopts {
	const char	*port;
	char		*port_exec;
	const char	*chroot;
	const char	*chdir;
	const char	*hostname;
	char		 unshare[256];	/* clone_newuts|clone_newpid... */
	int		 userns;
	int		 private_mounts;
	int		 clearenv;
	int		 have_user;
	uid_t		 uid;
	gid_t		 gid;
	int		 have_groups;
	gid_t		 groups[GROUPS_MAX];
	size_t		 ngroups;
	struct mountopt	 mounts[LIST_MAX];
	size_t		 nmounts;
	struct rlimitopt rlimits[LIST_MAX];
	size_t		 nrlimits;
	char		*env[LIST_MAX];
	size_t		 nenv;
	const char	*pledge;
	const char	*jail;
	struct run_cgroup cgroup;
	char		*seccomp_deny;	/* system call names, commas */
	char		*unveil[LIST_MAX];	/* path:perms */
	size_t		 nunveil;
	long		 timeout;	/* seconds; 0: none */
	char		**argv;
};

static volatile sig_atomic_t	 got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
}

static int
usage_run(void)
{
	fprintf(stderr, "usage: %s run [--chroot dir] [--chdir dir] "
	    "[--user uid[:gid]] [--groups list]\n"
	    "\t[--rlimit name=cur[:max]] [--env k=v] [--clearenv] "
	    "[--hostname name]\n"
	    "\t[--unshare list] [--private-mounts] [--tmpfs dir[:opts]]\n"
	    "\t[--bind src:dst[:ro]] [--proc] [--jail name] [--pledge promises]"
	    "\n\t[--unveil path:perms] [--privs set] [--seccomp-deny list]\n"
	    "\t[--cgroup name] [--limit controller.key=value] "
	    "[--timeout seconds]\n"
	    "\t[--port-exec prefix] [--port path] -- command [argument ...]\n",
	    cli_progname);
	return EXIT_USAGE;
}

static int
bad(const char *opt, const char *arg, const char *why)
{
	fprintf(stderr, "%s: run: --%s %s: %s\n", cli_progname, opt, arg, why);
	return EXIT_USAGE;
}

/* Refuse an option the port's system lacks the calls for. */
static int
refuse(const char *opt, const char *why)
{
	fprintf(stderr, "%s: run: --%s: %s on %s\n", cli_progname, opt, why,
	    ALCOVE_OS);
	return 1;
}

/* Does the port's system (this build's backend) have the call? */
int
run_have_call(const char *name)
{
	const struct call_info *ci;
	const char *p;
	size_t n = strlen(ALCOVE_OS);
	int c;

	if ((c = alcove_call_number(name)) == -1 ||
	    (ci = call_info((unsigned int)c)) == NULL)
		return 0;
	if (strcmp(ci->systems, "all") == 0)
		return 1;
	for (p = ci->systems; (p = strstr(p, ALCOVE_OS)) != NULL; p += n)
		if ((p == ci->systems || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

static int
parse_id(const char *s, int group, unsigned long *id)
{
	const char *errstr;
	struct passwd *pw;
	struct group *gr;

	*id = (unsigned long)strtonum(s, 0, UINT_MAX - 1, &errstr);
	if (errstr == NULL)
		return 0;
	if (group) {
		if ((gr = getgrnam(s)) == NULL)
			return -1;
		*id = gr->gr_gid;
	} else {
		if ((pw = getpwnam(s)) == NULL)
			return -1;
		*id = pw->pw_uid;
	}
	return 0;
}

static int
opt_user(struct runopts *o, char *arg)
{
	char *colon = strchr(arg, ':');
	struct passwd *pw;
	unsigned long id;

	if (colon != NULL)
		*colon++ = '\0';
	if (parse_id(arg, 0, &id) == -1)
		return bad("user", arg, "no such user");
	o->uid = (uid_t)id;
	if (colon != NULL) {
		if (parse_id(colon, 1, &id) == -1)
			return bad("user", colon, "no such group");
		o->gid = (gid_t)id;
	} else if ((pw = getpwuid(o->uid)) != NULL) {
		o->gid = pw->pw_gid;
	} else {
		o->gid = (gid_t)o->uid;
	}
	o->have_user = 1;
	return 0;
}

static int
opt_groups(struct runopts *o, char *arg)
{
	char *tok, *save = NULL;
	unsigned long id;

	o->have_groups = 1;
	o->ngroups = 0;
	for (tok = strtok_r(arg, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if (o->ngroups == GROUPS_MAX)
			return bad("groups", tok, "too many groups");
		if (parse_id(tok, 1, &id) == -1)
			return bad("groups", tok, "no such group");
		o->groups[o->ngroups++] = (gid_t)id;
	}
	return 0;
}

static int
rlimit_value(const char *s, uint64_t *v)
{
	char *end;

	if (strcmp(s, "unlimited") == 0 || strcmp(s, "infinity") == 0) {
		*v = (uint64_t)RLIM_INFINITY;
		return 0;
	}
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno != 0 || *end != '\0' ? -1 : 0;
}

static int
opt_rlimit(struct runopts *o, char *arg)
{
	struct rlimitopt *r;
	char *eq, *colon, *name, whole[64];
	size_t i;

	(void)snprintf(whole, sizeof(whole), "%s", arg);
	if (o->nrlimits == LIST_MAX)
		return bad("rlimit", arg, "too many limits");
	if ((eq = strchr(arg, '=')) == NULL)
		return bad("rlimit", arg, "expected name=cur[:max]");
	*eq++ = '\0';
	name = arg;
	if (strncasecmp(name, "rlimit_", 7) == 0)
		name += 7;
	r = &o->rlimits[o->nrlimits];
	if (strlen(name) == 0 || strlen(name) + 8 > sizeof(r->name))
		return bad("rlimit", arg, "no such limit");
	(void)snprintf(r->name, sizeof(r->name), "rlimit_%s", name);
	for (i = 7; r->name[i] != '\0'; i++) {
		if (!isalpha((unsigned char)r->name[i]))
			return bad("rlimit", arg, "no such limit");
		r->name[i] = (char)tolower((unsigned char)r->name[i]);
	}
	if ((colon = strchr(eq, ':')) != NULL)
		*colon++ = '\0';
	if (rlimit_value(eq, &r->cur) == -1 ||
	    (colon != NULL && rlimit_value(colon, &r->max) == -1))
		return bad("rlimit", whole, "a limit is a number or unlimited");
	if (colon == NULL)
		r->max = r->cur;
	if (r->cur > r->max)
		return bad("rlimit", whole,
		    "the soft limit is above the hard one");
	o->nrlimits++;
	return 0;
}

/* user,pid,net,mount,uts,ipc,cgroup as clone flags. */
static int
opt_unshare(struct runopts *o, char *arg)
{
	static const char *const ns[][2] = {
		{ "user", "clone_newuser" }, { "pid", "clone_newpid" },
		{ "net", "clone_newnet" }, { "mount", "clone_newns" },
		{ "uts", "clone_newuts" }, { "ipc", "clone_newipc" },
		{ "cgroup", "clone_newcgroup" },
	};
	char *tok, *save = NULL;
	size_t i;

	for (tok = strtok_r(arg, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
			if (strcmp(tok, ns[i][0]) == 0)
				break;
		if (i == sizeof(ns) / sizeof(ns[0]))
			return bad("unshare", tok, "not one of user, pid, net, "
			    "mount, uts, ipc, cgroup");
		if (i == 0)
			o->userns = 1;
		if (strstr(o->unshare, ns[i][1]) == NULL) {
			if (o->unshare[0] != '\0')
				(void)strlcat(o->unshare, "|",
				    sizeof(o->unshare));
			(void)strlcat(o->unshare, ns[i][1], sizeof(o->unshare));
		}
	}
	return 0;
}

static int
opt_mount(struct runopts *o, int kind, char *arg)
{
	struct mountopt *m;
	char *colon;

	if (o->nmounts == LIST_MAX)
		return bad(kind == MOUNT_BIND ? "bind" : kind == MOUNT_TMPFS ?
		    "tmpfs" : "proc", arg != NULL ? arg : "", "too many mounts");
	m = &o->mounts[o->nmounts];
	memset(m, 0, sizeof(*m));
	m->kind = kind;
	if (kind == MOUNT_TMPFS) {
		if ((colon = strchr(arg, ':')) != NULL)
			*colon++ = '\0';
		if (arg[0] != '/')
			return bad("tmpfs", arg, "the directory must be absolute");
		m->dst = arg;
		m->opts = colon;
	} else if (kind == MOUNT_BIND) {
		if ((colon = strchr(arg, ':')) == NULL)
			return bad("bind", arg, "expected src:dst[:ro]");
		*colon++ = '\0';
		m->src = arg;
		m->dst = colon;
		if ((colon = strchr(colon, ':')) != NULL) {
			*colon++ = '\0';
			if (strcmp(colon, "ro") != 0)
				return bad("bind", colon, "the only flag is ro");
			m->ro = 1;
		}
		if (m->src[0] != '/' || m->dst[0] != '/')
			return bad("bind", arg, "both paths must be absolute");
	} else {
		m->dst = "/proc";
	}
	o->nmounts++;
	return 0;
}

enum {
	O_CHROOT = 256, O_CHDIR, O_USER, O_GROUPS, O_RLIMIT, O_ENV, O_CLEARENV,
	O_HOSTNAME, O_UNSHARE, O_PRIVATE, O_TMPFS, O_BIND, O_PROC, O_JAIL,
	O_PLEDGE, O_UNVEIL, O_PRIVS, O_SECCOMP, O_CGROUP, O_LIMIT, O_TIMEOUT,
	O_PORTEXEC, O_PORT
};

static const struct option longopts[] = {
	{ "chroot", required_argument, NULL, O_CHROOT },
	{ "chdir", required_argument, NULL, O_CHDIR },
	{ "user", required_argument, NULL, O_USER },
	{ "groups", required_argument, NULL, O_GROUPS },
	{ "rlimit", required_argument, NULL, O_RLIMIT },
	{ "env", required_argument, NULL, O_ENV },
	{ "clearenv", no_argument, NULL, O_CLEARENV },
	{ "hostname", required_argument, NULL, O_HOSTNAME },
	{ "unshare", required_argument, NULL, O_UNSHARE },
	{ "private-mounts", no_argument, NULL, O_PRIVATE },
	{ "tmpfs", required_argument, NULL, O_TMPFS },
	{ "bind", required_argument, NULL, O_BIND },
	{ "proc", no_argument, NULL, O_PROC },
	{ "jail", required_argument, NULL, O_JAIL },
	{ "pledge", required_argument, NULL, O_PLEDGE },
	{ "unveil", required_argument, NULL, O_UNVEIL },
	{ "privs", required_argument, NULL, O_PRIVS },
	{ "seccomp-deny", required_argument, NULL, O_SECCOMP },
	{ "cgroup", required_argument, NULL, O_CGROUP },
	{ "limit", required_argument, NULL, O_LIMIT },
	{ "timeout", required_argument, NULL, O_TIMEOUT },
	{ "port-exec", required_argument, NULL, O_PORTEXEC },
	{ "port", required_argument, NULL, O_PORT },
	{ NULL, 0, NULL, 0 }
};

/*
 * Read the options; refuse what this system cannot do.  0, or the exit
 * status: EXIT_USAGE for bad input, 1 for an option refused.
 */
static int
parse_options(struct runopts *o, int argc, char **argv)
{
	const char *errstr;
	int c, rc, dashdash = 0, i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0)
			dashdash = 1;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		rc = 0;
		switch (c) {
		case O_CHROOT:	o->chroot = optarg; break;
		case O_CHDIR:	o->chdir = optarg; break;
		case O_USER:	rc = opt_user(o, optarg); break;
		case O_GROUPS:	rc = opt_groups(o, optarg); break;
		case O_RLIMIT:	rc = opt_rlimit(o, optarg); break;
		case O_ENV:
			if (strchr(optarg, '=') == NULL || optarg[0] == '=')
				return bad("env", optarg, "expected name=value");
			if (o->nenv == LIST_MAX)
				return bad("env", optarg, "too many variables");
			o->env[o->nenv++] = optarg;
			break;
		case O_CLEARENV: o->clearenv = 1; break;
		case O_HOSTNAME:
			if (optarg[0] == '\0')
				return bad("hostname", "\"\"", "empty name");
			o->hostname = optarg;
			break;
		case O_UNSHARE:	rc = opt_unshare(o, optarg); break;
		case O_PRIVATE:	o->private_mounts = 1; break;
		case O_TMPFS:	rc = opt_mount(o, MOUNT_TMPFS, optarg); break;
		case O_BIND:	rc = opt_mount(o, MOUNT_BIND, optarg); break;
		case O_PROC:	rc = opt_mount(o, MOUNT_PROC, NULL); break;
		case O_JAIL:
			if (!run_have_call("jail"))
				return refuse("jail", "jails are not supported");
			if (optarg[0] == '\0')
				return bad("jail", "\"\"", "empty name");
			o->jail = optarg;
			break;
		case O_PLEDGE:
			if (!run_have_call("pledge"))
				return refuse("pledge",
				    "pledge and unveil are not supported");
			o->pledge = optarg;
			break;
		case O_UNVEIL:
			if (!run_have_call("unveil"))
				return refuse("unveil",
				    "pledge and unveil are not supported");
			if (strrchr(optarg, ':') == NULL)
				return bad("unveil", optarg,
				    "expected path:permissions");
			if (o->nunveil == LIST_MAX)
				return bad("unveil", optarg, "too many paths");
			o->unveil[o->nunveil++] = optarg;
			break;
		case O_PRIVS:
			return refuse("privs", "the protocol has no call for "
			    "privilege sets, so no port can apply them");
		case O_SECCOMP:
			if (!run_have_call("seccomp"))
				return refuse("seccomp-deny",
				    "seccomp is not supported");
			if (strspn(optarg, "abcdefghijklmnopqrstuvwxyz0123456789_,")
			    != strlen(optarg) || optarg[0] == '\0')
				return bad("seccomp-deny", optarg,
				    "expected system call names, commas between");
			o->seccomp_deny = optarg;
			break;
		case O_CGROUP:
			if (run_cgroup_name(&o->cgroup, optarg) == -1)
				return bad("cgroup", optarg, "expected names "
				    "separated by /, not . or ..");
			break;
		case O_LIMIT:
			if (run_cgroup_limit(&o->cgroup, optarg) == -1)
				return bad("limit", optarg,
				    "expected controller.key=value");
			break;
		case O_TIMEOUT:
			o->timeout = (long)strtonum(optarg, 1, 86400 * 365,
			    &errstr);
			if (errstr != NULL)
				return bad("timeout", optarg, errstr);
			break;
		case O_PORTEXEC: o->port_exec = optarg; break;
		case O_PORT:	o->port = optarg; break;
		default:
			if (optopt >= O_CHROOT)
				fprintf(stderr, "%s: run: --%s needs an "
				    "argument\n", cli_progname,
				    longopts[optopt - O_CHROOT].name);
			else
				fprintf(stderr, "%s: run: unknown option: %s\n",
				    cli_progname, argv[optind - 1]);
			return EXIT_USAGE;
		}
		if (rc != 0)
			return rc;
	}
	if (!dashdash || optind < 2 || strcmp(argv[optind - 1], "--") != 0) {
		fprintf(stderr, "%s: run: the command must follow --\n",
		    cli_progname);
		return EXIT_USAGE;
	}
	if (optind == argc) {
		fprintf(stderr, "%s: run: no command after --\n", cli_progname);
		return EXIT_USAGE;
	}
	o->argv = argv + optind;
	if ((o->unshare[0] != '\0' || o->private_mounts) &&
	    !run_have_call("clone"))
		return refuse(o->unshare[0] != '\0' ? "unshare" :
		    "private-mounts", "namespaces are not supported");
	if (o->hostname != NULL && o->jail == NULL &&
	    strstr(o->unshare, "clone_newuts") == NULL)
		return refuse("hostname", run_have_call("jail") ? "a hostname needs "
		    "--jail, or it would be the host's: refused" : "a hostname "
		    "needs --unshare uts, or it would be the host's: refused");
	if (o->nmounts > 0 && strstr(o->unshare, "clone_newns") == NULL)
		return refuse(o->mounts[0].kind == MOUNT_BIND ? "bind" :
		    o->mounts[0].kind == MOUNT_TMPFS ? "tmpfs" : "proc",
		    "mounts need --unshare mount, or they would be the host's: "
		    "refused");
	if (o->private_mounts && strstr(o->unshare, "clone_newns") == NULL)
		return refuse("private-mounts", "needs --unshare mount");
	return 0;
}

/* Each call of the sandbox, checked: a failure names its step. */
struct step {
	struct alcove	*h;
	pid_t		 child;
	const char	*what;
};

static int
failed(struct step *st, int err)
{
	fprintf(stderr, "%s: run: %s: %s\n", cli_progname, st->what,
	    alcove_strerror(err));
	return 1;
}

static int
call_ok(struct step *st, int err, struct alcove_term *t)
{
	if (err == 0 && t != NULL)
		err = alcove_reply_error(t);
	alcove_term_free(t);
	return err == 0 ? 0 : failed(st, err);
}

/* A path inside the new root when there is one. */
static int
rooted(const struct runopts *o, const char *p, char *buf, size_t size)
{
	if (o->chroot == NULL)
		return snprintf(buf, size, "%s", p) >= (int)size ? -1 : 0;
	return snprintf(buf, size, "%s%s", o->chroot, p) >= (int)size ? -1 : 0;
}

static int
write_file(struct step *st, const char *file, const char *text)
{
	size_t n;
	int fd, err;

	st->what = file;
	if ((err = alcove_open(st->h, &st->child, 1, file, O_WRONLY, 0, &fd))
	    != 0)
		return failed(st, err);
	err = alcove_write(st->h, &st->child, 1, fd, text, strlen(text), &n);
	(void)alcove_close(st->h, &st->child, 1, fd);
	return err != 0 ? failed(st, err) : 0;
}

static int
do_mounts(const struct runopts *o, struct step *st)
{
	struct alcove_term *t;
	char dst[PATH_MAX];
	size_t i;
	int err;

	for (i = 0; i < o->nmounts; i++) {
		const struct mountopt *m = &o->mounts[i];

		st->what = m->kind == MOUNT_BIND ? "bind" : m->kind ==
		    MOUNT_TMPFS ? "tmpfs" : "proc";
		if (rooted(o, m->dst, dst, sizeof(dst)) == -1)
			return failed(st, ENAMETOOLONG);
		if (m->kind == MOUNT_BIND) {
			err = alcove_call(st->h, &st->child, 1, CALL_mount,
			    ALCOVE_DEFAULT, &t, "ssn[aa]nn", m->src, dst,
			    "ms_bind", "ms_rec");
			if (call_ok(st, err, t) != 0)
				return 1;
			if (!m->ro)
				continue;
			/* The bind flag again, or the remount would apply
			 * to the whole file system. */
			err = alcove_call(st->h, &st->child, 1, CALL_mount,
			    ALCOVE_DEFAULT, &t, "ssn[aaaa]nn", m->src, dst,
			    "ms_bind", "ms_remount", "ms_rdonly", "ms_rec");
		} else if (m->kind == MOUNT_TMPFS) {
			err = alcove_call(st->h, &st->child, 1, CALL_mount,
			    ALCOVE_DEFAULT, &t, "sss[aa]sn", "tmpfs", dst,
			    "tmpfs", "ms_nosuid", "ms_nodev",
			    m->opts != NULL ? m->opts : "");
		} else {
			err = alcove_call(st->h, &st->child, 1, CALL_mount,
			    ALCOVE_DEFAULT, &t, "sss[aaa]nn", "proc", dst,
			    "proc", "ms_nosuid", "ms_nodev", "ms_noexec");
		}
		if (call_ok(st, err, t) != 0)
			return 1;
	}
	return 0;
}

/* A value of the port's system, for the filter. */
static int
port_value(struct step *st, const char *name, uint32_t *v)
{
	int err;

	if ((err = alcove_bpf_constant(st->h, &st->child, 1, name, v)) != 0) {
		st->what = name;
		return failed(st, err == ALCOVE_EUNKNOWN ? ENOTSUP : err);
	}
	return 0;
}

/*
 * The audit architecture of the port's system calls, from the kernel's
 * name for its machine.  x32 system calls share x86_64's: they are
 * refused by their number's bit.
 */
static int
port_arch(struct step *st, char *name, size_t size, int *x32)
{
	static const char *const arch[][2] = {
		{ "x86_64", "audit_arch_x86_64" },
		{ "aarch64", "audit_arch_aarch64" },
		{ "i686", "audit_arch_i386" }, { "i386", "audit_arch_i386" },
		{ "armv7l", "audit_arch_arm" }, { "ppc64le", "audit_arch_ppc64le" },
		{ "s390x", "audit_arch_s390x" }, { "riscv64", "audit_arch_riscv64" },
	};
	char machine[64];
	size_t got, i;
	int fd, err;

	st->what = "/proc/sys/kernel/arch";
	if ((err = alcove_open(st->h, &st->child, 1, st->what, O_RDONLY, 0,
	    &fd)) != 0)
		return failed(st, err);
	err = alcove_read(st->h, &st->child, 1, fd, machine,
	    sizeof(machine) - 1, &got);
	(void)alcove_close(st->h, &st->child, 1, fd);
	if (err != 0)
		return failed(st, err);
	machine[got] = '\0';
	machine[strcspn(machine, "\n")] = '\0';
	for (i = 0; i < sizeof(arch) / sizeof(arch[0]); i++) {
		if (strcmp(machine, arch[i][0]) == 0) {
			(void)snprintf(name, size, "%s", arch[i][1]);
			*x32 = i == 0;
			return 0;
		}
	}
	fprintf(stderr, "%s: run: --seccomp-deny: no filter for the machine "
	    "%s\n", cli_progname, machine);
	return 1;
}

/*
 * The filter of --seccomp-deny, last before exec: a foreign architecture
 * kills, each named call fails with EPERM, the rest is allowed.
 */
static int
seccomp_deny(const struct runopts *o, struct step *st)
{
	struct alcove_arg one[4];
	struct alcove_bpf prog;
	char arch[32], sys[80], list[512], *tok, *save = NULL;
	uint32_t a, kill, errno_ret, allow, nr;
	int x32 = 0, err, rc = 1;

	if (port_arch(st, arch, sizeof(arch), &x32) != 0 ||
	    port_value(st, arch, &a) != 0 ||
	    port_value(st, "seccomp_ret_kill_process", &kill) != 0 ||
	    port_value(st, "seccomp_ret_errno", &errno_ret) != 0 ||
	    port_value(st, "seccomp_ret_allow", &allow) != 0)
		return 1;
	alcove_bpf_init(&prog);
	(void)alcove_bpf_arch(&prog, a, kill);
	(void)alcove_bpf_stmt(&prog, ALCOVE_BPF_LD | ALCOVE_BPF_W |
	    ALCOVE_BPF_ABS, ALCOVE_BPF_DATA_NR);
	if (x32)
		(void)alcove_bpf_jump(&prog, ALCOVE_BPF_JMP | ALCOVE_BPF_JGE |
		    ALCOVE_BPF_K, 0x40000000, 0, 1),
		(void)alcove_bpf_stmt(&prog, ALCOVE_BPF_RET | ALCOVE_BPF_K,
		    kill);
	(void)snprintf(list, sizeof(list), "%s", o->seccomp_deny);
	for (tok = strtok_r(list, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		(void)snprintf(sys, sizeof(sys), "sys_%s", tok);
		if (port_value(st, sys, &nr) != 0)
			goto done;
		(void)alcove_bpf_syscall(&prog, nr, errno_ret | EPERM);
	}
	(void)alcove_bpf_stmt(&prog, ALCOVE_BPF_RET | ALCOVE_BPF_K, allow);
	memset(one, 0, sizeof(one));
	one[0].type = ALCOVE_ARG_INT;
	one[0].n = 1;
	st->what = "seccomp-deny";
	if ((err = alcove_prctl(st->h, &st->child, 1, "pr_set_no_new_privs",
	    one, NULL)) != 0 || (err = alcove_seccomp(st->h, &st->child, 1,
	    "seccomp_set_mode_filter", NULL, &prog)) != 0) {
		(void)failed(st, err);
		goto done;
	}
	rc = 0;
done:
	alcove_bpf_free(&prog);
	return rc;
}

/* Every step before exec, in the documented order. */
static int
build_sandbox(const struct runopts *o, struct step *st)
{
	struct alcove_term *t;
	char map[64];
	size_t i;
	int err;

	if (o->userns) {
		(void)snprintf(map, sizeof(map), "0 %lu 1\n",
		    (unsigned long)geteuid());
		if (write_file(st, "/proc/self/setgroups", "deny") != 0 ||
		    write_file(st, "/proc/self/uid_map", map) != 0)
			return 1;
		(void)snprintf(map, sizeof(map), "0 %lu 1\n",
		    (unsigned long)getegid());
		if (write_file(st, "/proc/self/gid_map", map) != 0)
			return 1;
	}
	if (o->private_mounts) {
		st->what = "private-mounts";
		err = alcove_call(st->h, &st->child, 1, CALL_mount,
		    ALCOVE_DEFAULT, &t, "ssn[aa]nn", "none", "/", "ms_rec",
		    "ms_private");
		if (call_ok(st, err, t) != 0)
			return 1;
	}
	if (o->hostname != NULL && o->jail == NULL) {
		st->what = "hostname";
		err = alcove_call(st->h, &st->child, 1, CALL_sethostname,
		    ALCOVE_DEFAULT, &t, "s", o->hostname);
		if (call_ok(st, err, t) != 0)
			return 1;
	}
	if (do_mounts(o, st) != 0)
		return 1;
	if (o->jail != NULL) {
		struct alcove_jail j;
		int jid;

		memset(&j, 0, sizeof(j));
		j.path = o->chroot != NULL ? o->chroot : "/";
		j.hostname = o->hostname != NULL ? o->hostname : o->jail;
		j.jailname = o->jail;
		st->what = "jail";
		if ((err = alcove_jail(st->h, &st->child, 1, &j, &jid)) != 0 ||
		    (err = alcove_chdir(st->h, &st->child, 1, "/")) != 0)
			return failed(st, err);
	} else if (o->chroot != NULL) {
		st->what = "chroot";
		if ((err = alcove_chroot(st->h, &st->child, 1, o->chroot)) != 0 ||
		    (err = alcove_chdir(st->h, &st->child, 1, "/")) != 0)
			return failed(st, err);
	}
	if (o->chdir != NULL) {
		st->what = "chdir";
		if ((err = alcove_chdir(st->h, &st->child, 1, o->chdir)) != 0)
			return failed(st, err);
	}
	for (i = 0; i < o->nrlimits; i++) {
		st->what = o->rlimits[i].name;
		err = alcove_call(st->h, &st->child, 1, CALL_setrlimit,
		    ALCOVE_DEFAULT, &t, "a{auu}", o->rlimits[i].name,
		    "alcove_rlimit", (unsigned long long)o->rlimits[i].cur,
		    (unsigned long long)o->rlimits[i].max);
		if (call_ok(st, err, t) != 0)
			return 1;
	}
	if (o->clearenv) {
		st->what = "clearenv";
		if ((err = alcove_clearenv(st->h, &st->child, 1)) != 0)
			return failed(st, err);
	}
	/*
	 * The command's streams are pipes, so a terminal's size can only
	 * reach it as COLUMNS and LINES (an --env of its own wins).
	 */
	if (isatty(STDIN_FILENO)) {
		struct winsize ws;
		char v[16];

		if (ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 &&
		    ws.ws_row > 0) {
			st->what = "COLUMNS";
			(void)snprintf(v, sizeof(v), "%u", (unsigned)ws.ws_col);
			if ((err = alcove_setenv(st->h, &st->child, 1, "COLUMNS",
			    v, 1)) != 0)
				return failed(st, err);
			(void)snprintf(v, sizeof(v), "%u", (unsigned)ws.ws_row);
			if ((err = alcove_setenv(st->h, &st->child, 1, "LINES",
			    v, 1)) != 0)
				return failed(st, err);
		}
	}
	for (i = 0; i < o->nenv; i++) {
		char name[256];
		const char *eq = strchr(o->env[i], '=');

		st->what = o->env[i];
		if ((size_t)(eq - o->env[i]) >= sizeof(name))
			return failed(st, ENAMETOOLONG);
		memcpy(name, o->env[i], (size_t)(eq - o->env[i]));
		name[eq - o->env[i]] = '\0';
		if ((err = alcove_setenv(st->h, &st->child, 1, name, eq + 1, 1))
		    != 0)
			return failed(st, err);
	}
	if (o->have_groups || o->have_user) {
		st->what = "groups";
		err = o->have_groups ? alcove_setgroups(st->h, &st->child, 1,
		    o->groups, o->ngroups) : alcove_setgroups(st->h,
		    &st->child, 1, &o->gid, 1);
		if (err != 0)
			return failed(st, err);
	}
	/* unveil, then pledge the promises the command execs with: the
	 * child itself must still be able to exec it. */
	for (i = 0; i < o->nunveil; i++) {
		char *colon = strrchr(o->unveil[i], ':');

		st->what = o->unveil[i];
		*colon = '\0';
		err = alcove_call(st->h, &st->child, 1, CALL_unveil,
		    ALCOVE_DEFAULT, &t, "ss", o->unveil[i], colon + 1);
		*colon = ':';
		if (call_ok(st, err, t) != 0)
			return 1;
	}
	if (o->nunveil > 0) {
		st->what = "unveil";
		err = alcove_call(st->h, &st->child, 1, CALL_unveil,
		    ALCOVE_DEFAULT, &t, "nn");
		if (call_ok(st, err, t) != 0)
			return 1;
	}
	if (o->pledge != NULL) {
		st->what = "pledge";
		err = alcove_call(st->h, &st->child, 1, CALL_pledge,
		    ALCOVE_DEFAULT, &t, "ns", o->pledge);
		if (call_ok(st, err, t) != 0)
			return 1;
	}
	if (o->have_user) {
		st->what = "user";
		if ((err = alcove_setresgid(st->h, &st->child, 1, o->gid, o->gid,
		    o->gid)) != 0 || (err = alcove_setresuid(st->h, &st->child,
		    1, o->uid, o->uid, o->uid)) != 0)
			return failed(st, err);
	}
	if (o->seccomp_deny != NULL && seccomp_deny(o, st) != 0)
		return 1;
	return 0;
}

/* fork, or clone with the namespaces asked for. */
static int
start_child(const struct runopts *o, struct step *st)
{
	unsigned char buf[512];
	struct alcove_term *t;
	struct etf_enc e;
	char flags[sizeof(o->unshare)], *tok, *save = NULL;
	uint32_t n = 0;
	int64_t pid;
	int err;

	if (o->unshare[0] == '\0') {
		st->what = "fork";
		err = alcove_fork(st->h, NULL, 0, &st->child);
		return err != 0 ? failed(st, err) : 0;
	}
	st->what = "unshare";
	(void)strlcpy(flags, o->unshare, sizeof(flags));
	for (tok = flags; *tok != '\0'; tok++)
		n += *tok == '|';
	etf_enc_init(&e, buf, sizeof(buf));
	etf_put_list(&e, n + 1);
	for (tok = strtok_r(flags, "|", &save); tok != NULL;
	    tok = strtok_r(NULL, "|", &save))
		etf_put_atom(&e, tok);
	etf_put_nil(&e);
	err = alcove_call(st->h, NULL, 0, CALL_clone, ALCOVE_DEFAULT, &t, "r",
	    buf, e.len);
	if (err == 0 && (err = alcove_reply_error(t)) == 0 &&
	    (t->type != ALCOVE_TERM_TUPLE || t->n != 2 ||
	    alcove_term_int(&t->e[1], &pid) == -1))
		err = ALCOVE_EPROTO;
	alcove_term_free(t);
	if (err != 0)
		return failed(st, err);
	st->child = (pid_t)pid;
	return 0;
}

/* The child's stdin descriptor in the port, to close it at our EOF. */
static int
close_child_stdin(struct alcove *h, pid_t child)
{
	struct alcove_pid *pids;
	size_t n, i;
	int err, fd = -1;

	if ((err = alcove_cpid(h, NULL, 0, &pids, &n)) != 0)
		return err;
	for (i = 0; i < n; i++)
		if (pids[i].pid == child)
			fd = pids[i].fdin;
	free(pids);
	return fd >= 0 ? alcove_close(h, NULL, 0, fd) : 0;
}

static int
exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 1;
}

static int
write_all(int fd, const unsigned char *p, size_t len)
{
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int64_t
now_ms(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * What the command may have in flight on its stdin: the port acknowledges
 * what the pipe took (the stdin_ack option), and its queue for the command
 * holds STDIN_QUEUE bytes (the stdin_queue option), so at most this much
 * is unacknowledged and nothing is ever dropped.
 */
#define STDIN_QUEUE	(256 * 1024)

/* {stdin_ack, N}: N more bytes reached the command. */
int
run_stdin_ack(const struct alcove_msg *m, size_t *unacked)
{
	int64_t n;

	if (m->type != ALCOVE_MSG_EVENT || m->term == NULL ||
	    m->term->type != ALCOVE_TERM_TUPLE || m->term->n != 2 ||
	    !alcove_term_atom(&m->term->e[0], "stdin_ack") ||
	    alcove_term_int(&m->term->e[1], &n) == -1 || n < 0)
		return 0;
	*unacked = (size_t)n > *unacked ? 0 : *unacked - (size_t)n;
	return 1;
}

/*
 * Relay stdin to the command and its output back until it exits; pass on
 * the signals that would end us; kill it at the deadline.
 */
static int
relay(struct alcove *h, pid_t child, long timeout)
{
	unsigned char buf[16384];
	struct alcove_msg *m;
	struct pollfd pf[3];
	int64_t deadline = timeout > 0 ? now_ms() + timeout * 1000 : -1;
	int stdin_open = 1, status = 0, err, killed = 0;
	size_t unacked = 0;
	ssize_t n;

	for (;;) {
		if (got_signal != 0) {
			(void)alcove_kill(h, NULL, 0, child, got_signal);
			got_signal = 0;
		}
		if (deadline >= 0 && now_ms() >= deadline && !killed) {
			fprintf(stderr, "%s: run: timed out after %ld s\n",
			    cli_progname, timeout);
			(void)alcove_kill(h, NULL, 0, child, SIGKILL);
			killed = 1;
			deadline = -1;
		}
		/* Everything the port has said is handled first. */
		while ((err = alcove_recv(h, &child, 1, ALCOVE_MSG_ANY, 0,
		    &m)) == 0) {
			if (m->type == ALCOVE_MSG_STDOUT ||
			    m->type == ALCOVE_MSG_STDERR)
				(void)write_all(m->type == ALCOVE_MSG_STDOUT ?
				    STDOUT_FILENO : STDERR_FILENO, m->data,
				    m->len);
			else if (!run_stdin_ack(m, &unacked) &&
			    alcove_msg_exit(m, &status) == 0) {
				alcove_msg_free(m);
				return exit_code(status);
			}
			alcove_msg_free(m);
		}
		if (err != ALCOVE_ETIMEDOUT) {
			fprintf(stderr, "%s: run: %s\n", cli_progname,
			    alcove_strerror(err));
			return 1;
		}
		/* Then wait for the port, and for stdin while it has room. */
		pf[0].fd = alcove_fd(h);
		pf[0].events = POLLIN;
		pf[1].fd = alcove_fd_out(h);
		pf[1].events = POLLOUT;
		pf[2].fd = stdin_open && unacked + sizeof(buf) <= RUN_STDIN_WINDOW ?
		    STDIN_FILENO : -1;
		pf[2].events = POLLIN;
		pf[0].revents = pf[1].revents = pf[2].revents = 0;
		if (poll(pf, 3, deadline < 0 ? 1000 : (int)(deadline > now_ms() ?
		    (deadline - now_ms() > 1000 ? 1000 : deadline - now_ms()) :
		    0)) == -1 && errno != EINTR)
			return 1;
		if ((pf[0].revents | pf[1].revents) != 0 &&
		    (err = alcove_dispatch(h)) != 0) {
			fprintf(stderr, "%s: run: %s\n", cli_progname,
			    alcove_strerror(err));
			return 1;
		}
		if (!(pf[2].revents & (POLLIN | POLLHUP)))
			continue;
		if ((n = read(STDIN_FILENO, buf, sizeof(buf))) > 0) {
			if ((err = alcove_stdin(h, &child, 1, buf, (size_t)n)) !=
			    0)
				stdin_open = 0;
			else
				unacked += (size_t)n;
		} else if (n == 0 || errno != EINTR) {
			stdin_open = 0;
			(void)close_child_stdin(h, child);
		}
	}
}

/* The exec prefix as words: "sudo -n" -> {"sudo", "-n", NULL}. */
static char **
split_words(char *s)
{
	char **v = NULL, **nv, *tok, *save = NULL;
	size_t n = 0;

	for (tok = strtok_r(s, " \t", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t", &save)) {
		if ((nv = reallocarray(v, n + 2, sizeof(*v))) == NULL) {
			free(v);
			return NULL;
		}
		v = nv;
		v[n++] = tok;
		v[n] = NULL;
	}
	return v;
}

int
cmd_run(int argc, char **argv)
{
	struct alcove_options opt;
	struct runopts o;
	struct step st;
	struct sigaction sa;
	char **words = NULL;
	const char *env;
	int rc, err, status;

	memset(&o, 0, sizeof(o));
	if ((rc = parse_options(&o, argc, argv)) != 0)
		return rc == EXIT_USAGE && argc < 2 ? usage_run() : rc;
	alcove_options_init(&opt);
	if (o.port != NULL)
		opt.progname = o.port;
	else if ((env = getenv("ALCOVE_PORT")) != NULL)
		opt.progname = env;
	if (o.port_exec != NULL) {
		if ((words = split_words(o.port_exec)) == NULL) {
			fprintf(stderr, "%s: run: --port-exec: %s\n",
			    cli_progname, strerror(ENOMEM));
			return 1;
		}
		opt.exec = (const char *const *)words;
	}
	opt.timeout = 30000;
	if ((err = alcove_start(&st.h, &opt)) != 0) {
		fprintf(stderr, "%s: run: starting the port: %s\n",
		    cli_progname, alcove_strerror(err));
		free(words);
		return 1;
	}
	free(words);
	/*
	 * The port queues the command's stdin and says what the pipe took
	 * (relay()); by default it would drop what the pipe cannot take now.
	 */
	st.what = "stdin_queue";
	if ((err = alcove_setopt(st.h, NULL, 0, "stdin_queue",
	    STDIN_QUEUE)) == 0) {
		st.what = "stdin_ack";
		err = alcove_setopt(st.h, NULL, 0, "stdin_ack", 1);
	}
	if (err != 0) {
		(void)failed(&st, err);
		(void)alcove_stop(st.h, &status);
		return 1;
	}
	if ((rc = run_cgroup_make(&o.cgroup, st.h)) != 0) {
		(void)alcove_stop(st.h, &status);
		return rc;
	}
	rc = start_child(&o, &st);
	if (rc == 0)
		rc = run_cgroup_join(&o.cgroup, st.h, st.child);
	if (rc == 0)
		rc = build_sandbox(&o, &st);
	if (rc == 0) {
		st.what = o.argv[0];
		err = alcove_execvp(st.h, &st.child, 1, o.argv[0], o.argv);
		if (err != 0) {
			(void)failed(&st, err);
			rc = err == ENOENT ? 127 : 126;
		}
	}
	if (rc == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		(void)sigemptyset(&sa.sa_mask);
		(void)sigaction(SIGINT, &sa, NULL);
		(void)sigaction(SIGTERM, &sa, NULL);
		(void)sigaction(SIGHUP, &sa, NULL);
		(void)sigaction(SIGQUIT, &sa, NULL);
		rc = relay(st.h, st.child, o.timeout);
	}
	if (o.cgroup.cg != NULL) {
		/* The command, if the relay ended before it did. */
		(void)alcove_kill(st.h, NULL, 0, st.child, SIGKILL);
		run_cgroup_remove(&o.cgroup, st.h);
	}
	(void)alcove_stop(st.h, &status);
	return rc;
}
