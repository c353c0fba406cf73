/*
 * hc_checksum_mask.c: hides SQLite's WAL checksums behind a keyed mask.
 *
 * SQLite's WAL checksums are unkeyed and cover each frame's plaintext page, so in clear they
 * would let someone holding the WAL confirm a guess of a whole page. On disk each 8-byte
 * checksum (WAL header bytes 24..31, frame header bytes 16..23) is XORed with
 * BLAKE2b-keyed(mask key; position || the header's two salts), the mask key being derived from
 * the database key with crypto_kdf. SQLite always sees the true checksums; masking is an
 * involution, so the same function masks on write and unmasks on read.
 *
 * The mask depends on the salts in the same header, so a header rewritten with new salts (at
 * commit, after a spilling transaction) gets a fresh mask. A frame header rewritten with the same
 * salts reuses its mask: two snapshots of that frame reveal the XOR of its two checksums.
 */
#include <string.h>
#include <sodium.h>
#include "hc_internal.h"

#define MASK_CONTEXT "HCWALSUM"          /* crypto_kdf context: 8 characters */
#define MASK_SUBKEY_ID 1
#define CHECKSUM_BYTES 8
#define SALT_BYTES 8
#define WAL_HEADER_POSITION UINT64_MAX   /* position of the WAL header's checksum */

int hc_keys_derive_mask(hc_keys *keys) {
    keys->mask_key = sodium_malloc(HC_KEY_BYTES);
    if (keys->mask_key == NULL) return SQLITE_NOMEM;
    if (crypto_kdf_derive_from_key(keys->mask_key, HC_KEY_BYTES, MASK_SUBKEY_ID, MASK_CONTEXT, keys->key) != 0
        || sodium_mprotect_readonly(keys->mask_key) != 0) {
        sodium_free(keys->mask_key);
        keys->mask_key = NULL;
        return SQLITE_ERROR;
    }
    return SQLITE_OK;
}

/* XORs the mask for `position` and `salts` into `checksum`. */
static int apply_mask(const hc_keys *keys, uint64_t position, const unsigned char *salts, unsigned char *checksum) {
    unsigned char input[8 + SALT_BYTES];
    unsigned char mask[crypto_generichash_BYTES_MIN];
    for (int i = 0; i < 8; i++) input[i] = (unsigned char)(position >> (56 - 8 * i));
    memcpy(input + 8, salts, SALT_BYTES);
    if (crypto_generichash(mask, sizeof mask, input, sizeof input, keys->mask_key, HC_KEY_BYTES) != 0) {
        return SQLITE_IOERR;
    }
    for (int i = 0; i < CHECKSUM_BYTES; i++) checksum[i] ^= mask[i];
    return SQLITE_OK;
}

/* Masks or unmasks the checksum of a 32-byte WAL header image in place. */
int hc_mask_wal_header(const hc_keys *keys, unsigned char *header) {
    return apply_mask(keys, WAL_HEADER_POSITION, header + 16, header + 24);
}

/* Masks or unmasks the checksum of the 24-byte header image of frame `index` in place. */
int hc_mask_frame_header(const hc_keys *keys, sqlite3_int64 index, unsigned char *header) {
    return apply_mask(keys, (uint64_t)index, header + 8, header + 16);
}
