/*
 * Unit tests of the FreeBSD backend's jail translation
 * (src/os/freebsd/jail_params.c): the jail CStruct of alcove-protocol(5),
 * RECORDS, decoded by the port's own CStruct decoder, turned into jail_set(2)
 * parameters.  The translation needs no FreeBSD header, so this runs on
 * every system.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <sys/types.h>

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <atf-c.h>

#include "testlib.h"

/* The portable code under test, and the decoder that feeds it. */
#include "../../src/calls/arg.c"
#include "../../src/calls/argmem.c"
#include "../../src/calls/cstruct.c"
#include "../../src/os/freebsd/jail_params.c"

/* One element of a CStruct list, as the Erlang side would send it. */
#define EL_BIN		0	/* a binary: inline bytes */
#define EL_PTR_BIN	1	/* {ptr, Binary} */
#define EL_PTR_SIZE	2	/* {ptr, Size}: zeroed bytes; 0 is NULL */

struct el {
	int			 kind;
	const unsigned char	*b;
	size_t			 n;
};

/* {ptr, <<S/binary, 0>>}, as alcove_cstruct:jail/1 passes a string. */
#define STR(s)	{ EL_PTR_BIN, (const unsigned char *)(s), sizeof(s) }
/* {ptr, Binary} with exactly these bytes. */
#define PTRB(...)	{ EL_PTR_BIN, T_BYTES(__VA_ARGS__) }
/* {ptr, 0}: a NULL pointer. */
#define NULLPTR		{ EL_PTR_SIZE, NULL, 0 }
/* A plain binary of this many zero bytes. */
#define ZEROS(len)	{ EL_BIN, zeros, (len) }

static const unsigned char zeros[64];

/* The two IPv4 and one IPv6 addresses of the full record. */
static const unsigned char ip4_two[8] = { 192, 0, 2, 1, 192, 0, 2, 2 };
static const unsigned char ip6_one[16] = { 0x20, 0x01, 0x0d, 0xb8,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };

/* Encode the list as ETF and decode it with arg_cstruct(). */
static void
decode(const struct el *els, size_t n, struct cstruct *cs)
{
	static unsigned char buf[4096];
	struct etf_enc e;
	struct etf_dec d;
	size_t i;

	etf_enc_init(&e, buf, sizeof(buf));
	etf_put_list(&e, (uint32_t)n);
	for (i = 0; i < n; i++) {
		switch (els[i].kind) {
		case EL_BIN:
			etf_put_binary(&e, els[i].b, els[i].n);
			break;
		case EL_PTR_BIN:
			etf_put_tuple(&e, 2);
			etf_put_atom(&e, "ptr");
			etf_put_binary(&e, els[i].b, els[i].n);
			break;
		default:
			etf_put_tuple(&e, 2);
			etf_put_atom(&e, "ptr");
			etf_put_int(&e, (int64_t)els[i].n);
			break;
		}
	}
	etf_put_nil(&e);
	ATF_REQUIRE(!e.overflow);
	etf_dec_init(&d, e.buf, e.len);
	ATF_REQUIRE_EQ(arg_cstruct(&d, CSTRUCT_BYTES_MAX, cs), CALL_OK);
}

/*
 * The list alcove_cstruct:jail/1 builds: <<Version:32>>, <<0:32>>, path,
 * hostname, jailname, <<IP4s:32, IP6s:32>>, ip4, ip6 (native byte order).
 */
static void
decode_jail(uint32_t version, struct el path, struct el host,
    struct el name, uint32_t ip4s, uint32_t ip6s, struct el ip4,
    struct el ip6, struct cstruct *cs)
{
	unsigned char v[4], counts[8];
	struct el els[8];

	memcpy(v, &version, 4);
	memcpy(counts, &ip4s, 4);
	memcpy(counts + 4, &ip6s, 4);
	els[0] = (struct el){ EL_BIN, v, 4 };
	els[1] = (struct el)ZEROS(4);
	els[2] = path;
	els[3] = host;
	els[4] = name;
	els[5] = (struct el){ EL_BIN, counts, 8 };
	els[6] = ip4;
	els[7] = ip6;
	decode(els, 8, cs);
}

/* The memory the port allocated for the pointer field at off. */
static const unsigned char *
field_mem(const struct cstruct *cs, size_t off)
{
	unsigned char *mem;
	size_t len;

	ATF_REQUIRE_EQ(cstruct_ptr_at(cs, off, &mem, &len), 0);
	return mem;
}

