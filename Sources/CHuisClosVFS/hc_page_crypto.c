/*
 * hc_page_crypto.c: sealing and opening one page with XChaCha20-Poly1305-IETF.
 *
 * On-disk page image (HC_PAGE_BYTES):
 *   [0, HC_USABLE_BYTES)    ciphertext of SQLite's bytes (page 1: from byte 16, see below)
 *   [HC_USABLE_BYTES, +24)  nonce, fresh from randombytes_buf for every seal
 *   [.. , +16)              Poly1305 tag
 * Page 1 keeps its first HC_PAGE1_CLEAR_BYTES in clear and stores the database id there, so the
 * file does not start with "SQLite format 3"; the magic is put back after opening.
 *
 * Associated data: database id || page number (big-endian u32) || WAL commit size (big-endian
 * u32, 0 outside commit frames). It binds a page to its number and to this database, so a page
 * that was moved, swapped or copied from another replica fails to open.
 *
 * SQLite sees zeros in the reserved bytes: its WAL checksums cover whole pages, and it computed
 * them over zeros, so returning the nonce and tag there would make recovery discard frames.
 */
#include <string.h>
#include <sodium.h>
#include "hc_internal.h"

static const unsigned char sqlite_magic[HC_PAGE1_CLEAR_BYTES] = "SQLite format 3";

uint32_t hc_get_u32(const unsigned char *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static void put_u32(unsigned char *p, uint32_t value) {
    p[0] = (unsigned char)(value >> 24);
    p[1] = (unsigned char)(value >> 16);
    p[2] = (unsigned char)(value >> 8);
    p[3] = (unsigned char)value;
}

static void make_ad(unsigned char ad[HC_AD_BYTES], const hc_keys *keys, uint32_t pgno, uint32_t commit) {
    memcpy(ad, keys->id, HC_DB_ID_BYTES);
    put_u32(ad + HC_DB_ID_BYTES, pgno);
    put_u32(ad + HC_DB_ID_BYTES + 4, commit);
}

/* Seals SQLite's page `plain` into `sealed` (distinct buffers). Returns SQLITE_OK, or
 * SQLITE_IOERR_WRITE if libsodium refuses (it cannot with these fixed lengths). */
int hc_page_seal(const hc_keys *keys, uint32_t pgno, uint32_t commit,
                 const unsigned char *plain, unsigned char *sealed) {
    unsigned char ad[HC_AD_BYTES];
    const size_t skip = (pgno == 1) ? HC_PAGE1_CLEAR_BYTES : 0;
    unsigned char *nonce = sealed + HC_USABLE_BYTES;
    unsigned char *tag = nonce + HC_NONCE_BYTES;
    unsigned long long tag_length = 0;

    if (pgno == 0) return SQLITE_IOERR_WRITE;
    make_ad(ad, keys, pgno, commit);
    if (skip > 0) memcpy(sealed, keys->id, HC_PAGE1_CLEAR_BYTES);
    randombytes_buf(nonce, HC_NONCE_BYTES);
    if (crypto_aead_xchacha20poly1305_ietf_encrypt_detached(
            sealed + skip, tag, &tag_length, plain + skip, HC_USABLE_BYTES - skip,
            ad, sizeof ad, NULL, nonce, keys->key) != 0
        || tag_length != HC_TAG_BYTES) {
        sodium_memzero(sealed, HC_PAGE_BYTES);
        return SQLITE_IOERR_WRITE;
    }
    return SQLITE_OK;
}

/* Opens the page image `sealed` into `plain` (the same buffer is allowed). On success `plain`
 * holds exactly what SQLite wrote, with zeros in the reserved bytes. On failure it is zeroed
 * (SQLite never sees unauthenticated bytes) and SQLITE_IOERR_AUTH is returned. */
int hc_page_open(const hc_keys *keys, uint32_t pgno, uint32_t commit,
                 const unsigned char *sealed, unsigned char *plain) {
    unsigned char ad[HC_AD_BYTES];
    unsigned char nonce_and_tag[HC_RESERVE_BYTES];
    const size_t skip = (pgno == 1) ? HC_PAGE1_CLEAR_BYTES : 0;

    if (pgno == 0) goto refuse;
    if (skip > 0 && memcmp(sealed, keys->id, HC_PAGE1_CLEAR_BYTES) != 0) goto refuse;
    memcpy(nonce_and_tag, sealed + HC_USABLE_BYTES, HC_RESERVE_BYTES);
    make_ad(ad, keys, pgno, commit);
    if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(
            plain + skip, NULL, sealed + skip, HC_USABLE_BYTES - skip,
            nonce_and_tag + HC_NONCE_BYTES, ad, sizeof ad, nonce_and_tag, keys->key) != 0) {
        goto refuse;
    }
    if (skip > 0) memcpy(plain, sqlite_magic, HC_PAGE1_CLEAR_BYTES);
    memset(plain + HC_USABLE_BYTES, 0, HC_RESERVE_BYTES);
    return SQLITE_OK;

refuse:
    sodium_memzero(plain, HC_PAGE_BYTES);
    return SQLITE_IOERR_AUTH;
}
