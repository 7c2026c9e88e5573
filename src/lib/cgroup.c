/*
 * cgroup control through the port: create, destroy, set, get and join a
 * cgroup named by path components, in every hierarchy (v1) or the unified
 * one (v2) that holds the controllers asked for.  See alcove_cgroup(3).
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

/* Deeper trees than this are not removed (the recursion is bounded). */
#define CGROUP_DEPTH_MAX	64
/* The cpuset files a new v1 cpuset must have before it takes a task. */
static const char *const cpuset_inherit[] = { "cpuset.cpus", "cpuset.mems" };

/* A component names one directory below its parent. */
static int
valid_component(const char *s)
{
	return s != NULL && *s != '\0' && strchr(s, '/') == NULL &&
	    strcmp(s, ".") != 0 && strcmp(s, "..") != 0;
}

static int
valid_name(const char *const *name, size_t nname)
{
	size_t i;

	if (nname > 0 && name == NULL)
		return 0;
	for (i = 0; i < nname; i++)
		if (!valid_component(name[i]))
			return 0;
	return 1;
}

/* Append s to the string in buf; -1 if it does not fit. */
static int
append(char *buf, size_t size, const char *s)
{
	size_t len = strlen(buf);

	return strlcpy(buf + len, s, size - len) >= size - len ? -1 : 0;
}

/* dir/name[0]/.../name[n - 1], then /file when file is not NULL. */
static int
cgroup_path(char *buf, size_t size, const char *dir,
    const char *const *name, size_t n, const char *file)
{
	size_t i;

	if (strlcpy(buf, dir, size) >= size)
		return ENAMETOOLONG;
	for (i = 0; i < n; i++)
		if (append(buf, size, "/") == -1 ||
		    append(buf, size, name[i]) == -1)
			return ENAMETOOLONG;
	if (file != NULL && (append(buf, size, "/") == -1 ||
	    append(buf, size, file) == -1))
		return ENAMETOOLONG;
	return 0;
}

/* The hierarchies given, or those the process sees now (*own to free). */
static int
hierarchies(struct alcove *h, const pid_t *path, size_t npath,
    const struct alcove_cgroups *given, const struct alcove_cgroups **cgp,
    struct alcove_cgroups **own)
{
	int err;

	*own = NULL;
	if ((*cgp = given) != NULL)
		return 0;
	if ((*own = malloc(sizeof(**own))) == NULL)
		return errno;
	if ((err = cgroup_find(h, path, npath, NULL, *own)) != 0) {
		free(*own);
		*own = NULL;
		return err;
	}
	*cgp = *own;
	return 0;
}

int
alcove_cgroup_open(struct alcove *h, const pid_t *path, size_t npath,
    const char *root, struct alcove_cgroups **cgp)
{
	struct alcove_cgroups *cg;
	int err;

	*cgp = NULL;
	if ((cg = malloc(sizeof(*cg))) == NULL)
		return errno;
	if ((err = cgroup_find(h, path, npath, root, cg)) != 0) {
		free(cg);
		return err;
	}
	*cgp = cg;
	return 0;
}

void
alcove_cgroup_free(struct alcove_cgroups *cg)
{
	free(cg);
}

int
alcove_cgroup_supported(struct alcove *h, const pid_t *path, size_t npath,
    const struct alcove_cgroups *given, unsigned int *v1, unsigned int *v2)
{
	const struct alcove_cgroups *cg;
	struct alcove_cgroups *own;
	size_t i;
	int err;

	*v1 = *v2 = 0;
	if ((err = hierarchies(h, path, npath, given, &cg, &own)) != 0)
		return err;
	for (i = 0; i < cg->nhier; i++)
		*(cg->hier[i].v2 ? v2 : v1) |= cg->hier[i].mask;
	free(own);
	return 0;
}

