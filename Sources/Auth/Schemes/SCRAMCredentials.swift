/// What a SCRAM server needs to know about a password (RFC 5802 section 3), as Dovecot
/// stores it: `{SCRAM-SHA-256}iterations,salt,StoredKey,ServerKey` with base64 parts.
public struct SCRAMCredentials: Sendable, Hashable {
    /// The hash this credential is for.
    public var algorithm: SCRAMAlgorithm
    /// PBKDF2 iteration count.
    public var iterations: Int
    /// The salt.
    public var salt: [UInt8]
    /// `H(ClientKey)`.
    public var storedKey: [UInt8]
    /// `HMAC(SaltedPassword, "Server Key")`.
    public var serverKey: [UInt8]

    /// Creates credentials from their parts.
    public init(algorithm: SCRAMAlgorithm, iterations: Int, salt: [UInt8], storedKey: [UInt8], serverKey: [UInt8]) {
        self.algorithm = algorithm
        self.iterations = iterations
        self.salt = salt
        self.storedKey = storedKey
        self.serverKey = serverKey
    }

    /// Derives credentials from a plaintext password. Slow: runs PBKDF2.
    /// - Parameters:
    ///   - password: the plaintext password (UTF-8, not SASLprepped, as Dovecot does).
    ///   - algorithm: the SCRAM hash.
    ///   - salt: the salt.
    ///   - iterations: the PBKDF2 iteration count.
    public init(password: String, algorithm: SCRAMAlgorithm, salt: [UInt8], iterations: Int) {
        let salted = algorithm.saltedPassword(Array(password.utf8), salt: salt, iterations: iterations)
        let clientKey = algorithm.hmac(key: salted, Array("Client Key".utf8))
        self.init(
            algorithm: algorithm,
            iterations: iterations,
            salt: salt,
            storedKey: algorithm.hash(clientKey),
            serverKey: algorithm.hmac(key: salted, Array("Server Key".utf8))
        )
    }

    /// Parses Dovecot's stored payload `iterations,salt,StoredKey,ServerKey`; `nil` when malformed.
    /// - Parameters:
    ///   - payload: the text after `{SCRAM-SHA-…}`.
    ///   - algorithm: the SCRAM hash named by the prefix.
    public init?(payload: String, algorithm: SCRAMAlgorithm) {
        let parts = payload.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4,
            let iterations = Int(parts[0]), iterations > 0,
            let salt = ByteEncoding.fromBase64(parts[1]),
            let storedKey = ByteEncoding.fromBase64(parts[2]),
            let serverKey = ByteEncoding.fromBase64(parts[3]),
            storedKey.count == algorithm.digestLength,
            serverKey.count == algorithm.digestLength
        else { return nil }
        self.init(algorithm: algorithm, iterations: iterations, salt: salt, storedKey: storedKey, serverKey: serverKey)
    }

    /// Dovecot's stored payload (without the `{SCHEME}` prefix).
    public var payload: String {
        "\(iterations),\(ByteEncoding.base64(salt)),\(ByteEncoding.base64(storedKey)),\(ByteEncoding.base64(serverKey))"
    }
}
