/*
 * The typed calls of alcove_unshare(3) and alcove_mount(3) (clone,
 * unshare, setns, sethostname, mount, umount, umount2, pivot_root) at
 * depth 0 (the port) and depth 2 (a grandchild), with exact results: the
 * kernel's own account of namespaces, host names and mount tables.
 * Nothing is mounted in the test's own namespace; the mounts live in the
 * port's or a child's private namespace, on directories below a mkdtemp
 * directory of the test's, which the cleanup removes.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/typed.h"
#include "testlib.h"

#ifndef nitems
#define nitems(a)	(sizeof(a) / sizeof((a)[0]))
#endif

/* Where the test keeps the name of its scratch directory (in its cwd). */
#define SCRATCH_NOTE	"scratch-dir"

/* What the kernel says of the tmpfs the checks mount. */
#define TMPFS_700	"rw,relatime - tmpfs none rw,mode=700"
#define TMPFS_700_RO	"ro,nosuid,nodev,relatime - tmpfs none ro,mode=700"
#define TMPFS_755	"rw,relatime - tmpfs none rw,mode=755"

static void	scratch_remove(void);

/* A check that needs root and leaves nothing behind. */
#define TC(name, text)							\
	ATF_TC_WITH_CLEANUP(name);					\
	T_TC_HEAD_ROOT(name, text)					\
	ATF_TC_CLEANUP(name, tc)					\
	{								\
		(void)tc;						\
		scratch_remove();					\
	}

/* ---- the scratch directory ---- */

/* The subdirectories a check may make, innermost first. */
static const char *const scratch_subdirs[] = { "root/old", "root", "x" };

/* A new directory /tmp/alcove-test-XXXXXX, noted for the cleanup. */
static const char *
scratch_make(void)
{
	char dir[] = "/tmp/alcove-test-XXXXXX";

	ATF_REQUIRE_MSG(mkdtemp(dir) != NULL, "mkdtemp: %s", strerror(errno));
	t_write_file(SCRATCH_NOTE, dir, strlen(dir));
	return t_want("%s", dir);
}

/* A subdirectory of the scratch directory, made by the test. */
static const char *
scratch_dir(const char *scratch, const char *name)
{
	const char *dir = t_want("%s/%s", scratch, name);

	ATF_REQUIRE_MSG(mkdir(dir, 0755) == 0, "%s: %s", dir, strerror(errno));
	return dir;
}

/*
 * Remove the scratch directory; a mount that wrongly reached the test's
 * namespace is detached first.
 */
static void
scratch_remove(void)
{
	char dir[128], sub[PATH_MAX];
	size_t i;
	int fd;
	ssize_t n;

	if ((fd = open(SCRATCH_NOTE, O_RDONLY | O_CLOEXEC)) == -1)
		return;
	n = read(fd, dir, sizeof(dir) - 1);
	(void)close(fd);
	if (n <= 0 || strncmp(dir, "/tmp/alcove-test-", 17) != 0)
		return;
	dir[n] = '\0';
	for (i = 0; i < nitems(scratch_subdirs); i++) {
		(void)snprintf(sub, sizeof(sub), "%s/%s", dir,
		    scratch_subdirs[i]);
#if defined(MNT_DETACH)
		while (strcmp(t_host_mount_line(sub), T_NOT_MOUNTED) != 0 &&
		    umount2(sub, MNT_DETACH) == 0)
			;
#endif
		(void)rmdir(sub);
	}
	(void)rmdir(dir);
	(void)unlink(SCRATCH_NOTE);
}

/* ---- processes and what the kernel says of them ---- */

static void
start(const atf_tc_t *tc, struct t_proc *root)
{
	t_require_backend("linux");
	t_proc_root(root, tc);
}

/* p, and the process depth levels below root (a chain of forks). */
static void
descend(const struct t_proc *root, size_t depth, struct t_proc *p)
{
	struct t_proc c;
	size_t i;

	*p = *root;
	for (i = 0; i < depth; i++) {
		t_proc_fork(p, &c);
		*p = c;
	}
}

/* The parent of p, which is not the root. */
static void
parent_of(const struct t_proc *p, struct t_proc *parent)
{
	ATF_REQUIRE(p->n > 0);
	*parent = *p;
	parent->n--;
}

/* The pid of p as the test sees it (outside any new PID namespace). */
static pid_t
pid_of(const struct t_proc *p)
{
	return p->n > 0 ? p->path[p->n - 1] : alcove_port_pid(p->h);
}

static const char *
my_hostname(void)
{
	char name[256];

	ATF_REQUIRE(gethostname(name, sizeof(name)) == 0);
	return t_want("%s", name);
}

static const char *
hostname_of(const struct t_proc *p)
{
	char name[256];

	T_OK(alcove_gethostname(T_AT(p), name, sizeof(name)));
	return t_want("%s", name);
}

/*
 * Stop unless pid is in a namespace of its own: a check that sets a host
 * name or mounts must never reach the test's own.
 */
