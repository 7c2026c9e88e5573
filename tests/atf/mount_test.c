/*
 * mount, umount and umount2 through the port on Linux, with exact
 * replies and the kernel's own account of the result: every mount is made
 * in a child's private mount namespace, except where propagation from and
 * to the test's namespace is the point, and nothing stays mounted.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"

#ifndef nitems
#define nitems(a)	(sizeof(a) / sizeof((a)[0]))
#endif

/* MS_NOSUID, MS_NODEV, MS_NOEXEC: the mount table's values on Linux. */
#define FL_NOSUID	2
#define FL_NODEV	4
#define FL_NOEXEC	8

/* What the kernel says of a tmpfs mounted with no options. */
#define TMPFS		"rw,relatime - tmpfs tmpfs rw"
#define TMPFS_NNN	"rw,nosuid,nodev,noexec,relatime - tmpfs tmpfs rw"

/* Values of the seccomp filter language (linux/filter.h, seccomp.h). */
#define BPF_LD_W_ABS	0x20	/* BPF_LD | BPF_W | BPF_ABS */
#define BPF_JEQ_K	0x15	/* BPF_JMP | BPF_JEQ | BPF_K */
#define BPF_RET_K	0x06	/* BPF_RET | BPF_K */
#define RET_ERRNO	0x00050000U
#define RET_ALLOW	0x7fff0000U
/* struct seccomp_data: nr, arch, then the arguments, 8 bytes each. */
#define DATA_NR		0
#define DATA_ARCH	4
#define DATA_ARG_HIGH(n) (16 + 8 * (n) + 4)	/* little-endian */

struct insn {
	uint16_t	code;
	uint8_t		jt;
	uint8_t		jf;
	uint32_t	k;
};

static void	unmount_below_cwd(void);

/*
 * Every check needs root and the Linux backend; the cleanup takes away
 * whatever a failed check left mounted in the test's namespace.
 */
#define TC(name, text)							\
	ATF_TC_WITH_CLEANUP(name);					\
	T_TC_HEAD_ROOT(name, text)					\
	ATF_TC_CLEANUP(name, tc)					\
	{								\
		(void)tc;						\
		unmount_below_cwd();					\
	}

/* ---- files, namespaces and mount tables ---- */

/* The working directory, where kyua runs each test case. */
static const char *
cwd(void)
{
	char buf[PATH_MAX];

	ATF_REQUIRE(getcwd(buf, sizeof(buf)) != NULL);
	return t_want("%s", buf);
}

/* The mount points of the test's namespace below the working directory. */
static const char *
mounts_below_cwd(void)
{
	const char *info = t_host_mountinfo(), *line, *end, *p, *dir = cwd();
	const char *list = "";
	size_t len, dlen = strlen(dir);

	for (line = info; *line != '\0'; line = end + (*end != '\0')) {
		if ((end = strchr(line, '\n')) == NULL)
			end = line + strlen(line);
		if ((p = t_mount_point(line, end, &len)) != NULL &&
		    len > dlen && strncmp(p, dir, dlen) == 0 && p[dlen] == '/')
			list = t_want("%s%.*s\n", list, (int)len, p);
	}
	return list;
}

/* Detach every mount below the working directory, last mounted first. */
static void
unmount_below_cwd(void)
{
	const char *list, *p, *nl, *lastp;
	char path[PATH_MAX];
	int round;

	for (round = 0; round < 64; round++) {
		if (*(list = mounts_below_cwd()) == '\0')
			return;
		for (lastp = p = list; (nl = strchr(p, '\n')) != NULL &&
		    nl[1] != '\0'; p = nl + 1)
			lastp = nl + 1;
		nl = strchr(lastp, '\n');
		(void)snprintf(path, sizeof(path), "%.*s", (int)(nl - lastp),
		    lastp);
#if defined(MNT_DETACH)
		(void)umount2(path, MNT_DETACH);
#else
		return;		/* only Linux runs these checks */
#endif
	}
}

/* A directory made by the test in its working directory. */
static const char *
new_dir(const char *name)
{
	const char *dir = t_here(name);

	ATF_REQUIRE_MSG(mkdir(dir, 0755) == 0, "%s: %s", dir,
	    strerror(errno));
	return dir;
}

/* ---- set-up ---- */

static void
start(const atf_tc_t *tc, struct t_proc *root)
{
	t_require_backend("linux");
	t_proc_root(root, tc);
}

/*
 * A child in a mount namespace of its own, checked before anything is
 * mounted there; private makes everything in it private first.
 */
static void
ns_child(struct t_proc *root, struct t_proc *c, int private)
{
	pid_t pid;

	pid = (pid_t)T_OK_INT(root, "clone", "[a]", "clone_newns");
	t_proc_child(root, c, pid);
	if (strcmp(t_ns_of(pid, "mnt"), t_ns_of(0, "mnt")) == 0)
		atf_tc_fail("clone([clone_newns]) made no mount namespace");
	if (private)
		T_REQUIRE("ok", c, "mount", "sss[aa]ss", "", "/", "", "ms_rec",
		    "ms_private", "", "");
}