/*
 * One parameter: its name, its exact bytes, and that the value is the
 * port's own copy of the field (mem), not anything else.
 */
static void
check_param(const struct jail_param *p, const char *name,
    const unsigned char *mem, const void *want, size_t len)
{
	ATF_CHECK_STREQ(p->name, name);
	ATF_CHECK_MSG(p->value == mem, "%s: value is not the field's memory",
	    name);
	ATF_CHECK_EQ_MSG(p->len, len, "%s: length %zu, want %zu", name,
	    p->len, len);
	if (p->len == len)
		ATF_CHECK_MSG(memcmp(p->value, want, len) == 0,
		    "%s: wrong bytes", name);
}

static void
check_einval(struct cstruct *cs, const char *what)
{
	struct jail_param p[JAIL_PARAMS_MAX];
	int n;

	errno = 0;
	n = jail_params(cs, p);
	ATF_CHECK_EQ_MSG(n, -1, "%s: %d parameters, want EINVAL", what, n);
	ATF_CHECK_EQ_MSG(errno, EINVAL, "%s: errno %d, want EINVAL", what,
	    errno);
	cstruct_free(cs);
}

T_TC(full_record, "every field of the record becomes a parameter, in order")
ATF_TC_BODY(full_record, tc)
{
	struct jail_param p[JAIL_PARAMS_MAX];
	struct cstruct cs;

	(void)tc;
	decode_jail(2, (struct el)STR("/jails/j1"), (struct el)STR("j1.local"),
	    (struct el)STR("j1"), 2, 1,
	    (struct el){ EL_PTR_BIN, ip4_two, sizeof(ip4_two) },
	    (struct el){ EL_PTR_BIN, ip6_one, sizeof(ip6_one) }, &cs);
	ATF_REQUIRE_EQ(cs.len, 56);
	ATF_REQUIRE_EQ(jail_params(&cs, p), 5);
	check_param(&p[0], "path", field_mem(&cs, 8), "/jails/j1", 10);
	check_param(&p[1], "host.hostname", field_mem(&cs, 16), "j1.local",
	    9);
	check_param(&p[2], "name", field_mem(&cs, 24), "j1", 3);
	check_param(&p[3], "ip4.addr", field_mem(&cs, 40), ip4_two, 8);
	check_param(&p[4], "ip6.addr", field_mem(&cs, 48), ip6_one, 16);
	cstruct_free(&cs);
}

T_TC(path_only, "NULL hostname and jailname and no addresses: path alone")
ATF_TC_BODY(path_only, tc)
{
	struct jail_param p[JAIL_PARAMS_MAX];
	struct cstruct cs;

	(void)tc;
	decode_jail(2, (struct el)STR("/"), (struct el)NULLPTR,
	    (struct el)NULLPTR, 0, 0, (struct el)NULLPTR, (struct el)NULLPTR,
	    &cs);
	ATF_REQUIRE_EQ(jail_params(&cs, p), 1);
	check_param(&p[0], "path", field_mem(&cs, 8), "/", 2);
	cstruct_free(&cs);

	/* Address buffers with counts of 0 pass no addresses either. */
	decode_jail(2, (struct el)STR("/"), (struct el)NULLPTR,
	    (struct el)STR("named"), 0, 0,
	    (struct el){ EL_PTR_BIN, ip4_two, sizeof(ip4_two) },
	    (struct el){ EL_PTR_BIN, ip6_one, sizeof(ip6_one) }, &cs);
	ATF_REQUIRE_EQ(jail_params(&cs, p), 2);
	check_param(&p[0], "path", field_mem(&cs, 8), "/", 2);
	check_param(&p[1], "name", field_mem(&cs, 24), "named", 6);
	cstruct_free(&cs);
}

