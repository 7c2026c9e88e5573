/*
 * libalcove's cgroup control, in the port (depth 0) and in a child of it
 * (depth 1): v1 for real in the pids and memory hierarchies, the unified
 * hierarchy's directories for real, v2 controller logic and partial
 * writes against trees laid out in the work directory, and mount tables
 * laid out in a chroot.  Only cgroups named alcove-test-<random> are made.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

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
#include "testlib.h"

#define PIDS	ALCOVE_CGROUP_PIDS
#define MEMORY	ALCOVE_CGROUP_MEMORY
#define CPU	ALCOVE_CGROUP_CPU
#define CPUSET	ALCOVE_CGROUP_CPUSET
#define UNIFIED	ALCOVE_CGROUP_UNIFIED

/* The value of the partial-write check: far more than any pipe holds. */
#define BIG	200000

/*
 * The partial-write check's value and what its reader got: static, as the
 * reader is a forked copy of the test that leaves by _exit.
 */
static char big_value[BIG + 1], big_got[BIG + 1];

/* The test's own cgroup name, kept in the work directory for cleanup. */
static char top[64];

static void
name_top(void)
{
	unsigned int r;
	FILE *f;

	ATF_REQUIRE((f = fopen("/dev/urandom", "r")) != NULL);
	ATF_REQUIRE(fread(&r, sizeof(r), 1, f) == 1);
	(void)fclose(f);
	(void)snprintf(top, sizeof(top), "alcove-test-%08x", r);
	t_write_file("cgname", top, strlen(top));
}

/* Write a file of the work directory (or a tree laid out there). */
static void
put(const char *file, const char *text)
{
	t_write_file(file, text, strlen(text));
}

static const char *
slurp(const char *file)
{
	static char buf[8192];

	(void)t_slurp(file, buf, sizeof(buf));
	return buf;
}

static int
exists(const char *file)
{
	struct stat st;

	return stat(file, &st) == 0;
}

/*
 * The mount point of the test's cgroup mount of this type ("cgroup",
 * "cgroup2") whose super options name the controller (NULL: any); NULL if
 * there is none.  The test reads its own table, not the library's.
 */
static const char *
mount_of(const char *fstype, const char *controller)
{
	const char *line, *end, *sep, *mp, *p, *q;
	char type[64], opts[512], tok[64];
	size_t len, n;

	for (line = t_host_mountinfo(); *line != '\0'; line = end + 1) {
		if ((end = strchr(line, '\n')) == NULL)
			break;
		if ((sep = strstr(line, " - ")) == NULL || sep > end ||
		    sscanf(sep, " - %63s %*s %511s", type, opts) != 2 ||
		    strcmp(type, fstype) != 0 ||
		    (mp = t_mount_point(line, end, &len)) == NULL)
			continue;
		for (p = opts; controller != NULL && *p != '\0'; p = q) {
			q = p + strcspn(p, ",");
			n = (size_t)(q - p);
			if (n < sizeof(tok)) {
				memcpy(tok, p, n);
				tok[n] = '\0';
				if (strcmp(tok, controller) == 0)
					break;
			}
			if (*q == ',')
				q++;
		}
		if (controller == NULL || *p != '\0')
			return t_keep(strndup(mp, len));
	}
	return NULL;
}

/* The process the checks run in: the port, or a child of it. */
static void
start_at(const atf_tc_t *tc, struct t_proc *root, struct t_proc *at,
    int depth)
{
	t_proc_root(root, tc);
	if (depth == 0)
		*at = *root;
	else
		t_proc_fork(root, at);
}

/* Kill a child of p and wait for its exit event. */
static void
kill_child(const struct t_proc *p, const struct t_proc *kid)
{
	struct alcove_msg *m;
	int st, done = 0;

	T_OK(alcove_kill(T_AT(p), kid->path[kid->n - 1], SIGKILL));
	while (!done) {
		m = t_recv(T_AT(kid), ALCOVE_MSG_EVENT);
		done = alcove_msg_exit(m, &st) == 0;
		alcove_msg_free(m);
	}
}

/* Remove what a failed check may have left of the test's cgroup. */
static void
cleanup_top(void)
{
	static const char *const ctl[] = { "pids", "memory", "cpu", "cpuset",
	    NULL };
	const char *mnt;
	char name[64];
	size_t i;
	int tries;

	if (!exists("cgname"))
		return;
	(void)t_slurp("cgname", name, sizeof(name));
	if (strncmp(name, "alcove-test-", 12) != 0)
		return;
	for (i = 0; i <= 4; i++) {
		mnt = ctl[i] != NULL ? mount_of("cgroup", ctl[i]) :
		    mount_of("cgroup2", NULL);
		if (mnt == NULL)
			continue;
		/* The port's children may take a moment to be reaped. */
		for (tries = 0; tries < 50; tries++) {
			(void)rmdir(t_want("%s/%s/guest", mnt, name));
			if (rmdir(t_want("%s/%s", mnt, name)) == 0 ||
			    errno == ENOENT)
				break;
			(void)poll(NULL, 0, 100);
		}
	}
}

