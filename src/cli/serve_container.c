/*
 * alcovectl serve: one container, built step by step in a child of the
 * port cloned with new IPC, network, mount, PID and UTS namespaces.  The
 * order (alcovectl(1), serve):
 *
 *	the cgroup (made in the port, joined by the child first); clone;
 *	every mount private, recursively; the hostname; a tmpfs for the new
 *	root; the system directories bound and remounted read-only; /etc a
 *	tmpfs with passwd and group written, then read-only; /tmp; /dev with
 *	null, zero and urandom bound; chroot; /proc; rlimits (RLIMIT_NPROC
 *	and RLIMIT_AS when the pids or memory controller is missing); the
 *	environment; groups, gid, uid; exec.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>
#include <sys/resource.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "proto/calls.h"
#include "cli/cli.h"
#include "cli/serve.h"

struct cstep {
	struct alcove		*h;
	struct container	*c;
	const char		*what;
};

static const char *const system_dirs[] = {
	"/bin", "/lib", "/lib64", "/usr", "/sbin",
};

static int
cfail(struct cstep *st, int err)
{
	fprintf(stderr, "%s: serve: container %lu: %s: %s\n", cli_progname,
	    st->c->id, st->what, alcove_strerror(err));
	return -1;
}

static int
reply_ok(struct cstep *st, int err, struct alcove_term *t)
{
	if (err == 0 && t != NULL)
		err = alcove_reply_error(t);
	alcove_term_free(t);
	return err == 0 ? 0 : cfail(st, err);
}

static int
path_in(char *buf, size_t size, const char *root, const char *p)
{
	return snprintf(buf, size, "%s%s", root, p) >= (int)size ? -1 : 0;
}

static int
mount_tmpfs(struct cstep *st, const char *dst, const char *data)
{
	struct alcove_term *t;
	int err;

	st->what = dst;
	err = alcove_call(st->h, &st->c->pid, 1, CALL_mount, ALCOVE_DEFAULT,
	    &t, "sss[aa]sn", "tmpfs", dst, "tmpfs", "ms_nosuid", "ms_nodev",
	    data);
	return reply_ok(st, err, t);
}

/* A read-only bind: the bind flag in the remount too, or the remount
 * would apply to the file system the source is on. */
static int
bind_ro(struct cstep *st, const char *src, const char *dst)
{
	struct alcove_term *t;
	int err;

	st->what = dst;
	err = alcove_call(st->h, &st->c->pid, 1, CALL_mount, ALCOVE_DEFAULT,
	    &t, "ssn[aa]nn", src, dst, "ms_bind", "ms_rec");
	if (reply_ok(st, err, t) != 0)
		return -1;
	err = alcove_call(st->h, &st->c->pid, 1, CALL_mount, ALCOVE_DEFAULT,
	    &t, "ssn[aaaaa]nn", src, dst, "ms_bind", "ms_remount",
	    "ms_rdonly", "ms_nosuid", "ms_rec");
	return reply_ok(st, err, t);
}

static int
make_file(struct cstep *st, const char *file, const char *text)
{
	size_t n;
	int fd, err;

	st->what = file;
	if ((err = alcove_open(st->h, &st->c->pid, 1, file, O_WRONLY |
	    O_CREAT | O_EXCL | O_CLOEXEC, 0644, &fd)) != 0)
		return cfail(st, err);
	err = 0;
	if (text[0] != '\0')
		err = alcove_write(st->h, &st->c->pid, 1, fd, text,
		    strlen(text), &n);
	if (err == 0 && text[0] != '\0' && n != strlen(text))
		err = EIO;
	(void)alcove_close(st->h, &st->c->pid, 1, fd);
	return err != 0 ? cfail(st, err) : 0;
}

/* Does the directory exist for the port (a system without /lib64)? */
static int
host_has(struct cstep *st, const char *dir)
{
	int fd;

	if (alcove_open(st->h, NULL, 0, dir, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC, 0, &fd) != 0)
		return 0;
	(void)alcove_close(st->h, NULL, 0, fd);
	return 1;
}

