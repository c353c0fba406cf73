/*
 * The VFS's page and WAL frame decoders under the fuzzer: each input becomes a replica's main
 * database file, or the WAL beside a generated replica, opened through the encrypting VFS with a
 * fixed raw key (no Argon2id) and read through. Any input may be refused; none may crash.
 */
#ifndef HUISCLOS_VFS_FUZZ_H
#define HUISCLOS_VFS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Opens `data` as a replica's main database file (no WAL) and reads every page it reaches. */
int hc_fuzz_database(const uint8_t *data, size_t size);

/* Opens a generated replica with `data` as its WAL (recovery reads every frame) and reads it. */
int hc_fuzz_wal(const uint8_t *data, size_t size);

/* Writes the seeds: a generated replica's database file to `database_path` and a WAL of further
 * commits over it to `wal_path`. Returns 0, or an SQLite code. */
int hc_fuzz_write_seeds(const char *database_path, const char *wal_path);

#endif