/* Stop the port and require the test's namespace clean below cwd. */
static void
finish(struct t_proc *root)
{
	t_stop(root->h);
	ATF_CHECK_STREQ(mounts_below_cwd(), "");
}

/* ---- tmpfs with data ---- */

TC(tmpfs_data, "a tmpfs with flags and a data string: the kernel shows "
    "exactly those options, statfs its size")
ATF_TC_BODY(tmpfs_data, tc)
{
	struct t_proc root, c, g;
	const char *dir, *out, *err;
	int status;

	start(tc, &root);
	ns_child(&root, &c, 1);
	dir = new_dir("t");
	T_EXPECT("ok", &c, "mount", "sss[aa]sn", "tmpfs", dir, "tmpfs",
	    "ms_nosuid", "ms_nodev", "size=1m,mode=0700");
	ATF_CHECK_STREQ(t_proc_mount_line(&c, dir), "rw,nosuid,nodev,relatime "
	    "- tmpfs tmpfs rw,size=1024k,mode=700");
	ATF_CHECK_STREQ(t_host_mount_line(dir), T_NOT_MOUNTED);

	t_proc_fork(&c, &g);
	T_OK(alcove_execvp(T_AT(&g), "stat", (char *[]){ "stat", "-f", "-c",
	    "%b %S %a %T", (char *)dir, NULL }));
	status = t_proc_collect(&g, &out, &err);
	ATF_CHECK_STREQ(out, "256 4096 256 tmpfs\n");
	ATF_CHECK_STREQ(err, "");
	ATF_CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "stat: status 0x%x", status);

	/* What the kernel refuses. */
	T_EXPECT("{error,einval}", &c, "mount", "sssnsn", "tmpfs", dir, "tmpfs",
	    "size=lots");
	T_EXPECT("{error,enodev}", &c, "mount", "sssnsn", "none", dir,
	    "alcovefs", "");
	T_EXPECT("{error,enoent}", &c, "mount", "sssnsn", "tmpfs",
	    t_here("missing"), "tmpfs", "");
	T_EXPECT("ok", &c, "umount", "s", dir);
	ATF_CHECK_STREQ(t_proc_mount_line(&c, dir), T_NOT_MOUNTED);
	finish(&root);
}

/* ---- bind, then read-only ---- */

/* The mount holding path in the test's namespace: its line. */
static const char *
containing_mount(const char *path)
{
	const char *info = t_host_mountinfo(), *line, *end, *p, *best = NULL;
	size_t len, blen = 0;

	for (line = info; *line != '\0'; line = end + (*end != '\0')) {
		if ((end = strchr(line, '\n')) == NULL)
			end = line + strlen(line);
		if ((p = t_mount_point(line, end, &len)) == NULL ||
		    strncmp(path, p, len) != 0 ||
		    (path[len] != '/' && path[len] != '\0' && len != 1))
			continue;
		if (best == NULL || len >= blen) {
			best = t_want("%.*s", (int)(end - p - len - 1),
			    p + len + 1);
			blen = len;
		}
	}
	ATF_REQUIRE(best != NULL);
	return best;
}

/*
 * The line a read-only bind of that mount shows in a private namespace:
 * "ro" for "rw", no propagation fields, the same file system.
 */
static const char *
readonly_bind_line(const char *host)
{
	const char *sep, *opt_end;

	ATF_REQUIRE(strncmp(host, "rw", 2) == 0);
	ATF_REQUIRE((sep = strstr(host, " - ")) != NULL);
	opt_end = strchr(host, ' ');
	return t_want("ro%.*s%s", (int)(opt_end - host - 2), host + 2, sep);
}

TC(bind_remount_ro, "a bind mount made read-only by a second call with "
    "ms_bind: writes fail with erofs, the source stays writable")
ATF_TC_BODY(bind_remount_ro, tc)
{
	struct t_proc root, c;
	const char *src, *dst, *host;
	int fd;

	start(tc, &root);
	src = new_dir("src");
	dst = new_dir("dst");
	t_write_file(t_want("%s/f", src), "f\n", 2);
	host = containing_mount(src);
	ns_child(&root, &c, 1);

	T_EXPECT("ok", &c, "mount", "sss[a]ss", src, dst, "", "ms_bind", "",
	    "");
	ATF_CHECK_STREQ(t_dir_sorted(&c, dst), "[\".\",\"..\",\"f\"]");
	T_EXPECT("ok", &c, "mount", "sss[aaa]ss", src, dst, "", "ms_bind",
	    "ms_remount", "ms_rdonly", "", "");
	ATF_CHECK_STREQ(t_proc_mount_line(&c, dst), readonly_bind_line(host));

	T_EXPECT("{error,erofs}", &c, "open", "s[aa]i", t_want("%s/g", dst),
	    "o_wronly", "o_creat", 0644);
	T_EXPECT("{error,erofs}", &c, "mkdir", "si", t_want("%s/d", dst), 0755);
	T_EXPECT("{error,erofs}", &c, "unlink", "s", t_want("%s/f", dst));
	T_EXPECT("{error,erofs}", &c, "open", "s[a]i", t_want("%s/f", dst),
	    "o_wronly", 0);
	fd = (int)T_OK_INT(&c, "open", "s[a]i", t_want("%s/f", dst), "o_rdonly",
	    0);
	T_EXPECT("{ok,<<102,10>>}", &c, "read", "ii", fd, 16);

	/* The source, the same directory, takes writes. */
	fd = (int)T_OK_INT(&c, "open", "s[aa]i", t_want("%s/g", src),
	    "o_wronly", "o_creat", 0644);
	T_EXPECT("{ok,2}", &c, "write", "ib", fd, "g\n", (size_t)2);
	T_EXPECT("ok", &c, "close", "i", fd);
	ATF_CHECK_STREQ(t_dir_sorted(&c, dst), "[\".\",\"..\",\"f\",\"g\"]");
	ATF_CHECK_STREQ(t_host_mount_line(dst), T_NOT_MOUNTED);
	t_write_file(t_want("%s/h", src), "h\n", 2);
	finish(&root);
}

