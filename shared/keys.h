/* keys.h — CURVE key files: a key pair kept as two Z85 text files, the
 * secret one 0600. Both sides use it: the daemon for its long-term key, the
 * client for its device key. */
#ifndef CONGVU_KEYS_H
#define CONGVU_KEYS_H

#include <stdbool.h>

#define KEY_Z85_LEN 40 /* a 32-byte key in Z85, without the NUL */

typedef struct {
	char pub[KEY_Z85_LEN + 1];
	char sec[KEY_Z85_LEN + 1];
} keypair_t;

/* Make a new key pair. 0 on success. */
int keys_generate(keypair_t *kp);

/* Write PATH.pub (0644) and PATH (0600; created exclusively, never
 * overwritten). 0 on success, -1 with errno set. */
int keys_save(const keypair_t *kp, const char *path);

/* Read PATH and PATH.pub. Refuses (returns -2) a secret file readable or
 * writable by group or others; -1 when missing or malformed. */
int keys_load(keypair_t *kp, const char *path);

/* Read one Z85 key (a 40-character line) from a file into out. */
int keys_read_pub(const char *path, char out[KEY_Z85_LEN + 1]);

/* True when s is 40 characters of valid Z85 encoding a 32-byte key. */
bool keys_valid_z85(const char *s);

#endif