/* The controllers of a cgroup file, in the file's subtree_control form. */
static unsigned int
read_mask(struct alcove *h, const pid_t *path, size_t npath,
    const char *file, int *errp)
{
	unsigned int mask;
	char *buf;
	size_t len;

	if ((*errp = cgroup_slurp(h, path, npath, file, 4096, &buf, &len)) !=
	    0)
		return 0;
	mask = cgroup_names_mask(buf, len);
	free(buf);
	return mask;
}

/*
 * v2: let the children of dir have the controllers of *avail, writing
 * "+cpu +memory" to its cgroup.subtree_control for those not enabled yet;
 * *avail loses the ones dir itself does not have.
 */
static int
v2_enable(struct alcove *h, const pid_t *path, size_t npath,
    const char *dir, unsigned int *avail)
{
	char file[PATH_MAX], words[512];
	const char *name;
	unsigned int need, bit;
	int err;

	if ((err = cgroup_path(file, sizeof(file), dir, NULL, 0,
	    "cgroup.controllers")) != 0)
		return err;
	*avail &= read_mask(h, path, npath, file, &err);
	if (err != 0 || *avail == 0)
		return err;
	if ((err = cgroup_path(file, sizeof(file), dir, NULL, 0,
	    "cgroup.subtree_control")) != 0)
		return err;
	need = *avail & ~read_mask(h, path, npath, file, &err);
	if (err != 0 || need == 0)
		return err;
	words[0] = '\0';
	for (bit = 1; bit < ALCOVE_CGROUP_UNIFIED; bit <<= 1) {
		if ((need & bit) == 0 || (name = cgroup_bit_name(bit)) == NULL)
			continue;
		/* Fifteen names fit the buffer. */
		if ((words[0] != '\0' &&
		    append(words, sizeof(words), " ") == -1) ||
		    append(words, sizeof(words), "+") == -1 ||
		    append(words, sizeof(words), name) == -1)
			return ENAMETOOLONG;
	}
	return cgroup_write(h, path, npath, file, words, strlen(words));
}

/* A new v1 cpuset takes its parent's cpus and memory nodes. */
static int
cpuset_copy(struct alcove *h, const pid_t *path, size_t npath,
    const char *dir, const char *const *name, size_t n)
{
	char from[PATH_MAX], to[PATH_MAX], *buf;
	size_t i, len;
	int err;

	for (i = 0; i < sizeof(cpuset_inherit) / sizeof(cpuset_inherit[0]);
	    i++) {
		if ((err = cgroup_path(from, sizeof(from), dir, name, n - 1,
		    cpuset_inherit[i])) != 0 ||
		    (err = cgroup_path(to, sizeof(to), dir, name, n,
		    cpuset_inherit[i])) != 0 ||
		    (err = cgroup_slurp(h, path, npath, from, 65536, &buf,
		    &len)) != 0)
			return err;
		err = cgroup_write(h, path, npath, to, buf, len);
		free(buf);
		if (err != 0)
			return err;
	}
	return 0;
}

/* Make the directories of name in one hierarchy; the controllers made. */
static int
create_in(struct alcove *h, const pid_t *path, size_t npath,
    const struct cgroup_hier *hr, const char *const *name, size_t nname,
    unsigned int want, unsigned int *made)
{
	char dir[PATH_MAX];
	unsigned int avail = hr->mask & want & ~ALCOVE_CGROUP_UNIFIED;
	size_t k;
	int err;

	for (k = 1; k <= nname; k++) {
		if (hr->v2) {
			if ((err = cgroup_path(dir, sizeof(dir), hr->dir, name,
			    k - 1, NULL)) != 0 ||
			    (avail != 0 && (err = v2_enable(h, path, npath,
			    dir, &avail)) != 0))
				return err;
		}
		if ((err = cgroup_path(dir, sizeof(dir), hr->dir, name, k,
		    NULL)) != 0)
			return err;
		if ((err = alcove_mkdir(h, path, npath, dir, 0755)) == EEXIST)
			continue;
		if (err != 0)
			return err;
		if (!hr->v2 && (hr->mask & ALCOVE_CGROUP_CPUSET) != 0 &&
		    (err = cpuset_copy(h, path, npath, hr->dir, name, k)) != 0)
			return err;
	}
	*made |= hr->v2 ? avail | (want & ALCOVE_CGROUP_UNIFIED) :
	    hr->mask & want;
	return 0;
}

