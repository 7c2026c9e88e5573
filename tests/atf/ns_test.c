/*
 * Linux namespaces and process controls through the port, with exact
 * replies: clone, unshare, setns, pivot_root, sethostname, prctl, seccomp,
 * ptrace, alloc, fexecve, a privileged descriptor across exec, and
 * sockets with select, ioctl and fcntl.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"
#include "testlib.h"

#ifndef nitems
#define nitems(a)	(sizeof(a) / sizeof((a)[0]))
#endif

/* The unprivileged user and group of the checks that drop root. */
#define NOBODY		65534

/* clone_newuts | clone_newpid | clone_newns | clone_newnet | clone_newipc */
#define NS_FLAGS	1812070400

/* Values of the seccomp filter language (linux/filter.h, seccomp.h). */
#define BPF_LD_W_ABS	0x20	/* BPF_LD | BPF_W | BPF_ABS */
#define BPF_JEQ_K	0x15	/* BPF_JMP | BPF_JEQ | BPF_K */
#define BPF_RET_K	0x06	/* BPF_RET | BPF_K */
#define RET_KILL_PROCESS 0x80000000U
#define RET_ERRNO	0x00050000U
#define RET_TRAP	0x00030000U
#define RET_ALLOW	0x7fff0000U
/* struct seccomp_data: the system call number, then the audit arch. */
#define DATA_NR		0
#define DATA_ARCH	4

/* One instruction: struct sock_filter has this layout everywhere. */
struct insn {
	uint16_t	code;
	uint8_t		jt;
	uint8_t		jf;
	uint32_t	k;
};

/* Every check needs root and the Linux backend. */
#define TC(name, text)	T_TC_ROOT(name, text)

/* ---- processes ---- */

/* The pid as the test sees it (only right outside a new PID namespace). */
static pid_t
proc_pid(const struct t_proc *p)
{
	return p->n > 0 ? p->path[p->n - 1] : alcove_port_pid(p->h);
}

/* The outcome of a call that the process did not live to answer. */
static const char *
exited(void)
{
	return t_want("<%s (%d)>", alcove_strerror(ALCOVE_EEXITED),
	    ALCOVE_EEXITED);
}

/* The next event for p, as text. */
static const char *
next_event(const struct t_proc *p)
{
	struct alcove_msg *m;
	const char *s;

	m = t_recv(T_AT(p), ALCOVE_MSG_EVENT);
	s = t_term_text(m->term);
	alcove_msg_free(m);
	return s;
}

/* ---- what the kernel says ---- */

/* The value of a "Name:\tvalue" line of /proc/PID/status. */
static const char *
status_field(pid_t pid, const char *name)
{
	char buf[8192], key[64], *p, *end;

	(void)t_slurp(t_want("/proc/%d/status", (int)pid), buf, sizeof(buf));
	(void)snprintf(key, sizeof(key), "\n%s:\t", name);
	if ((p = strstr(buf, key)) == NULL)
		return "<none>";
	p += strlen(key);
	if ((end = strchr(p, '\n')) != NULL)
		*end = '\0';
	return t_want("%s", p);
}

/*
 * Stop unless pid is in a namespace of its own: a check that changes the
 * host name or mounts must never reach the test's own.
 */
static void
require_own_ns(pid_t pid, const char *ns)
{
	const char *mine = t_ns_of(0, ns), *its = t_ns_of(pid, ns);

	if (strcmp(mine, its) == 0)
		atf_tc_fail("pid %d shares the test's %s namespace (%s)",
		    (int)pid, ns, its);
}

static const char *
my_hostname(void)
{
	char name[256];

	ATF_REQUIRE(gethostname(name, sizeof(name)) == 0);
	return t_want("%s", name);
}

/*
 * A wrapper's emulation (valgrind's) has no seccomp(2) and answers a bad
 * fexecve descriptor with ENOENT, so those checks hold only for a port run
 * directly.
 */
static void
require_unwrapped(const atf_tc_t *tc)
{
	if (t_wrapped(tc))
		atf_tc_skip("seccomp(2) does not work under the port wrapper "
		    "(%s)", atf_tc_get_config_var(tc, "port_wrapper"));
}

static void
start(const atf_tc_t *tc, struct t_proc *root)
{
	t_require_backend("linux");
	t_proc_root(root, tc);
}

/* ---- clone into new namespaces ---- */

/* /proc/net/dev of a network namespace where lo is all there is. */
static const char *
net_dev_lo_only(void)
{
	return t_want("Inter-|   Receive                                    "
	    "            |  Transmit\n"
	    " face |bytes    packets errs drop fifo frame compressed multicast"
	    "|bytes    packets errs drop fifo colls carrier compressed\n"
	    "%6s:%8d %7d %4d %4d %4d %5d %10d %9d %8d %7d %4d %4d %4d %5d "
	    "%7d %10d\n", "lo", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0);
}

/* An ifreq naming ifname with these flags. */
static struct ifreq *
ifreq(struct ifreq *ifr, const char *ifname, int flags)
{
	memset(ifr, 0, sizeof(*ifr));
	(void)snprintf(ifr->ifr_name, sizeof(ifr->ifr_name), "%s", ifname);
	ifr->ifr_flags = (short)flags;
	return ifr;
}

/* The same as the ioctl's binary argument reads back. */
static const char *
ifreq_text(const char *ifname, int flags)
{
	struct ifreq ifr;

	return t_binary_text(ifreq(&ifr, ifname, flags), sizeof(ifr));
}

/* The flags of an interface in the test's own network namespace. */
static int
host_if_flags(const char *ifname)
{
	struct ifreq ifr;
	int s, rv = -1;

	(void)ifreq(&ifr, ifname, 0);
	ATF_REQUIRE((s = socket(AF_INET, SOCK_DGRAM, 0)) != -1);
#if defined(SIOCGIFFLAGS)
	rv = ioctl(s, SIOCGIFFLAGS, &ifr);
#else
	errno = ENOTTY;		/* only Linux runs these checks */
#endif
	(void)close(s);
	ATF_REQUIRE_MSG(rv == 0, "SIOCGIFFLAGS %s: %s", ifname,
	    strerror(errno));
	return ifr.ifr_flags;
}

/* A host interface other than lo, or NULL. */
static const char *
host_other_if(void)
{
	struct if_nameindex *ifs, *i;
	const char *name = NULL;

	if ((ifs = if_nameindex()) == NULL)
		return NULL;
	for (i = ifs; i->if_index != 0; i++)
		if (strcmp(i->if_name, "lo") != 0) {
			name = t_want("%s", i->if_name);
			break;
		}
	if_freenameindex(ifs);
	return name;
}

/*
 * The child pid that clone created with the five namespace flags: what it
 * sees of itself, of the host name, the network and the mounts.
 */
static void
check_cloned(struct t_proc *root, pid_t pid)
{
	static const char *fresh[] = { "uts", "pid", "mnt", "net", "ipc" };
	static const char *shared[] = { "user", "cgroup" };
	struct alcove_pid *cp;
	struct ifreq ifr;
	struct t_proc c, g;
	const char *host = my_hostname(), *out, *err, *dir, *other;
	size_t n, i;
	int fd, status;

	t_proc_child(root, &c, pid);

	/* The port lists the real pid; inside, the child is 1. */
	ATF_CHECK(pid > 1);
	T_OK(alcove_cpid(T_AT(root), &cp, &n));
	ATF_CHECK_EQ(n, 1);
	ATF_CHECK_EQ(n > 0 ? cp[0].pid : 0, pid);
	free(cp);
	ATF_CHECK_STREQ(status_field(pid, "NSpid"), t_want("%d\t1", (int)pid));
	T_EXPECT("1", &c, "getpid", "");
	T_EXPECT(t_want("%d", (int)alcove_port_pid(root->h)), root, "getpid",
	    "");

	for (i = 0; i < nitems(fresh); i++)
		require_own_ns(pid, fresh[i]);
	for (i = 0; i < nitems(shared); i++)
		ATF_CHECK_STREQ(t_ns_of(pid, shared[i]), t_ns_of(0, shared[i]));

	/* Its own host name, starting as a copy of the host's. */
	T_EXPECT(t_want("{ok,%s}", t_binary_text(host, strlen(host))), &c,
	    "gethostname", "");
	T_EXPECT("ok", &c, "sethostname", "s", "alcove-clone");
	T_EXPECT("{ok,<<\"alcove-clone\">>}", &c, "gethostname", "");
	T_EXPECT(t_want("{ok,%s}", t_binary_text(host, strlen(host))), root,
	    "gethostname", "");
	ATF_CHECK_STREQ(my_hostname(), host);

	/* A network namespace with only lo, and lo down. */
	fd = (int)T_OK_INT(&c, "socket", "aai", "af_inet", "sock_dgram", 0);
	T_EXPECT(t_want("{ok,0,%s}", ifreq_text("lo", IFF_LOOPBACK)), &c,
	    "ioctl", "iab", fd, "siocgifflags", (const char *)ifreq(&ifr,
	    "lo", 0), sizeof(ifr));
	if ((other = host_other_if()) != NULL)
		T_EXPECT("{error,enodev}", &c, "ioctl", "iab", fd,
		    "siocgifflags", (const char *)ifreq(&ifr, other, 0),
		    sizeof(ifr));
	T_EXPECT("ok", &c, "close", "i", fd);
	fd = (int)T_OK_INT(root, "socket", "aai", "af_inet", "sock_dgram", 0);
	T_EXPECT(t_want("{ok,0,%s}", ifreq_text("lo", host_if_flags("lo"))),
	    root, "ioctl", "iab", fd, "siocgifflags", (const char *)ifreq(&ifr,
	    "lo", 0), sizeof(ifr));
	T_EXPECT("ok", root, "close", "i", fd);
	ATF_CHECK((host_if_flags("lo") & IFF_UP) != 0);
	t_proc_fork(&c, &g);
	T_EXPECT("2", &g, "getpid", "");
	T_OK(alcove_execvp(T_AT(&g), "cat",
	    (char *[]){ "cat", "/proc/net/dev", NULL }));
	status = t_proc_collect(&g, &out, &err);
	ATF_CHECK_STREQ(out, net_dev_lo_only());
	ATF_CHECK_STREQ(err, "");
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "cat: status 0x%x", status);

	/* Private mounts: a tmpfs in the child only. */
	dir = t_here("private");
	ATF_REQUIRE(mkdir(dir, 0755) == 0);
	T_REQUIRE("ok", &c, "mount", "sss[aa]ss", "", "/", "", "ms_rec",
	    "ms_private", "", "");
	T_REQUIRE("ok", &c, "mount", "sss[]ss", "tmpfs", dir, "tmpfs", "",
	    "");
	ATF_CHECK_STREQ(t_proc_mount_line(&c, dir), "rw,relatime - tmpfs tmpfs "
	    "rw");
	ATF_CHECK_STREQ(t_proc_mount_line(root, dir), T_NOT_MOUNTED);
	ATF_CHECK_STREQ(t_host_mount_line(dir), T_NOT_MOUNTED);
}

