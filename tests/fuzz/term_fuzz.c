/*
 * A libFuzzer target for what a broken or hostile port could send the
 * library: its term decoder (alcove_term_decode) and the readers of the
 * reply shapes typed calls expect, fed every byte string.
 *	make fuzz
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "alcove.h"
#include "lib/typed.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Walk a term the way a caller would, touching every field. */
static size_t
walk(const struct alcove_term *t)
{
	size_t n = 1, i;
	int64_t v;

	switch (t->type) {
	case ALCOVE_TERM_INTEGER:
		(void)alcove_term_int(t, &v);
		break;
	case ALCOVE_TERM_ATOM:
		n += strlen(t->atom) == t->len;
		break;
	case ALCOVE_TERM_BINARY:
		if (t->len > 0)
			n += t->data[t->len - 1];
		break;
	case ALCOVE_TERM_TUPLE:
	case ALCOVE_TERM_LIST:
		for (i = 0; i < t->n; i++)
			n += walk(&t->e[i]);
		break;
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct alcove_term *t;
	char buf[64], **v;
	int64_t i;

	if (alcove_term_decode(data, len, &t) != 0)
		return 0;
	(void)walk(t);
	(void)alcove_reply_error(t);
	(void)alcove_term_atom(t, "ok");
	(void)alcove_term_int(t, &i);
	(void)copy_binary(t, buf, sizeof(buf));
	if (strv(t, &v) == 0)
		alcove_strv_free(v);
	alcove_term_free(t);
	return 0;
}