int
alcove_cgroup_create(struct alcove *h, const pid_t *path, size_t npath,
    const struct alcove_cgroups *given, const char *const *name,
    size_t nname, unsigned int want, unsigned int *made)
{
	const struct alcove_cgroups *cg;
	struct alcove_cgroups *own;
	size_t i;
	int err, first = 0;

	*made = 0;
	if (nname == 0 || !valid_name(name, nname))
		return ALCOVE_EINVAL;
	if ((err = hierarchies(h, path, npath, given, &cg, &own)) != 0)
		return err;
	for (i = 0; i < cg->nhier; i++)
		if ((cg->hier[i].mask & want) != 0 &&
		    (err = create_in(h, path, npath, &cg->hier[i], name, nname,
		    want, made)) != 0 && first == 0)
			first = err;
	free(own);
	return first;
}

/* Remove dir and the cgroups below it, deepest first. */
static int
remove_tree(struct alcove *h, const pid_t *path, size_t npath,
    const char *dir, int depth)
{
	char child[PATH_MAX], **names;
	size_t i;
	int err;

	if (depth > CGROUP_DEPTH_MAX)
		return ELOOP;
	if ((err = alcove_readdir(h, path, npath, dir, &names)) != 0)
		return err;
	for (i = 0; err == 0 && names[i] != NULL; i++) {
		if (!valid_component(names[i]))
			continue;
		if ((err = cgroup_path(child, sizeof(child), dir, NULL, 0,
		    names[i])) != 0)
			break;
		/* The files of a cgroup go with it. */
		if ((err = remove_tree(h, path, npath, child, depth + 1)) ==
		    ENOTDIR)
			err = 0;
	}
	alcove_strv_free(names);
	if (err != 0)
		return err;
	return alcove_rmdir(h, path, npath, dir);
}

int
alcove_cgroup_destroy(struct alcove *h, const pid_t *path, size_t npath,
    const struct alcove_cgroups *given, const char *const *name,
    size_t nname, unsigned int want, unsigned int *removed)
{
	const struct alcove_cgroups *cg;
	struct alcove_cgroups *own;
	char dir[PATH_MAX];
	size_t i;
	int err, first = 0, missing = 0, tried = 0;

	*removed = 0;
	if (nname == 0 || !valid_name(name, nname))
		return ALCOVE_EINVAL;
	if ((err = hierarchies(h, path, npath, given, &cg, &own)) != 0)
		return err;
	for (i = 0; i < cg->nhier; i++) {
		if ((cg->hier[i].mask & want) == 0)
			continue;
		tried++;
		if ((err = cgroup_path(dir, sizeof(dir), cg->hier[i].dir, name,
		    nname, NULL)) == 0)
			err = remove_tree(h, path, npath, dir, 0);
		if (err == 0)
			*removed |= cg->hier[i].mask & want;
		else if (err == ENOENT)
			missing++;
		else if (first == 0)
			first = err;
	}
	free(own);
	if (first == 0 && missing > 0 && missing == tried)
		first = ENOENT;
	return first;
}

/*
 * The hierarchy a file belongs to, by the controller its name begins
 * with ("pids.max"); a name of no controller ("cgroup.procs") is the
 * unified hierarchy's.
 */
