/*
 * What alcovectl run's parts share, with serve: the cgroup of --cgroup and
 * --limit, the window of a command's stdin.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_CLI_RUN_H
#define ALCOVE_CLI_RUN_H

#include <sys/types.h>

#include "alcove.h"

#define RUN_CGROUP_DEPTH	16
#define RUN_LIMITS_MAX		32

struct run_cgroup {
	char			 buf[512];
	char			 auto_name[32];
	const char		*name[RUN_CGROUP_DEPTH];
	size_t			 nname;
	char			*limits[RUN_LIMITS_MAX];	/* ctl.key=value */
	size_t			 nlimits;
	struct alcove_cgroups	*cg;
	unsigned int		 want;
	unsigned int		 made;
};

/*
 * What a command may have in flight on its stdin: the port acknowledges
 * what the pipe took (the stdin_ack option), and its queue holds 256 KiB,
 * so at most this much is unacknowledged and nothing is ever dropped.
 */
#define RUN_STDIN_WINDOW	(128 * 1024)

struct alcove_msg;

int	run_have_call(const char *);
int	run_stdin_ack(const struct alcove_msg *, size_t *);

int	run_cgroup_name(struct run_cgroup *, const char *);
int	run_cgroup_limit(struct run_cgroup *, char *);
int	run_cgroup_make(struct run_cgroup *, struct alcove *);
int	run_cgroup_join(struct run_cgroup *, struct alcove *, pid_t);
void	run_cgroup_remove(struct run_cgroup *, struct alcove *);

#endif
