import Crypto

/// Hashes and verifies passwords in every ``PasswordScheme``, writing exactly the
/// format `doveadm pw -s SCHEME` writes.
///
/// The synchronous functions block (crypt, argon2 and PBKDF2 are slow on purpose); from
/// async code use ``hashInBackground(password:format:rounds:)`` and
/// ``verifyInBackground(password:stored:)``, which run on NIO's thread pool.
public enum PasswordHasher {
    /// Hashes `password` and returns the stored form with its `{SCHEME}` prefix. Blocks.
    /// - Parameters:
    ///   - password: the plaintext password.
    ///   - format: scheme and optional encoding suffix.
    ///   - rounds: cost parameter (crypt rounds/cost, argon2 passes, SCRAM iterations);
    ///     `nil` uses Dovecot's defaults.
    /// - Throws: ``PasswordHashingFailed`` when the underlying library refuses.
    public static func hash(password: String, format: PasswordFormat, rounds: Int? = nil) throws -> String {
        let payload: String
        let encoding = format.effectiveEncoding
        switch format.scheme {
        case .sha512Crypt: payload = try crypt(password, prefix: "$6$", count: rounds ?? 0, format: format)
        case .sha256Crypt: payload = try crypt(password, prefix: "$5$", count: rounds ?? 0, format: format)
        case .blfCrypt, .crypt: payload = try crypt(password, prefix: "$2y$", count: rounds ?? 5, format: format)
        case .md5Crypt: payload = try crypt(password, prefix: "$1$", count: 0, format: format)
        case .argon2id:
            payload = try argon2(password, ops: rounds ?? 3, memory: 64 << 20, argon2id: true, format: format)
        case .argon2i:
            payload = try argon2(password, ops: rounds ?? 4, memory: 32 << 20, argon2id: false, format: format)
        case .scramSHA256, .scramSHA1:
            let algorithm: SCRAMAlgorithm = format.scheme == .scramSHA256 ? .sha256 : .sha1
            payload =
                SCRAMCredentials(
                    password: password,
                    algorithm: algorithm,
                    salt: ByteEncoding.randomBytes(16),
                    iterations: rounds ?? 4096
                ).payload
        case .ssha512, .ssha256, .ssha, .smd5:
            let salt = ByteEncoding.randomBytes(4)
            payload = encoding.encode(digest(format.scheme, Array(password.utf8) + salt) + salt)
        case .sha512, .sha256, .sha1, .plainMD5, .ldapMD5:
            payload = encoding.encode(digest(format.scheme, Array(password.utf8)))
        case .cramMD5:
            payload = encoding.encode(CryptPrimitives.cramMD5Context(secret: Array(password.utf8)))
        case .plain:
            payload = encoding.encode(Array(password.utf8))
        }
        return StoredPassword(format: format, payload: payload).encoded
    }

    /// Hashes on NIO's thread pool; see ``hash(password:format:rounds:)``.
    public static func hashInBackground(
        password: String,
        format: PasswordFormat,
        rounds: Int? = nil
    ) async throws -> String {
        try await BlockingWork.run { try hash(password: password, format: format, rounds: rounds) }
    }

    /// Whether `password` matches `stored`. Blocks for slow schemes. Comparisons are constant-time.
    /// - Parameters:
    ///   - password: the plaintext the client sent.
    ///   - stored: the parsed stored password.
    public static func verify(password: String, stored: StoredPassword) -> Bool {
        let passwordBytes = Array(password.utf8)
        let scheme = stored.format.scheme
        switch scheme {
        case .sha512Crypt, .sha256Crypt, .blfCrypt, .md5Crypt, .crypt:
            guard !stored.payload.isEmpty,
                let computed = CryptPrimitives.crypt(password: password, setting: stored.payload)
            else { return false }
            return ByteEncoding.constantTimeEquals(Array(computed.utf8), Array(stored.payload.utf8))
        case .argon2id, .argon2i:
            let prefix = scheme == .argon2id ? "$argon2id$" : "$argon2i$"
            return stored.payload.hasPrefix(prefix)
                && CryptPrimitives.argon2Verify(stored: stored.payload, password: password)
        case .scramSHA256, .scramSHA1:
            let algorithm: SCRAMAlgorithm = scheme == .scramSHA256 ? .sha256 : .sha1
            guard let expected = SCRAMCredentials(payload: stored.payload, algorithm: algorithm) else { return false }
            let computed = SCRAMCredentials(
                password: password,
                algorithm: algorithm,
                salt: expected.salt,
                iterations: expected.iterations
            )
            return ByteEncoding.constantTimeEquals(
                computed.storedKey + computed.serverKey,
                expected.storedKey + expected.serverKey
            )
        case .ssha512, .ssha256, .ssha, .smd5:
            let length = digest(scheme, []).count
            guard let decoded = decodeBinary(stored, minimumLength: length + 1) else { return false }
            let salt = Array(decoded[length...])
            return ByteEncoding.constantTimeEquals(digest(scheme, passwordBytes + salt), Array(decoded[..<length]))
        case .sha512, .sha256, .sha1, .plainMD5, .ldapMD5:
            let expected = digest(scheme, passwordBytes)
            guard let decoded = decodeBinary(stored, exactLength: expected.count) else { return false }
            return ByteEncoding.constantTimeEquals(expected, decoded)
        case .cramMD5:
            guard let decoded = decodeBinary(stored, exactLength: 32) else { return false }
            return ByteEncoding.constantTimeEquals(CryptPrimitives.cramMD5Context(secret: passwordBytes), decoded)
        case .plain:
            guard let decoded = stored.format.effectiveEncoding.decode(stored.payload) else { return false }
            return ByteEncoding.constantTimeEquals(passwordBytes, decoded)
        }
    }

