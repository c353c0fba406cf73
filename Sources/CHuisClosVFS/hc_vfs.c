/*
 * hc_vfs.c: the VFS object: registration, xOpen, and the VFS methods forwarded to unix.
 *
 * xOpen accepts exactly two kinds of file: the main database (encrypted, hc_main_file.c) and
 * its WAL (encrypted, hc_wal_file.c). Every other file SQLite might create through this VFS
 * (rollback journal, super-journal, statement journal, temporary database, transient index,
 * sorter spill) is refused with SQLITE_CANTOPEN, so no plaintext byte can reach the disk. The
 * Swift layer sets journal_mode=WAL and temp_store=MEMORY, under which SQLite needs none of them.
 */
#include <pthread.h>
#include <string.h>
#include <sodium.h>
#include "hc_internal.h"

/* Size of hc_file rounded up to 8 bytes, so the unix file after it is aligned. */
#define HC_FILE_BYTES ((sizeof(hc_file) + 7) & ~(size_t)7)

static sqlite3_vfs hc_vfs;
static pthread_once_t register_once = PTHREAD_ONCE_INIT;
static int register_result = SQLITE_ERROR;

static sqlite3_vfs *real_vfs(sqlite3_vfs *vfs) { return (sqlite3_vfs *)vfs->pAppData; }

static int vfs_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *out_flags) {
    hc_file *p = (hc_file *)file;
    sqlite3_vfs *real = real_vfs(vfs);
    const int is_main = (flags & SQLITE_OPEN_MAIN_DB) != 0;
    const int is_wal = (flags & SQLITE_OPEN_WAL) != 0;
    int rc;

    memset(p, 0, sizeof *p);
    if ((!is_main && !is_wal) || name == NULL) return SQLITE_CANTOPEN;
    p->real = (sqlite3_file *)((unsigned char *)file + HC_FILE_BYTES);
    p->real->pMethods = NULL;  /* set by the unix xOpen only if it succeeds */
    p->scratch = sodium_malloc(HC_WAL_FRAME_BYTES);  /* plaintext: kept out of dumps and swap */
    if (p->scratch == NULL) return SQLITE_NOMEM;
    p->base.pMethods = is_main ? &hc_main_methods : &hc_wal_methods;
    rc = is_main ? hc_main_attach(p, name) : hc_wal_attach(p, name);
    if (rc == SQLITE_OK) rc = real->xOpen(real, name, p->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        hc_close(file);
        p->base.pMethods = NULL;  /* SQLite must not call xClose on a file that failed to open */
    }
    return rc;
}

/* xClose of both kinds of file (also undoes a half-done xOpen): closes the unix file, releases
 * the keys or the WAL's caches, zeroes and frees the scratch page. */
int hc_close(sqlite3_file *file) {
    hc_file *p = (hc_file *)file;
    int rc = SQLITE_OK;
    if (p->real->pMethods != NULL) rc = p->real->pMethods->xClose(p->real);
    if (p->base.pMethods == &hc_main_methods) hc_main_detach(p); else hc_wal_detach(p);
    if (p->scratch != NULL) {
        sodium_free(p->scratch);  /* zeroes before releasing */
        p->scratch = NULL;
    }
    return rc;
}

static int vfs_delete(sqlite3_vfs *vfs, const char *name, int sync_dir) {
    return real_vfs(vfs)->xDelete(real_vfs(vfs), name, sync_dir);
}

static int vfs_access(sqlite3_vfs *vfs, const char *name, int flags, int *out) {
    return real_vfs(vfs)->xAccess(real_vfs(vfs), name, flags, out);
}

static int vfs_full_pathname(sqlite3_vfs *vfs, const char *name, int size, char *out) {
    return real_vfs(vfs)->xFullPathname(real_vfs(vfs), name, size, out);
}

static void *vfs_dl_open(sqlite3_vfs *vfs, const char *name) {
    return real_vfs(vfs)->xDlOpen(real_vfs(vfs), name);
}