TC(clone_ns_atoms, "clone with five namespace flags as atoms: its own "
    "host name, pid 1, only lo (down), private mounts")
ATF_TC_BODY(clone_ns_atoms, tc)
{
	struct t_proc root;
	pid_t pid;

	start(tc, &root);
	pid = (pid_t)T_OK_INT(&root, "clone", "[aaaaa]", "clone_newuts",
	    "clone_newpid", "clone_newns", "clone_newnet", "clone_newipc");
	check_cloned(&root, pid);
	t_stop(root.h);
}

TC(clone_ns_integer, "clone with the same five flags as one integer")
ATF_TC_BODY(clone_ns_integer, tc)
{
	struct t_proc root;
	pid_t pid;

	start(tc, &root);
	pid = (pid_t)T_OK_INT(&root, "clone", "i", NS_FLAGS);
	check_cloned(&root, pid);
	t_stop(root.h);
}

TC(clone_ns_mixed, "clone with the five flags as a list of atoms and "
    "integers")
ATF_TC_BODY(clone_ns_mixed, tc)
{
	struct t_proc root;
	pid_t pid;

	start(tc, &root);
	pid = (pid_t)T_OK_INT(&root, "clone", "[aiaia]", "clone_newuts",
	    536870912, "clone_newns", 1073741824, "CLONE_NEWIPC");
	check_cloned(&root, pid);
	t_stop(root.h);
}

TC(clone_limits, "clone: eagain at the limits before the flags are "
    "decoded, enotsup for an unknown flag, einval for sharing flags")
ATF_TC_BODY(clone_limits, tc)
{
	struct t_proc root, c;
	pid_t pid;

	start(tc, &root);

	/* No free slot: eagain whatever the flags. */
	T_EXPECT("true", &root, "setopt", "ai", "maxchild", 0);
	T_EXPECT("{error,eagain}", &root, "clone", "[a]", "clone_foo");
	T_EXPECT("{error,eagain}", &root, "clone", "[a]", "clone_newuts");
	T_EXPECT("{error,eagain}", &root, "clone", "a", "clone_newuts");
	T_EXPECT("{error,eagain}", &root, "clone", "i", 256);
	T_EXPECT("{error,eagain}", &root, "fork", "");
	T_EXPECT("true", &root, "setopt", "ai", "maxchild", 1);

	/* A free slot: now the flags decide. */
	T_EXPECT("{error,enotsup}", &root, "clone", "[a]", "clone_foo");
	T_EXPECT("{error,enotsup}", &root, "clone", "[aa]", "clone_newuts",
	    "clone_vm");
	T_EXPECT("badarg", &root, "clone", "a", "clone_newuts");
	T_EXPECT("badarg", &root, "clone", "s", "x");
	/* Shared memory, descriptors or another exit signal: refused. */
	T_EXPECT("{error,einval}", &root, "clone", "i", 256);
	T_EXPECT("{error,einval}", &root, "clone", "[i]", 256);
	T_EXPECT("{error,einval}", &root, "clone", "[ai]", "clone_newuts",
	    1024);
	T_EXPECT("{error,einval}", &root, "clone", "i", 17);
	T_EXPECT("{error,einval}", &root, "clone", "i", -1);
	T_EXPECT("[]", &root, "cpid", "");

	pid = (pid_t)T_OK_INT(&root, "clone", "[a]", "clone_newuts");
	t_proc_child(&root, &c, pid);
	require_own_ns(pid, "uts");
	T_EXPECT("{error,eagain}", &root, "clone", "[a]", "clone_foo");
	T_EXPECT("{error,eagain}", &root, "clone", "i", 256);

	/* The depth limit counts the same way. */
	T_EXPECT("true", &c, "setopt", "ai", "maxforkdepth", 1);
	T_EXPECT("{error,eagain}", &c, "clone", "[a]", "clone_foo");
	T_EXPECT("{error,eagain}", &c, "fork", "");
	T_EXPECT("true", &c, "setopt", "ai", "maxforkdepth", 2);
	T_EXPECT("{error,enotsup}", &c, "clone", "[a]", "clone_foo");
	t_stop(root.h);
}

/* ---- unshare, setns ---- */

TC(unshare_uts, "unshare([clone_newuts]) in a child: its host name "
    "changes, the root's does not")
ATF_TC_BODY(unshare_uts, tc)
{
	struct t_proc root, c;
	const char *host = my_hostname();

	start(tc, &root);
	t_proc_fork(&root, &c);
	ATF_REQUIRE_STREQ(t_ns_of(proc_pid(&c), "uts"), t_ns_of(0, "uts"));
	T_EXPECT("{error,enotsup}", &c, "unshare", "[a]", "clone_foo");
	T_EXPECT("badarg", &c, "unshare", "a", "clone_newuts");
	T_EXPECT("ok", &c, "unshare", "[]");
	ATF_REQUIRE_STREQ(t_ns_of(proc_pid(&c), "uts"), t_ns_of(0, "uts"));
	T_REQUIRE("ok", &c, "unshare", "[a]", "clone_newuts");
	require_own_ns(proc_pid(&c), "uts");
	ATF_CHECK_STREQ(t_ns_of(proc_pid(&c), "mnt"), t_ns_of(0, "mnt"));
	T_EXPECT("ok", &c, "sethostname", "s", "alcove-unshare");
	T_EXPECT("{ok,<<\"alcove-unshare\">>}", &c, "gethostname", "");
	T_EXPECT(t_want("{ok,%s}", t_binary_text(host, strlen(host))), &root,
	    "gethostname", "");
	ATF_CHECK_STREQ(my_hostname(), host);
	t_stop(root.h);
}

TC(setns_uts, "setns into another child's UTS namespace through a "
    "descriptor for /proc/PID/ns/uts")
ATF_TC_BODY(setns_uts, tc)
{
	struct t_proc root, a, b;
	const char *host = my_hostname();
	pid_t pid;
	int fd;

	start(tc, &root);
	pid = (pid_t)T_OK_INT(&root, "clone", "[a]", "clone_newuts");
	t_proc_child(&root, &a, pid);
	require_own_ns(pid, "uts");
	T_REQUIRE("ok", &a, "sethostname", "s", "alcove-setns");

	t_proc_fork(&root, &b);
	ATF_REQUIRE_STREQ(t_ns_of(proc_pid(&b), "uts"), t_ns_of(0, "uts"));
	fd = (int)T_OK_INT(&b, "open", "s[a]i",
	    t_want("/proc/%d/ns/uts", (int)pid), "o_rdonly", 0);
	T_EXPECT("{error,einval}", &b, "setns", "ia", fd, "clone_newnet");
	T_EXPECT("{error,enotsup}", &b, "setns", "ia", fd, "clone_foo");
	T_EXPECT("badarg", &b, "setns", "i[a]", fd, "clone_newuts");
	T_EXPECT("{error,ebadf}", &b, "setns", "ia", 999, "clone_newuts");
	ATF_REQUIRE_STREQ(t_ns_of(proc_pid(&b), "uts"), t_ns_of(0, "uts"));
	T_EXPECT("ok", &b, "setns", "ia", fd, "clone_newuts");
	ATF_CHECK_STREQ(t_ns_of(proc_pid(&b), "uts"), t_ns_of(pid, "uts"));
	T_EXPECT("{ok,<<\"alcove-setns\">>}", &b, "gethostname", "");
	T_EXPECT(t_want("{ok,%s}", t_binary_text(host, strlen(host))), &root,
	    "gethostname", "");
	ATF_CHECK_STREQ(my_hostname(), host);
	t_stop(root.h);
}

/* ---- pivot_root ---- */

TC(pivot_root, "pivot_root into a prepared root in a new mount "
    "namespace: exactly the prepared entries, and a program runs there")
