/*
 * CHuisClosVFS: an SQLite VFS that encrypts every page of a database and its WAL with
 * XChaCha20-Poly1305-IETF (libsodium), layered over SQLite's default unix VFS.
 *
 * Why C: SQLite calls a VFS through C function pointers on its hottest path (every page read
 * and write) and requires each open file to be an `sqlite3_file` subclass with an exact memory
 * layout (our struct first, the unix file right after it). Swift can neither declare that
 * layout nor be called there without thunks; this target stays thin and calls libsodium directly.
 *
 * What stays in clear on disk (see SECURITY.md, "Encrypted replica"):
 *  - main database, page 1: bytes 0..15 hold the random database id instead of SQLite's magic;
 *  - every page: its last 40 bytes hold the nonce (24) and the Poly1305 tag (16);
 *  - WAL: the 32-byte file header (magic, format version, page size, checkpoint sequence, salts)
 *    and each 24-byte frame header (page number, commit size, salts); their checksums, which
 *    SQLite computes over plaintext, are stored masked with a key (hc_checksum_mask.c).
 *  Everything else (all row data, indexes, FTS, schema, SQLite's 100-byte header fields) is
 *  ciphertext. The associated data of a page is (database id, page number, commit size), the
 *  same in the WAL and in the database for non-commit frames, so a page cannot be moved,
 *  swapped, or copied from another replica without failing authentication.
 *
 * Usage (the Swift layer does this): hc_vfs_register() once; hc_vfs_add_key() to obtain a token;
 * open "file:/abs/path?vfs=huisclos&hckey=TOKEN"; hc_vfs_remove_key(TOKEN) once the open returned
 * (each open file keeps its own guarded copy of the key until it closes).
 */
#ifndef CHUISCLOSVFS_H
#define CHUISCLOSVFS_H

#include <stddef.h>
#include "hc_limits.h"

typedef struct sqlite3 sqlite3;

/* Initialises libsodium and registers the VFS (not as the default). Safe to call repeatedly and
 * from several threads. Returns SQLITE_OK, or SQLITE_ERROR if libsodium cannot initialise or
 * the default unix VFS is missing. */
int hc_vfs_register(void);

/* Copies a HC_KEY_BYTES key and a HC_DB_ID_BYTES database id into guarded memory and writes a
 * NUL-terminated one-time token of HC_TOKEN_CHARS hex characters into `token` (capacity
 * `token_capacity` >= HC_TOKEN_CHARS + 1). Returns SQLITE_OK, SQLITE_MISUSE on bad lengths,
 * SQLITE_FULL when HC_REGISTRY_SLOTS opens are already pending, SQLITE_NOMEM. */
int hc_vfs_add_key(const unsigned char *key, size_t key_length,
                   const unsigned char *database_id, size_t database_id_length,
                   char *token, size_t token_capacity);

/* Zeroes and frees the registry's copy of the key named by `token`. Returns SQLITE_OK, or
 * SQLITE_NOTFOUND if no such token is registered. */
int hc_vfs_remove_key(const char *token);

/* Asks SQLite to keep HC_RESERVE_BYTES unused at the end of every page of `db`'s main database.
 * Effective only before page 1 is first written (so before PRAGMA journal_mode=WAL). Returns
 * SQLITE_OK or the failing SQLite code. */
int hc_vfs_request_reserve(sqlite3 *db);

/* Writes into `*reserve` the reserved bytes per page SQLite actually uses for `db`'s main
 * database. Returns SQLITE_OK or the failing SQLite code. */
int hc_vfs_read_reserve(sqlite3 *db, int *reserve);

/* Page operations the VFS performed for one connection since it opened: sealed (encrypted),
 * opened (decrypted), reused (a checkpoint wrote the sealed WAL frame through instead of sealing
 * again) and cached (a WAL page read served from the frame cache without decrypting). */
typedef struct hc_vfs_counters {
    long long sealed;
    long long opened;
    long long reused;
    long long cached;
} hc_vfs_counters;

/* Copies the counters of `db`'s main database into `*counters`. Returns SQLITE_OK, or
 * SQLITE_NOTFOUND if the database is not open through this VFS. */
int hc_vfs_read_counters(sqlite3 *db, hc_vfs_counters *counters);

/* Process hardening (hc_process.c): call first thing in every HuisClos executable that opens a
 * replica. Forbids core dumps: RLIMIT_CORE 0 (soft and hard) and, on Linux, PR_SET_DUMPABLE 0.
 * Returns 0, or the errno of the first step that failed (the other steps still ran). */
int hc_process_harden(void);

/* PR_GET_DUMPABLE of this process: 1 or 0 (Linux), -1 where the OS has no such flag. */
int hc_process_dumpable(void);

/* Writes this process's RLIMIT_CORE (soft, hard) in bytes. Returns 0 or an errno. */
int hc_process_core_limit(unsigned long long *soft, unsigned long long *hard);

#endif
