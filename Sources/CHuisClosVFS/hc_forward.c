/*
 * hc_forward.c: the io methods that need no encryption, forwarded to the unix file underneath.
 */
#include "hc_internal.h"

static sqlite3_file *real_of(sqlite3_file *file) { return ((hc_file *)file)->real; }

int hc_forward_truncate(sqlite3_file *file, sqlite3_int64 size) {
    sqlite3_file *real = real_of(file);
    return real->pMethods->xTruncate(real, size);
}

int hc_forward_sync(sqlite3_file *file, int flags) {
    sqlite3_file *real = real_of(file);
    return real->pMethods->xSync(real, flags);
}

int hc_forward_file_size(sqlite3_file *file, sqlite3_int64 *size) {
    sqlite3_file *real = real_of(file);
    return real->pMethods->xFileSize(real, size);
}

int hc_forward_lock(sqlite3_file *file, int level) {
    sqlite3_file *real = real_of(file);
    return real->pMethods->xLock(real, level);
}

int hc_forward_unlock(sqlite3_file *file, int level) {
    sqlite3_file *real = real_of(file);
    return real->pMethods->xUnlock(real, level);
}

int hc_forward_check_reserved_lock(sqlite3_file *file, int *out) {
    sqlite3_file *real = real_of(file);
    return real->pMethods->xCheckReservedLock(real, out);
}

/* Forwards file controls, except SQLITE_FCNTL_CHUNK_SIZE: growing the file in chunks would leave
 * zero-filled pages that fail authentication, so it is refused (SQLITE_NOTFOUND = unsupported). */
int hc_forward_file_control(sqlite3_file *file, int op, void *arg) {
    sqlite3_file *real = real_of(file);
    if (op == SQLITE_FCNTL_CHUNK_SIZE) return SQLITE_NOTFOUND;
    return real->pMethods->xFileControl(real, op, arg);
}

int hc_forward_sector_size(sqlite3_file *file) {
    sqlite3_file *real = real_of(file);
    return real->pMethods->xSectorSize(real);
}

int hc_forward_device_characteristics(sqlite3_file *file) {
    sqlite3_file *real = real_of(file);
    return real->pMethods->xDeviceCharacteristics(real);
}
