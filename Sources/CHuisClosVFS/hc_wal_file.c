/*
 * hc_wal_file.c: io methods of the WAL file.
 *
 * Layout (SQLite's, unchanged): a 32-byte header, then frames of a 24-byte header and one page.
 * Headers stay in clear, except their checksums, which are masked (hc_checksum_mask.c): SQLite
 * must read page numbers, commit sizes and salts to recover the WAL. Pages are sealed like database pages with associated data (database id, page
 * number, commit size) taken from the frame header; the salts are not bound because SQLite
 * writes them as zeros while a transaction spills and fills them in at commit.
 *
 * Access patterns SQLite 3.40 uses, and nothing else is accepted:
 *   write 32 @0 (header; starts a new WAL generation), write 24 @frame (frame header),
 *   write page @frame+24 (new frame, or a page rewritten in place during a spilling transaction,
 *   whose header was written before; hc_frame_map.c remembers it), read <=32 @0, read <=24 inside a frame header,
 *   read page @frame+24 (queries, checkpoint), read header+page @frame (recovery, checksums).
 *
 * Recovery: until this connection first writes the WAL, SQLite may be recovering it after a
 * crash. A frame that then fails authentication (torn, stale, or tampered with) is returned with
 * page number 0, which SQLite treats as the end of the valid log, exactly as for a bad checksum:
 * raising an error instead would make a crashed replica unopenable. Consequence: tampering with
 * a WAL frame truncates the WAL at that frame (like deleting the WAL), it cannot inject data.
 */
#include <string.h>
#include <sodium.h>
#include "hc_internal.h"

static hc_file *as_file(sqlite3_file *file) { return (hc_file *)file; }

/* Splits a WAL offset into frame index and position inside the frame; -1 inside the header. */
static sqlite3_int64 frame_of(sqlite3_int64 offset, sqlite3_int64 *within) {
    if (offset < HC_WAL_HEADER_BYTES) { *within = offset; return -1; }
    *within = (offset - HC_WAL_HEADER_BYTES) % HC_WAL_FRAME_BYTES;
    return (offset - HC_WAL_HEADER_BYTES) / HC_WAL_FRAME_BYTES;
}

static sqlite3_int64 frame_offset(sqlite3_int64 index) {
    return HC_WAL_HEADER_BYTES + index * HC_WAL_FRAME_BYTES;
}

/* Reads frame `index` (header and sealed page) from disk and opens it into last_read. */
static int read_frame(hc_file *p, sqlite3_int64 index) {
    hc_frame *frame = p->last_read;
    int rc = p->real->pMethods->xRead(p->real, p->scratch, HC_WAL_FRAME_BYTES, frame_offset(index));
    frame->index = -1;
    if (rc == SQLITE_IOERR_SHORT_READ) return SQLITE_IOERR_AUTH; /* SQLite indexed a frame that is gone */
    if (rc != SQLITE_OK) return rc;
    if (!hc_map_lookup(p, index, &frame->pgno, &frame->commit)
        || frame->pgno != hc_get_u32(p->scratch) || frame->commit != hc_get_u32(p->scratch + 4)) {
        return SQLITE_IOERR_AUTH; /* the header changed since it was authenticated or written */
    }
    p->replica->counters.opened++;
    rc = hc_page_open(&p->replica->keys, frame->pgno, frame->commit,
                      p->scratch + HC_WAL_FRAME_HEADER_BYTES, frame->plain);
    if (rc != SQLITE_OK) return rc;
    memcpy(frame->sealed, p->scratch + HC_WAL_FRAME_HEADER_BYTES, HC_PAGE_BYTES);
    frame->index = index;
    return SQLITE_OK;
}

/* A page read (queries, checkpoint): from the cache, else from disk; offered as handoff. */
static int read_page(hc_file *p, unsigned char *buffer, sqlite3_int64 index) {
    const hc_frame *frame = hc_cache_find(p, index);
    int rc = SQLITE_OK;
    if (frame == NULL) {
        rc = read_frame(p, index);
        frame = p->last_read;
    } else {
        p->replica->counters.cached++;
    }
    if (rc != SQLITE_OK) {
        sodium_memzero(buffer, HC_PAGE_BYTES);
        return rc;
    }
    memcpy(buffer, frame->plain, HC_PAGE_BYTES);
    p->handoff = frame;
    return SQLITE_OK;
}

