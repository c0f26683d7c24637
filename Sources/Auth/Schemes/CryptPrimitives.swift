import CColumbaCrypt

/// Swift entry points to the C shim over libxcrypt, libsodium and OpenSSL.
enum CryptPrimitives {
    /// crypt(3) of `password` with `setting`; `nil` on failure or when the password contains NUL.
    static func crypt(password: String, setting: String) -> String? {
        guard !password.utf8.contains(0) else { return nil }
        var out = [CChar](repeating: 0, count: 512)
        let rc = out.withUnsafeMutableBufferPointer { buffer in
            ccc_crypt(password, setting, buffer.baseAddress, buffer.count)
        }
        guard rc == 0 else { return nil }
        return out.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// A fresh crypt(3) setting such as `$6$<salt>` or `$2y$05$<salt>`.
    static func gensalt(prefix: String, count: UInt) -> String? {
        var out = [CChar](repeating: 0, count: 256)
        let rc = out.withUnsafeMutableBufferPointer { buffer in
            ccc_crypt_gensalt(prefix, count, buffer.baseAddress, buffer.count)
        }
        guard rc == 0 else { return nil }
        return out.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// An argon2 string (`$argon2id$v=19$m=…`) from libsodium.
    static func argon2Hash(password: String, opsLimit: UInt64, memoryBytes: Int, argon2id: Bool) -> String? {
        var out = [CChar](repeating: 0, count: ccc_argon2_str_bytes() + 1)
        let bytes = Array(password.utf8)
        let rc = out.withUnsafeMutableBufferPointer { buffer in
            bytes.withUnsafeBufferPointer { pw in
                pw.withMemoryRebound(to: CChar.self) { pwChars in
                    ccc_argon2_hash(
                        buffer.baseAddress,
                        pwChars.baseAddress,
                        pwChars.count,
                        opsLimit,
                        memoryBytes,
                        argon2id ? 1 : 0
                    )
                }
            }
        }
        guard rc == 0 else { return nil }
        return out.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Whether `password` matches an argon2i/argon2id string.
    static func argon2Verify(stored: String, password: String) -> Bool {
        let bytes = Array(password.utf8)
        let rc = bytes.withUnsafeBufferPointer { pw in
            pw.withMemoryRebound(to: CChar.self) { pwChars in
                ccc_argon2_verify(stored, pwChars.baseAddress, pwChars.count)
            }
        }
        return rc == 0
    }

    /// Dovecot's 32-byte CRAM-MD5 context of a secret.
    static func cramMD5Context(secret: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        secret.withUnsafeBufferPointer { key in
            out.withUnsafeMutableBufferPointer { buffer in
                ccc_cram_md5_context(key.baseAddress, key.count, buffer.baseAddress)
            }
        }
        return out
    }

    /// HMAC-MD5 of `message` finished from a CRAM-MD5 context.
    static func cramMD5Digest(context: [UInt8], message: [UInt8]) -> [UInt8] {
        precondition(context.count == 32, "a CRAM-MD5 context is 32 bytes")
        var out = [UInt8](repeating: 0, count: 16)
        context.withUnsafeBufferPointer { ctx in
            message.withUnsafeBufferPointer { msg in
                out.withUnsafeMutableBufferPointer { buffer in
                    ccc_cram_md5_finish(ctx.baseAddress, msg.baseAddress, msg.count, buffer.baseAddress)
                }
            }
        }
        return out
    }

    /// PBKDF2-HMAC with SHA-1 or SHA-256.
    static func pbkdf2(sha256: Bool, password: [UInt8], salt: [UInt8], iterations: Int, length: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        let rc = password.withUnsafeBufferPointer { pw in
            salt.withUnsafeBufferPointer { saltBuffer in
                out.withUnsafeMutableBufferPointer { buffer in
                    ccc_pbkdf2(
                        sha256 ? 256 : 1,
                        pw.baseAddress,
                        pw.count,
                        saltBuffer.baseAddress,
                        saltBuffer.count,
                        UInt32(iterations),
                        buffer.baseAddress,
                        buffer.count
                    )
                }
            }
        }
        precondition(rc == 0, "PKCS5_PBKDF2_HMAC failed")
        return out
    }
}
