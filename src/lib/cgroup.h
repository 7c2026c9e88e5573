/*
 * libalcove's cgroup internals: the hierarchies found in a mount table
 * and the reading and writing of their files through the port.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_LIB_CGROUP_H
#define ALCOVE_LIB_CGROUP_H

#include <sys/types.h>

#include <limits.h>
#include <stddef.h>

#include "alcove.h"

/* One per controller bit at most: a controller is mounted once. */
#define CGROUP_HIER_MAX	16

/* A hierarchy: a v1 mount of some controllers, or the unified (v2) one. */
struct cgroup_hier {
	unsigned int	mask;	/* v2: ALCOVE_CGROUP_UNIFIED | controllers */
	int		v2;
	char		dir[PATH_MAX];
};

struct alcove_cgroups {
	size_t			nhier;
	struct cgroup_hier	hier[CGROUP_HIER_MAX];
};

/* cgroup_find.c */
int	cgroup_find(struct alcove *, const pid_t *, size_t, const char *,
	    struct alcove_cgroups *);
unsigned int cgroup_names_mask(const char *, size_t);
const char *cgroup_bit_name(unsigned int);

/* cgroup_file.c */
int	cgroup_write(struct alcove *, const pid_t *, size_t, const char *,
	    const void *, size_t);
int	cgroup_slurp(struct alcove *, const pid_t *, size_t, const char *,
	    size_t, char **, size_t *);

#endif
