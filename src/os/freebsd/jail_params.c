/*
 * The jail CStruct of alcove_cstruct:jail/1 (alcove-protocol(5), RECORDS)
 * turned into the jail_set(2) parameters that jail(2) builds from a struct
 * jail. It needs no FreeBSD header, so tests/atf/freebsd_jail_test.c checks it
 * on any system; jail.c hands the result to jail_set(2).
 *
 * The client wrote the inline bytes, pointer fields included, so no
 * address read from them is ever followed: the memory behind a pointer
 * field comes from cstruct_ptr_at(), which only returns buffers the port
 * allocated itself while decoding the argument.
 * xcheck-os: freebsd
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "calls/cstruct.h"
#include "os/freebsd/freebsd.h"

/*
 * The fields of struct jail in the OS_JAIL_SIZE bytes of the layout
 * (os/os.h): the last, OFF_IP6, ends where the structure does.
 */
#define JAIL_PTR	sizeof(void *)
#define OFF_VERSION	0
#define OFF_PATH	8
#define OFF_HOSTNAME	(OFF_PATH + JAIL_PTR)
#define OFF_JAILNAME	(OFF_HOSTNAME + JAIL_PTR)
#define OFF_IP4S	(OFF_JAILNAME + JAIL_PTR)
#define OFF_IP6S	(OFF_IP4S + 4)
#define OFF_IP4		(OFF_IP6S + 4)
#define OFF_IP6		(OFF_IP4 + JAIL_PTR)

/* JAIL_API_VERSION: the only layout with a jail name and IPv6. */
#define JAIL_VERSION	2

#define IP4_ADDR_SIZE	4	/* struct in_addr */
#define IP6_ADDR_SIZE	16	/* struct in6_addr */

/*
 * A 32-bit integer of the inline bytes, in host order.  A pointer field
 * starting there would make the "integer" part of an address, so that
 * is refused.
 */
static int
inline_u32(const struct cstruct *cs, size_t off, uint32_t *v)
{
	unsigned char *mem;
	size_t size;

	if (cstruct_ptr_at(cs, off, &mem, &size) == 0)
		return -1;
	memcpy(v, cs->buf + off, sizeof(*v));
	return 0;
}

/*
 * A string field.  A NULL pointer ({ptr, 0}) is no string: *s is NULL.
 * Otherwise the string ends at the first NUL of the buffer, and a buffer
 * without one is refused, since the kernel would read past it.
 */
static int
string_field(const struct cstruct *cs, size_t off, const char **s,
    size_t *len)
{
	unsigned char *mem, *nul;
	size_t size;

	if (cstruct_ptr_at(cs, off, &mem, &size) == -1)
		return -1;
	*s = NULL;
	*len = 0;
	if (mem == NULL)
		return 0;
	if ((nul = memchr(mem, '\0', size)) == NULL)
		return -1;
	*s = (const char *)mem;
	*len = (size_t)(nul - mem) + 1;
	return 0;
}

/*
 * An address array of count entries of addrsize bytes: the count the
 * client wrote inline must fit the memory the port holds for the field.
 */
static int
addr_field(const struct cstruct *cs, size_t off, uint32_t count,
    size_t addrsize, const void **addrs, size_t *len)
{
	unsigned char *mem;
	size_t size;

	if (cstruct_ptr_at(cs, off, &mem, &size) == -1)
		return -1;
	*addrs = NULL;
	*len = 0;
	if (count == 0)
		return 0;
	if (mem == NULL || count > size / addrsize)
		return -1;
	*addrs = mem;
	*len = (size_t)count * addrsize;
	return 0;
}

static void
add(struct jail_param *p, int *n, const char *name, const void *value,
    size_t len)
{
	p[*n].name = name;
	p[*n].value = value;
	p[*n].len = len;
	(*n)++;
}

/*
 * Every field of struct jail must be where the layout puts it: pointers
 * as pointer fields, integers inline.  path is required; a NULL hostname
 * or jailname leaves that parameter out (the kernel then keeps the
 * parent's host name, or names the jail by its jid).  An address list is
 * passed only when its count is non-zero: a new jail without ip4.addr or
 * ip6.addr gets no addresses of that family, which is what jail(2) gives
 * for a count of 0.
 */
int
jail_params(const struct cstruct *cs, struct jail_param *p)
{
	const char *path, *host, *name;
	const void *ip4, *ip6;
	size_t pathlen, hostlen, namelen, ip4len, ip6len;
	uint32_t version, ip4s, ip6s;
	int n = 0;

	if (cs->len != OS_JAIL_SIZE ||
	    inline_u32(cs, OFF_VERSION, &version) == -1 ||
	    version != JAIL_VERSION ||
	    inline_u32(cs, OFF_IP4S, &ip4s) == -1 ||
	    inline_u32(cs, OFF_IP6S, &ip6s) == -1 ||
	    string_field(cs, OFF_PATH, &path, &pathlen) == -1 ||
	    path == NULL ||
	    string_field(cs, OFF_HOSTNAME, &host, &hostlen) == -1 ||
	    string_field(cs, OFF_JAILNAME, &name, &namelen) == -1 ||
	    addr_field(cs, OFF_IP4, ip4s, IP4_ADDR_SIZE, &ip4, &ip4len) ==
	    -1 ||
	    addr_field(cs, OFF_IP6, ip6s, IP6_ADDR_SIZE, &ip6, &ip6len) ==
	    -1) {
		errno = EINVAL;
		return -1;
	}

	add(p, &n, "path", path, pathlen);
	if (host != NULL)
		add(p, &n, "host.hostname", host, hostlen);
	if (name != NULL)
		add(p, &n, "name", name, namelen);
	if (ip4s > 0)
		add(p, &n, "ip4.addr", ip4, ip4len);
	if (ip6s > 0)
		add(p, &n, "ip6.addr", ip6, ip6len);
	return n;
}