/* A whole-frame read (recovery, checksum rewrite): header unmasked, page opened in place. */
static int read_whole_frame(hc_file *p, unsigned char *buffer, sqlite3_int64 index) {
    unsigned char *page = buffer + HC_WAL_FRAME_HEADER_BYTES;
    int rc = p->real->pMethods->xRead(p->real, buffer, HC_WAL_FRAME_BYTES, frame_offset(index));
    if (rc == SQLITE_IOERR_SHORT_READ) return rc; /* zero-filled: SQLite stops recovery there */
    if (rc == SQLITE_OK) rc = hc_mask_frame_header(&p->replica->keys, index, buffer);
    if (rc != SQLITE_OK) return rc;
    if (hc_get_u32(buffer) == 0) { /* already invalid to SQLite: hide the sealed bytes */
        sodium_memzero(page, HC_PAGE_BYTES);
        return SQLITE_OK;
    }
    p->replica->counters.opened++;
    rc = hc_page_open(&p->replica->keys, hc_get_u32(buffer), hc_get_u32(buffer + 4), page, page);
    if (rc == SQLITE_OK) return hc_map_record(p, index, hc_get_u32(buffer), hc_get_u32(buffer + 4));
    if (p->wrote) return rc;
    sodium_memzero(buffer, HC_WAL_FRAME_BYTES); /* recovering: an invalid frame, not an error */
    return SQLITE_OK;
}

/* A read inside the WAL header (index -1) or a frame header: bytes before the checksum pass
 * through; a range that touches the checksum reads the whole header and unmasks it. */
static int read_header(hc_file *p, unsigned char *buffer, int amount, sqlite3_int64 index, sqlite3_int64 within) {
    unsigned char header[HC_WAL_HEADER_BYTES];
    const int size = index < 0 ? HC_WAL_HEADER_BYTES : HC_WAL_FRAME_HEADER_BYTES;
    const sqlite3_int64 start = index < 0 ? 0 : frame_offset(index);
    int rc;
    if (within + amount <= size - 8) return p->real->pMethods->xRead(p->real, buffer, amount, start + within);
    rc = p->real->pMethods->xRead(p->real, header, size, start);
    if (rc == SQLITE_OK) {
        rc = index < 0 ? hc_mask_wal_header(&p->replica->keys, header)
                       : hc_mask_frame_header(&p->replica->keys, index, header);
    }
    memcpy(buffer, header + within, (size_t)amount);  /* zeros after a short read */
    return rc;
}

static int wal_read(sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset) {
    hc_file *p = as_file(file);
    sqlite3_int64 within;
    sqlite3_int64 index = frame_of(offset, &within);

    if (amount <= 0 || offset < 0) return SQLITE_IOERR_READ;
    if (index < 0 && within + amount > HC_WAL_HEADER_BYTES) return SQLITE_IOERR_READ;
    if (index < 0 || within + amount <= HC_WAL_FRAME_HEADER_BYTES) return read_header(p, buffer, amount, index, within);
    if (within == HC_WAL_FRAME_HEADER_BYTES && amount == HC_PAGE_BYTES) return read_page(p, buffer, index);
    if (within == 0 && amount == HC_WAL_FRAME_BYTES) return read_whole_frame(p, buffer, index);
    return SQLITE_IOERR_READ;
}

static int write_page(hc_file *p, const unsigned char *plain, sqlite3_int64 index, sqlite3_int64 offset) {
    uint32_t pgno = 0, commit = 0;
    hc_frame *slot = hc_cache_slot(p, index);
    unsigned char *sealed = (slot != NULL) ? slot->sealed : p->scratch;
    int rc;

    if (slot != NULL) slot->index = -1;
    if (p->handoff == slot) p->handoff = NULL;
    if (!hc_map_lookup(p, index, &pgno, &commit)) return SQLITE_IOERR_WRITE; /* header not written */
    rc = hc_page_seal(&p->replica->keys, pgno, commit, plain, sealed);
    if (rc != SQLITE_OK) return rc;
    p->replica->counters.sealed++;
    rc = p->real->pMethods->xWrite(p->real, sealed, HC_PAGE_BYTES, offset);
    if (rc == SQLITE_OK && slot != NULL) {
        memcpy(slot->plain, plain, HC_PAGE_BYTES);
        slot->pgno = pgno;
        slot->commit = commit;
        slot->index = index;
    }
    return rc;
}

