#ifndef CCOLUMBACRYPT_H
#define CCOLUMBACRYPT_H
#include <stddef.h>
#include <stdint.h>

/// Hashes `key` with crypt(3) (libxcrypt) using `setting` (a full hash or a salt string).
/// Writes a NUL-terminated result to `out`. Returns 0 on success, -1 on failure
/// (including libxcrypt's `*` failure tokens).
int ccc_crypt(const char *key, const char *setting, char *out, size_t out_len);

/// Generates a crypt(3) setting for `prefix` (`$6$`, `$5$`, `$2y$`, `$1$`) and `count`
/// (0 = the method's default) from the system's random source. Returns 0 on success.
int ccc_crypt_gensalt(const char *prefix, unsigned long count, char *out, size_t out_len);

/// Maximum size of an argon2 string written by `ccc_argon2_hash`, including the NUL.
size_t ccc_argon2_str_bytes(void);

/// Hashes `password` with libsodium's argon2 (`use_argon2id` = 1 for argon2id, 0 for argon2i).
/// Returns 0 on success.
int ccc_argon2_hash(char *out, const char *password, size_t password_len,
                    unsigned long long opslimit, size_t memlimit_bytes, int use_argon2id);

/// Verifies `password` against an argon2i/argon2id string. Returns 0 when it matches.
int ccc_argon2_verify(const char *stored, const char *password, size_t password_len);

/// Computes Dovecot's CRAM-MD5 stored form: the MD5 state words after hashing
/// the inner and the outer HMAC pad, 32 bytes, little-endian, outer pad first (as Dovecot writes it).
void ccc_cram_md5_context(const uint8_t *key, size_t key_len, uint8_t out[32]);

/// Finishes HMAC-MD5 of `message` from a 32-byte context made by `ccc_cram_md5_context`.
void ccc_cram_md5_finish(const uint8_t context[32], const uint8_t *message, size_t message_len,
                         uint8_t out[16]);

/// PBKDF2-HMAC with SHA-1 (`digest` = 1) or SHA-256 (`digest` = 256). Returns 0 on success.
int ccc_pbkdf2(int digest, const uint8_t *password, size_t password_len,
               const uint8_t *salt, size_t salt_len, unsigned int iterations,
               uint8_t *out, size_t out_len);

#endif