static void
require_own_ns(pid_t pid, const char *ns)
{
	const char *mine = t_ns_of(0, ns), *its = t_ns_of(pid, ns);

	if (strcmp(mine, its) == 0)
		atf_tc_fail("pid %d shares the test's %s namespace (%s)",
		    (int)pid, ns, its);
}

/* The topmost mount on dir as the process pid sees its mount table. */
static const char *
mount_line_of_pid(pid_t pid, const char *dir)
{
	static char info[1 << 20];

	(void)t_slurp(t_want("/proc/%d/mountinfo", (int)pid), info,
	    sizeof(info));
	return t_mount_line(info, dir);
}

/*
 * Give p a mount namespace of its own whose mounts propagate nowhere.  A
 * change of propagation needs no file system type: the port itself is
 * given one it ignores, because valgrind (the port wrapper of make
 * test-valgrind) takes mount(2)'s NULL type for an error; its children
 * are given NULL.
 */
static void
private_mounts(const struct t_proc *p)
{
	T_OK(alcove_unshare(T_AT(p), "clone_newns"));
	require_own_ns(pid_of(p), "mnt");
	T_OK(alcove_mount(T_AT(p), "none", "/", p->n == 0 ? "none" : NULL,
	    "ms_rec|ms_private", NULL, 0, NULL, NULL, 0));
}

/* ---- clone ---- */

/*
 * p clones a child into new UTS and PID namespaces: pid 1 there, its own
 * host name, which it changes for itself only.
 */
static void
check_clone(const atf_tc_t *tc, size_t depth)
{
	const char *host = my_hostname();
	struct t_proc root, p, c, g;
	struct alcove_pid *cp;
	size_t n;
	pid_t pid, inner;

	start(tc, &root);
	descend(&root, depth, &p);
	pid = 0;
	T_OK(alcove_clone(T_AT(&p), "clone_newuts|clone_newpid", &pid));
	ATF_REQUIRE(pid > 1);
	t_proc_child(&p, &c, pid);
	T_OK(alcove_cpid(T_AT(&p), &cp, &n));
	ATF_CHECK_EQ(n, 1);
	ATF_CHECK_EQ(n > 0 ? cp[0].pid : 0, pid);
	free(cp);

	T_OK(alcove_getpid(T_AT(&c), &inner));
	ATF_CHECK_EQ(inner, 1);
	T_OK(alcove_getpid(T_AT(&p), &inner));
	ATF_CHECK_EQ(inner, pid_of(&p));
	require_own_ns(pid, "uts");
	require_own_ns(pid, "pid");
	ATF_CHECK_STREQ(t_ns_of(pid, "mnt"), t_ns_of(0, "mnt"));
	ATF_CHECK_STREQ(t_ns_of(pid, "net"), t_ns_of(0, "net"));

	ATF_CHECK_STREQ(hostname_of(&c), host);
	T_OK(alcove_sethostname(T_AT(&c), "alcove-typed-clone"));
	ATF_CHECK_STREQ(hostname_of(&c), "alcove-typed-clone");
	ATF_CHECK_STREQ(hostname_of(&p), host);
	ATF_CHECK_STREQ(my_hostname(), host);

	/* Its own child is pid 2 of the new namespace, and shares the name. */
	t_proc_fork(&c, &g);
	T_OK(alcove_getpid(T_AT(&g), &inner));
	ATF_CHECK_EQ(inner, 2);
	ATF_CHECK_STREQ(hostname_of(&g), "alcove-typed-clone");
	t_stop(root.h);
}

TC(clone_depth0, "alcove_clone(\"clone_newuts|clone_newpid\") in the "
    "port: the child is pid 1, sethostname changes only its host name")
ATF_TC_BODY(clone_depth0, tc)
{
	check_clone(tc, 0);
}

TC(clone_depth2, "alcove_clone(\"clone_newuts|clone_newpid\") in a "
    "grandchild: the child is pid 1, sethostname changes only its host name")
ATF_TC_BODY(clone_depth2, tc)
{
	check_clone(tc, 2);
}

/* ---- unshare, sethostname ---- */