/* ---- propagation ---- */

/*
 * A directory of the test bound onto itself and made shared, in the
 * test's own namespace (through the port's root); sub is a directory in
 * it.
 */
static const char *
shared_dir(struct t_proc *root, const char **sub)
{
	const char *dir = new_dir("shared"), *line;

	*sub = new_dir("shared/sub");
	/*
	 * The kernel ignores the type of a bind or a propagation change;
	 * one is given all the same because valgrind, which may run the
	 * port (port_wrapper), takes a NULL type for a bad address.
	 */
	T_REQUIRE("ok", root, "mount", "sss[a]ss", dir, dir, "none", "ms_bind",
	    "", "");
	T_REQUIRE("ok", root, "mount", "sss[a]ss", "none", dir, "none",
	    "ms_shared", "", "");
	line = t_host_mount_line(dir);
	ATF_REQUIRE_MSG(strstr(line, " shared:") != NULL, "%s", line);
	return dir;
}

/* Undo shared_dir. */
static void
unshare_dir(struct t_proc *root, const char *dir)
{
	T_EXPECT("ok", root, "umount", "s", dir);
	ATF_CHECK_STREQ(t_host_mount_line(dir), T_NOT_MOUNTED);
}

TC(propagation_private, "with [ms_rec, ms_private] on / in the child's "
    "namespace, a mount below a shared directory stays inside")
ATF_TC_BODY(propagation_private, tc)
{
	struct t_proc root, c;
	const char *dir, *sub;

	start(tc, &root);
	dir = shared_dir(&root, &sub);
	ns_child(&root, &c, 1);
	T_EXPECT("ok", &c, "mount", "sssnsn", "tmpfs", sub, "tmpfs", "");
	ATF_CHECK_STREQ(t_proc_mount_line(&c, sub), TMPFS);
	ATF_CHECK_STREQ(t_host_mount_line(sub), T_NOT_MOUNTED);
	ATF_CHECK_STREQ(t_proc_mount_line(&root, sub), T_NOT_MOUNTED);
	unshare_dir(&root, dir);
	finish(&root);
}

/* "rw,relatime shared:N - tmpfs tmpfs rw" with any N. */
static int
shared_tmpfs(const char *line)
{
	unsigned int n;
	int end = 0;

	return sscanf(line, "rw,relatime shared:%u - tmpfs "
	    "tmpfs rw%n", &n, &end) == 1 && line[end] == '\0';
}

TC(propagation_shared, "a mount below a shared directory made in a new "
    "mount namespace appears in the test's; its unmount propagates back")
ATF_TC_BODY(propagation_shared, tc)
{
	struct t_proc root, c;
	const char *dir, *sub, *line;

	start(tc, &root);
	dir = shared_dir(&root, &sub);
	ns_child(&root, &c, 0);
	T_EXPECT("ok", &c, "mount", "sssnsn", "tmpfs", sub, "tmpfs", "");
	line = t_host_mount_line(sub);
	ATF_CHECK_MSG(shared_tmpfs(line), "%s", line);
	line = t_proc_mount_line(&c, sub);
	ATF_CHECK_MSG(shared_tmpfs(line), "%s", line);

	T_EXPECT("ok", &root, "umount", "s", sub);
	ATF_CHECK_STREQ(t_host_mount_line(sub), T_NOT_MOUNTED);
	ATF_CHECK_STREQ(t_proc_mount_line(&c, sub), T_NOT_MOUNTED);
	unshare_dir(&root, dir);
	finish(&root);
}

TC(propagation_slave, "ms_slave in the child: mounts come in from the "
    "test's namespace, none go out")
