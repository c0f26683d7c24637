#define OPENSSL_SUPPRESS_DEPRECATED 1
#include "CColumbaCrypt.h"

#include <crypt.h>
#include <openssl/evp.h>
#include <openssl/md5.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

int ccc_crypt(const char *key, const char *setting, char *out, size_t out_len) {
    struct crypt_data *data = calloc(1, sizeof(struct crypt_data));
    if (data == NULL) {
        return -1;
    }
    int rc = -1;
    char *result = crypt_rn(key, setting, data, (int)sizeof(struct crypt_data));
    if (result != NULL && result[0] != '*' && strlen(result) < out_len) {
        strcpy(out, result);
        rc = 0;
    }
    explicit_bzero(data, sizeof(struct crypt_data));
    free(data);
    return rc;
}

int ccc_crypt_gensalt(const char *prefix, unsigned long count, char *out, size_t out_len) {
    char *result = crypt_gensalt_rn(prefix, count, NULL, 0, out, (int)out_len);
    if (result == NULL || result[0] == '*') {
        return -1;
    }
    return 0;
}

static int ccc_sodium_ready(void) {
    return sodium_init() >= 0;
}

size_t ccc_argon2_str_bytes(void) {
    return crypto_pwhash_STRBYTES;
}

int ccc_argon2_hash(char *out, const char *password, size_t password_len,
                    unsigned long long opslimit, size_t memlimit_bytes, int use_argon2id) {
    if (!ccc_sodium_ready()) {
        return -1;
    }
    int alg = use_argon2id ? crypto_pwhash_ALG_ARGON2ID13 : crypto_pwhash_ALG_ARGON2I13;
    return crypto_pwhash_str_alg(out, password, password_len, opslimit, memlimit_bytes, alg);
}

int ccc_argon2_verify(const char *stored, const char *password, size_t password_len) {
    if (!ccc_sodium_ready()) {
        return -1;
    }
    return crypto_pwhash_str_verify(stored, password, password_len);
}

static void ccc_put_le32(uint8_t *p, MD5_LONG v) {
    p[0] = (uint8_t)(v & 0xff);
    p[1] = (uint8_t)((v >> 8) & 0xff);
    p[2] = (uint8_t)((v >> 16) & 0xff);
    p[3] = (uint8_t)((v >> 24) & 0xff);
}

static MD5_LONG ccc_get_le32(const uint8_t *p) {
    return (MD5_LONG)p[0] | ((MD5_LONG)p[1] << 8) | ((MD5_LONG)p[2] << 16) | ((MD5_LONG)p[3] << 24);
}

void ccc_cram_md5_context(const uint8_t *key, size_t key_len, uint8_t out[32]) {
    uint8_t block[64];
    uint8_t digest[MD5_DIGEST_LENGTH];
    memset(block, 0, sizeof(block));
    if (key_len > 64) {
        MD5(key, key_len, digest);
        memcpy(block, digest, sizeof(digest));
    } else {
        memcpy(block, key, key_len);
    }
    for (int pad = 0; pad < 2; pad++) {
        uint8_t padded[64];
        uint8_t xor_byte = pad == 0 ? 0x36 : 0x5c;
        for (int i = 0; i < 64; i++) {
            padded[i] = block[i] ^ xor_byte;
        }
        MD5_CTX ctx;
        MD5_Init(&ctx);
        MD5_Update(&ctx, padded, sizeof(padded));
        uint8_t *p = out + (1 - pad) * 16;
        ccc_put_le32(p, ctx.A);
        ccc_put_le32(p + 4, ctx.B);
        ccc_put_le32(p + 8, ctx.C);
        ccc_put_le32(p + 12, ctx.D);
        explicit_bzero(padded, sizeof(padded));
        explicit_bzero(&ctx, sizeof(ctx));
    }
    explicit_bzero(block, sizeof(block));
}

static void ccc_md5_resume(MD5_CTX *ctx, const uint8_t state[16]) {
    MD5_Init(ctx);
    ctx->A = ccc_get_le32(state);
    ctx->B = ccc_get_le32(state + 4);
    ctx->C = ccc_get_le32(state + 8);
    ctx->D = ccc_get_le32(state + 12);
    ctx->Nl = 512;
    ctx->Nh = 0;
    ctx->num = 0;
}

void ccc_cram_md5_finish(const uint8_t context[32], const uint8_t *message, size_t message_len,
                         uint8_t out[16]) {
    MD5_CTX ctx;
    uint8_t inner[MD5_DIGEST_LENGTH];
    ccc_md5_resume(&ctx, context + 16);
    MD5_Update(&ctx, message, message_len);
    MD5_Final(inner, &ctx);
    ccc_md5_resume(&ctx, context);
    MD5_Update(&ctx, inner, sizeof(inner));
    MD5_Final(out, &ctx);
    explicit_bzero(&ctx, sizeof(ctx));
}

int ccc_pbkdf2(int digest, const uint8_t *password, size_t password_len,
               const uint8_t *salt, size_t salt_len, unsigned int iterations,
               uint8_t *out, size_t out_len) {
    const EVP_MD *md = digest == 256 ? EVP_sha256() : EVP_sha1();
    int ok = PKCS5_PBKDF2_HMAC((const char *)password, (int)password_len, salt, (int)salt_len,
                               (int)iterations, md, (int)out_len, out);
    return ok == 1 ? 0 : -1;
}