/* p unshares its UTS namespace and names itself; nobody else changes. */
static void
check_unshare(const atf_tc_t *tc, size_t depth)
{
	const char *host = my_hostname(), *uts = t_ns_of(0, "uts");
	struct t_proc root, p, parent, c;

	start(tc, &root);
	descend(&root, depth, &p);
	ATF_REQUIRE_STREQ(t_ns_of(pid_of(&p), "uts"), uts);
	T_OK(alcove_unshare(T_AT(&p), ""));
	ATF_REQUIRE_STREQ(t_ns_of(pid_of(&p), "uts"), uts);
	T_OK(alcove_unshare(T_AT(&p), "clone_newuts"));
	require_own_ns(pid_of(&p), "uts");
	ATF_CHECK_STREQ(t_ns_of(pid_of(&p), "mnt"), t_ns_of(0, "mnt"));
	ATF_CHECK_STREQ(t_ns_of(pid_of(&p), "ipc"), t_ns_of(0, "ipc"));

	T_OK(alcove_sethostname(T_AT(&p), "alcove-typed-unshare"));
	ATF_CHECK_STREQ(hostname_of(&p), "alcove-typed-unshare");
	ATF_CHECK_STREQ(my_hostname(), host);
	ATF_CHECK_STREQ(t_ns_of(0, "uts"), uts);
	if (depth > 0) {
		parent_of(&p, &parent);
		ATF_CHECK_STREQ(hostname_of(&parent), host);
	}
	/* A child forked afterwards is born in the new namespace. */
	t_proc_fork(&p, &c);
	ATF_CHECK_STREQ(t_ns_of(pid_of(&c), "uts"), t_ns_of(pid_of(&p), "uts"));
	ATF_CHECK_STREQ(hostname_of(&c), "alcove-typed-unshare");
	t_stop(root.h);
}

TC(unshare_depth0, "alcove_unshare(\"clone_newuts\") and "
    "alcove_sethostname in the port: the test's host name stays")
ATF_TC_BODY(unshare_depth0, tc)
{
	check_unshare(tc, 0);
}

TC(unshare_depth2, "alcove_unshare(\"clone_newuts\") and "
    "alcove_sethostname in a grandchild: its parent's host name stays")
ATF_TC_BODY(unshare_depth2, tc)
{
	check_unshare(tc, 2);
}

/* ---- mount, umount, umount2 ---- */

/*
 * p takes a private mount namespace and mounts a tmpfs there, twice:
 * seen by p, not by the test (nor p's parent); umount and umount2
 * ("mnt_detach") take it away.
 */
static void
check_mount(const atf_tc_t *tc, size_t depth)
{
	struct t_proc root, p, parent;
	const char *scratch, *x;
	char opts[16];

	start(tc, &root);
	scratch = scratch_make();
	x = scratch_dir(scratch, "x");
	descend(&root, depth, &p);
	private_mounts(&p);

	/* Linux writes no options back: optbuf is "". */
	memcpy(opts, "untouched", 10);
	T_OK(alcove_mount(T_AT(&p), "none", x, "tmpfs", "", "mode=700", 8,
	    "ignored=1", opts, sizeof(opts)));
	ATF_CHECK_STREQ(opts, "");
	ATF_CHECK_STREQ(t_proc_mount_line(&p, x), TMPFS_700);
	ATF_CHECK_STREQ(t_host_mount_line(x), T_NOT_MOUNTED);
	if (depth > 0) {
		parent_of(&p, &parent);
		ATF_CHECK_STREQ(t_proc_mount_line(&parent, x), T_NOT_MOUNTED);
	}
	T_OK(alcove_umount(T_AT(&p), x));
	ATF_CHECK_STREQ(t_proc_mount_line(&p, x), T_NOT_MOUNTED);
	T_ERR(EINVAL, alcove_umount(T_AT(&p), x));
	T_ERR(ENOENT, alcove_umount(T_AT(&p), t_want("%s/none", scratch)));

	/* Flags by name, OR'ed; the options not wanted (NULL, 0). */
	T_OK(alcove_mount(T_AT(&p), "none", x, "tmpfs",
	    "ms_rdonly, ms_nosuid | ms_nodev", "mode=700", 8, NULL, NULL, 0));
	ATF_CHECK_STREQ(t_proc_mount_line(&p, x), TMPFS_700_RO);
	ATF_CHECK_STREQ(t_host_mount_line(x), T_NOT_MOUNTED);
	T_OK(alcove_umount2(T_AT(&p), x, "mnt_detach"));
	ATF_CHECK_STREQ(t_proc_mount_line(&p, x), T_NOT_MOUNTED);
	T_ERR(EINVAL, alcove_umount2(T_AT(&p), x, "mnt_detach"));
	T_ERR(ENODEV, alcove_mount(T_AT(&p), "none", x, "alcove-nofs", NULL,
	    NULL, 0, NULL, NULL, 0));
	t_stop(root.h);
	scratch_remove();
}

TC(mount_depth0, "alcove_mount of a private tmpfs in the port after "
    "alcove_unshare(\"clone_newns\"): present inside, absent from the "
    "test's mountinfo; alcove_umount, alcove_umount2(\"mnt_detach\")")
ATF_TC_BODY(mount_depth0, tc)
{
	check_mount(tc, 0);
}

TC(mount_depth2, "alcove_mount of a private tmpfs in a grandchild after "
    "alcove_unshare(\"clone_newns\"): present inside, absent from its "
    "parent and the test; alcove_umount, alcove_umount2(\"mnt_detach\")")
ATF_TC_BODY(mount_depth2, tc)
{
	check_mount(tc, 2);
}

/* ---- pivot_root ---- */