ATF_TC_BODY(propagation_slave, tc)
{
	struct t_proc root, c;
	const char *dir, *sub, *line, *sub2;
	unsigned int n;
	int end = 0;

	start(tc, &root);
	dir = shared_dir(&root, &sub);
	sub2 = new_dir("shared/sub2");
	ns_child(&root, &c, 0);
	T_EXPECT("ok", &c, "mount", "sss[a]ss", "", dir, "", "ms_slave", "",
	    "");
	line = t_proc_mount_line(&c, dir);
	ATF_CHECK_MSG(strstr(line, " master:") != NULL &&
	    strstr(line, " shared:") == NULL, "%s", line);

	/* In from the master. */
	T_EXPECT("ok", &root, "mount", "sssnsn", "tmpfs", sub, "tmpfs", "");
	line = t_proc_mount_line(&c, sub);
	ATF_CHECK_MSG(sscanf(line, "rw,relatime master:%u - tmpfs tmpfs rw%n",
	    &n, &end) == 1 && line[end] == '\0', "%s", line);

	/* Not out to it. */
	T_EXPECT("ok", &c, "mount", "sssnsn", "tmpfs", sub2, "tmpfs", "");
	ATF_CHECK_STREQ(t_proc_mount_line(&c, sub2), TMPFS);
	ATF_CHECK_STREQ(t_host_mount_line(sub2), T_NOT_MOUNTED);

	T_EXPECT("ok", &root, "umount", "s", sub);
	ATF_CHECK_STREQ(t_proc_mount_line(&c, sub), T_NOT_MOUNTED);
	unshare_dir(&root, dir);
	finish(&root);
}

/* ---- flags ---- */

TC(flags_forms, "mount flags as an integer, atoms, aliases, a mixed list, "
    "a string and a big integer give the same mount")
ATF_TC_BODY(flags_forms, tc)
{
	static const unsigned char str[] = { 0x6b, 0, 3, FL_NOSUID, FL_NODEV,
	    FL_NOEXEC };
	static const unsigned char big[] = { 0x6e, 1, 0, FL_NOSUID | FL_NODEV |
	    FL_NOEXEC };
	struct t_proc root, c;
	const char *d[8], *info;
	size_t i;

	start(tc, &root);
	ns_child(&root, &c, 1);
	for (i = 0; i < nitems(d); i++)
		d[i] = new_dir(t_want("d%zu", i));
	T_EXPECT("ok", &c, "mount", "sssiss", "tmpfs", d[0], "tmpfs",
	    FL_NOSUID | FL_NODEV | FL_NOEXEC, "", "");
	T_EXPECT("ok", &c, "mount", "sss[aaa]ss", "tmpfs", d[1], "tmpfs",
	    "ms_nosuid", "ms_nodev", "ms_noexec", "", "");
	T_EXPECT("ok", &c, "mount", "sss[aaa]ss", "tmpfs", d[2], "tmpfs",
	    "nosuid", "MS_NODEV", "noexec", "", "");
	T_EXPECT("ok", &c, "mount", "sss[aia]ss", "tmpfs", d[3], "tmpfs",
	    "ms_nosuid", FL_NODEV, "noexec", "", "");
	T_EXPECT("ok", &c, "mount", "sssrss", "tmpfs", d[4], "tmpfs", str,
	    sizeof(str), "", "");
	T_EXPECT("ok", &c, "mount", "sssrss", "tmpfs", d[5], "tmpfs", big,
	    sizeof(big), "", "");
	T_EXPECT("ok", &c, "mount", "sss[a]ss", "tmpfs", d[6], "tmpfs",
	    "rdonly", "", "");
	T_EXPECT("ok", &c, "mount", "sss[a]ss", "tmpfs", d[7], "tmpfs",
	    "noatime", "", "");
	info = t_proc_slurp(&c, "/proc/self/mountinfo");
	for (i = 0; i < 6; i++)
		ATF_CHECK_STREQ_MSG(t_mount_line(info, d[i]), TMPFS_NNN, "d%zu",
		    i);
	ATF_CHECK_STREQ(t_mount_line(info, d[6]), "ro,relatime - tmpfs tmpfs "
	    "ro");
	ATF_CHECK_STREQ(t_mount_line(info, d[7]), "rw,noatime - tmpfs tmpfs "
	    "rw");
	for (i = 0; i < nitems(d); i++)
		ATF_CHECK_STREQ(t_host_mount_line(d[i]), T_NOT_MOUNTED);
	finish(&root);
}

TC(flags_errors, "mount flags: an unknown atom is enotsup, a negative "
    "integer, a bare atom or another term is badarg; the first bad "
    "argument decides")