static int
build_root(struct cstep *st, const struct serve_conf *sc)
{
	static const char *const devs[] = { "/dev/null", "/dev/zero",
	    "/dev/urandom" };
	struct alcove_term *t;
	char dst[512], passwd[256], group[128];
	size_t i;
	int err;

	st->what = "private-mounts";
	err = alcove_call(st->h, &st->c->pid, 1, CALL_mount, ALCOVE_DEFAULT,
	    &t, "ssn[aa]nn", "none", "/", "ms_rec", "ms_private");
	if (reply_ok(st, err, t) != 0)
		return -1;
	st->what = "hostname";
	if ((err = alcove_sethostname(st->h, &st->c->pid, 1,
	    st->c->hostname)) != 0)
		return cfail(st, err);
	if (mount_tmpfs(st, sc->root, "mode=755,size=1m") != 0)
		return -1;
	for (i = 0; i < sizeof(system_dirs) / sizeof(system_dirs[0]); i++) {
		if (!host_has(st, system_dirs[i]))
			continue;
		st->what = system_dirs[i];
		if (path_in(dst, sizeof(dst), sc->root, system_dirs[i]) != 0)
			return cfail(st, ENAMETOOLONG);
		if ((err = alcove_mkdir(st->h, &st->c->pid, 1, dst, 0755)) !=
		    0)
			return cfail(st, err);
		if (bind_ro(st, system_dirs[i], dst) != 0)
			return -1;
	}
	/* /etc: written first, then made read-only. */
	(void)snprintf(passwd, sizeof(passwd),
	    "root:x:0:0:root:/:/bin/sh\n"
	    "nobody:x:%lu:%lu:nobody:/tmp:/bin/sh\n",
	    (unsigned long)sc->uid, (unsigned long)sc->gid);
	(void)snprintf(group, sizeof(group), "root:x:0:\nnogroup:x:%lu:\n",
	    (unsigned long)sc->gid);
	st->what = "/etc";
	if (path_in(dst, sizeof(dst), sc->root, "/etc") != 0)
		return cfail(st, ENAMETOOLONG);
	if ((err = alcove_mkdir(st->h, &st->c->pid, 1, dst, 0755)) != 0)
		return cfail(st, err);
	if (mount_tmpfs(st, dst, "mode=755,size=64k") != 0)
		return -1;
	if (path_in(dst, sizeof(dst), sc->root, "/etc/passwd") != 0 ||
	    make_file(st, dst, sc->passwd != NULL ? sc->passwd : passwd) != 0)
		return -1;
	if (path_in(dst, sizeof(dst), sc->root, "/etc/group") != 0 ||
	    make_file(st, dst, sc->group != NULL ? sc->group : group) != 0)
		return -1;
	(void)path_in(dst, sizeof(dst), sc->root, "/etc");
	st->what = "/etc";
	err = alcove_call(st->h, &st->c->pid, 1, CALL_mount, ALCOVE_DEFAULT,
	    &t, "ssn[aaaa]nn", "tmpfs", dst, "ms_remount", "ms_rdonly",
	    "ms_nosuid", "ms_nodev");
	if (reply_ok(st, err, t) != 0)
		return -1;
	st->what = "/tmp";
	if (path_in(dst, sizeof(dst), sc->root, "/tmp") != 0)
		return cfail(st, ENAMETOOLONG);
	if ((err = alcove_mkdir(st->h, &st->c->pid, 1, dst, 01777)) != 0)
		return cfail(st, err);
	if (mount_tmpfs(st, dst, "mode=1777,size=16m") != 0)
		return -1;
	st->what = "/dev";
	if (path_in(dst, sizeof(dst), sc->root, "/dev") != 0)
		return cfail(st, ENAMETOOLONG);
	if ((err = alcove_mkdir(st->h, &st->c->pid, 1, dst, 0755)) != 0)
		return cfail(st, err);
	if (mount_tmpfs(st, dst, "mode=755,size=64k") != 0)
		return -1;
	for (i = 0; i < sizeof(devs) / sizeof(devs[0]); i++) {
		struct alcove_term *b;

		if (path_in(dst, sizeof(dst), sc->root, devs[i]) != 0 ||
		    make_file(st, dst, "") != 0)
			return -1;
		st->what = devs[i];
		err = alcove_call(st->h, &st->c->pid, 1, CALL_mount,
		    ALCOVE_DEFAULT, &b, "ssn[a]nn", devs[i], dst, "ms_bind");
		if (reply_ok(st, err, b) != 0)
			return -1;
	}
	st->what = "/proc";
	if (path_in(dst, sizeof(dst), sc->root, "/proc") != 0)
		return cfail(st, ENAMETOOLONG);
	if ((err = alcove_mkdir(st->h, &st->c->pid, 1, dst, 0555)) != 0)
		return cfail(st, err);
	/* The new root itself read-only: what is left writable is /tmp. */
	st->what = sc->root;
	err = alcove_call(st->h, &st->c->pid, 1, CALL_mount, ALCOVE_DEFAULT,
	    &t, "ssn[aaaa]nn", "tmpfs", sc->root, "ms_remount", "ms_rdonly",
	    "ms_nosuid", "ms_nodev");
	if (reply_ok(st, err, t) != 0)
		return -1;
	st->what = "chroot";
	if ((err = alcove_chroot(st->h, &st->c->pid, 1, sc->root)) != 0 ||
	    (err = alcove_chdir(st->h, &st->c->pid, 1, "/")) != 0)
		return cfail(st, err);
	/* pid 1 of the new PID namespace: its /proc. */
	st->what = "/proc";
	err = alcove_call(st->h, &st->c->pid, 1, CALL_mount, ALCOVE_DEFAULT,
	    &t, "sss[aaa]nn", "proc", "/proc", "proc", "ms_nosuid", "ms_nodev",
	    "ms_noexec");
	return reply_ok(st, err, t);
}