ATF_TC_BODY(pivot_root, tc)
{
	static const char *names[] = { "bin", "lib", "lib64" };
	struct t_proc root, c, g;
	const char *nr, *out, *err, *entries = "\".\",\"..\"", *listing = "";
	char link[PATH_MAX], sorted[256];
	struct stat sb;
	ssize_t k;
	size_t i;
	pid_t pid;
	int status;

	start(tc, &root);
	nr = t_here("newroot");
	ATF_REQUIRE(mkdir(nr, 0755) == 0);
	pid = (pid_t)T_OK_INT(&root, "clone", "[a]", "clone_newns");
	t_proc_child(&root, &c, pid);
	require_own_ns(pid, "mnt");
	T_REQUIRE("ok", &c, "mount", "sss[aa]ss", "", "/", "", "ms_rec",
	    "ms_private", "", "");
	T_REQUIRE("ok", &c, "mount", "sss[]ss", "tmpfs", nr, "tmpfs",
	    "mode=0755", "");

	/*
	 * The new root: old (for put_old), usr bound read-only, and bin,
	 * lib, lib64 as the host has them (links into usr, or directories
	 * bound read-only).
	 */
	T_OK(alcove_mkdir(T_AT(&c), t_want("%s/old", nr), 0755));
	T_OK(alcove_mkdir(T_AT(&c), t_want("%s/usr", nr), 0755));
	T_REQUIRE("ok", &c, "mount", "sss[a]ss", "/usr", t_want("%s/usr", nr),
	    "", "ms_bind", "", "");
	T_REQUIRE("ok", &c, "mount", "sss[aaa]ss", "/usr", t_want("%s/usr", nr),
	    "", "ms_bind", "ms_remount", "ms_rdonly", "", "");
	for (i = 0; i < nitems(names); i++) {
		const char *host = t_want("/%s", names[i]);
		const char *mine = t_want("%s/%s", nr, names[i]);

		if (lstat(host, &sb) == -1)
			continue;
		if (S_ISLNK(sb.st_mode)) {
			ATF_REQUIRE((k = readlink(host, link,
			    sizeof(link) - 1)) > 0);
			link[k] = '\0';
			T_OK(alcove_symlink(T_AT(&c), link, mine));
		} else {
			T_OK(alcove_mkdir(T_AT(&c), mine, 0755));
			T_REQUIRE("ok", &c, "mount", "sss[a]ss", host, mine, "",
			    "ms_bind", "", "");
			T_REQUIRE("ok", &c, "mount", "sss[aaa]ss", host, mine,
			    "", "ms_bind", "ms_remount", "ms_rdonly", "", "");
		}
		entries = t_want("%s,\"%s\"", entries, names[i]);
		listing = t_want("%s%s\n", listing, names[i]);
	}
	(void)snprintf(sorted, sizeof(sorted), "[%s,\"old\",\"usr\"]",
	    entries);

	/* The host sees none of it. */
	ATF_CHECK_STREQ(t_host_mount_line(nr), T_NOT_MOUNTED);
	ATF_CHECK_STREQ(t_dir_sorted(&root, nr), "[\".\",\"..\"]");

	T_REQUIRE("ok", &c, "mount", "sss[aa]ss", nr, nr, "", "ms_bind",
	    "ms_rec", "", "");
	T_REQUIRE("ok", &c, "chdir", "s", nr);
	T_EXPECT("{error,enoent}", &c, "pivot_root", "ss", ".", "nowhere");
	T_REQUIRE("ok", &c, "pivot_root", "ss", ".", "old");
	T_REQUIRE("ok", &c, "chdir", "s", "/");
	T_EXPECT("ok", &c, "umount2", "s[a]", "/old", "mnt_detach");
	ATF_CHECK_STREQ(t_dir_sorted(&c, "/"), sorted);
	ATF_CHECK_STREQ(t_dir_sorted(&c, "/old"), "[\".\",\"..\"]");
	T_EXPECT("{ok,<<\"/\">>}", &c, "getcwd", "");
	T_EXPECT("{error,ebusy}", &c, "pivot_root", "ss", "/", "/old");
	T_EXPECT("{error,erofs}", &c, "mkdir", "si", "/usr/alcove", 0755);
	T_EXPECT("badarg", &c, "pivot_root", "ss", "", "old");

	/* A program of the new root lists it. */
	t_proc_fork(&c, &g);
	T_OK(alcove_execve(T_AT(&g), "/bin/ls",
	    (char *[]){ "ls", "-1", "/", NULL }, (char *[]){ NULL }));
	status = t_proc_collect(&g, &out, &err);
	ATF_CHECK_STREQ(err, "");
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "ls: status 0x%x", status);
	ATF_CHECK_STREQ(out, t_want("%sold\nusr\n", listing));
	t_stop(root.h);
}

/* ---- sethostname ---- */

TC(sethostname_limits, "sethostname: a 63-byte binary is accepted, a "
    "63-character string or an empty name is badarg")
ATF_TC_BODY(sethostname_limits, tc)
{
	struct t_proc root, c;
	unsigned char str[3 + 64];
	char name[65];
	const char *host = my_hostname();
	pid_t pid;

	start(tc, &root);
	pid = (pid_t)T_OK_INT(&root, "clone", "[a]", "clone_newuts");
	t_proc_child(&root, &c, pid);
	require_own_ns(pid, "uts");

	memset(name, 'a', sizeof(name));
	T_EXPECT("ok", &c, "sethostname", "b", name, (size_t)63);
	/* The name is set; gethostname's buffer is one byte short for it. */
	ATF_CHECK_STREQ(t_proc_slurp(&c, "/proc/sys/kernel/hostname"),
	    t_want("%.63s\n", name));
	T_EXPECT("{error,enametoolong}", &c, "gethostname", "");
	T_EXPECT("ok", &c, "sethostname", "b", name, (size_t)62);
	T_EXPECT(t_want("{ok,%s}", t_binary_text(name, 62)), &c,
	    "gethostname", "");
	T_EXPECT("badarg", &c, "sethostname", "b", name, (size_t)64);

	/* STRING_EXT needs room for a terminating zero. */
	str[0] = 0x6b;
	str[1] = 0;
	str[2] = 63;
	memset(str + 3, 'b', 63);
	T_EXPECT("badarg", &c, "sethostname", "r", str, (size_t)(3 + 63));
	str[2] = 62;
	T_EXPECT("ok", &c, "sethostname", "r", str, (size_t)(3 + 62));
	T_EXPECT(t_want("{ok,%s}", t_binary_text(str + 3, 62)), &c,
	    "gethostname", "");

	/* Empty names. */
	T_EXPECT("badarg", &c, "sethostname", "b", "", (size_t)0);
	T_EXPECT("badarg", &c, "sethostname", "n");
	T_EXPECT("badarg", &c, "sethostname", "[bn]", "", (size_t)0);
	T_EXPECT("badarg", &c, "sethostname", "a", "host");

	/* An iolist, and a name that ends at its first zero byte. */
	T_EXPECT("ok", &c, "sethostname", "[bb]", "alc", (size_t)3, "ove",
	    (size_t)3);
	T_EXPECT("{ok,<<\"alcove\">>}", &c, "gethostname", "");
	T_EXPECT("ok", &c, "sethostname", "b", "ab\0cd", (size_t)5);
	T_EXPECT("{ok,<<\"ab\">>}", &c, "gethostname", "");

	T_EXPECT(t_want("{ok,%s}", t_binary_text(host, strlen(host))), &root,
	    "gethostname", "");
	ATF_CHECK_STREQ(my_hostname(), host);
	t_stop(root.h);
}

/* ---- prctl ---- */

TC(prctl_name, "prctl pr_set_name/pr_get_name with a 16-byte buffer: the "
    "reply echoes it, as a binary and as a CStruct")
ATF_TC_BODY(prctl_name, tc)
{
	static const char nm[16] = "alcove-prctl-15";
	struct t_proc root, c;
	char comm[64];

	start(tc, &root);
	t_proc_fork(&root, &c);
	T_EXPECT(t_want("{ok,0,%s,0,0,0}", t_binary_text(nm, 16)), &c, "prctl",
	    "abiii", "pr_set_name", nm, (size_t)16, 0, 0, 0);
	(void)t_slurp(t_want("/proc/%d/comm", (int)proc_pid(&c)), comm,
	    sizeof(comm));
	ATF_CHECK_STREQ(comm, "alcove-prctl-15\n");
	T_EXPECT(t_want("{ok,0,%s,0,0,0}", t_binary_text(nm, 16)), &c, "prctl",
	    "abiii", "pr_get_name", "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
	    (size_t)16, 0, 0, 0);
	/* A CStruct comes back as a list of the same shape. */
	T_EXPECT(t_want("{ok,0,[%s],0,0,0}", t_binary_text(nm, 16)), &c,
	    "prctl", "a[b]iii", "pr_get_name",
	    "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", (size_t)16, 0, 0, 0);
	T_EXPECT(t_want("{ok,0,[%s,%s],0,0,0}", t_binary_text(nm, 8),
	    t_binary_text(nm + 8, 8)), &c, "prctl", "a[bb]iii", "pr_get_name",
	    "\0\0\0\0\0\0\0\0", (size_t)8, "\0\0\0\0\0\0\0\0", (size_t)8, 0, 0,
	    0);
	/* No shift after a CStruct (alcove-protocol(5), CStructs). */
	T_EXPECT(t_want("{ok,0,[%s],1,2,3}", t_binary_text(nm, 16)), &c,
	    "prctl", "a[b]iii", "pr_get_name",
	    "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", (size_t)16, 1, 2, 3);
	t_stop(root.h);
}

TC(prctl_short_buffer, "prctl pr_get_name into a 1-byte binary or CStruct: "
    "the kernel writes 16 bytes, the reply holds the first, the port's "
    "memory is intact (make test-valgrind checks that)")
ATF_TC_BODY(prctl_short_buffer, tc)
{
	static const char nm[16] = "alcove-prctl-15";
	struct t_proc root, c;

	start(tc, &root);
	t_proc_fork(&root, &c);
	T_EXPECT(t_want("{ok,0,%s,0,0,0}", t_binary_text(nm, 16)), &c, "prctl",
	    "abiii", "pr_set_name", nm, (size_t)16, 0, 0, 0);
	T_EXPECT("{ok,0,<<\"a\">>,0,0,0}", &c, "prctl", "abiii", "pr_get_name",
	    "\0", (size_t)1, 0, 0, 0);
	T_EXPECT("{ok,0,[<<\"a\">>],0,0,0}", &c, "prctl", "a[b]iii",
	    "pr_get_name", "\0", (size_t)1, 0, 0, 0);
	/* Still answering, with nothing left over from those calls. */
	T_EXPECT(t_want("{ok,0,%s,0,0,0}", t_binary_text(nm, 16)), &c, "prctl",
	    "abiii", "pr_get_name", "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
	    (size_t)16, 0, 0, 0);
	t_stop(root.h);
}

TC(prctl_flags, "prctl: dumpable, no_new_privs, the capability bounding "
    "set and the parent-death signal round-trip")
