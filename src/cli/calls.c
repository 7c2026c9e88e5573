/*
 * alcovectl calls: the call table and what this system's port does with
 * each call, from calls.def, the table the port's dispatch is built from
 * (tests/atf/generated_test checks its systems column against the code).
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "proto/calls.h"
#include "cli/cli.h"

/* yes, no, or libc (the generic backend has it when its C library does). */
static const char *
support(const char *systems)
{
	size_t n = strlen(ALCOVE_OS);
	const char *p;

	if (strcmp(systems, "all") == 0)
		return "yes";
	for (p = systems; (p = strstr(p, ALCOVE_OS)) != NULL; p += n) {
		if ((p == systems || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\0'))
			return "yes";
		if ((p == systems || p[-1] == ' ') && strncmp(p + n, ":libc",
		    5) == 0)
			return "libc";
	}
	return "no";
}

static void
json_string(const char *s)
{
	putchar('"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", (unsigned char)*s);
		else
			putchar(*s);
	}
	putchar('"');
}

int
cmd_calls(int argc, char **argv)
{
	const struct call_info *ci;
	unsigned int i;
	int json = 0;

	if (argc == 2 && strcmp(argv[1], "--json") == 0)
		json = 1;
	else if (argc != 1) {
		fprintf(stderr, "usage: %s calls [--json]\n", cli_progname);
		return EXIT_USAGE;
	}
	if (json)
		printf("{\"os\":\"%s\",\"calls\":[", ALCOVE_OS);
	else
		printf("%-3s %-18s %-5s %-7s %s\n", "#", "call", "arity",
		    ALCOVE_OS, "arguments");
	for (i = 0; (ci = call_info(i)) != NULL; i++) {
		if (json) {
			printf("%s\n{\"number\":%u,\"name\":", i > 0 ? "," : "",
			    i);
			json_string(ci->name);
			printf(",\"arity\":%d,\"reply\":%s,\"supported\":",
			    ci->arity, ci->reply == REPLY ? "true" : "false");
			json_string(support(ci->systems));
			fputs(",\"systems\":", stdout);
			json_string(ci->systems);
			fputs(",\"arguments\":", stdout);
			json_string(ci->args);
			fputs(",\"result\":", stdout);
			json_string(ci->result);
			putchar('}');
		} else {
			printf("%-3u %-18s %-5d %-7s %s\n", i, ci->name,
			    ci->arity, support(ci->systems),
			    ci->args[0] != '\0' ? ci->args : "-");
		}
	}
	if (json)
		puts("\n]}");
	return ferror(stdout) ? 1 : 0;
}
