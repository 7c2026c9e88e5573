/*
 * alcovectl: alcove from the shell.  Run a command in a sandbox built
 * one call at a time, talk the protocol interactively, list the calls.
 * See alcovectl(1).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

const char *cli_progname = "alcovectl";

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: %s run [options] -- command [argument ...]\n"
	    "       %s serve [-l addr] [-p port] [--max n] [options] "
	    "[-- command ...]\n"
	    "       %s sh [-k] [-p port] [-t timeout] [-c script | file]\n"
	    "       %s calls [--json]\n"
	    "       %s tree [session]\n"
	    "       %s version\n"
	    "       %s -h\n", cli_progname, cli_progname, cli_progname,
	    cli_progname, cli_progname, cli_progname, cli_progname);
}

int
main(int argc, char *argv[])
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0 ||
	    strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "version") == 0) {
		if (argc != 2) {
			usage(stderr);
			return EXIT_USAGE;
		}
		printf("alcovectl %s\n", ALCOVE_LIB_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "run") == 0)
		return cmd_run(argc - 1, argv + 1);
	if (strcmp(argv[1], "serve") == 0)
		return cmd_serve(argc - 1, argv + 1);
	if (strcmp(argv[1], "sh") == 0)
		return cmd_sh(argc - 1, argv + 1);
	if (strcmp(argv[1], "tree") == 0)
		return cmd_tree(argc - 1, argv + 1);
	if (strcmp(argv[1], "calls") == 0)
		return cmd_calls(argc - 1, argv + 1);
	fprintf(stderr, "%s: unknown command: %s\n", cli_progname, argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
