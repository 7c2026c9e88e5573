/*
 * alcovectl's internals: the shell's terms and variables, the process
 * tree it keeps, and the subcommands.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_CLI_H
#define ALCOVE_CLI_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "alcove.h"
#include "compat.h"

/* The backend the port of this build has: the Makefile's OS. */
#ifndef ALCOVE_OS
#define ALCOVE_OS	"generic"
#endif

#define CLI_ARGS_MAX	8	/* the longest argument tuple is 6 */
#define CLI_MSG_MAX	65535	/* what one message can carry */
#define CLI_NAME_MAX	64	/* a variable's name */

/* Exit statuses: s6's and sysexits' meanings (alcovectl(1)). */
#define EXIT_USAGE	2

struct cli_var {
	char		 name[CLI_NAME_MAX + 1];
	int64_t		 value;
};

struct cli_vars {
	struct cli_var	*v;
	size_t		 n;
};

struct cli_arg {
	const unsigned char	*data;
	size_t			 len;
};

/* vars.c */
int	cli_var_get(const struct cli_vars *, const char *, size_t, int64_t *);
int	cli_var_set(struct cli_vars *, const char *, size_t, int64_t);
void	cli_vars_free(struct cli_vars *);

/* term_parse.c */
int	cli_parse_args(const char *, const struct cli_vars *,
	    struct cli_arg *, int, unsigned char **, char *, size_t);

/* term_print.c */
void	cli_print_term(FILE *, const struct alcove_term *);

/* lineedit.c */
struct lineedit;
struct lineedit	*lineedit_open(FILE *, int);
const char	*lineedit_get(struct lineedit *);
void		 lineedit_close(struct lineedit *);

/* tree.c */
int	cli_tree_save(void (*)(void *, FILE *), void *);
void	cli_tree_remove(void);

/* The subcommands: each returns the program's exit status. */
int	cmd_sh(int, char **);
int	cmd_calls(int, char **);
int	cmd_run(int, char **);
int	cmd_serve(int, char **);
int	cmd_tree(int, char **);

extern const char *cli_progname;

#endif