static int
file_hier(const struct alcove_cgroups *cg, const char *file,
    const struct cgroup_hier **hrp)
{
	char prefix[32];
	unsigned int bit;
	size_t i;

	if (!valid_component(file))
		return ALCOVE_EINVAL;
	i = strcspn(file, ".");
	bit = 0;
	if (i < sizeof(prefix)) {
		memcpy(prefix, file, i);
		prefix[i] = '\0';
		bit = alcove_cgroup_controller(prefix);
	}
	if (bit == 0)
		bit = ALCOVE_CGROUP_UNIFIED;
	for (i = 0; i < cg->nhier; i++)
		if ((cg->hier[i].mask & bit) != 0) {
			*hrp = &cg->hier[i];
			return 0;
		}
	/* A controller that is not there; v1 has no place for the rest. */
	return bit == ALCOVE_CGROUP_UNIFIED ? ALCOVE_EINVAL :
	    ALCOVE_EUNSUPPORTED;
}

int
alcove_cgroup_set(struct alcove *h, const pid_t *path, size_t npath,
    const struct alcove_cgroups *given, const char *const *name,
    size_t nname, const char *file, const char *value)
{
	const struct alcove_cgroups *cg;
	const struct cgroup_hier *hr;
	struct alcove_cgroups *own;
	char fpath[PATH_MAX];
	int err;

	if (!valid_name(name, nname) || value == NULL)
		return ALCOVE_EINVAL;
	if ((err = hierarchies(h, path, npath, given, &cg, &own)) != 0)
		return err;
	if ((err = file_hier(cg, file, &hr)) == 0 &&
	    (err = cgroup_path(fpath, sizeof(fpath), hr->dir, name, nname,
	    file)) == 0)
		err = cgroup_write(h, path, npath, fpath, value, strlen(value));
	free(own);
	return err;
}

int
alcove_cgroup_get(struct alcove *h, const pid_t *path, size_t npath,
    const struct alcove_cgroups *given, const char *const *name,
    size_t nname, const char *file, char *buf, size_t size, size_t *lenp)
{
	const struct alcove_cgroups *cg;
	const struct cgroup_hier *hr;
	struct alcove_cgroups *own;
	char fpath[PATH_MAX], *data;
	size_t len;
	int err;

	if (lenp != NULL)
		*lenp = 0;
	if (size == 0 || buf == NULL)
		return ALCOVE_EINVAL;
	*buf = '\0';
	if (!valid_name(name, nname))
		return ALCOVE_EINVAL;
	if ((err = hierarchies(h, path, npath, given, &cg, &own)) != 0)
		return err;
	if ((err = file_hier(cg, file, &hr)) == 0 &&
	    (err = cgroup_path(fpath, sizeof(fpath), hr->dir, name, nname,
	    file)) == 0 &&
	    (err = cgroup_slurp(h, path, npath, fpath, size - 1, &data,
	    &len)) == 0) {
		memcpy(buf, data, len + 1);
		if (lenp != NULL)
			*lenp = len;
		free(data);
	}
	free(own);
	return err;
}

int
alcove_cgroup_add(struct alcove *h, const pid_t *path, size_t npath,
    const struct alcove_cgroups *given, const char *const *name,
    size_t nname, unsigned int want, pid_t pid, unsigned int *added)
{
	const struct alcove_cgroups *cg;
	struct alcove_cgroups *own;
	char file[PATH_MAX], num[32];
	size_t i;
	int err, first = 0;

	*added = 0;
	if (!valid_name(name, nname) || pid <= 0)
		return ALCOVE_EINVAL;
	if ((err = hierarchies(h, path, npath, given, &cg, &own)) != 0)
		return err;
	(void)snprintf(num, sizeof(num), "%lld", (long long)pid);
	for (i = 0; i < cg->nhier; i++) {
		if ((cg->hier[i].mask & want) == 0)
			continue;
		if ((err = cgroup_path(file, sizeof(file), cg->hier[i].dir,
		    name, nname, "cgroup.procs")) == 0)
			err = cgroup_write(h, path, npath, file, num,
			    strlen(num));
		if (err == 0)
			*added |= cg->hier[i].mask & want;
		else if (first == 0)
			first = err;
	}
	free(own);
	return first;
}