/* p moves its root to a tmpfs it prepared and detaches the old one. */
static void
check_pivot_root(const atf_tc_t *tc, size_t depth)
{
	struct t_proc root, p;
	const char *scratch, *nr;
	char cwd[PATH_MAX];

	start(tc, &root);
	scratch = scratch_make();
	nr = scratch_dir(scratch, "root");
	descend(&root, depth, &p);
	private_mounts(&p);
	T_OK(alcove_mount(T_AT(&p), "none", nr, "tmpfs", NULL, "mode=755", 8,
	    NULL, NULL, 0));
	T_OK(alcove_mkdir(T_AT(&p), t_want("%s/old", nr), 0755));
	/* The host sees an empty directory. */
	ATF_CHECK_STREQ(t_host_mount_line(nr), T_NOT_MOUNTED);

	T_OK(alcove_chdir(T_AT(&p), nr));
	T_ERR(ENOENT, alcove_pivot_root(T_AT(&p), ".", "nowhere"));
	T_ERR(ALCOVE_EINVAL, alcove_pivot_root(T_AT(&p), ".", ""));
	T_ERR(ALCOVE_EINVAL, alcove_pivot_root(T_AT(&p), NULL, "old"));
	T_OK(alcove_pivot_root(T_AT(&p), ".", "old"));
	T_OK(alcove_chdir(T_AT(&p), "/"));
	T_OK(alcove_umount2(T_AT(&p), "/old", "mnt_detach"));

	ATF_CHECK_STREQ(t_dir_sorted(&p, "/"), "[\".\",\"..\",\"old\"]");
	ATF_CHECK_STREQ(t_dir_sorted(&p, "/old"), "[\".\",\"..\"]");
	T_OK(alcove_getcwd(T_AT(&p), cwd, sizeof(cwd)));
	ATF_CHECK_STREQ(cwd, "/");
	ATF_CHECK_STREQ(mount_line_of_pid(pid_of(&p), "/"), TMPFS_755);
	ATF_CHECK_STREQ(t_host_mount_line(nr), T_NOT_MOUNTED);
	T_ERR(EBUSY, alcove_pivot_root(T_AT(&p), "/", "/old"));
	t_stop(root.h);
	scratch_remove();
}

TC(pivot_root_depth0, "alcove_pivot_root of the port into a prepared "
    "tmpfs root: exactly its entries, the test's root stays")
ATF_TC_BODY(pivot_root_depth0, tc)
{
	check_pivot_root(tc, 0);
}

TC(pivot_root_depth2, "alcove_pivot_root of a grandchild into a prepared "
    "tmpfs root: exactly its entries, the test's root stays")
ATF_TC_BODY(pivot_root_depth2, tc)
{
	check_pivot_root(tc, 2);
}

/* ---- setns ---- */

/*
 * p joins the UTS namespace of another child, a, through a descriptor
 * for /proc/A/ns/uts that p opened.
 */
static void
check_setns(const atf_tc_t *tc, size_t depth, const char *nstype)
{
	const char *host = my_hostname(), *uts = t_ns_of(0, "uts");
	struct t_proc root, p, a;
	pid_t pid;
	int fd;

	start(tc, &root);
	T_OK(alcove_clone(T_AT(&root), "clone_newuts", &pid));
	t_proc_child(&root, &a, pid);
	require_own_ns(pid, "uts");
	T_OK(alcove_sethostname(T_AT(&a), "alcove-typed-setns"));

	descend(&root, depth, &p);
	ATF_REQUIRE_STREQ(t_ns_of(pid_of(&p), "uts"), uts);
	T_OK(alcove_open(T_AT(&p), t_want("/proc/%d/ns/uts", (int)pid),
	    O_RDONLY | O_CLOEXEC, 0, &fd));
	T_ERR(EINVAL, alcove_setns(T_AT(&p), fd, "clone_newnet"));
	T_ERR(EBADF, alcove_setns(T_AT(&p), 999, "clone_newuts"));
	T_ERR(ENOTSUP, alcove_setns(T_AT(&p), fd, "clone_newfoo"));
	T_ERR(ALCOVE_EINVAL, alcove_setns(T_AT(&p), fd,
	    "clone_newuts|clone_newnet"));
	ATF_REQUIRE_STREQ(t_ns_of(pid_of(&p), "uts"), uts);

	T_OK(alcove_setns(T_AT(&p), fd, nstype));
	ATF_CHECK_STREQ(t_ns_of(pid_of(&p), "uts"), t_ns_of(pid, "uts"));
	ATF_CHECK_STREQ(hostname_of(&p), "alcove-typed-setns");
	ATF_CHECK_STREQ(my_hostname(), host);
	ATF_CHECK_STREQ(t_ns_of(0, "uts"), uts);
	T_OK(alcove_close(T_AT(&p), fd));
	t_stop(root.h);
}

TC(setns_depth0, "alcove_setns(fd, \"clone_newuts\") of the port into "
    "another child's UTS namespace, the descriptor from alcove_open")
ATF_TC_BODY(setns_depth0, tc)
{
	check_setns(tc, 0, "clone_newuts");
}

