/*
 * A libFuzzer target for alcovectl sh's reader of Erlang terms: every
 * text, with a bound variable, parsed into the encodings sent to the port.
 *	make fuzz
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

const char *cli_progname = "sh_fuzz";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct cli_var var = { "C", 1234 };
	struct cli_vars vars = { &var, 1 };
	struct cli_arg args[CLI_ARGS_MAX];
	unsigned char *buf;
	char err[256], *text;
	struct alcove_term *t;
	int n, i;

	if ((text = malloc(len + 1)) == NULL)
		return 0;
	memcpy(text, data, len);
	text[len] = '\0';
	n = cli_parse_args(text, &vars, args, CLI_ARGS_MAX, &buf, err,
	    sizeof(err));
	/* Whatever parses is a term the library's decoder reads back. */
	for (i = 0; i < n; i++) {
		unsigned char one[CLI_MSG_MAX + 1];

		if (args[i].len + 1 > sizeof(one))
			abort();
		one[0] = 131;
		memcpy(one + 1, args[i].data, args[i].len);
		if (alcove_term_decode(one, args[i].len + 1, &t) != 0)
			abort();
		alcove_term_free(t);
	}
	free(buf);
	free(text);
	return 0;
}
