/*
 * alcovectl run --cgroup and --limit: the command's cgroup, made in the
 * port before the child is built, joined by the child first of all, and
 * removed when the command has gone.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/run.h"

static int
cg_fail(const char *what, const char *arg, int err)
{
	fprintf(stderr, "%s: run: %s%s%s: %s\n", cli_progname, what,
	    arg != NULL ? " " : "", arg != NULL ? arg : "",
	    alcove_strerror(err));
	return 1;
}

/* "a/b/c": its components, in buf; each a plain directory name. */
int
run_cgroup_name(struct run_cgroup *cg, const char *name)
{
	char *tok, *save = NULL;

	if (strlen(name) >= sizeof(cg->buf))
		return -1;
	(void)strlcpy(cg->buf, name, sizeof(cg->buf));
	cg->nname = 0;
	for (tok = strtok_r(cg->buf, "/", &save); tok != NULL;
	    tok = strtok_r(NULL, "/", &save)) {
		if (cg->nname == RUN_CGROUP_DEPTH || strcmp(tok, ".") == 0 ||
		    strcmp(tok, "..") == 0)
			return -1;
		cg->name[cg->nname++] = tok;
	}
	return cg->nname > 0 ? 0 : -1;
}

/* controller.key=value */
int
run_cgroup_limit(struct run_cgroup *cg, char *arg)
{
	char *eq = strchr(arg, '='), *dot = strchr(arg, '.');

	if (eq == NULL || dot == NULL || dot > eq || dot == arg ||
	    dot + 1 == eq || cg->nlimits == RUN_LIMITS_MAX)
		return -1;
	cg->limits[cg->nlimits++] = arg;
	return 0;
}

/* Nothing was made: forget the hierarchies, pass rc on. */
static int
run_cgroup_drop(struct run_cgroup *cg, int rc)
{
	alcove_cgroup_free(cg->cg);
	cg->cg = NULL;
	return rc;
}

/*
 * Before the child exists: the port's hierarchies must hold every
 * controller a limit names (else the option is refused); the cgroup is
 * made and the limits written.
 */
int
run_cgroup_make(struct run_cgroup *cg, struct alcove *h)
{
	unsigned int v1, v2, bit;
	char ctl[64], file[128];
	size_t i, n;
	int err;

	if (cg->nname == 0 && cg->nlimits == 0)
		return 0;
	if (cg->nname == 0) {
		(void)snprintf(cg->auto_name, sizeof(cg->auto_name), "run-%ld",
		    (long)getpid());
		cg->name[0] = "alcove";
		cg->name[1] = cg->auto_name;
		cg->nname = 2;
	}
	if ((err = alcove_cgroup_open(h, NULL, 0, NULL, &cg->cg)) != 0 ||
	    (err = alcove_cgroup_supported(h, NULL, 0, cg->cg, &v1, &v2)) !=
	    0) {
		if (err == ALCOVE_EUNSUPPORTED) {
			fprintf(stderr, "%s: run: --%s: the port's system has "
			    "no cgroups: refused\n", cli_progname,
			    cg->nlimits > 0 ? "limit" : "cgroup");
			return run_cgroup_drop(cg, 1);
		}
		return run_cgroup_drop(cg, cg_fail("cgroups", NULL, err));
	}
	cg->want = 0;
	for (i = 0; i < cg->nlimits; i++) {
		n = strcspn(cg->limits[i], ".");
		(void)snprintf(ctl, sizeof(ctl), "%.*s", (int)n, cg->limits[i]);
		bit = alcove_cgroup_controller(ctl);
		if (bit == 0 || !((v1 | v2) & bit)) {
			fprintf(stderr, "%s: run: --limit %s: no %s controller "
			    "in the port's cgroups: refused\n", cli_progname,
			    cg->limits[i], ctl);
			return run_cgroup_drop(cg, 1);
		}
		cg->want |= bit;
	}
	/* No limit: the cgroup in every hierarchy there is. */
	if (cg->want == 0)
		cg->want = v1 | (v2 != 0 ? ALCOVE_CGROUP_UNIFIED : 0);
	if ((err = alcove_cgroup_create(h, NULL, 0, cg->cg, cg->name,
	    cg->nname, cg->want, &cg->made)) != 0)
		return run_cgroup_drop(cg,
		    cg_fail("cgroup", cg->name[cg->nname - 1], err));
	for (i = 0; i < cg->nlimits; i++) {
		n = strcspn(cg->limits[i], "=");
		(void)snprintf(file, sizeof(file), "%.*s", (int)n,
		    cg->limits[i]);
		if ((err = alcove_cgroup_set(h, NULL, 0, cg->cg, cg->name,
		    cg->nname, file, cg->limits[i] + n + 1)) != 0) {
			(void)cg_fail("--limit", cg->limits[i], err);
			run_cgroup_remove(cg, h);
			return 1;
		}
	}
	return 0;
}

/* The child joins it, before anything else is done in it. */
int
run_cgroup_join(struct run_cgroup *cg, struct alcove *h, pid_t child)
{
	unsigned int added;
	int err;

	if (cg->cg == NULL)
		return 0;
	if ((err = alcove_cgroup_add(h, NULL, 0, cg->cg, cg->name, cg->nname,
	    cg->made, child, &added)) != 0)
		return cg_fail("cgroup", cg->name[cg->nname - 1], err);
	return 0;
}

/*
 * The command is gone: remove the cgroup, once its last tasks (processes
 * the command left behind are killed with it by the port) have left.
 */
void
run_cgroup_remove(struct run_cgroup *cg, struct alcove *h)
{
	unsigned int removed;
	int err, tries;

	if (cg->cg == NULL)
		return;
	for (tries = 0; tries < 50; tries++) {
		err = alcove_cgroup_destroy(h, NULL, 0, cg->cg, cg->name,
		    cg->nname, cg->made, &removed);
		if (err != EBUSY)
			break;
		(void)poll(NULL, 0, 100);
	}
	if (err != 0 && err != ENOENT)
		(void)cg_fail("removing the cgroup", cg->name[cg->nname - 1],
		    err);
	alcove_cgroup_free(cg->cg);
	cg->cg = NULL;
}