TC(setns_depth2, "alcove_setns(fd, NULL) (any type) of a grandchild into "
    "another child's UTS namespace, the descriptor from alcove_open")
ATF_TC_BODY(setns_depth2, tc)
{
	check_setns(tc, 2, NULL);
}

/* ---- errors ---- */

/* Unknown names: the port's {error, enotsup}; bad names: badarg. */
static void
check_refused(const struct t_proc *p, const char *scratch)
{
	char longname[300];
	pid_t pid = -1;

	T_ERR(ENOTSUP, alcove_clone(T_AT(p), "clone_newuts|clone_newfoo",
	    &pid));
	ATF_CHECK_EQ(pid, -1);
	T_ERR(ENOTSUP, alcove_unshare(T_AT(p), "clone_newbar"));
	T_ERR(ENOTSUP, alcove_setns(T_AT(p), 0, "clone_foo"));
	T_ERR(ENOTSUP, alcove_mount(T_AT(p), "none", scratch, "tmpfs",
	    "ms_rdonly|ms_foo", NULL, 0, NULL, NULL, 0));
	T_ERR(ENOTSUP, alcove_umount2(T_AT(p), scratch, "mnt_foo"));
	/* Sharing memory or descriptors with the port is refused. */
	T_ERR(EINVAL, alcove_clone(T_AT(p), "0x100", &pid));
	ATF_CHECK_EQ(pid, -1);

	/* Longer than the port's system allows: badarg from the port. */
	memset(longname, 'h', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	T_ERR(ALCOVE_EBADARG, alcove_sethostname(T_AT(p), longname));
}

TC(refused, "unknown flag names answer ENOTSUP (the port's {error, "
    "enotsup}), sharing clone flags EINVAL, a too long host name "
    "ALCOVE_EBADARG, at depth 0 and 2; nothing is created")
ATF_TC_BODY(refused, tc)
{
	struct t_proc root, p;
	struct alcove_pid *cp;
	const char *scratch;
	size_t n;

	start(tc, &root);
	scratch = scratch_make();
	check_refused(&root, scratch);
	T_OK(alcove_cpid(T_AT(&root), &cp, &n));
	ATF_CHECK_EQ(n, 0);
	free(cp);
	descend(&root, 2, &p);
	check_refused(&p, scratch);
	T_OK(alcove_cpid(T_AT(&p), &cp, &n));
	ATF_CHECK_EQ(n, 0);
	free(cp);
	ATF_CHECK_STREQ(t_host_mount_line(scratch), T_NOT_MOUNTED);
	t_stop(root.h);
	scratch_remove();
}

/* Arguments the library refuses itself, before anything is sent. */
static void
check_invalid(const struct t_proc *p)
{
	static const char *const bad[] = { "clone_newuts|", "|clone_newuts",
	    "clone_newuts||clone_newpid", "clone_newuts|,clone_newpid", "|",
	    " , ", "clone_newuts clone_newpid|", "clone-newuts", "0x1g" };
	char opts[8];
	pid_t pid = -1, got;
	size_t i;

	for (i = 0; i < nitems(bad); i++) {
		T_ERR(ALCOVE_EINVAL, alcove_clone(T_AT(p), bad[i], &pid));
		T_ERR(ALCOVE_EINVAL, alcove_unshare(T_AT(p), bad[i]));
		T_ERR(ALCOVE_EINVAL, alcove_setns(T_AT(p), 0, bad[i]));
	}
	ATF_CHECK_EQ(pid, -1);
	T_ERR(ALCOVE_EINVAL, alcove_clone(T_AT(p), "clone_newuts", NULL));
	T_ERR(ALCOVE_EINVAL, alcove_setns(T_AT(p), 0, "clone_newuts,"
	    "clone_newnet"));
	T_ERR(ALCOVE_EINVAL, alcove_sethostname(T_AT(p), NULL));
	T_ERR(ALCOVE_EINVAL, alcove_sethostname(T_AT(p), ""));

	T_ERR(ALCOVE_EINVAL, alcove_mount(T_AT(p), "none", "/tmp", "tmpfs",
	    "ms_bind|", NULL, 0, NULL, NULL, 0));
	T_ERR(ALCOVE_EINVAL, alcove_mount(T_AT(p), "none", NULL, "tmpfs",
	    NULL, NULL, 0, NULL, NULL, 0));
	T_ERR(ALCOVE_EINVAL, alcove_mount(T_AT(p), "none", "", "tmpfs",
	    NULL, NULL, 0, NULL, NULL, 0));
	T_ERR(ALCOVE_EINVAL, alcove_mount(T_AT(p), "none", "/tmp", "tmpfs",
	    NULL, NULL, 4, NULL, NULL, 0));
	T_ERR(ALCOVE_EINVAL, alcove_mount(T_AT(p), "none", "/tmp", "tmpfs",
	    NULL, "x", 65536, NULL, NULL, 0));
	T_ERR(ALCOVE_EINVAL, alcove_mount(T_AT(p), "none", "/tmp", "tmpfs",
	    NULL, NULL, 0, NULL, NULL, sizeof(opts)));
	T_ERR(ALCOVE_EINVAL, alcove_mount(T_AT(p), "none", "/tmp", "tmpfs",
	    NULL, NULL, 0, NULL, opts, 0));
	T_ERR(ALCOVE_EINVAL, alcove_umount(T_AT(p), NULL));
	T_ERR(ALCOVE_EINVAL, alcove_umount(T_AT(p), ""));
	T_ERR(ALCOVE_EINVAL, alcove_umount2(T_AT(p), "", "mnt_detach"));
	T_ERR(ALCOVE_EINVAL, alcove_umount2(T_AT(p), "/tmp", "mnt_detach|"));
	T_ERR(ALCOVE_EINVAL, alcove_pivot_root(T_AT(p), "", "old"));
	T_ERR(ALCOVE_EINVAL, alcove_pivot_root(T_AT(p), "/", NULL));

	/* Nothing went to the port: it answers the next call in step. */
	T_OK(alcove_getpid(T_AT(p), &got));
	ATF_CHECK_EQ(got, pid_of(p));
}

T_TC(invalid, "bad constant strings (\"ms_bind|\"), NULL and empty paths "
    "and inconsistent buffers are ALCOVE_EINVAL at depth 0 and 2, before "
    "anything is sent")
ATF_TC_BODY(invalid, tc)
{
	struct t_proc root, p;

	t_proc_root(&root, tc);
	check_invalid(&root);
	descend(&root, 2, &p);
	check_invalid(&p);
	t_stop(root.h);
}

/* ---- the option string of a Solaris or illumos port ---- */

/* mount's reading of a reply given as external term format bytes. */
static int
mount_reply_of(const unsigned char *etf, size_t len, char *buf, size_t size)
{
	struct alcove_term *t;

	ATF_REQUIRE_EQ(alcove_term_decode(etf, len, &t), 0);
	return mount_reply(t, buf, size);
}

/* {ok, <<"rw,xattr">>} */
#define OK_OPTIONS	T_BYTES(0x83, 0x68, 0x02, 0x77, 0x02, 'o', 'k', \
			    0x6d, 0x00, 0x00, 0x00, 0x08, 'r', 'w', ',', 'x', \
			    'a', 't', 't', 'r')

