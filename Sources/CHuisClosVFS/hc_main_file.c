/*
 * hc_main_file.c: io methods of the main database file.
 *
 * SQLite reads the main database as whole aligned pages, plus small reads inside page 1 (the
 * 100-byte header at open, the 16-byte change counter); it writes whole aligned pages only. A
 * small read decrypts the whole page into scratch memory and copies the range out. Any other
 * access pattern is refused rather than guessed at.
 *
 * Checkpoint lever: a checkpoint reads a frame from the WAL and immediately writes the same
 * bytes to the database. The WAL file offers that frame (plaintext and sealed page) as its
 * `handoff`; when the page number matches, the frame was not a commit frame (same associated
 * data) and the plaintext is byte-identical, the sealed page is written as is instead of being
 * sealed again. It is still an authentic encryption of exactly these bytes under this AD.
 */
#include <string.h>
#include <sodium.h>
#include "hc_internal.h"

static hc_file *as_file(sqlite3_file *file) { return (hc_file *)file; }

/* Reads the page at `page_offset` into `page` and opens (decrypts) it there. */
static int read_page(hc_file *p, unsigned char *page, sqlite3_int64 page_offset) {
    sqlite3_int64 size = 0;
    uint32_t pgno = (uint32_t)(page_offset / HC_PAGE_BYTES) + 1;
    int rc = p->real->pMethods->xRead(p->real, page, HC_PAGE_BYTES, page_offset);
    if (rc == SQLITE_IOERR_SHORT_READ) {
        /* An empty file is how SQLite sees a new database (it reads the header before any page
         * exists): zeros, as unix gives. Otherwise SQLite reads a page only when the database
         * (or a WAL commit) says it exists, so a page missing from a non-empty file was cut off:
         * whole pages cut from the end (under a WAL commit that says the database is longer)
         * or a page cut short. Never zeros for it: an authentication failure. */
        int size_rc = p->real->pMethods->xFileSize(p->real, &size);
        if (size_rc != SQLITE_OK) return size_rc;
        sodium_memzero(page, HC_PAGE_BYTES);
        return size == 0 ? SQLITE_IOERR_SHORT_READ : SQLITE_IOERR_AUTH;
    }
    if (rc != SQLITE_OK) return rc;
    p->replica->counters.opened++;
    return hc_page_open(&p->replica->keys, pgno, 0, page, page);
}

static int main_read(sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset) {
    hc_file *p = as_file(file);
    sqlite3_int64 within = offset % HC_PAGE_BYTES;
    sqlite3_int64 page_offset = offset - within;
    int rc;

    if (amount <= 0 || offset < 0 || within + amount > HC_PAGE_BYTES) return SQLITE_IOERR_READ;
    if (within == 0 && amount == HC_PAGE_BYTES) return read_page(p, buffer, page_offset);
    rc = read_page(p, p->scratch, page_offset);
    memcpy(buffer, p->scratch + within, (size_t)amount);
    sodium_memzero(p->scratch, HC_PAGE_BYTES);
    return rc;
}

/* The sealed page the WAL just handed over, if it encrypts exactly `plain` as page `pgno`. */
static const unsigned char *reusable_seal(hc_file *p, uint32_t pgno, const unsigned char *plain) {
    hc_file *wal = p->replica->wal;
    const hc_frame *frame = (wal != NULL) ? wal->handoff : NULL;
    if (wal != NULL) wal->handoff = NULL;
    if (frame == NULL || frame->index < 0 || frame->pgno != pgno || frame->commit != 0) return NULL;
    if (memcmp(frame->plain, plain, HC_PAGE_BYTES) != 0) return NULL;
    return frame->sealed;
}

static int main_write(sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset) {
    hc_file *p = as_file(file);
    uint32_t pgno;
    const unsigned char *sealed;
    int rc;

    if (amount != HC_PAGE_BYTES || offset < 0 || offset % HC_PAGE_BYTES != 0) return SQLITE_IOERR_WRITE;
    pgno = (uint32_t)(offset / HC_PAGE_BYTES) + 1;
    sealed = reusable_seal(p, pgno, buffer);
    if (sealed == NULL) {
        rc = hc_page_seal(&p->replica->keys, pgno, 0, buffer, p->scratch);
        if (rc != SQLITE_OK) return rc;
        sealed = p->scratch;
        p->replica->counters.sealed++;
    } else {
        p->replica->counters.reused++;
    }
    return p->real->pMethods->xWrite(p->real, sealed, HC_PAGE_BYTES, offset);
}

/* Answers HC_FCNTL_COUNTERS; forwards everything else. */
static int main_file_control(sqlite3_file *file, int op, void *arg) {
    if (op == HC_FCNTL_COUNTERS) {
        *(hc_vfs_counters *)arg = as_file(file)->replica->counters;
        return SQLITE_OK;
    }
    return hc_forward_file_control(file, op, arg);
}

/* Version 1: no shared-memory methods (the WAL index stays in heap memory because the replica
 * uses locking_mode=EXCLUSIVE, so no -shm file exists) and no memory-mapped I/O (version 3),
 * which would let SQLite read pages without going through decryption. */
const sqlite3_io_methods hc_main_methods = {
    1,
    hc_close,
    main_read,
    main_write,
    hc_forward_truncate,
    hc_forward_sync,
    hc_forward_file_size,
    hc_forward_lock,
    hc_forward_unlock,
    hc_forward_check_reserved_lock,
    main_file_control,
    hc_forward_sector_size,
    hc_forward_device_characteristics,
    NULL, NULL, NULL, NULL, NULL, NULL
};

/* Sets up a main-database file: copies the key named by the URI's `hckey` parameter. */
int hc_main_attach(hc_file *p, const char *name) {
    const char *token = sqlite3_uri_parameter(name, "hckey");
    int rc;
    if (token == NULL) return SQLITE_CANTOPEN;
    p->replica = sqlite3_malloc(sizeof *p->replica);
    if (p->replica == NULL) return SQLITE_NOMEM;
    memset(p->replica, 0, sizeof *p->replica);
    rc = hc_registry_copy(token, &p->replica->keys);
    if (rc == SQLITE_OK) rc = hc_keys_derive_mask(&p->replica->keys);
    if (rc != SQLITE_OK) hc_main_detach(p);
    return rc;
}

void hc_main_detach(hc_file *p) {
    if (p->replica != NULL) {
        hc_keys_free(&p->replica->keys);
        sqlite3_free(p->replica);
        p->replica = NULL;
    }
}
