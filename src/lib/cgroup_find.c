/*
 * Finding the cgroup hierarchies a process sees: its mount table
 * (/proc/self/mountinfo, read in that process) names the v1 hierarchies
 * and the unified one, whose cgroup.controllers says what it holds.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compat.h"
#include "lib/cgroup.h"

#define MOUNTINFO	"/proc/self/mountinfo"
/* No mount table is larger: thousands of mounts fit. */
#define MOUNTINFO_MAX	(4 * 1024 * 1024)
/* cgroup.controllers names every controller a kernel has, in short. */
#define CONTROLLERS_MAX	4096

static const struct {
	const char	*name;
	unsigned int	 bit;
} cgroup_names[] = {
	{ "cpu",	ALCOVE_CGROUP_CPU },
	{ "cpuacct",	ALCOVE_CGROUP_CPUACCT },
	{ "cpuset",	ALCOVE_CGROUP_CPUSET },
	{ "memory",	ALCOVE_CGROUP_MEMORY },
	{ "pids",	ALCOVE_CGROUP_PIDS },
	{ "blkio",	ALCOVE_CGROUP_BLKIO },
	{ "io",		ALCOVE_CGROUP_IO },
	{ "devices",	ALCOVE_CGROUP_DEVICES },
	{ "freezer",	ALCOVE_CGROUP_FREEZER },
	{ "hugetlb",	ALCOVE_CGROUP_HUGETLB },
	{ "net_cls",	ALCOVE_CGROUP_NET_CLS },
	{ "net_prio",	ALCOVE_CGROUP_NET_PRIO },
	{ "perf_event",	ALCOVE_CGROUP_PERF_EVENT },
	{ "rdma",	ALCOVE_CGROUP_RDMA },
	{ "misc",	ALCOVE_CGROUP_MISC },
};

static unsigned int
cgroup_name_bit(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(cgroup_names) / sizeof(cgroup_names[0]); i++)
		if (strlen(cgroup_names[i].name) == len &&
		    memcmp(cgroup_names[i].name, name, len) == 0)
			return cgroup_names[i].bit;
	return 0;
}

/* The name of one controller bit, or NULL. */
const char *
cgroup_bit_name(unsigned int bit)
{
	size_t i;

	for (i = 0; i < sizeof(cgroup_names) / sizeof(cgroup_names[0]); i++)
		if (cgroup_names[i].bit == bit)
			return cgroup_names[i].name;
	return NULL;
}

unsigned int
alcove_cgroup_controller(const char *name)
{
	if (name == NULL)
		return 0;
	return cgroup_name_bit(name, strlen(name));
}

/*
 * The controllers named in a list: v1 super options ("rw,cpu,cpuacct"),
 * cgroup.controllers ("cpu memory pids") or cgroup.subtree_control, also
 * as written ("+cpu +memory").  Other words are not controllers.
 */
unsigned int
cgroup_names_mask(const char *s, size_t len)
{
	unsigned int mask = 0;
	size_t i = 0, start;

	while (i < len) {
		while (i < len && strchr(", \t\n+", s[i]) != NULL)
			i++;
		start = i;
		while (i < len && strchr(", \t\n", s[i]) == NULL)
			i++;
		if (i > start)
			mask |= cgroup_name_bit(s + start, i - start);
	}
	return mask;
}

/* Undo mountinfo's octal escapes (\040 for a space) in place. */
static void
unescape(char *s)
{
	char *d = s;

	for (; *s != '\0'; s++, d++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*d = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 +
			    (s[3] - '0'));
			s += 3;
		} else
			*d = *s;
	}
	*d = '\0';
}

static int
add_hier(struct alcove_cgroups *cg, const char *dir, unsigned int mask,
    int v2)
{
	struct cgroup_hier *hr;

	if (cg->nhier == CGROUP_HIER_MAX)
		return 0;
	hr = &cg->hier[cg->nhier];
	if (strlcpy(hr->dir, dir, sizeof(hr->dir)) >= sizeof(hr->dir))
		return ENAMETOOLONG;
	hr->mask = mask;
	hr->v2 = v2;
	cg->nhier++;
	return 0;
}