T_TC(options_reply, "mount's replies: ok and {ok, Options} fill the "
    "buffer (ERANGE, cut, when it is too small: the mount happened), "
    "errors leave it, any other shape is ALCOVE_EPROTO")
ATF_TC_BODY(options_reply, tc)
{
	char buf[64];

	(void)tc;
	memcpy(buf, "old", 4);
	ATF_CHECK_EQ(mount_reply_of(T_BYTES(0x83, 0x77, 0x02, 'o', 'k'), buf,
	    sizeof(buf)), 0);
	ATF_CHECK_STREQ(buf, "");
	ATF_CHECK_EQ(mount_reply_of(T_BYTES(0x83, 0x77, 0x02, 'o', 'k'), NULL,
	    0), 0);

	ATF_CHECK_EQ(mount_reply_of(OK_OPTIONS, buf, sizeof(buf)), 0);
	ATF_CHECK_STREQ(buf, "rw,xattr");
	memset(buf, 'z', sizeof(buf));
	ATF_CHECK_EQ(mount_reply_of(OK_OPTIONS, buf, 9), 0);
	ATF_CHECK_STREQ(buf, "rw,xattr");
	memset(buf, 'z', sizeof(buf));
	ATF_CHECK_EQ(mount_reply_of(OK_OPTIONS, buf, 8), ERANGE);
	ATF_CHECK_STREQ(buf, "rw,xatt");
	ATF_CHECK_EQ(buf[8], 'z');
	ATF_CHECK_EQ(mount_reply_of(OK_OPTIONS, buf, 1), ERANGE);
	ATF_CHECK_STREQ(buf, "");
	ATF_CHECK_EQ(mount_reply_of(OK_OPTIONS, NULL, 0), 0);
	/* No room at all is no buffer: nothing is written. */
	memcpy(buf, "old", 4);
	ATF_CHECK_EQ(mount_reply_of(OK_OPTIONS, buf, 0), 0);
	ATF_CHECK_STREQ(buf, "old");
	ATF_CHECK_EQ(mount_reply(NULL, buf, sizeof(buf)), ALCOVE_EPROTO);
	/* {ok, <<>>} */
	memcpy(buf, "old", 4);
	ATF_CHECK_EQ(mount_reply_of(T_BYTES(0x83, 0x68, 0x02, 0x77, 0x02, 'o',
	    'k', 0x6d, 0, 0, 0, 0), buf, sizeof(buf)), 0);
	ATF_CHECK_STREQ(buf, "");

	/* {error, ebusy}, {error, unsupported}: the buffer stays. */
	memcpy(buf, "old", 4);
	ATF_CHECK_EQ(mount_reply_of(T_BYTES(0x83, 0x68, 0x02, 0x77, 0x05, 'e',
	    'r', 'r', 'o', 'r', 0x77, 0x05, 'e', 'b', 'u', 's', 'y'), buf,
	    sizeof(buf)), EBUSY);
	ATF_CHECK_EQ(mount_reply_of(T_BYTES(0x83, 0x68, 0x02, 0x77, 0x05, 'e',
	    'r', 'r', 'o', 'r', 0x77, 0x0b, 'u', 'n', 's', 'u', 'p', 'p', 'o',
	    'r', 't', 'e', 'd'), buf, sizeof(buf)), ALCOVE_EUNSUPPORTED);
	ATF_CHECK_STREQ(buf, "old");

	/* {ok, 5}, {ok, "rw"}, {ok, <<"a">>, <<"b">>}, {ok}, true, 7 */
	ATF_CHECK_EQ(mount_reply_of(T_BYTES(0x83, 0x68, 0x02, 0x77, 0x02, 'o',
	    'k', 0x61, 5), buf, sizeof(buf)), ALCOVE_EPROTO);
	ATF_CHECK_EQ(mount_reply_of(T_BYTES(0x83, 0x68, 0x02, 0x77, 0x02, 'o',
	    'k', 0x6b, 0x00, 0x02, 'r', 'w'), buf, sizeof(buf)),
	    ALCOVE_EPROTO);
	ATF_CHECK_EQ(mount_reply_of(T_BYTES(0x83, 0x68, 0x03, 0x77, 0x02, 'o',
	    'k', 0x6d, 0, 0, 0, 1, 'a', 0x6d, 0, 0, 0, 1, 'b'), buf,
	    sizeof(buf)), ALCOVE_EPROTO);
	ATF_CHECK_EQ(mount_reply_of(T_BYTES(0x83, 0x68, 0x01, 0x77, 0x02, 'o',
	    'k'), buf, sizeof(buf)), ALCOVE_EPROTO);
	ATF_CHECK_EQ(mount_reply_of(T_BYTES(0x83, 0x77, 0x04, 't', 'r', 'u',
	    'e'), buf, sizeof(buf)), ALCOVE_EPROTO);
	ATF_CHECK_EQ(mount_reply_of(T_BYTES(0x83, 0x61, 7), buf, sizeof(buf)),
	    ALCOVE_EPROTO);
	ATF_CHECK_STREQ(buf, "old");
}