static int
set_rlimit(struct cstep *st, const char *name, unsigned long long v)
{
	struct alcove_term *t;
	int err;

	st->what = name;
	err = alcove_call(st->h, &st->c->pid, 1, CALL_setrlimit,
	    ALCOVE_DEFAULT, &t, "a{auu}", name, "alcove_rlimit", v, v);
	return reply_ok(st, err, t);
}

static int
set_rlimits(struct cstep *st, const struct serve_conf *sc)
{
	if (set_rlimit(st, "rlimit_core", 0) != 0 ||
	    set_rlimit(st, "rlimit_nofile", 256) != 0)
		return -1;
	/* RLIMIT_NPROC counts the uid's processes of every container: a
	 * fallback only, when the pids controller is missing. */
	if (sc->pids > 0 && st->c->cgmade == 0 &&
	    set_rlimit(st, "rlimit_nproc", (unsigned long long)sc->nproc) != 0)
		return -1;
	if (sc->memory > 0 && st->c->cgmade == 0 &&
	    set_rlimit(st, "rlimit_as", (unsigned long long)sc->memory) != 0)
		return -1;
	return 0;
}

static int
set_env(struct cstep *st, const struct serve_conf *sc)
{
	static const char *const defaults[][2] = {
		{ "PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin" },
		{ "HOME", "/tmp" }, { "TERM", "dumb" }, { "SHELL", "/bin/sh" },
	};
	char name[256];
	size_t i, n;
	int err;

	st->what = "environment";
	if ((err = alcove_clearenv(st->h, &st->c->pid, 1)) != 0)
		return cfail(st, err);
	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		if ((err = alcove_setenv(st->h, &st->c->pid, 1, defaults[i][0],
		    defaults[i][1], 1)) != 0)
			return cfail(st, err);
	for (i = 0; i < sc->nenv; i++) {
		n = strcspn(sc->env[i], "=");
		st->what = sc->env[i];
		if (n >= sizeof(name))
			return cfail(st, ENAMETOOLONG);
		memcpy(name, sc->env[i], n);
		name[n] = '\0';
		if ((err = alcove_setenv(st->h, &st->c->pid, 1, name,
		    sc->env[i] + n + 1, 1)) != 0)
			return cfail(st, err);
	}
	return 0;
}

/* The cgroup, made before the child; its limits for the controllers
 * there are, v1 file names where the controller is v1. */
static int
make_cgroup(struct cstep *st, struct serve_conf *sc)
{
	struct container *c = st->c;
	char v[64];
	unsigned int want = 0;
	int err;

	if (sc->cg == NULL)
		return 0;
	(void)snprintf(c->cgname, sizeof(c->cgname), "c%lu", c->id);
	c->cgpath[0] = sc->cgroup_parent;
	c->cgpath[1] = c->cgname;
	if (sc->pids > 0)
		want |= ALCOVE_CGROUP_PIDS;
	if (sc->memory > 0)
		want |= ALCOVE_CGROUP_MEMORY;
	if (sc->cpu > 0)
		want |= ALCOVE_CGROUP_CPU;
	want &= sc->v1 | sc->v2;
	if (want == 0)
		return 0;
	if (sc->v2 & want)
		want |= ALCOVE_CGROUP_UNIFIED;
	st->what = "cgroup";
	if ((err = alcove_cgroup_create(st->h, NULL, 0, sc->cg, c->cgpath, 2,
	    want, &c->cgmade)) != 0)
		return cfail(st, err);
	if (want & ALCOVE_CGROUP_PIDS) {
		(void)snprintf(v, sizeof(v), "%lld", sc->pids);
		st->what = "pids.max";
		if ((err = alcove_cgroup_set(st->h, NULL, 0, sc->cg, c->cgpath,
		    2, "pids.max", v)) != 0)
			return cfail(st, err);
	}
	if (want & ALCOVE_CGROUP_MEMORY) {
		(void)snprintf(v, sizeof(v), "%lld", sc->memory);
		st->what = sc->v1 & ALCOVE_CGROUP_MEMORY ?
		    "memory.limit_in_bytes" : "memory.max";
		if ((err = alcove_cgroup_set(st->h, NULL, 0, sc->cg, c->cgpath,
		    2, st->what, v)) != 0)
			return cfail(st, err);
	}
	if (want & ALCOVE_CGROUP_CPU) {
		if (sc->v1 & ALCOVE_CGROUP_CPU) {
			(void)snprintf(v, sizeof(v), "%lld", sc->cpu * 1000);
			st->what = "cpu.cfs_quota_us";
			err = alcove_cgroup_set(st->h, NULL, 0, sc->cg,
			    c->cgpath, 2, "cpu.cfs_period_us", "100000");
			if (err == 0)
				err = alcove_cgroup_set(st->h, NULL, 0, sc->cg,
				    c->cgpath, 2, st->what, v);
		} else {
			(void)snprintf(v, sizeof(v), "%lld 100000",
			    sc->cpu * 1000);
			st->what = "cpu.max";
			err = alcove_cgroup_set(st->h, NULL, 0, sc->cg,
			    c->cgpath, 2, st->what, v);
		}
		if (err != 0)
			return cfail(st, err);
	}
	return 0;
}