/* Two test cases for one body: at depth 0 and at depth 1. */
#define DEPTHS(name, text, root)					\
	static void name##_body(const atf_tc_t *, int);			\
	ATF_TC_WITH_CLEANUP(name##_d0);					\
	ATF_TC_HEAD(name##_d0, tc)					\
	{								\
		atf_tc_set_md_var(tc, "descr", text " (depth 0)");	\
		if (root)						\
			atf_tc_set_md_var(tc, "require.user", "root");	\
	}								\
	ATF_TC_BODY(name##_d0, tc) { name##_body(tc, 0); }		\
	ATF_TC_CLEANUP(name##_d0, tc) { (void)tc; cleanup_top(); }	\
	ATF_TC_WITH_CLEANUP(name##_d1);					\
	ATF_TC_HEAD(name##_d1, tc)					\
	{								\
		atf_tc_set_md_var(tc, "descr", text " (depth 1)");	\
		if (root)						\
			atf_tc_set_md_var(tc, "require.user", "root");	\
	}								\
	ATF_TC_BODY(name##_d1, tc) { name##_body(tc, 1); }		\
	ATF_TC_CLEANUP(name##_d1, tc) { (void)tc; cleanup_top(); }

#define ADD_DEPTHS(tp, name)						\
	do {								\
		ATF_TP_ADD_TC(tp, name##_d0);				\
		ATF_TP_ADD_TC(tp, name##_d1);				\
	} while (0)

/* ---- v1, for real ---- */

DEPTHS(v1, "v1 pids and memory: create, set pids.max, get it, add a "
    "child, EBUSY while it lives, destroy recursively", 1)
static void
v1_body(const atf_tc_t *tc, int depth)
{
	struct alcove_cgroups *cgs;
	struct t_proc root, at, kid;
	const char *pids, *mem, *cpu, *name[2];
	unsigned int v1, v2, made, added, removed;
	char buf[64];
	size_t len;
	pid_t pid;

	if ((pids = mount_of("cgroup", "pids")) == NULL ||
	    (mem = mount_of("cgroup", "memory")) == NULL)
		atf_tc_skip("no v1 pids and memory hierarchies here");
	cpu = mount_of("cgroup", "cpu");
	name_top();
	name[0] = top;
	name[1] = "guest";
	start_at(tc, &root, &at, depth);

	T_OK(alcove_cgroup_open(T_AT(&at), NULL, &cgs));
	T_OK(alcove_cgroup_supported(T_AT(&at), cgs, &v1, &v2));
	ATF_REQUIRE_EQ(v1 & (PIDS | MEMORY), PIDS | MEMORY);
	ATF_REQUIRE_EQ(v1 & UNIFIED, 0);

	T_OK(alcove_cgroup_create(T_AT(&at), cgs, name, 2, PIDS | MEMORY,
	    &made));
	ATF_REQUIRE_EQ(made, PIDS | MEMORY);
	ATF_REQUIRE(exists(t_want("%s/%s/guest/pids.max", pids, top)));
	ATF_REQUIRE(exists(t_want("%s/%s/guest/tasks", mem, top)));
	/* Only the hierarchies asked for. */
	if (cpu != NULL)
		ATF_REQUIRE(!exists(t_want("%s/%s", cpu, top)));
	/* Made again: nothing new, no error. */
	T_OK(alcove_cgroup_create(T_AT(&at), cgs, name, 2, PIDS, &made));
	ATF_REQUIRE_EQ(made, PIDS);

	T_OK(alcove_cgroup_set(T_AT(&at), cgs, name, 2, "pids.max", "10"));
	ATF_REQUIRE_STREQ(slurp(t_want("%s/%s/guest/pids.max", pids, top)),
	    "10\n");
	T_OK(alcove_cgroup_get(T_AT(&at), cgs, name, 2, "pids.max", buf,
	    sizeof(buf), &len));
	ATF_REQUIRE_STREQ(buf, "10\n");
	ATF_REQUIRE_EQ(len, 3);
	/* The buffer holds the value and its NUL, or ERANGE. */
	T_ERR(ERANGE, alcove_cgroup_get(T_AT(&at), cgs, name, 2, "pids.max",
	    buf, 3, &len));
	T_OK(alcove_cgroup_get(T_AT(&at), cgs, name, 2, "pids.max", buf, 4,
	    &len));
	ATF_REQUIRE_STREQ(buf, "10\n");
	/* The kernel's own errno comes back. */
	T_ERR(EINVAL, alcove_cgroup_set(T_AT(&at), cgs, name, 2, "pids.max",
	    "lots"));
	ATF_REQUIRE_STREQ(slurp(t_want("%s/%s/guest/pids.max", pids, top)),
	    "10\n");

	t_proc_fork(&at, &kid);
	pid = kid.path[kid.n - 1];
	T_OK(alcove_cgroup_add(T_AT(&at), cgs, name, 2, PIDS | MEMORY, pid,
	    &added));
	ATF_REQUIRE_EQ(added, PIDS | MEMORY);
	ATF_REQUIRE_STREQ(slurp(t_want("%s/%s/guest/cgroup.procs", pids,
	    top)), t_want("%d\n", (int)pid));
	ATF_REQUIRE_STREQ(slurp(t_want("%s/%s/guest/tasks", mem, top)),
	    t_want("%d\n", (int)pid));

	T_ERR(EBUSY, alcove_cgroup_destroy(T_AT(&at), cgs, name, 1,
	    PIDS | MEMORY, &removed));
	ATF_REQUIRE_EQ(removed, 0);
	ATF_REQUIRE(exists(t_want("%s/%s/guest", pids, top)));
	kill_child(&at, &kid);
	T_OK(alcove_cgroup_destroy(T_AT(&at), cgs, name, 1, PIDS | MEMORY,
	    &removed));
	ATF_REQUIRE_EQ(removed, PIDS | MEMORY);
	ATF_REQUIRE(!exists(t_want("%s/%s", pids, top)));
	ATF_REQUIRE(!exists(t_want("%s/%s", mem, top)));
	T_ERR(ENOENT, alcove_cgroup_destroy(T_AT(&at), cgs, name, 1,
	    PIDS | MEMORY, &removed));
	ATF_REQUIRE_EQ(removed, 0);

	alcove_cgroup_free(cgs);
	t_stop(root.h);
}

DEPTHS(v1_cpuset, "v1 cpuset: a new cpuset takes its parent's cpus and "
    "memory nodes, so that a task can join it", 1)
static void
v1_cpuset_body(const atf_tc_t *tc, int depth)
{
	struct t_proc root, at, kid;
	const char *cs, *name[2];
	unsigned int made, added, removed;
	char cpus[256];
	pid_t pid;

	if ((cs = mount_of("cgroup", "cpuset")) == NULL)
		atf_tc_skip("no v1 cpuset hierarchy here");
	name_top();
	name[0] = top;
	name[1] = "guest";
	start_at(tc, &root, &at, depth);
	T_OK(alcove_cgroup_create(T_AT(&at), NULL, name, 2, CPUSET, &made));
	ATF_REQUIRE_EQ(made, CPUSET);
	(void)strlcpy(cpus, slurp(t_want("%s/cpuset.cpus", cs)), sizeof(cpus));
	ATF_REQUIRE_STREQ(slurp(t_want("%s/%s/guest/cpuset.cpus", cs, top)),
	    cpus);
	ATF_REQUIRE_STREQ(slurp(t_want("%s/%s/cpuset.cpus", cs, top)), cpus);
	t_proc_fork(&at, &kid);
	pid = kid.path[kid.n - 1];
	T_OK(alcove_cgroup_add(T_AT(&at), NULL, name, 2, CPUSET, pid, &added));
	ATF_REQUIRE_EQ(added, CPUSET);
	ATF_REQUIRE_STREQ(slurp(t_want("%s/%s/guest/cgroup.procs", cs, top)),
	    t_want("%d\n", (int)pid));
	kill_child(&at, &kid);
	T_OK(alcove_cgroup_destroy(T_AT(&at), NULL, name, 1, CPUSET,
	    &removed));
	ATF_REQUIRE_EQ(removed, CPUSET);
	ATF_REQUIRE(!exists(t_want("%s/%s", cs, top)));
	t_stop(root.h);
}

DEPTHS(v1_missing, "v1: set, get, add and destroy of a cgroup that does "
    "not exist are ENOENT, never an empty success", 1)
static void
v1_missing_body(const atf_tc_t *tc, int depth)
{
	struct t_proc root, at;
	const char *pids, *name[2];
	unsigned int n;
	char buf[64];
	size_t len;

	if ((pids = mount_of("cgroup", "pids")) == NULL)
		atf_tc_skip("no v1 pids hierarchy here");
	name_top();
	name[0] = top;
	name[1] = "guest";
	start_at(tc, &root, &at, depth);
	/* No handle: the mount table is read for each call. */
	T_ERR(ENOENT, alcove_cgroup_set(T_AT(&at), NULL, name, 2, "pids.max",
	    "10"));
	ATF_REQUIRE(!exists(t_want("%s/%s", pids, top)));
	T_ERR(ENOENT, alcove_cgroup_get(T_AT(&at), NULL, name, 1, "pids.max",
	    buf, sizeof(buf), &len));
	ATF_REQUIRE_EQ(len, 0);
	T_ERR(ENOENT, alcove_cgroup_add(T_AT(&at), NULL, name, 2, PIDS,
	    getpid(), &n));
	ATF_REQUIRE_EQ(n, 0);
	T_ERR(ENOENT, alcove_cgroup_destroy(T_AT(&at), NULL, name, 2, PIDS,
	    &n));
	ATF_REQUIRE_EQ(n, 0);
	t_stop(root.h);
}

/* ---- the unified hierarchy, for real ---- */

DEPTHS(v2_unified, "v2 (this machine's unified hierarchy): make and "
    "remove directories, add a child, without enabling a controller", 1)
static void
v2_unified_body(const atf_tc_t *tc, int depth)
{
	struct alcove_cgroups *cgs;
	struct t_proc root, at, kid;
	const char *mnt, *name[2];
	char before[512], buf[64];
	unsigned int v1, v2, want, made, added, removed;
	size_t len;
	pid_t pid;

	if ((mnt = mount_of("cgroup2", NULL)) == NULL)
		atf_tc_skip("no cgroup2 hierarchy here");
	name_top();
	name[0] = top;
	name[1] = "guest";
	start_at(tc, &root, &at, depth);
	T_OK(alcove_cgroup_open(T_AT(&at), NULL, &cgs));
	T_OK(alcove_cgroup_supported(T_AT(&at), cgs, &v1, &v2));
	/* What the unified root lists that no v1 hierarchy holds. */
	want = UNIFIED;
	(void)t_slurp(t_want("%s/cgroup.controllers", mnt), buf, sizeof(buf));
	if (strstr(buf, "hugetlb") != NULL && (v1 & ALCOVE_CGROUP_HUGETLB) == 0)
		want |= ALCOVE_CGROUP_HUGETLB;
	if (strchr(buf, ' ') == NULL)
		ATF_REQUIRE_EQ(v2, want);
	else
		ATF_REQUIRE_EQ(v2 & want, want);
	ATF_REQUIRE_EQ(v1 & UNIFIED, 0);

	(void)strlcpy(before, slurp(t_want("%s/cgroup.subtree_control", mnt)),
	    sizeof(before));
	T_OK(alcove_cgroup_create(T_AT(&at), cgs, name, 2, UNIFIED, &made));
	ATF_REQUIRE_EQ(made, UNIFIED);
	ATF_REQUIRE(exists(t_want("%s/%s/guest/cgroup.procs", mnt, top)));
	/* The root's controllers were left alone. */
	ATF_REQUIRE_STREQ(slurp(t_want("%s/cgroup.subtree_control", mnt)),
	    before);
	if ((v1 & PIDS) != 0)
		ATF_REQUIRE(!exists(t_want("%s/%s",
		    mount_of("cgroup", "pids"), top)));

	t_proc_fork(&at, &kid);
	pid = kid.path[kid.n - 1];
	T_OK(alcove_cgroup_add(T_AT(&at), cgs, name, 2, UNIFIED, pid,
	    &added));
	ATF_REQUIRE_EQ(added, UNIFIED);
	ATF_REQUIRE_STREQ(slurp(t_want("%s/%s/guest/cgroup.procs", mnt, top)),
	    t_want("%d\n", (int)pid));
	/* A file of no controller is the unified hierarchy's. */
	T_OK(alcove_cgroup_get(T_AT(&at), cgs, name, 2, "cgroup.procs", buf,
	    sizeof(buf), &len));
	ATF_REQUIRE_STREQ(buf, t_want("%d\n", (int)pid));

	T_ERR(EBUSY, alcove_cgroup_destroy(T_AT(&at), cgs, name, 1, UNIFIED,
	    &removed));
	ATF_REQUIRE_EQ(removed, 0);
	kill_child(&at, &kid);
	T_OK(alcove_cgroup_destroy(T_AT(&at), cgs, name, 1, UNIFIED,
	    &removed));
	ATF_REQUIRE_EQ(removed, UNIFIED);
	ATF_REQUIRE(!exists(t_want("%s/%s", mnt, top)));
	alcove_cgroup_free(cgs);
	t_stop(root.h);
}

/* ---- v2 controller logic, in a tree laid out here ---- */

/* A v2 tree: root, and top below it, listing controllers. */
static const char *
lay_out_v2(const char *root_ctl, const char *top_ctl)
{
	const char *r = t_here("v2");

	ATF_REQUIRE(mkdir(r, 0755) == 0);
	put(t_want("%s/cgroup.controllers", r), root_ctl);
	put(t_want("%s/cgroup.subtree_control", r), "");
	ATF_REQUIRE(mkdir(t_want("%s/%s", r, top), 0755) == 0);
	put(t_want("%s/%s/cgroup.controllers", r, top), top_ctl);
	put(t_want("%s/%s/cgroup.subtree_control", r, top), "");
	return r;
}

DEPTHS(v2_tree, "v2 controllers in a laid-out tree: enabled through each "
    "parent's cgroup.subtree_control, a missing one skipped", 0)
static void
v2_tree_body(const atf_tc_t *tc, int depth)
{
	struct alcove_cgroups *cgs;
	struct t_proc root, at;
	const char *r, *name[2];
	unsigned int v1, v2, made, n;
	char buf[64];
	size_t len;

	name_top();
	name[0] = top;
	name[1] = "guest";
	r = lay_out_v2("cpu io memory pids\n", "cpu memory pids\n");
	start_at(tc, &root, &at, depth);
	T_OK(alcove_cgroup_open(T_AT(&at), r, &cgs));
	T_OK(alcove_cgroup_supported(T_AT(&at), cgs, &v1, &v2));
	ATF_REQUIRE_EQ(v1, 0);
	ATF_REQUIRE_EQ(v2, UNIFIED | CPU | ALCOVE_CGROUP_IO | MEMORY | PIDS);

	/* cpuset is not there: skipped, the rest made. */
	T_OK(alcove_cgroup_create(T_AT(&at), cgs, name, 2,
	    PIDS | MEMORY | CPU | CPUSET, &made));
	ATF_REQUIRE_EQ(made, CPU | MEMORY | PIDS);
	ATF_REQUIRE_STREQ(slurp(t_want("%s/cgroup.subtree_control", r)),
	    "+cpu +memory +pids");
	ATF_REQUIRE_STREQ(slurp(t_want("%s/%s/cgroup.subtree_control", r,
	    top)), "+cpu +memory +pids");
	ATF_REQUIRE(exists(t_want("%s/%s/guest", r, top)));

	/*
	 * Already enabled (as the kernel lists them): not written again;
	 * a level that lacks cpu passes only memory and pids on.
	 */
	put(t_want("%s/cgroup.subtree_control", r), "cpu memory pids\n");
	put(t_want("%s/%s/cgroup.controllers", r, top), "memory pids\n");
	put(t_want("%s/%s/cgroup.subtree_control", r, top), "memory\n");
	name[1] = "guest2";
	T_OK(alcove_cgroup_create(T_AT(&at), cgs, name, 2,
	    PIDS | MEMORY | CPU | UNIFIED, &made));
	ATF_REQUIRE_EQ(made, UNIFIED | MEMORY | PIDS);
	ATF_REQUIRE_STREQ(slurp(t_want("%s/cgroup.subtree_control", r)),
	    "cpu memory pids\n");
	ATF_REQUIRE_STREQ(slurp(t_want("%s/%s/cgroup.subtree_control", r,
	    top)), "+pids");
	ATF_REQUIRE(exists(t_want("%s/%s/guest2", r, top)));

	/* A controller file: written exactly, read back, never created. */
	T_ERR(ENOENT, alcove_cgroup_set(T_AT(&at), cgs, name, 2, "pids.max",
	    "64"));
	ATF_REQUIRE(!exists(t_want("%s/%s/guest2/pids.max", r, top)));
	put(t_want("%s/%s/guest2/pids.max", r, top), "max\n");
	T_OK(alcove_cgroup_set(T_AT(&at), cgs, name, 2, "pids.max", "64"));
	ATF_REQUIRE_STREQ(slurp(t_want("%s/%s/guest2/pids.max", r, top)),
	    "64");
	T_OK(alcove_cgroup_get(T_AT(&at), cgs, name, 2, "pids.max", buf,
	    sizeof(buf), &len));
	ATF_REQUIRE_STREQ(buf, "64");
	ATF_REQUIRE_EQ(len, 2);
	/* A missing controller is reported for itself only. */
	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cgroup_set(T_AT(&at), cgs, name, 2,
	    "cpuset.cpus", "0"));
	T_ERR(ENOENT, alcove_cgroup_set(T_AT(&at), cgs, name, 2,
	    "memory.max", "1000000"));
	/* A cgroup that does not exist. */
	name[1] = "nosuch";
	T_ERR(ENOENT, alcove_cgroup_set(T_AT(&at), cgs, name, 2, "pids.max",
	    "64"));
	ATF_REQUIRE(!exists(t_want("%s/%s/nosuch", r, top)));
	T_ERR(ENOENT, alcove_cgroup_destroy(T_AT(&at), cgs, name, 2,
	    ALCOVE_CGROUP_ALL, &n));
	ATF_REQUIRE_EQ(n, 0);

	/* Recursive destroy: children first (the files are plain here). */
	ATF_REQUIRE(unlink(t_want("%s/%s/guest2/pids.max", r, top)) == 0);
	ATF_REQUIRE(unlink(t_want("%s/%s/cgroup.controllers", r, top)) == 0);
	ATF_REQUIRE(unlink(t_want("%s/%s/cgroup.subtree_control", r, top)) ==
	    0);
	T_OK(alcove_cgroup_destroy(T_AT(&at), cgs, name, 1, ALCOVE_CGROUP_ALL,
	    &n));
	ATF_REQUIRE_EQ(n, UNIFIED | CPU | ALCOVE_CGROUP_IO | MEMORY | PIDS);
	ATF_REQUIRE(!exists(t_want("%s/%s", r, top)));
	ATF_REQUIRE(exists(t_want("%s/cgroup.controllers", r)));
	alcove_cgroup_free(cgs);
	t_stop(root.h);
}

DEPTHS(bad_names, "names and files that are not one component each are "
    "ALCOVE_EINVAL, and nothing is made", 0)
static void
bad_names_body(const atf_tc_t *tc, int depth)
{
	static const char *const bad[] = { "", ".", "..", "a/b", "/" };
	struct alcove_cgroups *cgs;
	struct t_proc root, at;
	const char *r, *name[2];
	unsigned int n;
	char buf[16];
	size_t i, len;

	name_top();
	r = lay_out_v2("pids\n", "pids\n");
	start_at(tc, &root, &at, depth);
	T_OK(alcove_cgroup_open(T_AT(&at), r, &cgs));
	name[0] = top;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		name[1] = bad[i];
		T_ERR(ALCOVE_EINVAL, alcove_cgroup_create(T_AT(&at), cgs, name,
		    2, PIDS, &n));
		ATF_REQUIRE_EQ(n, 0);
		T_ERR(ALCOVE_EINVAL, alcove_cgroup_destroy(T_AT(&at), cgs,
		    name, 2, PIDS, &n));
		T_ERR(ALCOVE_EINVAL, alcove_cgroup_set(T_AT(&at), cgs, name, 2,
		    "pids.max", "1"));
		name[1] = "guest";
		T_ERR(ALCOVE_EINVAL, alcove_cgroup_set(T_AT(&at), cgs, name, 1,
		    bad[i], "1"));
		T_ERR(ALCOVE_EINVAL, alcove_cgroup_get(T_AT(&at), cgs, name, 1,
		    bad[i], buf, sizeof(buf), &len));
	}
	T_ERR(ALCOVE_EINVAL, alcove_cgroup_create(T_AT(&at), cgs, name, 0,
	    PIDS, &n));
	T_ERR(ALCOVE_EINVAL, alcove_cgroup_destroy(T_AT(&at), cgs, name, 0,
	    PIDS, &n));
	T_ERR(ALCOVE_EINVAL, alcove_cgroup_get(T_AT(&at), cgs, name, 1,
	    "pids.max", buf, 0, &len));
	T_ERR(ALCOVE_EINVAL, alcove_cgroup_add(T_AT(&at), cgs, name, 1, PIDS,
	    0, &n));
	ATF_REQUIRE(!exists(t_want("%s/%s/guest", r, top)));
	alcove_cgroup_free(cgs);
	/* The root of a hierarchy must be named. */
	T_ERR(ALCOVE_EINVAL, alcove_cgroup_open(T_AT(&at), "", &cgs));
	ATF_REQUIRE(cgs == NULL);
	t_stop(root.h);
}

/* ---- a write the descriptor takes a few bytes at a time ---- */

/*
 * Read the FIFO a hundred bytes at a time into out until want bytes came
 * and the writer closed its end; exit 0 then, 1 on a read error, 2 after
 * 20 s.
 */
static void
slow_reader(int fd, const char *out, size_t want)
{
	char buf[100], *got = big_got;
	size_t have = 0;
	ssize_t n;
	int i, f;

	if (want > sizeof(big_got))
		_exit(1);
	for (i = 0; i < 20000; i++) {
		n = read(fd, buf, have < want && want - have < sizeof(buf) ?
		    want - have : sizeof(buf));
		if (n > 0) {
			if ((size_t)n > want - have)
				_exit(1);
			memcpy(got + have, buf, (size_t)n);
			have += (size_t)n;
			continue;
		}
		if (n == -1 && errno != EAGAIN)
			_exit(1);
		if (n == 0 && have == want) {
			/* EOF: the library closed its descriptor. */
			if ((f = open(out, O_WRONLY | O_CREAT | O_TRUNC |
			    O_CLOEXEC, 0644)) == -1 ||
			    write(f, got, have) != (ssize_t)have)
				_exit(1);
			(void)close(f);
			_exit(0);
		}
		(void)poll(NULL, 0, 1);
	}
	_exit(2);
}

DEPTHS(partial_write, "set completes a value the descriptor (a FIFO with "
    "a slow reader) takes a few bytes at a time, then closes it", 0)
static void
partial_write_body(const atf_tc_t *tc, int depth)
{
	struct alcove_cgroups *cgs;
	struct t_proc root, at;
	const char *r, *name[2], *fifo;
	char *value = big_value;
	size_t i;
	pid_t pid;
	int fd, st;
	FILE *f;

	name_top();
	name[0] = top;
	name[1] = "guest";
	r = lay_out_v2("pids\n", "pids\n");
	ATF_REQUIRE(mkdir(t_want("%s/%s/guest", r, top), 0755) == 0);
	fifo = t_want("%s/%s/guest/pids.max", r, top);
	ATF_REQUIRE(mkfifo(fifo, 0600) == 0);
	ATF_REQUIRE((fd = open(fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) !=
	    -1);
#ifdef F_SETPIPE_SZ
	/* A page at a time (else the pipe's own size, still below BIG). */
	(void)fcntl(fd, F_SETPIPE_SZ, 4096);
#endif
	for (i = 0; i < BIG; i++)
		value[i] = (char)('a' + i % 26);
	value[BIG] = '\0';

	start_at(tc, &root, &at, depth);
	T_OK(alcove_cgroup_open(T_AT(&at), r, &cgs));
	ATF_REQUIRE((pid = fork()) != -1);
	if (pid == 0)
		slow_reader(fd, t_here("got"), BIG);
	(void)close(fd);
	T_OK(alcove_cgroup_set(T_AT(&at), cgs, name, 2, "pids.max", value));
	ATF_REQUIRE(waitpid(pid, &st, 0) == pid);
	ATF_REQUIRE_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "the reader did not get every byte and EOF (status %d)", st);
	ATF_REQUIRE((f = fopen(t_here("got"), "r")) != NULL);
	ATF_REQUIRE_EQ(fread(big_got, 1, sizeof(big_got), f), BIG);
	(void)fclose(f);
	ATF_REQUIRE(memcmp(big_got, value, BIG) == 0);
	alcove_cgroup_free(cgs);
	t_stop(root.h);
}

/* ---- mount tables laid out in a chroot ---- */

/* A child of at chrooted to dir. */
static void
chrooted(const struct t_proc *at, struct t_proc *c, const char *dir)
{
	t_proc_fork(at, c);
	T_OK(alcove_chroot(T_AT(c), dir));
	T_OK(alcove_chdir(T_AT(c), "/"));
}

DEPTHS(no_cgroups, "no mount table, or one without cgroups: every cgroup "
    "function is ALCOVE_EUNSUPPORTED", 1)
static void
no_cgroups_body(const atf_tc_t *tc, int depth)
{
	struct alcove_cgroups *cgs;
	struct t_proc root, at, c;
	const char *name[1] = { "alcove-test-none" };
	unsigned int v1, v2, n;
	char buf[16];
	size_t len;
	int pass;

	start_at(tc, &root, &at, depth);
	ATF_REQUIRE(mkdir(t_here("empty"), 0755) == 0);
	ATF_REQUIRE(mkdir(t_here("plain"), 0755) == 0);
	ATF_REQUIRE(mkdir(t_here("plain/proc"), 0755) == 0);
	ATF_REQUIRE(mkdir(t_here("plain/proc/self"), 0755) == 0);
	put(t_here("plain/proc/self/mountinfo"),
	    "22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n"
	    "23 22 0:21 / /proc rw - proc proc rw\n"
	    "24 22 0:22 / /tmp rw - tmpfs cgroup rw,pids\n");
	for (pass = 0; pass < 2; pass++) {
		chrooted(&at, &c, t_here(pass == 0 ? "empty" : "plain"));
		T_ERR(ALCOVE_EUNSUPPORTED, alcove_cgroup_open(T_AT(&c), NULL,
		    &cgs));
		ATF_REQUIRE(cgs == NULL);
		T_ERR(ALCOVE_EUNSUPPORTED, alcove_cgroup_supported(T_AT(&c),
		    NULL, &v1, &v2));
		ATF_REQUIRE_EQ(v1 | v2, 0);
		T_ERR(ALCOVE_EUNSUPPORTED, alcove_cgroup_create(T_AT(&c), NULL,
		    name, 1, ALCOVE_CGROUP_ALL, &n));
		T_ERR(ALCOVE_EUNSUPPORTED, alcove_cgroup_destroy(T_AT(&c),
		    NULL, name, 1, ALCOVE_CGROUP_ALL, &n));
		T_ERR(ALCOVE_EUNSUPPORTED, alcove_cgroup_set(T_AT(&c), NULL,
		    name, 1, "pids.max", "1"));
		T_ERR(ALCOVE_EUNSUPPORTED, alcove_cgroup_get(T_AT(&c), NULL,
		    name, 1, "pids.max", buf, sizeof(buf), &len));
		T_ERR(ALCOVE_EUNSUPPORTED, alcove_cgroup_add(T_AT(&c), NULL,
		    name, 1, ALCOVE_CGROUP_ALL, 1, &n));
	}
	t_stop(root.h);
}

DEPTHS(v1_table, "v1 from a laid-out mount table: co-mounted and escaped "
    "mount points, named hierarchies ignored, missing controllers skipped",
    1)
static void
v1_table_body(const atf_tc_t *tc, int depth)
{
	struct t_proc root, at, c;
	const char *name[2] = { "alcove-test-t", "guest" };
	unsigned int v1, v2, made, n;
	const char *j = "jail";

	start_at(tc, &root, &at, depth);
	ATF_REQUIRE(mkdir(t_here(j), 0755) == 0);
	ATF_REQUIRE(mkdir(t_here("jail/proc"), 0755) == 0);
	ATF_REQUIRE(mkdir(t_here("jail/proc/self"), 0755) == 0);
	ATF_REQUIRE(mkdir(t_here("jail/cg"), 0755) == 0);
	ATF_REQUIRE(mkdir(t_here("jail/cg/cpu acct"), 0755) == 0);
	ATF_REQUIRE(mkdir(t_here("jail/cg/pids"), 0755) == 0);
	ATF_REQUIRE(mkdir(t_here("jail/cg/pids2"), 0755) == 0);
	ATF_REQUIRE(mkdir(t_here("jail/cg/systemd"), 0755) == 0);
	put(t_here("jail/proc/self/mountinfo"),
	    "22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n"
	    "30 22 0:28 / /cg/cpu\\040acct rw,relatime shared:9 - cgroup "
	    "cgroup rw,cpu,cpuacct\n"
	    "31 22 0:29 / /cg/pids rw,relatime - cgroup cgroup rw,pids\n"
	    "32 22 0:29 / /cg/pids2 rw,relatime - cgroup cgroup rw,pids\n"
	    "33 22 0:30 / /cg/systemd rw - cgroup cgroup rw,xattr,"
	    "name=systemd\n"
	    "34 22 0:31 / /cg/short - cgroup\n"
	    "garbage\n\n - - - -\n"
	    "35 22 0:32 / /cg/esc\\04 rw - cgroup cgroup rw,freezer,bogus\n"
	    "36 22 0:33 / /cg/nosep rw shared:1 cgroup cgroup rw,memory\n"
	    "37 22 0:34 / /cg/last rw - cgroup cgroup rw,devices");
	chrooted(&at, &c, t_here(j));
	T_OK(alcove_cgroup_supported(T_AT(&c), NULL, &v1, &v2));
	ATF_REQUIRE_EQ(v1, CPU | ALCOVE_CGROUP_CPUACCT | PIDS |
	    ALCOVE_CGROUP_FREEZER | ALCOVE_CGROUP_DEVICES);
	ATF_REQUIRE_EQ(v2, 0);

	T_OK(alcove_cgroup_create(T_AT(&c), NULL, name, 2,
	    PIDS | MEMORY | CPUSET | CPU, &made));
	ATF_REQUIRE_EQ(made, PIDS | CPU);
	ATF_REQUIRE(exists(t_here("jail/cg/cpu acct/alcove-test-t/guest")));
	ATF_REQUIRE(exists(t_here("jail/cg/pids/alcove-test-t/guest")));
	/* The first mount of a controller is the one used. */
	ATF_REQUIRE(!exists(t_here("jail/cg/pids2/alcove-test-t")));
	ATF_REQUIRE(!exists(t_here("jail/cg/systemd/alcove-test-t")));

	T_ERR(ALCOVE_EUNSUPPORTED, alcove_cgroup_set(T_AT(&c), NULL, name, 2,
	    "memory.limit_in_bytes", "1000000"));
	/* v1 has no hierarchy for a file of no controller. */
	T_ERR(ALCOVE_EINVAL, alcove_cgroup_set(T_AT(&c), NULL, name, 2,
	    "cgroup.procs", "1"));
	put(t_here("jail/cg/cpu acct/alcove-test-t/guest/cpuacct.usage"),
	    "0\n");
	T_OK(alcove_cgroup_set(T_AT(&c), NULL, name, 2, "cpuacct.usage",
	    "12"));
	ATF_REQUIRE_STREQ(slurp(t_here(
	    "jail/cg/cpu acct/alcove-test-t/guest/cpuacct.usage")), "12");
	ATF_REQUIRE(unlink(t_here(
	    "jail/cg/cpu acct/alcove-test-t/guest/cpuacct.usage")) == 0);

	/* Only pids and cpu were made: the others are ENOENT, no error. */
	T_OK(alcove_cgroup_destroy(T_AT(&c), NULL, name, 1, ALCOVE_CGROUP_ALL,
	    &n));
	ATF_REQUIRE_EQ(n, CPU | ALCOVE_CGROUP_CPUACCT | PIDS);
	ATF_REQUIRE(!exists(t_here("jail/cg/pids/alcove-test-t")));
	ATF_REQUIRE(!exists(t_here("jail/cg/cpu acct/alcove-test-t")));
	t_stop(root.h);
}

T_TC(controller_names, "alcove_cgroup_controller names each bit")
ATF_TC_BODY(controller_names, tc)
{
	(void)tc;
	ATF_REQUIRE_EQ(alcove_cgroup_controller("pids"), PIDS);
	ATF_REQUIRE_EQ(alcove_cgroup_controller("cpuacct"),
	    ALCOVE_CGROUP_CPUACCT);
	ATF_REQUIRE_EQ(alcove_cgroup_controller("net_prio"),
	    ALCOVE_CGROUP_NET_PRIO);
	ATF_REQUIRE_EQ(alcove_cgroup_controller("misc"), ALCOVE_CGROUP_MISC);
	ATF_REQUIRE_EQ(alcove_cgroup_controller("cgroup"), 0);
	ATF_REQUIRE_EQ(alcove_cgroup_controller("pid"), 0);
	ATF_REQUIRE_EQ(alcove_cgroup_controller(""), 0);
	ATF_REQUIRE_EQ(alcove_cgroup_controller(NULL), 0);
}

ATF_TP_ADD_TCS(tp)
{
	ADD_DEPTHS(tp, v1);
	ADD_DEPTHS(tp, v1_cpuset);
	ADD_DEPTHS(tp, v1_missing);
	ADD_DEPTHS(tp, v2_unified);
	ADD_DEPTHS(tp, v2_tree);
	ADD_DEPTHS(tp, bad_names);
	ADD_DEPTHS(tp, partial_write);
	ADD_DEPTHS(tp, no_cgroups);
	ADD_DEPTHS(tp, v1_table);
	ATF_TP_ADD_TC(tp, controller_names);
	return atf_no_error();
}