ATF_TC_BODY(prctl_flags, tc)
{
	struct t_proc root, c;
	pid_t pid;

	start(tc, &root);
	t_proc_fork(&root, &c);
	pid = proc_pid(&c);

	T_EXPECT("{ok,1,0,0,0,0}", &c, "prctl", "aiiii", "pr_get_dumpable", 0,
	    0, 0, 0);
	T_EXPECT("{ok,0,0,0,0,0}", &c, "prctl", "aiiii", "pr_set_dumpable", 0,
	    0, 0, 0);
	T_EXPECT("{ok,0,0,0,0,0}", &c, "prctl", "aiiii", "pr_get_dumpable", 0,
	    0, 0, 0);
	T_EXPECT("{ok,0,1,0,0,0}", &c, "prctl", "aiiii", "pr_set_dumpable", 1,
	    0, 0, 0);
	T_EXPECT("{ok,1,0,0,0,0}", &c, "prctl", "annnn", "pr_get_dumpable");

	T_EXPECT("{ok,0,0,0,0,0}", &c, "prctl", "aiiii", "pr_get_no_new_privs",
	    0, 0, 0, 0);
	T_EXPECT("{ok,0,1,0,0,0}", &c, "prctl", "aiiii", "pr_set_no_new_privs",
	    1, 0, 0, 0);
	T_EXPECT("{ok,1,0,0,0,0}", &c, "prctl", "aiiii", "pr_get_no_new_privs",
	    0, 0, 0, 0);
	ATF_CHECK_STREQ(status_field(pid, "NoNewPrivs"), "1");
	T_EXPECT("{error,einval}", &c, "prctl", "aiiii", "pr_set_no_new_privs",
	    0, 0, 0, 0);
	T_EXPECT("{ok,0,0,0,0,0}", &root, "prctl", "aiiii",
	    "pr_get_no_new_privs", 0, 0, 0, 0);

	/* CAP_SYS_ADMIN (21) out of the child's bounding set only. */
	T_REQUIRE("{ok,1,21,0,0,0}", &c, "prctl", "aiiii", "pr_capbset_read",
	    21, 0, 0, 0);
	T_EXPECT("{ok,0,21,0,0,0}", &c, "prctl", "aiiii", "pr_capbset_drop", 21,
	    0, 0, 0);
	T_EXPECT("{ok,0,21,0,0,0}", &c, "prctl", "aiiii", "pr_capbset_read", 21,
	    0, 0, 0);
	T_EXPECT("{ok,1,21,0,0,0}", &root, "prctl", "aiiii", "pr_capbset_read",
	    21, 0, 0, 0);
	ATF_CHECK((strtoull(status_field(pid, "CapBnd"), NULL, 16) &
	    (1ULL << 21)) == 0);
	ATF_CHECK((strtoull(status_field(alcove_port_pid(root.h), "CapBnd"),
	    NULL, 16) & (1ULL << 21)) != 0);
	T_EXPECT("{error,einval}", &c, "prctl", "aiiii", "pr_capbset_read", 200,
	    0, 0, 0);
	/* An atom argument is a prctl constant: PR_SET_NAME is 15. */
	T_EXPECT("{ok,1,15,0,0,0}", &c, "prctl", "aaiii", "pr_capbset_read",
	    "pr_set_name", 0, 0, 0);

	T_EXPECT("{ok,0,9,0,0,0}", &c, "prctl", "aiiii", "pr_set_pdeathsig", 9,
	    0, 0, 0);
	T_EXPECT("{ok,0,<<9,0,0,0>>,0,0,0}", &c, "prctl", "abiii",
	    "pr_get_pdeathsig", "\0\0\0\0", (size_t)4, 0, 0, 0);
	T_EXPECT("{ok,0,[<<9,0,0,0>>],0,0,0}", &c, "prctl", "a[b]iii",
	    "pr_get_pdeathsig", "\0\0\0\0", (size_t)4, 0, 0, 0);
	T_EXPECT("{ok,0,0,0,0,0}", &c, "prctl", "aiiii", "pr_set_pdeathsig", 0,
	    0, 0, 0);
	T_EXPECT("{ok,0,[<<0,0,0,0>>],0,0,0}", &c, "prctl", "a[b]iii",
	    "pr_get_pdeathsig", "\1\1\1\1", (size_t)4, 0, 0, 0);
	t_stop(root.h);
}

TC(prctl_args, "prctl: unknown atoms are enotsup, negative or big "
    "integers and other terms are badarg")
ATF_TC_BODY(prctl_args, tc)
{
	static const unsigned char big[] = { 0x6e, 8, 0, 0, 0, 0, 0, 0, 0, 0,
	    1 };
	struct t_proc root, c;

	start(tc, &root);
	t_proc_fork(&root, &c);
	T_EXPECT("{error,enotsup}", &c, "prctl", "aiiii", "pr_foo", 0, 0, 0, 0);
	T_EXPECT("{error,enotsup}", &c, "prctl", "aaiii", "pr_get_dumpable",
	    "pr_foo", 0, 0, 0);
	T_EXPECT("{error,enotsup}", &c, "prctl", "aiiia", "pr_get_dumpable", 0,
	    0, 0, "pr_foo");
	T_EXPECT("badarg", &c, "prctl", "aiiii", "pr_set_pdeathsig", -1, 0, 0,
	    0);
	T_EXPECT("badarg", &c, "prctl", "aiiii", "pr_get_dumpable", 0, 0, 0,
	    -1);
	T_EXPECT("badarg", &c, "prctl", "ariii", "pr_get_dumpable", big,
	    sizeof(big), 0, 0, 0);
	T_EXPECT("badarg", &c, "prctl", "a{ai}iii", "pr_get_dumpable", "ptr", 4,
	    0, 0, 0);
	T_EXPECT("{ok,1,0,0,0,0}", &c, "prctl", "a[]iii", "pr_get_dumpable", 0,
	    0, 0);
	T_EXPECT("badarg", &c, "prctl", "siiii", "pr_get_dumpable", 0, 0, 0, 0);
	T_EXPECT("badarg", &c, "prctl", "aiii", "pr_get_dumpable", 0, 0, 0);
	/* An option given as an integer; one the kernel does not know. */
	T_EXPECT("{ok,1,0,0,0,0}", &c, "prctl", "iiiii", 3, 0, 0, 0, 0);
	T_EXPECT("{error,einval}", &c, "prctl", "iiiii", 9999, 0, 0, 0, 0);
	T_EXPECT("{error,einval}", &c, "prctl", "iiiii", -1, 0, 0, 0, 0);
	T_EXPECT("[]", &c, "cpid", "");
	t_stop(root.h);
}

/* ---- seccomp ---- */

static uint32_t
syscall_value(const struct t_proc *p, const char *name)
{
	uint64_t v;

	T_OK(alcove_constant(T_AT(p), "syscall", name, &v));
	return (uint32_t)v;
}

/* A filter that answers action for system call nr and allows the rest. */
static size_t
filter_one(struct insn *f, uint32_t arch, uint32_t nr, uint32_t action)
{
	const struct insn prog[] = {
		{ BPF_LD_W_ABS, 0, 0, DATA_ARCH },
		{ BPF_JEQ_K, 1, 0, arch },
		{ BPF_RET_K, 0, 0, RET_KILL_PROCESS },
		{ BPF_LD_W_ABS, 0, 0, DATA_NR },
		{ BPF_JEQ_K, 0, 1, nr },
		{ BPF_RET_K, 0, 0, action },
		{ BPF_RET_K, 0, 0, RET_ALLOW },
	};

	memcpy(f, prog, sizeof(prog));
	return nitems(prog);
}

/* The most instructions a filter may have (BPF_MAXINSNS). */
#define FPROG_INSNS	4096

/* struct sock_fprog: the count, padding to a pointer, the pointer. */
struct fprog {
	unsigned char	len[sizeof(unsigned short)];
	char		pad[sizeof(void *) - sizeof(unsigned short)];
	struct insn	f[FPROG_INSNS];
	size_t		n;
};

static void
fprog_init(struct fprog *p, size_t n)
{
	unsigned short len = (unsigned short)n;

	memset(p->pad, 0, sizeof(p->pad));
	memcpy(p->len, &len, sizeof(len));
	p->n = n;
}

/* The CStruct as the port reads it back: [<<Len>>, <<Pad>>, {ptr, F}]. */
static const char *
fprog_text(const struct fprog *p)
{
	return t_want("[%s,%s,{ptr,%s}]", t_binary_text(p->len, sizeof(p->len)),
	    t_binary_text(p->pad, sizeof(p->pad)),
	    t_binary_text(p->f, p->n * sizeof(p->f[0])));
}

#define FPROG_FMT	"[bb{ab}]"
#define FPROG_ARGS(p)	(p)->len, sizeof((p)->len), (p)->pad,		\
			sizeof((p)->pad), "ptr", (p)->f,		\
			(p)->n * sizeof((p)->f[0])

/* A child that drops no core when the filter kills it. */
static void
seccomp_child(const struct t_proc *root, struct t_proc *c)
{
	t_proc_fork(root, c);
	T_OK(alcove_setrlimit(T_AT(c), RLIMIT_CORE, 0, 0));
}

TC(seccomp_kill, "seccomp(seccomp_set_mode_filter, 0, Prog) after "
    "no_new_privs: getpid kills the child with SIGSYS")
ATF_TC_BODY(seccomp_kill, tc)
{
	struct t_proc root, c;
	struct fprog p;

	require_unwrapped(tc);
	start(tc, &root);
	fprog_init(&p, filter_one(p.f, t_audit_arch(&root),
	    syscall_value(&root, "sys_getpid"), RET_KILL_PROCESS));
	seccomp_child(&root, &c);
	T_EXPECT("{ok,0,1,0,0,0}", &c, "prctl", "aiiii", "pr_set_no_new_privs",
	    1, 0, 0, 0);
	T_REQUIRE("ok", &c, "seccomp", "ai" FPROG_FMT,
	    "seccomp_set_mode_filter", 0, FPROG_ARGS(&p));
	ATF_CHECK_STREQ(status_field(proc_pid(&c), "Seccomp"), "2");
	/* Everything else still works. */
	T_EXPECT("0", &c, "getuid", "");
	T_EXPECT("{ok,1,0,0,0,0}", &c, "prctl", "aiiii", "pr_get_no_new_privs",
	    0, 0, 0, 0);
	T_EXPECT(exited(), &c, "getpid", "");
	ATF_CHECK_STREQ(next_event(&c), "{termsig,sigsys}");
	T_EXPECT(t_want("%d", (int)alcove_port_pid(root.h)), &root, "getpid",
	    "");
	t_stop(root.h);
}