/* FNV-1a of the host pid and the secret: no pid to read back. */
static void
name_host(struct container *c, const struct serve_conf *sc)
{
	uint32_t hash = 2166136261U;
	unsigned char b[sizeof(c->pid) + sizeof(sc->secret)];
	size_t i;

	memcpy(b, &c->pid, sizeof(c->pid));
	memcpy(b + sizeof(c->pid), sc->secret, sizeof(sc->secret));
	for (i = 0; i < sizeof(b); i++) {
		hash ^= b[i];
		hash *= 16777619U;
	}
	(void)snprintf(c->hostname, sizeof(c->hostname), "alcove-%08x",
	    (unsigned int)hash);
}

/*
 * The container of connection c, owned by c->owner and linked to it:
 * closing the owner kills it.  0, or -1 after a log line (what was made
 * is left for the caller to remove).
 */
int
serve_container_start(struct alcove *h, struct serve_conf *sc,
    struct container *c)
{
	static char *shell[] = { "/bin/sh", "-i", NULL };
	struct cstep st;
	unsigned int added;
	char **argv = sc->argv != NULL ? sc->argv : shell;
	int err;

	st.h = h;
	st.c = c;
	if (make_cgroup(&st, sc) != 0)
		return -1;
	st.what = "clone";
	if ((err = alcove_clone(h, NULL, 0, "clone_newipc|clone_newnet|"
	    "clone_newns|clone_newpid|clone_newuts", &c->pid)) != 0) {
		c->pid = 0;
		return cfail(&st, err);
	}
	st.what = "owner";
	if ((err = alcove_owner_give(c->owner, &c->pid, 1)) != 0 ||
	    (err = alcove_owner_link(c->owner, &c->pid, 1)) != 0)
		return cfail(&st, err);
	st.what = "cgroup";
	if (c->cgmade != 0 && (err = alcove_cgroup_add(h, NULL, 0, sc->cg,
	    c->cgpath, 2, c->cgmade, c->pid, &added)) != 0)
		return cfail(&st, err);
	name_host(c, sc);
	if (build_root(&st, sc) != 0 || set_rlimits(&st, sc) != 0 ||
	    set_env(&st, sc) != 0)
		return -1;
	st.what = "user";
	if ((err = alcove_setgroups(h, &c->pid, 1, &sc->gid, 1)) != 0 ||
	    (err = alcove_setresgid(h, &c->pid, 1, sc->gid, sc->gid,
	    sc->gid)) != 0 ||
	    (err = alcove_setresuid(h, &c->pid, 1, sc->uid, sc->uid,
	    sc->uid)) != 0)
		return cfail(&st, err);
	st.what = argv[0];
	if ((err = alcove_execvp(h, &c->pid, 1, argv[0], argv)) != 0)
		return cfail(&st, err);
	return 0;
}

/* The cgroup of a container whose tasks are gone: 0, or EBUSY while
 * some are still leaving. */
int
serve_cgroup_remove(struct alcove *h, struct serve_conf *sc,
    struct container *c)
{
	unsigned int removed;
	int err;

	if (c->cgmade == 0)
		return 0;
	err = alcove_cgroup_destroy(h, NULL, 0, sc->cg, c->cgpath, 2,
	    c->cgmade, &removed);
	if (err == EBUSY)
		return EBUSY;
	if (err != 0 && err != ENOENT)
		fprintf(stderr, "%s: serve: container %lu: removing its cgroup: "
		    "%s\n", cli_progname, c->id, alcove_strerror(err));
	c->cgmade = 0;
	return 0;
}
