import Crypto

/// The hash function of a SCRAM variant (RFC 5802, RFC 7677).
public enum SCRAMAlgorithm: String, Sendable, Hashable, CaseIterable {
    case sha1 = "SHA-1"
    case sha256 = "SHA-256"

    /// The scheme that stores SCRAM keys for this hash.
    public var scheme: PasswordScheme {
        switch self {
        case .sha1: .scramSHA1
        case .sha256: .scramSHA256
        }
    }

    var digestLength: Int {
        switch self {
        case .sha1: Insecure.SHA1.byteCount
        case .sha256: SHA256.byteCount
        }
    }

    func hash(_ data: [UInt8]) -> [UInt8] {
        switch self {
        case .sha1: Array(Insecure.SHA1.hash(data: data))
        case .sha256: Array(SHA256.hash(data: data))
        }
    }

    func hmac(key: [UInt8], _ data: [UInt8]) -> [UInt8] {
        let symmetricKey = SymmetricKey(data: key)
        switch self {
        case .sha1: return Array(HMAC<Insecure.SHA1>.authenticationCode(for: data, using: symmetricKey))
        case .sha256: return Array(HMAC<SHA256>.authenticationCode(for: data, using: symmetricKey))
        }
    }

    /// `Hi()` of RFC 5802 section 2.2: PBKDF2 with this hash's HMAC.
    func saltedPassword(_ password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        CryptPrimitives.pbkdf2(
            sha256: self == .sha256,
            password: password,
            salt: salt,
            iterations: iterations,
            length: digestLength
        )
    }
}