T_TC(strings, "a string ends at its first NUL; the empty string is passed")
ATF_TC_BODY(strings, tc)
{
	struct jail_param p[JAIL_PARAMS_MAX];
	struct cstruct cs;

	(void)tc;
	/* The defaults of #alcove_jail{}: <<>> becomes <<0>>. */
	decode_jail(2, (struct el)PTRB('/', 't', 0, 'x', 'y', 0),
	    (struct el)STR(""), (struct el)STR(""), 0, 0, (struct el)NULLPTR,
	    (struct el)NULLPTR, &cs);
	ATF_REQUIRE_EQ(jail_params(&cs, p), 3);
	check_param(&p[0], "path", field_mem(&cs, 8), "/t", 3);
	check_param(&p[1], "host.hostname", field_mem(&cs, 16), "", 1);
	check_param(&p[2], "name", field_mem(&cs, 24), "", 1);
	cstruct_free(&cs);

	decode_jail(2, (struct el)PTRB('/', 't'), (struct el)NULLPTR,
	    (struct el)NULLPTR, 0, 0, (struct el)NULLPTR, (struct el)NULLPTR,
	    &cs);
	check_einval(&cs, "path without a NUL");
	decode_jail(2, (struct el)STR("/"), (struct el)PTRB('h', 'o'),
	    (struct el)NULLPTR, 0, 0, (struct el)NULLPTR, (struct el)NULLPTR,
	    &cs);
	check_einval(&cs, "hostname without a NUL");
	decode_jail(2, (struct el)STR("/"), (struct el)NULLPTR,
	    (struct el){ EL_PTR_SIZE, NULL, 4 }, 0, 0, (struct el)NULLPTR,
	    (struct el)NULLPTR, &cs);
	ATF_REQUIRE_EQ(jail_params(&cs, p), 2);
	check_param(&p[1], "name", field_mem(&cs, 24), "", 1);
	cstruct_free(&cs);
}

T_TC(wrong_version, "only version 2 is accepted")
ATF_TC_BODY(wrong_version, tc)
{
	static const uint32_t bad[] = { 0, 1, 3, 0x02000000, UINT32_MAX };
	struct cstruct cs;
	size_t i;

	(void)tc;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		decode_jail(bad[i], (struct el)STR("/"), (struct el)STR("h"),
		    (struct el)STR("n"), 0, 0, (struct el)NULLPTR,
		    (struct el)NULLPTR, &cs);
		check_einval(&cs, "version");
	}
}

T_TC(missing_path, "a NULL path is refused")
ATF_TC_BODY(missing_path, tc)
{
	struct cstruct cs;

	(void)tc;
	decode_jail(2, (struct el)NULLPTR, (struct el)STR("h"),
	    (struct el)STR("n"), 0, 0, (struct el)NULLPTR, (struct el)NULLPTR,
	    &cs);
	check_einval(&cs, "{ptr, 0} path");
}

T_TC(counts_exceed_buffers, "address counts must fit the address buffers")
ATF_TC_BODY(counts_exceed_buffers, tc)
{
	struct jail_param p[JAIL_PARAMS_MAX];
	struct cstruct cs;

	(void)tc;
	decode_jail(2, (struct el)STR("/"), (struct el)NULLPTR,
	    (struct el)NULLPTR, 3, 0,
	    (struct el){ EL_PTR_BIN, ip4_two, sizeof(ip4_two) },
	    (struct el)NULLPTR, &cs);
	check_einval(&cs, "3 IPv4 addresses in 8 bytes");
	decode_jail(2, (struct el)STR("/"), (struct el)NULLPTR,
	    (struct el)NULLPTR, 0, 2, (struct el)NULLPTR,
	    (struct el){ EL_PTR_SIZE, NULL, 31 }, &cs);
	check_einval(&cs, "2 IPv6 addresses in 31 bytes");
	decode_jail(2, (struct el)STR("/"), (struct el)NULLPTR,
	    (struct el)NULLPTR, 1, 0, (struct el)NULLPTR, (struct el)NULLPTR,
	    &cs);
	check_einval(&cs, "1 IPv4 address, NULL buffer");
	decode_jail(2, (struct el)STR("/"), (struct el)NULLPTR,
	    (struct el)NULLPTR, 0, 1, (struct el)NULLPTR, (struct el)NULLPTR,
	    &cs);
	check_einval(&cs, "1 IPv6 address, NULL buffer");
	decode_jail(2, (struct el)STR("/"), (struct el)NULLPTR,
	    (struct el)NULLPTR, UINT32_MAX, 0,
	    (struct el){ EL_PTR_SIZE, NULL, 1024 }, (struct el)NULLPTR, &cs);
	check_einval(&cs, "2^32-1 IPv4 addresses");
	decode_jail(2, (struct el)STR("/"), (struct el)NULLPTR,
	    (struct el)NULLPTR, 0, 0x10000000,
	    (struct el)NULLPTR, (struct el){ EL_PTR_SIZE, NULL, 1024 }, &cs);
	check_einval(&cs, "2^28 IPv6 addresses (2^32 bytes)");

	/* The count decides how much of a larger buffer is passed. */
	decode_jail(2, (struct el)STR("/"), (struct el)NULLPTR,
	    (struct el)NULLPTR, 1, 0,
	    (struct el){ EL_PTR_BIN, ip4_two, sizeof(ip4_two) },
	    (struct el)NULLPTR, &cs);
	ATF_REQUIRE_EQ(jail_params(&cs, p), 2);
	check_param(&p[1], "ip4.addr", field_mem(&cs, 40), ip4_two, 4);
	cstruct_free(&cs);
}