/*
 * One line of mountinfo: "36 25 0:31 / /sys/fs/cgroup/pids rw,relatime
 * shared:5 - cgroup cgroup rw,pids".  A controller mounted twice counts
 * where it is seen first; so does the unified hierarchy.
 */
static int
mount_line(struct alcove_cgroups *cg, char *line, unsigned int *seen,
    int *have_v2)
{
	char *f[64], *p;
	size_t n = 0, sep;
	unsigned int mask;

	for (p = line; n < sizeof(f) / sizeof(f[0]); ) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		f[n++] = p;
		while (*p != ' ' && *p != '\0')
			p++;
		if (*p == ' ')
			*p++ = '\0';
	}
	for (sep = 6; sep < n; sep++)
		if (strcmp(f[sep], "-") == 0)
			break;
	if (sep + 3 >= n)
		return 0;
	unescape(f[4]);
	if (strcmp(f[sep + 1], "cgroup") == 0) {
		mask = cgroup_names_mask(f[sep + 3], strlen(f[sep + 3])) &
		    ~*seen;
		if (mask == 0)
			return 0;
		*seen |= mask;
		return add_hier(cg, f[4], mask, 0);
	}
	if (strcmp(f[sep + 1], "cgroup2") == 0 && !*have_v2) {
		*have_v2 = 1;
		return add_hier(cg, f[4], ALCOVE_CGROUP_UNIFIED, 1);
	}
	return 0;
}

/* What a v2 hierarchy holds, from its root's cgroup.controllers. */
static int
v2_controllers(struct alcove *h, const pid_t *path, size_t npath,
    struct cgroup_hier *hr)
{
	char file[PATH_MAX], *buf;
	size_t len;
	int err;

	if ((size_t)snprintf(file, sizeof(file), "%s/cgroup.controllers",
	    hr->dir) >= sizeof(file))
		return ENAMETOOLONG;
	if ((err = cgroup_slurp(h, path, npath, file, CONTROLLERS_MAX, &buf,
	    &len)) != 0)
		return err;
	hr->mask = ALCOVE_CGROUP_UNIFIED | cgroup_names_mask(buf, len);
	free(buf);
	return 0;
}

/*
 * Fill cg with the hierarchies of the mount table of the process at the
 * path, or, given a root, with one v2 hierarchy there.  No mount table
 * of this form (ENOENT) or no cgroup in it: ALCOVE_EUNSUPPORTED.
 */
int
cgroup_find(struct alcove *h, const pid_t *path, size_t npath,
    const char *root, struct alcove_cgroups *cg)
{
	char *buf, *line, *next;
	size_t len, i;
	unsigned int seen = 0;
	int err = 0, have_v2 = 0;

	memset(cg, 0, sizeof(*cg));
	if (root != NULL) {
		if (*root == '\0')
			return ALCOVE_EINVAL;
		if ((err = add_hier(cg, root, ALCOVE_CGROUP_UNIFIED, 1)) != 0)
			return err;
		return v2_controllers(h, path, npath, &cg->hier[0]);
	}
	if ((err = cgroup_slurp(h, path, npath, MOUNTINFO, MOUNTINFO_MAX, &buf,
	    &len)) != 0)
		return err == ENOENT ? ALCOVE_EUNSUPPORTED : err;
	/* A NUL inside the table would end a line early: no harm. */
	for (line = buf; err == 0 && line < buf + len; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line) + 1;
		err = mount_line(cg, line, &seen, &have_v2);
	}
	free(buf);
	for (i = 0; err == 0 && i < cg->nhier; i++)
		if (cg->hier[i].v2 &&
		    (err = v2_controllers(h, path, npath, &cg->hier[i])) == 0)
			/* A controller is in one hierarchy: v1 keeps it. */
			cg->hier[i].mask &= ~seen;
	if (err == 0 && cg->nhier == 0)
		err = ALCOVE_EUNSUPPORTED;
	return err;
}
