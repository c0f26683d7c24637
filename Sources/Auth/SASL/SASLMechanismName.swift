/// A SASL mechanism Columba's server side implements.
public enum SASLMechanismName: String, Sendable, Hashable, CaseIterable {
    case plain = "PLAIN"
    case login = "LOGIN"
    case cramMD5 = "CRAM-MD5"
    case scramSHA1 = "SCRAM-SHA-1"
    case scramSHA256 = "SCRAM-SHA-256"
    /// SCRAM-SHA-1 with TLS channel binding; offered only where the connection provides binding data.
    case scramSHA1Plus = "SCRAM-SHA-1-PLUS"
    /// SCRAM-SHA-256 with TLS channel binding; offered only where the connection provides binding data.
    case scramSHA256Plus = "SCRAM-SHA-256-PLUS"

    /// Looks a mechanism up by its name as a client sends it (any case).
    public init?(name: String) {
        self.init(rawValue: name.uppercased())
    }

    /// Whether the client sends the password itself (refused on unsecured connections by policy).
    public var isPlaintext: Bool {
        self == .plain || self == .login
    }

    /// Whether the mechanism needs TLS channel binding data (the -PLUS variants).
    public var usesChannelBinding: Bool {
        self == .scramSHA1Plus || self == .scramSHA256Plus
    }

    /// Whether a password stored in `scheme` can serve this mechanism: plaintext mechanisms
    /// work with any scheme, SCRAM needs the same SCRAM hash or a plaintext password, CRAM-MD5
    /// needs a CRAM-MD5 context or a plaintext password.
    public func isSupported(by scheme: PasswordScheme) -> Bool {
        switch self {
        case .plain, .login: true
        case .cramMD5: scheme == .cramMD5 || scheme == .plain
        case .scramSHA1, .scramSHA1Plus: scheme == .scramSHA1 || scheme == .plain
        case .scramSHA256, .scramSHA256Plus: scheme == .scramSHA256 || scheme == .plain
        }
    }
}