/*
 * A stand-in for a Solaris or illumos port, in sh: it boots as the port
 * does (alcove-protocol(5), Boot sequence: the FIFO, the boot message, ok
 * to the unlink of the FIFO), keeps each request after its length in
 * $dir/req.N and answers the two mount calls of options_from_port with
 * {ok, <<"rw,xattr">>}, as such a port does after a mount with
 * ms_optionstr (alcove-protocol(5), File systems).
 */
static const char solaris_sim[] =
    "dir=$1 fifo=$4\n"
    "mkfifo -m 600 \"$fifo\" || exit 1\n"
    "exec 3<>\"$fifo\"\n"
    "request() {\n"
    "	set -- $(dd bs=1 count=2 2>/dev/null | od -An -tu1) || exit 1\n"
    "	[ $# -eq 2 ] || exit 1\n"
    "	dd bs=1 count=$(($1 * 256 + $2)) of=\"$dir/req.$n\" 2>/dev/null\n"
    "	n=$((n + 1))\n"
    "}\n"
    "ok='\\000\\007\\000\\004\\203\\167\\002ok'\n"
    "options='\\000\\026\\000\\004\\203\\150\\002\\167\\002ok"
    "\\155\\000\\000\\000\\010rw,xattr'\n"
    "n=0\n"
    "printf \"$ok\"\n"
    "request; rm -f \"$fifo\"; printf \"$ok\"\n"
    "request; printf \"$options\"\n"
    "request; printf \"$options\"\n"
    "exec cat >/dev/null\n";

/* The mount request options_from_port sends, after its length. */
static void
wb_mount_request(struct wb *w, const char *options)
{
	w->n = 0;
	wb_raw(w, T_BYTES(0x00, 0x04, 0x00, 54, 0x83, 0x68, 6));
	wb_binary(w, "swap", 4);
	wb_binary(w, "/mnt", 4);
	wb_binary(w, "tmpfs", 5);
	wb_raw(w, T_BYTES(0x6c, 0, 0, 0, 1));
	wb_atom(w, "ms_optionstr");
	wb_u8(w, 0x6a);
	wb_binary(w, "", 0);
	/* The option string goes with its NUL, as Solaris takes it. */
	wb_binary(w, options, strlen(options) + 1);
}

/* The bytes of a request the stand-in kept, as text. */
static const char *
request_text(const char *dir, int n)
{
	static unsigned char buf[4096];
	size_t len;

	len = t_slurp(t_want("%s/req.%d", dir, n), (char *)buf, sizeof(buf));
	return t_binary_text(buf, len);
}

