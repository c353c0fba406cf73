/*
 * hc_registry.c: the process-wide table that hands a key from Swift to the VFS.
 *
 * GRDB opens databases with sqlite3_open_v2(path, flags, NULL), so the only channel into the
 * VFS's xOpen is the URI. The URI carries a one-time random token, never the key: the key waits
 * here, in sodium_malloc memory, from hc_vfs_add_key until hc_vfs_remove_key (the Swift layer
 * removes it as soon as the open returns). The main-database file copies it into its own guarded
 * memory and frees that copy when it closes.
 */
#include <pthread.h>
#include <string.h>
#include <sodium.h>
#include "hc_internal.h"

typedef struct hc_entry {
    int used;
    char token[HC_TOKEN_CHARS + 1];
    hc_keys keys;
} hc_entry;

static pthread_mutex_t registry_mutex = PTHREAD_MUTEX_INITIALIZER;
static hc_entry registry[HC_REGISTRY_SLOTS];

/* Allocates guarded memory for a key and fills it from `source`, then makes it read-only. */
static int guarded_key_copy(const unsigned char *source, unsigned char **out) {
    unsigned char *key = sodium_malloc(HC_KEY_BYTES);
    if (key == NULL) return SQLITE_NOMEM;
    memcpy(key, source, HC_KEY_BYTES);
    if (sodium_mprotect_readonly(key) != 0) {
        sodium_free(key);
        return SQLITE_NOMEM;
    }
    *out = key;
    return SQLITE_OK;
}

void hc_keys_free(hc_keys *keys) {
    if (keys->key != NULL) sodium_free(keys->key); /* sodium_free zeroes before releasing */
    if (keys->mask_key != NULL) sodium_free(keys->mask_key);
    keys->key = NULL;
    keys->mask_key = NULL;
    sodium_memzero(keys->id, sizeof keys->id);
}

static hc_entry *find_locked(const char *token) {
    for (int i = 0; i < HC_REGISTRY_SLOTS; i++) {
        if (registry[i].used && strcmp(registry[i].token, token) == 0) return &registry[i];
    }
    return NULL;
}

int hc_vfs_add_key(const unsigned char *key, size_t key_length,
                   const unsigned char *database_id, size_t database_id_length,
                   char *token, size_t token_capacity) {
    unsigned char random_token[HC_TOKEN_CHARS / 2];
    hc_entry *slot = NULL;
    int rc;

    if (key == NULL || database_id == NULL || token == NULL || key_length != HC_KEY_BYTES
        || database_id_length != HC_DB_ID_BYTES || token_capacity < HC_TOKEN_CHARS + 1) {
        return SQLITE_MISUSE;
    }
    if (sodium_init() < 0) return SQLITE_ERROR;
    if (pthread_mutex_lock(&registry_mutex) != 0) return SQLITE_ERROR;
    for (int i = 0; i < HC_REGISTRY_SLOTS && slot == NULL; i++) {
        if (!registry[i].used) slot = &registry[i];
    }
    rc = (slot == NULL) ? SQLITE_FULL : guarded_key_copy(key, &slot->keys.key);
    if (rc == SQLITE_OK) {
        randombytes_buf(random_token, sizeof random_token);
        if (sodium_bin2hex(slot->token, sizeof slot->token, random_token, sizeof random_token) == NULL) {
            hc_keys_free(&slot->keys);
            rc = SQLITE_ERROR;
        } else {
            memcpy(slot->keys.id, database_id, HC_DB_ID_BYTES);
            memcpy(token, slot->token, HC_TOKEN_CHARS + 1);
            slot->used = 1;
        }
    }
    if (pthread_mutex_unlock(&registry_mutex) != 0) return SQLITE_ERROR;
    return rc;
}

int hc_vfs_remove_key(const char *token) {
    hc_entry *entry;
    if (token == NULL) return SQLITE_MISUSE;
    if (pthread_mutex_lock(&registry_mutex) != 0) return SQLITE_ERROR;
    entry = find_locked(token);
    if (entry != NULL) {
        hc_keys_free(&entry->keys);
        sodium_memzero(entry->token, sizeof entry->token);
        entry->used = 0;
    }
    if (pthread_mutex_unlock(&registry_mutex) != 0) return SQLITE_ERROR;
    return entry != NULL ? SQLITE_OK : SQLITE_NOTFOUND;
}

/* Copies the key and id registered under `token` into `keys` (keys->key newly guarded memory).
 * Returns SQLITE_OK, SQLITE_CANTOPEN for an unknown token, or SQLITE_NOMEM. */
int hc_registry_copy(const char *token, hc_keys *keys) {
    hc_entry *entry;
    int rc;
    if (pthread_mutex_lock(&registry_mutex) != 0) return SQLITE_ERROR;
    entry = find_locked(token);
    rc = (entry == NULL) ? SQLITE_CANTOPEN : guarded_key_copy(entry->keys.key, &keys->key);
    if (rc == SQLITE_OK) memcpy(keys->id, entry->keys.id, HC_DB_ID_BYTES);
    if (pthread_mutex_unlock(&registry_mutex) != 0) {
        if (rc == SQLITE_OK) hc_keys_free(keys);
        return SQLITE_ERROR;
    }
    return rc;
}