T_TC(plain_binaries, "pointer fields given as plain binaries are refused")
ATF_TC_BODY(plain_binaries, tc)
{
	unsigned char v[4];
	struct cstruct cs;
	uint32_t two = 2;

	(void)tc;
	memcpy(v, &two, 4);
	{
		/* The inline bytes alone, version 2 and all. */
		struct el whole[] = { { EL_BIN, v, 4 }, ZEROS(52) };

		decode(whole, 2, &cs);
		ATF_REQUIRE_EQ(cs.len, 56);
		check_einval(&cs, "version 2, then 52 bytes");
	}

	decode_jail(2, (struct el)ZEROS(8), (struct el)ZEROS(8),
	    (struct el)ZEROS(8), 0, 0, (struct el)ZEROS(8),
	    (struct el)ZEROS(8), &cs);
	check_einval(&cs, "every pointer a binary");
	decode_jail(2, (struct el)STR("/"), (struct el)ZEROS(8),
	    (struct el)NULLPTR, 0, 0, (struct el)NULLPTR, (struct el)NULLPTR,
	    &cs);
	check_einval(&cs, "hostname a binary");
	decode_jail(2, (struct el)STR("/"), (struct el)NULLPTR,
	    (struct el)ZEROS(8), 0, 0, (struct el)NULLPTR, (struct el)NULLPTR,
	    &cs);
	check_einval(&cs, "jailname a binary");
	decode_jail(2, (struct el)STR("/"), (struct el)NULLPTR,
	    (struct el)NULLPTR, 0, 0, (struct el)ZEROS(8), (struct el)NULLPTR,
	    &cs);
	check_einval(&cs, "ip4 a binary, count 0");
	decode_jail(2, (struct el)STR("/"), (struct el)NULLPTR,
	    (struct el)NULLPTR, 0, 0, (struct el)NULLPTR, (struct el)ZEROS(8),
	    &cs);
	check_einval(&cs, "ip6 a binary, count 0");
}

T_TC(layout, "the record must have struct jail's size and field kinds")
ATF_TC_BODY(layout, tc)
{
	unsigned char v[4];
	struct cstruct cs;
	uint32_t two = 2;

	(void)tc;
	memcpy(v, &two, 4);
	{
		/* Without the ip6 pointer: 48 bytes. */
		struct el els[] = { { EL_BIN, v, 4 }, ZEROS(4), STR("/"),
		    NULLPTR, NULLPTR, ZEROS(8), NULLPTR };

		decode(els, sizeof(els) / sizeof(els[0]), &cs);
		check_einval(&cs, "a field short");
	}
	{
		/* One more pointer after ip6: 64 bytes. */
		struct el els[] = { { EL_BIN, v, 4 }, ZEROS(4), STR("/"),
		    NULLPTR, NULLPTR, ZEROS(8), NULLPTR, NULLPTR, NULLPTR };

		decode(els, sizeof(els) / sizeof(els[0]), &cs);
		check_einval(&cs, "a field too many");
	}
	{
		/* The counts as a NULL pointer would read as 0 and 0. */
		struct el els[] = { { EL_BIN, v, 4 }, ZEROS(4), STR("/"),
		    NULLPTR, NULLPTR, NULLPTR, NULLPTR, NULLPTR };

		decode(els, sizeof(els) / sizeof(els[0]), &cs);
		ATF_REQUIRE_EQ(cs.len, 56);
		check_einval(&cs, "counts a pointer field");
	}
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, full_record);
	ATF_TP_ADD_TC(tp, path_only);
	ATF_TP_ADD_TC(tp, strings);
	ATF_TP_ADD_TC(tp, wrong_version);
	ATF_TP_ADD_TC(tp, missing_path);
	ATF_TP_ADD_TC(tp, counts_exceed_buffers);
	ATF_TP_ADD_TC(tp, plain_binaries);
	ATF_TP_ADD_TC(tp, layout);
	return atf_no_error();
}