ATF_TC_BODY(flags_errors, tc)
{
	static const unsigned char flt[] = { 0x46, 0x3f, 0xf0, 0, 0, 0, 0,
	    0, 0 };
	static const unsigned char huge[] = { 0x6e, 9, 0, 0, 0, 0, 0, 0, 0,
	    0, 0, 1 };
	struct t_proc root, c;
	const char *dir;

	start(tc, &root);
	ns_child(&root, &c, 1);
	dir = new_dir("d");
	T_EXPECT("{error,enotsup}", &c, "mount", "sss[a]ss", "tmpfs", dir,
	    "tmpfs", "ms_foo", "", "");
	T_EXPECT("{error,enotsup}", &c, "mount", "sss[aa]ss", "tmpfs", dir,
	    "tmpfs", "ms_nosuid", "ms_foo", "", "");
	T_EXPECT("{error,enotsup}", &c, "mount", "sss[a]ss", "tmpfs", dir,
	    "tmpfs", "mnt_nosuid", "", "");
	T_EXPECT("badarg", &c, "mount", "sssiss", "tmpfs", dir, "tmpfs", -1, "",
	    "");
	T_EXPECT("badarg", &c, "mount", "sss[ai]ss", "tmpfs", dir, "tmpfs",
	    "ms_nosuid", -1, "", "");
	T_EXPECT("badarg", &c, "mount", "sssass", "tmpfs", dir, "tmpfs",
	    "ms_nosuid", "", "");
	T_EXPECT("badarg", &c, "mount", "sssbss", "tmpfs", dir, "tmpfs", "\2",
	    (size_t)1, "", "");
	T_EXPECT("badarg", &c, "mount", "sssrss", "tmpfs", dir, "tmpfs", flt,
	    sizeof(flt), "", "");
	T_EXPECT("badarg", &c, "mount", "sssrss", "tmpfs", dir, "tmpfs", huge,
	    sizeof(huge), "", "");
	T_EXPECT("badarg", &c, "mount", "sss[r]ss", "tmpfs", dir, "tmpfs", huge,
	    sizeof(huge), "", "");
	T_EXPECT("badarg", &c, "mount", "sss{a}ss", "tmpfs", dir, "tmpfs",
	    "ms_nosuid", "", "");

	/* Left to right: the first argument that fails decides. */
	T_EXPECT("badarg", &c, "mount", "ass[a]ss", "tmpfs", dir, "tmpfs",
	    "ms_foo", "", "");
	T_EXPECT("{error,enotsup}", &c, "mount", "sss[a]as", "tmpfs", dir,
	    "tmpfs", "ms_foo", "data", "");
	T_EXPECT("badarg", &c, "mount", "snsnss", "tmpfs", "tmpfs", "", "");
	T_EXPECT("badarg", &c, "mount", "sssnss", "tmpfs", "", "tmpfs", "",
	    "");
	T_EXPECT("badarg", &c, "mount", "ssss", "tmpfs", dir, "tmpfs", "");
	ATF_CHECK_STREQ(t_proc_mount_line(&c, dir), T_NOT_MOUNTED);
	finish(&root);
}

/*
 * What the kernel itself answers to mounting a tmpfs with these flags: 0
 * or an errno, tried in a process of the test's with a private mount
 * namespace of its own.
 */
static int
kernel_mount(const char *dir, unsigned long flags)
{
	int status = -1;
	pid_t pid;

	ATF_REQUIRE((pid = fork()) != -1);
	if (pid == 0) {
#if defined(CLONE_NEWNS) && defined(MS_REC)
		if (unshare(CLONE_NEWNS) == -1 ||
		    mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) == -1)
			_exit(255);
		_exit(mount("tmpfs", dir, "tmpfs", flags, NULL) == 0 ? 0 :
		    errno);
#else
		(void)dir;
		(void)flags;
		_exit(255);
#endif
	}
	ATF_REQUIRE(waitpid(pid, &status, 0) == pid);
	ATF_REQUIRE_MSG(WIFEXITED(status) && WEXITSTATUS(status) != 255,
	    "cannot try a mount here: status 0x%x", status);
	return WEXITSTATUS(status);
}

/* A reply as the port makes it of a result of the kernel's. */
static const char *
reply_of(const struct t_proc *p, int err)
{
	char name[64];

	if (err == 0)
		return "ok";
	T_OK(alcove_errno_id(T_AT(p), err, name, sizeof(name)));
	return t_want("{error,%s}", name);
}

TC(flags_64bit, "mount flags are an unsigned long end to end: values "
    "above 2^31 reach the kernel, and so does bit 32")