    /// Verifies a stored password string; an unknown `{SCHEME}` never matches.
    /// - Parameters:
    ///   - password: the plaintext the client sent.
    ///   - stored: the string from the passdb.
    ///   - defaultScheme: the scheme of a string without `{SCHEME}` prefix.
    public static func verify(password: String, stored: String, defaultScheme: PasswordFormat = .init(.crypt)) -> Bool {
        guard let parsed = try? StoredPassword(parsing: stored, defaultScheme: defaultScheme) else { return false }
        return verify(password: password, stored: parsed)
    }

    /// Verifies on NIO's thread pool when the scheme is slow; see ``verify(password:stored:)``.
    public static func verifyInBackground(password: String, stored: StoredPassword) async throws -> Bool {
        guard stored.format.scheme.isSlow else { return verify(password: password, stored: stored) }
        return try await BlockingWork.run { verify(password: password, stored: stored) }
    }

    /// The plaintext a `{PLAIN}` password stores, or `nil` for any other scheme.
    public static func plaintext(of stored: StoredPassword) -> String? {
        guard stored.format.scheme == .plain, let bytes = stored.format.effectiveEncoding.decode(stored.payload) else {
            return nil
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Helpers

    static func digest(_ scheme: PasswordScheme, _ data: [UInt8]) -> [UInt8] {
        switch scheme {
        case .ssha512, .sha512: Array(SHA512.hash(data: data))
        case .ssha256, .sha256: Array(SHA256.hash(data: data))
        case .ssha, .sha1: Array(Insecure.SHA1.hash(data: data))
        case .smd5, .plainMD5, .ldapMD5: Array(Insecure.MD5.hash(data: data))
        default: preconditionFailure("\(scheme) is not a plain digest scheme")
        }
    }

    /// Decodes a binary hash in its declared encoding; like Dovecot, a hash in the other
    /// encoding is accepted when its length only fits that one.
    private static func decodeBinary(
        _ stored: StoredPassword,
        exactLength: Int? = nil,
        minimumLength: Int? = nil
    ) -> [UInt8]? {
        let declared = stored.format.effectiveEncoding
        let candidates: [PasswordEncoding] = declared == .hex ? [.hex, .base64] : [declared, .hex]
        for encoding in candidates {
            guard let bytes = encoding.decode(stored.payload) else { continue }
            if let exactLength, bytes.count != exactLength { continue }
            if let minimumLength, bytes.count < minimumLength { continue }
            return bytes
        }
        return nil
    }

    private static func crypt(_ password: String, prefix: String, count: Int, format: PasswordFormat) throws -> String {
        guard let setting = CryptPrimitives.gensalt(prefix: prefix, count: UInt(count)),
            let hashed = CryptPrimitives.crypt(password: password, setting: setting)
        else { throw PasswordHashingFailed(format: format) }
        return hashed
    }

    private static func argon2(
        _ password: String,
        ops: Int,
        memory: Int,
        argon2id: Bool,
        format: PasswordFormat
    ) throws -> String {
        guard
            let hashed = CryptPrimitives.argon2Hash(
                password: password,
                opsLimit: UInt64(ops),
                memoryBytes: memory,
                argon2id: argon2id
            )
        else { throw PasswordHashingFailed(format: format) }
        return hashed
    }
}