TC(seccomp_prctl, "prctl(pr_set_seccomp, seccomp_mode_filter, Prog, 0, "
    "0) as upstream's tests do: the reply reads Prog back; uname kills")
ATF_TC_BODY(seccomp_prctl, tc)
{
	struct t_proc root, c;
	struct fprog p;

	start(tc, &root);
	fprog_init(&p, filter_one(p.f, t_audit_arch(&root),
	    syscall_value(&root, "sys_uname"), RET_KILL_PROCESS));
	seccomp_child(&root, &c);
	T_EXPECT("{ok,0,1,0,0,0}", &c, "prctl", "aiiii", "pr_set_no_new_privs",
	    1, 0, 0, 0);
	T_EXPECT(t_want("{ok,0,2,%s,0,0}", fprog_text(&p)), &c, "prctl",
	    "aa" FPROG_FMT "ii", "pr_set_seccomp", "seccomp_mode_filter",
	    FPROG_ARGS(&p), 0, 0);
	T_EXPECT(t_want("%d", (int)proc_pid(&c)), &c, "getpid", "");
	T_EXPECT(exited(), &c, "gethostname", "");
	ATF_CHECK_STREQ(next_event(&c), "{termsig,sigsys}");
	t_stop(root.h);
}

TC(seccomp_trap_getcwd, "a trapped getcwd writes nothing, and the reply "
    "never shows what an earlier call left in a buffer")
ATF_TC_BODY(seccomp_trap_getcwd, tc)
{
	struct t_proc root, c;
	struct fprog p;
	uint32_t arch;

	require_unwrapped(tc);
	start(tc, &root);
	arch = t_audit_arch(&root);
	/*
	 * getcwd traps (SIGSYS, the call does not run); openat fails with
	 * EACCES, so that glibc's fallback, which walks up with openat,
	 * fails too instead of finding the directory another way.
	 */
	{
		const struct insn prog[] = {
			{ BPF_LD_W_ABS, 0, 0, DATA_ARCH },
			{ BPF_JEQ_K, 1, 0, arch },
			{ BPF_RET_K, 0, 0, RET_KILL_PROCESS },
			{ BPF_LD_W_ABS, 0, 0, DATA_NR },
			{ BPF_JEQ_K, 0, 1, syscall_value(&root, "sys_getcwd") },
			{ BPF_RET_K, 0, 0, RET_TRAP },
			{ BPF_JEQ_K, 0, 1, syscall_value(&root, "sys_openat") },
			{ BPF_RET_K, 0, 0, RET_ERRNO | EACCES },
			{ BPF_RET_K, 0, 0, RET_ALLOW },
		};

		memcpy(p.f, prog, sizeof(prog));
		fprog_init(&p, nitems(prog));
	}
	t_proc_fork(&root, &c);
	T_EXPECT("{ok,sig_info}", &c, "sigaction", "aa", "sigsys", "sig_info");
	/* chdir's path argument passes through the port's buffers. */
	T_EXPECT("ok", &c, "chdir", "s", "/tmp");
	T_EXPECT("{ok,<<\"/tmp\">>}", &c, "getcwd", "");
	T_EXPECT("{ok,0,1,0,0,0}", &c, "prctl", "aiiii", "pr_set_no_new_privs",
	    1, 0, 0, 0);
	T_EXPECT("ok", &c, "seccomp", "ai" FPROG_FMT, "seccomp_set_mode_filter",
	    0, FPROG_ARGS(&p));
	T_EXPECT("ok", &c, "chdir", "s", "/tmp");
	T_EXPECT("{error,eacces}", &c, "getcwd", "");
	T_EXPECT(t_want("%d", (int)proc_pid(&c)), &c, "getpid", "");
	t_stop(root.h);
}

TC(seccomp_errno, "a filter that fails uname with EACCES: gethostname "
    "answers {error,eacces}, the process goes on")
ATF_TC_BODY(seccomp_errno, tc)
{
	struct t_proc root, c;
	struct fprog p;

	require_unwrapped(tc);
	start(tc, &root);
	fprog_init(&p, filter_one(p.f, t_audit_arch(&root),
	    syscall_value(&root, "sys_uname"), RET_ERRNO | EACCES));
	t_proc_fork(&root, &c);
	T_EXPECT("{ok,0,1,0,0,0}", &c, "prctl", "aiiii", "pr_set_no_new_privs",
	    1, 0, 0, 0);
	T_EXPECT("ok", &c, "seccomp", "ai" FPROG_FMT, "seccomp_set_mode_filter",
	    0, FPROG_ARGS(&p));
	T_EXPECT("{error,eacces}", &c, "gethostname", "");
	T_EXPECT(t_want("%d", (int)proc_pid(&c)), &c, "getpid", "");
	T_EXPECT("{error,eacces}", &c, "gethostname", "");
	T_EXPECT(t_want("{ok,%s}", t_binary_text(my_hostname(),
	    strlen(my_hostname()))), &root, "gethostname", "");
	t_stop(root.h);
}

TC(seccomp_errors, "seccomp: NULL arguments, an empty filter, flags for "
    "strict mode, unknown names, no no_new_privs without privilege")
ATF_TC_BODY(seccomp_errors, tc)
{
	struct t_proc root, c, u;
	struct fprog p;

	require_unwrapped(tc);
	start(tc, &root);
	fprog_init(&p, filter_one(p.f, t_audit_arch(&root),
	    syscall_value(&root, "sys_getpid"), RET_KILL_PROCESS));
	t_proc_fork(&root, &c);
	T_EXPECT("{error,efault}", &c, "seccomp", "ain",
	    "seccomp_set_mode_filter", 0);
	T_EXPECT("{error,einval}", &c, "seccomp", "aa[bb{ai}]",
	    "seccomp_set_mode_filter", "seccomp_filter_flag_tsync",
	    "\0\0", sizeof(unsigned short), p.pad, sizeof(p.pad), "ptr", 0);
	T_EXPECT("{error,einval}", &c, "seccomp", "aan",
	    "seccomp_set_mode_strict", "seccomp_filter_flag_tsync");
	T_EXPECT("{error,enotsup}", &c, "seccomp", "ain", "seccomp_foo", 0);
	T_EXPECT("{error,enotsup}", &c, "seccomp", "aan",
	    "seccomp_set_mode_filter", "seccomp_foo");
	T_EXPECT("badarg", &c, "seccomp", "aib", "seccomp_set_mode_filter", 0,
	    "x", (size_t)1);
	T_EXPECT("badarg", &c, "seccomp", "air", "seccomp_set_mode_filter", 0,
	    "\x6b\0\1x", (size_t)4);
	T_EXPECT("{ok,0,0,0,0,0}", &c, "prctl", "aiiii", "pr_get_seccomp", 0, 0,
	    0, 0);

	/* Without privilege, a filter needs no_new_privs first. */
	t_proc_fork(&root, &u);
	T_OK(alcove_setgroups(T_AT(&u), NULL, 0));
	T_OK(alcove_setgid(T_AT(&u), NOBODY));
	T_OK(alcove_setuid(T_AT(&u), NOBODY));
	T_EXPECT("{error,eacces}", &u, "seccomp", "ai" FPROG_FMT,
	    "seccomp_set_mode_filter", 0, FPROG_ARGS(&p));
	T_EXPECT(t_want("%d", (int)proc_pid(&u)), &u, "getpid", "");
	t_stop(root.h);
}

/*
 * What a child needs once its filter is in place: the event loop's poll,
 * read and write, the way out, signal returns, and getuid as the one call
 * it may still answer.  Everything else, getpid included, kills it.
 */
static const char *const allowlist[] = {
	"sys_read", "sys_write", "sys_poll", "sys_ppoll", "sys_exit",
	"sys_exit_group", "sys_rt_sigreturn", "sys_restart_syscall",
	"sys_getuid",
};

/*
 * A filter of FPROG_INSNS instructions that allows the allowlist and kills
 * the process on any other call.  No-op loads fill it to the limit, so a
 * reply that reads it back (32 KiB) is bigger than the output buffer of a
 * process that has answered only small calls.  A name this system does not
 * have is left out.
 */
static void
filter_allowlist(const struct t_proc *root, struct fprog *p)
{
	struct insn *f = p->f;
	uint64_t nr[nitems(allowlist)];
	size_t i, k = 0, n = 0, body;
	int err;

	for (i = 0; i < nitems(allowlist); i++) {
		err = alcove_constant(T_AT(root), "syscall", allowlist[i],
		    &nr[k]);
		if (err == ALCOVE_EUNKNOWN)
			continue;
		T_OK(err);
		k++;
	}
	body = 3 + 1 + 2 * k + 1;
	while (n < FPROG_INSNS - body)
		f[n++] = (struct insn){ BPF_LD_W_ABS, 0, 0, DATA_NR };
	f[n++] = (struct insn){ BPF_LD_W_ABS, 0, 0, DATA_ARCH };
	f[n++] = (struct insn){ BPF_JEQ_K, 1, 0, t_audit_arch(root) };
	f[n++] = (struct insn){ BPF_RET_K, 0, 0, RET_KILL_PROCESS };
	f[n++] = (struct insn){ BPF_LD_W_ABS, 0, 0, DATA_NR };
	for (i = 0; i < k; i++) {
		f[n++] = (struct insn){ BPF_JEQ_K, 0, 1, (uint32_t)nr[i] };
		f[n++] = (struct insn){ BPF_RET_K, 0, 0, RET_ALLOW };
	}
	f[n++] = (struct insn){ BPF_RET_K, 0, 0, RET_KILL_PROCESS };
	fprog_init(p, n);
}

/*
 * After the allowlist filter: one more round trip through the event loop
 * (getuid), then getpid, which the filter does not allow, kills the child.
 */
