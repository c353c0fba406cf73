/*
 * hc_frame_cache.c: the last HC_FRAME_CACHE_SLOTS WAL frames this connection wrote, plaintext
 * and sealed, direct-mapped by frame index.
 *
 * Why: every committed page is sealed into the WAL, then copied to the database at checkpoint.
 * Without the cache the checkpoint would open each frame from disk (and, without the handoff,
 * seal it again). With it, the checkpoint's WAL read is a memcpy and its database write reuses
 * the sealed bytes (hc_main_file.c). Reads of pages evicted from SQLite's page cache during a
 * long transaction are served from here too.
 *
 * Correctness: a slot is emptied before its frame is (re)written and filled only once the write
 * succeeded; a new WAL header (a new WAL generation) or a truncation forgets the frames it invalidates;
 * the cache lives and dies with the WAL file. A slot therefore always equals its frame on disk
 * as this connection wrote it. Plaintext is zeroed when the cache is freed.
 *
 * Memory: sodium_malloc, so the plaintext is excluded from core dumps (MADV_DONTDUMP) and, within
 * RLIMIT_MEMLOCK, locked against swap (libsodium tries mlock and carries on without it).
 */
#include <string.h>
#include <sodium.h>
#include "hc_internal.h"

#define CACHE_BYTES ((size_t)HC_FRAME_CACHE_SLOTS * sizeof(hc_frame))

/* Allocates the cache on the WAL's first write. Returns SQLITE_OK or SQLITE_NOMEM; without
 * memory for it the WAL still works, uncached (callers treat NOMEM as "no cache"). */
int hc_cache_open(hc_file *wal) {
    if (wal->cache != NULL) return SQLITE_OK;
    wal->cache = sodium_malloc(CACHE_BYTES);
    if (wal->cache == NULL) return SQLITE_NOMEM;
    for (int i = 0; i < HC_FRAME_CACHE_SLOTS; i++) wal->cache[i].index = -1;
    return SQLITE_OK;
}

void hc_cache_close(hc_file *wal) {
    if (wal->cache != NULL) {
        sodium_free(wal->cache);  /* zeroes before releasing */
        wal->cache = NULL;
    }
    wal->handoff = NULL;
}

/* The slot frame `index` maps to (for filling), or NULL without a cache. */
hc_frame *hc_cache_slot(hc_file *wal, sqlite3_int64 index) {
    if (wal->cache == NULL || index < 0) return NULL;
    return &wal->cache[index % HC_FRAME_CACHE_SLOTS];
}

/* The cached frame `index`, or NULL if it is not cached. */
const hc_frame *hc_cache_find(const hc_file *wal, sqlite3_int64 index) {
    const hc_frame *slot;
    if (wal->cache == NULL || index < 0) return NULL;
    slot = &wal->cache[index % HC_FRAME_CACHE_SLOTS];
    return slot->index == index ? slot : NULL;
}

/* Forgets every cached frame whose index is >= first_index (0 forgets all). */
void hc_cache_forget_from(hc_file *wal, sqlite3_int64 first_index) {
    wal->handoff = NULL;
    if (wal->cache == NULL) return;
    for (int i = 0; i < HC_FRAME_CACHE_SLOTS; i++) {
        if (wal->cache[i].index >= first_index) wal->cache[i].index = -1;
    }
}
