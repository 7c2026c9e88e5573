/*
 * A libFuzzer target for everything that reads untrusted bytes before a
 * system call runs: the frame parser, the term skipper, and every argument
 * decoder of alcove-protocol(5), ARGUMENT TYPES.  Build and run with
 *	make fuzz		(clang, -fsanitize=fuzzer,address,undefined)
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "calls/call.h"
#include "proto/constant.h"
#include "proto/frame.h"

static void
decode_all(const uint8_t *data, size_t len, int which)
{
	static char path[ARG_PATH_SIZE];
	static unsigned char io[FRAME_LEN_MAX];
	char atom[ETF_ATOM_MAX + 1];
	const unsigned char *b;
	struct etf_dec d;
	int32_t i32;
	uint32_t u32;
	int64_t i64;
	uint64_t u64;
	size_t n;
	char **argv;

	etf_dec_init(&d, data, len);
	switch (which % 14) {
	case 0: (void)arg_int32(&d, &i32); break;
	case 1: (void)arg_uint32(&d, &u32); break;
	case 2: (void)arg_int64(&d, &i64); break;
	case 3: (void)arg_uint64(&d, &u64); break;
	case 4: (void)arg_smallint(&d, &i32); break;
	case 5: (void)arg_atom(&d, atom, &n); break;
	case 6: (void)arg_const(&d, CONST_SIGNAL, &i32); break;
	case 7: (void)arg_const64(&d, CONST_IOCTL, &i64); break;
	case 8: (void)arg_flags(&d, CONST_FILE, &i32); break;
	case 9: (void)arg_iolist(&d, io, sizeof(io), &n); break;
	case 10: (void)arg_path(&d, path); break;
	case 11:
		if (arg_argv(&d, &argv) == CALL_OK)
			arg_argv_free(argv);
		break;
	case 12: (void)arg_bin(&d, 16, &b, &n); break;
	case 13: (void)etf_skip(&d); break;
	}
	if (d.off > d.len)
		__builtin_trap();	/* a decoder read past its input */
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct frame f;
	const char *why;
	int k;

	(void)frame_parse(data, len, FRAME_DOWN, &f, &why);
	(void)frame_parse(data, len, FRAME_UP, &f, &why);
	(void)etf_is_one_term(data, len);
	if (len == 0)
		return 0;
	for (k = 0; k < 14; k++)
		decode_all(data + 1, len - 1, data[0] + k);
	return 0;
}
