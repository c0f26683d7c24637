/// Settings of an ``Authenticator``.
public struct AuthConfiguration: Sendable, Hashable {
    /// Mechanisms offered, in the order advertised (Dovecot's `auth_mechanisms`).
    public var mechanisms: [SASLMechanismName]
    /// When plaintext mechanisms are allowed.
    public var plaintextPolicy: PlaintextPolicy
    /// The failure delay.
    public var penalty: FailurePenaltyPolicy
    /// The lookup cache.
    public var cache: CachePolicy
    /// The host name in CRAM-MD5 challenges.
    public var hostname: String
    /// PBKDF2 iterations when SCRAM credentials are derived from a `{PLAIN}` password.
    public var scramIterations: Int
    /// Lower-case usernames before lookups (Dovecot's default `auth_username_format = %Lu`).
    public var lowercaseUsernames: Bool
    /// Characters a username may contain (Dovecot's `auth_username_chars`); `nil` allows any.
    /// Other usernames fail like a wrong password, without reaching a backend.
    public var usernameCharacters: Set<Character>?

    /// Dovecot's default `auth_username_chars`.
    public static let dovecotUsernameCharacters = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01234567890.-_@"
    )

    /// Creates a configuration. Defaults: PLAIN and LOGIN, plaintext allowed over TLS or
    /// loopback, Dovecot's 2 s → 15 s penalty, a 5 minute cache, Dovecot's username rules.
    public init(
        mechanisms: [SASLMechanismName] = [.plain, .login],
        plaintextPolicy: PlaintextPolicy = .allowLoopback,
        penalty: FailurePenaltyPolicy = .init(),
        cache: CachePolicy = .init(),
        hostname: String = "localhost",
        scramIterations: Int = 4096,
        lowercaseUsernames: Bool = true,
        usernameCharacters: Set<Character>? = AuthConfiguration.dovecotUsernameCharacters
    ) {
        self.mechanisms = mechanisms
        self.plaintextPolicy = plaintextPolicy
        self.penalty = penalty
        self.cache = cache
        self.hostname = hostname
        self.scramIterations = scramIterations
        self.lowercaseUsernames = lowercaseUsernames
        self.usernameCharacters = usernameCharacters
    }
}
