/*
 * alcovectl serve's parts: the service's settings and one container per
 * connection, built in serve_container.c, supervised in serve.c.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_CLI_SERVE_H
#define ALCOVE_CLI_SERVE_H

#include <sys/types.h>
#include <sys/queue.h>

#include <stdint.h>

#include "alcove.h"

#define SERVE_ENV_MAX	32

struct serve_conf {
	const char	*addr;
	const char	*port;
	const char	*alcove;		/* the port program */
	long long	 max;			/* concurrent containers */
	const char	*cgroup_parent;
	int		 no_cgroups;		/* rlimits only */
	unsigned int	 own_parent;		/* hierarchies it was not in */
	long long	 pids;			/* 0: no limit */
	long long	 memory;		/* bytes; 0: no limit */
	long long	 cpu;			/* percent of a CPU; 0: none */
	long long	 nproc;			/* RLIMIT_NPROC without pids */
	uid_t		 uid;
	gid_t		 gid;
	const char	*root;			/* the new root's mount point */
	const char	*passwd_file;		/* the operator's, or NULL */
	const char	*group_file;
	char		*passwd;		/* their contents */
	char		*group;
	char		*env[SERVE_ENV_MAX];
	size_t		 nenv;
	char		**argv;			/* NULL: /bin/sh -i */
	unsigned char	 secret[16];		/* for the hostnames */
	struct alcove_cgroups *cg;		/* NULL: no cgroups */
	unsigned int	 v1, v2;		/* the controllers there are */
};

struct container {
	LIST_ENTRY(container)	 entry;
	unsigned long		 id;
	int			 fd;		/* the connection; -1: closed */
	struct alcove_owner	*owner;
	pid_t			 pid;
	char			 peer[64];
	char			 hostname[32];
	char			 cgname[32];
	const char		*cgpath[2];	/* parent, cgname */
	unsigned int		 cgmade;	/* 0: none (left) */
	struct alcove_msg	*pend;		/* output not yet written */
	size_t			 pendoff;
	size_t			 unacked;	/* stdin in flight */
	int			 exited;
	int			 status;
};

int	serve_container_start(struct alcove *, struct serve_conf *,
	    struct container *);
int	serve_cgroup_remove(struct alcove *, struct serve_conf *,
	    struct container *);

#endif