static int wal_write(sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset) {
    hc_file *p = as_file(file);
    sqlite3_int64 within;
    sqlite3_int64 index = frame_of(offset, &within);
    const unsigned char *bytes = buffer;
    unsigned char header[HC_WAL_HEADER_BYTES];
    int rc;

    if (amount <= 0 || offset < 0) return SQLITE_IOERR_WRITE;
    if (!p->wrote) {
        p->wrote = 1;
        if (hc_cache_open(p) != SQLITE_OK) p->cache = NULL; /* works uncached, only slower */
    }
    if (within == HC_WAL_FRAME_HEADER_BYTES && amount == HC_PAGE_BYTES && index >= 0) {
        return write_page(p, bytes, index, offset);
    }
    if (index < 0 && offset == 0 && amount == HC_WAL_HEADER_BYTES) {
        hc_cache_forget_from(p, 0); /* a new WAL generation: frame numbers restart */
        hc_map_forget_from(p, 0);
        memcpy(header, bytes, HC_WAL_HEADER_BYTES);
        rc = hc_mask_wal_header(&p->replica->keys, header);
    } else if (index >= 0 && within == 0 && amount == HC_WAL_FRAME_HEADER_BYTES) {
        memcpy(header, bytes, HC_WAL_FRAME_HEADER_BYTES);
        rc = hc_map_record(p, index, hc_get_u32(bytes), hc_get_u32(bytes + 4));
        if (rc == SQLITE_OK) rc = hc_mask_frame_header(&p->replica->keys, index, header);
    } else {
        return SQLITE_IOERR_WRITE;
    }
    if (rc != SQLITE_OK) return rc;
    return p->real->pMethods->xWrite(p->real, header, amount, offset);
}

static int wal_truncate(sqlite3_file *file, sqlite3_int64 size) {
    hc_file *p = as_file(file);
    sqlite3_int64 first_gone = size <= HC_WAL_HEADER_BYTES ? 0
        : (size - HC_WAL_HEADER_BYTES) / HC_WAL_FRAME_BYTES;
    hc_cache_forget_from(p, first_gone);
    hc_map_forget_from(p, first_gone);
    return p->real->pMethods->xTruncate(p->real, size);
}

/* Version 1 for the reasons given in hc_main_file.c. */
const sqlite3_io_methods hc_wal_methods = {
    1,
    hc_close,
    wal_read,
    wal_write,
    wal_truncate,
    hc_forward_sync,
    hc_forward_file_size,
    hc_forward_lock,
    hc_forward_unlock,
    hc_forward_check_reserved_lock,
    hc_forward_file_control,
    hc_forward_sector_size,
    hc_forward_device_characteristics,
    NULL, NULL, NULL, NULL, NULL, NULL
};

/* Sets up a WAL file: shares the keys of the main database it belongs to. */
int hc_wal_attach(hc_file *p, const char *name) {
    sqlite3_file *main_file = sqlite3_database_file_object(name);
    if (main_file == NULL || main_file->pMethods != &hc_main_methods) return SQLITE_CANTOPEN;
    p->replica = ((hc_file *)main_file)->replica;
    if (p->replica == NULL || p->replica->wal != NULL) return SQLITE_CANTOPEN;
    p->last_read = sodium_malloc(sizeof *p->last_read);  /* plaintext: kept out of dumps and swap */
    if (p->last_read == NULL) return SQLITE_NOMEM;
    p->last_read->index = -1;
    p->replica->wal = p;
    return SQLITE_OK;
}

void hc_wal_detach(hc_file *p) {
    hc_cache_close(p);
    hc_map_free(p);
    if (p->last_read != NULL) sodium_free(p->last_read);  /* zeroes before releasing */
    p->last_read = NULL;
    if (p->replica != NULL && p->replica->wal == p) p->replica->wal = NULL;
    p->replica = NULL;
}
