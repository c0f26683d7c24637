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

/// A TTL cache for passdb/userdb answers and password verification results. I/O-free:
/// the caller passes the time.
struct LookupCache<Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        var value: Value?
        var expires: Duration
    }

    let policy: CachePolicy
    private var entries: [String: Entry] = [:]

    init(policy: CachePolicy) {
        self.policy = policy
    }

    /// `.some(value)` for a fresh hit (where `value` is `nil` for a cached negative), `nil` for a miss.
    func lookup(_ key: String, now: Duration) -> Value?? {
        guard let entry = entries[key], entry.expires > now else { return nil }
        return .some(entry.value)
    }

    mutating func store(_ value: Value?, for key: String, now: Duration) {
        let ttl = value == nil ? policy.negativeTTL : policy.ttl
        guard ttl > .zero else { return }
        if entries.count >= policy.maximumEntries {
            entries = entries.filter { $0.value.expires > now }
            if entries.count >= policy.maximumEntries { entries.removeAll() }
        }
        entries[key] = Entry(value: value, expires: now + ttl)
    }

    mutating func removeAll() {
        entries.removeAll()
    }
}
