/*
 * hc_limits.h: every size and bound of the HuisClos encrypting VFS, with its unit and why.
 *
 * The Swift layer (HuisClosReplica) imports these too, so the page layout is defined once.
 */
#ifndef HC_LIMITS_H
#define HC_LIMITS_H

/* The name the VFS is registered under; a replica's URI selects it with `vfs=huisclos`. */
#define HC_VFS_NAME "huisclos"

/* Bytes per database page. Fixed, not read from the file: where the nonce and tag sit must
 * never depend on bytes an attacker controls. 4096 is SQLite's default and the disk block size. */
#define HC_PAGE_BYTES 4096

/* Bytes of XChaCha20-Poly1305-IETF nonce and tag stored at the end of every page. */
#define HC_NONCE_BYTES 24
#define HC_TAG_BYTES 16

/* Bytes SQLite must leave unused at the end of every page (its "reserved bytes"): nonce then tag. */
#define HC_RESERVE_BYTES (HC_NONCE_BYTES + HC_TAG_BYTES)

/* Bytes of a page that SQLite uses and the VFS encrypts. */
#define HC_USABLE_BYTES (HC_PAGE_BYTES - HC_RESERVE_BYTES)

/* Bytes of the database key (XChaCha20-Poly1305 key length). */
#define HC_KEY_BYTES 32

/* Bytes of the random per-database id bound into every page's associated data. */
#define HC_DB_ID_BYTES 16

/* Bytes at the start of page 1 kept in clear: the database id, in place of SQLite's
 * "SQLite format 3\0" magic (which is restored in memory after decryption). */
#define HC_PAGE1_CLEAR_BYTES HC_DB_ID_BYTES

/* Associated data of a page: database id, page number (4, big-endian), WAL commit size (4). */
#define HC_AD_BYTES (HC_DB_ID_BYTES + 8)

/* SQLite's WAL layout (file format, not tunable): file header, frame header, whole frame. */
#define HC_WAL_HEADER_BYTES 32
#define HC_WAL_FRAME_HEADER_BYTES 24
#define HC_WAL_FRAME_BYTES (HC_WAL_FRAME_HEADER_BYTES + HC_PAGE_BYTES)

/* Pages after which SQLite checkpoints the WAL (PRAGMA wal_autocheckpoint, SQLite's default);
 * the Swift layer sets it so the frame cache below always covers one checkpoint's worth. */
#define HC_WAL_AUTOCHECKPOINT_PAGES 1000

/* Frames of the WAL whose plaintext and ciphertext the VFS keeps after writing them, so a
 * checkpoint copies them to the database without decrypting and re-encrypting: at least
 * HC_WAL_AUTOCHECKPOINT_PAGES plus slack for the transaction that crosses the threshold.
 * Memory: 1024 x 8 KiB = 8 MiB per open replica, allocated on its first WAL write. */
#define HC_FRAME_CACHE_SLOTS 1024

/* Frames the per-WAL frame map (page number and commit size per frame, 8 bytes each) holds
 * before it first grows: one checkpoint's worth (8 KiB); it doubles as the WAL grows. */
#define HC_FRAME_MAP_INITIAL_FRAMES 1024

/* Replicas that may be in the middle of opening at the same moment in one process. A key
 * stays in the registry only while `sqlite3_open_v2` runs, so this bounds concurrent opens,
 * not open replicas. */
#define HC_REGISTRY_SLOTS 16

/* Characters of the one-time URI token that names a registered key (16 random bytes, hex). */
#define HC_TOKEN_CHARS 32

#endif
