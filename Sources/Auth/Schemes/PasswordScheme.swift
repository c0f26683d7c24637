/// A password scheme as Dovecot names it inside `{…}`.
public enum PasswordScheme: String, Sendable, CaseIterable, Hashable {
    case sha512Crypt = "SHA512-CRYPT"
    case sha256Crypt = "SHA256-CRYPT"
    case blfCrypt = "BLF-CRYPT"
    case md5Crypt = "MD5-CRYPT"
    /// Whatever crypt(3) understands; new hashes are bcrypt like Dovecot 2.3 writes them.
    case crypt = "CRYPT"
    case argon2id = "ARGON2ID"
    case argon2i = "ARGON2I"
    case scramSHA256 = "SCRAM-SHA-256"
    case scramSHA1 = "SCRAM-SHA-1"
    case ssha512 = "SSHA512"
    case ssha256 = "SSHA256"
    case ssha = "SSHA"
    case sha512 = "SHA512"
    case sha256 = "SHA256"
    case sha1 = "SHA1"
    case smd5 = "SMD5"
    /// Unsalted MD5 in hex; legacy, verification only makes sense for migrated databases.
    case plainMD5 = "PLAIN-MD5"
    /// Unsalted MD5 in base64 (RFC 2307 `{MD5}` as LDAP writes it).
    case ldapMD5 = "LDAP-MD5"
    case cramMD5 = "CRAM-MD5"
    case plain = "PLAIN"

    /// Looks a scheme up by name, accepting Dovecot's aliases (`CLEAR`, `CLEARTEXT`, `SHA`,
    /// `MD5`, `HMAC-MD5`) in any case.
    /// - Parameter name: the scheme name without braces or encoding suffix.
    public init?(name: String) {
        let upper = name.uppercased()
        if let scheme = PasswordScheme(rawValue: upper) {
            self = scheme
            return
        }
        switch upper {
        case "CLEAR", "CLEARTEXT": self = .plain
        case "SHA": self = .sha1
        case "MD5": self = .md5Crypt
        case "HMAC-MD5": self = .cramMD5
        default: return nil
        }
    }

    /// The encoding Dovecot uses for this scheme's binary hash when no suffix is given.
    var defaultEncoding: PasswordEncoding {
        switch self {
        case .ssha512, .ssha256, .ssha, .sha512, .sha256, .sha1, .smd5, .ldapMD5: .base64
        case .cramMD5, .plainMD5: .hex
        default: .none
        }
    }

    /// Whether verification runs a deliberately slow function (crypt, argon2, PBKDF2).
    var isSlow: Bool {
        switch self {
        case .sha512Crypt, .sha256Crypt, .blfCrypt, .md5Crypt, .crypt, .argon2id, .argon2i, .scramSHA256, .scramSHA1:
            true
        default:
            false
        }
    }
}