T_TC(options_from_port, "alcove_mount through a port that writes the "
    "options back ({ok, Options}): the options are sent with their NUL, "
    "the answer fills optbuf, or ERANGE with the mounted options cut")
ATF_TC_BODY(options_from_port, tc)
{
	const char *dir = t_here("sim");
	const char *const words[] = { "/bin/sh", "-c", solaris_sim,
	    "solaris-sim", dir, NULL };
	struct alcove_options o;
	struct alcove *h;
	struct wb w;
	char opts[64];

	(void)tc;
	ATF_REQUIRE(mkdir(dir, 0755) == 0);
	alcove_options_init(&o);
	o.exec = words;
	o.progname = "alcove";
	o.timeout = T_TIMEOUT;
	T_OK(alcove_start(&h, &o));

	memcpy(opts, "old", 4);
	T_OK(alcove_mount(h, NULL, 0, "swap", "/mnt", "tmpfs", "ms_optionstr",
	    NULL, 0, "size=1m", opts, sizeof(opts)));
	ATF_CHECK_STREQ(opts, "rw,xattr");
	wb_mount_request(&w, "size=1m");
	ATF_CHECK_STREQ(request_text(dir, 1), t_binary_text(w.b, w.n));

	memcpy(opts, "old", 4);
	T_ERR(ERANGE, alcove_mount_t(h, NULL, 0, T_TIMEOUT, "swap", "/mnt",
	    "tmpfs", "MS_OPTIONSTR", "", 0, "rw", opts, 4));
	ATF_CHECK_STREQ(opts, "rw,");
	wb_mount_request(&w, "rw");
	ATF_CHECK_STREQ(request_text(dir, 2), t_binary_text(w.b, w.n));
	t_stop(h);
}

/* ---- other systems ---- */

T_TC(unsupported_elsewhere, "on a backend without them, the Linux-only "
    "calls and mount, umount, umount2 (none on generic) answer "
    "ALCOVE_EUNSUPPORTED at depth 0 and 2")
ATF_TC_BODY(unsupported_elsewhere, tc)
{
	/* The systems column of calls.def for these calls. */
	static const char *mounters[] = { "linux", "freebsd", "openbsd",
	    "netbsd", "solaris" };
	struct t_proc root, p;
	const char *os = t_backend();
	int has_mount = 0, pass;
	size_t i;
	pid_t pid;

	if (strcmp(os, "linux") == 0)
		atf_tc_skip("the linux backend has these calls: the other "
		    "cases check what they do");
	for (i = 0; i < nitems(mounters); i++)
		if (strcmp(os, mounters[i]) == 0)
			has_mount = 1;
	t_proc_root(&root, tc);
	p = root;
	for (pass = 0; pass < 2; pass++) {
		T_ERR(ALCOVE_EUNSUPPORTED, alcove_clone(T_AT(&p),
		    "clone_newuts", &pid));
		T_ERR(ALCOVE_EUNSUPPORTED, alcove_unshare(T_AT(&p),
		    "clone_newuts"));
		T_ERR(ALCOVE_EUNSUPPORTED, alcove_setns(T_AT(&p), 0,
		    "clone_newuts"));
		T_ERR(ALCOVE_EUNSUPPORTED, alcove_pivot_root(T_AT(&p), "/",
		    "/"));
		if (!has_mount) {
			T_ERR(ALCOVE_EUNSUPPORTED, alcove_mount(T_AT(&p),
			    "none", "/", "tmpfs", NULL, NULL, 0, NULL, NULL,
			    0));
			T_ERR(ALCOVE_EUNSUPPORTED, alcove_umount(T_AT(&p),
			    "/"));
			T_ERR(ALCOVE_EUNSUPPORTED, alcove_umount2(T_AT(&p),
			    "/", NULL));
		}
		descend(&root, 2, &p);
	}
	t_stop(root.h);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, clone_depth0);
	ATF_TP_ADD_TC(tp, clone_depth2);
	ATF_TP_ADD_TC(tp, unshare_depth0);
	ATF_TP_ADD_TC(tp, unshare_depth2);
	ATF_TP_ADD_TC(tp, mount_depth0);
	ATF_TP_ADD_TC(tp, mount_depth2);
	ATF_TP_ADD_TC(tp, pivot_root_depth0);
	ATF_TP_ADD_TC(tp, pivot_root_depth2);
	ATF_TP_ADD_TC(tp, setns_depth0);
	ATF_TP_ADD_TC(tp, setns_depth2);
	ATF_TP_ADD_TC(tp, refused);
	ATF_TP_ADD_TC(tp, invalid);
	ATF_TP_ADD_TC(tp, options_reply);
	ATF_TP_ADD_TC(tp, options_from_port);
	ATF_TP_ADD_TC(tp, unsupported_elsewhere);

	return atf_no_error();
}