static void
allowlist_after(const struct t_proc *root, const struct t_proc *c)
{
	ATF_CHECK_STREQ(status_field(proc_pid(c), "Seccomp"), "2");
	T_EXPECT("0", c, "getuid", "");
	T_EXPECT(exited(), c, "getpid", "");
	ATF_CHECK_STREQ(next_event(c), "{termsig,sigsys}");
	T_EXPECT(t_want("%d", (int)alcove_port_pid(root->h)), root, "getpid",
	    "");
}

TC(seccomp_allowlist, "seccomp(seccomp_set_mode_filter, 0, Prog) with a "
    "filter that allows only read, write, poll and exit: the reply arrives, "
    "getpid kills")
ATF_TC_BODY(seccomp_allowlist, tc)
{
	struct t_proc root, c;
	struct fprog p;

	require_unwrapped(tc);
	start(tc, &root);
	filter_allowlist(&root, &p);
	seccomp_child(&root, &c);
	T_EXPECT("{ok,0,1,0,0,0}", &c, "prctl", "aiiii", "pr_set_no_new_privs",
	    1, 0, 0, 0);
	T_REQUIRE("ok", &c, "seccomp", "ai" FPROG_FMT,
	    "seccomp_set_mode_filter", 0, FPROG_ARGS(&p));
	allowlist_after(&root, &c);
	t_stop(root.h);
}

TC(seccomp_allowlist_prctl, "prctl(pr_set_seccomp, seccomp_mode_filter, "
    "Prog, 0, 0) with a filter that allows only read, write, poll and exit: "
    "the reply reads all of Prog back, getpid kills")
ATF_TC_BODY(seccomp_allowlist_prctl, tc)
{
	struct t_proc root, c;
	struct fprog p;
	const char *want, *got;
	size_t at;

	require_unwrapped(tc);
	start(tc, &root);
	filter_allowlist(&root, &p);
	seccomp_child(&root, &c);
	T_EXPECT("{ok,0,1,0,0,0}", &c, "prctl", "aiiii", "pr_set_no_new_privs",
	    1, 0, 0, 0);
	want = t_want("{ok,0,2,%s,0,0}", fprog_text(&p));
	got = T_TEXT(&c, "prctl", "aa" FPROG_FMT "ii", "pr_set_seccomp",
	    "seccomp_mode_filter", FPROG_ARGS(&p), 0, 0);
	/* 32 KiB of filter in a message would drown the difference. */
	for (at = 0; want[at] != '\0' && want[at] == got[at]; at++)
		;
	if (want[at] != got[at])
		atf_tc_fail("prctl: the reply differs from {ok,0,2,Prog,0,0} at "
		    "character %zu of %zu: expected \"%.60s\", got \"%.60s\"",
		    at, strlen(want), want + at, got + at);
	allowlist_after(&root, &c);
	t_stop(root.h);
}

/* ---- ptrace ---- */

TC(ptrace_traceme, "ptrace(ptrace_traceme, 0, 0, 0) answers "
    "{ok,0,<<>>,<<>>}; the parent is the tracer")
ATF_TC_BODY(ptrace_traceme, tc)
{
	struct t_proc root, c;

	start(tc, &root);
	t_proc_fork(&root, &c);
	T_EXPECT("{ok,0,<<>>,<<>>}", &c, "ptrace", "aiii", "ptrace_traceme", 0,
	    0, 0);
	ATF_CHECK_STREQ(status_field(proc_pid(&c), "TracerPid"),
	    t_want("%d", (int)alcove_port_pid(root.h)));
	T_EXPECT("{error,eperm}", &c, "ptrace", "aiii", "ptrace_traceme", 0, 0,
	    0);
	T_EXPECT("{error,enotsup}", &c, "ptrace", "aiii", "ptrace_foo", 0, 0,
	    0);
	T_EXPECT("badarg", &c, "ptrace", "aiin", "ptrace_traceme", 0, 0);
	T_EXPECT("badarg", &c, "ptrace", "aiii", "ptrace_traceme", 0, 0, -1);
	t_stop(root.h);
}

/* Wait until /proc says the process is in this state ('t', 'S'). */
static void
wait_state(pid_t pid, char state)
{
	char buf[1024], *p = NULL;
	int i;

	for (i = 0; i < 500; i++) {
		(void)t_slurp(t_want("/proc/%d/stat", (int)pid), buf,
		    sizeof(buf));
		if ((p = strrchr(buf, ')')) != NULL && p[1] == ' ' &&
		    p[2] == state)
			return;
		(void)poll(NULL, 0, 10);
	}
	atf_tc_fail("pid %d never reached state %c: %s", (int)pid, state,
	    p != NULL ? p : buf);
}

TC(ptrace_attach, "ptrace attach, getsiginfo into a binary and into "
    "CStructs, detach, on a sleeping grandchild")
ATF_TC_BODY(ptrace_attach, tc)
{
	unsigned char info[128], zero[128];
	struct t_proc root, c, g;
	pid_t gpid;

	start(tc, &root);
	t_proc_fork(&root, &c);
	T_EXPECT("{ok,sig_dfl}", &c, "sigaction", "aa", "sigchld", "sig_info");
	t_proc_fork(&c, &g);
	gpid = proc_pid(&g);
	T_OK(alcove_execvp(T_AT(&g), "sleep", (char *[]){ "sleep", "60",
	    NULL }));

	T_EXPECT("{ok,0,<<>>,<<>>}", &c, "ptrace", "aiii", "ptrace_attach",
	    gpid, 0, 0);
	T_EXPECT(t_want("{ok,%d,4991,[{stopsig,sigstop}]}", (int)gpid), &c,
	    "waitpid", "ii", gpid, 0);
	ATF_CHECK_STREQ(status_field(gpid, "TracerPid"),
	    t_want("%d", (int)proc_pid(&c)));

	/* SIGSTOP sent by the kernel (SI_KERNEL), read into a binary. */
	memset(zero, 0, sizeof(zero));
	memset(info, 0, sizeof(info));
	info[0] = 19;
	info[8] = 0x80;
	T_EXPECT(t_want("{ok,0,<<>>,%s}", t_binary_text(info, sizeof(info))),
	    &c, "ptrace", "aiib", "ptrace_getsiginfo", gpid, 0, zero,
	    sizeof(zero));
	/* Both Addr and Data as CStructs, each read back on its own. */
	T_EXPECT(t_want("{ok,0,[<<1,2,3,4,5,6,7,8>>],[<<19,0,0,0>>,<<0,0,0,0>>,"
	    "<<128,0,0,0>>,%s]}", t_binary_text(zero, 116)), &c, "ptrace",
	    "ai[b][bbbb]", "ptrace_getsiginfo", gpid,
	    "\1\2\3\4\5\6\7\10", (size_t)8, zero, (size_t)4, zero,
	    (size_t)4, zero, (size_t)4, zero, (size_t)116);

	T_EXPECT("{ok,0,<<>>,<<>>}", &c, "ptrace", "aiii", "ptrace_detach",
	    gpid, 0, 0);
	ATF_CHECK_STREQ(status_field(gpid, "TracerPid"), "0");
	wait_state(gpid, 'S');
	T_EXPECT("{error,esrch}", &c, "ptrace", "aiii", "ptrace_detach", gpid,
	    0, 0);
	T_EXPECT("badarg", &c, "ptrace", "aini", "ptrace_attach", gpid, 0);
	T_EXPECT("badarg", &c, "ptrace", "aiii", "ptrace_attach", gpid, -1, 0);

	T_EXPECT("ok", &c, "kill", "ia", gpid, "sigkill");
	T_EXPECT(t_want("{ok,%d,9,[{termsig,sigkill}]}", (int)gpid), &c,
	    "waitpid", "ii", gpid, 0);
	t_stop(root.h);
}

/* ---- alloc ---- */

/* A list of n empty binaries as raw ETF, for alloc's element limit. */
static size_t
empty_binaries(unsigned char *b, size_t n)
{
	size_t i, len = 0;

	b[len++] = 0x6c;
	len += t_put32(b + len, (uint32_t)n);
	for (i = 0; i < n; i++) {
		b[len++] = 0x6d;
		len += t_put32(b + len, 0);
	}
	b[len++] = 0x6a;
	return len;
}

TC(alloc, "alloc: the example of alcove-protocol(5), CStructs, NULL "
    "pointers, "
    "and what is not a CStruct")
