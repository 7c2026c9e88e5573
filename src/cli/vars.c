/*
 * The shell's variables: names bound once to integers (a forked pid).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int
cli_var_get(const struct cli_vars *vs, const char *name, size_t len,
    int64_t *value)
{
	size_t i;

	for (i = 0; vs != NULL && i < vs->n; i++) {
		if (strlen(vs->v[i].name) == len &&
		    memcmp(vs->v[i].name, name, len) == 0) {
			*value = vs->v[i].value;
			return 0;
		}
	}
	return -1;
}

/* Bind a name; as in Erlang, a bound name keeps its value (EEXIST). */
int
cli_var_set(struct cli_vars *vs, const char *name, size_t len, int64_t value)
{
	struct cli_var *v;
	int64_t old;

	if (len == 0 || len > CLI_NAME_MAX)
		return EINVAL;
	if (cli_var_get(vs, name, len, &old) == 0)
		return old == value ? 0 : EEXIST;
	if ((v = reallocarray(vs->v, vs->n + 1, sizeof(*v))) == NULL)
		return ENOMEM;
	vs->v = v;
	memcpy(v[vs->n].name, name, len);
	v[vs->n].name[len] = '\0';
	v[vs->n].value = value;
	vs->n++;
	return 0;
}

void
cli_vars_free(struct cli_vars *vs)
{
	free(vs->v);
	vs->v = NULL;
	vs->n = 0;
}