ATF_TC_BODY(flags_64bit, tc)
{
	struct t_proc root, c, g;
	const char *d[4], *info;
	uint64_t nr;
	size_t i;
	int kern;
	struct {
		unsigned char	len[sizeof(unsigned short)];
		char		pad[sizeof(void *) - sizeof(unsigned short)];
		struct insn	f[8];
	} p;
	unsigned short len;

	start(tc, &root);
	ns_child(&root, &c, 1);
	for (i = 0; i < nitems(d); i++)
		d[i] = new_dir(t_want("d%zu", i));

	/* MS_MGC_VAL in the top half of the low word: the kernel drops it. */
	T_EXPECT("ok", &c, "mount", "sssuss", "tmpfs", d[0], "tmpfs",
	    (unsigned long long)0xc0ed0000 | FL_NOSUID, "", "");
	/* MS_NOUSER, bit 31: the kernel refuses it. */
	T_EXPECT("{error,einval}", &c, "mount", "sssuss", "tmpfs", d[1],
	    "tmpfs", (unsigned long long)1 << 31, "", "");
	/*
	 * Bit 32 goes to the kernel as it is: the port answers what the
	 * kernel answers to those flags (6.x refuses bits above 31; older
	 * kernels ignore them).  Cut to 32 bits they would mount.
	 */
	kern = kernel_mount(d[1], (unsigned long)1 << 32 | FL_NOSUID);
	T_EXPECT(reply_of(&root, kern), &c, "mount", "sssuss", "tmpfs", d[1],
	    "tmpfs", (unsigned long long)1 << 32 | FL_NOSUID, "", "");
	T_EXPECT(reply_of(&root, kern), &c, "mount", "sss[ua]ss", "tmpfs",
	    d[2], "tmpfs", (unsigned long long)1 << 32, "ms_nosuid", "", "");
	T_EXPECT(reply_of(&root, kernel_mount(d[3], (unsigned long)1 << 63)),
	    &c, "mount", "sssuss", "tmpfs", d[3], "tmpfs",
	    (unsigned long long)1 << 63, "", "");
	info = t_proc_slurp(&c, "/proc/self/mountinfo");
	ATF_CHECK_STREQ(t_mount_line(info, d[0]),
	    "rw,nosuid,relatime - tmpfs tmpfs rw");
	for (i = 1; i < 3; i++)
		ATF_CHECK_STREQ_MSG(t_mount_line(info, d[i]), kern == 0 ?
		    "rw,nosuid,relatime - tmpfs tmpfs rw" : T_NOT_MOUNTED,
		    "d%zu", i);

	/*
	 * That bit 32 arrives: a filter in a grandchild fails mount with
	 * EDOM when the high word of its flags is 1.
	 */
	T_OK(alcove_constant(T_AT(&root), "syscall", "sys_mount", &nr));
	{
		const struct insn f[] = {
			{ BPF_LD_W_ABS, 0, 0, DATA_ARCH },
			{ BPF_JEQ_K, 0, 5, t_audit_arch(&root) },
			{ BPF_LD_W_ABS, 0, 0, DATA_NR },
			{ BPF_JEQ_K, 0, 3, (uint32_t)nr },
			{ BPF_LD_W_ABS, 0, 0, DATA_ARG_HIGH(3) },
			{ BPF_JEQ_K, 0, 1, 1 },
			{ BPF_RET_K, 0, 0, RET_ERRNO | EDOM },
			{ BPF_RET_K, 0, 0, RET_ALLOW },
		};

		memcpy(p.f, f, sizeof(f));
	}
	len = (unsigned short)nitems(p.f);
	memcpy(p.len, &len, sizeof(len));
	memset(p.pad, 0, sizeof(p.pad));
	t_proc_fork(&c, &g);
	/* The prctl form: valgrind (port_wrapper) has no seccomp(2). */
	T_REQUIRE(t_want("{ok,0,2,[%s,%s,{ptr,%s}],0,0}",
	    t_binary_text(p.len, sizeof(p.len)),
	    t_binary_text(p.pad, sizeof(p.pad)),
	    t_binary_text(p.f, sizeof(p.f))), &g, "prctl",
	    "aa[bb{ab}]ii", "pr_set_seccomp", "seccomp_mode_filter", p.len,
	    sizeof(p.len), p.pad, sizeof(p.pad), "ptr", p.f, sizeof(p.f), 0,
	    0);
	T_EXPECT("{error,edom}", &g, "mount", "sssuss", "tmpfs", d[0],
	    "tmpfs", (unsigned long long)1 << 32 | FL_NOSUID, "", "");
	T_EXPECT("{error,edom}", &g, "mount", "sss[ua]ss", "tmpfs", d[0],
	    "tmpfs", (unsigned long long)1 << 32, "ms_nosuid", "", "");
	T_EXPECT("ok", &g, "mount", "sssuss", "tmpfs", d[0], "tmpfs",
	    (unsigned long long)FL_NOSUID, "", "");
	T_EXPECT("ok", &g, "umount", "s", d[0]);
	finish(&root);
}

/* ---- umount, umount2 ---- */

TC(umount_errors, "umount and umount2: ok once, then einval for what is "
    "not a mount point, enoent for what is not there")
ATF_TC_BODY(umount_errors, tc)
{
	struct t_proc root, c;
	const char *dir, *missing;

	start(tc, &root);
	ns_child(&root, &c, 1);
	dir = new_dir("d");
	missing = t_here("missing");
	T_REQUIRE("ok", &c, "mount", "sssnsn", "tmpfs", dir, "tmpfs", "");
	T_EXPECT("ok", &c, "umount", "s", dir);
	ATF_CHECK_STREQ(t_proc_mount_line(&c, dir), T_NOT_MOUNTED);
	T_EXPECT("{error,einval}", &c, "umount", "s", dir);
	T_EXPECT("{error,enoent}", &c, "umount", "s", missing);
	T_EXPECT("badarg", &c, "umount", "s", "");
	T_EXPECT("badarg", &c, "umount", "a", "d");

	T_REQUIRE("ok", &c, "mount", "sssnsn", "tmpfs", dir, "tmpfs", "");
	T_EXPECT("ok", &c, "umount2", "sn", dir);
	T_EXPECT("{error,einval}", &c, "umount2", "sn", dir);
	T_EXPECT("{error,einval}", &c, "umount2", "s[a]", dir, "mnt_detach");
	T_EXPECT("{error,enoent}", &c, "umount2", "si", missing, 0);
	ATF_CHECK_STREQ(t_proc_mount_line(&c, dir), T_NOT_MOUNTED);
	finish(&root);
}