ATF_TC_BODY(alloc, tc)
{
	static const unsigned char improper[] = { 0x6c, 0, 0, 0, 1, 0x6d, 0,
	    0, 0, 1, 1, 0x6d, 0, 0, 0, 1, 2 };
	static const unsigned char str[] = { 0x6b, 0, 3, 'a', 'b', 'c' };
	static unsigned char many[6 + 5 * 1024 + 1];
	const struct alcove_term *raw, *list;
	struct alcove_term *t = NULL;
	struct t_proc root;
	uint64_t p1, p2;
	size_t len;

	start(tc, &root);
	T_OK(alcove_call(T_AT(&root), t_call_no("alloc"), T_TIMEOUT, &t,
	    "[b{ai}{ab}]", "\1\2\3", (size_t)3, "ptr", 4, "ptr", "\5\6",
	    (size_t)2));
	ATF_REQUIRE(t->type == ALCOVE_TERM_TUPLE && t->n == 3);
	ATF_CHECK(alcove_term_atom(&t->e[0], "ok"));
	raw = &t->e[1];
	list = &t->e[2];
	ATF_REQUIRE_EQ(raw->type, ALCOVE_TERM_BINARY);
	ATF_REQUIRE_EQ(raw->len, 3 + 2 * sizeof(void *));
	ATF_CHECK(memcmp(raw->data, "\1\2\3", 3) == 0);
	p1 = p2 = 0;
	memcpy(&p1, raw->data + 3, sizeof(void *));
	memcpy(&p2, raw->data + 3 + sizeof(void *), sizeof(void *));
	ATF_CHECK(p1 != 0);
	ATF_CHECK(p2 != 0);
	ATF_CHECK(p1 != p2);
	ATF_CHECK_STREQ(t_term_text(list), "[<<1,2,3>>,{ptr,<<0,0,0,0>>},"
	    "{ptr,<<5,6>>}]");
	alcove_term_free(t);

	T_EXPECT("{ok,<<0,0,0,0,0,0,0,0>>,[<<0,0,0,0,0,0,0,0>>]}", &root,
	    "alloc", "[{ai}]", "ptr", 0);
	T_EXPECT("{ok,<<0,0,0,0,0,0,0,0>>,[<<0,0,0,0,0,0,0,0>>]}", &root,
	    "alloc", "[{ab}]", "ptr", "", (size_t)0);
	T_EXPECT("{ok,<<1,2>>,[<<1>>,<<2>>]}", &root, "alloc", "[bb]", "\1",
	    (size_t)1, "\2", (size_t)1);

	T_EXPECT("badarg", &root, "alloc", "n");
	T_EXPECT("badarg", &root, "alloc", "r", str, sizeof(str));
	T_EXPECT("badarg", &root, "alloc", "b", "\1", (size_t)1);
	T_EXPECT("badarg", &root, "alloc", "r", improper, sizeof(improper));
	T_EXPECT("badarg", &root, "alloc", "[{ai}]", "ptr", -1);
	T_EXPECT("badarg", &root, "alloc", "[{ai}]", "ptr", 65536);
	T_EXPECT("badarg", &root, "alloc", "[{ai}]", "pointer", 4);
	T_EXPECT("badarg", &root, "alloc", "[i]", 1);

	len = empty_binaries(many, 1024);
	T_EXPECT("badarg", &root, "alloc", "r", many, len);
	len = empty_binaries(many, 1023);
	T_OK(alcove_call(T_AT(&root), t_call_no("alloc"), T_TIMEOUT, &t, "r",
	    many, len));
	ATF_REQUIRE(t->type == ALCOVE_TERM_TUPLE && t->n == 3);
	ATF_CHECK(alcove_term_atom(&t->e[0], "ok"));
	ATF_CHECK(t->e[1].type == ALCOVE_TERM_BINARY && t->e[1].len == 0);
	ATF_CHECK(t->e[2].type == ALCOVE_TERM_LIST && t->e[2].n == 1023);
	alcove_term_free(t);
	t_stop(root.h);
}

TC(alloc_reuse, "argument memory comes to each call zeroed, whatever "
    "the client or the kernel wrote into it during an earlier call")
ATF_TC_BODY(alloc_reuse, tc)
{
	static const char nm[16] = "alcove-arena-15";
	const char *zero8 = "[{ptr,<<0,0,0,0,0,0,0,0>>}]";
	struct alcove_term *t = NULL;
	struct t_proc root, c;

	start(tc, &root);
	t_proc_fork(&root, &c);
	/* A pointee the client filled, then one of the same size. */
	T_OK(alcove_call(T_AT(&c), t_call_no("alloc"), T_TIMEOUT, &t,
	    "[{ab}]", "ptr", "\1\2\3\4\5\6\7\10", (size_t)8));
	ATF_CHECK_STREQ(t_term_text(&t->e[2]), "[{ptr,<<1,2,3,4,5,6,7,8>>}]");
	alcove_term_free(t);
	T_OK(alcove_call(T_AT(&c), t_call_no("alloc"), T_TIMEOUT, &t,
	    "[{ai}]", "ptr", 8));
	ATF_CHECK_STREQ(t_term_text(&t->e[2]), zero8);
	alcove_term_free(t);
	/*
	 * The kernel writes 16 bytes of name into a 1-byte CStruct, in the
	 * slack behind it, where the next call's pointee lies.
	 */
	T_EXPECT(t_want("{ok,0,%s,0,0,0}", t_binary_text(nm, 16)), &c, "prctl",
	    "abiii", "pr_set_name", nm, (size_t)16, 0, 0, 0);
	T_EXPECT("{ok,0,[<<\"a\">>],0,0,0}", &c, "prctl", "a[b]iii",
	    "pr_get_name", "\0", (size_t)1, 0, 0, 0);
	T_OK(alcove_call(T_AT(&c), t_call_no("alloc"), T_TIMEOUT, &t,
	    "[{ai}]", "ptr", 8));
	ATF_CHECK_STREQ(t_term_text(&t->e[2]), zero8);
	alcove_term_free(t);
	t_stop(root.h);
}

/* ---- fexecve ---- */

TC(fexecve, "fexecve of /bin/echo opened o_rdonly prints hi; bad "
    "descriptors and a NULL environment fail and the process still answers")
ATF_TC_BODY(fexecve, tc)
{
	char *const argv[] = { "echo", "hi", NULL };
	char *const envp[] = { "ALCOVE=1", NULL };
	struct t_proc root, c;
	const char *out, *err;
	int fd, status;

	start(tc, &root);
	t_proc_fork(&root, &c);
	if (!t_wrapped(tc))
		T_EXPECT("{error,ebadf}", &c, "fexecve", "iAA", 999, argv,
		    envp);
	/* The C library refuses a negative descriptor and a NULL envp. */
	T_EXPECT("{error,einval}", &c, "fexecve", "iAA", -1, argv, envp);
	T_EXPECT(t_want("%d", (int)proc_pid(&c)), &c, "getpid", "");
	fd = (int)T_OK_INT(&c, "open", "s[a]i", "/", "o_rdonly", 0);
	T_EXPECT("{error,eacces}", &c, "fexecve", "iAA", fd, argv, envp);
	fd = (int)T_OK_INT(&c, "open", "s[a]i", "/bin/echo", "o_rdonly", 0);
	T_EXPECT("{error,einval}", &c, "fexecve", "iAA", fd, argv, NULL);
	T_EXPECT("badarg", &c, "fexecve", "iAs", fd, argv, "ALCOVE=1");
	T_EXPECT("<no reply>", &c, "fexecve", "iAA", fd, argv, envp);
	status = t_proc_collect(&c, &out, &err);
	ATF_CHECK_STREQ(out, "hi\n");
	ATF_CHECK_STREQ(err, "");
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "echo: status 0x%x", status);
	t_stop(root.h);
}

/* ---- a privileged descriptor across exec ---- */

/*
 * Open a root-only file, give up root, run sh reading the descriptor:
 * what it printed on stdout and stderr, and its status.
 */
static int
read_after_drop(const atf_tc_t *tc, int cloexec, int *fdp, const char **out,
    const char **err)
{
	struct t_proc root, c;
	const char *secret = t_here("secret");
	FILE *f;
	int fd, status;

	ATF_REQUIRE((f = fopen(secret, "w")) != NULL);
	ATF_REQUIRE(fputs("secret\n", f) != EOF);
	ATF_REQUIRE(fclose(f) == 0);
	ATF_REQUIRE(chmod(secret, 0600) == 0);

	start(tc, &root);
	t_proc_fork(&root, &c);
	if (cloexec)
		fd = (int)T_OK_INT(&c, "open", "s[aa]i", secret, "o_rdonly",
		    "o_cloexec", 0);
	else
		fd = (int)T_OK_INT(&c, "open", "s[a]i", secret, "o_rdonly", 0);
	T_EXPECT(t_want("{ok,%d}", cloexec), &c, "fcntl", "iai", fd, "f_getfd",
	    0);
	T_REQUIRE("ok", &c, "setgroups", "n");
	T_REQUIRE("ok", &c, "setgid", "i", NOBODY);
	T_REQUIRE("ok", &c, "setuid", "i", NOBODY);
	T_EXPECT(t_want("{ok,%d,%d,%d}", NOBODY, NOBODY, NOBODY), &c,
	    "getresuid", "");
	T_EXPECT("{error,eacces}", &c, "open", "s[a]i", secret, "o_rdonly", 0);
	T_REQUIRE("ok", &c, "chdir", "s", "/");
	T_OK(alcove_execvp(T_AT(&c), "/bin/sh", (char *[]){ "sh", "-c",
	    (char *)t_want("exec cat <&%d", fd), NULL }));
	status = t_proc_collect(&c, out, err);
	t_stop(root.h);
	*fdp = fd;
	return status;
}

TC(privfd_inherit, "a descriptor opened as root without o_cloexec stays "
    "readable after dropping to nobody and exec")
ATF_TC_BODY(privfd_inherit, tc)
{
	const char *out, *err;
	int fd, status;

	status = read_after_drop(tc, 0, &fd, &out, &err);
	ATF_CHECK_STREQ(out, "secret\n");
	ATF_CHECK_STREQ(err, "");
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "sh: status 0x%x", status);
}

TC(privfd_cloexec, "a descriptor opened with o_cloexec is gone after "
    "exec: sh reports a bad descriptor")
ATF_TC_BODY(privfd_cloexec, tc)
{
	const char *out, *err;
	int fd, status;

	status = read_after_drop(tc, 1, &fd, &out, &err);
	ATF_CHECK_STREQ(out, "");
	ATF_CHECK_STREQ(err, t_want("sh: 1: %d: Bad file descriptor\n", fd));
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 2,
	    "sh: status 0x%x", status);
}

/* ---- sockets, select, ioctl, fcntl ---- */

/* A listening unix socket at path, made by the test itself. */
static int
listener(const char *path, struct sockaddr_un *addr)
{
	int s;

	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	ATF_REQUIRE_MSG(strlen(path) < sizeof(addr->sun_path), "%s: too long "
	    "for a unix socket", path);
	(void)strlcpy(addr->sun_path, path, sizeof(addr->sun_path));
	ATF_REQUIRE((s = socket(AF_UNIX, SOCK_STREAM, 0)) != -1);
	ATF_REQUIRE(bind(s, (struct sockaddr *)addr, sizeof(*addr)) == 0);
	ATF_REQUIRE(listen(s, 4) == 0);
	return s;
}

/* sockaddr_un as a CStruct: [<<Family>>, <<Path padded>>]. */
#define SUN_FMT		"[bb]"
#define SUN_ARGS(a)	(const char *)(a), sizeof((a)->sun_family),	\
			(a)->sun_path, sizeof((a)->sun_path)

