/// The result of a successful login.
public struct AuthenticatedUser: Sendable, Hashable {
    /// The canonical username.
    public var username: String
    /// The userdb record (home, mail location, quota, replica, director host, overrides).
    public var record: UserRecord
    /// Passdb extra fields other than `userdb_*` (`proxy`, `host`, `nologin`, …).
    public var passdbFields: [String: String]
    /// Whether the session must be proxied to ``proxyHost`` instead of served here.
    public var proxy: Bool
    /// The proxy or director destination.
    public var proxyHost: String?

    /// Creates a result.
    public init(
        username: String,
        record: UserRecord,
        passdbFields: [String: String] = [:],
        proxy: Bool = false,
        proxyHost: String? = nil
    ) {
        self.username = username
        self.record = record
        self.passdbFields = passdbFields
        self.proxy = proxy
        self.proxyHost = proxyHost
    }
}