TC(umount2_detach, "a busy tmpfs: umount and mnt_force are ebusy, "
    "mnt_detach takes it away while an open descriptor still reads it")
ATF_TC_BODY(umount2_detach, tc)
{
	struct t_proc root, c;
	const char *dir;
	int fd;

	start(tc, &root);
	ns_child(&root, &c, 1);
	dir = new_dir("d");
	T_REQUIRE("ok", &c, "mount", "sssnsn", "tmpfs", dir, "tmpfs", "");
	fd = (int)T_OK_INT(&c, "open", "s[aa]i", t_want("%s/f", dir), "o_rdwr",
	    "o_creat", 0644);
	T_EXPECT("{ok,4}", &c, "write", "ib", fd, "data", (size_t)4);
	T_EXPECT("ok", &c, "lseek", "ili", fd, 0LL, 0);

	T_EXPECT("{error,ebusy}", &c, "umount", "s", dir);
	T_EXPECT("{error,ebusy}", &c, "umount2", "s[a]", dir, "mnt_force");
	T_EXPECT("{error,ebusy}", &c, "umount2", "s[a]", dir, "mnt_expire");
	ATF_CHECK_STREQ(t_proc_mount_line(&c, dir), TMPFS);
	T_EXPECT("ok", &c, "umount2", "s[a]", dir, "mnt_detach");
	ATF_CHECK_STREQ(t_proc_mount_line(&c, dir), T_NOT_MOUNTED);
	ATF_CHECK_STREQ(t_dir_sorted(&c, dir), "[\".\",\"..\"]");
	T_EXPECT("{ok,<<\"data\">>}", &c, "read", "ii", fd, 16);
	T_EXPECT("ok", &c, "close", "i", fd);
	finish(&root);
}

TC(umount2_expire, "mnt_expire: eagain the first time, ok the second; "
    "einval together with mnt_detach or mnt_force")
ATF_TC_BODY(umount2_expire, tc)
{
	struct t_proc root, c;
	const char *dir;

	start(tc, &root);
	ns_child(&root, &c, 1);
	dir = new_dir("d");
	T_REQUIRE("ok", &c, "mount", "sssnsn", "tmpfs", dir, "tmpfs", "");
	T_EXPECT("{error,einval}", &c, "umount2", "s[aa]", dir, "mnt_expire",
	    "mnt_detach");
	T_EXPECT("{error,einval}", &c, "umount2", "s[aa]", dir, "mnt_expire",
	    "mnt_force");
	T_EXPECT("{error,eagain}", &c, "umount2", "s[a]", dir, "mnt_expire");
	ATF_CHECK_STREQ(t_proc_mount_line(&c, dir), TMPFS);
	T_EXPECT("ok", &c, "umount2", "s[a]", dir, "mnt_expire");
	ATF_CHECK_STREQ(t_proc_mount_line(&c, dir), T_NOT_MOUNTED);

	/* mnt_force on an idle tmpfs is a plain unmount. */
	T_REQUIRE("ok", &c, "mount", "sssnsn", "tmpfs", dir, "tmpfs", "");
	T_EXPECT("ok", &c, "umount2", "s[a]", dir, "mnt_force");
	ATF_CHECK_STREQ(t_proc_mount_line(&c, dir), T_NOT_MOUNTED);
	finish(&root);
}

TC(umount2_nofollow, "umount_nofollow: a symbolic link to a mount point "
    "is einval, without the flag it is followed")
ATF_TC_BODY(umount2_nofollow, tc)
{
	struct t_proc root, c;
	const char *dir, *link;

	start(tc, &root);
	dir = new_dir("d");
	link = t_here("link");
	ATF_REQUIRE(symlink(dir, link) == 0);
	ns_child(&root, &c, 1);
	T_REQUIRE("ok", &c, "mount", "sssnsn", "tmpfs", dir, "tmpfs", "");
	T_EXPECT("{error,einval}", &c, "umount2", "s[a]", link,
	    "umount_nofollow");
	ATF_CHECK_STREQ(t_proc_mount_line(&c, dir), TMPFS);
	T_EXPECT("ok", &c, "umount2", "si", link, 0);
	ATF_CHECK_STREQ(t_proc_mount_line(&c, dir), T_NOT_MOUNTED);
	finish(&root);
}

TC(umount2_flags, "umount2 flags: a string byte of 200 and the integer "
    "200 are einval, a negative integer or a bare atom badarg, an unknown "
    "atom enotsup")
