/*
 * A bounded encoder and decoder for the part of the Erlang external term
 * format (ETF) that the alcove protocol uses, shared by the port and the
 * client library.
 *
 * Copyright (c) 2026 The alcove authors.  ISC license: see LICENSE.
 */
#ifndef ALCOVE_ETF_H
#define ALCOVE_ETF_H

#include <stddef.h>
#include <stdint.h>

#define ETF_VERSION		131
#define ETF_NEW_FLOAT		70
#define ETF_BIT_BINARY		77
#define ETF_COMPRESSED		80
#define ETF_SMALL_INTEGER	97
#define ETF_INTEGER		98
#define ETF_FLOAT		99
#define ETF_ATOM		100
#define ETF_REFERENCE		101
#define ETF_PORT		102
#define ETF_PID			103
#define ETF_SMALL_TUPLE		104
#define ETF_LARGE_TUPLE		105
#define ETF_NIL			106
#define ETF_STRING		107
#define ETF_LIST		108
#define ETF_BINARY		109
#define ETF_SMALL_BIG		110
#define ETF_LARGE_BIG		111
#define ETF_NEW_FUN		112
#define ETF_EXPORT		113
#define ETF_NEW_REFERENCE	114
#define ETF_SMALL_ATOM		115
#define ETF_MAP			116
#define ETF_FUN			117
#define ETF_ATOM_UTF8		118
#define ETF_SMALL_ATOM_UTF8	119
#define ETF_V4_PORT		120
#define ETF_NEWER_REFERENCE	90
#define ETF_NEW_PID		88
#define ETF_NEW_PORT		89
#define ETF_LOCAL		121

/* The longest atom the protocol accepts, in (Latin-1) characters. */
#define ETF_ATOM_MAX		255

/*
 * Encoder: writes into a caller-supplied buffer and never past `limit`
 * bytes.  A write that does not fit sets `overflow` and is dropped; every
 * later write is dropped too, so a caller checks once at the end.
 */
struct etf_enc {
	unsigned char	*buf;
	size_t		 len;
	size_t		 limit;
	int		 overflow;
};

void	etf_enc_init(struct etf_enc *, unsigned char *, size_t);
void	etf_put_version(struct etf_enc *);
void	etf_put_tuple(struct etf_enc *, uint32_t);
void	etf_put_list(struct etf_enc *, uint32_t);
void	etf_put_nil(struct etf_enc *);
void	etf_put_atom(struct etf_enc *, const char *);
void	etf_put_atom_len(struct etf_enc *, const char *, size_t);
void	etf_put_int(struct etf_enc *, int64_t);
void	etf_put_int_arg(struct etf_enc *, int64_t);
void	etf_put_uint(struct etf_enc *, uint64_t);
void	etf_put_binary(struct etf_enc *, const void *, size_t);
void	etf_put_string(struct etf_enc *, const void *, size_t);
void	etf_put_raw(struct etf_enc *, const void *, size_t);
/* Reserve n bytes and return where they start, or NULL on overflow. */
unsigned char *etf_put_reserve(struct etf_enc *, size_t);

/*
 * Decoder: a cursor over one buffer.  Every function checks that the bytes
 * it needs are present and returns -1 (cursor unchanged) when they are not
 * or when the term has another type; 0 on success.
 */
struct etf_dec {
	const unsigned char	*buf;
	size_t			 len;
	size_t			 off;
};

/* An integer of any encoding, as sign and magnitude. */
struct etf_int {
	int		neg;
	uint64_t	mag;
};

#define ETF_INT_SMALL	0x01	/* SMALL_INTEGER_EXT, INTEGER_EXT */
#define ETF_INT_BIG	0x02	/* SMALL_BIG_EXT */
#define ETF_INT_LARGE	0x04	/* LARGE_BIG_EXT */
#define ETF_INT_ANY	(ETF_INT_SMALL | ETF_INT_BIG | ETF_INT_LARGE)

void	etf_dec_init(struct etf_dec *, const void *, size_t);
int	etf_peek(const struct etf_dec *);
size_t	etf_remaining(const struct etf_dec *);
int	etf_get_version(struct etf_dec *);
int	etf_get_tuple(struct etf_dec *, uint32_t *);
int	etf_get_list(struct etf_dec *, uint32_t *);
int	etf_get_nil(struct etf_dec *);
int	etf_get_atom(struct etf_dec *, char [ETF_ATOM_MAX + 1], size_t *);
int	etf_get_integer(struct etf_dec *, int, struct etf_int *);
int	etf_get_int64(struct etf_dec *, int, int64_t *);
int	etf_get_uint64(struct etf_dec *, int, uint64_t *);
int	etf_get_binary(struct etf_dec *, const unsigned char **, size_t *);
int	etf_get_string(struct etf_dec *, const unsigned char **, size_t *);
int	etf_skip(struct etf_dec *);

/* Is the whole of buf exactly one complete term after the version byte? */
int	etf_is_one_term(const void *, size_t);

#endif
