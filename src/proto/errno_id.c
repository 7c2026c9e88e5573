/*
 * Names for errno values (alcove-protocol(5), Errno atoms): the atom set and
 * the tie-breaking of Erlang/OTP's erl_errno_id(), so that a port reports
 * exactly what upstream alcove reports.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#include <errno.h>
#include <string.h>

#include "proto/errno_id.h"

struct errno_atom {
	const char	*name;
	int		 value;
};

/*
 * Where two macros share a value, the first entry wins.  The first part
 * lists, alphabetically, the names that never yield; the second part lists
 * the names that yield to another with the same value, each after every name
 * it yields to (the comment says which).  Where the values differ, both
 * names are produced.  Erlang's eisnam is left out on purpose: its table
 * tests a misspelt macro and never produces it.
 */
static const struct errno_atom errno_atoms[] = {
#ifdef E2BIG
	{ "e2big", E2BIG },
#endif
#ifdef EACCES
	{ "eacces", EACCES },
#endif
#ifdef EADDRINUSE
	{ "eaddrinuse", EADDRINUSE },
#endif
#ifdef EADDRNOTAVAIL
	{ "eaddrnotavail", EADDRNOTAVAIL },
#endif
#ifdef EADV
	{ "eadv", EADV },
#endif
#ifdef EAFNOSUPPORT
	{ "eafnosupport", EAFNOSUPPORT },
#endif
#ifdef EAGAIN
	{ "eagain", EAGAIN },
#endif
#ifdef EALIGN
	{ "ealign", EALIGN },
#endif
#ifdef EBADE
	{ "ebade", EBADE },
#endif
#ifdef EBADF
	{ "ebadf", EBADF },
#endif
#ifdef EBADFD
	{ "ebadfd", EBADFD },
#endif
#ifdef EBADMSG
	{ "ebadmsg", EBADMSG },
#endif
#ifdef EBADR
	{ "ebadr", EBADR },
#endif
#ifdef EBADRPC
	{ "ebadrpc", EBADRPC },
#endif
#ifdef EBADRQC
	{ "ebadrqc", EBADRQC },
#endif
#ifdef EBADSLT
	{ "ebadslt", EBADSLT },
#endif
#ifdef EBFONT
	{ "ebfont", EBFONT },
#endif
#ifdef EBUSY
	{ "ebusy", EBUSY },
#endif
#ifdef ECAPMODE
	{ "ecapmode", ECAPMODE },
#endif
#ifdef ECHILD
	{ "echild", ECHILD },
#endif
#ifdef ECHRNG
	{ "echrng", ECHRNG },
#endif
#ifdef ECOMM
	{ "ecomm", ECOMM },
#endif
#ifdef ECONNABORTED
	{ "econnaborted", ECONNABORTED },
#endif
#ifdef ECONNREFUSED
	{ "econnrefused", ECONNREFUSED },
#endif
#ifdef ECONNRESET
	{ "econnreset", ECONNRESET },
#endif
#ifdef EDESTADDRREQ
	{ "edestaddrreq", EDESTADDRREQ },
#endif
#ifdef EDIRTY
	{ "edirty", EDIRTY },
#endif
#ifdef EDOM
	{ "edom", EDOM },
#endif
#ifdef EDOTDOT
	{ "edotdot", EDOTDOT },
#endif
#ifdef EDQUOT
	{ "edquot", EDQUOT },
#endif
#ifdef EDUPPKG
	{ "eduppkg", EDUPPKG },
#endif
#ifdef EEXIST
	{ "eexist", EEXIST },
#endif
#ifdef EFAULT
	{ "efault", EFAULT },
#endif
#ifdef EFBIG
	{ "efbig", EFBIG },
#endif
#ifdef EHOSTDOWN
	{ "ehostdown", EHOSTDOWN },
#endif
#ifdef EHOSTUNREACH
	{ "ehostunreach", EHOSTUNREACH },
#endif
#ifdef EINIT
	{ "einit", EINIT },
#endif
#ifdef EINPROGRESS
	{ "einprogress", EINPROGRESS },
#endif
#ifdef EINTR
	{ "eintr", EINTR },
#endif
#ifdef EINVAL
	{ "einval", EINVAL },
#endif
#ifdef EIO
	{ "eio", EIO },
#endif
#ifdef EISCONN
	{ "eisconn", EISCONN },
#endif
#ifdef EISDIR
	{ "eisdir", EISDIR },
#endif
#ifdef EL2HLT
	{ "el2hlt", EL2HLT },
#endif
#ifdef EL2NSYNC
	{ "el2nsync", EL2NSYNC },
#endif
#ifdef EL3HLT
	{ "el3hlt", EL3HLT },
#endif
#ifdef EL3RST
	{ "el3rst", EL3RST },
#endif
#ifdef ELBIN
	{ "elbin", ELBIN },
#endif
#ifdef ELIBACC
	{ "elibacc", ELIBACC },
#endif
#ifdef ELIBBAD
	{ "elibbad", ELIBBAD },
#endif
#ifdef ELIBEXEC
	{ "elibexec", ELIBEXEC },
#endif
#ifdef ELIBMAX
	{ "elibmax", ELIBMAX },
#endif
#ifdef ELIBSCN
	{ "elibscn", ELIBSCN },
#endif
#ifdef ELNRNG
	{ "elnrng", ELNRNG },
#endif
#ifdef EMFILE
	{ "emfile", EMFILE },
#endif
#ifdef EMLINK
	{ "emlink", EMLINK },
#endif
#ifdef EMSGSIZE
	{ "emsgsize", EMSGSIZE },
#endif
#ifdef EMULTIHOP
	{ "emultihop", EMULTIHOP },
#endif
#ifdef ENAMETOOLONG
	{ "enametoolong", ENAMETOOLONG },
#endif
#ifdef ENAVAIL
	{ "enavail", ENAVAIL },
#endif
#ifdef ENET
	{ "enet", ENET },
#endif
#ifdef ENETDOWN
	{ "enetdown", ENETDOWN },
#endif
#ifdef ENETRESET
	{ "enetreset", ENETRESET },
#endif
#ifdef ENETUNREACH
	{ "enetunreach", ENETUNREACH },
#endif
#ifdef ENFILE
	{ "enfile", ENFILE },
#endif
#ifdef ENOANO
	{ "enoano", ENOANO },
#endif
#ifdef ENOCSI
	{ "enocsi", ENOCSI },
#endif
#ifdef ENODEV
	{ "enodev", ENODEV },
#endif
#ifdef ENOENT
	{ "enoent", ENOENT },
#endif
#ifdef ENOEXEC
	{ "enoexec", ENOEXEC },
#endif
#ifdef ENOLCK
	{ "enolck", ENOLCK },
#endif
#ifdef ENOLINK
	{ "enolink", ENOLINK },
#endif
#ifdef ENOMEM
	{ "enomem", ENOMEM },
#endif
#ifdef ENOMSG
	{ "enomsg", ENOMSG },
#endif
#ifdef ENONET
	{ "enonet", ENONET },
#endif
#ifdef ENOPKG
	{ "enopkg", ENOPKG },
#endif
#ifdef ENOPROTOOPT
	{ "enoprotoopt", ENOPROTOOPT },
#endif
#ifdef ENOSPC
	{ "enospc", ENOSPC },
#endif
#ifdef ENOSYM
	{ "enosym", ENOSYM },
#endif
#ifdef ENOSYS
	{ "enosys", ENOSYS },
#endif
#ifdef ENOTBLK
	{ "enotblk", ENOTBLK },
#endif
#ifdef ENOTCAPABLE
	{ "enotcapable", ENOTCAPABLE },
#endif
#ifdef ENOTCONN
	{ "enotconn", ENOTCONN },
#endif
#ifdef ENOTDIR
	{ "enotdir", ENOTDIR },
#endif
#ifdef ENOTNAM
	{ "enotnam", ENOTNAM },
#endif
#ifdef ENOTRECOVERABLE
	{ "enotrecoverable", ENOTRECOVERABLE },
#endif
#ifdef ENOTSOCK
	{ "enotsock", ENOTSOCK },
#endif
#ifdef ENOTSUP
	{ "enotsup", ENOTSUP },
#endif
#ifdef ENOTTY
	{ "enotty", ENOTTY },
#endif
#ifdef ENOTUNIQ
	{ "enotuniq", ENOTUNIQ },
#endif
#ifdef ENXIO
	{ "enxio", ENXIO },
#endif
#ifdef EOVERFLOW
	{ "eoverflow", EOVERFLOW },
#endif
#ifdef EOWNERDEAD
	{ "eownerdead", EOWNERDEAD },
#endif
#ifdef EPERM
	{ "eperm", EPERM },
#endif
#ifdef EPIPE
	{ "epipe", EPIPE },
#endif
#ifdef EPROCLIM
	{ "eproclim", EPROCLIM },
#endif
#ifdef EPROCUNAVAIL
	{ "eprocunavail", EPROCUNAVAIL },
#endif
#ifdef EPROGMISMATCH
	{ "eprogmismatch", EPROGMISMATCH },
#endif
#ifdef EPROGUNAVAIL
	{ "eprogunavail", EPROGUNAVAIL },
#endif
#ifdef EPROTO
	{ "eproto", EPROTO },
#endif
#ifdef EPROTONOSUPPORT
	{ "eprotonosupport", EPROTONOSUPPORT },
#endif
#ifdef EPROTOTYPE
	{ "eprototype", EPROTOTYPE },
#endif
#ifdef ERANGE
	{ "erange", ERANGE },
#endif
#ifdef EREMCHG
	{ "eremchg", EREMCHG },
#endif
#ifdef EREMDEV
	{ "eremdev", EREMDEV },
#endif
#ifdef EREMOTE
	{ "eremote", EREMOTE },
#endif
#ifdef EREMOTEIO
	{ "eremoteio", EREMOTEIO },
#endif
#ifdef EREMOTERELEASE
	{ "eremoterelease", EREMOTERELEASE },
#endif
#ifdef EROFS
	{ "erofs", EROFS },
#endif
#ifdef ERPCMISMATCH
	{ "erpcmismatch", ERPCMISMATCH },
#endif
#ifdef ERREMOTE
	{ "erremote", ERREMOTE },
#endif
#ifdef ESHUTDOWN
	{ "eshutdown", ESHUTDOWN },
#endif
#ifdef ESOCKTNOSUPPORT
	{ "esocktnosupport", ESOCKTNOSUPPORT },
#endif
#ifdef ESPIPE
	{ "espipe", ESPIPE },
#endif
#ifdef ESRCH
	{ "esrch", ESRCH },
#endif
#ifdef ESRMNT
	{ "esrmnt", ESRMNT },
#endif
#ifdef ESTALE
	{ "estale", ESTALE },
#endif
#ifdef ESUCCESS
	{ "esuccess", ESUCCESS },
#endif
#ifdef ETOOMANYREFS
	{ "etoomanyrefs", ETOOMANYREFS },
#endif
#ifdef ETXTBSY
	{ "etxtbsy", ETXTBSY },
#endif
#ifdef EUCLEAN
	{ "euclean", EUCLEAN },
#endif
#ifdef EUNATCH
	{ "eunatch", EUNATCH },
#endif
#ifdef EUSERS
	{ "eusers", EUSERS },
#endif
#ifdef EVERSION
	{ "eversion", EVERSION },
#endif
#ifdef EXDEV
	{ "exdev", EXDEV },
#endif
#ifdef EXFULL
	{ "exfull", EXFULL },
#endif
	/* The names that yield, after the names they yield to. */
#ifdef EWOULDBLOCK
	{ "ewouldblock", EWOULDBLOCK },	/* after eagain */
#endif
#ifdef EDEADLK
	{ "edeadlk", EDEADLK },	/* after ewouldblock */
#endif
#ifdef EDEADLOCK
	{ "edeadlock", EDEADLOCK },	/* after edeadlk */
#endif
#ifdef ENOSR
	{ "enosr", ENOSR },	/* after enametoolong */
#endif
#ifdef ENOBUFS
	{ "enobufs", ENOBUFS },	/* after enosr */
#endif
#ifdef ELOOP
	{ "eloop", ELOOP },	/* after enoent */
#endif
#ifdef ETIME
	{ "etime", ETIME },	/* after eloop */
#endif
#ifdef ENOSTR
	{ "enostr", ENOSTR },	/* after enotty */
#endif
#ifdef ETIMEDOUT
	{ "etimedout", ETIMEDOUT },	/* after enostr, eagain */
#endif
#ifdef EALREADY
	{ "ealready", EALREADY },	/* after ebusy */
#endif
#ifdef EIDRM
	{ "eidrm", EIDRM },	/* after einprogress */
#endif
#ifdef ENODATA
	{ "enodata", ENODATA },	/* after econnrefused */
#endif
#ifdef EREFUSED
	{ "erefused", EREFUSED },	/* after econnrefused */
#endif
#ifdef ENOTEMPTY
	{ "enotempty", ENOTEMPTY },	/* after eexist */
#endif
#ifdef EOPNOTSUPP
	{ "eopnotsupp", EOPNOTSUPP },	/* after enotsup */
#endif
#ifdef EPFNOSUPPORT
	{ "epfnosupport", EPFNOSUPPORT },	/* after enolck */
#endif
};

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

const char *
errno_name(int err)
{
	size_t i;

	for (i = 0; i < NITEMS(errno_atoms); i++) {
		if (errno_atoms[i].value == err)
			return errno_atoms[i].name;
	}
	return NULL;
}

int
errno_value(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < NITEMS(errno_atoms); i++) {
		if (strlen(errno_atoms[i].name) == len &&
		    memcmp(errno_atoms[i].name, name, len) == 0)
			return errno_atoms[i].value;
	}
	return -1;
}
