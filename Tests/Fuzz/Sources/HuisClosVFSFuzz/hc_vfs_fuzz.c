/*
 * hc_vfs_fuzz.c: drives the encrypting VFS (CHuisClosVFS) over fuzzed files. A replica is made
 * with the settings HuisClosReplica uses (exclusive locking, 4 KiB pages with 40 reserved bytes,
 * WAL), under a fixed key and database id handed to the VFS's registry directly.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "CHuisClosVFS.h"
#include "HuisClosVFSFuzz.h"

static const unsigned char fuzz_key[HC_KEY_BYTES] = {
    7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7};
static const unsigned char fuzz_id[HC_DB_ID_BYTES] = {'h', 'u', 'i', 's', 'c', 'l', 'o', 's', '-', 'f', 'u', 'z', 'z', '-', 'i', 'd'};

/* The folder the fuzzed files are written to (TMPDIR, or /tmp), and their paths. */
static char database_path[512];
static char wal_path[520];
/* The generated replica's database file, under every fuzzed WAL. */
static unsigned char *base_database;
static size_t base_database_size;

static int write_file(const char *path, const uint8_t *data, size_t size) {
    FILE *file = fopen(path, "wb");
    if (file == NULL) return -1;
    size_t written = size == 0 ? 0 : fwrite(data, 1, size, file);
    fclose(file);
    return written == size ? 0 : -1;
}

static unsigned char *read_file(const char *path, size_t *size) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) return NULL;
    fseek(file, 0, SEEK_END);
    long length = ftell(file);
    fseek(file, 0, SEEK_SET);
    unsigned char *bytes = malloc(length > 0 ? (size_t)length : 1);
    *size = fread(bytes, 1, (size_t)length, file);
    fclose(file);
    return bytes;
}

/* Opens `path` through the VFS with the fixed key, as the replica does. */
static int open_replica(const char *path, sqlite3 **db) {
    char token[HC_TOKEN_CHARS + 1];
    char uri[700];
    int rc = hc_vfs_add_key(fuzz_key, sizeof fuzz_key, fuzz_id, sizeof fuzz_id, token, sizeof token);
    if (rc != SQLITE_OK) return rc;
    snprintf(uri, sizeof uri, "file:%s?vfs=%s&hckey=%s", path, HC_VFS_NAME, token);
    rc = sqlite3_open_v2(uri, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, NULL);
    hc_vfs_remove_key(token);
    if (rc == SQLITE_OK) {
        rc = sqlite3_exec(*db, "PRAGMA locking_mode = EXCLUSIVE; PRAGMA temp_store = MEMORY; PRAGMA synchronous = OFF;", NULL, NULL, NULL);
    }
    return rc;
}

/* Reads everything a member's device would: the schema, every row of every table, the integrity
 * check (reads only: a write would make each execution pay a checkpoint). */
static void read_through(sqlite3 *db) {
    static const char *const queries[] = {
        "PRAGMA journal_mode = WAL", "SELECT name, sql FROM sqlite_master", "SELECT * FROM t", "SELECT b FROM t WHERE b > 'm'",
        "PRAGMA integrity_check",
    };
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        sqlite3_stmt *statement = NULL;
        if (sqlite3_prepare_v2(db, queries[i], -1, &statement, NULL) == SQLITE_OK) {
            int steps = 0;
            while (sqlite3_step(statement) == SQLITE_ROW && ++steps < 10000) {
                for (int column = 0; column < sqlite3_column_count(statement); column++) (void)sqlite3_column_bytes(statement, column);
            }
        }
        sqlite3_finalize(statement);
    }
}

/* Creates a replica at `path` with rows, and with `more` commits left in its WAL (no checkpoint at close). */
static int make_replica(const char *path, int more) {
    char wal[520];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(path);
    unlink(wal);
    sqlite3 *db = NULL;
    int rc = open_replica(path, &db);
    if (rc == SQLITE_OK) rc = sqlite3_exec(db, "PRAGMA page_size = 4096", NULL, NULL, NULL);
    if (rc == SQLITE_OK) rc = hc_vfs_request_reserve(db);
    if (rc == SQLITE_OK) {
        rc = sqlite3_exec(db,
                          "PRAGMA journal_mode = MEMORY; PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;"
                          "CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT); CREATE INDEX tb ON t(b);"
                          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)"
                          " INSERT INTO t(b) SELECT printf('ligne %d de l''ordre du jour', i) FROM n;"
                          "PRAGMA wal_checkpoint(TRUNCATE);",
                          NULL, NULL, NULL);
    }
    if (rc == SQLITE_OK && more) {
        rc = sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
        for (int commit = 0; rc == SQLITE_OK && commit < 2; commit++) {
            rc = sqlite3_exec(db, "UPDATE t SET b = b || ' (modifié)' WHERE a % 20 = 0; INSERT INTO t(b) VALUES ('avis adopté');",
                              NULL, NULL, NULL);
        }
    }
    sqlite3_close(db);
    return rc;
}

/* Registers the VFS and generates the replica every fuzzed WAL sits on, once. */
static void set_up(void) {
    if (base_database != NULL) return;
    if (hc_vfs_register() != SQLITE_OK) abort();
    const char *folder = getenv("TMPDIR");
    snprintf(database_path, sizeof database_path, "%s/huisclos-vfs-fuzz-%d.db", folder ? folder : "/tmp", (int)getpid());
    snprintf(wal_path, sizeof wal_path, "%s-wal", database_path);
    if (make_replica(database_path, 0) != SQLITE_OK) abort();
    base_database = read_file(database_path, &base_database_size);
    if (base_database == NULL) abort();
}

static void run(void) {
    sqlite3 *db = NULL;
    if (open_replica(database_path, &db) == SQLITE_OK && sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL) == SQLITE_OK) {
        read_through(db);
    }
    sqlite3_close(db);
}

int hc_fuzz_database(const uint8_t *data, size_t size) {
    set_up();
    unlink(wal_path);
    if (write_file(database_path, data, size) != 0) abort();
    run();
    return 0;
}

int hc_fuzz_wal(const uint8_t *data, size_t size) {
    set_up();
    if (write_file(database_path, base_database, base_database_size) != 0 || write_file(wal_path, data, size) != 0) abort();
    run();
    return 0;
}

int hc_fuzz_write_seeds(const char *database_seed, const char *wal_seed) {
    set_up();
    size_t size = 0;
    int rc = make_replica(database_path, 1);
    if (rc != SQLITE_OK) return rc;
    unsigned char *wal = read_file(wal_path, &size);
    if (wal == NULL || write_file(wal_seed, wal, size) != 0) return SQLITE_IOERR;
    free(wal);
    if (write_file(database_seed, base_database, base_database_size) != 0) return SQLITE_IOERR;
    return SQLITE_OK;
}
