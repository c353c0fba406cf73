/*
 * hc_internal.h: the structures shared by the VFS's files (not visible to Swift).
 *
 * Threading: SQLite serialises every call on one connection's files under that connection's
 * mutex, and a HuisClos replica has exactly one connection (locking_mode=EXCLUSIVE), so the
 * per-file and per-replica state below needs no locking of its own. Only the key registry is
 * process-wide and has a mutex (hc_registry.c).
 */
#ifndef HC_INTERNAL_H
#define HC_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>
#include "CHuisClosVFS.h"

/* The key and id of one open database: read by the page sealing functions. */
typedef struct hc_keys {
    unsigned char *key;                  /* HC_KEY_BYTES in sodium_malloc memory, read-only */
    unsigned char *mask_key;             /* WAL checksum mask key, derived; NULL in the registry */
    unsigned char id[HC_DB_ID_BYTES];    /* the database id (not secret) */
} hc_keys;

/* One WAL frame this connection wrote or last read: plaintext as SQLite gave it, the sealed
 * page as it is on disk, and what its associated data bound. */
typedef struct hc_frame {
    sqlite3_int64 index;                 /* 0-based frame number in the WAL, -1 when empty */
    uint32_t pgno;
    uint32_t commit;
    unsigned char plain[HC_PAGE_BYTES];
    unsigned char sealed[HC_PAGE_BYTES];
} hc_frame;

typedef struct hc_file hc_file;

/* State of one open database, owned by its main-database file and shared with its WAL. */
typedef struct hc_replica {
    hc_keys keys;
    hc_file *wal;                        /* the open WAL file, or NULL */
    hc_vfs_counters counters;            /* see hc_vfs_read_counters */
} hc_replica;

/* The file-control opcode hc_vfs_read_counters sends to the main file (outside SQLite's range). */
#define HC_FCNTL_COUNTERS 0x48430001

/* An open file: the sqlite3_file subclass. SQLite allocates szOsFile bytes; the unix VFS's own
 * file object lives right after this struct (see hc_vfs.c). */
struct hc_file {
    sqlite3_file base;                   /* must stay first: SQLite casts to it */
    sqlite3_file *real;                  /* the unix file underneath */
    hc_replica *replica;                 /* main: owned; WAL: borrowed from the main file */
    unsigned char *scratch;              /* HC_WAL_FRAME_BYTES, reused for every page (sodium_malloc) */
    /* WAL only. */
    hc_frame *cache;                     /* HC_FRAME_CACHE_SLOTS frames, direct-mapped by index */
    hc_frame *last_read;                 /* the last frame decrypted from disk (sodium_malloc) */
    const hc_frame *handoff;             /* the frame last read, offered to the next db write */
    int wrote;                           /* 0 until this connection writes the WAL: recovery */
    uint32_t *map;                       /* (pgno, commit) per known frame, see hc_frame_map.c */
    sqlite3_int64 map_count;
    sqlite3_int64 map_capacity;
};

/* hc_page_crypto.c: seal and open one page image (HC_PAGE_BYTES). */
int hc_page_seal(const hc_keys *keys, uint32_t pgno, uint32_t commit,
                 const unsigned char *plain, unsigned char *sealed);
int hc_page_open(const hc_keys *keys, uint32_t pgno, uint32_t commit,
                 const unsigned char *sealed, unsigned char *plain);
uint32_t hc_get_u32(const unsigned char *p);

/* hc_checksum_mask.c: keyed masking of the WAL checksums (an involution). */
int hc_keys_derive_mask(hc_keys *keys);
int hc_mask_wal_header(const hc_keys *keys, unsigned char *header);
int hc_mask_frame_header(const hc_keys *keys, sqlite3_int64 index, unsigned char *header);

/* hc_registry.c: copy a registered key into `keys` (allocates keys->key). */
int hc_registry_copy(const char *token, hc_keys *keys);
void hc_keys_free(hc_keys *keys);

/* hc_main_file.c / hc_wal_file.c: the io methods of each kind of file. */
extern const sqlite3_io_methods hc_main_methods;
extern const sqlite3_io_methods hc_wal_methods;
int hc_close(sqlite3_file *file);
int hc_main_attach(hc_file *file, const char *name);
int hc_wal_attach(hc_file *file, const char *name);
void hc_main_detach(hc_file *file);
void hc_wal_detach(hc_file *file);

/* hc_frame_cache.c: the WAL frames this connection wrote. */
int hc_cache_open(hc_file *wal);
void hc_cache_close(hc_file *wal);
hc_frame *hc_cache_slot(hc_file *wal, sqlite3_int64 index);
const hc_frame *hc_cache_find(const hc_file *wal, sqlite3_int64 index);
void hc_cache_forget_from(hc_file *wal, sqlite3_int64 first_index);

/* hc_frame_map.c: page number and commit size of each authenticated or written WAL frame. */
int hc_map_record(hc_file *wal, sqlite3_int64 index, uint32_t pgno, uint32_t commit);
int hc_map_lookup(const hc_file *wal, sqlite3_int64 index, uint32_t *pgno, uint32_t *commit);
void hc_map_forget_from(hc_file *wal, sqlite3_int64 first_index);
void hc_map_free(hc_file *wal);

/* hc_forward.c: methods every file forwards unchanged to the unix file. */
int hc_forward_truncate(sqlite3_file *file, sqlite3_int64 size);
int hc_forward_sync(sqlite3_file *file, int flags);
int hc_forward_file_size(sqlite3_file *file, sqlite3_int64 *size);
int hc_forward_lock(sqlite3_file *file, int level);
int hc_forward_unlock(sqlite3_file *file, int level);
int hc_forward_check_reserved_lock(sqlite3_file *file, int *out);
int hc_forward_file_control(sqlite3_file *file, int op, void *arg);
int hc_forward_sector_size(sqlite3_file *file);
int hc_forward_device_characteristics(sqlite3_file *file);

#endif