static void vfs_dl_error(sqlite3_vfs *vfs, int size, char *out) {
    real_vfs(vfs)->xDlError(real_vfs(vfs), size, out);
}

static void (*vfs_dl_sym(sqlite3_vfs *vfs, void *handle, const char *symbol))(void) {
    return real_vfs(vfs)->xDlSym(real_vfs(vfs), handle, symbol);
}

static void vfs_dl_close(sqlite3_vfs *vfs, void *handle) {
    real_vfs(vfs)->xDlClose(real_vfs(vfs), handle);
}

static int vfs_randomness(sqlite3_vfs *vfs, int size, char *out) {
    return real_vfs(vfs)->xRandomness(real_vfs(vfs), size, out);
}

static int vfs_sleep(sqlite3_vfs *vfs, int microseconds) {
    return real_vfs(vfs)->xSleep(real_vfs(vfs), microseconds);
}

static int vfs_current_time(sqlite3_vfs *vfs, double *out) {
    return real_vfs(vfs)->xCurrentTime(real_vfs(vfs), out);
}

static int vfs_get_last_error(sqlite3_vfs *vfs, int size, char *out) {
    return real_vfs(vfs)->xGetLastError(real_vfs(vfs), size, out);
}

static int vfs_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *out) {
    return real_vfs(vfs)->xCurrentTimeInt64(real_vfs(vfs), out);
}

static void register_vfs(void) {
    sqlite3_vfs *unix_vfs;
    if (sodium_init() < 0) return;
    unix_vfs = sqlite3_vfs_find("unix");
    if (unix_vfs == NULL || unix_vfs->iVersion < 2) return;
    hc_vfs.iVersion = 2;
    hc_vfs.szOsFile = (int)HC_FILE_BYTES + unix_vfs->szOsFile;
    hc_vfs.mxPathname = unix_vfs->mxPathname;
    hc_vfs.zName = HC_VFS_NAME;
    hc_vfs.pAppData = unix_vfs;
    hc_vfs.xOpen = vfs_open;
    hc_vfs.xDelete = vfs_delete;
    hc_vfs.xAccess = vfs_access;
    hc_vfs.xFullPathname = vfs_full_pathname;
    hc_vfs.xDlOpen = vfs_dl_open;
    hc_vfs.xDlError = vfs_dl_error;
    hc_vfs.xDlSym = vfs_dl_sym;
    hc_vfs.xDlClose = vfs_dl_close;
    hc_vfs.xRandomness = vfs_randomness;
    hc_vfs.xSleep = vfs_sleep;
    hc_vfs.xCurrentTime = vfs_current_time;
    hc_vfs.xGetLastError = vfs_get_last_error;
    hc_vfs.xCurrentTimeInt64 = vfs_current_time_int64;
    register_result = sqlite3_vfs_register(&hc_vfs, 0);
}

int hc_vfs_register(void) {
    if (pthread_once(&register_once, register_vfs) != 0) return SQLITE_ERROR;
    return register_result;
}

int hc_vfs_request_reserve(sqlite3 *db) {
    int reserve = HC_RESERVE_BYTES;
    return sqlite3_file_control(db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
}

int hc_vfs_read_reserve(sqlite3 *db, int *reserve) {
    int query = -1;
    int rc = sqlite3_file_control(db, "main", SQLITE_FCNTL_RESERVE_BYTES, &query);
    if (rc == SQLITE_OK) *reserve = query;
    return rc;
}

int hc_vfs_read_counters(sqlite3 *db, hc_vfs_counters *counters) {
    sqlite3_file *file = NULL;
    int rc = sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file);
    if (rc != SQLITE_OK) return rc;
    if (file == NULL || file->pMethods != &hc_main_methods) return SQLITE_NOTFOUND;
    return file->pMethods->xFileControl(file, HC_FCNTL_COUNTERS, counters);
}
