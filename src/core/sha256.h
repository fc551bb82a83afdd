/* SHA-256 (FIPS 180-4), for the audit log's hash chain (db/audit.c). A small implementation
 * written here from the standard, so the chain needs no new library; tests/unit/test_audit.c
 * checks it against the NIST example vectors. */
#ifndef STATION_CORE_SHA256_H
#define STATION_CORE_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];         /* the state */
	uint64_t len;          /* bytes hashed so far */
	unsigned char buf[64]; /* a partial block */
	size_t nbuf;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
/* The digest as 64 lowercase hex digits and a NUL in hex[65]. */
void sha256_final_hex(struct sha256 *c, char hex[65]);
/* sha256_init + update + final_hex over one buffer. */
void sha256_hex(const void *data, size_t n, char hex[65]);

#endif
