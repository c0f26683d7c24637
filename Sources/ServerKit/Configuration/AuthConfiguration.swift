/// How clients authenticate: the password policy, SASL mechanisms, and the password and user databases.
public struct AuthConfiguration: Sendable, Hashable {
    /// When plain-text passwords (LOGIN, AUTHENTICATE PLAIN/LOGIN) are accepted.
    public enum PlaintextPolicy: String, Sendable, Hashable, CaseIterable {
        /// Only over TLS (Dovecot's `auth_allow_cleartext = no`).
        case requireTLS = "require_tls"
        /// Over TLS, or without TLS from a loopback address.
        case allowLoopback = "allow_loopback"
        /// Always, also without TLS (only behind a trusted TLS-terminating proxy).
        case allow
    }

    /// A SASL mechanism offered to clients.
    public enum Mechanism: String, Sendable, Hashable, CaseIterable {
        case plain
        case login
        case scramSHA256 = "scram-sha-256"
        case scramSHA1 = "scram-sha-1"
        case cramMD5 = "cram-md5"
    }

    /// The delay after a failed login, doubling from `initial` up to `max` for repeated failures.
    public struct FailureDelay: Sendable, Hashable {
        /// The delay after the first failure.
        public var initial: Duration
        /// The longest delay.
        public var max: Duration

        /// Creates a failure delay.
        public init(initial: Duration, max: Duration) {
            self.initial = initial
            self.max = max
        }
    }

    /// Password schemes `columba user add` and `columba pw` can write (Dovecot's names).
    public static let passwordSchemes = [
        "ARGON2ID", "ARGON2I", "BLF-CRYPT", "SHA512-CRYPT", "SHA256-CRYPT", "PBKDF2", "SSHA512", "SSHA256",
        "SSHA", "SCRAM-SHA-256", "SCRAM-SHA-1", "CRAM-MD5",
    ]

    /// When plain-text passwords are accepted.
    public var plaintext: PlaintextPolicy
    /// Mechanisms offered, in the order given.
    public var mechanisms: [Mechanism]
    /// The scheme new passwords are hashed with, one of ``passwordSchemes``.
    public var defaultScheme: String
    /// How long successful and failed lookups are cached; zero disables the cache.
    public var cacheTTL: Duration
    /// The delay after failed logins.
    public var failureDelay: FailureDelay
    /// Where passwords are checked.
    public var passdb: DatabaseConfiguration
    /// Where user attributes (home, quota, …) are looked up.
    public var userdb: DatabaseConfiguration

    /// Creates an auth configuration.
    public init(
        plaintext: PlaintextPolicy,
        mechanisms: [Mechanism],
        defaultScheme: String,
        cacheTTL: Duration,
        failureDelay: FailureDelay,
        passdb: DatabaseConfiguration,
        userdb: DatabaseConfiguration
    ) {
        self.plaintext = plaintext
        self.mechanisms = mechanisms
        self.defaultScheme = defaultScheme
        self.cacheTTL = cacheTTL
        self.failureDelay = failureDelay
        self.passdb = passdb
        self.userdb = userdb
    }
}