ATF_TC_BODY(umount2_flags, tc)
{
	static const unsigned char s200[] = { 0x6b, 0, 1, 200 };
	static const unsigned char big[] = { 0x6e, 5, 0, 0, 0, 0, 0, 1 };
	struct t_proc root, c;
	const char *dir;

	start(tc, &root);
	ns_child(&root, &c, 1);
	dir = new_dir("d");
	T_REQUIRE("ok", &c, "mount", "sssnsn", "tmpfs", dir, "tmpfs", "");
	T_EXPECT("{error,einval}", &c, "umount2", "sr", dir, s200,
	    sizeof(s200));
	T_EXPECT("{error,einval}", &c, "umount2", "si", dir, 200);
	T_EXPECT("{error,einval}", &c, "umount2", "s[i]", dir, 200);
	T_EXPECT("badarg", &c, "umount2", "si", dir, -1);
	T_EXPECT("badarg", &c, "umount2", "s[ai]", dir, "mnt_detach", -1);
	T_EXPECT("badarg", &c, "umount2", "sa", dir, "mnt_detach");
	T_EXPECT("badarg", &c, "umount2", "sr", dir, big, sizeof(big));
	T_EXPECT("{error,enotsup}", &c, "umount2", "s[a]", dir, "mnt_foo");
	T_EXPECT("{error,enotsup}", &c, "umount2", "s[aa]", dir, "mnt_detach",
	    "mnt_foo");
	ATF_CHECK_STREQ(t_proc_mount_line(&c, dir), TMPFS);
	T_EXPECT("ok", &c, "umount2", "s[a]", dir, "MNT_DETACH");
	finish(&root);
}

/* ---- the options argument ---- */

TC(options_ignored, "mount's sixth argument is decoded but ignored on "
    "Linux: a malformed one is badarg, a well-formed one changes nothing")
ATF_TC_BODY(options_ignored, tc)
{
	unsigned char deep[128];
	size_t ndeep;
	struct t_proc root, c;
	const char *d[4], *info;
	size_t i;

	start(tc, &root);
	ns_child(&root, &c, 1);
	for (i = 0; i < nitems(d); i++)
		d[i] = new_dir(t_want("d%zu", i));
	T_EXPECT("ok", &c, "mount", "sss[a]sn", "tmpfs", d[0], "tmpfs",
	    "ms_nosuid", "");
	T_EXPECT("ok", &c, "mount", "sss[a]ss", "tmpfs", d[1], "tmpfs",
	    "ms_nosuid", "", "ro,size=1k,whatever");
	T_EXPECT("ok", &c, "mount", "sss[a]s[bs[i]]", "tmpfs", d[2], "tmpfs",
	    "ms_nosuid", "", "a", (size_t)1, "b", 'c');
	info = t_proc_slurp(&c, "/proc/self/mountinfo");
	for (i = 0; i < 3; i++)
		ATF_CHECK_STREQ_MSG(t_mount_line(info, d[i]),
		    "rw,nosuid,relatime - tmpfs tmpfs rw", "d%zu", i);

	T_EXPECT("badarg", &c, "mount", "sss[a]sa", "tmpfs", d[3], "tmpfs",
	    "ms_nosuid", "", "ro");
	T_EXPECT("badarg", &c, "mount", "sss[a]si", "tmpfs", d[3], "tmpfs",
	    "ms_nosuid", "", 5);
	T_EXPECT("badarg", &c, "mount", "sss[a]s[a]", "tmpfs", d[3], "tmpfs",
	    "ms_nosuid", "", "ro");
	T_EXPECT("badarg", &c, "mount", "sss[a]s[i]", "tmpfs", d[3], "tmpfs",
	    "ms_nosuid", "", 256);
	T_EXPECT("badarg", &c, "mount", "sss[a]s{s}", "tmpfs", d[3], "tmpfs",
	    "ms_nosuid", "", "ro");
	ndeep = t_etf_nested(deep, 17);
	T_EXPECT("badarg", &c, "mount", "sss[a]sr", "tmpfs", d[3], "tmpfs",
	    "ms_nosuid", "", deep, ndeep);
	/* Sixteen levels are accepted, as in every iolist. */
	ndeep = t_etf_nested(deep, 16);
	T_EXPECT("ok", &c, "mount", "sss[a]sr", "tmpfs", d[3], "tmpfs",
	    "ms_nosuid", "", deep, ndeep);
	/* The flags come first: their unknown atom decides. */
	T_EXPECT("{error,enotsup}", &c, "mount", "sss[a]sa", "tmpfs", d[3],
	    "tmpfs", "ms_foo", "", "ro");
	info = t_proc_slurp(&c, "/proc/self/mountinfo");
	ATF_CHECK_STREQ(t_mount_line(info, d[3]),
	    "rw,nosuid,relatime - tmpfs tmpfs rw");
	finish(&root);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, tmpfs_data);
	ATF_TP_ADD_TC(tp, bind_remount_ro);
	ATF_TP_ADD_TC(tp, propagation_private);
	ATF_TP_ADD_TC(tp, propagation_shared);
	ATF_TP_ADD_TC(tp, propagation_slave);
	ATF_TP_ADD_TC(tp, flags_forms);
	ATF_TP_ADD_TC(tp, flags_errors);
	ATF_TP_ADD_TC(tp, flags_64bit);
	ATF_TP_ADD_TC(tp, umount_errors);
	ATF_TP_ADD_TC(tp, umount2_detach);
	ATF_TP_ADD_TC(tp, umount2_expire);
	ATF_TP_ADD_TC(tp, umount2_nofollow);
	ATF_TP_ADD_TC(tp, umount2_flags);
	ATF_TP_ADD_TC(tp, options_ignored);

	return atf_no_error();
}
