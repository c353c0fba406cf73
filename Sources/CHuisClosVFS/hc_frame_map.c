/*
 * hc_frame_map.c: the page number and commit size of every WAL frame this connection has
 * authenticated (at recovery) or written, indexed by frame number.
 *
 * Why: a page read from the WAL is authenticated against the page number in its frame header,
 * which is on disk. SQLite chose that frame from its WAL index, built from the same headers when
 * they were first authenticated. If the file changed since (tampering while the replica is open),
 * the header could name another page and SQLite would get a genuine page under the wrong number.
 * Checking the header against this map closes that gap; it also answers "which page is this
 * frame" for a page rewritten in place without reading the header back.
 *
 * Memory: 8 bytes per frame (0.2% of the WAL), grown by doubling; the WAL itself is bounded by
 * SQLite's checkpoints except during one very large transaction.
 */
#include <string.h>
#include "hc_internal.h"

/* Records frame `index`; returns SQLITE_OK or SQLITE_NOMEM. */
int hc_map_record(hc_file *wal, sqlite3_int64 index, uint32_t pgno, uint32_t commit) {
    if (index < 0) return SQLITE_IOERR_WRITE;
    if (index >= wal->map_capacity) {
        sqlite3_int64 capacity = wal->map_capacity > 0 ? wal->map_capacity : HC_FRAME_MAP_INITIAL_FRAMES;
        uint32_t *grown;
        while (capacity <= index) capacity *= 2;
        grown = sqlite3_realloc64(wal->map, (sqlite3_uint64)capacity * 2 * sizeof(uint32_t));
        if (grown == NULL) return SQLITE_NOMEM;
        memset(grown + 2 * wal->map_capacity, 0, (size_t)(capacity - wal->map_capacity) * 2 * sizeof(uint32_t));
        wal->map = grown;
        wal->map_capacity = capacity;
    }
    wal->map[2 * index] = pgno;
    wal->map[2 * index + 1] = commit;
    if (index >= wal->map_count) wal->map_count = index + 1;
    return SQLITE_OK;
}

/* Looks up frame `index`; returns 1 and fills pgno and commit if it is known, else 0. */
int hc_map_lookup(const hc_file *wal, sqlite3_int64 index, uint32_t *pgno, uint32_t *commit) {
    if (index < 0 || index >= wal->map_count || wal->map[2 * index] == 0) return 0;
    *pgno = wal->map[2 * index];
    *commit = wal->map[2 * index + 1];
    return 1;
}

/* Forgets frames from `first_index` on (0: a new WAL generation). */
void hc_map_forget_from(hc_file *wal, sqlite3_int64 first_index) {
    if (first_index < 0) first_index = 0;
    if (first_index >= wal->map_count) return;
    memset(wal->map + 2 * first_index, 0, (size_t)(wal->map_count - first_index) * 2 * sizeof(uint32_t));
    wal->map_count = first_index;
}

void hc_map_free(hc_file *wal) {
    sqlite3_free(wal->map);
    wal->map = NULL;
    wal->map_count = 0;
    wal->map_capacity = 0;
}