TC(socket_select, "socket, connect to the test's unix socket, select "
    "before and after data, ioctl fionread, read")
ATF_TC_BODY(socket_select, tc)
{
	static const char *tv = "{aii}";
	unsigned char fdstr[4];
	struct sockaddr_un addr, none;
	struct t_proc root, c;
	int l, a, fd, n;

	start(tc, &root);
	l = listener(t_here("sock"), &addr);
	t_proc_fork(&root, &c);
	fd = (int)T_OK_INT(&c, "socket", "aai", "af_unix", "sock_stream", 0);
	ATF_REQUIRE(fd < 256);

	memset(&none, 0, sizeof(none));
	none.sun_family = AF_UNIX;
	(void)strlcpy(none.sun_path, t_here("nosock"), sizeof(none.sun_path));
	T_EXPECT("{error,enoent}", &c, "connect", "i" SUN_FMT, fd,
	    SUN_ARGS(&none));
	T_EXPECT("badarg", &c, "connect", "ib", fd, (const char *)&addr,
	    sizeof(addr));
	T_EXPECT("ok", &c, "connect", "i" SUN_FMT, fd, SUN_ARGS(&addr));
	ATF_REQUIRE((a = accept(l, NULL, NULL)) != -1);

	T_EXPECT("{ok,[],[],[]}", &c, "select", t_want("[i]nn%s", tv), fd,
	    "alcove_timeval", 0, 0);
	T_EXPECT(t_want("{ok,[],[%d],[]}", fd), &c, "select",
	    t_want("[i][i]n%s", tv), fd, fd, "alcove_timeval", 0, 0);
	T_EXPECT(t_want("{ok,0,%s}", t_binary_text("\0\0\0\0", 4)), &c, "ioctl",
	    "iab", fd, "fionread", "\0\0\0\0", (size_t)4);
	ATF_REQUIRE(write(a, "hello", 5) == 5);
	T_EXPECT(t_want("{ok,[%d],[],[]}", fd), &c, "select",
	    t_want("[i]nn%s", tv), fd, "alcove_timeval", 0, 0);
	/* Erlang sends [Fd] as a string: one descriptor per byte. */
	fdstr[0] = 0x6b;
	fdstr[1] = 0;
	fdstr[2] = 1;
	fdstr[3] = (unsigned char)fd;
	T_EXPECT(t_want("{ok,[%d],[%d],[]}", fd, fd), &c, "select",
	    t_want("rrn%s", tv), fdstr, sizeof(fdstr), fdstr, sizeof(fdstr),
	    "alcove_timeval", 0, 0);

	/* The count of waiting bytes, read back in the buffer. */
	n = 5;
	T_EXPECT(t_want("{ok,0,%s}", t_binary_text(&n, sizeof(n))), &c, "ioctl",
	    "iab", fd, "fionread", "\0\0\0\0", sizeof(n));
	T_EXPECT(t_want("{ok,0,[%s]}", t_binary_text(&n, sizeof(n))), &c,
	    "ioctl", "ia[b]", fd, "fionread", "\0\0\0\0", sizeof(n));
	T_EXPECT("{ok,<<\"hello\">>}", &c, "read", "ii", fd, 16);
	T_EXPECT("{ok,[],[],[]}", &c, "select", t_want("[i]nn%s", tv), fd,
	    "alcove_timeval", 0, 0);
	T_EXPECT("{error,enotsup}", &c, "ioctl", "iab", fd, "fionfoo",
	    "\0\0\0\0", (size_t)4);
	T_EXPECT("badarg", &c, "ioctl", "ian", fd, "fionread");

	/* Closing the other end makes the socket readable: EOF. */
	ATF_REQUIRE(close(a) == 0);
	T_EXPECT(t_want("{ok,[%d],[],[]}", fd), &c, "select",
	    t_want("[i]nn%s", tv), fd, "alcove_timeval", 0, 0);
	T_EXPECT("{ok,<<>>}", &c, "read", "ii", fd, 16);
	T_EXPECT("ok", &c, "close", "i", fd);
	(void)close(l);
	t_stop(root.h);
}

TC(select_errors, "select: a closed, negative or too large descriptor "
    "and a malformed set are ebadf; a malformed timeout is badarg")
ATF_TC_BODY(select_errors, tc)
{
	struct t_proc root, c;

	start(tc, &root);
	t_proc_fork(&root, &c);
	T_EXPECT("{error,ebadf}", &c, "select", "[i]nn{aii}", 999,
	    "alcove_timeval", 0, 0);
	T_EXPECT("{error,ebadf}", &c, "select", "n[i]n{aii}", -1,
	    "alcove_timeval", 0, 0);
	T_EXPECT("{error,ebadf}", &c, "select", "nn[i]{aii}", 1 << 20,
	    "alcove_timeval", 0, 0);
	T_EXPECT("{error,ebadf}", &c, "select", "ann{aii}", "bad",
	    "alcove_timeval", 0, 0);
	T_EXPECT("{error,ebadf}", &c, "select", "[a]nn{aii}", "bad",
	    "alcove_timeval", 0, 0);
	T_EXPECT("{error,ebadf}", &c, "select", "[i]n[s]{aii}", 0, "x",
	    "alcove_timeval", 0, 0);
	T_EXPECT("badarg", &c, "select", "nnn{ai}", "alcove_timeval", 0);
	T_EXPECT("badarg", &c, "select", "nnn{aii}", "timeval", 0, 0);
	T_EXPECT("badarg", &c, "select", "nnni", 0);
	T_EXPECT("{ok,[],[],[]}", &c, "select", "nnn{aii}", "alcove_timeval",
	    0, 1000);
	T_EXPECT(t_want("%d", (int)proc_pid(&c)), &c, "getpid", "");
	t_stop(root.h);
}

TC(fcntl_fd, "fcntl f_getfd/f_setfd and f_getfl/f_setfl round trips "
    "on a socket")
ATF_TC_BODY(fcntl_fd, tc)
{
	char fdinfo[1024];
	struct t_proc root, c;
	int fd;

	start(tc, &root);
	t_proc_fork(&root, &c);
	fd = (int)T_OK_INT(&c, "socket", "aai", "af_unix", "sock_stream", 0);
	T_EXPECT("{ok,0}", &c, "fcntl", "iai", fd, "f_getfd", 0);
	T_EXPECT("{ok,0}", &c, "fcntl", "iai", fd, "f_setfd", 1);
	T_EXPECT("{ok,1}", &c, "fcntl", "iai", fd, "f_getfd", 0);
	T_EXPECT("{ok,1}", &c, "fcntl", "iai", fd, "F_GETFD", 0);
	T_EXPECT("{ok,2}", &c, "fcntl", "iai", fd, "f_getfl", 0);
	T_EXPECT("{ok,0}", &c, "fcntl", "iai", fd, "f_setfl", O_NONBLOCK);
	T_EXPECT(t_want("{ok,%d}", O_RDWR | O_NONBLOCK), &c, "fcntl", "iai", fd,
	    "f_getfl", 0);
	(void)t_slurp(t_want("/proc/%d/fdinfo/%d", (int)proc_pid(&c), fd),
	    fdinfo, sizeof(fdinfo));
	ATF_CHECK_MSG(strstr(fdinfo, t_want("flags:\t0%o\n",
	    O_RDWR | O_NONBLOCK | O_CLOEXEC)) != NULL, "%s", fdinfo);
	T_EXPECT("{ok,0}", &c, "fcntl", "iai", fd, "f_setfd", 0);
	T_EXPECT("{ok,0}", &c, "fcntl", "iai", fd, "f_getfd", 0);
	/* An integer command: F_GETFD is 1. */
	T_EXPECT("{ok,0}", &c, "fcntl", "iii", fd, 1, 0);
	T_EXPECT("{error,ebadf}", &c, "fcntl", "iai", 999, "f_getfd", 0);
	T_EXPECT("{error,enotsup}", &c, "fcntl", "iai", fd, "f_foo", 0);
	T_EXPECT("badarg", &c, "fcntl", "iau", fd, "f_setfd",
	    (unsigned long long)1 << 40);
	T_EXPECT("badarg", &c, "fcntl", "ian", fd, "f_setfd");
	t_stop(root.h);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, clone_ns_atoms);
	ATF_TP_ADD_TC(tp, clone_ns_integer);
	ATF_TP_ADD_TC(tp, clone_ns_mixed);
	ATF_TP_ADD_TC(tp, clone_limits);
	ATF_TP_ADD_TC(tp, unshare_uts);
	ATF_TP_ADD_TC(tp, setns_uts);
	ATF_TP_ADD_TC(tp, pivot_root);
	ATF_TP_ADD_TC(tp, sethostname_limits);
	ATF_TP_ADD_TC(tp, prctl_name);
	ATF_TP_ADD_TC(tp, prctl_short_buffer);
	ATF_TP_ADD_TC(tp, prctl_flags);
	ATF_TP_ADD_TC(tp, prctl_args);
	ATF_TP_ADD_TC(tp, seccomp_kill);
	ATF_TP_ADD_TC(tp, seccomp_prctl);
	ATF_TP_ADD_TC(tp, seccomp_errno);
	ATF_TP_ADD_TC(tp, seccomp_trap_getcwd);
	ATF_TP_ADD_TC(tp, seccomp_errors);
	ATF_TP_ADD_TC(tp, seccomp_allowlist);
	ATF_TP_ADD_TC(tp, seccomp_allowlist_prctl);
	ATF_TP_ADD_TC(tp, ptrace_traceme);
	ATF_TP_ADD_TC(tp, ptrace_attach);
	ATF_TP_ADD_TC(tp, alloc);
	ATF_TP_ADD_TC(tp, alloc_reuse);
	ATF_TP_ADD_TC(tp, fexecve);
	ATF_TP_ADD_TC(tp, privfd_inherit);
	ATF_TP_ADD_TC(tp, privfd_cloexec);
	ATF_TP_ADD_TC(tp, socket_select);
	ATF_TP_ADD_TC(tp, select_errors);
	ATF_TP_ADD_TC(tp, fcntl_fd);

	return atf_no_error();
}
