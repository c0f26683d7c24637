/// How long lookups are remembered.
public struct CachePolicy: Sendable, Hashable {
    /// How long a found user (and a password verification result) is remembered; `.zero` disables the cache.
    public var ttl: Duration
    /// How long "no such user" is remembered.
    public var negativeTTL: Duration
    /// The most entries kept; the cache is cleared when it overflows.
    public var maximumEntries: Int

    /// Creates a policy.
    public init(ttl: Duration = .seconds(300), negativeTTL: Duration = .seconds(30), maximumEntries: Int = 10_000) {
        self.ttl = ttl
        self.negativeTTL = negativeTTL
        self.maximumEntries = maximumEntries
    }

    /// No caching.
    public static let disabled = CachePolicy(ttl: .zero, negativeTTL: .zero)
}
